"""Acceptance: lockstep is deterministic, so a firmware's test gives the same answer every run.

Two runs of the same firmware give identical sensor streams: in two sessions, over either
transport, with a client that stalls long enough for the server to resend, and after a reset.
"""

import time
from typing import List, Optional

import pytest

from backflush_hil import PlantServer, Sensors, Session
from firmware import BackflushFirmware

TICKS = 12_000  # 12 s: a fill to quiet, a release, the start of the next fill


def record(s: Session, *, stall_at: Optional[int] = None) -> List[Sensors]:
    """The sensor stream of one run of the firmware (one frame per tick, resends skipped)."""
    firmware = BackflushFirmware(cycles=2, setpoint_c=93.0)
    stream = []
    for f in s.lockstep(ticks=TICKS):
        stream.append(f)
        if f.seq == stall_at:
            time.sleep(1.3)  # past the server's 1 s resend: a resend of this tick will be in flight
        s.command(firmware(f))
    return stream


def test_two_lockstep_runs_give_identical_sensor_streams(tcp_server: PlantServer, unix_server: PlantServer) -> None:
    with tcp_server.connect() as s:
        first = record(s)
    with tcp_server.connect() as s:
        second = record(s, stall_at=5_000)
        assert s.resends_skipped >= 1, "the stall made the server resend, and the resend was skipped"
    with unix_server.connect() as s:
        third = record(s)

    assert len(first) == TICKS and [f.seq for f in first] == list(range(TICKS))
    assert max(f.group_bar for f in first) > 9.0, "the run did something"
    assert second == first
    assert third == first
    assert not any(f.resent for f in second)


@pytest.mark.parametrize("encoding", ["binary", "json"])
def test_a_reset_replays_the_same_stream(tcp_server: PlantServer, encoding: str) -> None:
    with tcp_server.connect(encoding=encoding) as s:
        first = record(s)
        tick0 = s.reset(seed=7)
        assert (tick0.seq, tick0.t_us) == (0, 0)
        again = record(s)
    assert again == first


def pump_on(s: Session, ticks: int) -> List[Sensors]:
    stream = []
    for f in s.lockstep(ticks=ticks):
        stream.append(f)
        s.actuate(pump=1.0, solenoid=True)
    return stream


def test_a_restore_replays_the_ticks_after_the_snapshot(tcp_server: PlantServer) -> None:
    with tcp_server.connect() as s:
        pump_on(s, 3_000)
        s.snapshot(3)
        at = s.frame
        assert at is not None and at.seq == 3_000
        after = pump_on(s, 2_000)
        restored = s.restore(3)
        assert (restored.seq, restored.t_us) == (3_000, 3_000_000)
        s.actuate(pump=1.0, solenoid=True)
        replay = pump_on(s, 1_999)
    assert replay == after[1:]
    assert after[-1].group_bar > at.group_bar + 1.0, "the pump was building pressure"


def test_the_first_frame_after_a_restore_carries_the_restored_state(tcp_server: PlantServer) -> None:
    with tcp_server.connect() as s:
        pump_on(s, 3_000)
        s.snapshot(0)
        at = s.frame
        pump_on(s, 1_000)
        assert s.restore(0) == at
