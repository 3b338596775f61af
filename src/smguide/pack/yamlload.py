"""Safe YAML loading that keeps positions and refuses what PyYAML would let slip.

We build Python objects from the parser's event stream ourselves (using libyaml's
C parser where present) so that we can:

* know the line and column of every key and value (for file:line:col messages),
* reject duplicate keys, which PyYAML silently resolves to the last one,
* bound nesting depth, document size and alias expansion (billion laughs),
* decode strictly as UTF-8 and point at the first bad byte.

A large pack has millions of nodes and errors are rare, so positions are kept
compactly (the character offset of each node, in the order the parser met them) and
turned into a line and column only when asked (:class:`Document`).
"""

from __future__ import annotations

import datetime as _dt
import re
from array import array
from bisect import bisect_right
from itertools import accumulate
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
from smguide.i18n import _, decimal
from smguide.pack.layout import MAX_FILE_BYTES as MAX_FILE_BYTES  # re-exported
from smguide.pack.layout import MAX_NODES as MAX_NODES
from smguide.system.streams import CONTROL

MAX_DEPTH = 64
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
# What YAML counts as a line break when it numbers lines (both parsers agree).
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_RARE_BREAKS = "\r\x85\u2028\u2029"
# Containers this shallow (the file, its lists, their items) note their size as they
# are read, so that finding an item of a list of thousands is quick.
_SIZED_DEPTH = 3
_TOP = object()


class Document:
    """A loaded YAML document: its data and where each part of it stands.

    Every node the parser met (keys, values, aliases; not the ends of containers) has
    a number in reading order and the offset of its first character; a path in the
    data is turned into a node number (by walking the data, counting nodes) and the
    offset into a line and column only when a location is asked for."""

    __slots__ = (
        "_aliases",
        "_bases",
        "_children",
        "_last",
        "_lines",
        "_offsets",
        "_sizes",
        "_text",
        "data",
        "nodes",
        "path",
    )

    def __init__(self, path: str, data: Any = None, text: str = "") -> None:
        self.path = path
        self.data = data
        # elements built (aliases counted expanded): a pack's files share one budget
        self.nodes = 0
        self._text = text
        self._offsets = array("I")  # node number -> character offset in the text
        self._aliases: set[int] = set()  # the node numbers that are aliases
        self._sizes: dict[int, int] = {}  # node number -> nodes in its subtree
        self._children: dict[int, Any] = {}  # node number -> numbers of its children
        self._bases: dict[PathKey, tuple[int, Any, bool]] = {}  # see location_under
        self._lines: array[int] | None = None  # the offsets where lines start
        self._last: tuple[int, int] | None = None  # the last offset located, and its line

    def location(self, key: PathKey) -> Location:
        """The location of ``key``, or of its nearest existing ancestor."""
        if not self._offsets:
            return Location(self.path, 1, 1)
        number, _, _ = self._walk(tuple(key))
        return self._at(number)

    def key_location(self, key: PathKey) -> Location:
        """The location of a mapping key itself (for unknown or duplicate keys)."""
        key = tuple(key)
        if key and self._offsets:
            number, node, whole = self._walk(key[:-1])
            if whole and isinstance(node, dict) and number not in self._aliases:
                keys = self._children_of(number, node)
                if key[-1] in keys:
                    return self._at(keys[key[-1]])
        return self.location(key)

    def location_under(self, base: PathKey, key: PathKey) -> Location:
        """``location((*base, *key))``, quicker when asked for many keys under one base
        (the tests of a condition): the base is found once."""
        if not self._offsets:
            return Location(self.path, 1, 1)
        found = self._bases.get(base)
        if found is None:
            found = self._bases[base] = self._walk(base)
        number, node, whole = found
        if whole:
            number, _, _ = self._walk(key, number, node)
        return self._at(number)

    def _walk(self, key: PathKey, number: int = 0, node: Any = _TOP) -> tuple[int, Any, bool]:
        """The node number and value at ``key`` (or its nearest existing ancestor),
        and whether the whole path exists; from the top, or from ``number``."""
        if node is _TOP:
            node = self.data
        for part in key:
            if number in self._aliases or not isinstance(node, (dict, list)):
                return number, node, False  # an alias's parts are written at its anchor
            if isinstance(node, dict):
                if not isinstance(part, str) or part not in node:
                    return number, node, False
                number, node = self._children_of(number, node)[part] + 1, node[part]
            else:
                if type(part) is not int or not 0 <= part < len(node):
                    return number, node, False
                number, node = self._children_of(number, node)[part], node[part]
        return number, node, True

    def _children_of(self, number: int, node: Any) -> Any:
        """Key -> number of the key (mapping), or the items' numbers (list)."""
        known = self._children.get(number)
        if known is not None:
            return known
        child = number + 1
        out: Any
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                out[key] = child
                # a scalar (or an alias to one) is one node: no call for the common case
                child += 1 + (self._size(child + 1, value)
                              if isinstance(value, (dict, list)) else 1)
        else:
            out = array("I")
            for value in node:
                out.append(child)
                child += self._size(child, value) if isinstance(value, (dict, list)) else 1
        self._children[number] = out
        return out

    def _size(self, number: int, node: Any) -> int:
        """Nodes from ``number`` to the end of its subtree (1: a scalar or an alias)."""
        if not isinstance(node, (dict, list)) or number in self._aliases:
            return 1
        size = self._sizes.get(number)
        if size is None:
            child = number + 1
            if isinstance(node, dict):
                for value in node.values():
                    child += 1 + (self._size(child + 1, value)
                                  if isinstance(value, (dict, list)) else 1)
            else:
                for value in node:
                    child += self._size(child, value) if isinstance(value, (dict, list)) else 1
            size = self._sizes[number] = child - number
        return size

    def _at(self, number: int) -> Location:
        line, column = self._line_column(self._offsets[number])
        return Location(self.path, line, column)

    def _line_column(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            text = self._text
            last = self._last
            if last is None:  # the first location asked for
                if any(c in text for c in _RARE_BREAKS):
                    self._lines = _line_starts(text)
                else:
                    last = (0, 0)
            if last is not None and offset >= last[0]:
                # Only "\n", asked in reading order (the loader's way): count on from
                # the last offset asked for, through the text about once in all.
                line = last[1] + text.count("\n", last[0], offset)
                self._last = (offset, line)
                return line + 1, offset - text.rfind("\n", 0, offset)
            if self._lines is None:  # asked out of order: a table of line starts, once
                self._lines = _line_starts(text)
        line = bisect_right(self._lines, offset) - 1
        return line + 1, offset - self._lines[line] + 1


def _line_starts(text: str) -> array[int]:
    """The offset of the start of each line."""
    starts = array("I", [0])
    if any(c in text for c in _RARE_BREAKS):
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
    else:  # quicker: no match object per line
        starts.extend(accumulate(map((1).__add__, map(len, text.split("\n")))))
    return starts


class DuplicateKeyError(InputError):
    """A mapping repeats a key (PyYAML would silently keep the last one)."""


class ControlCharacterError(InputError):
    """A text holds a control character (written as an escape such as ``"\\e"``)."""


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
        return _("merge keys ('<<') are not supported; write the keys out")
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return _("the tag {tag} is not supported; write a plain value").format(tag=short)


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


def _too_deep() -> str:
    return _("nesting is deeper than {levels} levels").format(levels=MAX_DEPTH)


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
            _("not UTF-8 text (byte 0x{byte}); save the file as UTF-8").format(
                byte=f"{raw[exc.start]:02x}"),
            Location(path, line, column),
        ) from None


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES, *, pipe_ok: bool = False) -> str:
    """Read a file as UTF-8 text, refusing oversized files before reading them
    (``pipe_ok``: a pipe the user named is read too; see system.files.read_bytes)."""
    from smguide.system.files import read_bytes

    return decode(read_bytes(path, max_bytes, pipe_ok=pipe_ok), str(path))


def load_file(path: Path, *, pipe_ok: bool = False) -> Document:
    """Load one YAML (or JSON) file into a Document."""
    return loads(read_text(path, pipe_ok=pipe_ok), str(path))


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
        _("the character U+{code} (a control character) is not allowed; remove it").format(
            code=f"{ord(bad.group()):04X}"), Location(path, line, column))


def loads(text: str, path: str = "<string>", max_nodes: int = MAX_NODES) -> Document:
    """Parse YAML text into a Document; every failure is an InputError with a location.

    ``max_nodes`` bounds the elements (aliases counted expanded); ``doc.nodes`` tells
    how many were used, so a pack can share one budget across its files."""
    doc = Document(path, None, text)
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
            raise LimitError(_too_deep(), where) from None
        raise InputError(_("YAML syntax error: {problem}").format(problem=problem),
                         where) from None
    except yaml.YAMLError as exc:
        raise InputError(_("YAML error: {problem}").format(problem=_one_line(str(exc))),
                         Location(path)) from None
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
                    raise LimitError(_too_deep(),
                                     Location(path, line, col))
            elif isinstance(event, (ev.SequenceEndEvent, ev.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return


def _build(text: str, doc: Document, max_nodes: int = MAX_NODES) -> None:
    """Build ``doc.data`` from the parser's events, noting each node's offset.

    One loop with its state in locals: it runs for every node of every pack file,
    millions of times for a large pack."""
    get_event = _Parser(text).get_event
    offsets = doc._offsets
    note = offsets.append
    aliases, sizes = doc._aliases, doc._sizes
    plain = _PLAIN
    scalar, alias = ev.ScalarEvent, ev.AliasEvent
    map_start, seq_start = ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end = ev.MappingEndEvent, ev.SequenceEndEvent
    no_key = _NO_KEY
    # The open containers' parents: (container, is_map, number, anchor)
    stack: list[tuple[Any, bool, int, str | None]] = []
    # anchor -> (value, elements, depth); a container's anchor is registered when it
    # ends, so an alias inside it cannot make it contain itself.
    anchors: dict[str, tuple[Any, int, int]] = {}
    open_anchors: set[str] = set()
    container: Any = None  # the open container (None: the top of the document)
    is_map = False
    key: Any = no_key  # the key waiting for its value in an open mapping
    number = 0  # the open container's node number
    anchor: str | None = None  # the open container's anchor
    budget = max_nodes
    documents = 0
    while True:
        event: Any = get_event()
        kind = type(event)
        if kind is scalar:
            budget -= 1
            if budget < 0:
                _too_many(event, doc)
            value = event.value
            if event.tag is None and not event.style:  # plain: the common case
                try:
                    value = plain[value]
                except KeyError:
                    value = _plain_value(event, doc)
            else:
                value = _tagged_value(event, doc)
            if event.anchor:
                anchors[event.anchor] = (value, 1, 0)
        elif kind is map_start or kind is seq_start:
            budget -= 1
            if budget < 0:
                _too_many(event, doc)
            if len(stack) >= MAX_DEPTH:
                raise LimitError(_too_deep(), _where(event, doc))
            if is_map and key is no_key:
                raise InputError(_("complex mapping keys are not supported"), _where(event, doc))
            new: Any = {} if kind is map_start else []
            if is_map:
                container[key] = new
                key = no_key
            elif container is not None:
                container.append(new)
            else:
                doc.data = new
            stack.append((container, is_map, number, anchor))
            container, is_map, number = new, kind is map_start, len(offsets)
            anchor = event.anchor
            if anchor:
                open_anchors.add(anchor)
            note(event.start_mark.index)
            continue
        elif kind is map_end or kind is seq_end:
            budget -= 1
            if budget < 0:
                _too_many(event, doc)
            if len(stack) <= _SIZED_DEPTH:
                sizes[number] = len(offsets) - number
            if anchor:
                open_anchors.discard(anchor)
                anchors[anchor] = (container, *_measure(container))
            container, is_map, number, anchor = stack.pop()
            key = no_key
            continue
        elif kind is alias:
            budget -= 1
            if budget < 0:
                _too_many(event, doc)
            value, size, depth = _alias(event, doc, anchors, open_anchors)
            budget -= size
            if budget < 0:
                raise LimitError(_("aliases expand to too many elements (an alias bomb?)"),
                                 _where(event, doc))
            if len(stack) + depth > MAX_DEPTH:
                raise LimitError(_("nesting is deeper than {levels} levels (through the "
                                   "alias *{alias})").format(levels=MAX_DEPTH,
                                                             alias=event.anchor),
                                 _where(event, doc))
            aliases.add(len(offsets))
        elif kind is ev.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise InputError(_("more than one YAML document in the file"),
                                 _where(event, doc))
            continue
        elif event is None or kind is ev.StreamEndEvent:
            break
        else:  # the stream's start, a document's end
            continue
        # A scalar or an alias: the value of the waiting key, a key, an item or the top.
        note(event.start_mark.index)
        if is_map:
            if key is no_key:
                if type(value) is not str:
                    if isinstance(value, (dict, list)):
                        raise InputError(_("complex mapping keys are not supported"),
                                         _where(event, doc))
                    value = _key_text(value)
                if value in container:
                    _duplicate(event, doc, number, container, value)
                key = value
            else:
                container[key] = value
                key = no_key
        elif container is not None:
            container.append(value)
        else:
            doc.data = value
    doc.nodes = max_nodes - budget


def _where(event: ev.Event, doc: Document) -> Location:
    line, col = _mark(event)
    return Location(doc.path, line, col)


def _too_many(event: ev.Event, doc: Document) -> None:
    raise LimitError(_("too many elements (a file, and all the files of a pack together, "
                       "may hold {count} unless SMGUIDE_MAX_PACK_MIB raises a pack's "
                       "limit)").format(count=decimal(MAX_NODES)), _where(event, doc))


def _alias(event: ev.AliasEvent, doc: Document, anchors: dict[str, tuple[Any, int, int]],
           open_anchors: set[str]) -> tuple[Any, int, int]:
    if event.anchor in open_anchors:
        raise InputError(_("the alias *{alias} is inside its own anchor (a structure that "
                           "contains itself)").format(alias=event.anchor), _where(event, doc))
    if event.anchor not in anchors:
        raise InputError(_("unknown alias *{alias}").format(alias=event.anchor),
                         _where(event, doc))
    return anchors[event.anchor]


def _duplicate(event: ev.Event, doc: Document, number: int, mapping: dict[str, Any],
               key: str) -> None:
    """Refuse a repeated key, saying where it was first written (``mapping``, node
    ``number``, is still open, but the nodes before this key are all numbered)."""
    first = doc._at(doc._children_of(number, mapping)[key])
    raise DuplicateKeyError(_("duplicate key {key} (first defined at line {line})").format(
        key=repr(key), line=first.line), _where(event, doc))


# Plain scalars resolved so far (text -> value): a pack repeats the same ids and
# options thousands of times, so each is resolved once and its text stored once.
_PLAIN: dict[str, Any] = {}
_PLAIN_MAX = 1 << 16


def _plain_value(event: ev.ScalarEvent, doc: Document) -> Any:
    value = _tagged_value(event, doc)
    if len(_PLAIN) >= _PLAIN_MAX:
        _PLAIN.clear()
    _PLAIN[event.value] = value
    return value


def _tagged_value(event: ev.ScalarEvent, doc: Document) -> Any:
    try:
        value = _scalar(event)
    except ValueError as exc:
        raise InputError(str(exc), _where(event, doc)) from None
    if type(value) is str:
        _check_text(value, event, doc)
    return value


# What a text may not hold, even written as an escape ("\e[2J", "\x9b", "\u202e"): the
# control characters a terminal obeys and the bidi overrides (system.streams.CONTROL). A
# rule title could otherwise paint "PERMITTED" over "PROHIBITED". Plain scalars cannot
# hold escapes, and raw control characters are refused before parsing
# (_check_characters): only scalars first seen or quoted get here, so the common case
# costs nothing.


def _check_text(value: str, event: ev.ScalarEvent, doc: Document) -> None:
    bad = CONTROL.search(value)
    if bad is not None:
        raise ControlCharacterError(
            f"the text holds the control character U+{ord(bad.group()):04X}, which could "
            "change what a terminal or a document shows; remove it", _where(event, doc))


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
