"""The firmware under test: a boiler thermostat with thermocouple safety and a backflush program.

Written as a firmware author would write the control logic (one call per tick, readings in,
commands out), here in Python so that the acceptance tests beside it can show the client's API.
Replace it with a bridge to your own firmware (a host build talking over the same protocol), and
keep the tests.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Deque, List, Optional, Tuple

from backflush_hil import Command, Sensors

WHOOSH_BELOW_BAR = 0.5
"""A release is a whoosh when the group pressure falls below this..."""

WHOOSH_WITHIN_S = 1.0
"""...within this many seconds of the solenoid's release."""


@dataclass
class Cycle:
    """What the firmware saw of one backflush cycle."""

    index: int
    fill_started_s: float
    quiet_at_s: Optional[float] = None
    """When the pump went quiet (group pressure flat), or None when the fill timed out."""
    plateau_bar: float = math.nan
    released_at_s: float = math.nan
    decay_s: Optional[float] = None
    """Time from the release until the group fell below 0.5 bar, or None if it did not in the release time."""

    @property
    def whoosh(self) -> bool:
        return self.decay_s is not None and self.decay_s <= WHOOSH_WITHIN_S


@dataclass
class BackflushFirmware:
    """Fill against the blind basket until quiet or a timeout, release, count whooshes; repeat.

    Meanwhile a bang-bang thermostat holds the boiler at ``setpoint_c``; a thermocouple that reads
    nothing (NaN), reads the impossible, or reads exactly the same for ``frozen_s`` while heating
    latches a fault that keeps the heater off.
    """

    cycles: int = 5
    setpoint_c: float = 93.0
    hysteresis_c: float = 0.3
    fill_timeout_s: float = 10.0
    release_s: float = 3.0
    quiet_window_s: float = 0.2
    quiet_slope_bar_per_s: float = 0.2
    quiet_min_bar: float = 2.0
    quiet_hold_s: float = 0.1
    frozen_s: float = 2.0

    done: List[Cycle] = field(default_factory=list)
    tc_fault: Optional[str] = None
    tc_fault_at_s: Optional[float] = None
    finished: bool = False

    _state: str = "fill"
    _since_s: float = 0.0
    _cycle: Optional[Cycle] = None
    _history: Deque[Tuple[float, float]] = field(default_factory=deque)
    _quiet_since_s: Optional[float] = None
    _heater: float = 0.0
    _last_tc: float = math.nan
    _tc_changed_s: float = 0.0
    _heating_since_s: Optional[float] = None

    @property
    def whooshes(self) -> int:
        return sum(1 for c in self.done if c.whoosh)

    def __call__(self, f: Sensors) -> Command:
        t = f.t_s
        heater = self._thermostat(f, t)
        if self.finished:
            return Command(pump=0.0, heater=heater, solenoid=False)
        if self._cycle is None:
            self._start_fill(t)
        assert self._cycle is not None
        if self._state == "fill":
            self._history.append((t, f.group_bar))
            while self._history and self._history[0][0] < t - self.quiet_window_s:
                self._history.popleft()
            if self._is_flat(t, f.group_bar):
                if self._quiet_since_s is None:
                    self._quiet_since_s = t
                quiet = t - self._quiet_since_s >= self.quiet_hold_s
            else:
                self._quiet_since_s = None
                quiet = False
            if quiet or t - self._since_s >= self.fill_timeout_s:
                if quiet:
                    self._cycle.quiet_at_s = self._quiet_since_s
                self._cycle.plateau_bar = f.group_bar
                self._cycle.released_at_s = t
                self._state, self._since_s = "release", t
                return Command(pump=0.0, heater=heater, solenoid=False)
            return Command(pump=1.0, heater=heater, solenoid=True)
        # release
        if self._cycle.decay_s is None and f.group_bar < WHOOSH_BELOW_BAR:
            self._cycle.decay_s = t - self._cycle.released_at_s
        if t - self._since_s >= self.release_s:
            self.done.append(self._cycle)
            self._cycle = None
            if len(self.done) >= self.cycles:
                self.finished = True
                return Command(pump=0.0, heater=heater, solenoid=False)
            self._start_fill(t)
            return Command(pump=1.0, heater=heater, solenoid=True)
        return Command(pump=0.0, heater=heater, solenoid=False)

    def _start_fill(self, t: float) -> None:
        self._cycle = Cycle(index=len(self.done) + 1, fill_started_s=t)
        self._state, self._since_s = "fill", t
        self._history.clear()
        self._quiet_since_s = None

    def _is_flat(self, t: float, bar: float) -> bool:
        if bar < self.quiet_min_bar or not self._history:
            return False
        t0, p0 = self._history[0]
        if t - t0 < self.quiet_window_s * 0.99:
            return False
        return (bar - p0) / (t - t0) < self.quiet_slope_bar_per_s

    def _thermostat(self, f: Sensors, t: float) -> float:
        tc = f.boiler_c
        if self.tc_fault is None:
            if math.isnan(tc):
                self._latch("no reading", t)
            elif not -10.0 <= tc <= 200.0:
                self._latch(f"impossible reading {tc:.1f} C", t)
            else:
                if tc != self._last_tc:
                    self._last_tc, self._tc_changed_s = tc, t
                if self._heating_since_s is not None and t - max(self._tc_changed_s, self._heating_since_s) >= self.frozen_s:
                    self._latch(f"reading frozen at {tc:.2f} C for {self.frozen_s:.0f} s while heating", t)
        if self.tc_fault is not None:
            self._heater = 0.0
        elif tc < self.setpoint_c - self.hysteresis_c:
            self._heater = 1.0
        elif tc > self.setpoint_c + self.hysteresis_c:
            self._heater = 0.0
        if self._heater > 0 and self._heating_since_s is None:
            self._heating_since_s = t
        elif self._heater == 0:
            self._heating_since_s = None
        return self._heater

    def _latch(self, why: str, t: float) -> None:
        self.tc_fault, self.tc_fault_at_s = why, t
