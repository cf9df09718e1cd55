"""Entry point for ``python -m briefing``."""

from briefing.launch import main

main()
