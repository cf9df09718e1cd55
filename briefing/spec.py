"""The fact-base format: collections, fields and vocabularies, in one place.

The validator, the JSON Schema (``briefing schema``) and the README's format reference
are all derived from these tables, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE_KINDS = (
    "news",
    "opinion",
    "analysis",
    "official statement",
    "speech",
    "interview",
    "report",
    "dataset",
    "book",
    "academic",
    "other",
)
ACTOR_KINDS = (
    "state",
    "person",
    "organisation",
    "international organisation",
    "alliance",
    "government body",
    "armed group",
    "company",
    "group",
    "region",
    "city",
    "other",
)
# NATO Admiralty code, source reliability.
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
STANCES = ("proposes", "supports", "complies", "balances", "opposes", "refuses")
RELATION_TYPES = (
    "borders",
    "near",
    "member-of",
    "part-of",
    "leads",
    "speaks-for",
    "works-for",
    "rules",
    "formerly-ruled",
    "allied-with",
    "supports",
    "opposes",
    "pressures",
    "depends-on",
    "rivals",
    "in-conflict-with",
    "deployed-to",
)
# ICD 203 expressions of likelihood, least to most likely.
LIKELIHOODS = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)
CONFIDENCES = ("low", "moderate", "high")
JUDGMENT_KINDS = ("assessment", "forecast", "recommendation")
JUDGES = ("author", "curator")
# The sections of a brief, in the order they are printed, with their headings.
SECTION_TITLES = {
    "bottom-line": "Bottom line up front",
    "key-judgments": "Key judgments",
    "background": "Background",
    "recent": "Recent developments",
    "key-actors": "Key actors",
    "positions": "Positions",
    "outlook": "Outlook and indicators to watch",
    "gaps": "Information gaps",
    "sources": "Sources",
}
BRIEF_SECTIONS = tuple(SECTION_TITLES)
DEFAULT_HANDLING = "TLP:CLEAR"
DEFAULT_WINDOW_DAYS = 90
# The longest window a brief may look back: a century of days.
MAX_WINDOW_DAYS = 36_525

# Field kinds understood by the validator and the schema generator.
#   id        identifier: letters, digits, '.', '_' or '-', unique in the whole fact base
#   text      a non-empty string
#   texts     a list of strings (a single string is accepted as a one-item list)
#   date      any accepted date form
#   ref:X     the id of an item in collection X
#   refs:X    a list of such ids
#   fact      the id of any fact
#   facts     a list of such ids
#   choice    one of the field's choices
#   flag      true or false
#   url       a web address
#   citations a list of {source, quote, note}
#   cited     like citations, but optional and possibly empty
#   days      a whole number of days, at least 1
#   choices   a list of the field's choices
#   list:X    a list of nested items described by NESTED[X]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()


CITATION = (
    Field("source", "ref:sources", True, "id of the cited source"),
    Field("quote", "text", True, "short verbatim excerpt (one clause or sentence)"),
    Field("note", "text", False, "page, paragraph or other pointer into the source"),
)

CITED = Field("sources", "citations", True, "citations: one or more {source, quote} entries")

NESTED: dict[str, tuple[Field, ...]] = {
    "points": (
        Field("text", "text", True, "the point, in our own words"),
        Field("by", "judge", False, "whose point: author, curator (default) or an actor id"),
        Field("rests_on", "facts", False, "ids of the facts it rests on"),
        Field("sources", "cited", False, "citations; required when the point is the author's"),
    ),
    "roles": (
        Field("title", "text", True, "the office, e.g. President"),
        Field("of", "ref:actors", False, "the actor the office belongs to"),
        Field("from", "date", False, "when the role began"),
        Field("until", "date", False, "when it ended (absent: still held, unless former)"),
        Field("former", "flag", False, "true when the source calls it former but gives no end"),
        CITED,
    ),
    "attributes": (
        Field("name", "text", True, "what the attribute is, e.g. capital"),
        Field("value", "text", True, "its value during the period"),
        Field("from", "date", False, "when the value began to hold"),
        Field("until", "date", False, "when it stopped holding (absent: still holds)"),
        CITED,
    ),
}

COLLECTION_FIELDS: dict[str, tuple[Field, ...]] = {
    "sources": (
        Field("id", "id", True, "short identifier; also the name of its archived copy"),
        Field("title", "text", True, "title as published"),
        Field("publisher", "text", False, "newspaper, agency or publisher"),
        Field("author", "text", False, "a single author (or use authors)"),
        Field("authors", "texts", False, "authors, in the order given"),
        Field("published", "date", False, "publication date"),
        Field("url", "url", False, "where the source was read"),
        Field("kind", "choice", False, "what kind of source it is", SOURCE_KINDS),
        Field(
            "reliability",
            "choice",
            False,
            "NATO Admiralty source reliability, A (completely reliable) to F (cannot be judged)",
            tuple(RELIABILITY),
        ),
        Field("reliability_reason", "text", False, "one line on why that grade"),
    ),
    "topics": (
        Field("id", "id", True, "short identifier used by events, positions, judgments"),
        Field("name", "text", True, "display name"),
        Field("description", "text", False, "what the topic covers"),
        Field("aliases", "texts", False, "other names for the topic"),
    ),
    "actors": (
        Field("id", "id", True, "short identifier"),
        Field("name", "text", True, "display name"),
        Field("kind", "choice", True, "what kind of actor", ACTOR_KINDS),
        Field(
            "aliases",
            "texts",
            False,
            "name variants, demonyms, former names, metonyms (Astana, the Kremlin)",
        ),
        Field("description", "text", False, "a short description in our own words"),
        Field("roles", "list:roles", False, "offices held over time"),
        Field("attributes", "list:attributes", False, "values that change over time"),
        CITED,
    ),
    "events": (
        Field("id", "id", True, "short identifier"),
        Field("date", "date", True, "when it happened, as precisely as the source says"),
        Field("title", "text", True, "one-line headline in our own words"),
        Field("summary", "text", False, "what happened, in our own words"),
        Field("actors", "refs:actors", False, "actors involved"),
        Field("topics", "refs:topics", False, "topics the event bears on"),
        CITED,
    ),
    "positions": (
        Field("id", "id", True, "short identifier"),
        Field("actor", "ref:actors", True, "whose position"),
        Field("topic", "ref:topics", True, "on what"),
        Field("stance", "choice", True, "the stance", STANCES),
        Field("statement", "text", False, "the position in our own words"),
        Field("date", "date", False, "when it was stated or held"),
        CITED,
    ),
    "relations": (
        Field("id", "id", True, "short identifier"),
        Field("subject", "ref:actors", True, "the actor the relation goes from"),
        Field("type", "choice", True, "the kind of link", RELATION_TYPES),
        Field("object", "ref:actors", True, "the actor the relation goes to"),
        Field("summary", "text", False, "the relation in our own words"),
        Field("from", "date", False, "when it began"),
        Field("until", "date", False, "when it ended"),
        CITED,
    ),
    "judgments": (
        Field("id", "id", True, "short identifier"),
        Field("statement", "text", True, "the assessment, in our own words"),
        Field(
            "by",
            "judge",
            True,
            "whose judgment: author (of the cited source), curator, or an actor id",
        ),
        Field(
            "kind",
            "choice",
            False,
            "assessment (default), forecast or recommendation",
            JUDGMENT_KINDS,
        ),
        Field("rests_on", "facts", False, "ids of the facts it rests on"),
        Field("actors", "refs:actors", False, "actors it concerns"),
        Field("topics", "refs:topics", False, "topics it concerns"),
        Field("likelihood", "choice", False, "ICD 203 likelihood term", LIKELIHOODS),
        Field("confidence", "choice", False, "analytic confidence", CONFIDENCES),
        CITED,
    ),
}

COLLECTION_FIELDS["briefs"] = (
    Field("id", "id", True, "the name used in `briefing brief NAME`"),
    Field("title", "text", True, "the brief's title"),
    Field("audience", "text", False, "who the brief is for"),
    Field("handling", "text", False, f"handling marking, e.g. {DEFAULT_HANDLING} (the default)"),
    Field("author", "text", False, "who prepared the brief"),
    Field("date", "date", False, "the brief's date (default: its as-of date)"),
    Field("as_of", "date", False, "the date the brief is written as of (default: today)"),
    Field("actors", "refs:actors", False, "scope: the key actors"),
    Field("topics", "refs:topics", False, "scope: the topics covered"),
    Field(
        "window",
        "days",
        False,
        f"days of recent developments (default {DEFAULT_WINDOW_DAYS}, at most {MAX_WINDOW_DAYS:,})",
    ),
    Field("judgments", "refs:judgments", False, "the key judgments, in order"),
    Field("bottom_line", "list:points", False, "the bottom line up front"),
    Field("indicators", "list:points", False, "the outlook: indicators to watch"),
    Field("sections", "choices", False, "which sections to print (default all)", BRIEF_SECTIONS),
    Field("default", "flag", False, "true for the brief `briefing brief` prints by default"),
)

COLLECTION_DOCS = {
    "sources": "where facts come from, with their reliability",
    "topics": "the subjects that events, positions and judgments bear on",
    "actors": "states, people, organisations and other actors",
    "events": "dated happenings: the timeline",
    "positions": "an actor's stance on a topic",
    "relations": "typed links between actors, optionally bounded in time",
    "judgments": "analytic assessments, kept apart from the facts they rest on",
    "briefs": "named briefing documents: scope, bottom line, indicators, sections",
}
