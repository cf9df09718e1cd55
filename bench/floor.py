"""The parsing floor: load every fact file with libyaml and do nothing else.

    python bench/floor.py DIR

No checking, no model objects, no output: the least any YAML-reading tool must spend.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import yaml


def main() -> None:
    """Parse every ``*.yaml`` under the folder given, in sorted order."""
    gc.freeze()
    gc.disable()
    for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
        with path.open("rb") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main()
