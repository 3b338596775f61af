"""What each question reads, and a condition with the questions its search visits.

:class:`Reading` holds, per pack, each question with what its ``ask_if`` reads (what
decides whether it is settled), as ids and as bit sets over question positions, and
the settled answers (what every completion agrees on). :class:`_Formula` is a
condition with its box (``smguide.engine.boxes``) and its questions, found when first
needed: with definite answers three-valued evaluation decides and no search is made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property

from smguide.engine import boxes, solver
from smguide.engine.bits import Picker, bitset
from smguide.pack.conditions import All, Condition, refs
from smguide.pack.models import Pack, Question


class Reading:
    """Per-pack facts about the questions, shared by every formula of the pack."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        # each question with what its ask_if reads: what decides whether it is settled
        self.reads = {
            q.id: frozenset(x.id for x in solver.closure(pack, frozenset((q.id,))))
            for q in pack.questions
        }
        position = {q.id: i for i, q in enumerate(pack.questions)}
        self.read_bits = {qid: bitset((position[r] for r in read), len(position))
                          for qid, read in self.reads.items()}
        self._asking = [(q.id, q.ask_if, frozenset(q.option_ids)) for q in pack.questions]
        self._last_settled: tuple[dict[str, str], dict[str, str | None]] | None = None

    @cached_property
    def pick_questions(self) -> Picker[Question]:
        return Picker(self.pack.questions)

    @cached_property
    def option_ids(self) -> dict[str, list[str]]:
        return {q.id: q.option_ids for q in self.pack.questions}

    @cached_property
    def pick_ids(self) -> Picker[str]:
        return Picker([q.id for q in self.pack.questions])

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

    def forget_answers(self) -> None:
        """Drop the settled answers kept for the next call with the same answers."""
        self._last_settled = None

    def settled(self, answers: Mapping[str, str]) -> dict[str, str | None]:
        """``_settled`` for these answers, remembered for the next call with the same."""
        last = self._last_settled
        if last is not None and last[0] == answers:
            return last[1]
        settled = self.settle(answers)
        self._last_settled = (dict(answers), settled)
        return settled


class _Formula:
    """A condition and the questions its search visits (found when first needed: with
    definite answers three-valued evaluation decides and no search is made)."""

    __slots__ = ("_bits", "_compiled", "_condition", "_ids", "_make", "_questions", "box",
                 "head", "linked")

    def __init__(self, condition: Condition | None, compiled: Reading,
                 box: boxes.Box | bool | None = True,
                 make: Callable[[], Condition] | None = None) -> None:
        """``box``: the condition's box where the caller has it (None: not one). A box's
        condition may come later, from ``make``, when first read: most questions about
        a box need only the box (and a rule from the pack cache builds its condition
        when first read)."""
        if condition is None and (box is True or box is None):
            assert make is not None
            condition, make = make(), None  # its box, or its head, needs it now
        self._condition = condition
        self._make = make
        self._compiled = compiled
        self._questions: tuple[Question, ...] | None = None
        self._ids: frozenset[str] | None = None
        self._bits: int | None = None
        # most rules: answered without a search
        if box is True:
            assert condition is not None
            box = boxes.box_of(condition)
        self.box = box or None
        # a rule with exceptions: ``all`` of its box and more (the box, else None)
        self.head = (boxes.box_of(condition.items[0])
                     if self.box is None and type(condition) is All and condition.items
                     else None)
        # the box's questions with an ask_if and what it reads, in order (when needed)
        self.linked: tuple[Question, ...] | None = None

    @property
    def condition(self) -> Condition:
        condition = self._condition
        if condition is None:
            assert self._make is not None
            condition = self._condition = self._make()
            self._make = None
        return condition

    def eval3(self, settled: Mapping[str, str | None]) -> bool | None:
        """``condition.eval3``; a box's from the box (without building its condition)."""
        box = self.box
        if box is None:
            return self.condition.eval3(settled)
        value: bool | None = True
        for qid, allowed in box.items():
            if qid not in settled:
                value = None
            elif settled[qid] not in allowed:
                return False
        return value

    @property
    def bits(self) -> int:
        """:attr:`questions` as a bit set over question positions."""
        if self._bits is None:
            bits = 0
            read_bits = self._compiled.read_bits
            for qid in (self.box.keys() if self.box is not None else refs(self.condition)):
                bits |= read_bits.get(qid, 0)
            self._bits = bits
        return self._bits

    @property
    def questions(self) -> tuple[Question, ...]:
        if self._questions is None:
            self._questions = self._compiled.pick_questions.pick(self.bits)
        return self._questions

    @property
    def ids(self) -> frozenset[str]:
        """The ids of :attr:`questions`: what the condition reads, and what their ask_if
        conditions read (``solver.closure``)."""
        if self._ids is None:
            self._ids = frozenset(q.id for q in self.questions)
        return self._ids
