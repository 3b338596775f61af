"""Typed models of a rule pack. Validation of a single file happens here;
cross-references between files are checked in :mod:`smguide.validate`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
)

from smguide import conditions as cond
from smguide.errors import Location
from smguide.text import Localized, Text

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]
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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True)
    _location: Location | None = PrivateAttr(default=None)

    @property
    def location(self) -> Location | None:
        return self._location


def _condition(value: Any) -> cond.Condition:
    if isinstance(value, (cond.Test, cond.All, cond.AnyOf, cond.Not)):
        return value
    return cond.parse(value)


_CONDITION_SCHEMA: dict[str, Any] = {
    "description": "all/any/not over {question_id: option_id or [option_ids]} tests",
    "type": ["object", "array"],
}

ConditionField = Annotated[
    cond.Condition,
    PlainValidator(_condition),
    PlainSerializer(lambda c: c.to_data()),
    WithJsonSchema(_CONDITION_SCHEMA),
]


class Section(_Model):
    id: Id
    title: Text
    summary: Text | None = None


class Source(_Model):
    id: Id
    title: Text
    # A short label for citations ("CAS policy 2011"); the full title appears once.
    short_title: Text | None = None
    issuer: str
    date: str
    kind: Literal["policy", "report"] = "policy"
    url: str | None = None
    sections: list[Section] = Field(default_factory=list)

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        # YAML dates stay text (yamlload); a bare year is a number. Nothing else is a date.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if value is not None and not isinstance(value, str):
            raise ValueError("a date is written like 2011-11-30 (or a year, like 2011)")
        return value

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


class Option(_Model):
    id: Id
    text: Text
    help: Text | None = None
    # A step a person can take (get authorization, obtain consent, use the Society
    # phone): the text says it as an instruction. Why-not suggests only such options;
    # facts of the situation and means that are themselves forbidden carry none.
    step: Text | None = None
    # This answer meets the requirement the question asks about; the lint proves that
    # switching to it never makes the verdict stricter.
    satisfies: bool = False

    @field_validator("id", mode="before")
    @classmethod
    def _bool_id(cls, value: Any) -> Any:
        return cond.option_id(value) if isinstance(value, bool) else value


_YES_NO = [
    {"id": "yes", "text": {"en": "Yes", "fr": "Oui"}},
    {"id": "no", "text": {"en": "No", "fr": "Non"}},
]
UNSURE_TEXT = Localized({"en": "Not sure", "fr": "Je ne sais pas"})


class Question(_Model):
    id: Id
    text: Text
    help: Text | None = None
    type: Literal["choice", "yesno"] = "choice"
    options: list[Option] = Field(default_factory=list)
    ask_if: ConditionField | None = None
    unsure: bool = True
    find_out: Text | None = None
    actionable: bool = True

    def model_post_init(self, __context: Any) -> None:
        if self.type == "yesno":
            if self.options:
                raise ValueError("a yesno question has the options yes and no; remove 'options'")
            self.options = [Option.model_validate(o) for o in _YES_NO]
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


class Citation(_Model):
    source: Id
    section: Id
    quote: str | None = Field(default=None, max_length=400)


class Rule(_Model):
    id: Id
    title: Text
    when: ConditionField
    verdict: Verdict | None = None
    exception_to: list[Id] = Field(default_factory=list)
    # In an extending pack: the rules of the base pack this rule takes the place of.
    replaces: list[Id] = Field(default_factory=list)
    # Declares that where a stricter rule also takes effect, giving way to it is
    # intended (the policy's requirements add up); the conflict check then agrees.
    yields_to_stricter: bool = False
    rationale: Text | None = None
    # For a prohibiting or discouraging rule: what to do instead, as an instruction.
    instead: Text | None = None
    obligations: list[Text] = Field(default_factory=list)
    cautions: list[Text] = Field(default_factory=list)
    # Ethical considerations to bring to the practitioner's attention (report packs).
    considerations: list[Text] = Field(default_factory=list)
    principles: list[Principle] = Field(default_factory=list)
    cite: list[Citation] = Field(default_factory=list)
    _origin: str = PrivateAttr(default="")
    # where each entry of ``replaces`` is written (set by the loader)
    _replaces_at: list[Location] = PrivateAttr(default_factory=list)

    @property
    def origin(self) -> str:
        """The id of the pack the rule comes from."""
        return self._origin

    def model_post_init(self, __context: Any) -> None:
        if self.exception_to and self.verdict is None:
            raise ValueError("an exception must give a verdict (it replaces the rules it defeats)")


class Silence(_Model):
    """Where the pack knowingly gives no verdict (the policy does not cover it).

    smguide still answers ``consult_supervisor`` there and shows the reason; the gap
    check does not report these combinations."""

    id: Id
    when: ConditionField
    reason: Text
    cite: list[Citation] = Field(default_factory=list)


class Manifest(_Model):
    id: Id
    title: Text
    version: str
    languages: list[str] = Field(default_factory=lambda: ["en"])
    description: Text | None = None
    # Packs this one builds on, by id (bundled) or by path relative to this pack.
    extends: list[str] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value


class PackFile(_Model):
    """One YAML file of a pack besides the manifest."""

    sources: list[Source] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    silences: list[Silence] = Field(default_factory=list)


class Pack(BaseModel):
    """A loaded, validated rule pack."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    manifest: Manifest
    sources: list[Source]
    questions: list[Question]
    rules: list[Rule]
    path: str
    silences: list[Silence] = Field(default_factory=list)
    content_hash: str
    files: list[str] = Field(default_factory=list)
    # The packs composed into this one, base first (just this pack's id when alone).
    layers: list[str] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return self.manifest.id

    def model_post_init(self, __context: Any) -> None:
        self._questions = {q.id: q for q in self.questions}
        self._rules = {r.id: r for r in self.rules}
        self._sources = {s.id: s for s in self.sources}
        self._order = {q.id: i for i, q in enumerate(self.questions)}

    def question(self, qid: str) -> Question | None:
        return self._questions.get(qid)

    def rule(self, rid: str) -> Rule | None:
        return self._rules.get(rid)

    def source(self, sid: str) -> Source | None:
        return self._sources.get(sid)

    def order(self, qid: str) -> int:
        return self._order[qid]
