"""Only the verdict: the strictest verdict any completion of the answers gives.

Only the rules that may apply are looked at (``smguide.engine.ruleindex``); the others
are ineffective in every completion. Silence counts as ``consult_supervisor``.
"""

from __future__ import annotations

from collections.abc import Mapping

from smguide.engine import examples
from smguide.engine.bits import members
from smguide.engine.compiled import SILENT_VERDICT, _Compiled, _compiled, normalize
from smguide.pack.conditions import AnyOf, Condition
from smguide.pack.models import Pack, Rule, Verdict

VERDICTS = tuple(Verdict)  # strictest first (iterating the enum each time costs more)


def verdict_of(pack: Pack, answers: Mapping[str, str]) -> Verdict:
    """Only the verdict (the strictest any completion gives), without the rest."""
    return _verdict(_compiled(pack), normalize(pack, answers))


def _verdict(c: _Compiled, answers: Mapping[str, str]) -> Verdict:
    """Only the verdict: the strictest verdict any completion can produce."""
    return _verdict_under(c, answers, c.settled(answers))


def _verdict_under(
    c: _Compiled, answers: Mapping[str, str], settled: Mapping[str, str | None]
) -> Verdict:
    """``_verdict`` with ``settled`` at hand. Only the rules that may apply are looked
    at (smguide.engine.ruleindex): the others are ineffective in every completion."""
    return _decided_under(c, answers, settled)[0]


def _decided_under(
    c: _Compiled, answers: Mapping[str, str], settled: Mapping[str, str | None]
) -> tuple[Verdict, Rule | None]:
    """``_verdict_under``, with a rule of that verdict that takes effect in some
    completion (None: the verdict is silence's)."""
    mask = c.candidates(settled)
    rules = c.pack.rules
    silence_ruled_out = False
    for verdict, level in zip(VERDICTS, c.level_bits, strict=True):  # in by_rank's order
        for position in members(mask & level):  # lazily: the first possible rule decides
            if verdict.rank > SILENT_VERDICT.rank and not silence_ruled_out:
                if _silence_among(c, c.ranked_in(mask), answers, settled):
                    return SILENT_VERDICT, None
                silence_ruled_out = True
            rule = rules[position]
            if c.possible(c.effective[rule.id], answers, settled=settled):
                return verdict, rule
    return SILENT_VERDICT, None


def _silence_among(
    c: _Compiled, ranked: list[Rule], answers: Mapping[str, str],
    settled: Mapping[str, str | None],
) -> bool:
    """``possible(c.silent)`` when ``ranked`` holds every verdict rule that may apply:
    the others are ineffective everywhere, so silence needs only these to be."""
    if c.many(len(ranked)) and _silent_example(c, answers):
        return True
    undecided: list[Condition] = []
    for rule in ranked:
        formula = c.effective[rule.id]
        value = formula.eval3(settled)
        if value is True:
            return False
        if value is None:
            undecided.append(formula.condition)
    return not undecided or c.search(AnyOf(tuple(undecided)), answers, settled, want=False)


def _silent_example(c: _Compiled, known: Mapping[str, str]) -> bool:
    """Is one of a few completions of ``known`` silent? True proves silence possible."""
    for full in examples.completions(c.pack.questions, known):
        settled = c.settle(full)  # every question: three-valued evaluation is definite
        if not any(c.effective[r.id].eval3(settled)
                   for r in c.ranked_in(c.candidates(settled))):
            return True
    return False


class _Trials:
    """The verdicts of small changes to one set of answers (why-not's trials).

    Each trial is ``_verdict`` over the changed answers, exactly; what keeps it cheap
    is the rule index: only the rules the trial's settled answers leave in are looked
    at, a handful out of thousands when most questions are answered."""

    def __init__(self, c: _Compiled, known: Mapping[str, str]) -> None:
        self.c = c
        self.known = dict(known)

    def verdict(self, changes: Mapping[str, str]) -> Verdict:
        return self.decided(changes)[0]

    def decided(self, changes: Mapping[str, str]) -> tuple[Verdict, Rule | None]:
        """The trial's verdict, and a rule of that verdict that may take effect in it
        (None: the verdict is silence's)."""
        trial = {**self.known, **changes}
        return _decided_under(self.c, trial, self.c.settle(trial))
