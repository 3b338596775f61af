"""The web app in process (Starlette's TestClient), on the bundled packs."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from smguide.commands import load
from smguide.pack.models import Pack
from smguide.web.app import create_app
from smguide.web.security import allowed_hosts

with warnings.catch_warnings():  # Starlette >= 1.x prefers httpx2; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load(None)


@pytest.fixture(scope="session")
def client(pack: Pack) -> Iterator[TestClient]:
    app = create_app(pack, allowed_hosts("127.0.0.1", 8000))
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as test_client:
        yield test_client
