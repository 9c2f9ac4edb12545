"""The JSON-lines encoding: one object per line, ``"type"`` naming the message.

Keys are the binary fields in snake_case, with the differences docs/protocol.md lists: the hello's
flags are ``"raw"`` (a boolean), an ack names its message in ``"of"`` (a type name), an error
carries ``"count"`` and ``"message"``, the solenoid is a boolean. Non-finite numbers are ``null``.
Lines are at most 4096 bytes; ``\\r\\n`` is accepted.
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Optional, Tuple

from ._stream import StreamBuffer
from .binary import fault_spec_bytes, utf8_cut
from .messages import (
    MAX_TEXT_BYTES, VERSION, Ack, Actuators, Bye, Decoded, Error, ErrorCode, Fault, GetStats, Hello, HelloAck, Message,
    PAYLOADLESS, START_NAMES, STATS_FIELDS, MessageType, Pause, Reset, Restore, Resume, RunTo, Sensors, Snapshot, Stats, Status,
    Step,
)

MAX_LINE_BYTES = 4096

_U32 = 0xFFFFFFFF
_I64_MIN = -(1 << 63)
_I64_MAX = (1 << 63) - 1


def _num(x: float) -> Optional[float]:
    x = float(x)
    return x if math.isfinite(x) else None


def _signed64(seed: int) -> int:
    """The server reads a JSON seed as a signed 64-bit integer: send seeds of 2**63 and up as such."""
    seed &= (1 << 64) - 1
    return seed - (1 << 64) if seed > _I64_MAX else seed


def to_dict(message: Message, version: int = VERSION) -> Dict[str, Any]:
    """The JSON object of ``message`` in protocol ``version`` (key order as in docs/protocol.md)."""
    m = message
    d: Dict[str, Any] = {"type": m.TYPE.json_name}
    if isinstance(m, Hello):
        d.update(min_version=m.min_version, max_version=m.max_version, raw=bool(m.raw), dt_us=m.dt_us)
    elif isinstance(m, HelloAck):
        d.update(version=m.version, raw=bool(m.raw), dt_us=m.dt_us, session=m.session)
    elif isinstance(m, Sensors):
        d.update(seq=m.seq, t_us=m.t_us, group_bar=_num(m.group_bar))
        d["line_bar" if version >= 2 else "pump_bar"] = _num(m.line_bar)
        d.update(boiler_c=_num(m.boiler_c), group_c=_num(m.group_c), flow_pulses=m.flow_pulses,
                 tank_ml=_num(m.tank_ml), drip_ml=_num(m.drip_ml), status=m.status)
        if m.status & Status.RAW:
            d.update(raw_pressure_counts=m.raw_pressure_counts, raw_boiler_tc_q=m.raw_boiler_tc_q,
                     raw_group_tc_q=m.raw_group_tc_q, raw_zero_cross=m.raw_zero_cross, raw_heater_on=m.raw_heater_on)
            if version >= 2:
                d.update(raw_group_counts=m.raw_group_counts, raw_line_counts=m.raw_line_counts)
    elif isinstance(m, Stats):
        d.update({name: getattr(m, name) for name in STATS_FIELDS})
    elif isinstance(m, Actuators):
        d.update(seq=m.seq, t_us=m.t_us, pump=_num(m.pump), heater=_num(m.heater), solenoid=bool(m.solenoid))
    elif isinstance(m, Step):
        d["n"] = m.n
    elif isinstance(m, RunTo):
        d["t_us"] = m.t_us
    elif isinstance(m, Reset):
        d["seed"] = _signed64(m.seed)
        if version >= 2:
            d["start"] = START_NAMES[m.start]
    elif isinstance(m, (Snapshot, Restore)):
        d["slot"] = m.slot
    elif isinstance(m, Fault):
        fault_spec_bytes(m.spec)
        d["spec"] = m.spec
    elif isinstance(m, Ack):
        d.update(of=MessageType(m.of).json_name, value=m.value)
    elif isinstance(m, Error):
        d.update(code=m.code, count=m.count, message=utf8_cut(m.message).decode("utf-8"))
    elif not isinstance(m, (Pause, Resume, Bye, GetStats)):
        raise TypeError(f"not a protocol message: {m!r}")
    return d


def encode(message: Message, version: int = VERSION) -> bytes:
    """One JSON line (with its newline) carrying ``message`` in protocol ``version``."""
    line = json.dumps(to_dict(message, version), separators=(",", ":"), allow_nan=False, ensure_ascii=False).encode("utf-8")
    if len(line) > MAX_LINE_BYTES:
        raise ValueError(f"a JSON line of {len(line)} bytes is over {MAX_LINE_BYTES}")
    return line + b"\n"


class _FieldError(Exception):
    pass


_REQUIRED: Any = object()


def _int(d: Dict[str, Any], key: str, lo: int, hi: int, default: Any = _REQUIRED) -> int:
    v = d.get(key)
    if v is None:
        if default is _REQUIRED:
            raise _FieldError(f'missing "{key}"')
        return int(default)
    if isinstance(v, bool) or not isinstance(v, int):
        raise _FieldError(f'"{key}" must be an integer')
    if not lo <= v <= hi:
        raise _FieldError(f'"{key}" must be {lo}..{hi}, got {v}')
    return v


def _float(d: Dict[str, Any], key: str) -> float:
    if key not in d:
        raise _FieldError(f'missing "{key}"')
    v = d[key]
    if v is None:
        return math.nan
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _FieldError(f'"{key}" must be a number')
    return float(v)


def _bool(d: Dict[str, Any], key: str, default: Optional[bool] = None) -> bool:
    v = d.get(key)
    if v is None:
        if default is None:
            raise _FieldError(f'missing "{key}"')
        return default
    if not isinstance(v, bool):
        raise _FieldError(f'"{key}" must be true or false')
    return v


def _message(t: MessageType, d: Dict[str, Any]) -> Message:
    if t == MessageType.SENSORS:
        # a line carries no version: v2 names the line "line_bar", v1 "pump_bar"
        return Sensors(_int(d, "seq", 0, _U32), _int(d, "t_us", 0, _I64_MAX), _float(d, "group_bar"),
                       _float(d, "line_bar" if "line_bar" in d else "pump_bar"), _float(d, "boiler_c"),
                       _float(d, "group_c"), _int(d, "flow_pulses", 0, _U32), _float(d, "tank_ml"),
                       _float(d, "drip_ml"), _int(d, "status", 0, 0xFFFF, 0), _int(d, "raw_pressure_counts", 0, 0xFFFF, 0),
                       _int(d, "raw_boiler_tc_q", -0x8000, 0x7FFF, 0), _int(d, "raw_group_tc_q", -0x8000, 0x7FFF, 0),
                       _int(d, "raw_zero_cross", 0, 0xFFFF, 0), _int(d, "raw_heater_on", 0, 1, 0),
                       _int(d, "raw_group_counts", 0, 0xFFFF, 0), _int(d, "raw_line_counts", 0, 0xFFFF, 0))
    if t == MessageType.STATS:
        return Stats(*(_int(d, name, 0, _U32) for name in STATS_FIELDS))
    if t == MessageType.ACK:
        of = d.get("of")
        of_type = MessageType.from_json_name(of) if isinstance(of, str) else None
        if of_type is None:
            raise _FieldError('"of" must name a message type')
        return Ack(int(of_type), _int(d, "value", 0, _U32, 0))
    if t == MessageType.ERROR:
        text = d.get("message")
        return Error(_int(d, "code", 0, 0xFFFF), _int(d, "count", 0, _U32, 0), text if isinstance(text, str) else "")
    if t == MessageType.HELLO_ACK:
        return HelloAck(_int(d, "version", 0, 255), _bool(d, "raw", False), _int(d, "dt_us", 0, _U32),
                        _int(d, "session", 0, _U32))
    if t == MessageType.HELLO:
        lo = _int(d, "min_version", 0, 255, 1)
        hi = _int(d, "max_version", 0, 255, lo)
        if lo > hi:
            raise _FieldError(f"min_version {lo} above max_version {hi}")
        return Hello(lo, hi, _bool(d, "raw", False), _int(d, "dt_us", 0, _U32, 0))
    if t == MessageType.ACTUATORS:
        return Actuators(_int(d, "seq", 0, _U32), _int(d, "t_us", 0, _I64_MAX, 0), _float(d, "pump"),
                         _float(d, "heater"), _bool(d, "solenoid"))
    if t in PAYLOADLESS:
        return PAYLOADLESS[t]
    if t == MessageType.STEP:
        return Step(_int(d, "n", 0, _U32))
    if t == MessageType.RUN_TO:
        return RunTo(_int(d, "t_us", 0, _I64_MAX))
    if t == MessageType.RESET:
        start = d.get("start", "default")
        if start not in START_NAMES:
            raise _FieldError(f'"start" must be one of {", ".join(START_NAMES)}')
        return Reset(_int(d, "seed", _I64_MIN, _I64_MAX, 0) & ((1 << 64) - 1), START_NAMES.index(start))
    if t == MessageType.SNAPSHOT:
        return Snapshot(_int(d, "slot", 0, 7, 0))
    if t == MessageType.RESTORE:
        return Restore(_int(d, "slot", 0, 7, 0))
    # FAULT
    spec = d.get("spec")
    if not isinstance(spec, str) or not spec.strip() or len(spec.encode("utf-8")) > MAX_TEXT_BYTES:
        raise _FieldError(f'"spec" must be a string of 1..{MAX_TEXT_BYTES} bytes')
    return Fault(spec)


def _no_duplicates(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    d: Dict[str, Any] = {}
    for k, v in pairs:
        if k in d:
            raise ValueError(f'duplicate key "{k}"')
        d[k] = v
    return d


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class JsonLineDecoder(StreamBuffer):
    """Decodes a byte stream of JSON lines: :meth:`feed` bytes, then :meth:`next` until None.

    Never raises on bad input: a line that is not one JSON object, a bad key, or a line over 4096
    bytes (discarded up to its newline) yields a :class:`DecodeError` with its line number.
    """

    def __init__(self) -> None:
        super().__init__()
        self._scanned = 0
        self._line = 1
        self._discarding = False

    def _compacted(self, shift: int) -> None:
        self._scanned -= shift

    def next(self) -> Optional[Decoded]:
        """The next message or decode error, or None when more bytes are needed."""
        while True:
            buf = self._buf
            nl = buf.find(b"\n", max(self._scanned, self._pos))
            if nl < 0:
                self._scanned = len(buf)
                if self._discarding:
                    self._pos = self._scanned = len(buf)
                    return None
                if len(buf) - self._pos > MAX_LINE_BYTES:
                    self._discarding = True
                    self._pos = self._scanned = len(buf)
                    return self._error(ErrorCode.OVERSIZED, self._line, f"line longer than {MAX_LINE_BYTES} bytes")
                return None
            start = self._pos
            at = self._line
            self._line += 1
            self._pos = self._scanned = nl + 1
            if self._discarding:
                self._discarding = False
                continue
            if nl - start > MAX_LINE_BYTES:
                return self._error(ErrorCode.OVERSIZED, at, f"line longer than {MAX_LINE_BYTES} bytes")
            line = bytes(buf[start:nl])
            if line.endswith(b"\r"):
                line = line[:-1]
            if not line.strip(b" \t\r"):
                continue
            return self._parse(line, at)

    def _parse(self, line: bytes, at: int) -> Decoded:
        try:
            obj = json.loads(line.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
        except (ValueError, RecursionError) as e:
            return self._error(ErrorCode.BAD_JSON, at, f"malformed JSON: {e} at line {at}")
        if not isinstance(obj, dict):
            return self._error(ErrorCode.BAD_JSON, at, "a line must be one JSON object")
        name = obj.get("type")
        if not isinstance(name, str):
            return self._error(ErrorCode.BAD_PAYLOAD, at, 'missing "type"')
        t = MessageType.from_json_name(name)
        if t is None:
            return self._error(ErrorCode.UNKNOWN_TYPE, at, f'unknown type "{name[:40]}"')
        try:
            return _message(t, obj)
        except _FieldError as e:
            return self._error(ErrorCode.BAD_PAYLOAD, at, f"{t.json_name}: {e}")
