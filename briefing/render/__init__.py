"""Renderers: one module per format, each a ``Renderer`` (see ``interface``) of view models.

``markdown`` and ``json`` return text; ``terminal`` returns Rich renderables. The CLI alone
decides where output goes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# C0 and C1 control characters other than tab and newline (ANSI escapes start with one),
# and the invisible bidirectional controls that can make text display in another order
# than it is stored: fact text is data, so none of them reaches a terminal or a document.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Fact text with control characters made visible and inert: ESC shows as \\x1b."""
    if text.isprintable():  # every character CONTROL holds is unprintable (tested)
        return text
    return CONTROL.sub(_visible, text)


def ascii_without(text: str, characters: bytes) -> bool:
    """Whether ASCII ``text`` holds none of ``characters``: a byte translation drops them
    and the length tells, at C speed (a pattern's scan of the same text is 3 to 5 times
    slower)."""
    raw = text.encode()
    return len(raw.translate(None, characters)) == len(raw)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# Everything CONTROL catches, and also tabs and what ends a line (one message stays one line,
# so a file name holding a newline cannot forge another `path:line: message`), and the lone
# surrogates that stand for the bytes of a file name that is not UTF-8, which no stream
# could write as they are.
LINE_CONTROL = re.compile(CONTROL.pattern[:-1] + "\t\n\u2028\u2029\ud800-\udfff]")


# A web address a reader can follow: http(s), with no space or angle bracket (which would
# end a Markdown link early) and no control character (which could ride along in a
# terminal's hyperlink escape).
_WEB_ADDRESS = re.compile(r"https?://[^\s<>]+")


def web_address(url: str | None) -> str | None:
    """``url`` if a renderer may make it a link, else None (then the text stays plain)."""
    if url and _WEB_ADDRESS.fullmatch(url) and not CONTROL.search(url):
        return url
    return None


def one_line(text: str) -> str:
    """Text for one line of a report or an error message: every control made visible."""
    return LINE_CONTROL.sub(_visible, text)


_CHUNK = 1 << 20  # characters a write takes: few writes, and a small piece of a long document


class Pieces:
    """A document in pieces, each made as it is written (a timeline's events, a table's
    rows), so that a long one is never held whole. Read it once: iterate it (chunks of
    pieces about a million characters long: each write to a stream has its cost), or
    ``str()`` it."""

    def __init__(self, pieces: Iterable[str]) -> None:
        self._pieces = iter(pieces)

    def __iter__(self) -> Iterator[str]:
        chunk: list[str] = []
        size = 0
        for piece in self._pieces:
            chunk.append(piece)
            size += len(piece)
            if size >= _CHUNK:
                yield "".join(chunk)
                chunk, size = [], 0
        if chunk:
            yield "".join(chunk)

    def __str__(self) -> str:
        return "".join(self)
