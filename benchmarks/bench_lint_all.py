"""``smguide lint`` with every check on large synthetic packs, against loading them.

    python benchmarks/bench_lint_all.py [--sizes 1000,10000] [--kinds tree,random]
                                        [--runs 1]

For each kind (gen_packs.py) and size it writes a real pack folder and times, as
whole processes, (a) loading the pack (read, validate, compose, check references;
no pack cache) and (b) ``smguide lint PACK`` with every check, structural and
semantic (unsafe-unknown included). Goal: lint <= 2.0x load at 10,000 rules; the
ratio is printed for each size. The loader's size limits (issue 8) refuse these
packs from about 1,000 rules, so both run with SMGUIDE_MAX_PACK_MIB raised.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_packs
from timing import median_seconds

GOAL = 2.0
LOAD = """\
import sys
from smguide.pack.loader import load_pack
pack = load_pack(sys.argv[1])
print(len(pack.rules))
"""
LINT = """\
import sys
from smguide.cli import main
sys.argv[0] = "smguide"
main()
"""


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
                load, _ = median_seconds([sys.executable, "-c", LOAD, str(folder)], args.runs,
                                         SMGUIDE_CACHE="off")
                lint, code = median_seconds([sys.executable, "-c", LINT, "lint", str(folder)],
                                            args.runs, SMGUIDE_CACHE="off")
                ratio = lint / load
                print(f"| {kind} | {len(data['rules']):,} | {load:.2f} | {lint:.2f} ({code}) | "
                      f"{ratio:.2f} | {ratio / GOAL:.2f} |", flush=True)


if __name__ == "__main__":
    main()
