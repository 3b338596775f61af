"""The pack cache holds data, not code, and never serves an old pack (issue 18)."""

from __future__ import annotations

import hashlib
import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from smguide.engine.core import decide
from smguide.errors import LimitError, UsageError
from smguide.pack import cache as packcache
from smguide.pack import cachecodec, loader
from smguide.pack import selection as packs
from smguide.pack.models import Verdict
from smguide.system.signals import Terminated
from tests.enginepacks import MINI, write_pack

ANSWERS = {"role": "worker", "channel": "social", "account": "personal", "awol": "no",
           "authorized": "yes", "consent": "yes"}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(packcache.ENV_VAR, raising=False)
    monkeypatch.delenv(loader.MAX_PACK_ENV, raising=False)
    return tmp_path / "cache" / "smguide"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = loader.read_pack

    def spy(folder: Path | str, reading: loader.Reading | None = None) -> object:
        seen.append(Path(folder))
        return real(folder, reading)

    monkeypatch.setattr(loader, "read_pack", spy)
    return seen


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.pack")) if cache.exists() else []


def version(folder: Path, verdict: str, number: str) -> Path:
    """The mini pack with the personal-account rule at ``verdict``."""
    body = {**MINI, "rules": [dict(r, verdict=verdict) if r["id"] == "personal" else r
                              for r in MINI["rules"]]}  # type: ignore[attr-defined]
    write_pack(folder, body)
    manifest = yaml.safe_load((folder / "pack.yaml").read_text())
    (folder / "pack.yaml").write_text(yaml.safe_dump({**manifest, "version": number}))
    return folder


def verdict_of(paths: list[Path]) -> Verdict:
    return decide(packs.load(paths), ANSWERS).verdict


# -- data, not code -----------------------------------------------------------------


def test_a_planted_pickle_never_runs(cache: Path, tmp_path: Path) -> None:
    """Even with the right key (the user's own, as a planted entry would need), a
    pickle is not an entry: nothing in it is run, the pack is read again."""
    folder = version(tmp_path / "v1", "prohibited", "1")
    packs.load([folder])
    (entry,) = entries(cache)
    head, _, meta, _ = entry.read_bytes().split(b"\n", 3)
    marker = tmp_path / "ran"
    payload = pickle.dumps(Runs(str(marker)))
    box = packcache._Box.open(cache)
    assert box is not None
    with box:
        seal = box.seal(meta, payload).encode()
    entry.write_bytes(b"\n".join((head, seal, meta, payload)))
    assert verdict_of([folder]) is Verdict.prohibited
    assert not marker.exists()


class Runs:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (self.path, "w"))


def test_a_swapped_folder_is_never_read(cache: Path, tmp_path: Path) -> None:
    """The race of the report, in one process: after the check, the folder is swapped
    for a link to one holding a planted entry. Opened once without following links,
    the swapped folder is not used; the packs are read from their files."""
    folder = version(tmp_path / "v1", "prohibited", "1")
    packs.load([folder])
    planted = tmp_path / "planted"
    cache.rename(planted)
    cache.symlink_to(planted)
    with pytest.raises(OSError):
        packcache._Box.open(cache)
    assert verdict_of([folder]) is Verdict.prohibited


@pytest.mark.skipif(os.getuid() != 0, reason="needs another user: run as root")
def test_a_folder_or_entry_of_another_user_is_never_read(cache: Path, tmp_path: Path,
                                                          reads: list[Path]) -> None:
    folder = version(tmp_path / "v1", "prohibited", "1")
    packs.load([folder])
    (entry,) = entries(cache)
    os.chown(entry, 65534, 65534)
    packs.load([folder])
    assert len(reads) == 2
    os.chown(cache, 65534, 65534)
    packs.load([folder])
    assert len(reads) == 3


def test_folders_are_created_private_whatever_the_umask(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(home))
    folder = version(tmp_path / "v1", "prohibited", "1")
    old = os.umask(0)
    try:
        packs.load([folder])
    finally:
        os.umask(old)
    assert (home / ".cache").stat().st_mode & 0o777 == 0o700
    assert (home / ".cache" / "smguide").stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o077 == 0 for p in (home / ".cache" / "smguide").iterdir())


def test_entry_names_tell_nothing_about_the_paths(cache: Path, tmp_path: Path) -> None:
    """Names are keyed by the folder's own random key: a guess of a path cannot be
    checked against them, and two caches name the same packs differently."""
    folder = version(tmp_path / "v1", "prohibited", "1")
    packs.load([folder])
    (entry,) = entries(cache)
    guesses = [hashlib.sha256(str(p).encode()).hexdigest() for p in (folder, folder.resolve())]
    assert not any(g[:16] in entry.name for g in guesses)
    other = tmp_path / "other-cache"
    os.environ["XDG_CACHE_HOME"] = str(other)
    packs.load([folder])
    assert [p.name for p in entries(other / "smguide")] != [entry.name]


def test_the_folder_is_kept_under_its_cap_least_recently_used_first(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packcache, "MAX_ENTRIES", 3)
    folders = [version(tmp_path / f"p{i}", "prohibited", str(i)) for i in range(5)]
    for i, folder in enumerate(folders[:3]):
        packs.load([folder])
        for entry in entries(cache):  # file times one second apart, oldest first
            os.utime(entry, (1_600_000_000 + i, 1_600_000_000 + i))
    packs.load([folders[0]])  # used again: now the most recent
    packs.load([folders[3]])
    packs.load([folders[4]])
    assert len(entries(cache)) == 3
    monkeypatch.setattr(loader, "read_pack", _refuse)
    packs.load([folders[0]])  # still there: from the cache, no read


def _refuse(folder: Path | str, reading: object = None) -> object:
    raise AssertionError(f"read from the files: {folder}")


# -- never an old pack --------------------------------------------------------------


def test_a_switched_link_never_serves_the_old_pack(cache: Path, tmp_path: Path) -> None:
    v1 = version(tmp_path / "policy-v1", "discouraged", "1.0.0")
    v2 = version(tmp_path / "policy-v2", "prohibited", "2.0.0")
    current = tmp_path / "current"
    current.symlink_to(v1.name)
    assert verdict_of([current]) is Verdict.discouraged
    current.unlink()
    current.symlink_to(v2.name)
    pack = packs.load([current])
    assert pack.manifest.version == "2.0.0"
    assert decide(pack, ANSWERS).verdict is Verdict.prohibited


def test_a_switched_base_through_extends_is_read_again(cache: Path, tmp_path: Path) -> None:
    version(tmp_path / "base-v1", "discouraged", "1")
    version(tmp_path / "base-v2", "prohibited", "2")
    base = tmp_path / "base"
    base.symlink_to("base-v1")
    top = tmp_path / "agency"
    top.mkdir()
    (top / "pack.yaml").write_text(yaml.safe_dump(
        {"id": "agency", "title": "Agency", "version": "1", "extends": ["../base"]}))
    assert verdict_of([top]) is Verdict.discouraged
    base.unlink()
    base.symlink_to("base-v2")
    assert verdict_of([top]) is Verdict.prohibited


def test_a_switched_folder_in_smguide_packs_is_read_again(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    version(tmp_path / "v1", "discouraged", "1")
    version(tmp_path / "v2", "prohibited", "2")
    current = tmp_path / "current"
    current.symlink_to("v1")
    monkeypatch.setenv(packs.ENV_VAR, str(current))
    assert decide(packs.load(), ANSWERS).verdict is Verdict.discouraged
    current.unlink()
    current.symlink_to("v2")
    assert decide(packs.load(), ANSWERS).verdict is Verdict.prohibited


def test_an_update_while_the_pack_is_read_is_never_cached_as_new(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """rsync -a and cp -p keep the old file times: the update lands while the first run
    reads the pack (held here by a hook). That run applies what it read, and its
    content hash is that of what it applied; the next run must see the new rules."""
    folder = version(tmp_path / "p", "discouraged", "1")
    new = version(tmp_path / "new", "prohibited", "1")
    old_hash = loader.load_pack(folder).content_hash
    real = loader.Reading.read

    def read_then_update(self: loader.Reading, path: Path) -> str:
        text = real(self, path)
        if path.name == "content.yaml":
            stamp = path.stat()
            path.write_bytes((new / "content.yaml").read_bytes())
            os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        return text

    monkeypatch.setattr(loader.Reading, "read", read_then_update)
    first = packs.load([folder])
    monkeypatch.setattr(loader.Reading, "read", real)
    assert decide(first, ANSWERS).verdict is Verdict.discouraged
    assert first.content_hash == old_hash
    assert verdict_of([folder]) is Verdict.prohibited
    assert verdict_of([folder]) is Verdict.prohibited


def test_a_fifo_the_loader_never_reads_does_not_hang(tmp_path: Path) -> None:
    folder = version(tmp_path / "p", "prohibited", "1")
    (folder / "scenarios").mkdir()
    os.mkfifo(folder / "scenarios" / "x.yaml")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop(packcache.ENV_VAR, None)
    cmd = [sys.executable, "-m", "smguide", "decide", "--pack", str(folder), "--format",
           "json", *(f"--set={q}={a}" for q, a in ANSWERS.items())]
    for _ in range(2):  # filling the cache, then reading it
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        assert '"verdict": "prohibited"' in done.stdout


def test_the_pack_limit_applies_with_a_warm_cache(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = version(tmp_path / "p", "prohibited", "1")
    (folder / "notes.yaml").write_text("rules: []\n# " + "x" * (1536 * 1024) + "\n")
    monkeypatch.setenv(loader.MAX_PACK_ENV, "2")
    packs.load([folder])
    packs.load([folder])
    assert len(entries(cache)) == 1
    monkeypatch.setenv(loader.MAX_PACK_ENV, "1")
    with pytest.raises(LimitError):
        packs.load([folder])


@pytest.mark.parametrize("value", ["²", "¹⁰", "9" * 5000, "-1", "0", "1025", "1e3"])
def test_a_strange_pack_limit_is_a_usage_error(value: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(loader.MAX_PACK_ENV, value)
    with pytest.raises(UsageError, match=loader.MAX_PACK_ENV):
        loader.pack_limits()


# -- signals ------------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["read", "write"])
@pytest.mark.parametrize("signal", [KeyboardInterrupt, Terminated])
def test_a_signal_while_the_cache_is_used_stops_smguide(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phase: str,
        signal: type[BaseException]) -> None:
    folder = version(tmp_path / "p", "prohibited", "1")
    if phase == "read":
        packs.load([folder])
    import signal as signals

    error = KeyboardInterrupt() if signal is KeyboardInterrupt else Terminated(signals.SIGTERM)

    def stop(*args: object, **kwargs: object) -> object:
        raise error

    if phase == "read":
        monkeypatch.setattr(cachecodec, "decode", stop)
    else:
        monkeypatch.setattr(os, "replace", stop)
    with pytest.raises(signal):
        packs.load([folder])
    assert not list(cache.glob(".*.tmp"))


# -- hostile entries ----------------------------------------------------------------


def test_random_and_mutated_entries_only_ever_rebuild(cache: Path, tmp_path: Path) -> None:
    folder = version(tmp_path / "p", "prohibited", "1")
    expected = decide(packs.load([folder]), ANSWERS)
    (entry,) = entries(cache)
    good = entry.read_bytes()
    rng = random.Random(18)
    for _ in range(60):
        blob = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            blob[rng.randrange(len(blob))] = rng.randrange(256)
        entry.write_bytes(bytes(blob) if rng.random() < 0.8 else os.urandom(rng.randint(0, 999)))
        assert decide(packs.load([folder]), ANSWERS) == expected


def test_the_decoder_builds_only_pack_data_from_mutated_payloads(tmp_path: Path) -> None:
    """Past the seal (as if someone had the key): mutated payloads give a clean
    BadEntry or a pack made of the pack's own types, never anything else."""
    pack = loader.load_pack(version(tmp_path / "p", "prohibited", "1"))
    payload = cachecodec.encode(pack)
    assert cachecodec.decode(payload) == pack
    rng = random.Random(20)
    tokens = [b"null", b"true", b"1", b"-1", b"[]", b"{}", b'"x"', b"99999999", b"[[[[",
              b'"\\ud800"']
    for _ in range(400):
        blob = bytearray(payload)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(blob))
            if rng.random() < 0.5:
                blob[at] = rng.randrange(32, 127)
            else:
                blob[at:at + rng.randint(1, 6)] = rng.choice(tokens)
        try:
            out = cachecodec.decode(bytes(blob))
        except cachecodec.BadEntry:
            continue
        assert type(out).__name__ == "Pack"
        decide(out, ANSWERS)
