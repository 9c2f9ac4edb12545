"""A Python client of the backflush plant server (firmware in the loop, protocol versions 1 and 2).

Standard library only. :class:`Session` is the high-level API (connect, lockstep, actuate,
step, snapshot/restore, faults); :mod:`backflush_hil.binary` and :mod:`backflush_hil.jsonlines`
are the two encodings, usable on their own; :class:`PlantServer` runs a server for tests.
The protocol: docs/protocol.md in the backflush repository.
"""

from .crc32c import crc32c
from .errors import ConnectionClosed, HilError, HilTimeout, ProtocolError, ServerError, UsageError
from .messages import (
    MIN_VERSION, VERSION, Ack, Actuators, Bye, DecodeError, Error, ErrorCode, Fault, GetStats, Hello, HelloAck, Message,
    MessageType, Pause, Reset, Restore, Resume, RunTo, Sensors, Snapshot, Stats, Status, Step, seq_before, seq_next,
)
from .server import PlantServer, SessionSummary
from .session import Command, Controller, Encoding, Session

__version__ = "0.1.0"

__all__ = [
    "Ack", "Actuators", "Bye", "Command", "ConnectionClosed", "Controller", "DecodeError", "Encoding", "Error",
    "ErrorCode", "Fault", "GetStats", "Hello", "HelloAck", "HilError", "HilTimeout", "Message", "MessageType", "Pause",
    "PlantServer", "ProtocolError", "Reset", "Restore", "Resume", "RunTo", "Sensors", "ServerError", "Session",
    "SessionSummary", "Snapshot", "Stats", "Status", "Step", "UsageError", "MIN_VERSION", "VERSION", "crc32c", "seq_before", "seq_next",
]
