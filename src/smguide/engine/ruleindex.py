"""Which rules can still apply under some settled answers, without evaluating each one.

Most rules are a conjunction of tests (``when: {q1: a, q2: [b, c]}``). Where one of
those tests fails on a settled answer (or on a question surely not asked, which
matches no test), the rule applies in no completion, and three-valued evaluation
says False. For each question the index keeps, per value, the bit set of the rules
left in (those no such test rules out); the rules that may still apply are the AND
over the settled questions. Every rule left out evaluates to False under
``eval3`` over the same settled answers, so a caller that evaluates only the rules
left in gets exactly what evaluating every rule gives, at the cost of a few big-int
ANDs instead of one evaluation per rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from smguide.engine.bits import bitset
from smguide.engine.boxes import Box, Values
from smguide.pack.conditions import All, Assignment, Condition, Test, Tested

# Tests indexed per rule: leaving some out only lets more rules through to be evaluated
# (still exact); sixteen rule out nearly every rule a full answer set excludes, at a
# fraction of the cost of indexing every test of rules that test 40 questions.
MAX_TESTS = 16


class RuleIndex:
    """Per question and value, the conditions (by position) a test on it leaves in.

    With ``boxes`` (per condition, the box it is, else None: ``smguide.engine.boxes``),
    every test of a box is indexed (its condition may be None), and :meth:`over` tells
    for all of them at once what ``boxes.may_hold`` and ``boxes.may_fail`` tell for
    each (``whole``)."""

    __slots__ = ("_excluded", "_kept", "_testing", "all", "boxes", "never", "whole")

    def __init__(self, conditions: Sequence[Condition | None],
                 options: Mapping[str, Sequence[str]],
                 boxes: Sequence[Box | None] | None = None,
                 tests: Sequence[Sequence[Tested] | None] | None = None) -> None:
        """``boxes`` (with ``over``) or, for a condition that is a box, its ``tests``
        (``Rule.box_tests``: without ``over``, the first MAX_TESTS indexed): that
        condition may then be None."""
        size = len(conditions)
        # rules sharing a test share its bit set: group them first (few distinct tests),
        # per question, then per options
        groups: dict[str, dict[frozenset[str], list[int]]] = {qid: {} for qid in options}
        never: list[int] = []  # a box reading an unknown question (refused by the loader)
        for position, condition in enumerate(conditions):
            listed = tests[position] if tests is not None else None
            if listed is not None:
                for tested in listed[:MAX_TESTS]:
                    by_options = groups.get(tested.question)
                    if by_options is not None:  # else an unknown question: nothing out
                        group = by_options.get(tested.options)
                        if group is None:
                            by_options[tested.options] = [position]
                        else:
                            group.append(position)
                continue
            box = boxes[position] if boxes is not None else None
            if box is not None:
                for qid, allowed in box.items():
                    by_options = groups.get(qid)
                    if by_options is None:
                        never.append(position)
                        continue
                    group = by_options.get(allowed)
                    if group is None:
                        by_options[allowed] = [position]
                    else:
                        group.append(position)
                continue
            # Some of the tests that must all hold: the first MAX_TESTS of a top-level
            # ``all`` (and of an ``all`` right inside it). Any of them failing makes the
            # condition false, so leaving others out is exact.
            assert condition is not None
            items = condition.items[:MAX_TESTS] if type(condition) is All else (condition,)
            for item in items:
                for test in item.items if type(item) is All else (item,):
                    if type(test) is Test:
                        by_options = groups.get(test.question)
                        if by_options is None:
                            continue  # an unknown question: rule nothing out
                        group = by_options.get(test.options)
                        if group is None:
                            by_options[test.options] = [position]
                        else:
                            group.append(position)
        self.all = (1 << size) - 1
        self.whole = boxes is not None
        self.boxes = (0 if boxes is None
                      else bitset((i for i, box in enumerate(boxes) if box is not None), size))
        self.never = bitset(never, size)
        # per question and value, the conditions a test on the question rules out
        self._excluded: dict[str, dict[str | None, int]] = {}
        self._testing: dict[str, int] = {}  # per question, the boxes testing it
        for qid, by_options in groups.items():
            if not by_options:
                continue
            excluded: dict[str | None, int] = {}
            testing = 0
            for allowed, positions in by_options.items():
                bits = bitset(positions, size)
                testing |= bits
                for value in (*options[qid], None):
                    if value not in allowed:
                        excluded[value] = excluded.get(value, 0) | bits
            self._excluded[qid] = excluded
            self._testing[qid] = testing & self.boxes
        self._kept = {qid: {value: self.all & ~bits for value, bits in by_value.items()}
                      for qid, by_value in self._excluded.items()}

    def candidates(self, settled: Assignment) -> int:
        """The bit set of the conditions that ``settled`` does not make false by one test."""
        mask = self.all
        kept = self._kept
        for qid, value in settled.items():
            by_value = kept.get(qid)
            if by_value is not None:
                left = by_value.get(value)
                if left is not None:
                    mask &= left
        return mask

    def over(self, values: Mapping[str, Values]) -> tuple[int, int]:
        """The boxes that pass ``boxes.may_hold``, and those that may fail
        (``boxes.may_fail``), as bit sets, over ``values``: every question's values over
        the completions. A box may fail where one of its questions may take a value its
        test rules out, and cannot hold where every value one of them may take is such."""
        assert self.whole, "an index of every test of every box"
        boxes = self.boxes
        fail = never = self.never
        for qid, by_value in self._excluded.items():
            taken = values[qid]
            if not taken:
                never |= self._testing[qid]
                continue
            out = boxes
            for value in taken:
                bits = by_value.get(value, 0)
                fail |= bits
                out &= bits
            never |= out
        return boxes & ~never, fail & boxes
