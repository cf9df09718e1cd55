"""HTML pages (-f html): golden files, a strict HTML5 parse, escaping of hostile fact text,
and the page as headless Chromium shows and prints it (tests/browser.py)."""

from __future__ import annotations

import ast
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from typer.testing import CliRunner

from briefing.cli import app
from briefing.render import clean
from briefing.render.html import HtmlRenderer, Pictures, link, text, trusted_svg
from tests.browser import chromium_page, needs_chromium
from tests.conftest import FIXTURES, GOLDEN
from tests.test_launch import imported, run

REPO = Path(__file__).parent.parent
MINI = str(FIXTURES / "mini")
LATER = str(FIXTURES / "mini-later")
BRIEF = str(FIXTURES / "brief")
PAGES = GOLDEN / "html"
# (golden name, command line) for every view; see tests/golden/regenerate.sh.
CASES = {
    "timeline": ["timeline", "--facts", MINI],
    "actor-ruritania": ["actor", "ruritania", "--facts", MINI],
    "actors": ["actors", "--facts", MINI],
    "positions": ["positions", "--facts", MINI],
    "history": ["positions", "--history", "--facts", MINI],
    "matrix": ["positions", "--matrix", "--facts", MINI],
    "sources": ["sources", "--facts", MINI],
    "search-deal": ["search", "deal", "--facts", MINI],
    "brief": ["brief", "--facts", MINI],
    "briefs": ["briefs", "--facts", MINI],
    "diff-mini": ["diff", MINI, LATER],
    "brief-pipeline": ["brief", "--facts", BRIEF],
    "briefs-pipeline": ["briefs", "--facts", BRIEF],
    # Grades, corroboration and a contested date and stance (tests/test_corroboration.py).
    "timeline-corroboration": ["timeline", "--facts", str(FIXTURES / "corroboration")],
    "brief-corroboration": ["brief", "--facts", str(FIXTURES / "corroboration")],
}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def page(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "-f", "html"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Markdown traps of hostile-md and the HTML traps of hostile-html, in one folder."""
    folder = tmp_path_factory.mktemp("hostile")
    for name in ("hostile-md", "hostile-html"):
        for path in (FIXTURES / name).glob("*.yaml"):
            shutil.copy(path, folder / f"{name}-{path.name}")
    return folder


def undrawn(page: str) -> str:
    """``page`` without its Graphviz drawings, which golden files leave out: they are the same
    page with or without Graphviz, whatever its version (tests/test_graph.py checks them)."""
    return re.sub(r'<figure class="actor-graph">.*?</figure>\n?', "", page, flags=re.S)


@pytest.mark.parametrize("name", list(CASES))
def test_view_matches_golden(runner: CliRunner, name: str) -> None:
    out = page(runner, *CASES[name])
    assert undrawn(out) == (PAGES / f"{name}.html").read_text(encoding="utf-8")
    check_html(out)


def test_every_case_has_a_golden_file_and_no_more() -> None:
    assert {p.stem for p in PAGES.iterdir()} == set(CASES)


# Elements without an end tag; every other one must be closed, in order.
VOID = {"meta", "br", "hr", "img", "input", "link", "source", "col", "area", "wbr"}


class Strict(HTMLParser):
    """Records elements, attributes and ids, and fails on a misnested or unclosed element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.declarations: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.ids += [v for k, v in attrs if k == "id" and v]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def check_html(html: str) -> Strict:
    """An HTML5 document, properly nested, with unique ids, every in-page link resolving,
    the CSP meta tag, no script and no event handler."""
    parser = Strict()
    parser.feed(html)
    parser.close()
    assert parser.declarations == ["DOCTYPE html"]
    assert parser.open == []
    assert len(parser.ids) == len(set(parser.ids))
    names = [tag for tag, _ in parser.tags]
    assert names[:3] == ["html", "head", "meta"]
    assert parser.tags[0][1] == {"lang": "en"} and parser.tags[2][1] == {"charset": "utf-8"}
    # A drawing's SVG has titles of its own (Graphviz's tooltips); the page has one.
    pictureless = re.sub(r"<svg\b.*?</svg>", "", html, flags=re.S)
    svg_titles = len(re.findall(r"<title>", html)) - len(re.findall(r"<title>", pictureless))
    assert names.count("title") - svg_titles == 1 and names.count("style") == 1
    assert "script" not in names and "img" not in names and "iframe" not in names
    metas = [a for tag, a in parser.tags if tag == "meta"]
    csp = [a["content"] for a in metas if a.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1 and (csp[0] or "").startswith(CSP)
    for tag, attrs in parser.tags:
        assert not any(a.lower().startswith("on") for a in attrs), (tag, attrs)
        href = attrs.get("href")
        if tag == "a" and href is not None:
            assert href[1:] in parser.ids if href.startswith("#") else href.startswith("https://")
            assert href.startswith("#") or attrs.get("rel") == "noreferrer"
        if tag == "link":
            pytest.fail("a page loads nothing")
    return parser


def test_jinja2_is_imported_only_for_html() -> None:
    for fmt in ("md", "json"):
        result = run("timeline", "--facts", MINI, "-f", fmt)
        assert result.returncode == 0, result.stderr
        assert {"jinja2", "markupsafe"}.isdisjoint(imported(result.stderr))
    result = run("timeline", "--facts", MINI, "-f", "html")
    assert result.returncode == 0, result.stderr
    assert "jinja2" in imported(result.stderr)


def test_only_trusted_svg_and_inline_make_markup() -> None:
    """Fact text is never marked safe: Markup is made only by our own SVG's check and by the
    writers of spans, rows and notes, and spans only by the span makers, which put every
    text through escape; no template says |safe."""
    makers: dict[str, list[str]] = {"Markup": [], "Span": []}
    for path in (REPO / "briefing").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef):
                for node in ast.walk(function):
                    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in makers:
                        makers[node.func.id].append(f"{path.name}:{function.name}")  # type: ignore[attr-defined]
    writers = ["html.py:_in_chunks", "html.py:inline"]
    assert sorted(makers["Markup"]) == [*writers, "html.py:trusted_svg"]
    # A span is markup too: made only by the span makers, which escape every text.
    spans = ["_marks", "code", "em", "group", "joined", "link", "strong", "text"]
    assert sorted(makers["Span"]) == [f"html.py:{name}" for name in spans]
    template = (REPO / "briefing" / "render" / "templates" / "page.html.j2").read_text()
    assert "|safe" not in template.replace(" ", "") and "autoescape false" not in template


def test_trusted_svg_drops_the_prologue_and_refuses_scripts() -> None:
    svg = '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="10"><text>a &lt; b</text></svg>\n'
    assert str(trusted_svg(svg)) == '<svg width="10"><text>a &lt; b</text></svg>'
    for bad in [
        "<p>no</p>",
        "<svg><script>x()</script></svg>",
        '<svg onload="x()"></svg>',
        '<svg><a href=" javascript:x()"><text>x</text></a></svg>',
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
        "<svg><text>unclosed</svg>",
        "<svg></svg><script>x()</script>",
    ]:
        with pytest.raises(ValueError):
            trusted_svg(bad)
    # Escaped text that reads like a script or a handler is text.
    shown = "<svg><text>&lt;script&gt; x onerror=y javascript:z</text></svg>"
    assert str(trusted_svg(shown)) == shown


def test_links_only_to_web_addresses() -> None:
    assert link("javascript:alert(1)", text("x")) == "x"
    assert link("https://example.org/a b", text("x")) == "x"
    assert link("https://example.org/?a=1&b=2", text("x")) == (
        '<a href="https://example.org/?a=1&amp;b=2" rel="noreferrer">x</a>'
    )


@given(st.text())
def test_spans_escape_as_the_template_does(value: str) -> None:
    """A span escapes text as autoescape does (markupsafe.escape), whichever escaping
    function markupsafe offers."""
    assert text(value) == str(escape(clean(value)))


def brief_view(folder: str, name: str | None = None) -> Any:
    from datetime import date

    from briefing import views
    from briefing.brief import assemble, choose
    from briefing.loader import load

    facts = load(Path(folder)).facts
    return views.brief(assemble(facts, choose(facts, name), today=date(2023, 1, 1)))


WIDE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="200" viewBox="0 0 3000 200">'
    '<rect width="3000" height="200" fill="#ccd"/>'
    '<text x="10" y="100">Ruritania &amp; Borduria</text></svg>'
)


def test_pictures_go_in_their_sections() -> None:
    pictures = Pictures(trusted_svg(WIDE_SVG), trusted_svg(WIDE_SVG.replace("Ruri", "Time")))
    html = str(HtmlRenderer(pictures=pictures).brief(brief_view(BRIEF)))
    check_html(html)
    key_actors, graph = html.index("<h2>Key actors"), html.index('<figure class="actor-graph">')
    recent, chart = html.index("<h2>Recent developments"), html.index('"timeline-chart"')
    assert key_actors < graph < html.index("<h2>", key_actors + 1)
    assert recent < chart < html.index("<h2>", recent + 1)
    assert "Timetania &amp; Borduria" in html
    assert "<figure" not in str(HtmlRenderer().brief(brief_view(BRIEF)))


def test_notes_are_numbered_as_in_markdown(runner: CliRunner) -> None:
    html = page(runner, "brief", "--facts", BRIEF)
    md = runner.invoke(app, ["brief", "--facts", BRIEF, "-f", "md"]).stdout
    # The n-th marker in reading order carries the same number in both.
    in_html = re.findall(r'role="doc-noteref" aria-label="note (\d+)"', html)
    in_md = re.findall(r"\[\^(\d+)\](?!:)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", md)
    digits = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
    assert in_html == [a or b.translate(digits) for a, b in in_md]
    assert "<sup" not in page(runner, "brief", "--facts", BRIEF, "--no-notes")


def test_hostile_text_is_text(runner: CliRunner, hostile: Path) -> None:
    for args in (["brief", "traps"], ["brief", "hostile"], ["timeline"], ["sources"]):
        html = page(runner, *args, "--facts", str(hostile))
        parsed = check_html(html)
        assert [t for t, _ in parsed.tags].count("style") == 1
        assert "<script" not in html and "<img" not in html
    html = page(runner, "brief", "traps", "--facts", str(hostile))
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "{% if true %}jinja{% endif %}" in html  # not evaluated
    assert 'href="https://trap.example/&#34;onmouseover=&#34;alert(1)"' in html


def quotes(folder: Path) -> set[str]:
    """Every quote the fact base holds, read from its JSON export."""
    result = CliRunner().invoke(app, ["export", "--facts", str(folder), "-f", "json"])
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("quote"), str):
                found.add(value["quote"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json.loads(result.stdout))
    return found


# What the DOM must show, measured in the page: in-page links and where they lead, notes,
# their quotes and back links, overflowing boxes, scripts and event handlers.
DOM_FACTS = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('table, svg, pre, figure, p, li, h1, h2, h3')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
    .map(e => e.tagName + ': ' + e.textContent.slice(0, 60));
  const links = [...document.querySelectorAll('a[href^="#"]')].map(a => {
    const target = document.getElementById(a.getAttribute('href').slice(1));
    return {role: a.getAttribute('role'), id: a.id, resolves: target !== null,
            backs: target && target.tagName === 'LI'
              ? [...target.querySelectorAll('a.back')].map(b => b.getAttribute('href')) : []};
  });
  const handlers = [...document.querySelectorAll('*')]
    .flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'));
  return {
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide, links, handlers,
    scripts: document.querySelectorAll('script').length,
    csp: [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')]
      .map(m => m.content),
    quotes: [...document.querySelectorAll('section.notes li q.quote')].map(q => q.textContent),
    notes: document.querySelectorAll('section.notes li').length,
    title: document.title, lang: root.lang,
  };
}"""


def browser_check(html: str, folder: Path, tmp_path: Path) -> None:
    """Open the page in Chromium at 1280 and 800 px, screenshot it, print it on A4 and Letter,
    and check its DOM."""
    file = tmp_path / "page.html"
    file.write_text(html, encoding="utf-8")
    with chromium_page(1280) as tab:
        requests: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto(file.as_uri())
        shot = tab.screenshot(full_page=True)
        assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
        facts = tab.evaluate(DOM_FACTS)
        assert facts["title"] and facts["lang"] == "en"
        assert facts["scripts"] == 0 and facts["handlers"] == []
        assert len(facts["csp"]) == 1 and facts["csp"][0].startswith(CSP)
        refs = [x for x in facts["links"] if x["role"] == "doc-noteref"]
        backs = [x for x in facts["links"] if x["role"] == "doc-backlink"]
        assert refs and backs and all(x["resolves"] for x in facts["links"])
        # Both ways: each marker's note links back to that marker, each back link's target
        # is a marker leading to the note it came from.
        assert all(f"#{x['id']}" in x["backs"] for x in refs)
        assert len(backs) == len(refs)
        # One note per number cited, each with its quote as the fact base holds it.
        numbers = {x["id"].split("-")[1] for x in refs}
        assert facts["notes"] == len(facts["quotes"]) == len(numbers)
        assert set(facts["quotes"]) <= quotes(folder)
        for width in (1280, 800):
            tab.set_viewport_size({"width": width, "height": 800})
            facts = tab.evaluate(DOM_FACTS)
            assert facts["scrollWidth"] <= facts["clientWidth"], (width, facts["wide"])
            assert facts["wide"] == [], width
        for paper in ("A4", "Letter"):
            pdf = tab.pdf(format=paper)
            assert pdf.startswith(b"%PDF-")
            assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1
        assert requests == [file.as_uri()]


@needs_chromium
@pytest.mark.parametrize("which", ["bundled", "pipeline", "hostile", "hostile-timeline"])
def test_page_in_chromium(runner: CliRunner, hostile: Path, tmp_path: Path, which: str) -> None:
    folder, args = {
        "bundled": (REPO / "facts", ["brief"]),
        "pipeline": (Path(BRIEF), ["brief"]),
        "hostile": (hostile, ["brief", "traps"]),
        "hostile-timeline": (hostile, ["timeline"]),
    }[which]
    html = page(runner, *args, "--facts", str(folder))
    browser_check(html, folder, tmp_path)


@needs_chromium
def test_quotes_of_the_brief_are_shown_verbatim(runner: CliRunner, tmp_path: Path) -> None:
    """Every note's quote, and every quote the brief cites, as the curator wrote it."""
    view = brief_view(BRIEF)
    cited = {c.quote for p in (*view.bottom_line, *view.indicators) for c in p.point.sources} | {
        c.quote for j in view.judgments for c in j.judgment.sources
    }
    cited |= {c.quote for e in view.briefing.recent for c in e.sources}
    file = tmp_path / "brief.html"
    file.write_text(str(HtmlRenderer().brief(view)), encoding="utf-8")
    with chromium_page(1280) as tab:
        tab.goto(file.as_uri())
        shown = tab.evaluate(
            "() => [...document.querySelectorAll('q.quote')].map(q => q.textContent)"
        )
    assert cited and cited <= set(shown)


@needs_chromium
def test_a_wide_picture_fits_the_page(tmp_path: Path) -> None:
    pictures = Pictures(trusted_svg(WIDE_SVG), trusted_svg(WIDE_SVG))
    html = str(HtmlRenderer(pictures=pictures).brief(brief_view(BRIEF)))
    browser_check(html, Path(BRIEF), tmp_path)


if __name__ == "__main__":  # tests/golden/regenerate.sh: a page as its golden file holds it
    import sys

    sys.stdout.write(undrawn(sys.stdin.read()))
