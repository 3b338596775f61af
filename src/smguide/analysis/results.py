"""What the analysis finds; every finding carries a full answer combination."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from smguide.analysis.reach import Completion
from smguide.analysis.space import Value
from smguide.pack.models import Question, Rule, Verdict


@dataclass(frozen=True)
class Gap:
    """A region where no verdict rule is effective, and how many combinations it holds."""

    box: int
    region: dict[str, tuple[Value, ...]]  # the restricted questions; the others are "any"
    description: str
    witness: Completion
    count: int | None  # reachable combinations in the region (None: too costly to count)


@dataclass
class Gaps:
    regions: list[Gap] = field(default_factory=list)
    complete: bool = True  # False: there are uncovered combinations outside the regions
    uncovered: int | None = None  # combinations without a verdict (None: too many to count)
    total: int | None = None  # all combinations the question flow can produce


@dataclass(frozen=True)
class Conflict:
    stricter: Rule
    laxer: Rule
    box: int  # both rules are effective in every combination of it that can happen


@dataclass(frozen=True)
class Shadow:
    rule: Rule
    by: Rule  # a stricter rule
    box: int  # both are effective in every combination of it that can happen


DeadKind = Literal["never-applies", "always-defeated", "unused-exception"]


@dataclass(frozen=True)
class Dead:
    rule: Rule
    kind: DeadKind
    other: Rule | None = None  # the defeating exception / the target never set aside
    # always-defeated: the rule applies and ``other`` sets it aside in all of this box
    box: int | None = None
    contradictory: bool = False  # never-applies: the condition itself cannot hold


UnknownKind = Literal["laxer", "inexact"]


@dataclass(frozen=True)
class UnsafeUnknown:
    question: Question
    kind: UnknownKind
    option: str  # the definite answer of the witness
    answers: tuple[tuple[str, str], ...]  # with the question answered "unsure"
    definite: Verdict  # the engine's verdict with the witness's definite answer
    unsure: Verdict  # the engine's verdict with "not sure"
    expected: Verdict  # the exact strictest verdict over the unsure completions
