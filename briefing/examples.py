"""An example of every kind of fact, with every field the spec gives it: what `briefing
init` writes into a new fact base, and what a problem with the shape of what was written
shows (:func:`example`). Kept apart from :mod:`briefing.spec`, which every run imports:
these are read only when a base is made or a shape is wrong."""

from __future__ import annotations

from typing import Any

from briefing.spec import DEFAULT_HANDLING

# An example of every kind of fact, showing every field, in the order above: what `briefing
# init` writes into a new fact base, and what a problem with the shape of a field shows. A
# field the spec gains must be given an example here (tests/test_init.py holds them equal).
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "sources": [
        {
            "id": "example-source",
            "title": "Example headline, as published",
            "publisher": "The Example Times",
            "authors": ["A. Writer"],
            "published": "2022-12-28",
            "url": "https://example.org/news/example-headline",
            "kind": "news",
            "reliability": "B",
            "reliability_reason": "an established outlet that publishes its corrections",
        },
        {
            "id": "example-copy",
            "title": "Examplestan treaty signed, a report carried from The Example Times",
            "publisher": "The Example Herald",
            "published": "2022-12-29",
            "kind": "news",
            "reliability": "C",
            "based_on": ["example-source"],
        },
        {
            "id": "example-report",
            "title": "Inside the example summit",
            "publisher": "The Example Gazette",
            "published": "2022-12-30",
            "kind": "report",
            "reliability": "B",
        },
    ],
    "topics": [
        {
            "id": "example-topic",
            "name": "Example treaty",
            "label": "the example treaty",
            "description": "the treaty and the talks that led to it",
            "aliases": ["the treaty"],
        }
    ],
    "actors": [
        {
            "id": "example-state",
            "name": "Examplestan",
            "kind": "state",
            "plural": False,
            "aliases": ["Examplestani", "Example City"],
            "description": "a state in our own words",
            "attributes": [
                {
                    "name": "population",
                    "value": "about a million",
                    "from": "2010",
                    "until": "2020",
                    "sources": [{"source": "example-source", "quote": "a million people by 2010"}],
                    "known_since": "2022-12-28",
                }
            ],
            "sources": [{"source": "example-source", "quote": "Examplestan, a young state"}],
        },
        {
            "id": "example-leader",
            "name": "Jane Example",
            "kind": "person",
            "roles": [
                {
                    "title": "President",
                    "of": "example-state",
                    "from": "2019",
                    "until": "March 2022",
                    "former": True,
                    "sources": [{"source": "example-source", "quote": "former President Example"}],
                    "known_since": "2022-12-28",
                }
            ],
        },
    ],
    "events": [
        {
            "id": "example-event",
            "date": "late February 2022",
            "title": "Examplestan signs the example treaty",
            "summary": "its president signed at a summit; parliament has yet to ratify it",
            "actors": ["example-state", "example-leader"],
            "topics": ["example-topic"],
            "place": {"name": "Example City", "country": "KZ", "lat": 51.17, "lon": 71.45},
            "url": "https://example.org/news/example-headline",
            "sources": [
                {
                    "source": "example-source",
                    "quote": "Examplestan signed the treaty in late February",
                    "note": "paragraph 3",
                    "url": "https://example.org/news/example-headline#p3",
                    "accessed": "2022-12-29",
                    "recorded": "2022-12-27",
                    "credibility": "2",
                    "credibility_reason": "one outlet's report, not yet confirmed",
                },
                {"source": "example-copy", "quote": "the treaty was signed in late February"},
            ],
            "contested": [
                {
                    "field": "date",
                    "value": "March 2022",
                    "source": "example-report",
                    "quote": "the treaty was only signed in March",
                    "note": "paragraph 1",
                    "url": "https://example.org/report#p1",
                    "accessed": "2022-12-30",
                    "recorded": "2022-12-29",
                    "credibility": "3",
                    "credibility_reason": "one official, unnamed",
                }
            ],
            "known_since": "2022-12-28",
        }
    ],
    "positions": [
        {
            "id": "example-position",
            "actor": "example-state",
            "topic": "example-topic",
            "stance": "supports",
            "statement": "Examplestan backs the treaty, in our own words",
            "date": "March 2022",
            "sources": [{"source": "example-source", "quote": "Examplestan backs the treaty"}],
            "contested": [
                {
                    "field": "stance",
                    "value": "balances",
                    "source": "example-report",
                    "quote": "Examplestan weighs the treaty against its other ties",
                }
            ],
            "known_since": "2022-12-28",
        }
    ],
    "relations": [
        {
            "id": "example-relation",
            "subject": "example-leader",
            "type": "leads",
            "object": "example-state",
            "summary": "Jane Example led Examplestan, in our own words",
            "from": "2019",
            "until": "March 2022",
            "sources": [{"source": "example-source", "quote": "former President Example"}],
            "contested": [
                {"source": "example-report", "quote": "Jane Example never held the office"}
            ],
            "known_since": "2022-12-28",
        }
    ],
    "judgments": [
        {
            "id": "example-judgment",
            "statement": "the treaty will likely hold, in our own words",
            "label": "the treaty holds",
            "by": "author",
            "kind": "forecast",
            "rests_on": ["example-event", "example-position"],
            "actors": ["example-state"],
            "topics": ["example-topic"],
            "likelihood": "likely",
            "confidence": "moderate",
            "sources": [{"source": "example-source", "quote": "the treaty is likely to hold"}],
            "known_since": "2022-12-28",
            "withdrawn": "2023-06-30",
        }
    ],
    "briefs": [
        {
            "id": "example-brief",
            "title": "Examplestan and the example treaty",
            "audience": "the regional desk",
            "handling": DEFAULT_HANDLING,
            "author": "A. Curator",
            "date": "2022-12-30",
            "as_of": "2022-12-28",
            "actors": ["example-state", "example-leader"],
            "topics": ["example-topic"],
            "window": 90,
            "judgments": ["example-judgment"],
            "bottom_line": [
                {
                    "text": "Examplestan has signed the treaty, in our own words",
                    "by": "curator",
                    "rests_on": ["example-event"],
                    "sources": [{"source": "example-source", "quote": "signed the treaty"}],
                    "known_since": "2022-12-28",
                }
            ],
            "indicators": [{"text": "whether Examplestan ratifies the treaty"}],
            "relations": ["leads", "member-of"],
            "sections": ["bottom-line", "key-judgments", "recent", "key-actors", "sources"],
            "default": True,
        }
    ],
}


def example(name: str, collection: str | None = None) -> str:
    """Two or three lines of YAML that show ``name`` written as the format wants it: a
    collection (`events`) with the first fields of its first item, or a field as the
    examples above give it (first those of ``collection``, then any kind of fact's, then
    their parts': a citation's, a role's)."""
    if name in EXAMPLES and collection is None:
        return _items(name, EXAMPLES[name][0])
    for value in _examples_of(name, collection):
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return _items(name, value[0])
        return f"{name}: {_flow(value)}"
    return ""


def _items(name: str, first: dict[str, Any]) -> str:
    """A list of items under ``name``, shown by the first two fields of its first item."""
    shown = [f"{key}: {_flow(value)}" for key, value in list(first.items())[:2]]
    return "\n".join([f"{name}:", "  - " + shown[0], *("    " + line for line in shown[1:])])


def _examples_of(name: str, collection: str | None) -> Any:
    """Each example value of a field called ``name``, the collection's own first."""
    kinds = [collection] if collection in EXAMPLES else []
    kinds += [c for c in EXAMPLES if c != collection]
    facts = [fact for c in kinds for fact in EXAMPLES[c]]
    yield from (fact[name] for fact in facts if name in fact)
    parts = [
        part
        for fact in facts
        for value in fact.values()
        for part in (value if isinstance(value, list) else [value])
        if isinstance(part, dict)
    ]
    yield from (part[name] for part in parts if name in part)


def _flow(value: Any) -> str:
    """An example value on one line, as YAML writes it (the examples need no quotes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)
