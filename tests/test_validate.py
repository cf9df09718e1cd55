"""The validator: one small fact base per kind of mistake, exact message and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.loader import load
from tests.conftest import SOURCE

ACTOR = """\
actors:
  - id: kazakhstan
    name: Kazakhstan
    kind: state
    aliases: [Astana]
    sources:
      - {source: src, quote: "Kazakhstan"}
"""


def problems(root: Path) -> list[str]:
    return [str(p).replace(f"{root}/", "") for p in load(root).problems]


def test_clean_fact_base_has_no_problems(write: Callable[..., Path]) -> None:
    assert problems(write(**{"a.yaml": SOURCE + ACTOR})) == []


CASES = {
    "unknown collection": (
        "actros:\n  - id: x\n",
        ["a.yaml:10: unknown collection `actros`; did you mean `actors`?"],
    ),
    "unknown field": (
        ACTOR.replace("    kind: state\n", "    kind: state\n    descripton: x\n"),
        [
            "a.yaml:14: unknown field `descripton` in actor `kazakhstan`; "
            "did you mean `description`?"
        ],
    ),
    "missing field": (
        ACTOR.replace("    kind: state\n", ""),
        ["a.yaml:11: actor `kazakhstan` is missing `kind`"],
    ),
    "duplicate id": (
        ACTOR + ACTOR.replace("actors:\n", ""),
        ["a.yaml:17: duplicate id `kazakhstan` (already used by actor at a.yaml:11)"],
    ),
    "duplicate key": (
        ACTOR.replace("    kind: state\n", "    kind: state\n    name: Qazaqstan\n"),
        [
            "a.yaml:14:5: duplicate key `name` (first at line 12); YAML would silently keep "
            "only the last value: merge the two or rename one"
        ],
    ),
    "unknown actor with suggestion": (
        ACTOR
        + "events:\n  - id: e\n    date: 2022\n    title: T\n    actors: [kazakstan]\n"
        + "    sources: [{source: src, quote: q}]\n",
        ["a.yaml:21: unknown actor `kazakstan` in `actors`; did you mean `kazakhstan`?"],
    ),
    "unknown actor named by alias": (
        ACTOR
        + "events:\n  - id: e\n    date: 2022\n    title: T\n    actors: [Astana]\n"
        + "    sources: [{source: src, quote: q}]\n",
        ["a.yaml:21: unknown actor `Astana` in `actors`; did you mean `kazakhstan`?"],
    ),
    "unknown source": (
        ACTOR.replace("source: src", "source: scr"),
        ["a.yaml:16: unknown source `scr` in `source`; did you mean `src`?"],
    ),
    "unknown topic": (
        "topics:\n  - {id: gas-union, name: Gas union}\n"
        "events:\n  - id: e\n    date: 2022\n    title: T\n    topics: [gas-unoin]\n"
        "    sources: [{source: src, quote: q}]\n",
        ["a.yaml:16: unknown topic `gas-unoin` in `topics`; did you mean `gas-union`?"],
    ),
    "unknown event in rests_on": (
        "judgments:\n  - id: j\n    statement: S\n    by: curator\n    rests_on: [nothing]\n"
        "    sources: [{source: src, quote: q}]\n",
        ["a.yaml:14: unknown fact `nothing` in `rests_on`"],
    ),
    "unreadable date": (
        "events:\n  - id: e\n    date: sometime soon\n    title: T\n"
        "    sources: [{source: src, quote: q}]\n",
        ["a.yaml:12: `date` of event `e`: cannot read 'sometime soon' as a date; write it as"],
    ),
    "impossible date": (
        "events:\n  - id: e\n    date: 2022-02-30\n    title: T\n"
        "    sources: [{source: src, quote: q}]\n",
        ["a.yaml:12: `date` of event `e`: 2022-02-30: February 2022 has no day 30"],
    ),
    "empty quote": (
        ACTOR.replace('quote: "Kazakhstan"', 'quote: ""'),
        ["a.yaml:16: `quote` of citation of actor `kazakhstan` is empty"],
    ),
    "no citation": (
        "events:\n  - id: e\n    date: 2022\n    title: T\n",
        [
            "a.yaml:11: warning: event `e` is missing `sources`: "
            "add `sources: [{source: ..., quote: ...}]`"
        ],
    ),
    "empty citation list": (
        "events:\n  - id: e\n    date: 2022\n    title: T\n    sources: []\n",
        ["a.yaml:14: warning: event `e` has no citation: add `{source: ..., quote: ...}`"],
    ),
    "unknown likelihood": (
        "judgments:\n  - id: j\n    statement: S\n    by: curator\n"
        "    likelihood: possible\n    sources: [{source: src, quote: q}]\n",
        [
            "a.yaml:14: unknown likelihood `possible`; did you mean `roughly even chance`? "
            "(one of: almost no chance, very unlikely, unlikely, roughly even chance, likely, "
            "very likely, almost certain)"
        ],
    ),
    "unknown confidence": (
        "judgments:\n  - id: j\n    statement: S\n    by: curator\n"
        "    confidence: medium\n    sources: [{source: src, quote: q}]\n",
        [
            "a.yaml:14: unknown confidence `medium`; did you mean `moderate`? "
            "(one of: low, moderate, high)"
        ],
    ),
    "unknown stance": (
        ACTOR
        + "topics:\n  - {id: t, name: T}\n"
        + "positions:\n  - id: p\n    actor: kazakhstan\n    topic: t\n    stance: support\n"
        + "    sources: [{source: src, quote: q}]\n",
        [
            "a.yaml:23: unknown stance `support`; did you mean `supports`? (one of: "
            "proposes, supports, complies, balances, opposes, refuses, neutral, undecided, "
            "ambiguous)"
        ],
    ),
    "bad id": (
        ACTOR.replace("id: kazakhstan", "id: kazakh stan"),
        [
            "a.yaml:11: id `kazakh stan` may hold only ASCII letters, digits, '.', '_' and '-' "
            "(start with a letter or digit)",
        ],
    ),
    "wrong type": (
        ACTOR.replace("name: Kazakhstan", "name: [Kazakhstan]"),
        ["a.yaml:12: `name` of actor `kazakhstan` must be text, not a list"],
    ),
    "role ends before it starts": (
        ACTOR.replace(
            "    aliases: [Astana]\n",
            "    roles:\n      - title: Head\n        from: 2022\n        until: 2019\n"
            "        sources: [{source: src, quote: q}]\n",
        ),
        ["a.yaml:16: `from`/`until` of role of actor `kazakhstan`: "],
    ),
    "author judgment without author": (
        SOURCE.replace("    author: A. Writer\n", "")
        + "judgments:\n  - id: j\n    statement: S\n    by: author\n"
        + "    sources: [{source: src, quote: q}]\n",
        ["a.yaml:10: judgment `j` is by `author`, but none of its cited sources names an author"],
    ),
    "author and authors": (
        SOURCE.replace("    author: A. Writer\n", "    author: A. Writer\n    authors: [B]\n"),
        ["a.yaml:2: source `src` has both `author` and `authors`; keep one"],
    ),
    "unknown judge": (
        "judgments:\n  - id: j\n    statement: S\n    by: curater\n"
        "    sources: [{source: src, quote: q}]\n",
        [
            "a.yaml:13: unknown judge `curater` in `by`; did you mean `curator`? "
            "(use author, curator or an actor id)"
        ],
    ),
    "self relation": (
        ACTOR
        + "relations:\n  - id: r\n    subject: kazakhstan\n    type: borders\n"
        + "    object: kazakhstan\n    sources: [{source: src, quote: q}]\n",
        ["a.yaml:18: relation `r` links `kazakhstan` to itself"],
    ),
    "collection not a list": (
        "events: {id: e}\n",
        ["a.yaml:10: `events` must be a list of items, each starting with `- `"],
    ),
    "field of one's own with an underscore": (
        ACTOR.replace("    kind: state\n", "    kind: state\n    x_location: Astana\n"),
        [
            "a.yaml:14: unknown field `x_location` in actor `kazakhstan`; a field of your own "
            "starts with `x-`: write `x-location`"
        ],
    ),
    "until on an event": (
        "events:\n  - {id: e, date: 2022, until: 2023, title: T,\n"
        "     sources: [{source: src, quote: q}]}\n",
        ["a.yaml:11: unknown field `until` in event `e`; did you mean `date: {until: ...}`?"],
    ),
    "relation type by meaning": (
        ACTOR
        + "relations:\n  - id: r\n    subject: kazakhstan\n    type: ally\n"
        + "    object: kazakhstan\n    sources: [{source: src, quote: q}]\n",
        ["a.yaml:20: unknown type `ally`; did you mean `allied-with`?"],
    ),
    "actor kind by meaning": (
        ACTOR.replace("kind: state", "kind: country"),
        ["a.yaml:13: unknown kind `country`; did you mean `state`?"],
    ),
    "bad place": (
        "events:\n  - id: e\n    date: 2022\n    title: T\n"
        "    place: {name: Astana, country: Kazakhstan, lat: 95, lon: x}\n"
        "    sources: [{source: src, quote: q}]\n",
        [
            "a.yaml:14: `country` of place of event `e` is `Kazakhstan`: give an ISO 3166-1 "
            "alpha-2 code, such as KZ for Kazakhstan",
            "a.yaml:14: `lat` of place of event `e` is 95: it must lie between -90 and 90",
            "a.yaml:14: `lon` of place of event `e` must be a number of degrees, not str",
        ],
    ),
    "place with half its coordinates": (
        "events:\n  - id: e\n    date: 2022\n    title: T\n"
        "    place: {name: Astana, lat: 51.1}\n    sources: [{source: src, quote: q}]\n",
        ["a.yaml:14: the place of event `e` has `lat` but no `lon`; give both"],
    ),
    "bad event url": (
        "events:\n  - {id: e, date: 2022, title: T, url: www.x.org, "
        "sources: [{source: src, quote: q}]}\n",
        ["a.yaml:11: `url` of event `e` is not a web address"],
    ),
    "curator judgment resting on nothing": (
        "judgments:\n  - id: j\n    statement: S\n    by: curator\n",
        [
            "a.yaml:11: judgment `j` by the curator cites no source, so it needs `rests_on`: "
            "the ids of the facts it rests on"
        ],
    ),
    "author judgment without citation": (
        "judgments:\n  - id: j\n    statement: S\n    by: author\n",
        [
            "a.yaml:11: judgment `j` is missing `sources`: "
            "add `sources: [{source: ..., quote: ...}]`"
        ],
    ),
    "source with nothing to name it by": (
        "sources:\n  - id: post\n    kind: other\n    reliability: F\n",
        [
            "a.yaml:2: source `post` is missing `title`: give one, or an `author`, `publisher` "
            "or `published` date to name it by"
        ],
    ),
    "long quote": (
        ACTOR.replace('quote: "Kazakhstan"', "quote: " + "word " * 41),
        [
            "a.yaml:16: warning: quote is 41 words long; keep quotes short (at most 40 words) "
            "and cite twice if needed"
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_mistake_is_reported_with_line(case: str, write: Callable[..., Path]) -> None:
    body, expected = CASES[case]
    text = body if body.startswith("sources:") else SOURCE + body
    found = problems(write(**{"a.yaml": text}))
    assert len(found) == len(expected), found
    for got, want in zip(found, expected, strict=True):
        assert got.startswith(want), (got, want)


def test_unreadable_date_names_the_nearest_form(write: Callable[..., Path]) -> None:
    root = write(
        **{
            "a.yaml": SOURCE + "events:\n  - id: e\n    date: the end of the week\n    title: T\n"
            "    sources: [{source: src, quote: q}]\n"
        }
    )
    (message,) = problems(root)
    assert message.endswith("write it as late February 2022, mid-2022 or end of February 2022")


def test_collections_may_be_split_across_files(write: Callable[..., Path]) -> None:
    root = write(
        **{
            "sources.yaml": SOURCE,
            "events__2021.yaml": "events:\n  - {id: a, date: 2021, title: A, "
            "sources: [{source: src, quote: q}]}\n",
            "events__2022.yaml": "events:\n  - {id: b, date: 2022, title: B, "
            "sources: [{source: src, quote: q}]}\n",
        }
    )
    loaded = load(root)
    assert loaded.problems == []
    assert [e.id for e in loaded.facts.events] == ["a", "b"]
    assert [e.origin.line for e in loaded.facts.events] == [2, 2]


def test_duplicate_ids_across_files_name_both_places(write: Callable[..., Path]) -> None:
    event = "events:\n  - {id: a, date: 2021, title: A, sources: [{source: src, quote: q}]}\n"
    root = write(**{"a.yaml": SOURCE + event, "b.yaml": event})
    assert problems(root) == ["b.yaml:2: duplicate id `a` (already used by event at a.yaml:11)"]


def test_duplicate_ids_in_one_file_of_one_kind_are_found(write: Callable[..., Path]) -> None:
    # A file of one kind is checked whole when its ids are all new: a repeat inside it too.
    event = "  - {id: a, date: 2021, title: A, sources: [{source: src, quote: q}]}\n"
    root = write(**{"a.yaml": SOURCE, "b.yaml": "events:\n" + event + event})
    assert problems(root) == ["b.yaml:3: duplicate id `a` (already used by event at b.yaml:2)"]


def test_unquoted_year_and_date_values_are_read(write: Callable[..., Path]) -> None:
    root = write(
        **{
            "a.yaml": SOURCE + "events:\n"
            "  - {id: a, date: 2019, title: A, sources: [{source: src, quote: q}]}\n"
            "  - {id: b, date: 2022-11-29, title: B, sources: [{source: src, quote: q}]}\n"
        }
    )
    a, b = load(root).facts.events
    assert (a.date.text, str(a.date.start), str(a.date.end)) == ("2019", "2019-01-01", "2019-12-31")
    assert (b.date.text, str(b.date.start), str(b.date.end)) == (
        "2022-11-29",
        "2022-11-29",
        "2022-11-29",
    )


@pytest.mark.parametrize(
    "root",
    ["facts", "tests/fixtures/mini", "tests/fixtures/brief"],
)
def test_the_fast_path_for_clean_events_agrees_with_the_general_one(
    root: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.validate import _Checker

    fast = load(root, use_cache=False)
    monkeypatch.setattr(_Checker, "clean_event_node", lambda self, node, origin: None)
    slow = load(root, use_cache=False)
    assert fast.facts.events == slow.facts.events
    assert fast.problems == slow.problems


def test_events_with_problems_take_the_general_path(write: Callable[..., Path]) -> None:
    body = (
        "events:\n"
        "  - {id: e, date: 2022, title: ' padded ', sources: [{source: src, quote: q}]}\n"
        "  - {id: f, date: 2022, title: T, actors: oops, sources: [{source: src, quote: q}]}\n"
    )
    loaded = load(write(**{"a.yaml": SOURCE + body}), use_cache=False, tolerant=False)
    assert [e.title for e in loaded.facts.events] == ["padded", "T"]
    assert [p.message for p in loaded.problems] == [
        "unknown actor `oops` in `actors`",
    ]


def test_an_empty_summary_is_reported_whichever_path_the_event_takes(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "events:\n"
        "  - {id: e, date: 2022, title: T, summary: '', sources: [{source: src, quote: q}]}\n"
    )
    root = write(**{"a.yaml": SOURCE + body})
    fast = load(root, use_cache=False)
    from briefing.validate import _Checker

    monkeypatch.setattr(_Checker, "clean_event_node", lambda self, node, origin: None)
    slow = load(root, use_cache=False)
    assert [p.message for p in fast.problems] == ["`summary` of event `e` is empty"]
    assert fast.problems == slow.problems
    assert fast.facts.events == slow.facts.events


def test_actors_and_curator_judgments_need_no_citation(write: Callable[..., Path]) -> None:
    body = (
        "actors:\n  - {id: a, name: A, kind: person}\n"
        "events:\n  - {id: e, date: 2022, title: T, sources: [{source: src, quote: q}]}\n"
        "judgments:\n  - {id: j, statement: S, by: curator, rests_on: [e]}\n"
    )
    assert problems(write(**{"a.yaml": SOURCE + body})) == []


def test_icd_203_synonyms_are_stored_as_their_terms(write: Callable[..., Path]) -> None:
    terms = {
        "probable": "likely",
        "Probably": "likely",
        "improbable": "unlikely",
        "highly likely": "very likely",
        "highly unlikely": "very unlikely",
        "remote": "almost no chance",
        "nearly certain": "almost certain",
        "Almost certain": "almost certain",
        "roughly even odds": "roughly even chance",
    }
    body = "judgments:\n" + "".join(
        f"  - {{id: j{i}, statement: S, by: curator, rests_on: [j{i}x], likelihood: {word}}}\n"
        for i, word in enumerate(terms)
    )
    body += "events:\n" + "".join(
        f"  - {{id: j{i}x, date: 2022, title: T, sources: [{{source: src, quote: q}}]}}\n"
        for i in range(len(terms))
    )
    loaded = load(write(**{"a.yaml": SOURCE + body}))
    assert loaded.problems == []
    assert [j.likelihood for j in loaded.facts.judgments] == list(terms.values())


def test_an_untitled_source_goes_by_its_author_publisher_and_date(
    write: Callable[..., Path],
) -> None:
    body = "sources:\n  - {id: p, author: '@a', publisher: Mastodon, published: 2023-03-04}\n"
    (source,) = load(write(**{"a.yaml": body})).facts.sources
    assert source.title == "[@a, Mastodon, 2023-03-04]"
    assert not source.titled


def test_extension_fields_are_kept_as_written(write: Callable[..., Path]) -> None:
    body = (
        "events:\n  - id: e\n    date: 2022\n    title: T\n    place: Astana\n"
        "    x-seen: 2023-01-02\n    x-tags: [a, {b: 1}]\n"
        "    sources: [{source: src, quote: q, x-page: 4}]\n"
    )
    loaded = load(write(**{"a.yaml": SOURCE + body}))
    assert loaded.problems == []
    (event,) = loaded.facts.events
    assert event.extensions == {"x-seen": "2023-01-02", "x-tags": ["a", {"b": 1}]}
    assert event.sources[0].extensions == {"x-page": 4}
    assert str(event.place) == "Astana"
