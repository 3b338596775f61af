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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev
from yaml.resolver import Resolver

from smguide.errors import InputError, Location

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 2_000_000

PathKey = tuple[str | int, ...]

try:  # libyaml is an order of magnitude faster; the pure parser is the fallback.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)


_RESOLVER = Resolver()
_BOOL = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


@dataclass
class Document:
    """A loaded YAML document: its data and where each part of it stands."""

    path: str
    data: Any
    # path-in-data -> (line, column) of the value; keys of mappings also at (..., key, "<key>")
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

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


class LimitError(InputError):
    """A file is too large, too deep or expands too far: refused whole (hostile or broken)."""


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
        return _BOOL[value.lower()]
    if tag == "tag:yaml.org,2002:int":
        return _int(value)
    if tag == "tag:yaml.org,2002:float":
        return _float(value)
    if tag == "tag:yaml.org,2002:timestamp":
        # Dates stay text: the models want ISO strings, and times are never needed.
        return value
    raise ValueError(f"unsupported tag {tag}")


def _int(value: str) -> int:
    text = value.replace("_", "")
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
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if text == ".nan":
        return float("nan")
    return float(text)


def _mark(event: ev.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _size(obj: Any) -> int:
    if isinstance(obj, dict):
        return 1 + sum(_size(v) for v in obj.values())
    if isinstance(obj, list):
        return 1 + sum(_size(v) for v in obj)
    return 1


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
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LimitError(
                f"file is too large ({size // (1024 * 1024)} MiB; the limit is "
                f"{max_bytes // (1024 * 1024)} MiB)",
                Location(name),
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError("is a folder, not a file", Location(name)) from None
    except FileNotFoundError:
        raise InputError("no such file", Location(name)) from None
    except PermissionError:
        raise InputError("permission denied", Location(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", Location(name)) from None
    if len(raw) > max_bytes:
        raise LimitError("file is too large", Location(name))
    return decode(raw, name)


def load_file(path: Path) -> Document:
    """Load one YAML (or JSON) file into a Document."""
    return loads(read_text(path), str(path))


def loads(text: str, path: str = "<string>") -> Document:
    """Parse YAML text into a Document; every failure is an InputError with a location."""
    doc = Document(path=path, data=None)
    try:
        _build(text, doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:
            # Newer libyaml builds stop at their own depth limit while scanning ahead,
            # before our check sees the events: the same refusal either way.
            raise LimitError(f"nesting is deeper than {MAX_DEPTH} levels", where) from None
        raise InputError(f"YAML syntax error: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(path)) from None
    return doc


def _build(text: str, doc: Document) -> None:
    parser = _Parser(text)
    # Each frame: [container, path, pending_key, seen_keys]
    stack: list[list[Any]] = []
    anchors: dict[str, Any] = {}
    budget = MAX_NODES
    documents = 0
    root_set = False

    def emit(value: Any, event: ev.Event, anchor: str | None) -> None:
        nonlocal root_set
        if anchor:
            anchors[anchor] = value
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
                raise InputError("complex mapping keys are not supported", doc.location(cpath))
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
            raise LimitError("file has too many elements", Location(doc.path))
        if isinstance(event, ev.AliasEvent):
            if event.anchor not in anchors:
                line, col = _mark(event)
                raise InputError(f"unknown alias *{event.anchor}", Location(doc.path, line, col))
            value = anchors[event.anchor]
            budget -= _size(value)
            if budget < 0:
                line, col = _mark(event)
                raise LimitError(
                    "aliases expand to too many elements (an alias bomb?)",
                    Location(doc.path, line, col),
                )
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
            emit(container, event, event.anchor)
            stack.append([container, path, _NO_KEY, set()])
            continue
        if isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
            stack.pop()
            continue
    if not root_set:
        doc.data = None


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
