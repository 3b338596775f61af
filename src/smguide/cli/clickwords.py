"""click's and typer's own words (``Usage:``, ``Options``, ``[default: …]``, their usage
errors) through smguide's catalog, so that a French ``--help`` or usage error has no
English in it.

click and typer call ``gettext.gettext`` under the name ``_`` (and ``ngettext``) bound
in each of their modules; that reads the process's locale, not ``--lang``. :func:`install`
rebinds those names to :func:`smguide.i18n._` and :func:`smguide.i18n.ngettext`, which
return the English unchanged in an English run (no catalog is loaded then).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from smguide import i18n
from smguide.i18n import N_

# The words smguide's commands show, marked for the catalog (pybabel extract reads
# these; click and typer look them up at run time through the rebound names).
WORDS = (
    N_("Usage:"),
    N_("{heading}:"),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("{value!r} is not a valid {number_type}."),
    N_("Aborted!"),
)


def _for_the_catalog() -> None:
    """Never called: marks click's plural message for pybabel."""
    i18n.ngettext("Got unexpected extra argument ({args})",
                  "Got unexpected extra arguments ({args})", 1)

# click itself, and the copy some typer versions carry inside (typer._click).
MODULES = (*(f"{package}.{name}" for package in ("click", "typer._click")
              for name in ("core", "formatting", "decorators", "exceptions", "types",
                           "parser")), "typer.core")


def _plural(singular: str, plural: str, n: int) -> str:
    return i18n.ngettext(singular, plural, n)


# Words the copy of click inside typer writes as plain text, not through gettext.
LITERALS = frozenset({
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
})


def install() -> None:
    """Rebind click's and typer's ``_`` and ``ngettext`` to smguide's catalog (only in
    modules already imported: typer imports them all on start-up), and translate the
    words the copy inside typer writes as plain text."""
    for name in MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _plural  # type: ignore[attr-defined]
    for name in ("click.formatting", "typer._click.formatting"):
        module = sys.modules.get(name)
        if module is not None and not getattr(module.HelpFormatter, "smguide_words", False):
            _translate_formatter(module.HelpFormatter)


def _translate_formatter(formatter: Any) -> None:
    """The usage line's "Usage:", the sections' headings ("Options:") and the help
    option's text, in the current language."""
    write_usage, write_dl = formatter.write_usage, formatter.write_dl

    def heading(self: Any, name: str) -> None:
        self.write(f"{'':>{self.current_indent}}" + i18n._("{heading}:").format(heading=name)
                   + "\n")

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, i18n._("Usage:") + " " if prefix is None else prefix)

    def rows(self: Any, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        shown = [(term, i18n._(text) if text in LITERALS else text) for term, text in rows]
        write_dl(self, shown, *args, **kwargs)

    formatter.write_usage, formatter.write_dl, formatter.write_heading = usage, rows, heading
    formatter.smguide_words = True
