"""Runs ``backflush serve`` as a child process, for tests of a firmware against the plant.

::

    with PlantServer("sim/target/backflush.jar", machine="single-boiler") as server:
        with server.connect() as s:
            ...
        print(server.summary(1).whooshes)

The server is started on port 0 (any free port) or on a Unix socket, and its port is read from
the line it prints once it listens (``backflush: serving M on 127.0.0.1:PORT (...)``). Every wait
is bounded; :meth:`PlantServer.stop` ends it (SIGTERM, then a kill).
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence

from .session import Encoding, PathLike, Session

_SERVING = re.compile(r"^backflush: serving (?P<machine>\S+) on (?:unix (?P<unix>.+?)|(?P<host>[^\s:]+):(?P<port>\d+))"
                      r" \(")
_SUMMARY = re.compile(r"^session (?P<id>\d+) \((?P<transport>.*?)\): (?P<reason>.*); (?P<ticks>\d+) ticks, "
                      r"(?P<whooshes>\d+) whooshes, (?P<errors>\d+) errors, (?P<duplicates>\d+) duplicates, "
                      r"(?P<resends>\d+) resends, (?P<trips>\d+) watchdog trips")


@dataclass(frozen=True)
class SessionSummary:
    """The line the server prints when a session ends, parsed."""

    session: int
    transport: str
    reason: str
    ticks: int
    whooshes: int
    errors: int
    duplicates: int
    resends: int
    watchdog_trips: int
    line: str

    @classmethod
    def parse(cls, line: str) -> Optional["SessionSummary"]:
        m = _SUMMARY.match(line)
        if m is None:
            return None
        return cls(int(m["id"]), m["transport"], m["reason"], int(m["ticks"]), int(m["whooshes"]), int(m["errors"]),
                   int(m["duplicates"]), int(m["resends"]), int(m["trips"]), line)


class PlantServer:
    """``java -jar JAR serve --machine M`` on a free TCP port or a Unix socket, as a child process."""

    def __init__(self, jar: PathLike, *, machine: str = "single-boiler", unix: Optional[PathLike] = None,
                 args: Sequence[str] = (), java: str = "java", startup_timeout: float = 60.0) -> None:
        self.jar = os.fspath(jar)
        self.machine = machine
        self.unix: Optional[str] = os.fspath(unix) if unix is not None else None
        self.host: Optional[str] = None
        self.port: Optional[int] = None
        self._command: List[str] = [java, "-jar", self.jar, "serve", "--machine", machine]
        self._command += ["--unix", self.unix] if self.unix is not None else ["--port", "0"]
        self._command += list(args)
        self._startup_timeout = startup_timeout
        self._process: Optional[subprocess.Popen[str]] = None
        self._lines: "queue.Queue[Optional[str]]" = queue.Queue()
        self._summaries: List[SessionSummary] = []
        self._output: List[str] = []
        self._stderr: List[str] = []
        self._lock = threading.Condition()

    @property
    def command(self) -> List[str]:
        return list(self._command)

    def start(self) -> "PlantServer":
        """Starts the server and waits (bounded) until it listens."""
        self._process = subprocess.Popen(self._command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
        threading.Thread(target=self._read_stdout, name="plant-stdout", daemon=True).start()
        threading.Thread(target=self._read_stderr, name="plant-stderr", daemon=True).start()
        deadline = time.monotonic() + self._startup_timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.stop()
                raise RuntimeError(f"the plant server did not start within {self._startup_timeout} s: "
                                   f"{' '.join(self._command)}\n{self.stderr}")
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                self.stop()
                raise RuntimeError(f"the plant server exited with code {self._process.returncode}: "
                                   f"{' '.join(self._command)}\n{self.stderr}")
            m = _SERVING.match(line)
            if m is not None:
                if m["port"] is not None:
                    self.host, self.port = m["host"], int(m["port"])
                return self

    def _read_stdout(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for raw in self._process.stdout:
            line = raw.rstrip("\n")
            summary = SessionSummary.parse(line)
            with self._lock:
                self._output.append(line)
                if summary is not None:
                    self._summaries.append(summary)
                self._lock.notify_all()
            self._lines.put(line)
        self._process.wait()
        self._lines.put(None)

    def _read_stderr(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        for line in self._process.stderr:
            with self._lock:
                self._stderr.append(line)

    @property
    def output(self) -> List[str]:
        """Every line the server printed on stdout so far."""
        with self._lock:
            return list(self._output)

    @property
    def stderr(self) -> str:
        with self._lock:
            return "".join(self._stderr)

    def connect(self, *, encoding: Encoding | str = Encoding.BINARY, **kwargs: Any) -> Session:
        """A :class:`Session` with this server (keyword arguments as :meth:`Session.connect`)."""
        if self.unix is not None:
            return Session.connect(unix=self.unix, encoding=encoding, **kwargs)
        assert self.host is not None and self.port is not None, "start() the server first"
        return Session.connect(self.host, self.port, encoding=encoding, **kwargs)

    def summary(self, session: int, timeout: float = 20.0) -> SessionSummary:
        """The end-of-session line of session number ``session``, waiting (bounded) for it."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for s in self._summaries:
                    if s.session == session:
                        return s
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"session {session} did not end within {timeout} s")
                self._lock.wait(left)

    def stop(self, timeout: float = 10.0) -> Optional[int]:
        """Stops the server (SIGTERM; a kill after ``timeout`` s); returns its exit code."""
        p = self._process
        if p is None:
            return None
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout)
        return p.returncode

    def __enter__(self) -> "PlantServer":
        return self.start() if self._process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
