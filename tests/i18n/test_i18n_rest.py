"""The rest of the French interface: lint findings, questions/rules/explain, graph and handouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.i18n.test_i18n import french_env, smguide

LINT = Path(__file__).parents[1] / "fixtures" / "lint"


def test_lint_findings_in_french() -> None:
    env = french_env()
    args = [LINT / "missing-citation" / "fail", LINT / "unknown-reference" / "fail"]
    french = smguide("lint", "--lang", "fr", *args, env=env)
    assert french.returncode == 1, french.stderr
    out = french.stdout
    assert "[missing-citation] la règle 'personal-prohibited' ne cite aucune source\n" in out
    assert "aucune règle ne donne de verdict quand channel = text ou social" in out
    assert "(p. ex. --set channel=text --set authorized=yes)" in out
    assert "nomme une question inconnue, 'acount'; vouliez-vous dire 'account'? " in out
    english = smguide("lint", "--lang", "en", *args, env=env)
    assert "[missing-citation] rule 'personal-prohibited' cites no source\n" in english.stdout
    assert "(e.g. --set channel=text --set authorized=yes)" in english.stdout
    assert "did you mean 'account'? see 'smguide questions'" in english.stdout


def test_questions_rules_and_explain_in_french() -> None:
    env = french_env(COLUMNS="120")
    questions = smguide("questions", "--lang", "fr", env=env)
    assert questions.returncode == 0, questions.stderr
    assert questions.stdout.startswith("Questions de «\u00a0")
    assert "    unsure    Je ne sais pas\n" in questions.stdout
    assert "  posée seulement si\u00a0: activity = friend\n" in questions.stdout
    assert "Exemple de fichier de réponses (pour smguide decide --answers FICHIER)" \
        in questions.stdout
    rules = smguide("rules", "--lang", "fr", env=french_env(COLUMNS="160"))
    assert rules.returncode == 0, rules.stderr
    assert rules.stdout.startswith("Règles de «\u00a0")
    assert "identifiant" in rules.stdout and "— (obligations seulement)" in rules.stdout
    assert "smguide explain RULE_ID affiche une règle au complet.\n" in rules.stdout
    narrow = smguide("rules", "--lang", "fr", env=french_env(COLUMNS="80"))
    assert "  cite cas2011 §accountability.tone\n" in narrow.stdout
    explain = smguide("explain", "personal-account-prohibited", "--lang", "fr", env=env)
    assert explain.returncode == 0, explain.stderr
    assert " Verdict\u00a0:            INTERDIT\n" in explain.stdout
    assert " Ensemble d'origine\u00a0: cas-2011\n" in explain.stdout
    assert "\nJustification\n" in explain.stdout and "\nCitations\n" in explain.stdout
    english = smguide("explain", "personal-account-prohibited", env=env)
    assert " Verdict:     PROHIBITED\n" in english.stdout and "\nRationale\n" in english.stdout


def test_graph_page_in_french() -> None:
    page = smguide("graph", "--format", "html", "--lang", "fr", env=french_env())
    assert page.returncode == 0, page.stderr
    assert '<html lang="fr">' in page.stdout
    assert "<summary>Déroulement de la décision — " in page.stdout
    assert "<h2>Activité\u00a0: Joindre une personne" in page.stdout
    assert "Les questions (en bleu), avec les réponses qui ouvrent les suivantes" in page.stdout
    english = smguide("graph", "--format", "html", "--activity", "post", env=french_env())
    assert '<html lang="en">' in english.stdout and "<summary>Decision flow — " in english.stdout
    assert "<h2>Activity: Post or share content on social media" in english.stdout


def test_handouts_in_french() -> None:
    env = french_env()
    page = smguide("replay", "personal-phone-reminder", "--format", "html", "--lang", "fr",
                   env=env)
    assert page.returncode == 0, page.stderr
    assert '<html lang="fr">' in page.stdout
    assert "<h2>La situation</h2>" in page.stdout
    assert "<th>Question</th><th>Réponse</th>" in page.stdout
    assert "Pourquoi c'est important ici\u00a0:" in page.stdout
    assert "Scénario personal-phone-reminder · rôle\u00a0: protection_worker" in page.stdout
    markdown = smguide("replay", "personal-phone-reminder", "--format", "markdown",
                       "--lang", "fr", env=env)
    assert "\n## Les questions, étape par étape\n" in markdown.stdout
    assert "   - Réponse\u00a0: Intervenant·e en protection\n" in markdown.stdout
    assert "\n## Recommandation\u00a0: " in markdown.stdout
    english = smguide("replay", "personal-phone-reminder", "--format", "markdown", env=env)
    assert "\n## The situation\n" in english.stdout and "   - Answer: " in english.stdout


def test_diff_in_french(tmp_path: Path) -> None:
    from tests.fixtures import FIXTURES, MINI
    from tests.training.test_scenario_cli import revised_mini

    new = revised_mini(tmp_path)
    result = smguide("diff", MINI, new, "--scenarios", FIXTURES / "scenarios", "--lang", "fr",
                     env=french_env(COLUMNS="200"))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert out.startswith("Scénarios sur deux ensembles de règles (4 scénarios)\n")
    assert "  ancien\u00a0: " in out and "  nouveau\u00a0: " in out
    assert "  verdict\u00a0: " in out and " (inchangé)\n" in out
    assert "  obligations retirées\u00a0:\n" in out
    assert out.rstrip().endswith("Scénarios changés\u00a0: 3 sur 4.")
    same = smguide("diff", MINI, MINI, "--scenarios", FIXTURES / "scenarios", "--lang", "fr",
                   env=french_env())
    assert "Aucun scénario n'a changé (4 comparés)." in same.stdout


def test_init_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "north"
    result = smguide("init", folder, "--lang", "fr", env=french_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Ensemble de règles d'organisme 'north' créé dans {folder} "
                                    "(il étend cas-2011)\u00a0:\n")
    assert "Ensuite\u00a0: modifiez sources.yaml et rules/agency.yaml" in result.stdout


def test_scenario_lint_findings_in_french() -> None:
    result = smguide("lint", "--lang", "fr", LINT / "scenario" / "fail", env=french_env())
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "[scenario] question inconnue 'chanel'; vouliez-vous dire 'channel'? " in out
    assert "[scenario] la question 'channel' n'a pas de réponse 'sms'; choisissez parmi\u00a0: " \
        in out
    assert "[scenario] règle inconnue 'text-need-authorization'; " in out


def test_questions_rules_explain_long_help_in_french() -> None:
    env = french_env(COLUMNS="100")
    for command, start in (("questions", "Afficher les questions, leurs options"),
                           ("rules", "Afficher les règles de la politique"),
                           ("explain", "Afficher une règle au complet")):
        french = smguide(command, "--help", "--lang", "fr", env=env)
        assert french.returncode == 0, french.stderr
        assert start in french.stdout and "Exemples\u00a0:" in french.stdout
    english = smguide("explain", "--help", env=env)
    assert "Show one rule in full: when it applies" in english.stdout


def test_pack_and_scenario_commands_long_help_in_french() -> None:
    env = french_env(COLUMNS="100")
    for command, word, option in (
            ("lint", "inatteignables", "Sauter ces vérifications"),
            ("graph", "navigateur", "Seulement le parcours"),
            ("schema", "éditeurs", "ou scenario"),
            ("scenarios", "étiquettes", "Seulement les scénarios"),
            ("replay", "formation", "Tout dérouler d'un trait"),
            ("test", "attendu", "rapport JUnit XML"),
            ("diff", "révision", "tel qu'il était"),
            ("init", "manifeste", "Le titre de l'ensemble")):
        # schema has no --lang option of its own: the global one comes first
        args = ("--lang", "fr", command, "--help") if command == "schema" \
            else (command, "--help", "--lang", "fr")
        french = smguide(*args, env=env)
        assert french.returncode == 0, french.stderr
        assert word in french.stdout and "Exemples\u00a0:" in french.stdout, command
        assert option in french.stdout, command
    english = smguide("diff", "--help", env=env)
    assert "Compare two versions of a rule pack on the scenarios" in english.stdout
    assert "Scenario file or folder (default: the new pack's" in english.stdout


def test_a_signal_is_reported_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    """SIGTERM or Ctrl-C during a French run: the one line is French too."""
    import signal

    from smguide import i18n
    from smguide.cli import report
    from smguide.system.signals import Terminated, stopped

    i18n.set_language("fr")
    try:
        assert report(Terminated(signal.SIGTERM)) == 128 + signal.SIGTERM
        assert report(stopped(signal.SIGINT, i18n._("the decision record was written to "
                                                    "{path}").format(path="r.md"))) == 130
    finally:
        i18n.set_language("en")
    assert capsys.readouterr().err.splitlines() == [
        "smguide\u00a0: arrêté par SIGTERM; rien n'a été écrit",
        "smguide\u00a0: interrompu; la fiche de décision a été écrite dans r.md"]
