"""Shared fixtures."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

# The tests expect English unless they ask for French (a developer's LANG=fr_CA.UTF-8 must
# not turn them red); set before smguide.cli is imported, and inherited by subprocesses.
os.environ["SMGUIDE_LANG"] = "en"
# The pack cache (smguide.pack.cache) of the test session: never the user's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="smguide-test-cache-")
# The remembered profile (smguide.interview.profile): never the user's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="smguide-test-config-")

from smguide import i18n
from smguide.pack import yamlload


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Each test starts in English and leaves English behind (the language is global)."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with libyaml's parser and with PyYAML's pure-Python one: a fresh
    machine may or may not have libyaml, and the behaviour must be the same (issue 8)."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlload, "_Parser", yamlload.PureParser)
    yield str(request.param)
