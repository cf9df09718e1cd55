"""Every check a curator needs: build the model from parsed files, listing problems by file:line."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from briefing import spec
from briefing.dates import DateError, parse_date, parse_period
from briefing.errors import Problem
from briefing.loader import LList, LMap, RawFile
from briefing.model import (
    Actor,
    Attribute,
    Brief,
    Citation,
    Event,
    FactBase,
    Judgment,
    Origin,
    Point,
    Position,
    Relation,
    Role,
    Source,
    Topic,
)
from briefing.suggest import did_you_mean

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
MAX_QUOTE_WORDS = 40
_SINGULAR = {
    "sources": "source",
    "topics": "topic",
    "actors": "actor",
    "events": "event",
    "positions": "position",
    "relations": "relation",
    "judgments": "judgment",
    "briefs": "brief",
    "points": "point",
    "roles": "role",
    "attributes": "attribute",
}
_BAD = object()


@dataclass(frozen=True)
class _Ref:
    """A reference to check once every id is known."""

    target: str  # a collection name, "facts" or "judge"
    value: str
    field: str
    origin: Origin


def build(
    raws: list[RawFile], location: str, files: tuple[str, ...] = ()
) -> tuple[FactBase, list[Problem]]:
    """Build a FactBase from parsed files; return it with every problem found."""
    checker = _Checker()
    for raw in raws:
        checker.problems.extend(raw.problems)
        if raw.data is not None:
            checker.read_file(raw.path, raw.data)
    checker.check_references()
    collections: dict[str, Any] = {k: tuple(v) for k, v in checker.collections.items()}
    facts = FactBase(location=location, files=files, **collections)
    return facts, sorted(set(checker.problems))


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.collections: dict[str, list[Any]] = {name: [] for name in spec.COLLECTION_FIELDS}
        self.ids: dict[str, tuple[str, Origin]] = {}
        self.brief_ids: dict[str, tuple[str, Origin]] = {}
        self.refs: list[_Ref] = []

    def problem(self, origin: Origin, message: str) -> None:
        self.problems.append(Problem(origin.path, origin.line, 0, message))

    # -- reading ---------------------------------------------------------------------------

    def read_file(self, path: str, data: LMap) -> None:
        for name, value in data.items():
            origin = Origin(path, data.key_lines[name])
            if name not in spec.COLLECTION_FIELDS:
                known = ", ".join(spec.COLLECTION_FIELDS)
                hint = did_you_mean(name, spec.COLLECTION_FIELDS) or f"; collections are {known}"
                self.problem(origin, f"unknown collection `{name}`{hint}")
                continue
            if value is None:
                continue
            if not isinstance(value, LList):
                self.problem(origin, f"`{name}` must be a list of items, each starting with `- `")
                continue
            for item, line in zip(value, value.item_lines, strict=True):
                self.read_item(name, item, Origin(path, line))

    def read_item(self, collection: str, item: Any, origin: Origin) -> None:
        what = _SINGULAR[collection]
        if not isinstance(item, LMap):
            self.problem(origin, f"each {what} must be a mapping of fields such as `id:`")
            return
        values = self.fields(item, spec.COLLECTION_FIELDS[collection], what, origin)
        if values is None:
            return
        self.item_checks(what, values, origin)
        self.collections[collection].append(_make(_CLASSES[collection], values, origin))

    def fields(
        self, item: LMap, fields: tuple[spec.Field, ...], what: str, origin: Origin
    ) -> dict[str, Any] | None:
        """Convert each field of one item; None when a required field is unusable."""
        by_name = {f.name: f for f in fields}
        ident = item.get("id")
        label = f"{what} `{ident}`" if isinstance(ident, str | int) and "id" in by_name else what
        for key in item:
            if key not in by_name:
                at = Origin(origin.path, item.key_lines[key])
                self.problem(at, f"unknown field `{key}` in {label}{did_you_mean(key, by_name)}")
        values: dict[str, Any] = {}
        complete = True
        for f in fields:
            at = Origin(origin.path, item.key_lines.get(f.name, origin.line))
            if f.name not in item or item[f.name] is None:
                if f.required:
                    complete = False
                    hint = (
                        ": add `sources: [{source: ..., quote: ...}]`"
                        if f.kind == "citations"
                        else ""
                    )
                    self.problem(at, f"{label} is missing `{f.name}`{hint}")
                continue
            value = self.convert(f, item[f.name], at, label)
            if value is _BAD:
                complete = complete and not f.required
                continue
            values[f.name] = value
        if "from" in by_name:
            period = self.period(values, item, origin, label)
            complete = complete and period is not _BAD
            values["period"] = None if period is _BAD else period
        if "id" in values:
            self.register(values["id"], what, Origin(origin.path, item.key_lines["id"]))
        return values if complete else None

    def convert(self, f: spec.Field, value: Any, at: Origin, label: str) -> Any:
        kind, _, target = f.kind.partition(":")
        name = f"`{f.name}` of {label}"
        if kind in ("id", "ref", "fact", "judge"):
            text = self.text(value, name, at)
            if text is _BAD:
                return _BAD
            if kind == "id" and not ID_PATTERN.match(text):
                self.problem(
                    at,
                    f"id `{text}` may hold only ASCII letters, digits, '.', '_' and '-' "
                    "(start with a letter or digit)",
                )
                return _BAD
            if kind != "id":
                self.refs.append(
                    _Ref(target or ("facts" if kind == "fact" else kind), text, f.name, at)
                )
            return text
        if kind in ("refs", "facts", "texts"):
            items = value if isinstance(value, list) else [value]
            lines = value.item_lines if isinstance(value, LList) else [at.line] * len(items)
            out = []
            for entry, line in zip(items, lines, strict=True):
                text = self.text(entry, name, Origin(at.path, line))
                if text is _BAD:
                    continue
                if kind != "texts":
                    self.refs.append(_Ref(target or "facts", text, f.name, Origin(at.path, line)))
                out.append(text)
            return tuple(out)
        if kind == "text":
            return self.text(value, name, at)
        if kind == "days":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                self.problem(at, f"{name} must be a whole number of days, at least 1")
                return _BAD
            return value
        if kind == "choices":
            items = value if isinstance(value, list) else [value]
            chosen = []
            for entry in items:
                one = self.convert(dataclasses.replace(f, kind="choice"), entry, at, label)
                if one is not _BAD:
                    chosen.append(one)
            return tuple(chosen)
        if kind == "cited":
            return () if value == [] else self.citations(value, at, label)
        if kind == "flag":
            if not isinstance(value, bool):
                self.problem(at, f"{name} must be true or false, not {_type_name(value)}")
                return _BAD
            return value
        if kind == "url":
            text = self.text(value, name, at)
            if text is not _BAD and not re.match(r"https?://\S+\Z", text):
                self.problem(at, f"{name} is not a web address (it should start with https://)")
                return _BAD
            return text
        if kind == "choice":
            text = self.text(value, name, at)
            if text is _BAD:
                return _BAD
            if text not in f.choices:
                hint = did_you_mean(text, f.choices)
                choices = ", ".join(f.choices)
                self.problem(at, f"unknown {f.name} `{text}`{hint} (one of: {choices})")
                return _BAD
            return text
        if kind == "date":
            try:
                return parse_date(value)
            except DateError as exc:
                self.problem(at, f"{name}: {exc}")
                return _BAD
        if kind == "citations":
            return self.citations(value, at, label)
        if kind == "list":
            return self.nested(target, value, at, label)
        raise AssertionError(f"unknown field kind {f.kind}")

    def text(self, value: Any, name: str, at: Origin) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(at, f"{name} must be text, not {_type_name(value)}")
            return _BAD
        text = str(value).strip()
        if not text:
            self.problem(at, f"{name} is empty")
            return _BAD
        return text

    def citations(self, value: Any, at: Origin, label: str) -> Any:
        if not isinstance(value, LList):
            self.problem(at, f"`sources` of {label} must be a list of {{source, quote}} entries")
            return _BAD
        if not value:
            self.problem(at, f"{label} has no citation: add `{{source: ..., quote: ...}}`")
            return _BAD
        out = []
        for entry, line in zip(value, value.item_lines, strict=True):
            origin = Origin(at.path, line)
            if not isinstance(entry, LMap):
                self.problem(origin, f"a citation of {label} must be a mapping {{source, quote}}")
                continue
            fields = self.fields(entry, spec.CITATION, f"citation of {label}", origin)
            if fields is None:
                continue
            quote_origin = Origin(at.path, entry.key_lines["quote"])
            words = len(fields["quote"].split())
            if words > MAX_QUOTE_WORDS:
                self.problem(
                    quote_origin,
                    f"quote is {words} words long; keep quotes short "
                    f"(at most {MAX_QUOTE_WORDS} words) and cite twice if needed",
                )
            out.append(
                Citation(fields["source"], fields["quote"], quote_origin, fields.get("note", ""))
            )
        return tuple(out) if out else _BAD

    def nested(self, what: str, value: Any, at: Origin, label: str) -> Any:
        if not isinstance(value, LList):
            self.problem(at, f"`{what}` of {label} must be a list")
            return _BAD
        out: list[Role | Attribute | Point] = []
        for entry, line in zip(value, value.item_lines, strict=True):
            origin = Origin(at.path, line)
            singular = _SINGULAR[what]
            if not isinstance(entry, LMap):
                self.problem(origin, f"each {singular} of {label} must be a mapping")
                continue
            fields = self.fields(entry, spec.NESTED[what], f"{singular} of {label}", origin)
            if fields is None:
                continue
            self.item_checks(singular, fields, origin)
            out.append(_make(_CLASSES[what], fields, origin))
        return tuple(out)

    def period(self, fields: dict[str, Any], item: LMap, origin: Origin, label: str) -> Any:
        """Combine raw `from`/`until` fields into one date range."""
        start, until = item.get("from"), item.get("until")
        if ("from" not in fields and start is not None) or (
            "until" not in fields and until is not None
        ):
            return _BAD  # already reported as an unreadable date
        try:
            return parse_period(start, until)
        except DateError as exc:
            at = Origin(origin.path, item.key_lines.get("from", origin.line))
            self.problem(at, f"`from`/`until` of {label}: {exc}")
            return _BAD

    def register(self, ident: str, what: str, origin: Origin) -> None:
        # Briefs are not facts: their names live apart from fact ids.
        ids = self.brief_ids if what == "brief" else self.ids
        if ident in ids:
            first_what, first = ids[ident]
            self.problem(
                origin, f"duplicate id `{ident}` (already used by {first_what} at {first})"
            )
        else:
            ids[ident] = (what, origin)

    # -- checks that span fields of one item -------------------------------------------------

    def item_checks(self, what: str, v: dict[str, Any], origin: Origin) -> None:
        if what == "source" and "author" in v:
            if v.get("authors"):
                self.problem(
                    origin, f"source `{v['id']}` has both `author` and `authors`; keep one"
                )
            v["authors"] = (v.pop("author"),)
        elif what == "relation" and v["subject"] == v["object"]:
            self.problem(origin, f"relation `{v['id']}` links `{v['subject']}` to itself")
        elif what == "judgment" and v["id"] in v.get("rests_on", ()):
            self.problem(origin, f"judgment `{v['id']}` rests on itself")
        elif what == "point" and v.get("by") == "author" and not v.get("sources"):
            self.problem(origin, "a point `by: author` needs `sources` citing that author")

    # -- cross references ------------------------------------------------------------------

    def check_references(self) -> None:
        known = {name: {f.id for f in items} for name, items in self.collections.items()}
        facts = set(self.ids) - known["sources"] - known["topics"]
        names = _name_index(self.collections["actors"]) | _name_index(self.collections["topics"])
        sources_by_id = {s.id: s for s in self.collections["sources"]}
        for ref in self.refs:
            if ref.target == "judge":
                if ref.value in spec.JUDGES or ref.value in known["actors"]:
                    continue
                hint = did_you_mean(ref.value, [*spec.JUDGES, *known["actors"]])
                self.problem(
                    ref.origin,
                    f"unknown judge `{ref.value}` in `by`{hint} "
                    "(use author, curator or an actor id)",
                )
                continue
            pool = facts if ref.target == "facts" else known[ref.target]
            if ref.value in pool:
                continue
            what = "fact" if ref.target == "facts" else _SINGULAR[ref.target]
            by_name = names.get(_fold(ref.value))
            if by_name and by_name in pool:
                hint = f"; did you mean `{by_name}`?"
            else:
                hint = did_you_mean(ref.value, pool)
            self.problem(ref.origin, f"unknown {what} `{ref.value}` in `{ref.field}`{hint}")
        defaults = [b for b in self.collections["briefs"] if b.default]
        for extra in defaults[1:]:
            self.problem(
                extra.origin,
                f"brief `{extra.id}` is marked default, but so is `{defaults[0].id}`; "
                "mark only one",
            )
        for judgment in self.collections["judgments"]:
            if judgment.by != "author":
                continue
            if not any(sources_by_id.get(c.source, _NO_SOURCE).authors for c in judgment.sources):
                self.problem(
                    judgment.origin,
                    f"judgment `{judgment.id}` is by `author`, but none of its cited "
                    "sources names an author",
                )


_NO_SOURCE = Source("", "", Origin("", 0))
_CLASSES: dict[str, type[Any]] = {
    "sources": Source,
    "topics": Topic,
    "actors": Actor,
    "events": Event,
    "positions": Position,
    "relations": Relation,
    "judgments": Judgment,
    "roles": Role,
    "attributes": Attribute,
    "briefs": Brief,
    "points": Point,
}


def _make(cls: type[Any], values: dict[str, Any], origin: Origin) -> Any:
    """Build a model object from checked field values; fields it lacks keep their defaults."""
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(origin=origin, **{k: v for k, v in values.items() if k in names})


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _name_index(items: list[Any]) -> dict[str, str]:
    """Map each folded name and alias to its id, for 'did you mean' on names."""
    index: dict[str, str] = {}
    for item in items:
        for name in (item.name, *item.aliases):
            index.setdefault(_fold(name), item.id)
    return index


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"yes/no ({value})"
    return type(value).__name__
