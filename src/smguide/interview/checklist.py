"""The checklist screen: several preconditions on one screen, each marked deliberately.

Each item starts unmarked ("not sure"). Its number (or Space on the pointed item) marks it
done (✓); again, not done (✗); again, unmarked. Enter ends the screen. Nothing marks
every item at once: an item nobody marked is never a "yes". Built on prompt_toolkit
(which questionary uses), loaded only when a checklist is shown.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from smguide.i18n import N_, _

UNMARKED, DONE, NOT_DONE = "", "done", "not_done"
CYCLE = {UNMARKED: DONE, DONE: NOT_DONE, NOT_DONE: UNMARKED}
SYMBOLS = {UNMARKED: "[ ]", DONE: "[✓]", NOT_DONE: "[✗]"}
INSTRUCTION = N_("(a number or Space: ✓ done, again: ✗ not done, again: not sure; "
                 "Enter when done)")
SHORTCUTS = "123456789abcdefghilmnopqrstuvwxyz"


@dataclass(frozen=True)
class Item:
    value: str
    label: str
    description: str | None = None


def lines(message: str, items: Sequence[Item], states: Sequence[str], pointer: int,
          width: int) -> list[tuple[str, str]]:
    """The screen as (style, text) lines: the question, the instruction, then each item
    with its number and mark, wrapped between words under its text."""
    out = [("class:question", row) for row in textwrap.wrap(
        f"? {message}", width=width, subsequent_indent="  ", break_long_words=False)]
    out += [("class:instruction", row) for row in textwrap.wrap(
        _(INSTRUCTION), width=width, initial_indent="  ", subsequent_indent="  ",
        break_long_words=False)]
    for index, (item, state) in enumerate(zip(items, states, strict=True)):
        lead = f"{'»' if index == pointer else ' '} {SHORTCUTS[index]}) {SYMBOLS[state]} "
        rows = textwrap.wrap(item.label, width=max(20, width - len(lead)),
                             break_long_words=False, break_on_hyphens=False) or [""]
        style = "class:highlighted" if index == pointer else ""
        out.append((style, lead + rows[0]))
        out += [(style, " " * len(lead) + row) for row in rows[1:]]
    pointed = items[pointer].description if items else None
    if pointed:
        out += [("class:instruction", row) for row in textwrap.wrap(
            pointed, width=width, initial_indent="  ", subsequent_indent="  ",
            break_long_words=False)]
    return out


def ask(message: str, items: Sequence[Item], width: int, **kwargs: Any) -> dict[str, str]:
    """Show the checklist; return each item's value with its state. Ctrl-C raises
    KeyboardInterrupt. ``kwargs``: prompt_toolkit's ``input`` and ``output`` (tests)."""
    from prompt_toolkit import Application
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window

    states = [UNMARKED] * len(items)
    pointer = [0]

    def text() -> FormattedText:
        rows = lines(message, items, states, pointer[0], width)
        return FormattedText([part for style, row in rows for part in ((style, row), ("", "\n"))])

    bindings = KeyBindings()

    def mark(index: int) -> None:
        pointer[0] = index
        states[index] = CYCLE[states[index]]

    for index in range(min(len(items), len(SHORTCUTS))):
        bindings.add(SHORTCUTS[index], eager=True)(lambda _e, i=index: mark(i))
    bindings.add(" ", eager=True)(lambda _e: mark(pointer[0]))
    bindings.add("up", eager=True)(
        lambda _e: pointer.__setitem__(0, (pointer[0] - 1) % len(items)))
    bindings.add("down", eager=True)(
        lambda _e: pointer.__setitem__(0, (pointer[0] + 1) % len(items)))
    bindings.add("enter", eager=True)(lambda e: e.app.exit(result=list(states)))
    bindings.add("c-c", eager=True)(lambda e: e.app.exit(exception=KeyboardInterrupt))
    bindings.add("c-d", eager=True)(lambda e: e.app.exit(exception=KeyboardInterrupt))
    bindings.add("<any>")(lambda _e: None)  # nothing else is typed in

    app: Application[list[str]] = Application(
        layout=Layout(HSplit([Window(FormattedTextControl(text), wrap_lines=False)])),
        key_bindings=bindings, full_screen=False,
        **{k: v for k, v in kwargs.items() if k in ("input", "output")})
    result = app.run()
    return {item.value: state for item, state in zip(items, result, strict=True)}
