"""The README documents the format and the commands it describes."""

from __future__ import annotations

from briefing import spec
from briefing.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_field_and_collection() -> None:
    for name, fields in {**spec.COLLECTION_FIELDS, **spec.NESTED}.items():
        section = README.split(f"#### `{name}`", 1)
        assert len(section) == 2, f"no section for {name}"
        body = section[1].split("####", 1)[0]
        for field in fields:
            assert f"| `{field.name}` |" in body, f"{name}.{field.name} undocumented"


def test_readme_documents_a_place_and_every_stance() -> None:
    body = README.split("#### A place", 1)[1].split("##", 1)[0]
    for field in spec.PLACE:
        assert f"| `{field.name}` |" in body, f"place.{field.name} undocumented"
    for stance, definition in spec.STANCE_DEFINITIONS.items():
        assert f"`{stance}`: {definition}" in README
    for synonym in spec.LIKELIHOOD_SYNONYMS:
        assert f"`{synonym}`" in README


def test_readme_documents_every_phrase() -> None:
    body = README.split("### Sentences", 1)[1].split("\n### ", 1)[0]
    for table in (spec.STANCE_PHRASES, spec.RELATION_PHRASES):
        for term, (one, several) in table.items():
            assert f"| `{term}` | {one} | {several} |" in body, f"{term} undocumented"


def test_readme_shows_the_two_setup_commands_and_every_command() -> None:
    assert "make demo" in README
    assert "make test" in README
    for command in app.registered_commands:
        assert command.callback is not None
        assert f"briefing {command.name or command.callback.__name__}" in README


def test_the_readme_shows_a_picture_of_each_kind() -> None:
    """`make pictures` wrote them (tools/pictures.py); the README shows each."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ("graph", "timeline", "brief", "timelinejs"):
        path = REPO / "docs" / "pictures" / f"{name}.png"
        assert f"](docs/pictures/{name}.png)" in readme
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
