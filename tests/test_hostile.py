"""Hostile and broken input: every case answers with one clear line and a documented exit
code, never a traceback, never a change to the user's files."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefing import parse
from briefing.cli import app
from briefing.loader import discover, load
from tests.conftest import FIXTURES, SOURCE

EVENT = "events:\n  - {id: e, date: 2022, title: T, sources: [{source: src, quote: q}]}\n"

# name -> (files, arguments after the command, exit code, text expected on stdout+stderr)
CASES: dict[str, tuple[dict[str, str | bytes], list[str], int, str]] = {
    "syntax error": ({"a.yaml": "events:\n  - id: [x\n"}, ["check"], 1, "YAML syntax error"),
    "tab": ({"a.yaml": "events:\n\t- id: x\n"}, ["check"], 1, "indent with spaces, not tabs"),
    "byte-order mark": ({"a.yaml": "\ufeff" + SOURCE + EVENT}, ["check"], 0, "no problems"),
    "crlf": ({"a.yaml": (SOURCE + EVENT).replace("\n", "\r\n")}, ["check"], 0, "no problems"),
    "invalid utf-8": ({"a.yaml": b"events:\n  - id: \xff\n"}, ["check"], 1, "not valid UTF-8"),
    "empty file": ({"a.yaml": ""}, ["check"], 0, "no problems"),
    "only a comment": ({"a.yaml": "# nothing\n"}, ["check"], 0, "no problems"),
    "a list": ({"a.yaml": "- a\n- b\n"}, ["check"], 1, "the file holds a list"),
    "a scalar": ({"a.yaml": "hello\n"}, ["check"], 1, "the file holds a single value"),
    "wrong types": (
        {
            "a.yaml": SOURCE
            + "events:\n  - id: [e]\n    date: [2022]\n    title: {a: 1}\n"
            + "    actors: {x: 1}\n    sources: nope\n"
        },
        ["check"],
        1,
        "must be text, not a list",
    ),
    "collection of scalars": ({"a.yaml": "events: [1, 2]\n"}, ["check"], 1, "must be a mapping"),
    "duplicate keys": (
        {"a.yaml": SOURCE + EVENT.replace("title: T", "title: T, title: U")},
        ["check"],
        1,
        "duplicate key `title`",
    ),
    "python object tag": (
        {"a.yaml": "events: !!python/object/apply:os.system ['echo owned']\n"},
        ["check"],
        1,
        "tag !!python/object/apply:os.system is not allowed",
    ),
    "python name tag on a scalar": (
        {"a.yaml": "topics:\n  - {id: t, name: !!python/name:os.system ''}\n"},
        ["check"],
        1,
        "is not allowed",
    ),
    "alias bomb": (
        {
            "a.yaml": 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                for i in range(9)
            )
        },
        ["check"],
        1,
        "an alias bomb",
    ),
    "impossible dates": (
        {"a.yaml": SOURCE + EVENT.replace("date: 2022", "date: 0000-00-00")},
        ["check"],
        1,
        "`date` of event `e`",
    ),
    "year 99999": (
        {"a.yaml": SOURCE + EVENT.replace("date: 2022", "date: '99999'")},
        ["check"],
        1,
        "`date` of event `e`",
    ),
    "range ending before it starts": (
        {"a.yaml": SOURCE + EVENT.replace("date: 2022", "date: 2022/2019")},
        ["check"],
        1,
        "ends before it starts",
    ),
    "ids with spaces and Unicode": (
        {"a.yaml": SOURCE + EVENT.replace("id: e", "id: é vent")},
        ["check"],
        1,
        "may hold only ASCII letters",
    ),
    "judgments resting on each other": (
        {
            "a.yaml": SOURCE
            + "judgments:\n"
            + "  - {id: j1, statement: S, by: curator, rests_on: [j2],"
            + " sources: [{source: src, quote: q}]}\n"
            + "  - {id: j2, statement: S, by: curator, rests_on: [j1],"
            + " sources: [{source: src, quote: q}]}\n"
        },
        ["check"],
        1,
        "rest on each other in a cycle: j1 → j2 → j1",
    ),
    "deep nesting": ({"a.yaml": "events: " + "[" * 5000 + "]" * 5000 + "\n"}, ["check"], 1, "nest"),
    "very long text": (
        {"a.yaml": SOURCE + EVENT.replace("title: T", "title: " + "x" * 1_000_000)},
        ["check"],
        0,
        "no problems",
    ),
    "unknown option": (
        {"a.yaml": SOURCE},
        ["check", "--frobnicate"],
        2,
        "no such option --frobnicate",
    ),
    "unknown actor": ({"a.yaml": SOURCE + EVENT}, ["actor", "nobody"], 1, "no actor `nobody`"),
    "unreadable --since": (
        {"a.yaml": SOURCE + EVENT},
        ["timeline", "--since", "soon"],
        2,
        "--since",
    ),
    "unreadable --as-of": (
        {"a.yaml": SOURCE + EVENT},
        ["actors", "--as-of", "0000-00-00"],
        2,
        "--as-of",
    ),
    "standalone with json": (
        {"a.yaml": SOURCE + EVENT},
        ["brief", "--standalone", "-f", "json"],
        2,
        "--standalone is for Markdown",
    ),
    "views run on a broken fact base, and say so": (
        {"a.yaml": "actros: []\n"},
        ["timeline"],
        0,
        "the fact base has 1 error; no fact is left out; run `briefing check --facts",
    ),
}


def fingerprint(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input(case: str, tmp_path: Path, runner: CliRunner) -> None:
    files, args, status, expected = CASES[case]
    root = tmp_path / "facts"
    root.mkdir()
    for name, content in files.items():
        path = root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    before = fingerprint(root)
    began = time.perf_counter()
    result = runner.invoke(app, [args[0], "--facts", str(root), *args[1:]])
    assert time.perf_counter() - began < 10
    output = result.stdout + result.stderr
    assert result.exit_code == status, output
    assert expected in output, output
    assert "Traceback" not in output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert fingerprint(root) == before  # nothing the user wrote is touched


def test_a_path_that_does_not_exist(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--facts", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1


def test_a_folder_without_yaml(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = runner.invoke(app, ["check", "--facts", str(tmp_path)])
    assert result.exit_code == 1
    assert "no .yaml or .yml files" in result.stderr


def test_a_file_that_cannot_be_read(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok.yaml").write_text(SOURCE)
    (tmp_path / "secret.yaml").write_text(EVENT)
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        # Tests run as root, who may read anything: refuse as a file mode 000 would.
        if Path(path).name == "secret.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = runner.invoke(app, ["check", "--facts", str(tmp_path)])
    assert result.exit_code == 1
    assert "secret.yaml: cannot read file: Permission denied" in result.stdout


def test_symlink_loops(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(SOURCE)
    (tmp_path / "loop").symlink_to(tmp_path)  # a folder loop: not followed
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")  # a file loop: reported
    result = runner.invoke(app, ["check", "--facts", str(tmp_path)])
    assert result.exit_code == 1
    assert "a.yaml: cannot read file" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_huge_files_are_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.yaml").write_text(SOURCE + "# " + "x" * 2000 + "\n")
    result = runner.invoke(app, ["check", "--facts", str(tmp_path)])
    assert result.exit_code == 1
    assert "big.yaml: the file is larger than" in result.stdout


def test_an_alias_bomb_costs_under_a_second_and_a_few_megabytes(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n")
    # Timed and traced in separate runs: tracing every allocation makes the run several
    # times slower, which would measure tracemalloc rather than the loader.
    began = time.perf_counter()
    loaded = load(tmp_path, use_cache=False)
    elapsed = time.perf_counter() - began
    tracemalloc.start()
    load(tmp_path, use_cache=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "alias bomb" in loaded.problems[0].message
    assert elapsed < 1
    assert peak < 50_000_000


def test_interrupting_a_long_load_exits_130_quietly(tmp_path: Path) -> None:
    from bench.generate import generate

    generate(tmp_path / "facts", events=30_000, files=10)
    env = {**os.environ, "BRIEFING_NO_CACHE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", "check", "--facts", str(tmp_path / "facts")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert stderr.decode().strip() == "briefing: interrupted"


def test_every_format_shows_hostile_text_as_text(runner: CliRunner, tmp_path: Path) -> None:
    evil = "[bold red]x[/] \x1b[31mred\x1b[0m \x9b31m c1 \u202etxet\u202c <script>a</script> | *b*"
    root = tmp_path / "facts"
    root.mkdir()
    (root / "a.yaml").write_text(
        SOURCE + EVENT.replace("title: T", "title: " + json.dumps(evil)), encoding="utf-8"
    )
    for fmt in ("md", "json", "rich"):
        result = runner.invoke(app, ["timeline", "--facts", str(root), "-f", fmt])
        assert result.exit_code == 0, result.output
        out = result.stdout
        for control in ("\x1b", "\x9b", "\u202e", "\u202c"):
            assert control not in out, (fmt, control)
        assert "[bold red]x[/]" in out or "[bold red]x[/]" in out.replace("\\", "")
    data = json.loads(runner.invoke(app, ["timeline", "--facts", str(root), "-f", "json"]).stdout)
    assert data["events"][0]["title"] == evil  # JSON keeps the exact text, escaped


@pytest.mark.parametrize("fixture", ["mini", "brief"])
def test_no_command_writes_to_the_fact_base(
    fixture: str, runner: CliRunner, tmp_path: Path
) -> None:
    import shutil

    root = tmp_path / "facts"
    shutil.copytree(FIXTURES / fixture, root)
    before = fingerprint(root)
    for args in (["check"], ["timeline"], ["brief"], ["export"], ["actors"], ["search", "x"]):
        runner.invoke(app, [args[0], "--facts", str(root), *args[1:]])
    assert fingerprint(root) == before


# -- special files: never read past the limit, never wait on a pipe ----------------------------


def _limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`briefing ARGS` in a process of its own, bounded in time and in memory (1 GB)."""

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cwd / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=cap,
        env=env,
        cwd=cwd,
    )


@pytest.mark.parametrize("use_cache", [True, False])
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("pipe.yaml", "it is a named pipe, not a regular file"),
        ("zero.yaml", "a link to a file outside the fact base"),
        ("dir.yaml", "a folder"),
    ],
)
def test_special_files_are_problems_not_hangs(
    tmp_path: Path, name: str, kind: str, use_cache: bool
) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "sources.yaml").write_text(SOURCE)
    special = facts / name
    if name == "pipe.yaml":
        os.mkfifo(special)
    elif name == "zero.yaml":
        special.symlink_to("/dev/zero")  # a clone can carry this: git stores symlinks
    else:
        special.mkdir()
        (special / "inner.txt").write_text("not YAML")
    args = (
        ["check", "--facts", "facts"] if use_cache else ["--no-cache", "check", "--facts", "facts"]
    )
    result = _limited(*args, cwd=tmp_path)
    if name == "dir.yaml":
        # A folder is walked into, not read: it holds no YAML, so nothing is wrong.
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 1, result.stderr
    assert f"facts/{name}: {'cannot read file: ' * (name == 'pipe.yaml')}{kind}" in result.stdout


def test_a_linked_device_is_refused_even_when_links_are_followed(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "sources.yaml").write_text(SOURCE)
    (facts / "zero.yaml").symlink_to("/dev/zero")
    result = _limited("check", "--facts", "facts", "--follow-links", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "facts/zero.yaml: cannot read file: it is a character device" in result.stdout


def test_tab_completion_does_not_wait_on_a_pipe(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "sources.yaml").write_text(SOURCE)
    actor = "{id: kaz, name: Kazakhstan, kind: state, sources: [{source: src, quote: q}]}"
    (facts / "actors.yaml").write_text(f"actors:\n  - {actor}\n")
    os.mkfifo(facts / "pipe.yaml")
    env = {
        **os.environ,
        "_BRIEFING_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "briefing timeline --facts facts --actor Ka",
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", "from briefing.cli import main; main()"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert "Kazakhstan" in done.stdout  # the rest of the fact base still completes


def test_a_file_is_read_only_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 5000 + b"\n")
    assert len(parse.read_bounded(big, limit=100)) == 101
    monkeypatch.setattr(parse, "MAX_FILE_BYTES", 1000)
    raw = parse.read_file(big)
    assert raw.problems and "larger than" in raw.problems[0].message


def test_a_device_inside_the_fact_base_is_not_read(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "sources.yaml").write_text(SOURCE)
    (facts / "zero.yaml").symlink_to("/dev/zero")
    raw = parse.read_file(facts / "zero.yaml")
    assert raw.problems[0].message == (
        "cannot read file: it is a character device, not a regular file; "
        "remove it from the fact base"
    )


def test_links_out_of_the_fact_base_are_not_followed(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "sources.yaml").write_text(SOURCE)
    (tmp_path / "secret.yaml").write_text("topics:\n  - {id: secret-topic, name: Hidden}\n")
    (facts / "leak.yaml").symlink_to(tmp_path / "secret.yaml")
    (facts / "status.yaml").symlink_to("/proc/self/status")
    (facts / "same.yaml").symlink_to(facts / "sources.yaml")  # inside: read as usual
    result = runner.invoke(app, ["check", "--facts", str(facts)])
    assert result.exit_code == 1
    assert f"{facts}/leak.yaml: a link to a file outside the fact base" in result.stdout
    assert f"{facts}/status.yaml: a link to a file outside the fact base" in result.stdout
    assert "secret-topic" not in result.stdout and "VmRSS" not in result.stdout
    assert "same.yaml" in result.stdout  # read, so its ids clash with sources.yaml's


def test_follow_links_reads_what_links_point_to(runner: CliRunner, tmp_path: Path) -> None:
    facts, outside, events = tmp_path / "facts", tmp_path / "outside", tmp_path / "events"
    for folder in (facts, outside, events):
        folder.mkdir()
    (facts / "sources.yaml").write_text(SOURCE)
    (outside / "topic.yaml").write_text("topics:\n  - {id: far-topic, name: Far}\n")
    (events / "events.yaml").write_text(EVENT)
    (facts / "topic.yaml").symlink_to(outside / "topic.yaml")
    (facts / "more").symlink_to(events)  # a linked folder
    (facts / "loop").symlink_to(facts)  # a loop back to the top
    result = runner.invoke(app, ["check", "--facts", str(facts)])
    assert result.exit_code == 1
    assert f"{facts}/more: a link to a folder, not followed; pass --follow-links" in result.stdout
    assert f"{facts}/loop: a link to a folder, not followed" in result.stdout
    assert f"{facts}/topic.yaml: a link to a file outside the fact base" in result.stdout
    # Followed: every file read once, the loop walked once, so no id is defined twice.
    follow = ["--facts", str(facts), "--follow-links"]
    result = runner.invoke(app, ["check", *follow])
    assert result.exit_code == 0, result.stdout
    data = json.loads(runner.invoke(app, ["timeline", *follow, "-f", "json"]).stdout)
    assert [e["id"] for e in data["events"]] == ["e"]
    data = json.loads(runner.invoke(app, ["export", *follow, "-f", "json"]).stdout)
    assert [t["id"] for t in data["topics"]] == ["far-topic"]


def test_an_unreadable_folder_is_a_problem(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sources.yaml").write_text(SOURCE)
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "e.yaml").write_text(EVENT)
    real_scandir = os.scandir

    def refuse(path: Any) -> Any:
        # Tests run as root, who may read anything: refuse as a folder mode 000 would.
        if Path(path).name == "events":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = runner.invoke(app, ["check", "--facts", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path}/events: cannot read folder: Permission denied" in result.stdout


def test_deep_folders_are_walked_without_recursion(tmp_path: Path) -> None:
    folders = [tmp_path / "d"]
    for _ in range(1499):
        folders.append(folders[-1] / "d")
    for folder in folders:
        folder.mkdir()
    (folders[-1] / "sources.yaml").write_text(SOURCE)
    try:
        assert discover(tmp_path).paths == [folders[-1] / "sources.yaml"]
    finally:
        # shutil.rmtree, which pytest cleans up with, recurses per level and would fail.
        (folders[-1] / "sources.yaml").unlink()
        for folder in reversed(folders):
            folder.rmdir()


def test_upper_case_suffixes_count(tmp_path: Path) -> None:
    (tmp_path / "A.YAML").write_text(SOURCE)
    (tmp_path / "b.Yml").write_text("")
    assert [p.name for p in discover(tmp_path).paths] == ["A.YAML", "b.Yml"]


# -- control characters in messages -----------------------------------------------------------

CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))] + [
    "\u061c",
    "\u200e",
    "\u200f",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\u2028",
    "\u2029",
]


def _raw_controls(text: str) -> set[str]:
    """Control characters in ``text`` other than the newline that ends each line."""
    return {ch for line in text.split("\n") for ch in line if ch in CONTROLS}


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_no_control_character_reaches_a_report_or_an_error_line(
    runner: CliRunner, tmp_path: Path, control: str
) -> None:
    import yaml

    facts = tmp_path / "facts"
    facts.mkdir()
    name = f"x{control}y" if control not in "\x00/" else "xy"
    value = f"bad{control}id"
    kinds = yaml.safe_dump(
        {
            "topics": [{"id": value, "name": "T", f"odd{control}key": 1}],
            "events": [
                {
                    "id": "e",
                    "date": f"2022{control}",
                    "title": "T",
                    "topics": [f"missing{control}ref"],
                    "sources": [{"source": "src", "quote": f"not{control}there"}],
                }
            ],
        },
        allow_unicode=True,
    )
    (facts / "sources.yaml").write_text(SOURCE)
    (facts / f"{name}.yaml").write_text(kinds, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "src.txt").write_text("nothing quoted here")
    check = runner.invoke(app, ["check", "--facts", str(facts), "--quotes", str(archive)])
    assert check.exit_code == 1
    assert len(check.stdout.splitlines()) >= 5  # each kind of problem reported
    assert _raw_controls(check.stdout) == set()
    info = runner.invoke(app, ["info", "--facts", str(facts)])
    assert _raw_controls(info.stdout) == set()
    if control == "\x00":
        return  # no command line can carry a NUL: argv is C strings
    missing = runner.invoke(app, ["timeline", "--facts", str(tmp_path / f"no{control}where")])
    assert missing.exit_code == 1
    assert _raw_controls(missing.stderr) == set() and missing.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "control", [c for c in CONTROLS if c != "\x00"], ids=lambda c: f"U+{ord(c):04X}"
)
def test_no_control_character_reaches_an_answer_to_a_request(
    runner: CliRunner, tmp_path: Path, control: str
) -> None:
    """The messages built from what the user asked for and from names in the fact base:
    unknown or ambiguous names, bad option values, unknown commands and options, and the
    first problem of a fact base a view refuses."""
    import yaml

    facts = tmp_path / "facts"
    facts.mkdir()
    actors = [
        {"id": f"a{n}", "name": f"Twin{control}{n}", "kind": "state", "aliases": ["twin"]}
        for n in (1, 2)
    ]
    (facts / "sources.yaml").write_text(SOURCE)
    (facts / "actors.yaml").write_text(yaml.safe_dump({"actors": actors}, allow_unicode=True))
    where = ["--facts", str(facts)]
    x = f"x{control}y"
    requests = [
        ["actor", x, *where],
        ["actor", "twin", *where],  # ambiguous: both names listed
        ["timeline", "--topic", x, *where],
        ["timeline", "--source", x, *where],
        ["timeline", "--as-of", x, *where],
        ["timeline", "--heading-level", x, *where],
        ["timeline", "--format", x, *where],
        ["brief", x, *where],
        [x],
        ["timeline", f"--{x}"],
        ["cache", x],
    ]
    for args in requests:
        result = runner.invoke(app, args)
        assert result.exit_code in (1, 2), (args, result.output)
        assert _raw_controls(result.stderr) == set(), (args, result.stderr)
        assert not result.stdout, args
    (facts / "bad.yaml").write_text(yaml.safe_dump({"topics": [{"id": x, "name": "T"}]}))
    result = runner.invoke(app, ["--strict", "timeline", *where])
    assert result.exit_code == 1
    assert _raw_controls(result.stderr) == set() and result.stderr.count("\n") == 1
    result = runner.invoke(app, ["timeline", *where])  # the topic left out, and said so
    assert result.exit_code == 0
    assert _raw_controls(result.stderr) == set() and result.stderr.count("\n") == 1


# -- file names, homes and caches ---------------------------------------------------------------


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "sources.yaml").write_text(SOURCE)
    odd = os.fsdecode(b"r\xe9sum\xe9.yaml")
    (facts / odd).write_text("topics:\n  - {id: t}\n")  # no name: one problem
    cache = tmp_path / "cache"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    runs = [
        subprocess.run(
            [sys.executable, "-m", "briefing", "check", "--facts", "facts"],
            capture_output=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
        for _ in range(2)  # the second from the cache
    ]
    for run in runs:
        assert run.returncode == 1, run.stderr
        assert run.stderr == b""
        assert b"facts/r\\udce9sum\\udce9.yaml:" in run.stdout
    assert not list(cache.glob(".entry-*"))


def test_no_home_folder_means_no_cache(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import cache

    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory")

    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    assert cache.default_folder() is None
    assert runner.invoke(app, ["check", "--facts", str(FIXTURES / "mini")]).exit_code == 0
    assert runner.invoke(app, ["cache", "info"]).stdout.startswith("cache: none")
    assert runner.invoke(app, ["cache", "clear"]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [["check", "--facts", ""], ["timeline", "--facts", ""], ["check", "--quotes", ""]],
    ids=["check", "timeline", "quotes"],
)
def test_an_empty_path_is_a_usage_error(runner: CliRunner, args: list[str]) -> None:
    # Not the current folder: `--facts "$UNSET"` must not read whatever is here.
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "an empty path; give a folder or a file" in result.stderr


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import cache

    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.default_folder() == Path.home() / ".cache" / "briefing"
    monkeypatch.setenv("XDG_CACHE_HOME", "/abs/cache")
    assert cache.default_folder() == Path("/abs/cache/briefing")


# -- numbers and dates at the edges --------------------------------------------------------------


def test_windows_and_dates_at_the_edges(runner: CliRunner, tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "sources.yaml").write_text(SOURCE)
    (facts / "briefs.yaml").write_text(
        "briefs:\n  - {id: far, title: Far, window: 800000}\n"
        "  - {id: early, title: Early, as_of: 0001-01-10, window: 30, default: true}\n"
    )
    check = runner.invoke(app, ["check", "--facts", str(facts)])
    assert check.exit_code == 1
    assert "`window` of brief `far` must be a whole number of days, from 1 to 36,525" in (
        check.stdout
    )
    (facts / "briefs.yaml").write_text(
        "briefs:\n  - {id: early, title: Early, as_of: 0001-01-10, window: 30, default: true}\n"
    )
    assert runner.invoke(app, ["check", "--facts", str(facts)]).exit_code == 0
    assert runner.invoke(app, ["brief", "--facts", str(facts), "-f", "json"]).exit_code == 0
    oldest = runner.invoke(app, ["brief", "--facts", str(facts), "--as-of", "0001-01-01"])
    assert oldest.exit_code == 0, oldest.stderr
    huge = runner.invoke(app, ["brief", "--facts", str(facts), "--window", "9" * 20])
    assert huge.exit_code == 2
    assert "not in the range 1<=x<=36525" in huge.stderr


# -- output that cannot be written ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["timeline", "-f", "json"], ["brief", "-f", "rich"], ["check"]],
    ids=" ".join,
)
@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_output_that_cannot_be_written_is_one_line(args: list[str], stdout: str) -> None:
    command = [sys.executable, "-m", "briefing", *args]
    if stdout == "full":
        with open("/dev/full", "w") as full:
            run = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, timeout=60)
        reason = "No space left on device"
    else:
        run = subprocess.run(
            command,
            stderr=subprocess.PIPE,
            timeout=60,
            pass_fds=(),
            stdout=None,
            preexec_fn=lambda: os.close(1),
        )
        reason = "standard output is closed"
    assert run.returncode == 1
    assert run.stderr.decode() == f"briefing: cannot write output: {reason}\n"


@pytest.mark.parametrize("columns", ["0", "1", "2", "99999999999", "wide"])
def test_any_columns_value_shows_the_events(runner: CliRunner, columns: str) -> None:
    result = runner.invoke(
        app,
        ["timeline", "--facts", str(FIXTURES / "mini"), "-f", "rich", "--no-color"],
        env={"COLUMNS": columns},
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 1000
    assert "events" in lines[0]
    assert len(lines) > 3  # the events themselves, not just a title


def test_a_search_of_one_word_repeated_costs_one_word(runner: CliRunner) -> None:
    from briefing import query
    from briefing.loader import bundled_facts

    facts = load(bundled_facts()).facts
    began = time.perf_counter()
    once = query.search(facts, "gas")
    single = time.perf_counter() - began
    began = time.perf_counter()
    many = query.search(facts, " ".join(["gas"] * 4000))
    repeated = time.perf_counter() - began
    assert [h.fact.id for h in many] == [h.fact.id for h in once]
    assert repeated < 20 * max(single, 0.005)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=ascii)
def test_lines_are_counted_as_an_editor_counts_them(tmp_path: Path, separator: str) -> None:
    text = (
        "topics:\n"
        f'  - {{id: a, name: "one{separator}two{separator}three"}}\n'
        "  - {id: b, name: B}\n"
        "  - {id: c, name: C, colour: red}\n"
    )
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    raw = parse.read_file(tmp_path / "t.yaml")
    topics = raw.data["topics"] if raw.data else None
    assert topics is not None and topics.item_lines == [2, 3, 4]
    (tmp_path / "bad.yaml").write_text(
        f'topics:\n  - {{id: a, name: "x{separator}y"}}\n  - [unclosed\n', encoding="utf-8"
    )
    problem = parse.read_file(tmp_path / "bad.yaml").problems[0]
    assert problem.line >= 3 and problem.line <= 4, problem


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=ascii)
@pytest.mark.parametrize(
    "value",
    ["A{} B", '"A{} B"', "'A{} B'", "|\n      A{} B\n", ">\n      A{} B\n"],
    ids=["plain", "double", "single", "literal", "folded"],
)
def test_other_line_breaks_are_text_kept_as_written(
    tmp_path: Path, separator: str, value: str
) -> None:
    # As YAML 1.2 and editors have it: no line break, no syntax error, the value unchanged.
    # A "\uE000" escape (the first stand-in) keeps its own meaning.
    text = f"sources:\n  - id: src\n    title: {value.format(separator)}\n"
    text += '    publisher: "\\ue000"\n    kind: 3rd\n'
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    raw = parse.read_file(tmp_path / "s.yaml")
    assert raw.problems == [] and raw.data is not None
    source = raw.data["sources"][0]
    assert source["title"].strip("\n") == f"A{separator} B"
    assert source["publisher"] == "\ue000"
    assert source.key_lines["kind"] == text.count("\n")  # the last line, counted by newlines


def test_yaml_export_writes_bidirectional_controls_as_escapes(
    runner: CliRunner, tmp_path: Path
) -> None:
    import yaml

    (tmp_path / "sources.yaml").write_text(SOURCE)
    (tmp_path / "events.yaml").write_text(
        'events:\n  - {id: e, date: 2022, title: "ab\\u202Ecd \\u2067x\\u2069", '
        "summary: Café, sources: [{source: src, quote: q}]}\n",
        encoding="utf-8",
    )
    out = runner.invoke(app, ["export", "--facts", str(tmp_path), "-f", "yaml"]).stdout
    assert not {"\u202e", "\u2067", "\u2069"} & set(out)
    as_json = json.loads(runner.invoke(app, ["export", "--facts", str(tmp_path)]).stdout)
    as_yaml = yaml.safe_load(out)["events"][0]
    assert as_json["events"][0]["title"] == as_yaml["title"] == "ab\u202ecd \u2067x\u2069"
    assert as_json["events"][0]["summary"] == as_yaml["summary"] == "Café"
    clean = runner.invoke(app, ["export", "--facts", str(FIXTURES / "mini"), "-f", "yaml"])
    assert "\\u" not in clean.stdout  # ordinary text keeps its Unicode as is


@pytest.mark.parametrize("fmt", ["json", "md", "rich"])
def test_an_ascii_only_output_encoding(fmt: str) -> None:
    def run(encoding: str) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "PYTHONIOENCODING": encoding}
        command = [sys.executable, "-m", "briefing", "actor", "Kazakhstan", "-f", fmt]
        return subprocess.run(command, capture_output=True, env=env, timeout=60)

    ascii_run, utf8_run = run("ascii"), run("utf-8")
    assert ascii_run.returncode == 0, ascii_run.stderr
    assert ascii_run.stderr == b""
    assert ascii_run.stdout.isascii()
    if fmt == "json":
        assert json.loads(ascii_run.stdout) == json.loads(utf8_run.stdout)


# -- Markdown that pandoc and GitHub read as written ---------------------------------------------

# Text that pandoc's Markdown or GFM would otherwise turn into something else: math, a
# citation, a fancy list, dashes, an ellipsis, curly quotes, attributes, a split table cell.
MARKDOWN_TRAPS = [
    "$5bn, or US$ 4bn",
    "@handle said so",
    "(a) the first point",
    "a) the second",
    "iv. the fourth",
    "1. one",
    "#. numbered",
    "- a dash",
    ": a definition",
    "::: a div",
    "% a title block",
    "two -- dashes and three --- dashes",
    "and so on...",
    'the state\'s "own" words',
    "a heading {#id .class}",
    "x^2^ and H~2~O, ~~struck~~",
    "[^1] and ^[an inline note]",
    "<b>bold</b> &amp; &copy;",
    "a | pipe | cell",
    "back\\slash\\_ and \\$",
    "*star* _under_ `code`",
]
# As many distinct harmless texts, so that footnotes are shared in the same way.
PLAIN = [f"plain words {n}" for n in range(len(MARKDOWN_TRAPS))]
URL_TRAPS = ["https://example.org/a|b", "https://example.org/a\\_b?q=1&amp;r=2", "https://é.org/x"]


def _text_fields(facts: Any, texts: list[str]) -> Any:
    """``facts`` with each free-text field replaced by the next of ``texts``, in turn."""
    import dataclasses

    names = {"title", "summary", "description", "name", "statement", "text", "quote"}
    names |= {"publisher", "value", "audience", "author"}
    turn, url_turn = iter(range(10**6)), iter(range(10**6))

    def walk(value: Any) -> Any:
        if isinstance(value, Sequence) and not isinstance(value, str):
            return tuple(walk(v) for v in value)
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            if field.name in names and isinstance(old, str) and old:
                changes[field.name] = texts[next(turn) % len(texts)]
            elif field.name == "url":
                changes[field.name] = URL_TRAPS[next(url_turn) % len(URL_TRAPS)]
            else:
                changes[field.name] = walk(old)
        return dataclasses.replace(value, **changes)

    return walk(facts)


def _brief_markdown(texts: list[str], standalone: bool = True) -> str:
    from datetime import date

    from briefing import views
    from briefing.brief import assemble, choose
    from briefing.render.markdown import MarkdownRenderer

    facts = _text_fields(load(FIXTURES / "brief").facts, texts)
    briefing = assemble(facts, choose(facts, None), today=date(2022, 12, 2))
    return str(MarkdownRenderer(standalone=standalone).brief(views.brief(briefing)))


def _pandoc(markdown: str, to: str) -> str:
    from tests.test_brief import PANDOC

    assert PANDOC, "pandoc is required here"
    done = subprocess.run(
        [PANDOC, "-s", "-f", "markdown", "-t", to, "--wrap=none"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()


def _shape(node: Any) -> list[str]:
    """The element types of a pandoc JSON tree, in order, words and spaces left out."""
    if isinstance(node, list):
        return [t for item in node for t in _shape(item)]
    if isinstance(node, dict):
        kind = node.get("t")
        # Column widths follow line lengths, so they are left out too.
        words = (None, "Str", "Space", "SoftBreak", "ColWidth", "ColWidthDefault")
        own = [kind] if kind not in words else []
        return own + [t for value in node.values() for t in _shape(value)]
    return []


def _link_targets(node: Any) -> list[str]:
    if isinstance(node, list):
        return [u for item in node for u in _link_targets(item)]
    if isinstance(node, dict):
        if node.get("t") == "Link":
            return [node["c"][2][0]]
        return _link_targets(node.get("c", [])) + _link_targets(node.get("blocks", []))
    return []


@pytest.mark.skipif(
    not shutil.which("pandoc") and not os.environ.get("BRIEFING_REQUIRE_PANDOC"),
    reason="pandoc is not installed (CI installs it)",
)
def test_pandoc_reads_fact_text_as_written() -> None:
    plain = _brief_markdown(PLAIN)
    hostile = _brief_markdown(MARKDOWN_TRAPS)
    # The same document structure as with plain words: no math, citation, list, quote...
    assert _shape(json.loads(_pandoc(hostile, "json"))) == _shape(
        json.loads(_pandoc(plain, "json"))
    )
    text = _pandoc(hostile, "plain")
    for trap in MARKDOWN_TRAPS:
        assert trap in text, trap
    from urllib.parse import unquote

    targets = _link_targets(json.loads(_pandoc(hostile, "json")))
    assert targets and {unquote(t) for t in targets} <= set(URL_TRAPS)


def test_github_reads_fact_text_as_written() -> None:
    import html

    import cmarkgfm
    from cmarkgfm.cmark import Options

    def shown(markdown: str) -> str:
        options = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
        return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=options))

    hostile = shown(_brief_markdown(MARKDOWN_TRAPS, standalone=False))
    plain = shown(_brief_markdown(PLAIN, standalone=False))
    tags = re.compile(r"<(/?\w+)[^>]*>")
    assert tags.findall(hostile) == tags.findall(plain)
    text = html.unescape(tags.sub("", hostile))
    for trap in MARKDOWN_TRAPS:
        assert trap in text, trap
    from urllib.parse import unquote

    hrefs = re.findall(r'<a href="([^#"][^"]*)"', hostile)
    # The brief's two sources, then its events, each linked to its own page.
    shown_urls = [unquote(html.unescape(u)) for u in hrefs]
    assert shown_urls[-2:] == URL_TRAPS[:2]
    assert len(shown_urls) > 2 and set(shown_urls) <= set(URL_TRAPS)


def _at_block_starts(texts: list[str]) -> str:
    """Each text escaped as a paragraph of its own and as a list item: where a leading
    `-`, `:`, `%`, `#.` or `1.` would open a block if it were not escaped."""
    from briefing.render.markdown import esc

    return "\n\n".join([*(esc(t) for t in texts), *(f"- {esc(t)}" for t in texts)]) + "\n"


def test_github_reads_fact_text_at_the_start_of_a_block_as_written() -> None:
    import html

    import cmarkgfm

    hostile = cmarkgfm.github_flavored_markdown_to_html(_at_block_starts(MARKDOWN_TRAPS))
    plain = cmarkgfm.github_flavored_markdown_to_html(_at_block_starts(PLAIN))
    tags = re.compile(r"<(/?\w+)[^>]*>")
    assert tags.findall(hostile) == tags.findall(plain)
    text = html.unescape(tags.sub("", hostile))
    for trap in MARKDOWN_TRAPS:
        assert trap in text, trap


@pytest.mark.skipif(
    not shutil.which("pandoc") and not os.environ.get("BRIEFING_REQUIRE_PANDOC"),
    reason="pandoc is not installed (CI installs it)",
)
def test_pandoc_reads_fact_text_at_the_start_of_a_block_as_written() -> None:
    hostile = _at_block_starts(MARKDOWN_TRAPS)
    assert _shape(json.loads(_pandoc(hostile, "json"))) == _shape(
        json.loads(_pandoc(_at_block_starts(PLAIN), "json"))
    )
    text = _pandoc(hostile, "plain")
    for trap in MARKDOWN_TRAPS:
        assert trap in text, trap
