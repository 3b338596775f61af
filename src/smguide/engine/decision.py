"""What the engine returns. Plain frozen data: renderers and records read it."""

from __future__ import annotations

from dataclasses import dataclass

from smguide.pack.models import Principle, Question, Rule, Silence, Verdict
from smguide.pack.translatable import Localized


@dataclass(frozen=True)
class AppliedRule:
    rule: Rule
    # True: applies whatever the "not sure" answers turn out to be; False: may apply.
    certain: bool
    # For a rule that may apply: the unknown questions its outcome still reads.
    open: tuple[str, ...] = ()


@dataclass(frozen=True)
class Defeat:
    exception: Rule
    defeated: Rule
    certain: bool


@dataclass(frozen=True)
class Item:
    """An obligation or a caution, with the rules that bring it."""

    text: Localized
    rules: tuple[str, ...]
    certain: bool
    principles: tuple[Principle, ...] = ()


@dataclass(frozen=True)
class FindOut:
    question: Question
    text: Localized


@dataclass(frozen=True)
class Change:
    question: Question
    answer: str  # the option that would make the verdict laxer
    previous: str | None  # the current answer (None: not answered)


@dataclass(frozen=True)
class WhyNot:
    """A smallest set of answer changes that makes the verdict ``verdict``."""

    verdict: Verdict
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Branch:
    """What the verdict would be for some answers to one unknown question (the other
    unknowns still unknown): ``settled`` when those answers leave nothing else to find out
    about the verdict, else ``verdict`` is the strictest it can still be."""

    options: tuple[str, ...]
    verdict: Verdict
    settled: bool


@dataclass(frozen=True)
class Dependency:
    """An unknown question whose answer changes the verdict, with the verdict per answer
    where the answer alone tells it (else no branches: it matters with other answers)."""

    question: Question
    branches: tuple[Branch, ...]  # in the order of the question's options


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    # True when, for some possible value of the unsure answers, no rule gives a verdict.
    silent: bool
    applied: tuple[AppliedRule, ...]  # strictest verdict first, then pack order
    defeated: tuple[Defeat, ...]
    obligations: tuple[Item, ...]
    cautions: tuple[Item, ...]
    find_out: tuple[FindOut, ...]
    why_not: tuple[WhyNot, ...]
    # The answers the decision rests on: only questions that apply, in pack order;
    # "unsure" for questions answered "not sure" or left unanswered that matter.
    answers: tuple[tuple[str, str], ...]
    # Ethical considerations (from report packs), shown after verdict and obligations.
    considerations: tuple[Item, ...] = ()
    # Where the decision is silent: the silences the pack declares there, with reasons.
    silences: tuple[Silence, ...] = ()
    # Every completion of the answers gives the verdict (engine.settled.settled).
    settled: bool = True
    # What the verdict depends on when it is not settled (engine.depends.dependencies).
    depends: tuple[Dependency, ...] = ()
    # The questions the answers given to ``decide`` answer ("not sure" included): what
    # the worker was asked, as against what counts as "not sure" because it was not.
    asked: frozenset[str] = frozenset()
    # True when an exact answer would have taken more than the solver's budget
    # (docs/engine.md, "Budgets") and the strict one was taken: never laxer, perhaps
    # stricter than the exact decision (a rule listed as possible, silence possible).
    bounded: bool = False

    @property
    def deciding(self) -> tuple[AppliedRule, ...]:
        """The applied rules whose verdict is the decision's verdict: those that apply for
        certain first (they are the reason; the others may turn out not to apply)."""
        rules = [a for a in self.applied if a.rule.verdict == self.verdict]
        return tuple(sorted(rules, key=lambda a: not a.certain))

    @property
    def certain(self) -> bool:
        return not self.find_out
