"""Loading a large pack: time and peak memory, against PyYAML alone on the same files.

    python benchmarks/bench_load.py [--kind random] [--rules 10000] [--runs 3]

Writes a synthetic pack (gen_packs.py) and measures, each as a whole process, the
median wall time, the peak resident memory and the median CPU time (the wall time of
a shared machine varies more) of:

* ``smguide load``: :func:`smguide.pack.loader.load_pack` (YAML with positions, validation,
  composition, reference checks), without the pack cache;
* ``smguide cached``: the same through the pack cache, once it is filled;
* ``PyYAML C loader``: ``yaml.load(..., CSafeLoader)`` of the same files (no
  positions, no validation), the reference measured in the same run: its parser is
  libyaml, as smguide's, but it builds the data in Python through nodes, which is
  slower than smguide's one loop over the parser's events.

Goal (issue 11): a random 10,000-rule pack loads in <= 3 s and <= 250 MiB, every
file:line:col still exact. The loader's size limits (issue 8) refuse such a pack, so
they are raised here.
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

GOAL_SECONDS = 3.0
GOAL_MIB = 250.0
MEASURE = """\
import resource, sys, time
start = time.perf_counter()
exec(sys.argv[1])
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""
SMGUIDE = """\
from smguide.pack import layout as loader, selection as packs
loader.MAX_PACK_BYTES = loader.MAX_PACK_NODES = 1 << 30
pack = packs.load([sys.argv[2]])
"""
PYYAML = """\
import pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[2]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def measure(code: str, folder: Path, runs: int,
            env: dict[str, str]) -> tuple[float, float, float]:
    """Median whole-process seconds, the largest peak RSS in MiB and the median CPU
    seconds (user and system: on a busy machine, the wall time says less)."""
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", MEASURE, code, str(folder)],
                             capture_output=True, text=True, env=env, check=True).stdout
        times.append(time.perf_counter() - start)
        peaks.append(int(out.split()[1]) / 1024)  # ru_maxrss is in KiB on Linux
        cpus.append(float(out.split()[2]))
    return statistics.median(times), max(peaks), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", default="random")
    parser.add_argument("--rules", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = gen_packs.write(Path(tmp) / "pack", gen_packs.body(args.kind, args.rules))
        base = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        time.sleep(2.5)  # the cache keeps no pack written in the last 2 s
        cases = {
            "smguide load": (SMGUIDE, {**base, "SMGUIDE_CACHE": "off"}),
            "smguide cached": (SMGUIDE, base),
            "PyYAML C loader": (PYYAML, base),
        }
        measure(SMGUIDE, folder, 1, base)  # fills the cache
        results = {name: measure(code, folder, args.runs, env)
                   for name, (code, env) in cases.items()}
    floor_s, floor_mib, _ = results["PyYAML C loader"]
    print(f"{args.kind} pack, {args.rules:,} rules; median of {args.runs} runs")
    print(f"{'':18} {'seconds':>8} {'/ PyYAML':>9} {'/ goal':>7} {'peak MiB':>9} "
          f"{'/ PyYAML':>9} {'/ goal':>7} {'CPU s':>6}")
    for name, (secs, mib, cpu) in results.items():
        print(f"{name:18} {secs:8.2f} {secs / floor_s:9.2f} {secs / GOAL_SECONDS:7.2f} "
              f"{mib:9.0f} {mib / floor_mib:9.2f} {mib / GOAL_MIB:7.2f} {cpu:6.2f}")


if __name__ == "__main__":
    main()
