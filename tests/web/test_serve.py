"""``smguide serve`` as a person starts it: it prints the address, answers there, refuses
a busy port in one line; and the other commands never import the web stack."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.web.conftest import SMGUIDE, start_server, stop_server

WEB_STACK = ("starlette", "uvicorn", "smguide.web", "httpx", "anyio")

PROBE = """
import sys
from smguide import cli
try:
    cli.main(sys.argv[1:])
except SystemExit:
    pass
print(sorted(m for m in {stack!r} if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["decide", "--help"],
                                  ["decide", "--set", "role=foster_parent"], ["serve", "--help"]])
def test_other_commands_do_not_import_the_web_stack(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PROBE.format(stack=WEB_STACK), *args],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"')) == []


def test_serve_prints_the_address_and_answers(server: tuple[subprocess.Popen[str], int]) -> None:
    proc, port = server
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
        assert response.status == 200
        assert b"In what role are you acting?" in response.read()
        assert response.headers["content-security-policy"]
    proc.terminate()
    _out, err = proc.communicate(timeout=20)
    assert f"open http://127.0.0.1:{port}/ in a browser" in err
    assert "GET / 200" in err  # the access log: method, path, status, time
    assert "Traceback" not in err


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_agency_command_serves_the_app(workers: str, tmp_path: Path) -> None:
    """``uvicorn smguide.web:app --workers N``, as docs/web.md tells an agency to run it.
    The name ``app`` once also named a module of the package: the second lookup of
    ``smguide.web:app`` found the module, and every page was a 500."""
    uvicorn = str(Path(sys.executable).with_name("uvicorn"))
    proc, port = start_server(tmp_path, "--workers", workers, "--log-level", "warning",
                              command=(uvicorn, "smguide.web:app"))
    try:
        for _attempt in range(2):  # with two workers, both may answer
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=20) as response:
                assert response.status == 200
                assert b"In what role are you acting?" in response.read()
    finally:
        stop_server(proc)
    assert "Traceback" not in proc.communicate(timeout=20)[1]


def test_serve_runs_on_the_standard_event_loop(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    """uvloop served two of 20 kept-alive connections a round late, again and again: p99
    64 ms against 42 ms on the standard loop (benchmarks/bench_serve.py, docs/web.md)."""
    import uvicorn

    from smguide.web import serve
    from tests.web.conftest import free_port

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    assert serve.run(port=free_port()) == 0
    assert seen["loop"] == "asyncio" and seen["access_log"] is False


def test_the_app_is_the_same_object_every_time_it_is_looked_up() -> None:
    import smguide.web as web
    from smguide.web.security import Guard

    first, second = web.app, web.app
    assert isinstance(first, Guard) and first is second


def test_a_busy_port_is_one_line(server: tuple[subprocess.Popen[str], int],
                                 tmp_path: Path) -> None:
    _proc, port = server
    done = subprocess.run([*SMGUIDE, "serve", "--port", str(port)], capture_output=True,
                          text=True, timeout=60, check=False,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"smguide: error: cannot listen on 127.0.0.1:{port}: address already in use"]


def test_a_bad_port_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run([*SMGUIDE, "serve", "--port", "70000"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 2 and "choose a port" in done.stderr


def test_a_bad_pack_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run([*SMGUIDE, "serve", "--pack", str(tmp_path / "nowhere")],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("smguide: error: ")


def test_another_pack_is_served(tmp_path: Path) -> None:
    """--pack (an agency's pack, here the test fixture) is what the pages ask."""
    import warnings

    from smguide.pack.loader import load_pack
    from smguide.web.application import create_app
    from smguide.web.security import allowed_hosts
    from tests.fixtures import MINI
    from tests.web.webutil import answers_in, walk

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    app = create_app(load_pack(MINI), allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        review, asked = walk(client, {"role": "protection_worker", "channel": "text",
                                      "authorized": "yes"})
        assert asked == ["role", "channel", "authorized"]
        assert answers_in(review) == {"role": "protection_worker", "channel": "text",
                                      "authorized": "yes"}
        questions = client.get("/api/v1/questions").json()
        assert questions["pack"]["id"] == "mini"
