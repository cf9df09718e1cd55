"""`briefing fmt`: one layout for fact files, every comment kept, the data never changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from briefing import layout, spec
from briefing.cli import whole_app
from tests.conftest import REPO

app = whole_app()  # `add` included

HAND_WRITTEN = """\
# Kept by hand.
events:   # the timeline
- title: 'Talks in Astana'     # a title, quoted for no reason
  id: talks
  sources: [{quote: "yes", source: s}]   # "yes" must stay quoted: YAML 1.1 reads it as true
  date: {"on": 2022-11-29, text: "a day later"}
  x-note: kept after the spec's fields
  summary: |
    Kept as a block.

# Between two facts.
- {id: second, date: 2022, title: Second, sources: [{source: s, quote: "on"}]}
"""


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, [*map(str, args)])


def comments(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"#(.*)$", text, re.MULTILINE)]


def test_a_hand_written_file_is_laid_out_keeping_its_comments_and_its_data() -> None:
    out = layout.formatted(HAND_WRITTEN)
    assert yaml.safe_load(out) == yaml.safe_load(HAND_WRITTEN)
    assert sorted(comments(out)) == sorted(comments(HAND_WRITTEN))
    assert "  - id: talks\n    date: {'on': 2022-11-29, text: a day later}\n" in out
    assert "title: Talks in Astana     # a title" in out  # quotes where none are needed: gone
    assert "quote: 'yes'" in out and "quote: 'on'" in out  # where YAML 1.1 needs them: kept
    assert out.index("summary: |") < out.index("x-note")  # the spec's fields first
    assert "    summary: |\n      Kept as a block.\n" in out
    assert layout.formatted(out) == out


def test_the_bundled_fact_base_formats_to_the_same_export_and_then_stays(runner, tmp_path) -> None:
    base = tmp_path / "facts"
    shutil.copytree(REPO / "facts", base)
    before = run(runner, "export", "-f", "json", "--facts", base).stdout
    check = run(runner, "fmt", "--check", "--facts", base)
    assert check.exit_code == 1 and check.stdout  # our own files are laid out by hand
    snapshot = {p.name: p.read_bytes() for p in base.iterdir()}
    assert {p.name: p.read_bytes() for p in base.iterdir()} == snapshot  # --check wrote nothing
    done = run(runner, "fmt", "--facts", base)
    assert done.exit_code == 0, done.output
    assert sorted(done.stdout.split()) == sorted(check.stdout.split())
    assert run(runner, "export", "-f", "json", "--facts", base).stdout == before
    assert run(runner, "--strict", "check", "--facts", base).exit_code == 0
    again = run(runner, "fmt", "--check", "--facts", base)
    assert again.exit_code == 0 and again.stdout == ""
    for name, old in snapshot.items():
        assert sorted(comments((base / name).read_text("utf-8"))) == sorted(
            comments(old.decode("utf-8"))
        ), name


def test_a_file_that_cannot_be_read_is_left_as_it_is(runner, tmp_path) -> None:
    (tmp_path / "events.yaml").write_text("events: [\n", encoding="utf-8")
    (tmp_path / "topics.yaml").write_text("topics:\n- {name: T, id: t}\n", encoding="utf-8")
    result = run(runner, "fmt", "--facts", tmp_path)
    assert result.exit_code == 1
    assert "cannot be read as YAML" in result.stderr
    assert (tmp_path / "events.yaml").read_text(encoding="utf-8") == "events: [\n"
    assert (tmp_path / "topics.yaml").read_text(encoding="utf-8") == (
        "topics:\n  - {id: t, name: T}\n"
    )


def test_the_bundled_fact_base_is_never_rewritten(runner, monkeypatch) -> None:
    monkeypatch.delenv("BRIEFING_FACTS", raising=False)
    assert run(runner, "fmt").exit_code == 2


_WORDS = st.sampled_from(["on", "yes", "no", "2022", "1:20", "a: b", "x # y", "'", '"', "-", ""])
_TEXT = st.one_of(_WORDS, st.text(max_size=12))
_FIELDS = [f.name for f in spec.COLLECTION_FIELDS["events"]] + ["x-extra"]


@st.composite
def fact_files(draw: st.DrawFn) -> str:
    """An events file: facts with fields in any order, texts that need quotes and texts
    that do not, written in any of YAML's styles."""
    facts = []
    for _ in range(draw(st.integers(1, 3))):
        names = draw(st.permutations(_FIELDS))[: draw(st.integers(1, len(_FIELDS)))]
        fact: dict[str, object] = {name: draw(_TEXT) for name in names}
        if "sources" in fact:
            fact["sources"] = [{"quote": draw(_TEXT), "source": draw(_TEXT)}]
        facts.append(fact)
    style = draw(st.sampled_from([None, "'", '"']))
    flow = draw(st.sampled_from([None, True, False]))
    return yaml.safe_dump(
        {"events": facts}, default_style=style, default_flow_style=flow, sort_keys=False
    )


@given(fact_files())
@example('events:\n- {id: "\\N", title: "\\u200e\\x07"}\n')  # NEL: ruamel would write it raw
@example("events:\n- {id: N, title: y}\n")  # text for libyaml; YAML 1.1 in ruamel: false, true
@settings(max_examples=80, deadline=None)
def test_formatting_keeps_the_data_and_formatting_twice_changes_nothing(text: str) -> None:
    try:
        out = layout.formatted(text)
    except layout.CannotFormat as exc:  # the guard: never a silent change
        pytest.fail(f"refused {text!r}: {exc}")
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert layout.formatted(out) == out


def test_a_layout_that_would_change_the_data_is_refused(monkeypatch) -> None:
    """The last guard: whatever goes wrong in the round trip, the data read back must be
    the data read before, or the file is left as it is."""

    def losing(item: object, order: tuple[str, ...]) -> None:
        if isinstance(item, dict):
            item.pop("title", None)

    monkeypatch.setattr(layout, "_arrange", losing)
    with pytest.raises(layout.CannotFormat, match="would not read back the same"):
        layout.formatted("events:\n  - {id: a, title: T}\n")
