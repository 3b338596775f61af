"""``forget``: what the engine keeps of past answers (memos that make the same answers
quicker the next time) is dropped, and the decisions are the same without it."""

from __future__ import annotations

from typing import Any

from smguide.engine import settled as settled_module
from smguide.engine.compiled import _compiled
from smguide.engine.core import decide, forget, next_question
from smguide.pack.bundled import default_pack_paths
from smguide.pack.selection import load

UNSURE_AWOL = {"role": "protection_worker", "activity": "message", "counterpart": "child_youth",
               "channel": "text", "phone": "personal_phone", "awol": "unsure"}


def memos(c: Any) -> dict[str, object]:
    """Every place the engine keeps answers between two calls."""
    return {"searches": c.cache, "strict guesses": c.guessed, "values": c._values,
            "last key": c._last_key, "last settled": c._last_settled,
            "last outcome": c.last_outcome, "last candidates": c._last_candidates,
            "settled": settled_module._SETTLED}


def test_forget_drops_every_answer_kept_and_changes_no_decision() -> None:
    pack = load(default_pack_paths())
    c = _compiled(pack)
    first = decide(pack, UNSURE_AWOL)
    next_question(pack, UNSURE_AWOL)
    assert any(memos(c).values())  # the memos were in use
    forget(pack)
    assert not any(memos(c).values()), {k: v for k, v in memos(c).items() if v}
    assert decide(pack, UNSURE_AWOL) == first  # the same decision, worked out again
    forget(pack)
