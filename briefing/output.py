"""Writing to stdout: data goes out whole, and a reader that went away ends the run quietly."""

import os
import sys


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush after a closed pipe cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def write_stdout(text: str) -> bool:
    """Write ``text`` to stdout and flush; False (stdout silenced) when the reader is gone."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `briefing ... | head -1`
        silence_stdout()
        return False
    return True
