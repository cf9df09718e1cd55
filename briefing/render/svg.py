"""A timeline chart as one self-contained SVG picture (no script, no font or link to fetch):
the layout of :mod:`briefing.chart` drawn, every text XML-escaped, each event's full title
and date in a tooltip (``<title>``)."""

from __future__ import annotations

from html import escape

from briefing.chart import Chart, Lane, Mark, left_out
from briefing.render import clean
from briefing.render.mermaid import FILLS
from briefing.views import date_text

FONT_SIZE = 11
# Text is set in a monospaced face, so its width is known here: DejaVu Sans Mono advances
# 0.602 em per character; a little more keeps a margin for other monospaced faces.
CHAR = 0.62 * FONT_SIZE
FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace"
NAMES = 170  # the lane names' column, in pixels
MARGIN = 12
ROW = 16  # one label row
BAR = 10
GAP = 2 * CHAR
COLOURS = tuple(c for c in FILLS.values() if c != "#ffffff")


def measure(text: str) -> float:
    return len(text) * CHAR


def _x(text: str) -> str:
    return escape(clean(text), quote=True)


def room(width: int) -> float:
    """The axis length, in pixels, of a chart ``width`` pixels wide."""
    return width - NAMES - 2 * MARGIN


def _fade(lane: int, mark: Mark) -> str:
    if mark.fade_start or mark.fade_end:
        return f"url(#fade-{lane % len(COLOURS)}-{int(mark.fade_start)}{int(mark.fade_end)})"
    return COLOURS[lane % len(COLOURS)]


def _gradients() -> list[str]:
    """One gradient per colour and shaded end: the colour fading out toward a vague end."""
    out = ["<defs>"]
    for n, colour in enumerate(COLOURS):
        for start in (0, 1):
            for end in (0, 1):
                if not (start or end):
                    continue
                stops = [(0, 0.15 if start else 1), (0.3, 1), (0.7, 1), (1, 0.15 if end else 1)]
                out.append(
                    f'<linearGradient id="fade-{n}-{start}{end}" x1="0" x2="1" y1="0" y2="0">'
                    + "".join(
                        f'<stop offset="{at}" stop-color="{colour}" stop-opacity="{opacity}"/>'
                        for at, opacity in stops
                    )
                    + "</linearGradient>"
                )
    out.append("</defs>")
    return out


def _lane(out: list[str], n: int, lane: Lane, top: float, axis: float) -> float:
    """Draw ``lane`` from ``top``; the height it took."""
    height = BAR + 8 + lane.tiers * ROW + 8
    if n % 2:
        out.append(
            f'<rect x="0" y="{top:.1f}" width="{NAMES + 2 * MARGIN + axis:.1f}" '
            f'height="{height:.1f}" fill="#f6f6f6"/>'
        )
    name = lane.name if measure(lane.name) <= NAMES - 8 else _cut(lane.name, NAMES - 8)
    out.append(
        f'<text x="{MARGIN}" y="{top + 4 + BAR:.1f}" font-weight="bold">'
        f"<title>{_x(lane.name)}</title>{_x(name)}</text>"
    )
    bar_y = top + 6
    for mark in lane.marks:
        x0 = NAMES + MARGIN + mark.start * axis
        tip = f"{mark.event.title} ({date_text(mark.event.date)})"
        out.append(f"<g><title>{_x(tip)}</title>")
        fill = _fade(n, mark)
        if mark.point:
            dash = ' stroke-dasharray="2 2"' if mark.fade_start else ""
            out.append(
                f'<circle cx="{x0:.1f}" cy="{bar_y + BAR / 2:.1f}" r="{BAR / 2}" '
                f'fill="{COLOURS[n % len(COLOURS)]}" stroke="#333333"{dash}/>'
            )
        else:
            w = max((mark.end - mark.start) * axis, 2)
            out.append(
                f'<rect x="{x0:.1f}" y="{bar_y:.1f}" width="{w:.1f}" height="{BAR}" '
                f'rx="2" fill="{fill}"/>'
            )
        if mark.tier is not None:
            y = bar_y + BAR + 4 + (mark.tier + 1) * ROW - 4
            at = NAMES + MARGIN + mark.label_at * axis
            out.append(f'<text x="{at:.1f}" y="{y:.1f}">{_x(mark.label)}</text>')
        out.append("</g>")
    return height


def _cut(text: str, width: float) -> str:
    keep = max(int(width / CHAR) - 1, 1)
    return text[:keep].rstrip() + "…"


def chart(layout: Chart, width: int, title: str) -> str:
    """The chart ``layout`` (laid out for :func:`room` of ``width``) as an SVG document."""
    axis = room(width)
    body: list[str] = [f'<text x="{MARGIN}" y="18" font-weight="bold">{_x(title)}</text>']
    top = 28.0
    for n, lane in enumerate(layout.lanes):
        top += _lane(body, n, lane, top, axis)
    left, right = NAMES + MARGIN, NAMES + MARGIN + axis
    body.append(
        f'<line x1="{left}" y1="{top:.1f}" x2="{right:.1f}" y2="{top:.1f}" stroke="#333333"/>'
    )
    last_end = float("-inf")
    for tick in layout.ticks:
        x = left + tick.at * axis
        body.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + 5:.1f}" stroke="#333333"/>'
        )
        if x >= last_end + CHAR and x + measure(tick.label) <= right + MARGIN:
            body.append(f'<text x="{x:.1f}" y="{top + 18:.1f}">{_x(tick.label)}</text>')
            last_end = x + measure(tick.label)
    top += 32
    notes = left_out(layout)
    notes.append("faded ends: approximate, uncertain or open dates; full titles are tooltips")
    for note in notes:
        body.append(f'<text x="{MARGIN}" y="{top + 4:.1f}" fill="#555555">{_x(note)}.</text>')
        top += ROW
    height = top
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" font-family="{FONT}" font-size="{FONT_SIZE}" '
        'role="img">'
    )
    return "\n".join([head, f"<title>{_x(title)}</title>", *_gradients(), *body, "</svg>"]) + "\n"
