"""Standard streams that are closed, full, broken or not UTF-8, and usage errors
(issue 8: R7, R8, R9, R10, R16). Run as real processes: the streams are the point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smguide import __version__
from tests.hostile import smguide, tiny_pack
from tests.lintutil import run_cli

Capsys = pytest.CaptureFixture[str]


def _closed(fd: int) -> dict[str, object]:
    """Start the child with ``fd`` closed (like the shell's ``<&-`` or ``>&-``)."""
    def close() -> None:
        os.close(fd)

    return {"preexec_fn": close}


# R7: closed standard input.
def test_r7_answers_given_with_stdin_closed(tmp_path: Path) -> None:
    pack = tiny_pack(tmp_path / "p")
    result = smguide("decide", "--pack", str(pack), "--set", "channel=text", stdin=None,
                     **_closed(0))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("PROHIBITED")


def test_r7_no_answers_with_stdin_closed_says_no_terminal(tmp_path: Path) -> None:
    pack = tiny_pack(tmp_path / "p")
    result = smguide("decide", "--pack", str(pack), stdin=None, **_closed(0))
    assert result.returncode == 2
    assert result.stderr.startswith("smguide: error: smguide decide asks its questions in "
                                    "a terminal, and this is not one")
    assert "Traceback" not in result.stderr


# R8: output that cannot be written.
def test_r8_full_disk() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = smguide("rules", stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr == "smguide: error: cannot write the output: no space left on device\n"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_r8_closed_stdout(fmt: str) -> None:
    result = smguide("rules", "--format", fmt, stdout=None, stderr=subprocess.PIPE,
                     **_closed(1))
    assert result.returncode == 2
    assert result.stderr == "smguide: error: cannot write the output: standard output is closed\n"


def test_closed_stderr_still_gives_the_exit_code(tmp_path: Path) -> None:
    result = smguide("rules", "--pack", str(tmp_path / "nothing"), stdout=subprocess.PIPE,
                     stderr=None, **_closed(2))
    assert result.returncode == 2


# R9: the reader goes away: 141, quietly, as docs/cli.md says.
@pytest.mark.parametrize("args", [["rules"], ["questions"], ["explain", "--help"],
                                  ["decide", "--set", "role=supervisor"]])
def test_r9_reader_goes_away(args: list[str]) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    with subprocess.Popen([sys.executable, "-m", "smguide", *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(1)
        proc.stdout.close()  # like "| head -c 1"
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=60)
    if code == 0:  # everything fitted in the pipe before it closed
        return
    assert code == 141, err
    assert err == ""


# R10: an output encoding that is not UTF-8.
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_r10_not_utf8_output(tmp_path: Path, encoding: str) -> None:
    pack = tiny_pack(tmp_path / "p")
    env = {"PYTHONIOENCODING": encoding}
    result = smguide("decide", "--pack", str(pack), "--set", "channel=text", "--details",
                     env=env, encoding=encoding)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("PROHIBITED - do not go ahead with this.")
    assert " * No texting (prohibited) - Policy " in result.stdout
    assert " * Would be permitted if: Which channel? = Phone" in result.stdout
    result = smguide("rules", env=env, encoding=encoding, errors="strict")
    assert result.returncode == 0, result.stderr
    result = smguide("decide", "--set", "role=protection_worker", "--format", "markdown",
                     env=env, encoding=encoding)
    assert result.returncode == 0, result.stderr


# R16: usage errors are one line, exit 2.
@pytest.mark.parametrize(("args", "message"), [
    (["frob"], "smguide: error: no such command 'frob'; see 'smguide --help'"),
    (["rules", "--format", "xml"],
     "smguide: error: invalid value for '--format' / '-f': 'xml' is not one of 'text', "
     "'json'; see 'smguide rules --help'"),
    (["rules", "--frob"], "smguide: error: no such option: --frob"),
    (["rules", "--pack"], "smguide: error: option '--pack' requires an argument; "
                          "see 'smguide rules --help'"),
    (["explain"], "smguide: error: missing argument 'RULE_ID'"),
])
def test_r16_usage_errors_are_one_line(capsys: Capsys, args: list[str], message: str) -> None:
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(message), err


def test_r16_help_and_version_still_exit_0(capsys: Capsys) -> None:
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0 and out.startswith("Usage: smguide")
    code, bare, _ = run_cli(capsys)  # bare ``smguide`` is the help, not an error (issue 23)
    assert (code, bare) == (0, out)
    code, out, _ = run_cli(capsys, "--version")
    assert (code, out) == (0, f"smguide {__version__}\n")
    code, out, _ = run_cli(capsys, "rules", "--help")
    assert code == 0 and "Usage: smguide rules" in out
