"""A JSON Schema of the fact-base format, derived from ``briefing.spec``; pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from briefing import spec
from briefing.settings import DEFAULT, Settings

SCHEMA_ID = "https://briefing.invalid/schema/fact-base.json"

_DATE_TEXT = {
    "type": "string",
    "description": "2022-11-29, 2022-11, 2022, 29 November 2022, late February 2022, "
    "spring 2022, 2019/2022, after 2019, before 2022-11, circa 2019, 2019?, ...",
}
_SINGLE_DATE: dict[str, Any] = {"anyOf": [_DATE_TEXT, {"type": "integer"}]}
_DATE: dict[str, Any] = {
    "anyOf": [
        _DATE_TEXT,
        {"type": "integer", "minimum": 1, "maximum": 9999},
        {
            "type": "object",
            "properties": {
                "from": _SINGLE_DATE,
                "until": _SINGLE_DATE,
                "on": _SINGLE_DATE,
                "after": {"type": "string", "description": "the id of the dated fact it follows"},
                "before": {"type": "string", "description": "the id of the dated fact it precedes"},
                "offset": {
                    "type": "string",
                    "pattern": r"^\s*\d{1,5}\s*(day|week|month|year)s?\s*$",
                    "description": "how long after (before) that fact: 1 day, 2 weeks, 3 months",
                },
                "text": {"type": "string", "description": "the date as the source words it"},
            },
            "additionalProperties": False,
        },
    ]
}
_TEXT = {"type": "string", "minLength": 1}
_ID = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]*$"}
_IDS = {"anyOf": [_ID, {"type": "array", "items": _ID}]}


def _field_schema(f: spec.Field, extended: Mapping[int, tuple[str, ...]]) -> dict[str, Any]:
    kind, _, target = f.kind.partition(":")
    if kind in ("id", "ref", "fact", "judge"):
        schema: dict[str, Any] = dict(_ID)
    elif kind in ("refs", "facts"):
        schema = dict(_IDS)
    elif kind == "texts":
        schema = {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]}
    elif kind == "choice":
        choices = extended.get(id(f), f.choices)
        # A grade written as a number (credibility: 2) is read as its digits.
        numbers = [int(c) for c in choices if c.isdigit()]
        schema = {"enum": [*choices, *spec.SYNONYMS.get(f.choices, ()), *numbers]}
    elif kind == "date":
        schema = dict(_DATE)
    elif kind == "flag":
        schema = {"type": "boolean"}
    elif kind == "url":
        schema = {"type": "string", "format": "uri", "pattern": "^https?://"}
    elif kind == "days":
        schema = {"type": "integer", "minimum": 1, "maximum": spec.MAX_WINDOW_DAYS}
    elif kind == "choices":
        choice = {"enum": list(f.choices)}
        schema = {"anyOf": [choice, {"type": "array", "items": choice}]}
    elif kind == "cited":
        schema = {"type": "array", "items": _object(spec.CITATION, extended)}
    elif kind == "citations":
        schema = {"type": "array", "minItems": 1, "items": _object(spec.CITATION, extended)}
    elif kind == "list":
        schema = {"type": "array", "items": _object(spec.NESTED[target], extended)}
    elif kind == "place":
        place = _object(spec.PLACE, extended, extensible=False)
        place["dependentRequired"] = {"lat": ["lon"], "lon": ["lat"]}
        schema = {"anyOf": [dict(_TEXT), place]}
    elif kind == "country":
        schema = {"enum": sorted(spec.COUNTRIES)}
    elif kind == "value":
        schema = {"type": ["string", "number"]}
    elif kind in ("latitude", "longitude"):
        limit = 90 if kind == "latitude" else 180
        schema = {"type": "number", "minimum": -limit, "maximum": limit}
    else:
        schema = dict(_TEXT)
    if f.doc:
        schema["description"] = f.doc
    return schema


def _object(
    fields: tuple[spec.Field, ...],
    extended: Mapping[int, tuple[str, ...]],
    extensible: bool = True,
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _field_schema(f, extended) for f in fields},
        "required": [f.name for f in fields if f.required],
    }
    if extensible:
        # Fields of the curator's own: any value, never checked.
        schema["patternProperties"] = {f"^{spec.EXTENSION_PREFIX}": {}}
    schema["additionalProperties"] = False
    return schema


# A judgment stated in a source needs its citations; the curator's own may rest on facts
# instead, and must then name them.
_JUDGMENT_BASIS = [
    {
        "if": {"properties": {"by": {"not": {"const": "curator"}}}},
        "then": {"required": ["sources"], "properties": {"sources": {"minItems": 1}}},
    },
    {
        "if": {
            "properties": {"by": {"const": "curator"}},
            "not": {"required": ["sources"]},
        },
        "then": {"required": ["rests_on"]},
    },
]


def json_schema(settings: Settings = DEFAULT) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one fact file, with the stances, relation types
    and actor kinds a fact base's ``settings`` add to the format's own."""
    extended = settings.choices()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "briefing fact file",
        "description": "One YAML file of a briefing fact base: a mapping of collections.",
        "type": "object",
        "properties": {
            name: {
                "description": spec.COLLECTION_DOCS[name],
                "type": ["array", "null"],
                "items": _object(fields, extended)
                | ({"allOf": _JUDGMENT_BASIS} if name == "judgments" else {}),
            }
            for name, fields in spec.COLLECTION_FIELDS.items()
        },
        "additionalProperties": False,
    }
