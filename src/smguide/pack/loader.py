"""Load a rule pack folder into a validated :class:`~smguide.pack.models.Pack`.

A pack is a folder with ``pack.yaml`` (the manifest) and any number of other
``*.yaml`` files, each holding ``sources:``, ``questions:`` and/or ``rules:`` lists.
Files are read in sorted path order, so question order is stable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from smguide.errors import Location, PackError
from smguide.pack.conditions import Condition, ConditionError, origin

# Re-exported: the lint, the commands and the tests use them from here.
from smguide.pack.layout import MANIFEST as MANIFEST
from smguide.pack.layout import MAX_PACK_ENV as MAX_PACK_ENV
from smguide.pack.layout import SCENARIOS as SCENARIOS
from smguide.pack.layout import SUFFIXES as SUFFIXES
from smguide.pack.layout import base_folder as base_folder
from smguide.pack.layout import pack_files as _pack_files
from smguide.pack.layout import pack_folder as _pack_folder
from smguide.pack.layout import pack_limits as pack_limits
from smguide.pack.models import Manifest, Pack, PackFile
from smguide.pack.yamlload import MAX_FILE_BYTES, Document, decode, loads
from smguide.system.files import read_bytes

M = TypeVar("M")
# pydantic names some errors differently for the models (plain classes) than for its own
# BaseModels (scenarios, reflections); one wording for both.
_ERROR_TYPES = {"unexpected_keyword_argument": "extra_forbidden", "dataclass_type": "model_type"}


def validate_document(doc: Document, model: type[M]) -> M:
    """Validate a document against a model; the first error gets file:line:col."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        raise PackError(
            f"expected a mapping at the top of the file, found {what}", doc.location(())
        )
    try:
        return cast(M, cast(Any, model).model_validate(doc.data))
    except ValidationError as exc:
        raise pydantic_error(exc, doc) from None


def pydantic_error(exc: ValidationError, doc: Document, base: tuple[Any, ...] = ()) -> PackError:
    return locate_error(exc.errors(include_url=False)[0], doc, base)


def error_kind(err: ErrorDetails) -> str:
    """pydantic's error type, in the names of its BaseModels for models of either kind."""
    return _ERROR_TYPES.get(err["type"], err["type"])


def locate_error(err: ErrorDetails, doc: Document, base: tuple[Any, ...] = ()) -> PackError:
    """One pydantic error at its node (``smguide lint`` reports every error this way)."""
    loc = (*base, *(p for p in err["loc"] if isinstance(p, (int, str))))
    loc = _data_path(doc.data, loc)
    message = err["msg"]
    kind = error_kind(err)
    ctx = err.get("ctx") or {}
    inner = ctx.get("error")
    if isinstance(inner, ConditionError):
        loc = (*loc, *inner.path)
        message = str(inner)
    elif message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    elif kind in ("enum", "literal_error") and isinstance(err.get("input"), str):
        message = _not_a_choice(str(err["input"]), str(ctx.get("expected", "")))
    elif kind == "model_type":  # not "a valid dictionary or instance of Rule"
        name = str(ctx.get("class_name", "item")).lower()
        message = f"expected a mapping (a {name}), found {_kind(err.get('input'))}"
    if kind == "extra_forbidden":
        key = loc[-1]
        return PackError(f"unknown key {key!r}", doc.key_location(loc))
    if kind == "missing":
        return PackError(f"missing key {loc[-1]!r}", doc.location(loc[:-1]))
    where = ".".join(str(p) for p in loc)
    return PackError(f"{where}: {message}" if where else message, doc.location(loc))


def _not_a_choice(given: str, expected: str) -> str:
    """"'prohibitted' is not a choice here; did you mean 'prohibited'? choose one of: ..."
    (the same "did you mean" as lint's, from pydantic's "'a', 'b' or 'c'")."""
    import re

    from smguide.i18n import did_you_mean

    choices = re.findall(r"'([^']*)'", expected)
    hint = did_you_mean(given, choices)
    return f"{given!r} is not a choice here; {hint}choose one of: {', '.join(choices)}"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return f"a {type(value).__name__}"


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep the parts of a pydantic loc that exist in the data (drops union tags)."""
    out: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            out.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and i == len(loc) - 1:
            out.append(part)  # a missing or unknown key
    return tuple(out)


class PackBudget:
    """The elements a pack's files may hold together; each file read uses some."""

    def __init__(self, nodes: int | None = None) -> None:
        self.nodes = pack_limits()[1] if nodes is None else nodes

    def loads(self, text: str, path: Path) -> Document:
        doc = loads(text, str(path), max_nodes=self.nodes)
        self.nodes -= doc.nodes
        return doc


@dataclass
class Reading:
    """What reading one pack folder read: each file with the SHA-256 of the bytes parsed
    (in reading order, the manifest first), the elements they held, and the pack's
    content hash over those same bytes. The pack cache keys its entries by this, so a
    file that changes while it is read can only miss the cache, never fill it wrongly."""

    folder: Path
    files: list[tuple[str, str]] = field(default_factory=list)
    nodes: int = 0
    extends: list[str] = field(default_factory=list)
    content: Any = field(default_factory=hashlib.sha256)

    def read(self, path: Path) -> str:
        raw = read_bytes(path, MAX_FILE_BYTES)
        self.files.append((str(path), hashlib.sha256(raw).hexdigest()))
        if len(self.files) > 1:
            self.content.update(str(path.relative_to(self.folder)).encode())
        self.content.update(raw)
        return decode(raw, str(path))


def read_pack(folder: Path | str, reading: Reading | None = None) -> Pack:
    """One pack folder as it is written, without its base packs and unchecked.
    ``reading`` (when given) notes what was read."""
    folder = _pack_folder(Path(folder))
    files = _pack_files(folder)
    budget = PackBudget()
    reading = Reading(folder) if reading is None else reading
    reading.folder = folder
    start = budget.nodes
    manifest_doc = budget.loads(reading.read(folder / MANIFEST), folder / MANIFEST)
    manifest = validate_document(manifest_doc, Manifest)
    docs = [(doc, validate_document(doc, PackFile))
            for doc in (budget.loads(reading.read(path), path) for path in files)]
    reading.nodes = start - budget.nodes
    return build_pack(folder, manifest_doc, manifest, docs,
                      "sha256:" + reading.content.hexdigest())


def build_pack(folder: Path, manifest_doc: Document, manifest: Manifest,
               docs: list[tuple[Document, PackFile]], content_hash: str | None = None) -> Pack:
    """A Pack from its validated files (``smguide lint`` has them already parsed).
    ``content_hash``: of the bytes parsed; without it, the files are hashed again."""
    manifest_path = folder / MANIFEST
    manifest.locate(manifest_doc.location(()))
    manifest.locate_extends([manifest_doc.location(("extends", j))
                             for j in range(len(manifest.extends))])
    if content_hash is None:
        again = Reading(folder)
        for path in [manifest_path, *(Path(doc.path) for doc, _ in docs)]:
            again.read(path)
        content_hash = "sha256:" + again.content.hexdigest()

    sources, questions, rules, silences = [], [], [], []
    for doc, part in docs:
        for key, items in (("sources", part.sources), ("questions", part.questions),
                           ("rules", part.rules), ("silences", part.silences)):
            for i, item in enumerate(items):
                item.locate(doc.location((key, i)))
                if key == "sources":
                    for j, section in enumerate(item.sections):  # type: ignore[attr-defined]
                        section.locate(doc.location((key, i, "sections", j)))
        for i, rule in enumerate(part.rules):
            rule.compose(manifest.id, [doc.location(("rules", i, "replaces", j))
                                       for j in range(len(rule.replaces))])
        sources.extend(part.sources)
        questions.extend(part.questions)
        rules.extend(part.rules)
        silences.extend(part.silences)
        _locate_conditions(doc, part)

    return Pack(
        manifest=manifest,
        sources=sources,
        questions=questions,
        rules=rules,
        silences=silences,
        path=str(folder),
        content_hash=content_hash,
        files=[str(manifest_path), *(str(d.path) for d, _ in docs)],
        layers=[manifest.id],
    )


def load_pack(folder: Path | str) -> Pack:
    """Load and validate a pack with the packs it extends; errors have a location."""
    return load_packs([Path(folder)])


def load_packs(folders: list[Path], read: Callable[[Path], Pack] = read_pack) -> Pack:
    """Compose packs (and the packs they extend, base first) into one validated pack.

    ``read`` reads one pack folder (the pack cache passes one that notes the folders)."""
    from smguide.pack.crossrefs import check_references

    pack = compose_packs(folders, read)
    problems = [p for p in check_references(pack) if p.level == "error"]
    if problems:
        raise PackError(problems[0].message, problems[0].location)
    return pack


def compose_packs(folders: list[Path], read: Callable[[Path], Pack] = read_pack) -> Pack:
    """Read and compose packs without checking references (``smguide lint`` lists them all).

    ``read`` reads one pack folder (resolved); the lint passes one that reuses its parse.
    """
    from smguide.pack.compose import compose

    layers = _layers([Path(f) for f in folders], read)
    return compose(layers, top=[_pack_folder(Path(f)) for f in folders])


def _layers(folders: list[Path], read: Callable[[Path], Pack] = read_pack) -> list[Pack]:
    """The packs to compose, each after the packs it extends; each folder once."""
    ordered: list[Pack] = []
    seen: dict[Path, Pack] = {}
    visiting: set[Path] = set()

    def visit(folder: Path, trail: tuple[str, ...]) -> None:
        folder = _pack_folder(folder).resolve()
        if folder in seen:
            return
        if folder in visiting:
            raise PackError("packs extend each other in a cycle: " + " -> ".join(trail),
                            Location(str(folder / MANIFEST)))
        visiting.add(folder)
        pack = read(folder)
        places = pack.manifest.extends_at
        for j, base in enumerate(pack.manifest.extends):
            target = base_folder(folder, base)
            if not target.exists():
                raise PackError(f"extends unknown pack {base!r}",
                                places[j] if j < len(places) else pack.manifest.location)
            visit(target, (*trail, pack.id))
        visiting.discard(folder)
        seen[folder] = pack
        ordered.append(pack)

    for folder in folders:
        visit(folder, ())
    return ordered


def _locate_conditions(doc: Document, part: PackFile) -> None:
    """Condition tests know their path inside the condition; tell each condition where
    it is, and its tests work out their file location when asked."""
    for i, question in enumerate(part.questions):
        if question.ask_if is not None:
            _place(question.ask_if, doc, ("questions", i, "ask_if"))
    for i, rule in enumerate(part.rules):
        _place(rule.when, doc, ("rules", i, "when"))
    for i, silence in enumerate(part.silences):
        _place(silence.when, doc, ("silences", i, "when"))


def _place(cond: Condition, doc: Document, base: tuple[str | int, ...]) -> None:
    at = origin(cond)
    if at is not None:
        at.place(doc, base)
        return
    for test in cond.tests():  # made otherwise (not by conditions.parse): located now
        object.__setattr__(test, "_at", doc.location((*base, *test.path)))
