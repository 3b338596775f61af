"""Reflection where the policy is silent, or where the practitioner disagrees.

smguide follows the ethical decision-making model of Dolgoff, Harrington and
Loewenberg (*Ethical Decisions for Social Work Practice*, 9th ed., 2012): first the
Ethical Rules Screen (do the written rules settle it?), then the Ethical Principles
Screen (which principles are at stake, in what order), then the steps of their
general decision-making process. docs/ethics.md describes the model and maps each
step below to it:

1. ``rules``        the policy rules screen: which provisions apply, do they conflict?
2. ``principles``   the principles screen: the report's principles at stake, ranked,
                    the best interests and protection of the child first;
3. ``purpose``      the purpose and intent of the contact;
4. ``affected``     who is affected;
5. ``options``      the options and their risks (from the engine, per channel);
6. ``alternatives`` whether the preferred ways of reaching them were tried;
7. ``consulted``    the consultation: supervisor, colleague, legal or ethics advice.

The outcome is never a permission: it is the practitioner's reasoned choice, and
"consult your supervisor". A practitioner may also record that they will act
otherwise than the recommendation (:class:`ActOtherwise`), with their reasons.

This module is pure: it builds a :class:`Reflection` from the decision and the
answers to the steps; :mod:`smguide.interview.reflect_prompt` collects the answers in a
terminal, and :func:`load_file` reads them from a YAML file (``--reflection FILE``).

Privacy: smguide stores no identifying client information. Every step is a choice
among fixed ids; the only free text (an optional note of at most
:data:`MAX_NOTE` characters) carries the warning :data:`NOTE_WARNING`, and
:func:`check_note` refuses what looks like an e-mail address, a handle, a web address
or a phone or file number (a safety net, not a guarantee: names cannot be detected).

The package: :mod:`.vocabulary` (the steps' choices and labels), :mod:`.answers` (the
answers and notes), :mod:`.screens` (what the steps show), :mod:`.result` (the
reflection, "act otherwise" and their data), :mod:`.files` (``--reflection FILE``).
Everything is importable from here, as before the split.
"""

from __future__ import annotations

from smguide.reflection.answers import (
    ActOtherwiseAnswers,
    OptionsAnswer,
    ReflectionAnswers,
    ReflectionFile,
    check_note,
)
from smguide.reflection.files import (
    Source,
    from_file,
    load_file,
)
from smguide.reflection.result import (
    ActOtherwise,
    Reflection,
    ReflectionProblem,
    build,
    build_otherwise,
    data,
    otherwise_data,
    outcome,
    recommendation_of,
)
from smguide.reflection.screens import (
    OptionView,
    RulesScreen,
    channel_ids,
    channel_question_applies,
    from_silence,
    options,
    rank,
    rules_screen,
    suggested_principles,
)
from smguide.reflection.vocabulary import (
    ACTION_LABELS,
    AFFECTED_LABELS,
    AS_PLANNED,
    ASSESSMENT_LABELS,
    CHANNEL_QUESTION,
    CONSULTED_LABELS,
    FIXED_OPTION_LABELS,
    MAX_FILE_BYTES,
    MAX_NOTE,
    METHOD_LABELS,
    MODEL,
    NO_CONTACT,
    NOTE_WARNING,
    PRINCIPLE_RANK,
    PURPOSE_LABELS,
    REASON_LABELS,
    TRIED_LABELS,
    TRIGGER_LABELS,
    WAIT,
    Action,
    Affected,
    Consulted,
    Method,
    Purpose,
    Reason,
    RulesAssessment,
    Tried,
    Trigger,
)

__all__ = [
    "ACTION_LABELS",
    "AFFECTED_LABELS",
    "ASSESSMENT_LABELS",
    "AS_PLANNED",
    "CHANNEL_QUESTION",
    "CONSULTED_LABELS",
    "FIXED_OPTION_LABELS",
    "MAX_FILE_BYTES",
    "MAX_NOTE",
    "METHOD_LABELS",
    "MODEL",
    "NOTE_WARNING",
    "NO_CONTACT",
    "PRINCIPLE_RANK",
    "PURPOSE_LABELS",
    "REASON_LABELS",
    "TRIED_LABELS",
    "TRIGGER_LABELS",
    "WAIT",
    "ActOtherwise",
    "ActOtherwiseAnswers",
    "Action",
    "Affected",
    "Consulted",
    "Method",
    "OptionView",
    "OptionsAnswer",
    "Purpose",
    "Reason",
    "Reflection",
    "ReflectionAnswers",
    "ReflectionFile",
    "ReflectionProblem",
    "RulesAssessment",
    "RulesScreen",
    "Source",
    "Tried",
    "Trigger",
    "build",
    "build_otherwise",
    "channel_ids",
    "channel_question_applies",
    "check_note",
    "data",
    "from_file",
    "from_silence",
    "load_file",
    "options",
    "otherwise_data",
    "outcome",
    "rank",
    "recommendation_of",
    "rules_screen",
    "suggested_principles",
]
