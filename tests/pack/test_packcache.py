"""The pack cache: used while nothing changed, never trusted otherwise (issue 11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import smguide
from smguide.engine.core import decide
from smguide.errors import PackError
from smguide.pack import cache as packcache
from smguide.pack import loader
from smguide.pack import selection as packs
from smguide.pack.cachecodec import Spots
from tests.enginepacks import MINI, write_pack

OLD = 1_600_000_000  # a file time long past: the cache keeps only packs not being edited
ANSWERS = {"role": "worker", "channel": "text", "authorized": "no", "consent": "yes"}


def age(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (OLD, OLD))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(packcache.ENV_VAR, raising=False)
    return tmp_path / "cache" / "smguide"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The pack folders read from YAML (not from the cache)."""
    seen: list[Path] = []
    real = loader.read_pack

    def spy(folder: Path | str, reading: object = None) -> object:
        seen.append(Path(folder))
        return real(folder, reading)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "read_pack", spy)
    return seen


def mini(tmp_path: Path) -> Path:
    folder = write_pack(tmp_path / "mini", MINI)
    age(folder)
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.pack")) if cache.exists() else []


def test_second_load_comes_from_the_cache(cache: Path, reads: list[Path],
                                          tmp_path: Path) -> None:
    folder = mini(tmp_path)
    first = packs.load([folder])
    assert len(reads) == 1 and len(entries(cache)) == 1
    again = packs.load([folder])
    assert len(reads) == 1  # no YAML read the second time
    assert again.content_hash == first.content_hash
    assert decide(again, ANSWERS) == decide(first, ANSWERS)
    assert [r.location for r in again.rules] == [r.location for r in first.rules]
    assert [t.location for t in again.rules[1].when.tests()] == [
        t.location for t in first.rules[1].when.tests()]


@pytest.mark.parametrize("change", ["edit", "same-size-edit", "add", "remove", "rename"])
def test_any_pack_file_change_reads_the_pack_again(
    cache: Path, reads: list[Path], tmp_path: Path, change: str
) -> None:
    folder = mini(tmp_path)
    packs.load([folder])
    content = folder / "content.yaml"
    if change == "edit":
        content.write_text(content.read_text().replace("Phone is preferred", "Phone first"))
    elif change == "same-size-edit":  # same size, same file time: only the hash tells
        content.write_text(content.read_text().replace("Phone is preferred",
                                                       "Phone is preferrex"))
    elif change == "add":
        (folder / "more.yaml").write_text(yaml.safe_dump({"rules": [
            {"id": "extra", "title": "Extra", "when": {"channel": "phone"},
             "verdict": "discouraged", "cite": [{"source": "src", "section": "s1"}]}]}))
    elif change == "remove":
        (folder / "more.yaml").write_text("rules: []\n")
        age(folder)
        packs.load([folder])
        (folder / "more.yaml").unlink()
    else:
        content.rename(folder / "other.yaml")
    age(folder)
    reads.clear()
    pack = packs.load([folder])
    assert reads == [folder.resolve()]
    fresh = loader.load_pack(folder)
    assert pack.content_hash == fresh.content_hash
    assert [r.title for r in pack.rules] == [r.title for r in fresh.rules]


def test_a_base_pack_change_reads_again(cache: Path, reads: list[Path], tmp_path: Path) -> None:
    base = mini(tmp_path)
    top = tmp_path / "agency"
    top.mkdir()
    (top / "pack.yaml").write_text(yaml.safe_dump(
        {"id": "agency", "title": "Agency", "version": "1", "extends": ["../mini"]}))
    age(top)
    packs.load([top])
    assert len(reads) == 2
    packs.load([top])
    assert len(reads) == 2
    content = base / "content.yaml"
    content.write_text(content.read_text().replace("Phone is preferred", "Phone first"))
    age(base)
    pack = packs.load([top])
    assert len(reads) == 4
    assert any(str(r.title) == "Phone first" for r in pack.rules)


def test_another_tool_version_is_never_trusted(
    cache: Path, reads: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = mini(tmp_path)
    packs.load([folder])
    monkeypatch.setattr(smguide, "__version__", "99.0")
    packs.load([folder])
    assert len(reads) == 2
    packs.load([folder])  # the entry now belongs to 99.0
    assert len(reads) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage", "resealed"])
def test_a_corrupt_entry_is_rebuilt_not_trusted(
    cache: Path, reads: list[Path], tmp_path: Path, damage: str
) -> None:
    folder = mini(tmp_path)
    expected = decide(packs.load([folder]), ANSWERS)
    (entry,) = entries(cache)
    blob = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip":
        at = len(blob) - 100
        entry.write_bytes(blob[:at] + bytes([blob[at] ^ 0x01]) + blob[at + 1:])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "garbage":
        entry.write_bytes(os.urandom(len(blob)))
    else:  # a laxer pack, its digest recomputed without the folder's key: refused
        import hashlib

        head, _, meta, payload = blob.split(b"\n", 3)
        payload = payload.replace(b'"prohibited"', b'"permitted"')
        digest = hashlib.sha256(meta + payload).hexdigest().encode()
        entry.write_bytes(b"\n".join((head, digest, meta, payload)))
    pack = packs.load([folder])
    assert len(reads) == 2  # read again from YAML
    assert decide(pack, ANSWERS) == expected
    packs.load([folder])  # and the entry was rewritten whole
    assert len(reads) == 2


def test_errors_are_never_cached(cache: Path, tmp_path: Path) -> None:
    folder = mini(tmp_path)
    content = folder / "content.yaml"
    content.write_text(content.read_text().replace("verdict: prohibited", "verdict: forbidden"))
    age(folder)
    for _ in range(2):
        with pytest.raises(PackError, match="verdict"):
            packs.load([folder])
    assert entries(cache) == []


def test_a_pack_just_written_is_cached_by_what_was_read(cache: Path, reads: list[Path],
                                                         tmp_path: Path) -> None:
    """No file-time margin is needed: the entry holds the hash of the bytes parsed."""
    folder = write_pack(tmp_path / "mini", MINI)  # written just now
    packs.load([folder])
    packs.load([folder])
    assert len(entries(cache)) == 1 and len(reads) == 1


def test_cache_off_or_unwritable(cache: Path, reads: list[Path], tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = mini(tmp_path)
    monkeypatch.setenv(packcache.ENV_VAR, "off")
    packs.load([folder])
    assert not cache.exists()
    monkeypatch.delenv(packcache.ENV_VAR)
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the folder should be")
    packs.load([folder])
    packs.load([folder])
    assert len(reads) == 3


def test_decide_output_is_the_same_from_the_cache(tmp_path: Path) -> None:
    folder = mini(tmp_path)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop(packcache.ENV_VAR, None)
    cmd = [sys.executable, "-m", "smguide", "decide", "--pack", str(folder),
           "--answers", str(answers), "--format", "json"]
    outputs = [subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
               for _ in range(2)]
    assert len(list((tmp_path / "cache" / "smguide").glob("*.pack"))) == 1
    assert outputs[0] == outputs[1]


def test_an_entry_others_could_write_is_never_read(
    cache: Path, reads: list[Path], tmp_path: Path
) -> None:
    """An entry that group or others may write could be someone else's: a miss (read
    from YAML). A folder of the user's that others could enter is made private again."""
    folder = mini(tmp_path)
    expected = decide(packs.load([folder]), ANSWERS)
    (entry,) = entries(cache)
    entry.chmod(0o666)
    pack = packs.load([folder])
    assert len(reads) == 2
    assert decide(pack, ANSWERS) == expected
    cache.chmod(0o777)
    packs.load([folder])
    assert cache.stat().st_mode & 0o777 == 0o700


def test_every_test_of_a_cached_pack_is_where_the_file_puts_it(
        cache: Path, reads: list[Path], tmp_path: Path) -> None:
    """Nested conditions, ask_if and silences: each test's file:line:col from the cache
    equals the one read from the YAML, worked out from the cache's own table (the
    document is not kept) and only when asked."""
    from smguide.pack import conditions as c

    body = {**MINI, "rules": [*MINI["rules"], {  # type: ignore[list-item]
        "id": "nested", "title": "Nested", "verdict": "discouraged",
        "when": {"all": [{"any": [{"role": "parent"}, {"not": {"channel": "phone"}}]},
                         {"consent": ["yes", "no"]}]}}],
        "silences": [{"id": "quiet", "when": {"role": "other"}, "reason": "Not covered."}]}
    folder = write_pack(tmp_path / "nested", body)
    age(folder)

    def places(pack: Any) -> list[object]:
        conditions = [r.when for r in pack.rules] + [s.when for s in pack.silences] + [
            q.ask_if for q in pack.questions if q.ask_if is not None]
        return [(t.path, str(t.location)) for cond in conditions for t in c.tests_of(cond)]

    first = packs.load([folder])
    again = packs.load([folder])
    assert len(reads) == 1
    assert places(again) == places(first) and len(places(first)) > 20
    assert all(":" in where for _, where in places(again))
    cached = again.rules[-1].when.tests()
    assert all(isinstance(t._at.document, Spots) for t in cached)


def _fields(obj: Any, path: str = "pack") -> dict[str, Any]:
    """Every dataclass field of a pack, recursively, by path (the values as compared)."""
    import dataclasses
    import enum

    from smguide.pack.models import field_names

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for name in field_names(obj):
            out.update(_fields(getattr(obj, name), f"{path}.{name}"))
        return out
    if isinstance(obj, list):
        out = {}
        for i, item in enumerate(obj):
            out.update(_fields(item, f"{path}[{i}]"))
        return out
    if isinstance(obj, enum.Enum):
        return {path: obj.value}
    return {path: obj}


@pytest.mark.parametrize("flagged", [False, True])
def test_every_field_of_every_model_survives_the_cache(monkeypatch: pytest.MonkeyPatch,
                                                      flagged: bool) -> None:
    """The cache's encoding lists each model's fields by hand: a field added to a model
    and left out there would be dropped from every warm run (Rule.urgent was, once).
    ``flagged`` sets every boolean field that the bundled packs leave at its default."""
    from smguide.pack.cachecodec import decode, encode

    monkeypatch.setenv("SMGUIDE_CACHE", "off")  # the pack as its files give it
    pack = packs.load(None)
    assert any(rule.urgent for rule in pack.rules)
    if flagged:
        pack.manifest.only_tightens = True
        for rule in pack.rules:
            rule.urgent = rule.yields_to_stricter = True
        for question in pack.questions:
            question.actionable = not question.actionable
    again = decode(encode(pack))
    assert _fields(again) == _fields(pack)
