"""Synthetic rule packs for benchmarking the semantic analysis.

Two kinds, over Q questions with 2 to 6 options each (one question in ten asked only
when an earlier one is answered ``o0``):

* ``tree``: the shape studied in the published DMN analyses (Calvanese et al.): a
  decision tree splits the answer space into N disjoint boxes, one rule each, with
  no gap and no overlap; then 10% of the rules are widened (one option added to the
  test of their last split: overlaps with a neighbour) or narrowed (one option
  removed: a gap). About 1% of the
  rules get an exception (a narrower box with another verdict) and 2% are
  obligation-only.
* ``random``: unstructured rules, as in a DMN table filled at random: each rule
  tests each question with probability 0.9 against a random proper subset of its
  options (a gated question only together with its ``ask_if``), plus the same
  exceptions and obligation-only rules.

``body(kind, n, q, seed)`` gives the pack as plain data; ``write(folder, body)`` writes
a real pack folder (manifest, sources, questions, rules split over files) for the
real loader; ``build(body)`` makes the Pack in memory, skipping YAML.

    python benchmarks/gen_packs.py tree 10000 OUT_DIR [--questions 40] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

from smguide.pack.models import Manifest, Pack, Question, Rule, Source

VERDICTS = ["prohibited", "not_yet", "needs_authorization", "discouraged",
            "permitted_with_conditions", "permitted"]
RULES_PER_FILE = 1000
Body = dict[str, list[dict[str, Any]]]
Region = dict[str, list[str]]


def questions(n: int, rng: random.Random, max_options: int = 6) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(n):
        options = [{"id": f"o{j}", "text": f"Option {j}"}
                   for j in range(rng.randint(2, max_options))]
        q: dict[str, Any] = {"id": f"q{i}", "text": f"Question {i}?", "options": options}
        if i > 0 and i % 10 == 5:
            q["ask_if"] = {f"q{rng.randrange(i)}": "o0"}
        out.append(q)
    return out


def _gate(q: dict[str, Any]) -> tuple[str, str] | None:
    ask_if = q.get("ask_if")
    if not ask_if:
        return None
    ((qid, option),) = ask_if.items()
    return qid, option


def _split(region: Region, n: int, qs: list[dict[str, Any]], rng: random.Random,
           out: list[Region]) -> None:
    """Cut the region into n disjoint boxes, tree-wise."""
    if n == 1:
        out.append(region)
        return
    free = []
    for q in qs:
        if q["id"] in region or len(q["options"]) < 2:
            continue
        gate = _gate(q)
        if gate is None or region.get(gate[0]) == [gate[1]]:
            free.append(q)
    if not free:
        out.append(region)
        return
    q = rng.choice(free)
    options = [o["id"] for o in q["options"]]
    rng.shuffle(options)
    k = min(len(options), n, rng.randint(2, 3))
    cuts = sorted(rng.sample(range(1, len(options)), k - 1))
    groups = [sorted(options[a:b]) for a, b in zip([0, *cuts], [*cuts, len(options)],
                                                     strict=True)]
    shares = [1] * k
    for _ in range(n - k):
        shares[rng.randrange(k)] += 1
    for group, share in zip(groups, shares, strict=True):
        _split({**region, q["id"]: group}, share, qs, rng, out)


def _random_region(qs: list[dict[str, Any]], rng: random.Random) -> Region:
    region: Region = {}
    for q in qs:
        if rng.random() < 0.9:
            options = [o["id"] for o in q["options"]]
            region[q["id"]] = sorted(rng.sample(options, rng.randint(1, len(options) - 1)))
            gate = _gate(q)
            if gate is not None and gate[1] not in region.get(gate[0], [gate[1]]):
                region[gate[0]] = sorted({*region[gate[0]], gate[1]})
    return region


def _perturb(region: Region, qs: dict[str, dict[str, Any]], rng: random.Random) -> Region:
    """Widen or narrow the test of the rule's last split by one option: a boundary
    moves between neighbouring rules, as in the DMN benchmark."""
    if not region:
        return region
    qid = list(region)[-1]
    options = [o["id"] for o in qs[qid]["options"]]
    chosen = list(region[qid])
    if rng.random() < 0.5 and len(chosen) < len(options) - 1:
        chosen.append(rng.choice([o for o in options if o not in chosen]))
    elif len(chosen) > 1:
        chosen.remove(rng.choice(chosen))
    return {**region, qid: sorted(chosen)}


def _narrower(region: Region, qs: list[dict[str, Any]], rng: random.Random) -> Region:
    """A box inside the region: one more test, or one test with an option fewer."""
    open_qs = [q for q in qs if q["id"] not in region and _gate(q) is None]
    if open_qs and (rng.random() < 0.5 or all(len(v) == 1 for v in region.values())):
        q = rng.choice(open_qs)
        return {**region, q["id"]: [q["options"][0]["id"]]}
    wide = [k for k, v in region.items() if len(v) > 1]
    qid = rng.choice(wide)
    return {**region, qid: region[qid][1:]}


def body(kind: str, n: int, n_questions: int = 40, seed: int = 0, max_options: int = 6) -> Body:
    rng = random.Random(seed)
    qs = questions(n_questions, rng, max_options)
    by_id = {q["id"]: q for q in qs}
    regions: list[Region] = []
    if kind == "tree":
        _split({}, n, qs, rng, regions)
        regions = [_perturb(r, by_id, rng) if rng.random() < 0.1 else r for r in regions]
    elif kind == "random":
        regions = [_random_region(qs, rng) for _ in range(n)]
    else:
        raise ValueError(f"unknown kind {kind!r}")
    rules: list[dict[str, Any]] = []
    for i, region in enumerate(regions):
        rule: dict[str, Any] = {"id": f"r{i}", "title": f"Rule {i}",
                                "when": region or {"all": []}}
        roll = rng.random()
        if roll < 0.02:
            rule["obligations"] = [f"Obligation {i}."]
        else:
            rule["verdict"] = rng.choice(VERDICTS)
        rules.append(rule)
        if roll > 0.99 and region:
            verdict = rng.choice([v for v in VERDICTS if v != rule.get("verdict")])
            rules.append({"id": f"r{i}-x", "title": f"Exception to rule {i}",
                          "when": _narrower(region, qs, rng), "verdict": verdict,
                          "exception_to": [f"r{i}"]})
    for rule in rules:
        rule["cite"] = [{"source": "src", "section": "s1"}]
    return {"questions": qs, "rules": rules}


SOURCES = [{"id": "src", "title": "Synthetic source", "issuer": "benchmark",
            "date": "2024-01-01", "sections": [{"id": "s1", "title": "Section 1"}]}]


def _dump(data: Any, path: Path) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False), encoding="utf-8")


def write(folder: Path, data: Body, pack_id: str = "synthetic") -> Path:
    """A real pack folder, for the real loader."""
    (folder / "rules").mkdir(parents=True, exist_ok=True)
    _dump({"id": pack_id, "title": pack_id, "version": "1"}, folder / "pack.yaml")
    _dump({"sources": SOURCES}, folder / "sources.yaml")
    _dump({"questions": data["questions"]}, folder / "questions.yaml")
    rules = data["rules"]
    for start in range(0, len(rules), RULES_PER_FILE):
        part = rules[start:start + RULES_PER_FILE]
        _dump({"rules": part}, folder / "rules" / f"part{start // RULES_PER_FILE:04d}.yaml")
    return folder


def build(data: Body, pack_id: str = "synthetic") -> Pack:
    """The Pack in memory (no YAML, no cross-reference check: the generator is sound)."""
    return Pack(
        manifest=Manifest.model_validate({"id": pack_id, "title": pack_id, "version": "1"}),
        sources=[Source.model_validate(s) for s in SOURCES],
        questions=[Question.model_validate(q) for q in data["questions"]],
        rules=[Rule.model_validate(r) for r in data["rules"]],
        path="<memory>",
        content_hash="",
        layers=[pack_id],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["tree", "random"])
    parser.add_argument("rules", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write(args.out, body(args.kind, args.rules, args.questions, args.seed))


if __name__ == "__main__":
    main()
