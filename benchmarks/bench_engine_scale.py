"""``smguide decide`` with why-not on large synthetic packs: seconds, growth, goals.

    python benchmarks/bench_engine_scale.py [--sizes 1000,2000,5000,10000,20000]
                                            [--kinds tree,random] [--runs 3]

For each kind of pack (gen_packs.py: ``tree`` and ``random``) and size, it writes a
real pack folder and an answers file (every question answered; the answers meet a
strict rule's condition, so there is a verdict to explain and why-not has work), then
times the whole process ``smguide decide --pack DIR --answers FILE --format json``:

* ``first``: the first run, which also reads the YAML and fills the pack cache;
* ``again``: the median of ``--runs`` further runs (what a practitioner waits for);
* ``engine``: ``smguide.engine.core.decide`` alone, in a process of its own.

It prints the growth exponent (the least-squares slope of log time over log rules)
of each column, and the goals as ratios: ``again`` at 10,000 rules over 1 s, and the
exponents over 1.1 (goal: both <= 1.0). ``python -c pass`` is measured in the same run
as the floor. The pack cache lives in a temporary folder (XDG_CACHE_HOME). The
loader's size limits are raised for these packs (see LIMITS).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import gen_packs

GOAL_SECONDS = 1.0  # whole process at 10,000 rules
# The loader refuses packs beyond 8 MiB or 200,000 YAML elements (issue 8's limits);
# the synthetic packs of this benchmark pass both from about 1,000 (random) or 3,000
# (tree) rules, so it runs smguide's own main() with those two limits raised.
LIMITS = """\
import sys
from smguide.pack import layout as loader
loader.MAX_PACK_BYTES = 1 << 30
loader.MAX_PACK_NODES = 1 << 30
from smguide.cli import main
sys.argv[0] = "smguide"
main()
"""
GOAL_EXPONENT = 1.1
STRICT = ("prohibited", "not_yet", "needs_authorization")
ENGINE_ONLY = """\
import json, sys, time
from smguide.pack import layout as loader
loader.MAX_PACK_BYTES = loader.MAX_PACK_NODES = 1 << 30
from smguide.engine.core import decide
from smguide.pack.selection import load
pack = load([sys.argv[1]])
answers = json.loads(open(sys.argv[2], encoding="utf-8").read())
start = time.perf_counter()
decision = decide(pack, answers)
print(time.perf_counter() - start, decision.verdict, len(decision.why_not))
"""


def answers_for(data: gen_packs.Body, seed: int = 0) -> dict[str, str]:
    """Every question answered, inside the condition of the first strict rule, with
    ``o0`` wherever the rule allows it (every ``ask_if`` of the generator wants ``o0``,
    so the questions the rule reads are asked)."""
    rng = random.Random(seed)
    rule = next(r for r in data["rules"] if r.get("verdict") in STRICT and "all" not in r["when"])
    region: dict[str, list[str]] = rule["when"]
    out = {}
    for q in data["questions"]:
        allowed = region.get(q["id"], ["o0"])
        out[q["id"]] = "o0" if "o0" in allowed else rng.choice(allowed)
    return out


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout


def slope(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000,20000")
    parser.add_argument("--kinds", default="tree,random")
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    smguide = [sys.executable, "-c", LIMITS]
    results: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        floor = statistics.median(run([sys.executable, "-c", "pass"], env)[0] for _ in range(5))
        print(f"python -c pass: {floor:.3f} s (floor)")
        print("| kind | rules | verdict | why-not | first s | again s | engine s |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for kind in args.kinds.split(","):
            rows = results.setdefault(kind, [])
            for n in sizes:
                data = gen_packs.body(kind, n, args.questions)
                folder = gen_packs.write(Path(tmp) / f"{kind}-{n}", data)
                answers = Path(tmp) / f"{kind}-{n}.json"
                answers.write_text(json.dumps(answers_for(data)), encoding="utf-8")
                time.sleep(2.5)  # the cache keeps no pack written in the last 2 s
                cmd = [*smguide, "decide", "--pack", str(folder), "--answers", str(answers),
                       "--format", "json"]
                first, out = run(cmd, env)
                decision = json.loads(out)
                again = statistics.median(run(cmd, env)[0] for _ in range(args.runs))
                engine_out = run([sys.executable, "-c", ENGINE_ONLY, str(folder), str(answers)],
                                 env)[1]
                engine = float(engine_out.split()[0])
                rows.append({"rules": len(data["rules"]), "first": first, "again": again,
                             "engine": engine})
                print(f"| {kind} | {len(data['rules']):,} | {decision['verdict']} | "
                      f"{len(decision['why_not'])} | {first:.2f} | {again:.2f} | {engine:.3f} |",
                      flush=True)
    print()
    for kind, rows in results.items():
        line = [f"{kind}: exponent"]
        for column in ("first", "again", "engine"):
            if len(rows) > 1:
                line.append(f"{column} {slope([(r['rules'], r[column]) for r in rows]):.2f}")
        at = [r for r in rows if 9_000 <= r["rules"] <= 11_000]
        if len(rows) > 1:
            worst = max(slope([(r["rules"], r[c]) for r in rows]) for c in ("again", "engine"))
            line.append(f"| exponent / goal {worst / GOAL_EXPONENT:.2f}")
        if at:
            line.append(f"| again at 10k / goal {at[0]['again'] / GOAL_SECONDS:.2f} "
                        f"({at[0]['again'] / floor:.1f}x python -c pass)")
        print(" ".join(line))


if __name__ == "__main__":
    main()
