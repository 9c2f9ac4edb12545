"""Acceptance: the session's stats, and the two protocol versions side by side."""

from pathlib import Path

from backflush_hil import PlantServer, Stats, UsageError


def test_stats_count_the_ticks_and_say_lockstep_has_no_lateness(server: PlantServer) -> None:
    with server.connect() as s:
        assert s.version == 2
        for f in s.lockstep(until_us=250_000):
            s.actuate(pump=1.0, solenoid=True, heater=0.0)
        stats = s.get_stats()
        assert isinstance(stats, Stats)
        assert stats.ticks == 250 and stats.late_ticks == 0 and stats.late_max_us == 0
        assert stats.errors == 0 and stats.watchdog_trips == 0
        s.step(50)
        assert s.get_stats().ticks == 300


def test_a_v1_session_reads_the_plants_line_and_a_v2_session_the_line_sensor_with_its_ripple(
        server: PlantServer) -> None:
    lines = {}
    for version in (1, 2):
        with server.connect(max_version=version) as s:
            assert s.version == version
            seen = []
            for f in s.lockstep(until_us=3_000_000):
                seen.append((f.group_bar, f.line_bar))
                s.actuate(pump=1.0, solenoid=True, heater=0.0)
            lines[version] = seen
    assert [g for g, _ in lines[1]] == [g for g, _ in lines[2]]  # the group reads alike (no noise by default)
    ripple = [b - a for (_, a), (_, b) in zip(lines[1], lines[2])]
    assert max(abs(r) for r in ripple) <= 0.2 + 1e-6 and max(abs(r) for r in ripple) > 0.15


def test_a_reset_may_start_the_plant_cold(server: PlantServer) -> None:
    with server.connect() as s:
        cold = s.reset(1, start="cold")
        assert abs(cold.boiler_c - 22.0) < 0.01 and cold.seq == 0
        assert abs(s.reset(1).boiler_c - 93.0) < 0.01  # the session's start: the preset's, hot
    with server.connect(max_version=1) as s:
        try:
            s.reset(1, start="cold")
        except UsageError as e:
            assert "version 2" in str(e)
        else:
            raise AssertionError("a v1 session cannot ask for a start")


def test_serve_start_cold_starts_every_session_cold(jar: Path) -> None:
    with PlantServer(jar, machine="single-boiler", args=["--start", "cold"]) as server:
        with server.connect() as s:
            first = s.sensors()
            assert first.seq == 0 and abs(first.boiler_c - 22.0) < 0.01
            assert abs(s.reset(2, start="hot").boiler_c - 93.0) < 0.01
            assert abs(s.reset(3).boiler_c - 22.0) < 0.01  # back to the session's start
