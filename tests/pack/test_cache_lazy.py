"""The pack cache reads a rule's parts when they are first used (issue 20): whatever is
read first, a rule is the rule of the files, and a decision with every answer reads
only the rules the answers leave in."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from smguide.engine.core import decide
from smguide.errors import Location
from smguide.pack import cachecodec, cachedrule, loader
from smguide.pack import conditions as c
from smguide.pack import selection as packs
from smguide.pack.cachedrule import BOX, DONE, UNREAD, CachedRule, DamagedEntry
from smguide.pack.models import Pack, Rule, field_names
from tests.analysis.test_analysis import gen_packs_module
from tests.pack.test_packcache import age, cache, entries, reads  # noqa: F401 - fixtures

ORDERS = ["texts", "chunk", "when", "places", "box"]


def bundled(monkeypatch: pytest.MonkeyPatch) -> Pack:
    monkeypatch.setenv("SMGUIDE_CACHE", "off")  # the pack as its files give it
    return packs.load(None)


def generated(tmp_path: Path, kind: str, size: int, questions: int = 8) -> tuple[Path, Any]:
    gen = gen_packs_module()
    data = gen.body(kind, size, n_questions=questions, seed=3)  # type: ignore[attr-defined]
    return gen.write(tmp_path / kind, data), data  # type: ignore[attr-defined]


def sealed(pack: Pack) -> Pack:
    """The pack as the cache reads a sealed entry: each rule's parts when first used."""
    return cachecodec.decode(cachecodec.encode(pack), sealed=True)


def asked(tests: Any) -> list[tuple[Any, ...]]:
    return [(t.question, t.options, t.path) for t in tests]


def places(rule: Rule) -> list[tuple[Any, str]]:
    return [(t.path, str(t.location)) for t in c.tests_of(rule.when)]


def first(rule: CachedRule, order: str) -> None:
    """Read one part of a rule read from the cache before anything else."""
    if order == "texts":
        assert rule.obligations is rule.obligations and isinstance(rule.principles, list)
    elif order == "chunk":
        assert rule.title and rule.cite is rule.cite
    elif order == "when":
        assert rule.when is rule.when
    elif order == "places":
        assert rule.location is not None and rule.origin
    else:
        rule.box_tests()


def check_every_rule(pack: Pack) -> None:
    for order in ORDERS:
        again = sealed(pack)
        assert len(again.rules) == len(pack.rules)
        for rule, cached in zip(pack.rules, again.rules, strict=True):
            assert type(cached) is CachedRule and cached._unread == UNREAD
            first(cached, order)
            if cached._tree is not DONE:  # its tests, told without building the condition
                boxed = cached.box_tests()
                assert cached._tree is not DONE
                expected = Rule.box_tests(rule)
                assert (boxed is None) == (expected is None), rule.id
                assert boxed is None or asked(boxed) == asked(expected), rule.id
            assert cached == rule and rule == cached, rule.id
            assert cached.location == rule.location, rule.id
            assert (cached.origin, cached.replaces_at) == (rule.origin, rule.replaces_at)
            assert places(cached) == places(rule), rule.id
        assert again == pack
        assert cachecodec.decode(cachecodec.encode(pack)) == pack  # checked all at once


def test_every_bundled_rule_read_on_access_is_the_rule_of_the_files(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pack = bundled(monkeypatch)
    assert any(r.exception_to for r in pack.rules) and any(r.urgent for r in pack.rules)
    assert any(r.obligations for r in pack.rules) and any(r.considerations for r in pack.rules)
    last = pack.rules[-1]  # as a rule of an agency pack that replaces two
    last.replaces = ["a", "b"]
    last.compose(last.origin, [Location("agency.yaml", 3, 5), Location("agency.yaml", 4, 5)])
    last.yields_to_stricter = True
    check_every_rule(pack)


@pytest.mark.parametrize("kind", ["random", "tree"])
def test_every_generated_rule_read_on_access_is_the_rule_of_the_files(
        tmp_path: Path, kind: str) -> None:
    folder, _ = generated(tmp_path, kind, 60)
    check_every_rule(loader.load_pack(folder))


def test_the_rule_parts_cover_every_field() -> None:
    """A field added to Rule must be read from the head, the texts or the chunk."""
    parts = [*cachedrule.HEAD, *cachedrule.TEXTS, *cachedrule.CHUNK, "when"]
    assert sorted(parts) == sorted(field_names(Rule.__new__(Rule)))
    assert len(parts) == len(set(parts))


def test_a_change_before_the_chunk_is_read_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    pack = sealed(bundled(monkeypatch))
    rule = next(r for r in pack.rules if r.obligations)
    again = sealed(bundled(monkeypatch))
    twin = next(r for r in again.rules if r.id == rule.id)
    twin.obligations = []
    twin.title = rule.title  # reads the chunk: the obligations set stay
    assert twin.obligations == [] and twin.rationale == rule.rationale
    twin.locate(None)
    assert twin.location is None and twin.origin == rule.origin
    plain = CachedRule(id="x", title=rule.title, when=rule.when)  # as a Rule would be
    assert plain.title == rule.title and plain.box_tests() == Rule.box_tests(plain)
    assert (plain.location, plain.origin, plain.replaces_at) == (None, "", [])
    plain.compose("p", [])
    assert plain == Rule(id="x", title=rule.title, when=rule.when)


def test_a_decision_with_every_answer_reads_only_the_rules_left_in(tmp_path: Path) -> None:
    folder, _ = generated(tmp_path, "random", 400, questions=12)
    pack = loader.load_pack(folder)
    rng = random.Random(5)
    for _ in range(5):
        answers = {q.id: rng.choice(q.option_ids) for q in pack.questions}
        cached = sealed(pack)
        assert decide(cached, answers) == decide(pack, answers)
        read = sum(r._unread != UNREAD for r in cached.rules)  # type: ignore[attr-defined]
        built = sum(r._tree is not BOX for r in cached.rules)  # type: ignore[attr-defined]
        assert read < len(pack.rules) / 10 and built < len(pack.rules) / 10, (read, built)


def test_a_tampered_part_of_an_entry_is_a_miss(cache: Path, reads: list[Path],  # noqa: F811
                                               tmp_path: Path) -> None:
    folder, _ = generated(tmp_path, "tree", 40)
    age(folder)
    expected = decide(packs.load([folder]), {})
    assert decide(packs.load([folder]), {}) == expected and len(reads) == 1
    (entry,) = entries(cache)
    good = entry.read_bytes()
    at = good.index(b"\n", good.index(b"\n", good.index(b"\n") + 1) + 1) + 1  # the payload
    sizes = [int(n) for n in good[at:good.index(b"\n", at)].split()]
    start = good.index(b"\n", at) + 1
    regions = []  # the middle of the head, the numbers, the spots and the chunks
    for size in [*sizes, len(good) - start - sum(sizes)]:
        regions.append(start + size // 2)
        start += size
    for count, where in enumerate(regions, start=2):
        blob = bytearray(good)
        blob[where] ^= 0x20
        entry.write_bytes(bytes(blob))
        assert decide(packs.load([folder]), {}) == expected
        assert len(reads) == count


def test_a_damaged_chunk_past_the_seal_is_one_clear_error(tmp_path: Path) -> None:
    """Only an entry made with the user's own key gets past the seal: the chunk it
    damaged is a clear error when read (the checked decode refuses it at once)."""
    folder, _ = generated(tmp_path, "tree", 12)
    pack = loader.load_pack(folder)
    payload = cachecodec.encode(pack)
    chunk = payload.rindex(b'[[0,')  # the last rule's chunk starts with its place
    for damage in (b"{", b"7", b"]"):
        blob = payload[:chunk + 1] + damage + payload[chunk + 2:]
        with pytest.raises(cachecodec.BadEntry):
            cachecodec.decode(blob)
        cached = cachecodec.decode(blob, sealed=True)
        assert cached.rules[0] == pack.rules[0]
        with pytest.raises(DamagedEntry):
            cached.rules[-1].title  # noqa: B018 - read to fail
