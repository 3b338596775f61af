"""The printed length of every bundled scenario's HTML handout (issue 23: at most 3
pages). Each handout is printed to PDF by headless Chromium on Letter and on A4 and
its pages counted. Run from a checkout: ``.venv/bin/python benchmarks/handout_pages.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser  # noqa: E402

SIZES = ("letter", "A4")


def pages(scenario: str, folder: Path) -> list[int]:
    smguide = Path(sys.executable).with_name("smguide")
    html = subprocess.run([str(smguide), "replay", scenario, "--format", "html"],
                          capture_output=True, text=True, check=True).stdout
    counts = []
    for size in SIZES:
        page = folder / f"{scenario}-{size}.html"
        page.write_text(html.replace("</head>", f"<style>@page {{ size: {size}; }}</style></head>"),
                        encoding="utf-8")
        counts.append(browser.pdf_pages(browser.pdf(page, page.with_suffix(".pdf"))))
    return counts


def main() -> int:
    ids = sorted(p.stem for p in (ROOT / "scenarios").rglob("*.yaml"))
    worst = 0
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in ids:
            counts = pages(scenario, Path(tmp))
            worst = max(worst, *counts)
            print(f"{scenario:50} " + "  ".join(f"{s}: {n}" for s, n in zip(SIZES, counts,
                                                                            strict=True)))
    print(f"\n{len(ids)} handouts; the longest prints to {worst} page(s)")
    return 0 if worst <= 3 else 1


if __name__ == "__main__":
    os.environ.setdefault("SMGUIDE_CACHE", "off")
    raise SystemExit(main())
