"""Which packs apply: --pack, else SMGUIDE_PACKS, else the bundled defaults
(smguide.pack.selection)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from smguide.errors import UsageError
from smguide.pack import bundled
from smguide.pack import selection as packs
from tests.fixtures import MINI, run

CAS = bundled.pack_path("cas-2011")
ETMI = bundled.pack_path("etmi-2022")


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(packs.ENV_VAR, raising=False)


def extra_pack(tmp: Path, name: str = "extra") -> Path:
    folder = tmp / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(f"id: {name}\ntitle: Extra {name}\nversion: '1'\n",
                                      encoding="utf-8")
    (folder / "rules.yaml").write_text(
        f"rules:\n  - id: {name}-rule\n    title: Extra rule\n    when: {{channel: email}}\n"
        "    obligations: [Use the agency's email system.]\n", encoding="utf-8")
    return folder


def test_defaults_are_the_policy_and_the_report() -> None:
    assert bundled.DEFAULT_PACKS == ("cas-2011", "etmi-2022")
    selection = packs.select(environ={})
    assert selection.source == "default"
    expected = [CAS, ETMI] if (ETMI / "pack.yaml").is_file() else [CAS]
    assert list(selection.paths) == expected
    pack = packs.load(environ={})
    assert pack.layers[0] == "cas-2011"
    if (ETMI / "pack.yaml").is_file():
        assert pack.layers == ["cas-2011", "etmi-2022"]


def test_without_etmi_the_policy_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = bundled.pack_path

    def pack_path(pack_id: str) -> Path:
        return tmp_path / "missing" if pack_id == "etmi-2022" else real(pack_id)

    monkeypatch.setattr(bundled, "pack_path", pack_path)
    assert packs.pack_paths(environ={}) == [CAS]
    assert packs.load(environ={}).layers == ["cas-2011"]


def test_environment_wins_over_the_default(tmp_path: Path) -> None:
    extra = extra_pack(tmp_path)
    env = {packs.ENV_VAR: os.pathsep.join([str(MINI), str(extra)])}
    selection = packs.select(environ=env)
    assert selection.source == "environment"
    assert list(selection.paths) == [MINI, extra]
    assert packs.load(environ=env).id == "mini+extra"
    # Bundled ids, and empty entries are ignored.
    env = {packs.ENV_VAR: f"{os.pathsep}cas-2011{os.pathsep}"}
    assert packs.pack_paths(environ=env) == [CAS]
    assert packs.select(environ={packs.ENV_VAR: "  "}).source == "default"


def test_option_wins_over_the_environment(tmp_path: Path) -> None:
    extra = extra_pack(tmp_path)
    env = {packs.ENV_VAR: str(extra)}
    selection = packs.select([MINI], environ=env)
    assert selection.source == "option" and list(selection.paths) == [MINI]
    assert packs.pack_paths(["cas-2011"], environ=env) == [CAS]  # a bundled id on --pack


def test_unknown_environment_entry_is_a_clear_error(tmp_path: Path) -> None:
    env = {packs.ENV_VAR: str(tmp_path / "nope")}
    with pytest.raises(UsageError, match=r"SMGUIDE_PACKS names '.*nope', which is neither a "
                                         r"rule pack folder nor a bundled pack \(cas-2011"):
        packs.select(environ=env)


def test_resolve_a_bundled_id_or_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smguide.errors import UsageError

    monkeypatch.chdir(tmp_path)
    assert packs.resolve("cas-2011") == CAS
    local = extra_pack(tmp_path, "cas-2011")
    with pytest.raises(UsageError, match="names both"):  # issue 18: never in its place
        packs.resolve("cas-2011")
    assert packs.resolve("./cas-2011") == Path("./cas-2011")
    assert local.exists()
    assert packs.resolve("no-such-pack") == Path("no-such-pack")


# --- through the commands -------------------------------------------------------------------


def test_every_command_reads_smguide_packs(tmp_path: Path) -> None:
    env = {packs.ENV_VAR: str(MINI)}
    assert "Rules of Mini policy (test fixture)" in run("rules", env=env).stdout
    assert "Questions of Mini policy" in run("questions", env=env).stdout
    assert run("explain", "personal-account-prohibited", env=env).exit_code == 0
    result = run("decide", "-s", "role=protection_worker", "-s", "channel=text",
                 "-s", "authorized=yes", "-f", "json", env=env)
    assert json.loads(result.stdout)["pack"]["id"] == "mini"


def test_pack_option_wins_over_smguide_packs(tmp_path: Path) -> None:
    extra = extra_pack(tmp_path)
    env = {packs.ENV_VAR: os.pathsep.join([str(MINI), str(extra)])}
    result = run("decide", "--pack", MINI, "-s", "role=protection_worker", "-s", "channel=email",
                 "-f", "json", env=env)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["pack"]["id"] == "mini"
    result = run("rules", env=env)
    assert "extra-rule" in result.stdout


def test_bad_smguide_packs_stops_with_exit_2(tmp_path: Path) -> None:
    result = run("rules", env={packs.ENV_VAR: str(tmp_path / "nope")})
    assert result.exit_code == 2
    assert result.stderr.startswith("smguide: error: SMGUIDE_PACKS names")
    assert "Traceback" not in result.stderr


def test_default_decide_uses_both_bundled_packs() -> None:
    if not (ETMI / "pack.yaml").is_file():
        pytest.skip("rules/etmi-2022 is not there yet")
    result = run("decide", "-s", "role=none_of_these", "-f", "json")
    data = json.loads(result.stdout)
    assert data["pack"]["layers"] == ["cas-2011", "etmi-2022"]
    assert data["verdict"] == "consult_supervisor" and data["silent"] is True


def test_a_folder_named_like_the_policy_never_replaces_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18: a cas-2011/ folder in the working folder silently replaced the bundled
    policy for --pack cas-2011. Now it is refused as ambiguous; ./cas-2011 names it."""
    import shutil

    from smguide.errors import UsageError

    monkeypatch.chdir(tmp_path)
    shutil.copytree(CAS, tmp_path / "cas-2011")
    with pytest.raises(UsageError, match=r"\./cas-2011"):
        packs.pack_paths(["cas-2011"])
    assert packs.pack_paths(["./cas-2011"]) == [Path("./cas-2011")]
    monkeypatch.chdir(CAS.parent)  # the bundled folder itself: no ambiguity
    assert packs.pack_paths(["cas-2011"]) == [CAS]
