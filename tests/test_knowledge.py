"""Knowledge time (`--known-by`): what was known on a day, apart from what had happened by it
(`--as-of`), on a fixture whose three dated sources came out months apart."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.knowledge import Knowledge, held, known_by
from briefing.loader import load
from briefing.model import FactBase
from tests.conftest import FIXTURES, GOLDEN
from tests.test_views import check_markdown

KNOWN = str(FIXTURES / "known")
# The days the fixture's dated sources were published, and one before the first.
DAYS = ["2023-02-28", "2023-03-01", "2023-06-15", "2023-10-20"]
# (golden name, command line); see tests/golden/regenerate.sh.
CASES = {
    **{f"timeline-known-by-{d}": ["timeline", "--known-by", d] for d in DAYS},
    **{f"brief-known-by-{d}": ["brief", "--known-by", d] for d in DAYS},
    **{f"sources-known-by-{d}": ["sources", "--known-by", d] for d in DAYS},
    "brief-as-of-and-known-by-2023-06-15": [
        "brief", "--as-of", "2023-06-15", "--known-by", "2023-06-15",
    ],
    "brief-since-2023-06-01": ["brief", "--since", "2023-06-01"],
    "brief-since-2023-10-20": ["brief", "--since", "2023-10-20"],
}  # fmt: skip


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "--facts", KNOWN])
    assert result.exit_code == 0, result.output
    return result.stdout


def facts() -> FactBase:
    return load(KNOWN).facts


def ids(items: object) -> list[str]:
    return [f.id for f in items]  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("name", list(CASES))
def test_known_by_view_matches_golden(runner: CliRunner, name: str, fmt: str) -> None:
    out = invoke(runner, *CASES[name], "-f", fmt)
    check_markdown(out) if fmt == "md" else json.loads(out)
    assert out == (GOLDEN / "known" / f"{name}.{fmt}").read_text(encoding="utf-8")


def test_before_the_first_source_nothing_is_known() -> None:
    known = known_by(facts(), date(2023, 2, 28))
    assert ids(known.events) == [] and known.positions == () and known.judgments == ()
    assert ids(known.sources) == [] and ids(known.actors) == ["ruritania", "borduria", "vera"]
    assert [a.roles for a in known.actors] == [(), (), ()]


def test_a_fact_is_known_with_the_citations_known_by_then() -> None:
    """Corroborated later: on 15 June the shooting rests on the Herald alone; on 20 October
    the Review's account is there too."""
    june = {e.id: e for e in known_by(facts(), date(2023, 6, 15)).events}
    october = {e.id: e for e in known_by(facts(), date(2023, 10, 20)).events}
    assert [c.source for c in june["shots-fired"].sources] == ["herald-2023-06-15"]
    assert [c.source for c in october["shots-fired"].sources] == [
        "herald-2023-06-15",
        "review-2023-10-20",
    ]


def test_known_since_and_a_citation_s_own_date_override_publication() -> None:
    """The curator learned of the recall on 5 May, though the Review that reports it came
    out in October; the ministry's undated page was read on 2 July."""
    f = facts()
    assert "envoy-recalled" not in ids(known_by(f, date(2023, 5, 4)).events)
    assert "envoy-recalled" in ids(known_by(f, date(2023, 5, 5)).events)
    assert "crossing-closed" not in ids(known_by(f, date(2023, 7, 1)).events)
    july = known_by(f, date(2023, 7, 2))
    assert "crossing-closed" in ids(july.events)
    assert "ministry-page" in ids(july.sources)  # undated, but cited by a known citation
    rules = Knowledge.of(f)
    assert rules.published["ministry-page"] is None


def test_a_stance_that_changes_is_known_when_its_source_is() -> None:
    f = facts()
    assert ids(known_by(f, date(2023, 10, 19)).positions) == ["borduria-backs-talks"]
    assert ids(known_by(f, date(2023, 10, 20)).positions) == [
        "borduria-backs-talks",
        "borduria-rejects-talks",
    ]


def test_judgments_and_points_follow_what_they_rest_on() -> None:
    f = facts()
    june = known_by(f, date(2023, 6, 11))
    assert ids(june.judgments) == ["talks-on-track"]  # not yet withdrawn, and its ground known
    later = known_by(f, date(2023, 7, 2))
    assert ids(later.judgments) == ["crossing-matters"]  # withdrawn on 12 June
    points = [p.text for p in later.briefs[0].bottom_line]
    assert points == ["Shots were fired at the crossing."]  # the other rests on the collapse
    october = known_by(f, date(2023, 10, 20))
    assert ids(october.judgments) == ["talks-will-fail", "crossing-matters"]
    assert len(october.briefs[0].bottom_line) == 2


def test_without_known_by_a_withdrawn_judgment_is_left_out() -> None:
    f = facts()
    assert "talks-on-track" not in ids(held(f, date(2026, 1, 1)).judgments)
    assert "talks-on-track" in ids(held(f, date(2023, 6, 11)).judgments)


def test_a_month_counts_once_it_has_passed() -> None:
    """A source published in "June 2023" is known from 30 June, not 1 June."""
    f = facts()
    source = f.sources[1]
    from briefing.dates import parse_date

    monthly = FactBase(
        location=f.location,
        sources=(
            source.__class__(
                source.id, source.title, source.origin, published=parse_date("2023-06")
            ),
        ),
        events=tuple(e for e in f.events if e.id == "shots-fired"),
    )
    assert ids(known_by(monthly, date(2023, 6, 29)).events) == []
    assert ids(known_by(monthly, date(2023, 6, 30)).events) == ["shots-fired"]


def test_the_brief_states_both_dates_in_words(runner: CliRunner) -> None:
    md = invoke(runner, "brief", "--as-of", "2023-06-15", "--known-by", "2023-06-15", "-f", "md")
    assert "Events up to 15 June 2023 · Sources published by 15 June 2023" in md
    whole = invoke(runner, "brief", "-f", "md")
    assert "Events up to 31 October 2023 · Sources published by 20 October 2023" in whole


def test_known_by_needs_a_date_with_an_end(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeline", "--known-by", "after 2023", "--facts", KNOWN])
    assert result.exit_code == 2
    assert "--known-by 'after 2023': give a date with an end" in result.stderr


def test_every_view_takes_known_by(runner: CliRunner) -> None:
    for args in (
        ["timeline"],
        ["actor", "borduria"],
        ["actors"],
        ["positions"],
        ["positions", "--matrix"],
        ["sources"],
        ["search", "border"],
        ["brief"],
    ):
        data = json.loads(invoke(runner, *args, "--known-by", "2023-03-01", "-f", "json"))
        assert data["known_by"] == "2023-03-01", args


def test_since_lists_what_became_known_after_the_day(runner: CliRunner) -> None:
    """New facts, a fact newly corroborated, a stance shift with both citations, a judgment
    added and one withdrawn, before the bottom line."""
    data = json.loads(invoke(runner, "brief", "--since", "2023-06-01", "-f", "json"))
    assert [s["id"] for s in data["sections"]][:2] == ["changes", "bottom-line"]
    changes = data["sections"][0]
    assert changes["since"] == "2023-06-01"
    events = changes["collections"]["events"]
    assert [e["id"] for e in events["added"]] == [
        "shots-fired",
        "crossing-closed",
        "talks-collapse",
    ]
    judgments = changes["collections"]["judgments"]
    assert [j["id"] for j in judgments["added"]] == ["talks-will-fail", "crossing-matters"]
    assert [j["id"] for j in judgments["removed"]] == ["talks-on-track"]  # withdrawn
    [shift] = changes["stance_shifts"]
    assert (shift["from"], shift["to"]) == ("supports", "opposes")
    assert shift["old"]["sources"] and shift["new"]["sources"]
    later = json.loads(invoke(runner, "brief", "--since", "2023-06-15", "-f", "json"))
    [revised] = later["sections"][0]["collections"]["events"]["changed"]
    assert revised["id"] == "shots-fired" and list(revised["fields"]) == ["sources"]
    nothing = invoke(runner, "brief", "--since", "2023-10-20", "-f", "md")
    assert "## What changed" in nothing and "Nothing new." in nothing
    assert "## What changed" not in invoke(runner, "brief", "-f", "md")


def test_what_changed_is_bounded_by_the_brief_s_level(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    """Each list of what changed shows as many as the level does, counts them all and
    names the command that lists every one (`--level full`), in every format."""
    events = "".join(
        f"  - {{id: e{n:02d}, date: 2023-05-{n + 1:02d}, title: Event {n}, actors: [a],"
        " sources: [{source: late, quote: q}]}\n"
        for n in range(15)
    )
    root = write(
        **{
            "facts.yaml": "sources:\n"
            "  - {id: late, title: Late report, published: 2023-06-20}\n"
            "actors:\n  - {id: a, name: A, kind: state}\n"
            "events:\n" + events
        }
    )
    since = ["brief", "--since", "2023-06-01", "--facts", str(root)]
    listing = "briefing brief --since 2023-06-01 --level full"

    def run(*args: str) -> str:
        result = runner.invoke(app, [*since, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    data = json.loads(run("-f", "json"))
    changes = data["sections"][0]
    added = changes["collections"]["events"]
    assert changes["counts"]["added"] == 15 and len(added["added"]) == 12
    assert added["more"] == {"added": 3, "command": listing}
    md = run("-f", "md")
    assert "Added: 15" in md and md.count("\n- ") >= 12
    assert f"*and 3 more: `{listing}`*" in md
    check_markdown(md)
    assert "Added: 15" in run("-f", "rich") and listing in run("-f", "rich")
    assert "Added: 15" in run("-f", "html") and f"<code>{listing}</code>" in run("-f", "html")
    full = json.loads(run("-f", "json", "--level", "full"))["sections"][0]
    assert len(full["collections"]["events"]["added"]) == 15
    assert "more" not in full["collections"]["events"]
    summary = json.loads(run("-f", "json", "--level", "summary"))["sections"][0]
    assert len(summary["collections"]["events"]["added"]) == 5


@pytest.mark.parametrize("day", DAYS)
def test_a_filtered_timeline_known_by_a_day_is_the_whole_one_filtered(
    runner: CliRunner, day: str
) -> None:
    """With --actor or --topic, only the events shown are narrowed to what was known."""
    whole = json.loads(invoke(runner, "timeline", "--known-by", day, "-f", "json"))["events"]
    for actor in ("borduria", "ruritania", "vera"):
        args = ["timeline", "--actor", actor, "--known-by", day, "-f", "json"]
        shown = json.loads(invoke(runner, *args))["events"]
        assert shown == [e for e in whole if actor in e["actors"]], (actor, day)
