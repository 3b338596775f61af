"""Start-up cost of smguide, as ratios against references measured in the same run.

    python benchmarks/bench_startup.py [--runs 15] [--against OTHER_CHECKOUT/src]

Reports the median wall time of ``smguide --help`` and of a non-interactive
``smguide decide`` on the bundled policy (text and JSON output; with the pack cache
warm, in a temporary folder, and without it), each against ``python -c pass`` (the
floor) and ``yamllint --help`` (a well-regarded Python CLI). Goals: ``--help`` <= 1.0x
yamllint, ``decide`` with JSON <= 2.0x yamllint and <= 150 ms. Ratios, not absolute
times, so the figures mean the same on a slower or busier machine. ``--against`` adds
the same commands run from another checkout's source (a "before"), in the same rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

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


def once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env, check=False)
    return time.perf_counter() - start


def medians(cases: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, float]:
    """The median of each case, the cases taken in turn in every round: a machine busy
    for a moment slows every case alike, and the ratios hold."""
    # As installed: with bytecode. PYTHONDONTWRITEBYTECODE (set in some sandboxes) would
    # have every changed module compiled again in every run.
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    envs = {name: {**base, "NO_COLOR": "1", **extra} for name, (_, extra) in cases.items()}
    for name, (cmd, _) in cases.items():
        once(cmd, envs[name])  # warm the disk cache and the pack cache
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (cmd, _) in cases.items():
            times[name].append(once(cmd, envs[name]))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", type=Path, metavar="SRC",
                        help="another checkout's src folder, measured in the same rounds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        as_json = Path(tmp) / "answers.json"
        as_json.write_text(json.dumps(yaml.safe_load(ANSWERS)), encoding="utf-8")
        smguide = tool("smguide")
        decide = [smguide, "decide", "--answers", str(answers)]
        sets = [smguide, "decide", *(f"--set={line.replace(': ', '=')}"
                                     for line in ANSWERS.splitlines())]
        cache = {"XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], {}),
            "yamllint --help": ([tool("yamllint"), "--help"], {}),
            "smguide --help": ([smguide, "--help"], {}),
            "smguide --version": ([smguide, "--version"], {}),
            "decide --answers FILE.yaml": (decide, cache),
            "  ... --format json": ([*decide, "--format", "json"], cache),
            "decide --answers FILE.json -f json": (
                [smguide, "decide", "--answers", str(as_json), "--format", "json"], cache),
            "decide --set ... -f json": ([*sets, "--format", "json"], cache),
            "  ... no pack cache": ([*sets, "--format", "json"], {"SMGUIDE_CACHE": "off"}),
        }
        if args.against:
            other = {"PYTHONPATH": str(args.against.resolve()),
                     "XDG_CACHE_HOME": str(Path(tmp) / "cache-other")}
            cases["smguide --help (against)"] = ([smguide, "--help"], other)
            cases["decide --set ... -f json (against)"] = ([*sets, "--format", "json"], other)
        results = medians(cases, args.runs)
    floor = results["python -c pass"]
    yl = results["yamllint --help"]
    print(f"median of {args.runs} rounds")
    print(f"{'command':36} {'seconds':>8} {'/ python':>9} {'/ yamllint':>11}")
    for name, secs in results.items():
        print(f"{name:36} {secs:8.3f} {secs / floor:9.2f} {secs / yl:11.2f}")
    print()
    print("goals: --help <= 1.0x yamllint; decide (complete answers, JSON out) <= 2.0x "
          "yamllint and <= 0.150 s")
    print(f"  --help: {results['smguide --help'] / yl:.2f}x yamllint")
    for name in ("decide --answers FILE.json -f json", "decide --set ... -f json",
                 "  ... --format json", *(["decide --set ... -f json (against)"]
                                          if args.against else [])):
        secs = results[name]
        print(f"  {name.strip()}: {secs / yl:.2f}x yamllint (goal ratio {secs / yl / 2.0:.2f}), "
              f"{secs * 1000:.0f} ms (goal ratio {secs / 0.150:.2f})")


if __name__ == "__main__":
    main()
