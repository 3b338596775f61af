"""A few concrete completions of some answers, to prove a "there is a completion where
..." at once: with many unknowns on a large pack, one of them often is one, and its
verdict needs no search (every question has its value). Not finding one proves
nothing: the caller then searches."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from smguide.pack.models import Question

# Completions tried: the k-th option of each unknown question, for k below this.
EXAMPLES = 3


def completions(questions: Sequence[Question], known: Mapping[str, str]) -> Iterator[
        dict[str, str]]:
    """Completions of ``known`` as answers (questions not asked are left out)."""
    for k in range(EXAMPLES):
        full: dict[str, str] = {}
        for question in questions:
            if question.ask_if is not None and not question.ask_if.evaluate(full):
                continue
            answer = known.get(question.id)
            if answer is None:
                options = question.options
                answer = options[k % len(options)].id
            full[question.id] = answer
        yield full
