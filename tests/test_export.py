"""`briefing export`: the stable, normalised shape scripts rely on."""

from __future__ import annotations

import dataclasses
import datetime
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing.cli import app
from briefing.dates import DateError, parse_date, parse_period
from briefing.export import fact_base, fact_file, write_date
from briefing.loader import bundled_facts, load
from briefing.render.json import dumps as json_dumps
from briefing.render.yaml import dumps as yaml_dumps
from briefing.settings import SETTINGS_FILES, settings_file
from tests.conftest import FIXTURES, GOLDEN, REPO
from tests.test_fields import SETTINGS, fact_bases, write

MINI = str(FIXTURES / "mini")


def test_json_export_matches_golden(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "--facts", MINI, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (GOLDEN / "export-mini.json").read_text(encoding="utf-8")


def test_yaml_export_matches_golden(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "--facts", MINI, "-f", "yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (GOLDEN / "export-mini.yaml").read_text(encoding="utf-8")


def test_export_shape(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["export", "--facts", MINI]).stdout)
    assert list(data) == [
        "sources",
        "topics",
        "actors",
        "events",
        "positions",
        "relations",
        "judgments",
        "briefs",
    ]
    event = data["events"][0]
    assert {k: event[k] for k in ("id", "date", "start", "end", "precision")} == {
        "id": "deal-signed",
        "date": "late November 2022",
        "start": "2022-11-21",
        "end": "2022-11-30",
        "precision": "part-of-month",
    }
    assert event["sources"][0] == {
        "source": "daily-2022-12-01",
        "quote": "signed the deal in late November",
        "note": "paragraph 1",
    }
    actor = data["actors"][0]
    assert (actor["name"], actor["kind"], actor["aliases"]) == (
        "Ruritania",
        "state",
        ["Ruritanian", "Strelsau"],
    )
    capital = actor["attributes"][1]
    assert (capital["value"], capital["start"], capital["end"]) == ("Strelsau", "2020-03-11", None)
    for collection in data.values():
        for item in collection:
            if "sources" in item:
                assert item["sources"], item


def test_export_refuses_a_fact_base_with_problems(runner: CliRunner, tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("actros: []\n")
    result = runner.invoke(app, ["export", "--facts", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown collection `actros`; did you mean `actors`?" in result.stderr
    assert "run `briefing check --facts" in result.stderr


# -- the fact file: `export -f yaml` loads back ---------------------------------------------


def exported(location: Path) -> tuple[str, str, list[str]]:
    """The YAML export, the JSON export and the problem messages of the fact base at
    ``location``, loaded without the cache and keeping facts with errors (a view would leave
    them out, and then what refers to them would have new errors)."""
    loaded = load(location, use_cache=False, tolerant=False)
    # Knock-on errors name lines, which differ between the files and the export.
    messages = sorted(p.message for p in loaded.problems if "which has errors" not in p.message)
    return yaml_dumps(fact_file(loaded.facts)), json_dumps(fact_base(loaded.facts)), messages


def assert_round_trip(location: Path, folder: Path) -> None:
    """Export, load the export, export again: the same text and the same worked-out dates,
    with no problem the fact base did not have (so none for a fact base that had none)."""
    first, first_json, problems = exported(location)
    settings = settings_file(location)
    if settings is not None:  # settings are not facts: they stay beside the export
        shutil.copy(settings, folder / settings.name)
    (folder / "all.yaml").write_text(first, encoding="utf-8")
    again, again_json, problems_again = exported(folder / "all.yaml")
    assert again == first
    assert again_json == first_json
    assert set(problems_again) <= set(problems)


@settings(SETTINGS, max_examples=40)
@given(fact_bases())
def test_a_generated_fact_base_exports_to_a_file_that_loads_back_the_same(files) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder) / "facts", files)
        assert_round_trip(Path(folder) / "facts", Path(folder))


@settings(SETTINGS, max_examples=10)
@given(fact_bases(full=True))
def test_every_field_set_exports_and_loads_back(files) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder) / "facts", files)
        assert_round_trip(Path(folder) / "facts", Path(folder))


@pytest.mark.parametrize(
    "location",
    [
        REPO / "facts",
        *sorted(p for p in FIXTURES.iterdir() if any(p.glob("*.yaml"))),
        *sorted(p for p in FIXTURES.glob("*/*.yaml") if p.name not in SETTINGS_FILES),
    ],
    ids=str,
)
def test_the_bundled_facts_and_every_fixture_load_back(location: Path, tmp_path: Path) -> None:
    assert_round_trip(location, tmp_path)


def test_yaml_export_checks_clean_and_exports_identically(runner: CliRunner, tmp_path) -> None:
    first = runner.invoke(app, ["export", "-f", "yaml"])
    assert first.exit_code == 0, first.output
    (tmp_path / "all.yaml").write_text(first.stdout, encoding="utf-8")
    check = runner.invoke(app, ["check", "--facts", str(tmp_path / "all.yaml")])
    assert check.exit_code == 0, check.output
    assert ": no problems;" in check.stdout
    again = runner.invoke(app, ["export", "-f", "yaml", "--facts", str(tmp_path / "all.yaml")])
    assert again.stdout == first.stdout


WRITTEN = [
    # (as written in a fact file, as the export writes it)
    ("2022-11-29", "2022-11-29"),
    ("circa 2019", "circa 2019"),
    ({"on": "2022-11-30", "text": "a day later"}, {"on": "2022-11-30", "text": "a day later"}),
    ({"on": "mid-September 2022", "text": "x"}, {"on": "mid September 2022", "text": "x"}),
    ({"on": "c. winter 2022", "text": "x"}, {"on": "circa winter 2022", "text": "x"}),
    ({"on": "2022 Q3", "text": "x"}, {"on": "Q3 2022", "text": "x"}),
    ({"on": "late 2022", "text": "x"}, {"on": "late 2022", "text": "x"}),
    ({"on": "Nov. 2022", "text": "x"}, {"on": "2022-11", "text": "x"}),
    (
        {"from": "2019", "until": "March 2022", "text": "x"},
        {"from": "2019", "until": "2022-03", "text": "x"},
    ),
    ({"from": "2019-05-02", "text": "x"}, {"from": "2019-05-02", "text": "x"}),
    ({"until": "~2019", "text": "x"}, {"until": "circa 2019", "text": "x"}),
    ({"from": "2019"}, "from 2019"),
]


@pytest.mark.parametrize(("written", "expected"), WRITTEN)
def test_a_date_is_written_as_its_text_or_as_worked_out_bounds_with_it(written, expected) -> None:
    when = parse_date(written)
    assert write_date(when) == expected
    assert parse_date(write_date(when)) == when


CIRCA_2019 = {"on": "circa 2019", "text": "a – b"}
PERIODS = [
    ("2019", None, {"from": "2019"}),
    (None, "late 2022", {"until": "late 2022"}),
    ("2019", "2022-03", {"from": "2019", "until": "2022-03"}),
    # Words holding the dash that joins the two sides.
    (CIRCA_2019, "2022", {"from": CIRCA_2019, "until": "2022"}),
    (
        "2019",
        {"on": "late 2022", "text": "x"},
        {"from": "2019", "until": {"on": "2022", "text": "x"}},
    ),
]


@pytest.mark.parametrize(("start", "until", "expected"), PERIODS)
def test_a_period_is_written_as_its_two_sides(start, until, expected) -> None:
    period = parse_period(start, until)
    assert period is not None
    assert write_date(period, period=True) == expected
    assert parse_period(expected.get("from"), expected.get("until")) == period


WORDS = st.sampled_from(["a day later", "early in the war", "a – b", "x – y – z", "from b", "2022"])


@st.composite
def single_dates(draw: Any) -> str:
    """One single date in any of the forms a curator may write, around a random day."""
    day = draw(st.dates(min_value=datetime.date(1, 3, 1), max_value=datetime.date(9999, 11, 30)))
    month = day.strftime("%B")
    year = f"{day.year:04d}"
    form = draw(
        st.sampled_from(
            [
                day.isoformat(),
                f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}",
                f"{day.day} {month} {year}, {draw(st.integers(1, 12))} p.m. UTC",
                f"{day.day} {month} {year}",
                f"{year}-{day.month:02d}",
                f"{draw(st.sampled_from(['early', 'mid', 'late']))} {month} {year}",
                f"{draw(st.sampled_from(['spring', 'summer', 'autumn', 'winter']))} {year}",
                f"Q{draw(st.integers(1, 4))} {year}",
                f"{draw(st.sampled_from(['early', 'mid-', 'late']))} {year}".replace("- ", "-"),
                year,
            ]
        )
    )
    circa = str(draw(st.sampled_from(["", "circa ", "c. "])))
    return circa + str(form) + str(draw(st.sampled_from(["", "", "?"])))


@settings(SETTINGS, max_examples=300)
@given(data=st.data())
def test_every_date_and_period_is_written_to_read_back_the_same(data: Any) -> None:
    def side() -> Any:
        value = data.draw(single_dates())
        return {"on": value, "text": data.draw(WORDS)} if data.draw(st.booleans()) else value

    start, until = data.draw(st.sampled_from([(1, 1), (1, 0), (0, 1)]))
    first, last = (side() if start else None), (side() if until else None)
    try:
        period = parse_period(first, last)
    except DateError:  # the period ends before it starts
        return
    assert period is not None
    sides = write_date(period, period=True)
    assert parse_period(sides.get("from"), sides.get("until")) == period
    dates: list[Any] = [d for d in (first, last) if d is not None]
    plain = {k: v for k, v in {"from": first, "until": last}.items() if isinstance(v, str)}
    if plain:  # the same bounds as one date mapping with words of its own
        dates.append({**plain, "text": data.draw(WORDS)})
    for written in dates:
        when = parse_date(written)
        assert parse_date(write_date(when)) == when


@pytest.mark.parametrize(
    "text", ["2022-02-24T05:45", "24 February 2022, 00:00 UTC+3", "4/3/2023 09:30"]
)
def test_a_time_of_day_survives_a_date_written_out(text: str) -> None:
    import dataclasses

    read = parse_date(text, "day-first")
    assert read.start_time is not None
    assert parse_date(write_date(read), "day-first") == read  # its text
    reworded = dataclasses.replace(read, text="at dawn, the post says")
    written = write_date(reworded)
    assert isinstance(written, dict) and parse_date(written) == reworded  # its bounds


@pytest.mark.parametrize(
    "text",
    [
        "H2 2022",
        "the early 1990s",
        "1990s",
        "mid-1990s",
        "late 1990s",
        "44 BC",
        "circa 500 BCE",
        "2019?",
        "circa March 2022?",
        "44 BC?",
        "2019?/2022",
        "after 2019?",
        "24 February 2022, 05:45 to 09:00",
        "2022-02-24T05:45/2022-02-25T09:00Z",
        "until 24 Feb 2022, 9 pm UTC+3",
        "500 BCE to 44 BC",
        "44 BC to AD 14",
        "before 44 BC",
        "c. 500 BCE to 44 BC?",
    ],
)
def test_halves_decades_and_years_bc_survive_in_worked_out_bounds(text: str) -> None:
    import dataclasses

    reworded = dataclasses.replace(parse_date(text), text="as the source puts it")
    assert parse_date(write_date(reworded)) == reworded


def test_a_date_s_fields_are_fresh_dicts_each_time() -> None:
    from briefing.export import date_fields
    from briefing.model import Anchor

    anchored = parse_date("2022-02-24")
    anchored = dataclasses.replace(anchored, text="after e", anchor=Anchor("after", "e", "2 days"))
    for when in (parse_date("spring 2019"), anchored, None):
        first = date_fields(when, "published")
        first["anchor" if "anchor" in first else "start"] = {"changed": True}
        again = date_fields(when, "published")
        assert again != first
        assert again == date_fields(when, "published") is not again
    assert again == {
        "published": None,
        "start": None,
        "end": None,
        "precision": None,
        "approximate": False,
        "uncertain": False,
        "edtf": None,
    }
    fields = date_fields(anchored)
    assert fields["anchor"] == {"after": "e", "offset": "2 days"}
    fields["anchor"]["offset"] = None
    assert date_fields(anchored)["anchor"] == {"after": "e", "offset": "2 days"}


def test_a_long_fact_file_is_written_in_slices_as_it_would_be_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import yaml

    from briefing.render import yaml as yaml_render

    data = {
        "events": [
            {"id": f"e{n}", "title": "t " * n, "sources": [{"quote": "q"}]} for n in range(7)
        ],
        "actors": [],
        "topics": [{"id": "t", "name": "T\u202e"}],
    }
    whole = yaml_render.dumps(data)
    monkeypatch.setattr(yaml_render, "CHUNK", 2)
    assert yaml_render.dumps(data) == whole
    assert yaml.safe_load(whole) == data


def test_the_fact_file_makes_each_fact_as_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import export

    facts = load(bundled_facts()).facts
    made: list[object] = []
    written = export._written

    def counted(fact: object) -> dict[str, Any]:
        made.append(fact)
        return written(fact)

    monkeypatch.setattr(export, "_written", counted)
    lazy = fact_file(facts)
    assert made == []  # nothing made before it is read
    next(iter(lazy["events"]))
    assert made[0] == facts.events[0]  # the first event (with its citations), and no more
    assert all(not hasattr(fact, "id") for fact in made[1:])
    whole = {name: list(items) for name, items in lazy.items()}
    assert lazy == whole and whole == lazy
    assert yaml_dumps(lazy) == yaml_dumps(whole)


# -- the fast YAML writer against PyYAML -----------------------------------------------------

_TRICKY = [" ", "  ", ":", ": ", " #", "#", "'", '"', "-", "- ", "?", "é", "\u00a0", "\u2028",
           "\x85", "\ufeff", "😀", "\t", "\n", "yes", "no", "null", "~", "2019", "2022-12-01",
           "1e5", "0x1F", "12:30", ".inf", "a", "Kazakhstan", "x" * 30, "[", "{", "&", "*", "!",
           "|", ">", "%", "@", "`", ",", "=", "<<", ""]  # fmt: skip
# Plain words, the text most facts hold; a trap among them, or a run of them past the width.
_WORD = st.text("abcXYZé", min_size=1, max_size=10) | st.sampled_from(
    ["Russia's", "U.S.", "well-known", "1991", "a,b", "x:y", "(so)", "50%", "a#b", "Ça", "“q”"]
)
_WORDS = st.lists(_WORD, min_size=1, max_size=30).map(" ".join)
_TEXT = st.one_of(
    _WORDS,
    _WORDS,
    st.tuples(_WORDS, st.sampled_from(_TRICKY), _WORDS).map("".join),
    st.tuples(st.sampled_from(_TRICKY), _WORDS).map("".join),
    st.tuples(_WORDS, st.sampled_from(_TRICKY)).map("".join),
    st.lists(st.sampled_from(_TRICKY) | st.text(max_size=3), max_size=12).map("".join),
)
_KEYS = st.sampled_from(["id", "title", "summary", "from", "until", "x-note", "of", "sources"]) | (
    st.sampled_from(["on", "yes", "a b", "", "k" * 101, "2019"])
)
_SCALARS = st.one_of(_TEXT, _TEXT, _TEXT, st.none(), st.booleans(), st.integers(), st.floats())
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=8,
)
_FACTS = st.dictionaries(_KEYS, _VALUES, max_size=6)


@settings(max_examples=1500, deadline=None)
@given(st.dictionaries(st.sampled_from(["events", "actors", "yes"]), st.lists(_FACTS, max_size=4)))
def test_the_fast_yaml_writer_writes_what_pyyaml_writes(data: dict[str, Any]) -> None:
    from briefing.render import yaml as yaml_render

    assert "".join(yaml_render._pieces(data, True)) == yaml_render._dump(data, True)


@given(st.text(st.characters(max_codepoint=0x7F)) | st.text())
def test_the_fast_yaml_writer_tells_printable_text_as_its_pattern_does(text: str) -> None:
    from briefing.render import yaml as yaml_render

    assert yaml_render._printable(text) is not bool(yaml_render._UNPRINTABLE.search(text))


def _trap_values() -> list[str]:
    values = [w + t + w for t in _TRICKY for w in ("ab", "2019")]
    values += [t + "ab" for t in _TRICKY] + ["ab" + t for t in _TRICKY] + [t for t in _TRICKY]
    values += ["it's 2019", "'2019'", "2019's", "2019-01-01 it's"]
    # Around the width: every length from 80 to 120 characters, words of 1 to 7 letters.
    for length in range(80, 121):
        for word in range(1, 8):
            text = " ".join(["w" * word] * (length // (word + 1) + 1))[:length].strip()
            values += [text, text.replace("w", "2", 1), "1 " + text, text.replace(" ", "  ")]
    return values


def test_the_fast_yaml_writer_writes_every_trap_as_pyyaml_does() -> None:
    """Each trap in plain words, at the start and at the end, and text folded around the
    width, at three depths: the same bytes as PyYAML."""
    from briefing.render import yaml as yaml_render

    facts = [
        {"id": "x", "title": value, "sources": [{"quote": value, "of": [value]}]}
        for value in _trap_values()
    ]
    data = {"events": facts, "actors": [{"id": "a", "sources": [value]} for value in _TRICKY]}
    assert "".join(yaml_render._pieces(data, True)) == yaml_render._dump(data, True)


def test_the_fast_yaml_writer_writes_most_of_a_real_fact_file() -> None:
    """The bundled base, whole: the same bytes as PyYAML, and most facts by the fast writer."""
    from briefing.export import fact_file
    from briefing.render import yaml as yaml_render

    data = {k: list(v) for k, v in fact_file(load(bundled_facts()).facts).items()}
    assert yaml_render.dumps(data) == yaml_render._dump(data, True)
    items = [item for items in data.values() for item in items]
    fast = [item for item in items if yaml_render._fast_item(item) is not None]
    assert len(fast) >= 0.9 * len(items)
