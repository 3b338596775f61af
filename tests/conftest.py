"""Shared fixtures."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

from smguide import yamlload

# The pack cache (smguide.packcache) of the test session: never the user's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="smguide-test-cache-")


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with libyaml's parser and with PyYAML's pure-Python one: a fresh
    machine may or may not have libyaml, and the behaviour must be the same (issue 8)."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlload, "_Parser", yamlload.PureParser)
    yield str(request.param)
