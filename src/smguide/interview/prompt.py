"""The interactive interview of ``smguide decide``.

One question at a time, with its help and a progress estimate. Every question
offers its options, "Not sure" (unless the question forbids it) and "← Back to an
earlier answer". Going back to change an answer keeps the later answers: the
engine ignores those that no longer apply and asks the questions that become
relevant. When nothing more can change the decision, a review lists the answers
and lets the practitioner confirm them or change one.

The flow talks to a small :class:`UI` so it can be tested without a terminal;
:class:`QuestionaryUI` is the real one. The interview asks for no free text: the
answers are only the pack's option ids, so no client information can be typed in.
(The reflection after a decision may take a short, checked note; see
:mod:`smguide.reflection`.)
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, Protocol, runtime_checkable

from smguide.engine.core import asked_questions
from smguide.i18n import N_, _
from smguide.interview import checklist, flow
from smguide.pack.models import UNSURE, UNSURE_TEXT, Pack, Question

# Navigation values can never clash with option ids (those start with [a-z0-9]).
BACK = "<back>"
CONFIRM = "<confirm>"
CHANGE = "<change>"
CANCEL = "<cancel>"
SEPARATOR = "<separator>"

BACK_LABEL = N_("← Back to an earlier answer")
CONFIRM_LABEL = N_("Yes — show the recommendation")
CHANGE_LABEL = N_("Change an answer…")
CANCEL_LABEL = N_("← Keep my answers as they are")
CHECKBOX_INSTRUCTION = N_("(↑/↓, Space to tick or untick, Enter when done)")
SELECT_INSTRUCTION = N_("(a number, or ↑/↓ and Enter)")
SHORTCUT_KEYS = [*"123456789", *"abcdefghilmnopqrstuvwxyz"]
TEXT_INSTRUCTION = N_("(Enter when done; leave empty to skip)")


@dataclass(frozen=True)
class Entry:
    """One line of a menu."""

    label: str
    value: str
    description: str | None = None


SEP = Entry("", SEPARATOR)


class UI(Protocol):
    def show(self, text: str) -> None:
        """Print a line of information."""

    def select(self, message: str, entries: Sequence[Entry], default: str | None = None) -> str:
        """Let the user pick one entry; return its value. Ctrl-C raises KeyboardInterrupt."""


@runtime_checkable
class ChecklistUI(UI, Protocol):
    def checklist(self, message: str,
                  items: Sequence[checklist.Item]) -> dict[str, str] | None:
        """Let the user mark each item done, not done or leave it unmarked; return each
        item's value with its state (checklist.DONE, NOT_DONE or UNMARKED), or None to go
        back to an earlier answer."""


class QuestionaryUI:
    """Menus with questionary (arrow keys and Enter); also tick boxes and short text, which
    only the reflection uses (:mod:`smguide.interview.reflect_prompt`)."""

    def __init__(self, *, input: Any = None, output: Any = None,
                 echo: IO[str] | None = None) -> None:
        from smguide.system.signals import prompts_obey_sigint

        prompts_obey_sigint()  # kill -INT stops a menu as Ctrl-C does (issue 8, R21)
        _localize_description()
        self._kwargs: dict[str, Any] = {}
        if input is not None:
            self._kwargs["input"] = input
        if output is not None:
            self._kwargs["output"] = output
        self._echo = echo

    def show(self, text: str) -> None:
        stream = self._echo or sys.stdout
        stream.write(text + "\n")
        stream.flush()

    def select(self, message: str, entries: Sequence[Entry], default: str | None = None) -> str:
        import questionary

        choices: list[Any] = []
        picks: dict[str, str] = {}
        keys = iter(SHORTCUT_KEYS)
        for entry in entries:
            if entry.value == SEPARATOR:
                choices.append(questionary.Separator(entry.label or " "))
            else:
                # A number key answers at once (bound below); ↑/↓ then Enter also do.
                key = next(keys, False)
                if isinstance(key, str):
                    picks[key] = entry.value
                description = entry.description
                choices.append(questionary.Choice(
                    _fit(entry.label, CHOICE_INDENT), value=entry.value,
                    description=_fit(description, DESCRIPTION_INDENT) if description else None,
                    shortcut_key=key))
        values = {e.value for e in entries}
        question = questionary.select(
            wrap_message(message),
            choices=choices,
            default=default if default in values else None,
            instruction=_(SELECT_INSTRUCTION),
            qmark="?",
            use_shortcuts=True,
            use_jk_keys=False,
            # questionary would echo the answer after the question on one line, cut at
            # the terminal's edge: the menu goes, and the echo below is wrapped whole.
            erase_when_done=True,
            **self._kwargs,
        )
        _fresh_keys(self._kwargs.get("input"))
        answer = _ctrl_d_stops(question, picks).unsafe_ask()
        if answer is None:  # pragma: no cover - questionary returns None only on odd input
            raise KeyboardInterrupt
        label = next(e.label for e in entries if e.value == answer)
        self.show(echo(message, label))
        return str(answer)

    def checkbox(self, message: str, entries: Sequence[Entry], checked: Sequence[str] = (),
                 validate: Callable[[list[str]], str | None] | None = None) -> list[str]:
        """Let the user tick entries (Space) and confirm (Enter); return the ticked values
        in menu order. ``validate`` returns a problem to show, or None."""
        import questionary

        choices: list[Any] = [
            questionary.Choice(e.label, value=e.value, description=e.description,
                               checked=e.value in checked)
            for e in entries if e.value != SEPARATOR
        ]

        def check(values: list[str]) -> bool | str:
            problem = validate(values) if validate is not None else None
            return True if problem is None else problem

        answer = _ctrl_d_stops(questionary.checkbox(
            message, choices=choices, validate=check, qmark="?",
            instruction=_(CHECKBOX_INSTRUCTION),
            # questionary would echo "done (2 selections)", in English: the boxes go, and
            # the ticked entries are echoed below, in the interface's language.
            erase_when_done=True, **self._kwargs,
        )).unsafe_ask()
        if answer is None:  # pragma: no cover
            raise KeyboardInterrupt
        ticked = [e.label for e in entries if e.value in answer]
        self.show(echo(message, "; ".join(ticked) if ticked else _("(none)")))
        return [str(a) for a in answer]

    def checklist(self, message: str,
                  items: Sequence[checklist.Item]) -> dict[str, str] | None:
        _fresh_keys(self._kwargs.get("input"))
        return checklist.ask(message, items, _width(), **self._kwargs)

    def text(self, message: str, validate: Callable[[str], str | None] | None = None) -> str:
        """A short line of free text (Enter to finish; empty is allowed unless ``validate``
        says otherwise)."""
        import questionary

        def check(value: str) -> bool | str:
            problem = validate(value) if validate is not None else None
            return True if problem is None else problem

        answer = questionary.text(message, validate=check, qmark="?",
                                  instruction=_(TEXT_INSTRUCTION), **self._kwargs).unsafe_ask()
        if answer is None:  # pragma: no cover
            raise KeyboardInterrupt
        return str(answer)


def _ctrl_d_stops(question: Any, picks: Mapping[str, str] | None = None) -> Any:
    """Ctrl-D (end of input) at a menu stops the interview as Ctrl-C does: menus ignore
    it otherwise, and the person who pressed it meant to leave. ``picks``: keys that
    answer at once (a menu entry's number: one key a question)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()
    bindings.add("c-d", eager=True)(lambda e: e.app.exit(exception=KeyboardInterrupt))
    for key, value in (picks or {}).items():
        bindings.add(key, eager=True)(lambda e, v=value: e.app.exit(result=v))
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])
    return question


DESCRIPTION = "  Description: "  # questionary's own words under the pointed entry


def _localize_description() -> None:
    """questionary writes "Description:" in English under a menu's pointed entry; its
    token is relabelled in the interface's language (left alone if questionary changes)."""
    from questionary.prompts.common import InquirerControl

    original = InquirerControl._get_choice_tokens
    if getattr(original, "localized", False):
        return

    def relabel(token: Any) -> Any:
        style, text, *rest = token
        if isinstance(text, str) and text.startswith(DESCRIPTION):
            label = _("Description:")
            return (style, f"  {label} {text[len(DESCRIPTION):]}", *rest)
        return token

    def tokens(self: Any) -> Any:
        return [relabel(t) for t in original(self)]  # type: ignore[no-untyped-call]

    tokens.localized = True  # type: ignore[attr-defined]
    InquirerControl._get_choice_tokens = tokens  # type: ignore[method-assign]


def _fresh_keys(given: Any) -> None:
    """Forget keys pressed before this screen was shown (an Enter after a number that had
    already answered, say): a question is answered only once it is seen."""
    if given is not None:
        return  # a test's input: its keys are meant for what comes
    from prompt_toolkit.input.typeahead import clear_typeahead

    try:
        import termios

        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
    except (ImportError, OSError, ValueError):  # no terminal, or not a POSIX one
        pass
    from prompt_toolkit.input.defaults import create_input

    clear_typeahead(create_input())


CHOICE_INDENT = 6  # " » 1) " before an entry's label
DESCRIPTION_INDENT = 15  # "  Description: " before an entry's description


def _fit(label: str, indent: int) -> str:
    """A menu label or description wrapped between words to the terminal, its further
    lines indented under the first: prompt_toolkit would cut it at the edge."""
    width = _width() - indent
    if len(label) <= width:
        return label
    lines = textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=False)
    return ("\n" + " " * indent).join(lines)


def echo(message: str, answer: str) -> str:
    """The question and the answer given, wrapped between words to the terminal."""
    return textwrap.fill(f"? {message} {answer}", width=_width(), subsequent_indent="  ",
                         break_long_words=False, break_on_hyphens=False)


def wrap_message(message: str, instruction: str | None = None) -> str:
    """A menu's question, wrapped to the terminal ("? " before it, the instruction after
    it): the terminal would otherwise break it in the middle of a word."""
    instruction = _(SELECT_INSTRUCTION) if instruction is None else instruction
    placeholder = "_" * len(instruction)  # keeps room for the instruction, then goes
    # Glued to the last word, so the hint never wraps onto a line of its own.
    wrapped = textwrap.fill(f"{message}\x00{placeholder}", width=_width() - 2,
                            break_long_words=False, break_on_hyphens=False,
                            subsequent_indent="  ")
    return wrapped[: -len(placeholder) - 1].rstrip(" ")


def _answer_label(question: Question, answer: str) -> str:
    return str(question.answer_text(answer))


def _entries(question: Question, *, back: bool, follow_up: bool = False) -> list[Entry]:
    offered = flow.follow_up_options(question) if follow_up else question.option_ids
    entries = [Entry(str(o.text), o.id, str(o.help) if o.help else None)
               for o in question.options if o.id in offered]
    if question.unsure:
        hint = str(question.find_out) if question.find_out else None
        entries.append(Entry(str(UNSURE_TEXT), UNSURE, hint))
    if back:
        entries += [SEP, Entry(_(BACK_LABEL), BACK)]
    return entries


def ask(ui: UI, pack: Pack, answers: Mapping[str, str], question: Question, *,
        back: bool, follow_up: bool = False) -> str:
    """Ask one question; return an answer id, or BACK.

    The previous answer is preselected when there is one. Asked for the first time, a
    question that offers "Not sure" has it preselected: "not sure" always leads to the
    stricter path, so a hurried Enter must never pick a more permissive answer."""
    if question.help:
        ui.show(textwrap.fill(str(question.help), width=_width(), initial_indent="  ",
                              subsequent_indent="  ", break_on_hyphens=False))
    default = answers.get(question.id)
    if (default is None or default.startswith(flow.NOT_DONE)) and question.unsure:
        default = UNSURE
    return ui.select(str(question.text), _entries(question, back=back, follow_up=follow_up),
                     default=default)


def pick_earlier(ui: UI, pack: Pack, answers: Mapping[str, str]) -> Question | None:
    """Which earlier answer to change; None to carry on."""
    asked = asked_questions(pack, answers)
    if not asked:
        return None
    entries = [Entry(f"{q.text} — {_answer_label(q, answers[q.id])}", q.id) for q in asked]
    entries += [SEP, Entry(_(CANCEL_LABEL), CANCEL)]
    chosen = ui.select(_("Which answer do you want to change?"), entries, default=asked[-1].id)
    return pack.question(chosen) if chosen != CANCEL else None


def change(ui: UI, pack: Pack, answers: dict[str, str], question: Question) -> None:
    """Ask ``question`` again, its current answer preselected."""
    ui.show("")
    answer = ask(ui, pack, answers, question, back=False)
    answers[question.id] = answer


def review(ui: UI, pack: Pack, answers: Mapping[str, str],
           remember: str | None = None) -> Question | None:
    """Show all answers; None when confirmed, else the question to change. ``remember``,
    when given, labels an extra entry that confirms and remembers the worker's standing
    facts (opt-in: never preselected)."""
    asked = asked_questions(pack, answers)
    ui.show("")
    ui.show(_("Review your answers"))
    if not asked:
        ui.show("  " + _("(no question needed an answer)"))
    for line in review_lines([(str(q.text), _answer_label(q, answers[q.id])) for q in asked],
                             _width()):
        ui.show(line)
    entries = [Entry(_(CONFIRM_LABEL), CONFIRM)]
    if remember is not None:
        entries.append(Entry(remember, REMEMBER))
    if asked:
        entries.append(Entry(_(CHANGE_LABEL), CHANGE))
    choice = ui.select(_("Are these answers right?"), entries, default=CONFIRM)
    if choice in (CONFIRM, REMEMBER):
        if choice == REMEMBER:
            _remember(ui, pack, answers)
        return None
    return pick_earlier(ui, pack, answers)


MIN_ANSWER_COLUMN = 16


def review_lines(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Questions and answers in two columns, each wrapped within its column, never
    breaking a word; when the answers have no room beside the questions, each answer goes
    under its question."""
    if not rows:
        return []
    question_col = min(max(len(q) for q, _answer in rows), (width - 4) * 3 // 5)
    answer_col = width - 4 - question_col
    out: list[str] = []
    if answer_col < MIN_ANSWER_COLUMN:
        for question, answer in rows:
            out += textwrap.wrap(question, width=width - 2, initial_indent="  ",
                                 subsequent_indent="  ", break_long_words=False)
            out += textwrap.wrap(answer, width=width - 6, initial_indent="      ",
                                 subsequent_indent="      ", break_long_words=False)
        return out
    for question, answer in rows:
        left = textwrap.wrap(question, width=question_col, break_long_words=False) or [""]
        right = textwrap.wrap(answer, width=answer_col, break_long_words=False) or [""]
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            out.append(f"  {a.ljust(question_col)}  {b}".rstrip())
    return out


CHECKLIST_MESSAGE = N_("Before you go ahead: which of these are done, or will be?")
FACTS_MESSAGE = N_("About this contact:")
MIXED_MESSAGE = N_("About this contact, and before you go ahead: which of these are done, "
                   "or will be?")


def interview(pack: Pack, ui: UI, answers: Mapping[str, str] | None = None, *,
              remember: Callable[[Mapping[str, str]], str | None] | None = None,
              ) -> dict[str, str]:
    """Run the interview until the practitioner confirms the answers; return them. What
    comes next, and on which screen, is :func:`smguide.interview.flow.next_screen`;
    ``remember`` labels the review's entry that also remembers the standing facts."""
    current: dict[str, str] = dict(answers or {})
    shown = 0
    while True:
        screen = flow.next_screen(pack, current)
        if screen is None:
            current.update(flow.settle_follow_ups(current))
            target = review(ui, pack, current,
                            None if remember is None else remember(current))
            if target is None:
                return current
            change(ui, pack, current, target)
            continue
        ui.show("")
        ui.show(screen_progress(pack, current, shown))
        shown += 1
        if screen.checklist and isinstance(ui, ChecklistUI):
            marked = ask_checklist(ui, screen)
            if marked is None:
                go_back(ui, pack, current)
            else:
                current.update(marked)
            continue
        # A checklist, where the UI has none: its first item, then the next screen again
        # (as the web's one question per page asks it, interview.one_by_one).
        question = screen.questions[0]
        earlier = bool(asked_questions(pack, current))
        answer = ask(ui, pack, current, question, back=earlier,
                     follow_up=isinstance(screen, flow.FollowUp))
        if answer == BACK:
            go_back(ui, pack, current)
            continue
        current[question.id] = answer


def go_back(ui: UI, pack: Pack, answers: dict[str, str]) -> None:
    """Change an earlier answer, the later ones kept."""
    target = pick_earlier(ui, pack, answers)
    if target is not None:
        change(ui, pack, answers, target)


def _item(question: Question) -> checklist.Item:
    if flow.is_fact(question):
        first, second = (str(o.text) for o in question.options)
        return checklist.Item(question.id, str(question.text),
                              str(question.help) if question.help else None, (first, second))
    return checklist.Item(question.id, flow.item_text(question), _item_description(question))


def _item_description(question: Question) -> str:
    """What a checklist item answers, shown under the list for the pointed item: its
    question, and where "not done" covers several answers, which ones."""
    done = flow.marks(question)[0]
    others = [str(o.text) for o in question.options if o.id != done]
    if len(others) < 2:
        return str(question.text)
    return _("{question} ✗ means one of these: {answers}").format(
        question=question.text, answers="; ".join(others))


def screen_progress(pack: Pack, answers: Mapping[str, str], shown: int) -> str:
    """ "Screen 3 of at most 7": the screens shown, and at most how many can still come
    (:func:`smguide.interview.flow.screens_left`, which never grows while answering)."""
    number = shown + 1
    left = flow.screens_left(pack, answers)
    if left <= 1:
        return _("Screen {number} · the last").format(number=number)
    return _("Screen {number} of at most {total}").format(number=number, total=shown + left)


def ask_checklist(ui: ChecklistUI, screen: flow.Screen) -> dict[str, str] | None:
    """One checklist screen; each item's answer: its step (a fact's first answer) when
    marked ✓, the other answer (a fact's second, or the follow-up's marker) when marked
    ✗, "not sure" when unmarked. None to go back to an earlier answer."""
    items = [_item(q) for q in screen.questions]
    facts = sum(1 for q in screen.questions if flow.is_fact(q))
    message = (CHECKLIST_MESSAGE if not facts
               else FACTS_MESSAGE if facts == len(items) else MIXED_MESSAGE)
    states = ui.checklist(_(message), items)
    if states is None:
        return None
    out: dict[str, str] = {}
    for question in screen.questions:
        done, not_done = flow.marks(question)
        state = states.get(question.id, checklist.UNMARKED)
        out[question.id] = (done if state == checklist.DONE
                            else not_done if state == checklist.NOT_DONE else UNSURE)
    return out


def run(pack: Pack) -> dict[str, str]:
    """The interview in the terminal (stdin and stdout must be terminals)."""
    ui = QuestionaryUI()
    for line in banner(pack):
        ui.show(line)
    remembered, offer = first_screen(ui, pack)
    return interview(pack, ui, remembered,
                     remember=(lambda answers: remember_label(pack, answers, remembered))
                     if offer else None)


USE, ASK_AGAIN, FORGET, REMEMBER = "<use>", "<ask-again>", "<forget>", "<remember>"


def _facts_lines(pack: Pack, facts: Mapping[str, str]) -> list[str]:
    rows = []
    for qid, answer in facts.items():
        question = pack.question(qid)
        if question is not None:
            rows.append((str(question.text), _answer_label(question, answer)))
    return review_lines(rows, _width())


def first_screen(ui: UI, pack: Pack) -> tuple[dict[str, str], bool]:
    """The remembered standing facts, shown first: used, asked again or forgotten. Returns
    the answers to start from, and whether the review may offer to remember them."""
    from smguide.interview import profile

    facts = profile.load(pack)
    if not facts:
        return {}, True
    ui.show("")
    ui.show(_("Remembered about you (your own standing facts, nothing about a client):"))
    for line in _facts_lines(pack, facts):
        ui.show(line)
    choice = ui.select(_("Use these answers?"), [
        Entry(_("Yes, use them (change any of them in the review)"), USE),
        Entry(_("No, ask me again this time"), ASK_AGAIN),
        Entry(_("Forget them"), FORGET)], default=USE)
    if choice == USE:
        return facts, True
    if choice == FORGET:
        profile.forget()
        ui.show(_("Forgotten."))
        return {}, False
    return {}, True


def remember_label(pack: Pack, answers: Mapping[str, str],
                   remembered: Mapping[str, str]) -> str | None:
    """The review's opt-in entry, where there are standing facts not remembered yet."""
    from smguide.interview import profile

    facts = profile.standing(pack, answers)
    where = profile.path()
    if not facts or facts == dict(remembered) or where is None:
        return None
    return _("Yes, and remember my role, phone and account for next time (in {path}; "
             "never anything about a client)").format(path=where)


def _remember(ui: UI, pack: Pack, answers: Mapping[str, str]) -> None:
    from smguide.interview import profile

    written = profile.save(pack, answers)
    if written is not None:
        ui.show(_("Remembered in {path}.").format(path=written))


def banner(pack: Pack) -> list[str]:
    """What the interview promises, wrapped to the terminal; only what is true of it."""
    width = _width()
    lines = [_("{title} — answer each question with the answer's number (or the arrow keys "
               "and Enter); Ctrl-C stops without saving anything.").format(
                   title=pack.manifest.title)]
    if any(q.unsure for q in pack.questions):
        lines.append(_("Choose “Not sure” when you do not know. Where a question offers it, "
                       "“Not sure” is preselected, so pressing just Enter never picks a more "
                       "permissive answer."))
    return [textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False)
            for line in lines]


def _width() -> int:
    """The width to wrap to: the terminal's, at most 100, less one for the cursor."""
    return max(30, min(shutil.get_terminal_size().columns, 100) - 1)
