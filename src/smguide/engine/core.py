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

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

from smguide.engine import boxes, examples, solver
from smguide.engine.bits import bitset, members
from smguide.engine.decision import (
    AppliedRule,
    Change,
    Decision,
    Defeat,
    Dependency,
    FindOut,
    Item,
    WhyNot,
)
from smguide.engine.ruleindex import RuleIndex
from smguide.pack.conditions import All, AnyOf, Condition, Not, refs, tests_of
from smguide.pack.models import UNSURE, Pack, Principle, Question, Rule, Silence, Verdict
from smguide.pack.translatable import Localized

SILENT_VERDICT = Verdict.consult_supervisor
# Bounds on the why-not search; the single changes are always all tried.
MAX_PAIR_CHECKS = 600
# The home-made search's work (tests evaluated: a step evaluates the formula) before a
# question goes to the SAT solver: most searches end within a few steps; a longer one,
# or one over a formula too large for a few steps (silence over thousands of rules),
# is one the solver answers far sooner.
SEARCH_WORK = 400_000
MIN_STEPS = 8
LARGE_PARTS = 64  # an all or any of more parts than this (silence): the solver at once
LARGE_PACK = 500  # rules


class _Formula:
    """A condition and the questions its search visits (found when first needed: with
    definite answers three-valued evaluation decides and no search is made)."""

    __slots__ = ("_compiled", "_ids", "_questions", "box", "condition", "head", "linked")

    def __init__(self, condition: Condition, compiled: _Compiled) -> None:
        self.condition = condition
        self._compiled = compiled
        self._questions: tuple[Question, ...] | None = None
        self._ids: frozenset[str] | None = None
        self.box = boxes.box_of(condition)  # most rules: answered without a search
        # a rule with exceptions: ``all`` of its box and more (the box, else None)
        self.head = (boxes.box_of(condition.items[0])
                     if self.box is None and type(condition) is All and condition.items
                     else None)
        # the box's questions with an ask_if and what it reads, in order (when needed)
        self.linked: tuple[Question, ...] | None = None

    @property
    def questions(self) -> tuple[Question, ...]:
        if self._questions is None:
            pack = self._compiled.pack
            order = sorted(pack.order(qid) for qid in self.ids)
            self._questions = tuple(pack.questions[i] for i in order)
        return self._questions

    @property
    def ids(self) -> frozenset[str]:
        """The ids of :attr:`questions`: what the condition reads, and what their ask_if
        conditions read (``solver.closure``)."""
        if self._ids is None:
            reads = self._compiled.reads
            read = self.box.keys() if self.box is not None else refs(self.condition)
            self._ids = frozenset().union(*(reads.get(qid, ()) for qid in read))
        return self._ids


class _Values(Mapping[str, "boxes.Values"]):
    """Per question, its values over the completions of some answers: its answer (else
    its options) where it may be asked, and None where it may not be."""

    def __init__(self, c: _Compiled, answers: dict[str, str],
                 settled: dict[str, str | None]) -> None:
        self._c, self._answers, self._settled = c, answers, settled
        self._known: dict[str, boxes.Values] = {}
        self._table: dict[str, boxes.Values] | None = None

    def __getitem__(self, qid: str) -> boxes.Values:
        hit = self._known.get(qid)
        if hit is None:
            hit = self._known[qid] = self._work_out(qid)
        return hit

    def _work_out(self, qid: str) -> boxes.Values:
        question = self._c.pack.question(qid)
        if question is None:
            raise KeyError(qid)
        answer = self._answers.get(qid)
        asked: boxes.Values = frozenset((answer,) if answer is not None
                                        else question.option_ids)
        gate = self._c.ask_if.get(qid)
        if gate is None:
            return asked
        value = gate.condition.eval3(self._settled)
        if value is not None:
            return asked if value else frozenset((None,))
        # the ask_if reads earlier questions only: their values come first
        may_ask = self._c._gate(gate, True, self._answers, self._settled, self)
        may_not = self._c._gate(gate, False, self._answers, self._settled, self)
        return (asked if may_ask else frozenset()) | ({None} if may_not else frozenset())

    def table(self) -> dict[str, boxes.Values]:
        """Every question's values, as a plain dict (quicker to read thousands of times)."""
        if self._table is None:
            self._table = {q.id: self[q.id] for q in self._c.pack.questions}
        return self._table

    def __contains__(self, qid: object) -> bool:
        return isinstance(qid, str) and self._c.pack.question(qid) is not None

    def __iter__(self) -> Iterator[str]:
        return (q.id for q in self._c.pack.questions)

    def __len__(self) -> int:
        return len(self._c.pack.questions)


class _Effective(Mapping[str, _Formula]):
    """Each rule's effective formula by rule id, made when first asked for."""

    def __init__(self, c: _Compiled) -> None:
        self._c = c
        self._made: dict[str, _Formula] = {}

    def __getitem__(self, rule_id: str) -> _Formula:
        hit = self._made.get(rule_id)
        if hit is None:
            rule = self._c.pack.rule(rule_id)
            if rule is None:
                raise KeyError(rule_id)
            hit = self._made[rule_id] = _Formula(self._c._effective(rule), self._c)
        return hit

    def __iter__(self) -> Iterator[str]:
        return (r.id for r in self._c.pack.rules)

    def __len__(self) -> int:
        return len(self._c.pack.rules)


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
        self._asking = [(q.id, q.ask_if, frozenset(q.option_ids)) for q in pack.questions]
        self._eff: dict[str, Condition] = {}
        self.effective = _Effective(self)
        self.ask_if = {
            q.id: self._formula(q.ask_if) for q in pack.questions if q.ask_if is not None
        }
        self.defeat_pairs: list[tuple[Rule, Rule, _Formula]] = []
        for exception in pack.rules:
            for target_id in exception.exception_to:
                defeated = pack.rule(target_id)
                if defeated is not None:
                    both = All((self._effective(exception), defeated.when))
                    self.defeat_pairs.append((exception, defeated, self._formula(both)))
        self.cache: dict[tuple[object, ...], bool] = {}
        self._values: dict[tuple[str | None, ...], _Values] = {}
        self._last_key: tuple[Mapping[str, str], tuple[str | None, ...]] | None = None
        self.preferred = boxes.preferred_options(pack.questions)
        self.gated = frozenset(q.id for q in pack.questions if q.ask_if is not None)
        # Concrete completions tried before a search pay off on large packs only; on the
        # bundled packs the search is quicker than building them.
        self.large = len(pack.rules) > LARGE_PACK
        # Strict answers given where the solver's budget ran out (engine.sat): a decision
        # that took one says so (``Decision.bounded``).
        self.guesses = 0
        self.guessed: set[tuple[object, ...]] = set()
        self._last_settled: tuple[dict[str, str], dict[str, str | None]] | None = None
        self.last_outcome: tuple[dict[str, str], Assessment] | None = None
        self._index: RuleIndex | None = None
        self._last_candidates: tuple[Mapping[str, str | None], int] | None = None
        size = len(pack.rules)
        # per verdict, strictest first, the rules giving it: by_rank's order without a sort
        self.level_bits = [bitset((i for i, r in enumerate(pack.rules) if r.verdict is v), size)
                           for v in Verdict]

    # What reads every rule is built only when asked for: a decision reads the rules
    # the index leaves in (with a large pack, building it all cost more than deciding).

    @cached_property
    def silent(self) -> _Formula:
        verdict_rules = [self.effective[r.id].condition for r in self.pack.rules
                         if r.verdict is not None]
        return self._formula(Not(AnyOf(tuple(verdict_rules))))

    @cached_property
    def silences(self) -> list[tuple[Silence, _Formula, _Formula]]:
        return [(s, self._formula(All((s.when, self.silent.condition))), self._formula(s.when))
                for s in self.pack.silences]

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

    def candidates(self, settled: Mapping[str, str | None]) -> int:
        """The bit set (pack positions) of the rules that may apply under ``settled``; the
        others are False under its three-valued evaluation (smguide.engine.ruleindex). The last
        result is kept: one decision asks it many times over the same settled answers."""
        last = self._last_candidates
        if last is not None and last[0] is settled:
            return last[1]
        if self._index is None:
            options = {q.id: q.option_ids for q in self.pack.questions}
            self._index = RuleIndex([r.when for r in self.pack.rules], options)
        mask = self._index.candidates(settled)
        self._last_candidates = (settled, mask)
        return mask

    def rules_in(self, mask: int) -> list[Rule]:
        """The rules of a bit set, in pack order."""
        rules = self.pack.rules
        return [rules[i] for i in members(mask)]

    def ranked_in(self, mask: int) -> list[Rule]:
        """The verdict rules of a bit set, in ``by_rank`` order."""
        rules = self.pack.rules
        return [rules[i] for level in self.level_bits for i in members(mask & level)]

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
        return self.possible_open(formula, answers, want, settled)

    def possible_open(self, formula: _Formula, answers: Mapping[str, str], want: bool,
                      settled: Mapping[str, str | None]) -> bool:
        """``possible`` where three-valued evaluation over ``settled`` said None."""
        if formula.box is not None:
            values = self.values(answers, settled)
            quick = self._box(formula, want, answers, values.table() if self.large else values)
            if quick is not None:
                return quick
        elif formula.head is not None and self.large:  # its box, less its exceptions
            if not want and boxes.may_fail(formula.head, self.values(answers, settled)):
                return True  # where the box fails, so does the rule
            if want and any(formula.condition.evaluate(example) for example in
                            boxes.examples_inside(self.pack.questions, formula.head,
                                                  answers, self.preferred)):
                return True
        key = (id(formula), want, *(answers.get(q.id) for q in formula.questions))
        hit = self.cache.get(key)
        if hit is None:
            before = self.guesses
            hit = self.search(formula.condition, answers, settled, want)
            if len(self.cache) > 200_000:
                self.cache.clear()
                self.guessed.clear()
            self.cache[key] = hit
            if self.guesses != before:
                self.guessed.add(key)
        elif key in self.guessed:
            self.guesses += 1
        return hit

    def _box(self, formula: _Formula, want: bool, answers: Mapping[str, str],
             values: Mapping[str, boxes.Values]) -> bool | None:
        """Whether a box may hold (may fail), where that needs no search; else None.
        ``values``: those of ``values()``, at least for the questions the box reads.
        The questions of the box without an ask_if take their values independently of
        the others; those with one are walked, with what their ask_if reads."""
        box = formula.box
        assert box is not None
        if not want:
            return boxes.may_fail(box, values)
        if not boxes.may_hold(box, values):
            return False
        if formula.linked is None:
            linked: set[str] = set()
            for qid in self.gated.intersection(box):
                linked |= self.reads[qid]
            formula.linked = tuple(self.pack.questions[i]
                                   for i in sorted(self.pack.order(q) for q in linked))
        if not formula.linked or boxes.walk_inside(formula.linked, box, answers,
                                                   self.preferred):
            return True
        return None

    def key_of(self, answers: Mapping[str, str]) -> tuple[str | None, ...]:
        """The answers as a key (each question's, in order), for the same dict at once."""
        last = self._last_key
        if last is not None and last[0] is answers:
            return last[1]
        key = tuple(answers.get(q.id) for q in self.pack.questions)
        self._last_key = (answers, key)
        return key

    def values(self, answers: Mapping[str, str],
               settled: Mapping[str, str | None]) -> _Values:
        """The values each question takes over the completions of ``answers`` (worked
        out per question when first asked for, and kept for the same answers)."""
        key = self.key_of(answers)
        hit = self._values.get(key)
        if hit is None:
            if len(self._values) > 1_000:
                self._values.clear()
            hit = self._values[key] = _Values(self, dict(answers), dict(settled))
        return hit

    def _gate(self, gate: _Formula, want: bool, answers: Mapping[str, str],
              settled: Mapping[str, str | None], earlier: Mapping[str, boxes.Values]) -> bool:
        """``possible`` for an ask_if, from the values of the questions before it."""
        quick = None if gate.box is None else self._box(gate, want, answers, earlier)
        if quick is not None:
            return quick
        return self.search(gate.condition, answers, settled, want)

    def search(
        self,
        condition: Condition,
        answers: Mapping[str, str],
        settled: Mapping[str, str | None],
        want: bool = True,
    ) -> bool:
        """The exact search, over what ``settled`` leaves open of ``condition`` only: the
        home-made walk while it is short, else the SAT solver (docs/engine.md, "Budgets").
        Past the solver's budget too, the strict answer: such a completion may exist."""
        if self.large and len(getattr(condition, "items", ())) > LARGE_PARTS:  # at once
            return self.solve(self.pack.questions, condition, answers, settled, want)
        rest = solver.simplify(condition, settled)
        if isinstance(rest, bool):
            return rest is want
        questions = self.closure(rest)
        steps = SEARCH_WORK // len(tests_of(rest))  # each step evaluates the formula
        if steps >= MIN_STEPS:
            try:
                budget = solver.Budget(steps)
                return solver.find(questions, rest, answers, want, budget) is not None
            except solver.Exhausted:
                pass
        return self.solve(questions, rest, answers, settled, want)

    def solve(self, questions: Sequence[Question], condition: Condition,
              answers: Mapping[str, str], settled: Mapping[str, str | None],
              want: bool) -> bool:
        """The SAT solver's answer (``search``), or the strict one past its budget."""
        from smguide.engine import sat  # imported only where a search is this long

        found = sat.satisfiable(tuple(questions), condition, answers, settled, want)
        if found is None:
            self.guesses += 1
            return True
        return found

    def settle(self, known: Mapping[str, str]) -> dict[str, str | None]:
        """``_settled``: each question in asking order, with its option ids at hand."""
        settled: dict[str, str | None] = {}
        for qid, ask_if, options in self._asking:
            asked = True if ask_if is None else ask_if.eval3(settled)
            if asked is False:
                settled[qid] = None
            elif asked is True and qid in known:
                answer = known[qid]
                if answer in options:  # "unsure" or a stray id: open
                    settled[qid] = answer
        return settled

    def settled(self, answers: Mapping[str, str]) -> dict[str, str | None]:
        """``_settled`` for these answers, remembered for the next call with the same."""
        last = self._last_settled
        if last is not None and last[0] == answers:
            return last[1]
        settled = self.settle(answers)
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


_OPTIONS: dict[int, tuple[Pack, dict[str, frozenset[str]]]] = {}


def _option_sets(pack: Pack) -> dict[str, frozenset[str]]:
    """Each question's option ids, per pack: :func:`normalize` runs dozens of times per
    decision (a server's hot path), and a set lookup beats a walk through the options."""
    entry = _OPTIONS.get(id(pack))
    if entry is None or entry[0] is not pack:
        if len(_OPTIONS) > 32:
            _OPTIONS.clear()
        entry = (pack, {q.id: frozenset(q.option_ids) for q in pack.questions})
        _OPTIONS[id(pack)] = entry
    return entry[1]


def normalize(pack: Pack, answers: Mapping[str, str]) -> dict[str, str]:
    """Keep definite answers to known questions; everything else counts as unknown."""
    options = _option_sets(pack)
    return {qid: answer for qid, answer in answers.items()
            if answer in options.get(qid, ())}


def _verdict(c: _Compiled, answers: Mapping[str, str]) -> Verdict:
    """Only the verdict: the strictest verdict any completion can produce."""
    return _verdict_under(c, answers, c.settled(answers))


def _verdict_under(
    c: _Compiled, answers: Mapping[str, str], settled: Mapping[str, str | None]
) -> Verdict:
    """``_verdict`` with ``settled`` at hand. Only the rules that may apply are looked
    at (smguide.engine.ruleindex): the others are ineffective in every completion."""
    mask = c.candidates(settled)
    rules = c.pack.rules
    silence_ruled_out = False
    for verdict, level in zip(Verdict, c.level_bits, strict=True):  # in by_rank's order
        for position in members(mask & level):  # lazily: the first possible rule decides
            if verdict.rank > SILENT_VERDICT.rank and not silence_ruled_out:
                if _silence_among(c, c.ranked_in(mask), answers, settled):
                    return SILENT_VERDICT
                silence_ruled_out = True
            if c.possible(c.effective[rules[position].id], answers, settled=settled):
                return verdict
    return SILENT_VERDICT


def _silence_among(
    c: _Compiled, ranked: list[Rule], answers: Mapping[str, str],
    settled: Mapping[str, str | None],
) -> bool:
    """``possible(c.silent)`` when ``ranked`` holds every verdict rule that may apply:
    the others are ineffective everywhere, so silence needs only these to be."""
    if c.large and len(ranked) > LARGE_PARTS and _silent_example(c, answers):
        return True
    undecided: list[Condition] = []
    for rule in ranked:
        condition = c.effective[rule.id].condition
        value = condition.eval3(settled)
        if value is True:
            return False
        if value is None:
            undecided.append(condition)
    return not undecided or c.search(AnyOf(tuple(undecided)), answers, settled, want=False)


class _Trials:
    """The verdicts of small changes to one set of answers (why-not's trials).

    Each trial is ``_verdict`` over the changed answers, exactly; what keeps it cheap
    is the rule index: only the rules the trial's settled answers leave in are looked
    at, a handful out of thousands when most questions are answered."""

    def __init__(self, c: _Compiled, known: Mapping[str, str]) -> None:
        self.c = c
        self.known = dict(known)

    def verdict(self, changes: Mapping[str, str]) -> Verdict:
        trial = {**self.known, **changes}
        return _verdict_under(self.c, trial, self.c.settle(trial))


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
    for rule in c.rules_in(within):
        formula = c.effective[rule.id]
        if not kept(rule) or question.id not in formula.ids:
            continue
        may = {c.possible(formula, t, settled=s) for t, s in trial_settled}
        if len(may) > 1:
            return True
        if may == {True}:
            must = {c.possible(formula, t, want=False, settled=s) for t, s in trial_settled}
            if len(must) > 1:
                return True
    return len({_verdict_under(c, t, s) for t, s in trial_settled}) > 1


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
class Assessment:
    """The core of a decision: what ``smguide test`` and the lint read. ``decide`` adds
    the texts, what to find out, the answers list and the why-not."""

    verdict: Verdict
    silent: bool
    applied: tuple[AppliedRule, ...]  # strictest verdict first, then pack order
    defeated: tuple[Defeat, ...]
    bounded: bool = False  # a strict answer stood in for an exact one (Decision.bounded)


def assess(pack: Pack, answers: Mapping[str, str]) -> Assessment:
    """The verdict, the rules that apply (or may) and the exceptions applied."""
    c = _compiled(pack)
    return _assess(c, normalize(pack, answers))


def _assess(c: _Compiled, known: Mapping[str, str]) -> Assessment:
    last = c.last_outcome
    if last is not None and last[0] == known:
        return last[1]
    settled = c.settled(known)
    guesses = c.guesses

    def possible(formula: _Formula, want: bool = True) -> bool:
        return c.possible(formula, known, want, settled)

    applied: list[AppliedRule] = []
    for rule in c.rules_in(c.candidates(settled)):  # the others are False under settled
        formula = c.effective[rule.id]
        value = formula.condition.eval3(settled)  # exact where definite: no search
        if value is True:
            applied.append(AppliedRule(rule, True))
        elif value is None and c.possible_open(formula, known, True, settled):
            certain = not c.possible_open(formula, known, False, settled)
            applied.append(AppliedRule(rule, certain, () if certain else tuple(
                q.id for q in formula.questions
                if q.id not in known and settled.get(q.id, "") is not None)))
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
    outcome = Assessment(verdict, silent, tuple(applied), defeats, c.guesses != guesses)
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
    if c.large and len(may) > LARGE_PARTS and _silent_example(c, known):
        return True
    either = AnyOf(tuple(c.effective[a.rule.id].condition for a in may))
    return c.search(either, known, settled, want=False)


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
        from smguide.engine.depends import dependencies  # it builds on this module

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
        if not _may_apply(c, question, known):  # the cheap test first
            continue
        if question.id not in answers and not relevant(c.pack, question, known):
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
        if not _may_apply(c, question, known):
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
        if not _may_apply(c, question, situation):
            continue
        current = known.get(question.id)
        for option in _suggestable(question, by_steps):
            if option != current:
                candidates.append(Change(question, option, current))

    # Exact pruning: a laxer verdict needs every rule at least as strict as the current
    # verdict to stop applying, and a rule's outcome depends only on the questions it
    # reads. A change set that leaves one of them untouched cannot help. (Silence reads
    # every question, so it prunes nothing.)
    blockers = sorted({  # each set once, the smallest (likeliest untouched) first
        c.effective[r.id].ids
        for r in c.ranked_in(c.candidates(c.settled(known)))
        if r.verdict is not None and r.verdict.rank <= verdict.rank
        and c.possible(c.effective[r.id], known)
    }, key=lambda ids: (len(ids), sorted(ids)))
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


# --- When the answer is settled (docs/engine.md, "Settled"); engine.depends builds on it ---


_SETTLED: dict[tuple[object, ...], tuple[Pack, bool]] = {}


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


def _silent_example(c: _Compiled, known: Mapping[str, str]) -> bool:
    """Is one of a few completions of ``known`` silent? True proves silence possible."""
    for full in examples.completions(c.pack.questions, known):
        settled = c.settle(full)  # every question: three-valued evaluation is definite
        if not any(c.effective[r.id].condition.eval3(settled)
                   for r in c.ranked_in(c.candidates(settled))):
            return True
    return False


def verdict_of(pack: Pack, answers: Mapping[str, str]) -> Verdict:
    """Only the verdict (the strictest any completion gives), without the rest."""
    return _verdict(_compiled(pack), normalize(pack, answers))


def settled(pack: Pack, answers: Mapping[str, str]) -> bool:
    """Does every completion of the answers give the same verdict? Then no answer still
    unknown can change it. Exact: a search for a completion with a laxer verdict."""
    known = normalize(pack, answers)
    c = _compiled(pack)
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
    return verdict_of(pack, answers) == Verdict.prohibited and settled(pack, answers)


def matters(pack: Pack, question: Question, answers: Mapping[str, str]) -> bool:
    """Can the answer to ``question`` change the verdict, the rules that give it or the
    obligations? (``relevant`` also counts cautions and considerations.)"""
    c = _compiled(pack)
    return _answer_changes(c, question, normalize(pack, answers), _weighs)


def _weighs(rule: Rule) -> bool:
    """Does the practitioner act on this rule? (a verdict or obligations)"""
    return rule.verdict is not None or bool(rule.obligations)
