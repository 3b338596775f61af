"""Whole-process timing shared by the benchmark scripts."""

from __future__ import annotations

import os
import statistics
import subprocess
import time

# Generated packs of thousands of rules are larger than a policy: the benchmarks raise
# the pack limit (issue 8) the way an agency would.
LARGE_PACKS = {"SMGUIDE_MAX_PACK_MIB": "1024"}


def median_seconds(cmd: list[str], runs: int, **env: str) -> tuple[float, int]:
    """The median wall time of ``cmd`` over ``runs`` runs, and its last exit code."""
    full_env = {**os.environ, "NO_COLOR": "1", **LARGE_PACKS, **env}
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(cmd, capture_output=True, env=full_env, check=False).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times), code
