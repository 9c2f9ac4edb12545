"""The JSON-lines codec without a server: key names, nulls, strictness, recovery."""

import json
import math

import pytest

from backflush_hil.jsonlines import MAX_LINE_BYTES, JsonLineDecoder, encode, to_dict
from backflush_hil.messages import (
    Ack, Actuators, Bye, DecodeError, Error, ErrorCode, Fault, Hello, HelloAck, MessageType, Pause, Reset, Restore,
    Resume, RunTo, Sensors, Snapshot, Status, Step,
)


def decode_all(data: bytes) -> list:
    d = JsonLineDecoder()
    d.feed(data)
    out = []
    while (m := d.next()) is not None:
        out.append(m)
    return out


ROUND_TRIP = [
    Hello(1, 1, True, 0), HelloAck(1, False, 1000, 3),
    Sensors(7, 7000, 9.1, 10.2, 93.5, 88.25, 12, 1990.5, 3.0, 0),
    Sensors(7, 7000, 9.1, 10.2, 93.5, 88.25, 12, 1990.5, 3.0, int(Status.RAW | Status.RESENT), 18000, 372, -32768, 14, 1),
    Actuators(7, 7000, 1.0, 0.5, True), Pause(), Resume(), Bye(), Step(100), RunTo(5_000_000), Reset(42),
    Snapshot(3), Restore(3), Fault("stuck target=boiler_c"), Ack(MessageType.RUN_TO, 4900), Error(7, 1, "bad \"json\"\n"),
]


@pytest.mark.parametrize("message", ROUND_TRIP, ids=lambda m: type(m).__name__)
def test_every_message_round_trips_as_one_line(message: object) -> None:
    line = encode(message)  # type: ignore[arg-type]
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode_all(line) == [message]


def test_keys_are_those_of_the_doc() -> None:
    assert json.loads(encode(Hello(1, 1, False, 0))) == {"type": "hello", "min_version": 1, "max_version": 1,
                                                          "raw": False, "dt_us": 0}
    assert json.loads(encode(Actuators(0, 0, 1.0, 0.5, True))) == {"type": "actuators", "seq": 0, "t_us": 0,
                                                                    "pump": 1.0, "heater": 0.5, "solenoid": True}
    assert json.loads(encode(Ack(MessageType.STEP, 100))) == {"type": "ack", "of": "step", "value": 100}
    assert json.loads(encode(Error(7, 1, "x"))) == {"type": "error", "code": 7, "count": 1, "message": "x"}
    assert list(to_dict(Sensors(0, 0, 0, 0, 93, 88, 0, 2000, 0, 0))) == [
        "type", "seq", "t_us", "group_bar", "line_bar", "boiler_c", "group_c", "flow_pulses", "tank_ml", "drip_ml",
        "status"]  # no raw fields unless the RAW bit is set
    assert list(to_dict(Sensors(0, 0, 0, 0, 93, 88, 0, 2000, 0, 0), version=1))[4] == "pump_bar"
    raw = to_dict(Sensors(0, 0, 0, 0, 93, 88, 0, 2000, 0, int(Status.RAW)))
    assert "raw_pressure_counts" in raw and "raw_line_counts" in raw
    assert "raw_line_counts" not in to_dict(Sensors(0, 0, 0, 0, 93, 88, 0, 2000, 0, int(Status.RAW)), version=1)


def test_what_the_java_server_writes_decodes() -> None:
    line = (b'{"type":"sensors","seq":0,"t_us":0,"group_bar":0.0,"pump_bar":1.0E-5,"boiler_c":93.0,"group_c":null,'
            b'"flow_pulses":0,"tank_ml":2000.0,"drip_ml":0.0,"status":4}\r\n'
            b'{"type":"ack","of":"pause","value":0}\n'
            b'{"type":"error","code":7,"count":1,"message":"malformed JSON: ... at line 3"}\n')
    s, ack, err = decode_all(line)
    assert s.pump_bar == 1e-5 and math.isnan(s.group_c) and s.fault_active
    assert ack == Ack(MessageType.PAUSE, 0)
    assert err == Error(ErrorCode.BAD_JSON, 1, "malformed JSON: ... at line 3")


def test_non_finite_values_are_null() -> None:
    d = json.loads(encode(Actuators(1, 1000, math.nan, math.inf, False)))
    assert d["pump"] is None and d["heater"] is None
    (a,) = decode_all(encode(Actuators(1, 1000, math.nan, 0.0, False)))
    assert math.isnan(a.pump)


def test_a_seed_of_2_to_the_63_or_more_goes_out_as_a_signed_64_bit_number() -> None:
    assert json.loads(encode(Reset(2 ** 64 - 1)))["seed"] == -1
    assert json.loads(encode(Reset(2 ** 63 - 1)))["seed"] == 2 ** 63 - 1
    assert decode_all(encode(Reset(2 ** 64 - 1))) == [Reset(2 ** 64 - 1)]


def test_bad_lines_get_decode_errors_with_their_line_number_and_the_stream_goes_on() -> None:
    lines = [
        b'{"type":"pause"',                           # 1 not JSON
        b'[1,2]',                                     # 2 not an object
        b'{"seq":1}',                                 # 3 no type
        b'{"type":"teleport"}',                       # 4 unknown type
        b'{"type":"step"}',                           # 5 missing key
        b'{"type":"step","n":true}',                  # 6 a boolean is not an integer
        b'{"type":"step","n":1.5}',                   # 7 nor is a float
        b'{"type":"actuators","seq":0,"pump":1,"heater":0,"solenoid":1}',  # 8 solenoid must be boolean
        b'{"type":"pause","type":"bye"}',             # 9 duplicate key
        b'{"type":"step","n":NaN}',                   # 10 NaN is not JSON
        b'',                                          # 11 blank: skipped
        b'{"type":"bye","future_key":[1]}',           # 12 unknown keys ignored
    ]
    out = decode_all(b"\n".join(lines) + b"\n")
    errors = [(e.code, e.at) for e in out if isinstance(e, DecodeError)]
    assert errors == [(ErrorCode.BAD_JSON, 1), (ErrorCode.BAD_JSON, 2), (ErrorCode.BAD_PAYLOAD, 3),
                      (ErrorCode.UNKNOWN_TYPE, 4), (ErrorCode.BAD_PAYLOAD, 5), (ErrorCode.BAD_PAYLOAD, 6),
                      (ErrorCode.BAD_PAYLOAD, 7), (ErrorCode.BAD_PAYLOAD, 8), (ErrorCode.BAD_JSON, 9),
                      (ErrorCode.BAD_JSON, 10)]
    assert out[-1] == Bye()
    assert 'missing "n"' in out[4].detail


def test_an_oversized_line_is_discarded_to_its_newline() -> None:
    d = JsonLineDecoder()
    d.feed(b'{"type":"fault","spec":"' + b"x" * (MAX_LINE_BYTES + 100))
    e = d.next()
    assert isinstance(e, DecodeError) and e.code == ErrorCode.OVERSIZED and e.at == 1
    d.feed(b'xxxx"}\n{"type":"resume"}\n')
    assert d.next() == Resume()
    assert d.next() is None


def test_partial_lines_wait_for_their_newline() -> None:
    d = JsonLineDecoder()
    line = encode(Step(3))
    for b in line[:-1]:
        d.feed(bytes([b]))
        assert d.next() is None
    d.feed(b"\n")
    assert d.next() == Step(3)


def test_encoding_refuses_a_blank_fault_spec() -> None:
    with pytest.raises(ValueError):
        encode(Fault(""))


def test_a_v1_line_names_the_line_pump_bar_and_a_v2_line_line_bar_and_both_decode() -> None:
    v1 = b'{"type":"sensors","seq":1,"t_us":1000,"group_bar":0.5,"pump_bar":7.5,"boiler_c":93.0,"group_c":85.0,' \
         b'"flow_pulses":0,"tank_ml":2000.0,"drip_ml":0.0,"status":0}\n'
    v2 = v1.replace(b'"pump_bar"', b'"line_bar"')
    (a,) = decode_all(v1)
    (b,) = decode_all(v2)
    assert a == b and a.line_bar == 7.5 == a.pump_bar


def test_stats_and_get_stats_round_trip() -> None:
    from backflush_hil.messages import GetStats, Stats
    stats = Stats(1, 0, 0, 0, 0, 0, 0, 0, 0, 5)
    assert json.loads(encode(stats))["errors"] == 5 and decode_all(encode(stats)) == [stats]
    assert json.loads(encode(GetStats())) == {"type": "get_stats"} and decode_all(encode(GetStats())) == [GetStats()]


def test_a_reset_names_its_start_in_version_2() -> None:
    assert json.loads(encode(Reset(1, 2))) == {"type": "reset", "seed": 1, "start": "cold"}
    assert "start" not in json.loads(encode(Reset(1, 2), version=1))
    assert decode_all(encode(Reset(1, 2))) == [Reset(1, 2)]
    (bad,) = decode_all(b'{"type":"reset","start":"warm"}\n')
    assert bad.code == ErrorCode.BAD_PAYLOAD and "start" in bad.detail
