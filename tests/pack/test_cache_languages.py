"""The pack cache keeps every language: a combined pack built (and cached) in one
language reads in the other (issue 24: French screens said "Use of Social Media…"
after an English run)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smguide import i18n
from smguide.pack import selection as packs
from tests.enginepacks import MINI, write_pack
from tests.pack.test_packcache import age, cache, entries, reads

__all__ = ["cache", "reads"]  # the fixtures, used by name


def two_packs(tmp_path: Path) -> list[Path]:
    base = write_pack(tmp_path / "mini", MINI)
    (base / "pack.yaml").write_text(yaml.safe_dump(
        {"id": "mini", "title": {"en": "The policy", "fr": "La politique"}, "version": "1",
         "languages": ["en", "fr"]}, allow_unicode=True), encoding="utf-8")
    report = tmp_path / "report"
    report.mkdir()
    (report / "pack.yaml").write_text(yaml.safe_dump(
        {"id": "report", "title": {"en": "The report", "fr": "Le rapport"}, "version": "1",
         "languages": ["en", "fr"], "extends": ["../mini"]}, allow_unicode=True),
        encoding="utf-8")
    for folder in (base, report):
        age(folder)
    return [base, report]


@pytest.mark.parametrize(("built", "read"), [("en", "fr"), ("fr", "en")])
def test_combined_title_in_the_language_read(cache: Path, reads: list[Path], tmp_path: Path,
                                             built: str, read: str) -> None:
    folders = two_packs(tmp_path)
    i18n.set_language(built)
    first = packs.load(folders)
    assert entries(cache) and reads
    reads.clear()
    i18n.set_language(read)
    again = packs.load(folders)
    assert reads == []  # from the cache
    titles = {"en": "The policy + The report", "fr": "La politique + Le rapport"}
    assert str(again.manifest.title) == titles[read]
    assert dict(again.manifest.title) == dict(first.manifest.title) == titles


def test_a_title_without_french_joins_its_english(tmp_path: Path) -> None:
    from smguide.pack.compose import _joined
    from smguide.pack.translatable import Localized

    joined = _joined([Localized({"en": "Policy", "fr": "Politique"}),
                      Localized({"en": "Agency rules"})])
    assert joined == {"en": "Policy + Agency rules", "fr": "Politique + Agency rules"}
