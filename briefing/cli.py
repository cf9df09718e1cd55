"""The command line: resolve options -> load -> query -> render -> emit."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from briefing import __version__
from briefing.errors import BriefingError, ExitStatus, InvalidFactBase, UsageError
from briefing.loader import Loaded, display_path, load, resolve_location
from briefing.render import json as json_render
from briefing.render import text as text_render

app = typer.Typer(
    name="briefing",
    help="Sourced YAML fact base in, trustworthy briefings out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_debug = {"on": bool(os.environ.get("BRIEFING_DEBUG"))}


class ReportFormat(enum.StrEnum):
    text = "text"
    json = "json"


class ExportFormat(enum.StrEnum):
    json = "json"
    yaml = "yaml"


FactsOption = Annotated[
    Path | None,
    typer.Option(
        "--facts",
        help="Fact base folder or file [default: $BRIEFING_FACTS, else the bundled one].",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        emit(f"briefing {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show full tracebacks, for bug reports.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    if debug:
        _debug["on"] = True


def emit(text: str) -> None:
    """Write data to stdout; a reader that went away (| head) ends the run quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(ExitStatus.OK) from None


def fail(message: str, status: ExitStatus) -> NoReturn:
    """One line on stderr, then exit with ``status``."""
    typer.echo(f"briefing: {message}", err=True)
    raise typer.Exit(status)


@contextmanager
def _domain_errors() -> Iterator[None]:
    try:
        yield
    except BriefingError as exc:
        if _debug["on"]:
            raise
        fail(str(exc), exc.status)


def _load(facts: Path | None) -> tuple[Loaded, str, str]:
    path, why = resolve_location(facts)
    loaded = load(path)
    return loaded, display_path(path), why


def _load_clean(facts: Path | None) -> Loaded:
    loaded, shown, _ = _load(facts)
    if loaded.problems:
        raise InvalidFactBase(shown, loaded.problems)
    return loaded


@app.command()
def check(
    facts: FactsOption = None,
    quotes: Annotated[
        Path | None,
        typer.Option(
            "--quotes",
            help="Folder of archived sources (<source id>.txt): every quote must appear "
            "in its source verbatim.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.text,
) -> None:
    """Check a fact base: one `path:line: message` per problem; exit 1 if any."""
    with _domain_errors():
        if quotes is not None and not quotes.is_dir():
            raise UsageError(f"--quotes {quotes}: no such folder of archived sources")
        loaded, shown, _ = _load(facts)
        problems = list(loaded.problems)
        if quotes is not None:
            from briefing.quotes import verify_quotes

            problems = sorted(
                set(problems) | set(verify_quotes(loaded.facts, quotes, display_path(quotes)))
            )
        counts = loaded.facts.counts()
        if fmt is ReportFormat.json:
            emit(
                json_render.dumps(
                    {
                        "facts": shown,
                        "files": len(loaded.facts.files),
                        "ok": not problems,
                        "counts": counts,
                        "problems": [p.as_dict() for p in problems],
                    }
                )
            )
        else:
            emit(text_render.check_report(shown, len(loaded.facts.files), counts, problems))
    if problems:
        raise typer.Exit(ExitStatus.PROBLEM)


@app.command()
def export(
    facts: FactsOption = None,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.json,
) -> None:
    """Print the whole fact base, normalised, as one JSON (or YAML) document."""
    from briefing.export import fact_base

    with _domain_errors():
        data = fact_base(_load_clean(facts).facts)
    if fmt is ExportFormat.yaml:
        from briefing.render import yaml as yaml_render

        emit(yaml_render.dumps(data))
    else:
        emit(json_render.dumps(data))


@app.command()
def schema() -> None:
    """Print the JSON Schema of a fact file, for editors that validate YAML as you type."""
    from briefing.schema import json_schema

    emit(json_render.dumps(json_schema()))


@app.command()
def info(
    facts: FactsOption = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.text,
) -> None:
    """Say which fact base is used (and why), its files and how many facts it holds."""
    with _domain_errors():
        loaded, shown, why = _load(facts)
    f = loaded.facts
    if fmt is ReportFormat.json:
        emit(
            json_render.dumps(
                {
                    "facts": shown,
                    "chosen_by": why,
                    "files": list(f.files),
                    "counts": f.counts(),
                    "problems": len(loaded.problems),
                    "version": __version__,
                }
            )
        )
    else:
        emit(
            text_render.info_report(
                shown, why, list(f.files), f.counts(), len(loaded.problems), __version__
            )
        )


def main() -> None:
    """Run the app; a bug becomes one line on stderr unless --debug asks for the traceback."""
    try:
        app(prog_name="briefing")
    except Exception as exc:
        if _debug["on"]:
            raise
        typer.echo(
            f"briefing: internal error: {type(exc).__name__}: {exc} "
            "(rerun with --debug for the traceback, and please report it)",
            err=True,
        )
        sys.exit(ExitStatus.PROBLEM)
