"""The decision engine: pure functions from a pack and answers to a Decision.

This module is the engine's front: :func:`decide`, and every public name of the
modules it is made of (compiled, formula, search, assessment, verdict, settled,
relevance, findout, whynot).

Semantics, in short (docs/engine.md has the long form):

* A rule *applies* when its ``when`` holds; it is *effective* when it applies and no
  effective exception to it applies. The verdict is the strictest verdict of the
  effective rules; with none, the policy is silent and the verdict is
  ``consult_supervisor``.
* "Not sure" (or no answer) stands for every option. The engine takes the
  strictest verdict over all the completions of the answers; a rule is reported as
  certain when it is effective in all of them, and as possible otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

from smguide.engine.assessment import Assessment, _assess, assess
from smguide.engine.compiled import SILENT_VERDICT, _Compiled, _compiled, normalize
from smguide.engine.decision import AppliedRule, Decision, Dependency, Item
from smguide.engine.findout import _answer_list, _find_out
from smguide.engine.relevance import asked_questions, matters, may_apply, next_question, relevant
from smguide.engine.search import LARGE_PACK, LARGE_PARTS, MIN_STEPS, SEARCH_WORK
from smguide.engine.settled import forget_settled, settled, stopped
from smguide.engine.verdict import verdict_of
from smguide.engine.whynot import MAX_PAIR_CHECKS, _why_not
from smguide.pack.models import Pack, Principle, Silence
from smguide.pack.translatable import Localized

# The budgets and thresholds are read where they are used (engine.search, engine.whynot):
# change them there; they are named here too, as they were before the split.
__all__ = [
    "LARGE_PACK",
    "LARGE_PARTS",
    "MAX_PAIR_CHECKS",
    "MIN_STEPS",
    "SEARCH_WORK",
    "SILENT_VERDICT",
    "Assessment",
    "asked_questions",
    "assess",
    "decide",
    "forget",
    "matters",
    "may_apply",
    "next_question",
    "normalize",
    "relevant",
    "settled",
    "stopped",
    "verdict_of",
]


def decide(pack: Pack, answers: Mapping[str, str], *, why_not: bool = True) -> Decision:
    """The recommendation for these answers. Pure and deterministic. It carries what a
    report reads (whether it is settled, and, with ``why_not``, what it depends on), so
    no output needs to ask the engine again."""
    c = _compiled(pack)
    known = normalize(pack, answers)
    guesses = c.guesses
    outcome = _assess(c, known)
    verdict, silent = outcome.verdict, outcome.silent
    applied = list(outcome.applied)
    defeats = list(outcome.defeated)
    uncertain = [a.rule for a in applied if not a.certain]
    uncertain += [d.defeated for d in defeats if not d.certain]
    if silent and verdict == SILENT_VERDICT and not _certainly_silent(c, known):
        uncertain += [r for r in pack.rules if r.verdict is not None]
    find_out = _find_out(c, known, answers, uncertain)
    is_settled = settled(pack, known)
    depends: tuple[Dependency, ...] = ()
    if why_not and not is_settled:
        from smguide.engine.depends import dependencies  # only here: start-up

        depends = dependencies(pack, known)
    why = _why_not(c, known, verdict) if why_not else ()

    return Decision(
        verdict=verdict,
        silent=silent,
        applied=tuple(applied),
        defeated=tuple(defeats),
        obligations=_items(applied, "obligations"),
        cautions=_items(applied, "cautions"),
        find_out=find_out,
        why_not=why,
        answers=_answer_list(c, known, answers, find_out),
        considerations=_items(applied, "considerations"),
        silences=_silences(c, known) if silent else (),
        settled=is_settled,
        depends=depends,
        asked=frozenset(q for q in answers if c.pack.question(q) is not None),
        bounded=outcome.bounded or c.guesses != guesses,
    )


def forget(pack: Pack) -> None:
    """Drop every answer the engine keeps from past calls for ``pack`` (memos that make
    the next call with the same answers quicker); what it compiled from the rules
    stays. A server calls it after each request, so that no situation outlives the
    request that brought it."""
    _compiled(pack).forget_answers()
    forget_settled()


def _silences(c: _Compiled, known: Mapping[str, str]) -> tuple[Silence, ...]:
    """The declared silences that hold for sure; else those that may hold."""
    possible = [(s, when) for s, both, when in c.silences if c.possible(both, known)]
    certain = tuple(s for s, when in possible if not c.possible(when, known, want=False))
    return certain or tuple(s for s, _ in possible)


def _certainly_silent(c: _Compiled, known: Mapping[str, str]) -> bool:
    """Silent in every completion: no verdict rule can take effect."""
    return not any(a.rule.verdict is not None for a in _assess(c, known).applied)


def _items(applied: list[AppliedRule], kind: str) -> tuple[Item, ...]:
    """The texts of one kind from the applied rules, merged when rules repeat a text."""
    merged: dict[str, tuple[Localized, list[str], bool, list[Principle]]] = {}
    for entry in applied:
        for text in getattr(entry.rule, kind):
            key = text.get_text()
            t, ids, certain, principles = merged.get(key, (text, [], False, []))
            principles = principles + [p for p in entry.rule.principles if p not in principles]
            merged[key] = (t, [*ids, entry.rule.id], certain or entry.certain, principles)
    return tuple(
        Item(t, tuple(ids), certain, tuple(principles))
        for t, ids, certain, principles in merged.values()
    )
