"""``smguide rules``: the rules of the pack in a table."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smguide.commands import list_pack


def run(*, packs: Sequence[Path] | None = None, fmt: str = "text") -> int:
    return list_pack(packs, fmt, "rules")
