"""Text made on every core (`briefing.workers.in_parts`): the same text as made here, whatever
a worker does."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import workers
from briefing.cache import LazyEvents
from briefing.export import Written, fact_file
from briefing.loader import load
from briefing.render import yaml as yaml_render

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def lines(items: Sequence[str]) -> str:
    return "".join(f"{item}\n" for item in items)


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
texts = st.lists(st.text(st.characters(codec=None), max_size=30), max_size=40)


@SETTINGS
@given(items=texts, least=st.integers(1, 12))
def test_the_parts_are_the_whole(forks: list[int], items: list[str], least: int) -> None:
    forks.clear()
    made = list(workers.in_parts(lines, items, least))
    assert "".join(made) == lines(items)
    assert len(made) == min(3, max(len(items) // least, 1))
    assert len(forks) == len(made) - 1
    assert all(map(_reaped, forks))


def test_few_items_or_one_job_are_written_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def fork() -> int:
        raise AssertionError("no worker may start")

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setenv(workers.JOBS_VAR, "2")
    assert list(workers.in_parts(lines, ["a"] * 7, least=4)) == [lines(["a"] * 7)]
    monkeypatch.setenv(workers.JOBS_VAR, "1")
    assert list(workers.in_parts(lines, ["a"] * 70, least=4)) == [lines(["a"] * 70)]


def _failing(how: Callable[[], Any]) -> Callable[[Sequence[str]], str]:
    """``lines``, except in a worker, which ends by ``how``."""
    here = os.getpid()

    def write(items: Sequence[str]) -> str:
        if os.getpid() != here:
            how()
        return lines(items)

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
    assert "".join(workers.in_parts(_failing(how), items, least=5)) == lines(items)
    assert len(forks) == 2
    assert all(map(_reaped, forks))


def _hung(signum: int, frame: Any) -> None:
    raise AssertionError("waited for a worker that never ends")


def test_no_worker_outlives_a_reader_that_stopped(forks: list[int]) -> None:
    made = workers.in_parts(lines, ["x" * 1000] * 3000, least=10)
    assert next(made) == lines(["x" * 1000] * 1000)
    before = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(30)
    try:
        made.close()  # the workers are blocked writing more than a pipe holds
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
    assert "".join(workers.in_parts(lines, items, least=2)) == lines(items)


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
