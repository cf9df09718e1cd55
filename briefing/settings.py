"""A fact base's settings file (`settings.yaml` at its top): how to read numeric dates, and
the stances, relation types and actor kinds it adds to the format's own; pure but for reading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefing import spec
from briefing.errors import Problem
from briefing.parse import LMap, read_file
from briefing.suggest import did_you_mean

SETTINGS_FILES = ("settings.yaml", "settings.yml")
NUMERIC_DATES = ("month-first", "day-first")
# Each vocabulary a fact base may extend: its key in the file, its words in messages, and the
# format's own terms (which it may not redefine).
VOCABULARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "stances": ("stance", spec.STANCES),
    "relation_types": ("relation type", spec.RELATION_TYPES),
    "actor_kinds": ("actor kind", spec.ACTOR_KINDS),
}
# The fields of a fact file whose choices each vocabulary extends.
_EXTENDS = {
    "stances": (("positions", "stance"),),
    "relation_types": (("relations", "type"), ("briefs", "relations")),
    "actor_kinds": (("actors", "kind"),),
}
_TERM = re.compile(r"[a-z0-9]+(?:[ -][a-z0-9]+)*\Z")
MAX_TERM = 40
_NOT_A_MAPPING = "a settings file is a mapping of settings such as `stances:` and `dates:`"


@dataclass(frozen=True)
class Settings:
    """What a settings file says; the defaults are those of a fact base without one."""

    numeric_dates: str | None = None  # "month-first", "day-first" or None (refused)
    stances: Mapping[str, str] = field(default_factory=dict)  # extra term -> definition
    relation_types: Mapping[str, str] = field(default_factory=dict)
    actor_kinds: Mapping[str, str] = field(default_factory=dict)

    def key(self) -> str:
        """What changes how facts are read, as text: part of every cache entry's key, and
        compared whole (no digest that could collide; and hashlib costs start-up 5 ms)."""
        return repr(
            (
                self.numeric_dates,
                sorted(self.stances.items()),
                sorted(self.relation_types.items()),
                sorted(self.actor_kinds.items()),
            )
        )

    def choices(self) -> dict[int, tuple[str, ...]]:
        """The choices of each field this fact base extends, by the ``id`` of its spec field:
        the format's own terms, then the added ones (checking and the schema read them)."""
        out: dict[int, tuple[str, ...]] = {}
        for key, fields in _EXTENDS.items():
            extra: Mapping[str, str] = getattr(self, key)
            for collection, name in fields if extra else ():
                f = next(f for f in spec.COLLECTION_FIELDS[collection] if f.name == name)
                out[id(f)] = (*f.choices, *extra)
        return out


DEFAULT = Settings()


def settings_file(root: Path) -> Path | None:
    """The settings file at the top of fact-base folder ``root``, or beside fact file
    ``root`` (so an export checked next to its settings reads as the fact base did)."""
    if not root.is_dir():
        root = root.parent
    for name in SETTINGS_FILES:
        candidate = root / name
        if candidate.is_file():
            return candidate
    return None


def load_settings(root: Path) -> tuple[Settings, list[Problem]]:
    """The settings of the fact base at ``root`` (defaults when it has no settings file), and
    every problem in the file by path:line; a bad entry is left out, never half-read."""
    path = settings_file(root)
    if path is None:
        return DEFAULT, []
    raw = read_file(path)
    if raw.problems or raw.data is None:
        # The parser words a file that is not a mapping for fact files; say it for settings.
        return DEFAULT, [
            replace(p, message=_NOT_A_MAPPING) if p.message.startswith("the file holds") else p
            for p in raw.problems
        ]
    return read_settings(raw.path, raw.data)


def read_settings(shown: str, data: LMap) -> tuple[Settings, list[Problem]]:
    """Settings from a parsed settings file (``shown`` is its path as the user sees it)."""
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(shown, line, 0, message))

    numeric: str | None = None
    vocabularies: dict[str, dict[str, str]] = {}
    known = ["dates", *VOCABULARIES]
    for key, value in data.items():
        line = data.key_lines[key]
        if key == "dates":
            numeric = _numeric(value, line, problem)
        elif key in VOCABULARIES:
            vocabularies[key] = _vocabulary(key, value, line, problem)
        else:
            hint = did_you_mean(key, known) or f"; settings are {', '.join(known)}"
            problem(line, f"unknown setting `{key}`{hint}")
    return Settings(numeric, **vocabularies), problems


def _numeric(value: Any, line: int, problem: Any) -> str | None:
    if not isinstance(value, LMap):
        problem(line, "`dates` must be a mapping such as `{numeric: day-first}`")
        return None
    numeric: str | None = None
    for key, item in value.items():
        at = value.key_lines[key]
        if key != "numeric":
            problem(at, f"unknown date setting `{key}`{did_you_mean(key, ['numeric'])}")
        elif item not in NUMERIC_DATES:
            choices = " or ".join(NUMERIC_DATES)
            given = f" is `{item}`, but" if isinstance(item, str | int | float) else ""
            problem(at, f"`numeric`{given} must be {choices}")
        else:
            numeric = item
    return numeric


def _vocabulary(key: str, value: Any, line: int, problem: Any) -> dict[str, str]:
    what, builtin = VOCABULARIES[key]
    if value is None:
        return {}
    if not isinstance(value, LMap):
        problem(line, f"`{key}` must map each new {what} to a one-line definition")
        return {}
    terms: dict[str, str] = {}
    for term, definition in value.items():
        at = value.key_lines[term]
        if term in builtin:
            problem(at, f"`{term}` is already a {what}; list only new ones")
        elif len(term) > MAX_TERM or not _TERM.match(term):
            problem(
                at,
                f"{what} `{term}` must be lower-case letters and digits, words joined by "
                f"spaces or '-' (at most {MAX_TERM} characters)",
            )
        elif not isinstance(definition, str) or not definition.strip():
            problem(at, f"{what} `{term}` needs a one-line definition as its value")
        elif "\n" in definition.strip():
            problem(at, f"the definition of {what} `{term}` must be one line")
        else:
            terms[term] = definition.strip()
    return terms


def is_settings_file(path: Path, root: Path) -> bool:
    """True for the settings file of fact-base folder ``root``: not a fact file."""
    return path.parent == root and path.name in SETTINGS_FILES
