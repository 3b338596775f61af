"""References between files, reported where the cause is, with "did you mean".

:mod:`smguide.validate` gives the loader one message per problem at the rule; here
each unknown question stands at its key, each unknown option at its value, each
unknown section at its ``section:`` key, each unknown exception target at its list
item, with the closest valid id and (for sections and sources) the valid ones.
Only this pack's own files are read: the packs it extends are linted on their own.
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.conditions import Condition
from smguide.lint.api import LintContext
from smguide.lint.scenario_refs import did_you_mean
from smguide.models import Citation, Pack, PackFile, Rule, Silence
from smguide.validate import Problem
from smguide.yamlload import Document, PathKey


def reference_findings(ctx: LintContext) -> Iterator[Problem]:
    pack = ctx.assembled
    if pack is None:
        return
    for file in ctx.files:
        if isinstance(file.model, PackFile) and file.doc is not None:
            yield from _file(pack, file.doc, file.model)


def _file(pack: Pack, doc: Document, part: PackFile) -> Iterator[Problem]:
    for i, question in enumerate(part.questions):
        if question.ask_if is not None:
            yield from _condition(pack, doc, ("questions", i, "ask_if"), question.ask_if,
                                  f"ask_if of {question.id!r}")
    items: list[tuple[str, int, Rule | Silence]] = [("rules", i, r)
                                                    for i, r in enumerate(part.rules)]
    items += [("silences", i, s) for i, s in enumerate(part.silences)]
    for kind, i, item in items:
        what = f"{kind[:-1]} {item.id!r}"
        yield from _condition(pack, doc, (kind, i, "when"), item.when, what)
        for j, cite in enumerate(item.cite):
            yield from _citation(pack, doc, (kind, i, "cite", j), cite, what)
    for i, rule in enumerate(part.rules):
        for k, target in enumerate(rule.exception_to):
            if target != rule.id and pack.rule(target) is None:
                ids = [r.id for r in pack.rules]  # only here: once per rule was quadratic
                yield Problem("unknown-reference", "error",
                              f"rule {rule.id!r} is an exception to unknown rule {target!r}; "
                              f"{did_you_mean(target, ids)}'smguide rules' lists them",
                              doc.location(("rules", i, "exception_to", k)))


def _condition(pack: Pack, doc: Document, base: PathKey, cond: Condition,
               what: str) -> Iterator[Problem]:
    ids = [q.id for q in pack.questions]
    for test in cond.tests():
        path = (*base, *test.path)
        question = pack.question(test.question)
        if question is None:
            yield Problem("unknown-reference", "error",
                          f"{what} names unknown question {test.question!r}; "
                          f"{did_you_mean(test.question, ids)}see 'smguide questions'",
                          doc.key_location(path))
            continue
        for option in sorted(test.options - set(question.option_ids)):
            yield Problem("unknown-reference", "error",
                          f"{what}: question {test.question!r} has no option {option!r}; "
                          f"{did_you_mean(option, question.option_ids)}"
                          f"its options are: {', '.join(question.option_ids)}",
                          doc.location(path))


def _citation(pack: Pack, doc: Document, base: PathKey, cite: Citation,
              what: str) -> Iterator[Problem]:
    source = pack.source(cite.source)
    if source is None:
        ids = [s.id for s in pack.sources]
        yield Problem("unknown-reference", "error",
                      f"{what} cites unknown source {cite.source!r}; "
                      f"{did_you_mean(cite.source, ids)}the sources are: {', '.join(ids)}",
                      doc.key_location((*base, "source")))
    elif source.section(cite.section) is None:
        ids = [s.id for s in source.sections]
        yield Problem("unknown-section", "error",
                      f"{what} cites unknown section {cite.section!r} of {cite.source!r}; "
                      f"{did_you_mean(cite.section, ids)}"
                      f"its sections are: {', '.join(ids)}",
                      doc.key_location((*base, "section")))
