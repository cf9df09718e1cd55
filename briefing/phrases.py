"""Sentences made from facts: the phrase of each stance and relation type, with the verb
agreeing with its actor ('Kazakhstan depends on', 'European nations depend on'), and a
topic as it reads inside a sentence, without echoing the actor's name; pure."""

from __future__ import annotations

from briefing import spec
from briefing.model import Actor, Judgment, Topic

# The longest statement that stands whole for a judgment without a label.
JUDGMENT_LABEL_WIDTH = 60
# The verbs a fact base's own terms may start with whose plural is not the word less its -s.
_IRREGULAR = {"is": "are", "has": "have", "does": "do", "was": "were"}


def is_plural(actor: Actor | None) -> bool:
    """Whether sentences about ``actor`` take the plural verb: as its `plural:` says, else
    as its kind does (spec.PLURAL_KINDS); an unknown actor is one."""
    if actor is None:
        return False
    if actor.plural is not None:
        return actor.plural
    return actor.kind in spec.PLURAL_KINDS


def _plural_verb(words: str) -> str:
    """A fact base's own term ('follows', 'trades-with') for several actors: its first word
    less its -s ('follow'), or its irregular plural ('is' -> 'are'); other words as written."""
    first, _, rest = words.partition(" ")
    if first in _IRREGULAR:
        first = _IRREGULAR[first]
    elif first.endswith("ies") and len(first) > 4:
        first = first[:-3] + "y"
    elif first.endswith(("ches", "shes", "sses", "xes", "zes")):
        first = first[:-2]
    elif first.endswith("s") and not first.endswith("ss"):
        first = first[:-1]
    return f"{first} {rest}" if rest else first


def _phrase(table: dict[str, tuple[str, str]], term: str, plural: bool) -> str:
    forms = table.get(term)
    if forms is None:  # a fact base's own term (settings.yaml): its words, as a verb
        words = term.replace("-", " ")
        return _plural_verb(words) if plural else words
    return forms[1] if plural else forms[0]


def stance_phrase(stance: str, plural: bool = False) -> str:
    """'complies' -> 'complies with' ('comply with' for several actors)."""
    return _phrase(spec.STANCE_PHRASES, stance, plural)


def relation_phrase(kind: str, plural: bool = False) -> str:
    """'depends-on' -> 'depends on' ('depend on' for several actors)."""
    return _phrase(spec.RELATION_PHRASES, kind, plural)


def topic_phrase(topic: Topic | None, topic_id: str, actor: Actor | None = None) -> str:
    """A topic as the object of a sentence about ``actor``: its label, else its name; one
    that starts with the actor's own name in the possessive says 'its' or 'their' instead
    ('Kazakhstan supports its multi-vector foreign policy'), a person's name is kept; a
    leading 'The' is written 'the'."""
    if topic is None:
        return topic_id
    words = topic.label or topic.name
    if words.startswith("The "):  # a name's leading article, inside a sentence
        words = "the " + words[4:]
    if actor is not None and actor.kind != "person":
        for own in (f"{actor.name}'s ", f"{actor.name}’s "):
            if words.startswith(own):
                return ("their " if is_plural(actor) else "its ") + words[len(own) :]
    return words


def judgment_label(judgment: Judgment, number: int | None = None) -> str:
    """A judgment where a fact rests on it: its label; else its statement when short enough
    to be whole; else 'key judgment 3' in a brief, or 'an assessment (its-id)'; never a
    statement cut short."""
    if judgment.label:
        return judgment.label
    statement = " ".join(judgment.statement.split())
    if len(statement.rstrip(".")) <= JUDGMENT_LABEL_WIDTH:
        return statement
    if number is not None:
        return f"key judgment {number}"
    kind = spec.JUDGMENT_KIND_PHRASES.get(judgment.kind, judgment.kind)
    return f"{kind} ({judgment.id})"
