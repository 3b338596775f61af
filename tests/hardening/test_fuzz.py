"""Property-based fuzzing (issue 8): whatever the input, the YAML loader, the condition
parser and the answers parser either succeed or raise smguide's own errors; nothing
else (RecursionError, KeyError, ValueError from Python's internals) escapes.

Bounded and derandomized so the file runs in seconds and the same way every time."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smguide.errors import SmguideError
from smguide.pack import yamlload
from smguide.pack.answers import parse_sets, read_answers
from smguide.pack.conditions import ConditionError, parse
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack
from smguide.pack.yamlload import loads
from tests.hostile import tiny_pack

FUZZ = settings(max_examples=600, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Pieces of YAML, so that the fuzzer reaches past the first syntax error.
TOKENS = ["\n", " ", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ",
          "*b", "!!bool ", "!!int ", "!!float ", "!!str ", "!!binary ", "!!python/name:x ",
          "<<: ", "'", '"', "#", "|", ">", "---", "...", "yes", "no", "maybe", "0x",
          "0o", "0b", "1_0", "9" * 120, "1:30", ".inf", ".nan", "~", "null", "2011-11-30",
          "role", "channel", "text", "phone", "all", "any", "not", "\x00", "\x07", "\t",
          "\ufffe", "\u2028", "é", "%YAML 1.1\n", "%TAG ! x\n", "\\", "\r\n"]
yaml_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(TOKENS), max_size=60).map("".join),
)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["all", "any", "not", "role",
                                                          "channel", "text", "phone"]))
data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8),
                                  st.sampled_from(["all", "any", "not", "channel"]),
                                  st.integers(), st.booleans()), children, max_size=4)),
    max_leaves=30,
)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return load_pack(tiny_pack(Path(tmp_path_factory.mktemp("fuzz")) / "p"))


@pytest.mark.parametrize("parser", ["libyaml", "pure-python"])
@FUZZ
@given(text=yaml_text)
def test_yaml_loader_raises_only_its_own_errors(parser: str, text: str) -> None:
    original = yamlload._Parser
    if parser == "pure-python":
        yamlload._Parser = yamlload.PureParser  # type: ignore[misc]
    try:
        loads(text, "f.yaml")
    except SmguideError as exc:
        assert "\n" not in str(exc)
    finally:
        yamlload._Parser = original  # type: ignore[misc]


# A pack file from pieces of the format: the whole loading path (YAML, schema,
# conditions, composition, references) raises only smguide's errors.
PACK_TOKENS = ["rules:", "questions:", "sources:", "silences:", "\n  - id: r", "\n  - id: t",
               "\n    when:", "\n    ask_if:", "\n    verdict: prohibited",
               "\n    verdict: maybe", "\n    replaces:", "\n    exception_to:",
               "\n    cite:", "\n      - source: pol", "\n        section: s1",
               "\n    options:", "\n      - id: text", "\n    title: T", "\n    text: T",
               "\n    date:", "\n    sections:", " {channel: text}", " {not: {channel: x}}",
               " [a, b]", " [r]", " [text-prohibited]", " &x", " *x", " yes", " 1", " ~",
               " []", " {}", "\n", " !!int 3", " 2011-11-30", " {all: []}"]
pack_text = st.lists(st.sampled_from(PACK_TOKENS), max_size=40).map("".join)


@FUZZ
@given(text=pack_text)
def test_pack_loading_raises_only_its_own_errors(tmp_path_factory: pytest.TempPathFactory,
                                                 text: str) -> None:
    folder = tiny_pack(Path(tmp_path_factory.mktemp("pack")) / "p", **{"fuzz.yaml": text})
    try:
        load_pack(folder)
    except SmguideError as exc:
        assert "\n" not in str(exc)


@FUZZ
@given(value=data)
def test_condition_parser_raises_only_its_own_errors(value: Any) -> None:
    with contextlib.suppress(ConditionError):
        parse(value)


@FUZZ
@given(text=yaml_text)
def test_answers_file_raises_only_its_own_errors(pack: Pack, text: str) -> None:
    try:
        answers = read_answers(loads(text, "a.yaml"), (), pack)
    except SmguideError:
        return
    assert set(answers) <= {"channel"}


@FUZZ
@given(values=st.lists(st.one_of(st.text(max_size=20),
                                 st.sampled_from(["channel=text", "channel=phone",
                                                  "channel=", "=text", "channel==text",
                                                  " channel = phone ", "role=x"])),
                       max_size=4))
def test_set_options_raise_only_their_own_errors(pack: Pack, values: list[str]) -> None:
    try:
        answers = parse_sets(values, pack)
    except SmguideError:
        return
    assert set(answers) <= {"channel"}


# --- the pack cache's reader (issue 18) ------------------------------------------------

CACHE_FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                      suppress_health_check=[HealthCheck.too_slow,
                                             HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def encoded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, bytes]:
    from smguide.pack import cachecodec

    pack = load_pack(tiny_pack(tmp_path_factory.mktemp("codec") / "p"))
    return pack, cachecodec.encode(pack)


@CACHE_FUZZ
@given(edits=st.lists(st.tuples(st.integers(min_value=0), st.binary(max_size=6)),
                      min_size=1, max_size=6))
def test_cache_decoder_builds_pack_data_or_refuses(encoded: tuple[Pack, bytes],
                                                   edits: list[tuple[int, bytes]]) -> None:
    """Past the seal: mutated payloads give BadEntry or a Pack, nothing else escapes."""
    from smguide.pack import cachecodec

    _, payload = encoded
    blob = bytearray(payload)
    for at, new in edits:
        at %= len(blob)
        blob[at:at + len(new)] = new
    try:
        out = cachecodec.decode(bytes(blob))
    except cachecodec.BadEntry:
        return
    assert type(out) is Pack


@CACHE_FUZZ
@given(raw=st.binary(max_size=400))
def test_cache_entry_of_random_bytes_is_a_miss(tmp_path_factory: pytest.TempPathFactory,
                                               raw: bytes) -> None:
    from smguide.pack import cache as packcache

    place = tmp_path_factory.mktemp("cachebox")
    box = packcache._Box.open(place)
    assert box is not None
    with box:
        fd = os.open("x.pack", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600, dir_fd=box.fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(packcache.FORMAT + raw)
        assert box.read("x.pack", "stamp", ["/nowhere"]) is None


# --- renderers: random texts never change a document's structure (issue 18) ---------

TEXT_FUZZ = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[HealthCheck.too_slow,
                                            HealthCheck.function_scoped_fixture])
hostile_text = st.lists(st.sampled_from(
    [*"<>&\"'`[]()!#*_~|\\:/.@-+= \n\t1aZé", "www.", "http://", "<script>", "\x1b[2J",
     "\u202e", "\r", "&#60;", "{{", "%%{"]), min_size=1, max_size=30).map("".join)


@TEXT_FUZZ
@given(payload=hostile_text)
def test_renderers_keep_their_structure_whatever_the_texts(encoded: tuple[Pack, bytes],
                                                           payload: str) -> None:
    import copy
    import io
    import re
    from html.parser import HTMLParser

    from smguide.engine.core import decide
    from smguide.pack.translatable import Localized
    from smguide.render import answer, html, markdown
    from smguide.render.record import build as record_data
    from smguide.report.model import build

    def documents(text: str) -> tuple[str, str, str]:
        pack = copy.deepcopy(encoded[0])
        for rule in pack.rules:
            rule.title = Localized({"en": text})
            rule.obligations = [Localized({"en": text})]
        pack.manifest.version = text
        report = build(pack, decide(pack, {"channel": "text"}))
        out = io.StringIO()
        answer.summary(report, out)
        answer.details(report, out)
        page = html.decision_page(record_data(pack, decide(pack, {"channel": "text"})))
        return out.getvalue(), markdown.record(report, recorded_at="2026-01-01T00:00:00Z"), page

    terminal, md, page_text = documents(payload)
    _, plain_md, plain_page = documents("plain words")
    assert not re.search("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e]", terminal)
    from markdown_it import MarkdownIt

    def blocks(text: str) -> tuple[list[str], set[str]]:
        parsed = MarkdownIt("commonmark", {"html": True}).parse(text)
        heads = [parsed[i + 1].content for i, t in enumerate(parsed) if t.type == "heading_open"]
        kinds = {t.type for t in parsed} | {c.type for t in parsed for c in t.children or []}
        return heads, kinds

    heads, kinds = blocks(md)
    assert heads == blocks(plain_md)[0]
    assert not kinds & {"html_inline", "html_block", "link_open", "image"}
    assert "\x1b" not in md

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.seen.append(tag)

    def tags(text: str) -> list[str]:
        parser = Tags()
        parser.feed(text)
        return parser.seen

    assert tags(page_text) == tags(plain_page)
