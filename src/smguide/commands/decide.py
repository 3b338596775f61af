"""``smguide decide``: a cited recommendation for one planned contact."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from smguide.commands import EXIT_OK, load, write_out
from smguide.errors import Interrupted, UsageError

if TYPE_CHECKING:
    from smguide.decision import Decision
    from smguide.models import Pack

NO_TERMINAL = (
    "smguide decide asks its questions in a terminal, and this is not one; to run it "
    "without a terminal, give the answers: 'smguide questions' lists the questions and "
    "their options, then run 'smguide decide --answers FILE' or "
    "'smguide decide --set question=option ...'"
)
FORMATS = ("text", "json", "markdown")


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run(
    *,
    packs: Sequence[Path] | None = None,
    answers_file: Path | None = None,
    sets: Sequence[str] = (),
    fmt: str = "text",
    record: Path | None = None,
    force: bool = False,
) -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    interactive = answers_file is None and not sets
    if interactive and not is_terminal():
        raise UsageError(NO_TERMINAL)
    if record is not None:
        from smguide.fsutil import check_target

        # Before any question is asked: never make someone answer, then refuse to save.
        check_target(record, overwrite=force)

    pack = load(packs)
    if interactive:
        from smguide import prompt

        answers = prompt.run(pack)
    else:
        from smguide.answers import load_answers_file, parse_sets

        answers = load_answers_file(answers_file, pack) if answers_file else {}
        answers.update(parse_sets(sets, pack))  # --set overrides the file

    from smguide.engine import decide

    decision = decide(pack, answers)
    if record is not None:
        from smguide.record import write_record

        write_record(record, pack, decision, force=force)
    try:
        _show(pack, decision, fmt, interactive)
    except KeyboardInterrupt:
        if record is None:
            raise
        raise Interrupted(f"interrupted; the decision record was written to {record}") from None
    if record is not None:
        sys.stderr.write(f"smguide: decision record written to {record}\n")
    return EXIT_OK


def _show(pack: Pack, decision: Decision, fmt: str, interactive: bool) -> None:
    if fmt == "json":
        from smguide.render import json as render_json

        write_out(render_json.decision(pack, decision))
    elif fmt == "markdown":
        from smguide.render import markdown

        write_out(markdown.decision(pack, decision))
    else:
        from smguide.render import text

        if interactive:
            sys.stdout.write("\n")
        text.decision(pack, decision)
