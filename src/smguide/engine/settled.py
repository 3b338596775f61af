"""When the answer is settled: every completion of the answers gives the same verdict
(docs/engine.md, "Settled"); ``smguide.engine.depends`` builds on it."""

from __future__ import annotations

from collections.abc import Mapping

from smguide.engine import examples
from smguide.engine.compiled import SILENT_VERDICT, _Compiled, _compiled, normalize
from smguide.engine.verdict import _verdict, _verdict_under, verdict_of
from smguide.pack.conditions import All, AnyOf, Condition, Not
from smguide.pack.models import Pack, Rule, Verdict

_SETTLED: dict[tuple[object, ...], tuple[Pack, bool]] = {}


def forget_settled() -> None:
    """Drop what :func:`settled` found for past answers."""
    _SETTLED.clear()


def settled(pack: Pack, answers: Mapping[str, str], verdict: Verdict | None = None) -> bool:
    """Does every completion of the answers give the same verdict? Then no answer still
    unknown can change it. Exact: a search for a completion with a laxer verdict.
    ``verdict``: :func:`verdict_of` the same answers, where the caller has it."""
    known = normalize(pack, answers)
    c = _compiled(pack)
    if verdict is None:
        verdict = _verdict(c, known)
    if verdict == Verdict.permitted:
        return True
    key = (id(pack), verdict, *(known.get(q.id) for q in pack.questions))
    hit = _SETTLED.get(key)
    if hit is None or hit[0] is not pack:
        if len(_SETTLED) > 50_000:
            _SETTLED.clear()
        settled_now = c.settled(known)  # the search over what the answers leave open
        if c.large and _laxer_example(c, known, verdict):
            hit = (pack, False)
        else:
            formula = _laxer(c, verdict, c.ranked_in(c.candidates(settled_now)))
            hit = (pack, not c.search(formula, known, settled_now))
        _SETTLED[key] = hit
    return hit[1]


def stopped(pack: Pack, answers: Mapping[str, str]) -> bool:
    """Is the verdict certainly ``prohibited``? Then the interview has nothing left to ask."""
    verdict = verdict_of(pack, answers)
    return verdict == Verdict.prohibited and settled(pack, answers, verdict)


def _laxer(c: _Compiled, verdict: Verdict, ranked: list[Rule]) -> Condition:
    """A formula true exactly in the completions whose verdict is laxer than ``verdict``:
    no rule as strict takes effect (and, from consult_supervisor on, no silence).
    ``ranked`` holds every verdict rule that may apply; the others are ineffective in
    every completion, so leaving them out changes the formula's value in none."""
    parts: list[Condition] = [
        Not(c.effective[r.id].condition) for r in ranked
        if r.verdict is not None and r.verdict.rank <= verdict.rank
    ]
    if verdict.rank >= SILENT_VERDICT.rank:  # not silent: some verdict rule takes effect
        parts.append(AnyOf(tuple(c.effective[r.id].condition for r in ranked)))
    return All(tuple(parts))


def _laxer_example(c: _Compiled, known: Mapping[str, str], verdict: Verdict) -> bool:
    """Is one of a few completions of ``known`` laxer than ``verdict``? True proves the
    verdict is not settled."""
    return any(_verdict_under(c, full, c.settle(full)).rank > verdict.rank
               for full in examples.completions(c.pack.questions, known))
