"""References between files, reported where the cause is, with "did you mean".

:mod:`smguide.pack.crossrefs` gives the loader one message per problem at the rule; here
each unknown question stands at its key, each unknown option at its value, each
unknown section at its ``section:`` key, each unknown exception target at its list
item, with the closest valid id and (for sections and sources) the valid ones.
Only this pack's own files are read: the packs it extends are linted on their own.
"""

from __future__ import annotations

from collections.abc import Iterator

from smguide.i18n import _, did_you_mean
from smguide.lint.api import LintContext
from smguide.pack.conditions import Condition, Not, Test
from smguide.pack.crossrefs import Problem
from smguide.pack.models import Citation, Pack, PackFile, Rule, Silence
from smguide.pack.yamlload import Document, PathKey


def reference_findings(ctx: LintContext) -> list[Problem]:
    """Every problem, found once per lint run (two checks report their shares)."""
    cached = ctx.cache.get("reference-findings")
    if cached is None:
        pack = ctx.assembled
        cached = [] if pack is None else [
            problem for file in ctx.files
            if isinstance(file.model, PackFile) and file.doc is not None
            for problem in _file(pack, file.doc, file.model)]
        ctx.cache["reference-findings"] = cached
    return list(cached)


def _file(pack: Pack, doc: Document, part: PackFile) -> Iterator[Problem]:
    options = {q.id: frozenset(q.option_ids) for q in pack.questions}
    cited = {(s.id, section.id) for s in pack.sources for section in s.sections}
    for i, question in enumerate(part.questions):
        if question.ask_if is not None and not _known(options, question.ask_if):
            yield from _condition(pack, doc, ("questions", i, "ask_if"), question.ask_if,
                                  _("ask_if of {id!r}").format(id=question.id))
    items: list[tuple[str, int, Rule | Silence]] = [("rules", i, r)
                                                    for i, r in enumerate(part.rules)]
    items += [("silences", i, s) for i, s in enumerate(part.silences)]
    for kind, i, item in items:
        if _known(options, item.when) and all((c.source, c.section) in cited for c in item.cite):
            continue  # the common case, without naming the item for a message
        what = (_("rule {id!r}") if kind == "rules" else _("silence {id!r}")).format(id=item.id)
        yield from _condition(pack, doc, (kind, i, "when"), item.when, what)
        for j, cite in enumerate(item.cite):
            yield from _citation(pack, doc, (kind, i, "cite", j), cite, what)
    for i, rule in enumerate(part.rules):
        for k, target in enumerate(rule.exception_to):
            if target != rule.id and pack.rule(target) is None:
                ids = [r.id for r in pack.rules]  # only here: once per rule was quadratic
                yield Problem("unknown-reference", "error",
                              _("rule {id!r} is an exception to unknown rule {target!r}; "
                                "{hint}'smguide rules' lists them").format(
                                  id=rule.id, target=target, hint=did_you_mean(target, ids)),
                              doc.location(("rules", i, "exception_to", k)))


def _known(options: dict[str, frozenset[str]], cond: Condition) -> bool:
    """Does the condition name only existing questions and options? (Then
    :func:`_condition` finds nothing in it.)"""
    todo = [cond]  # a loop, not tests()'s nested generators: run over every rule
    while todo:
        item = todo.pop()
        if isinstance(item, Test):
            known = options.get(item.question)
            if known is None or not item.options <= known:
                return False
        elif isinstance(item, Not):
            todo.append(item.item)
        else:
            todo.extend(item.items)
    return True


def _condition(pack: Pack, doc: Document, base: PathKey, cond: Condition,
               what: str) -> Iterator[Problem]:
    ids = [q.id for q in pack.questions]
    for test in cond.tests():
        path = (*base, *test.path)
        question = pack.question(test.question)
        if question is None:
            yield Problem("unknown-reference", "error",
                          _("{what} names unknown question {question!r}; "
                            "{hint}see 'smguide questions'").format(
                              what=what, question=test.question,
                              hint=did_you_mean(test.question, ids)),
                          doc.key_location(path))
            continue
        for option in sorted(test.options - set(question.option_ids)):
            yield Problem("unknown-reference", "error",
                          _("{what}: question {question!r} has no option {option!r}; "
                            "{hint}its options are: {options}").format(
                              what=what, question=test.question, option=option,
                              hint=did_you_mean(option, question.option_ids),
                              options=", ".join(question.option_ids)),
                          doc.location(path))


def _citation(pack: Pack, doc: Document, base: PathKey, cite: Citation,
              what: str) -> Iterator[Problem]:
    source = pack.source(cite.source)
    if source is None:
        ids = [s.id for s in pack.sources]
        yield Problem("unknown-reference", "error",
                      _("{what} cites unknown source {source!r}; "
                        "{hint}the sources are: {sources}").format(
                          what=what, source=cite.source, hint=did_you_mean(cite.source, ids),
                          sources=", ".join(ids)),
                      doc.key_location((*base, "source")))
    elif source.section(cite.section) is None:
        ids = [s.id for s in source.sections]
        yield Problem("unknown-section", "error",
                      _("{what} cites unknown section {section!r} of {source!r}; "
                        "{hint}its sections are: {sections}").format(
                          what=what, section=cite.section, source=cite.source,
                          hint=did_you_mean(cite.section, ids), sections=", ".join(ids)),
                      doc.key_location((*base, "section")))
