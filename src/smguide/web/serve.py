"""``smguide serve``: the web interview on this machine (see :mod:`smguide.web`); the
command line calls :func:`run`, like a command of :mod:`smguide.commands`."""

from __future__ import annotations

import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from smguide.commands import EXIT_OK
from smguide.errors import UsageError
from smguide.i18n import _
from smguide.pack.selection import load_and_warn as load


def _check_port(host: str, port: int) -> None:
    """Fail with one line before uvicorn would log a traceback-like error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: "
                         f"{(exc.strerror or str(exc)).lower()}") from None


def run(*, packs: Sequence[Path] | None = None, host: str = "127.0.0.1", port: int = 8000,
        allowed: Sequence[str] = ()) -> int:
    if not 0 < port < 65536:
        raise UsageError(f"--port {port}: choose a port from 1 to 65535")
    pack = load(packs)  # a bad pack stops here, with its one-line error
    _check_port(host, port)

    import logging

    import uvicorn

    from smguide.web.application import create_app, warm
    from smguide.web.security import LOOPBACK, allowed_hosts

    # Listening everywhere: this machine's name too (looked up nowhere: no DNS query).
    names = [*allowed, *([socket.gethostname()] if host in ("0.0.0.0", "::") else [])]
    app = create_app(pack, allowed_hosts(host, names))
    warm(pack)
    shown = f"[{host}]" if ":" in host else host
    say = sys.stderr.write
    if host not in LOOPBACK:
        say("smguide: " + _("listening on {host}: anyone who can reach this machine on port "
                            "{port} can use it").format(host=host, port=port) + "\n")
        say("smguide: " + _("it answers to the Host names {names}; add the others people use "
                            "with --allowed-host NAME").format(
            names=", ".join(sorted({*LOOPBACK, *names} - {"0.0.0.0", "::"}))) + "\n")
    say("smguide: " + _("open http://{host}:{port}/ in a browser (Ctrl-C to stop)").format(
        host="127.0.0.1" if host in ("0.0.0.0", "::") else shown, port=port) + "\n")
    sys.stderr.flush()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # uvicorn's own access log would write query strings: ours (web.security) does not.
    # The standard event loop, not uvloop: under load, uvloop served two of 20 kept-alive
    # connections a round late, again and again (docs/web.md, "What one process serves").
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning",
                server_header=False, lifespan="off", loop="asyncio")
    return EXIT_OK
