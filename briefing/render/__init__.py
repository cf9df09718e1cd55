"""Renderers: one module per format, each with the same view functions.

``markdown`` and ``json`` return text; ``terminal`` returns Rich renderables. The CLI alone
decides where output goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from briefing.model import Actor, FactBase, FuzzyDate, Judgment, Position, Relation, Source, Topic

# C0 and C1 control characters other than tab and newline (ANSI escapes start with one),
# and the invisible bidirectional controls that can make text display in another order
# than it is stored: fact text is data, so none of them reaches a terminal or a document.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Fact text with control characters made visible and inert: ESC shows as \\x1b."""
    return CONTROL.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True)
class Context:
    """What every view needs besides its data: names to look up and presentation choices."""

    facts: FactBase
    as_of: date | None = None
    heading_level: int = 1
    standalone: bool = False  # Markdown: a whole document with a metadata block

    @cached_property
    def _actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.facts.actors}

    @cached_property
    def _topics(self) -> dict[str, Topic]:
        return {t.id: t for t in self.facts.topics}

    @cached_property
    def _sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.facts.sources}

    def actor_name(self, actor_id: str) -> str:
        actor = self._actors.get(actor_id)
        return actor.name if actor else actor_id

    def topic_name(self, topic_id: str) -> str:
        topic = self._topics.get(topic_id)
        return topic.name if topic else topic_id

    def source(self, source_id: str) -> Source | None:
        return self._sources.get(source_id)


def date_text(when: FuzzyDate | None) -> str:
    """A date as the curator wrote it; 'undated' when there is none."""
    return when.text if when else "undated"


def fact_label(fact: object, ctx: Context) -> str:
    """A short human name for any fact: its title or name, else a summary of what it says."""
    for attr in ("title", "name"):
        value = getattr(fact, attr, "")
        if value:
            return str(value)
    if isinstance(fact, Position):
        return f"{ctx.actor_name(fact.actor)} {fact.stance} {ctx.topic_name(fact.topic)}"
    if isinstance(fact, Relation):
        kind = relation_words(fact.type)
        return f"{ctx.actor_name(fact.subject)} {kind} {ctx.actor_name(fact.object)}"
    if isinstance(fact, Judgment):
        return shorten(fact.statement, 60)
    return str(getattr(fact, "id", fact))


def relation_words(kind: str) -> str:
    """A relation type as words: 'depends-on' -> 'depends on'."""
    return kind.replace("-", " ")


def shorten(text: str, width: int) -> str:
    """At most ``width`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0]
    return cut + "…"
