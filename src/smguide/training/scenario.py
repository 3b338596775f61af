"""Scenario files: a situation told as a practitioner would, with its canned answers
and the recommendation it must produce. Trainers replay them; authors test with them.

One scenario per YAML file::

    id: personal-phone-reminder
    title: An appointment reminder from a personal phone
    tags: [texting, hard-case]
    role: protection_worker
    narrative: |
      ...
    answers: {role: protection_worker, activity: message, ...}
    notes: {phone: Why this answer matters, shown during replay.}
    expect:
      verdict: discouraged
      rules: [personal-mobile-discouraged]       # must be among the applied rules
      sections: [cas2011/policy.personal-mobile] # must be cited by an applied rule
      cites: [cas2011/policy.personal-mobile]    # must be cited by a rule giving the verdict
      obligations: [use a society phone]         # must be in an obligation that applies
    teaching_points: [...]
    discussion: [...]
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from smguide.pack.conditions import option_id
from smguide.pack.filemodel import FileModel as _Model
from smguide.pack.models import Id, Verdict
from smguide.pack.translatable import Text


class Expectation(_Model):
    verdict: Verdict
    rules: list[Id] = Field(default_factory=list)
    # "source/section", e.g. "cas2011/policy.personal-mobile"
    sections: list[str] = Field(default_factory=list)
    # "exception>defeated" pairs the explanation must show, e.g. "awol-youth>consent-required"
    defeats: list[str] = Field(default_factory=list)
    # "source/section" the answer rests on: cited by a rule that gives the verdict (the
    # provisions the screen shows under "Based on"), e.g. "cas2011/client-contact.consent"
    cites: list[str] = Field(default_factory=list)
    # Words of obligations the answer must name: each must occur (case and spacing aside)
    # in the English text of an obligation of a rule that applies for certain.
    obligations: list[str] = Field(default_factory=list)


class Scenario(_Model):
    id: Id
    title: Text
    tags: list[Id] = Field(default_factory=list)
    role: Id
    narrative: Text
    answers: dict[str, str]
    notes: dict[str, Text] = Field(default_factory=dict)
    expect: Expectation
    teaching_points: list[Text] = Field(default_factory=list)
    discussion: list[Text] = Field(default_factory=list)
    # Pack ids or paths the scenario is written for; empty means the default packs.
    packs: list[str] = Field(default_factory=list)

    @field_validator("answers", mode="before")
    @classmethod
    def _answer_ids(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: option_id(v) if isinstance(v, (bool, int)) else v for k, v in value.items()}
        return value
