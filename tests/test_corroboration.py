"""Corroboration and contradiction: independent origins (`based_on`), the combined Admiralty
grade of each citation, and sources that disagree (`contested`), on a fixture of four
made-up sources: `wire` and `review` independent, `daily` a republication of `wire`, and
`gazette`, which gives another date for the event and another stance for the position."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.corroboration import Origins, grade
from briefing.cycles import cycles
from briefing.loader import load
from briefing.model import Origin, Source
from tests.conftest import FIXTURES, GOLDEN, SOURCE
from tests.test_notes import needs_pandoc, via_cmark_gfm, via_markdown_it, via_pandoc_html
from tests.test_views import check_markdown

FIXTURE = str(FIXTURES / "corroboration")
# The sources' publication days: the wire and its copy, the gazette, the review.
BEFORE_GAZETTE, AFTER_GAZETTE, AFTER_REVIEW = "2022-11-30", "2022-12-05", "2022-12-28"


def run(runner: CliRunner, *args: str, facts: str = FIXTURE) -> Any:
    # Wide enough that no note of the terminal views wraps.
    result = runner.invoke(app, [*args, "--facts", facts], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


def as_json(runner: CliRunner, *args: str, facts: str = FIXTURE) -> Any:
    return json.loads(run(runner, *args, "-f", "json", facts=facts).stdout)


def sections(brief: dict[str, Any]) -> dict[str, Any]:
    return {s["id"]: s for s in brief["sections"]}


def _source(ident: str, *based_on: str) -> Source:
    return Source(ident, ident, Origin("sources.yaml", 1), based_on=based_on)


# (golden name, command line) in md and json; see tests/golden/regenerate.sh.
GOLDEN_CASES = {
    "timeline": ["timeline"],
    "actor-kazakhstan": ["actor", "kazakhstan"],
    "positions": ["positions"],
    "sources": ["sources"],
    "brief": ["brief"],
    **{
        f"brief-known-by-{day}": ["brief", "--known-by", day]
        for day in (BEFORE_GAZETTE, AFTER_GAZETTE, AFTER_REVIEW)
    },
}


@pytest.mark.parametrize("suffix", ["md", "json"])
@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_view_matches_golden(runner: CliRunner, name: str, suffix: str) -> None:
    shown = run(runner, *GOLDEN_CASES[name], "-f", suffix).stdout
    if suffix == "md":
        check_markdown(shown)
    expected = (GOLDEN / "corroboration" / f"{name}.{suffix}").read_text(encoding="utf-8")
    assert shown == expected


# -- independence ------------------------------------------------------------------------------


def test_independent_origins_count_a_republication_and_a_wire_story_once() -> None:
    origins = Origins(
        [
            _source("wire"),
            _source("daily", "wire"),
            _source("herald", "wire"),
            _source("review"),
            _source("digest", "wire", "review"),  # relies on both
        ]
    )
    assert origins.independent(["wire", "daily"]) == 1
    assert origins.independent(["daily", "herald"]) == 1  # two outlets, one wire story
    assert origins.independent(["wire", "daily", "review"]) == 2
    assert origins.independent(["digest"]) == 1
    # The digest depends on both: it adds nothing to them, and they stay independent.
    assert origins.independent(["wire", "review", "digest"]) == 2
    assert origins.independent(["digest", "daily"]) == 1
    assert origins.independent([]) == 0
    assert origins.of("digest") == {"wire", "review"}
    assert origins.confirmed("wire", ["wire", "daily", "review"])
    assert not origins.confirmed("wire", ["wire", "daily", "herald"])


def test_the_count_is_the_most_sources_independent_of_each_other() -> None:
    # Origins overlapping in a chain: {a, b}, {b, c}, {c, d}, {d}: the most that share no
    # origin are {a, b} and {c, d}, or {a, b} and {d}: two. Picking smallest first finds
    # {d} then {a, b}: two as well; a greedy pick by order of citation would find one.
    origins = Origins(
        [
            _source("a"),
            _source("b"),
            _source("c"),
            _source("d"),
            _source("ab", "a", "b"),
            _source("bc", "b", "c"),
            _source("cd", "c", "d"),
        ]
    )
    assert origins.independent(["ab", "bc", "cd"]) == 2
    assert origins.independent(["bc", "ab", "cd", "d"]) == 2
    assert origins.independent(["ab", "cd"]) == 2


def test_sources_based_on_each_other_in_a_loop_are_one_origin_and_are_found() -> None:
    sources = [_source("x", "y"), _source("y", "x"), _source("z", "z"), _source("w", "x")]
    origins = Origins(sources)
    assert origins.independent(["x", "y", "w"]) == 1
    assert cycles({s.id: s.based_on for s in sources}) == [["x", "y"], ["z"]]


def test_the_combined_grade_is_the_reliability_then_the_credibility() -> None:
    assert grade("B", "2") == "B2"
    assert grade("", "3") == "3"  # an ungraded source (which `check` warns about)
    assert grade("B", "") == ""


# -- the fixture in every format -----------------------------------------------------------------


def test_corroboration_counts_independent_origins_in_the_views(runner: CliRunner) -> None:
    events = {e["id"]: e for e in as_json(runner, "timeline")["events"]}
    # wire, daily (a copy of wire) and review: two origins; the contradicting gazette is
    # not corroboration.
    assert events["gas-union-call"]["independent_sources"] == 2
    # wire and its copy: two source ids, one origin.
    assert "independent_sources" not in events["peskov-explains"]
    md = run(runner, "timeline", "-f", "md").stdout
    check_markdown(md)
    row = next(line for line in md.splitlines() if "Putin calls" in line)
    assert "*(corroborated by 2 independent sources)*" in row
    peskov = next(line for line in md.splitlines() if "Peskov explains" in line)
    assert "corroborated" not in peskov


def test_each_note_shows_its_combined_grade(runner: CliRunner) -> None:
    md = run(runner, "timeline", "-f", "md").stdout
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", md, re.M))
    assert notes["1"].endswith("(graded B1)")  # wire: B, credibility 1
    assert notes["2"].endswith("(graded C2)")  # daily: C, credibility 2
    assert notes["3"].endswith("(graded C1)")  # review
    assert notes["4"].endswith("(graded B3)")  # gazette, on its disagreement
    assert "graded" not in notes["5"]  # no credibility given
    rich = run(runner, "timeline", "-f", "rich", "--no-color").stdout
    assert "(graded B1)" in rich and "(graded B3)" in rich
    # JSON carries the parts: the citation's credibility and reason, the source's grade.
    event = as_json(runner, "timeline")["events"][0]
    assert event["sources"][0]["credibility"] == "1"
    assert event["sources"][0]["credibility_reason"].startswith("an independent report")
    assert "credibility" not in as_json(runner, "timeline")["events"][1]["sources"][0]
    sources = {s["id"]: s for s in as_json(runner, "sources")["sources"]}
    assert sources["daily"]["based_on"] == ["wire"] and sources["wire"]["based_on"] == []


def test_a_graded_passage_is_its_own_note(runner: CliRunner, write: Callable[..., Path]) -> None:
    """The same passage graded twice alike is one note; graded otherwise, another."""
    cite = "{{source: src, quote: the same words, credibility: {0}}}"
    facts = write(
        **{"sources.yaml": SOURCE},
        **{
            "events.yaml": f"""
            events:
              - {{id: a, date: 2022-01-01, title: A, sources: [{cite.format(2)}]}}
              - {{id: b, date: 2022-01-02, title: B, sources: [{cite.format(2)}]}}
              - {{id: c, date: 2022-01-03, title: C, sources: [{cite.format(3)}]}}
            """
        },
    )
    md = run(runner, "timeline", "-f", "md", facts=str(facts)).stdout
    assert re.findall(r"^\[\^\d+\]: .*\((graded \w+)\)$", md, re.M) == ["graded B2", "graded B3"]


def test_the_timeline_and_profile_mark_contested_facts(runner: CliRunner) -> None:
    md = run(runner, "timeline", "-f", "md").stdout
    row = next(line for line in md.splitlines() if "Putin calls" in line)
    assert row.endswith("**Contested date:** 28 Nov 2022 per Example Gazette[^4] | "
                        "Vladimir Putin, Russia, Kazakhstan, Uzbekistan |")  # fmt: skip
    profile = run(runner, "actor", "kazakhstan", "-f", "md").stdout
    check_markdown(profile)
    assert "**Contested stance:** undecided per Example Gazette[^2]" in profile
    assert "**Contested date:** 28 Nov 2022 per Example Gazette" in profile
    rich = run(runner, "actor", "kazakhstan", "-f", "rich", "--no-color").stdout
    assert "Contested stance: undecided per Example Gazette[2]" in rich
    assert "Corroborated by 2 independent sources" in rich
    positions = run(runner, "positions", "-f", "md").stdout
    assert "**Contested stance:** undecided per Example Gazette" in positions
    # The matrix, in a view and in the brief, marks a stance a source disputes.
    matrix = run(runner, "positions", "--matrix", "-f", "md").stdout
    assert "| Kazakhstan | refuses[^1] *(contested)* |" in matrix
    in_brief = run(runner, "brief", "-f", "md").stdout.split("## Positions")[1]
    assert "| Kazakhstan | refuses[^7] *(contested)* |" in in_brief
    rich = run(runner, "positions", "--matrix", "-f", "rich", "--no-color").stdout
    assert "refuses[1] (contested)" in rich
    html = run(runner, "positions", "--matrix", "-f", "html").stdout
    assert "</sup> <em>(contested)</em></td>" in html
    # JSON: the disagreements as written, a date's bounds worked out beside its value.
    event = as_json(runner, "timeline")["events"][0]
    (contest,) = event["contested"]
    assert contest["field"] == "date" and contest["value"] == "2022-11-28"
    assert contest["start"] == contest["end"] == "2022-11-28"
    assert contest["source"] == "gazette" and contest["credibility"] == "3"
    assert "contested" not in as_json(runner, "timeline")["events"][1]


def test_the_brief_lists_each_disagreement_with_both_sides(runner: CliRunner) -> None:
    md = run(runner, "brief", "-f", "md").stdout
    check_markdown(md)
    section = md.split("## Contested points\n\n")[1].split("\n\n")[0].splitlines()
    assert section == [
        "- **Putin calls for a gas union** (event, 29 Nov 2022) — date: 29 Nov 2022 per "
        "Example Wire, Example Daily and Example Review¹,²,³; 28 Nov 2022 per Example "
        "Gazette⁴.",
        "- **Kazakhstan refuses to go along with the gas union** (position, Dec 2022) — "
        "stance: refuses per Example Review⁷; undecided per Example Gazette[^8].",
    ]
    rich = run(runner, "brief", "-f", "rich", "--no-color").stdout
    part = rich.split("Contested points")[1].split("Information gaps")[0]
    assert "date: 29 Nov 2022 per Example Wire, Example Daily and Example Review[1,2,3]" in part
    assert "date: 28 Nov 2022 per Example Gazette[4]" in part
    assert "stance: undecided per Example Gazette[8]" in part
    data = sections(as_json(runner, "brief"))["contested"]
    first, second = data["disagreements"]
    assert (first["kind"], first["id"], first["field"]) == ("event", "gas-union-call", "date")
    assert [(s["value"], s["text"]) for s in first["sides"]] == [
        ("2022-11-29", "29 Nov 2022"),
        ("2022-11-28", "28 Nov 2022"),
    ]
    assert [[c["source"] for c in s["sources"]] for s in first["sides"]] == [
        ["wire", "daily", "review"],
        ["gazette"],
    ]
    assert [s["value"] for s in second["sides"]] == ["refuses", "undecided"]
    # The contradicting source is one of the brief's sources.
    cited = [u["id"] for u in sections(as_json(runner, "brief"))["sources"]["sources"]]
    assert "gazette" in cited


def test_the_gaps_count_facts_resting_on_a_single_origin(runner: CliRunner) -> None:
    gaps = sections(as_json(runner, "brief"))["gaps"]
    # Peskov's explanation cites the wire and its copy: one origin, though two sources.
    assert {f["id"] for f in gaps["single_origin"]} == {"peskov-explains", "kz-gas-union"}
    md = run(runner, "brief", "-f", "md").stdout
    assert "**Single origin.** 2 facts rest on one source, or on sources that repeat" in md


def test_known_by_applies_to_each_side(runner: CliRunner) -> None:
    def brief(day: str) -> dict[str, Any]:
        return sections(as_json(runner, "brief", "--known-by", day))

    def event(day: str) -> dict[str, Any]:
        events = as_json(runner, "timeline", "--known-by", day)["events"]
        return next(e for e in events if e["id"] == "gas-union-call")

    # Before the gazette: the wire and its copy only; nothing contested, one origin.
    assert "contested" not in brief(BEFORE_GAZETTE)
    before = event(BEFORE_GAZETTE)
    assert "contested" not in before and "independent_sources" not in before
    assert [c["source"] for c in before["sources"]] == ["wire", "daily"]
    md = run(runner, "brief", "-f", "md", "--known-by", BEFORE_GAZETTE).stdout
    assert "Contested" not in md and "Gazette" not in md
    # Once the gazette is out, the date is contested; the review is not yet known.
    (contested,) = brief(AFTER_GAZETTE)["contested"]["disagreements"]
    assert [[c["source"] for c in s["sources"]] for s in contested["sides"]] == [
        ["wire", "daily"],
        ["gazette"],
    ]
    # The position rests on the review alone: not known yet, nor its disagreement.
    assert contested["id"] == "gas-union-call"
    assert "independent_sources" not in event(AFTER_GAZETTE)
    # With the review, two independent origins and both disagreements.
    assert event(AFTER_REVIEW)["independent_sources"] == 2
    assert len(brief(AFTER_REVIEW)["contested"]["disagreements"]) == 2


def test_known_by_reads_the_same_from_the_cache(runner: CliRunner) -> None:
    for day in (BEFORE_GAZETTE, AFTER_GAZETTE, AFTER_REVIEW):
        args = ["brief", "-f", "json", "--known-by", day, "--facts", FIXTURE]
        first = runner.invoke(app, ["--no-cache", *args])
        cached = [runner.invoke(app, args) for _ in range(2)][-1]  # the second from the cache
        assert first.exit_code == cached.exit_code == 0
        assert first.stdout == cached.stdout


def test_the_fixture_checks_clean_and_exports_back(runner: CliRunner, tmp_path: Path) -> None:
    checked = runner.invoke(app, ["--strict", "check", "--facts", FIXTURE])
    assert checked.exit_code == 0, checked.output
    written = run(runner, "export", "-f", "yaml").stdout
    (tmp_path / "all.yaml").write_text(written, encoding="utf-8")
    again = run(runner, "export", "-f", "yaml", facts=str(tmp_path)).stdout
    assert again == written
    before, after = as_json(runner, "export"), as_json(runner, "export", facts=str(tmp_path))
    assert {k: v for k, v in before.items() if k != "location"} == {
        k: v for k, v in after.items() if k != "location"
    }


# -- check ---------------------------------------------------------------------------------------


def _base(write: Callable[..., Path], events: str, sources: str = "") -> Path:
    """A fact base of three sources (``sources``: more, as lines of the list) and
    ``events``."""
    return write(
        **{
            "sources.yaml": "sources:\n"
            "  - {id: wire, title: W, published: 2022-11-29, reliability: B}\n"
            "  - {id: daily, title: D, published: 2022-11-29, reliability: C, based_on: wire}\n"
            "  - {id: review, title: R, published: 2022-12-28, reliability: C}\n" + sources,
            "actors.yaml": "actors:\n  - {id: kz, name: Kazakhstan, kind: state}\n",
            "events.yaml": events,
        }
    )


def check(runner: CliRunner, facts: Path, *flags: str) -> Any:
    return runner.invoke(app, [*flags, "check", "--facts", str(facts)])


@pytest.mark.parametrize("cached", [False, True])
def test_check_warns_of_a_grade_1_that_no_independent_source_backs(
    runner: CliRunner, write: Callable[..., Path], cached: bool
) -> None:
    facts = _base(
        write,
        """
        events:
          - id: copied
            date: 2022-11-29
            title: Copied
            sources:
              - {source: wire, quote: a, credibility: 1}
              - {source: daily, quote: b}
          - id: alone
            date: 2022-11-29
            title: Alone
            sources: [{source: wire, quote: c, credibility: 1}]
          - id: confirmed
            date: 2022-11-29
            title: Confirmed
            sources:
              - {source: wire, quote: d, credibility: 1}
              - {source: review, quote: e, credibility: 1}
        """,
    )
    if cached:
        check(runner, facts)  # the second run reads every file from the cache
    result = check(runner, facts)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stdout.splitlines() if "graded 1" in line]
    assert warnings == [
        f"{facts}/events.yaml:7: warning: the citation of `wire` on event `copied` is "
        "graded 1 (confirmed by other sources), but `daily` is not independent of it (based "
        "on the same origin): cite an independent source that confirms it, or grade it 2 "
        "(probably true) or lower",
        f"{facts}/events.yaml:12: warning: the citation of `wire` on event `alone` is "
        "graded 1 (confirmed by other sources), but no other source backs it here: cite an "
        "independent source that confirms it, or grade it 2 (probably true) or lower",
    ]
    assert check(runner, facts, "--strict").exit_code == 1


def test_check_reports_what_a_disagreement_gets_wrong(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    facts = _base(
        write,
        """
        events:
          - id: e1
            date: 2022-11-29
            title: E
            sources: [{source: wire, quote: a}]
            contested:
              - {field: colour, value: red, source: review, quote: b}
              - {field: date, value: not a date, source: review, quote: c}
              - {value: 2022-11-28, source: review, quote: d}
              - {field: date, source: review, quote: e}
              - {field: actors, value: kz, source: review, quote: f}
              - {field: title, value: Another title, source: nowhere, quote: g}
              - {source: review, quote: h, credibility: 7}
              - {field: place, value: [a, b], source: review, quote: i}
              - {field: title, value: Other, source: review}
        """,
        sources="  - {id: loop-a, title: A, based_on: loop-b}\n"
        "  - {id: loop-b, title: B, based_on: loop-a}\n",
    )
    result = check(runner, facts)
    assert result.exit_code == 1
    errors = result.stdout
    for expected in (
        "events.yaml:8: a disagreement with event `e1` names `field: colour`; a source may "
        "give another value for one of: date, title, summary, place, url (without `field`, "
        "it disputes the whole fact)",
        "events.yaml:9: `date` of a disagreement with event `e1`: cannot read 'not a date'",
        "events.yaml:10: a disagreement with event `e1` gives a `value` but no `field`",
        "events.yaml:11: a disagreement with event `e1` names `field: date` but gives no "
        "`value`: add it",
        "events.yaml:12: a disagreement with event `e1` names `field: actors`",
        "events.yaml:13: unknown source `nowhere` in `source`",
        "events.yaml:14: unknown credibility `7` (one of: 1, 2, 3, 4, 5, 6)",
        "events.yaml:15: `value` of disagreement of event `e1` must be text, a number or a "
        "date, not a list",
        "events.yaml:16: disagreement of event `e1` is missing `quote`",
        "sources.yaml:5: sources are based on each other in a loop: `loop-a` → `loop-b` → `loop-a`",
    ):
        assert expected in errors, expected
    # Each problem is its own line: no traceback.
    assert "Traceback" not in result.output


def test_a_whole_fact_disputed_reads_as_disputed(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    facts = _base(
        write,
        """
        events:
          - id: e1
            date: 2022-11-29
            title: It happened
            actors: [kz]
            sources: [{source: wire, quote: a}]
            contested: [{source: review, quote: it never happened}]
        briefs:
          - {id: b, title: B, actors: [kz], as_of: 2022-12-31}
        """,
    )
    md = run(runner, "timeline", "-f", "md", facts=str(facts)).stdout
    assert "**Disputed** by R[^2]" in md
    brief = run(runner, "brief", "-f", "md", facts=str(facts)).stdout
    assert "- **It happened** (event, 29 Nov 2022) — as recorded by W¹; disputed by R²." in brief
    data = sections(as_json(runner, "brief", facts=str(facts)))["contested"]
    (d,) = data["disagreements"]
    assert d["field"] is None
    assert [(s["value"], s["text"]) for s in d["sides"]] == [
        (None, "as recorded"),
        (None, "disputed"),
    ]


def test_hostile_text_in_a_disagreement_is_escaped(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    facts = _base(
        write,
        """
        events:
          - id: e1
            date: 2022-11-29
            title: E
            sources: [{source: evil, quote: a}]
            contested:
              - {field: title, value: "*not* [x](y) | <b>", source: evil, quote: b}
        """,
        sources="  - {id: evil, title: T, publisher: '<i>_x_</i> | [^1]', reliability: B}\n",
    )
    md = run(runner, "timeline", "-f", "md", facts=str(facts)).stdout
    check_markdown(md)
    assert "<b>" not in md and "<i>" not in md and "*not*" not in md
    rich = run(runner, "timeline", "-f", "rich", facts=str(facts)).stdout
    assert "*not* [x](y) | <b>" in rich


def test_loading_keeps_disagreements_in_the_model() -> None:
    facts = load(FIXTURE, use_cache=False).facts
    (event,) = [e for e in facts.events if e.id == "gas-union-call"]
    (contest,) = event.contested
    assert (contest.field, contest.value) == ("date", "2022-11-28")
    assert contest.when is not None and contest.when.start == datetime.date(2022, 11, 28)
    assert contest.sources[0].source == "gazette"
    assert [c.credibility for c in event.sources] == ["1", "2", "1"]


@needs_pandoc
def test_grades_and_contested_points_survive_real_markdown_readers(runner: CliRunner) -> None:
    md = run(runner, "brief", "-f", "md").stdout
    for rendered in (via_cmark_gfm(md), via_markdown_it(md), via_pandoc_html(md)):
        assert rendered.notes[0].endswith("(graded B1)")
        assert rendered.notes[3].endswith("(graded B3)")
        text = " ".join(rendered.text.split())
        assert "28 Nov 2022 per Example Gazette" in text
        assert "Contested points" in text


def test_check_quotes_reads_a_disagreements_quote_in_its_source(
    runner: CliRunner, write: Callable[..., Path], tmp_path: Path
) -> None:
    facts = _base(
        write,
        """
        events:
          - id: e1
            date: 2022-11-29
            title: E
            sources: [{source: wire, quote: the call came on Tuesday}]
            contested:
              - {field: date, value: 2022-11-28, source: review, quote: it came on Monday}
        """,
    )
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "wire.txt").write_text("As reported, the call came on Tuesday.", encoding="utf-8")
    (archive / "daily.txt").write_text("Nothing.", encoding="utf-8")
    (archive / "review.txt").write_text("Officials say it came on a Monday.", encoding="utf-8")
    result = runner.invoke(app, ["check", "--facts", str(facts), "--quotes", str(archive)])
    assert result.exit_code == 1
    assert f"{facts}/events.yaml:8: quote not found verbatim in " in result.stdout
    assert "“it came on Monday”" in result.stdout
    assert "quotes: 1 found verbatim in 2 archived sources; 1 not found" in result.stdout


def test_a_disputed_fact_that_cites_nothing_still_shows(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    """A fact without citations reads (check warns): its side is given by no cited source."""
    facts = _base(
        write,
        """
        events:
          - id: e1
            date: 2022-11-29
            title: Uncited
            contested: [{source: review, quote: it never happened}]
        """,
    )
    md = run(runner, "brief", "-f", "md", facts=str(facts)).stdout
    assert "— as recorded by no cited source; disputed by R¹." in md
    for form in ("rich", "html", "json"):
        run(runner, "brief", "-f", form, facts=str(facts))


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_search_reads_the_quotes_of_the_sources_that_disagree(
    runner: CliRunner, cache: list[str]
) -> None:
    def found(text: str, *args: str) -> list[tuple[str, str]]:
        results = json.loads(
            runner.invoke(
                app, [*cache, "search", text, *args, "--facts", FIXTURE, "-f", "json"]
            ).stdout
        )["results"]
        return [(r["id"], r["field"]) for r in results]

    assert found("meeting with Tokayev") == [("gas-union-call", "quote")]
    assert found("still studying") == [("kz-gas-union", "quote")]
    # Known by a day, an event keeps the quote of a disagreement then known (its review,
    # cited too, is not yet out: the event keeps only some of its citations).
    assert found("meeting with Tokayev", "--known-by", AFTER_GAZETTE) == [
        ("gas-union-call", "quote")
    ]
    assert found("meeting with Tokayev", "--known-by", BEFORE_GAZETTE) == []
    assert found("Nov. 29", "--known-by", AFTER_GAZETTE) == []
