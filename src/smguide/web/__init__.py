"""``smguide serve``: the interview of ``smguide decide`` in a browser, and an API.

A front door like the terminal prompt: it calls the interview's, the report's and the
renderers' functions, never the engine's internals. Nothing about a situation is kept:
the answers travel in the page (posted form fields) or the API request.

For an agency, run the ASGI app with its usual process manager::

    SMGUIDE_ALLOWED_HOSTS=smguide.agency.example uvicorn smguide.web:app --workers 4 --loop asyncio

``app`` is built on first use from ``SMGUIDE_PACKS`` (else the bundled packs) and
``SMGUIDE_ALLOWED_HOSTS`` (comma-separated Host names; the loopback names always).
"""

from __future__ import annotations

import os
from typing import Any

ALLOWED_HOSTS_ENV = "SMGUIDE_ALLOWED_HOSTS"


def from_environment() -> Any:
    """The application of ``uvicorn smguide.web:app``."""
    from smguide.pack.selection import load_and_warn as load
    from smguide.web.application import create_app, warm
    from smguide.web.security import allowed_hosts

    extra = [h.strip() for h in os.environ.get(ALLOWED_HOSTS_ENV, "").split(",") if h.strip()]
    pack = load(None)
    app = create_app(pack, allowed_hosts("127.0.0.1", extra))
    warm(pack)
    return app


_app: Any = None


def __getattr__(name: str) -> Any:
    global _app
    if name != "app":
        raise AttributeError(name)
    if _app is None:
        _app = from_environment()
    return _app
