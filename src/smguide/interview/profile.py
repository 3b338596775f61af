"""The worker's remembered standing facts: opt-in, in the user's config folder.

Only the worker's own facts that do not change from one contact to the next (their role,
the phone and the account they use) are kept, as the pack's option ids: never anything a
worker could type, never anything about a client. The file is
``$XDG_CONFIG_HOME/smguide/profile.yaml`` (else ``~/.config/smguide``). The interview
shows what it holds on its first screen, where it can be used, asked again or forgotten,
and offers to remember only after the answers are confirmed (the default: no).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from smguide.pack.models import Pack

# The questions whose answers are the worker's own standing facts.
STANDING = ("role", "phone", "account", "caregiver_account")
FILE_NAME = "profile.yaml"
ROLE_ONLY = ("role",)
REVIEWERS = frozenset({"supervisor"})


def folder(env: Mapping[str, str] | None = None) -> Path | None:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or ""
    if not os.path.isabs(base):
        home = env.get("HOME") or os.path.expanduser("~")
        if not home or home == "~":
            return None
        base = os.path.join(home, ".config")
    return Path(base) / "smguide"


def path() -> Path | None:
    where = folder()
    return where / FILE_NAME if where is not None else None


def standing(pack: Pack, answers: Mapping[str, str]) -> dict[str, str]:
    """The standing facts among the answers: definite options of the pack's questions. A
    supervisor's phone and account answers may be a worker's (in a review of their
    request): only the role is kept."""
    out: dict[str, str] = {}
    for qid in ROLE_ONLY if answers.get("role") in REVIEWERS else STANDING:
        question = pack.question(qid)
        answer = answers.get(qid)
        if question is not None and answer is not None and question.option(answer) is not None:
            out[qid] = answer
    return out


def load(pack: Pack) -> dict[str, str]:
    """The remembered facts that are options of this pack; {} when there are none or the
    file cannot be read (it is a convenience: never an error)."""
    import yaml

    where = path()
    if where is None:
        return {}
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError):
        return {}
    facts = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(facts, dict):
        return {}
    return standing(pack, {str(k): str(v) for k, v in facts.items()})


def save(pack: Pack, answers: Mapping[str, str]) -> Path | None:
    """Remember the standing facts among ``answers``; the file written, or None."""
    import yaml

    from smguide.system.files import atomic_write

    where = path()
    facts = standing(pack, answers)
    if where is None or not facts:
        return None
    where.parent.mkdir(parents=True, exist_ok=True)
    body = ("# smguide: your own standing facts (option ids only; nothing about a client).\n"
            "# Delete this file, or choose \"Forget them\" in smguide decide, to forget.\n"
            + yaml.safe_dump({"answers": facts}, sort_keys=False))
    atomic_write(where, body.encode("utf-8"), overwrite=True)
    return where


def forget() -> None:
    where = path()
    if where is not None:
        where.unlink(missing_ok=True)
