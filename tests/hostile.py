"""Helpers for the hardening tests (issue 8): a tiny pack as the issue's reproducers use
("mini P": a source with one section, a question ``channel`` with options ``text`` and
``phone``, two rules), and the CLI run in-process or as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MANIFEST = "id: tiny\ntitle: Tiny\nversion: 1.0.0\n"
SOURCES = """\
sources:
  - id: pol
    title: Policy
    issuer: an agency
    date: 2011-11-30
    sections:
      - id: s1
        title: Section one
"""
QUESTIONS = """\
questions:
  - id: channel
    text: Which channel?
    options:
      - id: text
        text: Text
      - id: phone
        text: Phone
"""
RULES = """\
rules:
  - id: text-prohibited
    title: No texting
    when: {channel: text}
    verdict: prohibited
    cite:
      - source: pol
        section: s1
  - id: phone-permitted
    title: Phone is fine
    when: {channel: phone}
    verdict: permitted
    cite:
      - source: pol
        section: s1
"""


def tiny_pack(folder: Path, **files: str) -> Path:
    """Write the tiny pack into ``folder``; ``files`` add or replace files (name=text,
    with '__' standing for '/' and '_' kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = {"pack.yaml": MANIFEST, "sources.yaml": SOURCES,
                "questions.yaml": QUESTIONS, "rules.yaml": RULES}
    contents.update({name.replace("__", "/"): text for name, text in files.items()})
    for name, text in contents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def smguide(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            stdin: int | None = subprocess.DEVNULL, timeout: float = 60,
            **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run the real ``smguide`` (this interpreter) as a separate process."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "smguide", *args], cwd=cwd, env=full_env, stdin=stdin,
        text=True, timeout=timeout, **kwargs)
