"""Shared helpers: fact bases written into temporary folders, and a CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).parent.parent
SHARED_SOURCES = REPO.parent / "shared" / "sources"

# The one source every small fixture cites.
SOURCE = """\
sources:
  - id: src
    title: A report
    publisher: The Daily
    author: A. Writer
    published: 2022-12-28
    kind: news
    reliability: B
    reliability_reason: established newspaper
"""


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Run every test from the repository root, so shown paths are predictable, with a
    parse cache of its own."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write files (name -> YAML text, dedented) into a fresh fact-base folder."""

    def _write(**files: str) -> Path:
        for name, text in files.items():
            path = tmp_path / "facts" / name.replace("__", "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path / "facts"

    return _write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
