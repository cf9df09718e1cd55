"""The command line through Typer's CliRunner: exit codes, formats, which fact base."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

from briefing import __version__
from briefing.cli import app
from briefing.loader import bundled_facts
from briefing.parse import Nodes, read_file
from tests.conftest import FIXTURES, SOURCE

MINI = str(FIXTURES / "mini")
BROKEN = SOURCE + "actros:\n  - id: x\n"


def test_check_clean_prints_a_summary(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--facts", MINI])
    assert result.exit_code == 0
    assert result.stdout == (
        "tests/fixtures/mini (2 files): no problems; 1 source, 1 topic, 3 actors, "
        "2 events, 1 position, 1 relation, 1 judgment, 0 briefs\n"
    )


def test_check_problems_exit_1(runner: CliRunner, write: Callable[..., Path]) -> None:
    root = write(**{"a.yaml": BROKEN})
    result = runner.invoke(app, ["check", "--facts", str(root)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{root}/a.yaml:10: unknown collection `actros`; did you mean `actors`?\n"
        f"1 error in {root} (1 file)\n"
    )


def test_check_json(runner: CliRunner, write: Callable[..., Path]) -> None:
    root = write(**{"a.yaml": BROKEN})
    result = runner.invoke(app, ["check", "--facts", str(root), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "facts": str(root),
        "files": 1,
        "ok": False,
        "counts": {
            "sources": 1,
            "topics": 0,
            "actors": 0,
            "events": 0,
            "positions": 0,
            "relations": 0,
            "judgments": 0,
            "briefs": 0,
        },
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "path": f"{root}/a.yaml",
                "line": 10,
                "column": 0,
                "message": "unknown collection `actros`; did you mean `actors`?",
                "severity": "error",
                "example": None,
            }
        ],
        "quotes": None,
    }


@pytest.mark.parametrize(
    "args",
    [["check", "--format", "xml"], ["check", "--nope"], ["nope"], ["check", "extra"]],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["timeline", "--acto", "x"], "no such option --acto; did you mean --actor?"),
        (["timeline", "--foo"], "no such option --foo; try `briefing timeline --help`"),
        (["actor"], "missing argument 'name'; try `briefing actor --help`"),
        (
            ["timeline", "-f", "jsn"],
            "invalid value for --format: 'jsn' is not one of 'auto', 'rich', 'md', 'json', "
            "'html', 'svg', 'timelinejs'; did you mean json?",
        ),
        (["--nope"], "no such option --nope; try `briefing --help`"),
        (["tmeline"], "no such command tmeline; did you mean timeline?"),
        (["cache", "clr"], "no such command clr; did you mean clear?"),
        (["cache"], "missing command; try `briefing cache --help`"),
        (
            ["check", "extra"],
            "got unexpected extra argument(s) (extra); try `briefing check --help`",
        ),
        (
            ["brief", "--window", "0"],
            "invalid value for --window: 0 is not in the range "
            "1<=x<=36525; try `briefing brief --help`",
        ),
        (
            ["timeline", "--since", "soon"],
            "--since 'soon': cannot read 'soon' as a date; write "
            "it as, e.g., 2022-11-29, November 2022, late 2022, 2019/2022 or circa 2019",
        ),
    ],
)
def test_a_usage_error_is_one_line_with_a_hint(
    runner: CliRunner, args: list[str], line: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == f"briefing: {line}\n"
    assert result.stdout == ""


def test_briefing_alone_still_shows_the_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: briefing [OPTIONS] COMMAND [ARGS]...")


def test_missing_fact_base_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--facts", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefing: {tmp_path}/nope: no such file or folder; give a fact base with --facts PATH\n"
    )


def test_info_says_which_fact_base(runner: CliRunner) -> None:
    result = runner.invoke(app, ["info", "--facts", MINI])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "fact base: tests/fixtures/mini (--facts)",
        "files:     2",
    ]


def test_environment_variable_then_bundled(runner: CliRunner) -> None:
    result = runner.invoke(app, ["info", "-f", "json"], env={"BRIEFING_FACTS": MINI})
    data = json.loads(result.stdout)
    assert (data["facts"], data["chosen_by"]) == ("tests/fixtures/mini", "$BRIEFING_FACTS")
    result = runner.invoke(app, ["info", "-f", "json"], env={"BRIEFING_FACTS": ""})
    data = json.loads(result.stdout)
    assert data["chosen_by"] == "bundled"
    assert data["problems"] == 0
    assert data["version"] == __version__
    assert Path(data["facts"]).resolve() == bundled_facts()


def test_schema_is_valid_and_accepts_the_fact_files(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in [*Path(MINI).glob("*.yaml"), *bundled_facts().glob("*.yaml")]:
        # Editors read YAML 1.2: `on:` stays a key and dates stay strings.
        data = read_file(path).data
        assert data is not None
        for name, value in data.items():
            if isinstance(value, Nodes):
                data[name] = [value.built(i) for i in range(len(value))]
        data = json.loads(json.dumps(data, default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path


def test_schema_rejects_a_typo(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors({"actros": []}))
    assert errors


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"briefing {__version__}\n")


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in ("check", "export", "schema", "info"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage" in result.stdout


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, check=False
    )


def test_python_dash_m_and_closed_pipe() -> None:
    assert run("check").returncode == 0
    export = subprocess.Popen(
        [sys.executable, "-m", "briefing", "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert export.stdout is not None and export.stderr is not None
    export.stdout.read(10)
    export.stdout.close()
    stderr = export.stderr.read()
    export.wait()
    assert b"Traceback" not in stderr
    assert stderr == b""


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    quiet = run("check", "--facts", str(tmp_path / "nope"))
    assert "Traceback" not in quiet.stderr
    loud = run("--debug", "check", "--facts", str(tmp_path / "nope"))
    assert "Traceback" in loud.stderr
    assert "FactBaseNotFound" in loud.stderr


VIEW_COMMANDS = ["timeline", "actor", "actors", "positions", "sources", "search", "brief"]


@pytest.mark.parametrize("command", [*VIEW_COMMANDS, "briefs"])
def test_every_view_takes_the_shared_options(runner: CliRunner, command: str) -> None:
    page = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
    shared = ["--facts", "--format", "--heading-level", "--no-color"]
    shared += ["--as-of"] if command != "briefs" else []
    assert all(f"  {option} " in page or f", {option} " in page for option in shared), page
    assert ("--as-of" in page) is (command != "briefs")


def test_a_bug_is_one_line_unless_debug(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import query

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(query, "timeline", broken)
    quiet = runner.invoke(app, ["timeline", "--facts", MINI])
    assert quiet.exit_code == 1
    assert quiet.stderr == (
        "briefing: internal error: RuntimeError: boom (rerun with --debug for the traceback, "
        "and please report it)\n"
    )
    loud = runner.invoke(app, ["--debug", "timeline", "--facts", MINI])
    assert loud.exit_code == 1
    assert "Traceback" in loud.stderr and "RuntimeError: boom" in loud.stderr


def test_cli_keeps_no_mutable_module_state(runner: CliRunner) -> None:
    """--no-cache and --debug live in the run's context, not in module-level dicts."""
    import briefing.cli as cli

    runner.invoke(app, ["--no-cache", "--debug", "check", "--facts", MINI])
    mutable = (dict, list, set)
    assert [n for n, v in vars(cli).items() if isinstance(v, mutable) and n[:2] != "__"] == []


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("group", [[], ["cache"]])
def test_help_lists_every_command_in_full(
    runner: CliRunner, columns: int, group: list[str]
) -> None:
    result = runner.invoke(app, [*group, "--help"], terminal_width=columns)
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:\n")[1]
    assert "..." not in listed and "…" not in listed
    if columns >= 80:  # one line each
        assert all(line.startswith("  ") and line[2] != " " for line in listed.splitlines())


def test_an_error_while_making_output_is_that_error_not_a_failed_write(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Output written in pieces as it is made: a fault in making a piece must surface as
    itself (a bug report), never as "cannot write output"."""
    from briefing.output import write_stdout

    def pieces() -> Iterator[str]:
        yield "first\n"
        raise ValueError("made wrong")

    with pytest.raises(ValueError, match="made wrong"):
        write_stdout(pieces())
    assert capsys.readouterr().out == "first\n"
    assert write_stdout(iter(["a", "b\n"])) and capsys.readouterr().out == "ab\n"
