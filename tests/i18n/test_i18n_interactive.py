"""``LANG=fr_CA.UTF-8 smguide decide`` in a real pseudo-terminal: the whole interview, the
result and the record in French.

The bundled packs' French texts arrive separately, so this asserts on the interface's
strings, and holds whether the packs' texts are French yet or not."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pytest

from tests.ptyutil import ENTER, STEP_TIMEOUT, pexpect

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")

SELECT_FR = "(un numéro, ou ↑/↓ et Entrée)"
FR_LABELS = ("INTERDIT", "PAS ENCORE", "AUTORISATION REQUISE", "CONSULTEZ VOTRE SUPERVISEUR·E",
             "DÉCONSEILLÉ", "PERMIS SOUS CONDITIONS", "PERMIS", "À VÉRIFIER")
MAX_QUESTIONS = 40


def test_whole_interview_and_result_in_french(tmp_path: Path) -> None:
    record = tmp_path / "decision.md"
    env = {k: v for k, v in os.environ.items()
           if k not in ("SMGUIDE_LANG", "LC_ALL", "LC_MESSAGES", "SMGUIDE_PACKS")}
    env.update({"LANG": "fr_CA.UTF-8", "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100",
                "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"})
    child = pexpect.spawn(sys.executable, ["-m", "smguide", "decide", "--record", str(record)],
                          env=env, encoding="utf-8", dimensions=(40, 100),
                          timeout=STEP_TIMEOUT)
    child.logfile_read = io.StringIO()
    try:
        child.expect_exact("Ctrl-C arrête sans rien")  # the French title wraps before the rest
        child.expect_exact("Écran 1 (au plus")
        # Enter on every screen: "Je ne sais pas" is preselected where offered, and a
        # checklist's items start unmarked.
        for _ in range(MAX_QUESTIONS):
            if child.expect_exact([SELECT_FR, "Revoyez vos réponses", "Entrée pour terminer)"
                                   ]) == 1:
                break
            child.send(ENTER)
        else:
            pytest.fail("the interview did not end")
        child.expect_exact("Je ne sais pas")
        child.expect_exact("Ces réponses sont-elles exactes?")
        child.expect_exact(SELECT_FR)
        child.send(ENTER)  # "Oui — afficher la recommandation"
        assert child.expect_exact(list(FR_LABELS)) >= 0
        child.expect_exact("Pour la justification complète, choisissez « Afficher la "
                           "justification complète » ci-dessous.".replace(" »", "\u00a0»")
                           .replace("« ", "«\u00a0"))
        child.expect_exact("Et maintenant?")
        child.expect_exact(SELECT_FR)
        child.send(ENTER)  # "Terminé" is preselected
        child.expect(pexpect.EOF)
    finally:
        child.close()
    shown = child.logfile_read.getvalue()
    assert child.exitstatus == 0, shown[-2000:]
    assert f"fiche de décision écrite dans {record}" in shown
    body = record.read_text(encoding="utf-8")
    assert body.startswith("# Fiche de décision (smguide)")
    assert "### Réponses" in body and "Je ne sais pas" in body
    for english in ("Review your answers", "Not sure", "What next?", "Decision record"):
        assert english not in shown + body
    # The net of test_no_english, over every screen of the interview (terminal control
    # sequences taken out) and the record it wrote.
    from tests.i18n.test_no_english import english_in

    screens = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|[\x00-\x08\x0b-\x1f]", " ", shown)
    assert english_in(screens) == []
    assert english_in(body) == []
