"""``smguide decide`` with some answers unknown, on large generated packs (issue 20).

    python benchmarks/bench_partial.py [--sizes 1000,10000] [--kinds tree,random]
                                       [--answers 0,1,3,6,all] [--timeout 60] [--src DIR]

For each kind of pack (gen_packs.py) and size it writes a pack folder, fills the pack
cache with one run, then times the whole process ``smguide decide --pack DIR --answers
FILE --format json`` with the first 0, 1, 3, 6 or all answers of
``bench_engine_scale.answers_for`` (the others unknown): CPU seconds of the process
(user + system) and wall seconds in brackets. A cell that runs past ``--timeout``
(wall) is reported as ``> T``. ``--src`` times another checkout's ``src`` folder with
this Python (the "before" of a change: ``git worktree add /tmp/before c6d77d7``).

Goals: every cell <= 1 s CPU at 1,000 rules and <= 2 s at 10,000. CPU seconds because
the machine is shared; ``python -c pass`` is measured in the same run as the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_packs
from bench_engine_scale import answers_for
from timing import LARGE_PACKS

GOALS = {1000: 1.0, 10000: 2.0}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[float, float] | None:
    """CPU and wall seconds of one run; None past the timeout (the process is ended)."""
    cpu, start = children_cpu(), time.perf_counter()
    try:
        subprocess.run(cmd, capture_output=True, env=env, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return children_cpu() - cpu, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--kinds", default="tree,random")
    parser.add_argument("--answers", default="0,1,3,6,all")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--src", type=Path, help="time this checkout's src folder instead")
    args = parser.parse_args()
    counts = args.answers.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NO_COLOR": "1", **LARGE_PACKS,
               "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        if args.src is not None:
            env["PYTHONPATH"] = str(args.src.resolve())
        floor = timed([sys.executable, "-c", "pass"], env, 10)
        assert floor is not None
        print(f"python -c pass: {floor[0]:.2f} s CPU ({floor[1]:.2f} s wall)")
        print("| kind | rules | " + " | ".join(f"{k} answers" for k in counts) + " |")
        print("| --- | --- |" + " --- |" * len(counts))
        worst: dict[int, float] = {}
        for kind in args.kinds.split(","):
            for size in (int(s) for s in args.sizes.split(",")):
                data = gen_packs.body(kind, size, 40)
                folder = gen_packs.write(Path(tmp) / f"{kind}-{size}", data)
                full = answers_for(data)
                time.sleep(2.5)  # the cache keeps no pack written in the last 2 s
                cells = []
                for count in ["all", *counts]:
                    chosen = full if count == "all" else dict(list(full.items())[:int(count)])
                    answers = Path(tmp) / f"{kind}-{size}-{count}.json"
                    answers.write_text(json.dumps(chosen), encoding="utf-8")
                    cmd = [sys.executable, "-m", "smguide", "decide", "--pack", str(folder),
                           "--answers", str(answers), "--format", "json"]
                    if not cells:  # the first run fills the pack cache
                        timed(cmd, env, max(args.timeout, 120))
                        cells.append("")
                        continue
                    got = timed(cmd, env, args.timeout)
                    if got is None:
                        cells.append(f"> {args.timeout:.0f} s")
                        worst[size] = float("inf")
                        continue
                    cells.append(f"{got[0]:.2f} s ({got[1]:.2f})")
                    worst[size] = max(worst.get(size, 0.0), got[0])
                print(f"| {kind} | {size:,} | " + " | ".join(cells[1:]) + " |", flush=True)
        for size, seconds in sorted(worst.items()):
            goal = GOALS.get(size)
            if goal is not None:
                print(f"{size:,} rules: worst cell {seconds:.2f} s CPU / goal {goal:.0f} s "
                      f"= {seconds / goal:.2f}")


if __name__ == "__main__":
    main()
