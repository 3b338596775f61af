"""Per-pack precomputation: each rule's effective formula, the rule index, the exceptions.

A rule *applies* when its ``when`` holds; it is *effective* when it applies and no
effective exception to it applies (docs/engine.md). :func:`_compiled` keeps one
:class:`_Compiled` per pack object.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any

from smguide.engine import boxes
from smguide.engine.bits import bitset, members
from smguide.engine.formula import _Formula
from smguide.engine.ruleindex import RuleIndex
from smguide.engine.search import Search
from smguide.pack.conditions import All, AnyOf, Condition, Not
from smguide.pack.models import Pack, Rule, Silence, Verdict

SILENT_VERDICT = Verdict.consult_supervisor


class _Effective(Mapping[str, _Formula]):
    """Each rule's effective formula by rule id, made when first asked for."""

    def __init__(self, c: _Compiled) -> None:
        self._c = c
        self._made: dict[str, _Formula] = {}

    def __getitem__(self, rule_id: str) -> _Formula:
        hit = self._made.get(rule_id)
        if hit is None:
            position = self._c.positions.get(rule_id)
            if position is None:
                raise KeyError(rule_id)
            hit = self.at(position, self._c.pack.rules[position])
        return hit

    def at(self, position: int, rule: Rule) -> _Formula:
        """``self[rule.id]`` for the rule at this pack position, with its box at hand (its
        condition is then built only where a question needs more than the box)."""
        hit = self._made.get(rule.id)
        if hit is None:
            c = self._c
            hit = self._made[rule.id] = _Formula(
                None, c, c.box_at(position), make=lambda: c._effective(rule))
        return hit

    def __iter__(self) -> Iterator[str]:
        return (r.id for r in self._c.pack.rules)

    def __len__(self) -> int:
        return len(self._c.pack.rules)


class _Compiled(Search):
    """Per-pack precomputation: effective-rule formulas and the questions they read."""

    def __init__(self, pack: Pack) -> None:
        super().__init__(pack)
        defeaters: dict[str, list[Rule]] = {}
        for rule in pack.rules:
            for target in rule.exception_to:
                defeaters.setdefault(target, []).append(rule)
        self.defeaters = defeaters
        self._eff: dict[str, Condition] = {}
        self.effective = _Effective(self)
        self.defeat_pairs: list[tuple[Rule, Rule, _Formula]] = []
        for exception in pack.rules:
            for target_id in exception.exception_to:
                defeated = pack.rule(target_id)
                if defeated is not None:
                    both = All((self._effective(exception), defeated.when))
                    self.defeat_pairs.append((exception, defeated, self._formula(both)))
        self.last_outcome: tuple[dict[str, str], Any] | None = None  # engine.assessment
        self._index: RuleIndex | None = None
        self._last_candidates: tuple[Mapping[str, str | None], int] | None = None
        size = len(pack.rules)
        # per verdict, strictest first, the rules giving it: by_rank's order without a sort
        self.level_bits = [bitset((i for i, r in enumerate(pack.rules) if r.verdict is v), size)
                           for v in Verdict]

    def forget_answers(self) -> None:
        super().forget_answers()
        self.last_outcome = None
        self._last_candidates = None

    # What reads every rule is built only when asked for: a decision reads the rules
    # the index leaves in (with a large pack, building it all cost more than deciding).

    @cached_property
    def positions(self) -> dict[str, int]:
        return {r.id: i for i, r in enumerate(self.pack.rules)}

    @cached_property
    def rule_boxes(self) -> list[boxes.Box | None]:
        """Per rule, its effective formula's box: its ``when`` without exceptions."""
        return [None if r.id in self.defeaters else boxes.box_from(r.box_tests())
                for r in self.pack.rules]

    @property
    def index(self) -> RuleIndex:
        """The rules indexed by their tests (``candidates``), and the box rules in whole
        (``RuleIndex.over``): built when answers leave questions open."""
        if self._index is None or not self._index.whole:
            self._index = self._make_index(whole=True)
        return self._index

    def _make_index(self, whole: bool) -> RuleIndex:
        """The index of the rules' tests (``whole``: every test of a box). A box rule's
        condition is not read: a rule from the pack cache builds it when first read."""
        rules = self.pack.rules
        if whole:
            rule_boxes = self.rule_boxes
            conditions = [None if box is not None else rule.when
                          for rule, box in zip(rules, rule_boxes, strict=True)]
            return RuleIndex(conditions, self.option_ids, rule_boxes)
        tests = [None if r.id in self.defeaters else r.box_tests() for r in rules]
        conditions = [None if listed is not None else rule.when
                      for rule, listed in zip(rules, tests, strict=True)]
        return RuleIndex(conditions, self.option_ids, tests=tests)

    def box_at(self, position: int) -> boxes.Box | None:
        """``rule_boxes[position]``, without working out every rule's where not done."""
        made = self.__dict__.get("rule_boxes")
        if made is not None:
            return made[position]  # type: ignore[no-any-return]
        rule = self.pack.rules[position]
        return None if rule.id in self.defeaters else boxes.box_from(rule.box_tests())

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
        if self._index is None:  # with every question answered, the boxes are not needed
            self._index = self._make_index(whole=False)
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
