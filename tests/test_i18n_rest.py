"""The rest of the French interface: lint findings, questions/rules/explain, graph and handouts."""

from __future__ import annotations

from pathlib import Path

from tests.test_i18n import french_env, smguide

LINT = Path(__file__).parent / "fixtures" / "lint"


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
