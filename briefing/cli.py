"""The command line: resolve options -> load -> query -> render -> emit."""

# No `from __future__ import annotations` here: Typer reads every command's annotations at
# each start, and real objects are cheaper for it than strings to evaluate.
import enum
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from briefing import __version__
from briefing.errors import BriefingError, ExitStatus, InvalidFactBase, UsageError
from briefing.output import silence_stdout, write_stdout

if TYPE_CHECKING:
    from briefing.loader import Loaded
    from briefing.model import FactBase, FuzzyDate

# Modules are imported where they are needed, so that `--help` and each command load
# only what they use: start-up time is most of a typical run.

app = typer.Typer(
    name="briefing",
    help="Sourced YAML fact base in, trustworthy briefings out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: Rich-formatted help costs more start-up time than the help is worth.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_debug = {"on": bool(os.environ.get("BRIEFING_DEBUG"))}
_cache = {"on": True}


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
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Parse every file again; read and write no cache."),
    ] = False,
) -> None:
    _debug["on"] = debug or _debug["on"]
    _cache["on"] = not no_cache


def emit(text: str) -> None:
    """Write data to stdout; a reader that went away (| head) ends the run quietly."""
    if not write_stdout(text):
        raise typer.Exit(ExitStatus.OK)


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
    except KeyboardInterrupt:
        if _debug["on"]:
            raise
        fail("interrupted", ExitStatus.INTERRUPTED)


def _json(data: Any) -> str:
    from briefing.render.json import dumps

    return dumps(data)


def _shown(path: Path) -> str:
    from briefing.parse import display_path

    return display_path(path)


def _load(facts: Path | None) -> "tuple[Loaded, str, str]":
    from briefing.loader import load, resolve_location
    from briefing.parse import display_path

    path, why = resolve_location(facts)
    loaded = load(path, use_cache=_cache["on"])
    return loaded, display_path(path), why


def _load_clean(facts: Path | None) -> "Loaded":
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
                set(problems) | set(verify_quotes(loaded.facts, quotes, _shown(quotes)))
            )
        counts = loaded.facts.counts()
        if fmt is ReportFormat.json:
            emit(
                _json(
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
            from briefing.render.text import check_report

            emit(check_report(shown, len(loaded.facts.files), counts, problems))
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
        emit(_json(data))


@app.command()
def schema() -> None:
    """Print the JSON Schema of a fact file, for editors that validate YAML as you type."""
    from briefing.schema import json_schema

    emit(_json(json_schema()))


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
            _json(
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
        from briefing.render.text import info_report

        emit(info_report(shown, why, list(f.files), f.counts(), len(loaded.problems), __version__))


# -- the views ------------------------------------------------------------------------------


class Format(enum.StrEnum):
    auto = "auto"
    rich = "rich"
    md = "md"
    json = "json"


def _quiet_facts(ctx: typer.Context) -> "FactBase | None":
    """The fact base for shell completion, or None: completion must never fail loudly."""
    from briefing.loader import load, resolve_location

    try:
        return load(resolve_location(ctx.params.get("facts"))[0]).facts
    except Exception:
        return None


def _completions(names: list[tuple[str, str]], incomplete: str) -> list[str]:
    from briefing.query import fold

    wanted = fold(incomplete)
    # Shells match case-sensitively and split words at spaces: offer every id (lower
    # case, no spaces) and every name that is a single word.
    words = [w for ident, name in names for w in (name, ident) if " " not in w]
    return [w for w in dict.fromkeys(words) if fold(w).startswith(wanted)]


def complete_actor(ctx: typer.Context, incomplete: str) -> list[str]:
    facts = _quiet_facts(ctx)
    return _completions([(a.id, a.name) for a in facts.actors], incomplete) if facts else []


def complete_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    facts = _quiet_facts(ctx)
    return _completions([(t.id, t.id) for t in facts.topics], incomplete) if facts else []


ActorsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        "-a",
        help="Only facts involving this actor (repeatable: any of them).",
        autocompletion=complete_actor,
        show_default=False,
    ),
]
TopicsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        "-t",
        help="Only facts on this topic (repeatable: any of them).",
        autocompletion=complete_topic,
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="auto: Rich on a terminal, Markdown when piped; or rich, md, json.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The fact base as it stood on DATE: later facts hidden, roles as then.",
        show_default=False,
    ),
]
HeadingOption = Annotated[
    int,
    typer.Option("--heading-level", min=1, max=6, help="Level of the top Markdown heading."),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour in terminal output (also NO_COLOR).")
]


def _date_option(value: str | None, option: str) -> "FuzzyDate | None":
    if value is None:
        return None
    from briefing.dates import DateError, parse_date

    try:
        return parse_date(value)
    except DateError as exc:
        raise UsageError(f"{option} {value!r}: {exc}") from None


def _as_of_day(value: str | None) -> date | None:
    when = _date_option(value, "--as-of")
    if when is None:
        return None
    if when.end is None:
        raise UsageError(f"--as-of {value!r}: give a date with an end, such as 2021-06-01")
    return when.end


class _View:
    """What every view command shares: the loaded (as-of) fact base and how to show it."""

    def __init__(
        self,
        facts: Path | None,
        fmt: Format,
        as_of: str | None,
        heading: int,
        no_color: bool,
        standalone: bool = False,
    ) -> None:
        from briefing.query import as_of as at
        from briefing.render import Context

        self.day = _as_of_day(as_of)
        self.unfiltered = _load_clean(facts).facts
        self.facts = at(self.unfiltered, self.day) if self.day else self.unfiltered
        self.fmt = fmt
        self.no_color = no_color
        self.ctx = Context(self.facts, as_of=self.day, heading_level=heading, standalone=standalone)

    def show(self, view: str, *args: Any) -> None:
        fmt = self.fmt
        if fmt is Format.auto:
            fmt = Format.rich if sys.stdout.isatty() else Format.md
        if fmt is Format.json:
            from briefing.render import json as json_render

            emit(getattr(json_render, view)(*args, self.ctx))
        elif fmt is Format.md:
            from briefing.render import markdown

            emit(getattr(markdown, view)(*args, self.ctx))
        else:
            from briefing.render import terminal

            emit_rich(getattr(terminal, view)(*args, self.ctx), self.no_color)


def emit_rich(renderable: Any, no_color: bool) -> None:
    """Print a Rich renderable to stdout, quietly if the reader went away."""
    from rich.console import Console

    console = Console(no_color=no_color or None, highlight=False, emoji=False)
    try:
        console.print(renderable)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(ExitStatus.OK) from None


@app.command()
def timeline(
    actor: ActorsOption = None,
    topic: TopicsOption = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only events that began on or after DATE.", metavar="DATE"),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Only events that began by the end of DATE.", metavar="DATE"),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Only events citing this source id.", show_default=False),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Latest first.")] = False,
    limit: Annotated[
        int | None, typer.Option(min=0, help="At most N events.", show_default=False)
    ] = None,
    facts: FactsOption = None,
    fmt: FormatOption = Format.auto,
    as_of: AsOfOption = None,
    heading_level: HeadingOption = 1,
    no_color: NoColorOption = False,
) -> None:
    """Events in date order, dates as the sources give them."""
    from briefing import query

    with _domain_errors():
        since_date = _date_option(since, "--since")
        until_date = _date_option(until, "--until")
        view = _View(facts, fmt, as_of, heading_level, no_color)
        f = view.facts
        events = query.timeline(
            f,
            actors=[query.find_actor(f, a) for a in actor or ()],
            topics=[query.find_topic(f, t) for t in topic or ()],
            since=since_date,
            until=until_date,
            source=query.find_source(f, source) if source else None,
            reverse=reverse,
            limit=limit,
        )
        view.show("timeline", events)


@app.command()
def actor(
    name: Annotated[
        str,
        typer.Argument(
            help="Id, name or alias, in any case, with or without accents.",
            autocompletion=complete_actor,
        ),
    ],
    facts: FactsOption = None,
    fmt: FormatOption = Format.auto,
    as_of: AsOfOption = None,
    heading_level: HeadingOption = 1,
    no_color: NoColorOption = False,
) -> None:
    """One actor's profile: roles, attributes, positions, relations, events, judgments."""
    from briefing import query

    with _domain_errors():
        view = _View(facts, fmt, as_of, heading_level, no_color)
        found = query.find_actor(view.facts, name)
        view.show("profile", query.profile(view.facts, found, view.day))


@app.command()
def actors(
    kind: Annotated[
        str | None, typer.Option(help="Only actors of this kind.", show_default=False)
    ] = None,
    facts: FactsOption = None,
    fmt: FormatOption = Format.auto,
    as_of: AsOfOption = None,
    heading_level: HeadingOption = 1,
    no_color: NoColorOption = False,
) -> None:
    """Every actor, with how many events and positions each has."""
    from briefing import query
    from briefing.spec import ACTOR_KINDS
    from briefing.suggest import did_you_mean

    with _domain_errors():
        if kind is not None and kind not in ACTOR_KINDS:
            hint = did_you_mean(kind, ACTOR_KINDS) or f" (one of: {', '.join(ACTOR_KINDS)})"
            raise UsageError(f"--kind {kind!r} is not an actor kind{hint}")
        view = _View(facts, fmt, as_of, heading_level, no_color)
        view.show("actors", query.actor_rows(view.facts, kind))


@app.command()
def positions(
    actor: ActorsOption = None,
    topic: TopicsOption = None,
    as_matrix: Annotated[
        bool, typer.Option("--matrix", help="Actors down, topics across, stances in cells.")
    ] = False,
    facts: FactsOption = None,
    fmt: FormatOption = Format.auto,
    as_of: AsOfOption = None,
    heading_level: HeadingOption = 1,
    no_color: NoColorOption = False,
) -> None:
    """Who stands where: positions as a list, or as an actor-by-topic matrix."""
    from briefing import query

    with _domain_errors():
        view = _View(facts, fmt, as_of, heading_level, no_color)
        f = view.facts
        chosen = query.positions(
            f,
            actors=[query.find_actor(f, a) for a in actor or ()],
            topics=[query.find_topic(f, t) for t in topic or ()],
        )
        if as_matrix:
            view.show("matrix", query.matrix(f, chosen))
        else:
            view.show("positions", chosen)


@app.command()
def sources(
    facts: FactsOption = None,
    fmt: FormatOption = Format.auto,
    as_of: AsOfOption = None,
    heading_level: HeadingOption = 1,
    no_color: NoColorOption = False,
) -> None:
    """The bibliography: every source, its reliability and how many facts cite it."""
    from briefing import query

    with _domain_errors():
        view = _View(facts, fmt, as_of, heading_level, no_color)
        view.show("sources", query.bibliography(view.facts))


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find; every word must match.")],
    limit: Annotated[
        int | None, typer.Option(min=1, help="At most N results.", show_default=False)
    ] = None,
    facts: FactsOption = None,
    fmt: FormatOption = Format.auto,
    as_of: AsOfOption = None,
    heading_level: HeadingOption = 1,
    no_color: NoColorOption = False,
) -> None:
    """Every fact whose text matches, best matches first, with the field that matched."""
    from briefing import query

    with _domain_errors():
        view = _View(facts, fmt, as_of, heading_level, no_color)
        view.show("search", text, query.search(view.facts, text, limit))


@app.command()
def brief(
    name: Annotated[
        str | None,
        typer.Argument(
            help="Which brief (see `briefing briefs`); default: the fact base's default.",
            show_default=False,
        ),
    ] = None,
    window: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Days of recent developments before the as-of date [default: the brief's, or 90].",
            show_default=False,
        ),
    ] = None,
    standalone: Annotated[
        bool,
        typer.Option(
            "--standalone",
            help="Markdown: a whole document with a YAML metadata block, for pandoc.",
        ),
    ] = False,
    facts: FactsOption = None,
    fmt: FormatOption = Format.auto,
    as_of: AsOfOption = None,
    heading_level: HeadingOption = 1,
    no_color: NoColorOption = False,
) -> None:
    """The briefing document: bottom line, judgments, background, developments, gaps."""
    from briefing.brief import assemble, choose
    from briefing.render import Context

    if standalone:
        if fmt in (Format.json, Format.rich):
            fail(f"--standalone is for Markdown (-f md), not -f {fmt.value}", ExitStatus.USAGE)
        fmt = Format.md
    with _domain_errors():
        view = _View(facts, fmt, as_of, heading_level, no_color, standalone=standalone)
        loaded = view.unfiltered
        chosen = choose(loaded, name)
        briefing = assemble(loaded, chosen, today=date.today(), as_of=view.day, window=window)
        view.ctx = Context(
            briefing.facts,
            as_of=briefing.as_of,
            heading_level=heading_level,
            standalone=standalone,
        )
        view.show("brief", briefing)


@app.command()
def briefs(
    facts: FactsOption = None,
    fmt: FormatOption = Format.auto,
    heading_level: HeadingOption = 1,
    no_color: NoColorOption = False,
) -> None:
    """The briefs the fact base defines; `briefing brief NAME` prints one."""
    with _domain_errors():
        view = _View(facts, fmt, None, heading_level, no_color)
        view.show("briefs", list(view.facts.briefs))


cache_app = typer.Typer(help="The parse cache: where it is, and clearing it.")
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every cached entry (the cache refills itself on the next run)."""
    from briefing.cache import Cache, default_folder

    cache = Cache.open()
    removed = cache.clear() if cache else 0
    typer.echo(f"removed {removed} cache entries from {default_folder()}", err=True)


@cache_app.command("info")
def cache_info() -> None:
    """Where the cache is, whether it is used, and how big it is."""
    from briefing.cache import Cache, default_folder

    folder = default_folder()
    cache = Cache.open()
    if cache is None:
        emit(f"cache: {folder} (not used: it cannot be created, or others can write to it)\n")
        return
    entries = list(folder.glob("*.marshal"))
    size = sum(e.stat().st_size for e in entries)
    emit(f"cache: {folder}\nentries: {len(entries)}\nsize: {size / 1e6:.1f} MB\n")


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
