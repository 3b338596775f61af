"""The rationale's rule blocks are kept once rendered (render.html.rule_html): a kept
block must be exactly what rendering it afresh gives, whatever field of the rule
changes, in either language."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from smguide import i18n
from smguide.pack.bundled import default_pack_paths, scenarios_dir
from smguide.pack.selection import load
from smguide.render.html import CITATION_FIELDS, environment
from smguide.render.json import decision_data
from smguide.web import outputs

SCENARIO = "adoptive-parent-friends-child.yaml"
RULE_FIELDS = ("id", "title", "verdict", "origin", "deciding", "rationale")


def _fresh(rule: dict[str, Any]) -> str:
    return environment().get_template("_rule.html.j2").render(r=rule) + "\n"


def _kept(rule: dict[str, Any]) -> str:
    keep: Callable[[dict[str, Any]], str] = environment().globals["rule_html"]  # type: ignore[assignment]
    return str(keep(rule))


@pytest.fixture(scope="module")
def rules() -> list[dict[str, Any]]:
    pack = load(default_pack_paths())
    data = yaml.safe_load((scenarios_dir() / "cas-2011" / SCENARIO).read_text(encoding="utf-8"))
    answers = {k: "yes" if v is True else "no" if v is False else str(v)
               for k, v in data["answers"].items()}
    report = outputs.report_for(pack, answers)
    found: list[dict[str, Any]] = decision_data(report)["rules"]
    assert len(found) >= 3 and any(r["citations"] and r["deciding"] for r in found)
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_kept_block_is_what_rendering_gives(rules: list[dict[str, Any]], lang: str) -> None:
    before = i18n.current()
    i18n.set_language(lang)
    try:
        for rule in rules:
            assert _kept(rule) == _fresh(rule)
            assert _kept(rule) == _fresh(rule)  # the second time, from the kept ones
    finally:
        i18n.set_language(before)


def test_every_field_the_block_shows_is_in_its_key(rules: list[dict[str, Any]]) -> None:
    rule = next(r for r in rules if r["citations"] and r["verdict"])
    _kept(rule)
    changes: list[dict[str, Any]] = []
    for field in RULE_FIELDS:
        changed = copy.deepcopy(rule)
        changed[field] = not rule[field] if field == "deciding" else (
            "prohibited" if field == "verdict" and rule[field] != "prohibited"
            else f"{rule[field] or ''} (changed)" if field != "verdict" else "permitted")
        changes.append(changed)
    for field in CITATION_FIELDS:
        changed = copy.deepcopy(rule)
        changed["citations"][0][field] = f"{rule['citations'][0][field] or 'x'} (changed)"
        changes.append(changed)
    for changed in changes:
        assert _kept(changed) == _fresh(changed)
        assert _kept(changed) != _kept(rule)


def test_the_languages_keep_their_own_blocks(rules: list[dict[str, Any]]) -> None:
    rule = next(r for r in rules if r["deciding"])
    before = i18n.current()
    try:
        i18n.set_language("en")
        english = _kept(rule)
        i18n.set_language("fr")
        french = _kept(rule)
    finally:
        i18n.set_language(before)
    assert "decides the verdict" in english
    assert "decides the verdict" not in french and french == _fresh_in("fr", rule)


def _fresh_in(lang: str, rule: dict[str, Any]) -> str:
    before = i18n.current()
    i18n.set_language(lang)
    try:
        return _fresh(rule)
    finally:
        i18n.set_language(before)
