"""Cross-reference checks over a whole pack (ids, questions, options, sources, exceptions).

These are the checks without which the engine cannot run; the loader stops at the
first error, ``smguide lint`` reports them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from smguide.errors import Location
from smguide.pack.conditions import Condition, tests_of
from smguide.pack.models import Pack


@dataclass(frozen=True)
class Problem:
    check: str
    level: Literal["error", "warning"]
    message: str
    location: Location | None


def check_references(pack: Pack) -> Iterator[Problem]:
    yield from _duplicates(pack)
    yield from _condition_refs(pack)
    yield from _citations(pack)
    yield from _exceptions(pack)


def _duplicates(pack: Pack) -> Iterator[Problem]:
    for kind, items in (("question", pack.questions), ("rule", pack.rules),
                        ("source", pack.sources)):
        seen: dict[str, Location | None] = {}
        for item in items:
            if item.id in seen:
                first = seen[item.id]
                yield Problem("duplicate-id", "error",
                              f"duplicate {kind} id {item.id!r} (first at {first})", item.location)
            else:
                seen[item.id] = item.location
    for source in pack.sources:
        ids: set[str] = set()
        for section in source.sections:
            if section.id in ids:
                yield Problem("duplicate-id", "error",
                              f"duplicate section id {section.id!r} in source {source.id!r}",
                              section.location)
            ids.add(section.id)


def _test_problems(pack: Pack, options: dict[str, frozenset[str]], cond: Condition,
                   before: int | None, what: str) -> Iterator[Problem]:
    for test in tests_of(cond):
        known = options.get(test.question)
        if known is None:
            yield Problem("unknown-reference", "error",
                          f"{what} names unknown question {test.question!r}", test.location)
            continue
        if before is not None and pack.order(test.question) >= before:
            yield Problem("ask-if-order", "error",
                          f"{what} may only read questions asked before it, not {test.question!r}",
                          test.location)
        if test.options <= known:
            continue
        question = pack.question(test.question)
        assert question is not None
        for option in sorted(test.options - known):
            yield Problem("unknown-reference", "error",
                          f"{what}: question {test.question!r} has no option {option!r} "
                          f"(options: {', '.join(question.option_ids)})", test.location)


def _condition_refs(pack: Pack) -> Iterator[Problem]:
    # each question's options once: a large pack has hundreds of thousands of tests
    options = {q.id: frozenset(q.option_ids) for q in pack.questions}
    for question in pack.questions:
        if question.ask_if is not None and pack.question(question.id) is question:
            yield from _test_problems(pack, options, question.ask_if, pack.order(question.id),
                                      f"ask_if of {question.id!r}")
    for rule in pack.rules:
        yield from _test_problems(pack, options, rule.when, None, f"rule {rule.id!r}")
    for silence in pack.silences:
        yield from _test_problems(pack, options, silence.when, None, f"silence {silence.id!r}")


def _citations(pack: Pack) -> Iterator[Problem]:
    citing = [("rule", r) for r in pack.rules] + [("silence", s) for s in pack.silences]
    for kind, item in citing:
        for cite in item.cite:
            source = pack.source(cite.source)
            if source is None:
                yield Problem("unknown-reference", "error",
                              f"{kind} {item.id!r} cites unknown source {cite.source!r}",
                              item.location)
            elif source.section(cite.section) is None:
                yield Problem("unknown-section", "error",
                              f"{kind} {item.id!r} cites unknown section {cite.section!r} "
                              f"of {cite.source!r}", item.location)


def _exceptions(pack: Pack) -> Iterator[Problem]:
    for rule in pack.rules:
        for target in rule.exception_to:
            if target == rule.id:
                yield Problem("exception-cycle", "error",
                              f"rule {rule.id!r} is an exception to itself", rule.location)
            elif pack.rule(target) is None:
                yield Problem("unknown-reference", "error",
                              f"rule {rule.id!r} is an exception to unknown rule {target!r}",
                              rule.location)
    # A cycle of exceptions has no meaning (who defeats whom?): refuse it.
    state: dict[str, int] = {}

    def visit(rid: str, trail: list[str]) -> list[str] | None:
        state[rid] = 1
        rule = pack.rule(rid)
        for target in (rule.exception_to if rule else []):
            if target == rid or pack.rule(target) is None:
                continue
            if state.get(target) == 1:
                return [*trail, rid, target]
            if target not in state:
                found = visit(target, [*trail, rid])
                if found:
                    return found
        state[rid] = 2
        return None

    for rule in pack.rules:
        if rule.id not in state:
            cycle = visit(rule.id, [])
            if cycle:
                yield Problem("exception-cycle", "error",
                              "exceptions form a cycle: " + " -> ".join(cycle), rule.location)
                return
