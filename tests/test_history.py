"""Positions over time: an actor's successive positions on a topic, `positions --history`,
the profile's sequences and the matrix's current stance."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing import query, views
from briefing.cli import app
from briefing.dates import parse_date
from briefing.loader import load
from briefing.model import UNDATED_SORT_KEY, Citation, FactBase, Origin, Position
from tests.conftest import FIXTURES, GOLDEN
from tests.test_views import check_markdown

STANCES = str(FIXTURES / "stances")
HERE = Origin("facts.yaml", 1)


def position(ident: str, stance: str, when: str | None = None, actor: str = "a") -> Position:
    return Position(
        id=ident,
        actor=actor,
        topic="t" if ident[0] != "x" else "other",
        stance=stance,
        origin=HERE,
        date=parse_date(when) if when is not None else None,
        sources=(Citation("src", f"quote for {ident}", HERE),),
    )


def sequence(history: query.PositionHistory) -> str:
    return " → ".join(f"{s.position.stance} ({s.when})" for s in views.steps(history))


# -- the sequence --------------------------------------------------------------------------


def test_positions_are_ordered_by_date_whatever_their_order_in_the_fact_base() -> None:
    later = position("b", "balances", "February 2022")
    earlier = position("a", "supports", "2019")
    [history] = query.position_history([later, earlier])
    assert [p.id for p in history.steps] == ["a", "b"]
    assert sequence(history) == "supports (2019) → balances (since Feb 2022)"
    assert history.current == (later,)
    assert history.earlier == (earlier,)
    assert history.was is earlier


def test_undated_positions_come_first_and_say_so() -> None:
    dated = position("a", "opposes", "circa 2021")
    undated = position("b", "undecided")
    [history] = query.position_history([dated, undated])
    assert sequence(history) == "undecided (undated) → opposes (since c. 2021)"


def test_a_single_position_is_a_sequence_of_one_with_no_change() -> None:
    [history] = query.position_history([position("a", "proposes", "2018")])
    assert sequence(history) == "proposes (since 2018)"
    assert history.earlier == () and history.was is None
    [undated] = query.position_history([position("a", "proposes")])
    assert sequence(undated) == "proposes (undated)"


def test_pairs_keep_the_order_of_their_first_position() -> None:
    chosen = [
        position("x1", "supports", "2020"),
        position("a1", "opposes", "2021"),
        position("x2", "refuses", "2019"),
        position("b1", "balances", "2020", actor="b"),
    ]
    histories = query.position_history(chosen)
    assert [(h.actor, h.topic) for h in histories] == [("a", "other"), ("a", "t"), ("b", "t")]
    assert [p.id for p in histories[0].steps] == ["x2", "x1"]
    assert sequence(histories[0]) == "refuses (2019) → supports (since 2020)"


def test_the_same_stance_again_is_no_change() -> None:
    first, again = position("a", "refuses", "mid-2020"), position("b", "refuses", "late 2022")
    [history] = query.position_history([again, first])
    assert sequence(history) == "refuses (mid-2020) → refuses (since late 2022)"
    assert history.was is None
    back = position("c", "opposes", "2018")
    [history] = query.position_history([again, first, back])
    assert history.was is back  # the change before the repeated stance still shows


def test_positions_dated_alike_are_all_current() -> None:
    one, two = position("a", "supports", "2022"), position("b", "opposes", "2022")
    older = position("c", "refuses", "2019")
    [history] = query.position_history([one, two, older])
    assert history.current == (one, two)
    assert history.was is older
    assert sequence(history) == "refuses (2019) → supports (since 2022) → opposes (since 2022)"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2019", "since 2019"),
        ("February 2022", "since Feb 2022"),
        ("circa 2021", "since c. 2021"),
        ("2019/2022", "2019\N{EN DASH}2022"),  # a range: the compact date alone
        ("since 2014", "2014\N{EN DASH}"),  # open: never "since since"
        ("until 2020", "by 2020"),
    ],
)
def test_the_current_date_in_words(written: str, shown: str) -> None:
    assert views.since_text(parse_date(written)) == shown


def test_a_date_in_the_sources_words_shows_its_day_and_keeps_the_words() -> None:
    now = parse_date({"on": "2022-12-28", "text": "now"})
    assert views.since_text(now) == "since 28 Dec 2022"
    assert views.date_wording(now) == "now"
    assert views.since_text(None) == "undated"


DATES = ["2018", "2019", "mid-2020", "late 2022", "circa 2021", "2019/2022", "since 2014", None]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("ab"), st.sampled_from("xt"), st.sampled_from(DATES)),
        max_size=12,
    )
)
def test_history_is_every_position_once_grouped_and_in_date_order(
    drawn: list[tuple[str, str, str | None]],
) -> None:
    chosen = [
        position(f"{topic}{n}", "supports", when, actor=actor)
        for n, (actor, topic, when) in enumerate(drawn)
    ]
    histories = query.position_history(chosen)
    assert sorted(p.id for h in histories for p in h.steps) == sorted(p.id for p in chosen)
    assert len({(h.actor, h.topic) for h in histories}) == len(histories)
    for h in histories:
        assert all((p.actor, p.topic) == (h.actor, h.topic) for p in h.steps)
        keys = [p.date.sort_key() if p.date else UNDATED_SORT_KEY for p in h.steps]
        assert keys == sorted(keys)
        assert h.steps == h.earlier + h.current
        # The current positions are the latest; no earlier one is dated as late.
        assert all(keys[len(h.earlier)][:6] > k[:6] for k in keys[: len(h.earlier)])


# -- the matrix ----------------------------------------------------------------------------


def stances() -> FactBase:
    return load(STANCES).facts


def test_the_matrix_shows_the_stance_held_now_and_what_it_was() -> None:
    facts = stances()
    m = query.matrix(facts, query.positions(facts))
    assert m.stances("ruritania", "pipeline") == ["balances"]
    history = m.history("ruritania", "pipeline")
    assert history is not None and history.was is not None
    assert history.was.stance == "supports"
    assert m.stances("borduria", "sanctions") == ["refuses"]
    assert m.history("council", "sanctions") is None and m.stances("council", "sanctions") == []


def test_the_matrix_as_of_an_earlier_date_shows_the_stance_held_then() -> None:
    facts = query.as_of(stances(), date(2021, 6, 30))
    m = query.matrix(facts, query.positions(facts))
    assert m.stances("ruritania", "pipeline") == ["supports"]
    assert m.stances("ruritania", "sanctions") == ["opposes"]
    early = query.as_of(stances(), date(2020, 12, 31))
    m = query.matrix(early, query.positions(early))
    assert m.stances("ruritania", "sanctions") == ["undecided"]
    assert m.history("council", "pipeline") is None


# -- the command line ----------------------------------------------------------------------


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "--facts", STANCES])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_history_json_shape(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "positions", "--history", "-f", "json"))
    assert list(data) == ["history", "as_of", "known_by"]
    first = data["history"][1]
    assert list(first) == ["actor", "topic", "stances", "was", "positions"]
    assert (first["actor"], first["topic"]) == ("ruritania", "pipeline")
    assert first["stances"] == ["balances"]
    assert first["was"] == "supports"
    assert [p["id"] for p in first["positions"]] == [
        "ruritania-backs-pipeline",
        "ruritania-weighs-pipeline",
    ]
    assert first["positions"][0]["date"] == "2019"


def test_history_filters_and_as_of(runner: CliRunner) -> None:
    out = invoke(runner, "positions", "--history", "-a", "ruritania", "--as-of", "2021", "-f", "md")
    check_markdown(out)
    assert "*As of 2021-12-31.*" in out
    assert "**supports** (since 2019)[^1] |" in out
    assert "balances" not in out and "| Borduria |" not in out
    assert "**undecided** (undated)[^2] → **opposes** (since c. 2021)[^3]" in out


def test_history_with_nothing_to_show(runner: CliRunner) -> None:
    empty = ["positions", "--history", "--actor", "borduria", "--as-of", "2010"]
    assert invoke(runner, *empty, "-f", "md").endswith("\n\nNo positions match.\n")
    assert json.loads(invoke(runner, *empty, "-f", "json"))["history"] == []
    assert invoke(runner, *empty, "-f", "rich") == "No positions match.\n"


def test_matrix_and_history_together_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["positions", "--matrix", "--history", "--facts", STANCES])
    assert result.exit_code == 2
    assert "--matrix and --history" in result.stderr


def test_profile_shows_a_sequence_only_for_topics_with_several_positions(runner: CliRunner) -> None:
    out = invoke(runner, "actor", "borduria", "-f", "md")
    over_time = out.split("## Positions over time")[1].split("##")[0]
    assert "- Sanctions on Borduria: **refuses** (mid-2020) → **refuses** (since late 2022)" in (
        over_time
    )
    assert "pipeline" not in over_time  # one position on the pipeline: no sequence
    rich = invoke(runner, "actor", "ruritania", "-f", "rich")
    assert "Positions over time" in rich
    assert "Positions over time" not in invoke(runner, "actor", "borduria", "--as-of", "2021")


def test_goldens_are_valid_markdown() -> None:
    for name in ("history", "matrix", "matrix-2021", "actor-ruritania", "actor-council"):
        check_markdown((GOLDEN / "views" / f"stances-{name}.md").read_text(encoding="utf-8"))
