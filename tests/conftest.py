"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smguide import yamlload


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with libyaml's parser and with PyYAML's pure-Python one: a fresh
    machine may or may not have libyaml, and the behaviour must be the same (issue 8)."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamlload, "_Parser", yamlload.PureParser)
    yield str(request.param)
