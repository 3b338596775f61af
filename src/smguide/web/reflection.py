"""The guided reflection on the web: the seven steps of :mod:`smguide.reflection` as one
plain form, its answers read back from posted fields and checked as a ``--reflection``
file's are (the notes by the same identifying-information guard).

Every field is named ``r.…``; a ticked box is a field of its own (``r.principle.ID``),
so that no field comes twice. Nothing is kept on the server: the reflection travels in
the page, as hidden fields, to the record downloads, where it is built again.

A choice a person can get wrong (nothing chosen, a note that looks identifying) shows
the form again with the message; a field or value no form of smguide sends is a 400.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from smguide import reflection as rf
from smguide.engine.decision import Decision
from smguide.i18n import _
from smguide.pack.models import Pack
from smguide.web.forms import BadInput

PREFIX = "r."
TICKED = "on"
# Ticked boxes, by group: the field is PREFIX + group + "." + id.
BOXES: dict[str, tuple[str, ...]] = {
    "principle": tuple(p.value for p in rf.PRINCIPLE_RANK),
    "affected": tuple(a.value for a in rf.Affected),
    "consulted": tuple(c.value for c in rf.Consulted),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "rules": tuple(a.value for a in rf.RulesAssessment),
    "purpose": tuple(p.value for p in rf.Purpose),
    **{f"tried.{m.value}": tuple(t.value for t in rf.Tried) for m in rf.Method},
}
NOTES = ("purpose_note", "note")
POSITIONS = tuple(str(n) for n in range(1, len(rf.PRINCIPLE_RANK) + 1))


@dataclass
class Problems:
    """What to fix, by field, as the form shows it again."""

    by_field: dict[str, str]


def fields_of(fields: Mapping[str, str]) -> dict[str, str]:
    """The reflection's posted fields."""
    return {k: v for k, v in fields.items() if k.startswith(PREFIX)}


def _known(name: str, option_ids: tuple[str, ...]) -> bool:
    key = name.removeprefix(PREFIX)
    group, _dot, item = key.partition(".")
    if key in CHOICES or key in NOTES or key in ("chosen",):
        return True
    if group in BOXES:
        return item in BOXES[group]
    if group == "order":
        return item in BOXES["principle"]
    return group == "considered" and item in option_ids


def _choice(posted: Mapping[str, str], key: str, problems: dict[str, str]) -> str | None:
    value = posted.get(PREFIX + key, "")
    if not value:
        problems[PREFIX + key] = _("Choose one.")
        return None
    if value not in CHOICES[key]:
        raise BadInput(PREFIX + key, f"choose one of: {', '.join(CHOICES[key])}")
    return value


def _ticked(posted: Mapping[str, str], group: str) -> list[str]:
    out = []
    for item in BOXES[group]:
        value = posted.get(f"{PREFIX}{group}.{item}")
        if value is not None and value != TICKED:
            raise BadInput(f"{PREFIX}{group}.{item}", f"a ticked box is sent as {TICKED!r}")
        if value == TICKED:
            out.append(item)
    return out


def _principles(posted: Mapping[str, str]) -> list[str]:
    """The ticked principles in the order given (a position each; ties keep the
    default order)."""
    ticked = _ticked(posted, "principle")
    default = {p: n for n, p in enumerate(BOXES["principle"], 1)}
    place: dict[str, int] = {}
    for item in ticked:
        value = posted.get(f"{PREFIX}order.{item}", str(default[item]))
        if value not in POSITIONS:
            raise BadInput(f"{PREFIX}order.{item}", f"a position from 1 to {len(POSITIONS)}")
        place[item] = int(value)
    return sorted(ticked, key=lambda item: (place[item], default[item]))


def read(posted: Mapping[str, str], option_ids: tuple[str, ...]
         ) -> rf.ReflectionAnswers | Problems:
    """The answers to the seven steps from the posted fields, or what to fix."""
    for name in posted:
        if not _known(name, option_ids):
            raise BadInput(name, "no such field in the reflection")
    problems: dict[str, str] = {}
    data: dict[str, Any] = {
        "rules": _choice(posted, "rules", problems),
        "principles": _principles(posted),
        "purpose": _choice(posted, "purpose", problems),
        "affected": _ticked(posted, "affected"),
        "alternatives": {m.value: _choice(posted, f"tried.{m.value}", problems)
                         for m in rf.Method},
        "consulted": _ticked(posted, "consulted"),
    }
    considered = [o for o in option_ids if posted.get(f"{PREFIX}considered.{o}") == TICKED]
    chosen = posted.get(PREFIX + "chosen", "")
    if chosen and chosen not in option_ids:
        raise BadInput(PREFIX + "chosen", f"choose one of: {', '.join(option_ids)}")
    if not chosen:
        problems[PREFIX + "chosen"] = _("Choose one.")
    data["options"] = {"considered": considered, "chosen": chosen}
    for group in ("principles", "affected"):
        if not data[group]:
            problems[PREFIX + group.removesuffix("s")] = _("Tick at least one.")
    consulted = data["consulted"]
    if not consulted:
        problems[PREFIX + "consulted"] = _("Tick at least one; “No one yet” if so.")
    elif rf.Consulted.none_yet.value in consulted and len(consulted) > 1:
        problems[PREFIX + "consulted"] = _("“No one yet” cannot go with anyone else.")
    for note in NOTES:
        try:
            data[note] = rf.check_note(posted.get(PREFIX + note))
        except ValueError as exc:
            problems[PREFIX + note] = str(exc)
    if data["purpose_note"] and data["purpose"] != rf.Purpose.other.value:
        problems[PREFIX + "purpose_note"] = _("A purpose in your own words goes only with "
                                              "“Something else”.")
    if problems:
        return Problems(problems)
    return rf.ReflectionAnswers.model_validate(data)


def build(pack: Pack, decision: Decision, answers: Mapping[str, str],
          given: rf.ReflectionAnswers) -> rf.Reflection:
    """The reflection, as ``decide --reflection FILE`` builds it from the same answers."""
    try:
        return rf.build(pack, decision, answers, given)
    except rf.ReflectionProblem as exc:
        raise BadInput(PREFIX + ".".join(str(p) for p in exc.path[-1:]), str(exc)) from None


def from_fields(pack: Pack, decision: Decision, answers: Mapping[str, str],
                posted: Mapping[str, str]) -> rf.Reflection | None:
    """The reflection the record downloads carry, if any; posted by smguide's own page,
    so anything wrong in it is a 400."""
    if not posted:
        return None
    views = rf.options(pack, answers, decision)
    given = read(posted, tuple(v.id for v in views))
    if isinstance(given, Problems):
        field, message = next(iter(given.by_field.items()))
        raise BadInput(field, message)
    return build(pack, decision, answers, given)


def defaults(decision: Decision, option_ids: tuple[str, ...],
             current: str | None) -> dict[str, str]:
    """What the form starts with, as the terminal's steps do: the suggested assessment
    and principles, the child among those affected, the option asked about. Nothing
    is chosen for the alternatives or the consultation: those are facts only the
    practitioner knows."""
    out = {PREFIX + "rules": rf.rules_screen(decision).suggested.value}
    for principle in rf.suggested_principles(decision):
        out[f"{PREFIX}principle.{principle.value}"] = TICKED
    out[f"{PREFIX}affected.{rf.Affected.child.value}"] = TICKED
    if current in option_ids:
        out[f"{PREFIX}considered.{current}"] = TICKED
        out[PREFIX + "chosen"] = str(current)
    return out


def principle_positions(posted: Mapping[str, str]) -> dict[str, str]:
    """Each principle's position in the form: as posted, else its default place."""
    return {p: posted.get(f"{PREFIX}order.{p}", str(n))
            for n, p in enumerate(BOXES["principle"], 1)}
