"""Property tests: random YAML and random text go through every layer, and come out as
correct output or a clean list of problems, never an escaping exception."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefing import query, views
from briefing.brief import assemble, choose
from briefing.errors import Problem
from briefing.model import FactBase
from briefing.parse import _parse
from briefing.render.interface import render
from briefing.render.json import JsonRenderer
from briefing.render.markdown import MarkdownRenderer
from briefing.render.terminal import TerminalRenderer
from briefing.validate import build
from briefing.views import (
    ActorsView,
    Basis,
    BriefsView,
    HistoryView,
    MatrixView,
    PositionsView,
    SearchView,
    SourcesView,
    TimelineView,
    View,
)
from tests.test_fields import fact_bases, fast_path_event, same_three_ways, write
from tests.test_views import check_markdown

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["2022", "2022-11-29", "late February 2022", "2019/2022", "circa 2019"]),
)
keys = st.sampled_from(
    ["id", "date", "title", "summary", "actors", "topics", "sources", "source", "quote",
     "name", "kind", "stance", "actor", "topic", "by", "statement", "rests_on", "roles",
     "from", "until", "x", "on", "text", "place", "url", "country", "lat", "lon",
     "x-note", "x_note"]
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=25,
)
collections = st.dictionaries(
    st.sampled_from(["sources", "topics", "actors", "events", "positions", "relations",
                     "judgments", "briefs", "actros"]),
    st.lists(st.dictionaries(keys, documents, max_size=6), max_size=3) | documents,
    max_size=4,
)  # fmt: skip


def load_text(text: str) -> tuple[FactBase, list[Problem]]:
    raw = _parse(text, "a.yaml")
    return build([raw], "x", ("a.yaml",))


@SETTINGS
@given(collections)
def test_random_documents_load_or_report_problems(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    _, problems = load_text(text)
    for problem in problems:
        assert str(problem).startswith("a.yaml")


@SETTINGS
@given(st.text(max_size=400))
def test_random_text_as_a_file_loads_or_reports_problems(text: str) -> None:
    load_text(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_damaging_a_good_file(noise: bytes) -> None:
    good = (Path(__file__).parent / "fixtures" / "mini" / "facts.yaml").read_bytes()
    cut = len(noise) % len(good)
    damaged = good[:cut] + noise + good[cut:]
    try:
        text = damaged.decode("utf-8")
    except UnicodeDecodeError:
        return
    load_text(text)


MINI = Path(__file__).parent / "fixtures" / "brief"


def facts_with_text(text: str) -> FactBase:
    """The brief fixture with ``text`` in every free-text field of an event and actor."""
    import dataclasses

    facts, problems = build(
        [_parse(p.read_text(), p.name) for p in sorted(MINI.glob("*.yaml"))], "x", ()
    )
    assert not problems
    events = tuple(dataclasses.replace(e, title=text, summary=text) for e in facts.events)
    actors = tuple(dataclasses.replace(a, name=text or "x", description=text) for a in facts.actors)
    return dataclasses.replace(facts, events=events, actors=actors)


@SETTINGS
@given(st.text(min_size=0, max_size=60))
def test_random_unicode_in_every_renderer(text: str) -> None:
    facts = facts_with_text(text)
    basis = Basis(facts)
    chosen = query.positions(facts)
    word = text or "x"
    from datetime import date

    briefing = assemble(facts, choose(facts, None), today=date(2022, 12, 2))
    shown: list[View] = [
        TimelineView(basis, tuple(query.timeline(facts))),
        views.profile(basis, facts.actors[0]),
        ActorsView(basis, tuple(query.actor_rows(facts))),
        PositionsView(basis, tuple(chosen)),
        HistoryView(basis, tuple(query.position_history(chosen))),
        MatrixView(basis, query.matrix(facts, chosen)),
        SourcesView(basis, tuple(query.bibliography(facts))),
        SearchView(basis, word, tuple(query.search(facts, word))),
        views.brief(briefing),
        BriefsView(basis, facts.briefs),
    ]
    for view in shown:
        check_markdown(str(render(MarkdownRenderer(), view)))
        json.loads(str(render(JsonRenderer(), view)))
        console = Console(
            width=80, file=io.StringIO(), color_system="truecolor", force_terminal=True
        )
        console.print(render(TerminalRenderer(), view))
        out = console.file.getvalue()  # type: ignore[attr-defined]
        for control in ("\x9b", "\u202e", "\x07", "\x00"):
            assert control not in out


@settings(SETTINGS, max_examples=50)
@given(fact_bases())
def test_random_fact_bases_load_the_same_every_way(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder) / "facts", files)
        loads = same_three_ways(Path(folder) / "facts")
    # Events with no empty (null) field anywhere are clean: the fast path must build them all,
    # but for those with fields it leaves to the general path.
    events = [e for f in files.values() for e in f.get("events", ())]
    assert loads[1][2] == sum("None" not in repr(e) and fast_path_event(e) for e in events)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-1e4, max_value=1e4).filter(
        lambda x: x == 0 or abs(x) >= 1e-4  # the range where both write floats alike
    )
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_json_output_is_the_standard_library_s_indented_json(value: Any) -> None:
    from briefing.render import CONTROL
    from briefing.render.json import dumps

    expected = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    assert dumps(value) == CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", expected)
    assert json.loads(dumps(value)) == value


# Text mostly ASCII (where the JSON writer skips escaping controls) holding what CONTROL
# catches and what lies next to it: C0 controls, DEL, C1 controls, bidirectional controls.
_EDGE_CHARACTERS = [chr(c) for c in (*range(0x20), *range(0x7E, 0xA2))] + [
    "\u061c", "\u200e", "\u200f", "\u202a", "\u202e", "\u202f", "\u2066", "\u2069",
    "\u206a", "\u2028", "\udcff", "a", "\"", "\\",
]  # fmt: skip
_ASCII = st.text(st.characters(max_codepoint=0x7F), max_size=4)
_EDGE = st.sampled_from(_EDGE_CHARACTERS) | st.sampled_from(["", "\x7f", "\x1b", "\x9b", "\u202e"])
EDGE_TEXT = st.tuples(_ASCII, _EDGE, _ASCII).map("".join) | st.text(max_size=6)
EDGE_VALUES = st.recursive(
    st.none() | st.integers(min_value=-(2**70), max_value=2**70) | EDGE_TEXT | EDGE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(EDGE_TEXT, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=1000, deadline=None)
@given(EDGE_VALUES)
def test_json_skips_escaping_controls_only_where_that_changes_nothing(value: Any) -> None:
    """The writer leaves ASCII JSON without DEL as it is: the same as escaping every control
    in whatever either encoder wrote (orjson, or json for what orjson refuses)."""
    import orjson

    from briefing.render import CONTROL
    from briefing.render.json import _dumps, _escaped

    try:
        encoded = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    except TypeError:
        encoded = json.dumps(value, indent=2, ensure_ascii=False)
    assert _dumps(value) == CONTROL.sub(_escaped, encoded)


def test_json_output_takes_what_the_fast_encoder_refuses() -> None:
    from briefing.render.json import dumps

    for value in ({"name": "bad \udcff byte"}, [2**65, -(2**70)]):
        assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), JSON_VALUES, max_size=4), st.lists(JSON_VALUES, max_size=5))
def test_json_written_one_item_at_a_time_is_the_same_json(head: Any, items: list[Any]) -> None:
    from briefing.render.json import dumps

    whole = {**head, "items": items, "after": 1}
    assert dumps({**whole, "items": iter(items)}) == dumps(whole)


def test_every_control_character_is_unprintable() -> None:
    """``clean`` returns printable text as it is: that is right only while CONTROL holds
    no printable character."""
    from briefing.render import CONTROL

    caught = [chr(c) for c in range(0x110000) if CONTROL.match(chr(c))]
    assert len(caught) > 60
    assert not [c for c in caught if c.isprintable()]


WHITE_TEXT = st.lists(
    st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1b", "\u202e", "a", "é", "-"])
    | st.characters(),
    max_size=20,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(WHITE_TEXT)
def test_markdown_s_quick_one_line_equals_the_general_one(text: str) -> None:
    from briefing.render import clean
    from briefing.render.markdown import _one_line

    assert _one_line(text) == " ".join(clean(text).split())
