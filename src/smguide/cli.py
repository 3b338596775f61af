"""The ``smguide`` command line: option parsing only.

Each command is a plain function in :mod:`smguide.commands` returning an exit
code. Everything heavy (pydantic, the engine, rich, questionary) is imported
inside the command functions, so ``smguide --help`` and ``--version`` stay fast:
``python -X importtime -c "import smguide.cli"`` shows only typer and this module.

Help is plain text (``rich_markup_mode=None``): rich-formatted help would double
the start-up time of ``smguide --help``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from smguide import __version__
from smguide.errors import Interrupted, SmguideError

INTERRUPTED = "smguide: interrupted; nothing was written"

EXIT_CODES = """\
\b
Exit codes:
  0    done (whatever the verdict)
  1    problems found (reserved for lint and test commands)
  2    usage error or bad input; the message names the file, line and column
  130  interrupted (Ctrl-C); nothing was written
"""

HELP = """\
Ethical decision support for contacting clients by text, email or social media.

smguide asks a few questions about the contact you plan, then gives a verdict you
can act on, the obligations to meet, and the policy text behind it.

\b
Examples:
  smguide decide                           answer the questions one at a time
  smguide questions                        the questions and their option ids
  smguide decide --answers answers.yaml    the same, without a terminal
  smguide rules                            all rules of the policy
  smguide explain RULE_ID                  one rule in full, with its quotes
"""

app = typer.Typer(
    name="smguide",
    help=HELP,
    epilog=EXIT_CODES,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class DecideFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class ListFormat(StrEnum):
    text = "text"
    json = "json"


PackOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--pack",
        "-p",
        metavar="PATH",
        help="Rule pack folder to use (default: the bundled policy). "
        "Repeat to apply several packs together.",
        show_default=False,
    ),
]


def _one_line(message: str) -> str:
    return " ".join(message.split())


def report(exc: SmguideError) -> int:
    """Print an expected error as one line on stderr; return its exit code."""
    if isinstance(exc, Interrupted):
        sys.stderr.write(f"smguide: {_one_line(exc.message)}\n")
    else:
        sys.stderr.write(f"smguide: error: {_one_line(str(exc))}\n")
    sys.stderr.flush()
    return exc.exit_code


def interrupted() -> int:
    sys.stderr.write("\n" + INTERRUPTED + "\n")
    sys.stderr.flush()
    return Interrupted.exit_code


def guarded(call: Callable[[], int]) -> int:
    """Run a command; user errors and Ctrl-C become a message and an exit code."""
    try:
        return call()
    except SmguideError as exc:
        return report(exc)
    except (KeyboardInterrupt, EOFError):
        return interrupted()
    except BrokenPipeError:
        # The reader went away (e.g. "| head"): stop quietly, like other tools.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141


def _finish(call: Callable[[], int]) -> NoReturn:
    raise typer.Exit(guarded(call))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"smguide {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
) -> None:
    """Ethical decision support for contacting clients by text, email or social media."""


DECIDE_HELP = """\
Get a cited recommendation for a contact you plan.

In a terminal, smguide asks its questions one at a time. Without a terminal (or
to skip the questions), give the answers with --answers and/or --set; questions
left out count as "not sure", which can only make the verdict stricter.

\b
Examples:
  smguide decide
  smguide decide --record decision.json
  smguide decide --answers answers.yaml --format markdown
  smguide decide --set role=protection_worker --set channel=text
  smguide decide --answers answers.yaml --set authorized=yes --format json
"""


@app.command(help=DECIDE_HELP, short_help="Get a cited recommendation for a planned contact.",
             epilog=EXIT_CODES)
def decide(
    pack: PackOption = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", "-a", metavar="FILE",
                     help="YAML or JSON file mapping question id to option id "
                     "(see 'smguide questions').", show_default=False),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", metavar="QUESTION=OPTION",
                     help="Answer one question; repeatable; overrides --answers.",
                     show_default=False),
    ] = None,
    fmt: Annotated[
        DecideFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = DecideFormat.text,
    record: Annotated[
        Path | None,
        typer.Option("--record", "-r", metavar="PATH",
                     help="Also write a decision record for the case file "
                     "(JSON, or YAML if PATH ends in .yaml/.yml). It holds no client "
                     "information.", show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing record file.")
    ] = False,
) -> None:
    def call() -> int:
        from smguide.commands import decide as command

        return command.run(packs=pack, answers_file=answers, sets=set_ or [],
                           fmt=fmt.value, record=record, force=force)

    _finish(call)


QUESTIONS_HELP = """\
List the questions, their options and when each is asked.

Use the ids to write an answers file for 'smguide decide --answers'; the text
output ends with an example.

\b
Examples:
  smguide questions
  smguide questions --format json
"""


@app.command(help=QUESTIONS_HELP, short_help="List the questions and their option ids.",
             epilog=EXIT_CODES)
def questions(
    pack: PackOption = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ListFormat.text,
) -> None:
    def call() -> int:
        from smguide.commands import questions as command

        return command.run(packs=pack, fmt=fmt.value)

    _finish(call)


RULES_HELP = """\
List the rules of the policy: id, verdict, title and what they cite.

\b
Examples:
  smguide rules
  smguide rules --format json
"""


@app.command(help=RULES_HELP, short_help="List the rules with their verdicts and citations.",
             epilog=EXIT_CODES)
def rules(
    pack: PackOption = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ListFormat.text,
) -> None:
    def call() -> int:
        from smguide.commands import rules as command

        return command.run(packs=pack, fmt=fmt.value)

    _finish(call)


EXPLAIN_HELP = """\
Show one rule in full: when it applies, its verdict, rationale, obligations,
cautions, principles, the quoted policy text, and its exceptions.

\b
Examples:
  smguide explain personal-account-prohibited
  smguide explain personal-account-prohibited --format json
"""


@app.command(help=EXPLAIN_HELP, short_help="Show one rule in full, with its citations.",
             epilog=EXIT_CODES)
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID",
                                           help="A rule id, as 'smguide rules' lists.")],
    pack: PackOption = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ListFormat.text,
) -> None:
    def call() -> int:
        from smguide.commands import explain as command

        return command.run(rule_id, packs=pack, fmt=fmt.value)

    _finish(call)


LINT_HELP = """\
Check rule packs: YAML syntax, schema, references, unused or unreachable questions,
citations, translations, and (once the pack loads) the semantic checks.

PATHS are pack folders, folders holding packs, or files of a pack (each stands for
its whole pack; files outside any pack are skipped). Default: the bundled packs.
Silence one check on one node with a comment on its line, or on the line before:
'# smguide-lint: disable=unused-option'. Check ids: see docs/lint-checks.md.

\b
Examples:
  smguide lint
  smguide lint rules/my-agency --format sarif > lint.sarif
  smguide lint --select structural --ignore unused-option
  smguide lint --source-text sources/
"""

LINT_EXIT_CODES = """\
\b
Exit codes:
  0    no errors (warnings too, with --strict)
  1    problems found
  2    usage error, or a path or file that cannot be read
"""


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


@app.command(help=LINT_HELP, short_help="Check rule packs for mistakes.",
             epilog=LINT_EXIT_CODES)
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PATHS", help="Packs or pack files to check.",
                       show_default=False),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="IDS",
                     help="Run only these checks (comma-separated, repeatable; "
                     "'structural' or 'semantic' for a whole kind).", show_default=False),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="IDS",
                     help="Skip these checks (comma-separated, repeatable).",
                     show_default=False),
    ] = None,
    fmt: Annotated[
        LintFormat,
        typer.Option("--format", "-f", case_sensitive=False,
                     help="Output format: text, json, sarif (2.1.0, for code scanning) "
                     "or github (workflow annotations)."),
    ] = LintFormat.text,
    source_text: Annotated[
        Path | None,
        typer.Option("--source-text", metavar="DIR",
                     help="Folder of the sources' plain text (<source-id>.txt): every "
                     "quoted citation must appear in it verbatim.", show_default=False),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too.")
    ] = False,
) -> None:
    def call() -> int:
        from smguide.commands import lint as command

        return command.run(paths=paths, select=select, ignore=ignore, fmt=fmt.value,
                           source_text=source_text, strict=strict)

    _finish(call)


SCHEMA_HELP = """\
Print the JSON Schema of a kind of file smguide reads, for editors
(see docs/editor-setup.md).

\b
Examples:
  smguide schema > schemas/pack-file.json
  smguide schema --kind manifest > schemas/manifest.json
"""


@app.command(help=SCHEMA_HELP, short_help="Print the JSON Schema of rule-pack files.",
             epilog=EXIT_CODES)
def schema(
    kind: Annotated[
        str,
        typer.Option("--kind", "-k", metavar="KIND",
                     help="pack-file (sources, questions, rules), manifest (pack.yaml) "
                     "or scenario."),
    ] = "pack-file",
) -> None:
    def call() -> int:
        from smguide.commands import schema as command

        return command.run(kind=kind)

    _finish(call)


def main(argv: Sequence[str] | None = None) -> None:
    """The console script. Exits with the command's exit code."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name="smguide")
    except SmguideError as exc:
        sys.exit(report(exc))
    except (KeyboardInterrupt, EOFError):
        sys.exit(interrupted())
