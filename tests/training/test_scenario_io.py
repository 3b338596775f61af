"""Reading scenario files and checking them against a pack: every problem at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from smguide.errors import InputError, UsageError
from smguide.pack.loader import load_pack
from smguide.pack.models import Pack
from smguide.training.files import (
    PackMemo,
    check_scenario,
    find_scenario,
    load_checked,
    pack_folders,
    read_scenario,
    read_scenarios,
    scenario_files,
)
from tests.fixtures import FIXTURES, MINI

SCENARIOS = FIXTURES / "scenarios"
GOOD = """\
id: good
title: A good scenario
tags: [texting]
role: protection_worker
narrative: Sam texts a mother.
answers:
  role: protection_worker
  channel: text
  authorized: yes
notes:
  channel: Sam plans a text.
expect:
  verdict: permitted_with_conditions
  rules: [authorized-contact]
  sections: [minipol/procedures.records]
"""


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(MINI)


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error(tmp_path: Path, pack: Pack, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        check_scenario(read_scenario(path), pack)
    return str(info.value).replace(str(path), "s.yaml")


def test_a_good_scenario(tmp_path: Path, pack: Pack) -> None:
    sf = read_scenario(write(tmp_path, GOOD))
    check_scenario(sf, pack)
    assert sf.id == "good"
    assert sf.scenario.answers == {"role": "protection_worker", "channel": "text",
                                   "authorized": "yes"}


@pytest.mark.parametrize(("before", "after", "message"), [
    ("  channel: text\n", "  chanel: text\n",
     "s.yaml:8:3: unknown question 'chanel'; did you mean 'channel'? the questions are: "
     "role, channel, account, authorized, awol (see 'smguide questions')"),
    ("  channel: text\n", "  channel: sms\n",
     "s.yaml:8:12: question 'channel' has no answer 'sms'; choose one of: text, email, "
     "social, unsure"),
    ("  channel: Sam", "  chanel: Sam",
     "s.yaml:11:3: notes are keyed by question id; unknown question 'chanel'; did you mean "
     "'channel'? the questions are: role, channel, account, authorized, awol"),
    ("[authorized-contact]", "[authorised-contact]",
     "s.yaml:14:11: unknown rule 'authorised-contact'; did you mean 'authorized-contact'? "
     "'smguide rules' lists them"),
    ("minipol/procedures.records", "minipol/procedures.record",
     "s.yaml:15:14: source 'minipol' has no section 'procedures.record'; did you mean "
     "'procedures.records'? its sections are: policy.boundaries, supervision.authorization, "
     "procedures.records, procedures.awol"),
    ("minipol/procedures.records", "minipal/procedures.records",
     "s.yaml:15:14: unknown source 'minipal'; did you mean 'minipol'? the sources are: "
     "minipol"),
    ("  sections: [minipol/procedures.records]\n",
     "  sections: [minipol/procedures.records]\n  cites: [minipol/procedures.record]\n",
     "s.yaml:16:11: source 'minipol' has no section 'procedures.record'; did you mean "
     "'procedures.records'? its sections are: policy.boundaries, supervision.authorization, "
     "procedures.records, procedures.awol"),
    ("minipol/procedures.records", "procedures.records",
     "s.yaml:15:14: expected 'source/section', e.g. 'cas2011/policy.boundaries', not "
     "'procedures.records'"),
    ("  role: protection_worker\n  channel", "  role: other\n  channel",
     "s.yaml:7:9: the answer to 'role' is 'other' but the scenario's role is "
     "'protection_worker'; make them the same"),
    ("  role: protection_worker\n  channel", "  channel",
     "s.yaml:7:3: the answers must give the role: add 'role: protection_worker' (the "
     "scenario's role)"),
])
def test_reference_errors(tmp_path: Path, pack: Pack, before: str, after: str,
                          message: str) -> None:
    assert before in GOOD
    assert error(tmp_path, pack, GOOD.replace(before, after, 1)) == message


def test_defeats_are_checked(tmp_path: Path, pack: Pack) -> None:
    base = GOOD.replace("  sections: [minipol/procedures.records]\n", "")
    text = base + "  defeats: [awol-exception>social-discouraged]\n"
    check_scenario(read_scenario(write(tmp_path, text)), pack)
    assert error(tmp_path, pack, base + "  defeats: [needs-authorization>awol-exception]\n") == (
        "s.yaml:15:13: rule 'needs-authorization' is not an exception to 'awol-exception' "
        "(its exception_to: none)")
    assert error(tmp_path, pack, base + "  defeats: [awol-exception]\n").startswith(
        "s.yaml:15:13: expected 'exception>defeated'")
    assert error(tmp_path, pack, base + "  defeats: [awol-exeption>social-discouraged]\n") == (
        "s.yaml:15:13: unknown rule 'awol-exeption'; did you mean 'awol-exception'? "
        "'smguide rules' lists them")


@pytest.mark.parametrize(("text", "message"), [
    (GOOD + "colour: red\n", "s.yaml:16:1: unknown key 'colour'"),
    (GOOD.replace("tags: [texting]\n", "tags: [texting]\ntags: [x]\n"),
     "s.yaml:4:1: duplicate key 'tags' (first defined at line 3)"),
    (GOOD.replace("  verdict: permitted_with_conditions", "  verdict: allowed"),
     "s.yaml:13:12: expect.verdict: 'allowed' is not a choice here; choose one of: prohibited, "
     "not_yet, needs_authorization, consult_supervisor, discouraged, permitted_with_conditions, "
     "permitted"),
    (GOOD.replace("  verdict: permitted_with_conditions", "  verdict: permited"),
     "s.yaml:13:12: expect.verdict: 'permited' is not a choice here; did you mean 'permitted'? "
     "choose one of: prohibited, not_yet, needs_authorization, consult_supervisor, discouraged, "
     "permitted_with_conditions, permitted"),
    (GOOD.replace("tags: [texting]", "tags: texting"),
     "s.yaml:3:7: tags: Input should be a valid list"),
    (GOOD.replace("title: A good scenario\n", ""), "s.yaml:1:1: missing key 'title'"),
    ("id: [\n", "s.yaml:2:1: YAML syntax error: did not find expected node content"),
    ("- a list\n", "s.yaml:1:1: expected a mapping at the top of the file, found a list"),
    ("", "s.yaml:1:1: expected a mapping at the top of the file, found empty"),
])
def test_schema_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        read_scenario(path)
    assert str(info.value).replace(str(path), "s.yaml") == message


def test_answer_with_a_list_value(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("  channel: text\n", "  channel: [text, email]\n"))
    with pytest.raises(InputError) as info:
        read_scenario(path)
    assert str(info.value).replace(str(path), "s.yaml").startswith(
        "s.yaml:8:12: answers.channel: Input should be a valid string")


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(InputError, match=r"b\.yaml:1:5: duplicate scenario id 'good' \(also in "):
        read_scenarios([tmp_path])


def test_files_and_folders(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yaml")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", GOOD.replace("id: good", "id: other"), "b.yml")
    write(tmp_path, "not a scenario", "notes.txt")
    write(tmp_path, GOOD, ".hidden.yaml")
    assert [p.name for p in scenario_files([tmp_path])] == ["a.yaml", "b.yml"]
    assert scenario_files([tmp_path / "a.yaml", tmp_path]) == [
        tmp_path / "a.yaml", tmp_path / "sub" / "b.yml"]
    with pytest.raises(InputError, match="no such scenario file or folder"):
        scenario_files([tmp_path / "missing"])


def test_packs_named_by_the_scenario() -> None:
    sf = read_scenario(SCENARIOS / "mini" / "awol-social.yaml")
    assert pack_folders(sf) == (MINI.resolve(),)
    assert PackMemo().for_scenario(sf).id == "mini"


def test_unknown_pack(tmp_path: Path) -> None:
    sf = read_scenario(write(tmp_path, GOOD + "packs: [no-such-pack]\n"))
    with pytest.raises(InputError, match=r"s\.yaml:16:9: unknown pack 'no-such-pack'"):
        pack_folders(sf)


def test_load_checked_uses_the_override(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    loaded = load_checked([tmp_path], [MINI])
    assert [(sf.id, pack.id) for sf, pack in loaded] == [("good", "mini")]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match="no scenario files"):
        load_checked([empty])


def test_find_scenario() -> None:
    assert find_scenario("awol-social", [SCENARIOS]).id == "awol-social"
    assert find_scenario(str(SCENARIOS / "mini" / "awol-social.yaml"), None).id == "awol-social"
    with pytest.raises(UsageError, match="no scenario 'awol-socail'; did you mean 'awol-social'"):
        find_scenario("awol-socail", [SCENARIOS])
