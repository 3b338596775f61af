"""The interactive prompt on large generated packs: how long each screen takes (issue 20).

    python benchmarks/bench_prompt.py [--sizes 10000] [--kinds tree,random] [--definite 3]

Drives ``smguide decide --pack DIR`` in a pseudo-terminal (pexpect): the first
``--definite`` questions get a definite answer (the last option), every later one "not
sure" (the preselected answer), then the review is confirmed and the verdict shown. For
each step it measures the seconds until the next screen is ready: wall, and the CPU
seconds the smguide process spent meanwhile (from /proc; the machine may be shared).
Goal: every step, the verdict included, within 1 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_packs
import pexpect
from timing import LARGE_PACKS

from smguide.interview.prompt import SELECT_INSTRUCTION

UP, ENTER = "\x1b[A", "\r"
CHECKLIST = "Enter when done)"  # the end of a checklist screen's instruction
REVIEW = "Are these answers right?"
DONE = "Done"  # the menu after the recommendation
REFLECTION = "Step 1 of"  # the guided reflection, where the policy is silent
CTRL_C = "\x03"
GOAL = 1.0
TICKS = os.sysconf("SC_CLK_TCK")


def cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def drive(folder: Path, env: dict[str, str], definite: int) -> list[tuple[str, float, float]]:
    """(step, wall s, CPU s) for each screen after the first."""
    child = pexpect.spawn(sys.executable, ["-m", "smguide", "decide", "--pack", str(folder)],
                          env=env, encoding="utf-8", dimensions=(40, 120), timeout=300)
    screens = [REVIEW, SELECT_INSTRUCTION, pexpect.EOF, CHECKLIST]
    at = child.expect_exact(screens)
    steps: list[tuple[str, float, float]] = []
    answered = 0
    while True:
        # A menu: the last option (↑ from "not sure"), else "not sure"; a checklist
        # screen: its first line marked (y), else every line left "not sure".
        first = "y" + ENTER if at == screens.index(CHECKLIST) else UP + ENTER
        keys = first if answered < definite else ENTER
        start, spent = time.perf_counter(), cpu(child.pid)
        child.send(keys)
        answered += 1
        at = child.expect_exact(screens)
        if at == 0:
            child.expect_exact(SELECT_INSTRUCTION)
        wall = time.perf_counter() - start
        steps.append((f"answer {answered}", wall, cpu(child.pid) - spent))
        if at == 0:
            start, spent = time.perf_counter(), cpu(child.pid)
            child.send(ENTER)  # the answers are right: the recommendation, then a menu
            # (where the policy is silent, the guided reflection starts instead)
            silent = child.expect_exact([DONE, REFLECTION])
            steps.append(("verdict", time.perf_counter() - start, cpu(child.pid) - spent))
            child.send(CTRL_C if silent else ENTER)  # done
            child.expect(pexpect.EOF)
            return steps
        if at == 2:
            return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--kinds", default="tree,random")
    parser.add_argument("--definite", type=int, default=3)
    args = parser.parse_args()
    print("| kind | rules | steps | slowest step: wall s (CPU s) | verdict: wall s (CPU s) |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "120",
               "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1", **LARGE_PACKS,
               "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        env.pop("SMGUIDE_PACKS", None)
        for kind in args.kinds.split(","):
            for size in (int(s) for s in args.sizes.split(",")):
                folder = gen_packs.write(Path(tmp) / f"{kind}-{size}",
                                         gen_packs.body(kind, size, 40))
                time.sleep(2.5)  # the cache keeps no pack written in the last 2 s
                drive(folder, env, 0)  # fills the pack cache
                steps = drive(folder, env, args.definite)
                questions = [s for s in steps if s[0] != "verdict"]
                slowest = max(questions, key=lambda s: s[2])
                verdict = next((s for s in steps if s[0] == "verdict"), ("", 0.0, 0.0))
                print(f"| {kind} | {size:,} | {len(steps)} | {slowest[1]:.2f} ({slowest[2]:.2f}) "
                      f"| {verdict[1]:.2f} ({verdict[2]:.2f}) |", flush=True)


if __name__ == "__main__":
    main()
