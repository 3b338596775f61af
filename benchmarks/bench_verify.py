"""Time of the exact semantic verification behind ``smguide lint`` on synthetic packs.

    python benchmarks/bench_verify.py [--sizes 1000,10000,100000] [--questions 40]
                                      [--memory] [--engine-replay] [--repeat 3]

For each kind of pack (``tree``: decision-tree tables with 10% of the rules widened
or narrowed; ``random``: unstructured rules; see gen_packs.py) and size, it writes a
real pack folder, loads it with the real loader (timed apart), then times the full
verification: compiling the conditions, dead rules, gaps (uncovered regions, widened,
with witnesses and counts), conflicting pairs and decisive regions, shadowed rules.
Each verification runs on a fresh analysis; the best of ``--repeat`` runs is shown
(one run from 100,000 rules up). ``--memory`` builds the packs in memory instead of
writing and loading YAML. ``--engine-replay`` also times the unsafe-unknown check,
which calls ``smguide.engine.core.decide`` once per question and is priced by the engine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_packs

from smguide.analysis import Analysis
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack

PARTS = ("compiled", "dead", "gaps", "conflicts", "shadowed")


def verify(pack: Pack) -> tuple[dict[str, float], Analysis]:
    analysis = Analysis(pack)
    times: dict[str, float] = {}
    for part in PARTS:  # conflicts also finds the decisive regions shadowed reads
        start = time.perf_counter()
        getattr(analysis, part)
        times[part] = time.perf_counter() - start
    return times, analysis


def findings(a: Analysis) -> str:
    gaps = a.gaps
    uncovered = f"{gaps.uncovered:.3g}" if gaps.uncovered is not None else "many"
    more = "" if gaps.complete else "+"
    return (f"{len(a.dead)} | {len(gaps.regions)}{more} ({uncovered}) | "
            f"{len(a.conflicts)} | {len(a.shadowed)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--kinds", default="tree,random")
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="skip writing and loading YAML")
    parser.add_argument("--engine-replay", action="store_true",
                        help="also time the unsafe-unknown check")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    head = ("| kind | rules | load s | verify s | compile | dead | gaps | conflicts | shadowed "
            "| dead rules | gap regions (uncovered) | conflicting pairs | shadowed rules |")
    if args.engine_replay:
        head += " unsafe-unknown s |"
    print(head)
    print("|" + " --- |" * (head.count("|") - 1))
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            for n in sizes:
                data = gen_packs.body(kind, n, args.questions, args.seed)
                if args.memory:
                    start = time.perf_counter()
                    pack = gen_packs.build(data)
                else:
                    folder = gen_packs.write(Path(tmp) / f"{kind}-{n}", data)
                    start = time.perf_counter()
                    pack = load_pack(folder)
                load = time.perf_counter() - start
                runs = [verify(pack) for _ in range(args.repeat if n < 100_000 else 1)]
                times, analysis = min(runs, key=lambda r: sum(r[0].values()))
                total = sum(times.values())
                row = (f"| {kind} | {len(pack.rules):,} | {load:.2f} | **{total:.3f}** | "
                       + " | ".join(f"{times[p]:.3f}" for p in PARTS)
                       + f" | {findings(analysis)} |")
                if args.engine_replay:
                    start = time.perf_counter()
                    unsafe = analysis.unsafe_unknowns
                    row += f" {time.perf_counter() - start:.2f} ({len(unsafe)} found) |"
                print(row, flush=True)


if __name__ == "__main__":
    main()
