"""`briefing import`: events from a spreadsheet become a new fact file, never an edited one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from briefing import importer
from briefing.cli import app
from briefing.loader import load
from tests.conftest import FIXTURES, REPO

EXAMPLE = REPO / "examples" / "events.csv"
HEADER = "date,title,actors,topics,source_title,quote\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))}


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, ["import", *map(str, args)])


def test_the_example_goes_into_an_empty_folder_and_checks_clean(runner, tmp_path) -> None:
    result = runner.invoke(app, ["import", str(EXAMPLE), "--into", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (written,) = tmp_path.iterdir()
    assert written.name.startswith("imported-") and written.name.endswith("-events.yaml")
    assert "wrote" in result.stderr and "3 new events" in result.stderr
    assert ": no problems;" in result.stdout
    loaded = load(tmp_path, use_cache=False)
    assert not loaded.problems
    assert [e.date.text for e in loaded.facts.events] == [
        "mid-January 2023",
        "2023-02-03",
        "Q1 2023",
    ]
    kinds = {a.name: a.kind for a in loaded.facts.actors}
    assert kinds["Borduria Gas Company"] == "company" and kinds["Borduria"] == "other"
    assert kinds["Rudolf Rassendyll"] == "person"
    # Rows 1 and 3 cite one source: it is created once.
    assert [s.title for s in loaded.facts.sources] == [
        "Pipeline opens a week late",
        "Ruritania protests transit fees",
    ]
    # Importing again adds nothing: every event is already there.
    again = runner.invoke(app, ["import", str(EXAMPLE), "--into", str(tmp_path)])
    assert again.exit_code == 0, again.output
    assert "no new events; nothing written" in again.stderr
    assert len(list(tmp_path.iterdir())) == 1


def test_existing_actors_topics_and_sources_are_matched_and_no_file_is_touched(
    runner, tmp_path
) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(FIXTURES / "mini", facts)
    before = snapshot(facts)
    csv = tmp_path / "more.csv"
    csv.write_text(
        HEADER + "2023-03-01,Talks resume,STRELSAU; bórduria; The Daily Example,pipeline deal,"
        "daily-2022-12-01,talks that opened this year\n",
        encoding="utf-8",
    )
    result = run(runner, csv, "--into", facts)
    assert result.exit_code == 0, result.output
    after = snapshot(facts)
    assert {k: after[k] for k in before} == before
    (new,) = set(after) - set(before)
    loaded = load(facts, use_cache=False)
    assert not loaded.problems
    event = loaded.facts.events[-1]
    # Strelsau is an alias of Ruritania; accents and case do not matter.
    assert event.actors == ("ruritania", "borduria", "the-daily-example")
    assert event.topics == ("pipeline",)
    assert event.sources[0].source == "daily-2022-12-01"
    assert [a.id for a in loaded.facts.actors][-1] == "the-daily-example"
    assert len(loaded.facts.sources) == 1
    assert new.startswith("imported-") and new.endswith("-more.yaml")


def test_dry_run_shows_the_file_and_writes_nothing(runner, tmp_path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(FIXTURES / "mini", facts)
    before = snapshot(facts)
    result = run(runner, EXAMPLE, "--into", facts, "--dry-run")
    assert result.exit_code == 0, result.output
    assert snapshot(facts) == before
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"# {facts}/imported-") and first.endswith("(not written: --dry-run)")
    assert "events:\n- id: borduria-opens-the-pipelines-first-section\n" in result.stdout


def test_a_file_name_in_use_is_never_overwritten(runner, tmp_path, monkeypatch) -> None:
    (tmp_path / "taken.yaml").write_text("topics: []\n", encoding="utf-8")
    monkeypatch.setattr(importer, "file_name", lambda path, now: "taken.yaml")
    result = run(runner, EXAMPLE, "--into", tmp_path)
    assert result.exit_code == 1
    assert "taken.yaml already exists; nothing written" in result.stderr
    assert (tmp_path / "taken.yaml").read_text(encoding="utf-8") == "topics: []\n"


HOSTILE = [
    "key: value\nsources: [{source: x, quote: y}]",
    "- a list\n- !!python/object/apply:os.system ['rm -rf /']",
    "&anchor [*anchor, *anchor]",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\x1b[31mred\x1b[0m \u202eevil\u202c",
    "nul \x00 and bell \x07 and nel \x85 and ls \u2028 end",
    "'quoted' \"double\" # not a comment",
    "--- \n...",
    "{x: 1}",
    "null",
    "yes",
    "2022-11-29",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_cells_stay_text(runner, tmp_path, text: str) -> None:
    csv = tmp_path / "hostile.csv"
    quoted = '"' + text.replace('"', '""') + '"'
    csv.write_text(
        "date,title,summary,actors,topics,source_title,quote\n"
        f"2023,{quoted},{quoted},{quoted},{quoted},{quoted},{quoted}\n",
        encoding="utf-8",
    )
    facts = tmp_path / "facts"
    facts.mkdir()
    result = run(runner, csv, "--into", facts)
    assert result.exit_code == 0, result.output
    loaded = load(facts, use_cache=False)
    assert not loaded.errors  # the source has no reliability grade: only a warning
    (event,) = loaded.facts.events
    assert event.title == event.summary == event.sources[0].quote == text.strip()
    assert loaded.facts.sources[0].title == text.strip()
    assert [a.name for a in loaded.facts.actors] == [t.strip() for t in text.split(";")]


BAD = [
    ("date,title\n2023,x\n", 1, "no `source_title`, `quote` column"),
    ("dat,title,source_title,quote\n", 1, "unknown column `dat`; did you mean `date`?"),
    ("date;title;source_title;quote\n", 1, "separate the columns with commas"),
    (HEADER + "soon,x,,,s,q\n", 2, "row 2, `date`: cannot read 'soon' as a date"),
    (HEADER + "2022-02-30,x,,,s,q\n", 2, "row 2, `date`: 2022-02-30: February 2022 has no day 30"),
    (HEADER + "2023,x,,,s,q,extra\n", 2, "row 2 has 7 cells but the header names 6 columns"),
    (HEADER + "2023,,,,s,q\n", 2, "row 2, `title`: empty; every event needs"),
    (HEADER + '2023,"open quote,,,s,q\n', 2, "row 2: cannot read the CSV from here"),
    ("", 0, "the file is empty"),
    (HEADER, 0, "the file has a header but no events below it"),
    ("date,title,actor_kinds,actors,source_title,quote\n2023,x,stat,a,s,q\n", 2, "did you mean"),
    ("date,title,source_title,quote,source_url\n2023,x,s,q,ftp://x\n", 2, "not a web address"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD)
def test_a_bad_spreadsheet_is_named_with_its_row_and_nothing_is_written(
    runner, tmp_path, text: str, line: int, message: str
) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text(text, encoding="utf-8")
    facts = tmp_path / "facts"
    facts.mkdir()
    result = run(runner, csv, "--into", facts)
    assert result.exit_code == 1, result.output
    where = f"{csv}:{line}: " if line else f"{csv}: "
    assert any(row.startswith(where) and message in row for row in result.stderr.splitlines()), (
        result.stderr
    )
    assert result.stderr.rstrip().endswith("nothing written")
    assert "Traceback" not in result.output
    assert list(facts.iterdir()) == []


def test_not_utf8_and_a_huge_file_are_refused(runner, tmp_path, monkeypatch) -> None:
    csv = tmp_path / "latin1.csv"
    csv.write_bytes((HEADER + "2023,Café,,,s,q\n").encode("latin-1"))
    result = run(runner, csv, "--into", tmp_path)
    assert result.exit_code == 1
    assert f"{csv}:2: not valid UTF-8; save the spreadsheet as CSV UTF-8" in result.stderr
    monkeypatch.setattr(importer, "MAX_CSV_BYTES", 10)
    result = run(runner, EXAMPLE, "--into", tmp_path)
    assert result.exit_code == 1
    assert "the file is larger than" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["latin1.csv"]


def test_a_missing_file_or_folder_is_one_line(runner, tmp_path) -> None:
    result = run(runner, tmp_path / "none.csv", "--into", tmp_path)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"briefing: {tmp_path}/none.csv: cannot read the file: No such file or directory\n"
    )
    result = run(runner, EXAMPLE, "--into", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such folder; create it first" in result.stderr


def test_ids_are_ascii_slugs_unique_in_the_fact_base(runner, tmp_path) -> None:
    assert importer.slug("Borduria’s Gas Company (BGC)", "x") == "bordurias-gas-company-bgc"
    assert importer.slug("Ñoño Zürich", "x") == "nono-zurich"
    assert importer.slug("Путин", "actor") == "actor"
    assert len(importer.slug("word " * 40, "x")) <= importer.MAX_ID_LENGTH
    csv = tmp_path / "same.csv"
    csv.write_text(HEADER + "2023,Talks open,Путин; Ruritania,,s,q\n", encoding="utf-8")
    facts = tmp_path / "facts"
    shutil.copytree(FIXTURES / "mini", facts)
    assert run(runner, csv, "--into", facts).exit_code == 0
    loaded = load(facts, use_cache=False)
    assert loaded.facts.events[-1].id == "talks-open-2"
    assert loaded.facts.events[-1].actors == ("actor", "ruritania")


def test_place_waits_for_the_field(runner, tmp_path) -> None:
    result = run(runner, EXAMPLE, "--into", tmp_path, "--dry-run")
    from briefing import spec

    if "place" in [f.name for f in spec.COLLECTION_FIELDS["events"]]:
        assert "place: Szohôd" in result.stdout
    else:
        assert "the `place` column is left out" in result.stderr
        assert "Szohôd\n" not in result.stdout
