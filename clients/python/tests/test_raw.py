"""The raw-signal conversions, on a frame the Java server sent."""

from backflush_hil.raw import THERMOCOUPLE_NO_DATA, pressure_bar, thermocouple_c
from test_binary import SERVER_HELLO_ACK_AND_TICK_0, decode_all


def test_the_server_s_raw_readings_convert_back_to_its_engineering_values() -> None:
    _, tick0 = decode_all(SERVER_HELLO_ACK_AND_TICK_0)
    # rounded counts and the 2666 (not 2666.7) of the conversion: within 1.5 counts
    assert tick0.raw_pressure_counts == 2667 and abs(pressure_bar(2667) - tick0.group_bar) <= 1.5 / 1777.8
    assert thermocouple_c(tick0.raw_boiler_tc_q) == tick0.boiler_c == 93.0
    assert thermocouple_c(tick0.raw_group_tc_q) == tick0.group_c == 88.0


def test_the_transducer_span_and_an_open_thermocouple() -> None:
    assert pressure_bar(2666) == 0.0
    assert abs(pressure_bar(2666 + 12 * 1777.8) - 12.0) < 1e-3  # type: ignore[arg-type]
    assert thermocouple_c(THERMOCOUPLE_NO_DATA) is None
    assert thermocouple_c(-1) == -0.25
