"""Typed models of a rule pack: plain slotted classes.

A pack is checked once, when it is read: pydantic validates each file against these
classes (:mod:`smguide.pack.typecheck`), guided by the markers in their ``Annotated``
metadata (:mod:`smguide.pack.markers`). This module itself never imports pydantic, so a
pack from the pack cache is ready without it (issue 11: ``decide`` in 150 ms).
Cross-references between files are checked in :mod:`smguide.pack.crossrefs`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal, Self

from smguide.errors import Location
from smguide.pack import conditions as cond
from smguide.pack.markers import Before, IdPattern, MaxLength, Plain
from smguide.pack.translatable import Localized, Text

Id = Annotated[str, IdPattern(r"^[a-z0-9][a-z0-9_.-]*$", 80)]
_TEST = {cond.Test}
UNSURE = "unsure"


class Verdict(StrEnum):
    """Ordered from strictest to laxest; ``rank`` 0 is the strictest."""

    prohibited = "prohibited"
    not_yet = "not_yet"
    needs_authorization = "needs_authorization"
    consult_supervisor = "consult_supervisor"
    discouraged = "discouraged"
    permitted_with_conditions = "permitted_with_conditions"
    permitted = "permitted"

    @property
    def rank(self) -> int:
        return _VERDICT_RANK[self]  # precomputed: the engine asks this millions of times

    def stricter_than(self, other: Verdict) -> bool:
        return self.rank < other.rank

    @staticmethod
    def strictest(verdicts: list[Verdict]) -> Verdict:
        return min(verdicts, key=lambda v: v.rank)


_VERDICT_ORDER = list(Verdict)
_VERDICT_RANK = {verdict: rank for rank, verdict in enumerate(_VERDICT_ORDER)}


class Principle(StrEnum):
    """The ethical principles named by the 2022 ETMI report (Question 3, Findings 1.3)."""

    intent = "intent"
    best_interests = "best_interests"
    boundaries = "boundaries"
    confidentiality = "confidentiality"
    privacy = "privacy"
    consent = "consent"
    integrity = "integrity"
    security = "security"
    competence = "competence"


class _Model:
    """What every model of a file has besides its fields: where it is written (set by
    the loader; not a field, so no file can set it), and pydantic's familiar methods."""

    __slots__ = ("_location",)
    _location: Location | None
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    @property
    def location(self) -> Location | None:
        return getattr(self, "_location", None)

    def locate(self, location: Location | None) -> None:
        """Where the file writes this (the loader knows)."""
        self._location = location

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """Validate plain data (as read from YAML) into this class; pydantic errors."""
        from smguide.pack.typecheck import validate

        return validate(cls, data)

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """An instance from values already valid (no validation)."""
        return cls(**values)

    def model_copy(self, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with some fields changed (the location and origin travel along)."""
        twin = copy.deepcopy(self) if deep else copy.copy(self)
        for name, value in (update or {}).items():
            setattr(twin, name, value)
        twin._settle()
        return twin

    def _settle(self) -> None:
        """Recompute what is derived from the fields (indexes)."""

    def model_post_init(self, context: Any) -> None:
        """pydantic's name for :meth:`_settle` (after changing a field in place)."""
        self._settle()


def field_names(node: object) -> list[str]:
    """The fields of a model, in their order (what a file may set)."""
    return [f.name for f in fields(node)]  # type: ignore[arg-type]


def _condition(value: Any) -> cond.Condition:
    if isinstance(value, (cond.Test, cond.All, cond.AnyOf, cond.Not)):
        return value
    return cond.parse(value)


_CONDITION_SCHEMA: dict[str, Any] = {
    "description": "all/any/not over {question_id: option_id or [option_ids]} tests",
    "type": ["object", "array"],
}

ConditionField = Annotated[cond.Condition, Plain(_condition, _CONDITION_SCHEMA)]


def _date_text(value: Any) -> Any:
    # YAML dates stay text (yamlload); a bare year is a number. Nothing else is a date.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is not None and not isinstance(value, str):
        raise ValueError("a date is written like 2011-11-30 (or a year, like 2011)")
    return value


def _bool_id(value: Any) -> Any:
    return cond.option_id(value) if isinstance(value, bool) else value


def _version_text(value: Any) -> Any:
    return str(value) if isinstance(value, (int, float)) else value


# Each model is @dataclass(slots=True, kw_only=True): slotted (small and quick to
# unpickle), equal when their fields are, keyword-only (a required field may follow
# optional ones, as in the files).


@dataclass(slots=True, kw_only=True)
class Section(_Model):
    id: Id
    title: Text
    summary: Text | None = None


@dataclass(slots=True, kw_only=True)
class Source(_Model):
    id: Id
    title: Text
    # A short label for citations ("CAS policy 2011"); the full title appears once.
    short_title: Text | None = None
    issuer: str
    date: Annotated[str, Before(_date_text)]
    kind: Literal["policy", "report"] = "policy"
    url: str | None = None
    sections: list[Section] = field(default_factory=list)
    # The language the document was written in, and, where the quotes are taken from a
    # translation of it, the translation's language: quotations are labelled with both
    # ("quoted from the English translation; original in French").
    language: Annotated[str, IdPattern(r"^[a-z]{2,3}$", 3)] = "en"
    quoted_from: Annotated[str, IdPattern(r"^[a-z]{2,3}$", 3)] | None = None

    @property
    def quote_language(self) -> str:
        """The language of the text the quotes are taken from."""
        return self.quoted_from or self.language

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(slots=True, kw_only=True)
class Option(_Model):
    id: Annotated[Id, Before(_bool_id)]
    text: Text
    help: Text | None = None
    # A step a person can take (get authorization, obtain consent, use the Society
    # phone): the text says it as an instruction. Why-not suggests only such options;
    # facts of the situation and means that are themselves forbidden carry none.
    step: Text | None = None
    # This answer meets the requirement the question asks about; the lint proves that
    # switching to it never makes the verdict stricter.
    satisfies: bool = False


_YES_NO = [("yes", {"en": "Yes", "fr": "Oui"}), ("no", {"en": "No", "fr": "Non"})]
UNSURE_TEXT = Localized({"en": "Not sure", "fr": "Je ne sais pas"})


@dataclass(slots=True, kw_only=True)
class Question(_Model):
    id: Id
    text: Text
    help: Text | None = None
    type: Literal["choice", "yesno"] = "choice"
    options: list[Option] = field(default_factory=list)
    ask_if: ConditionField | None = None
    unsure: bool = True
    find_out: Text | None = None
    actionable: bool = True

    def __post_init__(self) -> None:
        if self.type == "yesno":
            if self.options:
                raise ValueError("a yesno question has the options yes and no; remove 'options'")
            self.options = [Option(id=i, text=Localized(t)) for i, t in _YES_NO]
        elif len(self.options) < 2:
            raise ValueError("a choice question needs at least two options")
        ids = [o.id for o in self.options]
        if UNSURE in ids:
            raise ValueError(f"'{UNSURE}' is reserved for the 'not sure' answer")
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate option id {sorted(dup)[0]!r}")

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def answer_text(self, answer: str) -> Localized:
        if answer == UNSURE:
            return UNSURE_TEXT
        opt = self.option(answer)
        return opt.text if opt else Localized({"en": answer})


@dataclass(slots=True, kw_only=True)
class Citation(_Model):
    source: Id
    section: Id
    quote: Annotated[str, MaxLength(400)] | None = None


class _Composed(_Model):
    __slots__ = ("_origin", "_replaces_at")  # set by the loader, not by the file
    _origin: str
    _replaces_at: list[Location]

    def compose(self, origin: str, replaces_at: list[Location]) -> None:
        """The pack it comes from, and where each of its ``replaces`` is written."""
        self._origin = origin
        self._replaces_at = replaces_at


@dataclass(slots=True, kw_only=True)
class Rule(_Composed):
    id: Id
    title: Text
    when: ConditionField
    verdict: Verdict | None = None
    exception_to: list[Id] = field(default_factory=list)
    # In an extending pack: the rules of the base pack this rule takes the place of.
    replaces: list[Id] = field(default_factory=list)
    # Declares that where a stricter rule also takes effect, giving way to it is
    # intended (the policy's requirements add up); the conflict check then agrees.
    yields_to_stricter: bool = False
    rationale: Text | None = None
    # For a prohibiting or discouraging rule: what to do instead, as an instruction.
    instead: Text | None = None
    obligations: list[Text] = field(default_factory=list)
    # Its obligations come before anything else, whatever the verdict (a mandatory
    # report): the answer leads with them wherever the rule may apply.
    urgent: bool = False
    cautions: list[Text] = field(default_factory=list)
    # Ethical considerations to bring to the practitioner's attention (report packs).
    considerations: list[Text] = field(default_factory=list)
    principles: list[Principle] = field(default_factory=list)
    cite: list[Citation] = field(default_factory=list)

    @property
    def origin(self) -> str:
        """The id of the pack the rule comes from (set by the loader)."""
        return getattr(self, "_origin", "")

    @property
    def replaces_at(self) -> list[Location]:
        """Where each entry of ``replaces`` is written (set by the loader)."""
        return getattr(self, "_replaces_at", [])

    def __post_init__(self) -> None:
        if self.exception_to and self.verdict is None:
            raise ValueError("an exception must give a verdict (it replaces the rules it defeats)")

    def box_tests(self) -> Sequence[cond.Tested] | None:
        """The tests of ``when`` where it is one test or an ``all`` of tests only (a box);
        else None. A rule from the pack cache tells without building its condition
        (most rules of a large pack are boxes, and a decision reads the condition of
        only a few)."""
        when = self.when
        items = when.items if type(when) is cond.All else (when,)
        if {*map(type, items)} <= _TEST:
            return items  # type: ignore[return-value]
        return None


@dataclass(slots=True, kw_only=True)
class Silence(_Model):
    """Where the pack knowingly gives no verdict (the policy does not cover it).

    smguide still answers ``consult_supervisor`` there and shows the reason; the gap
    check does not report these combinations."""

    id: Id
    when: ConditionField
    reason: Text
    cite: list[Citation] = field(default_factory=list)


class _Extending(_Model):
    __slots__ = ("_extends_at",)  # set by the loader, not by the file
    _extends_at: list[Location]

    @property
    def extends_at(self) -> list[Location]:
        """Where each entry of ``extends`` is written (set by the loader)."""
        return getattr(self, "_extends_at", [])

    def locate_extends(self, places: list[Location]) -> None:
        self._extends_at = places


@dataclass(slots=True, kw_only=True)
class Manifest(_Extending):
    id: Id
    title: Text
    version: Annotated[str, Before(_version_text)]
    languages: list[str] = field(default_factory=lambda: ["en"])
    description: Text | None = None
    # Packs this one builds on, by id (bundled) or by path relative to this pack.
    extends: list[str] = field(default_factory=list)
    # The pack only tightens what it extends: never a laxer verdict than the packs it
    # extends give, for any answers ('smguide lint' proves it: the 'loosens' check).
    only_tightens: bool = False


@dataclass(slots=True, kw_only=True)
class PackFile(_Model):
    """One YAML file of a pack besides the manifest."""

    sources: list[Source] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    silences: list[Silence] = field(default_factory=list)


class _Indexed(_Model):
    __slots__ = ("_order", "_questions", "_rules", "_sources")
    _questions: dict[str, Question]
    _rules: dict[str, Rule]
    _sources: dict[str, Source]
    _order: dict[str, int]

    def _index(self, questions: list[Question], rules: list[Rule],
               sources: list[Source]) -> None:
        self._questions = {q.id: q for q in questions}
        self._rules = {r.id: r for r in rules}
        self._sources = {s.id: s for s in sources}
        self._order = {q.id: i for i, q in enumerate(questions)}


@dataclass(slots=True, kw_only=True)
class Pack(_Indexed):
    """A loaded, validated rule pack (built by the loader, not read from one file)."""

    manifest: Manifest
    sources: list[Source]
    questions: list[Question]
    rules: list[Rule]
    path: str
    content_hash: str
    silences: list[Silence] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # The packs composed into this one, base first (just this pack's id when alone).
    layers: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.manifest.id

    def __post_init__(self) -> None:
        self._settle()

    def _settle(self) -> None:
        self._index(self.questions, self.rules, self.sources)

    def question(self, qid: str) -> Question | None:
        return self._questions.get(qid)

    def rule(self, rid: str) -> Rule | None:
        return self._rules.get(rid)

    def source(self, sid: str) -> Source | None:
        return self._sources.get(sid)

    def order(self, qid: str) -> int:
        return self._order[qid]
