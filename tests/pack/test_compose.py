from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smguide.engine.core import decide
from smguide.errors import PackError
from smguide.pack.loader import load_pack, load_packs
from smguide.pack.models import Verdict
from tests.enginepacks import MINI, write_pack

WORKER_OK = {"role": "worker", "channel": "text", "authorized": "yes", "consent": "yes"}


def agency(tmp: Path, rules: list[dict[str, object]], questions: list[object] | None = None,
           name: str = "agency") -> Path:
    folder = tmp / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(
        {"id": name, "title": "Agency", "version": "1", "extends": ["../mini"]}))
    (folder / "rules.yaml").write_text(yaml.safe_dump({
        "questions": questions or [],
        "rules": [{**r, "cite": [{"source": "src", "section": "s1"}]} for r in rules],
    }, sort_keys=False))
    return folder


def test_extension_adds_a_stricter_rule(tmp_path: Path) -> None:
    write_pack(tmp_path / "mini", MINI)
    folder = agency(tmp_path, [{"id": "no-texting", "title": "We do not text",
                                "when": {"channel": "text"}, "verdict": "prohibited"}])
    pack = load_pack(folder)
    assert pack.layers == ["mini", "agency"]
    assert pack.id == "agency"
    decision = decide(pack, WORKER_OK)
    assert decision.verdict is Verdict.prohibited
    origins = {a.rule.id: a.rule.origin for a in decision.applied}
    assert origins["no-texting"] == "agency" and origins["worker-ok"] == "mini"


def test_replaces_takes_the_place_of_a_named_rule(tmp_path: Path) -> None:
    write_pack(tmp_path / "mini", MINI)
    folder = agency(tmp_path, [{"id": "consent-in-writing", "title": "Written consent",
                                "replaces": ["consent-first"],
                                "when": {"role": "worker", "channel": ["text", "social"],
                                         "consent": "no"},
                                "verdict": "prohibited"}])
    pack = load_pack(folder)
    assert pack.rule("consent-first") is None
    # the AWOL exception named the replaced rule; it now names the replacement
    awol = pack.rule("awol")
    assert awol is not None and awol.exception_to == ["consent-in-writing"]
    assert decide(pack, {**WORKER_OK, "consent": "no"}).verdict is Verdict.prohibited


def test_same_id_twice_is_an_error(tmp_path: Path) -> None:
    write_pack(tmp_path / "mini", MINI)
    folder = agency(tmp_path, [{"id": "tone", "title": "Tone", "when": {"role": "worker"}}])
    with pytest.raises(PackError, match=r"rule id 'tone' is defined twice.*replaces"):
        load_pack(folder)


def test_replacing_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    write_pack(tmp_path / "mini", MINI)
    folder = agency(tmp_path, [{"id": "x", "title": "X", "replaces": ["nope"],
                                "when": {"role": "worker"}, "verdict": "prohibited"}])
    with pytest.raises(PackError, match="replaces 'nope', which no base pack defines"):
        load_pack(folder)


def test_two_extensions_share_their_base_once(tmp_path: Path) -> None:
    write_pack(tmp_path / "mini", MINI)
    a = agency(tmp_path, [{"id": "a", "title": "A", "when": {"channel": "text"},
                           "cautions": ["A"]}], name="a")
    b = agency(tmp_path, [{"id": "b", "title": "B", "when": {"channel": "text"},
                           "cautions": ["B"]}], name="b")
    pack = load_packs([a, b])
    assert pack.layers == ["mini", "a", "b"]
    assert pack.id == "a+b"
    assert {str(c.text) for c in decide(pack, WORKER_OK).cautions} >= {"A", "B"}
