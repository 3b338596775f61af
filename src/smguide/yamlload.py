"""Safe YAML loading that keeps positions and refuses what PyYAML would let slip.

We build Python objects from the parser's event stream ourselves (using libyaml's
C parser where present) so that we can:

* record the line and column of every key and value (for file:line:col messages),
* reject duplicate keys, which PyYAML silently resolves to the last one,
* bound nesting depth, document size and alias expansion (billion laughs),
* decode strictly as UTF-8 and point at the first bad byte.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev
from yaml.parser import Parser as _PyParser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from smguide.errors import InputError, Location
from smguide.errors import LimitError as LimitError  # re-exported: it was defined here

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
# Longer numbers are never an id or a count; Python refuses to print beyond 4,300 digits.
MAX_NUMBER_DIGITS = 100

PathKey = tuple[str | int, ...]

class PureParser(Reader, Scanner, _PyParser):
    """PyYAML's pure-Python parser: the fallback without libyaml (the tests run both)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        _PyParser.__init__(self)


try:  # libyaml is an order of magnitude faster; the pure parser is the fallback.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _Parser = PureParser  # type: ignore[misc,assignment]


_RESOLVER = Resolver()
_BOOL = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


@dataclass
class Document:
    """A loaded YAML document: its data and where each part of it stands."""

    path: str
    data: Any
    # path-in-data -> (line, column) of the value; keys of mappings also at (..., key, "<key>")
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    # elements built (aliases counted expanded): a pack's files share one budget
    nodes: int = 0

    def location(self, key: PathKey) -> Location:
        """The location of ``key``, or of its nearest recorded ancestor."""
        key = tuple(key)
        while key:
            if key in self.positions:
                line, col = self.positions[key]
                return Location(self.path, line, col)
            key = key[:-1]
        line, col = self.positions.get((), (1, 1))
        return Location(self.path, line, col)

    def key_location(self, key: PathKey) -> Location:
        """The location of a mapping key itself (for unknown or duplicate keys)."""
        marker = (*tuple(key), "<key>")
        if marker in self.positions:
            line, col = self.positions[marker]
            return Location(self.path, line, col)
        return self.location(key)


class DuplicateKeyError(InputError):
    """A mapping repeats a key (PyYAML would silently keep the last one)."""


def _scalar(event: ev.ScalarEvent) -> Any:
    value = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if event.style or not event.implicit[0]:  # plain style: None (Python), "" (libyaml)
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _bool(value)
    if tag == "tag:yaml.org,2002:int":
        return _int(value)
    if tag == "tag:yaml.org,2002:float":
        return _float(value)
    if tag == "tag:yaml.org,2002:timestamp":
        # Dates stay text: the models want ISO strings, and times are never needed.
        return value
    raise ValueError(_unsupported(tag))


def _unsupported(tag: str) -> str:
    if tag == "tag:yaml.org,2002:merge":
        return "merge keys ('<<') are not supported; write the keys out"
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"the tag {short} is not supported; write a plain value"


def _bool(value: str) -> bool:
    try:
        return _BOOL[value.lower()]
    except KeyError:
        raise ValueError(f"{value!r} is not a yes/no value (true, false, yes, no)") from None


def _int(value: str) -> int:
    text = value.replace("_", "")
    if len(text) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of more than {MAX_NUMBER_DIGITS} digits is not supported")
    try:
        return _int_text(text, value)
    except ValueError as exc:
        # Our own reasons are worth saying; Python's ("invalid literal ...") are not.
        reason = str(exc) if "supported" in str(exc) else f"{value!r} is not a whole number"
        raise ValueError(reason) from None


def _int_text(text: str, value: str) -> int:
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text.startswith("0o"):
        return sign * int(text[2:], 8)
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if ":" in text:  # YAML 1.1 sexagesimal: keep as text rather than surprise anyone
        raise ValueError(f"sexagesimal number {value!r} is not supported; quote it")
    if len(text) > 1 and text.startswith("0"):
        return sign * int(text, 8)
    return sign * int(text)


def _float(value: str) -> float:
    text = value.replace("_", "").lower()
    if len(text) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of more than {MAX_NUMBER_DIGITS} digits is not supported")
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if text == ".nan":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a number") from None


def _mark(event: ev.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _measure(obj: Any) -> tuple[int, int]:
    """(elements, nesting levels) of a built value; it is at most MAX_DEPTH deep."""
    children = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, list) else None
    if children is None:
        return 1, 0
    size, depth = 1, 1
    for child in children:
        child_size, child_depth = _measure(child)
        size += child_size
        depth = max(depth, child_depth + 1)
    return size, depth


def decode(raw: bytes, path: str) -> str:
    """Strict UTF-8 (a BOM is allowed), with the position of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            Location(path, line, column),
        ) from None


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a file as UTF-8 text, refusing oversized files before reading them."""
    from smguide.fsutil import read_bytes

    return decode(read_bytes(path, max_bytes), str(path))


def load_file(path: Path) -> Document:
    """Load one YAML (or JSON) file into a Document."""
    return loads(read_text(path), str(path))


# What YAML allows in a file (its "printable" set); anything else is refused up front,
# at its line and column, the same with either parser.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_characters(text: str, path: str) -> None:
    bad = _NOT_PRINTABLE.search(text)
    if bad is None:
        return
    start = bad.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    raise InputError(
        f"the character U+{ord(bad.group()):04X} (a control character) is not allowed; "
        "remove it", Location(path, line, column))


def loads(text: str, path: str = "<string>", max_nodes: int = MAX_NODES) -> Document:
    """Parse YAML text into a Document; every failure is an InputError with a location.

    ``max_nodes`` bounds the elements (aliases counted expanded); ``doc.nodes`` tells
    how many were used, so a pack can share one budget across its files."""
    doc = Document(path=path, data=None)
    _check_characters(text, path)
    try:
        _build(text, doc, max_nodes)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:
            # Newer libyaml builds stop at their own depth limit while scanning ahead,
            # before our check sees the events: the pure parser finds where ours is passed.
            _deepest(text, path)
            raise LimitError(f"nesting is deeper than {MAX_DEPTH} levels", where) from None
        raise InputError(f"YAML syntax error: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {_one_line(str(exc))}", Location(path)) from None
    return doc


def _one_line(message: str) -> str:
    return message.splitlines()[0] if message else "invalid YAML"


def _deepest(text: str, path: str) -> None:
    """Raise our LimitError where the pure-Python parser sees level 65 (if it gets there)."""
    depth = 0
    parser = PureParser(text)
    try:
        while (event := parser.get_event()) is not None:  # type: ignore[no-untyped-call]
            if isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = _mark(event)
                    raise LimitError(f"nesting is deeper than {MAX_DEPTH} levels",
                                     Location(path, line, col))
            elif isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return


def _build(text: str, doc: Document, max_nodes: int = MAX_NODES) -> None:
    parser = _Parser(text)
    # Each frame: [container, path, pending_key, seen_keys, anchor]
    stack: list[list[Any]] = []
    # anchor -> (value, elements, depth); a container's anchor is registered when it
    # ends, so an alias inside it cannot make it contain itself.
    anchors: dict[str, tuple[Any, int, int]] = {}
    open_anchors: set[str] = set()
    budget = max_nodes
    documents = 0
    root_set = False

    def emit(value: Any, event: ev.Event, anchor: str | None) -> None:
        nonlocal root_set
        if anchor:
            anchors[anchor] = (value, 1, 0)
        if not stack:
            doc.data = value
            root_set = True
            return
        frame = stack[-1]
        container, cpath = frame[0], frame[1]
        if isinstance(container, list):
            container.append(value)
            return
        if frame[2] is _NO_KEY:
            if isinstance(value, (dict, list)):
                line, col = _mark(event)
                raise InputError("complex mapping keys are not supported",
                                 Location(doc.path, line, col))
            key = value if isinstance(value, str) else _key_text(value)
            if key in frame[3]:
                line, col = _mark(event)
                first = doc.positions.get((*cpath, key, "<key>"), (0, 0))
                raise DuplicateKeyError(
                    f"duplicate key {key!r} (first defined at line {first[0]})",
                    Location(doc.path, line, col),
                )
            frame[3].add(key)
            frame[2] = key
            doc.positions[(*cpath, key, "<key>")] = _mark(event)
        else:
            container[frame[2]] = value
            frame[2] = _NO_KEY

    def child_path() -> PathKey:
        frame = stack[-1]
        container, cpath = frame[0], frame[1]
        if isinstance(container, list):
            return (*cpath, len(container))
        if frame[2] is _NO_KEY:
            return (*cpath, "<key>")
        return (*cpath, frame[2])

    while True:
        event = parser.get_event()
        if event is None or isinstance(event, ev.StreamEndEvent):
            break
        if isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                line, col = _mark(event)
                raise InputError(
                    "more than one YAML document in the file", Location(doc.path, line, col)
                )
            continue
        if isinstance(event, (ev.StreamStartEvent, ev.DocumentEndEvent)):
            continue
        budget -= 1
        if budget < 0:
            line, col = _mark(event)
            raise LimitError(f"too many elements (a file, and all the files of a pack "
                             f"together, may hold {MAX_NODES:,} unless SMGUIDE_MAX_PACK_MIB "
                             f"raises a pack's limit)", Location(doc.path, line, col))
        if isinstance(event, ev.AliasEvent):
            line, col = _mark(event)
            if event.anchor in open_anchors:
                raise InputError(f"the alias *{event.anchor} is inside its own anchor "
                                 "(a structure that contains itself)",
                                 Location(doc.path, line, col))
            if event.anchor not in anchors:
                raise InputError(f"unknown alias *{event.anchor}", Location(doc.path, line, col))
            value, size, depth = anchors[event.anchor]
            budget -= size
            if budget < 0:
                raise LimitError(
                    "aliases expand to too many elements (an alias bomb?)",
                    Location(doc.path, line, col),
                )
            if len(stack) + depth > MAX_DEPTH:
                raise LimitError(f"nesting is deeper than {MAX_DEPTH} levels (through the "
                                 f"alias *{event.anchor})", Location(doc.path, line, col))
            path = child_path() if stack else ()
            if not path or path[-1] != "<key>":
                doc.positions[path] = _mark(event)
            emit(value, event, None)
            continue
        if isinstance(event, ev.ScalarEvent):
            path = child_path() if stack else ()
            try:
                value = _scalar(event)
            except ValueError as exc:
                line, col = _mark(event)
                raise InputError(str(exc), Location(doc.path, line, col)) from None
            if not path or path[-1] != "<key>":
                doc.positions[path] = _mark(event)
            emit(value, event, event.anchor)
            continue
        if isinstance(event, (ev.SequenceStartEvent, ev.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                line, col = _mark(event)
                raise LimitError(
                    f"nesting is deeper than {MAX_DEPTH} levels", Location(doc.path, line, col)
                )
            path = child_path() if stack else ()
            if path and path[-1] == "<key>":
                line, col = _mark(event)
                raise InputError(
                    "complex mapping keys are not supported", Location(doc.path, line, col)
                )
            doc.positions[path] = _mark(event)
            container: Any = [] if isinstance(event, ev.SequenceStartEvent) else {}
            emit(container, event, None)
            stack.append([container, path, _NO_KEY, set(), event.anchor])
            if event.anchor:
                open_anchors.add(event.anchor)
            continue
        if isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
            container, *_, anchor = stack.pop()
            if anchor:
                open_anchors.discard(anchor)
                anchors[anchor] = (container, *_measure(container))
            continue
    if not root_set:
        doc.data = None
    doc.nodes = max_nodes - budget


class _NoKey:
    pass


_NO_KEY = _NoKey()


def _key_text(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return "null"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)
