"""Lint's verdict-only analyses are shared with the packs that extend a pack without
changing its verdicts (cas-2011 is analysed once when etmi-2022 extends it), and only
with those."""

from __future__ import annotations

import pytest

from smguide import analysis
from smguide.analysis import shared
from smguide.pack.bundled import pack_path
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack, Verdict


@pytest.fixture(scope="module")
def packs() -> tuple[Pack, Pack]:
    return load_pack(pack_path("cas-2011")), load_pack(pack_path("etmi-2022"))


def test_the_extending_pack_takes_the_base_results(
        packs: tuple[Pack, Pack], monkeypatch: pytest.MonkeyPatch) -> None:
    base, extended = packs
    assert shared.extends(extended, base) and not shared.extends(base, extended)
    analysis._CACHE.clear()
    made: list[str] = []
    raises, unsafe = analysis.raises, analysis.unsafe_unknowns
    monkeypatch.setattr(analysis, "raises", lambda p: made.append(p.id) or raises(p))
    monkeypatch.setattr(analysis, "unsafe_unknowns",
                        lambda *a: made.append("unsafe") or unsafe(*a))
    first, second = analysis.analyse(base), analysis.analyse(extended)
    expected = (first.raises, first.unsafe_unknowns)
    got = (second.raises, second.unsafe_unknowns)
    assert made == ["cas-2011", "unsafe"]  # once each, for the base
    assert [(r.question.id, r.option, r.before, r.after) for r in got[0]] == [
        (r.question.id, r.option, r.before, r.after) for r in expected[0]]
    assert [u.question.id for u in got[1]] == [u.question.id for u in expected[1]]
    assert all(r.question is extended.question(r.question.id) for r in got[0])
    analysis._CACHE.clear()


def test_a_changed_verdict_is_not_shared(packs: tuple[Pack, Pack]) -> None:
    base, extended = packs
    assert shared.verdict_content(base) == shared.verdict_content(extended)
    rule = next(r for r in extended.rules if r.verdict is Verdict.permitted)
    changed = extended.model_copy(update={"rules": [
        r.model_copy(update={"verdict": Verdict.discouraged}) if r is rule else r
        for r in extended.rules]})
    assert shared.verdict_content(changed) != shared.verdict_content(base)
    analysis._CACHE.clear()
    analysis.analyse(base).raises  # noqa: B018 - computed, to be offered
    assert analysis.analyse(changed)._alike("raises") is None
    analysis._CACHE.clear()
