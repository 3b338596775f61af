"""Headless Chromium for the HTML outputs: the DOM after the page's scripts ran, the
console messages, a screenshot, a PDF; and a tiny PNG reader to tell a blank
screenshot from a drawn one. Chromium is Debian's ``chromium`` package (.ci/run
installs it); tests skip, saying why, only when no such browser is installed."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"]
BUDGET_MS = "20000"  # virtual time for the page's scripts (Mermaid's layout) to finish


def chromium() -> str:
    found = next((p for p in (shutil.which(n) for n in NAMES) if p), None)
    if found is None:
        pytest.skip("no headless Chromium: install Debian's 'chromium' package "
                    "(apt-get install -y chromium), as .ci/run does")
    return found


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(profile))
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180, env=env, check=False)


@dataclass
class Page:
    dom: str
    console: list[str]  # the page's console messages and uncaught errors


def load(html: Path, size: tuple[int, int] | None = None) -> Page:
    window = [f"--window-size={size[0]},{size[1]}"] if size else []
    with tempfile.TemporaryDirectory() as profile:
        done = _run([*window, "--enable-logging=stderr", "--v=0",
                     f"--virtual-time-budget={BUDGET_MS}", "--dump-dom", html.resolve().as_uri()],
                    Path(profile))
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return Page(done.stdout, console)


def screenshot(html: Path, png: Path, size: tuple[int, int] = (1024, 900)) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        _run([f"--window-size={size[0]},{size[1]}", f"--virtual-time-budget={BUDGET_MS}",
              f"--screenshot={png}", html.resolve().as_uri()], Path(profile))
    assert png.is_file(), "Chromium wrote no screenshot"
    return png


def pdf(html: Path, out: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        _run([f"--virtual-time-budget={BUDGET_MS}", "--no-pdf-header-footer",
              f"--print-to-pdf={out}", html.resolve().as_uri()], Path(profile))
    assert out.is_file(), "Chromium wrote no PDF"
    return out


def pdf_pages(path: Path) -> int:
    """Pages of a PDF Chromium wrote (its page objects are written uncompressed)."""
    data = path.read_bytes()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


# --- a tiny PNG reader ----------------------------------------------------------------


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def ink(path: Path) -> tuple[float, int]:
    """(share of pixels that are not the background, number of distinct colours),
    sampled on a grid: a blank page is (0.0, 1)."""
    width, height, rows = png_pixels(path)
    channels = len(rows[0]) // width
    background = rows[0][:3]
    seen: set[bytes] = set()
    inked = total = 0
    for y in range(0, height, 4):
        row = rows[y]
        for x in range(0, width, 4):
            pixel = row[x * channels:x * channels + 3]
            seen.add(pixel)
            inked += pixel != background
            total += 1
    return inked / total, len(seen)
