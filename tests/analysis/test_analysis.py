"""The semantic analysis against brute force: on small random packs, every finding
and every absence of one is compared with an enumeration of all the combinations the
question flow can produce."""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from smguide.analysis import analyse
from smguide.analysis.space import Space
from smguide.analysis.unknown import strictest
from smguide.engine.core import decide
from smguide.pack.loader import load_pack
from smguide.pack.models import UNSURE, Pack, Verdict
from tests.enginepacks import random_body, write_pack


def point(space: Space, completion: dict[str, str | None]) -> int:
    """The box holding exactly one combination."""
    out = 0
    for f in space.fields:
        out |= 1 << (f.offset + f.values.index(completion[f.qid]))
    return out

Completion = dict[str, str | None]


# --- brute force ---------------------------------------------------------------------


def completions(pack: Pack) -> Iterator[Completion]:
    def walk(i: int, assign: Completion) -> Iterator[Completion]:
        if i == len(pack.questions):
            yield dict(assign)
            return
        q = pack.questions[i]
        asked = q.ask_if is None or q.ask_if.evaluate(assign)
        for v in (q.option_ids if asked else [None]):
            assign[q.id] = v
            yield from walk(i + 1, assign)
        del assign[q.id]

    yield from walk(0, {})


def effective(pack: Pack, assign: Completion) -> set[str]:
    memo: dict[str, bool] = {}

    def eff(rid: str) -> bool:
        if rid not in memo:
            rule = pack.rule(rid)
            assert rule is not None
            memo[rid] = rule.when.evaluate(assign) and not any(
                eff(e.id) for e in pack.rules if rid in e.exception_to)
        return memo[rid]

    return {r.id for r in pack.rules if eff(r.id)}


def rank(pack: Pack, rid: str) -> int | None:
    rule = pack.rule(rid)
    assert rule is not None
    return rule.verdict.rank if rule.verdict is not None else None


def above(pack: Pack, rid: str) -> set[str]:
    """The rules ``rid`` is, transitively, an exception to."""
    rule = pack.rule(rid)
    assert rule is not None
    out: set[str] = set()
    for t in rule.exception_to:
        out |= {t} | above(pack, t)
    return out


class Brute:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.worlds = [(c, effective(pack, c)) for c in completions(pack)]

    def applies(self, rid: str, c: Completion) -> bool:
        rule = self.pack.rule(rid)
        assert rule is not None
        return rule.when.evaluate(c)

    def uncovered(self) -> list[Completion]:
        return [c for c, eff in self.worlds
                if not any(rank(self.pack, r) is not None for r in eff)]

    def conflicts(self) -> set[tuple[str, str]]:
        out = set()
        for _, eff in self.worlds:
            for a in eff:
                for b in eff:
                    ra, rb = rank(self.pack, a), rank(self.pack, b)
                    if ra is None or rb is None or ra >= rb:
                        continue
                    if b in above(self.pack, a) or a in above(self.pack, b):
                        continue
                    out.add((a, b))
        return out

    def never_applies(self) -> set[str]:
        return {r.id for r in self.pack.rules
                if not any(self.applies(r.id, c) for c, _ in self.worlds)}

    def always_defeated(self) -> set[str]:
        return {r.id for r in self.pack.rules
                if any(self.applies(r.id, c) for c, _ in self.worlds)
                and not any(r.id in eff for _, eff in self.worlds)}

    def sets_aside(self, e: str, t: str) -> bool:
        return any(e in eff and self.applies(t, c) for c, eff in self.worlds)

    def unused_exceptions(self) -> set[tuple[str, str]]:
        broken = self.never_applies() | self.always_defeated()
        return {(r.id, t) for r in self.pack.rules for t in r.exception_to
                if r.id not in broken and t not in broken and not self.sets_aside(r.id, t)}

    def decides(self, rid: str, eff: set[str]) -> bool:
        k = rank(self.pack, rid)
        ranks = [rank(self.pack, s) for s in eff]
        return rid in eff and k is not None and not any(
            other is not None and other < k for other in ranks)

    def shadowed(self) -> set[str]:
        out = set()
        for r in self.pack.rules:
            if r.verdict is None or not any(r.id in eff for _, eff in self.worlds):
                continue
            if any(self.decides(r.id, eff) for _, eff in self.worlds):
                continue
            if any(self.sets_aside(r.id, t) for t in r.exception_to):
                continue
            out.add(r.id)
        return out


# --- random packs --------------------------------------------------------------------


def body(seed: int) -> dict[str, object]:
    """Up to 5 questions and 8 rules, with ask_if (some negated or over two questions),
    exceptions (some to two rules, some chained) and nested all/any/not."""
    rng = random.Random(seed)
    n_questions = rng.randint(2, 5)
    data = random_body(rng, n_questions, rng.randint(2, 8))
    questions: list[dict[str, object]] = data["questions"]  # type: ignore[assignment]
    for i, q in enumerate(questions):
        if "ask_if" in q and rng.random() < 0.5:
            prev = rng.randrange(i)
            q["ask_if"] = rng.choice([
                {"not": {f"q{prev}": "o1"}},
                {"any": [q["ask_if"], {f"q{prev}": "o1"}]},
                {"all": [q["ask_if"], {"not": {f"q{rng.randrange(i)}": "o0"}}]},
            ])
    rules: list[dict[str, object]] = data["rules"]  # type: ignore[assignment]
    for i, r in enumerate(rules):
        if "exception_to" in r and i > 1 and rng.random() < 0.3:
            r["exception_to"] = sorted({*r["exception_to"], f"r{rng.randrange(i)}"})  # type: ignore[misc]
    return data


def load(tmp_path: Path, seed: int) -> Pack:
    return load_pack(write_pack(tmp_path / f"p{seed}", body(seed)))


SEEDS = range(160)


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Pack, Brute]]:
    tmp = tmp_path_factory.mktemp("analysis")
    out = {}
    for seed in SEEDS:
        pack = load(tmp, seed)
        out[seed] = (pack, Brute(pack))
    return out


def inside(pack: Pack, box: int, c: Completion) -> bool:
    at = point(analyse(pack).compiled.space, c)
    return box & at == at


def key(c: Completion) -> tuple[object, ...]:
    return tuple(sorted(c.items()))


@pytest.mark.parametrize("seed", SEEDS)
def test_gaps_are_exactly_the_uncovered_combinations(
        packs: dict[int, tuple[Pack, Brute]], seed: int) -> None:
    pack, brute = packs[seed]
    gaps = analyse(pack).gaps
    assert gaps.complete
    expected = {key(c) for c in brute.uncovered()}
    reported: set[tuple[object, ...]] = set()
    for gap in gaps.regions:
        held = [c for c, _ in brute.worlds if inside(pack, gap.box, c)]
        assert gap.count == len(held) > 0
        assert key(gap.witness) in {key(c) for c in held}
        reported |= {key(c) for c in held}
    assert reported == expected
    assert gaps.uncovered == len(expected)
    assert gaps.total == len(brute.worlds)


@pytest.mark.parametrize("seed", SEEDS)
def test_conflicts_are_exactly_the_brute_force_pairs(
        packs: dict[int, tuple[Pack, Brute]], seed: int) -> None:
    pack, brute = packs[seed]
    analysis = analyse(pack)
    found = analysis.conflicts
    assert {(c.stricter.id, c.laxer.id) for c in found} == brute.conflicts()
    for c in found:
        held = [w for w, eff in brute.worlds if inside(pack, c.box, w)]
        assert held and all({c.stricter.id, c.laxer.id} <= effective(pack, w) for w in held)
        assert key(analysis.witness(c.box)) in {key(w) for w in held}


@pytest.mark.parametrize("seed", SEEDS)
def test_dead_rules_match_brute_force(packs: dict[int, tuple[Pack, Brute]], seed: int) -> None:
    pack, brute = packs[seed]
    dead = analyse(pack).dead
    assert {d.rule.id for d in dead if d.kind == "never-applies"} == brute.never_applies()
    defeated = [d for d in dead if d.kind == "always-defeated"]
    assert {d.rule.id for d in defeated} == brute.always_defeated()
    for d in defeated:
        held = [w for w, _ in brute.worlds if d.box is not None and inside(pack, d.box, w)]
        assert held and d.other is not None
        assert all(brute.applies(d.rule.id, w) and d.other.id in effective(pack, w)
                   for w in held)
    unused = {(d.rule.id, d.other.id) for d in dead if d.kind == "unused-exception"
              if d.other is not None}
    assert unused == brute.unused_exceptions()


@pytest.mark.parametrize("seed", SEEDS)
def test_shadowed_rules_match_brute_force(
        packs: dict[int, tuple[Pack, Brute]], seed: int) -> None:
    pack, brute = packs[seed]
    analysis = analyse(pack)
    found = analysis.shadowed
    assert {s.rule.id for s in found} == brute.shadowed()
    for s in found:
        held = [w for w, _ in brute.worlds if inside(pack, s.box, w)]
        assert held and all({s.rule.id, s.by.id} <= effective(pack, w) for w in held)
        assert s.by.verdict is not None and s.rule.verdict is not None
        assert s.by.verdict.stricter_than(s.rule.verdict)
    for rid, box in analysis.decisive.items():
        held = [w for w, _ in brute.worlds if inside(pack, box, w)]
        assert held and all(brute.decides(rid, effective(pack, w)) for w in held)
    can_decide = {r.id for r in pack.rules
                  if any(brute.decides(r.id, eff) for _, eff in brute.worlds)}
    assert set(analysis.decisive) == can_decide


@pytest.mark.parametrize("seed", SEEDS[:60])
def test_unsure_is_never_laxer(packs: dict[int, tuple[Pack, Brute]], seed: int) -> None:
    pack, _ = packs[seed]
    assert analyse(pack).unsafe_unknowns == []


@pytest.mark.parametrize("seed", SEEDS[:40])
def test_witnesses_replay_with_the_engine(
        packs: dict[int, tuple[Pack, Brute]], seed: int) -> None:
    pack, _ = packs[seed]
    analysis = analyse(pack)

    def answers(c: Completion) -> dict[str, str]:
        return {q: v for q, v in c.items() if v is not None}

    for gap in analysis.gaps.regions:
        decision = decide(pack, answers(gap.witness), why_not=False)
        assert decision.silent and decision.verdict is Verdict.consult_supervisor
    for conflict in analysis.conflicts:
        decision = decide(pack, answers(analysis.witness(conflict.box)), why_not=False)
        applied = {a.rule.id for a in decision.applied}
        assert {conflict.stricter.id, conflict.laxer.id} <= applied


def allowed_by(pack: Pack, brute: Brute, answers: dict[str, str]) -> list[Completion]:
    """The completions of partial answers, as the engine sees them."""
    return [w for w, _ in brute.worlds if all(w[q] in (None, a) for q, a in answers.items())]


@pytest.mark.parametrize("seed", SEEDS[:80])
def test_short_witnesses_pin_the_finding_down(
        packs: dict[int, tuple[Pack, Brute]], seed: int) -> None:
    pack, brute = packs[seed]
    analysis = analyse(pack)
    boxes = [g.box for g in analysis.gaps.regions] + [c.box for c in analysis.conflicts]
    boxes += [s.box for s in analysis.shadowed]
    boxes += [d.box for d in analysis.dead if d.box is not None]
    for box in boxes:
        short = analysis.short_witness(box)
        held = allowed_by(pack, brute, short)
        assert held and all(inside(pack, box, w) for w in held), short


def brute_verdict(pack: Pack, eff: set[str]) -> int:
    ranks = [k for r in eff if (k := rank(pack, r)) is not None]
    return min(ranks) if ranks else Verdict.consult_supervisor.rank


@pytest.mark.parametrize("seed", SEEDS[:40])
def test_exact_verdict_for_partial_answers(
        packs: dict[int, tuple[Pack, Brute]], seed: int) -> None:
    """The verdict unsafe-unknown compares the engine with, against brute force."""
    pack, brute = packs[seed]
    analysis = analyse(pack)
    choices = [[*q.option_ids, UNSURE] for q in pack.questions]
    for combo in itertools.islice(itertools.product(*choices), 0, None, 5):
        answers = {q.id: a for q, a in zip(pack.questions, combo, strict=True) if a != UNSURE}
        worlds = [eff for w, eff in brute.worlds
                  if all(w[q] in (None, a) for q, a in answers.items())]
        expected = min(brute_verdict(pack, eff) for eff in worlds)
        got = strictest(analysis.compiled, analysis._effective, answers)
        assert got.rank == expected, answers


def gen_packs_module() -> object:
    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    try:
        import gen_packs
    finally:
        sys.path.pop(0)
    return gen_packs


@pytest.mark.parametrize(("kind", "seed"), [(k, s) for k in ("tree", "random") for s in range(3)])
def test_benchmark_shapes_against_brute_force(tmp_path: Path, kind: str, seed: int) -> None:
    """The generated tables (with a gated question, exceptions, widened and narrowed
    rules) at a size brute force can check."""
    gen = gen_packs_module()
    data = gen.body(kind, 24, n_questions=7, seed=seed, max_options=3)  # type: ignore[attr-defined]
    pack = load_pack(gen.write(tmp_path / kind, data))  # type: ignore[attr-defined]
    assert any(q.ask_if is not None for q in pack.questions)
    brute = Brute(pack)
    analysis = analyse(pack)
    reported = {key(w) for g in analysis.gaps.regions for w, _ in brute.worlds
                if inside(pack, g.box, w)}
    assert analysis.gaps.complete and reported == {key(c) for c in brute.uncovered()}
    assert {(c.stricter.id, c.laxer.id) for c in analysis.conflicts} == brute.conflicts()
    assert {s.rule.id for s in analysis.shadowed} == brute.shadowed()
    assert {d.rule.id for d in analysis.dead if d.kind == "never-applies"} == \
        brute.never_applies()
