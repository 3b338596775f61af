"""``smguide lint`` with every check on large synthetic packs, against loading them.

    python benchmarks/bench_lint_all.py [--sizes 1000,10000] [--kinds tree,random]
                                        [--runs 1]

For each kind (gen_packs.py) and size it writes a real pack folder and times, as
whole processes, (a) loading the pack (read, validate, compose, check references;
no pack cache) and (b) ``smguide lint PACK`` with every check, structural and
semantic (unsafe-unknown included). Goal: lint <= 2.0x load at 10,000 rules; the
ratio is printed for each size. The loader's size limits (issue 8) refuse these
packs from about 1,000 rules, so both run with those two limits raised.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_packs

GOAL = 2.0
RAISE = """\
import sys
from smguide import loader
loader.MAX_PACK_BYTES = loader.MAX_PACK_NODES = 1 << 30
"""
LOAD = RAISE + """\
from smguide.loader import load_pack
pack = load_pack(sys.argv[1])
print(len(pack.rules))
"""
LINT = RAISE + """\
from smguide.cli import main
sys.argv[0] = "smguide"
main()
"""


def seconds(cmd: list[str], runs: int) -> tuple[float, int]:
    env = {**os.environ, "NO_COLOR": "1", "SMGUIDE_CACHE": "off"}
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(cmd, capture_output=True, env=env, check=False).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--kinds", default="tree,random")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    print("| kind | rules | load s | lint s (exit) | lint / load | / goal |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            for n in (int(s) for s in args.sizes.split(",")):
                data = gen_packs.body(kind, n)
                folder = gen_packs.write(Path(tmp) / f"{kind}-{n}", data)
                load, _ = seconds([sys.executable, "-c", LOAD, str(folder)], args.runs)
                lint, code = seconds([sys.executable, "-c", LINT, "lint", str(folder)], args.runs)
                ratio = lint / load
                print(f"| {kind} | {len(data['rules']):,} | {load:.2f} | {lint:.2f} ({code}) | "
                      f"{ratio:.2f} | {ratio / GOAL:.2f} |", flush=True)


if __name__ == "__main__":
    main()
