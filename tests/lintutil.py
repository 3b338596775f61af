"""Helpers for the lint tests: run the CLI in-process, find the fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from smguide.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "lint"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``smguide ARGS``."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err
