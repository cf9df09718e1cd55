"""Graphviz's `dot` program, which draws a DOT graph as SVG or PNG: the one place the tool
runs another program to format its output."""

from __future__ import annotations

import shutil
import subprocess

from briefing.errors import DrawingFailed

INSTALL = "install Graphviz (apt-get install graphviz, brew install graphviz)"
# A graph of thousands of actors takes Graphviz minutes; nothing should hang for ever.
TIMEOUT = 600


def draw(dot: str, fmt: str) -> bytes:
    """The picture of the DOT graph ``dot`` in ``fmt`` (svg, png), as Graphviz draws it."""
    program = shutil.which("dot")
    if program is None:
        raise DrawingFailed(f"-f {fmt} needs Graphviz's `dot`: {INSTALL}, or use -f dot")
    try:
        done = subprocess.run(
            [program, f"-T{fmt}"], input=dot.encode("utf-8"), capture_output=True,
            timeout=TIMEOUT, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise DrawingFailed(f"Graphviz took over {TIMEOUT} s to draw the graph") from None
    except OSError as exc:
        raise DrawingFailed(f"Graphviz's `dot` could not run ({exc.strerror}): {INSTALL}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = said[-1] if said else f"exit status {done.returncode}"
        raise DrawingFailed(f"Graphviz could not draw the graph: {why}")
    return done.stdout
