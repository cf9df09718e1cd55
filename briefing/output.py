"""Writing to stdout: data goes out whole, and a reader that went away ends the run quietly.

`briefing --help` writes through this module: it imports nothing beyond the standard
library until something fails (importing `briefing.errors` costs a help page's budget)."""

import os
import sys
from collections.abc import Callable, Iterable, Iterator  # (already imported by briefing.launch)


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush after a closed pipe cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


_SLICE = 1 << 20


def write_stdout(text: str | Iterable[str]) -> bool:
    """Write ``text`` (or its pieces, as they are made) to stdout and flush; False (stdout
    silenced) when the reader is gone; :class:`OutputFailed` when it cannot be written."""
    require_stdout()
    # In slices: the stream encodes what it is given whole, and a 100 MB timeline would be
    # held twice.
    pieces = _slices(text) if isinstance(text, str) else text
    # Each piece is made outside the try: an error while making the output is that error,
    # not a failed write.
    for piece in pieces:
        if not _attempt(sys.stdout.write, piece):
            return False
    return _attempt(sys.stdout.flush)


def _attempt(action: Callable[..., object], *args: str) -> bool:
    """Whether ``action`` wrote; see :func:`write_failed` for when it did not."""
    try:
        action(*args)
    except (OSError, ValueError) as exc:  # ValueError: stdout was closed
        write_failed(exc)
        return False
    return True


def _slices(text: str) -> Iterator[str]:
    for start in range(0, len(text), _SLICE):
        yield text[start : start + _SLICE]


def write_stdout_bytes(data: bytes) -> bool:
    """:func:`write_stdout` for binary data (a PNG picture), written as it is."""
    require_stdout()
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except (OSError, ValueError) as exc:
        write_failed(exc)
        return False
    return True


def require_stdout() -> None:
    """:class:`OutputFailed` when the run was started with stdout closed (`... >&-`)."""
    if sys.stdout is None:
        from briefing.errors import OutputFailed

        raise OutputFailed("cannot write output: standard output is closed")


def write_failed(exc: Exception) -> None:
    """After a failed write, stdout is silenced, so that Python's own flush at exit cannot
    fail a second time; then returns if the reader went away (`briefing ... | head -1`),
    and raises :class:`OutputFailed` for any other failure."""
    # Not contextlib.suppress: importing contextlib would cost `--help` about 10 ms.
    try:  # noqa: SIM105
        silence_stdout()
    except (OSError, ValueError):
        pass
    if isinstance(exc, BrokenPipeError):
        return
    from briefing.errors import OutputFailed

    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    raise OutputFailed(f"cannot write output: {reason}")


def _escape(error: UnicodeError) -> tuple[str, int]:
    """What a stream that cannot encode a character writes instead: a \\u escape, which JSON
    reads back as the same character and a reader can still make out."""
    assert isinstance(error, UnicodeEncodeError)
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:  # as JSON writes it: a surrogate pair
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def escape_unencodable() -> None:
    """Let stdout and stderr write any text whatever their encoding (PYTHONIOENCODING=ascii,
    a C locale without UTF-8 mode): what they cannot encode becomes an escape, not an error."""
    import codecs

    codecs.register_error("briefing-escape", _escape)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if (
            stream is not None
            and encoding not in ("utf8", "utf8sig")
            and hasattr(stream, "reconfigure")
        ):
            stream.reconfigure(errors="briefing-escape")
