"""The pack cache's encoding: a validated pack as plain JSON data, and back.

Data, not code: the reader builds only the pack's own model classes, field by field,
from JSON's lists, strings, numbers and booleans, checking each value's type as it
goes; anything else in an entry (a wrong type, a missing part, an unknown verdict) is
:class:`BadEntry`, and the cache reads the pack from its files instead. Nothing in an
entry names a class or a function to call.

Quick to read where a warm ``decide`` spends it (:func:`encode` has the layout): the
head (JSON) holds the tables, the manifest, sources, questions and silences, and what
the engine reads of every rule: its id, verdict and exceptions, and the texts a
decision gathers from the rules that may apply (for the rules that have any); each
rule's tests, where it is an ``all`` of tests (most rules), are 32-bit numbers read at
once; where its tests stand, and the rest of it (title, rationale, citations, place),
are in parts of its own, read the first time they are used. A rule is a
:class:`~smguide.pack.cachedrule.CachedRule` that reads them then, and builds its
``when`` when first read: a decision with every answer reads the texts and conditions
of a few rules of thousands.

Checked when read: :func:`decode` checks everything at once (every chunk, every
condition), so a payload gives a pack or :class:`BadEntry`. The cache calls it with
``sealed`` once the entry's keyed seal has passed (only the user's own smguide, with
its key, wrote it: cache.py): the tables, manifest, sources, questions and silences
are checked then, and the sizes of the rules' parts; each part of a rule as it is read
(:class:`~smguide.pack.cachedrule.DamagedEntry` if one were not what this module
writes, which only the key's holder could make).

Compact (a large pack's entry is smaller than its YAML): every object is a list of its
fields in a fixed order, without names; a model's location is ``[file, line, column]``
with the file as a number in a table; a condition's test is a number in a table of
(question, options, path), which a large pack repeats hundreds of thousands of times,
and the file:line:col of a condition's tests is one string, worked out only when one
is asked for (:class:`Spots`).
"""

from __future__ import annotations

import gc
import itertools
import json
import sys
from array import array
from collections.abc import Callable, Sequence
from json.scanner import make_scanner
from typing import Any, TypeVar

from smguide.errors import Location
from smguide.pack import conditions as c
from smguide.pack.cachedrule import (
    BOX,
    DONE,
    READ,
    SLOTS,
    TEXTS,
    TEXTS_READ,
    UNREAD,
    CachedRule,
    DamagedEntry,
)
from smguide.pack.models import (
    Citation,
    Manifest,
    Option,
    Pack,
    Principle,
    Question,
    Rule,
    Section,
    Silence,
    Source,
    Verdict,
)
from smguide.pack.translatable import Localized

VERSION = 6  # of the layout below; an entry of another version is never read
# A large pack's objects are kept out of the collector's sight (cache._settle); the
# conditions built and the rules read after the entry is read join them each time
# this many are, or every collection the rest of a decision sets off walks them all
# again (a fifth of a decision that builds every rule's condition, as a silence on the
# SAT solver does). Packs of fewer rules than LARGE (as in pack.cache) are left alone.
FREEZE_EVERY = 256
LARGE = 1000  # rules
M = TypeVar("M")
_SWAP = sys.byteorder == "big"  # the numbers are written little-endian


class BadEntry(ValueError):
    """An entry that is not what this module writes: a miss, never an error."""


def _numbers(values: Any = ()) -> array[int]:
    numbers = array("I", values)
    if numbers.itemsize != 4:  # pragma: no cover - no such platform in use
        raise BadEntry("no 32-bit numbers here")
    return numbers


class Spots:
    """Where the tests of one condition stand, as the cache keeps them: one string
    ``"path line column;..."`` (path as a number in the entry's table; line from the
    test before, column left out where it is that test's), turned into a table the
    first time a location is asked for. It stands in for the YAML document
    behind the condition's shared :class:`~smguide.pack.conditions.Origin`."""

    __slots__ = ("_paths", "file", "raw", "table")

    def __init__(self, file: str | None, raw: str, paths: list[c.Path]) -> None:
        self.file = file
        self.raw = raw
        self.table: dict[c.Path, tuple[int, int]] | None = None
        self._paths = paths

    def _source(self) -> tuple[str | None, str]:
        return self.file, self.raw

    def location_under(self, base: Any, path: c.Path) -> Location | None:
        if self.table is None:
            self.file, raw = self._source()
            table: dict[c.Path, tuple[int, int]] = {}
            line = column = 0
            for text in raw.split(";") if raw else []:
                number, step, *moved = (int(part) for part in text.split(" "))
                line += step
                if moved:
                    (column,) = moved
                table[self._paths[number]] = (line, column)
            self.table = table
        found = self.table.get(path)
        if found is None or self.file is None:
            return None
        return Location(self.file, found[0], found[1])


class _RuleSpots(Spots):
    """A cached rule's :class:`Spots`, read from the entry when a location is first
    asked for (a miss past the seal is :class:`~smguide.pack.cachedrule.DamagedEntry`)."""

    __slots__ = ("_reader", "_row")

    def __init__(self, reader: _Reader, row: int) -> None:
        super().__init__(None, "", reader.paths)
        self._reader, self._row = reader, row

    def location_under(self, base: Any, path: c.Path) -> Location | None:
        try:
            return super().location_under(base, path)
        except (ValueError, TypeError, IndexError):  # only in an entry made with the key
            raise DamagedEntry() from None

    def _source(self) -> tuple[str | None, str]:
        reader, row = self._reader, self._row
        ends = reader.spot_ends
        text = str(reader.spots[ends[row - 1] if row else 0:ends[row]], "utf-8")
        if not text:
            return None, ""
        file, bar, raw = text.partition("|")
        if not bar:
            raise BadEntry("no file")
        return reader.files[_index(int(file))], raw


_INT = {int}
_WHEN_SET = SLOTS["when"].__set__  # Rule's own ``when``, past CachedRule's property
_FILL = tuple(SLOTS[name].__set__ for name in (  # what _Reader.fill sets, in its order
    "title", "rationale", "instead", "urgent", "cite", "yields_to_stricter", "replaces"))
_FILL_TEXTS = tuple(SLOTS[name].__set__ for name in TEXTS)


# -- writing -------------------------------------------------------------------------


class _Writer:
    def __init__(self) -> None:
        self.files: dict[str, int] = {}
        self.paths: dict[c.Path, int] = {}
        self.options: dict[frozenset[str], int] = {}
        self.tests: dict[tuple[str, int, int], int] = {}

    def number(self, table: dict[Any, int], value: Any) -> int:
        found = table.get(value)
        if found is None:
            found = table[value] = len(table)
        return found

    def loc(self, location: Location | None) -> Any:
        if location is None:
            return None
        return [self.number(self.files, location.path), location.line, location.column]

    def at(self, model: Any) -> Any:
        return self.loc(model.location)

    def condition(self, cond: c.Condition) -> Any:
        return [self._tree(cond), *self.spots(cond)]

    def spots(self, cond: c.Condition) -> list[Any]:
        """Where the condition's tests stand: its file's number (None unless one file
        holds them all) and the string :class:`Spots` reads."""
        located = [(t, t.location) for t in c.tests_of(cond)]
        files = {where.path for _, where in located if where is not None}
        file = next(iter(files)) if len(files) == 1 else None
        if file is None:
            return [None, ""]
        parts, line, column = [], 0, 0
        for test, where in located:
            if where is not None:  # the line from the last one; its column if another
                step = f"{self.number(self.paths, test.path)} {where.line - line}"
                parts.append(step if where.column == column else f"{step} {where.column}")
                line, column = where.line, where.column
        return [self.number(self.files, file), ";".join(parts)]

    def _tree(self, cond: c.Condition) -> Any:
        if type(cond) is c.Test:
            key = (cond.question, self.number(self.options, cond.options),
                   self.number(self.paths, cond.path))
            return self.number(self.tests, key)
        path = self.number(self.paths, cond.path)
        if type(cond) is c.Not:
            return [2, path, self._tree(cond.item)]
        tag = 0 if type(cond) is c.All else 1
        return [tag, path, *(self._tree(item) for item in cond.items)]  # type: ignore[union-attr]


def _text(value: Localized | None) -> Any:
    return None if value is None else dict(value)


_CHUNK = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# json's own scanner (in C), without json.loads' wrapping (typeshed mistypes its argument)
_SCAN = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


def encode(pack: Pack) -> bytes:
    """The pack as the entry's payload: the sizes of the head, the numbers and the spots
    and a newline; the head (UTF-8 JSON); the numbers (unsigned 32-bit, little-endian:
    where each rule's chunk ends, where its spots end, where its box ends, the boxes);
    the spots (UTF-8 text, :func:`_spots`); then each rule's chunk (UTF-8 JSON)."""
    w = _Writer()
    manifest = pack.manifest
    chunks = [_CHUNK.encode(_chunk(w, r)).encode() for r in pack.rules]
    spots = [_spots(w, r) for r in pack.rules]
    boxes: list[int] = []
    box_ends, others = [], []
    for row, rule in enumerate(pack.rules):
        tree = w._tree(rule.when)
        if type(tree) is list and tree[0] == 0 and all(type(k) is int for k in tree[2:]):
            boxes += tree[1:]
        else:
            others.append([row, tree])
        box_ends.append(len(boxes))
    numbers = _numbers([*itertools.accumulate(map(len, chunks)),
                        *itertools.accumulate(map(len, spots)), *box_ends, *boxes])
    if _SWAP:
        numbers.byteswap()
    rules = [[r.id for r in pack.rules], [_CODES.get(r.verdict) for r in pack.rules],
             [[i, r.exception_to] for i, r in enumerate(pack.rules) if r.exception_to],
             others,
             [[i, *_texts_of(r)] for i, r in enumerate(pack.rules)
              if r.obligations or r.cautions or r.considerations or r.principles]]
    body = [
        [w.at(manifest), manifest.id, dict(manifest.title), manifest.version,
         manifest.languages, _text(manifest.description), manifest.extends,
         manifest.only_tightens],
        [[w.at(s), s.id, dict(s.title), _text(s.short_title), s.issuer, s.date, s.kind, s.url,
          [[w.at(x), x.id, dict(x.title), _text(x.summary)] for x in s.sections],
          s.language, s.quoted_from]
         for s in pack.sources],
        [[w.at(q), q.id, dict(q.text), _text(q.help), q.type,
          [[w.at(o), o.id, dict(o.text), _text(o.help), _text(o.step), o.satisfies]
           for o in q.options],
          None if q.ask_if is None else w.condition(q.ask_if), q.unsure, _text(q.find_out),
          q.actionable] for q in pack.questions],
        rules,
        [[w.at(s), s.id, w.condition(s.when), dict(s.reason),
          [_citation(w, x) for x in s.cite]] for s in pack.silences],
        pack.path, pack.content_hash, pack.files, pack.layers,
    ]
    tables = [list(w.files), [list(p) for p in w.paths], [sorted(o) for o in w.options],
              [list(t) for t in w.tests]]
    head = json.dumps([VERSION, tables, body], ensure_ascii=False,
                      separators=(",", ":")).encode()
    number_bytes = numbers.tobytes()
    spot_bytes = b"".join(spots)
    return b"".join((b"%d %d %d\n" % (len(head), len(number_bytes), len(spot_bytes)), head,
                     number_bytes, spot_bytes, *chunks))


def _chunk(w: _Writer, r: Rule) -> Any:
    """What the head leaves out of a rule (read by cachedrule.CachedRule when used)."""
    return [w.at(r), dict(r.title), _text(r.rationale), _text(r.instead), r.urgent,
            [_citation(w, x) for x in r.cite], r.origin, [w.loc(x) for x in r.replaces_at],
            r.yields_to_stricter, r.replaces]


def _texts_of(r: Rule) -> Any:
    return [[dict(t) for t in r.obligations], [dict(t) for t in r.cautions],
            [dict(t) for t in r.considerations], [p.value for p in r.principles]]


def _spots(w: _Writer, r: Rule) -> bytes:
    """Where the rule's tests stand: ``file|spots`` (the file's number), or nothing
    where they are not all in one file (they are not located then, as in the pack)."""
    file, spots = w.spots(r.when)
    return b"" if file is None else f"{file}|{spots}".encode()


def _citation(w: _Writer, cite: Citation) -> Any:
    return [w.at(cite), cite.source, cite.section, cite.quote]


# -- reading -------------------------------------------------------------------------


def _str(value: Any) -> str:
    if type(value) is not str:
        raise BadEntry("text expected")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise BadEntry("true or false expected")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise BadEntry("a number expected")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise BadEntry("a list expected")
    return value


def _strs(value: Any) -> list[str]:
    if value == []:
        return []
    return [_str(v) for v in _list(value)]


def _text_of(value: Any) -> Localized:
    if type(value) is not dict or "en" not in value:
        raise BadEntry("a text expected")
    for key, text in value.items():
        _str(key), _str(text)
    return Localized(value)


def _texts(value: Any) -> list[Localized]:
    if value == []:  # most rules have none
        return []
    return [_text_of(t) for t in _list(value)]


def _opt_text(value: Any) -> Localized | None:
    return None if value is None else _text_of(value)


def _choice(value: Any, allowed: tuple[str, ...]) -> Any:
    if value not in allowed:
        raise BadEntry("an unknown choice")
    return value


# A dict lookup, not the enum's call: an unknown value is a KeyError (a miss).
_VERDICTS = {v.value: v for v in Verdict}
# A rule's verdict in the head: its number (None: no verdict).
_CODES: dict[Verdict | None, int | None] = {v: i for i, v in enumerate(Verdict)}
_BY_CODE: dict[int | None, Verdict | None] = {i: v for v, i in _CODES.items()}
_BY_CODE[None] = None
_PRINCIPLES = {p.value: p for p in Principle}


class _Reader:
    """Builds the pack's models from the decoded payload, checking each value."""

    def __init__(self, tables: Any, chunks: bytes | memoryview = b"",
                 spots: bytes | memoryview = b"") -> None:
        self.large = False
        self.built = 0  # conditions built and chunks read after the entry was read
        self.chunks = chunks  # the rules' chunks, one after another
        self.ends = _numbers()  # where each rule's chunk ends in them
        self.spots = spots  # where each rule's tests stand (_spots), one after another
        self.spot_ends = _numbers()  # where each rule's ends in them
        self.texts: dict[int, list[Any]] = {}  # per rule that has any, its TEXTS
        self.boxes = _numbers()  # the path and tests of each rule that is an ``all`` of tests
        self.box_ends = _numbers()  # where each rule's ends in them
        files, paths, options, tests = (_list(t) for t in _list(tables))
        self.files = _strs(files)
        self.paths: list[c.Path] = [tuple(self._part(p) for p in _list(path)) for path in paths]
        self.options = [frozenset(_strs(o)) for o in options]
        record = c.TestRecord
        self.tests = [record(_str(q), self.options[_index(o)], self.paths[_index(p)])
                      for q, o, p in (_list(t) for t in tests)]

    @staticmethod
    def _part(value: Any) -> str | int:
        if type(value) is str or type(value) is int:
            return value
        raise BadEntry("a path part expected")

    def loc(self, value: Any) -> Location | None:
        if value is None:
            return None
        file, line, column = value  # not three values: a ValueError or a TypeError
        if not type(file) is type(line) is type(column) is int or file < 0:
            raise BadEntry("a place expected")
        return Location(self.files[file], line, column)

    def model(self, model_class: type[M], at: Any, /, **fields: Any) -> M:
        """A model from checked fields, by its own constructor (its checks run too)."""
        obj = model_class(**fields)
        obj.locate(None if at is None else self.loc(at))  # type: ignore[attr-defined]
        return obj

    def condition(self, value: Any) -> c.Condition:
        """A question's ``ask_if`` or a silence's ``when`` (BadEntry or an IndexError for
        anything wrong)."""
        tree, file, raw = _list(value)
        spots = None if file is None else Spots(self.files[_index(file)], _str(raw), self.paths)
        self._check(tree)
        return self.build(tree, spots)

    def _check(self, x: Any) -> bool:
        """What :meth:`build` would refuse, refused without building anything. True for
        a list of tests' numbers."""
        if type(x) is int:
            self.tests[x]  # an index out of the table is an IndexError
            return False
        tag, path_number, *items = _list(x)
        self.paths[_index(path_number)]
        if tag == 2 and len(items) == 1:
            self._check(items[0])
            return False
        if tag != 0 and tag != 1:
            raise BadEntry("an unknown condition")
        if set(map(type, items)) <= _INT:  # its tests' numbers (no bool: a wrong type)
            if items and not -len(self.tests) <= min(items) <= max(items) < len(self.tests):
                raise BadEntry("a test out of the table")
            return True
        for item in items:
            self._check(item)
        return False

    def build(self, tree: Any, spots: Spots | None) -> c.Condition:
        origin = c.Origin()
        if spots is not None:
            origin.place(spots, ())
        tests, paths, make = self.tests, self.paths, c.Test

        def node(x: Any) -> c.Condition:
            # The tests of a large pack are hundreds of thousands: each is made in the
            # comprehension, without a call of its own. An index out of the table is an
            # IndexError (a miss); a negative one still names a test of this pack.
            if type(x) is int:
                return make(*tests[x], origin)
            tag, path_number, *items = _list(x)
            path = paths[_index(path_number)]
            if tag == 2 and len(items) == 1:
                return c.Not(node(items[0]), path)
            made = tuple([make(*tests[k], origin) if type(k) is int else node(k)
                          for k in items])
            if tag == 0:
                return c.All(made, path)
            if tag == 1:
                return c.AnyOf(made, path)
            raise BadEntry("an unknown condition")

        return node(tree)

    def box_tests(self, rule: CachedRule) -> Sequence[c.Tested] | None:
        """cachedrule.Entry.box_tests: :meth:`Rule.box_tests` of the condition the rule
        would build, without building it."""
        tree = rule._tree
        tests = self.tests
        if tree is BOX:
            row, ends = rule._row, self.box_ends
            return [tests[k] for k in self.boxes[(ends[row - 1] if row else 0) + 1:ends[row]]]
        if type(tree) is int:
            return [self.tests[tree]]
        if tree[0] == 0:
            try:
                return [tests[k] for k in tree[2:]]
            except TypeError:  # a condition among them: not a box
                return None
        return None

    def citation(self, value: Any) -> Citation:
        at, source, section, quote = _list(value)
        cite = Citation(source=_str(source), section=_str(section), quote=_opt_str(quote))
        cite.locate(self.loc(at))
        return cite

    def section(self, value: Any) -> Section:
        at, sid, title, summary = _list(value)
        return self.model(Section, at, id=_str(sid), title=_text_of(title),
                          summary=_opt_text(summary))

    def source(self, value: Any) -> Source:
        at, sid, title, short, issuer, date, kind, url, sections, language, quoted = _list(value)
        return self.model(Source, at, id=_str(sid), title=_text_of(title),
                          short_title=_opt_text(short), issuer=_str(issuer), date=_str(date),
                          kind=_choice(kind, ("policy", "report")), url=_opt_str(url),
                          sections=[self.section(x) for x in _list(sections)],
                          language=_str(language), quoted_from=_opt_str(quoted))

    def option(self, value: Any) -> Option:
        at, oid, text, help_text, step, satisfies = _list(value)
        return self.model(Option, at, id=_str(oid), text=_text_of(text),
                          help=_opt_text(help_text), step=_opt_text(step),
                          satisfies=_bool(satisfies))

    def question(self, value: Any) -> Question:
        at, qid, text, help_text, kind, options, ask_if, unsure, find_out, actionable = (
            _list(value))
        kind = _choice(kind, ("choice", "yesno"))
        made = [self.option(x) for x in _list(options)]
        question = self.model(Question, at, id=_str(qid), text=_text_of(text),
                              help=_opt_text(help_text), type=kind,
                              options=[] if kind == "yesno" else made,
                              ask_if=None if ask_if is None else self.condition(ask_if),
                              unsure=_bool(unsure), find_out=_opt_text(find_out),
                              actionable=_bool(actionable))
        question.options = made  # a yes/no question's own, as they were written
        return question

    def rules(self, value: Any, numbers: array[int], check: bool) -> list[Rule]:
        """The rules of the head, each to read its chunk and build its condition when
        first used. ``check``: every value checked now (else the entry is sealed, and
        each part is checked as it is read)."""
        ids, codes, exceptions, others, texts = _list(value)
        size = len(_list(ids))
        if len(_list(codes)) != size or len(numbers) < 3 * size:
            raise BadEntry("the rules' columns differ")
        if not set(map(type, ids)) <= {str}:  # read everywhere: checked now, sealed or not
            raise BadEntry("a rule id expected")
        self.ends, self.spot_ends = numbers[:size], numbers[size:2 * size]
        self.box_ends, self.boxes = numbers[2 * size:3 * size], numbers[3 * size:]
        if ((self.ends[-1] if size else 0) != len(self.chunks)
                or (self.spot_ends[-1] if size else 0) != len(self.spots)
                or (self.box_ends[-1] if size else 0) != len(self.boxes)):
            raise BadEntry("the rules' parts do not add up")
        self.texts = {_index(row): rest for row, *rest in _list(texts)}
        new, kind, by_code, box = object.__new__, CachedRule, _BY_CODE, BOX
        rules: list[CachedRule] = []
        append = rules.append
        for row, (rid, code) in enumerate(zip(ids, codes, strict=True)):
            rule = new(kind)
            rule.id, rule.verdict, rule.exception_to = rid, by_code[code], []
            rule._entry, rule._row, rule._tree, rule._unread = self, row, box, UNREAD
            append(rule)
        for row, targets in _list(exceptions):  # few: checked now, sealed or not
            rules[_index(row)].exception_to = _strs(targets)
        for row, tree in _list(others):
            rules[_index(row)]._tree = tree
        if check:
            if not all(map(_rising, (self.ends, self.spot_ends, self.box_ends))):
                raise BadEntry("the rules' parts overlap")
            if not self.texts.keys() <= set(range(size)):
                raise BadEntry("texts of no rule")
            for rule in rules:
                self._check(self.tree(rule))
                if rule.exception_to and rule.verdict is None:
                    raise BadEntry("an exception without a verdict")
                self.fill(rule)
                Spots.location_under(_RuleSpots(self, rule._row), (), ())
        return rules  # type: ignore[return-value]

    def tree(self, rule: CachedRule) -> Any:
        """The rule's condition as the head's ``others`` would hold it."""
        tree = rule._tree
        if tree is BOX:  # an ``all`` of tests: its path and tests, in the numbers
            row, ends = rule._row, self.box_ends
            return [0, *self.boxes[ends[row - 1] if row else 0:ends[row]]]
        return tree

    def chunk(self, row: int) -> list[Any]:
        """A rule's chunk, decoded (by json's own scanner: json.loads costs three times
        as much around it, for a chunk this small)."""
        ends = self.ends
        text = str(self.chunks[ends[row - 1] if row else 0:ends[row]], "utf-8")
        try:
            value, end = _SCAN(text, 0)
        except StopIteration:
            raise BadEntry("not JSON") from None
        if end != len(text):
            raise BadEntry("more than a chunk")
        return _list(value)

    def fill(self, rule: CachedRule) -> None:
        """cachedrule.Entry.fill: the rule's other fields, from its chunk, checked."""
        (at, title, rationale, instead, urgent, cite, origin, replaces_at, yields,
         replaces) = self.chunk(rule._row)
        values = (_text_of(title), _opt_text(rationale), _opt_text(instead), _bool(urgent),
                  [self.citation(x) for x in _list(cite)], _bool(yields), _strs(replaces))
        places = [self.loc(x) for x in _list(replaces_at)] if replaces_at != [] else []
        if rule._unread == UNREAD:
            self.fill_texts(rule)
        for put, value in zip(_FILL, values, strict=True):
            put(rule, value)
        rule._location = self.loc(at)
        rule._origin, rule._replaces_at = _str(origin), [p for p in places if p is not None]
        rule._unread = READ
        self._made()

    def fill_texts(self, rule: CachedRule) -> None:
        """cachedrule.Entry.fill_texts: the rule's TEXTS, from the head, checked."""
        found = self.texts.get(rule._row)
        if found is None:
            values: tuple[list[Any], ...] = ([], [], [], [])
        else:
            obligations, cautions, considerations, principles = found
            values = (_texts(obligations), _texts(cautions), _texts(considerations),
                      [_PRINCIPLES[p] for p in _list(principles)])
        for put, value in zip(_FILL_TEXTS, values, strict=True):
            put(rule, value)
        rule._unread = TEXTS_READ

    def build_rule(self, rule: CachedRule) -> None:
        """cachedrule.Entry.build: the rule's ``when``, from its tree."""
        _WHEN_SET(rule, self.build(self.tree(rule), _RuleSpots(self, rule._row)))
        rule._tree = DONE
        self._made()

    def _made(self) -> None:
        self.built += 1
        if self.large and self.built % FREEZE_EVERY == 0:
            gc.freeze()

    def silence(self, value: Any) -> Silence:
        at, sid, when, reason, cite = _list(value)
        return self.model(Silence, at, id=_str(sid), when=self.condition(when),
                          reason=_text_of(reason), cite=[self.citation(x) for x in _list(cite)])

    def manifest(self, value: Any) -> Manifest:
        at, mid, title, version, languages, description, extends, only_tightens = _list(value)
        return self.model(Manifest, at, id=_str(mid), title=_text_of(title),
                          version=_str(version), languages=_strs(languages),
                          description=_opt_text(description), extends=_strs(extends),
                          only_tightens=_bool(only_tightens))

    def pack(self, value: Any, numbers: array[int], check: bool) -> Pack:
        (manifest, sources, questions, rules, silences, path, content_hash, files,
         layers) = _list(value)
        pack = Pack(manifest=self.manifest(manifest),
                    sources=_each(self.source, sources), questions=_each(self.question, questions),
                    rules=self.rules(rules, numbers, check), silences=_each(self.silence, silences),
                    path=_str(path), content_hash=_str(content_hash), files=_strs(files),
                    layers=_strs(layers))
        self.large = len(pack.rules) >= LARGE
        return pack


def _index(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise BadEntry("an index expected")
    return value


def _each(read: Callable[[Any], M], values: Any) -> list[M]:
    return [read(v) for v in _list(values)]


def _rising(ends: Sequence[Any]) -> bool:
    return all(type(e) is int for e in ends) and all(map(int.__le__, [0, *ends], ends))


def decode(payload: bytes | memoryview, *, sealed: bool = False) -> Pack:
    """The pack an entry's payload holds; :class:`BadEntry` for anything else
    (malformed JSON, another version, a value of the wrong type or out of range).
    ``sealed``: the payload passed the cache's keyed seal; each rule's chunk and
    condition is then checked when first read, not now."""
    try:
        view = memoryview(payload)
        first = bytes(view[:40])
        cut = first.index(b"\n")
        head_size, numbers_size, spots_size = (int(n) for n in first[:cut].split(b" "))
        start = cut + 1
        numbers_at = start + head_size
        spots_at = numbers_at + numbers_size
        end = spots_at + spots_size
        if min(head_size, numbers_size, spots_size) < 0 or end > len(view):
            raise BadEntry("no head")
        version, tables, body = _list(json.loads(bytes(view[start:numbers_at])))
        if version != VERSION:
            raise BadEntry("another version")
        numbers = _numbers()
        numbers.frombytes(view[numbers_at:spots_at])  # not whole numbers: a ValueError
        if _SWAP:
            numbers.byteswap()
        reader = _Reader(tables, view[end:], view[spots_at:end])
        return reader.pack(body, numbers, check=not sealed)
    except BadEntry:
        raise
    except (ValueError, TypeError, IndexError, KeyError, RecursionError,
            OverflowError) as exc:
        raise BadEntry(f"not a pack: {type(exc).__name__}") from None
