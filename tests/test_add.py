"""`briefing add`: a fact checked with the rest of the fact base, then appended to its file
with every other byte of the file kept; never written over a concurrent edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from briefing import authoring
from briefing.cli import whole_app
from briefing.loader import load

app = whole_app()  # `add` included

SOURCE = ["--title", "Kazakhstan faces challenging times", "--publisher", "The Washington Times"]
SOURCE += ["--author", "Kamran Bokhari", "--published", "2022-12-28", "--reliability", "B"]
CITE = ["--source", "kazakhstan-faces-challenging-times", "--quote", "Russia invaded Ukraine"]

# A hand-written file: comments everywhere, blank lines, flow lists, quoting styles, keys
# out of the spec's order, a block scalar, and a document end.
HAND_WRITTEN = """\
# Events of the war, kept by hand.   Two spaces here stay.

events:   # the timeline
    # first, the invasion
    -   title: "Russia invades Ukraine"   # double quotes kept
        id: invasion
        date: 'late February 2022'
        actors: [russia,   kazakhstan]
        summary: |
          Kept as a block,
            with its indentation.

        sources:
          - {source: kazakhstan-faces-challenging-times, quote: Russia invaded Ukraine}
    # a comment after the last event, indented like it

# a comment about what follows
"""


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, [*map(str, args)])


def add(runner: CliRunner, base: Path, kind: str, *args: str) -> Result:
    return run(runner, "add", kind, "--facts", base, *args)


@pytest.fixture
def base(runner: CliRunner, tmp_path: Path) -> Path:
    """A new fact base with a source and two actors."""
    folder = tmp_path / "base"
    assert run(runner, "init", folder).exit_code == 0
    for kind, args in (
        ("source", SOURCE),
        ("actor", ["--name", "Kazakhstan", "--kind", "state", "--alias", "Astana"]),
        ("actor", ["--name", "Russia", "--kind", "state"]),
    ):
        result = add(runner, folder, kind, *args)
        assert result.exit_code == 0, result.output
    return folder


def test_every_kind_is_added_and_the_base_checks_clean(runner, base) -> None:
    for kind, args in (
        ("topic", ["--name", "Gas union", "--label", "the gas union"]),
        ("event", ["--date", "late February 2022", "--title", "Russia invades Ukraine"]),
        ("position", ["--actor", "Kazakhstan", "--topic", "gas-union", "--stance", "opposes"]),
        ("relation", ["--subject", "russia", "--type", "pressures", "--object", "kazakhstan"]),
        ("judgment", ["--statement", "Russia's hold is waning", "--by", "author"]),
    ):
        extra = {"event": [*CITE, "--actor", "russia"], "topic": []}.get(kind, CITE)
        result = add(runner, base, kind, *args, *extra)
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() in result.stderr  # the id, on stdout for scripts
    checked = run(runner, "--strict", "check", "--facts", base)
    assert checked.exit_code == 0, checked.output
    facts = load(base, use_cache=False).facts
    counts = facts.counts()
    assert all(counts[c] == n for c, n in [("sources", 1), ("actors", 2), ("events", 1)])
    assert all(counts[c] == 1 for c in ("topics", "positions", "relations", "judgments"))
    (event,) = facts.events
    assert event.id == "russia-invades-ukraine" and event.actors == ("russia",)
    assert event.date.text == "late February 2022"
    (position,) = facts.positions
    assert (position.id, position.actor) == ("kazakhstan-gas-union", "kazakhstan")


def test_a_hand_written_file_keeps_every_byte_through_ten_adds(runner, base) -> None:
    path = base / "events.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    text = HAND_WRITTEN
    for n in range(10):
        date = f"{n + 1} March 2022"
        result = add(runner, base, "event", "--date", date, "--title", "Talks", *CITE)
        assert result.exit_code == 0, result.output
        new = path.read_text(encoding="utf-8")
        # What was there is all there, line for line, the new block inserted in one place.
        old_lines, new_lines = text.splitlines(True), new.splitlines(True)
        pairs = zip(old_lines, new_lines, strict=False)
        at = next(i for i, (a, b) in enumerate(pairs) if a != b)
        rest = len(old_lines) - at
        assert new_lines[:at] == old_lines[:at] and new_lines[-rest:] == old_lines[at:]
        inserted = "".join(new_lines[at:-rest])
        assert inserted.startswith("    - id: talks") and "#" not in inserted
        text = new
    ids = [e.id for e in load(base, use_cache=False).facts.events]
    assert ids == ["invasion", "talks", *(f"talks-{n}" for n in range(2, 11))]
    # Every new event comes after the last line of the one before it, before the comments
    # that follow the list.
    assert text.index("talks-10") < text.index("# a comment after the last event")


def test_nothing_is_written_when_the_fact_has_a_problem(runner, base) -> None:
    before = (base / "positions.yaml").read_bytes()
    result = add(
        runner, base, "position", "--actor", "russia", "--topic", "nowhere", "--stance", "no", *CITE
    )
    assert result.exit_code == 1
    assert "no topic `nowhere`" in result.stderr
    assert (base / "positions.yaml").read_bytes() == before
    run(runner, "add", "topic", "--facts", base, "--name", "Gas union")
    result = add(
        runner,
        base,
        "position",
        "--actor",
        "russia",
        "--topic",
        "gas-union",
        "--stance",
        "no",
        *CITE,
    )
    assert result.exit_code == 1
    assert "stance" in result.stderr and "nothing written" in result.stderr
    assert (base / "positions.yaml").read_bytes() == before


def test_dry_run_shows_the_yaml_and_writes_nothing(runner, base) -> None:
    before = (base / "events.yaml").read_bytes()
    args = ["--date", "2022-11-29", "--title", "Gas union", *CITE, "--dry-run"]
    result = add(runner, base, "event", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ") and "events.yaml, at line " in result.stdout
    assert "- id: gas-union\n  date: '2022-11-29'\n  title: Gas union\n" in result.stdout
    assert "date 2022-11-29 → 29 Nov 2022" in result.stderr
    assert (base / "events.yaml").read_bytes() == before


def test_an_edit_between_reading_and_writing_is_refused(runner, base, monkeypatch) -> None:
    import briefing.loader

    path = base / "events.yaml"
    real = briefing.loader.load

    def edited_meanwhile(*args, **kwargs):  # the check before writing: someone saves
        if kwargs.get("replaced"):
            path.write_text(path.read_text(encoding="utf-8") + "# saved by hand\n", "utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(briefing.loader, "load", edited_meanwhile)
    result = add(runner, base, "event", "--date", "2022", "--title", "Talks", *CITE)
    assert result.exit_code == 1
    assert "changed since it was read; nothing written" in result.stderr
    assert path.read_text(encoding="utf-8").endswith("# saved by hand\n")
    assert "talks" not in path.read_text(encoding="utf-8")
    assert not [p for p in base.iterdir() if p.name.endswith(".tmp")]


def test_the_bundled_fact_base_is_never_written(runner, monkeypatch) -> None:
    monkeypatch.delenv("BRIEFING_FACTS", raising=False)
    result = run(runner, "add", "topic", "--name", "Anything")
    assert result.exit_code == 2
    assert "a fact base of your own" in result.stderr


def test_a_taken_id_and_a_missing_field_are_refused(runner, base) -> None:
    result = add(runner, base, "actor", "--name", "Russia", "--kind", "state")
    assert result.exit_code == 0  # proposed: russia-2
    assert result.stdout == "russia-2\n"
    result = add(runner, base, "actor", "--id", "russia", "--name", "X", "--kind", "state")
    assert result.exit_code == 1 and "the id `russia` is taken" in result.stderr
    result = add(runner, base, "actor", "--name", "X")
    assert result.exit_code == 2 and "missing --kind" in result.stderr
    result = add(runner, base, "event", "--date", "2022", "--title", "T", "--source", "x")
    assert result.exit_code == 2 and "one --quote for each --source" in result.stderr


def test_names_and_aliases_become_ids(runner, base) -> None:
    args = ["--date", "2022", "--title", "T", *CITE]
    result = add(runner, base, "event", *args, "--actor", "Astana")
    assert result.exit_code == 0, result.output
    (event,) = load(base, use_cache=False).facts.events
    assert event.actors == ("kazakhstan",)
    result = add(runner, base, "event", *args, "--actor", "Borduria")
    assert result.exit_code == 1
    assert "no actor `Borduria`" in result.stderr and "briefing add actor" in result.stderr


def test_quotes_are_checked_against_the_archived_source(runner, base, tmp_path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "kazakhstan-faces-challenging-times.txt").write_text(
        "When Russia invaded Ukraine in February, much changed.", encoding="utf-8"
    )
    ok = add(runner, base, "event", "--date", "2022", "--title", "A", *CITE, "--quotes", archive)
    assert ok.exit_code == 0, ok.output
    wrong = [*CITE[:3], "Russia attacked Ukraine"]
    bad = add(runner, base, "event", "--date", "2022", "--title", "B", *wrong, "--quotes", archive)
    assert bad.exit_code == 1 and "not in its archived source" in bad.stderr
    assert [e.id for e in load(base, use_cache=False).facts.events] == ["a"]


def test_quotes_are_checked_against_the_fact_bases_own_archive(runner, base) -> None:
    (base / "sources" / "kazakhstan-faces-challenging-times.txt").write_text(
        "When Russia invaded Ukraine in February, much changed.", encoding="utf-8"
    )
    wrong = [*CITE[:3], "Russia attacked Ukraine"]
    bad = add(runner, base, "event", "--date", "2022", "--title", "B", *wrong)
    assert bad.exit_code == 1 and "quote not found verbatim" in bad.stderr
    (base / "sources" / "kazakhstan-faces-challenging-times.txt").unlink()
    ok = add(runner, base, "event", "--date", "2022", "--title", "B", *wrong)
    assert ok.exit_code == 0, ok.output  # no copy of the source: nothing to check against
    assert "archived copy" not in ok.stderr


def test_prompts_ask_for_what_is_missing_on_a_terminal(runner, base, monkeypatch) -> None:
    import briefing.curating

    monkeypatch.setattr(briefing.curating, "_interactive", lambda: True)
    answers = "in late 2022\nlate 2022\ny\nTalks in Astana\nkazakhstan-faces-challenging-times\n"
    answers += "Russia invaded Ukraine\n"
    result = runner.invoke(app, ["add", "event", "--facts", str(base)], input=answers)
    assert result.exit_code == 0, result.output
    assert "late 2022 → 1 Sep–31 Dec 2022" in result.stderr
    (event,) = load(base, use_cache=False).facts.events
    assert (event.id, event.date.text, event.title) == (
        "talks-in-astana",
        "late 2022",
        "Talks in Astana",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "events:\n  - id: x\n"),
        ("events:\n", "events:\n  - id: x\n"),
        ("events: []\n", "events:\n  - id: x\n"),
        ("events: ~  # none yet\n", "events:  # none yet\n  - id: x\n"),
        ("actors: []\n", "actors: []\nevents:\n  - id: x\n"),
        (
            "events:\n  # - id: example\n\nactors: []\n",
            "events:\n  # - id: example\n\n  - id: x\nactors: []\n",
        ),
        ("events:\n- id: a\n", "events:\n- id: a\n- id: x\n"),
        ("events:\r\n  - id: a\r\n", "events:\r\n  - id: a\r\n  - id: x\r\n"),
        ("\ufeffevents:\n- id: a", "\ufeffevents:\n- id: a\n- id: x\n"),
    ],
)
def test_where_a_fact_goes(text: str, expected: str) -> None:
    assert authoring.append(text, "events", "- id: x\n").text == expected


@pytest.mark.parametrize("text", ["events: [{id: a}]\n", "events: a\n", "- a\n", "events: [\n"])
def test_what_a_fact_cannot_be_added_to(text: str) -> None:
    with pytest.raises(authoring.CannotAdd):
        authoring.append(text, "events", "- id: x\n")


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30)


@given(title=_TEXT, summary=_TEXT, quote=_TEXT)
@settings(max_examples=60, deadline=None)
def test_any_text_is_written_as_it_reads_back(title: str, summary: str, quote: str) -> None:
    """Whatever a curator types, the block loads back as exactly the strings given."""
    import yaml

    item = authoring.fact(
        "events",
        {
            "id": "x",
            "title": title,
            "summary": summary,
            "sources": [{"source": "s", "quote": quote}],
        },
    )
    added = authoring.append(HAND_WRITTEN, "events", authoring.block("events", item))
    (_, new) = yaml.safe_load(added.text)["events"]
    assert new == item


def test_the_pre_commit_hooks_run_on_the_fact_base_they_are_given(tmp_path) -> None:
    """Each hook as pre-commit runs it: its `entry`, then the `args` a team's config gives
    (no file names), on a fact base that passes and on one that does not."""
    import shlex
    import subprocess
    import sys

    import yaml

    from tests.conftest import REPO

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["briefing-check", "briefing-fmt"]
    base = tmp_path / "facts"
    base.mkdir()
    topics = base / "topics.yaml"
    cases = {
        "briefing-check": ("topics:\n  - id: t\n    name: T\n", "topics:\n  - id: t\n"),
        "briefing-fmt": ("topics:\n  - id: t\n    name: T\n", "topics:\n- name: T\n  id: t\n"),
    }
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["pass_filenames"] is False and hook["language"] == "python"
        command, *words = shlex.split(hook["entry"])
        assert command == "briefing"
        run = [sys.executable, "-m", "briefing", *words, "--facts", str(base)]
        for text, code in zip(cases[hook["id"]], (0, 1), strict=True):
            topics.write_text(text, encoding="utf-8")
            done = subprocess.run(run, capture_output=True, check=False)
            assert done.returncode == code, (hook["id"], text, done.stderr)
            assert topics.read_text(encoding="utf-8") == text  # a hook changes nothing


def test_a_base_made_by_init_and_add_is_in_fmts_layout(runner, base) -> None:
    """A team running both hooks (check and fmt --check) is not stopped by what `add`
    wrote: a fact added is in the layout `fmt` gives."""
    args = ["--date", "late 2022", "--title", "Talks", *CITE, "--actor", "Astana"]
    assert add(runner, base, "event", *args, "--summary", "a: b").exit_code == 0
    result = run(runner, "fmt", "--check", "--facts", base)
    assert result.exit_code == 0, result.output
