"""Hostile or unreadable files end ``smguide lint`` with one message and exit 2.

They are not findings to list beside the others: the file cannot be judged at all,
and a linter must not hang, eat memory or print a traceback on it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lintutil import run_cli

Capsys = pytest.CaptureFixture[str]
MANIFEST = "id: hostile\ntitle: Hostile\nversion: 1.0.0\n"


def _pack(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / name).write_bytes(content)
    return folder


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{','.join([f'*{prev}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def _one_error(capsys: Capsys, folder: Path, message: str) -> None:
    code, out, err = run_cli(capsys, "lint", str(folder))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("smguide: error: ")
    assert message in err
    assert "Traceback" not in err


def test_alias_bomb(capsys: Capsys, tmp_path: Path) -> None:
    _one_error(capsys, _pack(tmp_path, "bomb.yaml", _alias_bomb()), "alias bomb")


def test_fifty_megabyte_file(capsys: Capsys, tmp_path: Path) -> None:
    folder = _pack(tmp_path, "huge.yaml", b"")
    with (folder / "huge.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no need to write 50 MB
    _one_error(capsys, folder, "huge.yaml: file is too large (50 MiB")


def test_not_utf8(capsys: Capsys, tmp_path: Path) -> None:
    folder = _pack(tmp_path, "latin1.yaml", "rules:\n  - id: caf\xe9\n".encode("latin-1"))
    _one_error(capsys, folder, "latin1.yaml:2:12: not UTF-8 text (byte 0xe9)")


def test_deep_nesting(capsys: Capsys, tmp_path: Path) -> None:
    folder = _pack(tmp_path, "deep.yaml", b"[" * 10_000 + b"]" * 10_000)
    _one_error(capsys, folder, "nesting is deeper than 64 levels")


def test_deep_nesting_of_mappings(capsys: Capsys, tmp_path: Path) -> None:
    folder = _pack(tmp_path, "deep.yaml", b"{a: " * 10_000 + b"1" + b"}" * 10_000)
    _one_error(capsys, folder, "nesting is deeper than 64 levels")


def test_unreadable_file(capsys: Capsys, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    folder = _pack(tmp_path, "secret.yaml", b"rules: []\n")
    (folder / "secret.yaml").chmod(0)
    _one_error(capsys, folder, "permission denied")


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    """The same through the console entry point, as pre-commit would run it."""
    folder = _pack(tmp_path, "bomb.yaml", _alias_bomb())
    proc = subprocess.run([sys.executable, "-m", "smguide", "lint", str(folder)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "alias bomb" in proc.stderr


def test_libyaml_parser_is_used() -> None:
    """The speed of lint (and the benchmark's ratio) depends on libyaml's C parser."""
    import yaml

    from smguide.pack import yamlload

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML built without libyaml")
    assert getattr(yamlload, "_Parser").__module__ == "yaml._yaml"  # noqa: B009
