"""Corroboration and contradiction in HTML pages (-f html): the grade after each note, what a
row says of its sourcing after its own notes, the brief's Contested points, all as the
Markdown renderer says them and with the same note numbers, and hostile text kept text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from tests.browser import chromium_page, needs_chromium
from tests.conftest import FIXTURES
from tests.test_html import browser_check, check_html

FOLDER = FIXTURES / "corroboration"
FACTS = str(FOLDER)
DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# What the fixture's brief lists under Contested points, note markers as their numbers.
CONTESTED = [
    "Putin calls for a gas union (event, 29 Nov 2022) — date: 29 Nov 2022 per Example Wire, "
    "Example Daily and Example Review1,2,3; 28 Nov 2022 per Example Gazette4.",
    "Kazakhstan refuses to go along with the gas union (position, Dec 2022) — stance: "
    "refuses per Example Review7; undecided per Example Gazette8.",
]

# Every kind of fact disputed, and fact text, a contest's value and the sources' publishers
# written to break out of the page: in a cell, a note marker, an attribute.
HOSTILE = """\
sources:
  - id: wire
    title: Wire <b>report</b>
    publisher: Wire & Co <script>alert("pub")</script>
    published: 2022-11-29
    kind: news
    reliability: B
  - id: rival
    title: Rival report
    publisher: </sup><script>alert(2)</script> & Sons
    published: 2022-12-01
    kind: news
    reliability: C
actors:
  - {id: ru, name: "Russia <i>&amp;</i>", kind: state}
  - {id: kz, name: Kazakhstan, kind: state}
topics:
  - {id: gas, name: Gas & oil}
events:
  - id: call
    date: 2022-11-29
    title: "Call <script>alert('title')</script> & more"
    summary: A summary.
    actors: [ru, kz]
    topics: [gas]
    sources:
      - {source: wire, quote: "said <b>so</b> & more", credibility: 2}
    contested:
      - field: summary
        value: "</td><script>alert('value')</script> &amp; x"
        source: rival
        quote: "no <script>"
        credibility: 3
positions:
  - id: kz-gas
    actor: kz
    topic: gas
    stance: refuses
    statement: No & never <em>.
    date: 2022-12
    sources:
      - {source: wire, quote: declined}
    contested:
      - source: rival
        quote: "it did not <decline>"
relations:
  - id: ru-kz
    subject: ru
    type: borders
    object: kz
    sources:
      - {source: wire, quote: they border}
    contested:
      - field: summary
        value: "<img src=x onerror=alert(3)>"
        source: rival
        quote: not so
briefs:
  - id: b
    title: B <script>
    actors: [ru, kz]
    topics: [gas]
    as_of: 2022-12-31
"""
RIVAL = "</sup><script>alert(2)</script> & Sons"
VALUE = "</td><script>alert('value')</script> &amp; x"


@pytest.fixture
def hostile(write: Callable[..., Path]) -> Path:
    return write(**{"facts.yaml": HOSTILE})


def run(runner: CliRunner, fmt: str, *args: str) -> str:
    result = runner.invoke(app, [*args, "-f", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def shown(fragment: str) -> str:
    """HTML as a reader sees it: tags dropped (fact text holds none: it is escaped), note
    markers as their numbers ('Example Gazette4')."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def unmarked(line: str) -> str:
    """A line of Markdown as a reader sees it, footnote references as their numbers (for the
    fixture's text, which needs no entity nor any emphasis character)."""
    line = re.sub(r"\[\^(\d+)\]", r"\1", line).translate(DIGITS)
    return re.sub(r"\\(.)", r"\1", line.replace("**", "").replace("*", ""))


def html_section(page: str, title: str) -> str:
    start = page.index(f"<h2>{title}</h2>")
    end = page.find("<h2", start + 1)
    return page[start:end]


def md_section(doc: str, title: str) -> str:
    start = doc.index(f"## {title}\n")
    end = doc.find("\n## ", start + 1)
    return doc[start:end]


def items(section: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", section)


def test_brief_lists_the_contested_points(runner: CliRunner) -> None:
    page = run(runner, "html", "brief", "--facts", FACTS)
    check_html(page)
    listed = items(html_section(page, "Contested points"))
    assert [shown(i) for i in listed] == CONTESTED
    md = md_section(run(runner, "md", "brief", "--facts", FACTS), "Contested points")
    bullets = [unmarked(line[2:]) for line in md.splitlines() if line.startswith("- ")]
    assert [shown(i) for i in listed] == bullets
    # The fact's label strong, each side's notes linked; between the brief's other sections
    # as in Markdown.
    assert listed[0].startswith("<strong>Putin calls for a gas union</strong> (event, ")
    assert 'per Example Gazette<sup class="marks"><a id="cite-4-2" href="#note-4"' in listed[0]
    headings = re.findall(r"<h2>(.*?)</h2>", page.split("</main>")[0])
    assert headings == re.findall(r"^## (.*)$", run(runner, "md", "brief", "--facts", FACTS), re.M)


def test_notes_show_their_grade(runner: CliRunner) -> None:
    page = run(runner, "html", "brief", "--facts", FACTS)
    notes = re.findall(r'<li id="note-(\d+)" value="\d+">(.*?)</li>', page)
    # After the quote, before the links back: (graded B1) when the citation is graded.
    graded = {n: "".join(re.findall(r"</q> \(graded (\w+)\) <a ", li)) for n, li in notes}
    assert graded == {
        "1": "B1",
        "2": "C2",
        "3": "C1",
        "4": "B3",
        "5": "",
        "6": "",
        "7": "C2",
        "8": "",
    }
    md = run(runner, "md", "brief", "--facts", FACTS)
    assert graded == dict(re.findall(r"^\[\^(\d+)\]: .*?(?: \(graded (\w+)\))?$", md, re.M))


@pytest.mark.parametrize(
    "args",
    [["timeline"], ["brief"], ["actor", "kazakhstan"]],
    ids=["timeline", "brief", "actor"],
)
def test_event_row_says_corroborated_and_contested(runner: CliRunner, args: list[str]) -> None:
    page = run(runner, "html", *args, "--facts", FACTS)
    check_html(page)
    row = re.search(r"<tr><td>29 Nov 2022</td><td>(.*?)</td>", page)
    assert row is not None
    cell = row[1]
    # After the event's own notes: how many independent sources, then the other date.
    assert re.search(
        r"</sup> <em>\(corroborated by 2 independent sources\)</em> "
        r"<strong>Contested date:</strong> 28 Nov 2022 per Example Gazette<sup ",
        cell,
    )
    md = run(runner, "md", *args, "--facts", FACTS)
    md_row = next(line for line in md.splitlines() if line.startswith("| 29 Nov 2022 |"))
    assert shown(cell) == unmarked(md_row.strip("| ").split(" | ")[1])
    # The event backed only by a source and its republication is not corroborated.
    assert page.count("corroborated by") == 1


def test_position_row_says_contested(runner: CliRunner) -> None:
    page = run(runner, "html", "actor", "kazakhstan", "--facts", FACTS)
    assert (
        'Kazakhstan declines to join a gas union with Russia.<sup class="marks">'
        '<a id="cite-1-1" href="#note-1" role="doc-noteref" aria-label="note 1">1</a></sup> '
        "<strong>Contested stance:</strong> undecided per Example Gazette"
        '<sup class="marks"><a id="cite-2-1" href="#note-2"'
    ) in page
    positions = run(runner, "html", "positions", "--facts", FACTS)
    assert "<strong>Contested stance:</strong> undecided per Example Gazette<sup" in positions


def markers(page: str) -> list[str]:
    return re.findall(r'role="doc-noteref" aria-label="note (\d+)"', page)


def md_markers(doc: str) -> list[str]:
    return [
        a or b.translate(DIGITS) for a, b in re.findall(r"\[\^(\d+)\](?!:)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", doc)
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["brief"],
        ["brief", "--known-by", "2022-11-30"],
        ["timeline"],
        ["actor", "kazakhstan"],
        ["positions"],
    ],
    ids=["brief", "brief-known-by", "timeline", "actor", "positions"],
)
def test_notes_are_numbered_as_in_markdown(runner: CliRunner, args: list[str]) -> None:
    """The n-th marker in reading order carries the same number in both, contests' too."""
    page = run(runner, "html", *args, "--facts", FACTS)
    md = run(runner, "md", *args, "--facts", FACTS)
    assert markers(page) and markers(page) == md_markers(md)
    assert len(re.findall(r'<li id="note-', page)) == len(re.findall(r"^\[\^\d+\]:", md, re.M))


def test_the_hostile_brief_is_numbered_as_in_markdown(runner: CliRunner, hostile: Path) -> None:
    for args in (["brief"], ["actor", "ru"], ["graph"], ["positions"]):
        page = run(runner, "html", *args, "--facts", str(hostile))
        md = run(runner, "md", *args, "--facts", str(hostile))
        assert markers(page) and markers(page) == md_markers(md), args


def test_known_by_before_the_contest_shows_none(runner: CliRunner) -> None:
    page = run(runner, "html", "brief", "--facts", FACTS, "--known-by", "2022-11-30")
    check_html(page)
    assert "Contested" not in page and "Example Gazette" not in page
    # Only the wire and its republication were out: one origin, so nothing is corroborated.
    assert "corroborated" not in page
    assert "<h2>Information gaps</h2>" in page


def test_without_notes_the_sides_are_still_named(runner: CliRunner) -> None:
    page = run(runner, "html", "brief", "--facts", FACTS, "--no-notes")
    check_html(page)
    assert "<sup" not in page and "graded" not in page
    listed = [shown(i) for i in items(html_section(page, "Contested points"))]
    assert listed == [re.sub(r"(?<=[a-z])[\d,]+(?=[;.])", "", line) for line in CONTESTED]


def test_hostile_text_is_text(runner: CliRunner, hostile: Path) -> None:
    for args in (["brief"], ["timeline"], ["actor", "ru"], ["graph"], ["positions"]):
        page = run(runner, "html", *args, "--facts", str(hostile))
        parsed = check_html(page)
        names = [tag for tag, _ in parsed.tags]
        assert "script" not in names and "img" not in names
        assert "<script" not in page and "<img" not in page
    page = run(runner, "html", "brief", "--facts", str(hostile))
    # A contest's value, a publisher and a label escaped where the contest shows them.
    assert (
        "<strong>Contested summary:</strong> &lt;/td&gt;&lt;script&gt;alert(&#39;value&#39;)"
        "&lt;/script&gt; &amp;amp; x per &lt;/sup&gt;&lt;script&gt;alert(2)&lt;/script&gt; "
        "&amp; Sons<sup"
    ) in page
    assert "<strong>Contested summary:</strong> &lt;img src=x onerror=alert(3)&gt; per " in page
    listed = [shown(i) for i in items(html_section(page, "Contested points"))]
    wire = 'Wire & Co <script>alert("pub")</script>'
    assert listed == [
        f"Call <script>alert('title')</script> & more (event, 29 Nov 2022) — summary: "
        f"A summary. per {wire}3; {VALUE} per {RIVAL}4.",
        f"Kazakhstan refuses to go along with Gas & oil (position, Dec 2022) — as recorded "
        f"by {wire}5; disputed by {RIVAL}6.",
        f"Russia <i>&amp;</i> borders Kazakhstan (relation) — summary: not given per {wire}1; "
        f"<img src=x onerror=alert(3)> per {RIVAL}2.",
    ]
    grades = re.findall(r"</q> \(graded (\w+)\)", page)
    assert grades == ["B2", "C3"]


@needs_chromium
@pytest.mark.parametrize("which", ["fixture", "hostile"])
def test_page_in_chromium(runner: CliRunner, hostile: Path, tmp_path: Path, which: str) -> None:
    """The brief as Chromium shows it: markers and notes linked both ways, nothing run,
    nothing wider than the page, and the contested points as the fact base words them."""
    folder = FOLDER if which == "fixture" else hostile
    page = run(runner, "html", "brief", "--facts", str(folder))
    browser_check(page, folder, tmp_path)
    file = tmp_path / "contested.html"
    file.write_text(page, encoding="utf-8")
    with chromium_page(1280) as tab:
        tab.goto(file.as_uri())
        listed = tab.evaluate(
            """() => {
              const h = [...document.querySelectorAll('h2')]
                .find(e => e.textContent === 'Contested points');
              return [...h.nextElementSibling.querySelectorAll('li')].map(li => li.textContent);
            }"""
        )
        graded = tab.evaluate(
            "() => [...document.querySelectorAll('section.notes li')]"
            ".map(li => (li.textContent.match(/\\(graded (\\w+)\\)/) || [])[1] || '')"
        )
    if which == "fixture":
        assert listed == CONTESTED
        assert graded == ["B1", "C2", "C1", "B3", "", "", "C2", ""]
    else:
        assert len(listed) == 3 and VALUE in listed[0] and RIVAL in listed[1]
        assert graded == ["", "", "B2", "C3", "", ""]


def many_contested(count: int) -> str:
    """A fact base with ``count`` events, each with another date from a rival source."""
    events = "".join(
        f"""\
  - id: e{i}
    date: 2022-11-{i + 1:02d}
    title: Event {i}
    actors: [ru]
    sources: [{{source: wire, quote: q{i}}}]
    contested: [{{field: date, value: 2022-10-{i + 1:02d}, source: rival, quote: r{i}}}]
"""
        for i in range(count)
    )
    return f"""\
sources:
  - {{id: wire, title: W, publisher: Wire, published: 2022-11-29, kind: news}}
  - {{id: rival, title: R, publisher: Rival, published: 2022-12-01, kind: news}}
actors:
  - {{id: ru, name: Russia, kind: state}}
events:
{events}briefs:
  - {{id: b, title: B, actors: [ru], as_of: 2022-12-31}}
"""


def test_contested_points_beyond_the_bound_are_counted(
    runner: CliRunner, write: Callable[..., Path]
) -> None:
    folder = str(write(**{"facts.yaml": many_contested(12)}))
    page = run(runner, "html", "brief", "--facts", folder)
    check_html(page)
    section = html_section(page, "Contested points")
    assert len(items(section)) == 10
    assert section.endswith(
        '</ul>\n<p class="more"><em>and 2 more contested points: '
        "<code>briefing brief b --level full</code></em></p>\n"
    )
    md = run(runner, "md", "brief", "--facts", folder)
    assert "*and 2 more contested points: `briefing brief b --level full`*" in md
    assert markers(page) == md_markers(md)
    full = run(runner, "html", "brief", "--facts", folder, "--level", "full")
    assert len(items(html_section(full, "Contested points"))) == 12
    assert 'class="more"' not in html_section(full, "Contested points")
