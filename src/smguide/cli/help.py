"""The help texts of the ``smguide`` commands, in one place (translated: the catalog
has them; ``cli`` reads them when it builds a command)."""

from smguide.i18n import _

EXIT_CODES = _("""\
\b
Exit codes:
  0    done (whatever the verdict)
  1    problems found (reserved for lint and test commands)
  2    usage error or bad input; the message names the file, line and column
  130  interrupted (Ctrl-C); nothing was written
""")

HELP = _("""\
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
  smguide init my-agency                   start an agency pack that extends the policy
""")

DECIDE_HELP = _("""\
Get a cited recommendation for a contact you plan.

In a terminal, smguide asks its questions one at a time. Without a terminal (or
to skip the questions), give the answers with --answers and/or --set; questions
left out count as "not sure", which can only make the verdict stricter.

In a terminal, a menu then lets you reflect on the recommendation with an ethical
decision-making model, or record that you will act otherwise; when the policy is
silent the reflection starts by itself.

The rule packs are those given with --pack, else those in the SMGUIDE_PACKS
environment setting (folders or bundled ids, separated by ':', ';' on Windows),
else the bundled policy with the 2022 ETMI report's considerations.

\b
Examples:
  smguide decide
  smguide decide --record decision.md
  smguide decide --set role=protection_worker --details
  smguide decide --answers answers.yaml --format markdown
  smguide decide --set role=protection_worker --set channel=text
  smguide decide --answers answers.yaml --set supervisor_authorized=yes --format json
  smguide decide --answers answers.yaml --reflection reflection.yaml -r record.json
  smguide decide --answers answers.yaml --format html > case-file.html
""")

QUESTIONS_HELP = _("""\
List the questions, their options and when each is asked.

Use the ids to write an answers file for 'smguide decide --answers'; the text
output ends with an example.

\b
Examples:
  smguide questions
  smguide questions --format json
""")

RULES_HELP = _("""\
List the rules of the policy: id, verdict, title and what they cite.

\b
Examples:
  smguide rules
  smguide rules --format json
""")

EXPLAIN_HELP = _("""\
Show one rule in full: when it applies, its verdict, rationale, obligations,
cautions, principles, the quoted policy text, and its exceptions.

\b
Examples:
  smguide explain personal-account-prohibited
  smguide explain personal-account-prohibited --format json
""")

LINT_HELP = _("""\
Check rule packs: YAML syntax, schema, references, unused or unreachable questions,
citations, translations, and (once the pack loads) the semantic checks.

PATHS are pack folders, folders holding packs, or files of a pack (each stands for
its whole pack), and scenario files or folders (checked with the packs they run
on; a pack's scenarios/ is checked with it). Other files are skipped. Default: the
pack you are in (the current folder or one above holds a pack.yaml), else the
bundled packs and scenarios.

Settings: the nearest .smguide.yaml (under 'lint:') or pyproject.toml
[tool.smguide.lint] (select, ignore, per-file-ignores, strict); see
'smguide docs editor-setup'.
Silence one check on one node with a comment on its line, or on the line before:
'# smguide-lint: disable=unused-option'. Check ids: see 'smguide docs lint-checks'.

\b
Examples:
  smguide lint
  smguide lint rules/my-agency --format sarif > lint.sarif
  smguide lint --select structural --ignore unused-option
  smguide lint --source-text sources/
  smguide lint scenarios/my-agency --statistics
  smguide lint -q -o lint.txt
""")

GRAPH_HELP = _("""\
Draw the decision flow: the questions with the answers that open the next ones
(ask_if), and where each verdict is reached, coloured by verdict, exceptions marked.

Formats: mermaid (text that GitHub, GitLab and VS Code render in Markdown inside a
```mermaid block), dot (Graphviz: pipe into 'dot -Tsvg'), html (one self-contained
page that works offline, to open in a browser and project; without --activity or
--focus it draws one diagram per activity).

\b
Examples:
  smguide graph --activity message > message.mmd
  smguide graph --focus personal-account-prohibited
  smguide graph --format dot | dot -Tsvg > flow.svg
  smguide graph --format html > flow.html
""")

SCHEMA_HELP = _("""\
Print the JSON Schema of a kind of file smguide reads, for editors
(see 'smguide docs editor-setup').

\b
Examples:
  smguide schema > schemas/pack-file.json
  smguide schema --kind manifest > schemas/manifest.json
""")

DOCS_HELP = _("""\
Print smguide's documentation, shipped with it: without TOPIC the list of topics,
with one its page (Markdown). For rule-pack authors: rule-format, agency-packs,
lint-checks, editor-setup; for trainers: trainers.

\b
Examples:
  smguide docs
  smguide docs rule-format
  smguide docs editor-setup | less
""")

SCENARIOS_HELP = _("""\
List the training scenarios: id, title, role, expected verdict and tags.

PATHS are scenario files or folders (default: the bundled scenarios). Filters
combine: --tag may be repeated (a scenario must have every tag given). With
--results FILE, summarise a class's quiz results instead (see 'smguide replay
--quiz'): attempts per scenario, verdict prediction accuracy, and the scenarios and
questions most often missed.

\b
Examples:
  smguide scenarios
  smguide scenarios --tag texting --verdict prohibited
  smguide scenarios --role foster_parent --format json
  smguide scenarios --results class.jsonl
""")

REPLAY_HELP = _("""\
Walk through a scenario: the story, each question with its answer and why it
matters, the recommendation as 'smguide decide' shows it, then teaching points
and questions for discussion. Enter goes on, q stops.

With --quiz, the trainee answers the questions and predicts the verdict, then sees
where they differ from the scenario and why, and a score. Every menu of a quiz can go
back to change an earlier answer, or skip the scenario (nothing is recorded); give
several IDs for a quiz of several scenarios. --results FILE appends
the result to a JSON Lines file for the class (nothing personal, except an optional
--pseudonym); Ctrl-C during a quiz writes nothing.

\b
Examples:
  smguide replay personal-phone-reminder
  smguide replay personal-phone-reminder --auto > handout.txt
  smguide replay personal-phone-reminder --quiz
  smguide replay personal-phone-reminder --quiz --results class.jsonl --pseudonym fox
  smguide replay awol-social personal-phone-reminder --quiz --results class.jsonl
  smguide replay personal-phone-reminder --format html > handout.html
""")

TEST_HELP = _("""\
Run scenarios as tests of the rules: each scenario's answers must give its expected
verdict, and the rules, cited sections and exceptions it names.

PATHS are scenario files or folders (default: the bundled scenarios). Each scenario
runs on the packs it names, else the default packs; --pack runs them all on the
packs given. Prints a dot or an F per scenario, the failures, and "N passed, M
failed in X.XXs".

\b
Examples:
  smguide test
  smguide test scenarios/my-agency --pack rules/my-agency
  smguide test --coverage
  smguide test --format json --junit report.xml
""")

DIFF_HELP = _("""\
Compare two versions of a rule pack on the scenarios: every scenario whose verdict,
obligations or citations change is shown, before → after. This is how to review a
policy revision.

With --exhaustive, decide instead over every combination of answers (not only the
scenarios) whether NEW_PACK ever gives a laxer verdict than OLD_PACK; where it does,
a few grouped situations say which answers, the old verdict → the new one, and the
rules responsible. Exact, like lint's checks.

\b
Examples:
  smguide diff rules/cas-2011 ../revised/cas-2011
  smguide diff old-pack new-pack --scenarios scenarios/my-agency --format json
  smguide diff cas-2011 north-cas --exhaustive
""")

INIT_HELP = _("""\
Create an agency rule pack that extends the bundled policy: a manifest, a source,
one example rule that tightens a verdict, one scenario and a README for its authors.

PACK_DIR must not exist, or be empty. Use the new pack with --pack PACK_DIR (or
SMGUIDE_PACKS) and check it with 'smguide lint PACK_DIR'. The rule format and the
editor set-up ship with smguide: 'smguide docs rule-format', 'smguide docs
editor-setup'.

\b
Examples:
  smguide init my-agency
  smguide init packs/north --id north-cas --title "North CAS social media rules"
""")

SERVE_HELP = _("""\
Answer the questions in a browser: the interview of 'smguide decide', its review and
its answer, on a phone or a desktop, without JavaScript; and an API for
case-management systems (/api/v1/openapi.json).

Nothing about the situation is kept on the server: the answers travel in the page.
It listens on 127.0.0.1 (this machine only) unless --host says otherwise; for a whole
agency, see docs/web.md.

\b
Examples:
  smguide serve
  smguide serve --port 8080
  smguide serve --pack my-agency --host 0.0.0.0 --allowed-host smguide.agency.example
""")
