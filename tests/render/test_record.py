"""Decision records and the atomic write under them."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
import yaml

import smguide
from smguide.engine.core import decide
from smguide.engine.decision import Decision
from smguide.errors import InputError, UsageError
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack
from smguide.render.record import SCHEMA, build, record_data, serialize, write_report
from smguide.report.model import build as build_report
from smguide.system.files import atomic_write, check_target
from tests.fixtures import AUTHORIZED_TEXT, MINI


def build_record(pack: Pack, decision: Decision, *,
                 recorded_at: str | None = None) -> dict[str, object]:
    return record_data(build_report(pack, decision), recorded_at=recorded_at)


def write_record(path: Path, pack: Pack, decision: Decision, *, force: bool) -> dict[str, object]:
    return write_report(path, build_report(pack, decision), force=force)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(MINI)


def test_build_record_fields(pack: Pack) -> None:
    data = build_record(pack, decide(pack, AUTHORIZED_TEXT), recorded_at="2024-05-01T10:00:00Z")
    assert list(data)[:3] == ["schema", "recorded_at", "tool"]
    assert data["schema"] == SCHEMA == "smguide.decision/1"
    assert data["tool"] == {"name": "smguide", "version": smguide.__version__}
    assert data["pack"]["id"] == "mini" and data["pack"]["version"] == "1.2.0"
    assert data["pack"]["content_hash"] == pack.content_hash
    assert data["verdict"] == "permitted_with_conditions"
    assert data["summary"].startswith("PERMITTED WITH CONDITIONS — ")
    assert [a["question"] for a in data["answers"]] == ["role", "channel", "authorized"]
    deciding = [r for r in data["rules"] if r["deciding"]]
    assert [r["id"] for r in deciding] == ["authorized-contact"]
    assert deciding[0]["citations"][0]["section_title"] == "Procedures — records"
    # Only the pack's own texts and ids: nothing typed by the user, no paths.
    dumped = json.dumps(data)
    assert pack.path not in dumped and str(MINI) not in dumped


def test_build_without_time_is_the_json_output(pack: Pack) -> None:
    decision = decide(pack, AUTHORIZED_TEXT)
    record = build_record(pack, decision)
    record.pop("recorded_at")
    assert record == build(pack, decision)


def test_now_is_utc_iso(pack: Pack) -> None:
    record = build_record(pack, decide(pack, {}))
    assert record["recorded_at"].endswith("Z") and "T" in record["recorded_at"]


def test_serialize_yaml_round_trips(pack: Pack) -> None:
    data = build_record(pack, decide(pack, {"role": "protection_worker"}))
    assert yaml.safe_load(serialize(data, yaml_format=True)) == data
    assert json.loads(serialize(data, yaml_format=False)) == data


def test_write_record(tmp_path: Path, pack: Pack) -> None:
    target = tmp_path / "r.yml"
    data = write_record(target, pack, decide(pack, AUTHORIZED_TEXT), force=False)
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == data


def test_atomic_write_and_no_clobber(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write(target, b"one", overwrite=False)
    assert target.read_bytes() == b"one"
    with pytest.raises(UsageError, match="already exists"):
        atomic_write(target, b"two", overwrite=False)
    assert target.read_bytes() == b"one"
    atomic_write(target, b"three", overwrite=True)
    assert target.read_bytes() == b"three"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_atomic_write_uses_normal_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "f", b"x", overwrite=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "f").stat().st_mode) == 0o644


@pytest.mark.parametrize("failing", ["fsync", "link", "chmod"])
def test_failures_leave_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                failing: str) -> None:
    def fail(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(f"smguide.system.files.os.{failing}", fail)
    with pytest.raises(InputError, match="cannot write: Input/output error"):
        atomic_write(tmp_path / "out.json", b"data", overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_interrupt_during_write_leaves_no_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("smguide.system.files.os.fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "out.json", b"data", overwrite=True)
    assert list(tmp_path.iterdir()) == []


def test_without_hard_links_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("smguide.system.files.os.link", no_links)
    target = tmp_path / "out.json"
    atomic_write(target, b"one", overwrite=False)
    assert target.read_bytes() == b"one"
    with pytest.raises(UsageError, match="already exists"):
        atomic_write(target, b"two", overwrite=False)
    assert target.read_bytes() == b"one"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_check_target(tmp_path: Path) -> None:
    check_target(tmp_path / "new.json", overwrite=False)
    (tmp_path / "old.json").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists"):
        check_target(tmp_path / "old.json", overwrite=False)
    check_target(tmp_path / "old.json", overwrite=True)
    with pytest.raises(UsageError, match="is a folder"):
        check_target(tmp_path, overwrite=True)
    with pytest.raises(InputError, match="does not exist"):
        check_target(tmp_path / "missing" / "r.json", overwrite=False)


def test_relative_target_in_current_folder(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    check_target(Path("r.json"), overwrite=False)
    atomic_write(Path("r.json"), b"x", overwrite=False)
    assert (tmp_path / "r.json").read_bytes() == b"x"
