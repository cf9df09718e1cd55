"""`briefing graph`: who is tied to whom, in every format, drawn by the real renderers
(Graphviz, Mermaid in headless Chromium), with names that would break a diagram."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefing import views
from briefing.cli import app
from briefing.errors import ExitStatus
from briefing.graph import graph
from briefing.loader import bundled_facts, load
from briefing.query import as_of, find_actor, position_history
from briefing.render import dot as dot_writer
from briefing.render import mermaid as mermaid_writer
from tests.browser import DOT, chromium_page, js_asset, needs_chromium, needs_graphviz
from tests.conftest import FIXTURES, GOLDEN
from tests.test_brief import needs_pandoc
from tests.test_markdown_renderers import check_survives, fact_texts, fact_urls

HOSTILE = FIXTURES / "hostile-graph"
MINI = FIXTURES / "mini"
SVG = "{http://www.w3.org/2000/svg}"


def _invoke(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, ["graph", *args])
    assert result.exit_code == 0, result.output
    return result


def _view(base: Path, **options: Any) -> views.GraphView:
    facts = load(base).facts
    center = options.pop("center", None)
    actor = find_actor(facts, center) if center else None
    return views.graph(views.Basis(facts), graph(facts, actor, **options), actor)


def _hostile_texts() -> set[str]:
    """The hostile fixture's names and the graph's edge labels, as a reader must see them."""
    view = _view(HOSTILE, positions=True)
    names = {n.name for n in view.nodes}
    labels = {f"{e.label} ({e.when})" if e.when else e.label for e in view.edges}
    assert any('"' in n for n in names) and any("<script>" in n for n in names)
    return names | labels


# -- the graph itself --------------------------------------------------------------------------


def test_the_whole_graph_holds_every_relation_and_only_actors_tied_by_one() -> None:
    facts = load(bundled_facts()).facts
    found = graph(facts)
    assert found.relations == facts.relations
    tied = {r.subject for r in facts.relations} | {r.object for r in facts.relations}
    assert {a.id for a in found.actors} == tied
    assert not found.topics and not found.positions


def test_a_neighbourhood_grows_with_its_depth() -> None:
    facts = load(bundled_facts()).facts
    tokayev = find_actor(facts, "Tokayev")
    near = {a.id for a in graph(facts, tokayev, depth=1).actors}
    nearer = {a.id for a in graph(facts, tokayev, depth=2).actors}
    assert near == {"kassym-jomart-tokayev", "kazakhstan"}
    assert near < nearer and "russia" in nearer and "vladimir-putin" not in nearer
    assert "vladimir-putin" in {a.id for a in graph(facts, tokayev, depth=3).actors}
    # Every relation kept has both ends in the neighbourhood.
    for r in graph(facts, tokayev, depth=2).relations:
        assert {r.subject, r.object} <= nearer


def test_an_actor_without_relations_is_drawn_alone_when_asked_for(runner: CliRunner) -> None:
    facts = load(MINI).facts
    alone = find_actor(facts, "Rudolf Rassendyll")
    found = graph(facts, alone)
    assert [a.id for a in found.actors] == [alone.id] and not found.relations


def test_positions_are_the_current_stances_on_topics() -> None:
    facts = load(FIXTURES / "stances").facts
    found = graph(facts, positions=True)
    pairs = [(p.actor, p.topic) for p in found.positions]
    assert len(pairs) == len(set(pairs))  # one stance per actor and topic (or dated alike)
    view = views.graph(views.Basis(facts), found)
    assert {n.kind for n in view.nodes} >= {"topic"}
    history = position_history(facts.positions)
    assert {p.id for p in found.positions} == {p.id for h in history for p in h.current}


def test_as_of_leaves_out_relations_not_begun_and_dashes_those_ended() -> None:
    facts = load(HOSTILE).facts
    day = date(2022, 6, 1)
    then = as_of(facts, day)
    view = views.graph(views.Basis(then, day), graph(then))
    ended = {e.fact.id: e.former for e in view.edges}
    assert ended["r2"] is True  # 2019 to 2021
    assert ended["r3"] is False  # from 2020
    earlier = as_of(facts, date(2019, 6, 1))
    assert "r3" not in {r.id for r in graph(earlier).relations}


# -- every format, names kept as written ---------------------------------------------------


def _svg_texts(svg: str) -> set[str]:
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script"))
    for element in root.iter():
        assert not any(a.lower().startswith("on") for a in element.attrib), element.attrib
    return {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}


@needs_graphviz
def test_dot_drawn_by_graphviz_shows_every_name_as_written(runner: CliRunner) -> None:
    dot = _invoke(runner, "--positions", "--facts", str(HOSTILE), "-f", "dot").stdout
    assert DOT is not None
    drawn = subprocess.run([DOT, "-Tsvg"], input=dot.encode(), capture_output=True, check=True)
    assert _svg_texts(drawn.stdout.decode()) == _hostile_texts()
    # And Graphviz reads back the graph's shape: nodes and edges, none made up by a name.
    parsed = json.loads(
        subprocess.run([DOT, "-Tjson"], input=dot.encode(), capture_output=True, check=True).stdout
    )
    view = _view(HOSTILE, positions=True)
    assert len(parsed["objects"]) == len(view.nodes)
    assert len(parsed["edges"]) == len(view.edges)
    assert [o["name"] for o in parsed["objects"]] == [f"n{i}" for i in range(len(view.nodes))]


@needs_graphviz
def test_svg_and_png_are_drawn(runner: CliRunner) -> None:
    svg = _invoke(runner, "--positions", "--facts", str(HOSTILE), "-f", "svg").stdout
    assert _svg_texts(svg) == _hostile_texts()
    png = _invoke(runner, "--facts", str(HOSTILE), "-f", "png").stdout_bytes
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000


def test_without_graphviz_pictures_say_how_to_install_it_and_dot_still_works(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    result = runner.invoke(app, ["graph", "--facts", str(MINI), "-f", "svg"])
    assert result.exit_code == ExitStatus.NO_DRAWING
    assert "apt-get install graphviz" in result.stderr and "-f dot" in result.stderr
    assert result.stderr.count("\n") == 1 and not result.stdout
    assert _invoke(runner, "--facts", str(MINI), "-f", "dot").stdout.startswith("digraph")


def test_mermaid_labels_hold_nothing_mermaid_reads() -> None:
    text = mermaid_writer.graph(_view(HOSTILE, positions=True))
    for line in text.splitlines()[1:]:
        inside = re.findall(r'"([^"]*)"', line)
        # Each label is one quoted string of letters, digits, spaces, a few marks and codes.
        for label in inside:
            assert re.fullmatch(r"[\w .,:'()/#;-]*", label), label
            assert "-->" not in label and "_" not in label
        outside = re.sub(r'"[^"]*"', '""', line)
        shapes = r'n\d+[^\w\s]*""[^\w\s]*|n\d+ -\.?->\|""\| n\d+|classDef .*|class .*'
        assert re.fullmatch(f"  ({shapes})", outside), outside


def test_dot_labels_are_one_quoted_string_each() -> None:
    text = dot_writer.graph(_view(HOSTILE, positions=True))
    for line in text.splitlines()[4:-1]:
        # What is left once each quoted string is taken out names no fact.
        outside = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
        assert re.fullmatch(r"  n\d+( -> n\d+)? \[[a-z]+=[^\]]*\];", outside), outside
        assert "&" not in outside


@needs_chromium
def test_mermaid_draws_every_name_as_written_in_a_browser(runner: CliRunner) -> None:
    text = _invoke(runner, "--positions", "--facts", str(HOSTILE), "-f", "mermaid").stdout
    script = js_asset("mermaid.min.js")
    requests: list[str] = []
    with chromium_page() as page:
        page.on("request", lambda r: requests.append(r.url))
        page.set_content("<!doctype html><html><body><div id=out></div></body></html>")
        page.add_script_tag(path=str(script))
        drawn = page.evaluate(
            """async (text) => {
                mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
                const {svg} = await mermaid.render("g", text);
                const out = document.getElementById("out");
                out.innerHTML = svg;
                const texts = [...out.querySelectorAll(".nodeLabel, .edgeLabel")]
                    .map(e => e.textContent.trim()).filter(t => t);
                const made = out.querySelectorAll("script, b, img, foreignObject b").length;
                return {texts, made, nodes: out.querySelectorAll("g.node").length};
            }""",
            text,
        )
    assert drawn["made"] == 0
    assert set(drawn["texts"]) == _hostile_texts()
    assert drawn["nodes"] == len(_view(HOSTILE, positions=True).nodes)
    assert not [u for u in requests if not u.startswith(("about:", "data:"))]


def test_markdown_carries_the_mermaid_block_and_every_tie_in_words(runner: CliRunner) -> None:
    md = _invoke(runner, "--positions", "--facts", str(HOSTILE), "-f", "md").stdout
    view = _view(HOSTILE, positions=True)
    assert "```mermaid\n" + mermaid_writer.graph(view) + "```" in md
    assert md.count("- ") >= sum(1 for e in view.edges if e.fact.id.startswith("r"))
    assert md.count("*(former)*") == 1  # r2 ended in 2021


@needs_pandoc
def test_markdown_names_survive_every_renderer(runner: CliRunner) -> None:
    md = _invoke(runner, "--positions", "--facts", str(HOSTILE), "-f", "md").stdout
    facts = load(HOSTILE).facts
    names = {" ".join(a.name.split()) for a in facts.actors}
    assert names <= check_survives(md, fact_texts(facts), fact_urls(facts), "graph")


def test_json_names_every_node_and_edge(runner: CliRunner) -> None:
    data = json.loads(_invoke(runner, "--positions", "--facts", str(HOSTILE), "-f", "json").stdout)
    view = _view(HOSTILE, positions=True)
    assert [n["name"] for n in data["nodes"]] == [n.name for n in view.nodes]
    assert {(e["from"], e["to"]) for e in data["edges"]} == {
        (view.nodes[e.source].fact.id, view.nodes[e.target].fact.id) for e in view.edges
    }
    assert {e["relation"]["id"] for e in data["edges"] if "relation" in e} == {
        "r1", "r2", "r3", "r4", "r5"
    }  # fmt: skip
    assert [e["position"]["id"] for e in data["edges"] if "position" in e] == ["p1"]


def test_terminal_names_are_inert(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["graph", "--positions", "--facts", str(HOSTILE), "-f", "rich"], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0
    for name in (n.name for n in _view(HOSTILE).nodes):
        assert name in result.stdout


def test_an_unknown_actor_is_one_line_with_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["graph", "--actor", "Tokaev"])
    assert result.exit_code == ExitStatus.PROBLEM
    assert "Tokayev" in result.stderr and result.stderr.count("\n") == 1


# -- the brief's diagram -------------------------------------------------------------------


def test_a_markdown_brief_draws_its_key_actors_on_request(runner: CliRunner) -> None:
    plain = runner.invoke(app, ["brief", "-f", "md"]).stdout
    drawn = runner.invoke(app, ["brief", "-f", "md", "--diagrams", "mermaid"]).stdout
    assert "```mermaid" not in plain and drawn.count("```mermaid\n") == 1
    block = drawn.split("```mermaid\n")[1].split("```")[0]
    # The diagram draws exactly the relations the brief lists among its key actors.
    listed = plain.split("## Relations")[1].split("\n## ")[0] if "## Relations" in plain else ""
    assert block.count("-->") + block.count("-.->") == listed.count("\n- ")
    bad = runner.invoke(app, ["brief", "-f", "json", "--diagrams", "mermaid"])
    assert bad.exit_code == ExitStatus.USAGE and "--diagrams is for Markdown" in bad.stderr


# -- golden files ----------------------------------------------------------------------------

GRAPH_GOLDEN = GOLDEN / "graph"
CASES = {
    "hostile": ["--positions", "--facts", str(HOSTILE)],
    "bundled-tokayev": ["--actor", "tokayev", "--depth", "2"],
    "mini": ["--facts", str(MINI), "--positions"],
}
FORMATS = ["md", "json", "mermaid", "dot"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(CASES))
def test_graph_matches_golden(runner: CliRunner, name: str, fmt: str) -> None:
    result = _invoke(runner, *CASES[name], "-f", fmt)
    assert result.stdout == (GRAPH_GOLDEN / f"{name}.{fmt}").read_text(encoding="utf-8")


@needs_graphviz
def test_an_html_page_draws_the_graph_inline(runner: CliRunner) -> None:
    page = _invoke(runner, "--positions", "--facts", str(HOSTILE), "-f", "html").stdout
    figure = page.split('<figure class="actor-graph">')[1].split("</figure>")[0]
    assert _svg_texts(figure.strip()) == _hostile_texts()
    brief = runner.invoke(app, ["brief", "-f", "html"]).stdout
    assert brief.count('<figure class="actor-graph">') == 1


def test_an_html_page_without_graphviz_says_so_once_and_has_no_picture(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    result = runner.invoke(app, ["graph", "--facts", str(HOSTILE), "-f", "html"])
    assert result.exit_code == 0 and "<svg" not in result.stdout and "<li>" in result.stdout
    assert result.stderr.count("\n") == 1 and "the page has no graph" in result.stderr
