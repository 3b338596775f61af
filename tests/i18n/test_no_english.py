"""No English on a French screen: every command's output and help, the record, the
reflection, replay, the quiz and class summary, lint and test, rendered in French and
searched for English.

Two nets: the catalog's own English (a message whose English text shows on a French
screen was not translated, or is not in the catalog), and a list of tell-tale English
words. What is English on purpose is taken out first: the policy's quotations (the
2011 policy and the ETMI report's translation are English), the sources' English
titles, ids, option names and file names (what a pack or an answers file is written
with), and ``smguide docs`` / ``schema`` output (the author documentation is English).
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

from smguide import i18n
from smguide.pack import bundled
from smguide.pack.loader import load_packs
from smguide.pack.translatable import Localized
from tests.i18n.test_i18n import PO, french_env, smguide

ROOT = Path(__file__).resolve().parents[2]
LINT = ROOT / "tests" / "fixtures" / "lint"
ANSWERS = ("--set", "role=protection_worker", "--set", "activity=message", "--set",
           "counterpart=family", "--set", "channel=text", "--set", "phone=personal_phone")
PENDING = ("--set", "role=protection_worker", "--set", "activity=message")

# Words French never uses (each would be a bug on a French screen). Ids, option names,
# file names and paths are removed before looking (see _words).
TELLTALE = frozenset({
    "the", "and", "you", "your", "with", "this", "that", "these", "those", "not", "of", "for",
    "is", "are", "was", "were", "be", "been", "to", "from", "which", "what", "when", "where",
    "who", "will", "would", "should", "must", "may", "might", "can", "cannot", "could", "does",
    "did", "done", "usage", "error", "errors", "warning", "warnings", "quoted", "choice",
    "yesno", "selections", "show", "shows", "default", "required", "missing", "invalid",
    "before", "after", "until", "about", "into", "only", "also", "than", "then", "there",
    "their", "they", "them", "its", "it's", "don't", "isn't", "doesn't",
})
# Names of works and laws, given in their own language beside the French.
PROPER_NAMES = ("Child and Family Services Act", "Ethical Decisions for Social Work Practice",
                "Ethical Rules Screen", "Ethical Principles Screen")
# Catalog messages shorter than this (in letters) may be the same word in both
# languages ("Verdict", "Question", "Options"): not looked for.
MIN_MESSAGE = 14


# --- what English is allowed ------------------------------------------------------------

@cache
def english_on_purpose() -> tuple[str, ...]:
    """The quotations and the sources' English titles of every bundled pack, longest
    first (so that a quotation is removed before a title it contains)."""
    found: set[str] = set()
    for pack_id in bundled.bundled_ids():
        pack = load_packs([bundled.pack_path(pack_id)])
        for rule in pack.rules:
            found.update(c.quote for c in rule.cite if c.quote)
        for source in pack.sources:
            found.update((_english(source.title), _english(source.short_title)))
            for section in source.sections:
                found.add(_english(section.title))
    found.update(PROPER_NAMES)
    return tuple(sorted((flat(t) for t in found if len(t) > 3), key=len, reverse=True))


def _english(text: Localized | None) -> str:
    return "" if text is None else text.get("en", "")


def flat(text: str) -> str:
    """One line, single spaces, no Markdown escapes, quotes and apostrophes plain."""
    text = text.replace("\\", "").replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def readable(output: str) -> str:
    """The text a person reads: HTML without tags and scripts, then :func:`flat`, with
    the English on purpose taken out."""
    if "<html" in output:
        output = re.sub(r"(?s)<(script|style|pre)\b.*?</\1>", " ", output)  # pre: diagrams
        output = html.unescape(re.sub(r"<[^>]+>", " ", output))
    text = flat(output)
    for allowed in english_on_purpose():
        text = text.replace(allowed, " ")
    text = re.sub(r"«[^«»]*»\s*\(texte original anglais\)", " ", text)  # labelled words
    return re.sub(r"«\s*([^«»]*?)\s*…\s*»", _shortened, text)


def _shortened(match: re.Match[str]) -> str:
    """A quotation cut short ("« Do not use language that … »"): taken out too."""
    start = match.group(1)
    return " " if any(q.startswith(start) for q in english_on_purpose()) else match.group(0)


def _words(text: str) -> set[str]:
    """The words of a text, without ids, options, file names, paths, placeholders and
    hashes (any token with a digit)."""
    tokens = text.split()
    kept = [t for t in tokens if not re.search(r"[_/=<>{}\[\]@`\d]|^-|\.\w|\w-\w|--", t)]
    return {w.lower() for w in re.findall(r"[A-Za-z']+", " ".join(kept))}


# --- what English is a bug ----------------------------------------------------------------

@cache
def catalog_english() -> tuple[str, ...]:
    """The English texts of the catalog's messages (their longest piece without a
    placeholder), where the French differs: on a French screen, a bug."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        catalog = read_po(f)
    out: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids: tuple[str, ...] = message.id if isinstance(message.id, tuple) else (message.id,)
        strings: tuple[str, ...] = (message.string if isinstance(message.string, tuple)
                                    else (message.string,))
        for english, french in zip(ids, strings, strict=False):
            if flat(english) == flat(french or ""):
                continue
            piece = max(re.split(r"\{[^}]*\}|%\([^)]*\)s", english), key=len)
            piece = flat(piece.strip(" .,;:—-()\"'“”"))
            if len(re.sub(r"[^A-Za-z]", "", piece)) >= MIN_MESSAGE and " " in piece:
                out.add(piece)
    return tuple(sorted(out))


def english_in(output: str) -> list[str]:
    """What is English in a French output: untranslated catalog messages, then the
    tell-tale words (with their surroundings)."""
    text = readable(output)
    found = [f"catalog: {m!r}" for m in catalog_english() if m in text]
    for word in sorted(_words(text) & TELLTALE):
        at = re.search(rf"(?i)(?<![\w'-]){re.escape(word)}(?![\w'-])", text)
        where = text[max(0, at.start() - 50): at.end() + 50] if at else ""
        found.append(f"word {word!r}: …{where}…")
    return found


# --- the outputs ----------------------------------------------------------------------------

def commands() -> list[str]:
    from smguide.cli import app

    return sorted(c.name or (c.callback.__name__ if c.callback else "")
                  for c in app.registered_commands)


def reflection_file(tmp: Path) -> Path:
    path = tmp / "reflection.yaml"
    path.write_text(yaml.safe_dump({
        "reflection": {
            "rules": "conflict", "principles": ["best_interests", "privacy"],
            "purpose": "engagement", "affected": ["child", "parents", "agency"],
            "options": {"considered": ["text", "agency_email"], "chosen": "agency_email"},
            "alternatives": {"face_to_face": True, "phone": "partly", "agency_email": False},
            "consulted": ["supervisor", "colleague", "ethics"]},
        "act_otherwise": {"action": "other_channel", "channel": "agency_email",
                          "reasons": ["supervisor_direction", "urgent"]},
    }, sort_keys=False), encoding="utf-8")
    return path


def results_file(tmp: Path) -> Path:
    lines = []
    for predicted, verdict, pseudonym in (("prohibited", "prohibited", "A"),
                                          ("permitted", "prohibited", "B")):
        lines.append(json.dumps({
            "schema": "smguide.quiz-result/1", "scenario": "personal-phone-reminder",
            "pack": {"id": "mini", "version": "1.2.0", "content_hash": "sha256:x"},
            "finished_at": "2024-05-01T10:00:00Z", "pseudonym": pseudonym,
            "answers": [{"question": "role", "expected": "a", "given": "b", "scored": True,
                         "matched": False}],
            "answers_matched": 0, "answers_total": 1, "predicted_verdict": predicted,
            "verdict": verdict, "verdict_correct": predicted == verdict}))
    path = tmp / "class.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def runs(tmp: Path) -> Iterator[tuple[str, tuple[str | Path, ...]]]:
    """Each French run: a name and smguide's arguments."""
    yield "help", ("--help",)
    for command in commands():
        yield f"{command} --help", (command, "--help")
    yield "decide", ANSWERS
    yield "decide pending", PENDING
    yield "decide --details", (*ANSWERS, "--details")
    yield "decide markdown", (*ANSWERS, "--format", "markdown")
    yield "decide html", (*ANSWERS, "--format", "html")
    yield "decide reflection", (*ANSWERS, "--reflection", reflection_file(tmp),
                                "--record", tmp / "record.md")
    yield "decide --set role=foo", ("decide", "--set", "role=foo")
    yield "questions", ("questions",)
    yield "rules", ("rules",)
    yield "explain", ("explain", "personal-account-prohibited")
    yield "scenarios", ("scenarios",)
    yield "scenarios --results", ("scenarios", "--results", results_file(tmp))
    yield "replay", ("replay", "personal-phone-reminder", "--auto")
    yield "replay markdown", ("replay", "personal-phone-reminder", "--format", "markdown")
    yield "replay html", ("replay", "personal-phone-reminder", "--format", "html")
    yield "test", ("test",)
    yield "lint", ("lint",)
    yield "lint findings", ("lint", LINT / "missing-citation" / "fail",
                            LINT / "unknown-reference" / "fail", LINT / "scenario" / "fail")
    yield "graph html", ("graph", "--format", "html")
    yield "init", ("init", tmp / "north")


def french(*args: str | Path) -> str:
    args = tuple(args) if args[0] in (*commands(), "--help") else ("decide", *args)
    result = smguide(*args, env=french_env(SMGUIDE_LANG="fr", COLUMNS="100"))
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout + result.stderr


def test_no_english_on_french_screens(tmp_path: Path) -> None:
    problems: dict[str, list[str]] = {}
    for name, args in runs(tmp_path):
        found = english_in(french(*args))
        if found:
            problems[name] = found
    for name, path in (("record", tmp_path / "record.md"),
                       ("init README", tmp_path / "north" / "README.md")):
        found = english_in(path.read_text(encoding="utf-8"))
        if found:
            problems[name] = found
    assert not problems, "English on French screens:\n" + "\n".join(
        f"  {name}: {line}" for name, lines in problems.items() for line in lines)


def test_quiz_screens_in_french() -> None:
    """The quiz's feedback and summary (interactive: rendered here, not through a terminal)."""
    import io

    from smguide.pack.models import Verdict
    from smguide.training import terminal as show
    from smguide.training.run import QuizScore

    i18n.set_language("fr")
    buffer = io.StringIO()
    score = QuizScore(answers=(), predicted=Verdict.permitted, verdict=Verdict.prohibited,
                      own_verdict=Verdict.prohibited)
    show.score_line(score, file=buffer)
    show.quiz_summary(score, file=buffer)
    assert english_in(buffer.getvalue()) == []


def test_the_net_catches_english() -> None:
    """The check itself: an English sentence, a catalog message left in English, and
    click's own words are found; quotations and ids are not."""
    assert english_in("Verdict : INTERDIT — Review the answers before you go on.")
    untranslated = next(m for m in catalog_english() if "Exit codes" not in m)
    assert english_in(f"Écran 1 — {untranslated}")
    assert english_in("Usage: smguide decide [OPTIONS]")
    quote = english_on_purpose()[0]
    assert english_in(f"« {quote} » — citation, role=protection_worker, not-sure") == []


if __name__ == "__main__":  # a quick look by hand: python -m tests.i18n.test_no_english ARGS
    print("\n".join(english_in(french(*sys.argv[1:]))))


def test_quotations_are_labelled_for_what_they_are() -> None:
    """The policy's quotations are its original English text; the ETMI report's come from
    the English translation of a French original; in HTML each says its language."""
    env = french_env(SMGUIDE_LANG="fr", COLUMNS="100")
    shown = smguide("explain", "personal-account-prohibited", env=env).stdout
    assert "— citation, texte original en anglais" in " ".join(shown.split())
    report = smguide("explain", "principle-best-interests-hard-to-reach", env=env).stdout
    assert ("— citation tirée de la traduction anglaise; original en français"
            in " ".join(report.split()))
    page = smguide("decide", *ANSWERS, "--format", "html", env=env).stdout
    assert '<span lang="en">' in page and "— citation, texte original en anglais" in page
    english = smguide("explain", "principle-best-interests-hard-to-reach",
                      env=french_env(SMGUIDE_LANG="en", COLUMNS="200")).stdout
    assert "— quoted from the English translation; original in French" in english
