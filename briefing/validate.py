"""Every check a curator needs: build the model from parsed files, listing problems by file:line."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

from briefing import spec
from briefing.errors import WARNING, Problem, in_order
from briefing.model import (
    CLASSES,
    Attribute,
    Citation,
    Contest,
    Event,
    FactBase,
    FileFacts,
    FuzzyDate,
    LeftOut,
    Origin,
    Place,
    Point,
    Ref,
    Role,
    Source,
    made_title,
    make,
)
from briefing.parse import MAP_TAG, SEQ_TAG, STR_TAG, TAG, LList, LMap, Nodes, RawFile
from briefing.settings import DEFAULT, Settings
from briefing.suggest import did_you_mean

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
ID_LIKE = re.compile(r"\S+\Z")
MAX_QUOTE_WORDS = 40
MAX_DAYS = spec.MAX_WINDOW_DAYS
_SINGULAR: dict[str, str] = {
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
    "contested": "disagreement",
}
_PLURAL = {singular: plural for plural, singular in _SINGULAR.items()}
_BAD = object()


class _Label:
    """What an item is called in messages ("event `e1`"), formatted only when needed."""

    __slots__ = ("ident", "what")

    def __init__(self, what: str, ident: object) -> None:
        self.what = what
        self.ident = ident

    def __format__(self, spec: str) -> str:
        return f"{self.what} `{self.ident}`" if self.ident is not None else str(self.what)


class _Of:
    """'citation of event `e1`', formatted only when a message needs it."""

    __slots__ = ("label", "prefix")

    def __init__(self, prefix: str, label: object) -> None:
        self.prefix = prefix
        self.label = label

    def __str__(self) -> str:
        return f"{self.prefix} {self.label}"

    __format__ = lambda self, spec: str(self)  # noqa: E731


class _Kind(NamedTuple):
    """A field's kind split once: 'refs:actors' -> ('refs', 'actors'), with its converter."""

    field: spec.Field
    kind: str
    target: str
    convert: Callable[[_Checker, _Kind, Any, Origin, Any], Any]


_KINDS: dict[int, tuple[dict[str, spec.Field], list[_Kind]]] = {}


def _kinds(fields: tuple[spec.Field, ...]) -> tuple[dict[str, spec.Field], list[_Kind]]:
    known = _KINDS.get(id(fields))
    if known is None:
        split = []
        for f in fields:
            kind, _, target = f.kind.partition(":")
            split.append(_Kind(f, kind, target, _CONVERTERS[kind]))
        known = _KINDS[id(fields)] = ({f.name: f for f in fields}, split)
    return known


def check_file(raw: RawFile, source: Path, settings: Settings = DEFAULT) -> FileFacts:
    """Every check that needs only this file; cross-file checks wait for `combine`.

    ``settings`` (the fact base's settings file) add stances, relation types and actor kinds."""
    checker = _Checker(settings)
    if raw.data is not None:
        checker.read_file(raw.path, raw.data)
    # After reading: building items on demand may have added problems of its own.
    checker.problems.extend(raw.problems)
    refs: dict[str, dict[str, None]] = {}
    for ref in checker.refs:
        refs.setdefault(ref.target, {})[ref.value] = None
    lost = [
        (line, _SINGULAR[name], ident)
        for line, name, ident in raw.recovered
        if name in spec.COLLECTION_FIELDS
    ]
    return FileFacts(
        path=raw.path,
        source=source,
        problems=checker.problems,
        collections=dict(checker.collections),
        ids=(checker.id_values, checker.id_kinds, checker.id_lines),
        refs={target: list(values) for target, values in refs.items()},
        detail=checker.refs,
        items=(checker.item_lines, checker.item_kinds, checker.item_ids),
        lost=lost,
        anchored=checker.anchored,
        graded=checker.graded,
    )


def combine(
    files: Sequence[FileFacts],
    location: str,
    detail: Callable[[FileFacts], list[Ref]],
    extra: Sequence[Problem] = (),
    tolerant: bool = True,
) -> tuple[FactBase, list[Problem]]:
    """Join files into one FactBase and run the checks that span files; facts with errors
    and those that depend on them are listed in ``FactBase.left_out`` and, when
    ``tolerant``, left out of it.

    ``detail`` gives a file's references with their lines, re-reading it if need be: it is
    only called for files that refer to something unknown or left out. ``extra``: problems
    found before the files were read (an unreadable folder)."""
    checker = _Checker()
    checker.problems.extend(extra)
    for f in files:
        checker.problems.extend(f.problems)
    known = checker.check_ids(files)
    for f in files:
        # Ids a file that cannot be parsed seems to define: known, so not "unknown" too.
        for _, what, ident in f.lost:
            known[_PLURAL[what]].add(ident)
            if what not in ("source", "topic", "brief"):
                known["facts"].add(ident)
    collections: dict[str, Any] = {
        name: join_collection([f.collections.get(name, ()) for f in files])
        for name in spec.COLLECTION_FIELDS
    }
    details: dict[int, list[Ref]] = {}

    def detail_once(f: FileFacts) -> list[Ref]:
        if id(f) not in details:
            details[id(f)] = detail(f)
        return details[id(f)]

    anchored = checker.resolve_anchors(files, collections, known)
    checker.collections = {
        name: list(items) for name, items in collections.items() if name != "events"
    }
    for f in files:
        if checker.has_unknown_refs(f.refs, known):
            checker.check_references(detail_once(f), known)
    checker.check_briefs_and_authors()
    checker.check_cycles()
    checker.check_origins(files)
    causes = [p for p in checker.problems if p.is_error]
    knock_on: list[Problem] = []
    left_out: tuple[LeftOut, ...] = ()
    if causes or any(f.lost for f in files):
        from briefing.tolerate import leave_out

        defined = set().union(*(f.ids[0] for f in files))
        kept, left_out, knock_on = leave_out(
            files, collections, causes, checker.duplicates, defined, detail_once, anchored
        )
        if tolerant:
            collections = kept
    files_shown = tuple(f.path for f in files)
    facts = FactBase(location=location, files=files_shown, left_out=left_out, **collections)
    return facts, in_order(checker.problems, knock_on)


def join_collection(parts: Sequence[Sequence[Any]]) -> Sequence[Any]:
    """One collection from its parts in file order; lazy parts stay lazy."""
    joiner = next((getattr(p, "join", None) for p in parts if hasattr(p, "join")), None)
    if joiner is not None:
        result: Sequence[Any] = joiner(parts)
        return result
    return tuple(item for part in parts for item in part)


def build(
    raws: list[RawFile], location: str, files: tuple[str, ...] = (), settings: Settings = DEFAULT
) -> tuple[FactBase, list[Problem]]:
    """Build a FactBase from parsed files; return it with every problem found."""
    checked = [check_file(raw, Path(raw.path), settings) for raw in raws]
    return combine(checked, location, lambda f: f.detail or [])


class _Checker:
    def __init__(self, settings: Settings = DEFAULT) -> None:
        self.settings = settings
        # The vocabularies a settings file extends, by the spec field they are the choices of.
        self.choices = settings.choices()
        self.problems: list[Problem] = []
        self.collections: dict[str, list[Any]] = {name: [] for name in spec.COLLECTION_FIELDS}
        self.id_values: list[str] = []
        self.id_kinds: list[str] = []
        self.id_lines: list[int] = []
        self.refs: list[Ref] = []
        self.item_lines: list[int] = []
        self.item_kinds: list[str] = []
        self.item_ids: list[str] = []
        self.duplicates: list[tuple[str, int, str]] = []  # the first of each duplicate id
        self.anchored: list[tuple[int, int, str, str, str]] = []  # see FileFacts.anchored
        self.graded: list[tuple[int, str, str, str, tuple[str, ...]]] = []  # FileFacts.graded

    def problem(self, origin: Origin, message: str, example: str = "") -> None:
        """An error; ``example``: the shape wanted, when what was written has another."""
        self.problems.append(Problem(origin.path, origin.line, 0, message, example=example))

    def warn(self, origin: Origin, message: str) -> None:
        """Readable, but below the house standard: reported, and nothing is left out."""
        self.problems.append(Problem(origin.path, origin.line, 0, message, WARNING))

    # -- reading ---------------------------------------------------------------------------

    def read_file(self, path: str, data: LMap) -> None:
        for name, value in data.items():
            origin = Origin(path, data.key_lines[name])
            self.item(origin.line, "", "")
            if name not in spec.COLLECTION_FIELDS:
                known = ", ".join(spec.COLLECTION_FIELDS)
                hint = did_you_mean(name, spec.COLLECTION_FIELDS) or f"; collections are {known}"
                self.problem(origin, f"unknown collection `{name}`{hint}")
                continue
            if value is None:
                continue
            if not isinstance(value, LList):
                message = f"`{name}` must be a list of items, each starting with `- `"
                self.problem(origin, message, _example(name))
                continue
            what = _SINGULAR[name]
            ids = self.id_values
            if isinstance(value, Nodes):
                for index, line in enumerate(value.item_lines):
                    origin = Origin(path, line)
                    before = len(ids)
                    event = self.clean_event_node(value[index], origin)
                    if event is not None:
                        self.collections["events"].append(event)
                    else:
                        item = value.built(index)
                        if item is not None:
                            self.read_item(name, item, origin)
                    self.item(line, what, ids[before] if len(ids) > before else "")
                continue
            for item, line in zip(value, value.item_lines, strict=True):
                before = len(ids)
                self.read_item(name, item, Origin(path, line))
                self.item(line, what, ids[before] if len(ids) > before else "")

    def item(self, line: int, what: str, ident: str) -> None:
        """Note where a top-level item (or, with ``what`` empty, a collection) starts."""
        self.item_lines.append(line)
        self.item_kinds.append(what)
        self.item_ids.append(ident)

    def read_item(self, collection: str, item: Any, origin: Origin) -> None:
        what = _SINGULAR[collection]
        if not isinstance(item, LMap):
            message = f"each {what} must be a mapping of fields such as `id:`"
            self.problem(origin, message, _example(collection))
            return
        values = self.fields(item, spec.COLLECTION_FIELDS[collection], what, origin)
        if values is None:
            return
        if what == "source" and item.get("reliability") is None:
            self.warn(
                origin,
                f"source `{values['id']}` has no `reliability` grade: add one, from A "
                "(completely reliable) to F (reliability cannot be judged)",
            )
        self.item_checks(what, values, origin, item)
        fact = make(CLASSES[collection], values, origin)
        self.note_graded(what, values.get("id", ""), fact)
        when = values.get("date")
        if when is not None and when.anchor is not None and "id" in values:
            line = item.key_lines.get("date", origin.line)
            self.anchored.append((origin.line, line, what, values["id"], when.anchor.fact))
        self.collections[collection].append(fact)

    def clean_event_node(self, node: Any, origin: Origin) -> Event | None:
        """An event with nothing wrong, checked in one pass straight from its YAML node; None
        sends it the general way, which words any problem (and knows every kind of field)."""
        if node.tag != MAP_TAG:
            return None
        path = origin.path
        values: dict[str, Any] = {}
        refs: list[Ref] = []
        ident_line = 0
        for key_node, value_node in node.value:
            key = key_node.value
            kind = _EVENT_KINDS.get(key)
            if kind is None or key_node.tag != STR_TAG or key in values:
                return None
            tag, target = value_node.tag, kind[1]
            if kind[0] in _TEXT_KINDS:
                value = value_node.value
                if tag != STR_TAG or not _clean(value):
                    return None
                if kind[0] == "id":
                    if not ID_PATTERN.match(value):
                        return None
                    ident_line = key_node.start_mark.line + 1
                values[key] = value
            elif kind[0] == "refs":
                if tag == SEQ_TAG:
                    items = [(i.value, i.start_mark.line + 1, i.tag) for i in value_node.value]
                else:
                    items = [(value_node.value, key_node.start_mark.line + 1, tag)]
                for entry, line, entry_tag in items:
                    if entry_tag != STR_TAG or not _clean(entry):
                        return None
                    refs.append(Ref(target, entry, kind[2], Origin(path, line)))
                values[key] = tuple(entry for entry, _, _ in items)
            elif kind[0] == "date":
                if tag not in _DATE_TAGS:
                    return None
                values[key] = value_node.value
            elif kind[0] == "place":
                # A place given by name alone; a mapping goes the general way.
                if tag != STR_TAG or not _clean(value_node.value):
                    return None
                values[key] = Place(value_node.value)
            elif kind[0] == "url":
                if (
                    tag != STR_TAG
                    or not _clean(value_node.value)
                    or not _URL.match(value_node.value)
                ):
                    return None
                values[key] = value_node.value
            elif kind[0] == "citations":
                if tag != SEQ_TAG or not value_node.value:
                    return None
                citations = []
                for entry in value_node.value:
                    citation = self.clean_citation_node(entry, path, refs)
                    if citation is None:
                        return None
                    citations.append(citation)
                values[key] = tuple(citations)
            else:
                return None
        if not _EVENT_REQUIRED.issubset(values):
            return None
        from briefing.dates import DateError

        try:
            for key in _EVENT_DATES.intersection(values):
                values[key] = self.parse_date(values[key])
        except DateError:
            return None
        if values.get("known_since") and values["known_since"].anchor is not None:
            return None  # only `date` may be anchored: the general way says so
        self.refs += refs
        self.register(values["id"], "event", Origin(path, ident_line))
        return make(Event, values, origin)

    def clean_citation_node(self, node: Any, path: str, refs: list[Ref]) -> Citation | None:
        """A citation with nothing wrong, from its YAML node; None for anything else."""
        if node.tag != MAP_TAG:
            return None
        values: dict[str, str] = {}
        quote_line = 0
        for key_node, value_node in node.value:
            key, value = key_node.value, value_node.value
            if (
                key not in _CITATION_TEXT_KEYS
                or key in values
                or key_node.tag != STR_TAG
                or value_node.tag != STR_TAG
                or not _clean(value)
            ):
                return None
            line = key_node.start_mark.line + 1
            if key == "source":
                refs.append(Ref("sources", value, "source", Origin(path, line)))
            elif key == "quote":
                quote_line = line
            elif key == "url" and not _URL.match(value):
                return None
            values[key] = value
        if "quote" not in values or "source" not in values:
            return None
        if len(values["quote"].split()) > MAX_QUOTE_WORDS:
            return None
        return make(Citation, values, Origin(path, quote_line))

    def fields(
        self, item: LMap, fields: tuple[spec.Field, ...], what: Any, origin: Origin
    ) -> dict[str, Any] | None:
        """Convert each field of one item; None when a required field is unusable."""
        by_name, kinds = _kinds(fields)
        ident = item.get("id")
        has_id = "id" in by_name and isinstance(ident, str | int)
        label: Any = _Label(what, ident if has_id else None)
        path = origin.path
        key_lines = item.key_lines
        extensions: dict[str, Any] = {}
        extensible = id(fields) in _EXTENSIBLE
        for key in item:
            if key not in by_name:
                if extensible and key.startswith(spec.EXTENSION_PREFIX):
                    extensions[key] = _plain(item[key])
                    continue
                at = Origin(path, key_lines[key])
                hint = _field_hint(key, by_name, extensible, _FIELD_MEANINGS.get(id(fields)))
                self.problem(at, f"unknown field `{key}` in {label}{hint}")
        values: dict[str, Any] = {}
        complete = True
        for k in kinds:
            f = k.field
            value = item.get(f.name)
            if value is None:
                if f.required:
                    at = Origin(path, key_lines.get(f.name, origin.line))
                    if f.kind == "citations":
                        # A fact without a citation reads, but falls short of the standard.
                        hint = ": add `sources: [{source: ..., quote: ...}]`"
                        self.warn(at, f"{label} is missing `{f.name}`{hint}")
                        continue
                    complete = False
                    self.problem(at, f"{label} is missing `{f.name}`")
                continue
            converted = k.convert(self, k, value, Origin(path, key_lines[f.name]), label)
            if converted is _BAD:
                complete = complete and not f.required
                continue
            values[f.name] = converted
        if "from" in by_name:
            period = self.period(values, item, origin, label)
            complete = complete and period is not _BAD
            # The model holds the two dates as one period.
            values.pop("from", None)
            values.pop("until", None)
            values["period"] = None if period is _BAD else period
        if "id" in values:
            self.register(values["id"], what, Origin(path, key_lines["id"]))
        if extensions:
            values["extensions"] = extensions
        return values if complete else None

    def _text(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        return self.text(value, k.field, label, at)

    def _reference(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        kind, target, f = k.kind, k.target, k.field
        text = self.text(value, f, label, at)
        if text is _BAD:
            return _BAD
        if kind == "id":
            if not ID_PATTERN.match(text):
                self.problem(
                    at,
                    f"id `{text}` may hold only ASCII letters, digits, '.', '_' and '-' "
                    "(start with a letter or digit)",
                )
                return _BAD
            return text
        self.refs.append(Ref(target or ("facts" if kind == "fact" else kind), text, f.name, at))
        return text

    def _references(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        kind, target, f = k.kind, k.target, k.field
        items = value if isinstance(value, list) else [value]
        lines = value.item_lines if isinstance(value, LList) else [at.line] * len(items)
        out = []
        refs = self.refs
        target = target or "facts"
        for entry, line in zip(items, lines, strict=True):
            where = at if line == at.line else Origin(at.path, line)
            if type(entry) is str and entry and not entry[0].isspace() and not entry[-1].isspace():
                text = entry  # already clean: the usual case, checked without `text`
            else:
                text = self.text(entry, f, label, where)
                if text is _BAD:
                    continue
            if kind != "texts":
                refs.append(Ref(target, text, f.name, where))
            out.append(text)
        return tuple(out)

    def _days(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
            self.problem(
                at,
                f"`{k.field.name}` of {label} must be a whole number of days, "
                f"from 1 to {MAX_DAYS:,}",
            )
            return _BAD
        return value

    def _choices(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        items = value if isinstance(value, list) else [value]
        one_kind = _Kind(k.field, "choice", "", _Checker._choice)
        chosen = [self._choice(one_kind, entry, at, label) for entry in items]
        return tuple(c for c in chosen if c is not _BAD)

    def _cited(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        return () if value == [] else self.citations(value, at, label)

    def _flag(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        if not isinstance(value, bool):
            name = f"`{k.field.name}` of {label}"
            self.problem(at, f"{name} must be true or false, not {_type_name(value)}")
            return _BAD
        return value

    def _url(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        text = self.text(value, k.field, label, at)
        if text is not _BAD and not _URL.match(text):
            name = f"`{k.field.name}` of {label}"
            self.problem(at, f"{name} is not a web address (it should start with https://)")
            return _BAD
        return text

    def _choice(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        f = k.field
        text = self.text(value, f, label, at)
        if text is _BAD:
            return _BAD
        choices = self.choices.get(id(f), f.choices)
        if text in choices:
            return text
        synonyms = spec.SYNONYMS.get(f.choices)
        if synonyms is not None:
            folded = _fold(text)
            # The terms and their synonyms, in any case: ICD 203 writes "Almost certain".
            canonical = synonyms.get(folded) or (folded if folded in f.choices else None)
            if canonical is not None:
                return canonical
        hint = did_you_mean(text, choices, spec.MEANINGS.get(f.choices))
        self.problem(at, f"unknown {f.name} `{text}`{hint} (one of: {', '.join(choices)})")
        return _BAD

    def _date(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        from briefing.dates import DateError

        try:
            when = self.parse_date(value)
        except DateError as exc:
            self.problem(at, f"`{k.field.name}` of {label}: {exc}")
            return _BAD
        if when.anchor is not None and id(k.field) not in _ANCHORABLE:
            from briefing.dates import ANCHORED_ONLY

            self.problem(at, f"`{k.field.name}` of {label}: {ANCHORED_ONLY}")
            return _BAD
        return when

    def _place(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        if isinstance(value, LMap):
            values = self.fields(value, spec.PLACE, _Of("place of", label), at)
            if values is None:
                return _BAD
            if ("lat" in value) != ("lon" in value):
                given, other = ("lat", "lon") if "lat" in value else ("lon", "lat")
                self.problem(at, f"the place of {label} has `{given}` but no `{other}`; give both")
                return _BAD
            return Place(**values)
        if isinstance(value, LList):
            self.problem(
                at,
                f"`place` of {label} must be a name or a mapping {{name, country, lat, lon}}",
                _example("place"),
            )
            return _BAD
        text = self.text(value, k.field, label, at)
        return _BAD if text is _BAD else Place(text)

    def _country(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        text = self.text(value, k.field, label, at)
        if text is _BAD:
            return _BAD
        if text.upper() not in spec.COUNTRIES:
            self.problem(
                at,
                f"`country` of {label} is `{text}`: give an ISO 3166-1 alpha-2 code, "
                "such as KZ for Kazakhstan",
            )
            return _BAD
        return text.upper()

    def _degrees(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        limit = 90 if k.kind == "latitude" else 180
        name = f"`{k.field.name}` of {label}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(at, f"{name} must be a number of degrees, not {_type_name(value)}")
            return _BAD
        if not (math.isfinite(value) and -limit <= value <= limit):
            self.problem(at, f"{name} is {value}: it must lie between -{limit} and {limit}")
            return _BAD
        return float(value)

    def _citations(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        return self.citations(value, at, label)

    def _value(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        """A value as a source gives it (read as its field is, once that field is known)."""
        if isinstance(value, bool) or not isinstance(value, str | int | float | date):
            name = f"`{k.field.name}` of {label}"
            self.problem(at, f"{name} must be text, a number or a date, not {_type_name(value)}")
            return _BAD
        return value

    def _list(self, k: _Kind, value: Any, at: Origin, label: Any) -> Any:
        return self.nested(k.target, value, at, label, k.field.name)

    def text(self, value: Any, f: spec.Field, label: Any, at: Origin) -> Any:
        if type(value) is str:
            text = value.strip()
        elif isinstance(value, bool) or not isinstance(value, str | int | float):
            message = f"`{f.name}` of {label} must be text, not {_type_name(value)}"
            self.problem(at, message, _example(f.name, label))
            return _BAD
        else:
            text = str(value).strip()
        if not text:
            self.problem(at, f"`{f.name}` of {label} is empty")
            return _BAD
        return text

    def citations(self, value: Any, at: Origin, label: str) -> Any:
        if not isinstance(value, LList):
            message = f"`sources` of {label} must be a list of {{source, quote}} entries"
            self.problem(at, message, _example("sources", "events"))
            return _BAD
        if not value:
            self.warn(at, f"{label} has no citation: add `{{source: ..., quote: ...}}`")
            return ()
        out = []
        path = at.path
        for entry, line in zip(value, value.item_lines, strict=True):
            origin = Origin(path, line)
            if not isinstance(entry, LMap):
                message = f"a citation of {label} must be a mapping {{source, quote}}"
                self.problem(origin, message, _example("sources", "events"))
                continue
            source, quote = entry.get("source"), entry.get("quote")
            if (
                type(source) is str
                and type(quote) is str
                and len(entry) == 2
                and source.strip() == source
                and ID_LIKE.match(source)
                and quote.strip()
            ):
                # The usual case, checked without the general machinery.
                fields: dict[str, Any] | None = {"source": source, "quote": quote.strip()}
                self.refs.append(
                    Ref("sources", source, "source", Origin(path, entry.key_lines["source"]))
                )
            else:
                fields = self.fields(entry, spec.CITATION, _Of("citation of", label), origin)
            if fields is None:
                continue
            quote_origin = Origin(at.path, entry.key_lines["quote"])
            words = len(fields["quote"].split())
            if words > MAX_QUOTE_WORDS:
                self.warn(
                    quote_origin,
                    f"quote is {words} words long; keep quotes short "
                    f"(at most {MAX_QUOTE_WORDS} words) and cite twice if needed",
                )
            out.append(make(Citation, fields, quote_origin))
        return tuple(out) if out else _BAD

    def nested(self, what: str, value: Any, at: Origin, label: str, name: str) -> Any:
        """The items of a field holding parts of a fact (``what``: roles, attributes,
        points), the field called ``name``."""
        if not isinstance(value, LList):
            self.problem(at, f"`{name}` of {label} must be a list", _example(name, label))
            return _BAD
        out: list[Role | Attribute | Point] = []
        for entry, line in zip(value, value.item_lines, strict=True):
            origin = Origin(at.path, line)
            singular = _SINGULAR[what]
            if not isinstance(entry, LMap):
                message = f"each {singular} of {label} must be a mapping"
                self.problem(origin, message, _example(name, label))
                continue
            fields = self.fields(entry, spec.NESTED[what], f"{singular} of {label}", origin)
            if fields is None:
                continue
            if what == "contested":
                contest = self.contest(fields, entry, origin, label)
                if contest is not None:
                    out.append(contest)
                continue
            self.item_checks(singular, fields, origin, entry)
            part = make(CLASSES[what], fields, origin)
            self.note_graded(f"{singular} of {getattr(label, 'what', 'fact')}", _ident(label), part)
            out.append(part)
        return tuple(out)

    def contest(self, v: dict[str, Any], raw: LMap, origin: Origin, label: Any) -> Any:
        """A disagreement from its checked fields: its citation, and the value it gives for
        the field it names, read as that field is read; None when it cannot be used."""
        name, value = v.pop("field", ""), v.pop("value", None)
        cited = {key: v.pop(key) for key in list(v) if key in _CITATION_KEYS}
        if "extensions" in v:
            cited["extensions"] = v.pop("extensions")
        citation = make(Citation, cited, Origin(origin.path, raw.key_lines["quote"]))
        what = f"a disagreement with {label}"
        at = Origin(origin.path, raw.key_lines.get("value", raw.key_lines.get("field", 0)))
        if not name:
            if value is not None:
                self.problem(at, f"{what} gives a `value` but no `field`: say which field")
                return None
            return Contest(origin, (citation,))
        collection = _PLURAL.get(getattr(label, "what", ""), "")
        fields = spec.contestable(collection) if collection in spec.COLLECTION_FIELDS else {}
        f = fields.get(name)
        if f is None:
            hint = did_you_mean(name, fields)
            choices = ", ".join(fields)
            self.problem(
                Origin(origin.path, raw.key_lines["field"]),
                f"{what} names `field: {name}`{hint}; a source may give another value for "
                f"one of: {choices} (without `field`, it disputes the whole fact)",
            )
            return None
        if value is None:
            if raw.get("value") is None:  # else a value of the wrong kind, reported already
                self.problem(at, f"{what} names `field: {name}` but gives no `value`: add it")
            return None
        # Read as the fact's own field is read (a date, a choice, an actor's id, a place).
        k = next(k for k in _kinds(spec.COLLECTION_FIELDS[collection])[1] if k.field is f)
        read = k.convert(self, k, value, at, what)
        if read is _BAD:
            return None
        if isinstance(read, FuzzyDate):
            text = value.isoformat() if isinstance(value, date) else str(value).strip()
            return Contest(origin, (citation,), name, text, read)
        return Contest(origin, (citation,), name, read.name if isinstance(read, Place) else read)

    def note_graded(self, what: str, ident: str, fact: Any) -> None:
        """Note each citation of ``fact`` graded 1 (confirmed by other sources), with the
        sources that back the same thing, to be weighed when every source is known."""
        cited = getattr(fact, "sources", ())
        backers = tuple(dict.fromkeys(c.source for c in cited))
        for c in cited:
            if c.credibility == "1":
                self.graded.append((c.origin.line, what, ident, c.source, backers))
        contested = getattr(fact, "contested", ())
        for contest in contested:
            same = tuple(
                dict.fromkeys(
                    c.source
                    for other in contested
                    if (other.field, other.when or other.value)
                    == (contest.field, contest.when or contest.value)
                    for c in other.sources
                )
            )
            for c in contest.sources:
                if c.credibility == "1":
                    self.graded.append(
                        (c.origin.line, f"disagreement with {what}", ident, c.source, same)
                    )

    def period(self, fields: dict[str, Any], item: LMap, origin: Origin, label: str) -> Any:
        """Combine raw `from`/`until` fields into one date range."""
        start, until = item.get("from"), item.get("until")
        if ("from" not in fields and start is not None) or (
            "until" not in fields and until is not None
        ):
            return _BAD  # already reported as an unreadable date
        from briefing.dates import DateError

        try:
            return self.parse_period(start, until)
        except DateError as exc:
            at = Origin(origin.path, item.key_lines.get("from", origin.line))
            self.problem(at, f"`from`/`until` of {label}: {exc}")
            return _BAD

    # Every date the validator reads, the fast path's included, goes through these two, so
    # the fact base's numeric order (settings.yaml) holds everywhere alike.
    def parse_date(self, value: Any) -> Any:
        from briefing.dates import parse_date

        return parse_date(value, numeric=self.settings.numeric_dates)

    def parse_period(self, start: Any, until: Any) -> Any:
        from briefing.dates import parse_period

        return parse_period(start, until, numeric=self.settings.numeric_dates)

    def register(self, ident: str, what: str, origin: Origin) -> None:
        self.id_values.append(ident)
        self.id_kinds.append(what)
        self.id_lines.append(origin.line)

    # -- checks that span fields of one item -------------------------------------------------

    def item_checks(self, what: str, v: dict[str, Any], origin: Origin, raw: LMap) -> None:
        if what == "source":
            if "author" in v:
                if v.get("authors"):
                    self.problem(
                        origin, f"source `{v['id']}` has both `author` and `authors`; keep one"
                    )
                v["authors"] = (v.pop("author"),)
            if "title" not in v:
                self.untitled(v, origin, raw)
        elif what == "judgment":
            self.judgment_basis(v, origin, raw)
        elif what == "relation" and v["subject"] == v["object"]:
            self.problem(origin, f"relation `{v['id']}` links `{v['subject']}` to itself")
        elif what == "judgment" and v["id"] in v.get("rests_on", ()):
            self.problem(origin, f"judgment `{v['id']}` rests on itself")
        elif what == "point" and v.get("by") == "author" and not v.get("sources"):
            self.problem(origin, "a point `by: author` needs `sources` citing that author")

    def untitled(self, v: dict[str, Any], origin: Origin, raw: LMap) -> None:
        """A source without a title goes by one made from its author, publisher and date."""
        made = made_title(v.get("authors", ()), v.get("publisher", ""), v.get("published"))
        if not made and raw.get("title") is None:
            self.problem(
                origin,
                f"source `{v['id']}` is missing `title`: give one, or an `author`, "
                "`publisher` or `published` date to name it by",
            )
        v["title"] = made or f"[{v['id']}]"

    def judgment_basis(self, v: dict[str, Any], origin: Origin, raw: LMap) -> None:
        """A judgment stated in a source needs its quote; the curator's own may rest on facts
        of the fact base instead, but must then say which."""
        if raw.get("sources") or "by" not in v:
            return  # cited (or a bad citation or judge, already reported)
        if v["by"] != "curator":
            self.problem(
                origin,
                f"judgment `{v['id']}` is missing `sources`: add "
                "`sources: [{source: ..., quote: ...}]` (only the curator's own judgments "
                "may go without)",
            )
        elif not raw.get("rests_on"):
            self.problem(
                origin,
                f"judgment `{v['id']}` by the curator cites no source, so it needs "
                "`rests_on`: the ids of the facts it rests on",
            )

    # -- cross references ------------------------------------------------------------------

    def check_ids(self, files: Sequence[FileFacts]) -> dict[str, set[str]]:
        """Report duplicate ids; return the known ids of each collection, and all facts."""
        seen: dict[str, tuple[str, str, int]] = {}
        briefs: dict[str, tuple[str, str, int]] = {}
        known: dict[str, set[str]] = {name: set() for name in spec.COLLECTION_FIELDS}
        for f in files:
            values, kinds, lines = f.ids
            one_kind = set(kinds)
            if (
                len(one_kind) == 1
                and "brief" not in one_kind
                and seen.keys().isdisjoint(values)
                and len(set(values)) == len(values)
            ):  # the usual file, told at C speed: facts of one kind, every id new
                places = zip(kinds, [f.path] * len(kinds), lines, strict=True)
                seen.update(zip(values, places, strict=True))
                known[_PLURAL[kinds[0]]].update(values)
                continue
            for ident, what, line in zip(values, kinds, lines, strict=True):
                # Briefs are not facts: their names live apart from fact ids.
                table = briefs if what == "brief" else seen
                first = table.get(ident)
                if first is not None:
                    where = f"{first[1]}:{first[2]}"
                    self.problem(
                        Origin(f.path, line),
                        f"duplicate id `{ident}` (already used by {first[0]} at {where})",
                    )
                    # Which of the two is meant cannot be known: both are left out.
                    again = f"{where}: id `{ident}` is used again at {f.path}:{line}"
                    self.duplicates.append((first[1], first[2], again))
                    continue
                table[ident] = (what, f.path, line)
                known[_PLURAL[what]].add(ident)
        known["facts"] = set(seen) - known["sources"] - known["topics"]
        return known

    def has_unknown_refs(self, refs: dict[str, list[str]], known: dict[str, set[str]]) -> bool:
        for target, values in refs.items():
            pool = known["actors"] | set(spec.JUDGES) if target == "judge" else known[target]
            if not pool.issuperset(values):
                return True
        return False

    def check_references(self, refs: list[Ref], known: dict[str, set[str]]) -> None:
        names = _name_index(self.collections["actors"]) | _name_index(self.collections["topics"])
        for ref in refs:
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
            pool = known[ref.target]
            if ref.value in pool:
                continue
            what = "fact" if ref.target == "facts" else _SINGULAR[ref.target]
            by_name = names.get(_fold(ref.value))
            if by_name and by_name in pool:
                hint = f"; did you mean `{by_name}`?"
            else:
                hint = did_you_mean(ref.value, pool)
            self.problem(ref.origin, f"unknown {what} `{ref.value}` in `{ref.field}`{hint}")

    def resolve_anchors(
        self, files: Sequence[FileFacts], collections: dict[str, Any], known: dict[str, set[str]]
    ) -> dict[str, tuple[str, Origin, str]]:
        """Work out every date anchored on another fact, in ``collections``, chains in order;
        report cycles and anchors that are unknown or undated at the anchored date's line.

        Returns each anchored fact's kind, origin and anchor, for the tolerant loading: a
        fact anchored on a left-out fact is left out too."""
        anchored = {
            ident: (what, Origin(f.path, line), Origin(f.path, date_line), anchor)
            for f in files
            for line, date_line, what, ident, anchor in f.anchored
        }
        if not anchored:
            return {}
        from briefing.anchors import shift
        from briefing.errors import DateError

        events, positions = collections["events"], collections["positions"]
        wanted = set(anchored) | {entry[3] for entry in anchored.values()}
        # id -> its date (the first fact's, for a duplicate id); cached events decode
        # only their dates.
        dates_of = getattr(events, "dates_of", None)
        dated: dict[str, FuzzyDate] = dates_of(wanted) if dates_of else {}
        for fact in [*([] if dates_of else events), *positions]:
            if fact.id in wanted and fact.date is not None:
                dated.setdefault(fact.id, fact.date)
        lost = {ident for f in files for _, _, ident in f.lost}
        resolved: dict[str, Any] = {}  # id -> its worked-out date, or None when it cannot be

        def fail(ident: str, message: str) -> None:
            self.problem(anchored[ident][2], f"date of `{ident}` {message}")
            resolved[ident] = None

        for first in anchored:
            path: list[str] = []
            node = first
            # Follow the chain to a fact whose date is known (iteratively: any length).
            while node in anchored and node not in resolved and node not in path:
                path.append(node)
                node = anchored[node][3]
            if node in path:
                loop = path[path.index(node) :]
                for i, member in enumerate(loop):
                    around = [*loop[i + 1 :], *loop[: i + 1]]
                    chain = ", which is anchored on ".join(f"`{m}`" for m in around)
                    fail(member, f"is anchored on {chain}: a cycle")
                path = path[: path.index(node)]
            for ident in reversed(path):
                anchor = anchored[ident][3]
                base = resolved.get(anchor) if anchor in anchored else dated.get(anchor)
                if anchor in anchored:
                    if base is None:
                        resolved[ident] = None  # its anchor's error is reported already
                        continue
                elif base is None:
                    if anchor in lost:
                        resolved[ident] = None  # in a file that cannot be read
                    else:
                        fail(ident, self.undated_anchor(anchor, known, events, positions))
                    continue
                when = dated.get(ident)
                if when is None:
                    continue  # a fact that could not be built: reported already
                try:
                    resolved[ident] = shift(when, base)
                except DateError as exc:
                    fail(ident, f"cannot be worked out: {exc}")
        new = {ident: when for ident, when in resolved.items() if when is not None}
        if new:
            replace = getattr(events, "with_dates", None)
            if replace is not None:
                collections["events"] = replace(new)
            else:
                collections["events"] = tuple(_redated(e, new) for e in events)
            collections["positions"] = tuple(_redated(p, new) for p in positions)
        return {ident: (entry[0], entry[1], entry[3]) for ident, entry in anchored.items()}

    def undated_anchor(
        self, anchor: str, known: dict[str, set[str]], events: Any, positions: Any
    ) -> str:
        """Why a date cannot be anchored on ``anchor``, with the dated facts it may mean."""
        ids = getattr(events, "ids", None)
        pool = [*(ids() if ids else (e.id for e in events))]
        pool += [p.id for p in positions if p.date is not None]
        hint = did_you_mean(anchor, pool)
        if anchor in known["facts"] or anchor in known["sources"] or anchor in known["topics"]:
            return f"is anchored on `{anchor}`, which has no date{hint}"
        return f"is anchored on unknown fact `{anchor}`{hint}"

    def check_cycles(self) -> None:
        """Judgments that rest on each other, however long the loop: reported once each."""
        from briefing.cycles import cycles

        judgments = {j.id: j for j in self.collections["judgments"]}
        for loop in cycles({ident: j.rests_on for ident, j in judgments.items()}):
            self.problem(
                judgments[loop[0]].origin,
                "judgments rest on each other in a cycle: " + " → ".join([*loop, loop[0]]),
            )

    def check_origins(self, files: Sequence[FileFacts]) -> None:
        """Sources based on each other in a loop, and citations graded 1 (confirmed by other
        sources) that no other independent source backs."""
        from briefing.corroboration import Origins
        from briefing.cycles import cycles

        sources = self.collections["sources"]
        first: dict[str, tuple[int, Source]] = {}  # each id's first source, in file order
        for n, source in enumerate(sources):
            first.setdefault(source.id, (n, source))
        for loop in cycles({s.id: s.based_on for s in sources}):
            at = min(range(len(loop)), key=lambda n: first[loop[n]][0])
            loop = [*loop[at:], *loop[:at]]  # from its first source in file order
            chain = " → ".join(f"`{i}`" for i in [*loop, loop[0]])
            message = f"sources are based on each other in a loop: {chain}"
            self.problem(first[loop[0]][1].origin, message)
        if not any(f.graded for f in files):
            return
        origins = Origins(sources)
        for f in files:
            for line, what, ident, source, backers in f.graded:
                if origins.confirmed(source, backers):
                    continue
                others = [b for b in backers if b != source]
                why = (
                    f"{_listed(others)} {'is' if len(others) == 1 else 'are'} not independent"
                    f" of it (based on the same origin)"
                    if others
                    else "no other source backs it here"
                )
                self.warn(
                    Origin(f.path, line),
                    f"the citation of `{source}` on {what} `{ident}` is graded 1 (confirmed by"
                    f" other sources), but {why}: cite an independent source that confirms it,"
                    " or grade it 2 (probably true) or lower",
                )

    def check_briefs_and_authors(self) -> None:
        sources_by_id = {s.id: s for s in self.collections["sources"]}
        defaults = [b for b in self.collections["briefs"] if b.default]
        for extra in defaults[1:]:
            self.problem(
                extra.origin,
                f"brief `{extra.id}` is marked default, but so is `{defaults[0].id}`; "
                "mark only one",
            )
        for judgment in self.collections["judgments"]:
            if judgment.by != "author" or not judgment.sources:
                continue  # uncited: reported when it was read
            if not any(sources_by_id.get(c.source, _NO_SOURCE).authors for c in judgment.sources):
                self.problem(
                    judgment.origin,
                    f"judgment `{judgment.id}` is by `author`, but none of its cited "
                    "sources names an author",
                )


_NO_SOURCE = Source("", "", Origin("", 0))
# What the fast path for clean events needs of each field in the spec: its kind, target and
# name (the spec's own string, kept by references: not a copy per event).
_EVENT_KINDS = {
    f.name: (f.kind.partition(":")[0], f.kind.partition(":")[2], f.name)
    for f in spec.COLLECTION_FIELDS["events"]
}
_EVENT_REQUIRED = frozenset(f.name for f in spec.COLLECTION_FIELDS["events"] if f.required)
_EVENT_DATES = frozenset(f.name for f in spec.COLLECTION_FIELDS["events"] if f.kind == "date")
_TEXT_KINDS = frozenset({"id", "text"})
_URL = re.compile(r"https?://\S+\Z")
# The date fields that may be anchored on another fact: those of facts that others anchor on.
_ANCHORABLE = frozenset(
    id(f)
    for collection in ("events", "positions")
    for f in spec.COLLECTION_FIELDS[collection]
    if f.name == "date"
)
# Every kind of item takes fields of the curator's own but a place, which is one value.
_EXTENSIBLE = frozenset(
    id(fields)
    for fields in (*spec.COLLECTION_FIELDS.values(), *spec.NESTED.values(), spec.CITATION)
)
# Field names that mean a field of the format, by the item's fields.
_FIELD_MEANINGS: dict[int, dict[str, str]] = {
    id(fields): {**spec.FIELD_MEANINGS["*"], **spec.FIELD_MEANINGS.get(name, {})}
    for name, fields in (
        *spec.COLLECTION_FIELDS.items(),
        *spec.NESTED.items(),
        ("citations", spec.CITATION),
    )
}
_CITATION_KEYS = frozenset(f.name for f in spec.CITATION)
# What the fast path for clean citations reads: text alone (a date goes the general way).
_CITATION_TEXT_KEYS = frozenset(
    f.name for f in spec.CITATION if f.kind in ("text", "url") or f.kind.startswith("ref:")
)
# Scalars whose text reads as the date the YAML value would construct: 2022, 2022-11-29.
_DATE_TAGS = frozenset({STR_TAG, TAG + "int", TAG + "timestamp"})


def _redated(fact: Any, dates: dict[str, Any]) -> Any:
    """``fact`` with its anchored date worked out, if it is one of ``dates``."""
    when = dates.get(fact.id)
    if when is None or fact.date is None or fact.date.anchor is None:
        return fact
    return dataclasses.replace(fact, date=when)


def _clean(value: object) -> TypeGuard[str]:
    """A non-empty string with no surrounding white space: text that needs no checking."""
    return type(value) is str and value != "" and value == value.strip()


_CONVERTERS: dict[str, Callable[[_Checker, _Kind, Any, Origin, Any], Any]] = {
    "text": _Checker._text,
    "id": _Checker._reference,
    "ref": _Checker._reference,
    "fact": _Checker._reference,
    "judge": _Checker._reference,
    "refs": _Checker._references,
    "facts": _Checker._references,
    "texts": _Checker._references,
    "days": _Checker._days,
    "choices": _Checker._choices,
    "cited": _Checker._cited,
    "flag": _Checker._flag,
    "url": _Checker._url,
    "choice": _Checker._choice,
    "date": _Checker._date,
    "citations": _Checker._citations,
    "list": _Checker._list,
    "place": _Checker._place,
    "value": _Checker._value,
    "country": _Checker._country,
    "latitude": _Checker._degrees,
    "longitude": _Checker._degrees,
}


def _field_hint(
    key: str, fields: Mapping[str, Any], extensible: bool, meanings: Mapping[str, str] | None
) -> str:
    """'; did you mean ...?' for an unknown field, by meaning or by spelling; a name that
    looks like an extension field written another way is shown the `x-` form."""
    if extensible and key[:2].casefold() in ("x_", "x-"):
        return f"; a field of your own starts with `x-`: write `x-{key[2:]}`"
    meant = {
        word: target
        for word, target in (meanings or {}).items()
        if target.split(":")[0] in fields and word not in fields
    }
    return did_you_mean(key, fields, meant)


def _plain(value: Any) -> Any:
    """An extension field's value as plain data: text, numbers, true/false, None, and lists
    and mappings of them (a YAML date becomes its ISO text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _ident(label: Any) -> str:
    ident = getattr(label, "ident", "")
    return "" if ident is None else str(ident)


def _listed(ids: Sequence[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _name_index(items: list[Any]) -> dict[str, str]:
    """Map each folded name and alias to its id, for 'did you mean' on names."""
    index: dict[str, str] = {}
    for item in items:
        for name in (item.name, *item.aliases):
            index.setdefault(_fold(name), item.id)
    return index


def _example(name: str, within: object = None) -> str:
    """The shape wanted for ``name`` (a collection, or a field of the fact ``within`` names:
    a collection or a label such as "event `e1`"), from the format's examples."""
    from briefing.examples import example

    collection = within if isinstance(within, str) else None
    what = getattr(within, "what", None)
    if isinstance(what, str):
        collection = _PLURAL.get(what)
    return example(name, collection)


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
