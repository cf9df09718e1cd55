"""Test suite for briefing."""
