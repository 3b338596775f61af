"""The French interface: choosing the language, the message catalog, French output."""

from __future__ import annotations

import gettext
import io
import json
import os
import string
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

import pytest

from smguide import i18n
from smguide.pack import bundled
from smguide.pack.loader import load_packs
from smguide.pack.models import Pack, field_names
from smguide.pack.selection import warn_language
from smguide.pack.translatable import Localized
from tests.fixtures import MINI, run, sets

SRC = Path(i18n.__file__).parent
PO = i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "smguide.po"
MO = PO.with_suffix(".mo")
FR_PACK = Path(__file__).parents[1] / "fixtures" / "lint" / "missing-translation" / "pass"
FR_LABELS = ("INTERDIT", "PAS ENCORE", "AUTORISATION REQUISE", "CONSULTEZ VOTRE SUPERVISEUR·E",
             "DÉCONSEILLÉ", "PERMIS SOUS CONDITIONS", "PERMIS", "À VÉRIFIER")
MINI_UNSURE = {"role": "protection_worker", "channel": "social"}


def french_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SMGUIDE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "SMGUIDE_PACKS")}
    return {**env, **extra}


def smguide(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "smguide", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


# --- choosing the language --------------------------------------------------------------

@pytest.mark.parametrize(("flag", "environ", "expected"), [
    (None, {}, "en"),
    ("fr", {"SMGUIDE_LANG": "en", "LANG": "en_CA.UTF-8"}, "fr"),
    ("en", {"SMGUIDE_LANG": "fr"}, "en"),
    (None, {"SMGUIDE_LANG": "fr", "LANG": "en_CA.UTF-8"}, "fr"),
    (None, {"LANG": "fr_CA.UTF-8"}, "fr"),
    (None, {"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    (None, {"LC_ALL": "C.UTF-8", "LANG": "fr_CA.UTF-8"}, "en"),  # LC_ALL wins, as in gettext
    (None, {"LC_ALL": "fr_CA", "LANG": "en_CA.UTF-8"}, "fr"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),  # a language smguide lacks: English, quietly
    (None, {"LANG": "C"}, "en"),
])
def test_language_precedence(flag: str | None, environ: dict[str, str], expected: str) -> None:
    assert i18n.choose(flag, environ) == (expected, None)


def test_unknown_smguide_lang_warns_and_falls_back_to_the_locale() -> None:
    language, warning = i18n.choose(None, {"SMGUIDE_LANG": "klingon", "LANG": "fr_CA.UTF-8"})
    assert language == "fr"
    assert warning is not None and "SMGUIDE_LANG='klingon'" in warning


@pytest.mark.parametrize(("argv", "expected"), [
    (["decide", "--lang", "fr"], "fr"),
    (["--lang=FR", "decide"], "fr"),
    (["decide", "--lang", "fr", "--lang", "en"], "en"),
    (["decide", "--", "--lang", "fr"], None),
    (["decide", "--lang", "de"], None),  # left for click to refuse
    (["decide", "--lang"], None),
])
def test_lang_is_peeked_from_argv(argv: list[str], expected: str | None) -> None:
    assert i18n.from_argv(argv) == expected


def test_unknown_lang_is_one_usage_error() -> None:
    result = smguide("decide", "--lang", "de", "--set", "role=x", env=french_env())
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("smguide: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_localized_follows_the_language_and_falls_back_per_text() -> None:
    both, english = Localized({"en": "Yes", "fr": "Oui"}), Localized({"en": "Phone"})
    assert (str(both), str(english)) == ("Yes", "Phone")
    i18n.set_language("fr")
    assert (str(both), str(english)) == ("Oui", "Phone")
    assert both.get_text() == "Yes"  # what the engine uses for keys: never the language


def test_english_never_loads_the_catalog() -> None:
    i18n._catalog.cache_clear()
    result = run("decide", "--pack", MINI, *sets(MINI_UNSURE))
    assert result.exit_code == 0
    assert i18n._catalog.cache_info().currsize == 0
    i18n.set_language("fr")
    assert i18n._("Done") == "Terminé"
    assert i18n._catalog.cache_info().currsize == 1


def test_html_report_in_french() -> None:
    result = smguide("decide", "--lang", "fr", "--pack", MINI, *sets(MINI_UNSURE), "--format",
                     "html", env=french_env())
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert '<html lang="fr">' in page
    assert "<h1>Aide à la décision — rapport pour le dossier</h1>" in page
    assert "Decision support" not in page


def test_plurals_follow_the_french_rule() -> None:
    i18n.set_language("fr")
    singular, plural = " (and {count} more question)", " (and {count} more questions)"
    assert i18n.ngettext(singular, plural, 0) == " (et {count} autre question)"
    assert i18n.ngettext(singular, plural, 1) == " (et {count} autre question)"
    assert i18n.ngettext(singular, plural, 2) == " (et {count} autres questions)"
    i18n.set_language("en")
    assert i18n.ngettext(singular, plural, 0) == plural


# --- the catalog ------------------------------------------------------------------------

def _catalog() -> Any:
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        return read_po(f)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_catalog_message_is_translated() -> None:
    catalog = _catalog()
    assert not catalog.fuzzy
    assert catalog.plural_forms == "nplurals=2; plural=(n > 1);"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"no French for {message.id!r}"
        # The same {fields}, or .format() would fail (or lose a value) in French.
        assert all(_fields(s) == _fields(ids[0]) for s in strings), message.id


def test_compiled_catalog_matches_the_po() -> None:
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in _catalog():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for n, expected in ((1, message.string[0]), (2, message.string[1])):
                assert compiled.ngettext(*message.id, n) == expected, message.id
        else:
            assert compiled.gettext(message.id) == message.string, (
                f"{MO.name} is out of date: pybabel compile -d src/smguide/locale -D smguide")


def test_catalog_has_every_marked_message_of_the_code() -> None:
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = Path(__file__).resolve().parents[2]
    with (root / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    marked = {m[2] if isinstance(m[2], str) else tuple(m[2])
              for m in extract_from_dir(str(root), method_map, options_map)}
    marked = {m[:2] if isinstance(m, tuple) else m for m in marked}
    in_po = {m.id for m in _catalog() if m.id}
    missing = sorted(map(str, marked - in_po))
    assert not missing, ("messages not in the catalog (pybabel extract, then update the .po; "
                         f"docs/languages.md): {missing}")
    unused = sorted(map(str, in_po - marked))
    assert not unused, f"messages the code no longer uses: {unused}"


# --- French output ----------------------------------------------------------------------

def test_decide_in_french_with_a_pack_without_french() -> None:
    result = smguide("decide", "--lang", "fr", "--pack", MINI, *sets(MINI_UNSURE),
                     "--details", env=french_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(FR_LABELS)
    for words in ("Justification complète", "Vos réponses", "Je ne sais pas",
                  "Ensemble de règles"):
        assert words in result.stdout
    # One warning: the pack declares no French, so its texts are shown in English.
    assert result.stderr.count("avertissement") == 1
    assert "mini ne déclare pas le français" in result.stderr
    assert "How do you want to reach them?" in result.stdout


def test_a_pack_declaring_french_shows_its_french_texts_without_warning() -> None:
    result = smguide("decide", "--pack", FR_PACK, "--set", "channel=text", env=french_env(
        LANG="fr_CA.UTF-8"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(FR_LABELS)
    flat = " ".join(result.stdout.split())
    assert "Votre superviseur l'a-t-il autorisé?" in flat
    assert "Did your supervisor" not in flat


def test_pack_language_warning_once_per_pack() -> None:
    from smguide.pack.selection import _warned

    pack = load_packs([MINI])
    _warned.discard(pack.id)
    i18n.set_language("fr")
    for _ in range(2):
        warn_language(pack)
    assert pack.id in _warned
    i18n.set_language("en")


def test_french_help() -> None:
    root = smguide("--help", env=french_env(LANG="fr_CA.UTF-8"))
    assert "Aide à la décision éthique" in root.stdout
    assert "Obtenir une recommandation" in root.stdout  # decide's short help
    decide = smguide("decide", "--help", "--lang", "fr", env=french_env())
    assert "Obtenir une recommandation" in decide.stdout
    assert "Langue de l'affichage" in decide.stdout
    assert "Codes de sortie" in decide.stdout
    english = smguide("decide", "--help", env=french_env(SMGUIDE_LANG="en",
                                                         LANG="fr_CA.UTF-8"))
    assert "Get a cited recommendation" in english.stdout


@pytest.mark.parametrize("suffix", [".md", ".json"])
def test_record_in_french(tmp_path: Path, suffix: str) -> None:
    record = tmp_path / f"record{suffix}"
    result = smguide("decide", "--lang", "fr", "--pack", MINI, *sets(MINI_UNSURE),
                     "--record", record, env=french_env())
    assert result.returncode == 0, result.stderr
    assert f"fiche de décision écrite dans {record}" in result.stderr
    body = record.read_text(encoding="utf-8")
    if suffix == ".md":
        assert body.startswith("# Fiche de décision (smguide)")
        assert "**Verdict :**" in body or "**Verdict\u00a0:**" in body
    else:
        data = json.loads(body)
        assert data["language"] == "fr"
        assert data["verdict"] in {"prohibited", "not_yet", "needs_authorization",
                                   "consult_supervisor", "discouraged",
                                   "permitted_with_conditions", "permitted"}
        assert [a["answer"] for a in data["answers"]][:2] == ["protection_worker", "social"]


def test_json_records_the_language_english_by_default() -> None:
    result = run("decide", "--pack", MINI, *sets(MINI_UNSURE), "--format", "json")
    assert json.loads(result.stdout)["language"] == "en"


# --- the packs' French texts ------------------------------------------------------------

# Texts that may read the same in both languages: titles of sources (proper names).
SAME_ALLOWED = {"title", "short_title"}


def pack_texts(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[
        tuple[tuple[str | int, ...], Localized]]:
    if isinstance(node, Localized):
        yield path, node
    elif is_dataclass(node):
        for name in field_names(node):
            yield from pack_texts(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from pack_texts(item, (*path, i))


def untranslated(pack: Pack, language: str) -> list[str]:
    """Where a text of the pack has no ``language`` text, or one that is the English."""
    out = []
    for part in ("manifest", "sources", "questions", "rules", "silences"):
        for path, text in pack_texts(getattr(pack, part), (part,)):
            value = text.get(language, "").strip()
            source_title = part == "sources" and path[-1] in SAME_ALLOWED
            if not value or (value == text.get("en", "").strip() and not source_title):
                out.append(".".join(map(str, path)))
    return out


def test_untranslated_finds_what_is_missing() -> None:
    assert untranslated(load_packs([FR_PACK]), "fr") == []
    assert "questions.0.text" in untranslated(load_packs([MINI]), "fr")


@pytest.mark.parametrize("pack_id", bundled.bundled_ids())
def test_bundled_packs_declaring_french_are_translated(pack_id: str) -> None:
    pack = load_packs([bundled.pack_path(pack_id)])
    if "fr" not in pack.manifest.languages:
        pytest.skip(f"{pack_id} does not declare fr yet")
    assert untranslated(pack, "fr") == []


def test_missing_translation_lint_is_clean_for_a_translated_pack(
        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.lintutil import run_cli

    code, out, _ = run_cli(capsys, "lint", "--strict", "--select", "missing-translation",
                           str(FR_PACK))
    assert code == 0
    assert out.startswith("0 error(s), 0 warning(s)")


# --- trainers' and authors' commands ----------------------------------------------------

def test_replay_test_and_lint_in_french() -> None:
    env = french_env()
    replay = smguide("replay", "personal-phone-reminder", "--auto", "--lang", "fr", env=env)
    assert replay.returncode == 0, replay.stderr
    assert replay.stdout.startswith("Scénario\u00a0: ")
    assert "Question 1 sur " in replay.stdout and "Pour la discussion" in replay.stdout
    test = smguide("test", "--lang", "fr", env=env)
    assert test.returncode == 0, test.stderr
    assert " réussis, 0 échoué en " in test.stdout  # French agrees the plural: 0 is singular
    assert test.stdout.rstrip().endswith("\u00a0s") and "," in test.stdout  # 0,17 s
    lint = smguide("lint", "--lang", "fr", "--select", "structural", str(FR_PACK), env=env)
    assert lint.returncode == 0, lint.stderr
    assert lint.stdout == ("0 erreur, 0 avertissement dans 1 ensemble de règles\u00a0: "
                           "aucun problème\n")


def test_quiz_feedback_in_french() -> None:
    from smguide.pack.models import Verdict
    from smguide.training import terminal as show
    from smguide.training.run import QuizScore

    i18n.set_language("fr")
    buffer = io.StringIO()
    show.score_line(QuizScore(answers=(), predicted=Verdict.permitted,
                              verdict=Verdict.prohibited, own_verdict=Verdict.prohibited),
                    file=buffer)
    assert "prédiction du verdict\u00a0: inexacte" in buffer.getvalue()


def test_an_answers_file_error_reads_in_french(tmp_path: Path) -> None:
    """The reader's own words (a repeated key, a YAML syntax error) come through the
    catalog; libyaml's detail after the colon stays as libyaml writes it."""
    dup = tmp_path / "dup.yaml"
    dup.write_text("role: supervisor\nrole: student\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("role: [open\n", encoding="utf-8")
    french = run("decide", "--lang", "fr", "--answers", dup)
    assert french.exit_code == 2
    assert "dup.yaml:2:1: clé en double 'role' (déjà définie à la ligne 1)" in french.stderr
    assert "erreur de syntaxe YAML\u00a0:" in run("decide", "--lang", "fr", "--answers",
                                                  bad).stderr
    assert "duplicate key 'role'" in run("decide", "--lang", "en", "--answers", dup).stderr


def test_a_usage_error_reads_in_french() -> None:
    """click's "No such option" is plain English in typer's copy of click: smguide words
    it itself, through the catalog."""
    french = smguide("decide", "--lang", "fr", "--detail", env=french_env())
    assert french.returncode == 2
    assert french.stderr.startswith("smguide\u00a0: erreur\u00a0: option inconnue\u00a0: "
                                    "--detail (options possibles\u00a0: --details")
    assert "voyez «\u00a0smguide decide --help\u00a0»" in french.stderr
    english = smguide("decide", "--lang", "en", "--detail", env=french_env()).stderr
    assert english.startswith("smguide: error: no such option: --detail (possible options: ")
