"""``smguide questions``: the questions, their options and when they are asked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smguide.commands import list_pack


def run(*, packs: Sequence[Path] | None = None, fmt: str = "text") -> int:
    return list_pack(packs, fmt, "questions")
