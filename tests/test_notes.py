"""Notes: one per source and quote, numbered in order of first citation, the first of a
source's notes giving the whole reference; through pandoc (HTML and Word), cmark-gfm,
markdown-it-py and the terminal, each quote appears once and every citation keeps a marker
numbered as its note."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options as CmarkOptions
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from typer.testing import CliRunner

from briefing.cli import app
from briefing.loader import load
from briefing.model import Citation, Origin
from briefing.views import Basis, NoteBook, reference, short_title
from tests.conftest import FIXTURES

NOTES = str(FIXTURES / "notes")
PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")

# Views whose Markdown cites many quotes, several of them again and again.
CASES: dict[str, list[str]] = {
    "bundled-brief": ["brief"],
    "bundled-timeline": ["timeline"],
    "bundled-actor": ["actor", "Kazakhstan"],
    "bundled-matrix": ["positions", "--matrix"],
    "bundled-history": ["positions", "--history"],
    "notes-brief": ["brief", "--facts", NOTES, "--as-of", "2022-12-31"],
    "notes-timeline": ["timeline", "--facts", NOTES],
    "notes-actor": ["actor", "ruritania", "--facts", NOTES],
    "notes-search": ["search", "ruritania", "--facts", NOTES],
    # Graded notes, and the brief's contested points citing them again.
    "corroboration-brief": ["brief", "--facts", str(FIXTURES / "corroboration")],
}

_SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGITS = str.maketrans(_SUPER, "0123456789")


def invoke(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "1000"})
    assert result.exit_code == 0, result.output
    return result.stdout


@cache
def fact_quotes(facts: str | None) -> frozenset[str]:
    """Every quote the fact base holds, read from its JSON export."""
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

    walk(json.loads(invoke("export", *(["--facts", facts] if facts else []))))
    return frozenset(found)


def facts_of(args: list[str]) -> str | None:
    return args[args.index("--facts") + 1] if "--facts" in args else None


@dataclass
class Rendered:
    """A document as a reader sees it: the note numbers at each citation in reading order,
    each note's text in order, and all its text."""

    markers: list[int]
    notes: list[str]
    text: str


def _quote_of(note: str, quotes: frozenset[str]) -> str:
    """The quote a note ends with (before its grade, if any): the longest of the fact
    base's quotes that fits."""
    note = _ungraded(note)
    ends = [q for q in quotes if note.endswith(f"“{q}”")]
    assert ends, note
    return max(ends, key=len)


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _markers(text: str, reference: str) -> list[int]:
    """Numbers of the note markers in ``text``: footnote references matching ``reference``
    (one group: the number shown) and runs of superscript digits, in order."""
    found = []
    for m in re.finditer(f"{reference}|([{_SUPER}]+)", text):
        shown = m.group(1) or m.group(2)
        found.append(int(shown.translate(_DIGITS)))
    return found


def _html(body: str, notes: str, ref: str, backref: str) -> Rendered:
    items = re.findall(r"<li id=\"fn[^>]*>(.*?)</li>", notes, flags=re.S)
    texts = [_plain(i).strip().removesuffix(backref).strip() for i in items]
    return Rendered(_markers(body, ref), texts, _plain(body + notes))


def via_pandoc_html(md: str, reader: str = "markdown") -> Rendered:
    assert PANDOC
    out = subprocess.run(
        [PANDOC, "-f", reader, "-t", "html", "--wrap=none"],
        input=md.encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    body, _, notes = out.partition('<section class="footnotes')
    ref = r'<a href="#fn\d+" class="footnote-ref"[^>]*><sup>(\d+)</sup></a>'
    return _html(body, notes, ref, "↩︎")


def via_cmark_gfm(md: str) -> Rendered:
    out = cmarkgfm.github_flavored_markdown_to_html(md, options=CmarkOptions.CMARK_OPT_FOOTNOTES)
    body, _, notes = out.partition('<section class="footnotes"')
    ref = r'<sup class="footnote-ref"><a href="#fn-[^"]*"[^>]*>(\d+)</a></sup>'
    return _html(body, notes, ref, "↩")


def via_markdown_it(md: str) -> Rendered:
    out = MarkdownIt("commonmark").enable("table").use(footnote_plugin).render(md)
    body, _, notes = out.partition('<section class="footnotes">')
    ref = r'<sup class="footnote-ref"><a href="#fn\d+"[^>]*>\[(\d+)\]</a></sup>'
    return _html(body, notes, ref, "↩︎")


def via_word(md: str, tmp_path: Path, *args: str) -> Rendered:
    assert PANDOC
    out = tmp_path / "out.docx"
    subprocess.run([PANDOC, "-f", "markdown", *args, "-o", str(out)], input=md.encode(), check=True)
    with zipfile.ZipFile(out) as docx:
        document = docx.read("word/document.xml").decode()
        footnotes = docx.read("word/footnotes.xml").decode()
    notes = re.findall(r'<w:footnote w:id="(\d+)">(.*?)</w:footnote>', footnotes, flags=re.S)
    order = {ident: n for n, (ident, _) in enumerate(notes, 1)}

    def words(xml: str) -> str:
        return html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))

    markers = []
    for m in re.finditer(r'<w:footnoteReference w:id="(\d+)" />|<w:t(?: [^>]*)?>([^<]*)', document):
        if m.group(1):
            markers.append(order[m.group(1)])
        else:
            markers += [int(s.translate(_DIGITS)) for s in re.findall(f"[{_SUPER}]+", m[2])]
    texts = [words(xml).strip() for _, xml in notes]
    return Rendered(markers, texts, words(document) + "".join(texts))


def via_markdown_source(md: str) -> tuple[list[int], Counter[int]]:
    """The markers as written, and how often each footnote label is referenced."""
    refs = Counter(int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", md))
    return _markers(md, r"\[\^(\d+)\](?!:)"), refs


def terminal(args: list[str]) -> Rendered:
    out = invoke(*args, "-f", "rich", "--no-color")
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Notes"))
    body = "\n".join(lines[:start])
    markers = [
        int(n) for group in re.findall(r"\[(\d+(?:,\d+)*)\]", body) for n in group.split(",")
    ]
    notes = [
        re.sub(r"^\s*\[\d+\]\s+", "", line).rstrip() for line in lines[start + 1 :] if line.strip()
    ]
    return Rendered(markers, notes, out)


def check(rendered: Rendered, markers: list[int], quotes: list[str]) -> None:
    """``rendered`` has the same markers in the same order, its notes end with the same
    quotes, and each quote appears once in the whole document."""
    assert rendered.markers == markers
    assert len(rendered.notes) == len(quotes)
    # pandoc's Markdown reader joins an abbreviation to the next word with a no-break space
    # ("Nov. 20"); whether text survives character for character is tested elsewhere
    # (test_hostile), whether each quote is there once is tested here.
    text = _spaces(rendered.text)
    for note, quote in zip(rendered.notes, quotes, strict=True):
        assert _ungraded(_spaces(note)).endswith(f"“{_spaces(quote)}”"), (note, quote)
    for quote in quotes:
        assert text.count(f"“{_spaces(quote)}”") == 1, quote


def _ungraded(note: str) -> str:
    """A note without the combined grade it ends with, if any: ' (graded B2)'."""
    return re.sub(r" \(graded \w+\)$", "", note.rstrip())


def _spaces(text: str) -> str:
    return text.replace("\xa0", " ")


@cache
def markdown_of(name: str) -> tuple[str, list[int], list[str]]:
    """A case's Markdown, its markers and its notes' quotes (in number order)."""
    args = CASES[name]
    md = invoke(*args, "-f", "md")
    markers, refs = via_markdown_source(md)
    # Each footnote label is referenced exactly once, so pandoc makes one note of it.
    assert refs and set(refs.values()) == {1}
    # Numbered in order of first citation: the renderers' numbering.
    assert list(dict.fromkeys(markers)) == list(range(1, len(refs) + 1))
    assert len(markers) > len(refs), "the case should cite some note more than once"
    quotes = [_quote_of(n, fact_quotes(facts_of(args))) for n in via_markdown_it(md).notes]
    assert len(quotes) == len(set(quotes))  # so that counting each one means something
    return md, markers, quotes


@pytest.mark.parametrize("name", list(CASES))
def test_markdown_it_and_cmark_gfm_show_each_quote_once(name: str) -> None:
    md, markers, quotes = markdown_of(name)
    check(via_markdown_it(md), markers, quotes)
    check(via_cmark_gfm(md), markers, quotes)


@needs_pandoc
@pytest.mark.parametrize("name", list(CASES))
def test_pandoc_html_shows_each_quote_once(name: str) -> None:
    md, markers, quotes = markdown_of(name)
    check(via_pandoc_html(md), markers, quotes)
    check(via_pandoc_html(md, "gfm"), markers, quotes)


@needs_pandoc
@pytest.mark.parametrize(
    "name", ["bundled-brief", "bundled-actor", "notes-brief", "notes-timeline"]
)
def test_word_shows_each_quote_once(name: str, tmp_path: Path) -> None:
    md, markers, quotes = markdown_of(name)
    check(via_word(md, tmp_path), markers, quotes)


@needs_pandoc
def test_standalone_brief_in_word_and_html_shows_each_quote_once(tmp_path: Path) -> None:
    _, markers, quotes = markdown_of("bundled-brief")
    md = invoke("brief", "-f", "md", "--standalone")
    check(via_word(md, tmp_path, "--standalone"), markers, quotes)
    check(via_pandoc_html(md), markers, quotes)
    # The bundled brief: 54 quotes, once each, where a note per citation made 117.
    assert len(quotes) == len(set(quotes)) and len(markers) > 2 * len(quotes)


@pytest.mark.parametrize("name", list(CASES))
def test_terminal_numbers_notes_as_markdown_does(name: str) -> None:
    _, markers, quotes = markdown_of(name)
    check(terminal(CASES[name]), markers, quotes)


def test_a_sources_first_note_is_whole_and_later_ones_short() -> None:
    md = invoke("timeline", "--facts", NOTES, "-f", "md")
    notes = re.findall(r"^\[\^\d+\]: (.*)$", md, flags=re.M)
    assert notes == [
        "Ann Analyst, Bo Writer, Cy Third, “Ruritania and Borduria sign a pipeline deal at "
        "last”, *The Daily Example*, 1 Dec 2022, <https://example.org/deal?a=1&b=2>: "
        '“Ruritania, a \\"small\\" state”',
        "Analyst et al., “Ruritania and Borduria sign…”: “talks opened \\-- at last \\-- in "
        "October”",
        "Dee Blogger, The Example Blog, 2022-12-05: “they \\*signed\\* it on the 28th\\...”",
        "“Gas flows”, *Example Wire*, 6 Dec 2022: “gas flowed at \\$5 a unit”",
    ]
    # A quote cited again is its note's number again: `[^3],²` reads "notes 3 and 2".
    assert "| 28 Nov 2022 | **Deal signed**[^3],² *(corroborated by 2 independent" in md
    rich = invoke("timeline", "--facts", NOTES, "-f", "rich", "--no-color")
    assert "Deal signed[3,2]" in rich
    assert "[2] Analyst et al., “Ruritania and Borduria sign…”: “talks opened -- at last" in rich


def test_no_notes_drops_markers_and_notes_in_markdown_and_terminal() -> None:
    for args in (["brief"], ["actor", "kazakhstan"], ["timeline", "--facts", NOTES]):
        md = invoke(*args, "-f", "md", "--no-notes")
        assert "[^" not in md and not re.search(f"[{_SUPER}]", md)
        assert "The quote behind each numbered note" not in md
        assert "\n[^1]: " in invoke(*args, "-f", "md")
        rich = invoke(*args, "-f", "rich", "--no-color", "--no-notes")
        assert not re.search(r"\[\d+(,\d+)*\]", rich)
        assert "\nNotes" not in rich
        assert "\nNotes" in invoke(*args, "-f", "rich", "--no-color")
        assert invoke(*args, "-f", "json", "--no-notes") == invoke(*args, "-f", "json")


# -- the notebook itself ----------------------------------------------------------------------


def _cite(source: str, quote: str) -> Citation:
    return Citation(source, quote, Origin("x.yaml", 1))


def test_notebook_numbers_by_first_citation_and_shares_a_note() -> None:
    book = NoteBook(Basis(load(FIXTURES / "notes").facts))
    a, b, c = _cite("daily", "a"), _cite("daily", "b"), _cite("wire", "c")
    assert [(m.number, m.first) for m in book.cite([b, a])] == [(1, True), (2, True)]
    # The same source and quote twice in one place is one mark; an earlier note is not new.
    assert [(m.number, m.first) for m in book.cite([c, a, c, b])] == [
        (3, True),
        (2, False),
        (1, False),
    ]
    assert len(book) == 3
    notes = book.notes()
    assert [(n.number, n.source, n.quote) for n in notes] == [
        (1, "daily", "b"),
        (2, "daily", "a"),
        (3, "wire", "c"),
    ]
    # A source's first note is whole; later ones short.
    assert notes[0].reference.outlet == "The Daily Example" and notes[0].reference.url
    assert notes[1].reference.by == "Analyst et al." and not notes[1].reference.outlet
    assert notes[2].reference.outlet == "Example Wire"


def test_references_whole_and_short() -> None:
    facts = load(FIXTURES / "notes").facts
    basis = Basis(facts)
    blog = basis.source("blog")
    whole, short = reference(blog, "blog", True), reference(blog, "blog", False)
    assert (whole.title, whole.made) == ("Dee Blogger, The Example Blog, 2022-12-05", True)
    assert (short.title, short.made) == ("Blogger, 2022-12-05", True)
    wire = reference(basis.source("wire"), "wire", False)
    assert (wire.by, wire.title) == ("Example Wire", "Gas flows")
    assert reference(None, "gone", True).title == "gone"


def test_short_titles_keep_a_few_words_and_no_dangling_small_word() -> None:
    assert short_title("Kazakhstan faces challenging times and deserve U.S. support") == (
        "Kazakhstan faces challenging times…"
    )
    assert short_title("How Ruritania came round on the pipeline") == "How Ruritania came round…"
    assert short_title("Ruritania and Borduria sign a pipeline deal") == (
        "Ruritania and Borduria sign…"
    )
    assert short_title("Ruritania, Borduria, and the gas") == "Ruritania, Borduria…"
    assert short_title("Gas  flows") == "Gas flows"
