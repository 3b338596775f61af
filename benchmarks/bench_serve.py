"""A bounded load test of ``smguide serve`` on 127.0.0.1, beside the command line.

    python benchmarks/bench_serve.py [--clients 20] [--seconds 20] [--port 18150] [--workers 2]
                                     [--only answer|api|interview] [--no-paced] [--repeat 3]
                                     [--src DIR]

Starts ``smguide serve`` (one process, the bundled packs; ``--workers N``: uvicorn with N
processes), then for each of the answer page (``POST /answer``), ``POST
/api/v1/decide`` and an interview step (``POST /interview``, one per answer of each
scenario, with the answers before it): ``--clients`` connections (HTTP/1.1 keep-alive)
post the bundled scenarios' answers in turn for ``--seconds``, first flat out (each
client sends its next request as soon as it has the answer: the server's capacity, where
the latency is mostly waiting in line), then paced (one request per ``--pace`` seconds
per client). Reports requests per second, p50/p99 latency, the lowest and highest of
each connection's own p99 (far apart: the server serves some connections late again and
again), the server's CPU time per request (from /proc, on Linux: what the machine's load
moves least), the size of the first page over the wire, and, measured in the same run,
the per-call time of ``smguide decide --answers FILE --format json`` (a new process each
time, as a script would call it). Goal on a 2-core machine: p99 <= 50 ms at 20 clients
(the answer page and the API); first page <= 100 KB. Only 127.0.0.1 is ever contacted,
and every loop stops at its deadline. ``--repeat N`` runs each load N times and prints
each run and the median of their p99s: a neighbour's burst on a shared machine moves one
run's tail.
``--src`` serves another checkout's ``src`` folder (the "before" of a change).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def scenario_answers() -> list[dict[str, str]]:
    out = []
    for path in sorted((ROOT / "scenarios").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        answers = {k: ("yes" if v is True else "no" if v is False else str(v))
                   for k, v in (data.get("answers") or {}).items()}
        out.append(answers)
    return out


def interview_steps(answers: list[dict[str, str]]) -> list[dict[str, str]]:
    """One web interview step per answer of each scenario, as the page posts "Next": the
    answers before it (hidden fields), then the question and the answer chosen."""
    out = []
    for given in answers:
        items = list(given.items())
        for k, (qid, option) in enumerate(items):
            out.append({**{f"a.{q}": a for q, a in items[:k]}, "at": f"ask:{qid}",
                        "answer": option, "go": "next"})
    return out


def request(port: int, path: str, body: bytes, ctype: str) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(line.split(":", 1)[1]) for line in lines
                  if line.lower().startswith("content-length:"))
    await reader.readexactly(length)
    return status, len(head) + length


async def _client(port: int, requests: list[bytes], deadline: float, start: int,
                  latencies: list[float], errors: list[int], pace: float,
                  mine: list[float]) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    i = start
    next_at = time.perf_counter() + pace * (start % 10) / 10  # spread the paced clients
    try:
        while time.perf_counter() < deadline:
            if pace:
                await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += pace
            began = time.perf_counter()
            writer.write(requests[i % len(requests)])
            await writer.drain()
            status, _size = await _read_response(reader)
            latencies.append(time.perf_counter() - began)
            mine.append(latencies[-1])
            if status != 200:
                errors.append(status)
            i += 1
    finally:
        writer.close()


class Load:
    """What one load gave: every latency, each connection's own, the statuses not 200."""

    def __init__(self, clients: int) -> None:
        self.latencies: list[float] = []
        self.per_client: list[list[float]] = [[] for _ in range(clients)]
        self.errors: list[int] = []
        self.took = 0.0

    def unevenness(self) -> tuple[float, float]:
        """The lowest and highest of the connections' own p99s: far apart, the server
        serves some kept-alive connections late again and again (an unfair event loop),
        not all of them a little late now and then."""
        tails = [percentile(mine, 99) for mine in self.per_client if mine]
        return min(tails), max(tails)


async def load(port: int, requests: list[bytes], clients: int, seconds: float,
               pace: float = 0.0) -> Load:
    out = Load(clients)
    began = time.perf_counter()
    deadline = began + seconds
    await asyncio.gather(*(_client(port, requests, deadline, n * 7, out.latencies, out.errors,
                                   pace, out.per_client[n]) for n in range(clients)))
    out.took = time.perf_counter() - began
    return out


async def first_page_size(port: int) -> int:
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"GET / HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    _status, size = await _read_response(reader)
    writer.close()
    return size


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cli_per_call(answers: list[dict[str, str]], runs: int, env: dict[str, str]) -> float:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(runs):
            path = Path(folder) / f"a{n}.json"
            path.write_text(json.dumps(answers[n % len(answers)]), encoding="utf-8")
            began = time.perf_counter()
            subprocess.run([str(BIN / "smguide"), "decide", "--answers", str(path),
                            "--format", "json"], capture_output=True, env=env, check=True)
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of the server and its worker processes so far, from
    /proc (Linux); 0 elsewhere. Less sensitive than latency to the machine's load."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1]: the parent
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def wait_for(port: int, proc: subprocess.Popen[bytes]) -> None:
    import socket

    for _ in range(400):
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            if proc.poll() is not None:
                sys.exit("smguide serve did not start")
            time.sleep(0.05)
    sys.exit("smguide serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--port", type=int, default=18150)
    parser.add_argument("--cli-runs", type=int, default=15)
    parser.add_argument("--only", choices=["answer", "api", "interview"], default=None,
                        help="run only the answer page's, the API's or the interview "
                             "steps' load")
    parser.add_argument("--no-paced", action="store_true", help="flat out only")
    parser.add_argument("--src", type=Path, help="serve this checkout's src folder instead")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each load this many times; print the median p99 too")
    parser.add_argument("--pace", type=float, default=0.25,
                        help="seconds between a paced client's requests (a person reading a "
                             "screen is far slower)")
    parser.add_argument("--workers", type=int, default=1,
                        help="more than 1: 'uvicorn smguide.web:app --workers N' instead of "
                             "'smguide serve'")
    args = parser.parse_args()
    if args.clients > 200 or args.seconds > 120 or not 0 < args.repeat <= 10:
        sys.exit("bounded: at most 200 clients, 120 s and 10 runs")

    answers = scenario_answers()
    cache = tempfile.mkdtemp(prefix="bench-serve-cache-")
    env = {**os.environ, "XDG_CACHE_HOME": cache, "SMGUIDE_LANG": "en"}
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve())
    command = [str(BIN / "smguide"), "serve", "--port", str(args.port)]
    if args.workers > 1:
        command = [str(BIN / "uvicorn"), "smguide.web:app", "--port", str(args.port),
                   "--workers", str(args.workers), "--loop", "asyncio", "--no-access-log",
                   "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for(args.port, server)
        forms = [request(args.port, "/answer",
                         urlencode({f"a.{k}": v for k, v in a.items()}).encode(),
                         "application/x-www-form-urlencoded") for a in answers]
        apis = [request(args.port, "/api/v1/decide", json.dumps({"answers": a}).encode(),
                        "application/json") for a in answers]
        steps = [request(args.port, "/interview", urlencode(step).encode(),
                         "application/x-www-form-urlencoded")
                 for step in interview_steps(answers)]
        size = asyncio.run(first_page_size(args.port))
        asyncio.run(load(args.port, forms[:4], 2, 2.0))  # warm up: templates, caches
        print(f"{len(answers)} scenarios' answers in turn; {args.clients} clients for "
              f"{args.seconds:g} s each; {args.workers} server process(es); "
              f"os.cpu_count()={os.cpu_count()}; load average {os.getloadavg()[0]:.1f}")
        print(f"first page (GET /): {size / 1024:.1f} KB over the wire (goal <= 100 KB)")
        runs = [(f"{name}, {how}", requests, pace)
                for name, requests in (("answer page POST /answer", forms),
                                       ("API POST /api/v1/decide", apis),
                                       ("interview step POST /interview", steps))
                if args.only is None or name.startswith(args.only) or args.only in name
                for how, pace in (("flat out", 0.0),
                                  (f"one request per {args.pace:g} s each", args.pace))
                if not (pace and args.no_paced)]
        for name, requests, pace in runs:
            tails = []
            for _run in range(args.repeat):
                cpu = cpu_seconds(server.pid)
                done = asyncio.run(load(args.port, requests, args.clients, args.seconds, pace))
                cpu = cpu_seconds(server.pid) - cpu
                latencies = done.latencies
                tails.append(percentile(latencies, 99))
                low, high = done.unevenness()
                print(f"{name}: {len(latencies) / done.took:7.1f} req/s  "
                      f"p50 {percentile(latencies, 50) * 1000:6.1f} ms  "
                      f"p99 {tails[-1] * 1000:6.1f} ms  "
                      f"server CPU {cpu / max(1, len(latencies)) * 1000:4.2f} ms/request  "
                      f"({len(latencies)} requests, {len(done.errors)} not 200; "
                      f"each connection's p99 {low * 1000:.0f}-{high * 1000:.0f} ms; "
                      f"load average {os.getloadavg()[0]:.1f})", flush=True)
            if args.repeat > 1:
                print(f"{name}: median p99 of {args.repeat} runs "
                      f"{statistics.median(tails) * 1000:.1f} ms (goal <= 50 ms)")
    finally:
        server.terminate()
        server.wait(timeout=20)
    per_call = cli_per_call(answers, args.cli_runs, env)
    print(f"smguide decide --answers FILE --format json: {per_call * 1000:.1f} ms per call "
          f"(median of {args.cli_runs}, a new process each)")


if __name__ == "__main__":
    main()
