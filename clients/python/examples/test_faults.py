"""Acceptance: the firmware against injected faults."""

import math

import pytest

from backflush_hil import ErrorCode, PlantServer, ServerError
from firmware import BackflushFirmware


def test_a_stuck_boiler_thermocouple_is_noticed_and_the_heater_goes_off(tcp_server: PlantServer) -> None:
    # setpoint above the start (93 C), so the thermostat is heating when the reading freezes
    firmware = BackflushFirmware(cycles=1, setpoint_c=96.0)
    heater_at = {}
    with tcp_server.connect() as s:
        for f in s.lockstep(until_us=8_000_000):
            if f.t_us == 1_000_000:
                s.fault("stuck target=boiler_c")
            command = firmware(f)
            heater_at[f.t_us] = (command.heater, f.fault_active)
            s.actuate(command.pump, command.heater, command.solenoid)

    assert any(h > 0 for t, (h, _) in heater_at.items() if t < 1_000_000), "it was heating before"
    assert firmware.tc_fault is not None and "frozen" in firmware.tc_fault
    assert firmware.tc_fault_at_s is not None and 2.9 <= firmware.tc_fault_at_s <= 3.5, firmware.tc_fault_at_s
    # from the moment it noticed, the heater stays off
    assert all(h == 0 for t, (h, _) in heater_at.items() if t >= firmware.tc_fault_at_s * 1e6)
    # the server flags the fault in every frame after it fired
    assert all(active for t, (_, active) in heater_at.items() if t > 1_000_000)


def test_a_dropout_is_noticed_at_once(tcp_server: PlantServer) -> None:
    firmware = BackflushFirmware(cycles=1, setpoint_c=96.0)
    with tcp_server.connect(encoding="json") as s:
        for f in s.lockstep(until_us=1_500_000):
            if f.t_us == 1_000_000:
                s.fault("dropout target=boiler_c")
            s.command(firmware(f))
        assert s.frame is not None and math.isnan(s.frame.boiler_c)
    assert firmware.tc_fault == "no reading" and firmware.tc_fault_at_s == pytest.approx(1.001, abs=0.002)


def release_decays(server: PlantServer, fault: str) -> list:
    firmware = BackflushFirmware(cycles=2, release_s=8.0)
    with server.connect() as s:
        if fault:
            s.fault(fault)
        for f in s.lockstep(until_us=60_000_000):
            s.command(firmware(f))
            if firmware.finished:
                break
    assert firmware.finished
    return firmware.done


def test_a_clogged_exhaust_makes_the_whoosh_slow(server: PlantServer) -> None:
    clean = release_decays(server, "")
    clogged = release_decays(server, "clogged_exhaust factor=0.25")
    assert all(c.whoosh for c in clean)
    for a, b in zip(clean, clogged):
        assert b.decay_s is not None, "it still empties within the 8 s release"
        assert b.decay_s > 3 * a.decay_s, (a.decay_s, b.decay_s)
        assert not b.whoosh, "too slow to count as a whoosh"


def test_a_fault_spec_the_server_does_not_know_is_a_typed_error(tcp_server: PlantServer) -> None:
    with tcp_server.connect() as s:
        with pytest.raises(ServerError) as e:
            s.fault("stuck target=espresso")
        assert e.value.error_code is ErrorCode.BAD_FAULT and "unknown target" in e.value.message
        assert s.sensors().seq == 0  # the session goes on
