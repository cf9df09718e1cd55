"""The `briefing` command: answers `--help` and `--version` without loading Typer.

Importing Typer is most of a `--help` run (about 60 of 70 ms on the project's machine), and
`briefing --help` has a start-up budget of 80 ms. So Typer renders every help page ahead of
time into `briefing/_help.py` (`make help-pages`), and a test holds those pages equal to what
Typer prints: they cannot drift from the app. Everything else goes to the Typer app in
`briefing.cli`, and so do the cases where Typer's output would differ from the stored pages:
a terminal narrower than 80 columns (Typer wraps help to its width) and shell completion.
"""

import gc
import os
import sys
from collections.abc import Mapping, Sequence

from briefing import __version__
from briefing.output import escape_unencodable, write_stdout

TYPE_CHECKING = False  # (importing typing would cost `--help` 14 ms)
if TYPE_CHECKING:
    from typing import NoReturn

HELP_OPTIONS = ("--help", "-h")
# Typer (click) wraps help to min(columns, 80) - 2; from 80 columns up every page is the same.
HELP_COLUMNS = 80
# Set by the shell when it asks Typer for completions: `_{PROG_NAME}_COMPLETE`.
COMPLETION_VARIABLE = "_BRIEFING_COMPLETE"

# A command is one short process, and most of what it makes is freed by reference counting
# (the collector finds cycles only). With the default thresholds, a command that writes a
# long document walked every object it holds again and again: a 100,000-event HTML page
# spent 1.1 s in 9 full collections, a Markdown one 0.2 s. So the young generation is
# collected every million allocations, not 700, and the older generations after 20 and 100
# of the younger one's collections, not 10 and 10; cycles among young objects are still
# found. (At 100,000, the same page still spent 150 ms in 8 young collections, and a
# Markdown one 75 ms in 3, which freed nothing; peak memory is the same either way.) What
# a command loads is frozen out of collection (briefing.loader).
COLLECTION_THRESHOLDS = (1_000_000, 20, 100)

Reply = tuple[str, str, int]
"""What a run prints to stdout, what it prints to stderr, and its exit status."""


def prebuilt(args: Sequence[str], environ: Mapping[str, str]) -> Reply | None:
    """The reply to `briefing ARGS` when it needs no Typer, else None."""
    if COMPLETION_VARIABLE in environ:
        return None
    if list(args) == ["--version"]:
        return f"briefing {__version__}\n", "", 0
    if args and args[-1] not in HELP_OPTIONS:
        return None  # a command to run: no need to ask the terminal its width
    if terminal_columns(environ) < HELP_COLUMNS:
        return None
    from briefing._help import NO_ARGS_STATUS, PAGES

    if not args:
        return "", PAGES[()], NO_ARGS_STATUS
    page = PAGES.get(tuple(args[:-1]))
    return None if page is None else (page, "", 0)


def terminal_columns(environ: Mapping[str, str]) -> int:
    """The width Typer would see: `shutil.get_terminal_size().columns`, without importing shutil."""
    try:
        columns = int(environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or 80


def end(code: object) -> "NoReturn":
    """End the process with ``code`` as Python's own exit does, without its teardown.

    A command is one short process: at its end Python would free every object it made, one
    by one, and then its modules (0.07 to 0.15 s after a 100,000-event command's last write,
    10% of a brief). Only the streams need finishing, so they are flushed and the process
    ends. (Nothing here registers an exit handler or starts a thread; files are closed by
    their commands.) A code that is a message, or a stream that cannot be flushed, ends the
    run as Python's exit does: a failed flush is reported and exits 120, as before."""
    if code is not None and not isinstance(code, int):
        raise SystemExit(code)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code or 0)


def main() -> None:
    escape_unencodable()
    reply = prebuilt(sys.argv[1:], os.environ)
    if reply is None:
        gc.set_threshold(*COLLECTION_THRESHOLDS)
        try:
            from briefing.cli import main as run_app
        except KeyboardInterrupt:  # Ctrl-C while Typer loads, before the app can catch it
            from briefing.errors import ExitStatus

            sys.stderr.write("briefing: interrupted\n")
            sys.exit(ExitStatus.INTERRUPTED)
        try:
            run_app(completing=COMPLETION_VARIABLE in os.environ, whole_process=True)
        except SystemExit as done:
            end(done.code)
        end(0)
    out, err, status = reply
    try:
        write_stdout(out)
    except Exception as exc:
        from briefing.errors import OutputFailed  # imported only now: see briefing.output

        if not isinstance(exc, OutputFailed):
            raise
        sys.stderr.write(f"briefing: {exc}\n")
        sys.exit(exc.status)
    sys.stderr.write(err)
    end(status)
