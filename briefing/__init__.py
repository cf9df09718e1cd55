"""briefing: sourced YAML fact bases in, trustworthy briefings out."""

__version__ = "0.1.0"
