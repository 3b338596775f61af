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


def fill_placeholders(agency: Path) -> None:
    """What an author does first in a pack 'smguide init' made: the template's
    "Replace with ..." texts replaced (until then the placeholder check fails)."""
    sources = agency / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace("Replace with your agency's name", "North CAS")
    start = text.index("Replace with a one-line summary")
    end = text.index("personal phones.", start) + len("personal phones.")
    sources.write_text(text[:start] + "Workers text clients only from agency phones."
                       + text[end:], encoding="utf-8")
