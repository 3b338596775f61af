"""Load a rule pack folder into a validated :class:`~smguide.models.Pack`.

A pack is a folder with ``pack.yaml`` (the manifest) and any number of other
``*.yaml`` files, each holding ``sources:``, ``questions:`` and/or ``rules:`` lists.
Files are read in sorted path order, so question order is stable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from smguide.conditions import ConditionError
from smguide.errors import InputError, Location, PackError
from smguide.models import Manifest, Pack, PackFile
from smguide.yamlload import Document, load_file

MANIFEST = "pack.yaml"
M = TypeVar("M", bound=BaseModel)


def validate_document(doc: Document, model: type[M]) -> M:
    """Validate a document against a model; the first error gets file:line:col."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        raise PackError(
            f"expected a mapping at the top of the file, found {what}", doc.location(())
        )
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise pydantic_error(exc, doc) from None


def pydantic_error(exc: ValidationError, doc: Document, base: tuple[Any, ...] = ()) -> PackError:
    return locate_error(exc.errors(include_url=False)[0], doc, base)


def locate_error(err: ErrorDetails, doc: Document, base: tuple[Any, ...] = ()) -> PackError:
    """One pydantic error at its node (``smguide lint`` reports every error this way)."""
    loc = (*base, *(p for p in err["loc"] if isinstance(p, (int, str))))
    loc = _data_path(doc.data, loc)
    message = err["msg"]
    ctx = err.get("ctx") or {}
    inner = ctx.get("error")
    if isinstance(inner, ConditionError):
        loc = (*loc, *inner.path)
        message = str(inner)
    elif message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if err["type"] == "extra_forbidden":
        key = loc[-1]
        return PackError(f"unknown key {key!r}", doc.key_location(loc))
    if err["type"] == "missing":
        return PackError(f"missing key {loc[-1]!r}", doc.location(loc[:-1]))
    where = ".".join(str(p) for p in loc)
    return PackError(f"{where}: {message}" if where else message, doc.location(loc))


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


# A pack's own scenarios (smguide.scenario files) live in this sub-folder; they are
# not pack files.
SCENARIOS = "scenarios"


def _pack_files(folder: Path) -> list[Path]:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in (".yaml", ".yml") and p.is_file() and p.name != MANIFEST
        and p.relative_to(folder).parts[0] != SCENARIOS
    )
    return files


def _pack_folder(folder: Path) -> Path:
    if not folder.exists():
        raise InputError("no such rule pack folder", Location(str(folder)))
    if folder.is_file():
        if folder.name != MANIFEST:
            raise InputError(f"a rule pack is a folder with a {MANIFEST}", Location(str(folder)))
        folder = folder.parent
    if not (folder / MANIFEST).is_file():
        raise InputError(f"not a rule pack: {MANIFEST} is missing", Location(str(folder)))
    return folder


def read_pack(folder: Path | str) -> Pack:
    """One pack folder as it is written, without its base packs and unchecked."""
    folder = _pack_folder(Path(folder))
    manifest_doc = load_file(folder / MANIFEST)
    manifest = validate_document(manifest_doc, Manifest)
    docs = [(doc, validate_document(doc, PackFile))
            for doc in (load_file(path) for path in _pack_files(folder))]
    return build_pack(folder, manifest_doc, manifest, docs)


def build_pack(folder: Path, manifest_doc: Document, manifest: Manifest,
               docs: list[tuple[Document, PackFile]]) -> Pack:
    """A Pack from its validated files (``smguide lint`` has them already parsed)."""
    manifest_path = folder / MANIFEST
    manifest._location = manifest_doc.location(())
    digest = hashlib.sha256()
    digest.update(manifest_path.read_bytes())
    for doc, _ in docs:
        path = Path(doc.path)
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())

    sources, questions, rules, silences = [], [], [], []
    for doc, part in docs:
        for key, items in (("sources", part.sources), ("questions", part.questions),
                           ("rules", part.rules), ("silences", part.silences)):
            for i, item in enumerate(items):
                item._location = doc.location((key, i))
                if key == "sources":
                    for j, section in enumerate(item.sections):  # type: ignore[attr-defined]
                        section._location = doc.location((key, i, "sections", j))
        for rule in part.rules:
            rule._origin = manifest.id
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
        content_hash="sha256:" + digest.hexdigest(),
        files=[str(manifest_path), *(str(d.path) for d, _ in docs)],
        layers=[manifest.id],
    )


def load_pack(folder: Path | str) -> Pack:
    """Load and validate a pack with the packs it extends; errors have a location."""
    return load_packs([Path(folder)])


def load_packs(folders: list[Path]) -> Pack:
    """Compose packs (and the packs they extend, base first) into one validated pack."""
    from smguide.validate import check_references

    pack = compose_packs(folders)
    problems = [p for p in check_references(pack) if p.level == "error"]
    if problems:
        raise PackError(problems[0].message, problems[0].location)
    return pack


def compose_packs(folders: list[Path], read: Callable[[Path], Pack] = read_pack) -> Pack:
    """Read and compose packs without checking references (``smguide lint`` lists them all).

    ``read`` reads one pack folder (resolved); the lint passes one that reuses its parse.
    """
    from smguide.compose import compose

    layers = _layers([Path(f) for f in folders], read)
    return compose(layers, top=[_pack_folder(Path(f)) for f in folders])


def base_folder(folder: Path, spec: str) -> Path:
    """Where a pack named in ``extends`` lives: a path relative to the extending pack,
    or the id of a bundled pack."""
    from smguide.bundled import pack_path

    return folder / spec if ("/" in spec or spec.startswith(".")) else pack_path(spec)


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
        for base in pack.manifest.extends:
            target = base_folder(folder, base)
            if not target.exists():
                raise PackError(f"extends unknown pack {base!r}", pack.manifest.location)
            visit(target, (*trail, pack.id))
        visiting.discard(folder)
        seen[folder] = pack
        ordered.append(pack)

    for folder in folders:
        visit(folder, ())
    return ordered


def _locate_conditions(doc: Document, part: PackFile) -> None:
    """Condition tests know their path inside the condition; give them a file location."""
    for i, question in enumerate(part.questions):
        if question.ask_if is not None:
            for test in question.ask_if.tests():
                loc = doc.location(("questions", i, "ask_if", *test.path))
                object.__setattr__(test, "location", loc)
    whens = [("rules", i, r.when) for i, r in enumerate(part.rules)]
    whens += [("silences", i, s.when) for i, s in enumerate(part.silences)]
    for key, i, when in whens:
        for test in when.tests():
            object.__setattr__(test, "location", doc.location((key, i, "when", *test.path)))
