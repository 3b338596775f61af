"""Wrapped, styled lines on a rich console: what the terminal renderers share.

Lines are wrapped here, with hanging indents and no trailing spaces, so the output
also reads well when pasted or redirected to a file; pack texts are plain text,
never rich markup.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterable
from typing import IO

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.segment import Segment
from rich.text import Text

from smguide.system.streams import CONTROL, inert

CHECKBOX = "☐"
CAUTION = "⚠"
BULLET = "•"
MAX_WIDTH = 100


def console(file: IO[str] | None = None) -> Console:
    """A console on which nothing printed can drive the terminal: texts from outside
    (pack and scenario texts, pseudonyms, file names) reach it with their control
    characters made visible (:func:`smguide.system.streams.inert`); only rich's own
    styles are sent as escape sequences."""
    out = Console(file=file or sys.stdout, highlight=False, emoji=False, markup=False)
    out.push_render_hook(_InertHook())
    return out


class _InertHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Inert(r) for r in renderables]


class _Inert:
    """A renderable whose text segments are made inert (control segments, rich's own
    cursor moves, are kept)."""

    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, out: Console, options: ConsoleOptions) -> RenderResult:
        for segment in out.render(self.inner, options):
            if segment.control or not CONTROL.search(segment.text):
                yield segment
            else:
                yield Segment(inert(segment.text), segment.style)


class Writer:
    """Wrapped, styled lines on a rich console."""

    def __init__(self, file: IO[str] | None, target: Console | None = None) -> None:
        self.console = target or console(file)
        self.width = max(40, min(self.console.width, MAX_WIDTH))

    def line(self, value: str = "", style: str = "") -> None:
        self.console.print(Text(value, style=style), soft_wrap=True)

    def para(self, value: str, *, indent: int = 0, first: str | None = None,
             style: str = "") -> None:
        """A wrapped paragraph; ``first`` replaces the indent of its first line."""
        lead = " " * indent
        lines = textwrap.wrap(
            value, width=self.width, initial_indent=first if first is not None else lead,
            subsequent_indent=lead, break_long_words=False, break_on_hyphens=False,
        ) or [first or ""]
        self.console.print(Text("\n".join(lines), style=style), soft_wrap=True)

    def heading(self, value: str) -> None:
        self.line()
        self.line(value, style="bold")

    def bullets(self, marker: str, rows: Iterable[str], *, indent: int = 1) -> None:
        first = " " * indent + marker + " "
        for row in rows:
            self.para(row, indent=len(first), first=first)

    def pairs(self, rows: list[tuple[str, str]], *, indent: int = 1,
              styles: list[str] | None = None) -> None:
        """Two columns when they fit, else the second under the first."""
        if not rows:
            return
        left = max(len(a) for a, _ in rows)
        right = max(len(b) for _, b in rows)
        lead = " " * indent
        for i, (a, b) in enumerate(rows):
            style = styles[i] if styles else ""
            if indent + left + 2 + right <= self.width:
                line = Text(lead + a.ljust(left) + "  ")
                line.append(b, style=style)
                self.console.print(line, soft_wrap=True)
            else:
                self.para(a, indent=indent)
                self.para(b, indent=indent + 4, style=style)
