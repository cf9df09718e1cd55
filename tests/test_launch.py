"""`briefing --help` and `--version` answered without Typer, exactly as Typer would answer."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from briefing._help import NO_ARGS_STATUS, PAGES
from briefing.launch import HELP_COLUMNS, prebuilt, terminal_columns
from tools.help_pages import help_pages, run_captured


def test_stored_pages_are_the_apps_pages() -> None:
    assert help_pages(HELP_COLUMNS) == PAGES, "help pages are stale: run `make help-pages`"


def test_every_command_has_a_stored_page() -> None:
    assert {path[:1] for path in PAGES} >= {("timeline",), ("brief",), ("cache",), ()}
    assert ("cache", "clear") in PAGES


def help_argvs() -> list[list[str]]:
    argvs: list[list[str]] = [[], ["--version"]]
    for path in PAGES:
        argvs += [[*path, "--help"], [*path, "-h"]]
    return argvs


@pytest.mark.parametrize("columns", [HELP_COLUMNS, 200])
@pytest.mark.parametrize("argv", help_argvs(), ids=" ".join)
def test_prebuilt_reply_is_the_apps_reply(argv: list[str], columns: int) -> None:
    """Same stdout, same stderr, same exit status, at any width from 80 columns up."""
    assert prebuilt(argv, {"COLUMNS": str(columns)}) == run_captured(argv, columns)


def test_bare_briefing_prints_the_main_page_to_stderr() -> None:
    assert prebuilt([], {"COLUMNS": "100"}) == ("", PAGES[()], NO_ARGS_STATUS)
    assert NO_ARGS_STATUS == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["timeline"],
        ["--debug", "--help"],
        ["timeline", "--actor", "--help"],
        ["nonsense", "--help"],
        ["cache"],
        ["--version", "--help"],
        ["--", "--help"],
    ],
    ids=" ".join,
)
def test_anything_else_goes_to_the_app(argv: list[str]) -> None:
    assert prebuilt(argv, {"COLUMNS": "100"}) is None


def test_a_narrow_terminal_goes_to_the_app() -> None:
    """Typer wraps help to a narrow terminal's width, so the stored pages would be wrong."""
    assert prebuilt(["--help"], {"COLUMNS": str(HELP_COLUMNS - 1)}) is None
    assert run_captured(["--help"], 60)[0] != PAGES[()]


def test_shell_completion_goes_to_the_app() -> None:
    environ = {"COLUMNS": "100", "_BRIEFING_COMPLETE": "complete_bash"}
    assert prebuilt([], environ) is None
    assert prebuilt(["--version"], environ) is None


def test_version_needs_no_width() -> None:
    assert prebuilt(["--version"], {"COLUMNS": "20"}) == (f"briefing {__version__}\n", "", 0)


@pytest.mark.parametrize(
    ("value", "expected"), [("132", 132), ("79", 79), ("0", None), ("wide", None), (None, None)]
)
def test_terminal_columns_as_shutil_reads_them(
    value: str | None, expected: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.delenv("COLUMNS", raising=False)
    if value is not None:
        monkeypatch.setenv("COLUMNS", value)
    assert terminal_columns(os.environ) == shutil.get_terminal_size().columns
    if expected is not None:
        assert terminal_columns(os.environ) == expected


def run(*args: str, columns: int = 100) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("_BRIEFING_COMPLETE", None)
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def imported(stderr: str) -> set[str]:
    """Top-level module names in `python -X importtime` output."""
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_help_runs_without_typer_or_yaml() -> None:
    result = run("--help")
    assert (result.returncode, result.stdout) == (0, PAGES[()])
    assert {"typer", "yaml", "rich"}.isdisjoint(imported(result.stderr))
    # dataclasses (with inspect) alone would cost a fifth of the help page's budget.
    assert "dataclasses" not in imported(result.stderr)


def test_command_help_runs_without_typer() -> None:
    result = run("brief", "-h")
    assert (result.returncode, result.stdout) == (0, PAGES[("brief",)])
    assert "typer" not in imported(result.stderr)


def test_bare_briefing_runs_without_typer() -> None:
    result = run()
    assert result.returncode == NO_ARGS_STATUS
    assert result.stdout == ""
    assert result.stderr.endswith(PAGES[()])
    assert "typer" not in imported(result.stderr)


def test_narrow_help_comes_from_typer() -> None:
    result = run("--help", columns=60)
    assert (result.returncode, result.stdout) == (0, run_captured(["--help"], 60)[0])
    assert "typer" in imported(result.stderr)


def test_help_into_a_closed_pipe_is_quiet() -> None:
    """`briefing --help | head -0`: the reader is gone before the page is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "briefing", "--help"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "COLUMNS": "100"},
            check=False,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, b"")


def test_ctrl_c_while_typer_loads_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import builtins

    from briefing import launch

    real_import = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "briefing.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sys, "argv", ["briefing", "timeline"])
    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as done:
        launch.main()
    assert done.value.code == 130
    assert capsys.readouterr().err == "briefing: interrupted\n"


def one_command_argvs() -> list[list[str]]:
    argvs = help_argvs()
    for path in PAGES:
        if path:
            argvs += [[*path, "--no-such-option"], [*path, "--facts", ""], list(path)]
    return [*argvs, ["tim"], ["timelines"], ["cache", "nothing"], ["--facts", "x"]]


@pytest.mark.parametrize("argv", one_command_argvs(), ids=" ".join)
def test_the_app_of_one_command_answers_as_the_whole_app(argv: list[str]) -> None:
    """Help, usage errors and bare commands: the same reply, whichever app builds them."""
    assert run_captured(argv, 100, whole=False) == run_captured(argv, 100)


def test_only_an_exact_command_name_gets_an_app_of_its_own() -> None:
    from briefing.cli import _command_name, app, app_for

    timeline = app_for(["timeline", "-f", "json"])
    assert [_command_name(c) for c in timeline.registered_commands] == ["timeline"]
    assert not timeline.registered_groups and app.registered_groups
    cache = app_for(["cache", "clear"])
    assert not cache.registered_commands and [g.name for g in cache.registered_groups] == ["cache"]
    assert app_for(["import", "x.csv"]).registered_commands[0].name == "import"
    for argv in ([], ["tim"], ["--facts", "x", "timeline"], ["timeline-x"]):
        assert app_for(argv) is app
    assert app_for(["timeline"], completing=True) is app


def _in_process(argv: list[str], before: str = "", after: str = "") -> str:
    """A script that runs `briefing ARGV` as the launcher does, ``before`` then ``after`` it
    (the launcher ends the process itself: ``after`` runs in its place)."""
    return (
        "import gc, sys\n"
        "import briefing.cli as cli, briefing.launch as launch\n"
        f"sys.argv = ['briefing', *{argv!r}]\n"
        f"{before}\n"
        "def end(code):\n"
        f"    {after or 'pass'}\n"
        "    raise SystemExit(code)\n"
        "launch.end = end\n"
        "launch.main()\n"
    )


def _python(script: str) -> subprocess.CompletedProcess[str]:
    # Buffered streams, as most runs have them (PYTHONUNBUFFERED writes everything at once).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, env=env
    )


def test_a_command_collects_garbage_rarely() -> None:
    """A command runs with the launcher's collection thresholds (a help page needs none)."""
    from briefing.launch import COLLECTION_THRESHOLDS

    result = _python(_in_process(["info"], after="print(gc.get_threshold(), file=sys.stderr)"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith(str(COLLECTION_THRESHOLDS))


def test_what_a_command_loads_is_held_to_the_end_of_its_process() -> None:
    """Run as a process, the fact base a command loaded is not freed before the process
    ends (which frees nothing); run in-process, by tests, nothing is held."""
    from typer.testing import CliRunner

    from briefing import cli

    result = _python(_in_process(["timeline", "-f", "json"], after="print(len(cli._held))"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\n1\n")
    assert CliRunner().invoke(cli.app, ["timeline", "-f", "json"]).exit_code == 0
    assert cli._held is None


def test_a_command_run_as_a_process_ends_with_its_status_and_its_output_whole(
    tmp_path: Path,
) -> None:
    """The process ends without Python's teardown, but as it would have: every byte a
    command wrote, on stdout and stderr, and its exit status."""
    from typer.testing import CliRunner

    from briefing.cli import app
    from briefing.errors import ExitStatus

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "briefing", *argv], capture_output=True, text=True, check=False
        )

    for argv in (["export"], ["timeline", "-f", "md"], ["info"]):
        done = run(*argv)
        assert done.returncode == 0, done.stderr
        assert done.stdout == CliRunner().invoke(app, argv).stdout, argv
    unflushed = "import sys\nfrom briefing.launch import end\nprint('out', end='')\n"
    done = _python(unflushed + "sys.stderr.write('err')\nend(5)\n")
    assert (done.stdout, done.stderr, done.returncode) == ("out", "err", 5)
    missing = run("check", "--facts", str(tmp_path / "nope"))
    assert missing.returncode == ExitStatus.PROBLEM
    assert missing.stderr.startswith("briefing: ") and missing.stderr.count("\n") == 1


def test_an_exit_that_is_not_a_plain_status_is_left_to_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A message for an exit code, or a stream that cannot be flushed: Python's own exit
    does it, as before (a failed flush is reported, status 120)."""
    from briefing.launch import end

    with pytest.raises(SystemExit) as done:
        end("a message")
    assert done.value.code == "a message"

    class Unflushable(io.StringIO):
        def flush(self) -> None:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", Unflushable())
    with pytest.raises(SystemExit) as done:
        end(3)
    assert done.value.code == 3
