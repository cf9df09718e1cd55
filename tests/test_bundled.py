"""The shipped Central Asia fact base: clean, and holding what the article says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from typer.testing import CliRunner

from briefing.cli import app
from briefing.loader import bundled_facts, load
from briefing.model import FactBase
from briefing.query import citable
from briefing.quotes import normalise, verify_quotes
from tests.conftest import SHARED_SOURCES

SOURCE_ID = "washington-times-2022-12-28-kazakhstan"


def test_bundled_fact_base_passes_check(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check"], env={"BRIEFING_FACTS": ""})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("judgments") or "no problems" in result.stdout


def test_every_fact_cites_the_article() -> None:
    facts = load(bundled_facts()).facts
    assert [s.id for s in facts.sources] == [SOURCE_ID]
    for group in (facts.actors, facts.events, facts.positions, facts.relations, facts.judgments):
        assert group, "every collection holds facts"
        for fact in group:
            assert {c.source for c in fact.sources} == {SOURCE_ID}, fact.id


def test_timeline_runs_from_tokayev_to_the_gas_union() -> None:
    events = sorted(load(bundled_facts()).facts.events, key=lambda e: e.date.sort_key())
    first, last = events[0].date, events[-1].date
    assert first.start == date(2019, 1, 1)
    assert any("gas" in e.title.lower() and e.date.start == date(2022, 11, 29) for e in events)
    assert last.end is not None and last.end <= date(2022, 12, 28)


def test_vague_dates_stay_vague() -> None:
    events = {e.id: e for e in load(bundled_facts()).facts.events}
    texts = {e.date.text for e in events.values()}
    assert any("late February" in t for t in texts)
    assert any("early August" in t for t in texts)
    assert any("mid-September" in t for t in texts)


def test_capital_changes_over_time() -> None:
    actors = {a.id: a for a in load(bundled_facts()).facts.actors}
    capitals = [a for a in actors["kazakhstan"].attributes if a.name == "capital"]
    on = date(2021, 6, 1)
    held = [a.value for a in capitals if a.period is None or a.period.may_include(on)]
    assert held == ["Nur-Sultan"]


def test_judgments_are_the_authors_and_carry_no_invented_likelihood() -> None:
    for judgment in load(bundled_facts()).facts.judgments:
        assert judgment.by == "author"
        assert judgment.likelihood == ""
        assert judgment.confidence == ""


def unbacked_author_points(facts: FactBase) -> list[str]:
    """Brief points attributed to a source's author that do not cite that author saying it.

    An author's point must cite at least one quote, every cited source must name its author,
    it must rest on at least one of the author's judgments, and each of its quotes must be
    (or contain, or lie within) a quote of a fact it rests on: the point restates what the
    author said there, not something we drew from it.
    """
    sources = {s.id: s for s in facts.sources}
    facts_by_id = citable(facts)
    judgments = {j.id: j for j in facts.judgments}
    out: list[str] = []
    for brief in facts.briefs:
        for place, points in (("bottom line", brief.bottom_line), ("indicator", brief.indicators)):
            for n, point in enumerate(points, 1):
                if point.by != "author":
                    continue
                where = f"{brief.id} {place} {n}"
                if not point.sources:
                    out.append(f"{where}: cites no quote")
                if any(not sources[c.source].authors for c in point.sources):
                    out.append(f"{where}: cites a source that names no author")
                if not any(
                    judgments.get(r) and judgments[r].by == "author" for r in point.rests_on
                ):
                    out.append(f"{where}: rests on none of the author's judgments")
                backing = [
                    normalise(c.quote)
                    for r in point.rests_on
                    if r in facts_by_id
                    for c in facts_by_id[r].sources
                ]
                for c in point.sources:
                    q = normalise(c.quote)
                    if not any(q in b or b in q for b in backing):
                        out.append(f"{where}: quote not backed by what it rests on: {c.quote}")
    return out


def test_author_points_cite_the_author_saying_it() -> None:
    facts = load(bundled_facts()).facts
    assert unbacked_author_points(facts) == []
    if SHARED_SOURCES.is_dir():
        assert verify_quotes(facts, SHARED_SOURCES, "sources").problems == []


def test_an_author_point_that_overreaches_is_caught() -> None:
    facts = load(bundled_facts()).facts
    brief = facts.briefs[0]
    # An indicator of our own, relabelled as the author's, citing a quote it does not rest on.
    stolen = replace(brief.indicators[0], by="author", sources=brief.bottom_line[-1].sources[:1])
    # A bottom-line point that keeps its quotes but no longer rests on the author's judgments.
    cut = replace(brief.bottom_line[0], rests_on=("russia-launches-war-in-ukraine",))
    bad = replace(
        brief,
        bottom_line=(cut, *brief.bottom_line[1:]),
        indicators=(stolen, *brief.indicators[1:]),
    )
    problems = unbacked_author_points(replace(facts, briefs=(bad,)))
    assert "central-asia bottom line 1: rests on none of the author's judgments" in problems
    assert any(p.startswith("central-asia bottom line 1: quote not backed") for p in problems)
    assert any(p.startswith("central-asia indicator 1: quote not backed") for p in problems)
    assert len(problems) == 4, problems


def test_indicators_are_the_curators() -> None:
    for brief in load(bundled_facts()).facts.briefs:
        assert brief.indicators
        assert {p.by for p in brief.indicators} == {"curator"}
