"""`briefing diff`: two states of a fact base compared, from folders and from git revisions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing.cli import app
from briefing.dates import parse_date
from briefing.diff import compare
from briefing.model import COLLECTIONS, Citation, Event, FactBase, Judgment, Origin, Position
from briefing.views import value_text
from tests.conftest import FIXTURES, GOLDEN
from tests.test_views import check_markdown

MINI = FIXTURES / "mini"
LATER = FIXTURES / "mini-later"

# -- the comparison, on fact bases built by hand ----------------------------------------------


HERE = Origin("a.yaml", 1)


def cite(quote: str = "a quote", at: Origin = HERE) -> tuple[Citation, ...]:
    return (Citation("src", quote, at),)


def event(ident: str, title: str = "A title", date: str = "2022-11-29", **more: Any) -> Event:
    at = more.pop("origin", Origin("a.yaml", 1))
    return Event(ident, parse_date(date), title, at, sources=cite(at=at), **more)


def position(
    ident: str, stance: str, date: str | None = None, topic: str = "pipeline", **more: Any
) -> Position:
    when = parse_date(date) if date else None
    at = more.pop("origin", Origin("a.yaml", 1))
    quote = more.pop("quote", f"{ident} quote")
    return Position(
        ident, "ruritania", topic, stance, at, date=when, sources=cite(quote, at), **more
    )


def judgment(ident: str) -> Judgment:
    return Judgment(ident, "It will hold.", "curator", Origin("a.yaml", 1))


def base(**collections: Any) -> FactBase:
    return FactBase("facts", **{name: tuple(facts) for name, facts in collections.items()})


def test_the_same_facts_are_no_change() -> None:
    facts = base(events=[event("a")], positions=[position("p", "supports")])
    changes = compare(facts, facts)
    assert not changes
    assert changes.counts() == (0, 0, 0)
    assert [c.name for c in changes.collections] == list(COLLECTIONS)


def test_facts_added_removed_and_changed_by_id_field_by_field() -> None:
    old = base(events=[event("a"), event("b", "Talks open")])
    new = base(events=[event("b", "Talks open at last"), event("c")])
    events = compare(old, new).collection("events")
    assert [e.id for e in events.added] == ["c"]
    assert [e.id for e in events.removed] == ["a"]
    [changed] = events.changed
    assert changed.id == "b"
    assert [(f.name, f.old, f.new) for f in changed.fields] == [
        ("title", "Talks open", "Talks open at last")
    ]


def test_moving_a_fact_to_another_file_or_line_is_no_change() -> None:
    old = base(events=[event("a")], judgments=[judgment("j")])
    moved = Origin("elsewhere/b.yaml", 40)
    new = base(
        events=[event("a", origin=moved)],
        judgments=[Judgment("j", "It will hold.", "curator", moved)],
    )
    assert old.events[0] != new.events[0]  # the model does see the move
    assert not compare(old, new)


def test_a_changed_date_is_its_written_form_not_its_worked_out_bounds() -> None:
    old = base(events=[event("a", date="late November 2022")])
    new = base(events=[event("a", date="2022-11-28")])
    [changed] = compare(old, new).collection("events").changed
    assert [(f.name, f.old, f.new) for f in changed.fields] == [
        ("date", "late November 2022", "2022-11-28")
    ]


def test_a_field_given_on_one_side_only_is_none_on_the_other() -> None:
    old = base(events=[event("a")])
    new = base(events=[event("a", summary="Now with a summary.", extensions={"x-note": "n"})])
    [changed] = compare(old, new).collection("events").changed
    assert [(f.name, f.old, f.new) for f in changed.fields] == [
        ("summary", None, "Now with a summary."),
        ("x-note", None, "n"),
    ]


def test_judgments_added_and_removed_are_facts_like_any_other() -> None:
    changes = compare(base(judgments=[judgment("j1")]), base(judgments=[judgment("j2")]))
    judgments = changes.collection("judgments")
    assert [j.id for j in judgments.added] == ["j2"]
    assert [j.id for j in judgments.removed] == ["j1"]
    assert changes.counts() == (1, 1, 0)


def test_a_stance_edited_in_place_is_a_shift_with_both_citations() -> None:
    old = base(positions=[position("p", "supports", quote="backs it")])
    new = base(positions=[position("p", "opposes", quote="now against it")])
    changes = compare(old, new)
    [shift] = changes.stance_shifts
    assert shift.same_id
    assert (shift.old.stance, shift.new.stance) == ("supports", "opposes")
    assert [c.quote for c in shift.old.sources] == ["backs it"]
    assert [c.quote for c in shift.new.sources] == ["now against it"]
    fields = [f.name for f in changes.collection("positions").changed[0].fields]
    assert fields == ["stance", "sources"]


def test_an_edit_that_keeps_the_stance_is_no_shift() -> None:
    old = base(positions=[position("p", "supports")])
    new = base(positions=[position("p", "supports", statement="In other words.")])
    changes = compare(old, new)
    assert changes and not changes.stance_shifts


def test_a_new_position_is_a_shift_from_the_latest_earlier_one_of_its_actor_and_topic() -> None:
    earlier = [
        position("p2021", "opposes", "2021"),
        position("p2020", "supports", "2020"),
        position("other", "refuses", "2021-06", topic="sanctions"),
    ]
    new = [
        *earlier,
        position("p2022", "supports", "2022"),  # after p2021 (the latest): a shift
        position("other-2022", "refuses", "2022", topic="sanctions"),  # the same stance
        position("p2019", "neutral", "2019"),  # before every old one: recorded late
    ]
    [shift] = compare(base(positions=earlier), base(positions=new)).stance_shifts
    assert not shift.same_id
    assert (shift.old.id, shift.new.id) == ("p2021", "p2022")
    assert (shift.actor, shift.topic) == ("ruritania", "pipeline")


def test_a_new_undated_position_follows_every_old_one() -> None:
    old = [position("p2020", "supports", "2020"), position("p2021", "opposes", "2021")]
    shifts = compare(base(positions=old), base(positions=[position("now", "complies")]))
    [shift] = shifts.stance_shifts
    assert (shift.old.id, shift.new.stance) == ("p2021", "complies")


def test_a_new_position_on_a_new_pair_is_no_shift() -> None:
    old = base(positions=[position("p", "supports", "2020")])
    new = base(positions=[position("q", "opposes", "2021", topic="sanctions")])
    assert not compare(old, new).stance_shifts


def test_values_in_words() -> None:
    assert value_text(None) == value_text([]) == "—"
    assert value_text(["a", "b"]) == "a, b"
    assert value_text(True) == "yes"
    cited = [{"source": "src", "quote": "q", "note": None}]
    assert value_text(cited) == "source: src, quote: q"
    role = {"title": "President", "date": "from 2019", "start": "2019-01-01", "end": None}
    assert value_text(role) == "title: President, date: from 2019"


# -- the command, between two folders ---------------------------------------------------------


def invoke(runner: CliRunner, *args: str, code: int = 0) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result


def as_json(runner: CliRunner, *args: str) -> Any:
    return json.loads(invoke(runner, *args, "-f", "json").stdout)


def test_two_folders_as_json(runner: CliRunner) -> None:
    out = json.loads(invoke(runner, "diff", str(MINI), str(LATER), "-f", "json").stdout)
    assert out["old"] == {"label": "tests/fixtures/mini", "commit": None, "left_out": 0}
    assert list(out["collections"]) == list(COLLECTIONS)
    events = out["collections"]["events"]
    assert [e["id"] for e in events["added"]] == ["gas-flows"]
    assert events["added"][0]["start"] == "2023-01-01"  # facts as `briefing export` has them
    assert [e["id"] for e in events["removed"]] == ["talks-open"]
    assert events["changed"][0]["fields"]["date"] == {
        "old": "late November 2022",
        "new": "2022-11-28",
    }
    assert out["collections"]["relations"] == {"added": [], "removed": [], "changed": []}
    [shift] = out["stance_shifts"]
    assert (shift["from"], shift["to"], shift["same_id"]) == ("proposes", "opposes", False)
    assert shift["old"]["sources"][0]["quote"] == "Ruritania proposed the deal"
    assert out["counts"] == {"added": 2, "removed": 1, "changed": 5}


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_two_folders_match_golden(runner: CliRunner, fmt: str) -> None:
    out = invoke(runner, "diff", str(MINI), str(LATER), "-f", fmt).stdout
    if fmt == "md":
        check_markdown(out)
    assert out == (GOLDEN / "views" / f"diff-mini.{fmt}").read_text(encoding="utf-8")


def test_no_changes(runner: CliRunner) -> None:
    out = invoke(runner, "diff", str(MINI), str(MINI), "-f", "md").stdout
    assert "No changes." in out
    assert as_json(runner, "diff", str(MINI), "--facts", str(MINI))["counts"] == {
        "added": 0,
        "removed": 0,
        "changed": 0,
    }


def test_fact_text_is_escaped_in_markdown(runner: CliRunner) -> None:
    out = invoke(runner, "diff", str(MINI), str(LATER), "-f", "md").stdout
    assert "signed \\*at last\\* \\| \\[see note\\]" in out
    assert "<b>" not in out


def test_facts_left_out_are_counted_on_each_side(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(LATER, broken)
    text = (broken / "facts.yaml").read_text(encoding="utf-8")
    (broken / "facts.yaml").write_text(
        text.replace("date: January 2023", "date: sometime"), encoding="utf-8"
    )
    result = invoke(runner, "diff", str(MINI), str(broken), "-f", "json")
    out = json.loads(result.stdout)
    assert (out["old"]["left_out"], out["new"]["left_out"]) == (0, 1)
    assert "gas-flows" not in [e["id"] for e in out["collections"]["events"]["added"]]
    assert result.stderr.startswith("briefing: the new state ")
    assert "1 fact left out" in result.stderr and result.stderr.count("\n") == 1
    md = invoke(runner, "diff", str(MINI), str(broken), "-f", "md").stdout
    assert "*The new state has 1 fact left out because of errors: not compared.*" in md
    strict = invoke(runner, "--strict", "diff", str(MINI), str(broken), code=1)
    assert strict.stderr.startswith("briefing: the new state ") and strict.stdout == ""


# -- the command, between git revisions -------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}  # no user's settings
    # Fixed times: the same commits, hence the same ids, on every run (golden files).
    env |= {"GIT_AUTHOR_DATE": "2023-01-02T03:04:05Z", "GIT_COMMITTER_DATE": "2023-01-02T03:04:05Z"}
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()


def two_commits(repo: Path, folder: str) -> Path:
    """A repository holding the mini fixture in ``folder``, then a second commit changing an
    event's title and the position's stance and adding an event."""
    facts = repo / folder
    shutil.copytree(MINI, facts, dirs_exist_ok=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    path = facts / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Pipeline deal signed", "title: Pipeline deal finally signed")
    text = text.replace("stance: proposes", "stance: opposes")
    text = text.replace(
        "\npositions:",
        "  - id: gas-flows\n    date: January 2023\n    title: Gas flows\n    sources:\n"
        "      - source: daily-2022-12-01\n        quote: gas flows\n\npositions:",
    )
    path.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "second")
    return facts


def check_revisions(out: dict[str, Any]) -> None:
    events = out["collections"]["events"]
    assert [e["id"] for e in events["added"]] == ["gas-flows"]
    assert events["changed"] == [
        {
            "id": "deal-signed",
            "fields": {
                "title": {"old": "Pipeline deal signed", "new": "Pipeline deal finally signed"}
            },
        }
    ]
    [shift] = out["stance_shifts"]
    assert (shift["from"], shift["to"], shift["same_id"]) == ("proposes", "opposes", True)
    assert out["counts"] == {"added": 1, "removed": 0, "changed": 2}


def untouched(repo: Path) -> None:
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "stash", "list") == ""


@needs_git
def test_two_revisions(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    two_commits(repo, "facts")
    monkeypatch.chdir(repo)
    result = invoke(runner, "diff", "HEAD~1", "HEAD", "--facts", "facts", "-f", "json")
    out = json.loads(result.stdout)
    check_revisions(out)
    assert out["old"]["label"] == "HEAD~1"
    assert out["new"]["commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert result.stderr == ""
    untouched(repo)
    check_markdown(invoke(runner, "diff", "HEAD~1", "HEAD", "--facts", "facts", "-f", "md").stdout)


@needs_git
def test_a_revisions_files_are_found_in_the_cache_by_their_bytes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revision's files are read from the cache when a file with the same bytes was read
    before, at any path (the working tree's): only what the revision changed is parsed,
    and what `diff` finds is what it finds parsing everything."""
    from briefing import validate

    repo = tmp_path / "repo"
    repo.mkdir()
    two_commits(repo, "facts")
    monkeypatch.chdir(repo)
    args = ["diff", "HEAD~1", "HEAD", "--facts", "facts", "-f", "json"]
    parsed_anew = invoke(runner, "--no-cache", *args).stdout
    invoke(runner, "check", "--facts", "facts")  # the working tree (HEAD) read and cached
    parsed: list[str] = []
    check_file = validate.check_file

    def counting(raw: Any, *rest: Any) -> Any:
        parsed.append(Path(raw.path).name)
        return check_file(raw, *rest)

    monkeypatch.setattr(validate, "check_file", counting)
    assert invoke(runner, *args).stdout == parsed_anew
    # HEAD~1's facts.yaml differs from the working tree's: parsed; every other file of both
    # revisions has the bytes of a file read before.
    assert parsed == ["facts.yaml"]
    untouched(repo)


def revisions_diff(runner: CliRunner, top: Path, fmt: str) -> str:
    """`diff HEAD~1 HEAD` of :func:`two_commits` in a repository made under ``top``."""
    repo = top / "repo"
    repo.mkdir()
    two_commits(repo, "facts")
    here = os.getcwd()
    os.chdir(repo)
    args = ["diff", "HEAD~1", "HEAD", "--facts", "facts", "-f", fmt]
    # The terminal as a reader sees it at 100 columns, without colour (as the other goldens).
    env = {"COLUMNS": "100", "FORCE_COLOR": None, "NO_COLOR": None}
    try:
        result = runner.invoke(app, [*args, "--no-color"] if fmt == "rich" else args, env=env)
        assert result.exit_code == 0, result.output
        return result.stdout
    finally:
        os.chdir(here)


@needs_git
@pytest.mark.parametrize("fmt", ["md", "json", "rich"])
def test_two_revisions_match_golden(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    expected = (GOLDEN / "views" / f"diff-revisions.{fmt}").read_text(encoding="utf-8")
    assert revisions_diff(runner, tmp_path, fmt) == expected


@needs_git
def test_a_folder_with_spaces_and_accents_in_a_subfolder_of_the_repository(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    two_commits(repo, "sub dir/fäcts")
    monkeypatch.chdir(repo / "sub dir")
    out = invoke(runner, "diff", "HEAD~1", "HEAD", "--facts", "fäcts", "-f", "json").stdout
    check_revisions(json.loads(out))
    monkeypatch.chdir(tmp_path)  # outside the repository: the folder says which one
    facts = str(repo / "sub dir" / "fäcts")
    check_revisions(as_json(runner, "diff", "HEAD~1", "HEAD", "--facts", facts))
    untouched(repo)


@needs_git
def test_a_fact_base_at_the_top_of_the_repository_against_the_files_on_disk(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    two_commits(repo, ".")
    monkeypatch.chdir(repo)
    # An edit not committed: B left out is the folder as it is on disk.
    path = repo / "facts.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Talks open", "title: Talks begin"),
        encoding="utf-8",
    )
    out = json.loads(invoke(runner, "diff", "HEAD", "--facts", ".", "-f", "json").stdout)
    [changed] = out["collections"]["events"]["changed"]
    assert changed["fields"] == {"title": {"old": "Talks open", "new": "Talks begin"}}
    assert out["new"] == {"label": ".", "commit": None, "left_out": 0}
    assert git(repo, "status", "--porcelain") == " M facts.yaml\n"  # the user's edit, alone
    check_revisions(as_json(runner, "diff", "HEAD~1", "HEAD", "--facts", "."))


@needs_git
@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["no-such-rev"], 3, "'no-such-rev' is neither a folder nor a revision"),
        (["HEAD~1", "HEAD~7"], 3, "'HEAD~7' is neither a folder nor a revision"),
        (["--", "-x"], 2, "'-x' is neither a folder nor a git revision"),
        (["--", "--output=x"], 2, "is neither a folder nor a git revision"),
        (["HEAD", "--facts", "nowhere"], 3, "HEAD:nowhere: no .yaml or .yml files there"),
    ],
)
def test_a_revision_that_cannot_be_read_is_one_line(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    code: int,
    message: str,
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    two_commits(repo, "facts")
    monkeypatch.chdir(repo)
    if "--facts" not in args:
        args = ["--facts", "facts", *args]
    result = invoke(runner, "diff", *args, code=code)
    assert result.stdout == ""
    assert result.stderr.startswith("briefing: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (repo / "x").exists()
    untouched(repo)


def test_a_folder_outside_any_repository(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    result = invoke(runner, "diff", "HEAD", "--facts", str(facts), code=3)
    assert result.stderr == (
        f"briefing: {facts} is not inside a git repository; give two folders to compare instead\n"
    )


def test_git_missing(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = invoke(runner, "diff", "HEAD", "--facts", str(MINI), code=3)
    assert result.stderr == (
        "briefing: git is not installed (or not on PATH); it reads old revisions\n"
    )


@needs_git
def test_a_revision_with_errors_leaves_facts_out(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    facts = two_commits(repo, "facts")
    path = facts / "facts.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("late November 2022", "sometime"),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "third, with an error")
    monkeypatch.chdir(repo)
    result = invoke(runner, "diff", "HEAD", "HEAD~1", "--facts", "facts", "-f", "json")
    out = json.loads(result.stdout)
    # The event with an error, and the judgment resting on it.
    assert (out["old"]["left_out"], out["new"]["left_out"]) == (2, 0)
    assert [e["id"] for e in out["collections"]["events"]["added"]] == ["deal-signed"]
    assert [j["id"] for j in out["collections"]["judgments"]["added"]] == ["deal-will-hold"]
    assert result.stderr == (
        "briefing: the old state HEAD: 2 facts left out: 1 with errors, 1 that depend on them\n"
    )
    strict = invoke(runner, "--strict", "diff", "HEAD", "--facts", "facts", code=1)
    commit = git(repo, "rev-parse", "HEAD").strip()[:12]
    assert strict.stderr.startswith(f"briefing: the old state HEAD has problems: {commit}:facts/")


@needs_git
def test_only_the_yaml_files_of_a_revision_are_read(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "facts").mkdir(parents=True)
    shutil.copy(MINI / "sources.yaml", repo / "facts")
    (repo / "facts" / "notes.txt").write_text("not: [yaml", encoding="utf-8")
    (repo / "facts" / "link.yaml").symlink_to("../elsewhere.yaml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    monkeypatch.chdir(repo)
    result = invoke(runner, "diff", "HEAD", "HEAD", "--facts", "facts", "-f", "md")
    assert result.stderr == ""
    assert "No changes." in result.stdout


if __name__ == "__main__":  # tests/golden/regenerate.sh: the goldens of two revisions
    import tempfile

    for fmt in ("md", "json", "rich"):
        with tempfile.TemporaryDirectory() as top:
            text = revisions_diff(CliRunner(), Path(top), fmt)
        (GOLDEN / "views" / f"diff-revisions.{fmt}").write_text(text, encoding="utf-8")


# -- what the cache lets diff skip --------------------------------------------------------------

_SOURCES_AND_ACTORS = """\
sources:
  - {id: s1, title: One, published: 2022-01-01, reliability: B}
  - {id: s2, title: Two, published: 2022-06-01, reliability: C, based_on: s1}
actors:
  - {id: a1, name: Ruritania, kind: state}
  - {id: a2, name: Borduria, kind: state}
"""
_WORDS = st.sampled_from(["talks", "open", "close", "deal", "border", "again"])


@st.composite
def _events(draw: Any) -> list[dict[str, Any]]:
    """A few clean events: some dated on the first (anchored), some disputed."""
    out = []
    for n in range(draw(st.integers(1, 5))):
        event: dict[str, Any] = {
            "id": f"e{n}",
            "date": draw(st.sampled_from(["2022-03-01", "May 2022", "late 2022"]))
            if n == 0 or draw(st.booleans())
            else {"after": "e0", "offset": f"{draw(st.integers(1, 9))} days"},
            "title": " ".join(draw(st.lists(_WORDS, min_size=1, max_size=3))),
            "actors": draw(st.lists(st.sampled_from(["a1", "a2"]), unique=True)),
            "sources": [{"source": s, "quote": f"quote {n} {s}"} for s in draw(_CITED)],
        }
        if draw(st.booleans()):
            event["contested"] = [{"field": "date", "value": "2021", "source": "s2", "quote": "q"}]
        out.append(event)
    return out


_CITED = st.sampled_from([["s1"], ["s2"], ["s1", "s2"]])


_ANCHORED = [
    {
        "id": "e0",
        "date": "2022-03-01",
        "title": "open",
        "sources": [{"source": "s1", "quote": "a"}],
    },
    {
        "id": "e1",
        "date": {"after": "e0", "offset": "2 days"},
        "title": "deal",
        "sources": [{"source": "s2", "quote": "b"}],
    },
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(events=_ANCHORED, edits=[(0, "date")])  # e1's worked-out date moves with e0's
@given(
    events=_events(),
    edits=st.lists(
        st.tuples(st.integers(0, 4), st.sampled_from(["title", "date", "actor", "move"])),
        max_size=3,
    ),
)
def test_events_held_alike_in_the_cache_are_the_events_decoded(
    events: list[dict[str, Any]], edits: list[tuple[int, str]]
) -> None:
    """`diff` tells cached events apart without decoding those held alike: what it finds
    equals what it finds decoding every event (no cache), whatever was edited: a title, a
    date (the first event's moves every date anchored on it), the actors, or the file."""
    import copy
    import tempfile

    import yaml

    def write(folder: Path, first: list[Any], second: list[Any]) -> None:
        folder.mkdir()
        (folder / "base.yaml").write_text(_SOURCES_AND_ACTORS, encoding="utf-8")
        for name, part in (("a.yaml", first), ("b.yaml", second)):
            (folder / name).write_text(yaml.safe_dump({"events": part}), encoding="utf-8")

    half = len(events) // 2
    edited = copy.deepcopy(events)
    moved: list[Any] = []
    for n, what in edits:
        target = edited[n % len(edited)]
        if what == "title":
            target["title"] += " again"
        elif what == "date":
            target["date"] = "2001-05-06"
        elif what == "actor":
            target["actors"] = ["a2"]
        elif target not in moved:
            moved.append(target)
    with tempfile.TemporaryDirectory() as folder:
        old, new = Path(folder) / "old", Path(folder) / "new"
        write(old, events[:half], events[half:])
        kept = [e for e in edited if all(e is not m for m in moved)]
        write(new, kept[:half], [*kept[half:], *moved])
        env = {"BRIEFING_CACHE_DIR": str(Path(folder) / "cache")}
        runner = CliRunner()
        args = ["diff", str(old), str(new), "-f", "json"]
        decoded = runner.invoke(app, ["--no-cache", *args], env=env)
        runner.invoke(app, args, env=env)  # fills the cache
        cached = runner.invoke(app, args, env=env)
        assert decoded.exit_code == cached.exit_code == 0, (decoded.output, cached.output)
        assert decoded.stdout == cached.stdout
        assert json.loads(decoded.stdout)["new"]["left_out"] == 0
