"""Every user-visible output of a checkout, written to a folder, to compare two checkouts
byte for byte (a refactoring must not change any of them).

    python tools/golden_outputs.py CHECKOUT OUTDIR      # once per checkout
    diff -r OUTDIR_BEFORE OUTDIR_AFTER

For every bundled scenario: ``decide`` in text, JSON, Markdown, HTML, ``--details`` and
French, and ``replay`` as text, HTML and Markdown; every command's ``--help`` in English
and French; ``lint`` (text, JSON, SARIF) on the bundled packs and on every failing lint
fixture; ``rules``, ``questions``, ``explain``, ``graph``, ``schema``, ``scenarios``,
``test``. The checkout's own path and the run times are replaced by placeholders.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

COMMANDS = ("decide", "questions", "rules", "explain", "lint", "graph", "schema", "scenarios",
            "replay", "test", "diff", "init")


def jobs(checkout: Path, answers_dir: Path) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for scenario in sorted((checkout / "scenarios" / "cas-2011").glob("*.yaml")):
        answers = answers_dir / scenario.name
        answers.write_text(yaml.safe_dump(yaml.safe_load(scenario.read_text())["answers"]))
        name = scenario.stem
        for fmt in ("text", "json", "markdown", "html"):
            out.append((f"decide-{name}-{fmt}", ["decide", "--answers", str(answers), "-f", fmt]))
        out.append((f"decide-{name}-details", ["decide", "--answers", str(answers), "--details"]))
        out.append((f"decide-{name}-fr", ["decide", "--answers", str(answers), "--lang", "fr"]))
        out.append((f"replay-{name}", ["replay", name, "--auto"]))
        out.append((f"replay-{name}-html", ["replay", name, "--format", "html"]))
        out.append((f"replay-{name}-md", ["replay", name, "--format", "markdown"]))
    for lang in ("en", "fr"):
        out.append((f"help-{lang}", ["--help", "--lang", lang]))
        out += [(f"help-{c}-{lang}", [c, "--help", "--lang", lang]) for c in COMMANDS]
    out += [("version", ["--version"]), ("lint", ["lint"]), ("lint-json", ["lint", "-f", "json"]),
            ("lint-sarif", ["lint", "-f", "sarif"]), ("rules", ["rules"]),
            ("questions", ["questions"]), ("explain", ["explain", "personal-mobile-discouraged"]),
            ("graph", ["graph"]), ("graph-dot", ["graph", "-f", "dot"]),
            ("graph-html", ["graph", "-f", "html"]), ("schema", ["schema"]),
            ("scenarios", ["scenarios"]), ("test", ["test"]), ("test-json", ["test", "-f", "json"])]
    for fixture in sorted((checkout / "tests" / "fixtures" / "lint").glob("*/fail*")):
        rel = str(fixture.relative_to(checkout))
        out.append((f"lint-{fixture.parent.name}-{fixture.name}", ["lint", rel]))
    return out


def main() -> None:
    checkout, outdir = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    outdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "COLUMNS": "100", "NO_COLOR": "1",
           "SMGUIDE_LANG": "en", "XDG_CACHE_HOME": tempfile.mkdtemp(), "TERM": "dumb"}
    env.pop("LANG", None)
    timing = re.compile(r"(in \d+\.\d+s|\"seconds\": [\d.]+)")

    def run(job: tuple[str, list[str]]) -> None:
        name, args = job
        r = subprocess.run([sys.executable, "-m", "smguide", *args], cwd=checkout, env=env,
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
        text = f"rc={r.returncode}\n--stdout--\n{r.stdout}\n--stderr--\n{r.stderr}"
        text = timing.sub("<time>", text.replace(str(checkout), "<checkout>"))
        (outdir / name).write_text(text)

    with tempfile.TemporaryDirectory() as answers_dir:
        todo = jobs(checkout, Path(answers_dir))
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            list(pool.map(run, todo))
    print(f"{len(todo)} outputs in {outdir}")


if __name__ == "__main__":
    main()
