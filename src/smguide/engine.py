"""The decision engine: pure functions from a pack and answers to a Decision.

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
from dataclasses import dataclass
from itertools import combinations

from smguide import solver
from smguide.conditions import All, AnyOf, Condition, Not, refs
from smguide.decision import (
    AppliedRule,
    Change,
    Decision,
    Defeat,
    FindOut,
    Item,
    WhyNot,
)
from smguide.models import UNSURE, Pack, Principle, Question, Rule, Silence, Verdict
from smguide.text import Localized

SILENT_VERDICT = Verdict.consult_supervisor
# Bounds on the why-not search; the single changes are always all tried.
MAX_PAIR_CHECKS = 600


class _Formula:
    """A condition and the questions its search visits (found when first needed: with
    definite answers three-valued evaluation decides and no search is made)."""

    __slots__ = ("_compiled", "_questions", "condition")

    def __init__(self, condition: Condition, compiled: _Compiled) -> None:
        self.condition = condition
        self._compiled = compiled
        self._questions: tuple[Question, ...] | None = None

    @property
    def questions(self) -> tuple[Question, ...]:
        if self._questions is None:
            self._questions = self._compiled.closure(self.condition)
        return self._questions


class _Compiled:
    """Per-pack precomputation: effective-rule formulas and the questions they read."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        # each question with what its ask_if reads: what decides whether it is settled
        self.reads = {
            q.id: frozenset(x.id for x in solver.closure(pack, frozenset((q.id,))))
            for q in pack.questions
        }
        defeaters: dict[str, list[Rule]] = {}
        for rule in pack.rules:
            for target in rule.exception_to:
                defeaters.setdefault(target, []).append(rule)
        self.defeaters = defeaters
        self._eff: dict[str, Condition] = {}
        self.effective = {r.id: self._formula(self._effective(r)) for r in pack.rules}
        verdict_rules = [self._effective(r) for r in pack.rules if r.verdict is not None]
        self.silent = self._formula(Not(AnyOf(tuple(verdict_rules))))
        self.ask_if = {
            q.id: self._formula(q.ask_if) for q in pack.questions if q.ask_if is not None
        }
        position = {r.id: i for i, r in enumerate(pack.rules)}
        self.by_rank = sorted(
            (r for r in pack.rules if r.verdict is not None),
            key=lambda r: (r.verdict.rank if r.verdict else 99, position[r.id]),
        )
        self.defeat_pairs: list[tuple[Rule, Rule, _Formula]] = []
        for exception in pack.rules:
            for target_id in exception.exception_to:
                defeated = pack.rule(target_id)
                if defeated is not None:
                    both = All((self._effective(exception), defeated.when))
                    self.defeat_pairs.append((exception, defeated, self._formula(both)))
        self.silences = [
            (s, self._formula(All((s.when, self.silent.condition))), self._formula(s.when))
            for s in pack.silences
        ]
        self.cache: dict[tuple[object, ...], bool] = {}
        self._last_settled: tuple[dict[str, str], dict[str, str | None]] | None = None
        self.last_outcome: tuple[dict[str, str], Outcome] | None = None

    def _effective(self, rule: Rule, trail: frozenset[str] = frozenset()) -> Condition:
        if rule.id in self._eff:
            return self._eff[rule.id]
        exceptions = [
            self._effective(e, trail | {rule.id})
            for e in self.defeaters.get(rule.id, [])
            if e.id not in trail  # cycles are refused by the loader; stay finite anyway
        ]
        formula = rule.when if not exceptions else All((rule.when, Not(AnyOf(tuple(exceptions)))))
        self._eff[rule.id] = formula
        return formula

    def _formula(self, condition: Condition) -> _Formula:
        return _Formula(condition, self)

    def closure(self, condition: Condition) -> tuple[Question, ...]:
        """``solver.closure`` of what the condition reads, from the closures of single
        questions (computed once) rather than afresh for each of many rules."""
        reads = self.reads
        qids: set[str] = set()
        for qid in refs(condition):
            qids |= reads.get(qid, frozenset())
        pack = self.pack
        order = sorted(pack.order(qid) for qid in qids)
        return tuple(pack.questions[i] for i in order)

    def possible(
        self,
        formula: _Formula,
        answers: Mapping[str, str],
        want: bool = True,
        settled: Mapping[str, str | None] | None = None,
    ) -> bool:
        """Is there a completion of ``answers`` where ``formula`` is ``want``?

        ``settled`` is ``_settled(pack, answers)`` when the caller has it at hand."""
        if settled is None:
            settled = self.settled(answers)
        value = formula.condition.eval3(settled)
        if value is not None:  # exact: every completion agrees with ``settled``
            return value is want
        key = (id(formula), want, *(answers.get(q.id) for q in formula.questions))
        hit = self.cache.get(key)
        if hit is None:
            hit = self.search(formula.condition, answers, settled, want)
            if len(self.cache) > 200_000:
                self.cache.clear()
            self.cache[key] = hit
        return hit

    def search(
        self,
        condition: Condition,
        answers: Mapping[str, str],
        settled: Mapping[str, str | None],
        want: bool = True,
    ) -> bool:
        """The exact search, over what ``settled`` leaves open of ``condition`` only."""
        rest = solver.simplify(condition, settled)
        if isinstance(rest, bool):
            return rest is want
        return solver.find(self.closure(rest), rest, answers, want) is not None

    def settled(self, answers: Mapping[str, str]) -> dict[str, str | None]:
        """``_settled`` for these answers, remembered for the next call with the same."""
        last = self._last_settled
        if last is not None and last[0] == answers:
            return last[1]
        settled = _settled(self.pack, answers)
        self._last_settled = (dict(answers), settled)
        return settled


_COMPILED: dict[int, tuple[Pack, _Compiled]] = {}


def _compiled(pack: Pack) -> _Compiled:
    entry = _COMPILED.get(id(pack))
    if entry is None or entry[0] is not pack:
        if len(_COMPILED) > 32:
            _COMPILED.clear()
        entry = (pack, _Compiled(pack))
        _COMPILED[id(pack)] = entry
    return entry[1]


def normalize(pack: Pack, answers: Mapping[str, str]) -> dict[str, str]:
    """Keep definite answers to known questions; everything else counts as unknown."""
    out: dict[str, str] = {}
    for qid, answer in answers.items():
        question = pack.question(qid)
        if question is not None and question.option(answer) is not None:
            out[qid] = answer
    return out


def _verdict(c: _Compiled, answers: Mapping[str, str]) -> Verdict:
    """Only the verdict: the strictest verdict any completion can produce."""
    settled = c.settled(answers)
    silence_ruled_out = False
    for rule in c.by_rank:
        assert rule.verdict is not None
        if rule.verdict.rank > SILENT_VERDICT.rank and not silence_ruled_out:
            if c.possible(c.silent, answers, settled=settled):
                return SILENT_VERDICT
            silence_ruled_out = True
        if c.possible(c.effective[rule.id], answers, settled=settled):
            return rule.verdict
    return SILENT_VERDICT


class _Trials:
    """The verdicts of small changes to one set of answers (why-not's trials).

    A trial re-examines only the rules the changed answers can reach. For the others,
    three-valued evaluation is definite on the base answers and :func:`solver.explain`
    gives one or two sets of questions that value rests on, each enough on its own: a
    change that misses one of them leaves the rule as it was. Rules the evaluation
    leaves open are re-examined every time. The result is ``_verdict``'s, exactly."""

    def __init__(self, c: _Compiled, known: Mapping[str, str]) -> None:
        self.c = c
        self.known = dict(known)
        settled = _settled(c.pack, known)
        self.certain: list[int] = []  # positions in c.by_rank, effective in every completion
        self.open: list[int] = []
        # a rule is filed under every {a, b} with a in its first basis, b in its second
        self.watch: dict[frozenset[str], list[int]] = {}
        for i, rule in enumerate(c.by_rank):
            value, bases = solver.explain(c.effective[rule.id].condition, settled, c.reads, i)
            if value is None:
                self.open.append(i)
                continue
            if value:
                self.certain.append(i)
            first, second = bases[0], bases[-1]
            for key in {frozenset((a, b)) for a in first for b in second}:
                self.watch.setdefault(key, []).append(i)

    def reached(self, changed: list[str]) -> set[int]:
        """The rules a change of these answers can reach: it meets both their bases."""
        out = set(self.open)
        for x, a in enumerate(changed):
            for b in changed[x:]:
                out.update(self.watch.get(frozenset((a, b)), ()))
        return out

    def verdict(self, changes: Mapping[str, str]) -> Verdict:
        c = self.c
        trial = {**self.known, **changes}
        settled = _settled(c.pack, trial)
        reached = self.reached(list(changes))
        best = next((i for i in self.certain if i not in reached), None)
        some_certain = best is not None
        undecided: list[Condition] = []  # reached rules left open, for the silence
        for i in sorted(reached):
            if best is not None and i > best and (some_certain or self._below_silence(best)):
                break
            formula = c.effective[c.by_rank[i].id]
            value = formula.condition.eval3(settled)
            if value is None:
                undecided.append(formula.condition)
            some_certain = some_certain or value is True
            if (best is None or i < best) and (
                value is True or (value is None and c.possible(formula, trial, settled=settled))
            ):
                best = i
        if best is not None and (some_certain or self._below_silence(best)):
            return self._at(best)
        # No rule is effective for sure: every unreached rule is ineffective for sure,
        # so the policy can be silent exactly when the open ones can all be ineffective.
        if not undecided or c.search(AnyOf(tuple(undecided)), trial, settled, want=False):
            return SILENT_VERDICT
        assert best is not None  # some rule is effective wherever the policy speaks
        return self._at(best)

    def _at(self, i: int) -> Verdict:
        verdict = self.c.by_rank[i].verdict
        assert verdict is not None
        return verdict

    def _below_silence(self, i: int) -> bool:
        """Is rule ``i`` at least as strict as silence (so silence cannot change it)?"""
        return self._at(i).rank <= SILENT_VERDICT.rank


def _signature(c: _Compiled, answers: Mapping[str, str]) -> tuple[object, ...]:
    """What a decision amounts to, for telling whether a question can still matter."""
    may = tuple(r.id for r in c.pack.rules if c.possible(c.effective[r.id], answers))
    must = tuple(rid for rid in may if not c.possible(c.effective[rid], answers, want=False))
    return (_verdict(c, answers), may, must)


def may_apply(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    """Can the question be asked, given the answers so far?"""
    if question.ask_if is None:
        return True
    c = _compiled(pack)
    return c.possible(c.ask_if[question.id], normalize(pack, answers))


def _applies_for_sure(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    if question.ask_if is None:
        return True
    c = _compiled(pack)
    return not c.possible(c.ask_if[question.id], normalize(pack, answers), want=False)


def relevant(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    """Can the answer to ``question`` still change the decision?"""
    c = _compiled(pack)
    known = normalize(pack, answers)
    known.pop(question.id, None)
    seen: set[tuple[object, ...]] = set()
    for option in question.option_ids:
        seen.add(_signature(c, {**known, question.id: option}))
        if len(seen) > 1:
            return True
    return False


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


@dataclass(frozen=True)
class Outcome:
    """The core of a decision: what ``smguide test`` and the lint read. ``decide`` adds
    the texts, what to find out, the answers list and the why-not."""

    verdict: Verdict
    silent: bool
    applied: tuple[AppliedRule, ...]  # strictest verdict first, then pack order
    defeated: tuple[Defeat, ...]


def assess(pack: Pack, answers: Mapping[str, str]) -> Outcome:
    """The verdict, the rules that apply (or may) and the exceptions applied."""
    c = _compiled(pack)
    return _assess(c, normalize(pack, answers))


def _settled(pack: Pack, known: Mapping[str, str]) -> dict[str, str | None]:
    """What every completion of ``known`` agrees on: definite answers to questions surely
    asked, and None where ``ask_if`` is surely false. Three-valued evaluation over this
    is exact whenever it is definite, so the search is needed only where it is not."""
    settled: dict[str, str | None] = {}
    for question in pack.questions:
        asked = True if question.ask_if is None else question.ask_if.eval3(settled)
        if asked is False:
            settled[question.id] = None
        elif asked is True and question.id in known:
            answer = known[question.id]
            if question.option(answer) is not None:  # "unsure" or a stray id: open
                settled[question.id] = answer
    return settled


def _assess(c: _Compiled, known: Mapping[str, str]) -> Outcome:
    last = c.last_outcome
    if last is not None and last[0] == known:
        return last[1]
    settled = c.settled(known)

    def possible(formula: _Formula, want: bool = True) -> bool:
        return c.possible(formula, known, want, settled)

    applied: list[AppliedRule] = []
    for rule in c.pack.rules:
        formula = c.effective[rule.id]
        value = formula.condition.eval3(settled)  # exact where definite: no search
        if value is True:
            applied.append(AppliedRule(rule, True))
        elif value is None and possible(formula):
            applied.append(AppliedRule(rule, not possible(formula, want=False)))
    applied.sort(key=lambda a: (a.rule.verdict.rank if a.rule.verdict else 99))
    silent = _silence_possible(c, known, settled, applied)
    # The strictest verdict any completion gives; silence counts as consult_supervisor.
    verdicts = [a.rule.verdict for a in applied if a.rule.verdict is not None]
    if silent:
        verdicts.append(SILENT_VERDICT)
    verdict = Verdict.strictest(verdicts) if verdicts else SILENT_VERDICT
    defeats = tuple(
        Defeat(exception, target, not possible(both, want=False))
        for exception, target, both in c.defeat_pairs
        if possible(both)
    )
    outcome = Outcome(verdict, silent, tuple(applied), defeats)
    c.last_outcome = (dict(known), outcome)
    return outcome


def _silence_possible(
    c: _Compiled,
    known: Mapping[str, str],
    settled: Mapping[str, str | None],
    applied: list[AppliedRule],
) -> bool:
    """``possible(c.silent)`` without its formula over every rule: silence is impossible
    if a verdict rule is certain; else only the rules that may apply can break it."""
    may = [a for a in applied if a.rule.verdict is not None]
    if any(a.certain for a in may):
        return False
    if not may:
        return True
    either = AnyOf(tuple(c.effective[a.rule.id].condition for a in may))
    return c.search(either, known, settled, want=False)


def decide(pack: Pack, answers: Mapping[str, str], *, why_not: bool = True) -> Decision:
    """The recommendation for these answers. Pure and deterministic."""
    c = _compiled(pack)
    known = normalize(pack, answers)
    outcome = _assess(c, known)
    verdict, silent = outcome.verdict, outcome.silent
    applied = list(outcome.applied)
    defeats = list(outcome.defeated)
    uncertain = [a.rule for a in applied if not a.certain]
    uncertain += [d.defeated for d in defeats if not d.certain]
    if silent and verdict == SILENT_VERDICT and not _certainly_silent(c, known):
        uncertain += [r for r in pack.rules if r.verdict is not None]
    find_out = _find_out(c, known, answers, uncertain)

    return Decision(
        verdict=verdict,
        silent=silent,
        applied=tuple(applied),
        defeated=tuple(defeats),
        obligations=_items(applied, "obligations"),
        cautions=_items(applied, "cautions"),
        find_out=find_out,
        why_not=_why_not(c, known, verdict) if why_not else (),
        answers=_answer_list(c, known, answers, find_out),
        considerations=_items(applied, "considerations"),
        silences=_silences(c, known) if silent else (),
    )


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


def _find_out(
    c: _Compiled, known: Mapping[str, str], answers: Mapping[str, str], uncertain: list[Rule]
) -> tuple[FindOut, ...]:
    wanted: set[str] = set()
    for rule in uncertain:
        wanted |= {q.id for q in c.effective[rule.id].questions}
    out = []
    for question in c.pack.questions:
        if question.id in known or question.id not in wanted:
            continue
        if question.id not in answers and not relevant(c.pack, question, known):
            continue
        if not may_apply(c.pack, question, known):
            continue
        text = question.find_out or Localized({"en": f"Find out: {question.text.get_text()}"})
        out.append(FindOut(question, text))
    return tuple(out)


def _answer_list(
    c: _Compiled,
    known: Mapping[str, str],
    answers: Mapping[str, str],
    find_out: tuple[FindOut, ...],
) -> tuple[tuple[str, str], ...]:
    unsure = {f.question.id for f in find_out}
    out = []
    for question in c.pack.questions:
        if not may_apply(c.pack, question, known):
            continue
        if question.id in known:
            out.append((question.id, known[question.id]))
        elif question.id in answers or question.id in unsure:
            out.append((question.id, UNSURE))
    return tuple(out)


def _why_not(c: _Compiled, known: Mapping[str, str], verdict: Verdict) -> tuple[WhyNot, ...]:
    """The smallest sets of answer changes that would give a laxer verdict."""
    if verdict == Verdict.permitted:
        return ()
    candidates: list[Change] = []
    by_steps = _has_steps(c.pack)
    situation = _facts(c.pack, known) if by_steps else known
    for question in c.pack.questions:
        if not may_apply(c.pack, question, situation):
            continue
        current = known.get(question.id)
        for option in _suggestable(question, by_steps):
            if option != current:
                candidates.append(Change(question, option, current))

    # Exact pruning: a laxer verdict needs every rule at least as strict as the current
    # verdict to stop applying, and a rule's outcome depends only on the questions it
    # reads. A change set that leaves one of them untouched cannot help. (Silence reads
    # every question, so it prunes nothing.)
    blockers = [
        frozenset(q.id for q in c.effective[r.id].questions)
        for r in c.by_rank
        if r.verdict is not None and r.verdict.rank <= verdict.rank
        and c.possible(c.effective[r.id], known)
    ]
    if verdict == SILENT_VERDICT and _assess(c, known).silent:
        blockers = []

    def can_help(changes: tuple[Change, ...]) -> bool:
        touched = {change.question.id for change in changes}
        return all(touched & blocker for blocker in blockers)

    trials = _Trials(c, known)

    def result(changes: tuple[Change, ...]) -> Verdict:
        return trials.verdict({change.question.id: change.answer for change in changes})

    found: dict[Verdict, list[tuple[Change, ...]]] = {}
    for change in candidates:
        if not can_help((change,)):
            continue
        got = result((change,))
        if got.rank > verdict.rank:
            found.setdefault(got, []).append((change,))
    # Pairs are kept only where no single change already reaches their verdict.
    checks = 0
    for a, b in combinations(candidates, 2):
        if a.question.id == b.question.id or not can_help((a, b)):
            continue
        checks += 1
        if checks > MAX_PAIR_CHECKS:
            break
        got = result((a, b))
        if got.rank > verdict.rank and not _has_subset(found, got, (a, b)):
            found.setdefault(got, []).append((a, b))
    return tuple(
        WhyNot(v, changes)
        for v in sorted(found, key=lambda v: -v.rank)
        for changes in found[v]
    )


def _has_steps(pack: Pack) -> bool:
    """Does the pack mark its steps? Packs written before ``step`` existed fall back to
    the question-level ``actionable`` flag (docs/rule-format.md)."""
    return any(o.step is not None for q in pack.questions for o in q.options)


def _facts(pack: Pack, known: Mapping[str, str]) -> dict[str, str]:
    """The answers that are not steps: the situation. A step is offered where these
    allow its question, so a step that brings up a further one (authorized, then
    recorded) can be suggested together with it."""
    out: dict[str, str] = {}
    for qid, answer in known.items():
        question = pack.question(qid)
        if question is not None and not any(o.step is not None for o in question.options):
            out[qid] = answer
    return out


def _suggestable(question: Question, by_steps: bool) -> list[str]:
    """The options why-not may suggest: only steps a person can take, never a fact of
    the situation or a forbidden means (an evasion)."""
    if by_steps:
        return [o.id for o in question.options if o.step is not None]
    return question.option_ids if question.actionable else []


def _has_subset(
    found: dict[Verdict, list[tuple[Change, ...]]], verdict: Verdict, changes: tuple[Change, ...]
) -> bool:
    wanted = {(c.question.id, c.answer) for c in changes}
    for level, sets in found.items():
        if level.rank >= verdict.rank:
            for existing in sets:
                if {(c.question.id, c.answer) for c in existing} <= wanted:
                    return True
    return False


# --- When the answer is settled (docs/engine.md, "Settled"); smguide.depends builds on it ---


_LAXER: dict[tuple[int, Verdict], tuple[Pack, Condition, tuple[Question, ...]]] = {}
_SETTLED: dict[tuple[object, ...], tuple[Pack, bool]] = {}


def _laxer(pack: Pack, verdict: Verdict) -> tuple[Condition, tuple[Question, ...]]:
    """A formula true exactly in the completions whose verdict is laxer than ``verdict``:
    no rule as strict takes effect (and, from consult_supervisor on, no silence)."""
    key = (id(pack), verdict)
    entry = _LAXER.get(key)
    if entry is None or entry[0] is not pack:
        c = _compiled(pack)
        parts: list[Condition] = [
            Not(c.effective[r.id].condition) for r in c.by_rank
            if r.verdict is not None and r.verdict.rank <= verdict.rank
        ]
        if verdict.rank >= SILENT_VERDICT.rank:
            parts.append(Not(c.silent.condition))
        formula = All(tuple(parts))
        if len(_LAXER) > 64:
            _LAXER.clear()
        entry = (pack, formula, solver.closure(pack, refs(formula)))
        _LAXER[key] = entry
    return entry[1], entry[2]


def verdict_of(pack: Pack, answers: Mapping[str, str]) -> Verdict:
    """Only the verdict (the strictest any completion gives), without the rest."""
    return _verdict(_compiled(pack), normalize(pack, answers))


def settled(pack: Pack, answers: Mapping[str, str]) -> bool:
    """Does every completion of the answers give the same verdict? Then no answer still
    unknown can change it. Exact: a search for a completion with a laxer verdict."""
    known = normalize(pack, answers)
    verdict = _verdict(_compiled(pack), known)
    if verdict == Verdict.permitted:
        return True
    formula, questions = _laxer(pack, verdict)
    # The search reads only ``questions``: their answers are the whole key.
    key = (id(pack), verdict, *(known.get(q.id) for q in questions))
    hit = _SETTLED.get(key)
    if hit is None or hit[0] is not pack:
        if len(_SETTLED) > 50_000:
            _SETTLED.clear()
        c = _compiled(pack)  # the search over what the known answers leave open of it
        hit = (pack, not c.search(formula, known, c.settled(known)))
        _SETTLED[key] = hit
    return hit[1]


def stopped(pack: Pack, answers: Mapping[str, str]) -> bool:
    """Is the verdict certainly ``prohibited``? Then the interview has nothing left to ask."""
    return verdict_of(pack, answers) == Verdict.prohibited and settled(pack, answers)


def _weight(c: _Compiled, known: Mapping[str, str]) -> tuple[object, ...]:
    """What the practitioner acts on: the verdict, and which rules with a verdict or
    obligations may and must take effect (cautions and considerations only inform)."""
    acting = [r for r in c.pack.rules if r.verdict is not None or r.obligations]
    may = tuple(r.id for r in acting if c.possible(c.effective[r.id], known))
    must = tuple(rid for rid in may if not c.possible(c.effective[rid], known, want=False))
    return (_verdict(c, known), may, must)


def matters(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    """Can the answer to ``question`` change the verdict, the rules that give it or the
    obligations? (``relevant`` also counts cautions and considerations.)"""
    c = _compiled(pack)
    known = normalize(pack, answers)
    known.pop(question.id, None)
    seen: set[tuple[object, ...]] = set()
    for option in question.option_ids:
        seen.add(_weight(c, {**known, question.id: option}))
        if len(seen) > 1:
            return True
    return False
