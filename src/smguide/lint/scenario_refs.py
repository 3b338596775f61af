"""Every problem of one scenario file, checked against the packs it runs on.

``smguide test`` stops at a scenario's first problem; the linter lists them all, each
at its node: the file's syntax and schema (a verdict that is not a verdict), then its
answers, notes and expectation against the pack (unknown question, option, rule,
source or section, with "did you mean" and the valid ids).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import ValidationError

from smguide.errors import InputError, Location
from smguide.i18n import _, did_you_mean
from smguide.lint.api import Finding
from smguide.pack.answers import valid_answers
from smguide.pack.loader import locate_error
from smguide.pack.models import Pack, Verdict
from smguide.pack.yamlload import Document, LimitError, loads, read_text
from smguide.training.scenario import Scenario

ID = "scenario"
MAX_SCENARIO_BYTES = 1024 * 1024
ROLE_QUESTION = "role"

# The packs a scenario runs on (None: they could not be had; the finding says why).
PackFor = Callable[[Scenario, Document, Path], "Pack | Finding | None"]


def _error(message: str, where: Location) -> Finding:
    return Finding(ID, "error", message, where)


def scenario_findings(path: Path, pack_for: PackFor) -> Iterator[Finding]:
    text = read_text(path, MAX_SCENARIO_BYTES)  # unreadable: fatal, exit 2
    try:
        doc = loads(text, str(path))
    except LimitError:
        raise
    except InputError as exc:
        yield _error(exc.message, exc.location or Location(str(path), 1, 1))
        return
    if not isinstance(doc.data, dict):
        yield _error(_("a scenario file is a mapping (id, title, answers, expect...)"),
                     doc.location(()) if doc.data is not None else Location(str(path), 1, 1))
        return
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            problem = locate_error(err, doc)
            message = problem.message
            if tuple(err["loc"])[:2] == ("expect", "verdict"):
                given = str(doc.data.get("expect", {}).get("verdict"))
                message = _("expect.verdict: {given!r} is not a verdict; "
                            "{hint}choose one of: {choices}").format(
                                given=given, hint=did_you_mean(given, [v.value for v in Verdict]),
                                choices=", ".join(v.value for v in Verdict))
            yield _error(message, problem.location or Location(str(path), 1, 1))
        # The answers are still worth checking when the rest is wrong (a bad verdict).
        answers, packs = doc.data.get("answers"), doc.data.get("packs")
        if isinstance(answers, dict) and not packs and all(
                isinstance(k, str) and isinstance(v, str) for k, v in answers.items()):
            partial = Scenario.model_construct(answers=answers, packs=[], role="")
            pack = pack_for(partial, doc, path)
            if isinstance(pack, Pack):
                yield from _answers(answers, None, doc, pack)
        return
    pack = pack_for(scenario, doc, path)
    if isinstance(pack, Finding):
        yield pack
    elif pack is not None:
        yield from _against_pack(scenario, doc, pack)


def _against_pack(scenario: Scenario, doc: Document, pack: Pack) -> Iterator[Finding]:
    yield from _answers(scenario.answers, scenario.role, doc, pack)
    question_ids = [q.id for q in pack.questions]
    for qid in scenario.notes:
        if pack.question(qid) is None:
            yield _error(_("notes are keyed by question id; unknown question {question!r}; "
                           "{hint}see 'smguide questions'").format(
                               question=qid, hint=did_you_mean(qid, question_ids)),
                         doc.key_location(("notes", qid)))
    yield from _expectation(scenario, doc, pack)


def _answers(answers: dict[str, str], role_id: str | None, doc: Document,
             pack: Pack) -> Iterator[Finding]:
    """Each answer names a question and one of its options; the role matches."""
    question_ids = [q.id for q in pack.questions]
    for qid, answer in answers.items():
        question = pack.question(qid)
        if question is None:
            yield _error(_("unknown question {question!r}; {hint}see 'smguide questions'").format(
                question=qid, hint=did_you_mean(qid, question_ids)),
                doc.key_location(("answers", qid)))
            continue
        valid = valid_answers(question)
        if answer not in valid:
            yield _error(_("question {question!r} has no answer {answer!r}; "
                           "{hint}choose one of: {choices}").format(
                               question=qid, answer=answer, hint=did_you_mean(answer, valid),
                               choices=", ".join(valid)),
                         doc.location(("answers", qid)))
    role = pack.question(ROLE_QUESTION)
    if role is not None and role_id is not None and answers.get(ROLE_QUESTION) != role_id:
        given = answers.get(ROLE_QUESTION)
        if given is None:
            yield _error(_("the answers must give the role: add '{question}: {role}' "
                           "(the scenario's role)").format(question=ROLE_QUESTION, role=role_id),
                         doc.key_location(("answers",)))
        else:
            yield _error(_("the answer to {question!r} is {given!r} but the scenario's "
                           "role is {role!r}; make them the same").format(
                               question=ROLE_QUESTION, given=given, role=role_id),
                         doc.location(("answers", ROLE_QUESTION)))


def _expectation(scenario: Scenario, doc: Document, pack: Pack) -> Iterator[Finding]:
    expect = scenario.expect
    rule_ids = [r.id for r in pack.rules]
    for i, rid in enumerate(expect.rules):
        if pack.rule(rid) is None:
            yield _error(_unknown_rule(rid, rule_ids), doc.location(("expect", "rules", i)))
    for field, refs in (("sections", expect.sections), ("cites", expect.cites)):
        for i, ref in enumerate(refs):
            problem = _section_problem(ref, pack)
            if problem:
                yield _error(problem, doc.location(("expect", field, i)))
    for i, ref in enumerate(expect.defeats):
        exception_id, sep, defeated_id = (p.strip() for p in ref.partition(">"))
        where = doc.location(("expect", "defeats", i))
        if not sep or not exception_id or not defeated_id:
            yield _error(_("expected 'exception>defeated', not {ref!r}").format(ref=ref), where)
            continue
        unknown = [r for r in (exception_id, defeated_id) if pack.rule(r) is None]
        for rid in unknown:
            yield _error(_unknown_rule(rid, rule_ids), where)
        exception = pack.rule(exception_id)
        if not unknown and exception is not None and defeated_id not in exception.exception_to:
            yield _error(_("rule {id!r} is not an exception to {defeated!r} "
                           "(its exception_to: {targets})").format(
                               id=exception_id, defeated=defeated_id,
                               targets=", ".join(exception.exception_to) or _("none")), where)


def _unknown_rule(rid: str, rule_ids: list[str]) -> str:
    return _("unknown rule {id!r}; {hint}'smguide rules' lists them").format(
        id=rid, hint=did_you_mean(rid, rule_ids))


def _section_problem(ref: str, pack: Pack) -> str | None:
    source_id, sep, section_id = ref.partition("/")
    if not sep or not source_id or not section_id:
        return _("expected 'source/section', e.g. 'cas2011/policy.boundaries', not {ref!r}"
                 ).format(ref=ref)
    source = pack.source(source_id)
    if source is None:
        ids = [s.id for s in pack.sources]
        return _("unknown source {source!r}; {hint}the sources are: {sources}").format(
            source=source_id, hint=did_you_mean(source_id, ids), sources=", ".join(ids))
    if source.section(section_id) is None:
        ids = [s.id for s in source.sections]
        return _("source {source!r} has no section {section!r}; "
                 "{hint}its sections are: {sections}").format(
                     source=source_id, section=section_id, hint=did_you_mean(section_id, ids),
                     sections=", ".join(ids))
    return None
