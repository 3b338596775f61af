"""A finished reflection in the record's words and order, as label and value rows: what
the web's reflection page and the printable HTML record show (the Markdown record and
the terminal lay out the same steps their own way)."""

from __future__ import annotations

from typing import Any

from smguide.i18n import _, labelled, quoted_words
from smguide.reflection.result import Reflection
from smguide.reflection.screens import OptionView
from smguide.reflection.vocabulary import (
    AFFECTED_LABELS,
    ASSESSMENT_LABELS,
    CONSULTED_LABELS,
    METHOD_LABELS,
    MODEL,
    PURPOSE_LABELS,
    TRIED_LABELS,
    TRIGGER_LABELS,
)


def summary(refl: Reflection) -> dict[str, Any]:
    """``model`` (the line naming the model and why), ``rows`` and ``outcome``, in the
    current language."""
    from smguide.report.wording import principle_label, verdict_name

    def option(view: OptionView) -> str:
        return view.label + (f" ({verdict_name(view.verdict)})" if view.verdict else "")

    purpose = _(PURPOSE_LABELS[refl.purpose])
    if refl.purpose_note:
        purpose += " — " + quoted_words(refl.purpose_note)
    rows = [
        (_("Policy rules:"), _(ASSESSMENT_LABELS[refl.assessment])),
        (_("Principles, in order:"), "; ".join(principle_label(p) for p in refl.principles)),
        (_("Purpose:"), purpose),
        (_("Who is affected:"), "; ".join(_(AFFECTED_LABELS[a]) for a in refl.affected)),
        (_("Options considered:"), "; ".join(option(v) for v in refl.considered)),
        (_("Chosen:"), option(refl.chosen)),
        (_("Alternatives tried:"), "; ".join(
            labelled(_(METHOD_LABELS[m]), _(TRIED_LABELS[t]).lower())
            for m, t in refl.alternatives)),
        (_("Consulted:"), "; ".join(_(CONSULTED_LABELS[c]) for c in refl.consulted)),
    ]
    if refl.note:
        rows.append((_("Note:"), quoted_words(refl.note)))
    return {"rows": rows, "outcome": refl.outcome,
            "model": _("Model: {model}. Reflecting because {trigger}.").format(
                model=_(MODEL), trigger=_(TRIGGER_LABELS[refl.trigger]))}
