"""Text written on every core (`briefing.workers.Parts`): the same texts as written here,
whatever a worker does."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing import query, workers
from briefing.cache import LazyEvents
from briefing.cli import app
from briefing.export import Written, fact_file
from briefing.loader import bundled_facts, load
from briefing.render import markdown
from briefing.render import yaml as yaml_render
from briefing.render.markdown import MarkdownRenderer
from briefing.views import Basis, TimelineView

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def lines(items: Sequence[str]) -> str:
    return "".join(f"{item}\n" for item in items)


def texts(items: Sequence[str]) -> tuple[str, str]:
    """Two texts of a part: its items' lines, and its size."""
    return lines(items), f"{len(items)} "


def written(
    items: Sequence[str], least: int, write: Callable[[Sequence[str]], Any] = texts, lead: float = 1
) -> list[tuple[str, ...]]:
    """Each part's texts, in order, the first part written here."""
    with workers.Parts(write, items, least, lead) as parts:
        return [texts(parts.first), *parts.rest()]


def whole(parts: list[tuple[str, ...]]) -> str:
    return "".join(part[0] for part in parts)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The workers started (their process ids), with three processes at most."""
    monkeypatch.setenv(workers.JOBS_VAR, "3")
    started: list[int] = []
    fork = os.fork

    def counted() -> int:
        child = fork()
        if child:
            started.append(child)
        return child

    monkeypatch.setattr(os, "fork", counted)
    return started


def _reaped(child: int) -> bool:
    try:
        os.waitpid(child, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


# Any text, lone surrogates (a file name's undecodable bytes) included.
any_texts = st.lists(st.text(st.characters(codec=None), max_size=30), max_size=40)


@SETTINGS
@given(items=any_texts, least=st.integers(1, 12), lead=st.floats(0.2, 5))
def test_the_parts_are_the_whole(
    forks: list[int], items: list[str], least: int, lead: float
) -> None:
    forks.clear()
    made = written(items, least, lead=lead)
    assert whole(made) == lines(items)
    sizes = [int(size) for _, size in made]
    assert sum(sizes) == len(items)
    assert len(made) == min(3, max(len(items) // least, 1))
    if len(made) > 1:  # the first part is about ``lead`` times as long as the others
        assert abs(sizes[0] - lead * len(items) / (lead + len(made) - 1)) <= 1
        assert max(sizes[1:]) - min(sizes[1:]) <= 1
    assert len(forks) == len(made) - 1
    assert all(map(_reaped, forks))


def test_many_cores_make_a_few_parts(forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.JOBS_VAR, "64")
    items = [str(n) for n in range(100)]
    made = written(items, least=1)
    assert whole(made) == lines(items)
    assert len(made) == workers.MOST_PARTS and len(forks) == workers.MOST_PARTS - 1


def test_few_items_or_one_job_are_written_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def fork() -> int:
        raise AssertionError("no worker may start")

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setenv(workers.JOBS_VAR, "2")
    assert written(["a"] * 7, least=4) == [texts(["a"] * 7)]
    monkeypatch.setenv(workers.JOBS_VAR, "1")
    assert written(["a"] * 70, least=4) == [texts(["a"] * 70)]


def _failing(how: Callable[[], Any]) -> Callable[[Sequence[str]], tuple[str, str]]:
    """``texts``, except in a worker, which ends by ``how``."""
    here = os.getpid()

    def write(items: Sequence[str]) -> tuple[str, str]:
        if os.getpid() != here:
            how()
        return texts(items)

    return write


def _raises() -> None:
    raise ValueError("a bug in a worker")


@pytest.mark.parametrize(
    "how",
    [lambda: os._exit(0), lambda: os._exit(3), _raises, lambda: os.kill(os.getpid(), 9)],
    ids=["ends well, saying nothing", "ends badly", "raises", "is killed"],
)
def test_a_failed_workers_part_is_made_here(forks: list[int], how: Callable[[], Any]) -> None:
    items = [f"item {n} é" for n in range(30)]
    expected = written(items, least=5)
    forks.clear()
    assert written(items, least=5, write=_failing(how)) == expected
    assert len(forks) == 2
    assert all(map(_reaped, forks))


def _hung(signum: int, frame: Any) -> None:
    raise AssertionError("waited for a worker that never ends")


def test_no_worker_outlives_a_reader_that_stopped(forks: list[int]) -> None:
    parts = workers.Parts(texts, ["x" * 1000] * 3000, least=10)
    assert next(parts.rest()) == texts(["x" * 1000] * 1000)
    before = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(30)
    try:
        parts.close()  # the last worker is blocked writing more than a pipe holds
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    assert len(forks) == 2
    assert all(map(_reaped, forks))


def test_a_worker_that_cannot_start_costs_only_time(monkeypatch: pytest.MonkeyPatch) -> None:
    def fork() -> int:
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setenv(workers.JOBS_VAR, "2")
    items = [str(n) for n in range(10)]
    assert written(items, least=5) == [texts(items[:5]), texts(items[5:])]


# -- the YAML export, written on every core ---------------------------------------------------


@pytest.fixture
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import generate

    root = tmp_path_factory.mktemp("large") / "facts"
    generate(root, events=300, files=3)
    return root


def test_a_long_export_is_written_in_parts_as_it_would_be_whole(
    forks: list[int], monkeypatch: pytest.MonkeyPatch, large: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    load(large)
    facts = load(large).facts  # from the cache: events still encoded
    assert isinstance(facts.events, LazyEvents)
    monkeypatch.setenv(workers.JOBS_VAR, "1")
    whole = yaml_render.dumps(fact_file(facts))
    assert forks == []
    monkeypatch.setenv(workers.JOBS_VAR, "3")
    monkeypatch.setattr(workers, "LEAST_ITEMS", 7)
    assert yaml_render.dumps(fact_file(facts)) == whole
    assert len(forks) >= 2  # the events at least, in three parts


@SETTINGS
@given(data=st.data())
def test_a_slice_of_lazy_events_is_read_lazily(large: Path, data: st.DataObject) -> None:
    load(large)
    events = load(large).facts.events  # from the cache: still encoded
    assert isinstance(events, LazyEvents)
    bounds = st.none() | st.integers(-len(events) - 2, len(events) + 2)
    steps = st.none() | st.sampled_from([1, 2, -1, -3])
    cut = slice(data.draw(bounds), data.draw(bounds), data.draw(steps))
    sliced = events[cut]
    assert events._all is None  # nothing decoded to slice them
    assert tuple(sliced) == tuple(events)[cut]
    assert tuple(sliced[1:-1]) == tuple(events)[cut][1:-1]
    written = Written(events)
    assert list(written[cut]) == list(written)[cut]


# -- the Markdown timeline, written on every core ---------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "base",
    [bundled_facts(), FIXTURES / "notes", FIXTURES / "corroboration"],
    ids=["bundled", "notes cited again", "disagreements"],
)
@pytest.mark.parametrize("notes", [True, False], ids=["notes", "no notes"])
def test_a_long_markdown_timeline_is_written_in_parts_as_it_would_be_whole(
    forks: list[int], monkeypatch: pytest.MonkeyPatch, base: Path, notes: bool
) -> None:
    """Every split of the rows, with notes first cited before a part and again in it, and
    disagreements citing notes of their own."""
    facts = load(base).facts
    view = TimelineView(Basis(facts), tuple(query.timeline(facts)))
    monkeypatch.setenv(workers.JOBS_VAR, "1")
    whole = str(MarkdownRenderer(notes=notes).timeline(view))
    for jobs in ("2", "3"):
        monkeypatch.setenv(workers.JOBS_VAR, jobs)
        for lead in (0.1, 0.5, 1, 2, 3.5, 10):
            monkeypatch.setattr(markdown, "_LEAD", lead)
            monkeypatch.setattr(workers, "LEAST_ITEMS", 1)
            assert str(MarkdownRenderer(notes=notes).timeline(view)) == whole, (jobs, lead)
    assert forks


def test_a_long_markdown_timeline_from_the_cache_is_written_in_parts(
    forks: list[int], monkeypatch: pytest.MonkeyPatch, large: Path, runner: CliRunner
) -> None:
    """Through the command, on events still encoded: each process decodes its own."""
    argv = ["timeline", "-f", "md", "--facts", str(large)]
    runner.invoke(app, argv)
    monkeypatch.setenv(workers.JOBS_VAR, "1")
    whole = runner.invoke(app, argv)
    assert forks == [] and whole.exit_code == 0
    monkeypatch.setenv(workers.JOBS_VAR, "2")
    monkeypatch.setattr(workers, "LEAST_ITEMS", 10)
    assert runner.invoke(app, argv).stdout == whole.stdout
    assert len(forks) == 1
