"""Finding the check modules: every public module of :mod:`smguide.lint.checks`.

Discovered with pkgutil rather than listed, so a new check is one new file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import cast

from smguide.lint import checks as _checks_pkg
from smguide.lint.api import Finding, Level, LintContext

KINDS = ("structural", "semantic")


@dataclass(frozen=True)
class Check:
    id: str
    level: Level
    kind: str
    module: ModuleType

    @property
    def doc(self) -> str:
        return (self.module.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.id

    def run(self, ctx: LintContext) -> Iterator[Finding]:
        fn = cast(Callable[[LintContext], Iterator[Finding]], self.module.check)
        return fn(ctx)


@cache
def discover() -> tuple[Check, ...]:
    found: list[Check] = []
    for info in sorted(pkgutil.iter_modules(_checks_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue  # helpers shared by checks
        module = importlib.import_module(f"{_checks_pkg.__name__}.{info.name}")
        missing = [a for a in ("ID", "LEVEL", "KIND", "check") if not hasattr(module, a)]
        if missing:
            raise RuntimeError(f"check module {module.__name__} lacks {', '.join(missing)}")
        if module.LEVEL not in ("error", "warning") or module.KIND not in KINDS:
            raise RuntimeError(f"check module {module.__name__}: bad LEVEL or KIND")
        found.append(Check(module.ID, module.LEVEL, module.KIND, module))
    ids = [c.id for c in found]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise RuntimeError(f"two check modules share the id {sorted(dup)[0]!r}")
    return tuple(sorted(found, key=lambda c: (KINDS.index(c.kind), c.id)))


def by_id() -> dict[str, Check]:
    return {c.id: c for c in discover()}
