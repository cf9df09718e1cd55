"""The command line: resolve options -> load -> query -> render -> emit."""

# No `from __future__ import annotations` here: Typer reads every command's annotations at
# each start, and real objects are cheaper for it than strings to evaluate.
import copy
import enum
import functools
import inspect
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, assert_never

import typer
from typer._click.exceptions import BadParameter, ClickException, NoArgsIsHelpError, NoSuchOption
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperCommand, TyperGroup

from briefing import __version__
from briefing.errors import BriefingError, ExitStatus, InvalidFactBase, UsageError
from briefing.output import require_stdout, write_failed, write_stdout, write_stdout_bytes
from briefing.spec import MAX_WINDOW_DAYS

if TYPE_CHECKING:
    from briefing.chart import Chart
    from briefing.index import Among
    from briefing.loader import Loaded
    from briefing.model import FactBase, FuzzyDate
    from briefing.render.html import Pictures
    from briefing.views import Basis, State, TimelineView, View

# Modules are imported where they are needed, so that `--help` and each command load
# only what they use: start-up time is most of a typical run.


class _UsageLine(ClickException):
    """A usage error as one line, `briefing: ...` with a hint, instead of Click's block of
    usage, "Try ..." and "Error: ..."."""

    exit_code = ExitStatus.USAGE

    def show(self, file: Any = None) -> None:
        from briefing.render import one_line

        typer.echo(f"briefing: {one_line(self.message)}", err=True)


def _close(word: str, known: list[str]) -> list[str]:
    """The few of ``known`` (options, commands, choices) that ``word`` is a slip for."""
    import difflib

    bare = {k.lstrip("-"): k for k in known}
    hits = difflib.get_close_matches(word.lstrip("-").lower(), list(bare), n=2, cutoff=0.75)
    return [bare[hit] for hit in hits]


def _usage_line(exc: ClickUsageError, where: str) -> _UsageLine:
    """Click's usage error in one line: what is wrong, then a close option or choice
    ("did you mean --actor?") or else where the help is."""
    ctx = exc.ctx
    where = ctx.command_path if ctx is not None else where
    guesses: list[str] = []
    text = exc.format_message().strip()
    message = (text[:1].lower() + text[1:]).rstrip(".")
    if isinstance(exc, NoSuchOption):
        message = f"no such option {exc.option_name}"
        if ctx is not None:
            known = [o for p in ctx.command.params for o in (*p.opts, *p.secondary_opts)]
            guesses = _close(exc.option_name, [o for o in known if o.startswith("--")])
    elif type(exc) is BadParameter and exc.param is not None:
        shown = exc.param.opts[0] if exc.param.opts else exc.param.human_readable_name
        message = f"invalid value for {shown}: {exc.message}".rstrip(".")
        choices = getattr(exc.param.type, "choices", None)
        typed = re.match(r"'(.*)' is not one of", exc.message)
        if choices and typed:
            guesses = _close(typed[1], [str(c) for c in choices])
    return _UsageLine(f"{message}; {_hint(guesses, where)}")


def _hint(guesses: list[str], where: str) -> str:
    return f"did you mean {' or '.join(guesses)}?" if guesses else f"try `{where} --help`"


class _VisibleEscapes:
    """Usage errors show what was typed with every control as a visible escape (Typer's
    click escapes C0 and C1 controls in an unknown option, not bidirectional controls or
    line separators), and in one line."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc]
        except NoArgsIsHelpError as exc:
            from briefing.render import one_line

            # Line by line: the message is a whole help page (`briefing` alone).
            exc.message = "\n".join(one_line(line) for line in exc.message.split("\n"))
            raise
        except ClickUsageError as exc:
            where = f"{parent.command_path} {info_name}" if parent is not None else info_name
            raise _usage_line(exc, str(where)) from None


class _Group(_VisibleEscapes, TyperGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        unknown = name and not name.startswith("-") and self.get_command(ctx, name) is None
        if unknown and not ctx.resilient_parsing:
            guesses = _close(name, self.list_commands(ctx))
            raise _UsageLine(f"no such command {name}; {_hint(guesses, ctx.command_path)}")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        # Unknown commands and missing subcommands are found here, after parsing.
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except ClickUsageError as exc:
            raise _usage_line(exc, ctx.command_path) from None


class _Command(_VisibleEscapes, TyperCommand):
    pass


app = typer.Typer(
    cls=_Group,
    name="briefing",
    help="Sourced YAML fact base in, trustworthy briefings out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: Rich-formatted help costs more start-up time than the help is worth.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ReportFormat(enum.StrEnum):
    text = "text"
    json = "json"


ReportFormatOption = Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")]


class ExportFormat(enum.StrEnum):
    json = "json"
    yaml = "yaml"


def _path(value: str) -> Path:
    """A path option's value; an empty one (`--facts ""`, an unset shell variable) is refused
    rather than read as the current folder."""
    if not value:
        raise typer.BadParameter("an empty path; give a folder or a file")
    return Path(value)


FactsOption = Annotated[
    Path | None,
    typer.Option(
        "--facts",
        parser=_path,
        metavar="PATH",
        help="Fact base folder or file [default: $BRIEFING_FACTS, else the bundled one].",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        emit(f"briefing {__version__}\n")
        raise typer.Exit()


class Run(NamedTuple):
    """This run's settings from the root options, kept in Typer's context, not in globals."""

    debug: bool = False
    use_cache: bool = True
    strict: bool = False

    @staticmethod
    def of(ctx: typer.Context) -> "Run":
        settings = ctx.find_root().obj
        return settings if isinstance(settings, Run) else Run(debug=_debug_from_environment())


def _debug_from_environment() -> bool:
    return bool(os.environ.get("BRIEFING_DEBUG"))


@app.callback()
def _root(
    ctx: typer.Context,
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
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Refuse a fact base with problems instead of leaving facts out; "
            "warnings fail `check` too.",
        ),
    ] = False,
) -> None:
    ctx.obj = Run(debug=debug or _debug_from_environment(), use_cache=not no_cache, strict=strict)


def emit(text: str | Iterable[str]) -> None:
    """Write data (or its pieces, as they are made) to stdout; a reader that went away
    (| head) ends the run quietly."""
    if not write_stdout(text):
        raise typer.Exit(ExitStatus.OK)


def emit_bytes(data: bytes) -> None:
    """:func:`emit` for binary data, which a terminal is never sent."""
    if sys.stdout is not None and sys.stdout.isatty():
        raise UsageError("a PNG picture is not for a terminal: redirect it (> graph.png)")
    if not write_stdout_bytes(data):
        raise typer.Exit(ExitStatus.OK)


def fail(message: str, status: ExitStatus) -> NoReturn:
    """One line on stderr, then exit with ``status``; no control character gets through."""
    from briefing.render import one_line

    typer.echo(f"briefing: {one_line(message)}", err=True)
    raise typer.Exit(status)


def internal_error(exc: BaseException) -> NoReturn:
    """A bug: one line on stderr asking for a report, unless --debug asked for the traceback."""
    fail(
        f"internal error: {type(exc).__name__}: {exc} "
        "(rerun with --debug for the traceback, and please report it)",
        ExitStatus.PROBLEM,
    )


@contextmanager
def _domain_errors(run: Run) -> Iterator[None]:
    """Domain errors become one stderr line and their exit status; with --debug, the
    traceback is printed first."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except (Exception, KeyboardInterrupt) as exc:
        if run.debug:
            traceback.print_exc()
        if isinstance(exc, BriefingError):
            fail(str(exc), exc.status)
        if isinstance(exc, KeyboardInterrupt):
            fail("interrupted", ExitStatus.INTERRUPTED)
        internal_error(exc)


def _shown(path: Path) -> str:
    from briefing.parse import display_path

    return display_path(path)


def _load(options: "Options", tolerant: bool = True) -> "tuple[Loaded, str, str]":
    from briefing.loader import load, resolve_location
    from briefing.parse import display_path

    path, why = resolve_location(options.facts)
    loaded = load(
        path,
        use_cache=options.run.use_cache,
        follow_links=options.follow_links,
        tolerant=tolerant,
    )
    if _held is not None:
        _held.append(loaded)
    return loaded, display_path(path), why


# What commands loaded, held to the end of a process that ends without freeing anything
# (:func:`briefing.launch.end`): else freeing it when the command returns would cost what
# the launcher spares (50 to 70 ms of 100,000 events). None: nothing is held (the app run
# in-process, by tests).
_held: list[object] | None = None


def _load_clean(options: "Options") -> "Loaded":
    """The fact base, refused if it has errors (with --strict: any problem)."""
    loaded, shown, _ = _load(options)
    refused = loaded.problems if options.run.strict else loaded.errors
    if refused:
        raise InvalidFactBase(shown, refused)
    return loaded


def _load_tolerant(options: "Options") -> "Loaded":
    """The fact base without the facts that have errors (and those that depend on them),
    saying so in one line on stderr; with --strict, refused instead."""
    loaded, shown, _ = _load(options)
    if options.run.strict and loaded.problems:
        raise InvalidFactBase(shown, loaded.problems)
    errors = loaded.errors
    if errors:
        from briefing.render import one_line
        from briefing.render.text import left_out_line

        line = left_out_line(len(errors), loaded.facts.left_out)
        typer.echo(
            f"briefing: {line}; run `briefing check --facts {one_line(shown)}` to see why",
            err=True,
        )
    return loaded


class Level(enum.StrEnum):
    """How much of a brief to print (spec.BRIEF_LEVELS)."""

    summary = "summary"
    standard = "standard"
    full = "full"


class Format(enum.StrEnum):
    auto = "auto"
    rich = "rich"
    md = "md"
    json = "json"
    html = "html"


class GraphFormat(enum.StrEnum):
    """Every view's formats, and the graph's pictures: Mermaid and DOT text, or drawn."""

    auto = "auto"
    rich = "rich"
    md = "md"
    json = "json"
    html = "html"
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"
    png = "png"


class TimelineFormat(enum.StrEnum):
    """Every view's formats, and the timeline's own: a chart drawn as SVG, TimelineJS."""

    auto = "auto"
    rich = "rich"
    md = "md"
    json = "json"
    html = "html"
    svg = "svg"
    timelinejs = "timelinejs"


class Lanes(enum.StrEnum):
    """What a timeline chart gives a lane of its own."""

    actor = "actor"
    topic = "topic"


def _view_format(fmt: enum.StrEnum) -> "Format | None":
    """A command's own format as the views' shared one, or None for one of its own."""
    return Format(fmt.value) if fmt.value in Format.__members__ else None


class Diagrams(enum.StrEnum):
    """Diagrams a Markdown brief may carry."""

    none = "none"
    mermaid = "mermaid"


def _quiet_facts(ctx: typer.Context) -> "FactBase | None":
    """The fact base for shell completion, or None: completion must never fail loudly."""
    from briefing.loader import load, resolve_location

    try:
        where = resolve_location(ctx.params.get("facts"))[0]
        return load(where, follow_links=bool(ctx.params.get("follow_links"))).facts
    except Exception:
        return None


def _completions(
    choices: "list[tuple[str, tuple[str, ...], str]]", incomplete: str
) -> list[tuple[str, str]]:
    """One word per fact that ``incomplete`` begins (ignoring case and accents), with a word
    of help: its id, or a one-word name or alias typed in the same case. Shells match
    case-sensitively and split words at spaces: "Kaz" gets "Kazakhstan", "kaz" its id
    "kazakhstan", never both."""
    from briefing.index import fold

    wanted = fold(incomplete)
    offered: dict[str, tuple[str, str]] = {}
    for ident, names, help_text in choices:
        words = [w for w in (ident, *names) if " " not in w and fold(w).startswith(wanted)]
        if not words:
            continue
        word = next((w for w in words if w.startswith(incomplete)), None)
        if word is None:  # "mosc": the alias Moscow as "moscow", which the shell keeps
            word = incomplete + words[0][len(incomplete) :]
            word = word if fold(word) == fold(words[0]) else words[0]
        offered.setdefault(fold(word), (word, help_text))
    return list(offered.values())


def complete_actor(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _quiet_facts(ctx)
    if facts is None:
        return []
    return _completions([(a.id, (a.name, *a.aliases), a.name) for a in facts.actors], incomplete)


def complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _quiet_facts(ctx)
    if facts is None:
        return []
    return _completions([(t.id, (), t.name) for t in facts.topics], incomplete)


def complete_source(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _quiet_facts(ctx)
    if facts is None:
        return []
    return _completions([(s.id, (), s.title) for s in facts.sources], incomplete)


def complete_brief(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _quiet_facts(ctx)
    if facts is None:
        return []
    return _completions([(b.id, (), b.title) for b in facts.briefs], incomplete)


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
        help="auto: Rich on a terminal, Markdown when piped; or rich, md, json, html.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The world as it stood on DATE, by all we know now: later events hidden, "
        "roles as then.",
        show_default=False,
    ),
]
KnownByOption = Annotated[
    str | None,
    typer.Option(
        "--known-by",
        metavar="DATE",
        help="Only what was known on DATE: sources published by then (or cited as read or "
        "recorded by then), and the facts and judgments they support.",
        show_default=False,
    ),
]
HeadingOption = Annotated[
    int,
    typer.Option("--heading-level", min=1, max=6, help="Level of the top Markdown heading."),
]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Follow links to files and folders outside the fact base's folder.",
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour in terminal output (also NO_COLOR).")
]
NoNotesOption = Annotated[
    bool,
    typer.Option(
        "--no-notes", help="No note markers and no notes with the quotes (rich, md and html)."
    ),
]


# The options every view shares, declared once: name -> (annotation, default). `command`
# appends them to a command's own parameters, in this order.
SHARED_OPTIONS: Mapping[str, tuple[Any, Any]] = MappingProxyType(
    {
        "facts": (FactsOption, None),
        "follow_links": (FollowLinksOption, False),
        "fmt": (FormatOption, Format.auto),
        "as_of": (AsOfOption, None),
        "known_by": (KnownByOption, None),
        "heading_level": (HeadingOption, 1),
        "no_color": (NoColorOption, False),
        "no_notes": (NoNotesOption, False),
    }
)
VIEW_OPTIONS = tuple(SHARED_OPTIONS)
FACTS_OPTIONS = ("facts", "follow_links")


class Options(NamedTuple):
    """What a command gets besides its own parameters: the run and the shared options."""

    run: Run
    facts: Path | None = None
    follow_links: bool = False
    fmt: Format = Format.auto
    as_of: str | None = None
    known_by: str | None = None
    heading_level: int = 1
    no_color: bool = False
    no_notes: bool = False


def command(
    name: str | None = None,
    *,
    shared: tuple[str, ...] = (),
    group: typer.Typer = app,
    summary: str | None = None,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command whose first parameter receives a :class:`Options`; ``summary``
    is its line in `briefing --help` when the docstring's first paragraph is too long for
    one line (Typer would cut it with "...").

    The command declares only its own parameters; the ``shared`` options (declared once, in
    :data:`SHARED_OPTIONS`) follow them on its command line, and every command runs inside
    one handler of domain errors, interrupts and bugs.
    """

    def register(body: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(body).parameters.values())[1:]
        context = inspect.Parameter(
            "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
        )
        extra = [
            inspect.Parameter(
                option,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                annotation=SHARED_OPTIONS[option][0],
                default=SHARED_OPTIONS[option][1],
            )
            for option in shared
        ]

        @functools.wraps(body)
        def run_command(ctx: typer.Context, **values: Any) -> None:
            settings = Run.of(ctx)
            chosen = {option: values.pop(option) for option in shared}
            with _domain_errors(settings):
                body(Options(run=settings, **chosen), **values)

        params = [context, *own, *extra]
        run_command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run_command.__annotations__ = {p.name: p.annotation for p in params}
        del run_command.__wrapped__
        # Never cut: Typer would shorten a long first paragraph with "..." at any width.
        first = (inspect.getdoc(body) or "").split("\n\n")[0]
        short = summary or " ".join(first.split())
        group.command(name, cls=_Command, short_help=short)(run_command)
        return body

    return register


@command(summary="Start a fact base: a file per kind of fact, with examples.")
def init(
    options: Options,
    folder: Annotated[
        Path,
        typer.Argument(
            parser=_path, metavar="DIR", help="The folder to make it in: new, or empty."
        ),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Into a folder that has files: add the files it lacks, changing none.",
        ),
    ] = False,
) -> None:
    """Start a new fact base in DIR: a file per kind of fact, each with a commented example
    of every field, a settings file, the JSON Schema and editor set-up, a .gitignore and a
    README that says how to check it. A folder that has files is refused, unless --force:
    then only the files it lacks are written; a file that is there is never changed."""
    from briefing import curating

    curating.init(folder, force)


_ADD_HELP = (
    "Add a fact to a fact base: a source, topic, actor, event, position, relation or judgment."
)
add_app = typer.Typer(cls=_Group, help=_ADD_HELP, short_help="Add a fact to a fact base.")
app.add_typer(add_app, name="add")

# The option that sets each list field of `add`, one value each time it is given.
_ONE_OF = MappingProxyType({"aliases": "alias", "authors": "author", "rests_on": "rests-on"})


# The types of `add`'s options, made once (each is a typing object, slow to make).
_MAYBE_TEXT = str | None
_MAYBE_TEXTS = list[str] | None
_MAYBE_FLAG = bool | None
_MAYBE_PATH = Path | None


def _add_options(collection: str) -> list[inspect.Parameter]:
    """`briefing add KIND`'s own options: one per field of the spec (lists repeat the
    option, once per value; citations are --source and --quote, paired in order). Each
    is given as the parameter's default (Typer's older form, which costs start-up less than
    an Annotated type for each)."""
    from briefing import authoring

    params = []
    for f in authoring.fields(collection):
        if (collection, f.name) == ("sources", "author"):
            continue  # --author gives `authors`, one or more
        if f.kind in ("citations", "cited"):
            for name, text in (
                ("source", "The id of a source the fact cites (once per source)."),
                ("quote", "Its quote, word for word, one for each --source, in order."),
                (
                    "credibility",
                    "The Admiralty credibility of what each --source's passage says, 1"
                    " (confirmed by other sources) to 6 (cannot be judged): none, or one for"
                    " each --source, in order.",
                ),
            ):
                meta = {"source": "ID", "quote": "TEXT"}.get(name, "GRADE")
                cite = typer.Option(None, f"--{name}", help=text, show_default=False, metavar=meta)
                params.append(_param(f"cite_{name}", _MAYBE_TEXTS, cite))
            continue
        many = f.kind in ("texts", "facts", "choices") or f.kind.startswith("refs:")
        flag = f"--{_ONE_OF.get(f.name, f.name.rstrip('s') if many else f.name)}"
        flag = flag.replace("_", "-")
        words = f.doc[:1].upper() + f.doc[1:]
        if f.choices and len(f.choices) <= 20:
            words += f": {', '.join(f.choices)}"
        words += " (once per value)." if many else "."
        if f.kind == "place":
            words = "Where it happened: the place as the source names it."
        if f.kind == "flag":
            names = f"{flag}/--not-{flag[2:]}"
            option = typer.Option(None, names, help=words, show_default=False)
            params.append(_param(f"field_{f.name}", _MAYBE_FLAG, option))
            continue
        meta = _metavar(f)
        option = typer.Option(None, flag, help=words, show_default=False, metavar=meta)
        params.append(_param(f"field_{f.name}", _MAYBE_TEXTS if many else _MAYBE_TEXT, option))
    file = typer.Option(
        None,
        "--file",
        parser=_path,
        metavar="FILE",
        help="The fact file to add it to [default: the collection's file, e.g. events.yaml].",
        show_default=False,
    )
    quotes = typer.Option(
        None,
        "--quotes",
        parser=_path,
        metavar="DIR",
        help="Archived sources (DIR/<source id>.txt): each quote must be in its source"
        " [default: the fact base's sources/ folder, where it has one].",
        show_default=False,
    )
    dry = typer.Option(False, "--dry-run", help="Show the YAML it would add; write nothing.")
    params.append(_param("file", _MAYBE_PATH, file))
    params.append(_param("quotes", _MAYBE_PATH, quotes))
    params.append(_param("dry_run", bool, dry))
    return params


def _metavar(f: Any) -> str:
    """How `add --help` names a field's value."""
    if f.kind.startswith("ref") or f.kind in ("id", "fact", "facts", "judge"):
        return "ID"
    return {"date": "DATE", "url": "URL", "choice": "TERM", "choices": "TERM"}.get(f.kind, "TEXT")


def _param(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation, default=default
    )


def _add_command(kind: str, collection: str) -> None:
    """Register `briefing add KIND`."""

    def body(options: Options, **given: Any) -> None:
        from briefing import curating

        curating.add(options.facts, options.run.use_cache, options.follow_links, collection, given)

    from briefing.spec import COLLECTION_DOCS

    doc = COLLECTION_DOCS[collection]
    body.__doc__ = (
        f"Add {_article(kind)} ({doc}) to a fact base, each field"
        " an option. It is checked with the rest of the fact base first, then written at the"
        " end of the collection's file, every other line of the file kept as it is."
    )
    head = inspect.Parameter("options", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Options)
    body.__signature__ = inspect.Signature([head, *_add_options(collection)])  # type: ignore[attr-defined]
    body.__name__ = f"add_{kind}"
    command(kind, shared=FACTS_OPTIONS, group=add_app, summary=f"Add {_article(kind)}.")(body)


def _article(kind: str) -> str:
    """'an event', 'a source'."""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


@command(shared=FACTS_OPTIONS, summary="Lay out fact files one way, keeping every comment.")
def fmt(
    options: Options,
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 if a file would change (for CI)."),
    ] = False,
) -> None:
    """Lay out every fact file of a fact base one way: each fact's fields in the format's
    order, two-space indentation, quotes only where the text needs them, dates as written.
    Comments, blank lines and block text are kept, and the data never changes: a file that
    would not read back the same is left as it is. Prints each file it changes."""
    from briefing import curating

    curating.fmt(options.facts, options.follow_links, check)


def _add_commands() -> None:
    """Register `briefing add KIND` for each kind, once: only when the app that runs may
    need them (see :func:`app_for`), as making their options costs every start-up."""
    from briefing.authoring import KINDS

    if not add_app.registered_commands:
        for kind, collection in KINDS.items():
            _add_command(kind, collection)


@command(shared=FACTS_OPTIONS, summary="Check a fact base: one line per problem; exit 1 on errors.")
def check(
    options: Options,
    quotes: Annotated[
        Path | None,
        typer.Option(
            "--quotes",
            parser=_path,
            metavar="PATH",
            help="Folder of archived sources (<source id>.txt): every quote must appear "
            "in its source verbatim.",
            show_default=False,
        ),
    ] = None,
    fmt: ReportFormatOption = ReportFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
    ] = False,
) -> None:
    """Check a fact base: one `path:line: error|warning: message` per problem; exit 1 on
    errors (with --strict, on warnings too)."""
    from briefing.reports import CheckReport

    if quotes is not None and not quotes.is_dir():
        raise UsageError(f"--quotes {quotes}: no such folder of archived sources")
    # Every fact that could be built, left out of views or not: each quote is checked.
    loaded, shown, _ = _load(options, tolerant=False)
    problems = list(loaded.problems)
    proved = None
    if quotes is not None:
        from briefing.quotes import verify_quotes

        proved = verify_quotes(loaded.facts, quotes, _shown(quotes))
        found = sorted(set(proved.problems) - set(problems))
        # After the fact base's own errors, before its warnings.
        problems = [*loaded.errors, *found, *loaded.warnings]
    strict = strict or options.run.strict
    report = CheckReport(
        shown,
        len(loaded.facts.files),
        loaded.facts.counts(),
        problems,
        strict=strict,
        quotes=proved,
    )
    if fmt is ReportFormat.json:
        from briefing.render.json import check_report
    elif fmt is ReportFormat.text:
        from briefing.render.text import check_report
    else:
        assert_never(fmt)
    emit(check_report(report))
    if not report.ok:
        raise typer.Exit(ExitStatus.PROBLEM)


@command(
    shared=FACTS_OPTIONS, summary="Print the whole fact base, as YAML that loads back or as JSON."
)
def export(
    options: Options,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.json,
) -> None:
    """Print the whole fact base: YAML as one fact file that loads back, or JSON with every
    date worked out, for scripts."""
    from briefing.export import fact_base, fact_file

    facts = _load_clean(options).facts
    if fmt is ExportFormat.yaml:
        from briefing.render import yaml as yaml_render

        emit(yaml_render.pieces(fact_file(facts)))
    else:
        from briefing.render.json import document

        emit(document(fact_base(facts)))  # written as its events are made


@command(
    "import",
    shared=("follow_links",),
    summary="Add events from a CSV file to a fact base, as a new YAML file.",
)
def import_events(
    options: Options,
    file: Annotated[
        Path,
        typer.Argument(
            parser=_path, metavar="CSV", help="Spreadsheet of events (CSV): one row per event."
        ),
    ],
    into: Annotated[
        Path,
        typer.Option(
            "--into",
            parser=_path,
            metavar="DIR",
            help="The fact-base folder to add the events to, as one new file.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the file it would write; write nothing.")
    ] = False,
) -> None:
    """Add events from a CSV file to a fact base as a new YAML file, then check the result."""
    from briefing import importer
    from briefing.errors import FactBaseNotFound
    from briefing.loader import load
    from briefing.model import FactBase
    from briefing.parse import read_bounded
    from briefing.render import one_line
    from briefing.render.yaml import dumps
    from briefing.reports import CheckReport
    from briefing.settings import load_settings

    shown = _shown(file)
    if not into.is_dir():
        raise UsageError(f"--into {_shown(into)}: no such folder; create it first")
    try:
        facts = load(into, options.run.use_cache, options.follow_links).facts
    except FactBaseNotFound:  # a folder with no fact file yet
        facts = FactBase(_shown(into))
    try:
        raw = read_bounded(file, importer.MAX_CSV_BYTES)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BriefingError(f"{shown}: cannot read the file: {reason}") from None
    settings, _ = load_settings(into)  # its problems are reported by the check below
    plan = importer.plan(raw, shown, facts, settings)
    for note in plan.notes:
        typer.echo(f"briefing: {one_line(note)}", err=True)
    target = into / importer.file_name(file, datetime.now())
    if not plan.problems and not plan.count("events"):
        fail(f"{shown}: no new events; nothing written", ExitStatus.OK)
    text = ""
    if not plan.problems:
        text = f"# Added by `briefing import` from {one_line(file.name)}.\n" + dumps(
            plan.collections
        )
        # Errors stop the import; warnings (say, a source with no reliability grade) are
        # reported by the check that follows the writing.
        found = importer.problems_in(text, target, settings)
        plan.problems = [p for p in found if p.is_error]
    if plan.problems:
        from briefing.render.text import problem_lines

        for problem in plan.problems:
            typer.echo("\n".join(problem_lines(problem)), err=True)
        count = len(plan.problems)
        fail(
            f"{shown}: {count} problem{'s' if count > 1 else ''}; nothing written",
            ExitStatus.PROBLEM,
        )
    if dry_run:
        emit(f"# {_shown(target)} (not written: --dry-run)\n{text}")
        return
    try:
        # "x": a file of that name, however it got there, is never overwritten.
        with open(target, "x", encoding="utf-8") as out:
            try:
                out.write(text)
            except BaseException:
                out.close()
                target.unlink()
                raise
    except FileExistsError:
        fail(f"{_shown(target)} already exists; nothing written", ExitStatus.PROBLEM)
    except OSError as exc:
        fail(f"{_shown(target)}: cannot write: {exc.strerror or exc}", ExitStatus.PROBLEM)
    counts = ", ".join(
        f"{n} new {name if n != 1 else name[:-1]}"
        for name in ("events", "actors", "topics", "sources")
        for n in [plan.count(name)]
    )
    typer.echo(f"briefing: wrote {one_line(_shown(target))}: {counts}", err=True)
    loaded = load(into, options.run.use_cache, options.follow_links)
    f = loaded.facts
    problems = [*loaded.errors, *loaded.warnings]
    report = CheckReport(_shown(into), len(f.files), f.counts(), problems, options.run.strict)
    from briefing.render.text import check_report

    emit(check_report(report))
    if not report.ok:
        raise typer.Exit(ExitStatus.PROBLEM)


@command(shared=("facts",), summary="Print the JSON Schema of a fact file, for editors.")
def schema(options: Options) -> None:
    """Print the JSON Schema of a fact file, for editors that validate YAML as you type."""
    from briefing.loader import resolve_location
    from briefing.render.json import dumps
    from briefing.schema import json_schema
    from briefing.settings import load_settings

    # With the terms the fact base's settings add; a settings file with problems is
    # refused, as `check` would report it.
    path = resolve_location(options.facts)[0]
    settings, problems = load_settings(path)
    if problems:
        raise InvalidFactBase(_shown(path), problems)
    emit(dumps(json_schema(settings)))


@command(shared=FACTS_OPTIONS, summary="Which fact base is used and why, its files and its counts.")
def info(
    options: Options,
    fmt: ReportFormatOption = ReportFormat.text,
) -> None:
    """Say which fact base is used (and why), its files and how many facts it holds."""
    from briefing.reports import InfoReport

    loaded, shown, why = _load(options)
    f = loaded.facts
    report = InfoReport(
        shown,
        why,
        tuple(f.files),
        f.counts(),
        len(loaded.problems),
        __version__,
        warnings=len(loaded.warnings),
        left_out=len(f.left_out),
    )
    if fmt is ReportFormat.json:
        from briefing.render.json import info_report
    elif fmt is ReportFormat.text:
        from briefing.render.text import info_report
    else:
        assert_never(fmt)
    emit(info_report(report))


# -- the views ------------------------------------------------------------------------------


def _date_option(value: str | None, option: str) -> "FuzzyDate | None":
    if value is None:
        return None
    from briefing.dates import DateError, parse_date

    try:
        return parse_date(value)
    except DateError as exc:
        raise UsageError(f"{option} {value!r}: {exc}") from None


def _day_option(value: str | None, option: str) -> date | None:
    """The last day of the date an option gives (``--as-of 2022-10``: 31 October)."""
    when = _date_option(value, option)
    if when is None:
        return None
    if when.end is None:
        raise UsageError(f"{option} {value!r}: give a date with an end, such as 2021-06-01")
    return when.end


class _View:
    """What every view command shares: the fact base, the as-of and known-by dates and how to
    show a view."""

    def __init__(self, options: Options, standalone: bool = False) -> None:
        self.day = _day_option(options.as_of, "--as-of")
        self.known_by = _day_option(options.known_by, "--known-by")
        self.unfiltered = _load_tolerant(options).facts
        self.fmt = options.fmt
        self.heading = options.heading_level
        self.no_color = options.no_color
        self.notes = not options.no_notes
        self.standalone = standalone
        # The events the view can show, given their actors and topics (None: any): with
        # --known-by only these are narrowed to what was known (see knowledge.known_by).
        self.events_among: Among | None = None

    @cached_property
    def basis(self) -> "Basis":
        """The fact base as known by --known-by and as of --as-of, made on first use (`brief`
        dates its own)."""
        from briefing.knowledge import held, known_by
        from briefing.query import as_of
        from briefing.views import Basis

        facts = self.unfiltered
        if self.known_by:
            facts = known_by(facts, self.known_by, self.events_among)
        else:
            facts = held(facts, date.today())
        facts = as_of(facts, self.day) if self.day else facts
        return Basis(facts, self.day, self.known_by)

    @property
    def facts(self) -> "FactBase":
        return self.basis.facts

    def show(self, view: "View") -> None:
        from briefing.render.interface import render

        match self.fmt:
            case Format.json:
                from briefing.render.json import JsonRenderer

                emit(render(JsonRenderer(), view))
            case Format.md:
                from briefing.render.markdown import MarkdownRenderer

                emit(render(MarkdownRenderer(self.heading, self.standalone, self.notes), view))
            case Format.html:
                from briefing.render.html import HtmlRenderer

                renderer = HtmlRenderer(self.heading, self.notes, _pictures(view))
                emit(render(renderer, view))
            case Format.rich:
                from briefing.render.terminal import TerminalRenderer

                emit_rich(render(TerminalRenderer(self.notes), view), self.no_color)
            case Format.auto:
                # Decided as late as possible: Rich on a terminal, Markdown down a pipe.
                self.fmt = Format.rich if sys.stdout.isatty() else Format.md
                self.show(view)
            case _:
                assert_never(self.fmt)


def _pictures(view: "View") -> "Pictures":
    """The SVG pictures an HTML page of ``view`` shows: a graph's drawing, and a brief's
    key actors; a picture Graphviz cannot draw is left out, with one line on stderr."""
    from briefing.errors import DrawingFailed
    from briefing.render.dot import graph as dot
    from briefing.render.graphviz import draw
    from briefing.render.html import Pictures, trusted_svg
    from briefing.views import BriefView, GraphView, TimelineView

    chart = None
    if isinstance(view, TimelineView) and view.events:
        chart = trusted_svg(_chart_svg(view, Lanes.actor, 1000, "Timeline"))
    if isinstance(view, BriefView) and view.briefing.recent:
        recent = TimelineView(view.basis, view.briefing.recent)
        chart = trusted_svg(_chart_svg(recent, Lanes.actor, 1000, "Recent developments"))
    graph = view.graph if isinstance(view, BriefView) else view
    if not isinstance(graph, GraphView) or not graph.edges:
        return Pictures(timeline_chart=chart)
    try:
        drawn = draw(dot(graph), "svg").decode("utf-8")
    except DrawingFailed as exc:
        typer.echo(f"briefing: the page has no graph: {exc}", err=True)
        return Pictures(timeline_chart=chart)
    return Pictures(actor_graph=trusted_svg(drawn), timeline_chart=chart)


# Terminal output narrower than this cannot show a table; wider would only exhaust memory.
MIN_COLUMNS, MAX_COLUMNS = 40, 1000


def _terminal_width() -> int | None:
    """$COLUMNS held within what a table can use; None lets Rich ask the terminal."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        return None
    return min(max(columns, MIN_COLUMNS), MAX_COLUMNS)


def emit_rich(renderable: Any, no_color: bool) -> None:
    """Print a Rich renderable to stdout, quietly if the reader went away."""
    from rich.console import Console

    require_stdout()
    console = Console(
        no_color=no_color or None, highlight=False, emoji=False, width=_terminal_width()
    )
    try:
        console.print(renderable)
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        write_failed(exc)  # raises unless the reader went away
        raise typer.Exit(ExitStatus.OK) from None


@command(
    shared=tuple(o for o in VIEW_OPTIONS if o != "fmt"),
    summary="Events in date order, dates as the sources give them; or a chart.",
)
def timeline(
    options: Options,
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
        typer.Option(
            help="Only events citing this source id.",
            show_default=False,
            autocompletion=complete_source,
        ),
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Latest first.")] = False,
    limit: Annotated[
        int | None, typer.Option(min=0, help="At most N events.", show_default=False)
    ] = None,
    chart: Annotated[
        bool,
        typer.Option("--chart", help="Draw the events on a time axis in the terminal, by lane."),
    ] = False,
    lanes: Annotated[
        Lanes, typer.Option(help="Chart lanes (--chart, -f svg): one per actor or per topic.")
    ] = Lanes.actor,
    width: Annotated[
        int, typer.Option(min=400, max=10000, help="-f svg: the chart's width in pixels.")
    ] = 1000,
    fmt: Annotated[
        TimelineFormat,
        typer.Option(
            "--format",
            "-f",
            help="auto: Rich on a terminal, Markdown when piped; rich, md, json, html; svg (a "
            "chart); timelinejs (TimelineJS3's JSON).",
        ),
    ] = TimelineFormat.auto,
) -> None:
    """Events in date order, dates as the sources give them; or drawn as a chart."""
    from briefing import query, views

    if chart and fmt not in (TimelineFormat.auto, TimelineFormat.rich):
        raise UsageError(f"--chart draws in the terminal, not -f {fmt.value}; try -f svg")
    since_date = _date_option(since, "--since")
    until_date = _date_option(until, "--until")
    view = _View(options._replace(fmt=_view_format(fmt) or Format.auto))
    # Actors and topics are the same in every state of the fact base: found before it is
    # narrowed to --known-by, which then narrows only the events they can show.
    actors = [query.find_actor(view.unfiltered, a) for a in actor or ()]
    topics = [query.find_topic(view.unfiltered, t) for t in topic or ()]
    view.events_among = query.among({a.id for a in actors}, {t.id for t in topics})
    f = view.facts
    events = query.timeline(
        f,
        actors=actors,
        topics=topics,
        since=since_date,
        until=until_date,
        source=query.find_source(f, source) if source else None,
        reverse=reverse,
        limit=limit,
    )
    shown = views.TimelineView(view.basis, events)
    named = ", ".join([*(a.name for a in actors), *(t.name for t in topics)])
    title = f"Timeline: {named}" if named else "Timeline"
    match fmt:
        case _ if chart:
            _chart_in_terminal(shown, lanes, options.no_color)
        case TimelineFormat.svg:
            emit(_chart_svg(shown, lanes, width, title))
        case TimelineFormat.timelinejs:
            from briefing.render.timelinejs import timeline as timelinejs

            emit(timelinejs(shown, title))
        case (
            TimelineFormat.auto
            | TimelineFormat.rich
            | TimelineFormat.md
            | TimelineFormat.json
            | TimelineFormat.html
        ):
            view.show(shown)
        case _:
            assert_never(fmt)


def _chart(
    view: "TimelineView", lanes: Lanes, room: float, measure: Callable[[str], float], gap: float
) -> "Chart":
    """The chart of ``view``'s events, one lane per actor or per topic, for an axis ``room``
    long in the units of ``measure``."""
    from briefing.chart import chart

    basis = view.basis
    if lanes is Lanes.actor:
        return chart(view.events, basis.actor_name, room, measure, gap)
    return chart(view.events, basis.topic_name, room, measure, gap, topics=True)


def _chart_svg(view: "TimelineView", lanes: Lanes, width: int, title: str) -> str:
    from briefing.render.svg import chart as svg
    from briefing.render.svg import measure, room

    return svg(_chart(view, lanes, room(width), measure, 2 * measure("x")), width, title)


def _chart_in_terminal(view: "TimelineView", lanes: Lanes, no_color: bool) -> None:
    import shutil

    from rich.cells import cell_len

    from briefing.render.terminal import chart_room, timeline_chart

    width = _terminal_width() or min(shutil.get_terminal_size((80, 24)).columns, MAX_COLUMNS)
    room = chart_room(width)
    emit_rich(timeline_chart(_chart(view, lanes, room, cell_len, 2), room, view), no_color)


@command(shared=VIEW_OPTIONS, summary="One actor's profile: roles, positions, relations, events.")
def actor(
    options: Options,
    name: Annotated[
        str,
        typer.Argument(
            help="Id, name or alias, in any case, with or without accents.",
            autocompletion=complete_actor,
        ),
    ],
) -> None:
    """One actor's profile: roles, attributes, positions, relations, events, judgments."""
    from briefing import query, views

    view = _View(options)
    found = query.find_actor(view.facts, name)
    view.show(views.profile(view.basis, found))


@command(shared=VIEW_OPTIONS)
def actors(
    options: Options,
    kind: Annotated[
        str | None, typer.Option(help="Only actors of this kind.", show_default=False)
    ] = None,
) -> None:
    """Every actor, with how many events and positions each has."""
    from briefing import query, views
    from briefing.loader import resolve_location
    from briefing.settings import load_settings
    from briefing.spec import ACTOR_KINDS
    from briefing.suggest import did_you_mean

    # The kinds of the format and those the fact base's settings add.
    kinds = (*ACTOR_KINDS, *load_settings(resolve_location(options.facts)[0])[0].actor_kinds)
    if kind is not None and kind not in kinds:
        hint = did_you_mean(kind, kinds) or f" (one of: {', '.join(kinds)})"
        raise UsageError(f"--kind {kind!r} is not an actor kind{hint}")
    view = _View(options)
    view.show(views.ActorsView(view.basis, tuple(query.actor_rows(view.facts, kind))))


@command(
    shared=tuple(o for o in VIEW_OPTIONS if o != "fmt"),
    summary="Who is tied to whom: relations, in words or drawn.",
)
def graph(
    options: Options,
    actor: Annotated[
        str | None,
        typer.Option(
            help="Only this actor's neighbourhood (id, name or alias).",
            show_default=False,
            autocompletion=complete_actor,
        ),
    ] = None,
    depth: Annotated[
        int, typer.Option(min=1, help="With --actor: how many relations away to reach.")
    ] = 1,
    positions: Annotated[
        bool, typer.Option("--positions", help="Also topics, tied to actors by their stance.")
    ] = False,
    fmt: Annotated[
        GraphFormat,
        typer.Option(
            "--format",
            "-f",
            help="auto: Rich on a terminal, Markdown (with a Mermaid diagram) when piped; "
            "rich, md, json, html; mermaid or dot (text to draw with); svg or png (drawn by "
            "Graphviz).",
        ),
    ] = GraphFormat.auto,
) -> None:
    """Who is tied to whom: actors as nodes, relations as labelled arrows (former ones
    dashed), optionally topics with the stances actors take on them. Actors with no relation
    are left out, except the one asked for."""
    from briefing import views
    from briefing.graph import graph as find_graph
    from briefing.query import find_actor

    view = _View(options._replace(fmt=_view_format(fmt) or Format.auto))
    center = find_actor(view.facts, actor) if actor is not None else None
    found = views.graph(view.basis, find_graph(view.facts, center, depth, positions), center)
    match fmt:
        case (
            GraphFormat.auto
            | GraphFormat.rich
            | GraphFormat.md
            | GraphFormat.json
            | GraphFormat.html
        ):
            view.show(found)
        case GraphFormat.mermaid:
            from briefing.render.mermaid import graph as mermaid

            emit(mermaid(found))
        case GraphFormat.dot:
            from briefing.render.dot import graph as dot

            emit(dot(found))
        case GraphFormat.svg | GraphFormat.png:
            from briefing.render.dot import graph as dot
            from briefing.render.graphviz import draw

            drawn = draw(dot(found), fmt.value)
            emit(drawn.decode("utf-8")) if fmt is GraphFormat.svg else emit_bytes(drawn)
        case _:
            assert_never(fmt)


@command(
    shared=VIEW_OPTIONS, summary="Who stands where: a list, each actor's history, or a matrix."
)
def positions(
    options: Options,
    actor: ActorsOption = None,
    topic: TopicsOption = None,
    as_matrix: Annotated[
        bool,
        typer.Option("--matrix", help="Actors down, topics across, the current stance in cells."),
    ] = False,
    history: Annotated[
        bool,
        typer.Option("--history", help="Each actor's stances on each topic, earliest first."),
    ] = False,
) -> None:
    """Who stands where: positions as a list, as each actor's history on each topic, or as
    an actor-by-topic matrix of the stances held at --as-of."""
    from briefing import query, views

    if as_matrix and history:
        raise UsageError("--matrix and --history are two views; give one")
    view = _View(options)
    f = view.facts
    chosen = query.positions(
        f,
        actors=[query.find_actor(f, a) for a in actor or ()],
        topics=[query.find_topic(f, t) for t in topic or ()],
    )
    if as_matrix:
        view.show(views.MatrixView(view.basis, query.matrix(f, chosen)))
    elif history:
        view.show(views.HistoryView(view.basis, tuple(query.position_history(chosen))))
    else:
        view.show(views.PositionsView(view.basis, tuple(chosen)))


@command(shared=VIEW_OPTIONS, summary="The bibliography: every source and how many facts cite it.")
def sources(options: Options) -> None:
    """The bibliography: every source, its reliability and how many facts cite it."""
    from briefing import query, views

    view = _View(options)
    view.show(views.SourcesView(view.basis, tuple(query.bibliography(view.facts))))


@command(shared=VIEW_OPTIONS, summary="Every fact whose text matches, best matches first.")
def search(
    options: Options,
    text: Annotated[str, typer.Argument(help="Words to find; every word must match.")],
    limit: Annotated[
        int | None, typer.Option(min=1, help="At most N results.", show_default=False)
    ] = None,
) -> None:
    """Every fact whose text matches, best matches first, with the field that matched: words
    in singular or plural, an actor or topic by any of its names and aliases; when nothing
    matches, a near spelling that does: did you mean ...?"""
    from briefing import query, views

    view = _View(options)
    hits = tuple(query.search(view.facts, text, limit))
    suggestion = None if hits else query.search_suggestion(view.facts, text)
    view.show(views.SearchView(view.basis, text, hits, suggestion))


@command(
    shared=VIEW_OPTIONS, summary="The briefing document: bottom line, judgments, developments."
)
def brief(
    options: Options,
    name: Annotated[
        str | None,
        typer.Argument(
            help="Which brief (see `briefing briefs`); default: the fact base's default.",
            show_default=False,
            autocompletion=complete_brief,
        ),
    ] = None,
    window: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=MAX_WINDOW_DAYS,
            help="Days of recent developments before the as-of date [default: the brief's, or 90].",
            show_default=False,
        ),
    ] = None,
    standalone: Annotated[
        bool,
        typer.Option(
            "--standalone",
            help="Markdown for pandoc's `markdown` reader (pandoc -f markdown): a whole "
            "document whose YAML metadata block gives its title, date and author; other "
            "readers, GitHub's among them, do not read the block.",
        ),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            help="First, what changed since DATE (the last brief): facts known after it, "
            "facts revised, stance shifts, judgments added or withdrawn.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        Level,
        typer.Option(
            help="How much: summary (bottom line, key judgments, indicators), standard "
            "(every section, each list cut short, with the command that lists the rest) "
            "or full.",
        ),
    ] = Level.standard,
    diagrams: Annotated[
        Diagrams,
        typer.Option(
            help="mermaid: a Mermaid diagram of the key actors and their relations under "
            "Key actors (Markdown), which GitHub and GitLab draw.",
        ),
    ] = Diagrams.none,
) -> None:
    """The briefing document: bottom line, judgments, background, developments, gaps."""
    from briefing import views
    from briefing.brief import assemble, choose

    for option, given in (("--standalone", standalone), ("--diagrams", diagrams.value != "none")):
        if given and options.fmt in (Format.json, Format.rich, Format.html):
            fail(f"{option} is for Markdown (-f md), not -f {options.fmt.value}", ExitStatus.USAGE)
        if given:
            options = options._replace(fmt=Format.md)
    view = _View(options, standalone=standalone)
    # `assemble` applies the as-of date itself, to the unfiltered fact base, once.
    chosen = choose(view.unfiltered, name)
    briefing = assemble(
        view.unfiltered,
        chosen,
        today=date.today(),
        as_of=view.day,
        window=window,
        known_by=view.known_by,
        since=_day_option(since, "--since"),
        level=level.value,
    )
    drawn = diagrams is Diagrams.mermaid or options.fmt is Format.html
    view.show(views.brief(briefing, drawn=drawn))


@command(
    shared=tuple(o for o in VIEW_OPTIONS if o not in ("as_of", "known_by")),
    summary="The briefs the fact base defines.",
)
def briefs(options: Options) -> None:
    """The briefs the fact base defines; `briefing brief NAME` prints one."""
    from briefing import views

    view = _View(options)
    view.show(views.BriefsView(view.basis, view.facts.briefs))


class _Output(_View):
    """How a view that loads its own fact bases is shown (`diff`): the format options only."""

    def __init__(self, options: Options) -> None:  # no fact base of its own to load
        self.fmt = options.fmt
        self.heading = options.heading_level
        self.no_color = options.no_color
        self.notes = not options.no_notes
        self.standalone = False


def _state(options: Options, which: str, given: str | None) -> "State":
    """One side of `diff`: a fact-base folder or YAML file, else a git revision of the --facts
    folder (read aside, into a temporary folder), or with nothing ``given`` the --facts folder
    as it is on disk; facts with errors left out, as views leave them out."""
    from dataclasses import replace

    from briefing.loader import load, resolve_location
    from briefing.render import one_line
    from briefing.render.text import left_out_line
    from briefing.views import State

    path = Path(given) if given else resolve_location(options.facts)[0]
    is_file = path.is_file() and path.name.lower().endswith((".yaml", ".yml"))
    if given is None or path.is_dir() or is_file:
        label, commit = _shown(path), None
        loaded = load(path, options.run.use_cache, options.follow_links)
        where: Callable[[str], str] = str
        hint = f"; run `briefing check --facts {one_line(label)}` to see why"
    else:
        from briefing.revisions import snapshot

        with snapshot(given, resolve_location(options.facts)[0]) as taken:
            # Read once, then removed: each file is found in the cache by its bytes (the
            # same as a file read before, at any path), and no entry is written for it.
            loaded = load(taken.path, options.run.use_cache, by_content=True)
        label, commit, where, hint = given, taken.commit, taken.shown, ""
    if options.run.strict and loaded.problems:
        first = loaded.problems[0]
        more = f" (and {len(loaded.problems) - 1} more)" if len(loaded.problems) > 1 else ""
        shown = replace(first, path=where(first.path))
        raise BriefingError(f"the {which} state {label} has problems: {shown}{more}")
    if loaded.errors:
        line = left_out_line(len(loaded.errors), loaded.facts.left_out)
        typer.echo(f"briefing: the {which} state {one_line(label)}: {line}{hint}", err=True)
    return State(label, loaded.facts, commit)


@command(
    shared=tuple(o for o in VIEW_OPTIONS if o not in ("as_of", "known_by")),
    summary="Compare two states of a fact base, folders or git revisions.",
)
def diff(
    options: Options,
    old: Annotated[
        str,
        typer.Argument(
            help="The old state: a fact-base folder, or a git revision of the --facts folder.",
            show_default=False,
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(
            help="The new state, likewise [default: the --facts folder as it is on disk].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compare two states of a fact base, folders or git revisions: facts added, removed and
    changed, field by field, and stance shifts."""
    from briefing import views

    before, after = _state(options, "old", old), _state(options, "new", new)
    _Output(options).show(views.diff(before, after))


_CACHE_HELP = "The parse cache: where it is, and clearing it."
cache_app = typer.Typer(cls=_Group, help=_CACHE_HELP, short_help=_CACHE_HELP)
app.add_typer(cache_app, name="cache")


@command("clear", group=cache_app)
def cache_clear(options: Options) -> None:
    """Remove every cached entry (the cache refills itself on the next run)."""
    from briefing.cache import Cache, default_folder
    from briefing.render import one_line

    cache = Cache.open()
    removed, kept = cache.clear() if cache else (0, 0)
    folder = default_folder()
    shown = one_line(str(folder)) if folder else "no cache (no home folder)"
    typer.echo(f"removed {removed} cache entries from {shown}", err=True)
    if kept:
        fail(f"{kept} cache entries could not be removed from {shown}", ExitStatus.PROBLEM)


@command("info", group=cache_app)
def cache_info(options: Options) -> None:
    """Where the cache is, whether it is used, and how big it is."""
    from briefing.cache import Cache, default_folder
    from briefing.render import one_line

    folder = default_folder()
    if folder is None:
        emit("cache: none (no home folder: set BRIEFING_CACHE_DIR to use one)\n")
        return
    shown = one_line(str(folder))
    cache = Cache.open()
    if cache is None:
        emit(f"cache: {shown} (not used: it cannot be created, or others can write to it)\n")
        return
    count, size = cache.usage()
    emit(f"cache: {shown}\nentries: {count}\nsize: {size / 1e6:.1f} MB\n")


def app_for(args: list[str], completing: bool = False) -> typer.Typer:
    """The app, holding only the command named in ``args`` when it names one exactly: Typer
    builds every command it holds before running one (inspecting each function's
    signature), a few milliseconds of every start-up. Anything else (no command, a
    misspelt or shortened one, shell completion) gets the whole app (:func:`whole_app`)."""
    if not args or completing:
        return whole_app()
    commands = [c for c in app.registered_commands if _command_name(c) == args[0]]
    groups = [g for g in app.registered_groups if g.name == args[0]]
    if len(commands) + len(groups) != 1:
        return whole_app()
    if any(g.typer_instance is add_app for g in groups):
        _add_commands()
    one = copy.copy(app)
    one.registered_commands, one.registered_groups = commands, groups
    return one


def whole_app() -> typer.Typer:
    """The app with every command registered, `add`'s included."""
    _add_commands()
    return app


def _command_name(info: Any) -> str | None:
    # As Typer names a command (typer.main.get_command_from_info).
    from typer.main import get_command_name

    if info.name:
        return str(info.name)
    return get_command_name(info.callback.__name__) if info.callback else None


def main(completing: bool = False, whole_process: bool = False) -> None:
    """Run the app (``completing``: for the shell's tab completion); a bug outside any
    command becomes one line on stderr (BRIEFING_DEBUG=1 shows the traceback).
    ``whole_process``: the process ends after it without freeing what it made (so what
    commands load is held to the end)."""
    global _held
    if whole_process:
        _held = []
    try:
        app_for(sys.argv[1:], completing)(prog_name="briefing")
    except Exception as exc:
        if _debug_from_environment():
            raise
        try:
            internal_error(exc)
        except typer.Exit as done:
            sys.exit(done.exit_code)
