"""Start-up cost of smguide, as ratios against references measured in the same run.

    python benchmarks/bench_startup.py [--runs 15]

Reports the median wall time of ``smguide --help`` and of a non-interactive
``smguide decide`` on the bundled policy (text and JSON output; with the pack cache
warm, in a temporary folder, and without it), each against ``python -c pass`` (the
floor) and ``yamllint --help`` (a well-regarded Python CLI). Goals: ``--help`` <= 1.0x
yamllint, ``decide`` with JSON <= 2.0x yamllint and <= 150 ms. Ratios, not absolute
times, so the figures mean the same on a slower or busier machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ANSWERS = """\
role: protection_worker
activity: message
counterpart: family
channel: text
phone: personal_phone
"""


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} is not installed (pip install -e '.[dev]')")
    return path


def median_seconds(cmd: list[str], runs: int, extra: dict[str, str] | None = None) -> float:
    env = {**os.environ, "NO_COLOR": "1", **(extra or {})}
    subprocess.run(cmd, capture_output=True, env=env, check=False)  # warm the disk cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        smguide = tool("smguide")
        decide = [smguide, "decide", "--answers", str(answers)]
        cache = {"XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], {}),
            "yamllint --help": ([tool("yamllint"), "--help"], {}),
            "smguide --help": ([smguide, "--help"], {}),
            "smguide decide --answers": (decide, cache),
            "  ... --format json": ([*decide, "--format", "json"], cache),
            "  ... json, no pack cache": ([*decide, "--format", "json"],
                                          {"SMGUIDE_CACHE": "off"}),
        }
        results = {name: median_seconds(cmd, args.runs, extra)
                   for name, (cmd, extra) in cases.items()}
    floor = results["python -c pass"]
    yl = results["yamllint --help"]
    print(f"median of {args.runs} runs")
    print(f"{'command':28} {'seconds':>8} {'/ python':>9} {'/ yamllint':>11}")
    for name, secs in results.items():
        print(f"{name:28} {secs:8.3f} {secs / floor:9.2f} {secs / yl:11.2f}")


if __name__ == "__main__":
    main()
