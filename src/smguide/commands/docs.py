"""``smguide docs [TOPIC]``: the author and trainer documentation, from the installed
package (the wheel ships ``docs/``; a checkout reads the repository's).

Without a topic, the list of topics with each one's first heading; with one, the
Markdown text of that page. Links between pages read ``smguide docs TOPIC`` in the
output, so they work where the files are not at hand.
"""

from __future__ import annotations

import re
from pathlib import Path

from smguide.commands import EXIT_OK, write_out
from smguide.errors import UsageError
from smguide.i18n import _

SUFFIX = ".md"
_LINK = re.compile(r"\]\(([a-z0-9-]+)\.md(#[^)]*)?\)")


def docs_folder() -> Path:
    from smguide.pack.bundled import docs_dir

    return docs_dir()


def topics() -> dict[str, Path]:
    """Topic name (the file name without ``.md``) -> file, sorted."""
    folder = docs_folder()
    if not folder.is_dir():
        return {}
    return {p.name[: -len(SUFFIX)]: p for p in sorted(folder.glob(f"*{SUFFIX}"))}


def heading(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def page(path: Path) -> str:
    """A page's text, its links to other pages spelled as the command that shows them."""
    text = path.read_text(encoding="utf-8")
    return _LINK.sub(lambda m: f"]({m.group(1)}.md{m.group(2) or ''}; "
                               f"`smguide docs {m.group(1)}`)", text)


def run(*, topic: str | None = None) -> int:
    found = topics()
    if topic is None:
        width = max((len(name) for name in found), default=0)
        write_out("".join(f"{name:<{width}}  {heading(path)}\n" for name, path in found.items())
                  + "\n" + _("smguide docs TOPIC prints one (Markdown)."))
        return EXIT_OK
    name = topic.removesuffix(SUFFIX).removeprefix("docs/")
    if name not in found:
        from smguide.i18n import did_you_mean

        raise UsageError(_("no documentation topic {topic!r}; {hint}choose one of: {choices}")
                         .format(topic=topic, hint=did_you_mean(name, list(found)),
                                 choices=", ".join(found)))
    write_out(page(found[name]))
    return EXIT_OK
