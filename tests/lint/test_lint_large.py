"""What keeps ``smguide lint`` linear on large packs: shared passes, and the collector.

The findings themselves are covered by the lint tests; here, that the shared work is
done once per lint run (whatever the number of checks reading it), and that a large
pack is frozen out of the garbage collector's sight once collected.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from smguide.lint import references, runner
from smguide.lint.checks import (
    _usage,
    unknown_reference,
    unknown_section,
    unused_option,
    unused_question,
)
from smguide.lint.collect import collect
from smguide.pack.models import Pack
from tests.enginepacks import MINI, write_pack


def broken_pack(tmp_path: Path) -> Path:
    """MINI with an unknown option in one rule and an unknown section in another."""
    rules = [dict(r) for r in MINI["rules"]]  # type: ignore[attr-defined]
    rules[0] = {**rules[0], "when": {"channel": "fax", "role": "worker"}}
    rules[1] = {**rules[1], "cite": [{"source": "src", "section": "nowhere"}]}
    return write_pack(tmp_path / "broken", {**MINI, "rules": rules})


def test_reference_findings_are_found_once_and_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = collect(broken_pack(tmp_path))
    calls: list[object] = []
    read_file = references._file

    def counted(*args: object) -> object:
        calls.append(args)
        return read_file(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(references, "_file", counted)
    options = list(unknown_reference.check(ctx))
    sections = list(unknown_section.check(ctx))
    assert len(calls) == 1  # the second check read the first one's result
    assert [f.message for f in options] == [
        "rule 'phone-ok': question 'channel' has no option 'fax'; "
        "its options are: phone, text, social"]
    assert [f.message for f in sections] == [
        "rule 'needs-auth' cites unknown section 'nowhere' of 'src'; its sections are: s1"]


def test_usage_is_one_pass_shared_by_the_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = collect(write_pack(tmp_path / "mini", MINI))
    walked: list[object] = []
    name_options = _usage._name_options

    def counted(cond: object, named: dict[str, set[str]]) -> None:
        walked.append(cond)
        name_options(cond, named)  # type: ignore[arg-type]

    monkeypatch.setattr(_usage, "_name_options", counted)
    list(unused_question.check(ctx))
    list(unused_option.check(ctx))
    assert ctx.assembled is not None
    conditions = len(ctx.assembled.rules) + sum(
        q.ask_if is not None for q in ctx.assembled.questions)
    assert len(walked) == conditions
    assert _usage.used_questions(ctx) == {"role", "channel", "account", "awol",
                                          "authorized", "consent"}
    assert _usage.named_options(ctx)["channel"] == {"phone", "text", "social"}


@pytest.mark.parametrize(("rules", "frozen"), [(999, 0), (runner.LARGE, 1)])
def test_a_large_pack_is_frozen_out_of_the_collectors_sight(
    monkeypatch: pytest.MonkeyPatch, rules: int, frozen: int
) -> None:
    calls: list[None] = []
    monkeypatch.setattr(runner.gc, "freeze", lambda: calls.append(None))
    pack = cast(Pack, SimpleNamespace(rules=[None] * rules))
    runner._settle(runner.LintContext(pack_dir=Path("."), assembled=pack))
    assert len(calls) == frozen
