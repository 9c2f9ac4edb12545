"""The binary codec without a server: layout, golden frames from the Java server, round trips, bad input."""

import math
import struct

import pytest

from backflush_hil import binary
from backflush_hil.binary import BinaryDecoder, encode, frame
from backflush_hil.crc32c import crc32c
from backflush_hil.messages import (
    Ack, Actuators, Bye, DecodeError, Error, ErrorCode, Fault, Hello, HelloAck, MessageType, Pause, Reset, Restore,
    Resume, RunTo, Sensors, Snapshot, Status, Step,
)

# bytes the Java server sent to a raw-mode hello (hello_ack, then tick 0), and an error frame
SERVER_HELLO_ACK_AND_TICK_0 = bytes.fromhex(
    "424601020c0001010000e803000001000000560c3819"
    "42460103340000000000000000000000000000000000000000000000ba420000b042000000000000fa440000000008006b0a740160"
    "0100000000229f32c3")
SERVER_ERROR = bytes.fromhex(
    "4246017f2b00010001000000626164206d616769633a20736b6970706564203720627974657320617420627974652036367ce5f4a7")


def decode_all(data: bytes, chunk: int = 4096) -> list:
    d = BinaryDecoder()
    out = []
    for i in range(0, len(data), chunk):
        d.feed(data[i:i + chunk])
        while (m := d.next()) is not None:
            out.append(m)
    return out


def f32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


ROUND_TRIP = [
    Hello(1, 1, True, 0), Hello(1, 3, False, 250),
    HelloAck(1, True, 1000, 7),
    Sensors(0xFFFFFFFF, 2 ** 40, 9.25, 10.5, 93.0, f32(88.1), 123456, 1999.5, 22.25, 8 | 4, 18661, -32768, 352, 65535, 1),
    Actuators(42, 42_000, 1.0, 0.25, True), Actuators(0, 0, 0.0, 0.0, False),
    Pause(), Resume(), Bye(),
    Step(0xFFFFFFFF), RunTo(2 ** 64 - 1), Reset(2 ** 63 + 5),
    Snapshot(7), Restore(0),
    Fault("stuck target=boiler_c at=1"), Fault("é" * 120),
    Ack(MessageType.STEP, 100), Error(ErrorCode.SEQUENCE, 3, "actuator frame for tick 9 but the plant waits for tick 2"),
]


@pytest.mark.parametrize("message", ROUND_TRIP, ids=lambda m: type(m).__name__)
def test_every_message_round_trips(message: object) -> None:
    data = encode(message)  # type: ignore[arg-type]
    assert data[:2] == b"BF" and data[2] == 1 and data[3] == message.TYPE  # type: ignore[attr-defined]
    assert struct.unpack_from("<H", data, 4)[0] == len(data) - 10
    assert decode_all(data) == [message]
    assert decode_all(data, chunk=1) == [message]  # byte by byte


def test_frame_sizes_are_those_of_the_doc() -> None:
    assert len(encode(Sensors(0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) == 62
    assert len(encode(Actuators(0, 0, 0, 0, False))) == 34
    assert len(encode(Hello())) == 18 and len(encode(HelloAck(1, False, 1000, 1))) == 22
    assert len(encode(Ack(MessageType.PAUSE, 0))) == 16 and len(encode(Pause())) == 10


def test_an_actuator_frame_is_laid_out_as_the_doc_says() -> None:
    data = encode(Actuators(5, 5000, 0.5, 1.0, True))
    body = struct.pack("<IQffBBH", 5, 5000, 0.5, 1.0, 1, 0, 0)
    head = b"BF\x01\x04" + struct.pack("<H", 24)
    assert data == head + body + struct.pack("<I", crc32c(head + body))


def test_decodes_what_the_java_server_sent() -> None:
    ack, tick0 = decode_all(SERVER_HELLO_ACK_AND_TICK_0)
    assert ack == HelloAck(1, True, 1000, 1)
    assert isinstance(tick0, Sensors)
    assert (tick0.seq, tick0.t_us, tick0.group_bar, tick0.boiler_c, tick0.group_c, tick0.tank_ml) == \
        (0, 0, 0.0, 93.0, 88.0, 2000.0)
    assert tick0.status == Status.RAW and tick0.raw_valid
    assert (tick0.raw_pressure_counts, tick0.raw_boiler_tc_q, tick0.raw_group_tc_q) == (2667, 372, 352)
    # and re-encodes it to the very same bytes
    assert encode(ack) + encode(tick0) == SERVER_HELLO_ACK_AND_TICK_0
    (err,) = decode_all(SERVER_ERROR)
    assert err == Error(ErrorCode.BAD_MAGIC, 1, "bad magic: skipped 7 bytes at byte 66")
    assert encode(err) == SERVER_ERROR


def test_floats_travel_as_binary32_and_nan_survives() -> None:
    (s,) = decode_all(encode(Sensors(1, 1000, 0.1, math.nan, math.inf, 1e39, 0, -1e39, 0, 0)))
    assert s.group_bar == f32(0.1) != 0.1
    assert math.isnan(s.pump_bar) and s.boiler_c == math.inf
    assert s.group_c == math.inf and s.tank_ml == -math.inf  # beyond binary32: infinities, not an OverflowError


def test_a_bad_crc_is_detected_and_the_next_frame_still_decodes() -> None:
    good = encode(Step(10))
    for i in range(len(good)):
        bad = bytearray(good)
        bad[i] ^= 0x10
        out = decode_all(bytes(bad) + encode(Pause()))
        assert out[-1] == Pause(), f"byte {i}"
        assert any(isinstance(e, DecodeError) for e in out), f"byte {i}"
        assert Step(10) not in out
    crc_hit = decode_all(good[:-1] + bytes([good[-1] ^ 1]) + encode(Bye()))
    assert crc_hit[0] == DecodeError(ErrorCode.BAD_CRC, 0, "CRC-32C mismatch")
    assert crc_hit[-1] == Bye()


def test_garbage_before_a_frame_is_skipped_up_to_the_magic() -> None:
    out = decode_all(b"hello?" + encode(Resume()))
    assert out == [DecodeError(ErrorCode.BAD_MAGIC, 0, "bad magic: skipped 6 bytes"), Resume()]


def test_a_wrong_length_for_a_fixed_size_type_does_not_swallow_the_frames_after_it() -> None:
    # a header saying "actuators, 200 bytes" followed by good frames: refused at the header, so the
    # frames after it decode at once instead of being eaten as its payload
    lying = b"BF\x01\x04" + struct.pack("<H", 200)
    out = decode_all(lying + encode(Pause()) + encode(Resume()))
    assert out[0].code == ErrorCode.BAD_LENGTH and "needs a 24-byte payload, got 200" in out[0].detail
    assert out[-2:] == [Pause(), Resume()]
    assert decode_all(b"BF\x01\x03" + struct.pack("<H", 300))[0].code == ErrorCode.BAD_LENGTH


def test_bad_version_unknown_type_and_bad_fields_drop_the_frame() -> None:
    out = decode_all(frame(MessageType.PAUSE, b"", version=3) + frame(0x55, b"x") + frame(MessageType.RESTORE, b"\x09")
                     + frame(MessageType.ACTUATORS, struct.pack("<IQffBBH", 0, 0, 1, 0, 2, 0, 0))
                     + frame(MessageType.FAULT, b"\xff\xfe") + frame(MessageType.FAULT, b"") + encode(Bye()))
    assert [e.code for e in out[:-1]] == [ErrorCode.BAD_VERSION, ErrorCode.UNKNOWN_TYPE, ErrorCode.BAD_PAYLOAD,
                                         ErrorCode.BAD_PAYLOAD, ErrorCode.BAD_PAYLOAD, ErrorCode.BAD_LENGTH]
    assert out[-1] == Bye()
    d = BinaryDecoder()
    d.feed(frame(0x55, b""))
    d.next()
    assert d.errors == 1


def test_encoding_refuses_what_does_not_fit() -> None:
    with pytest.raises(ValueError, match="seq"):
        encode(Actuators(2 ** 32, 0, 0, 0, False))
    with pytest.raises(ValueError, match="slot"):
        encode(Snapshot(8))
    with pytest.raises(ValueError, match="fault spec"):
        encode(Fault("x" * 241))
    with pytest.raises(ValueError, match="fault spec"):
        encode(Fault("   "))
    with pytest.raises(TypeError):
        encode(Step(1.5))  # type: ignore[arg-type]
    assert encode(Reset(-1)) == encode(Reset(2 ** 64 - 1))  # 64 bits either way


def test_error_text_is_cut_on_a_character_boundary() -> None:
    (e,) = decode_all(encode(Error(6, 1, "é" * 200)))
    assert e.message == "é" * 120
    assert binary.utf8_cut("aé", 2) == b"a"


def test_a_version_2_sensor_frame_carries_both_places_counts_and_says_its_version() -> None:
    s = Sensors(3, 3000, 1.5, 8.75, 93.0, 88.0, 7, 1990.0, 2.0, int(Status.RAW), 18000, 372, 340, 9, 1, 5333, 18000)
    data = encode(s, 2)
    assert data[2] == 2 and len(data) == 66 and struct.unpack_from("<HH", data, 6 + 52) == (5333, 18000)
    assert decode_all(data) == [s] and decode_all(data, chunk=1) == [s]
    assert s.pump_bar == s.line_bar == 8.75  # the v1 name still reads the line
    # the same frame in v1: 52 bytes, no place counts
    (v1,) = decode_all(encode(s, 1))
    assert v1.line_bar == 8.75 and (v1.raw_group_counts, v1.raw_line_counts) == (0, 0)
    # a v2 header on a v1-sized sensor frame is a wrong length, caught at the header
    bad = frame(MessageType.SENSORS, encode(s, 1)[6:-4], version=2)
    assert decode_all(bad)[0].code == ErrorCode.BAD_LENGTH


def test_get_stats_and_stats_round_trip_as_the_doc_lays_them_out() -> None:
    from backflush_hil.messages import GetStats, Stats
    stats = Stats(30000, 30000, 61, 180, 420, 1900, 2, 1, 3, 4)
    data = encode(stats)
    assert data[3] == 0x7D and struct.unpack_from("<H", data, 4)[0] == 40
    assert struct.unpack_from("<10I", data, 6) == (30000, 30000, 61, 180, 420, 1900, 2, 1, 3, 4)
    assert decode_all(data) == [stats]
    assert encode(GetStats()) == frame(0x19, b"") and decode_all(encode(GetStats())) == [GetStats()]


def test_a_version_2_reset_says_how_the_plant_starts() -> None:
    cold = Reset(7, 2)
    data = encode(cold, 2)
    assert data[2] == 2 and struct.unpack_from("<H", data, 4)[0] == 12 and data[6 + 8] == 2
    assert decode_all(data) == [cold]
    assert len(encode(cold, 1)) == 18 and decode_all(encode(cold, 1)) == [Reset(7)]  # v1: no start
    bad = frame(MessageType.RESET, struct.pack("<QBBH", 7, 3, 0, 0), version=2)
    assert decode_all(bad)[0].code == ErrorCode.BAD_PAYLOAD
