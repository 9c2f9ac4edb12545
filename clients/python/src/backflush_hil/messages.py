"""The messages of protocol versions 1 and 2 (docs/protocol.md), as immutable dataclasses.

Both encodings carry the same messages; field names are the JSON keys (of version 2: the sensor
frame's ``line_bar`` is ``pump_bar`` in version 1, which :attr:`Sensors.pump_bar` still reads). Times are absolute
simulation time in microseconds, sequence numbers count ticks since the last reset modulo 2**32.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum, IntFlag
from typing import ClassVar, Dict, Optional, Union

VERSION = 2
"""The newest protocol version this client speaks (its hello offers MIN_VERSION..VERSION)."""

MIN_VERSION = 1
"""The oldest protocol version this client speaks."""

SEQ_MODULUS = 1 << 32
MAX_TEXT_BYTES = 240
"""Fault specs and error texts are at most this many bytes of UTF-8."""


class MessageType(IntEnum):
    """The type byte of a binary frame; :attr:`json_name` is its JSON ``"type"``."""

    HELLO = 0x01
    HELLO_ACK = 0x02
    SENSORS = 0x03
    ACTUATORS = 0x04
    PAUSE = 0x10
    RESUME = 0x11
    STEP = 0x12
    RUN_TO = 0x13
    RESET = 0x14
    SNAPSHOT = 0x15
    RESTORE = 0x16
    FAULT = 0x17
    BYE = 0x18
    GET_STATS = 0x19
    STATS = 0x7D
    ACK = 0x7E
    ERROR = 0x7F

    @property
    def json_name(self) -> str:
        return self.name.lower()

    @classmethod
    def from_json_name(cls, name: str) -> Optional["MessageType"]:
        member = cls.__members__.get(name.upper())
        return member if member is not None and member.json_name == name else None


class ErrorCode(IntEnum):
    """The codes of the server's error frames."""

    BAD_MAGIC = 1
    BAD_CRC = 2
    BAD_LENGTH = 3
    BAD_VERSION = 4
    UNKNOWN_TYPE = 5
    BAD_PAYLOAD = 6
    BAD_JSON = 7
    OVERSIZED = 8
    NO_HELLO = 9
    SEQUENCE = 10
    NOT_ALLOWED = 11
    BAD_FAULT = 12
    BUSY = 13


class Status(IntFlag):
    """The bits of a sensor frame's ``status``."""

    PAUSED = 1
    SAFE = 2
    FAULT = 4
    RAW = 8
    RESENT = 16
    REALTIME = 32


def seq_before(a: int, b: int) -> bool:
    """Whether sequence number ``a`` comes before ``b``, modulo 2**32 (a half-range compare)."""
    diff = (b - a) % SEQ_MODULUS
    return 0 < diff < SEQ_MODULUS // 2


def seq_next(seq: int, n: int = 1) -> int:
    """The sequence number ``n`` ticks after ``seq``, modulo 2**32."""
    return (seq + n) % SEQ_MODULUS


@dataclass(frozen=True)
class Hello:
    """Client to server, first: the versions spoken, raw signals wanted, the tick (0: server's)."""

    TYPE: ClassVar[MessageType] = MessageType.HELLO
    min_version: int = MIN_VERSION
    max_version: int = VERSION
    raw: bool = False
    dt_us: int = 0


@dataclass(frozen=True)
class HelloAck:
    """Server to client: the version chosen, raw signals granted, the tick and the session number."""

    TYPE: ClassVar[MessageType] = MessageType.HELLO_ACK
    version: int
    raw: bool
    dt_us: int
    session: int


@dataclass(frozen=True)
class Sensors:
    """Server to client: the readings at the start of tick ``seq``.

    Values with no data (a dropout fault) are NaN. The ``raw_*`` fields are valid only when
    :attr:`raw_valid` (raw mode on); otherwise 0. ``line_bar`` is the pump–boiler line (version
    1 calls it ``pump_bar``); in version 2 both pressures are as the machine's sensors read them
    and ``raw_pressure_counts`` follows the machine's transducer; ``raw_group_counts`` and
    ``raw_line_counts`` exist from version 2 on (0 in a v1 frame).
    """

    TYPE: ClassVar[MessageType] = MessageType.SENSORS
    seq: int
    t_us: int
    group_bar: float
    line_bar: float
    boiler_c: float
    group_c: float
    flow_pulses: int
    tank_ml: float
    drip_ml: float
    status: int
    raw_pressure_counts: int = 0
    raw_boiler_tc_q: int = 0
    raw_group_tc_q: int = 0
    raw_zero_cross: int = 0
    raw_heater_on: int = 0
    raw_group_counts: int = 0
    raw_line_counts: int = 0

    @property
    def pump_bar(self) -> float:
        """The line pressure by its version-1 name."""
        return self.line_bar

    @property
    def t_s(self) -> float:
        """Simulation time in seconds."""
        return self.t_us / 1e6

    @property
    def paused(self) -> bool:
        return bool(self.status & Status.PAUSED)

    @property
    def safe(self) -> bool:
        """The watchdog (or a disconnect) put the plant in its safe state."""
        return bool(self.status & Status.SAFE)

    @property
    def fault_active(self) -> bool:
        return bool(self.status & Status.FAULT)

    @property
    def raw_valid(self) -> bool:
        return bool(self.status & Status.RAW)

    @property
    def resent(self) -> bool:
        """A resend of an earlier frame after a silence (not a new tick)."""
        return bool(self.status & Status.RESENT)

    @property
    def realtime(self) -> bool:
        return bool(self.status & Status.REALTIME)

    def same_readings(self, other: "Sensors") -> bool:
        """Equal in every field but ``status``'s RESENT bit, NaN equal to NaN."""
        for name in _SENSOR_FIELDS:
            a = getattr(self, name)
            b = getattr(other, name)
            if name == "status":
                a &= ~int(Status.RESENT)
                b &= ~int(Status.RESENT)
            if a != b and not (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)):
                return False
        return True


_SENSOR_FIELDS = (
    "seq", "t_us", "group_bar", "line_bar", "boiler_c", "group_c", "flow_pulses", "tank_ml", "drip_ml", "status",
    "raw_pressure_counts", "raw_boiler_tc_q", "raw_group_tc_q", "raw_zero_cross", "raw_heater_on",
    "raw_group_counts", "raw_line_counts",
)


@dataclass(frozen=True)
class Actuators:
    """Client to server: the commands answering sensor frame ``seq``.

    ``pump`` and ``heater`` are duties 0..1 (the plant clamps; NaN is 0); ``solenoid`` True
    energises the three-way valve (group to the pump), False releases it (group to the drip tray).
    """

    TYPE: ClassVar[MessageType] = MessageType.ACTUATORS
    seq: int
    t_us: int
    pump: float
    heater: float
    solenoid: bool


@dataclass(frozen=True)
class Pause:
    """Suspends the watchdog (and, in real time, the clock)."""

    TYPE: ClassVar[MessageType] = MessageType.PAUSE


@dataclass(frozen=True)
class Resume:
    TYPE: ClassVar[MessageType] = MessageType.RESUME


@dataclass(frozen=True)
class Step:
    """Advance ``n`` ticks holding the current commands, then a sensor frame (u32)."""

    TYPE: ClassVar[MessageType] = MessageType.STEP
    n: int


@dataclass(frozen=True)
class RunTo:
    """Advance until the simulation time reaches ``t_us``, then a sensor frame (u64)."""

    TYPE: ClassVar[MessageType] = MessageType.RUN_TO
    t_us: int


@dataclass(frozen=True)
class Reset:
    """A fresh plant at t = 0, seq 0, faults cleared, the scenario re-armed, noise seeded (64 bits),
    started as ``start`` says (version 2: ``START_NAMES``; 0, the session's start, in version 1)."""

    TYPE: ClassVar[MessageType] = MessageType.RESET
    seed: int = 0
    start: int = 0


START_NAMES = ("default", "hot", "cold")
"""A reset's ``start`` by its value: the session's start (``serve --start`` or the machine file's), hot, cold."""


@dataclass(frozen=True)
class Snapshot:
    """Save the plant state in server-side slot 0..7."""

    TYPE: ClassVar[MessageType] = MessageType.SNAPSHOT
    slot: int = 0


@dataclass(frozen=True)
class Restore:
    """Restore a saved slot (and its seq), then a sensor frame."""

    TYPE: ClassVar[MessageType] = MessageType.RESTORE
    slot: int = 0


@dataclass(frozen=True)
class Fault:
    """Inject a fault, e.g. ``"stuck target=boiler_c at=20"`` (1..240 bytes of UTF-8)."""

    TYPE: ClassVar[MessageType] = MessageType.FAULT
    spec: str


@dataclass(frozen=True)
class Bye:
    TYPE: ClassVar[MessageType] = MessageType.BYE


@dataclass(frozen=True)
class GetStats:
    """Client to server: asks for a :class:`Stats` (any time; e.g. just before :class:`Bye`)."""

    TYPE: ClassVar[MessageType] = MessageType.GET_STATS


@dataclass(frozen=True)
class Stats:
    """Server to client, the answer to :class:`GetStats`: the session's counters (``ticks`` since
    the last reset, resends, watchdog trips, duplicates, errors) and, in real time, the tick
    lateness in µs of the ``late_ticks`` ticks measured (zeros in lockstep). Each is a u32."""

    TYPE: ClassVar[MessageType] = MessageType.STATS
    ticks: int
    late_ticks: int
    late_p50_us: int
    late_p99_us: int
    late_p999_us: int
    late_max_us: int
    resends: int
    watchdog_trips: int
    duplicates: int
    errors: int


STATS_FIELDS = ("ticks", "late_ticks", "late_p50_us", "late_p99_us", "late_p999_us", "late_max_us", "resends",
                "watchdog_trips", "duplicates", "errors")
"""The fields of :class:`Stats`, in wire order."""


@dataclass(frozen=True)
class Ack:
    """Server to client: control message ``of`` was carried out; ``value`` depends on it."""

    TYPE: ClassVar[MessageType] = MessageType.ACK
    of: int
    value: int

    @property
    def of_type(self) -> Optional[MessageType]:
        try:
            return MessageType(self.of)
        except ValueError:
            return None


@dataclass(frozen=True)
class Error:
    """Server to client: something was wrong; ``count`` is the session's error count so far."""

    TYPE: ClassVar[MessageType] = MessageType.ERROR
    code: int
    count: int
    message: str

    @property
    def error_code(self) -> Optional[ErrorCode]:
        try:
            return ErrorCode(self.code)
        except ValueError:
            return None


PAYLOADLESS: Dict[int, Union[Pause, Resume, Bye, GetStats]] = {
    MessageType.PAUSE: Pause(), MessageType.RESUME: Resume(), MessageType.BYE: Bye(), MessageType.GET_STATS: GetStats()}
"""The messages that carry nothing but their type (immutable, so one instance each)."""

Message = Union[Hello, HelloAck, Sensors, Actuators, Pause, Resume, Step, RunTo, Reset, Snapshot, Restore, Fault, Bye,
                GetStats, Stats, Ack, Error]
"""Any protocol message."""


@dataclass(frozen=True)
class DecodeError:
    """Bytes a decoder could not make a message of: what, and where (byte offset or line number)."""

    code: ErrorCode
    at: int
    detail: str


Decoded = Union[Message, DecodeError]
