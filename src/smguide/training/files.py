"""Reading scenario files and checking them against a rule pack.

A scenario file is read like a rule-pack file: positioned YAML (libyaml's parser),
duplicate keys refused, then the :class:`~smguide.training.scenario.Scenario` model (unknown
keys and wrong types refused). Every problem is one :class:`InputError` at
``file:line:col``.

A scenario is then checked against the pack it runs on: its answers (with the same
code as an answers file, :func:`smguide.pack.answers.read_answers`), the question ids of
its notes, its role (the answer to the ``role`` question, when the pack asks one),
and the rules, sections and defeats its expectation names.

Which pack a scenario runs on: ``--pack`` when given; else the packs the scenario
lists under ``packs`` (bundled ids, or folders relative to the scenario file); else
the default packs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from smguide.errors import InputError, Location, UsageError
from smguide.i18n import did_you_mean
from smguide.pack.answers import read_answers
from smguide.pack.loader import validate_document
from smguide.pack.models import Pack
from smguide.pack.yamlload import Document, loads, read_text
from smguide.training.scenario import Scenario

MAX_SCENARIO_BYTES = 1024 * 1024
SUFFIXES = (".yaml", ".yml")
ROLE_QUESTION = "role"


@dataclass(frozen=True)
class ScenarioFile:
    """A scenario as read from its file, with the positions of its parts."""

    scenario: Scenario
    doc: Document
    path: Path

    @property
    def id(self) -> str:
        return self.scenario.id


def read_scenario(path: Path) -> ScenarioFile:
    """Read and validate one scenario file (its schema; not yet against a pack)."""
    doc = loads(read_text(path, MAX_SCENARIO_BYTES), str(path))
    scenario = validate_document(doc, Scenario)
    return ScenarioFile(scenario, doc, path)


def scenario_files(paths: Sequence[Path]) -> list[Path]:
    """The scenario files in ``paths``: files as given, folders searched for ``*.yaml``."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES
                            and not p.name.startswith(".") and p.is_file())
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such scenario file or folder", Location(str(path)))
    return list(dict.fromkeys(found))


def read_scenarios(paths: Sequence[Path]) -> list[ScenarioFile]:
    """Read every scenario in ``paths``; two scenarios with one id are an error."""
    files = [read_scenario(p) for p in scenario_files(paths)]
    seen: dict[str, ScenarioFile] = {}
    for sf in files:
        first = seen.get(sf.id)
        if first is not None:
            raise InputError(f"duplicate scenario id {sf.id!r} (also in {first.path})",
                             sf.doc.location(("id",)))
        seen[sf.id] = sf
    return files


def default_paths(paths: Sequence[Path] | None) -> list[Path]:
    """The paths given, else the bundled scenarios folder."""
    from smguide.pack.bundled import scenarios_dir

    return list(paths) if paths else [scenarios_dir()]


def check_scenario(sf: ScenarioFile, pack: Pack, *, expectations: bool = True) -> None:
    """Check a scenario's references against ``pack``; the first problem is an InputError."""
    doc, scenario = sf.doc, sf.scenario
    answers = read_answers(doc, ("answers",), pack)
    role_question = pack.question(ROLE_QUESTION)
    if role_question is not None and answers.get(ROLE_QUESTION) != scenario.role:
        given = answers.get(ROLE_QUESTION)
        if given is None:
            raise InputError(f"the answers must give the role: add '{ROLE_QUESTION}: "
                             f"{scenario.role}' (the scenario's role)", doc.location(("answers",)))
        raise InputError(f"the answer to {ROLE_QUESTION!r} is {given!r} but the scenario's "
                         f"role is {scenario.role!r}; make them the same",
                         doc.location(("answers", ROLE_QUESTION)))
    for qid in scenario.notes:
        if pack.question(qid) is None:
            ids = [q.id for q in pack.questions]
            raise InputError(f"notes are keyed by question id; unknown question {qid!r}; "
                             f"{did_you_mean(qid, ids)}the questions are: {', '.join(ids)}",
                             doc.key_location(("notes", qid)))
    if expectations:
        _check_expectation(sf, pack)


def _check_expectation(sf: ScenarioFile, pack: Pack) -> None:
    doc, expect = sf.doc, sf.scenario.expect
    rule_ids = [r.id for r in pack.rules]
    for i, rid in enumerate(expect.rules):
        if pack.rule(rid) is None:
            raise InputError(f"unknown rule {rid!r}; {did_you_mean(rid, rule_ids)}"
                             "'smguide rules' lists them", doc.location(("expect", "rules", i)))
    refs = [("sections", i, ref) for i, ref in enumerate(expect.sections)]
    refs += [("cites", i, ref) for i, ref in enumerate(expect.cites)]
    for field, i, ref in refs:
        where = doc.location(("expect", field, i))
        source_id, sep, section_id = ref.partition("/")
        if not sep or not source_id or not section_id:
            raise InputError(f"expected 'source/section', e.g. 'cas2011/policy.boundaries', "
                             f"not {ref!r}", where)
        source = pack.source(source_id)
        if source is None:
            ids = [s.id for s in pack.sources]
            raise InputError(f"unknown source {source_id!r}; {did_you_mean(source_id, ids)}"
                             f"the sources are: {', '.join(ids)}", where)
        if source.section(section_id) is None:
            ids = [s.id for s in source.sections]
            raise InputError(f"source {source_id!r} has no section {section_id!r}; "
                             f"{did_you_mean(section_id, ids)}its sections are: {', '.join(ids)}",
                             where)
    for i, ref in enumerate(expect.defeats):
        where = doc.location(("expect", "defeats", i))
        exception_id, sep, defeated_id = (p.strip() for p in ref.partition(">"))
        if not sep or not exception_id or not defeated_id:
            raise InputError(f"expected 'exception>defeated', e.g. 'awol-youth>consent-required', "
                             f"not {ref!r}", where)
        for rid in (exception_id, defeated_id):
            if pack.rule(rid) is None:
                raise InputError(f"unknown rule {rid!r}; {did_you_mean(rid, rule_ids)}"
                                 "'smguide rules' lists them", where)
        exception = pack.rule(exception_id)
        if exception is not None and defeated_id not in exception.exception_to:
            raise InputError(f"rule {exception_id!r} is not an exception to {defeated_id!r} "
                             f"(its exception_to: {', '.join(exception.exception_to) or 'none'})",
                             where)


def pack_folders(sf: ScenarioFile) -> tuple[Path, ...]:
    """The pack folders a scenario names under ``packs`` (empty: the default packs)."""
    from smguide.pack.bundled import pack_path

    folders = []
    for i, name in enumerate(sf.scenario.packs):
        relative = "/" in name or name.startswith(".")
        folder = (sf.path.parent / name) if relative else pack_path(name)
        if not folder.exists():
            raise InputError(f"unknown pack {name!r}: no bundled pack has this id and no "
                             "folder has this path (relative to the scenario file)",
                             sf.doc.location(("packs", i)))
        folders.append(folder.resolve())
    return tuple(folders)


class PackMemo:
    """Loads each set of packs once."""

    def __init__(self, override: Sequence[Path] | None = None,
                 default: Sequence[Path] | None = None) -> None:
        self.override = list(override) if override else None
        # For scenarios that name no packs (None: SMGUIDE_PACKS, else the bundled ones).
        self.default = tuple(default) if default else ()
        self._packs: dict[tuple[Path, ...], Pack] = {}

    def get(self, folders: tuple[Path, ...]) -> Pack:
        from smguide.pack.selection import load_and_warn as load

        key = () if self.override else folders
        pack = self._packs.get(key)
        if pack is None:
            pack = load(self.override or list(folders) or None)
            self._packs[key] = pack
        return pack

    def for_scenario(self, sf: ScenarioFile) -> Pack:
        return self.get(() if self.override else (pack_folders(sf) or self.default))


def load_checked(paths: Sequence[Path] | None, packs: Sequence[Path] | None = None,
                 default_packs: Sequence[Path] | None = None,
                 ) -> list[tuple[ScenarioFile, Pack]]:
    """Read the scenarios in ``paths`` (default: the bundled ones) and check each against the
    pack it runs on. Raises on the first problem; an empty selection is an error too."""
    folders = default_paths(paths)
    files = read_scenarios(folders)
    if not files:
        where = ", ".join(str(p) for p in folders)
        raise UsageError(f"no scenario files (*.yaml) found in {where}")
    cache = PackMemo(packs, default_packs)
    out = []
    for sf in files:
        pack = cache.for_scenario(sf)
        check_scenario(sf, pack)
        out.append((sf, pack))
    return out


def find_scenario(name: str, paths: Sequence[Path] | None) -> ScenarioFile:
    """A scenario by id (among ``paths``, default the bundled ones) or by file path."""
    candidate = Path(name)
    if candidate.suffix in SUFFIXES and candidate.is_file():
        return read_scenario(candidate)
    files = read_scenarios(default_paths(paths))
    for sf in files:
        if sf.id == name:
            return sf
    ids = [sf.id for sf in files]
    if not ids:
        raise UsageError("there are no scenarios; give a folder with --scenarios")
    raise UsageError(f"no scenario {name!r}; {did_you_mean(name, ids)}"
                     "'smguide scenarios' lists them")


def check_output_file(path: Path, what: str, *, append: bool = False) -> None:
    """Fail before any work if ``path`` cannot be written (it may exist). A file that is
    replaced (``append`` false) must not be a link; one appended to may be."""
    from smguide.system.files import check_regular, check_replaceable, check_temp_name

    where = Location(str(path))
    if append:
        check_regular(path, what)
    else:
        check_replaceable(path, what)
        check_temp_name(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError("the folder to write into does not exist", where)
    if not os.access(parent, os.W_OK | os.X_OK) or (path.exists()
                                                     and not os.access(path, os.W_OK)):
        raise InputError("permission denied: cannot write here", where)
