"""What the pack's conditions read, and where questions and options are written."""

from __future__ import annotations

from dataclasses import dataclass

from smguide.conditions import Condition, Not, Test
from smguide.errors import Location
from smguide.lint.api import LintContext
from smguide.models import Pack, PackFile, Question
from smguide.solver import closure


@dataclass(frozen=True)
class Written:
    question: Question
    location: Location
    option_locations: tuple[Location, ...]


def written_questions(ctx: LintContext) -> list[Written]:
    """The questions of this pack's own files (not of the packs it extends)."""
    out = []
    for file in ctx.files:
        if not isinstance(file.model, PackFile) or file.doc is None:
            continue
        for i, question in enumerate(file.model.questions):
            base = ("questions", i)
            opts = tuple(file.doc.location((*base, "options", j))
                         for j in range(len(question.options)))
            out.append(Written(question, file.doc.location(base), opts))
    return out


def used_questions(pack: Pack) -> set[str]:
    """Questions some rule reads, directly or through the ask_if of one it reads."""
    read: dict[str, set[str]] = {}
    for rule in pack.rules:
        _name_options(rule.when, read)
    return {q.id for q in closure(pack, frozenset(read))}


def named_options(pack: Pack) -> dict[str, set[str]]:
    """question id -> the options some condition (a rule's or an ask_if) names."""
    named: dict[str, set[str]] = {}
    conds = [r.when for r in pack.rules]
    conds += [q.ask_if for q in pack.questions if q.ask_if is not None]
    for cond in conds:
        _name_options(cond, named)
    return named


def _name_options(cond: Condition, named: dict[str, set[str]]) -> None:
    """Add the options each test of ``cond`` names (a loop, not tests()'s nested
    generators: it runs over every test of every rule)."""
    todo = [cond]
    while todo:
        item = todo.pop()
        if isinstance(item, Test):
            options = named.get(item.question)
            if options is None:
                named[item.question] = set(item.options)
            else:
                options |= item.options
        elif isinstance(item, Not):
            todo.append(item.item)
        else:
            todo.extend(item.items)
