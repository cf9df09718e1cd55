"""Reading YAML: syntax errors with columns, unsafe tags, alias bombs, encodings, discovery."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.errors import FactBaseNotFound
from briefing.loader import bundled_facts, discover, load, resolve_location
from briefing.parse import read_file


def messages(root: Path) -> list[str]:
    return [str(p).replace(f"{root}/", "") for p in load(root).problems]


def test_syntax_error_names_line_and_column(write: Callable[..., Path]) -> None:
    root = write(**{"a.yaml": "events:\n  - id: a\n    title: [unclosed\n"})
    (message,) = messages(root)
    assert message.startswith("a.yaml:4:1: YAML syntax error: ")


def test_tab_indentation_gets_a_hint(write: Callable[..., Path]) -> None:
    root = write(**{"a.yaml": "events:\n\t- id: a\n"})
    (message,) = messages(root)
    assert message.startswith("a.yaml:2:1: YAML syntax error: ")
    assert message.endswith("indent with spaces, not tabs")


def test_python_tags_are_refused_not_run(write: Callable[..., Path], tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    root = write(**{"a.yaml": f"events: !!python/object/apply:os.system ['touch {marker}']\n"})
    (message,) = messages(root)
    assert message == (
        "a.yaml:1:9: tag !!python/object/apply:os.system is not allowed; "
        "fact files hold plain data only"
    )
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(write: Callable[..., Path]) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 10):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    root = write(**{"a.yaml": "\n".join(lines) + "\n"})
    began = time.perf_counter()
    (message,) = messages(root)
    assert time.perf_counter() - began < 1
    assert message.startswith("a.yaml:1: aliases expand to more than 100,000 values")


def test_byte_order_mark_and_crlf_are_fine(write: Callable[..., Path], tmp_path: Path) -> None:
    root = write()
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.yaml").write_bytes("\ufefftopics:\r\n  - id: t\r\n    name: Tópico\r\n".encode())
    loaded = load(root)
    assert loaded.problems == []
    assert loaded.facts.topics[0].name == "Tópico"


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"topics:\n  - id: t\n    name: \xff\n")
    (problem,) = read_file(path).problems
    assert str(problem).endswith("a.yaml:3:11: not valid UTF-8; save the file with UTF-8 encoding")


@pytest.mark.parametrize(
    ("text", "kind"), [("- a\n- b\n", "a list"), ("just words\n", "a single value")]
)
def test_top_level_must_be_a_mapping(write: Callable[..., Path], text: str, kind: str) -> None:
    root = write(**{"a.yaml": text})
    assert messages(root) == [
        f"a.yaml:1: the file holds {kind}; a fact file is a mapping of collections "
        "such as `events:` and `actors:`"
    ]


def test_empty_file_is_an_empty_fact_base(write: Callable[..., Path]) -> None:
    root = write(**{"a.yaml": "# nothing yet\n"})
    assert messages(root) == []


def test_several_documents_are_refused(write: Callable[..., Path]) -> None:
    root = write(**{"a.yaml": "topics: []\n---\ntopics: []\n"})
    assert messages(root) == [
        "a.yaml:3: a second YAML document starts here (after `---`); keep one document per file"
    ]


def test_discover_sorts_recurses_and_skips_hidden(write: Callable[..., Path]) -> None:
    root = write(
        **{
            "b.yaml": "",
            "a.yml": "",
            "events__2022.yaml": "",
            ".hidden.yaml": "",
            ".git__x.yaml": "",
            "notes.txt": "",
        }
    )
    assert [p.relative_to(root).as_posix() for p in discover(root).paths] == [
        "a.yml",
        "b.yaml",
        "events/2022.yaml",
    ]


def test_one_file_is_a_fact_base(write: Callable[..., Path]) -> None:
    root = write(**{"one.yaml": "topics:\n  - {id: t, name: T}\n"})
    assert [t.id for t in load(root / "one.yaml").facts.topics] == ["t"]


def test_missing_path_and_empty_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FactBaseNotFound, match="no such file or folder"):
        discover(tmp_path / "nope")
    with pytest.raises(FactBaseNotFound, match=r"no \.yaml or \.yml files"):
        discover(tmp_path)


def test_location_prefers_option_then_environment_then_bundled(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFING_FACTS", str(tmp_path / "env"))
    assert resolve_location(tmp_path / "opt") == (tmp_path / "opt", "--facts")
    assert resolve_location(None) == (tmp_path / "env", "$BRIEFING_FACTS")
    monkeypatch.delenv("BRIEFING_FACTS")
    assert resolve_location(None) == (bundled_facts(), "bundled")
    assert (bundled_facts() / "sources.yaml").is_file()
