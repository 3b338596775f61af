"""Composing packs: an agency pack extends a base pack, and packs apply together.

Layers are merged base first. A layer may add sources, questions and rules; it may
take the place of a base rule only by naming it in ``replaces`` (exceptions that
named the replaced rule then name its replacement). Two layers defining the same
id is an error: nothing is replaced silently.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TypeVar

from smguide.errors import PackError
from smguide.pack.models import Manifest, Pack, Question, Rule, Silence, Source
from smguide.pack.translatable import Localized

T = TypeVar("T", Source, Question, Rule, Silence)


def compose(layers: list[Pack], top: list[Path]) -> Pack:
    _check_replaces(layers)
    if len(layers) == 1:
        return layers[0]
    sources: dict[str, Source] = {}
    questions: dict[str, Question] = {}
    rules: dict[str, Rule] = {}
    silences: dict[str, Silence] = {}
    for layer in layers:
        for silence in layer.silences:
            _add(silences, silence, "silence")
        for source in layer.sources:
            _add(sources, source, "source")
        for question in layer.questions:
            _add(questions, question, "question")
        for rule in layer.rules:
            for target in rule.replaces:
                if target not in rules:
                    raise PackError(
                        f"rule {rule.id!r} replaces {target!r}, which no base pack defines",
                        rule.location,
                    )
                del rules[target]
                for other in rules.values():
                    other.exception_to = [rule.id if t == target else t
                                          for t in other.exception_to]
            _add(rules, rule, "rule")
    top_ids = {str(p.resolve()) for p in top}
    tops = [layer for layer in layers if str(Path(layer.path).resolve()) in top_ids] or layers[-1:]
    digest = hashlib.sha256()
    for layer in layers:
        digest.update(layer.content_hash.encode())
    return Pack(
        manifest=_manifest(tops),
        sources=list(sources.values()),
        questions=list(questions.values()),
        rules=list(rules.values()),
        silences=list(silences.values()),
        path=tops[-1].path,
        content_hash="sha256:" + digest.hexdigest(),
        files=[f for layer in layers for f in layer.files],
        layers=[layer.id for layer in layers],
    )


def _check_replaces(layers: list[Pack]) -> None:
    """``replaces`` names a rule of a pack this one extends: not a rule of the same pack
    (both would apply), not one that no base pack defines (a typo would otherwise keep
    the rule meant to go). Refused at the ``replaces`` entry, also for a pack alone."""
    base: set[str] = set()
    for layer in layers:
        own = {rule.id for rule in layer.rules}
        for rule in layer.rules:
            for j, target in enumerate(rule.replaces):
                where = (rule.replaces_at[j] if j < len(rule.replaces_at)
                         else rule.location)
                if target in own:
                    raise PackError(
                        f"rule {rule.id!r} replaces {target!r}, a rule of the same pack; "
                        f"'replaces' takes the place of a rule of a pack this one extends "
                        f"(here, change or remove {target!r} itself)", where)
                if target not in base:
                    raise PackError(
                        f"rule {rule.id!r} replaces {target!r}, which no base pack defines",
                        where)
        base |= own


def _add(into: dict[str, T], item: T, kind: str) -> None:
    if item.id in into:
        first = into[item.id]
        raise PackError(
            f"{kind} id {item.id!r} is defined twice (also at {getattr(first, 'location', '?')}); "
            f"to take the place of a base rule, use 'replaces'",
            item.location,
        )
    into[item.id] = item


def _manifest(tops: list[Pack]) -> Manifest:
    if len(tops) == 1:
        return tops[0].manifest
    # A combined pack is not written by anyone: its id joins the ids it is made of.
    return Manifest.model_construct(
        id="+".join(t.id for t in tops),
        title=_joined([t.manifest.title for t in tops]),
        version="+".join(t.manifest.version for t in tops),
        languages=sorted({lang for t in tops for lang in t.manifest.languages}),
        description=None,
        extends=[],
    )


def _joined(titles: list[Localized]) -> Localized:
    """The titles joined with " + ", in every language any of them has (each title in
    that language, else its English): the pack cache keeps the combined pack, so its
    title must not be in the language of the run that happened to build it."""
    languages = dict.fromkeys(lang for title in titles for lang in title)
    return Localized({lang: " + ".join(title.get_text(lang) for title in titles)
                      for lang in languages})
