"""Signals end smguide as Ctrl-C does, and a record is all or nothing (issue 8: R18,
R21, R22). Real processes: a pseudo-terminal for the prompts, and for the record a
child whose n-th fsync sends it the signal (what the issue did with strace's delays)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from smguide.interview.prompt import SELECT_INSTRUCTION
from tests.hostile import tiny_pack
from tests.ptyutil import pexpect, spawn

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
CODES = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}
WORDS = {signal.SIGINT: "interrupted", signal.SIGTERM: "stopped by SIGTERM",
         signal.SIGHUP: "stopped by SIGHUP"}

# Runs smguide with os.fsync wrapped: after the N-th fsync the process signals itself.
AT_FSYNC = """
import os, signal, sys
n, signum = int(sys.argv[1]), int(sys.argv[2])
real, calls = os.fsync, []
def fsync(fd):
    real(fd)
    calls.append(fd)
    if len(calls) == n:
        os.kill(os.getpid(), signum)
os.fsync = fsync
from smguide.cli import main
main(sys.argv[3:])
"""


def _record_with_signal_at_fsync(tmp_path: Path, n: int,
                                 signum: int) -> subprocess.CompletedProcess[str]:
    pack = tiny_pack(tmp_path / "p")
    out = tmp_path / "w"
    out.mkdir()
    return subprocess.run(
        [sys.executable, "-c", AT_FSYNC, str(n), str(signum), "decide", "--pack", str(pack),
         "--set", "channel=text", "--record", str(out / "rec.json")],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
        # A shell's background job ignores SIGINT, and smguide keeps an ignored signal
        # ignored (nohup): the child starts with the default, whoever runs the tests.
        preexec_fn=_default_sigint)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# R18: a signal at the temporary file's fsync: nothing in place, no temporary file left.
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_r18_signal_at_the_temp_file_fsync(tmp_path: Path, signum: int) -> None:
    result = _record_with_signal_at_fsync(tmp_path, 1, signum)
    assert result.returncode == CODES[signum], result.stderr
    assert result.stderr == f"smguide: {WORDS[signum]}; nothing was written\n"
    assert list((tmp_path / "w").iterdir()) == []
    assert result.stdout == ""


# R18: a signal at the folder's fsync (the record is in place): said so, truly.
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_r18_signal_at_the_folder_fsync(tmp_path: Path, signum: int) -> None:
    result = _record_with_signal_at_fsync(tmp_path, 2, signum)
    record = tmp_path / "w" / "rec.json"
    assert result.returncode == CODES[signum], result.stderr
    assert result.stderr == f"smguide: {WORDS[signum]}; {record} was written in full\n"
    assert [p.name for p in (tmp_path / "w").iterdir()] == ["rec.json"]
    assert json.loads(record.read_text())["verdict"] == "prohibited"


def test_r18_no_signal_writes_the_record(tmp_path: Path) -> None:
    result = _record_with_signal_at_fsync(tmp_path, 99, signal.SIGTERM)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "w").iterdir()] == ["rec.json"]


# R21 (kill -INT at a menu is obeyed) and R22 (kill -TERM/-HUP leave the terminal as
# it was, not raw).
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_r21_r22_signal_at_a_menu(tmp_path: Path, signum: int) -> None:
    pack = tiny_pack(tmp_path / "p")
    child = spawn("decide", "--pack", pack)
    try:
        child.expect_exact(SELECT_INSTRUCTION)
        time.sleep(0.2)  # the menu is drawn: the terminal is in raw mode now
        os.kill(child.pid, signum)
        child.expect(pexpect.EOF, timeout=10)
        child.wait()
        lflag = termios.tcgetattr(child.child_fd)[3]
    finally:
        child.close(force=True)
    assert child.exitstatus == CODES[signum]
    assert f"smguide: {WORDS[signum]}; nothing was written" in child.before
    assert lflag & termios.ICANON and lflag & termios.ECHO and lflag & termios.ISIG


def test_r18_an_ignored_signal_stays_ignored(tmp_path: Path) -> None:
    """Under nohup (SIGHUP ignored), a SIGHUP while writing neither stops nor lies."""
    pack = tiny_pack(tmp_path / "p")
    out = tmp_path / "w"
    out.mkdir()
    script = "import signal\nsignal.signal(signal.SIGHUP, signal.SIG_IGN)\n" + AT_FSYNC
    result = subprocess.run(
        [sys.executable, "-c", script, "1", str(int(signal.SIGHUP)), "decide", "--pack",
         str(pack), "--set", "channel=text", "--record", str(out / "rec.json")],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["rec.json"]


# Runs smguide with a pack cache function wrapped: when it is called, the process
# signals itself (issue 18: the cache swallowed these and exited 0 with output).
AT_CACHE = """
import os, signal, sys
where, signum = sys.argv[1], int(sys.argv[2])
from smguide.pack import cachecodec
real = getattr(cachecodec, where)
def hooked(*args, **kwargs):
    out = real(*args, **kwargs)
    os.kill(os.getpid(), signum)
    return out
setattr(cachecodec, where, hooked)
from smguide.cli import main
main(sys.argv[3:])
"""


@pytest.mark.parametrize("where", ["encode", "decode"])
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_while_the_pack_cache_is_written_or_read(tmp_path: Path, where: str,
                                                          signum: int) -> None:
    pack = tiny_pack(tmp_path / "p")
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("SMGUIDE_CACHE", None)
    cmd = ["decide", "--pack", str(pack), "--set", "channel=text", "--format", "json"]
    if where == "decode":  # fill the cache first
        subprocess.run([sys.executable, "-m", "smguide", *cmd], env=env, check=True,
                       capture_output=True, timeout=60)
    result = subprocess.run([sys.executable, "-c", AT_CACHE, where, str(signum), *cmd],
                            capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL, env=env, preexec_fn=_default_sigint)
    assert result.returncode == CODES[signum], result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().startswith(f"smguide: {WORDS[signum]}")
    assert not list((tmp_path / "cache" / "smguide").glob(".*.tmp"))


@pytest.mark.parametrize("attempt", range(4))
def test_closing_the_terminal_at_a_menu_exits_129(tmp_path: Path, attempt: int) -> None:
    """Issue 18: closing the terminal at a prompt (the pty's master goes away: SIGHUP,
    and every write fails) exited 120 in some runs (Python's flush at exit failed)."""
    import pty
    import select

    pack = tiny_pack(tmp_path / "p")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    pid, master = pty.fork()
    if pid == 0:  # the child: smguide on the pty, its controlling terminal
        os.execve(sys.executable, [sys.executable, "-m", "smguide", "decide", "--pack",
                                   str(pack)], env)
    seen = b""
    deadline = time.monotonic() + 60
    while SELECT_INSTRUCTION.encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                seen += os.read(master, 4096)
            except OSError:
                break
    time.sleep(0.05 * attempt)
    os.close(master)  # the terminal window closes
    _, status = os.waitpid(pid, 0)
    assert SELECT_INSTRUCTION.encode() in seen
    assert os.waitstatus_to_exitcode(status) == 129
