"""Dates anchored on another fact: worked out across files, through the cache, in order."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.dates import DateError, parse_date
from briefing.export import fact_file
from briefing.loader import load
from briefing.model import Anchor, Precision
from briefing.render.yaml import dumps as yaml_dumps

CITED = 'sources: [{source: s1, quote: "it happened"}]'


def event(ident: str, when: str) -> str:
    return f"  - id: {ident}\n    date: {when}\n    title: Event {ident}\n    {CITED}\n"


def write(folder: Path, anchor: str = "2022-11-29", *dependents: tuple[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "a.yaml").write_text(
        "sources:\n  - id: s1\n    title: A source\n    reliability: B\nevents:\n"
        + event("c", anchor),
        encoding="utf-8",
    )
    (folder / "b.yaml").write_text(
        "events:\n" + "".join(event(ident, when) for ident, when in dependents),
        encoding="utf-8",
    )


CHAIN = (
    ("a", "{after: b, offset: 1 day, text: a day later}"),
    ("b", "{after: c, offset: 2 weeks}"),
)


def dates_of(folder: Path, use_cache: bool = False) -> dict[str, tuple[object, ...]]:
    loaded = load(folder, use_cache=use_cache)
    assert not loaded.errors, loaded.errors
    return {
        e.id: (e.date.start, e.date.end, e.date.precision, e.date.text) for e in loaded.facts.events
    }


def test_a_chain_across_files_resolves_in_order(tmp_path: Path) -> None:
    write(tmp_path, "2022-11-29", *CHAIN)
    found = dates_of(tmp_path)
    assert found["b"] == (date(2022, 12, 13), date(2022, 12, 13), Precision.DAY, "2 weeks after c")
    assert found["a"] == (date(2022, 12, 14), date(2022, 12, 14), Precision.DAY, "a day later")


def test_the_dependent_follows_its_anchor_through_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_NO_CACHE", raising=False)
    facts = tmp_path / "facts"
    write(facts, "2022-11-29", *CHAIN)
    assert dates_of(facts, use_cache=True)["a"][0] == date(2022, 12, 14)
    assert dates_of(facts, use_cache=True)["a"][0] == date(2022, 12, 14)  # from the cache
    assert any((tmp_path / "cache").iterdir())
    anchor_file = facts / "a.yaml"
    anchor_file.write_text(anchor_file.read_text().replace("2022-11-29", "2023-01-10"))
    os.utime(anchor_file, ns=(0, 10**18))  # a new time, whatever the clock's resolution
    found = dates_of(facts, use_cache=True)  # b.yaml comes from the cache
    assert found["b"][0] == date(2023, 1, 24)
    assert found["a"][0] == date(2023, 1, 25)
    # The cached events' index follows too: the timeline orders by the worked-out dates.
    from briefing import query
    from briefing.index import EventIndex, index

    cached = load(facts, use_cache=True).facts
    assert index(cached.events) == EventIndex.of(list(cached.events))
    fresh = load(facts, use_cache=False).facts
    assert list(query.timeline(cached)) == list(query.timeline(fresh))


def test_a_month_anchor_keeps_its_precision(tmp_path: Path) -> None:
    write(tmp_path, "November 2022", ("m", "{after: c, offset: 1 month}"))
    assert dates_of(tmp_path)["m"] == (
        date(2022, 12, 1),
        date(2022, 12, 31),
        Precision.MONTH,
        "1 month after c",
    )


def test_before_and_no_offset(tmp_path: Path) -> None:
    write(
        tmp_path,
        "2022-11-29",
        ("w", "{before: c, offset: 3 days}"),
        ("open", "{after: c}"),
        ("y", "{before: c, offset: 1 year}"),
    )
    found = dates_of(tmp_path)
    assert found["w"][:3] == (date(2022, 11, 26), date(2022, 11, 26), Precision.DAY)
    assert found["open"][:3] == (date(2022, 11, 30), None, Precision.OPEN)
    assert found["y"][:2] == (date(2021, 11, 29), date(2021, 11, 29))


def test_a_cycle_is_reported_at_each_member_and_left_out(tmp_path: Path) -> None:
    write(
        tmp_path,
        "2022-11-29",
        ("x", "{after: y, offset: 1 day}"),
        ("y", "{after: x, offset: 1 day}"),
        ("z", "{after: x, offset: 1 day}"),
    )
    loaded = load(tmp_path, use_cache=False)
    messages = [(p.line, p.message) for p in loaded.errors]
    assert messages == [
        (3, "date of `x` is anchored on `y`, which is anchored on `x`: a cycle"),
        (7, "date of `y` is anchored on `x`, which is anchored on `y`: a cycle"),
    ]
    assert [e.id for e in loaded.facts.events] == ["c"]
    assert {(o.id, o.depends_on) for o in loaded.facts.left_out} == {
        ("x", ""),
        ("y", ""),
        ("z", "x"),
    }


def test_an_unknown_or_undated_anchor_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, "2022-11-29", ("d", "{after: cc, offset: 1 day}"), ("e", "{after: s1}"))
    loaded = load(tmp_path, use_cache=False)
    assert [p.message for p in loaded.errors] == [
        "date of `d` is anchored on unknown fact `cc`; did you mean `c`?",
        "date of `e` is anchored on `s1`, which has no date",
    ]
    assert [e.id for e in loaded.facts.events] == ["c"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"after": "x", "offset": "soon"}, "cannot read offset 'soon'"),
        ({"offset": "1 day"}, "offset: goes with after: or before:"),
        ({"after": "x", "before": "y"}, "not both"),
        ({"after": "x", "on": "2022"}, "not both"),
        ({"after": "two words"}, "give the id"),
    ],
)
def test_bad_anchored_mappings(value: dict[str, str], message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(value)


def test_an_anchored_date_reads_open_until_combined() -> None:
    when = parse_date({"after": "x", "offset": " 2  weeks "})
    assert (when.start, when.end, when.text) == (None, None, "2 weeks after x")
    assert when.anchor == Anchor("after", "x", "2 weeks")


def test_only_event_and_position_dates_may_be_anchored(tmp_path: Path) -> None:
    write(tmp_path, "2022-11-29")
    (tmp_path / "c.yaml").write_text(
        "sources:\n  - id: s2\n    title: T\n    reliability: B\n"
        "    published: {after: c, offset: 1 day}\n",
        encoding="utf-8",
    )
    loaded = load(tmp_path, use_cache=False)
    assert "can only be the `date` of an event or a position" in loaded.errors[0].message


def test_export_writes_the_anchor_back_and_loads_back_the_same(tmp_path: Path) -> None:
    write(tmp_path / "facts", "November 2022", *CHAIN, ("m", "{before: c, offset: 1 month}"))
    loaded = load(tmp_path / "facts", use_cache=False)
    exported = fact_file(loaded.facts)
    by_id = {e["id"]: e["date"] for e in exported["events"]}
    assert by_id["a"] == {"after": "b", "offset": "1 day", "text": "a day later"}
    assert by_id["b"] == {"after": "c", "offset": "2 weeks"}
    (tmp_path / "all.yaml").write_text(yaml_dumps(exported), encoding="utf-8")
    again = load(tmp_path / "all.yaml", use_cache=False)
    assert not again.errors
    assert [e.date for e in again.facts.events] == [e.date for e in loaded.facts.events]
    assert fact_file(again.facts) == exported


def test_json_export_shows_the_worked_out_bounds_and_the_anchor(tmp_path: Path) -> None:
    import json

    write(tmp_path, "2022-11-29", *CHAIN)
    result = CliRunner().invoke(app, ["export", "--facts", str(tmp_path), "-f", "json"])
    assert result.exit_code == 0, result.output
    event = next(e for e in json.loads(result.stdout)["events"] if e["id"] == "a")
    assert (event["date"], event["start"], event["end"]) == (
        "a day later",
        "2022-12-14",
        "2022-12-14",
    )
    assert event["anchor"] == {"after": "b", "offset": "1 day"}


def test_a_position_may_be_anchored_and_be_an_anchor(tmp_path: Path) -> None:
    write(tmp_path, "44 BC", ("late", "{after: p1, offset: 1 year}"), ("old", "{after: c}"))
    (tmp_path / "c.yaml").write_text(
        "actors:\n  - id: x\n    name: X\n    kind: state\n"
        "topics:\n  - id: t\n    name: T\n"
        "positions:\n  - id: p1\n    actor: x\n    topic: t\n    stance: supports\n"
        "    date: {before: late, offset: 2 days}\n    " + CITED + "\n"
        "  - id: p2\n    actor: x\n    topic: t\n    stance: supports\n"
        "    date: {after: 2022}\n    " + CITED + "\n",
        encoding="utf-8",
    )
    loaded = load(tmp_path, use_cache=False)
    messages = sorted(p.message for p in loaded.errors)
    assert messages == [
        "`date` of position `p2`: after: takes the id of a fact; "
        "for a date after 2022 write `after 2022`",
        "date of `late` is anchored on `p1`, which is anchored on `late`: a cycle",
        "date of `old` cannot be worked out: c is dated before AD 1, which cannot be shifted",
        "date of `p1` is anchored on `late`, which is anchored on `p1`: a cycle",
    ]


def test_a_position_dated_a_week_after_an_event(tmp_path: Path) -> None:
    write(tmp_path, "2022-11-29")
    (tmp_path / "c.yaml").write_text(
        "actors:\n  - id: x\n    name: X\n    kind: state\n"
        "topics:\n  - id: t\n    name: T\n"
        "positions:\n  - id: p1\n    actor: x\n    topic: t\n    stance: supports\n"
        "    date: {after: c, offset: 1 week}\n    " + CITED + "\n",
        encoding="utf-8",
    )
    loaded = load(tmp_path, use_cache=False)
    assert not loaded.errors
    (position,) = loaded.facts.positions
    assert position.date is not None
    assert (position.date.start, position.date.text) == (date(2022, 12, 6), "1 week after c")


@pytest.mark.parametrize(
    "offset", ["1 day", "10 days", "2 weeks", "1 month", "13 months", "1 year"]
)
@pytest.mark.parametrize("side", ["after", "before"])
def test_an_offset_is_dateutil_s_relativedelta(offset: str, side: str) -> None:
    from dateutil.relativedelta import relativedelta

    from briefing.anchors import shift

    count, unit = offset.split()
    sign = -1 if side == "before" else 1
    n = sign * int(count)
    delta = {
        "day": relativedelta(days=n),
        "week": relativedelta(weeks=n),
        "month": relativedelta(months=n),
        "year": relativedelta(years=n),
    }[unit.rstrip("s")]
    anchor = parse_date("2024-01-31")
    anchored = parse_date({side: "x", "offset": offset})
    assert shift(anchored, anchor).start == date(2024, 1, 31) + delta
