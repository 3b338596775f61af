"""The checklist screen: several short questions on one screen, each marked deliberately.

A line is a precondition (marked ✓ done or ✗ not done) or a short fact (marked with its
first or its second answer). Each starts unmarked ("not sure"). ``y`` marks the pointed
line ✓ (or its first answer) and ``n`` ✗ (or its second), then points at the next line, so
a list is answered top to bottom one key a line; a line's number (or Space on the pointed
line) cycles it: ✓, ✗, unmarked. Enter ends the screen. Nothing marks every line at once:
a line nobody marked is never a "yes". Built on prompt_toolkit (which questionary uses),
loaded only when a checklist is shown.
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
INSTRUCTION = N_("(y: ✓ done, n: ✗ not done, then the next line; a line's number or "
                 "Space changes it; a line left blank is “not sure”; ←: back to an earlier "
                 "answer; Enter when done)")
FACTS_INSTRUCTION = N_("(y: ✓ or the first answer, n: ✗ or the second, then the next line; "
                       "a line's number or Space changes it; a line left blank is “not "
                       "sure”; ←: back to an earlier answer; Enter when done)")
FACT_KEYS = N_("y: {first} · n: {second}")
# Keys that mark the pointed line: y/n, and o (oui) for French keyboards' habits.
FIRST_KEYS, SECOND_KEYS = ("y", "o"), ("n",)
SHORTCUTS = "123456789abcdefghijklmpqrstuvwxz"  # never y, n or o


@dataclass(frozen=True)
class Item:
    """A line: its value, its text and what to show under the list when it is pointed
    at. A fact's line also has ``answers``: its first and second answer's text."""

    value: str
    label: str
    description: str | None = None
    answers: tuple[str, str] | None = None

    def row(self, state: str) -> tuple[str, str]:
        """The mark and the text for a state: a fact shows the answer it was marked with."""
        if self.answers is None or state == UNMARKED:
            return SYMBOLS[state], self.label
        return "[•]", f"{self.label} — {self.answers[0 if state == DONE else 1]}"

    def hint(self) -> str | None:
        if self.answers is None:
            return self.description
        keys = _(FACT_KEYS).format(first=self.answers[0], second=self.answers[1])
        return f"{keys}. {self.description}" if self.description else keys


def instruction(items: Sequence[Item]) -> str:
    return _(FACTS_INSTRUCTION if any(i.answers for i in items) else INSTRUCTION)


def lines(message: str, items: Sequence[Item], states: Sequence[str], pointer: int,
          width: int) -> list[tuple[str, str]]:
    """The screen as (style, text) lines: the question, the instruction, then each item
    with its number and mark, wrapped between words under its text."""
    out = [("class:question", row) for row in textwrap.wrap(
        f"? {message}", width=width, subsequent_indent="  ", break_long_words=False)]
    out += [("class:instruction", row) for row in textwrap.wrap(
        instruction(items), width=width, initial_indent="  ", subsequent_indent="  ",
        break_long_words=False)]
    for index, (item, state) in enumerate(zip(items, states, strict=True)):
        mark, text = item.row(state)
        lead = f"{'»' if index == pointer else ' '} {SHORTCUTS[index]}) {mark} "
        rows = textwrap.wrap(text, width=max(20, width - len(lead)),
                             break_long_words=False, break_on_hyphens=False) or [""]
        style = "class:highlighted" if index == pointer else ""
        out.append((style, lead + rows[0]))
        out += [(style, " " * len(lead) + row) for row in rows[1:]]
    pointed = items[pointer].hint() if items else None
    if pointed:
        out += [("class:instruction", row) for row in textwrap.wrap(
            pointed, width=width, initial_indent="  ", subsequent_indent="  ",
            break_long_words=False)]
    return out


def ask(message: str, items: Sequence[Item], width: int,
        **kwargs: Any) -> dict[str, str] | None:
    """Show the checklist; return each item's value with its state, or None to go back
    to an earlier answer (←). Ctrl-C raises KeyboardInterrupt. ``kwargs``: prompt_toolkit's
    ``input`` and ``output`` (tests)."""
    from prompt_toolkit import Application
    from prompt_toolkit.data_structures import Point
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, ScrollOffsets, Window

    states = [UNMARKED] * len(items)
    pointer = [0]

    pointed_row = [0]

    def text() -> FormattedText:
        rows = lines(message, items, states, pointer[0], width)
        pointed_row[0] = next(i for i, (_s, row) in enumerate(rows) if row.startswith("»"))
        return FormattedText([part for style, row in rows for part in ((style, row), ("", "\n"))])

    bindings = KeyBindings()

    def mark(index: int) -> None:
        pointer[0] = index
        states[index] = CYCLE[states[index]]

    for index in range(min(len(items), len(SHORTCUTS))):
        bindings.add(SHORTCUTS[index], eager=True)(lambda _e, i=index: mark(i))
    def answer(state: str) -> None:
        states[pointer[0]] = state
        pointer[0] = min(pointer[0] + 1, len(items) - 1)

    for key in FIRST_KEYS:
        bindings.add(key, eager=True)(lambda _e: answer(DONE))
    for key in SECOND_KEYS:
        bindings.add(key, eager=True)(lambda _e: answer(NOT_DONE))
    bindings.add("?", eager=True)(lambda _e: answer(UNMARKED))
    bindings.add(" ", eager=True)(lambda _e: mark(pointer[0]))
    bindings.add("up", eager=True)(
        lambda _e: pointer.__setitem__(0, (pointer[0] - 1) % len(items)))
    bindings.add("down", eager=True)(
        lambda _e: pointer.__setitem__(0, (pointer[0] + 1) % len(items)))
    bindings.add("enter", eager=True)(lambda e: e.app.exit(result=list(states)))
    bindings.add("left", eager=True)(lambda e: e.app.exit(result=None))
    bindings.add("c-c", eager=True)(lambda e: e.app.exit(exception=KeyboardInterrupt))
    bindings.add("c-d", eager=True)(lambda e: e.app.exit(exception=KeyboardInterrupt))
    bindings.add("<any>")(lambda _e: None)  # nothing else is typed in

    app: Application[list[str] | None] = Application(
        # A list taller than the terminal scrolls to keep the pointed line (and the lines
        # around it) in sight: every line must be seen to be marked.
        layout=Layout(HSplit([Window(
            FormattedTextControl(text, show_cursor=False,
                                 get_cursor_position=lambda: Point(0, pointed_row[0])),
            wrap_lines=False, scroll_offsets=ScrollOffsets(top=2, bottom=4))])),
        key_bindings=bindings, full_screen=False,
        **{k: v for k, v in kwargs.items() if k in ("input", "output")})
    result = app.run()
    if result is None:
        return None
    return {item.value: state for item, state in zip(items, result, strict=True)}
