"""Time of ``smguide diff OLD NEW --exhaustive`` (issue 23: bundled packs ≤ 2 s, a
generated 10,000-rule pack ≤ 30 s).

    python benchmarks/bench_exhaustive.py [--sizes 10000] [--kind tree]

The bundled policy against itself (the identity revision: proved never laxer) and
against a tightening (every 'discouraged' made 'prohibited'); then, for each size, a
generated pack (gen_packs.py) against itself, against a copy with one verdict in a
hundred made stricter (never laxer), and against one with one in a hundred made
laxer (laxer: the first groups found). Times are the comparison alone, after loading.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_packs

from smguide.analysis.compare import compare
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack, Verdict

ROOT = Path(__file__).resolve().parents[1]


def timed(label: str, old: Pack, new: Pack) -> float:
    start = time.perf_counter()
    result = compare(old, new)
    seconds = time.perf_counter() - start
    groups = f"laxer, {len(result.groups)} group(s)" if result.laxer else "never laxer"
    print(f"  {label:44} {seconds:7.2f} s   {groups}", flush=True)
    return seconds


def shifted(pack: Pack, step: int, share: float, seed: int = 1) -> Pack:
    """A copy with about ``share`` of the verdicts moved ``step`` ranks (+ laxer)."""
    rng = random.Random(seed)
    order = list(Verdict)
    rules = []
    for r in pack.rules:
        if r.verdict is not None and rng.random() < share:
            rank = min(max(r.verdict.rank + step, 0), len(order) - 1)
            r = r.model_copy(update={"verdict": order[rank]})
        rules.append(r)
    return copy.copy(pack).__class__(manifest=pack.manifest, sources=pack.sources,
                                     questions=pack.questions, rules=rules, path=pack.path,
                                     content_hash=pack.content_hash, layers=pack.layers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--kind", default="tree", choices=["tree", "random"])
    args = parser.parse_args()
    print("bundled policy (cas-2011):")
    cas = load_pack(ROOT / "rules" / "cas-2011")
    timed("identity", cas, cas)
    timed("tightening (every verdict made prohibited)", cas, shifted(cas, -6, 1.0))
    timed("loosening (every verdict one step laxer)", cas, shifted(cas, +1, 1.0))
    for size in (int(s) for s in args.sizes.split(",")):
        pack = gen_packs.build(gen_packs.body(args.kind, size))
        print(f"generated {args.kind} pack, {len(pack.rules):,} rules:")
        timed("identity", pack, pack)
        timed("1% of the verdicts stricter", pack, shifted(pack, -1, 0.01))
        timed("1% of the verdicts laxer", pack, shifted(pack, +1, 0.01))


if __name__ == "__main__":
    main()
