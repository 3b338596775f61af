"""A warm ``decide`` split in two: reading the pack cache's entry, and deciding.

    python benchmarks/bench_warm.py [--sizes 10000] [--kinds random,tree]
                                    [--answers all,0] [--runs 3] [--src DIR]

For each kind of pack (gen_packs.py) and size it writes a pack folder, fills the pack
cache, then runs, in a process of its own each time, the pack's load through the cache
(``smguide.pack.selection.load``) and ``smguide.engine.core.decide`` with all the
answers of ``bench_engine_scale.answers_for`` (or the first N), timing each in CPU
seconds (``time.process_time``): the median of ``--runs``. Issue 20 wants a warm
``decide`` at 10,000 rules to spend most of its time deciding: the ratio read / decide
is printed. ``--src`` times another checkout's ``src`` folder (the "before").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_packs
from bench_engine_scale import answers_for
from timing import LARGE_PACKS

MEASURE = """\
import json, sys, time
from pathlib import Path
start = time.process_time()
from smguide.pack.selection import load
from smguide.engine.core import decide
pack = load([Path(sys.argv[1])])
read = time.process_time()
decide(pack, json.loads(Path(sys.argv[2]).read_text()))
print(json.dumps([read - start, time.process_time() - read]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--kinds", default="random,tree")
    parser.add_argument("--answers", default="all,0")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path, help="time this checkout's src folder instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, **LARGE_PACKS, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        if args.src is not None:
            env["PYTHONPATH"] = str(args.src.resolve())
        print("| kind | rules | answers | read (CPU s) | decide (CPU s) | read / decide |")
        print("| --- | --- | --- | --- | --- | --- |")
        for kind in args.kinds.split(","):
            for size in (int(s) for s in args.sizes.split(",")):
                data = gen_packs.body(kind, size, 40)
                folder = gen_packs.write(Path(tmp) / f"{kind}-{size}", data)
                full = answers_for(data)
                time.sleep(2.5)  # the cache keeps no pack written in the last 2 s
                for count in args.answers.split(","):
                    chosen = full if count == "all" else dict(list(full.items())[:int(count)])
                    answers = Path(tmp) / f"{kind}-{size}-{count}.json"
                    answers.write_text(json.dumps(chosen), encoding="utf-8")
                    cmd = [sys.executable, "-c", MEASURE, str(folder), str(answers)]
                    subprocess.run(cmd, env=env, check=True, capture_output=True)  # fill
                    reads, decides = [], []
                    for _ in range(args.runs):
                        out = subprocess.run(cmd, env=env, check=True, capture_output=True,
                                             text=True).stdout
                        read, decided = json.loads(out)
                        reads.append(read)
                        decides.append(decided)
                    read, decided = statistics.median(reads), statistics.median(decides)
                    print(f"| {kind} | {size:,} | {count} | {read:.2f} | {decided:.2f} | "
                          f"{read / decided:.2f} |", flush=True)


if __name__ == "__main__":
    main()
