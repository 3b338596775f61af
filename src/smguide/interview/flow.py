"""What the interview asks next, grouped into screens: pure functions over the pack and
the answers, shared by the terminal prompt and the web interview.

* **What decides first.** Of the questions that surely apply and whose answer still
  matters, the first asked is the one the rules make most decisive: one read by an
  ``urgent`` rule (a report that may be due), then one with an answer that settles a
  prohibition, then one with answers that settle the verdict, each in the pack's order.
  Computed from the rules for the answers so far, never hand-ordered.
* **Less.** Once the verdict is settled and does not let the worker go ahead by
  themselves (not yet, authorization, consult), only what changes the steps before going
  ahead is asked; once it is certainly prohibited, nothing (``engine.stopped``).
* **Checklists.** Preconditions (questions with exactly one answer that is the pack's
  ``step``) and short facts (two answers, neither a step: AWOL, a first contact) share
  one screen, one line each, marked deliberately; a line left unmarked counts as "not
  sure". A fact comes onto a screen as soon as it is the most decisive question left,
  with every other fact due then (an urgent one first); the preconditions wait for the
  menus, then join. Asked on their own, so that the interview can stop there: a fact
  whose answer settles a prohibition, and a standing fact of the worker's that may (a
  personal or anonymous account).
* **Progress** counts screens, and its bound never promises more than can come.

The order changes what is asked when, never the result: the decision reads only the
answers (tests/interview/test_flow.py checks every order gives the same verdict).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from smguide.engine.core import assess, matters, next_question, settled, stopped, verdict_of
from smguide.engine.depends import could_ask
from smguide.interview.profile import STANDING
from smguide.pack.conditions import refs
from smguide.pack.models import UNSURE, Pack, Question, Verdict

# Verdicts under which the worker does not go ahead by themselves: a step comes first.
FIRST_STEP_RANK = Verdict.consult_supervisor.rank


@dataclass(frozen=True)
class Screen:
    """One screen of the interview: a question, or a checklist of preconditions."""

    questions: tuple[Question, ...]

    @property
    def checklist(self) -> bool:
        return len(self.questions) > 1


def is_precondition(question: Question) -> bool:
    """A question with exactly one answer that is a step the worker takes (authorized,
    consent, nothing identifying…): it can go on a checklist, its step the item's text,
    marked done (that answer) or not done (the other answer; where there are several,
    a screen then asks which)."""
    return len(question.options) >= 2 and len(_steps(question)) == 1


def item_text(question: Question) -> str:
    """A checklist item's text: the step its "done" answer stands for; a fact's, its
    question."""
    if not _steps(question):
        return str(question.text)
    return str(next(o.step for o in question.options if o.step is not None))


def _steps(question: Question) -> list[str]:
    return [o.id for o in question.options if o.step is not None]


def marks(question: Question) -> tuple[str, str]:
    """The answers a checklist item stands for: done, and not done (a single other
    answer, else :func:`not_done`, which a follow-up screen narrows)."""
    if not _steps(question):  # a fact: its first answer, or its second
        first, second = question.option_ids
        return first, second
    done = _steps(question)[0]
    others = [o for o in question.option_ids if o != done]
    return done, others[0] if len(others) == 1 else not_done(question)


NOT_DONE = "<not>"


def not_done(question: Question) -> str:
    """The answer of an item marked not done where several answers mean that: no option
    of the question, so the engine reads it as "not sure" until the follow-up screen."""
    return f"{NOT_DONE}{question.id}"


def settle_follow_ups(answers: Mapping[str, str]) -> dict[str, str]:
    """Items marked not done whose follow-up never came (a prohibition settled first):
    "not sure", as the engine already reads them."""
    return {q: UNSURE for q, a in answers.items() if a.startswith(NOT_DONE)}


def follow_up_options(question: Question) -> list[str]:
    """The answers a follow-up screen offers: all but the step."""
    done = _steps(question)[0]
    return [o for o in question.option_ids if o != done]


def _surely_applies(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    if question.ask_if is None:
        return True
    return question.ask_if.eval3(_definite(pack, answers)) is True


def _definite(pack: Pack, answers: Mapping[str, str]) -> dict[str, str | None]:
    """The answers a condition can read for sure: definite answers to questions that
    surely apply, None for those that surely do not (in asking order)."""
    out: dict[str, str | None] = {}
    for question in pack.questions:
        asked = True if question.ask_if is None else question.ask_if.eval3(out)
        if asked is False:
            out[question.id] = None
        elif asked is True and answers.get(question.id) in question.option_ids:
            out[question.id] = answers[question.id]
    return out


def _steps_signature(pack: Pack, answers: Mapping[str, str]) -> tuple[object, ...]:
    """Which rules that hold the worker back (and their steps) may and must apply, and
    whether a report may be due (an ``urgent`` rule: it leads the answer whatever the
    verdict, so what brings it up is always asked)."""
    return tuple(sorted((a.rule.id, a.certain) for a in assess(pack, answers).applied
                        if a.rule.urgent or (a.rule.verdict is not None
                                             and a.rule.verdict.rank <= FIRST_STEP_RANK)))


def _acts_signature(pack: Pack, answers: Mapping[str, str]) -> tuple[object, ...]:
    """What a worker who may go ahead acts on: the verdict and the obligations (each
    text, and whether it applies for certain)."""
    outcome = assess(pack, answers)
    items = {(text.get_text(), a.certain) for a in outcome.applied
             for text in a.rule.obligations}
    return (outcome.verdict, tuple(sorted(items)))


def still_matters(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    """Can the answer change what the worker acts on? Everything while the verdict may
    still let them go ahead (``engine.matters``); once it is settled on a step that comes
    first, only the steps before going ahead."""
    if not matters(pack, question, answers):
        return False
    if not settled(pack, answers):
        return True
    base = {k: v for k, v in answers.items() if k != question.id}
    verdict = verdict_of(pack, answers)
    signature = _steps_signature if verdict.rank <= FIRST_STEP_RANK else _acts_signature
    seen = {signature(pack, {**base, question.id: option}) for option in question.option_ids}
    return len(seen) > 1


def _urgent_reads(pack: Pack) -> set[str]:
    reads: set[str] = set()
    for rule in pack.rules:
        if rule.urgent:
            reads |= refs(rule.when)
    return reads


URGENT, STOPS, SETTLES, REST = 0, 1, 2, 3


def _priority(pack: Pack, question: Question, answers: Mapping[str, str],
              urgent: set[str]) -> int:
    """0: an urgent rule reads it; 1: an answer settles a prohibition; 2: an answer
    settles the verdict; 3: the rest."""
    if question.id in urgent:
        return URGENT
    best = REST
    for option in question.option_ids:
        trial = {**answers, question.id: option}
        verdict = verdict_of(pack, trial)  # once: stopped() and settled() each work it out
        if verdict == Verdict.prohibited and settled(pack, trial, verdict):
            return STOPS
        if best > SETTLES and settled(pack, trial, verdict):
            best = SETTLES
    return best


def _candidates(pack: Pack, answers: Mapping[str, str]) -> list[Question]:
    return [q for q in pack.questions
            if q.id not in answers and _surely_applies(pack, q, answers)
            and still_matters(pack, q, answers)]


@dataclass(frozen=True)
class FollowUp(Screen):
    """Which answer, of an item marked not done that several answers fit."""


def is_fact(question: Question) -> bool:
    """A question of two answers, neither a step, that offers "Not sure" (is the youth
    AWOL, a first contact or ongoing service): it can share a screen with others, one
    line each, marked with its first or its second answer."""
    return question.unsure and len(question.options) == 2 and not _steps(question)


def _on_list(question: Question, priority: int) -> bool:
    """A precondition that waits for the checklist. A standing fact of the worker's (which
    account) whose answer may settle a prohibition is asked on its own, early: the
    interview stops there, and the profile remembers it for next time."""
    return (is_precondition(question) and question.unsure
            and not (question.id in STANDING and priority <= STOPS))


def next_screen(pack: Pack, answers: Mapping[str, str]) -> Screen | None:
    """The next screen, or None when nothing left can change what the worker acts on."""
    if stopped(pack, answers):
        return None
    for question in pack.questions:
        if answers.get(question.id) == not_done(question):
            return FollowUp((question,))
    candidates = _candidates(pack, answers)
    if not candidates:
        # A question whose asking is itself still open: the engine's pack order.
        fallback = next_question(pack, answers)
        if fallback is None or not still_matters(pack, fallback, answers):
            return None
        return Screen((fallback,))
    urgent = _urgent_reads(pack)
    priority = {q.id: _priority(pack, q, answers, urgent) for q in candidates}
    ranked = sorted(candidates, key=lambda q: priority[q.id])
    on_list = [q for q in ranked if _on_list(q, priority[q.id])]
    others = [q for q in ranked if q not in on_list]
    if not others:
        return Screen(tuple(_checklist(pack, answers, on_list)))
    if not _groups(others[0], priority[others[0].id]):
        return Screen((others[0],))
    # The most decisive question is a short fact: every short fact due now that settles
    # no prohibition shares its screen (an urgent one first), and the checklist too once
    # nothing else is left.
    facts = [q for q in others if _groups(q, priority[q.id])]
    menus_left = len(facts) < len(others)
    group = facts if menus_left else facts + _checklist(pack, answers, on_list)
    return Screen(tuple(sorted(group, key=lambda q: _row_order(pack, q, urgent))))


def _groups(question: Question, priority: int) -> bool:
    """A fact that can share a screen. One whose answer settles a prohibition (a personal
    account, say) is asked on its own, so that the interview stops there."""
    return is_fact(question) and priority != STOPS


def _row_order(pack: Pack, question: Question, urgent: set[str]) -> tuple[int, int, int]:
    """Urgent facts first, then the other facts, then the preconditions, in pack order."""
    return (question.id not in urgent, is_precondition(question),
            pack.questions.index(question))


def _checklist(pack: Pack, answers: Mapping[str, str],
               due: list[Question]) -> list[Question]:
    """The preconditions due now, with those that follow from ticking them (the
    authorization, then that it is recorded), in the pack's order."""
    group = list(due)
    ticked = {**answers, **{q.id: marks(q)[0] for q in group}}
    for question in pack.questions:
        if (question.id not in ticked and is_precondition(question)
                and _surely_applies(pack, question, ticked)
                and matters(pack, question, ticked)):
            group.append(question)
            ticked[question.id] = marks(question)[0]
    return [q for q in pack.questions if q in group]


def screens_left(pack: Pack, answers: Mapping[str, str]) -> int:
    """At most how many screens can still come: at most one per question the interview
    could still ask (``depends.could_ask``, which never grows as answers come in), so the
    bound is never exceeded; a checklist takes several of them at once."""
    answers = {q: a for q, a in answers.items() if not a.startswith(NOT_DONE)}
    if stopped(pack, answers):
        return 0
    return len(could_ask(pack, answers))
