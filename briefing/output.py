"""Writing to stdout: data goes out whole, and a reader that went away ends the run quietly."""

import contextlib
import os
import sys

from briefing.errors import BriefingError


class OutputFailed(BriefingError):
    """Standard output could not take the data (a full disk, /dev/full, a closed descriptor)."""


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush after a closed pipe cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def write_stdout(text: str) -> bool:
    """Write ``text`` to stdout and flush; False (stdout silenced) when the reader is gone;
    :class:`OutputFailed` when the output cannot be written."""
    require_stdout()
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `briefing ... | head -1`
        silence_stdout()
        return False
    except (OSError, ValueError) as exc:  # ValueError: stdout was closed
        failed(exc)
    return True


def require_stdout() -> None:
    """:class:`OutputFailed` when the run was started with stdout closed (`... >&-`)."""
    if sys.stdout is None:
        raise OutputFailed("cannot write output: standard output is closed")


def failed(exc: Exception) -> None:
    """Raise :class:`OutputFailed` for ``exc``, with stdout silenced so that Python's own
    flush at exit cannot fail a second time, with a traceback."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    with contextlib.suppress(OSError, ValueError):
        silence_stdout()
    raise OutputFailed(f"cannot write output: {reason}")
