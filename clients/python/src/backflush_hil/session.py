"""A session with the plant server: connect, hello, then lockstep frames and control messages.

::

    from backflush_hil import Session

    with Session.connect(port=5555) as s:                  # or Session.connect(unix="/tmp/bf.sock")
        for f in s.lockstep(until_us=30_000_000):          # each sensor frame, in order
            filling = f.t_s % 15 < 10
            s.actuate(pump=1.0 if filling else 0.0, solenoid=filling,
                      heater=1.0 if f.boiler_c < 93 else 0.0)

In lockstep the plant advances one tick per answered frame, so whatever the body does between
frames (log, assert, sleep in a debugger) does not change what the plant does.
"""

from __future__ import annotations

import os
import socket
import time
from collections import deque
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Deque, Iterator, Optional, Union

from . import binary, jsonlines
from .binary import BinaryDecoder
from .errors import ConnectionClosed, HilError, HilTimeout, ProtocolError, ServerError, UsageError
from .jsonlines import JsonLineDecoder
from .messages import (
    MIN_VERSION, VERSION, Ack, Actuators, Bye, DecodeError, Error, Fault, GetStats, Hello, HelloAck, Message, Pause,
    START_NAMES, Reset, Restore, Resume, RunTo, Sensors, Snapshot, Stats, Step, seq_before, seq_next,
)

PathLike = Union[str, "os.PathLike[str]"]


class Encoding(str, Enum):
    """How a connection's frames are written; chosen by the client's first byte."""

    BINARY = "binary"
    JSON = "json"


@dataclass(frozen=True)
class Command:
    """What a controller commands for one tick (see :meth:`Session.run`)."""

    pump: float = 0.0
    heater: float = 0.0
    solenoid: bool = False


Controller = Callable[[Sensors], Command]
"""A firmware as a function: this tick's readings in, this tick's commands out."""


class Session:
    """One connection to the plant server. Not thread-safe.

    Make one with :meth:`connect` (which says hello), or wrap a connected socket and call
    :meth:`hello`. Every wait is bounded by ``timeout`` seconds (the server resends its last frame
    after 1 s of silence, so a live server always says something within that time in lockstep).
    """

    def __init__(self, sock: socket.socket, encoding: Union[Encoding, str] = Encoding.BINARY, *,
                 timeout: float = 10.0, name: str = "") -> None:
        self.encoding = Encoding(encoding)
        self.timeout = timeout
        self.name = name
        self._sock = sock
        self._encode: Callable[[Message, int], bytes] = binary.encode if self.encoding is Encoding.BINARY \
            else jsonlines.encode
        self._decoder: Union[BinaryDecoder, JsonLineDecoder] = BinaryDecoder() if self.encoding is Encoding.BINARY \
            else JsonLineDecoder()
        self._rbuf = bytearray(65536)
        self._backlog: Deque[Sensors] = deque()
        self._frame: Optional[Sensors] = None
        self._expect: Optional[int] = None
        self._closed = False
        self.hello_ack: Optional[HelloAck] = None
        """The server's answer to the hello."""
        self.last_ack: Optional[Ack] = None
        """The last ack received (``run_to``'s value is the number of ticks it ran)."""
        self.resends_skipped = 0
        """Sensor frames of earlier ticks that :meth:`sensors_for` skipped."""

    # ---- connecting ----

    @classmethod
    def connect(cls, host: str = "127.0.0.1", port: int = 5555, *, unix: Optional[PathLike] = None,
                encoding: Union[Encoding, str] = Encoding.BINARY, raw: bool = False, dt_us: int = 0,
                timeout: float = 10.0, max_version: int = VERSION) -> "Session":
        """Connects over TCP (``host``, ``port``) or to the Unix socket ``unix``, and says hello.

        ``raw`` asks for the raw hardware signals; ``dt_us`` for a tick other than the server's
        (lockstep only, 10..100000 µs; 0: the server's); ``max_version`` 1 speaks protocol v1 as
        clients before v2 did. Connection failures raise the usual
        :class:`OSError` (e.g. ``ConnectionRefusedError``, ``FileNotFoundError``); a server with
        all sessions in use raises :class:`ServerError` with code ``BUSY``.
        """
        if unix is not None:
            if not hasattr(socket, "AF_UNIX"):
                raise HilError("Unix-domain sockets are not available on this platform")
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.settimeout(timeout)
                sock.connect(os.fspath(unix))
            except BaseException:
                sock.close()
                raise
            name = f"unix {os.fspath(unix)}"
        else:
            sock = socket.create_connection((host, port), timeout=timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            name = f"tcp {host}:{port}"
        session = cls(sock, encoding, timeout=timeout, name=name)
        try:
            session.hello(raw=raw, dt_us=dt_us, max_version=max_version)
        except BaseException:
            session.close()
            raise
        return session

    def hello(self, *, raw: bool = False, dt_us: int = 0, min_version: int = MIN_VERSION,
              max_version: int = VERSION) -> HelloAck:
        """Says hello and waits for the server's hello_ack (an error frame raises :class:`ServerError`).

        It offers versions 1..2; the server answers with the highest it speaks (an older server: 1),
        and the session speaks that version from then on (:attr:`version`)."""
        deadline = self._deadline(None)
        try:
            self.send(Hello(min_version, max_version, raw, dt_us))
        except ConnectionClosed:
            # a busy server writes its error and closes at once: say that rather than "broken pipe"
            try:
                m = self._next_message(deadline)
            except HilError:
                m = None
            if isinstance(m, Error):
                raise ServerError(m) from None
            raise
        while True:
            m = self._next_message(deadline)
            if isinstance(m, HelloAck):
                self.hello_ack = m
                return m
            if isinstance(m, Error):
                raise ServerError(m)

    @property
    def version(self) -> int:
        """The protocol version the hello negotiated (1 before it is answered)."""
        return self.hello_ack.version if self.hello_ack is not None else MIN_VERSION

    @property
    def session_id(self) -> int:
        return self._ack().session

    @property
    def dt_us(self) -> int:
        """The tick, µs."""
        return self._ack().dt_us

    @property
    def raw(self) -> bool:
        """Whether the server granted raw signals."""
        return self._ack().raw

    def _ack(self) -> HelloAck:
        if self.hello_ack is None:
            raise UsageError("say hello first")
        return self.hello_ack

    @property
    def frame(self) -> Optional[Sensors]:
        """The sensor frame the firmware is looking at (the last one received), if any."""
        return self._frame

    # ---- bytes ----

    def send(self, message: Message) -> None:
        """Sends one message as it is (the low level; the methods below are easier)."""
        data = self._encode(message, self.version)
        try:
            self._sock.sendall(data)
        except OSError as e:
            raise ConnectionClosed(f"cannot send to the server: {e}") from e

    def _deadline(self, timeout: Optional[float]) -> float:
        return time.monotonic() + (self.timeout if timeout is None else timeout)

    def _fill(self, deadline: float) -> None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise HilTimeout(f"no answer from the server ({self.name or 'connection'}) in time")
        try:
            self._sock.settimeout(left)
            n = self._sock.recv_into(self._rbuf)
        except socket.timeout:
            raise HilTimeout(f"no answer from the server ({self.name or 'connection'}) in time") from None
        except OSError as e:
            raise ConnectionClosed(f"connection to the server broke: {e}") from e
        if n == 0:
            raise ConnectionClosed("the server closed the connection")
        chunk = memoryview(self._rbuf)[:n]
        if (self.hello_ack is None and isinstance(self._decoder, BinaryDecoder) and self._decoder.buffered == 0
                and bytes(chunk).lstrip()[:1] == b"{"):
            # before the hello is answered the server writes JSON (e.g. BUSY on connect), whatever
            # encoding the client chose
            self._decoder = JsonLineDecoder()
        self._decoder.feed(chunk)

    def _next_message(self, deadline: float) -> Message:
        while True:
            d = self._decoder.next()
            if d is None:
                self._fill(deadline)
                continue
            if isinstance(d, DecodeError):
                raise ProtocolError(f"bad {self.encoding.value} input from the server at {d.at}: {d.detail}", d)
            return d

    def receive(self, timeout: Optional[float] = None) -> Message:
        """The next message from the server, whatever it is (error frames are returned, not raised)."""
        if self._backlog:
            return self._backlog.popleft()
        return self._next_message(self._deadline(timeout))

    # ---- sensor frames ----

    def _next_sensors(self, deadline: float) -> Sensors:
        if self._backlog:
            return self._backlog.popleft()
        while True:
            m = self._next_message(deadline)
            if isinstance(m, Sensors):
                return m
            if isinstance(m, Error):
                raise ServerError(m)
            if isinstance(m, Ack):
                self.last_ack = m

    def sensors(self, timeout: Optional[float] = None) -> Sensors:
        """The next sensor frame (resends included); an error frame on the way raises :class:`ServerError`."""
        f = self._next_sensors(self._deadline(timeout))
        self._frame = f
        self._expect = None
        return f

    def sensors_for(self, seq: int, timeout: Optional[float] = None) -> Sensors:
        """The sensor frame of tick ``seq`` (or a later one), skipping frames of earlier ticks.

        A slow firmware may find a resend of the previous tick in flight when its answer's frame
        arrives; this is how not to mistake one for the other. Compared modulo 2**32.
        """
        deadline = self._deadline(timeout)
        while True:
            f = self._next_sensors(deadline)
            if not seq_before(f.seq, seq):
                self._frame = f
                self._expect = None
                return f
            self.resends_skipped += 1

    def actuate(self, pump: float = 0.0, heater: float = 0.0, solenoid: bool = False, *,
                frame: Optional[Sensors] = None) -> None:
        """Answers the current frame (or ``frame``) with these commands; lockstep then advances one tick."""
        f = frame if frame is not None else self._frame
        if f is None:
            raise UsageError("no sensor frame to answer yet: read one first (sensors() or lockstep())")
        self.send(Actuators(f.seq, f.t_us, float(pump), float(heater), bool(solenoid)))
        self._expect = seq_next(f.seq)

    def command(self, command: Command, *, frame: Optional[Sensors] = None) -> None:
        """:meth:`actuate` with a :class:`Command` (what a :data:`Controller` returns)."""
        self.actuate(command.pump, command.heater, command.solenoid, frame=frame)

    def lockstep(self, *, ticks: Optional[int] = None, until_us: Optional[int] = None) -> Iterator[Sensors]:
        """Yields the sensor frames in order; answer each with :meth:`actuate` before the next.

        Stops after ``ticks`` frames, or at the first frame at or after ``until_us``, or never. A
        :meth:`step`, :meth:`run_to`, :meth:`reset` or :meth:`restore` in the loop body moves it on
        to the frame that follows instead.
        """
        if self._expect is not None:
            f = self.sensors_for(self._expect)
        elif self._frame is not None:
            f = self._frame
        else:
            f = self.sensors()
        n = 0
        while (ticks is None or n < ticks) and (until_us is None or f.t_us < until_us):
            self._expect = None
            yield f
            n += 1
            if self._expect is not None:
                f = self.sensors_for(self._expect)
            elif self._frame is not None and self._frame is not f:
                f = self._frame
            else:
                raise UsageError(f"lockstep: frame {f.seq} was not answered; call actuate() in the loop body")

    def run(self, controller: Controller, *, ticks: Optional[int] = None, until_us: Optional[int] = None) -> Sensors:
        """Runs ``controller`` in lockstep (see :meth:`lockstep`); returns the frame it stopped at."""
        for f in self.lockstep(ticks=ticks, until_us=until_us):
            self.command(controller(f))
        assert self._frame is not None
        return self._frame

    def frames(self, timeout: Optional[float] = None) -> Iterator[Sensors]:
        """Real time: every sensor frame as it arrives (the server ticks on its own clock)."""
        while True:
            yield self.sensors(timeout)

    # ---- control messages ----

    def _control(self, message: Message, *, frame_follows: bool, timeout: Optional[float] = None) -> Ack:
        self.send(message)
        deadline = self._deadline(timeout)
        while True:
            m = self._next_message(deadline)
            if isinstance(m, Sensors):
                if not frame_follows:
                    self._backlog.append(m)  # the answer to an actuator frame sent before: keep it
            elif isinstance(m, Error):
                raise ServerError(m)
            elif isinstance(m, Ack) and m.of == message.TYPE:
                break
        self.last_ack = m
        if frame_follows:
            self._backlog.clear()  # frames from before the command: superseded
            self._frame = self._next_sensors(deadline)
            self._expect = None
        return m

    def pause(self) -> int:
        """Suspends the watchdog (real time: the clock too). Returns the ack's value (the current seq)."""
        return self._control(Pause(), frame_follows=False).value

    def resume(self) -> int:
        return self._control(Resume(), frame_follows=False).value

    def step(self, n: int, timeout: Optional[float] = None) -> Sensors:
        """Advances ``n`` ticks holding the current commands; returns the frame after them."""
        self._control(Step(n), frame_follows=True, timeout=timeout)
        assert self._frame is not None
        return self._frame

    def run_to(self, t_us: int, timeout: Optional[float] = None) -> Sensors:
        """Advances holding the commands until the simulation time reaches ``t_us``; ``last_ack.value`` is the ticks run."""
        self._control(RunTo(t_us), frame_follows=True, timeout=timeout)
        assert self._frame is not None
        return self._frame

    def reset(self, seed: int = 0, start: Optional[str] = None) -> Sensors:
        """A fresh plant at t = 0 (faults cleared, scenario re-armed, noise seeded); returns its tick-0 frame.

        ``start`` ``"hot"`` or ``"cold"`` starts it so (protocol v2); None: as the session starts."""
        if start is not None and start not in ("hot", "cold"):
            raise UsageError(f"start must be hot or cold, got {start!r}")
        if start is not None and self.version < 2:
            raise UsageError("a reset's start needs protocol version 2; this server speaks 1")
        self._control(Reset(seed, 0 if start is None else START_NAMES.index(start)), frame_follows=True)
        assert self._frame is not None
        return self._frame

    def snapshot(self, slot: int = 0) -> None:
        """Saves the plant state in server-side slot 0..7."""
        self._control(Snapshot(slot), frame_follows=False)

    def restore(self, slot: int = 0) -> Sensors:
        """Restores a slot (an empty one raises :class:`ServerError` NOT_ALLOWED); returns the frame after."""
        self._control(Restore(slot), frame_follows=True)
        assert self._frame is not None
        return self._frame

    def fault(self, spec: str) -> None:
        """Injects a fault now, e.g. ``"stuck target=boiler_c"`` (a bad spec raises :class:`ServerError` BAD_FAULT)."""
        self._control(Fault(spec), frame_follows=False)

    def get_stats(self, timeout: Optional[float] = None) -> Stats:
        """The session's counters and, in real time, its tick lateness (a :class:`Stats`).

        Sensor frames that arrive before the answer (a real-time server sends one every tick) are
        kept and come out of :meth:`sensors` as usual; a server older than get_stats answers with
        an UNKNOWN_TYPE error, raised as :class:`ServerError`."""
        self.send(GetStats())
        deadline = self._deadline(timeout)
        while True:
            m = self._next_message(deadline)
            if isinstance(m, Stats):
                return m
            if isinstance(m, Error):
                raise ServerError(m)
            if isinstance(m, Sensors):
                self._backlog.append(m)
            elif isinstance(m, Ack):
                self.last_ack = m

    def bye(self, timeout: Optional[float] = None) -> Optional[int]:
        """Ends the session and closes the connection; returns the ack's value (the seq) if it came."""
        try:
            return self._control(Bye(), frame_follows=False, timeout=timeout).value
        except (ConnectionClosed, HilTimeout):
            return None
        finally:
            self.close()

    # ---- closing ----

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Closes the connection (without a bye the server treats it as a firmware gone: safe state)."""
        if not self._closed:
            self._closed = True
            self._sock.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._closed:
            try:
                self.bye(timeout=min(self.timeout, 2.0))
            except HilError:
                self.close()
