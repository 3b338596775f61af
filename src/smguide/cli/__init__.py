"""The ``smguide`` command line: option parsing only.

Each command is a plain function in :mod:`smguide.commands` returning an exit
code; the help texts are in :mod:`smguide.cli.help`. Everything heavy (pydantic,
the engine, rich, questionary) is imported inside the command functions, so
``smguide --help`` and ``--version`` stay fast: ``python -X importtime -c "import
smguide.cli"`` shows only typer and this package.

Help is plain text (``rich_markup_mode=None``): rich-formatted help would double
the start-up time of ``smguide --help``.
"""

import copy
import errno
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from smguide import __version__, i18n
from smguide.cli import clickwords
from smguide.cli import params as cliparams
from smguide.errors import Interrupted, Location, SmguideError, UsageError
from smguide.i18n import N_, _

# The language is known before the help texts below are built, so --help can be French:
# a cheap peek at argv and the environment (main() looks again at the argv it is given).
i18n.set_language(i18n.choose(i18n.from_argv(sys.argv[1:]), os.environ)[0])

from smguide.cli.help import (  # noqa: E402  (after the language is set: the texts are translated)
    DECIDE_HELP,
    DIFF_HELP,
    DOCS_HELP,
    EXIT_CODES,
    EXPLAIN_HELP,
    GRAPH_HELP,
    HELP,
    INIT_HELP,
    LINT_HELP,
    QUESTIONS_HELP,
    REPLAY_HELP,
    RULES_HELP,
    SCENARIOS_HELP,
    SCHEMA_HELP,
    SERVE_HELP,
    TEST_HELP,
)

INTERRUPTED = N_("smguide: interrupted; nothing was written")

cliparams.install()  # options converted without pydantic (see cliparams)
clickwords.install()  # click's own words ("Usage:", "Options") through the catalog

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
    html = "html"


class ListFormat(StrEnum):
    text = "text"
    json = "json"


PackOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--pack",
        "-p",
        metavar="PATH",
        help=_("Rule pack folder, or a bundled pack's id (default: the packs in "
               "SMGUIDE_PACKS, else the bundled policy and report). "
               "Repeat to apply several packs together."),
        show_default=False,
    ),
]


class Language(StrEnum):
    en = "en"
    fr = "fr"


def _lang(value: Language | None) -> Language | None:
    if value is not None:  # main() has already peeked at it; this serves in-process callers
        i18n.set_language(value.value)
    return value


# Read before typer runs (i18n.from_argv in main), so that --help is in that language;
# declared here so that click refuses an unknown value with its one-line usage error and
# every command's --help lists it.
LangOption = Annotated[
    Language | None,
    typer.Option("--lang", case_sensitive=False, callback=_lang, is_eager=True,
                 help=_("Language of the output: en or fr (default: SMGUIDE_LANG, else the "
                        "locale, e.g. LANG=fr_CA.UTF-8, else English)."), show_default=False),
]


def record_path(raw: str | None) -> Path | None:
    """The record's file: a name ending with "/" names a folder, never the file beside."""
    if raw is None:
        return None
    if raw.endswith(("/", os.sep)):
        raise UsageError("ends with '/', so it names a folder; give the record's file name",
                         Location(raw))
    return Path(raw)


def _one_line(message: str) -> str:
    """One line, with whatever came from outside (a file name, a value) made inert."""
    from smguide.system.streams import inert, single_spaced

    return inert(single_spaced(message), one_line=True)


def _say(line: str) -> None:
    """One line on stderr; where stderr itself cannot be written, the exit code tells."""
    from smguide.system.streams import PipeClosed

    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, SmguideError, PipeClosed, AttributeError, ValueError):
        pass  # OutputError, or the terminal hung up: the exit code tells


def report(exc: SmguideError) -> int:
    """Print an expected error as one line on stderr; return its exit code."""
    from smguide.system.streams import OutputError, discard_stdout

    if isinstance(exc, OutputError):
        discard_stdout()
    if isinstance(exc, Interrupted):
        _say(_("smguide: {message}").format(message=_one_line(exc.message)) + "\n")
    else:
        _say(_("smguide: error: {message}").format(message=_one_line(str(exc))) + "\n")
    return exc.exit_code


def interrupted() -> int:
    _say("\n" + _(INTERRUPTED) + "\n")
    return Interrupted.exit_code


def pipe_closed() -> int:
    """The reader went away (e.g. "| head"): stop quietly, like other tools."""
    from smguide.system.streams import EXIT_PIPE, discard_stdout

    discard_stdout()
    return EXIT_PIPE


def os_error(exc: OSError) -> int:
    """A path the system refused where no finer message was written: still one line."""
    from smguide.system.files import path_error

    if exc.errno == errno.EIO and exc.filename is None:  # the terminal hung up (a prompt's
        import signal  # own write to it failed first): as SIGHUP says, 129

        from smguide.system.signals import Terminated

        return report(Terminated(signal.SIGHUP))

    if exc.filename is not None:
        return report(path_error(exc, Path(os.fsdecode(exc.filename))))
    return report(SmguideError(f"cannot continue: {(exc.strerror or str(exc)).lower()}"))


def guarded(call: Callable[[], int]) -> int:
    """Run a command; user errors and Ctrl-C become a message and an exit code."""
    from smguide.system.streams import PipeClosed

    try:
        return call()
    except SmguideError as exc:
        return report(exc)
    except (KeyboardInterrupt, EOFError):
        return interrupted()
    except (BrokenPipeError, PipeClosed):
        return pipe_closed()
    except OSError as exc:
        return os_error(exc)


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
                     help=_("Show the version and exit.")),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Ethical decision support for contacting clients by text, email or social media."""


@app.command(help=DECIDE_HELP, short_help=_("Get a cited recommendation for a planned contact."),
             epilog=EXIT_CODES)
def decide(
    pack: PackOption = None,
    lang: LangOption = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", "-a", metavar="FILE",
                     help=_("YAML or JSON file mapping question id to option id "
                            "(see 'smguide questions')."), show_default=False),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", metavar="QUESTION=OPTION",
                     help=_("Answer one question; repeatable; overrides --answers."),
                     show_default=False),
    ] = None,
    fmt: Annotated[
        DecideFormat,
        typer.Option("--format", "-f", case_sensitive=False, help=_("Output format.")),
    ] = DecideFormat.text,
    record: Annotated[
        str | None,  # as typed: a Path would drop the "/" of "x.json/" (a folder)
        typer.Option("--record", "-r", metavar="PATH",
                     help=_("Also write a decision record for the case file, in the format "
                            "its extension names: .json, .yaml/.yml or .md (Markdown, to read). "
                            "It holds no client information."), show_default=False),
    ] = None,
    details: Annotated[
        bool,
        typer.Option("--details", "--why",
                     help=_("Show the full rationale after the answer: every rule that "
                            "applies with its quotes, exceptions, cautions, ethical "
                            "considerations, what would change the outcome, your answers.")),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace an existing record file."))
    ] = False,
    reflect: Annotated[
        bool,
        typer.Option("--reflect",
                     help=_("After the recommendation, reflect on it with an ethical "
                            "decision-making model (in a terminal; otherwise give --reflection). "
                            "Starts by itself in a terminal when the policy is silent.")),
    ] = False,
    reflection: Annotated[
        Path | None,
        typer.Option("--reflection", metavar="FILE",
                     help=_("YAML file with the answers to the reflection's steps and/or "
                            "what you will do instead of the recommendation (see 'smguide "
                            "docs ethics')."),
                     show_default=False),
    ] = None,
) -> None:
    def call() -> int:
        from smguide.commands import decide as command

        return command.run(packs=pack, answers_file=answers, sets=set_ or [],
                           fmt=fmt.value, record=record_path(record), force=force,
                           reflect=reflect,
                           reflection_file=reflection, details=details)

    _finish(call)


@app.command(help=QUESTIONS_HELP, short_help=_("List the questions and their option ids."),
             epilog=EXIT_CODES)
def questions(
    pack: PackOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ListFormat.text,
) -> None:
    def call() -> int:
        from smguide.commands import questions as command

        return command.run(packs=pack, fmt=fmt.value)

    _finish(call)


@app.command(help=RULES_HELP, short_help=_("List the rules with their verdicts and citations."),
             epilog=EXIT_CODES)
def rules(
    pack: PackOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ListFormat.text,
) -> None:
    def call() -> int:
        from smguide.commands import rules as command

        return command.run(packs=pack, fmt=fmt.value)

    _finish(call)


@app.command(help=EXPLAIN_HELP, short_help=_("Show one rule in full, with its citations."),
             epilog=EXIT_CODES)
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID",
                                           help="A rule id, as 'smguide rules' lists.")],
    pack: PackOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ListFormat.text,
) -> None:
    def call() -> int:
        from smguide.commands import explain as command

        return command.run(rule_id, packs=pack, fmt=fmt.value)

    _finish(call)


LINT_EXIT_CODES = _("""\
\b
Exit codes:
  0    no errors (warnings too, with --strict)
  1    problems found
  2    usage error, or a path or file that cannot be read
""")


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


@app.command(help=LINT_HELP, short_help=_("Check rule packs for mistakes."),
             epilog=LINT_EXIT_CODES)
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PATHS", help=_("Packs or pack files to check."),
                       show_default=False),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="IDS",
                     help=_("Run only these checks (comma-separated, repeatable; "
                            "'structural' or 'semantic' for a whole kind)."), show_default=False),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="IDS",
                     help=_("Skip these checks (comma-separated, repeatable)."),
                     show_default=False),
    ] = None,
    fmt: Annotated[
        LintFormat,
        typer.Option("--format", "-f", case_sensitive=False,
                     help=_("Output format: text, json, sarif (2.1.0, for code scanning) "
                            "or github (workflow annotations).")),
    ] = LintFormat.text,
    source_text: Annotated[
        Path | None,
        typer.Option("--source-text", metavar="DIR",
                     help=_("Folder of the sources' plain text (<source-id>.txt): every "
                            "quoted citation must appear in it verbatim."), show_default=False),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help=_("Exit 1 on warnings too."))
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help=_("Count the findings of each check instead "
                                                  "of listing them (text format)."))
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help=_("Print the findings only: no summary "
                                                   "line, no notes."))
    ] = False,
    output_file: Annotated[
        Path | None,
        typer.Option("--output-file", "-o", metavar="FILE", help=_("Write the report to FILE "
                       "instead of the standard output."), show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    def call() -> int:
        from smguide.commands import lint as command

        return command.run(paths=paths, select=select, ignore=ignore, fmt=fmt.value,
                           source_text=source_text, strict=strict, statistics=statistics,
                           quiet=quiet, output_file=output_file)

    _finish(call)


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    html = "html"


@app.command(help=GRAPH_HELP, short_help=_("Draw the decision flow (Mermaid, dot or HTML)."),
             epilog=EXIT_CODES)
def graph(
    pack: PackOption = None,
    lang: LangOption = None,
    focus: Annotated[
        str | None,
        typer.Option("--focus", metavar="QUESTION|RULE", help=_("Only what leads to this "
                       "question or rule, and what it leads to."), show_default=False),
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option("--activity", metavar="ACTIVITY", help=_("Only the flow for this answer "
                       "to the 'activity' question (e.g. message)."), show_default=False),
    ] = None,
    fmt: Annotated[
        GraphFormat,
        typer.Option("--format", "-f", case_sensitive=False, help=_("Output format.")),
    ] = GraphFormat.mermaid,
) -> None:
    def call() -> int:
        from smguide.commands import graph as command

        return command.run(packs=pack, focus=focus, activity=activity, fmt=fmt.value)

    _finish(call)


@app.command(help=SCHEMA_HELP, short_help=_("Print the JSON Schema of rule-pack files."),
             epilog=EXIT_CODES)
def schema(
    kind: Annotated[
        str,
        typer.Option("--kind", "-k", metavar="KIND",
                     help=_("pack-file (sources, questions, rules), manifest (pack.yaml) "
                            "or scenario.")),
    ] = "pack-file",
) -> None:
    def call() -> int:
        from smguide.commands import schema as command

        return command.run(kind=kind)

    _finish(call)


@app.command(help=DOCS_HELP, short_help=_("Print the documentation (rule format, lint checks...)."),
             epilog=EXIT_CODES)
def docs(
    topic: Annotated[str | None, typer.Argument(metavar="[TOPIC]", show_default=False)] = None,
) -> None:
    def call() -> int:
        from smguide.commands import docs as command

        return command.run(topic=topic)

    _finish(call)


@app.command(help=SCENARIOS_HELP, short_help=_("List the training scenarios, or summarise quiz "
                                               "results."), epilog=EXIT_CODES)
def scenarios(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PATHS", help=_("Scenario files or folders."), show_default=False),
    ] = None,
    pack: PackOption = None,
    lang: LangOption = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help=_("Only scenarios with this tag; "
                                                          "repeatable."), show_default=False),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", metavar="ROLE", help=_("Only scenarios for this role."),
                     show_default=False),
    ] = None,
    verdict: Annotated[
        str | None,
        typer.Option("--verdict", metavar="VERDICT", help=_("Only scenarios with this expected "
                       "verdict (e.g. prohibited)."), show_default=False),
    ] = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help=_("Output format.")),
    ] = ListFormat.text,
    results: Annotated[
        Path | None,
        typer.Option("--results", metavar="FILE", help=_("Summarise the quiz results in FILE "
                       "(JSON Lines written by 'smguide replay --quiz --results')."),
                     show_default=False),
    ] = None,
) -> None:
    def call() -> int:
        from smguide.commands import scenarios as command

        return command.run(paths=paths, packs=pack, tags=tag or [], role=role,
                           verdict=verdict, fmt=fmt.value, results=results)

    _finish(call)


class ReplayFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"



@app.command(help=REPLAY_HELP, short_help=_("Walk through a scenario, or quiz a trainee on it."),
             epilog=EXIT_CODES)
def replay(
    scenario_ids: Annotated[list[str], typer.Argument(
        metavar="ID...", help=_("A scenario id, as 'smguide scenarios' lists, or a scenario "
                                "file; with --quiz, several, one after the other."))],
    pack: PackOption = None,
    lang: LangOption = None,
    scenarios: Annotated[
        list[Path] | None,
        typer.Option("--scenarios", metavar="PATH", help=_("Scenario file or folder to look in "
                       "(default: the bundled scenarios); repeatable."), show_default=False),
    ] = None,
    auto: Annotated[
        bool, typer.Option("--auto", help=_("Run straight through without waiting for keys."))
    ] = False,
    quiz: Annotated[
        bool, typer.Option("--quiz", help=_("The trainee answers and predicts the verdict."))
    ] = False,
    results: Annotated[
        Path | None,
        typer.Option("--results", metavar="FILE", help=_("With --quiz: append the result to "
                       "this JSON Lines file."), show_default=False),
    ] = None,
    pseudonym: Annotated[
        str | None,
        typer.Option("--pseudonym", metavar="NAME", help=_("With --results: a pseudonym to "
                       "record with the result (never a real name)."), show_default=False),
    ] = None,
    fmt: Annotated[
        ReplayFormat,
        typer.Option("--format", "-f", case_sensitive=False, help=_("text (step by step in "
                       "the terminal), or a handout: markdown or html (printable).")),
    ] = ReplayFormat.text,
) -> None:
    def call() -> int:
        from smguide.commands import replay as command

        return command.run(scenario_ids, packs=pack, scenarios=scenarios, auto=auto,
                           quiz=quiz, results=results, pseudonym=pseudonym, fmt=fmt.value)

    _finish(call)


TEST_EXIT_CODES = _("""\
\b
Exit codes:
  0    every scenario passed
  1    some scenario failed
  2    usage error, or a scenario or pack that cannot be read or is invalid
""")


@app.command(help=TEST_HELP, short_help=_("Run the scenarios as tests of the rules."),
             epilog=TEST_EXIT_CODES)
def test(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="PATHS", help=_("Scenario files or folders."), show_default=False),
    ] = None,
    pack: PackOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help=_("Output format.")),
    ] = ListFormat.text,
    junit: Annotated[
        Path | None,
        typer.Option("--junit", metavar="FILE", help=_("Also write a JUnit XML report (for CI)."),
                     show_default=False),
    ] = None,
    coverage: Annotated[
        bool, typer.Option("--coverage", help=_("Report the rules and source sections no "
                                                "scenario exercises."))
    ] = False,
) -> None:
    def call() -> int:
        from smguide.commands import test as command

        return command.run(paths=paths, packs=pack, fmt=fmt.value, junit=junit,
                           coverage=coverage)

    _finish(call)


DIFF_EXIT_CODES = _("""\
\b
Exit codes:
  0    no scenario changed (--exhaustive: NEW_PACK is never laxer)
  1    some scenario changed (--exhaustive: NEW_PACK is laxer somewhere)
  2    usage error, or a pack or scenario that cannot be read or is invalid
""")


@app.command(help=DIFF_HELP, short_help=_("Show what a revision of a pack changes, by scenario."),
             epilog=DIFF_EXIT_CODES)
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD_PACK", help=_("The pack folder as it was."))],
    new: Annotated[Path, typer.Argument(metavar="NEW_PACK", help=_("The revised pack folder."))],
    scenarios: Annotated[
        list[Path] | None,
        typer.Option("--scenarios", metavar="PATH", help=_("Scenario file or folder (default: "
                       "the new pack's scenarios/, else the old one's, else the bundled "
                       "scenarios); repeatable."), show_default=False),
    ] = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", case_sensitive=False, help=_("Output format.")),
    ] = ListFormat.text,
    exhaustive: Annotated[
        bool,
        typer.Option("--exhaustive", help=_("Over every combination of answers: is NEW_PACK "
                                            "ever laxer than OLD_PACK?")),
    ] = False,
    lang: LangOption = None,
) -> None:
    def call() -> int:
        from smguide.commands import diff as command

        if exhaustive:
            if scenarios:
                raise UsageError("--exhaustive looks at every combination of answers, not "
                                 "at scenarios: leave out --scenarios")
            return command.exhaustive(old=old, new=new, fmt=fmt.value)
        return command.run(old=old, new=new, scenarios=scenarios, fmt=fmt.value)

    _finish(call)


@app.command(help=INIT_HELP, short_help=_("Create an agency rule pack that extends the policy."),
             epilog=EXIT_CODES)
def init(
    pack_dir: Annotated[Path, typer.Argument(metavar="PACK_DIR",
                                             help=_("The folder to create."))],
    pack_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help=_("The pack's id (default: from the folder "
                       "name); lower-case letters, digits, '-', '_' and '.'."),
                     show_default=False),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TITLE", help=_("The pack's title."), show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    def call() -> int:
        from smguide.commands import init as command

        return command.run(pack_dir, pack_id=pack_id, title=title)

    _finish(call)


@app.command(help=SERVE_HELP, short_help=_("Answer the questions in a browser (a web interview)."),
             epilog=EXIT_CODES)
def serve(
    pack: PackOption = None,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS",
                          help=_("The address to listen on (127.0.0.1: this machine only)."))
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help=_("The port."))] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", metavar="NAME",
                     help=_("A Host name the server answers to besides its address (the name "
                            "your proxy or users use); repeatable; '*' for any."),
                     show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    def call() -> int:
        from smguide.web import serve as command

        return command.run(packs=pack, host=host, port=port, allowed=allowed_host or [])

    _finish(call)


def _command_of(args: Sequence[str]) -> str:
    """The command named on the command line, if any (for the pointer to its help)."""
    names = {c.name or (c.callback.__name__ if c.callback else "")
             for c in app.registered_commands}
    return next((a for a in args if a in names), "")


def usage_error(exc: Exception, args: Sequence[str] = ()) -> int:
    """Click's usage errors as the one ``smguide: error:`` line docs/cli.md promises."""
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path.partition(" ")[2] if ctx else _command_of(args)
    where = f"smguide {command}".strip()
    if type(exc).__name__ == "NoArgsIsHelpError":
        message = _("no command given")
    elif type(exc).__name__ == "NoSuchOption":  # its words are not through gettext
        message = _("no such option: {name}").format(name=exc.option_name)  # type: ignore[attr-defined]
        possible = sorted(getattr(exc, "possibilities", None) or ())
        if possible:
            message += " " + _("(possible options: {options})").format(
                options=", ".join(possible))
    else:
        message = exc.format_message()  # type: ignore[attr-defined]
        message = message.replace("Value error, ", "").rstrip(".")
        message = message[:1].lower() + message[1:]
    return report(UsageError(_("{message}; see '{command} --help'").format(
        message=message, command=where)))


def _is_click_error(exc: Exception) -> bool:
    # typer vendors click in some versions and not in others: match by the base class.
    return any(c.__name__ == "ClickException" for c in type(exc).__mro__)


def _listed_only() -> None:
    """Stands in for a command that is only listed (``smguide --help``)."""


def _for(args: Sequence[str]) -> typer.Typer:
    """The app with only the commands named in ``args`` built in full: typer builds
    every command's options before it runs one, a third of ``smguide --help``. The
    others keep their name and help for the listing (click runs only a command named
    in the arguments). Shell completion reads its words elsewhere: all in full."""
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    named = set(args)
    runner = copy.copy(app)
    runner.registered_commands = []
    for info in app.registered_commands:
        callback = info.callback
        name = info.name or (callback.__name__.replace("_", "-") if callback else "")
        if name not in named:
            info = copy.copy(info)
            info.name, info.callback = name, _listed_only
        runner.registered_commands.append(info)
    return runner


def _run(argv: Sequence[str] | None) -> int:
    from smguide.system.streams import PipeClosed

    args = list(argv) if argv is not None else sys.argv[1:]
    if not args:  # bare ``smguide``: the help, as ``smguide --help`` (exit 0)
        args = ["--help"]
    try:
        code = _for(args)(args=args, prog_name="smguide", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except SmguideError as exc:
        return report(exc)
    except (KeyboardInterrupt, EOFError, typer.Abort):
        return interrupted()
    except (BrokenPipeError, PipeClosed):
        return pipe_closed()
    except OSError as exc:
        return os_error(exc)
    except Exception as exc:
        if _is_click_error(exc):
            return usage_error(exc, args)
        raise


def main(argv: Sequence[str] | None = None) -> None:
    """The console script. Exits with the command's exit code."""
    from smguide.system import signals, streams

    language, warning = i18n.choose(
        i18n.from_argv(sys.argv[1:] if argv is None else argv), os.environ)
    i18n.set_language(language)
    if warning:
        _say(_("smguide: warning: {message}").format(message=warning) + "\n")
    restore_streams = streams.install()
    restore_signals = signals.install()
    try:
        code = _run(argv)
    finally:
        restore_signals()  # the terminal's mode too, whatever a prompt left (R22)
        restore_streams()
    if code:
        _flush_or_drop(streams.discard_stdout)
    sys.exit(code)


def _flush_or_drop(discard: Callable[[], None]) -> None:
    """Flush what is left for standard output; where it cannot be written (the terminal
    was closed: SIGHUP), drop it, or Python's own flush at exit turns 129 into 120."""
    try:
        sys.stdout.flush()
    except Exception:
        discard()
