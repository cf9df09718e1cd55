"""The parse cache is correct, never fast at the price of being stale or unsafe."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefing import cache as cache_module
from briefing import spec, workers
from briefing.cache import Cache, LazyEvents, decode, encode, seal, unseal
from briefing.cli import app
from briefing.loader import bundled_facts, load
from briefing.model import Event
from tests.conftest import FIXTURES


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    """A private copy of the mini fixture that the tests may edit."""
    root = tmp_path / "facts"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def events(runner: CliRunner, root: Path, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["timeline", "--facts", str(root), "-f", "json", *args])
    assert result.exit_code == 0, result.output
    data: list[dict[str, object]] = json.loads(result.stdout)["events"]
    return data


def entries() -> list[Path]:
    return sorted(Path(os.environ["BRIEFING_CACHE_DIR"]).glob("*.marshal"))


def test_a_second_run_is_served_from_the_cache(runner: CliRunner, facts: Path) -> None:
    first = events(runner, facts)
    assert len(entries()) == 2
    assert isinstance(load(facts).facts.events, LazyEvents)
    assert events(runner, facts) == first
    assert events(runner, facts, "--actor", "borduria") == [first[1]]


def test_an_edited_file_is_read_again(runner: CliRunner, facts: Path) -> None:
    events(runner, facts)
    path = facts / "facts.yaml"
    path.write_text(path.read_text().replace("Pipeline deal signed", "Pipeline deal sealed"))
    assert events(runner, facts)[1]["title"] == "Pipeline deal sealed"


def test_an_edit_that_keeps_size_and_time_is_still_seen(runner: CliRunner, facts: Path) -> None:
    events(runner, facts)
    path = facts / "facts.yaml"
    before = path.stat()
    path.write_text(path.read_text().replace("Talks open", "Talks shut"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert events(runner, facts)[0]["title"] == "Talks shut"


def test_added_removed_and_renamed_files(runner: CliRunner, facts: Path) -> None:
    events(runner, facts)
    extra = facts / "more.yaml"
    extra.write_text(
        "events:\n  - {id: extra, date: 2023, title: Extra, "
        "sources: [{source: daily-2022-12-01, quote: q}]}\n"
    )
    assert [e["id"] for e in events(runner, facts)][-1] == "extra"
    extra.rename(facts / "renamed.yaml")
    assert [e["id"] for e in events(runner, facts)][-1] == "extra"
    (facts / "renamed.yaml").unlink()
    assert "extra" not in [e["id"] for e in events(runner, facts)]


def test_problems_are_cached_with_their_lines(runner: CliRunner, facts: Path) -> None:
    path = facts / "facts.yaml"
    path.write_text(path.read_text().replace("stance: proposes", "stance: propose"))
    for _ in range(2):
        result = runner.invoke(app, ["check", "--facts", str(facts)])
        assert result.exit_code == 1
        assert "facts.yaml:72: unknown stance `propose`; did you mean `proposes`" in result.stdout


def test_unknown_references_in_a_cached_file_keep_their_lines(
    runner: CliRunner, facts: Path
) -> None:
    events(runner, facts)
    sources = facts / "sources.yaml"
    sources.write_text(sources.read_text().replace("daily-2022-12-01", "daily"))
    result = runner.invoke(app, ["check", "--facts", str(facts)])
    assert result.exit_code == 1
    assert "facts.yaml:17: unknown source `daily-2022-12-01` in `source`" in result.stdout


@pytest.mark.parametrize(
    "damage", ["truncate", "garbage", "empty", "bit flip", "wrong shape", "code"]
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    runner: CliRunner, facts: Path, damage: str, tmp_path: Path
) -> None:
    first = events(runner, facts)
    planted = tmp_path / "owned"
    for entry in entries():
        stored = entry.read_bytes()
        blob = unseal(stored)
        assert blob is not None
        if damage == "truncate":
            entry.write_bytes(stored[: len(stored) // 2])
        elif damage == "garbage":
            entry.write_bytes(b"\x00not marshal at all" * 10)
        elif damage == "empty":
            entry.write_bytes(b"")
        elif damage == "bit flip":
            flipped = bytearray(stored)
            flipped[len(flipped) // 2] ^= 0x10
            entry.write_bytes(bytes(flipped))
        elif damage == "wrong shape":
            # Behind a valid checksum: the shape is checked too.
            parts = list(marshal.loads(blob))
            parts[-1] = {"collections": {"events": [1, 2, 3]}}
            entry.write_bytes(seal(marshal.dumps(tuple(parts))))
        else:
            # A planted code object is data to marshal: it is never run, and the entry,
            # not being of our shape, is ignored.
            parts = list(marshal.loads(blob))
            parts[-1] = compile(f"open({str(planted)!r}, 'w')", "x", "exec")
            entry.write_bytes(seal(marshal.dumps(tuple(parts))))
    assert events(runner, facts) == first
    assert not planted.exists()
    # Each damaged entry was replaced by a whole one, which the next run is served from.
    for entry in entries():
        blob = unseal(entry.read_bytes())
        assert blob is not None and type(marshal.loads(blob)[-1]) is dict
    assert isinstance(load(facts).facts.events, LazyEvents)
    assert events(runner, facts) == first


def test_an_unusable_cache_folder_means_no_cache(
    runner: CliRunner, facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    assert Cache.open() is None
    assert len(events(runner, facts)) == 2


def test_a_folder_others_can_write_to_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert Cache.open(shared) is None
    shared.chmod(0o700)
    assert Cache.open(shared) is not None


def test_a_read_only_cache_still_gives_correct_output(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert len(events(runner, facts)) == 2
    assert entries() == []


def test_no_cache_and_cache_clear(runner: CliRunner, facts: Path) -> None:
    result = runner.invoke(app, ["--no-cache", "timeline", "--facts", str(facts), "-f", "json"])
    assert result.exit_code == 0
    assert entries() == []
    events(runner, facts)
    assert len(entries()) == 2
    result = runner.invoke(app, ["cache", "clear"])
    assert result.exit_code == 0
    assert "removed 2 cache entries" in result.stderr
    assert entries() == []


def test_two_processes_loading_at_once_both_succeed(facts: Path) -> None:
    command = [sys.executable, "-m", "briefing", "timeline", "--facts", str(facts), "-f", "json"]
    for _ in range(3):
        for entry in entries():
            entry.unlink()
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        outputs = [run.communicate() for run in runs]
        assert [run.returncode for run in runs] == [0, 0]
        assert outputs[0] == outputs[1]
        assert len(json.loads(outputs[0][0])["events"]) == 2


def test_every_model_object_survives_encoding() -> None:
    facts = load(bundled_facts(), use_cache=False).facts
    for group in (facts.sources, facts.topics, facts.actors, facts.positions, facts.relations):
        for item in group:
            assert decode(type(item), encode(item), item.origin.path) == item
    for judgment in facts.judgments:
        assert decode(type(judgment), encode(judgment), judgment.origin.path) == judgment
    for brief in facts.briefs:
        assert decode(type(brief), encode(brief), brief.origin.path) == brief
    for event in facts.events:
        assert decode(Event, encode(event), event.origin.path) == event
        blob = cache_module._encode_event(event)
        decoded = cache_module._decode_event(
            event.origin.path, event.id, event.actors, event.topics, blob
        )
        assert decoded == event


def test_the_fingerprint_changes_with_every_change_to_the_model_or_the_spec() -> None:
    fields: list[tuple[str, type]] = [("id", str), ("title", str), ("summary", str)]
    variants: dict[str, list[tuple[str, type]]] = {
        "added": [*fields, ("place", str)],
        "removed": fields[:2],
        "renamed": [*fields[:2], ("abstract", str)],
        "reordered": [fields[1], fields[0], fields[2]],
        "retyped": [*fields[:2], ("summary", int)],
    }
    base = cache_module.fingerprint([dataclasses.make_dataclass("Event", fields)])
    assert base == cache_module.fingerprint([dataclasses.make_dataclass("Event", fields)])
    prints = {
        name: cache_module.fingerprint([dataclasses.make_dataclass("Event", changed)])
        for name, changed in variants.items()
    }
    assert base not in prints.values()
    assert len(set(prints.values())) == len(prints)
    fewer = {**spec.COLLECTION_FIELDS, "events": spec.COLLECTION_FIELDS["events"][:-1]}
    assert cache_module.fingerprint([], spec.COLLECTION_FIELDS) != cache_module.fingerprint(
        [], fewer
    )


def test_entries_written_for_another_model_are_not_used(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = events(runner, facts)
    assert isinstance(load(facts).facts.events, LazyEvents)
    monkeypatch.setattr(cache_module, "FINGERPRINT", "another model")
    assert not isinstance(load(facts).facts.events, LazyEvents)  # parsed again...
    assert isinstance(load(facts).facts.events, LazyEvents)  # ...and stored for this model
    assert events(runner, facts) == first


def test_cached_and_fresh_views_are_identical(runner: CliRunner) -> None:
    for args in (["timeline"], ["actor", "Kazakhstan"], ["brief"], ["export"]):
        fresh = runner.invoke(app, ["--no-cache", *args, "-f", "json"]).stdout
        runner.invoke(app, [*args, "-f", "json"])
        cached = runner.invoke(app, [*args, "-f", "json"]).stdout
        assert cached == fresh, args


def test_a_large_batch_is_written_by_a_background_process(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import loader

    monkeypatch.setattr(loader, "BACKGROUND_BYTES", 1)  # every batch counts as large
    first = events(runner, facts)
    deadline = time.monotonic() + 20
    while len(entries()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(entries()) == 2
    assert isinstance(load(facts).facts.events, LazyEvents)
    assert events(runner, facts) == first


@pytest.mark.parametrize(
    ("fixture", "args"),
    [
        ("mini", []),
        # Narrowed to the citations then known, from the cache (an event's citations only).
        ("known", ["--known-by", "2023-06-15"]),
    ],
)
def test_a_damaged_event_inside_a_whole_entry_is_one_clear_error(
    runner: CliRunner, tmp_path: Path, fixture: str, args: list[str]
) -> None:
    facts = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, facts)
    events(runner, facts, *args)
    for entry in entries():
        # Damage behind a valid checksum, as only a bug could make it.
        blob = unseal(entry.read_bytes())
        assert blob is not None
        stored = list(marshal.loads(blob))
        data = stored[-1]
        columns = list(data["events"])
        columns[4] = [b"\x00garbage" for _ in columns[4]]
        data["events"] = tuple(columns)
        entry.write_bytes(seal(marshal.dumps(tuple(stored))))
    result = runner.invoke(app, ["timeline", "--facts", str(facts), "-f", "json", *args])
    assert result.exit_code == 1
    assert "cache entry is damaged" in result.stderr
    assert "briefing cache clear" in result.stderr
    again = ["--no-cache", "timeline", "--facts", str(facts), "-f", "json", *args]
    assert runner.invoke(app, again).exit_code == 0


def test_no_single_bit_flip_changes_the_output(runner: CliRunner, facts: Path) -> None:
    first = events(runner, facts)
    entry = max(entries(), key=lambda e: e.stat().st_size)
    whole = entry.read_bytes()
    for bit in range(0, len(whole) * 8, max(1, len(whole) * 8 // 60)):
        flipped = bytearray(whole)
        flipped[bit // 8] ^= 1 << (bit % 8)
        entry.write_bytes(bytes(flipped))
        assert events(runner, facts) == first, f"bit {bit}"
        entry.write_bytes(whole)


def test_cache_clear_leaves_what_is_not_an_entry_and_says_what_it_kept(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events(runner, facts)
    folder = Path(os.environ["BRIEFING_CACHE_DIR"])
    (folder / "odd.marshal").mkdir()  # a folder named like an entry
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0, cleared.stderr
    assert cleared.stderr.startswith("removed 2 cache entries")
    assert (folder / "odd.marshal").is_dir()
    events(runner, facts)
    real_unlink = Path.unlink

    def read_only(path: Path, missing_ok: bool = False) -> None:
        if path.parent == folder:
            raise PermissionError(13, "Read-only file system")
        real_unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", read_only)
    kept = runner.invoke(app, ["cache", "clear"])
    assert kept.exit_code == 1
    assert "2 cache entries could not be removed" in kept.stderr


def test_cache_info_while_entries_vanish(
    runner: CliRunner, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events(runner, facts)
    real_stat = Path.stat

    def vanished(path: Path, **kwargs: object) -> os.stat_result:
        if path.suffix == ".marshal":
            raise FileNotFoundError(2, "No such file or directory")
        return real_stat(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", vanished)
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0, info.output
    assert "entries: 0" in info.stdout


def _with_problems(root: Path) -> Path:
    """The mini fixture with a third file holding errors, a warning and a good event."""
    (root / "more.yaml").write_text(
        "events:\n"
        "  - {id: late, date: 2023, title: Late, sources: [{source: daily-2022-12-01, quote: q}]}\n"
        "  - {id: bad, date: soon, title: Bad, sources: [{source: daily-2022-12-01, quote: q}]}\n"
        "  - {id: odd, date: 2023, title: Odd, actors: [nobody],"
        " sources: [{source: daily-2022-12-01, quote: q}]}\n"
        "  - {id: long, date: 2023, title: Long, sources: [{source: daily-2022-12-01, quote: "
        + " ".join(["w"] * 41)
        + "}]}\n"
    )
    return root


def test_worker_processes_parse_a_large_first_run_into_the_cache(
    facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import loader

    root = _with_problems(facts)
    alone = load(root, use_cache=False)
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 1)  # every first run counts as large
    monkeypatch.setenv(workers.JOBS_VAR, "3")
    here: list[Path] = []  # files this process parsed (a worker's calls are not seen here)
    parse_for_cache = loader._parse_for_cache

    def parse_here(path: Path, *rest: Any) -> Any:
        here.append(path)
        return parse_for_cache(path, *rest)

    monkeypatch.setattr(loader, "_parse_for_cache", parse_here)
    loaded = load(root)
    assert here == []  # the workers parsed every file, and stored it: this process read it
    assert len(entries()) == 3
    assert isinstance(loaded.facts.events, LazyEvents)
    assert loaded.problems == alone.problems
    assert {p.is_error for p in loaded.problems} == {True, False}
    assert tuple(loaded.facts.events) == tuple(alone.facts.events)
    assert loaded.facts.left_out == alone.facts.left_out


def test_a_file_no_worker_could_store_is_parsed_here(
    facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import loader

    root = _with_problems(facts)
    alone = load(root, use_cache=False)
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 1)
    monkeypatch.setenv(workers.JOBS_VAR, "2")
    monkeypatch.setattr(Cache, "put", lambda self, seen, facts: None)  # a full disk, say
    loaded = load(root)
    assert entries() == []
    assert loaded.problems == alone.problems
    assert tuple(loaded.facts.events) == tuple(alone.facts.events)


def test_one_job_or_a_small_first_run_parses_here(
    facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import loader

    forks: list[int] = []

    def fork() -> int:
        forks.append(1)
        return 0  # a child that would never end: no fork may happen

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setenv(workers.JOBS_VAR, "1")
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 1)
    first = load(facts)
    monkeypatch.setenv(workers.JOBS_VAR, "2")
    monkeypatch.setattr(loader, "PARALLEL_BYTES", 10**9)
    cache_module.Cache.clear(Cache.open())  # type: ignore[arg-type]
    second = load(facts)
    assert forks == []
    assert tuple(first.facts.events) == tuple(second.facts.events)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), ("3", 3), ("0", None), ("-2", None), ("two", None), ("", None)],
)
def test_briefing_jobs_says_how_many_processes(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    monkeypatch.setenv(workers.JOBS_VAR, value)
    assert workers.jobs() == (expected or len(os.sched_getaffinity(0)))


def test_only_plain_frozen_dataclasses_are_built_field_by_field() -> None:
    """The cache sets a fact's fields one by one, skipping ``__init__``: a class whose
    ``__init__`` would do more, or that could change after it is built, is refused."""
    from briefing.cache import _builder

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            raise AssertionError("never skipped")

    @dataclasses.dataclass
    class Mutable:
        value: int

    for cls in (Checked, Mutable):
        with pytest.raises(TypeError):
            _builder(cls, [("value", "plain", None)])
