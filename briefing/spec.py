"""The fact-base format: collections, fields and vocabularies, in one place.

The validator, the JSON Schema (``briefing schema``) and the README's format reference
are all derived from these tables, so they cannot drift apart.
"""

from __future__ import annotations

from typing import NamedTuple

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
# Actor kinds whose actors are several (a group of states, of people): sentences about them
# take the plural verb unless the actor says `plural: false`.
PLURAL_KINDS = ("group",)
# NATO Admiralty code, source reliability.
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
# NATO Admiralty code, credibility of the information itself, graded on each citation: with
# its source's reliability it makes the combined grade ("B2").
CREDIBILITY = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}
# Each stance with its one-line definition, from most for to most against, then the
# stances that take no side.
STANCE_DEFINITIONS = {
    "proposes": "puts the measure forward itself",
    "supports": "is in favour",
    "complies": "goes along with it, without choosing it",
    "balances": "weighs it against other ties, taking neither side openly",
    "opposes": "is against",
    "refuses": "declines to take part or to comply",
    "neutral": "states that it takes no side",
    "undecided": "has not yet taken a side, e.g. while investigating or consulting",
    "ambiguous": "has spoken or acted in ways that point both ways",
}
STANCES = tuple(STANCE_DEFINITIONS)
# How each stance reads in a sentence, "<actor> <phrase> <topic>": the phrase for one actor,
# then for several ("Kazakhstan complies with", "Central Asian nations comply with").
STANCE_PHRASES: dict[str, tuple[str, str]] = {
    "proposes": ("proposes", "propose"),
    "supports": ("supports", "support"),
    "complies": ("complies with", "comply with"),
    "balances": ("takes a balancing line on", "take a balancing line on"),
    "opposes": ("opposes", "oppose"),
    "refuses": ("refuses to go along with", "refuse to go along with"),
    "neutral": ("is neutral on", "are neutral on"),
    "undecided": ("is undecided on", "are undecided on"),
    "ambiguous": ("is ambiguous on", "are ambiguous on"),
}
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
# How each relation type reads in a sentence, "<subject> <phrase> <object>", for one subject
# and for several ("Kazakhstan depends on Russia", "European nations depend on Russia").
RELATION_PHRASES: dict[str, tuple[str, str]] = {
    "borders": ("borders", "border"),
    "near": ("is near", "are near"),
    "member-of": ("is a member of", "are members of"),
    "part-of": ("is part of", "are part of"),
    "leads": ("leads", "lead"),
    "speaks-for": ("speaks for", "speak for"),
    "works-for": ("works for", "work for"),
    "rules": ("rules", "rule"),
    "formerly-ruled": ("formerly ruled", "formerly ruled"),
    "allied-with": ("is allied with", "are allied with"),
    "supports": ("supports", "support"),
    "opposes": ("opposes", "oppose"),
    "pressures": ("pressures", "pressure"),
    "depends-on": ("depends on", "depend on"),
    "rivals": ("rivals", "rival"),
    "in-conflict-with": ("is in conflict with", "are in conflict with"),
    "deployed-to": ("is deployed to", "are deployed to"),
}

# The relation types a brief shows when it does not list its own (`relations:`): all but
# mere proximity, which is background trivia in a brief ("Kazakhstan near Pakistan").
BRIEF_RELATION_TYPES = tuple(t for t in RELATION_TYPES if t != "near")
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
# Other ICD 203 terms (its table pairs each expression with a synonym) and common variants,
# accepted and stored as the term they stand for.
LIKELIHOOD_SYNONYMS = {
    "remote": "almost no chance",
    "highly improbable": "very unlikely",
    "highly unlikely": "very unlikely",
    "improbable": "unlikely",
    "improbably": "unlikely",
    "roughly even odds": "roughly even chance",
    "probable": "likely",
    "probably": "likely",
    "highly probable": "very likely",
    "highly likely": "very likely",
    "almost certainly": "almost certain",
    "nearly certain": "almost certain",
}
# Synonyms accepted for a vocabulary's terms (in any case, as the terms themselves).
SYNONYMS: dict[tuple[str, ...], dict[str, str]] = {LIKELIHOODS: LIKELIHOOD_SYNONYMS}
CONFIDENCES = ("low", "moderate", "high")
# Each kind of judgment as a noun phrase: it names a judgment that has no `label`.
JUDGMENT_KIND_PHRASES = {
    "assessment": "an assessment",
    "forecast": "a forecast",
    "recommendation": "a recommendation",
}
JUDGMENT_KINDS = tuple(JUDGMENT_KIND_PHRASES)
JUDGES = ("author", "curator")
# The sections of a brief, in the order they are printed, with their headings.
SECTION_TITLES = {
    "changes": "What changed",  # only with `brief --since DATE`
    "bottom-line": "Bottom line up front",
    "key-judgments": "Key judgments",
    "background": "Background",
    "recent": "Recent developments",
    "key-actors": "Key actors",
    "positions": "Positions",
    "outlook": "Outlook and indicators to watch",
    "contested": "Contested points",
    "gaps": "Information gaps",
    "sources": "Sources",
}
BRIEF_SECTIONS = tuple(SECTION_TITLES)
DEFAULT_HANDLING = "TLP:CLEAR"
# How much of a brief `brief --level` prints: the bottom line, judgments and indicators
# only; every section, each list bounded; everything (see briefing.brief.LIMITS).
BRIEF_LEVELS = ("summary", "standard", "full")
DEFAULT_BRIEF_LEVEL = "standard"
DEFAULT_WINDOW_DAYS = 90
# The longest window a brief may look back: a century of days.
MAX_WINDOW_DAYS = 36_525

# ISO 3166-1 alpha-2 country codes: every officially assigned one, and XK (Kosovo), which
# is user-assigned but in common use.
_COUNTRY_CODES = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO "
    "BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ "
    "DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP "
    "GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG "
    "KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML "
    "MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE "
    "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL "
    "SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM "
    "US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK"
)
COUNTRIES = frozenset(_COUNTRY_CODES.split())
# Extension fields: any name with this prefix is kept as written and never checked.
EXTENSION_PREFIX = "x-"

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
#   place     a place name, or a mapping described by PLACE
#   value     a field's value as a source gives it: text, a number or a date
#   country   an ISO 3166-1 alpha-2 code
#   latitude  degrees north, -90 to 90
#   longitude degrees east, -180 to 180


class Field(NamedTuple):
    name: str
    kind: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()


CITATION = (
    Field("source", "ref:sources", True, "id of the cited source"),
    Field("quote", "text", True, "short verbatim excerpt (one clause or sentence)"),
    Field("note", "text", False, "page, paragraph or other pointer into the source"),
    Field("url", "url", False, "where the quoted passage can be read, e.g. a post's own page"),
    Field(
        "accessed",
        "date",
        False,
        "when the curator read the passage: it counts as known from then, not from publication",
    ),
    Field(
        "recorded",
        "date",
        False,
        "when the passage was recorded (an interview, a broadcast), if not when it was published",
    ),
    Field(
        "credibility",
        "choice",
        False,
        "NATO Admiralty credibility of what the passage says, 1 (confirmed by other sources)"
        " to 6 (cannot be judged)",
        tuple(CREDIBILITY),
    ),
    Field("credibility_reason", "text", False, "one line on why that grade"),
)

# A source that disagrees with a fact: it gives another value for one of the fact's fields,
# or, without `field`, says the fact is not so. Its own citation of that source follows.
CONTEST = (
    Field(
        "field",
        "text",
        False,
        "the field the source gives another value for, e.g. date (absent: it disputes the"
        " whole fact)",
    ),
    Field("value", "value", False, "the value that source gives, written as the field is"),
    *CITATION,
)
CONTESTED = Field(
    "contested",
    "list:contested",
    False,
    "sources that disagree: [{field: date, value: 2022-11-28, source: ..., quote: ...}]",
)

KNOWN_SINCE = Field(
    "known_since",
    "date",
    False,
    "when the fact became known, if not when its sources were published",
)

PLACE = (
    Field("name", "text", True, "the place as the source names it"),
    Field("country", "country", False, "ISO 3166-1 alpha-2 country code, e.g. KZ"),
    Field("lat", "latitude", False, "latitude in decimal degrees, -90 to 90 (with lon)"),
    Field("lon", "longitude", False, "longitude in decimal degrees, -180 to 180 (with lat)"),
)

CITED = Field("sources", "citations", True, "citations: one or more {source, quote} entries")

NESTED: dict[str, tuple[Field, ...]] = {
    "contested": CONTEST,
    "points": (
        Field("text", "text", True, "the point, in our own words"),
        Field("by", "judge", False, "whose point: author, curator (default) or an actor id"),
        Field("rests_on", "facts", False, "ids of the facts it rests on"),
        Field("sources", "cited", False, "citations; required when the point is the author's"),
        KNOWN_SINCE,
    ),
    "roles": (
        Field("title", "text", True, "the office, e.g. President"),
        Field("of", "ref:actors", False, "the actor the office belongs to"),
        Field("from", "date", False, "when the role began"),
        Field("until", "date", False, "when it ended (absent: still held, unless former)"),
        Field("former", "flag", False, "true when the source calls it former but gives no end"),
        CITED,
        KNOWN_SINCE,
    ),
    "attributes": (
        Field("name", "text", True, "what the attribute is, e.g. capital"),
        Field("value", "text", True, "its value during the period"),
        Field("from", "date", False, "when the value began to hold"),
        Field("until", "date", False, "when it stopped holding (absent: still holds)"),
        CITED,
        KNOWN_SINCE,
    ),
}

COLLECTION_FIELDS: dict[str, tuple[Field, ...]] = {
    "sources": (
        Field("id", "id", True, "short identifier; also the name of its archived copy"),
        Field(
            "title",
            "text",
            False,
            "title as published (absent: made from author, publisher and date, in brackets)",
        ),
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
        Field(
            "based_on",
            "refs:sources",
            False,
            "the sources it repeats or relies on (the original it republishes, the wire story"
            " it carries): it does not corroborate them",
        ),
    ),
    "topics": (
        Field("id", "id", True, "short identifier used by events, positions, judgments"),
        Field("name", "text", True, "display name"),
        Field(
            "label",
            "text",
            False,
            "the topic as it reads inside a sentence, e.g. `the gas union` (default: its name)",
        ),
        Field("description", "text", False, "what the topic covers"),
        Field("aliases", "texts", False, "other names for the topic"),
    ),
    "actors": (
        Field("id", "id", True, "short identifier"),
        Field("name", "text", True, "display name"),
        Field("kind", "choice", True, "what kind of actor", ACTOR_KINDS),
        Field(
            "plural",
            "flag",
            False,
            "true when the name stands for several actors, so sentences say `European nations"
            " depend on`; default: true for kind `group`, else false",
        ),
        Field(
            "aliases",
            "texts",
            False,
            "name variants, demonyms, former names, metonyms (Astana, the Kremlin)",
        ),
        Field("description", "text", False, "a short description in our own words"),
        Field("roles", "list:roles", False, "offices held over time"),
        Field("attributes", "list:attributes", False, "values that change over time"),
        Field("sources", "cited", False, "citations (optional: an actor needs no proof)"),
    ),
    "events": (
        Field("id", "id", True, "short identifier"),
        Field("date", "date", True, "when it happened, as precisely as the source says"),
        Field("title", "text", True, "one-line headline in our own words"),
        Field("summary", "text", False, "what happened, in our own words"),
        Field("actors", "refs:actors", False, "actors involved"),
        Field("topics", "refs:topics", False, "topics the event bears on"),
        Field("place", "place", False, "where it happened: a name, or {name, country, lat, lon}"),
        Field("url", "url", False, "the event's own page, e.g. the post that reports it"),
        CITED,
        CONTESTED,
        KNOWN_SINCE,
    ),
    "positions": (
        Field("id", "id", True, "short identifier"),
        Field("actor", "ref:actors", True, "whose position"),
        Field("topic", "ref:topics", True, "on what"),
        Field("stance", "choice", True, "the stance", STANCES),
        Field("statement", "text", False, "the position in our own words"),
        Field("date", "date", False, "when it was stated or held"),
        CITED,
        CONTESTED,
        KNOWN_SINCE,
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
        CONTESTED,
        KNOWN_SINCE,
    ),
    "judgments": (
        Field("id", "id", True, "short identifier"),
        Field("statement", "text", True, "the assessment, in our own words"),
        Field(
            "label",
            "text",
            False,
            "a few words that name it where other facts rest on it (default: its statement"
            " if short, else its number in a brief or its kind and id)",
        ),
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
        Field(
            "sources",
            "cited",
            False,
            "citations; required unless `by: curator` (then without them, `rests_on` is)",
        ),
        KNOWN_SINCE,
        Field(
            "withdrawn",
            "date",
            False,
            "when the judgment was withdrawn: no longer held from then, kept for the record",
        ),
    ),
}

COLLECTION_FIELDS["briefs"] = (
    Field("id", "id", True, "the name used in `briefing brief NAME`"),
    Field("title", "text", True, "the brief's title"),
    Field("audience", "text", False, "who the brief is for"),
    Field("handling", "text", False, f"handling marking, e.g. {DEFAULT_HANDLING} (the default)"),
    Field("author", "text", False, "who prepared the brief"),
    Field("date", "date", False, "the brief's date (default: its as-of date)"),
    Field(
        "as_of",
        "date",
        False,
        "the date the brief is written as of (default: its date, else the latest fact's)",
    ),
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
    Field(
        "relations",
        "choices",
        False,
        "the relation types shown among its key actors (default all but `near`)",
        RELATION_TYPES,
    ),
    Field("sections", "choices", False, "which sections to print (default all)", BRIEF_SECTIONS),
    Field("default", "flag", False, "true for the brief `briefing brief` prints by default"),
)


def contestable(collection: str) -> dict[str, Field]:
    """The fields of a collection's facts that a source may give another value for: those
    holding one value (a date, a text, a choice, an actor or topic, a place)."""
    return {
        f.name: f
        for f in COLLECTION_FIELDS[collection]
        if (f.kind in ("text", "date", "choice", "place", "url") or f.kind.startswith("ref:"))
        and f is not KNOWN_SINCE
    }


# Words curators reach for that mean a term of the format, by the vocabulary they belong to:
# an unknown value is pointed to the term by meaning as well as by spelling.
MEANINGS: dict[tuple[str, ...], dict[str, str]] = {
    CONFIDENCES: {
        "medium": "moderate",
        "mid": "moderate",
        "middling": "moderate",
        "fair": "moderate",
        "average": "moderate",
        "strong": "high",
        "weak": "low",
    },
    LIKELIHOODS: {
        "certain": "almost certain",
        "certainly": "almost certain",
        "possible": "roughly even chance",
        "possibly": "roughly even chance",
        "even chance": "roughly even chance",
        "fifty-fifty": "roughly even chance",
        "impossible": "almost no chance",
        "doubtful": "unlikely",
    },
    STANCES: {
        "for": "supports",
        "backs": "supports",
        "endorses": "supports",
        "favours": "supports",
        "favors": "supports",
        "against": "opposes",
        "rejects": "refuses",
        "declines": "refuses",
        "abstains": "neutral",
        "investigating": "undecided",
        "unsure": "undecided",
        "unclear": "ambiguous",
        "mixed": "ambiguous",
        "hedges": "balances",
    },
    RELATION_TYPES: {
        "ally": "allied-with",
        "allies": "allied-with",
        "allied": "allied-with",
        "alliance": "allied-with",
        "enemy": "in-conflict-with",
        "enemies": "in-conflict-with",
        "at-war-with": "in-conflict-with",
        "war": "in-conflict-with",
        "hostile": "in-conflict-with",
        "conflict": "in-conflict-with",
        "rival": "rivals",
        "neighbour": "borders",
        "neighbor": "borders",
        "member": "member-of",
        "part": "part-of",
        "leader": "leads",
        "spokesperson": "speaks-for",
        "employee": "works-for",
        "ruler": "rules",
        "depends": "depends-on",
        "dependent-on": "depends-on",
        "backs": "supports",
        "deployed": "deployed-to",
    },
    ACTOR_KINDS: {
        "country": "state",
        "nation": "state",
        "individual": "person",
        "people": "person",
        "organization": "organisation",
        "org": "organisation",
        "ngo": "organisation",
        "international organization": "international organisation",
        "corporation": "company",
        "firm": "company",
        "business": "company",
        "ministry": "government body",
        "agency": "government body",
        "militia": "armed group",
        "town": "city",
        "province": "region",
    },
}
# Field names curators reach for, by collection ("*": any), and what to write instead.
FIELD_MEANINGS: dict[str, dict[str, str]] = {
    "events": {
        "from": "date: {from: ...}",
        "until": "date: {until: ...}",
        "start": "date: {from: ...}",
        "end": "date: {until: ...}",
        "when": "date",
        "time": "date",
        "location": "place",
        "where": "place",
        "city": "place",
        "country": "place: {name: ..., country: ...}",
        "link": "url",
        "name": "title",
        "headline": "title",
        "description": "summary",
    },
    "sources": {"link": "url", "date": "published", "name": "title", "type": "kind"},
    "actors": {"type": "kind", "title": "name", "summary": "description"},
    "positions": {"position": "stance", "summary": "statement"},
    "relations": {"kind": "type", "relation": "type", "start": "from", "end": "until"},
    "judgments": {
        "probability": "likelihood",
        "author": "by",
        "text": "statement",
        "summary": "statement",
        "based_on": "rests_on",
    },
    "*": {"quote": "sources: [{source: ..., quote: ...}]", "citations": "sources"},
}

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
