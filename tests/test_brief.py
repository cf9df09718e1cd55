"""`briefing brief`: the briefing document in Markdown, JSON and through pandoc."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefing.brief import LIMITS
from briefing.cli import app
from tests.conftest import FIXTURES, GOLDEN
from tests.test_views import check_markdown

BRIEF = str(FIXTURES / "brief")
MINI = str(FIXTURES / "mini")
GOLDEN_BRIEF = GOLDEN / "brief"


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("golden", "args"),
    [
        ("pipeline.md", ["brief", "-f", "md"]),
        ("pipeline-standalone.md", ["brief", "-f", "md", "--standalone"]),
        ("pipeline.json", ["brief", "-f", "json"]),
        ("briefs.md", ["briefs", "-f", "md"]),
        ("briefs.json", ["briefs", "-f", "json"]),
    ],
)
def test_brief_matches_golden(runner: CliRunner, golden: str, args: list[str]) -> None:
    out = invoke(runner, *args, "--facts", BRIEF)
    assert out == (GOLDEN_BRIEF / golden).read_text(encoding="utf-8")
    if golden.endswith(".md"):
        check_markdown(out)


def test_default_brief_and_brief_by_name_are_the_same(runner: CliRunner) -> None:
    assert invoke(runner, "brief", "--facts", BRIEF, "-f", "md") == invoke(
        runner, "brief", "pipeline", "--facts", BRIEF, "-f", "md"
    )


def test_sections_follow_the_analysts_order(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "brief", "--facts", BRIEF, "-f", "json"))
    assert [s["id"] for s in data["sections"]] == [
        "bottom-line",
        "key-judgments",
        "background",
        "recent",
        "key-actors",
        "positions",
        "outlook",
        "gaps",
        "sources",
    ]
    md = invoke(runner, "brief", "--facts", BRIEF, "-f", "md")
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings == [s["title"] for s in data["sections"]]


def test_a_brief_prints_only_its_sections_and_skips_empty_ones(runner: CliRunner) -> None:
    md = invoke(runner, "brief", "short", "--facts", BRIEF, "-f", "md", "--as-of", "2022-12-02")
    assert re.findall(r"^## (.+)$", md, flags=re.M) == ["Bottom line up front"]
    assert "*(the curator)*" in md


def test_gaps_finds_every_kind(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "brief", "--facts", BRIEF, "-f", "json"))
    gaps = next(s for s in data["sections"] if s["id"] == "gaps")
    single = {g["id"] for g in gaps["single_origin"]}
    assert "talks-open" in single
    assert "deal-signed" not in single  # it cites two sources
    assert [g["id"] for g in gaps["vague_dates"]] == ["talks-open"]
    assert gaps["no_position"] == ["borduria"]
    assert gaps["unrated_judgments"] == ["border-risk"]


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def test_likelihood_and_confidence_never_share_a_sentence(runner: CliRunner) -> None:
    for args in (["--facts", BRIEF], []):
        md = invoke(runner, "brief", *args, "-f", "md")
        assert "Likelihood: likely." in md or not args
        for sentence in sentences(md):
            assert not ("Likelihood" in sentence and "Confidence" in sentence), sentence
    md = invoke(runner, "brief", "--facts", BRIEF, "-f", "md")
    assert "Likelihood: likely. Confidence: moderate." in md


def test_judgments_are_attributed_and_footnoted(runner: CliRunner) -> None:
    md = invoke(runner, "brief", "--facts", BRIEF, "-f", "md")
    assert "*Forecast by Ann Analyst, the source\\'s author.*" in md
    assert "*Assessment by the curator.*" in md
    assert "Rests on: Pipeline deal signed, late Nov 2022[^2],[^3]." in md


def test_footnotes_numbered_in_order_of_first_use(runner: CliRunner) -> None:
    md = invoke(runner, "brief", "-f", "md")
    used = list(dict.fromkeys(int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", md)))
    assert used == list(range(1, len(used) + 1))
    check_markdown(md)


def test_window_option_widens_recent_developments(runner: CliRunner) -> None:
    def recent(*args: str) -> list[str]:
        data = json.loads(invoke(runner, "brief", "-f", "json", *args))
        section: dict[str, Any] = next(
            (s for s in data["sections"] if s["id"] == "recent"), {"events": []}
        )
        return [e["id"] for e in section["events"]]

    assert "capital-renamed-astana" not in recent()
    assert "capital-renamed-astana" in recent("--window", "120")


def test_bundled_brief_as_of_october_shows_no_later_event(runner: CliRunner) -> None:
    """Valid time: events up to 1 October, told with what is known now (December)."""
    for fmt in ("md", "json"):
        out = invoke(runner, "brief", "central-asia", "--as-of", "2022-10-01", "-f", fmt)
        assert "putin-calls-for-gas-union" not in out
        assert "2022-11" not in out.replace("2022-11-20", "")  # the election, in a judgment
    md = invoke(runner, "brief", "--as-of", "2022-10-01", "-f", "md")
    assert "Events up to 1 October 2022 · Sources published by 28 December 2022" in md


def test_bundled_brief_known_by_october_is_empty_and_says_why(runner: CliRunner) -> None:
    """Valid and knowledge time together: the brief as it could have been written on
    1 October 2022. The one source came out on 28 December, so nothing was known."""
    args = ("brief", "--as-of", "2022-10-01", "--known-by", "2022-10-01")
    md = invoke(runner, *args, "-f", "md")
    assert "Events up to 1 October 2022 · Sources published by 1 October 2022" in md
    assert "\n## " not in md and "[^" not in md
    assert "Nothing was known by 1 October 2022: no source in the fact base was published" in md
    data = json.loads(invoke(runner, *args, "-f", "json"))
    assert data["sections"] == [] and data["known_by"] == "2022-10-01"
    assert data["brief"]["nothing_known"].startswith("Nothing was known by 1 October 2022")
    known = json.loads(invoke(runner, "brief", "--known-by", "2022-12-28", "-f", "json"))
    whole = json.loads(invoke(runner, "brief", "-f", "json"))
    assert known["sections"] == whole["sections"]


def test_bundled_brief_has_the_articles_bottom_line(runner: CliRunner) -> None:
    data = json.loads(invoke(runner, "brief", "-f", "json"))
    assert data["brief"]["id"] == "central-asia"
    assert data["brief"]["handling"] == "TLP:CLEAR"
    sections = {s["id"]: s for s in data["sections"]}
    assert {"bottom-line", "key-judgments", "recent", "outlook", "gaps"} <= set(sections)
    for point in sections["bottom-line"]["points"]:
        assert point["by"] == "author"
        assert point["sources"]
    assert {p["by"] for p in sections["outlook"]["indicators"]} == {"curator"}
    recent = [e["id"] for e in sections["recent"]["events"]]
    assert "putin-calls-for-gas-union" in recent


def test_a_fact_base_without_briefs_gets_a_default_brief(runner: CliRunner) -> None:
    md = invoke(runner, "brief", "--facts", MINI, "-f", "md", "--as-of", "2022-12-31")
    assert md.startswith("# Briefing\n")
    assert "## Recent developments" in md
    assert "## Key actors" in md
    listing = invoke(runner, "briefs", "--facts", MINI, "-f", "md")
    assert "defines no brief" in listing


def _background(data: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in data["sections"] if s["id"] == "background")


def test_background_lists_the_latest_earlier_events_and_counts_the_rest(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A brief is read: of 30 more events before its window, Background lists the latest
    few and says how many it leaves out, and where they are all listed; `--level full`
    lists them all; the gaps and the sources speak of what the brief shows."""
    folder = tmp_path / "f"
    shutil.copytree(BRIEF, folder)
    rows = [
        f"  - {{id: old-{n:02}, date: 2021-{n:02}, title: Old talks {n}, actors: [ruritania],\n"
        f"     sources: [{{source: wire, quote: Pipeline talks}}]}}\n"
        for n in range(1, 13)
    ] + [
        f"  - {{id: older-{n:02}, date: 2020, title: Older talks {n},"
        f" actors: [ruritania], sources: [{{source: wire, quote: Pipeline talks}}]}}\n"
        for n in range(1, 19)
    ]
    (folder / "many.yaml").write_text("events:\n" + "".join(rows), encoding="utf-8")
    args = ["brief", "--facts", str(folder)]
    capped = json.loads(invoke(runner, *args, "-f", "json"))
    whole = json.loads(invoke(runner, *args, "-f", "json", "--level", "full"))
    shown = LIMITS["standard"]["earlier"]

    listed, every = _background(capped)["events"], _background(whole)["events"]
    assert len(every) > 30 and "more" not in _background(whole)
    assert listed == every[-shown:]
    more = {"count": len(every) - shown, "command": "briefing timeline --until 2022-11-02"}
    assert _background(capped)["more"] == {"earlier": more}
    gaps = next(s for s in capped["sections"] if s["id"] == "gaps")
    shown_ids = {e["id"] for e in listed + _recent(capped)}
    # The vague dates counted are those of the events shown: months, years, "2022".
    vague = {i for i in shown_ids if i.startswith("old") or i == "talks-open"}
    assert gaps["counts"]["vague_dates"] == len(vague) > len(gaps["vague_dates"])
    assert {g["id"] for g in gaps["vague_dates"]} <= vague
    unlisted_ids = {e["id"] for e in every[:-shown]}
    assert {"older-01", "older-02"} <= unlisted_ids  # dated "2020": vague, and not listed
    assert not {g["id"] for g in gaps["vague_dates"]} & unlisted_ids

    md = invoke(runner, *args, "-f", "md")
    note = f"*and {len(every) - shown} more earlier events: `briefing timeline --until 2022-11-02`*"
    assert f"\n\n{note}\n\n" in md
    check_markdown(md)
    terminal = " ".join(invoke(runner, *args, "-f", "rich", "--no-color").split())
    assert f"and {len(every) - shown} more earlier events: briefing timeline --until" in terminal
    timeline = json.loads(
        invoke(runner, "timeline", "--facts", str(folder), "--until", "2022-11-02", "-f", "json")
    )
    assert {e["id"] for e in every} <= {e["id"] for e in timeline["events"]}


def _recent(data: dict[str, Any]) -> list[dict[str, Any]]:
    recent = [s for s in data["sections"] if s["id"] == "recent"]
    return recent[0]["events"] if recent else []


def test_unknown_brief_exits_1_with_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["brief", "pipelin", "--facts", BRIEF])
    assert result.exit_code == 1
    assert "no brief `pipelin` in the fact base; did you mean pipeline?" in result.stderr


def test_heading_level_nests_the_brief(runner: CliRunner) -> None:
    md = invoke(runner, "brief", "--facts", BRIEF, "-f", "md", "--heading-level", "2")
    assert md.startswith("## The Ruritanian pipeline\n")
    assert "\n### Bottom line up front\n" in md
    assert "\n#### Standing positions\n" in md


def test_two_default_briefs_are_a_problem(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(BRIEF, tmp_path / "f")
    path = tmp_path / "f" / "briefs.yaml"
    path.write_text(path.read_text() + "    default: true\n")
    result = runner.invoke(app, ["check", "--facts", str(tmp_path / "f")])
    assert result.exit_code == 1
    assert "brief `short` is marked default, but so is `pipeline`; mark only one" in result.stdout


# -- pandoc --------------------------------------------------------------------------------

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None and not os.environ.get("BRIEFING_REQUIRE_PANDOC"),
    reason="pandoc is not installed (CI installs it and sets BRIEFING_REQUIRE_PANDOC)",
)


def pandoc(markdown: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert PANDOC, "pandoc is required here"
    return subprocess.run(
        [PANDOC, "-f", "markdown", *args], input=markdown.encode(), capture_output=True, check=True
    )


@needs_pandoc
@pytest.mark.parametrize("facts", [BRIEF, None])
def test_pandoc_html_has_title_sections_and_linked_footnotes(
    runner: CliRunner, facts: str | None
) -> None:
    where = ["--facts", facts] if facts else []
    md = invoke(runner, "brief", *where, "-f", "md", "--standalone")
    data = json.loads(invoke(runner, "brief", *where, "-f", "json"))
    html = pandoc(md, "-s", "-t", "html", "--wrap=none").stdout.decode()
    title = data["brief"]["title"]
    assert f"<title>{title}</title>" in html
    for section in data["sections"]:
        assert f">{section['title']}</h1>" in html
    refs = re.findall(r'<a href="#fn(\d+)" class="footnote-ref" id="fnref\1"', html)
    notes = re.findall(r'<li id="fn(\d+)"', html)
    assert refs and set(refs) == set(notes)
    assert len(refs) == len(re.findall(r"\[\^\d+\](?!:)", md))


@needs_pandoc
def test_pandoc_makes_a_word_document_with_footnotes(runner: CliRunner, tmp_path: Path) -> None:
    md = invoke(runner, "brief", "--facts", BRIEF, "-f", "md", "--standalone")
    out = tmp_path / "brief.docx"
    pandoc(md, "-o", str(out))
    with zipfile.ZipFile(out) as docx:
        document = docx.read("word/document.xml").decode()
        footnotes = docx.read("word/footnotes.xml").decode()
        core = docx.read("docProps/core.xml").decode()
    assert "The Ruritanian pipeline" in core
    assert "Bottom line up front" in document
    assert footnotes.count("<w:footnote ") >= 7
    assert "the deal will probably hold through the winter" in footnotes


@pytest.mark.parametrize(
    "args",
    [
        ["brief", "--facts", BRIEF, "--as-of", "2022-12-01"],
        ["brief", "--facts", BRIEF],  # the brief's own as-of date
        ["actor", "ruritania", "--facts", MINI, "--as-of", "2022-12-01"],
    ],
)
def test_as_of_is_applied_once(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from briefing import query

    real = query.as_of
    calls: list[object] = []

    def counted(facts: Any, day: Any) -> Any:
        calls.append(day)
        return real(facts, day)

    monkeypatch.setattr(query, "as_of", counted)
    invoke(runner, *args, "-f", "json")
    assert len(calls) == 1
