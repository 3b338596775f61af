"""A warm ``decide`` split in two: reading the pack cache's entry, and deciding.

    python benchmarks/bench_warm.py [--sizes 10000] [--kinds random,tree]
                                    [--answers all,0] [--runs 3] [--src DIR]
                                    [--no-bytecode]

For each kind of pack (gen_packs.py) and size it writes a pack folder, fills the pack
cache, then runs, in a process of its own each time, the pack's load through the cache
(``smguide.pack.selection.load``) and ``smguide.engine.core.decide`` with all the
answers of ``bench_engine_scale.answers_for`` (or the first N), timing each in CPU
seconds (``time.process_time``): the median of ``--runs``. Issue 20 wants a warm
``decide`` at 10,000 rules to spend most of its time deciding: the ratio read / decide
is printed. "read" includes importing ``smguide.pack.selection`` and
``smguide.engine.core`` (shown apart as "imports"). ``--src`` times another
checkout's ``src`` folder (the "before").

The processes keep their bytecode in a folder of the run's own (``PYTHONPYCACHEPREFIX``),
as an installed smguide has it: where ``PYTHONDONTWRITEBYTECODE`` is set, every import
would otherwise compile smguide's modules again (about 20 ms at each start, counted in
"read"). ``--no-bytecode`` keeps the environment's setting.

On a loaded 2-core machine (December 2026, 10,000 rules, all answers), before and
after the cache entry of version 6 (each rule's texts, citations and places read when
first used): read / decide went from 2.6 to 0.80 (random pack) and from 2.6 to 0.85
(tree); with ``--no-bytecode``, from 3.0 to 1.2 and 1.45 (smguide's modules compiled
at each start: 0.04 s of imports, and 0.015 s more for those the read imports).
Deciding itself did not change (all answers or none).
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
imported = time.process_time()
pack = load([Path(sys.argv[1])])
read = time.process_time()
decide(pack, json.loads(Path(sys.argv[2]).read_text()))
print(json.dumps([imported - start, read - start, time.process_time() - read]))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--kinds", default="random,tree")
    parser.add_argument("--answers", default="all,0")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path, help="time this checkout's src folder instead")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE as the environment sets it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, **LARGE_PACKS, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        if not args.no_bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        if args.src is not None:
            env["PYTHONPATH"] = str(args.src.resolve())
        print("| kind | rules | answers | imports | read (CPU s) | decide (CPU s) "
              "| read / decide |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
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
                    imports, reads, decides = [], [], []
                    for _ in range(args.runs):
                        out = subprocess.run(cmd, env=env, check=True, capture_output=True,
                                             text=True).stdout
                        imported, read, decided = json.loads(out)
                        imports.append(imported)
                        reads.append(read)
                        decides.append(decided)
                    imported = statistics.median(imports)
                    read, decided = statistics.median(reads), statistics.median(decides)
                    print(f"| {kind} | {size:,} | {count} | {imported:.3f} | {read:.3f} | "
                          f"{decided:.3f} | {read / decided:.2f} |", flush=True)


if __name__ == "__main__":
    main()
