"""``smguide scenarios``: list the scenarios, or summarise a class's quiz results."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from smguide.commands import EXIT_OK, write_out
from smguide.errors import UsageError

if TYPE_CHECKING:
    from smguide.pack.models import Pack
    from smguide.training.files import ScenarioFile

FORMATS = ("text", "json")


def run(*, paths: Sequence[Path] | None = None, packs: Sequence[Path] | None = None,
        tags: Sequence[str] = (), role: str | None = None, verdict: str | None = None,
        fmt: str = "text", results: Path | None = None) -> int:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    _check_verdict(verdict)
    from smguide.training.files import load_checked

    loaded = load_checked(paths, packs)
    files = [sf for sf, _ in loaded if _matches(sf, tags, role, verdict)]
    if results is not None:
        return _summary(results, files, loaded, filtered=bool(tags or role or verdict), fmt=fmt)
    if fmt == "json":
        from smguide.training.data import listing

        write_out(listing(files))
    else:
        from smguide.training import terminal as show

        show.listing(files)
    return EXIT_OK


def _check_verdict(verdict: str | None) -> None:
    from smguide.pack.models import Verdict

    ids = [v.value for v in Verdict]
    if verdict is not None and verdict not in ids:
        from smguide.i18n import did_you_mean

        hint = did_you_mean(verdict, ids)
        raise UsageError(f"--verdict {verdict!r}: {hint}choose one of: {', '.join(ids)}")


def _matches(sf: ScenarioFile, tags: Sequence[str], role: str | None,
             verdict: str | None) -> bool:
    s = sf.scenario
    return (all(t in s.tags for t in tags) and (role is None or s.role == role)
            and (verdict is None or s.expect.verdict.value == verdict))


def _summary(path: Path, files: list[ScenarioFile], loaded: list[tuple[ScenarioFile, Pack]],
             *, filtered: bool, fmt: str) -> int:
    from smguide.report.wording import text
    from smguide.training.quiz import read_results, summarise, summary_data

    wanted = {sf.id for sf in files}
    results = [r for r in read_results(path) if not filtered or r["scenario"] in wanted]
    summary = summarise(results)
    if fmt == "json":
        from smguide.render.json import dumps

        write_out(dumps(summary_data(summary)))
        return EXIT_OK
    from smguide.training import terminal as show

    titles = {sf.id: text(sf.scenario.title) for sf in files}
    questions: dict[str, str] = {}
    for _, pack in loaded:
        for q in pack.questions:
            questions.setdefault(q.id, text(q.text))
    show.class_summary(summary, titles, questions)
    return EXIT_OK
