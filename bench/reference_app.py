"""The start-up reference: a minimal Typer app that prints a 20-row Rich table.

    python bench/reference_app.py

`briefing` commands are compared with this: it pays the same interpreter, Typer and Rich
start-up, and nothing else.
"""

from __future__ import annotations

import typer  # noqa: TID251
from rich.console import Console  # noqa: TID251
from rich.table import Table  # noqa: TID251

app = typer.Typer(add_completion=False)


@app.command()
def table() -> None:
    """Print 20 rows by 3 columns of short text."""
    out = Table(title="Reference")
    for column in ("id", "name", "kind"):
        out.add_column(column)
    for row in range(20):
        out.add_row(f"row-{row}", f"Name {row}", "state" if row % 2 else "person")
    Console().print(out)


if __name__ == "__main__":
    app()
