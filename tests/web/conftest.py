"""The web app in process (Starlette's TestClient), on the bundled packs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from smguide.pack.models import Pack
from smguide.pack.selection import load_and_warn as load
from smguide.web.application import create_app
from smguide.web.security import allowed_hosts

with warnings.catch_warnings():  # Starlette >= 1.x prefers httpx2; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load(None)


@pytest.fixture(scope="session")
def client(pack: Pack) -> Iterator[TestClient]:
    app = create_app(pack, allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as test_client:
        yield test_client


SMGUIDE = [str(Path(sys.executable).with_name("smguide"))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(cache: Path, *args: str, command: tuple[str, ...] = (*SMGUIDE, "serve"),
                 ) -> tuple[subprocess.Popen[str], int]:
    """``smguide serve`` (or ``command``) on a free port of 127.0.0.1, once it accepts
    connections."""
    port = free_port()
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    proc = subprocess.Popen([*command, "--port", str(port), *args], env=env,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for _ in range(400):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, port
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.05)
    proc.kill()
    raise AssertionError(f"{command[-1]} did not start: {proc.communicate()[1]}")


def stop_server(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    proc, port = start_server(tmp_path)
    try:
        yield proc, port
    finally:
        stop_server(proc)
