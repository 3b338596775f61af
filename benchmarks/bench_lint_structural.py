"""Structural lint of a large pack, as a ratio against yamllint over the same files.

    python benchmarks/bench_lint_structural.py [--rules 10000] [--runs 3]

Generates a synthetic pack (questions with 2-6 options, ``--rules`` rules spread over
files of 500) in a temporary folder, then reports the median wall time of
``smguide lint --select <every structural check>`` and of ``yamllint`` on the same
folder, and their ratio (the goal is <= 1.0: smguide parses with libyaml's C parser,
yamllint tokenises in pure Python). Both run as separate processes, start-up included.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from timing import median_seconds

BIN = Path(sys.executable).parent
VERDICTS = ["prohibited", "not_yet", "needs_authorization", "consult_supervisor",
            "discouraged", "permitted_with_conditions", "permitted"]
PER_FILE = 500


def _dump(data: object, path: Path) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=88)
    path.write_text(text, encoding="utf-8")


def write_pack(folder: Path, n_rules: int = 10_000, seed: int = 1) -> Path:
    """A valid pack with ``n_rules`` rules, about one question per 50 rules."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    _dump({"id": "synthetic", "title": "Synthetic pack", "version": "1.0.0",
           "languages": ["en"]}, folder / "pack.yaml")
    sections = [{"id": f"s{i}", "title": f"Section {i}", "summary": f"Provision {i}."}
                for i in range(50)]
    questions: list[dict[str, object]] = []
    for i in range(max(4, n_rules // 50)):
        opts = [{"id": f"o{j}", "text": f"Option {j} of question {i}"}
                for j in range(rng.randint(2, 6))]
        question: dict[str, object] = {"id": f"q{i}", "text": f"Question {i}?",
                                       "help": "Pick the answer that fits.", "options": opts}
        if i > 0 and rng.random() < 0.3:
            question["ask_if"] = {f"q{rng.randrange(i)}": "o0"}
        questions.append(question)
    _dump({"sources": [{"id": "src", "title": "Source", "issuer": "Issuer",
                        "date": "2011-11-30", "sections": sections}],
           "questions": questions}, folder / "questions.yaml")

    rules_dir = folder / "rules"
    rules_dir.mkdir(exist_ok=True)
    for start in range(0, n_rules, PER_FILE):
        rules = []
        for i in range(start, min(start + PER_FILE, n_rules)):
            tests: dict[str, object] = {}
            for q in rng.sample(questions, rng.randint(1, 3)):
                ids = [o["id"] for o in q["options"]]  # type: ignore[attr-defined]
                picked = rng.sample(ids, rng.randint(1, len(ids) - 1))
                tests[str(q["id"])] = picked[0] if len(picked) == 1 else picked
            rules.append({
                "id": f"r{i}", "title": f"Rule {i}", "when": tests,
                "verdict": rng.choice(VERDICTS),
                "rationale": f"Why rule {i} gives this verdict.",
                "obligations": [f"Obligation of rule {i}."],
                "cite": [{"source": "src", "section": f"s{rng.randrange(len(sections))}",
                          "quote": f"Quoted text {i}."}],
            })
        _dump({"rules": rules}, rules_dir / f"part-{start // PER_FILE:03d}.yaml")
    return folder


def tool(name: str) -> list[str]:
    found = BIN / name
    if found.exists():
        return [str(found)]
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} is not installed (pip install -e '.[dev]')")
    return [path]


def structural_ids() -> list[str]:
    from smguide.lint.registry import discover

    return [c.id for c in discover() if c.kind == "structural"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pack = write_pack(Path(tmp) / "synthetic", args.rules)
        files = sorted(pack.rglob("*.yaml"))
        size = sum(f.stat().st_size for f in files)
        smguide = [sys.executable, "-m", "smguide", "lint",
                   "--select", ",".join(structural_ids()), str(pack)]
        ours, our_code = median_seconds(smguide, args.runs)
        theirs, _ = median_seconds([*tool("yamllint"), str(pack)], args.runs)
    print(f"pack: {args.rules} rules in {len(files)} files, {size / 1e6:.1f} MB")
    print(f"smguide lint (structural): {ours:.2f} s (exit {our_code})")
    print(f"yamllint:                  {theirs:.2f} s")
    print(f"ratio smguide/yamllint:    {ours / theirs:.2f} (goal <= 1.0)")


if __name__ == "__main__":
    main()
