"""Write briefing/_help.py: every help page as Typer prints it, for `briefing.launch`.

Run by `make help-pages` after changing a command, an option or a docstring; the test suite
fails until the stored pages match the app again.
"""

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import typer

from briefing.cli import app_for, whole_app
from briefing.launch import HELP_COLUMNS

TARGET = Path(__file__).resolve().parent.parent / "briefing" / "_help.py"


def run_captured(args: list[str], columns: int, whole: bool = True) -> tuple[str, str, int]:
    """Run `briefing ARGS` in this process on a terminal COLUMNS wide (with the whole app,
    or the app `briefing.cli.app_for` gives for ARGS).

    Returns what it printed to stdout and stderr and its exit status: how the prebuilt help
    pages of `briefing.launch` are made, and checked against the app.
    """
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            (whole_app() if whole else app_for(args))(args, prog_name="briefing")
        status = 0
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return out.getvalue(), err.getvalue(), status


def help_pages(columns: int) -> dict[tuple[str, ...], str]:
    """`briefing [COMMAND ...] --help` for every command and group, as Typer prints it."""
    pages: dict[tuple[str, ...], str] = {}

    def visit(path: tuple[str, ...], command: Any) -> None:
        out, err, status = run_captured([*path, "--help"], columns)
        if status or err:
            raise RuntimeError(f"briefing {' '.join(path)} --help failed: {err}")
        pages[path] = out
        for name, sub in getattr(command, "commands", {}).items():
            visit((*path, name), sub)

    visit((), typer.main.get_command(whole_app()))
    return pages


def literal(line: str) -> str:
    """A double-quoted Python string literal, as ruff format writes it."""
    escaped = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def module_text() -> str:
    pages = help_pages(HELP_COLUMNS)
    out, err, status = run_captured([], HELP_COLUMNS)
    if out or err != pages[()]:
        raise SystemExit("bare `briefing` no longer prints the main help page to stderr")
    lines = [
        '"""Every `briefing ... --help` page, rendered by Typer: generated, do not edit.',
        "",
        "Regenerate with `make help-pages` (tools/help_pages.py); tests/test_launch.py fails",
        "while these differ from what the app prints.",
        '"""',
        "",
        "# Bare `briefing` prints the main page to stderr and exits with this status.",
        f"NO_ARGS_STATUS = {status}",
        "",
        "PAGES: dict[tuple[str, ...], str] = {",
    ]
    for path, page in pages.items():
        key = "(" + ", ".join(map(literal, path)) + ("," if len(path) == 1 else "") + ")"
        lines.append(f"    {key}: (")
        lines.extend(f"        {literal(line)}" for line in page.splitlines(keepends=True))
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.write_text(module_text(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
