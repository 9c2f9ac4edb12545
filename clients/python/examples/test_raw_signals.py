"""Acceptance: with raw signals on, what the firmware's drivers read agrees with the plant."""

from backflush_hil import PlantServer
from backflush_hil.raw import pressure_bar, thermocouple_c


def test_raw_readings_track_the_engineering_values(server: PlantServer) -> None:
    with server.connect(raw=True) as s:
        assert s.raw
        updates = set()
        for f in s.lockstep(until_us=6_000_000):
            assert f.raw_valid
            # ADS1115 counts are 1/1778 bar (rounded, and the conversion's 2666 is 0.7 count low);
            # the MAX6675 floors to 0.25 C and converts every 220 ms
            # (protocol v2: the raw counts are the machine's transducer, on the line on single-boiler)
            assert abs(pressure_bar(f.raw_pressure_counts) - f.line_bar) <= 1.5 / 1777.8
            assert abs(pressure_bar(f.raw_group_counts) - f.group_bar) <= 1.5 / 1777.8
            assert f.raw_line_counts == f.raw_pressure_counts
            tc = thermocouple_c(f.raw_boiler_tc_q)
            assert tc is not None and abs(tc - f.boiler_c) < 0.6, (f.t_s, tc, f.boiler_c)
            updates.add(f.raw_boiler_tc_q)
            s.actuate(pump=1.0, solenoid=True, heater=1.0)
    assert len(updates) > 3, "the thermocouple reading moved as the boiler heated"
