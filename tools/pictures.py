"""Make the README's pictures from the bundled fact base (`make pictures`): the relations
graph (Graphviz), the timeline chart, the HTML brief and the TimelineJS timeline, each a PNG
in docs/pictures, drawn by Graphviz or photographed in headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.browser import CHROMIUM_ARGS  # noqa: E402  (the tests' Chromium, offline)

OUT = REPO / "docs" / "pictures"
BRIEFING = [sys.executable, "-m", "briefing"]


def briefing(*args: str) -> bytes:
    """What `briefing ARGS` writes, run on the bundled fact base with a cache of its own."""
    env = {**os.environ, "BRIEFING_CACHE_DIR": tempfile.mkdtemp(prefix="pictures-cache-")}
    env.pop("BRIEFING_FACTS", None)
    done = subprocess.run([*BRIEFING, *args], capture_output=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"pictures: `briefing {' '.join(args)}` failed: {done.stderr.decode().strip()}")
    return done.stdout


def photograph(page_html: Path, out: Path, width: int, height: int | None = None) -> None:
    """A PNG of ``page_html`` as headless Chromium shows it, ``width`` pixels wide (and
    ``height`` high, else its first SVG picture whole)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("pictures: Chromium is needed (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height or 800})
        page.goto(page_html.as_uri())
        page.wait_for_timeout(500)
        if height is None:
            page.locator("svg").first.screenshot(path=str(out))
        else:
            page.screenshot(path=str(out))
        browser.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pictures-"))
    (OUT / "graph.png").write_bytes(briefing("graph", "-f", "png"))
    chart = work / "timeline.html"
    svg = briefing("timeline", "-f", "svg").decode()
    chart.write_text(f"<!doctype html><body style='margin:0'>{svg}</body>", encoding="utf-8")
    photograph(chart, OUT / "timeline.png", 1200)
    brief = work / "brief.html"
    brief.write_bytes(briefing("brief", "-f", "html"))
    photograph(brief, OUT / "brief.png", 1100, 1500)
    timelinejs = REPO / ".cache" / "js" / "timelinejs"
    if not timelinejs.is_dir():
        sys.exit("pictures: run tools/fetch_js.sh first (TimelineJS)")
    data = briefing("timeline", "--topic", "gas-union", "-f", "timelinejs").decode()
    data = data.replace("</", "<\\/")  # inside <script>, no text may close it
    page = work / "timelinejs.html"
    page.write_text(
        "<!doctype html><html><head><meta charset=utf-8>"
        f'<link rel=stylesheet href="{(timelinejs / "css" / "timeline.css").as_uri()}">'
        f'<script src="{(timelinejs / "js" / "timeline.js").as_uri()}"></script></head>'
        '<body style="margin:0"><div id=tl style="width:1100px;height:600px"></div>'
        f"<script>new TL.Timeline('tl', {data}, {{font: null, start_at_slide: 1}});"
        "</script></body></html>",
        encoding="utf-8",
    )
    photograph(page, OUT / "timelinejs.png", 1100, 600)
    for png in sorted(OUT.glob("*.png")):
        print(f"wrote {png.relative_to(REPO)}")


if __name__ == "__main__":
    main()
