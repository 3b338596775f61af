"""`silences` and `yields_to_stricter`: how authors confirm intended silence and
intended 'strictest wins', so the lint stays quiet without blanket suppression."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smguide.engine.core import decide
from smguide.pack.loader import load_pack
from smguide.pack.models import Verdict
from tests.enginepacks import MINI, write_pack
from tests.lintutil import run_cli


def with_silence(folder: Path) -> Path:
    (folder / "silences.yaml").write_text(yaml.safe_dump({"silences": [{
        "id": "others", "when": {"role": "other"},
        "reason": "The policy covers workers and parents only.",
        "cite": [{"source": "src", "section": "s1"}]}]}))
    return folder


def test_declared_silence_is_shown_with_its_reason(tmp_path: Path) -> None:
    pack = load_pack(with_silence(write_pack(tmp_path / "p", MINI)))
    decision = decide(pack, {"role": "other", "channel": "phone"})
    assert decision.verdict is Verdict.consult_supervisor and decision.silent
    assert [s.id for s in decision.silences] == ["others"]
    assert decide(pack, {"role": "worker", "channel": "phone"}).silences == ()


Capsys = pytest.CaptureFixture[str]


def test_gap_check_skips_declared_silence(tmp_path: Path, capsys: Capsys) -> None:
    folder = write_pack(tmp_path / "p", MINI)
    code, out, _ = run_cli(capsys, "lint", str(folder), "--select", "gap")
    assert "role = other" in out and code == 1
    code, out, _ = run_cli(capsys, "lint", str(with_silence(folder)), "--select", "gap")
    assert code == 0, out


def test_yields_to_stricter_confirms_the_conflict(tmp_path: Path, capsys: Capsys) -> None:
    folder = write_pack(tmp_path / "p", MINI)
    _, out, _ = run_cli(capsys, "lint", str(folder), "--select", "conflict")
    assert "'worker-ok' (permitted_with_conditions)" in out
    rules = [{**r, "yields_to_stricter": True} if r["id"] == "worker-ok" else r
             for r in MINI["rules"]]  # type: ignore[attr-defined]
    body = {"questions": MINI["questions"], "rules": rules}
    _, out, _ = run_cli(capsys, "lint", str(write_pack(tmp_path / "q", body)),
                        "--select", "conflict")
    assert "'worker-ok'" not in out
