"""Entry point for ``python -m briefing``."""

from briefing.cli import main

main()
