"""The binary encoding: ``'B' 'F' | version u8 | type u8 | length u16 | payload | CRC-32C u32``.

Little-endian throughout, floats IEEE-754 binary32, the CRC-32C taken over header and payload.
:func:`encode` makes one frame; :class:`BinaryDecoder` is a push decoder that never raises on bad
input: it yields :class:`~backflush_hil.messages.DecodeError` items and resynchronises on the magic.
"""

from __future__ import annotations

import math
import struct
from typing import Dict, Optional

from ._stream import StreamBuffer
from .crc32c import crc32c
from .messages import (
    MAX_TEXT_BYTES, MIN_VERSION, VERSION, Ack, Actuators, Bye, Decoded, Error, ErrorCode, Fault, GetStats, Hello,
    HelloAck, PAYLOADLESS, STATS_FIELDS, Message, MessageType, Pause, Reset, Restore, Resume, RunTo, Sensors, Snapshot, Stats,
    Step,
)

MAGIC = b"BF"
HEADER_BYTES = 6
CRC_BYTES = 4
MAX_PAYLOAD_BYTES = 256
MAX_FRAME_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES + CRC_BYTES

_HEADER = struct.Struct("<2sBBH")
_CRC = struct.Struct("<I")
_HELLO = struct.Struct("<BBBBI")
_HELLO_ACK = struct.Struct("<BBHII")
_SENSORS_V1 = struct.Struct("<IQffffIffHHhhHBB")
_SENSORS = struct.Struct("<IQffffIffHHhhHBBHH")
_STATS = struct.Struct("<10I")
_ACTUATORS = struct.Struct("<IQffBBH")
_U8 = struct.Struct("<B")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
_ACK = struct.Struct("<BBI")
_ERROR_HEAD = struct.Struct("<HI")

FIXED_PAYLOAD_BYTES: Dict[int, int] = {
    MessageType.HELLO: _HELLO.size,
    MessageType.HELLO_ACK: _HELLO_ACK.size,
    MessageType.SENSORS: _SENSORS.size,
    MessageType.GET_STATS: 0,
    MessageType.STATS: _STATS.size,
    MessageType.ACTUATORS: _ACTUATORS.size,
    MessageType.PAUSE: 0,
    MessageType.RESUME: 0,
    MessageType.BYE: 0,
    MessageType.STEP: 4,
    MessageType.RUN_TO: 8,
    MessageType.RESET: 12,
    MessageType.SNAPSHOT: 1,
    MessageType.RESTORE: 1,
    MessageType.ACK: _ACK.size,
}
"""Payload bytes of every fixed-size type in version 2 (fault and error frames vary)."""

FIXED_PAYLOAD_BYTES_V1: Dict[int, int] = {**FIXED_PAYLOAD_BYTES, MessageType.SENSORS: _SENSORS_V1.size,
                                          MessageType.RESET: 8}
"""The same in version 1 (only the sensor frame differs)."""

_FLOAT32_MAX = 3.4028234663852886e38
_U64_MASK = (1 << 64) - 1


def _f32(x: float) -> float:
    """``x`` made packable as binary32: a finite value beyond its range becomes an infinity."""
    x = float(x)
    if math.isfinite(x) and abs(x) > _FLOAT32_MAX:
        return math.copysign(math.inf, x)
    return x


def _check(name: str, value: int, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be {lo}..{hi}, got {value}")
    return value


def utf8_cut(text: str, limit: int = MAX_TEXT_BYTES) -> bytes:
    """UTF-8 bytes of ``text``, cut to ``limit`` bytes on a character boundary."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return data
    n = limit
    while n > 0 and (data[n] & 0xC0) == 0x80:
        n -= 1
    return data[:n]


def fault_spec_bytes(spec: str) -> bytes:
    data = spec.encode("utf-8")
    if not 1 <= len(data) <= MAX_TEXT_BYTES or not spec.strip():
        raise ValueError(f"a fault spec must be 1..{MAX_TEXT_BYTES} bytes of UTF-8 and not blank, got {len(data)} bytes")
    return data


def payload(message: Message, version: int = VERSION) -> bytes:
    """The payload bytes of ``message`` in protocol ``version`` (no header, no CRC)."""
    m = message
    if isinstance(m, Hello):
        return _HELLO.pack(_check("min_version", m.min_version, 0, 255), _check("max_version", m.max_version, 0, 255),
                           1 if m.raw else 0, 0, _check("dt_us", m.dt_us, 0, 0xFFFFFFFF))
    if isinstance(m, HelloAck):
        return _HELLO_ACK.pack(_check("version", m.version, 0, 255), 1 if m.raw else 0, 0,
                               _check("dt_us", m.dt_us, 0, 0xFFFFFFFF), _check("session", m.session, 0, 0xFFFFFFFF))
    if isinstance(m, Sensors):
        v1 = _SENSORS_V1.pack(
            _check("seq", m.seq, 0, 0xFFFFFFFF), _check("t_us", m.t_us, 0, _U64_MASK), _f32(m.group_bar),
            _f32(m.line_bar), _f32(m.boiler_c), _f32(m.group_c), _check("flow_pulses", m.flow_pulses, 0, 0xFFFFFFFF),
            _f32(m.tank_ml), _f32(m.drip_ml), _check("status", m.status, 0, 0xFFFF),
            _check("raw_pressure_counts", m.raw_pressure_counts, 0, 0xFFFF),
            _check("raw_boiler_tc_q", m.raw_boiler_tc_q, -0x8000, 0x7FFF),
            _check("raw_group_tc_q", m.raw_group_tc_q, -0x8000, 0x7FFF),
            _check("raw_zero_cross", m.raw_zero_cross, 0, 0xFFFF), _check("raw_heater_on", m.raw_heater_on, 0, 1), 0)
        if version < 2:
            return v1
        return v1 + struct.pack("<HH", _check("raw_group_counts", m.raw_group_counts, 0, 0xFFFF),
                                _check("raw_line_counts", m.raw_line_counts, 0, 0xFFFF))
    if isinstance(m, Stats):
        return _STATS.pack(*(_check(name, getattr(m, name), 0, 0xFFFFFFFF) for name in STATS_FIELDS))
    if isinstance(m, Actuators):
        return _ACTUATORS.pack(_check("seq", m.seq, 0, 0xFFFFFFFF), _check("t_us", m.t_us, 0, _U64_MASK),
                               _f32(m.pump), _f32(m.heater), 1 if m.solenoid else 0, 0, 0)
    if isinstance(m, (Pause, Resume, Bye, GetStats)):
        return b""
    if isinstance(m, Step):
        return _U32.pack(_check("n", m.n, 0, 0xFFFFFFFF))
    if isinstance(m, RunTo):
        return _U64.pack(_check("t_us", m.t_us, 0, _U64_MASK))
    if isinstance(m, Reset):
        # 64 bits either way: a negative seed is sent as its two's complement
        seed = _U64.pack(_check("seed", m.seed, -(1 << 63), _U64_MASK) & _U64_MASK)
        if version < 2:
            return seed
        return seed + struct.pack("<BBH", _check("start", m.start, 0, 2), 0, 0)
    if isinstance(m, (Snapshot, Restore)):
        return _U8.pack(_check("slot", m.slot, 0, 7))
    if isinstance(m, Fault):
        return fault_spec_bytes(m.spec)
    if isinstance(m, Ack):
        return _ACK.pack(_check("of", m.of, 0, 255), 0, _check("value", m.value, 0, 0xFFFFFFFF))
    if isinstance(m, Error):
        return _ERROR_HEAD.pack(_check("code", m.code, 0, 0xFFFF), _check("count", m.count, 0, 0xFFFFFFFF)) \
            + utf8_cut(m.message)
    raise TypeError(f"not a protocol message: {m!r}")


def frame(type_byte: int, body: bytes, version: int = MIN_VERSION) -> bytes:
    """A whole frame of any type byte and payload (tests use it to make bad frames too)."""
    if len(body) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"payload of {len(body)} bytes is over {MAX_PAYLOAD_BYTES}")
    head = _HEADER.pack(MAGIC, version, type_byte, len(body)) + body
    return head + _CRC.pack(crc32c(head))


def encode(message: Message, version: int = MIN_VERSION) -> bytes:
    """One binary frame carrying ``message`` in protocol ``version`` (its header says which).

    Version 1 by default: every message a client sends is the same in both versions, and a v1
    header is what an older server accepts."""
    return frame(message.TYPE, payload(message, version), version)


class BinaryDecoder(StreamBuffer):
    """Decodes a byte stream of binary frames: :meth:`feed` bytes, then :meth:`next` until None.

    A bad magic skips up to the next ``B``; a bad CRC, an over-long length, or a length wrong for a
    fixed-size type (checked as soon as the header is in, so a bad length cannot swallow the frames
    after it) skips the magic and resynchronises; a bad version, unknown type or bad field drops
    the frame. Each yields a :class:`DecodeError` with the stream offset of the frame.
    """

    def next(self) -> Optional[Decoded]:
        """The next message or decode error, or None when more bytes are needed."""
        buf = self._buf
        p = self._pos
        avail = len(buf) - p
        if avail == 0:
            return None
        at = self._offset + p
        if buf[p] != 0x42:
            nxt = buf.find(b"B", p + 1)
            skip = (len(buf) if nxt < 0 else nxt) - p
            self._pos += skip
            return self._error(ErrorCode.BAD_MAGIC, at, f"bad magic: skipped {skip} byte{'' if skip == 1 else 's'}")
        if avail < 2:
            return None
        if buf[p + 1] != 0x46:
            self._pos += 1
            return self._error(ErrorCode.BAD_MAGIC, at, "bad magic")
        if avail < HEADER_BYTES:
            return None
        _, version, type_byte, length = _HEADER.unpack_from(buf, p)
        if length > MAX_PAYLOAD_BYTES:
            self._pos += 2
            return self._error(ErrorCode.BAD_LENGTH, at, f"payload length {length} over {MAX_PAYLOAD_BYTES}")
        want = (FIXED_PAYLOAD_BYTES_V1 if version == 1 else FIXED_PAYLOAD_BYTES).get(type_byte)
        if MIN_VERSION <= version <= VERSION and want is not None and length != want:
            self._pos += 2
            return self._error(ErrorCode.BAD_LENGTH, at,
                               f"type 0x{type_byte:02x} needs a {want}-byte payload, got {length}")
        total = HEADER_BYTES + length + CRC_BYTES
        if avail < total:
            return None
        end = p + HEADER_BYTES + length
        (expected,) = _CRC.unpack_from(buf, end)
        if crc32c(bytes(buf[p:end])) != expected:
            self._pos += 2
            return self._error(ErrorCode.BAD_CRC, at, "CRC-32C mismatch")
        body = bytes(buf[p + HEADER_BYTES:end])
        self._pos += total
        if not MIN_VERSION <= version <= VERSION:
            return self._error(ErrorCode.BAD_VERSION, at,
                               f"frame version {version}, this client speaks {MIN_VERSION}..{VERSION}")
        return self._message(type_byte, body, at)

    def _message(self, t: int, b: bytes, at: int) -> Decoded:
        if t == MessageType.SENSORS:
            if len(b) == _SENSORS_V1.size:
                return Sensors(*_SENSORS_V1.unpack(b)[:15])
            v = _SENSORS.unpack(b)
            return Sensors(*v[:15], *v[16:])
        if t == MessageType.STATS:
            return Stats(*_STATS.unpack(b))
        if t == MessageType.ACK:
            of, _, value = _ACK.unpack(b)
            return Ack(of, value)
        if t == MessageType.ACTUATORS:
            seq, t_us, pump, heater, solenoid, _, _ = _ACTUATORS.unpack(b)
            if solenoid > 1:
                return self._error(ErrorCode.BAD_PAYLOAD, at, f"actuators: solenoid must be 0 or 1, got {solenoid}")
            return Actuators(seq, t_us, pump, heater, solenoid == 1)
        if t == MessageType.HELLO:
            lo, hi, flags, _, dt = _HELLO.unpack(b)
            if lo > hi:
                return self._error(ErrorCode.BAD_PAYLOAD, at, f"hello: min version {lo} above max {hi}")
            return Hello(lo, hi, bool(flags & 1), dt)
        if t == MessageType.HELLO_ACK:
            version, flags, _, dt, session = _HELLO_ACK.unpack(b)
            return HelloAck(version, bool(flags & 1), dt, session)
        if t in PAYLOADLESS:
            return PAYLOADLESS[t]
        if t == MessageType.STEP:
            return Step(_U32.unpack(b)[0])
        if t == MessageType.RUN_TO:
            return RunTo(_U64.unpack(b)[0])
        if t == MessageType.RESET:
            if len(b) == 8:
                return Reset(_U64.unpack(b)[0])
            seed, start, _, _ = struct.unpack("<QBBH", b)
            if start > 2:
                return self._error(ErrorCode.BAD_PAYLOAD, at, f"reset: start must be 0..2, got {start}")
            return Reset(seed, start)
        if t in (MessageType.SNAPSHOT, MessageType.RESTORE):
            slot = b[0]
            if slot > 7:
                return self._error(ErrorCode.BAD_PAYLOAD, at, f"snapshot slot must be 0..7, got {slot}")
            return Snapshot(slot) if t == MessageType.SNAPSHOT else Restore(slot)
        if t == MessageType.FAULT:
            if not 1 <= len(b) <= MAX_TEXT_BYTES:
                return self._error(ErrorCode.BAD_LENGTH, at, f"fault spec must be 1..{MAX_TEXT_BYTES} bytes, got {len(b)}")
            try:
                return Fault(b.decode("utf-8"))
            except UnicodeDecodeError:
                return self._error(ErrorCode.BAD_PAYLOAD, at, "fault spec is not UTF-8")
        if t == MessageType.ERROR:
            if not _ERROR_HEAD.size <= len(b) <= _ERROR_HEAD.size + MAX_TEXT_BYTES:
                return self._error(ErrorCode.BAD_LENGTH, at, f"error frame payload must be 6..{6 + MAX_TEXT_BYTES} bytes, "
                                                             f"got {len(b)}")
            code, count = _ERROR_HEAD.unpack_from(b)
            try:
                return Error(code, count, b[_ERROR_HEAD.size:].decode("utf-8"))
            except UnicodeDecodeError:
                return self._error(ErrorCode.BAD_PAYLOAD, at, "error text is not UTF-8")
        return self._error(ErrorCode.UNKNOWN_TYPE, at, f"unknown frame type 0x{t:02x}")


__all__ = ["MAGIC", "HEADER_BYTES", "CRC_BYTES", "MAX_PAYLOAD_BYTES", "MAX_FRAME_BYTES", "FIXED_PAYLOAD_BYTES",
           "encode", "payload", "frame", "BinaryDecoder", "utf8_cut"]
