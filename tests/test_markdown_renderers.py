"""Markdown that survives every renderer: GitHub's cmark-gfm, pandoc's `markdown` and `gfm`
readers and markdown-it-py show each fact's text as written, and every note marker as a note."""

from __future__ import annotations

import dataclasses
import html
import json
import random
import re
import subprocess
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from typer.testing import CliRunner

from briefing.cli import app
from briefing.loader import bundled_facts, load
from briefing.render import clean
from briefing.render.markdown import _inline, _plain, esc
from tests.conftest import FIXTURES
from tests.test_brief import PANDOC, needs_pandoc
from tests.test_views import check_markdown

HOSTILE = FIXTURES / "hostile-md"
# Every field whose text a reader sees as written: titles, summaries, names, quotes...
TEXT_FIELDS = {"title", "summary", "description", "name", "statement", "text", "quote"}
TEXT_FIELDS |= {"publisher", "audience", "author", "authors", "aliases", "value", "label"}


def cmark_gfm(markdown: str) -> str:
    """As GitHub shows it: the GFM extensions (table, autolink, tagfilter, strikethrough,
    tasklist) and footnotes."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return str(
        cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_FOOTNOTES)
    )


def _pandoc(reader: str, *args: str) -> Callable[[str], str]:
    def render(markdown: str) -> str:
        assert PANDOC, "pandoc is required here"
        command = [PANDOC, "-f", reader, "-t", "html", "--wrap=none", *args]
        done = subprocess.run(command, input=markdown.encode(), capture_output=True, check=True)
        return done.stdout.decode()

    return render


def markdown_it(markdown: str) -> str:
    # No linkify: it needs linkify-it-py, which GitHub-like set-ups of markdown-it add.
    return str(MarkdownIt("commonmark").enable("table").use(footnote_plugin).render(markdown))


RENDERERS: dict[str, Callable[[str], str]] = {
    "cmark-gfm": cmark_gfm,
    "pandoc-markdown": _pandoc("markdown"),
    "pandoc-gfm": _pandoc("gfm"),
    "markdown-it": markdown_it,
}


class _Page(HTMLParser):
    """An HTML page's visible text, its links and its element ids."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self._hidden = 0  # inside <style>, <script> or <head> metadata
        self.feed(page)
        self.close()
        self.text = " ".join("".join(self.parts).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href") is not None:
            self.hrefs.append(str(found["href"]))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag in ("style", "script"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def fact_texts(facts: Any) -> set[str]:
    """Every free text of a fact base, white space made single spaces."""
    found: set[str] = set()

    def walk(value: Any, name: str = "") -> None:
        if isinstance(value, str):
            if name in TEXT_FIELDS and value.strip():
                found.add(" ".join(value.split()))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, name)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name), field.name)

    walk(facts)
    return found


def fact_urls(facts: Any) -> set[str]:
    urls: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                inner = getattr(value, field.name)
                if field.name == "url" and isinstance(inner, str):
                    urls.add(inner)
                else:
                    walk(inner)

    walk(facts)
    return urls


def note_refs(page: _Page) -> list[str]:
    """The ids that the page's note markers point to: `#fn-1` (cmark-gfm) or `#fn1`."""
    return [h[1:] for h in page.hrefs if re.fullmatch(r"#fn-?\d+", h)]


def check_survives(markdown: str, texts: set[str], urls: set[str], name: str) -> set[str]:
    """Every text written whole in ``markdown`` is shown as written by each renderer, each
    note marker links to a note, and every other link is a fact's own URL; the texts checked."""
    renderers, body = dict(RENDERERS), markdown
    if markdown.startswith("---\n"):  # --standalone: a metadata block for pandoc's Markdown
        renderers = {"pandoc-markdown": _pandoc("markdown", "--standalone")}
        body = markdown.split("\n---\n", 1)[1]
    check_markdown(body)
    tokens = MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(body)
    markers = sum(c.type == "footnote_ref" for t in tokens for c in t.children or [])
    # Written whole, as Markdown text or as a metadata block's (JSON) string.
    written = {t for t in texts if esc(t) in markdown or json.dumps(esc(t))[1:-1] in markdown}
    for renderer, render in renderers.items():
        shown = render(markdown)
        # Visible text can hide a change of kind: `@x` a citation, `$x$` math, `~~x~~` struck.
        made = re.findall(r'class="(?:citation|math)[^"]*"|<(?:b|del|sub|s|script)>', shown)
        assert not made, f"{name} through {renderer}: {made}"
        page = _Page(shown)
        lost = sorted(t for t in written if t not in page.text)
        assert not lost, f"{name} through {renderer}: {lost}"
        # Nor does Markdown show through around them: a bold never closed leaves its `**`.
        rest = page.text
        for t in sorted(written, key=len, reverse=True):
            rest = rest.replace(t, " ")
        # A note's source address is shown as written, entity-like text and all.
        rest = re.sub(r"https?://\S+", " ", rest)
        # (Only what no shortened text shows: "Rests on: … at $5 and $6$…" cuts a text.)
        leftover = re.findall(r"\*\*|\[\^\d|&\w+;", rest)
        assert not leftover, f"{name} through {renderer}: {leftover} in {rest}"
        refs = note_refs(page)
        assert len(refs) == markers, f"{name} through {renderer}: note markers lost"
        assert set(refs) <= page.ids, f"{name} through {renderer}: a marker without its note"
        links = {unquote(html.unescape(h)) for h in page.hrefs if not h.startswith("#")}
        # GitHub links a bare e-mail address, harmlessly: it ends before a note marker.
        links = {u for u in links if not (u.startswith("mailto:") and u[7:] in page.text)}
        assert links <= urls, f"{name} through {renderer}: {links - urls}"
    return written


# (name, command line) of the hostile fixture's Markdown views.
HOSTILE_VIEWS = {
    "brief": ["brief"],
    "brief-standalone": ["brief", "--standalone"],
    "timeline": ["timeline"],
    "actor-ruritania": ["actor", "ruritania"],
    "actor-borduria": ["actor", "borduria"],
    "actor-rudolf": ["actor", "rudolf"],
    "positions": ["positions"],
    "matrix": ["positions", "--matrix"],
    "sources": ["sources"],
    "actors": ["actors"],
    "history": ["positions", "--history"],
    "search": ["search", "deal"],
    "briefs": ["briefs"],
}


def _markdown(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "-f", "md"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _hostile_views(runner: CliRunner) -> Iterator[tuple[str, str]]:
    for name, args in HOSTILE_VIEWS.items():
        yield name, _markdown(runner, *args, "--facts", str(HOSTILE))


@needs_pandoc
def test_hostile_text_survives_every_renderer(runner: CliRunner) -> None:
    facts = load(HOSTILE).facts
    texts, urls = fact_texts(facts), fact_urls(facts)
    checked: set[str] = set()
    for name, markdown in _hostile_views(runner):
        checked |= check_survives(markdown, texts, urls, name)
    # Not a test that cannot fail: the views together write every text of the fixture whole,
    # but for dates, which every view shows in the compact style (JSON keeps them as written).
    dates = {"2022-11-30", "2022-12-01", "from 2019", "late November 2022"}
    assert checked == texts - dates, sorted(texts - dates - checked)


@needs_pandoc
@pytest.mark.parametrize("args", [["brief"], ["brief", "--standalone"], ["timeline"]], ids=" ".join)
def test_bundled_text_survives_every_renderer(runner: CliRunner, args: list[str]) -> None:
    facts = load(bundled_facts()).facts
    texts, urls = fact_texts(facts), fact_urls(facts)
    checked = check_survives(_markdown(runner, *args), texts, urls, " ".join(args))
    quotes = {" ".join(c.quote.split()) for e in facts.events for c in e.sources}
    titles = {" ".join(e.title.split()) for e in facts.events}
    # Not a test that cannot fail: the timeline writes every event's title and quotes whole.
    if args == ["timeline"]:
        assert quotes | titles <= checked, sorted((quotes | titles) - checked)
    assert quotes & checked and titles & checked


def test_hostile_fixture_is_hostile() -> None:
    """The fixture holds each trap the issue names, so the tests above test something."""
    facts = load(HOSTILE).facts
    texts, urls = fact_texts(facts), fact_urls(facts)
    joined = " ".join(texts)
    traps = ['"', "'", "@r", "--", "...", "$5 and $6$", "<b>", "|", "\\", "*", "_", "~~"]
    for trap in [*traps, "[x](y)", "[^1]", "www.", "@example.org"]:
        assert trap in joined, trap
    assert any(re.search(r"https://\S+$", t) for t in texts)  # a URL right before a marker
    assert any("|" in u for u in urls) and any(u.endswith("\\") for u in urls)


# -- any text, right before a note marker, at the start of a block or inside ---------------------

# Pieces that mean something to one renderer or another, so that random text hits them often.
_TRAPS = [*"-.:\\`*_[]<>|~#^$@'\"{}()!&;=+% 1aw", "http://", "https://a.b/", "www.", "www.a.b"]
_TRAPS += ["--", "...", "x@y.org", "&amp;", "&#x41;", "~~", "[^1]", "<https://x>", "\t"]
_TRAPS += ["1. ", "1) ", "a. ", "(i) ", "#. ", "- ", "+ ", "> ", ": ", "% ", "::: ", "---"]
trap_texts = st.lists(st.sampled_from(_TRAPS) | st.text(max_size=3), min_size=1, max_size=12)


def _contexts(texts: list[str]) -> str:
    """Each text escaped and followed by a note marker: in a paragraph, as a list item and in a
    table cell, each closed by a tag (`yNP`, `yNL`, `yNT`) to find it by."""
    para = [f"{esc(t)}[^{n}] y{n}P" for n, t in enumerate(texts, 1)]
    items = [f"- {esc(t)}[^{n}] y{n}L" for n, t in enumerate(texts, 1)]
    rows = ["| A | B |", "| --- | --- |"] + [
        f"| {esc(t)}[^{n}] y{n}T | z |" for n, t in enumerate(texts, 1)
    ]
    notes = [f"[^{n}]: note {n}" for n in range(1, len(texts) + 1)]
    return "\n\n".join([*para, "\n".join(items), "\n".join(rows), "\n".join(notes)]) + "\n"


def _shown_in_every_context(texts: list[str], render: Callable[[str], str]) -> None:
    page = _Page(render(_contexts(texts)))
    for n, t in enumerate(texts, 1):
        shown = " ".join(clean(t).split())  # control characters shown as `\x1b`
        for where in "PLT":
            # The text as written, its note (`1`, or markdown-it's `[1]`, `[1:2]`), the tag.
            found = re.search(re.escape(shown) + rf"\[?\d+(:\d+)?\]? y{n}{where}", page.text)
            assert found, (where, t, esc(t), page.text)
    assert len(note_refs(page)) == 3 * len(texts)


# Each trap on its own, known traps, then a fixed draw of many: pandoc runs as a program, so
# they go through it in one document; the in-process renderers also get random draws (below).
_DRAW = random.Random(15)
MANY_TEXTS = [t for t in _TRAPS if t.strip()] + [
    "see www.example.org",
    "at https://a.example/x",
    "1. one",
    "(a) first",
    "~~struck~~ and H~2~O",
    *("".join(_DRAW.choices(_TRAPS, k=_DRAW.randint(1, 12))).strip() or "x" for _ in range(400)),
]


@pytest.mark.parametrize(
    "renderer",
    [pytest.param(r, marks=[needs_pandoc] if r.startswith("pandoc") else []) for r in RENDERERS],
)
def test_many_texts_before_note_markers_are_shown_as_written(renderer: str) -> None:
    _shown_in_every_context(MANY_TEXTS, RENDERERS[renderer])


@settings(max_examples=150, deadline=None)
@given(st.lists(trap_texts.map("".join).filter(str.strip), min_size=1, max_size=4))
@pytest.mark.parametrize("renderer", ["cmark-gfm", "markdown-it"])
def test_any_text_before_a_note_marker_is_shown_as_written(renderer: str, texts: list[str]) -> None:
    _shown_in_every_context(texts, RENDERERS[renderer])


# Words and the dash, dot and colon where they need no escape, so that plain text is drawn often.
_WORDS = st.sampled_from(["Border", "talks", " ", "a", "-", ".", ":", "W", "w", "/", "ht", "tp"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS | st.sampled_from(_TRAPS) | st.text(max_size=2), max_size=12).map("".join))
def test_plain_text_is_escaped_as_any_text(text: str) -> None:
    """The fast path for plain words skips the escaping's scans, not its rules: whatever it
    takes, the general path would only have stripped of its outer spaces."""
    if _plain(text):
        assert _inline(text) == text.strip(" ")


def test_plain_text_is_common() -> None:
    """Not a test that cannot fail: words, and the dash, dot and colon where they mean
    nothing, take the fast path; each character and sequence with a meaning does not."""
    assert _plain(" Border talks, 2-3 May: a deal. ")
    plain = {*"-.:()!;=+% 1aw", "1. ", "1) ", "a. ", "(i) ", "- ", "+ ", ": ", "% ", "::: "}
    for trap in [*_TRAPS, "  ", "WwW."]:
        assert _plain(f"a{trap}b") == (trap in plain), trap
    assert not _plain("Almaty–Astana") and _inline("Almaty–Astana") == "Almaty–Astana"


def test_standalone_says_it_is_for_pandocs_markdown_reader(runner: CliRunner) -> None:
    from tests.conftest import REPO

    help_text = " ".join(runner.invoke(app, ["brief", "--help"]).stdout.split())
    assert "--standalone Markdown for pandoc's `markdown` reader" in help_text
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "the block is for pandoc's `markdown` reader" in readme


def _changed_copy(source: Any, target: Any) -> None:
    """``source``'s fact base with a hostile word put before every text a reader sees."""
    import shutil

    import yaml

    shutil.copytree(source, target)

    def change(value: Any, name: str = "") -> Any:
        if isinstance(value, dict):
            return {k: change(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [change(v, name) for v in value]
        if isinstance(value, str) and name in {"title", "summary", "name", "statement"}:
            return f"<b>now</b> *{value}"
        return value

    for path in target.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(change(data), allow_unicode=True), encoding="utf-8")


@needs_pandoc
def test_hostile_diff_survives_every_renderer(runner: CliRunner, tmp_path: Any) -> None:
    """`diff` writes fact text too: added, removed and changed (old and new values)."""
    empty, changed = tmp_path / "empty", tmp_path / "changed"
    empty.mkdir()
    (empty / "sources.yaml").write_text("sources: []\n", encoding="utf-8")
    _changed_copy(HOSTILE, changed)
    old, new = load(HOSTILE).facts, load(changed).facts
    assert not load(changed).errors
    texts, urls = fact_texts(old) | fact_texts(new), fact_urls(old) | fact_urls(new)
    checked: set[str] = set()
    for name, pair in {
        "added": (empty, HOSTILE),
        "removed": (HOSTILE, empty),
        "changed": (HOSTILE, changed),
    }.items():
        markdown = _markdown(runner, "diff", str(pair[0]), str(pair[1]))
        checked |= check_survives(markdown, texts, urls, f"diff {name}")
    # Not a test that cannot fail: the changed diff writes each changed text, old and new.
    changed_texts = {t for t in fact_texts(new) if t.startswith("<b>now</b>")}
    assert changed_texts and changed_texts <= checked, sorted(changed_texts - checked)
