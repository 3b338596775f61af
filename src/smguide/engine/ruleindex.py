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
from smguide.pack.conditions import All, Assignment, Condition, Test

# Tests indexed per rule: leaving some out only lets more rules through to be evaluated
# (still exact); sixteen rule out nearly every rule a full answer set excludes, at a
# fraction of the cost of indexing every test of rules that test 40 questions.
MAX_TESTS = 16


class RuleIndex:
    """Per question and value, the conditions (by position) a test on it leaves in."""

    __slots__ = ("_kept", "all")

    def __init__(self, conditions: Sequence[Condition],
                 options: Mapping[str, Sequence[str]]) -> None:
        size = len(conditions)
        # rules sharing a test share its bit set: group them first (few distinct tests)
        groups: dict[tuple[str, frozenset[str]], list[int]] = {}
        get = groups.get
        for position, condition in enumerate(conditions):
            # Some of the tests that must all hold: the first MAX_TESTS of a top-level
            # ``all`` (and of an ``all`` right inside it). Any of them failing makes the
            # condition false, so leaving others out is exact.
            items = condition.items[:MAX_TESTS] if type(condition) is All else (condition,)
            for item in items:
                for test in item.items if type(item) is All else (item,):
                    if type(test) is Test:
                        key = (test.question, test.options)
                        group = get(key)
                        if group is None:
                            groups[key] = [position]
                        else:
                            group.append(position)
        out: dict[str, dict[str | None, int]] = {}
        for (qid, allowed), positions in groups.items():
            values = options.get(qid)
            if values is None:
                continue  # an unknown question (the loader refuses it): rule nothing out
            bits = bitset(positions, size)
            by_value = out.setdefault(qid, {})
            for value in (*values, None):
                if value not in allowed:
                    by_value[value] = by_value.get(value, 0) | bits
        self.all = (1 << size) - 1
        self._kept = {qid: {value: self.all & ~bits for value, bits in by_value.items()}
                      for qid, by_value in out.items()}

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
