"""The answers to the steps, as the prompt collects them or a file gives them, and the
checked short notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import Field, field_validator, model_validator

from smguide.i18n import _
from smguide.pack.conditions import option_id
from smguide.pack.filemodel import FileModel as _Model
from smguide.pack.models import Principle
from smguide.reflection.vocabulary import (
    MAX_NOTE,
    NOTE_WARNING,
    Action,
    Affected,
    Consulted,
    Method,
    Purpose,
    Reason,
    RulesAssessment,
    Tried,
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d\s().\-/]*\d")


def check_note(value: str | None) -> str | None:
    """A free-text note, cleaned (one line, trimmed); None when empty.

    Raises ValueError when it is too long or looks like it identifies someone.
    """
    if value is None:
        return None
    cleaned = " ".join(_CONTROL.sub(" ", value).split())
    if not cleaned:
        return None
    if len(cleaned) > MAX_NOTE:
        raise ValueError(_("a note is at most {limit} characters; this one has {count}").format(
            limit=MAX_NOTE, count=len(cleaned)))
    what = None
    if _EMAIL.search(cleaned):
        what = _("an e-mail address")
    elif _URL.search(cleaned):
        what = _("a web address")
    elif _HANDLE.search(cleaned):
        what = _("a social media handle")
    elif any(sum(ch.isdigit() for ch in m.group()) >= 6 for m in _NUMBER.finditer(cleaned)):
        what = _("a phone, file or identity number")
    if what:
        warning = _(NOTE_WARNING)
        raise ValueError(_("the note seems to contain {what}; {warning}").format(
            what=what, warning=warning[:1].lower() + warning[1:]))
    return cleaned


def _note(value: Any) -> Any:
    return check_note(value) if isinstance(value, str) else value


# --- the answers to the steps (what the prompt collects or a file gives) ----------------


def _ids(value: Any) -> Any:
    if isinstance(value, list):
        return [option_id(v) if isinstance(v, bool) else v for v in value]
    return option_id(value) if isinstance(value, bool) else value


def _no_duplicates(values: Sequence[Any], what: str) -> None:
    seen = [v for i, v in enumerate(values) if v in values[:i]]
    if seen:
        raise ValueError(f"{what} {str(seen[0])!r} is listed twice")


class OptionsAnswer(_Model):
    considered: list[str] = Field(default_factory=list)
    chosen: str

    @field_validator("considered", "chosen", mode="before")
    @classmethod
    def _option_ids(cls, value: Any) -> Any:
        return _ids(value)


class ReflectionAnswers(_Model):
    """The answers to the seven steps, as option ids (the ``reflection:`` of a file)."""

    rules: RulesAssessment
    principles: list[Principle] = Field(min_length=1)
    purpose: Purpose
    purpose_note: str | None = None
    affected: list[Affected] = Field(min_length=1)
    options: OptionsAnswer
    alternatives: dict[Method, Tried]
    consulted: list[Consulted] = Field(min_length=1)
    note: str | None = None

    @field_validator("purpose_note", "note", mode="before")
    @classmethod
    def _notes(cls, value: Any) -> Any:
        return _note(value)

    @field_validator("alternatives", mode="before")
    @classmethod
    def _tried_ids(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _ids(v) for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ReflectionAnswers:
        _no_duplicates(self.principles, "principle")
        _no_duplicates(self.affected, "who is affected:")
        _no_duplicates(self.consulted, "consulted:")
        if Consulted.none_yet in self.consulted and len(self.consulted) > 1:
            raise ValueError("'none_yet' cannot go with anyone consulted")
        missing = [m.value for m in Method if m not in self.alternatives]
        if missing:
            raise ValueError(f"alternatives: say for each of {', '.join(m.value for m in Method)} "
                             f"whether it was tried (yes, partly, no); missing: "
                             f"{', '.join(missing)}")
        if self.purpose_note and self.purpose != Purpose.other:
            raise ValueError("purpose_note goes only with purpose: other")
        return self


class ActOtherwiseAnswers(_Model):
    """What the practitioner will do instead, and why (the ``act_otherwise:`` of a file)."""

    action: Action
    channel: str | None = None
    reasons: list[Reason] = Field(min_length=1)
    note: str | None = None

    @field_validator("note", mode="before")
    @classmethod
    def _notes(cls, value: Any) -> Any:
        return _note(value)

    @field_validator("channel", mode="before")
    @classmethod
    def _channel_id(cls, value: Any) -> Any:
        return _ids(value)

    @model_validator(mode="after")
    def _consistent(self) -> ActOtherwiseAnswers:
        _no_duplicates(self.reasons, "reason")
        if self.action == Action.other_channel and not self.channel:
            raise ValueError("action 'other_channel' needs the channel you will use: channel: ID")
        if self.action != Action.other_channel and self.channel:
            raise ValueError("'channel' goes only with action: other_channel")
        return self


class ReflectionFile(_Model):
    """A ``--reflection FILE``: the reflection's answers, what the practitioner will do
    instead of the recommendation, or both."""

    reflection: ReflectionAnswers | None = None
    act_otherwise: ActOtherwiseAnswers | None = None

    @model_validator(mode="after")
    def _something(self) -> ReflectionFile:
        if self.reflection is None and self.act_otherwise is None:
            raise ValueError("a reflection file has 'reflection:', 'act_otherwise:' or both")
        return self
