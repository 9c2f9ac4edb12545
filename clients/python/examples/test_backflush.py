"""Acceptance: a scripted five-cycle backflush against the plant.

Each cycle fills against the blind basket until the pump goes quiet (group pressure flat) or a
10 s timeout, then releases; a whoosh is the group pressure falling below 0.5 bar within 1 s of
the release. The server's own cycle detector counts whooshes too: both must agree.
"""

import pytest

from backflush_hil import PlantServer
from firmware import BackflushFirmware


@pytest.mark.parametrize("encoding", ["binary", "json"])
def test_five_cycles_five_whooshes(server: PlantServer, encoding: str) -> None:
    firmware = BackflushFirmware(cycles=5, setpoint_c=93.0)
    with server.connect(encoding=encoding) as s:
        for f in s.lockstep(until_us=120_000_000):
            s.command(firmware(f))
            if firmware.finished:
                break
        session = s.session_id

    assert firmware.finished, "the program ran to its end"
    assert len(firmware.done) == 5
    for c in firmware.done:
        assert c.quiet_at_s is not None, f"cycle {c.index}: the pump never went quiet"
        assert 2.0 < c.quiet_at_s - c.fill_started_s < 10.0, f"cycle {c.index}"
        assert 8.5 < c.plateau_bar < 9.7, f"cycle {c.index}: plateau at the OPV's pressure (~9 bar)"
        assert c.decay_s is not None and 0.2 < c.decay_s < 1.0, f"cycle {c.index}: decay {c.decay_s}"
    assert firmware.whooshes == 5
    assert firmware.tc_fault is None

    summary = server.summary(session)
    assert summary.reason == "client said bye"
    assert summary.whooshes == 5, summary.line
    assert summary.errors == 0 and summary.watchdog_trips == 0, summary.line
