"""Small packs for engine tests, written as YAML so they go through the real loader."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from smguide.pack.loader import load_pack
from smguide.pack.models import Pack, Verdict

MINI = {
    "questions": [
        {"id": "role", "text": "Role?", "actionable": False,
         "options": [{"id": "worker", "text": "Worker"}, {"id": "parent", "text": "Parent"},
                     {"id": "other", "text": "Other"}]},
        {"id": "channel", "text": "Channel?",
         "options": [{"id": "phone", "text": "Phone call"}, {"id": "text", "text": "Text"},
                     {"id": "social", "text": "Social network"}]},
        {"id": "account", "text": "Account?", "ask_if": {"channel": "social"},
         "options": [{"id": "professional", "text": "Professional"},
                     {"id": "personal", "text": "Personal"}]},
        {"id": "awol", "text": "Is the youth AWOL?", "type": "yesno", "actionable": False,
         "ask_if": {"role": "worker", "channel": "social"}},
        {"id": "authorized", "text": "Supervisor authorized?", "type": "yesno",
         "ask_if": {"role": "worker", "channel": ["text", "social"]},
         "find_out": "Confirm whether your supervisor authorized it."},
        {"id": "consent", "text": "Client consented?", "type": "yesno",
         "ask_if": {"role": "worker", "channel": ["text", "social"]}},
    ],
    "rules": [
        {"id": "phone-ok", "title": "Phone is preferred", "when": {"channel": "phone",
         "role": ["worker", "parent"]}, "verdict": "permitted"},
        {"id": "needs-auth", "title": "Authorization first",
         "when": {"role": "worker", "channel": ["text", "social"], "authorized": "no"},
         "verdict": "needs_authorization", "obligations": ["Ask your supervisor."]},
        {"id": "consent-first", "title": "Consent first",
         "when": {"role": "worker", "channel": ["text", "social"], "consent": "no"},
         "verdict": "not_yet"},
        {"id": "worker-ok", "title": "Authorized worker",
         "when": {"role": "worker", "channel": ["text", "social"], "authorized": "yes",
                  "consent": "yes"},
         "verdict": "permitted_with_conditions", "obligations": ["Document it."]},
        {"id": "personal", "title": "No personal accounts", "when": {"account": "personal"},
         "verdict": "prohibited"},
        {"id": "parent-social", "title": "Parents discouraged",
         "when": {"role": "parent", "channel": ["social", "text"]}, "verdict": "discouraged",
         "cautions": ["Think twice."]},
        {"id": "awol", "title": "AWOL exception", "when": {"awol": "yes"},
         "verdict": "permitted_with_conditions", "exception_to": ["consent-first"],
         "obligations": ["Document it."]},
        {"id": "tone", "title": "Tone", "when": {"channel": ["text", "social"]},
         "obligations": ["Keep a professional tone."]},
    ],
}


def write_pack(folder: Path, body: dict[str, object], pack_id: str = "mini") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(
        yaml.safe_dump({"id": pack_id, "title": pack_id, "version": "1"}), encoding="utf-8"
    )
    sources = [{"id": "src", "title": "Source", "issuer": "x", "date": "2011-11-30",
                "sections": [{"id": "s1", "title": "S1"}]}]
    rules = []
    for rule in body["rules"]:  # type: ignore[attr-defined]
        rule = dict(rule)
        rule.setdefault("cite", [{"source": "src", "section": "s1"}])
        rules.append(rule)
    data = {"sources": sources, "questions": body["questions"], "rules": rules}
    (folder / "content.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def mini_pack(tmp: Path) -> Pack:
    return load_pack(write_pack(tmp / "mini", MINI))


VERDICTS = [v.value for v in Verdict if v != Verdict.consult_supervisor]


def random_body(rng: random.Random, n_questions: int = 4, n_rules: int = 6) -> dict[str, object]:
    questions = []
    for i in range(n_questions):
        options = [{"id": f"o{j}", "text": f"O{j}"} for j in range(rng.randint(2, 3))]
        q: dict[str, object] = {"id": f"q{i}", "text": f"Q{i}", "options": options}
        if i > 0 and rng.random() < 0.4:
            prev = rng.randrange(i)
            q["ask_if"] = {f"q{prev}": "o0"}
        questions.append(q)

    def condition(depth: int = 0) -> object:
        kind = rng.random()
        if depth < 2 and kind < 0.25:
            return {"any": [condition(depth + 1) for _ in range(2)]}
        if depth < 2 and kind < 0.35:
            return {"not": condition(depth + 1)}
        if depth < 2 and kind < 0.55:
            return {"all": [condition(depth + 1) for _ in range(2)]}
        qi = rng.randrange(n_questions)
        n_opts = len(questions[qi]["options"])  # type: ignore[arg-type]
        opts = rng.sample([f"o{j}" for j in range(n_opts)], rng.randint(1, n_opts - 1))
        return {f"q{qi}": opts}

    rules = []
    for i in range(n_rules):
        rule: dict[str, object] = {"id": f"r{i}", "title": f"R{i}", "when": condition()}
        if rng.random() < 0.85:
            rule["verdict"] = rng.choice(VERDICTS)
            if i > 0 and rng.random() < 0.3:
                rule["exception_to"] = [f"r{rng.randrange(i)}"]
        rule["obligations"] = [f"ob{i}"]
        rules.append(rule)
    return {"questions": questions, "rules": rules}
