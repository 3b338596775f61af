"""What the pack's conditions read, and where questions and options are written."""

from __future__ import annotations

from dataclasses import dataclass

from smguide.engine.solver import closure
from smguide.errors import Location
from smguide.lint.api import LintContext
from smguide.pack.conditions import Condition, Not, Test
from smguide.pack.models import PackFile, Question


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


def used_questions(ctx: LintContext) -> set[str]:
    """Questions some rule reads, directly or through the ask_if of one it reads."""
    return _usage(ctx)[0]


def named_options(ctx: LintContext) -> dict[str, set[str]]:
    """question id -> the options some condition (a rule's or an ask_if) names."""
    return _usage(ctx)[1]


def _usage(ctx: LintContext) -> tuple[set[str], dict[str, set[str]]]:
    """Both, from one pass over the assembled pack's conditions, once per lint run."""
    pack = ctx.assembled
    assert pack is not None
    hit = ctx.cache.get("usage")
    if hit is None or hit[0] is not pack:
        named: dict[str, set[str]] = {}
        for rule in pack.rules:
            _name_options(rule.when, named)
        used = {q.id for q in closure(pack, frozenset(named))}
        for question in pack.questions:
            if question.ask_if is not None:
                _name_options(question.ask_if, named)
        hit = ctx.cache["usage"] = (pack, used, named)
    return hit[1], hit[2]


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
