""""Record that I will act otherwise" on the web: the terminal's questions
(:func:`smguide.interview.reflect_prompt.act_otherwise`) as one plain form, read back
from posted fields and checked as the ``act_otherwise:`` of a ``--reflection`` file is
(the note by the same identifying-information guard).

Every field is named ``o.…``; a ticked reason is a field of its own
(``o.reason.ID``). Nothing is kept on the server: the answers travel in the page, as
hidden fields, to the record downloads, where the record is built again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smguide import reflection as rf
from smguide.engine.decision import Decision
from smguide.i18n import _, quoted_words
from smguide.pack.models import Pack
from smguide.web.forms import BadInput
from smguide.web.reflection import TICKED, Problems

PREFIX = "o."
REASONS = tuple(r.value for r in rf.Reason)


def fields_of(fields: Mapping[str, str]) -> dict[str, str]:
    """The posted "act otherwise" fields."""
    return {k: v for k, v in fields.items() if k.startswith(PREFIX)}


def channels(pack: Pack, answers: Mapping[str, str]) -> list[tuple[str, str]]:
    """The other ways to reach the person, as the terminal offers them: the channel
    question's options but the one asked about; none where that question does not
    apply (then "reach them another way" is not offered)."""
    question = pack.question(rf.CHANNEL_QUESTION)
    if question is None or not rf.channel_question_applies(pack, answers):
        return []
    current = answers.get(rf.CHANNEL_QUESTION)
    return [(o.id, str(o.text)) for o in question.options if o.id != current]


def actions(other_ways: bool) -> list[tuple[str, str]]:
    """What a person may do instead; "reach them another way" only where there are
    ``other_ways`` (:func:`channels`)."""
    return [(a.value, _(label)) for a, label in rf.ACTION_LABELS.items()
            if other_ways or a != rf.Action.other_channel]


def read(pack: Pack, answers: Mapping[str, str], posted: Mapping[str, str]
         ) -> rf.ActOtherwiseAnswers | Problems:
    """The answers from the posted fields, or what to fix. A way chosen with another
    action than "reach them another way" is not read (the form shows both at once)."""
    for name in posted:
        key = name.removeprefix(PREFIX)
        group, _dot, item = key.partition(".")
        if key not in ("action", "channel", "note") and not (group == "reason"
                                                               and item in REASONS):
            raise BadInput(name, "no such field in this form")
    problems: dict[str, str] = {}
    ways = channels(pack, answers)
    action = posted.get(PREFIX + "action", "")
    if action and action not in {a for a, _label in actions(bool(ways))}:
        raise BadInput(PREFIX + "action", "not one of this form's choices")
    if not action:
        problems[PREFIX + "action"] = _("Choose one.")
    channel = None
    if action == rf.Action.other_channel.value:
        channel = posted.get(PREFIX + "channel") or None
        if channel is None:
            problems[PREFIX + "channel"] = _("Choose the way you will use.")
        elif channel not in {c for c, _label in ways}:
            raise BadInput(PREFIX + "channel", "not one of this form's choices")
    reasons = []
    for reason in REASONS:
        value = posted.get(f"{PREFIX}reason.{reason}")
        if value is not None and value != TICKED:
            raise BadInput(f"{PREFIX}reason.{reason}", f"a ticked box is sent as {TICKED!r}")
        if value == TICKED:
            reasons.append(reason)
    if not reasons:
        problems[PREFIX + "reason"] = _("Tick at least one.")
    try:
        note = rf.check_note(posted.get(PREFIX + "note"))
    except ValueError as exc:
        problems[PREFIX + "note"] = str(exc)
    if problems:
        return Problems(problems)
    return rf.ActOtherwiseAnswers.model_validate(
        {"action": action, "channel": channel, "reasons": reasons, "note": note})


def build(pack: Pack, decision: Decision, given: rf.ActOtherwiseAnswers) -> rf.ActOtherwise:
    """The record's "act otherwise" part, as ``decide --reflection FILE`` builds it."""
    try:
        return rf.build_otherwise(pack, decision, given)
    except rf.ReflectionProblem as exc:
        raise BadInput(PREFIX + "channel", str(exc)) from None


def from_fields(pack: Pack, decision: Decision, answers: Mapping[str, str],
                posted: Mapping[str, str]) -> rf.ActOtherwise | None:
    """The record's "act otherwise" part, if any; posted by smguide's own page, so
    anything wrong in it is a 400."""
    if not posted:
        return None
    given = read(pack, answers, posted)
    if isinstance(given, Problems):
        field, message = next(iter(given.by_field.items()))
        raise BadInput(field, message)
    return build(pack, decision, given)


def form_view(pack: Pack, decision: Decision, answers: Mapping[str, str],
              posted: Mapping[str, str], problems: Mapping[str, str]) -> dict[str, Any]:
    """The form's texts and choices, with what is chosen (``posted``)."""
    ways = channels(pack, answers)
    asked = {"action": _("What will you do?"), "channel": _("Which way will you use?"),
             "reason": _("Why?"), "note": _("In a few words (optional):")}
    return {
        "problem_links": [(name, asked[name], problems[PREFIX + name]) for name in asked
                          if PREFIX + name in problems],
        "posted": posted, "problems": problems, "p": PREFIX, "ticked": TICKED,
        "recommended": _("smguide recommended: {verdict} The record will keep both what "
                         "smguide said and what you decided.").format(
            verdict=rf.recommendation_of(decision)),
        "actions": actions(bool(ways)),
        "channels": ways,
        "reasons": [(r.value, _(label)) for r, label in rf.REASON_LABELS.items()],
        "max_note": rf.MAX_NOTE,
        "note_warning": _(rf.NOTE_WARNING),
    }


def summary_view(act: rf.ActOtherwise) -> dict[str, Any]:
    """What the record will say, in its words."""
    reasons = "; ".join(_(rf.REASON_LABELS[r]) for r in act.reasons)
    return {"statement": act.statement, "reasons": reasons,
            "note": quoted_words(act.note) if act.note else None}
