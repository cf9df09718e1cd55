"""Write briefing/_help.py: every help page as Typer prints it, for `briefing.launch`.

Run by `make help-pages` after changing a command, an option or a docstring; the test suite
fails until the stored pages match the app again.
"""

from pathlib import Path

from briefing.cli import help_pages, run_captured
from briefing.launch import HELP_COLUMNS

TARGET = Path(__file__).resolve().parent.parent / "briefing" / "_help.py"


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
