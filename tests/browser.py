"""The real renderers the picture and HTML tests use: headless Chromium (through Playwright),
Graphviz's `dot`, and the JavaScript renderers `tools/fetch_js.sh` keeps in .cache/js.

Each is skipped where it is missing, except under CI, which installs them all and sets
BRIEFING_REQUIRE_BROWSER: there a missing one fails the tests instead of hiding them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).parent.parent
JS = REPO / ".cache" / "js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOT = shutil.which("dot")
REQUIRED = bool(os.environ.get("BRIEFING_REQUIRE_BROWSER"))

# A closed network: Chromium's own background requests would be refused, many at a time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def _mark(missing: bool, what: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        missing and not REQUIRED,
        reason=f"{what} is not installed (CI installs it and sets BRIEFING_REQUIRE_BROWSER)",
    )


needs_chromium = _mark(CHROMIUM is None or not _playwright(), "chromium (or playwright)")
needs_graphviz = _mark(DOT is None, "graphviz")


def js_asset(relative: str) -> Path:
    """A file fetched by tools/fetch_js.sh; skips the test where it is missing (fails under CI)."""
    path = JS / relative
    if not path.is_file():
        if REQUIRED:
            pytest.fail(f"{path} is missing: run tools/fetch_js.sh")
        pytest.skip(f"{path} is missing: run tools/fetch_js.sh")
    return path


@contextmanager
def chromium_page(width: int = 1280, height: int = 800) -> Iterator[Any]:
    """A fresh headless Chromium page at ``width`` pixels; closed afterwards."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()
