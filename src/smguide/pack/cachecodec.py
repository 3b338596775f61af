"""The pack cache's encoding: a validated pack as plain JSON data, and back.

Data, not code: the reader builds only the pack's own model classes, field by field,
from JSON's lists, strings, numbers and booleans, checking each value's type as it
goes; anything else in an entry (a wrong type, a missing part, an unknown verdict) is
:class:`BadEntry`, and the cache reads the pack from its files instead. Nothing in an
entry names a class or a function to call.

A rule's condition is checked as it is read, but its objects are built when the rule's
``when`` is first read (:class:`_CachedRule`): a decision reads the conditions of a few
rules of thousands, and most of the reading time went into building the others.

Compact (a large pack's entry is smaller than its YAML) and quick to read: every
object is a list of its fields in a fixed order, without names; a model's location is
``[file, line, column]`` with the file as a number in a table; a condition's test is a
number in a table of (question, options, path), which a large pack repeats hundreds
of thousands of times, and the file:line:col of a condition's tests is one string,
worked out only when one is asked for (:class:`Spots`).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from smguide.errors import Location
from smguide.pack import conditions as c
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

VERSION = 5  # of the layout below; an entry of another version is never read
# A large pack's objects are kept out of the collector's sight (cache._settle); the
# conditions built after the entry is read join them each time this many are built,
# or every collection the rest of a decision sets off walks them all again (a fifth
# of a decision that builds every rule's condition, as a silence on the SAT solver
# does). Packs of fewer rules than LARGE (as in pack.cache) are left alone.
FREEZE_EVERY = 256
LARGE = 1000  # rules
M = TypeVar("M")


class BadEntry(ValueError):
    """An entry that is not what this module writes: a miss, never an error."""


class Spots:
    """Where the tests of one condition stand, as the cache keeps them: one string
    ``"path line column;..."`` (path as a number in the entry's table), turned into a
    table the first time a location is asked for. It stands in for the YAML document
    behind the condition's shared :class:`~smguide.pack.conditions.Origin`."""

    __slots__ = ("_paths", "file", "raw", "table")

    def __init__(self, file: str, raw: str, paths: list[c.Path]) -> None:
        self.file = file
        self.raw = raw
        self.table: dict[c.Path, tuple[int, int]] | None = None
        self._paths = paths

    def location_under(self, base: Any, path: c.Path) -> Location | None:
        if self.table is None:
            table: dict[c.Path, tuple[int, int]] = {}
            for text in self.raw.split(";") if self.raw else []:
                number, line, column = (int(part) for part in text.split(" "))
                table[self._paths[number]] = (line, column)
            self.table = table
        found = self.table.get(path)
        return None if found is None else Location(self.file, found[0], found[1])


_WHEN = Rule.__dict__["when"]  # the slot Rule keeps its condition in
_UNBUILT = c.All(())  # what the slot holds until the condition is built
_RULE_FIELDS = tuple(f.name for f in fields(Rule))
_INT = {int}


class _CachedRule(Rule):
    """A rule read from the cache: its ``when`` is built the first time it is read, from
    what the entry holds (checked when read: building it cannot fail). Otherwise a
    :class:`Rule`: equal to one with the same fields, copied and pickled as one."""

    __slots__ = ("_pending",)
    _pending: _Unbuilt | None

    @property
    def when(self) -> c.Condition:
        pending = self._pending
        if pending is not None:
            self._pending = None
            _WHEN.__set__(self, pending())
        return _WHEN.__get__(self)  # type: ignore[no-any-return]

    @when.setter
    def when(self, value: c.Condition) -> None:
        self._pending = None
        _WHEN.__set__(self, value)

    def box_tests(self) -> Sequence[c.Tested] | None:
        pending = self._pending
        if pending is None:
            return Rule.box_tests(self)
        return pending.box_tests()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rule):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _RULE_FIELDS)

    __hash__ = None  # type: ignore[assignment]  # as Rule's: equal by its fields

    def __reduce__(self) -> Any:
        plain = Rule(**{name: getattr(self, name) for name in _RULE_FIELDS})
        plain.locate(self.location)
        plain.compose(self.origin, self.replaces_at)
        return _same, (plain,)


def _same(rule: Rule) -> Rule:
    return rule


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
        tests = c.tests_of(cond)
        located = [(t, t.location) for t in tests]
        files = {where.path for _, where in located if where is not None}
        file = next(iter(files)) if len(files) == 1 else None
        spots = ";".join(f"{self.number(self.paths, t.path)} {where.line} {where.column}"
                         for t, where in located if where is not None and file is not None)
        return [self._tree(cond), None if file is None else self.number(self.files, file), spots]

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


def encode(pack: Pack) -> bytes:
    """The pack as the entry's payload (UTF-8 JSON)."""
    w = _Writer()
    manifest = pack.manifest
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
        [[w.at(r), r.id, dict(r.title), w.condition(r.when),
          None if r.verdict is None else r.verdict.value, r.exception_to, r.replaces,
          r.yields_to_stricter, _text(r.rationale), _text(r.instead),
          [dict(t) for t in r.obligations], r.urgent, [dict(t) for t in r.cautions],
          [dict(t) for t in r.considerations], [p.value for p in r.principles],
          [_citation(w, x) for x in r.cite], r.origin, [w.loc(x) for x in r.replaces_at]]
         for r in pack.rules],
        [[w.at(s), s.id, w.condition(s.when), dict(s.reason),
          [_citation(w, x) for x in s.cite]] for s in pack.silences],
        pack.path, pack.content_hash, pack.files, pack.layers,
    ]
    tables = [list(w.files), [list(p) for p in w.paths], [sorted(o) for o in w.options],
              [list(t) for t in w.tests]]
    return json.dumps([VERSION, tables, body], ensure_ascii=False,
                      separators=(",", ":")).encode()


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


def _opt_text(value: Any) -> Localized | None:
    return None if value is None else _text_of(value)


def _choice(value: Any, allowed: tuple[str, ...]) -> Any:
    if value not in allowed:
        raise BadEntry("an unknown choice")
    return value


# A dict lookup, not the enum's call: an unknown value is a KeyError (a miss).
_VERDICTS = {v.value: v for v in Verdict}
_PRINCIPLES = {p.value: p for p in Principle}


class _Reader:
    """Builds the pack's models from the decoded payload, checking each value."""

    def __init__(self, tables: Any) -> None:
        self.large = False
        self.built = 0  # conditions built after the entry was read
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
        file, line, column = _list(value)
        return Location(self.files[_index(file)], _int(line), _int(column))

    def model(self, model_class: type[M], at: Any, /, **fields: Any) -> M:
        """A model from checked fields, by its own constructor (its checks run too)."""
        obj = model_class(**fields)
        obj.locate(None if at is None else self.loc(at))  # type: ignore[attr-defined]
        return obj

    def condition(self, value: Any) -> c.Condition:
        return self.checked(value)()

    def checked(self, value: Any) -> _Unbuilt:
        """The condition, checked now (BadEntry or an IndexError for anything wrong) and
        built when called."""
        tree, file, raw = _list(value)
        if file is not None:
            spots = Spots(self.files[_index(file)], _str(raw), self.paths)
        flat = self._check(tree)
        return _Unbuilt(self, tree, spots if file is not None else None, flat)

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

    def box_tests(self, tree: Any, flat: bool) -> Sequence[c.Tested] | None:
        """:meth:`Rule.box_tests` of the condition ``tree`` builds, without building it
        (``flat``: a list of tests' numbers)."""
        if type(tree) is int:
            return [self.tests[tree]]
        if flat and tree[0] == 0:
            tests = self.tests
            return [tests[k] for k in tree[2:]]
        return None

    def citation(self, value: Any) -> Citation:
        at, source, section, quote = _list(value)
        return self.model(Citation, at, source=_str(source), section=_str(section),
                          quote=_opt_str(quote))

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

    def rule(self, value: Any) -> Rule:
        (at, rid, title, when, verdict, exception_to, replaces, yields, rationale, instead,
         obligations, urgent, cautions, considerations, principles, cite, origin,
         replaces_at) = _list(value)
        unbuilt = self.checked(when)
        rule = self.model(
            _CachedRule, at, id=_str(rid), title=_text_of(title), when=_UNBUILT,
            verdict=None if verdict is None else _VERDICTS[verdict],
            exception_to=_strs(exception_to), replaces=_strs(replaces),
            yields_to_stricter=_bool(yields), rationale=_opt_text(rationale),
            instead=_opt_text(instead), obligations=[_text_of(t) for t in _list(obligations)],
            urgent=_bool(urgent), cautions=[_text_of(t) for t in _list(cautions)],
            considerations=[_text_of(t) for t in _list(considerations)],
            principles=[_PRINCIPLES[p] for p in _list(principles)],
            cite=[self.citation(x) for x in _list(cite)])
        places = [self.loc(x) for x in _list(replaces_at)]
        rule.compose(_str(origin), [p for p in places if p is not None])
        rule._pending = unbuilt
        return rule

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

    def pack(self, value: Any) -> Pack:
        (manifest, sources, questions, rules, silences, path, content_hash, files,
         layers) = _list(value)
        pack = Pack(manifest=self.manifest(manifest),
                    sources=_each(self.source, sources), questions=_each(self.question, questions),
                    rules=_each(self.rule, rules), silences=_each(self.silence, silences),
                    path=_str(path), content_hash=_str(content_hash), files=_strs(files),
                    layers=_strs(layers))
        self.large = len(pack.rules) >= LARGE
        return pack


class _Unbuilt:
    """A checked condition of the entry, built when called."""

    __slots__ = ("flat", "reader", "spots", "tree")

    def __init__(self, reader: _Reader, tree: Any, spots: Spots | None, flat: bool) -> None:
        self.reader, self.tree, self.spots, self.flat = reader, tree, spots, flat

    def __call__(self) -> c.Condition:
        reader = self.reader
        built = reader.build(self.tree, self.spots)
        reader.built += 1
        if reader.large and reader.built % FREEZE_EVERY == 0:
            gc.freeze()
        return built

    def box_tests(self) -> Sequence[c.Tested] | None:
        return self.reader.box_tests(self.tree, self.flat)


def _index(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise BadEntry("an index expected")
    return value


def _each(read: Callable[[Any], M], values: Any) -> list[M]:
    return [read(v) for v in _list(values)]


def decode(payload: bytes | memoryview) -> Pack:
    """The pack an entry's payload holds; :class:`BadEntry` for anything else
    (malformed JSON, another version, a value of the wrong type or out of range)."""
    try:
        data = json.loads(bytes(payload))
        version, tables, body = _list(data)
        if version != VERSION:
            raise BadEntry("another version")
        return _Reader(tables).pack(body)
    except BadEntry:
        raise
    except (ValueError, TypeError, IndexError, KeyError, RecursionError) as exc:
        raise BadEntry(f"not a pack: {type(exc).__name__}") from None
