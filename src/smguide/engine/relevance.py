"""Which questions may be asked, and which can still change the decision: the next
question of an interview."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from smguide.engine.bits import members
from smguide.engine.compiled import _Compiled, _compiled, normalize
from smguide.engine.settled import stopped
from smguide.engine.verdict import _verdict_under
from smguide.pack.models import Pack, Question, Rule


def next_question(pack: Pack, answers: Mapping[str, str]) -> Question | None:
    """The first unanswered question that may be asked and whose answer can still change
    the verdict, the rules that give it or the obligations. Nothing more once the verdict
    is certainly ``prohibited``: no answer can open a way to go ahead."""
    if stopped(pack, answers):
        return None
    for question in pack.questions:
        if question.id in answers:
            continue
        if may_apply(pack, question, answers) and matters(pack, question, answers):
            return question
    return None


def asked_questions(pack: Pack, answers: Mapping[str, str]) -> list[Question]:
    """The answered questions that still apply (or may), in asking order."""
    return [q for q in pack.questions if q.id in answers and may_apply(pack, q, answers)]


def may_apply(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    """Can the question be asked, given the answers so far?"""
    if question.ask_if is None:
        return True
    return _may_apply(_compiled(pack), question, normalize(pack, answers))


def _may_apply(c: _Compiled, question: Question, known: Mapping[str, str]) -> bool:
    """:func:`may_apply` over answers already normalized (a decision asks it of every
    question, three times over)."""
    if question.ask_if is None:
        return True
    return c.possible(c.ask_if[question.id], known)


def relevant(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    """Can the answer to ``question`` still change the decision?"""
    c = _compiled(pack)
    return _answer_changes(c, question, normalize(pack, answers), lambda rule: True)


def matters(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    """Can the answer to ``question`` change the verdict, the rules that give it or the
    obligations? (``relevant`` also counts cautions and considerations.)"""
    c = _compiled(pack)
    return _answer_changes(c, question, normalize(pack, answers), _weighs)


def _weighs(rule: Rule) -> bool:
    """Does the practitioner act on this rule? (a verdict or obligations)"""
    return rule.verdict is not None or bool(rule.obligations)


def _answer_changes(c: _Compiled, question: Question, known: dict[str, str],
                    kept: Callable[[Rule], bool]) -> bool:
    """Do two answers to ``question`` give different standings (the verdict, and which
    rules may and must take effect, over the rules ``kept``, which keeps every verdict
    rule)? Compared rule by rule, stopping at
    the first difference, instead of each standing in full: the same answer, found
    after a few searches where it is yes. Only the rules that read the question (or
    what its ask_if reads) can differ: the others look at questions whose completions
    do not depend on its answer. Then the verdicts, which differ only by silence."""
    known.pop(question.id, None)
    trials = [{**known, question.id: option} for option in question.option_ids]
    settled = [c.settle(trial) for trial in trials]
    within = 0
    for one in settled:
        within |= c.candidates(one)
    trial_settled = list(zip(trials, settled, strict=True))
    rules = c.pack.rules
    for position in members(within):  # one at a time: the first difference ends it
        rule = rules[position]
        if not kept(rule):
            continue
        formula = c.effective[rule.id]
        if question.id not in formula.ids:
            continue
        may = {c.possible(formula, t, settled=s) for t, s in trial_settled}
        if len(may) > 1:
            return True
        if may == {True}:
            must = {c.possible(formula, t, want=False, settled=s) for t, s in trial_settled}
            if len(must) > 1:
                return True
    return len({_verdict_under(c, t, s) for t, s in trial_settled}) > 1
