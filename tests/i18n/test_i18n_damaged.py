"""A damaged French catalog, or a translation that renames a placeholder, never gives a
traceback: the English text stands in (issue 18)."""

from __future__ import annotations

import gettext
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from smguide import i18n
from smguide.cli import main

MO = Path("fr") / "LC_MESSAGES" / "smguide.mo"


@pytest.fixture
def locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogs to damage, used instead of the real ones."""
    copy = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, copy)
    monkeypatch.setattr(i18n, "LOCALE_DIR", copy)
    i18n._catalog.cache_clear()
    yield copy / MO
    i18n._catalog.cache_clear()


@pytest.mark.parametrize("damage", ["empty", "truncated", "corrupt", "folder", "bad-magic"])
def test_a_damaged_catalog_falls_back_to_english(locale: Path, damage: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    blob = locale.read_bytes()
    if damage == "folder":
        locale.unlink()
        locale.mkdir()
    else:
        locale.write_bytes({"empty": b"", "truncated": blob[:len(blob) // 3],
                            "corrupt": blob[:40] + b"\xff" * 200 + blob[240:],
                            "bad-magic": b"\x00" * 64}[damage])
    i18n.set_language("fr")
    assert i18n._("Verdict") == "Verdict"
    with pytest.raises(SystemExit) as done:
        main(["rules", "--lang", "fr"])
    assert done.value.code == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_renamed_placeholder_gives_the_english_text(
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    class Renamed(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return message.replace("{word!r}", "{mot!r}").replace("%(id)s", "%(ident)s")

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return "{nombre} " + singular

    monkeypatch.setattr(i18n, "_catalog", lambda language: Renamed())
    i18n.set_language("fr")
    assert i18n._("did you mean {word!r}? ").format(word="x") == "did you mean 'x'? "
    assert i18n._("Scenario %(id)s") == "Scenario %(id)s"
    assert i18n.ngettext("{n} rule", "{n} rules", 2) == "{n} rules"
    assert i18n._("{a} and {a}") == "{a} and {a}"
    assert i18n._("unbalanced {") == "unbalanced {"
