"""No text is still a placeholder that ``smguide init`` left to replace.

A new agency pack carries example texts to be replaced with the agency's own: the
summary of its policy section, who issued the policy. A pack that still holds them
would cite a section summarised as "Replace with ...", so each is reported where it
stands until the author writes the real text. Any text that starts with
``Replace with`` counts, in every file of the pack.

Passes::

    sections:
      - id: devices.personal-phones
        title: Devices — personal phones
        summary: Workers text clients only from a phone the agency issued.

Fails::

    sections:
      - id: devices.personal-phones
        title: Devices — personal phones
        summary: >-
          Replace with a one-line summary, in your own words, of the section.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smguide.i18n import _
from smguide.lint.api import Finding, Level, LintContext

ID = "placeholder"
LEVEL: Level = "error"
KIND = "structural"

MARKER = "Replace with"  # how every placeholder of smguide's agency template begins
SHOWN = 60  # characters of the placeholder quoted in the message


def check(ctx: LintContext) -> Iterator[Finding]:
    for file in ctx.files:
        if file.doc is None:
            continue
        for key, value in _texts(file.doc.data, ()):
            if value.lstrip().startswith(MARKER):
                shown = " ".join(value.split())
                shown = shown if len(shown) <= SHOWN else shown[: SHOWN - 1] + "…"
                yield Finding(ID, LEVEL, _(
                    "{key} is still the placeholder smguide init wrote ({text!r}); "
                    "write your pack's own text").format(key=_dotted(key), text=shown),
                    file.doc.location(key))


def _texts(data: Any, key: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            if isinstance(name, str):
                yield from _texts(value, (*key, name))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*key, i))


def _dotted(key: tuple[str | int, ...]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in key
                   ).lstrip(".") or _("the file")
