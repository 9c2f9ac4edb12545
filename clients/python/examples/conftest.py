"""Fixtures for the acceptance tests: the plant server, started once per test run.

The server is the project's jar (built with ``./backflush machines`` on first use, or given by
``BACKFLUSH_JAR``), run as ``serve --port 0`` (its port read from the line it prints) and as
``serve --unix PATH`` in a temporary directory. Both are stopped at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from backflush_hil import PlantServer

sys.path.insert(0, str(Path(__file__).parent))  # firmware.py beside the tests

REPO = Path(__file__).resolve().parents[3]
MACHINE = "single-boiler"


@pytest.fixture(scope="session")
def jar() -> Path:
    given = os.environ.get("BACKFLUSH_JAR")
    if given:
        return Path(given)
    if shutil.which("java") is None:
        pytest.skip("java is not on PATH: the acceptance tests need the plant server")
    launcher = REPO / "backflush"
    if not launcher.is_file():
        pytest.skip(f"{launcher} not found: run from a backflush checkout or set BACKFLUSH_JAR")
    # builds the jar when it is missing or older than the sources (a no-op otherwise)
    built = subprocess.run([str(launcher), "machines"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True, timeout=900)
    assert built.returncode == 0, f"./backflush machines failed:\n{built.stderr}"
    return REPO / "sim" / "target" / "backflush.jar"


@pytest.fixture(scope="session")
def tcp_server(jar: Path) -> Iterator[PlantServer]:
    with PlantServer(jar, machine=MACHINE, args=["--max-sessions", "8"]) as server:
        yield server


@pytest.fixture(scope="session")
def unix_server(jar: Path) -> Iterator[PlantServer]:
    # a short directory: a socket path must fit in sun_path (about 107 bytes)
    with tempfile.TemporaryDirectory(prefix="bf-") as d:
        path = Path(d) / "plant.sock"
        with PlantServer(jar, machine=MACHINE, unix=path, args=["--max-sessions", "8"]) as server:
            yield server
        assert not path.exists(), "the server removes its socket file when it stops"


@pytest.fixture(params=["tcp", "unix"])
def server(request: pytest.FixtureRequest) -> PlantServer:
    """The plant server over each transport in turn."""
    return request.getfixturevalue(f"{request.param}_server")
