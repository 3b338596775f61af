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

from smguide.commands import EXIT_OK, write_out
from smguide.errors import Interrupted, UsageError
from smguide.i18n import N_, _
from smguide.pack.selection import load_and_warn

if TYPE_CHECKING:
    from smguide.pack.models import Pack
    from smguide.reflection import ActOtherwise, Reflection
    from smguide.report.model import Report

NO_TERMINAL = N_(
    "smguide decide asks its questions in a terminal, and this is not one; to run it "
    "without a terminal, give the answers: 'smguide questions' lists the questions and "
    "their options, then run 'smguide decide --answers FILE' or "
    "'smguide decide --set question=option ...'"
)
REFLECT_NO_TERMINAL = N_(
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
    details: bool = False,
) -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    interactive = answers_file is None and not sets
    terminal = is_terminal()
    if interactive and not terminal:
        raise UsageError(_(NO_TERMINAL))
    if reflect and reflection_file is None and not terminal:
        raise UsageError(_(REFLECT_NO_TERMINAL))
    if record is not None:
        from smguide.render.record import record_format
        from smguide.system.files import check_target

        # Before any question is asked: never make someone answer, then refuse to save.
        check_target(record, overwrite=force)  # a device or a link: say so first
        record_format(record)

    pack = load_and_warn(packs)
    source = None
    if reflection_file is not None:
        from smguide import reflection as rf

        source = rf.load_file(reflection_file)  # checked before any question is asked
        if reflect and source.answers.reflection is None:
            raise UsageError(_("{file}: --reflect needs a 'reflection:' section").format(
                file=reflection_file))
    if interactive:
        from smguide.interview import prompt

        answers = prompt.run(pack)
    else:
        from smguide.pack.answers import load_answers_file, parse_sets

        answers = load_answers_file(answers_file, pack) if answers_file else {}
        answers.update(parse_sets(sets, pack))  # --set overrides the file

    from smguide.engine.core import decide
    from smguide.report.model import build

    decision = decide(pack, answers)
    report = build(pack, decision, answers)
    reflection: Reflection | None = None
    otherwise: ActOtherwise | None = None
    if source is not None:
        from smguide import reflection as rf

        reflection, otherwise = rf.from_file(source, pack, decision, answers)
    elif terminal and (interactive or reflect):
        # In a terminal: show the recommendation, then reflect or act otherwise; the
        # record (if any) is written at the end, so Ctrl-C on the way writes nothing.
        reflection, otherwise = _after(report, answers, fmt, reflect=reflect, details=details)
        if record is not None:
            from smguide.render.record import write_report

            write_report(record, report, force=force, reflection=reflection,
                         act_otherwise=otherwise)
        if fmt in ("json", "html"):
            _show(report, fmt, reflection=reflection, otherwise=otherwise)
        if record is not None:
            _record_written(record)
        return EXIT_OK

    if record is not None:
        from smguide.render.record import write_report

        write_report(record, report, force=force, reflection=reflection,
                     act_otherwise=otherwise)
    try:
        _show(report, fmt, details=details, reflection=reflection, otherwise=otherwise)
    except (KeyboardInterrupt, Interrupted) as exc:  # Interrupted: SIGTERM/SIGHUP too
        if record is None:
            raise
        from smguide.system.signals import stopped_after

        raise stopped_after(exc, _("the decision record was written to {path}").format(
            path=record)) from None
    if record is not None:
        _record_written(record)
    return EXIT_OK


def _record_written(record: Path) -> None:
    sys.stderr.write(_("smguide: {message}").format(
        message=_("decision record written to {path}").format(path=record)) + "\n")


def _after(report: Report, answers: dict[str, str], fmt: str, *, reflect: bool,
           details: bool) -> tuple[Reflection | None, ActOtherwise | None]:
    """The recommendation in the terminal, then the reflection and the menu."""
    from smguide.interview import reflect_prompt
    from smguide.interview.prompt import QuestionaryUI
    from smguide.report.wording import headline

    pack = report.pack
    sys.stdout.write("\n")
    if fmt in ("json", "html"):
        # The JSON (or HTML) comes at the end, with the reflection in it.
        write_out(headline(report) + "\n")
    else:
        _show(report, fmt, details=details, in_menu=True)

    def on_reflection(refl: Reflection) -> None:
        _show_reflection(pack, refl, "markdown" if fmt == "markdown" else "text")

    def on_otherwise(act: ActOtherwise) -> None:
        _show_otherwise(act, "markdown" if fmt == "markdown" else "text")

    return reflect_prompt.after_decision(QuestionaryUI(), pack, report.decision, answers,
                                         reflect=reflect, on_reflection=on_reflection,
                                         on_otherwise=on_otherwise,
                                         headline=headline(report),
                                         on_details=lambda: page_details(report))


def page_details(report: Report) -> None:
    """The full rationale in a pager (q to come back): rich's, with ``less -R`` so that
    the styles show (``$PAGER`` is left to pydoc when less is missing)."""
    import shutil

    from rich.pager import Pager, SystemPager

    from smguide.render import answer
    from smguide.render.writer import console

    class LessPager(Pager):
        def show(self, content: str) -> None:
            import os
            import subprocess

            env = {**os.environ, "LESSCHARSET": os.environ.get("LESSCHARSET", "utf-8")}
            subprocess.run(["less", "-R"], input=content.encode("utf-8"), check=False, env=env)

    screen = console()
    pager: Pager = LessPager() if shutil.which("less") else SystemPager()
    with screen.pager(pager=pager, styles=shutil.which("less") is not None):
        answer.details(report, target=screen)


def _show(report: Report, fmt: str, *, details: bool = False, in_menu: bool = False,
          reflection: Reflection | None = None, otherwise: ActOtherwise | None = None) -> None:
    pack = report.pack
    if fmt == "html":  # the case-file report: a template over the JSON output's data
        from smguide.render.html import decision_page
        from smguide.render.json import decision_data

        write_out(decision_page(decision_data(report, reflection=reflection,
                                              act_otherwise=otherwise), reflection))
        return
    if fmt == "json":
        from smguide.render import json as render_json

        write_out(render_json.decision(report, reflection=reflection,
                                       act_otherwise=otherwise))
        return
    if fmt == "markdown":
        from smguide.render import markdown

        write_out(markdown.decision(report))
    else:
        from smguide.render import answer

        if details:
            answer.summary(report, hint="")
            sys.stdout.write("\n")
            answer.details(report)
        else:
            answer.summary(report, hint=answer.MENU_HINT if in_menu else answer.DETAILS_HINT)
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
