"""``smguide decide``: a cited recommendation for one planned contact.

After the recommendation, a practitioner may reflect on it with an ethical
decision-making model, or record that they will act otherwise (docs/ethics.md): in a
terminal through a menu (and at once when the policy is silent, or with
``--reflect``), otherwise from ``--reflection FILE``.
"""

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
    from smguide.reflection import ActOtherwise, Reflection

NO_TERMINAL = (
    "smguide decide asks its questions in a terminal, and this is not one; to run it "
    "without a terminal, give the answers: 'smguide questions' lists the questions and "
    "their options, then run 'smguide decide --answers FILE' or "
    "'smguide decide --set question=option ...'"
)
REFLECT_NO_TERMINAL = (
    "--reflect walks you through the reflection in a terminal, and this is not one; "
    "without a terminal, give the answers to its steps in a file: "
    "'smguide decide ... --reflection FILE' (docs/ethics.md shows the format)"
)
FORMATS = ("text", "json", "markdown", "html")


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
    reflect: bool = False,
    reflection_file: Path | None = None,
) -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    interactive = answers_file is None and not sets
    terminal = is_terminal()
    if interactive and not terminal:
        raise UsageError(NO_TERMINAL)
    if reflect and reflection_file is None and not terminal:
        raise UsageError(REFLECT_NO_TERMINAL)
    if record is not None:
        from smguide.fsutil import check_target

        # Before any question is asked: never make someone answer, then refuse to save.
        check_target(record, overwrite=force)

    pack = load(packs)
    source = None
    if reflection_file is not None:
        from smguide import reflection as rf

        source = rf.load_file(reflection_file)  # checked before any question is asked
        if reflect and source.answers.reflection is None:
            raise UsageError(f"{reflection_file}: --reflect needs a 'reflection:' section")
    if interactive:
        from smguide import prompt

        answers = prompt.run(pack)
    else:
        from smguide.answers import load_answers_file, parse_sets

        answers = load_answers_file(answers_file, pack) if answers_file else {}
        answers.update(parse_sets(sets, pack))  # --set overrides the file

    from smguide.engine import decide

    decision = decide(pack, answers)
    reflection: Reflection | None = None
    otherwise: ActOtherwise | None = None
    if source is not None:
        from smguide import reflection as rf

        reflection, otherwise = rf.from_file(source, pack, decision, answers)
    elif terminal and (interactive or reflect):
        # In a terminal: show the recommendation, then reflect or act otherwise; the
        # record (if any) is written at the end, so Ctrl-C on the way writes nothing.
        reflection, otherwise = _after(pack, decision, answers, fmt, reflect=reflect)
        if record is not None:
            from smguide.record import write_record

            write_record(record, pack, decision, force=force, reflection=reflection,
                         act_otherwise=otherwise)
        if fmt in ("json", "html"):
            _show(pack, decision, fmt, False, reflection, otherwise)
        if record is not None:
            sys.stderr.write(f"smguide: decision record written to {record}\n")
        return EXIT_OK

    if record is not None:
        from smguide.record import write_record

        write_record(record, pack, decision, force=force, reflection=reflection,
                     act_otherwise=otherwise)
    try:
        _show(pack, decision, fmt, interactive, reflection, otherwise)
    except (KeyboardInterrupt, Interrupted) as exc:  # Interrupted: SIGTERM/SIGHUP too
        if record is None:
            raise
        from smguide.signals import stopped_after

        raise stopped_after(exc, f"the decision record was written to {record}") from None
    if record is not None:
        sys.stderr.write(f"smguide: decision record written to {record}\n")
    return EXIT_OK


def _after(pack: Pack, decision: Decision, answers: dict[str, str], fmt: str, *,
           reflect: bool) -> tuple[Reflection | None, ActOtherwise | None]:
    """The recommendation in the terminal, then the reflection and the menu."""
    from smguide import reflect_prompt
    from smguide.prompt import QuestionaryUI

    sys.stdout.write("\n")
    if fmt in ("json", "html"):
        from smguide.render.common import verdict_line

        # The JSON comes at the end, with the reflection in it.
        write_out(verdict_line(decision.verdict, decision.silent))
    else:
        _show(pack, decision, fmt, False, None, None)

    def on_reflection(refl: Reflection) -> None:
        _show_reflection(pack, refl, "markdown" if fmt == "markdown" else "text")

    def on_otherwise(act: ActOtherwise) -> None:
        _show_otherwise(act, "markdown" if fmt == "markdown" else "text")

    return reflect_prompt.after_decision(QuestionaryUI(), pack, decision, answers,
                                         reflect=reflect, on_reflection=on_reflection,
                                         on_otherwise=on_otherwise)


def _show(pack: Pack, decision: Decision, fmt: str, interactive: bool,
          reflection: Reflection | None = None, otherwise: ActOtherwise | None = None) -> None:
    if fmt == "html":  # the case-file report: a template over the JSON output's dict
        from smguide.record import build
        from smguide.render.html import decision_page

        write_out(decision_page(build(pack, decision, reflection=reflection,
                                      act_otherwise=otherwise)))
        return
    if fmt == "json":
        from smguide.render import json as render_json

        write_out(render_json.decision(pack, decision, reflection=reflection,
                                       act_otherwise=otherwise))
        return
    if fmt == "markdown":
        from smguide.render import markdown

        write_out(markdown.decision(pack, decision))
    else:
        from smguide.render import text

        if interactive:
            sys.stdout.write("\n")
        text.decision(pack, decision)
    if reflection is not None:
        _show_reflection(pack, reflection, fmt)
    if otherwise is not None:
        _show_otherwise(otherwise, fmt)


def _show_reflection(pack: Pack, reflection: Reflection, fmt: str) -> None:
    if fmt == "markdown":
        from smguide.render import markdown

        write_out("\n" + markdown.reflection(reflection))
    else:
        from smguide.render import text

        text.reflection(pack, reflection)


def _show_otherwise(otherwise: ActOtherwise, fmt: str) -> None:
    if fmt == "markdown":
        from smguide.render import markdown

        write_out("\n" + markdown.act_otherwise(otherwise))
    else:
        from smguide.render import text

        text.act_otherwise(otherwise)
