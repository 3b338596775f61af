"""What makes the server safe to put on an agency's network, as one ASGI middleware.

- The Host header must name an address the server serves: a page on another site
  cannot reach a local server through a name it controls (DNS rebinding).
- A request body is at most :data:`MAX_BODY` bytes: a larger Content-Length is refused
  here, and a body without one is counted as it arrives
  (:func:`smguide.web.application.read_body`).
- Every response carries a strict Content-Security-Policy (no script at all, nothing
  from elsewhere, no framing), ``Referrer-Policy: no-referrer``, ``nosniff``, and
  ``Cache-Control: no-store`` (pages hold the answers: no cache keeps them).
- The access log has the method, the path without its query string, the status and
  the time: never a query string, a body or an answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 64 * 1024  # the biggest honest request (every answer of a large pack) is ~10 KiB
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
NO_STORE = (b"cache-control", b"no-store")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
ANY_HOST = "*"

access_log = logging.getLogger("smguide.web.access")


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The host names a server bound to ``host`` answers to: the address it was given,
    the loopback names when it listens there (or everywhere), and ``extra`` (the names an
    agency's proxy uses). ``*`` in ``extra`` lets any name through. The port does not
    matter: a rebinding attack changes the name, not the port."""
    names = {host.strip("[]"), *extra}
    if host in LOOPBACK or host in ("0.0.0.0", "::"):
        names.update(LOOPBACK)
    if ANY_HOST in names:
        return frozenset({ANY_HOST})
    return frozenset(name.lower() for name in names)


def host_name(header: str) -> str:
    """``Host: [::1]:8000`` -> ``::1``; ``Host: Example.org:80`` -> ``example.org``."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


def _plain(status: int, text: str) -> tuple[Message, Message]:
    body = (text + "\n").encode()
    start = {"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                         (b"content-length", str(len(body)).encode()), NO_STORE, *HEADERS]}
    return start, {"type": "http.response.body", "body": body}


class Guard:
    """The middleware: host check, size limit, headers, access log."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str], max_body: int = MAX_BODY) -> None:
        self.app = app
        self.hosts = hosts
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        problem: tuple[int, str] | None = None
        if ANY_HOST not in self.hosts and host_name(host) not in self.hosts:
            problem = (400, f"smguide: this server does not answer to the Host name {host!r} "
                              "(smguide serve --allowed-host NAME adds one)")
        else:
            length = headers.get(b"content-length", b"0")
            if not length.isdigit() or int(length) > self.max_body:
                problem = (413, f"smguide: the request body is at most {self.max_body} bytes")
        if problem is not None:
            start, body = _plain(*problem)
            await send(start)
            await send(body)
            self._log(scope, problem[0], started)
            return

        async def with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                extra = [h for h in HEADERS if h[0] not in {k for k, _v in message["headers"]}]
                names = {k.lower() for k, _v in message["headers"]}
                if b"cache-control" not in names:
                    extra.append(NO_STORE)
                message["headers"] = [*message["headers"], *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
        self._log(scope, status, started)

    @staticmethod
    def _log(scope: Scope, status: int, started: float) -> None:
        # The path only: no query string, no body, no client address.
        access_log.info("%s %s %d %.1fms", scope.get("method", "?"), scope.get("path", "?"),
                        status, (time.perf_counter() - started) * 1000)
