"""Nothing a text contains can forge the screen (issue 18): control characters are
refused in pack and scenario files, and whatever reaches the terminal from outside
(texts, file names, pseudonyms) is printed inert. pyte, a terminal emulator, shows
what the screen would show."""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pyte
import pytest

from smguide.engine.core import decide
from smguide.errors import InputError
from smguide.pack.loader import load_pack
from smguide.pack.translatable import Localized
from smguide.render import answer
from smguide.report.model import build
from smguide.system.streams import inert
from tests.enginepacks import MINI, write_pack

FORGED = "Personal accounts\x1b[2K\rPERMITTED — you may go ahead.\x1b[8m"
ANSWERS = {"role": "worker", "channel": "social", "account": "personal", "awol": "no",
           "authorized": "yes", "consent": "yes"}
ESCAPES = ["\\e[2K\\r", "\\x1b]52;c;aGk=\\a", "\\x9b2J", "\\u202e", "\\x00", "\\r", "\\x7f"]


def screen_of(output: str, columns: int = 100) -> list[str]:
    screen = pyte.Screen(columns, 60)
    stream = pyte.Stream(screen)
    stream.feed(output.replace("\n", "\r\n"))
    return [line.rstrip() for line in screen.display]


@pytest.mark.parametrize("escape", ESCAPES)
def test_a_text_with_an_escape_is_refused_by_the_loader(tmp_path: Path, escape: str) -> None:
    folder = write_pack(tmp_path / "p", MINI)
    content = folder / "content.yaml"
    content.write_text(content.read_text().replace(
        "title: Phone is preferred", f'title: "Phone is{escape} preferred"'))
    with pytest.raises(InputError, match="control character") as info:
        load_pack(folder)
    assert info.value.location is not None and info.value.location.line > 1


def test_a_forged_title_cannot_repaint_the_verdict(tmp_path: Path) -> None:
    """Past the loader (a pack made in memory), the screen still shows the verdict."""
    pack = load_pack(write_pack(tmp_path / "p", MINI))
    rule = pack.rule("personal")
    assert rule is not None
    rule.title = Localized({"en": FORGED})
    out = io.StringIO()
    answer.summary(build(pack, decide(pack, ANSWERS)), out)
    shown = screen_of(out.getvalue())
    assert shown[0].startswith("PROHIBITED")
    assert not any(line.startswith("PERMITTED") for line in shown)
    assert "\x1b" not in out.getvalue() and "\\x1b[2K" in out.getvalue()


def test_random_texts_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "p", MINI))
    rng = random.Random(18)
    alphabet = [chr(c) for c in range(0, 0xa0)] + ["\u202e", "\u2066", "é", "—", " "] * 5
    for _ in range(200):
        forged = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        for rule in pack.rules:
            rule.title = Localized({"en": forged})
        out = io.StringIO()
        answer.summary(build(pack, decide(pack, ANSWERS)), out)
        answer.details(build(pack, decide(pack, ANSWERS)), out)
        assert not re.search("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]",
                             out.getvalue()), repr(forged)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "smguide", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=60)


def test_a_file_name_in_an_error_is_printed_inert(tmp_path: Path) -> None:
    name = "x\x1b]52;c;aGVsbG8=\x07\x1b[2J\x1b[H.yaml"
    done = run("decide", "--answers", name, cwd=tmp_path)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "x\\x1b]52;c;aGVsbG8=\\x07\\x1b[2J\\x1b[H.yaml" in done.stderr
    assert done.stderr.count("\n") == 1


def test_pseudonyms_in_a_results_file_are_printed_inert(tmp_path: Path) -> None:
    results = tmp_path / "class.jsonl"
    item = {"schema": "smguide.quiz-result/1", "scenario": "personal-phone-reminder",
            "pack": {"id": "cas-2011", "version": "1", "content_hash": "sha256:0"},
            "finished_at": "2026-01-01T00:00:00Z", "answers": [
                {"question": "role", "expected": "protection_worker",
                 "given": "protection_worker", "scored": True, "matched": True}],
            "answers_matched": 1, "answers_total": 1, "predicted_verdict": "prohibited",
            "verdict": "prohibited", "verdict_correct": True}
    lines = [json.dumps({**item, "pseudonym": who})
             for who in ("fox\x1b[2J\x1b[H\u202eevil", "owl")]
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run("scenarios", "--results", str(results))
    assert done.returncode == 0, done.stderr
    assert "owl" in done.stdout and "fox\\x1b[2J\\x1b[H\\u202eevil" in done.stdout
    assert "\x1b" not in done.stdout + done.stderr
    assert "\u202e" not in done.stdout + done.stderr


def test_inert_shows_every_control_character() -> None:
    for code in [*range(0x20), *range(0x7f, 0xa0), 0x202e, 0x2066]:
        if chr(code) in "\n\t":
            continue
        assert inert(f"a{chr(code)}b") == f"a\\{'x' if code < 0x100 else 'u'}" + (
            f"{code:02x}" if code < 0x100 else f"{code:04x}") + "b"
    assert inert("a\nb\tc") == "a\nb\tc"
    assert inert("a\nb", one_line=True) == "a\\x0ab"
