"""Events from a spreadsheet (CSV) -> the new facts to add to a fact base; pure.

One row per event. Actors, topics and sources are matched against the fact base by id,
name or alias, ignoring case and accents; what is missing is created, with ids made from
names that no fact already uses. Nothing here writes a file: the command line does.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from briefing import spec
from briefing.errors import Problem
from briefing.index import fold
from briefing.model import FactBase
from briefing.settings import DEFAULT, Settings
from briefing.suggest import did_you_mean

# The columns a spreadsheet may have, with what each holds (the README lists the same).
COLUMNS = {
    "date": "when it happened, in any date form a fact file accepts",
    "title": "one-line headline in our own words",
    "summary": "what happened, in our own words",
    "actors": "actors involved, by id, name or alias, separated by `;`",
    "actor_kinds": "kinds of the actors to create, in the order of `actors` (default `other`)",
    "topics": "topics, by id, name or alias, separated by `;`",
    "place": "where it happened, a name",
    "source_title": "the source's title as published (or the id of a source in the fact base)",
    "source_author": "its author, or authors separated by `;`",
    "source_publisher": "its publisher",
    "source_url": "where it was read (https://...)",
    "source_published": "when it was published",
    "source_kind": "what kind of source: news, opinion, report, ...",
    "source_reliability": "its reliability, A (completely reliable) to F (cannot be judged)",
    "quote": "a short verbatim excerpt of the source supporting the event",
}
REQUIRED = ("date", "title", "source_title", "quote")
SEPARATOR = ";"
# A spreadsheet of events bigger than this is refused: split it, as with fact files.
MAX_CSV_BYTES = 32 * 1024 * 1024
# How long an id made from a title may grow before it is cut at a word.
MAX_ID_LENGTH = 60
_URL = re.compile(r"https?://\S+\Z")


class Row(NamedTuple):
    """One row below the header: its number as a spreadsheet shows it, and its first line."""

    number: int
    line: int
    cells: dict[str, str]


@dataclass
class Plan:
    """What an import adds: new facts by collection, and what the user must hear about."""

    collections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    matched: int = 0  # actors, topics and sources found in the fact base

    def count(self, collection: str) -> int:
        return len(self.collections.get(collection, ()))


def file_name(csv_path: Path, now: datetime) -> str:
    """The new fact file's name: `imported-YYYYMMDD-HHMMSS-<name of the CSV>.yaml`."""
    return f"imported-{now:%Y%m%d-%H%M%S}-{slug(csv_path.stem, 'events')}.yaml"


def slug(text: str, fallback: str) -> str:
    """An id made from ``text``: ASCII letters and digits joined by `-`, accents dropped;
    ``fallback`` when nothing is left (a name in another script)."""
    bare = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    bare = bare.replace("'", "")  # Borduria's -> bordurias
    out = ""
    for word in re.findall(r"[a-z0-9]+", bare.lower()):
        if out and len(out) + 1 + len(word) > MAX_ID_LENGTH:
            break
        out = f"{out}-{word}" if out else word[:MAX_ID_LENGTH]
    return out or fallback


def read_rows(raw: bytes, shown: str) -> tuple[list[Row], list[Problem]]:
    """The rows of a CSV file (UTF-8, comma-separated, a header row naming the columns)."""
    if len(raw) > MAX_CSV_BYTES:
        limit = MAX_CSV_BYTES // (1024 * 1024)
        return [], [Problem(shown, 0, 0, f"the file is larger than {limit} MB; split it")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "not valid UTF-8; save the spreadsheet as CSV UTF-8"
        return [], [Problem(shown, line, 0, message)]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    header: list[str] | None = None
    line = 1
    try:
        for cells in reader:
            first, line = line, reader.line_num + 1
            if header is None:
                header = [_column(c) for c in cells]
                problems = _header_problems(header, shown)
                if problems:
                    return [], problems
                continue
            if not any(c.strip() for c in cells):
                continue  # a blank row
            number = len(rows) + 2
            if len(cells) > len(header):
                message = (
                    f"row {number} has {len(cells)} cells but the header names "
                    f"{len(header)} columns; put a cell holding a comma in double quotes"
                )
                return [], [Problem(shown, first, 0, message)]
            values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
            rows.append(Row(number, first, values))
    except csv.Error as exc:
        number = len(rows) + 2 if header is not None else 1
        message = (
            f"row {number}: cannot read the CSV from here ({exc}); is a double quote left open?"
        )
        return [], [Problem(shown, line, 0, message)]
    if header is None:
        message = f"the file is empty; its first row must name the columns: {', '.join(REQUIRED)}"
        return [], [Problem(shown, 0, 0, message)]
    if not rows:
        return [], [Problem(shown, 0, 0, "the file has a header but no events below it")]
    return rows, []


def _column(name: str) -> str:
    """A header cell as a column name: `Source title` and `source-title` are `source_title`."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _header_problems(header: list[str], shown: str) -> list[Problem]:
    problems = []
    for name in header:
        if name and name not in COLUMNS:
            hint = did_you_mean(name, list(COLUMNS)) or f" (the columns: {', '.join(COLUMNS)})"
            if len(header) == 1 and SEPARATOR in name:
                hint = "; separate the columns with commas, not semicolons"
            problems.append(Problem(shown, 1, 0, f"unknown column `{name}`{hint}"))
    for name in dict.fromkeys(n for n in header if header.count(n) > 1):
        problems.append(Problem(shown, 1, 0, f"column `{name}` appears twice; keep one"))
    missing = [name for name in REQUIRED if name not in header]
    if missing and not problems:
        needed = ", ".join(f"`{n}`" for n in missing)
        problems.append(
            Problem(shown, 1, 0, f"no {needed} column; every event needs {', '.join(REQUIRED)}")
        )
    return problems


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(SEPARATOR) if item.strip()]


class _Names:
    """Things of one kind found by id, name or alias, ignoring case, accents and a leading
    "the"; things created by the import are added as they are made."""

    def __init__(self) -> None:
        self.ids: dict[str, list[str]] = {}

    def add(self, ident: str, names: Iterable[str]) -> None:
        for name in (ident, *names):
            for key in _keys(name):
                found = self.ids.setdefault(key, [])
                if ident not in found:
                    found.append(ident)

    def find(self, name: str) -> list[str]:
        for key in _keys(name):
            if key in self.ids:
                return self.ids[key]
        return []


def _keys(name: str) -> Iterator[str]:
    folded = fold(name)
    yield folded
    if folded.startswith("the "):
        yield folded[4:]


class _Planner:
    def __init__(self, facts: FactBase, shown: str, settings: Settings) -> None:
        self.shown = shown
        self.numeric = settings.numeric_dates
        self.actor_kinds = (*spec.ACTOR_KINDS, *settings.actor_kinds)
        self.plan = Plan(collections={"sources": [], "topics": [], "actors": [], "events": []})
        self.taken = (
            {
                item.id
                for name in ("sources", "topics", "actors", "events", "positions", "relations")
                for item in getattr(facts, name)
            }
            | {j.id for j in facts.judgments}
            | {b.id for b in facts.briefs}
        )
        self.actors, self.topics, self.sources = _Names(), _Names(), _Names()
        for actor in facts.actors:
            self.actors.add(actor.id, (actor.name, *actor.aliases))
        for topic in facts.topics:
            self.topics.add(topic.id, (topic.name, *topic.aliases))
        for source in facts.sources:
            self.sources.add(source.id, (source.title,))
        self.events = {(fold(e.title), e.date.text): e.id for e in facts.events}
        self.created: dict[str, dict[str, Any]] = {}  # id -> new source, topic or actor
        self.first_row: dict[str, int] = {}
        event_fields = [f.name for f in spec.COLLECTION_FIELDS["events"]]
        # Merge point (the `fields` branch adds `place` to events): written only when the
        # loaded spec knows the field; until then the column is left out with a note.
        self.has_place = "place" in event_fields
        actor_fields = {f.name: f for f in spec.COLLECTION_FIELDS["actors"]}
        # Created actors cite the row's source while the format requires actors to cite one.
        self.cite_actors = actor_fields["sources"].required

    def problem(self, row: Row, column: str, message: str) -> None:
        where = f"row {row.number}, `{column}`: " if column else f"row {row.number}: "
        self.plan.problems.append(Problem(self.shown, row.line, 0, where + message))

    def note(self, message: str) -> None:
        if message not in self.plan.notes:
            self.plan.notes.append(message)

    def new_id(self, text: str, fallback: str) -> str:
        base = slug(text, fallback)
        ident, n = base, 1
        while ident in self.taken:
            n += 1
            ident = f"{base}-{n}"
        self.taken.add(ident)
        return ident

    def row(self, row: Row) -> None:
        from briefing.dates import DateError, parse_date

        cells = row.cells
        before = len(self.plan.problems)
        for name in REQUIRED:
            if not cells.get(name):
                self.problem(row, name, f"empty; every event needs {', '.join(REQUIRED)}")
        for name in ("date", "source_published"):
            if cells.get(name):
                try:
                    parse_date(cells[name], numeric=self.numeric)
                except DateError as exc:
                    self.problem(row, name, str(exc))
        checks = (
            ("source_kind", spec.SOURCE_KINDS),
            ("source_reliability", tuple(spec.RELIABILITY)),
        )
        for name, choices in checks:
            value = cells.get(name, "")
            if value and value not in choices:
                hint = did_you_mean(value, choices) or f" (one of: {', '.join(choices)})"
                self.problem(row, name, f"`{value}` is not allowed{hint}")
        url = cells.get("source_url", "")
        if url and not _URL.match(url):
            self.problem(row, "source_url", f"{url!r} is not a web address; start it with https://")
        actors = _items(cells.get("actors", ""))
        # Kinds go by position, so an empty one (`; company`) stands for `other`.
        kinds = [k.strip() or "other" for k in cells.get("actor_kinds", "").split(SEPARATOR)]
        kinds = kinds if cells.get("actor_kinds") else []
        if len(kinds) > len(actors):
            self.problem(row, "actor_kinds", f"{len(kinds)} kinds for {len(actors)} actors")
        for kind in kinds:
            if kind not in self.actor_kinds:
                hint = did_you_mean(kind, self.actor_kinds) or f" ({', '.join(self.actor_kinds)})"
                self.problem(row, "actor_kinds", f"`{kind}` is not an actor kind{hint}")
        if len(self.plan.problems) > before:
            return
        key = (fold(cells["title"]), cells["date"])
        if key in self.events:
            self.note(f"row {row.number}: already in the fact base as event `{self.events[key]}`")
            return
        citation = {"source": self.source(row), "quote": cells["quote"]}
        event: dict[str, Any] = {"id": self.new_id(cells["title"], "event")}
        self.events[key] = event["id"]
        event["date"] = cells["date"]
        event["title"] = cells["title"]
        if cells.get("summary"):
            event["summary"] = cells["summary"]
        if cells.get("place"):
            if self.has_place:
                event["place"] = cells["place"]
            else:
                self.note("the `place` column is left out: events have no `place` field yet")
        kinds += ["other"] * (len(actors) - len(kinds))
        found = [self.actor(row, a, k, citation) for a, k in zip(actors, kinds, strict=True)]
        topics = [self.topic(row, t) for t in _items(cells.get("topics", ""))]
        if None in found or None in topics:
            return
        if found:
            event["actors"] = list(dict.fromkeys(found))
        if topics:
            event["topics"] = list(dict.fromkeys(topics))
        event["sources"] = [citation]
        self.plan.collections["events"].append(event)

    def one(self, row: Row, column: str, name: str, hits: list[str], what: str) -> str | None:
        """The one id ``hits`` names, or None after reporting an ambiguous name."""
        if len(hits) == 1:
            if hits[0] not in self.created:
                self.plan.matched += 1
            return hits[0]
        listed = " or ".join(f"`{h}`" for h in hits)
        self.problem(row, column, f"{what} `{name}` could be {listed}; write its id instead")
        return None

    def actor(self, row: Row, name: str, kind: str, citation: dict[str, str]) -> str | None:
        hits = self.actors.find(name)
        if hits:
            return self.one(row, "actors", name, hits, "actor")
        ident = self.new_id(name, "actor")
        actor: dict[str, Any] = {"id": ident, "name": name, "kind": kind}
        if self.cite_actors:
            actor["sources"] = [dict(citation)]
        self.created[ident] = actor
        self.actors.add(ident, (name,))
        self.plan.collections["actors"].append(actor)
        return ident

    def topic(self, row: Row, name: str) -> str | None:
        hits = self.topics.find(name)
        if hits:
            return self.one(row, "topics", name, hits, "topic")
        ident = self.new_id(name, "topic")
        self.created[ident] = {"id": ident, "name": name}
        self.topics.add(ident, (name,))
        self.plan.collections["topics"].append(self.created[ident])
        return ident

    def source(self, row: Row) -> str:
        cells = row.cells
        title = cells["source_title"]
        details = {
            "publisher": cells.get("source_publisher", ""),
            "authors": _items(cells.get("source_author", "")),
            "published": cells.get("source_published", ""),
            "url": cells.get("source_url", ""),
            "kind": cells.get("source_kind", ""),
            "reliability": cells.get("source_reliability", ""),
        }
        hits = self.sources.find(title)
        if len(hits) == 1 and hits[0] in self.created:
            made = self.created[hits[0]]
            for key, value in details.items():
                if value and made.get(key, value) != value:
                    first = self.first_row[hits[0]]
                    self.note(
                        f"row {row.number}: source `{title}` has another {key} in row {first}; "
                        "the first is kept"
                    )
            return hits[0]
        if hits:
            return self.one(row, "source_title", title, hits, "source") or hits[0]
        ident = self.new_id(title, "source")
        source: dict[str, Any] = {"id": ident, "title": title}
        source.update((key, value) for key, value in details.items() if value)
        self.created[ident] = source
        self.first_row[ident] = row.number
        self.sources.add(ident, (title,))
        self.plan.collections["sources"].append(source)
        return ident


def plan(raw: bytes, shown: str, facts: FactBase, settings: Settings = DEFAULT) -> Plan:
    """What importing the CSV ``raw`` (shown as ``shown``) adds to ``facts``, read under the
    fact base's ``settings``: problems with the file or its rows (then nothing should be
    written), notes, and the new facts."""
    rows, problems = read_rows(raw, shown)
    planner = _Planner(facts, shown, settings)
    planner.plan.problems += problems
    for row in rows:
        planner.row(row)
    made = planner.plan
    made.collections = {name: items for name, items in made.collections.items() if items}
    return made


def problems_in(text: str, path: Path, settings: Settings = DEFAULT) -> list[Problem]:
    """The problems the validator finds in ``text`` as the fact file ``path`` on its own
    (references to other files are not followed): checked before anything is written."""
    from briefing.parse import read_file
    from briefing.validate import check_file

    return check_file(read_file(path, text.encode("utf-8")), path, settings).problems
