"""The shipped Central Asia fact base: clean, and holding what the article says."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from briefing.cli import app
from briefing.loader import bundled_facts, load

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
