"""Renderers: one module per format, each returning text for the CLI to emit."""
