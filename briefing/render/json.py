"""JSON output: stable key order, UTF-8 text, ISO dates."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any) -> str:
    """Indented JSON ending in a newline; keys keep the order the view built them in."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
