"""Wall time of ``smguide test`` on many scenarios, start-up subtracted.

    python benchmarks/bench_scenarios.py [--count 1000] [--runs 5] [--seed 7]

Generates ``--count`` valid scenarios for the default packs in a temporary folder
(random interviews: each question the engine asks gets a random option, sometimes
"not sure"; the expected verdict, deciding rules and a cited section are computed
once, here), then reports the median wall time of ``smguide test`` on one of them
and on all of them. The difference is the cost of the scenarios themselves: reading
and validating the files, and deciding each one. The goal is well under a second
for 1,000.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from smguide.engine.core import decide, next_question
from smguide.pack.models import UNSURE, Pack
from smguide.pack.selection import load_and_warn as load

BIN = Path(sys.executable).parent
NARRATIVE = (
    "A worker is getting ready to reach someone served by the Society. The file shows "
    "earlier contact by phone and in person, and the worker's supervisor is available "
    "today. The worker has thought about which channel to use, which account or phone "
    "it would go through, and whether the person has agreed to it. Nothing in the plan "
    "has been written down yet.\n"
)


def random_answers(pack: Pack, rng: random.Random) -> dict[str, str]:
    answers: dict[str, str] = {}
    while (question := next_question(pack, answers)) is not None:
        options = question.option_ids
        if question.unsure and rng.random() < 0.1:
            answers[question.id] = UNSURE
        else:
            answers[question.id] = rng.choice(options)
    return answers


def scenario(pack: Pack, number: int, answers: dict[str, str]) -> dict[str, Any]:
    decision = decide(pack, answers, why_not=False)
    deciding = [a.rule for a in decision.deciding]
    sections = [f"{c.source}/{c.section}" for r in deciding for c in r.cite][:1]
    noted = list(answers)[1:3]
    return {
        "id": f"bench-{number:04d}",
        "title": f"Generated scenario {number}",
        "tags": ["generated", "benchmark"],
        "role": answers.get("role", "protection_worker"),
        "narrative": NARRATIVE,
        "answers": answers,
        "notes": {qid: f"Why the answer to {qid} matters in this situation." for qid in noted},
        "expect": {"verdict": decision.verdict.value,
                   "rules": [r.id for r in deciding][:2], "sections": sections},
        "teaching_points": ["A first teaching point.", "A second teaching point."],
        "discussion": ["What would you do differently?"],
    }


def generate(folder: Path, count: int, seed: int) -> None:
    pack = load(None)
    rng = random.Random(seed)
    for number in range(count):
        data = scenario(pack, number, random_answers(pack, rng))
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
        (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")


def median_seconds(cmd: list[str], runs: int) -> float:
    env = {**os.environ, "NO_COLOR": "1"}
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if first.returncode != 0:  # also warms the disk cache
        sys.exit(f"{' '.join(cmd)} failed:\n{first.stdout[-2000:]}{first.stderr[-2000:]}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        many, one = Path(tmp) / "many", Path(tmp) / "one"
        many.mkdir()
        one.mkdir()
        start = time.perf_counter()
        generate(many, args.count, args.seed)
        print(f"generated {args.count} scenarios in {time.perf_counter() - start:.1f}s")
        first = sorted(many.iterdir())[0]
        (one / first.name).write_bytes(first.read_bytes())
        smguide = [sys.executable, "-m", "smguide", "test"]
        single = median_seconds([*smguide, str(one)], args.runs)
        full = median_seconds([*smguide, str(many)], args.runs)
    print(f"median of {args.runs} runs")
    print(f"smguide test, 1 scenario      {single:7.3f} s  (start-up and packs)")
    print(f"smguide test, {args.count} scenarios {full:7.3f} s")
    print(f"difference                    {full - single:7.3f} s  "
          f"({1000 * (full - single) / max(args.count - 1, 1):.2f} ms per scenario)")


if __name__ == "__main__":
    main()
