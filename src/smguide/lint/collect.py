"""Lenient loading: every file of a pack, each with all its problems.

The loader stops at the first error, which is right for running the engine but not
for a linter. Here a file that does not parse, or fails its schema, is kept with its
problems and the others are still read; the pack is put together (and checked as a
whole) only when every file passed its schema.

Hostile or unreadable files (too large, not UTF-8, alias bombs, absurd nesting) are
not lint findings: they raise InputError, and the command exits 2 with one message.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from smguide.errors import InputError, Location, PackError
from smguide.lint.api import LintContext, SchemaError, SourceFile
from smguide.lint.refs import reference_problems
from smguide.pack.layout import pack_files
from smguide.pack.loader import (
    MANIFEST,
    PackBudget,
    build_pack,
    compose_packs,
    error_kind,
    locate_error,
    read_pack,
)
from smguide.pack.models import Manifest, Pack, PackFile
from smguide.pack.yamlload import LimitError, read_text


def collect(folder: Path, source_text: Path | None = None) -> LintContext:
    folder = folder.resolve()
    ctx = LintContext(pack_dir=folder, source_text=source_text)
    files, budget = pack_files(folder), PackBudget()  # one budget for the pack's files
    for path in [folder / MANIFEST, *files]:
        ctx.files.append(_read(path, path.name == MANIFEST and path.parent == folder, budget))
    ctx.documents = [f.doc for f in ctx.files if f.doc is not None]
    manifest = ctx.files[0].model
    ctx.manifest = manifest if isinstance(manifest, Manifest) else None
    if all(f.model is not None for f in ctx.files):
        try:
            ctx.assembled = compose_packs([folder], read=lambda f: _reuse(ctx, f))
        except InputError as exc:  # a base pack is broken, or layers clash
            ctx.assemble_error = exc
    if ctx.assembled is not None and not any(
        p.level == "error" for p in reference_problems(ctx)
    ):
        ctx.pack = ctx.assembled
    return ctx


def _reuse(ctx: LintContext, folder: Path) -> Pack:
    """This pack from the files already parsed; the packs it extends from disk."""
    if folder != ctx.pack_dir:
        return read_pack(folder)
    manifest, *rest = ctx.files
    assert manifest.doc is not None and isinstance(manifest.model, Manifest)
    docs = [(f.doc, f.model) for f in rest
            if f.doc is not None and isinstance(f.model, PackFile)]
    return build_pack(folder, manifest.doc, manifest.model, docs)


def _read(path: Path, is_manifest: bool, budget: PackBudget) -> SourceFile:
    text = read_text(path)  # too large / not UTF-8 / unreadable: fatal, exit 2
    file = SourceFile(path=path, text=text, is_manifest=is_manifest)
    try:
        file.doc = budget.loads(text, path)
    except LimitError:
        raise
    except InputError as exc:
        file.parse_error = exc
        return file
    data = file.doc.data
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}"
        where = file.doc.location(()) if data is not None else Location(str(path), 1, 1)
        error = PackError(f"expected a mapping at the top of the file, found {what}", where)
        file.schema_errors.append(SchemaError("top_level", error))
        return file
    try:
        file.model = (Manifest if is_manifest else PackFile).model_validate(data)
    except ValidationError as exc:
        file.schema_errors = [SchemaError(error_kind(err), locate_error(err, file.doc))
                              for err in exc.errors(include_url=False)]
    return file
