"""Every field of every kind of fact is in the spec and survives every loading path: the
general validator, the fast path for clean events, and a round trip through the cache."""

from __future__ import annotations

import dataclasses
import datetime
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import spec
from briefing.cache import Cache, LazyEvents
from briefing.loader import Loaded, load
from briefing.model import CLASSES, COLLECTIONS, Citation, Contest, FactBase, Place
from briefing.validate import _Checker

# Model fields that the fact files spell differently; every other field keeps its name.
SPEC_NAMES = {"period": ("from", "until"), "authors": ("author", "authors")}
PROVENANCE = {"origin"}
# The curator's own `x-` fields, which the spec leaves open.
EXTENSIONS = "extensions"
# How many items of each collection a generated fact base may hold, and their id prefixes.
SIZES = {
    "sources": 3,
    "topics": 2,
    "actors": 3,
    "events": 4,
    "positions": 2,
    "relations": 2,
    "judgments": 2,
    "briefs": 2,
}
FACTS = ("events", "positions", "relations", "judgments")
TEXT = (
    st.text(alphabet=st.sampled_from("abcXYZ019 -.,:'\"#?!éжü中"), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
# Values of `x-` fields: anything plain, nested (a YAML date comes back as its ISO text).
EXTENSION_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(-1e3, 1e3) | TEXT,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(TEXT, inner, max_size=2),
    max_leaves=4,
)
DATES = st.sampled_from(
    ["2022", 2021, datetime.date(2022, 11, 29), "late February 2022", "circa 2019", "Q3 2020"]
)


def ids(collection: str) -> list[str]:
    return [f"{collection[:3]}{i}" for i in range(SIZES[collection])]


def spec_fields(kind: str) -> tuple[spec.Field, ...]:
    """The spec's fields for a collection or nested list (`citations` for a citation)."""
    if kind == "citations":
        return spec.CITATION
    return spec.COLLECTION_FIELDS.get(kind) or spec.NESTED[kind]


def default_of(cls: type[Any], name: str) -> Any:
    """The model's default for the field that spec field ``name`` fills, if it has one."""
    for f in dataclasses.fields(cls):
        if name in SPEC_NAMES.get(f.name, (f.name,)):
            return f.default
    raise AssertionError(f"{cls.__name__} has no field for spec field `{name}`")


Draw = Callable[[st.SearchStrategy[Any]], Any]


def value(draw: Draw, f: spec.Field, full: bool, default: Any, within: str = "") -> Any:
    """A valid value for spec field ``f`` of an item of ``within`` (a collection or nested
    list); when ``full``, never the model's default."""
    kind, _, target = f.kind.partition(":")
    some = st.integers(min_value=1, max_value=2) if full else st.integers(0, 2)
    if kind == "text":
        return draw(TEXT)
    if kind == "texts":
        return draw(st.lists(TEXT, min_size=1, max_size=3) if full else TEXT | st.lists(TEXT))
    if kind == "date":
        if f.name == "from":
            return draw(st.sampled_from(["2001", 2003, datetime.date(2005, 6, 1), "May 2008"]))
        if f.name == "until":
            return draw(st.sampled_from(["2012", 2014, datetime.date(2016, 1, 31), "2019-07"]))
        return draw(DATES)
    if kind in ("ref", "refs", "fact", "facts"):
        pool = [i for name in (FACTS if kind.startswith("fact") else [target]) for i in ids(name)]
        if kind in ("ref", "fact"):
            return draw(st.sampled_from(pool))
        return draw(st.lists(st.sampled_from(pool), min_size=1 if full else 0, max_size=3))
    if kind == "judge":
        return draw(st.sampled_from([j for j in ("author", "curator", "act0") if j != default]))
    if kind == "choice":
        return draw(st.sampled_from([c for c in f.choices if c != default]))
    if kind == "choices":
        return draw(st.lists(st.sampled_from(f.choices), min_size=1, max_size=3, unique=True))
    if kind == "flag":
        return True if full else draw(st.booleans())
    if kind == "url":
        return "https://example.org/" + draw(st.sampled_from(["a", "b/c"]))
    if kind == "days":
        return draw(st.integers(min_value=1, max_value=400))
    if kind == "place":
        name = draw(TEXT)
        if not full and draw(st.booleans()):
            return name  # a plain name: the fast path's case
        place: dict[str, Any] = {"name": name}
        if full or draw(st.booleans()):
            place["country"] = draw(st.sampled_from(["KZ", "uz", "RU", "XK"]))
        if full or draw(st.booleans()):
            place["lat"] = draw(st.floats(-90, 90, allow_subnormal=False))
            place["lon"] = draw(st.integers(-180, 180) | st.floats(-180, 180))
        return place
    if kind in ("citations", "cited"):
        count = draw(some if kind == "cited" else st.integers(1, 2))
        return [item(draw, Citation, "citations", full) for _ in range(count)]
    if kind == "list" and target == "contested":
        return [contest(draw, within, full) for _ in range(draw(some))]
    if kind == "list":
        return [item(draw, CLASSES[target], target, full) for _ in range(draw(some))]
    raise AssertionError(f"no values for fields of kind `{f.kind}`: teach this test the kind")


def contest(draw: Draw, within: str, full: bool) -> dict[str, Any]:
    """A source's disagreement with a fact of ``within``: a field it may dispute and a
    value for it (a date field when ``full``, so that the value is worked out as a date),
    or, not ``full``, perhaps none (the whole fact disputed); then its citation."""
    fields = spec.contestable(within)
    dated = [f for f in fields.values() if f.kind == "date"]
    out: dict[str, Any] = {}
    if full or draw(st.booleans()):
        f = draw(st.sampled_from(dated if full else list(fields.values())))
        out = {"field": f.name, "value": value(draw, f, full, dataclasses.MISSING, within)}
        if isinstance(out["value"], dict):  # a place mapping: a contest gives its name
            out["value"] = out["value"]["name"]
    return {**out, **item(draw, Citation, "citations", full)}


def item(draw: Draw, cls: type[Any], kind: str, full: bool, ident: str = "") -> dict[str, Any]:
    """One item: required fields always; each optional one absent, null or set (all set
    when ``full``); and sometimes (always when ``full``) fields of the curator's own."""
    out: dict[str, Any] = {}
    extensions = draw(st.integers(1, 2) if full else st.sampled_from([0, 0, 0, 1]))
    for name in ["x-note", "x-location"][:extensions]:
        out[name] = draw(EXTENSION_VALUES)
    for f in spec_fields(kind):
        if f.kind == "id":
            out[f.name] = ident
            continue
        if not (full or f.required):
            presence = draw(st.sampled_from(["absent", "null", "set"]))
            if presence == "null":
                out[f.name] = None
            if presence != "set":
                continue
        default = default_of(cls, f.name) if full else dataclasses.MISSING
        out[f.name] = value(draw, f, full, default, kind)
    return out


@st.composite
def fact_bases(draw: Draw, full: bool = False) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """File name -> collections: a random fact base of valid values, spread over files."""
    files: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for collection in COLLECTIONS:
        count = SIZES[collection] if full else draw(st.integers(0, SIZES[collection]))
        for ident in ids(collection)[:count]:
            entry = item(draw, CLASSES[collection], collection, full, ident)
            name = f"f{draw(st.integers(0, 2))}.yaml"
            files.setdefault(name, {}).setdefault(collection, []).append(entry)
    return files or {"f0.yaml": {}}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a value drawn twice is written twice: aliases turn the fast path off


def write(root: Path, files: dict[str, dict[str, Any]]) -> None:
    root.mkdir()
    for name, collections in files.items():
        text = yaml.dump(collections, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        (root / name).write_text(text, encoding="utf-8")


def collections(facts: FactBase) -> dict[str, tuple[Any, ...]]:
    return {name: tuple(getattr(facts, name)) for name in COLLECTIONS}


def three_ways(root: Path, tolerant: bool = True) -> Iterator[tuple[str, Loaded, int]]:
    """The fact base at ``root`` loaded the general way, the fast way and from the cache,
    each with how many events the fast path built; ``tolerant``: without the facts left out."""
    built = [0]
    fast_path = _Checker.clean_event_node

    def counting(self: _Checker, node: Any, origin: Any) -> Any:
        event = fast_path(self, node, origin)
        built[0] += event is not None
        return event

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_Checker, "clean_event_node", lambda self, node, origin: None)
        yield "general", load(root, use_cache=False, tolerant=tolerant), 0
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as cache:
        mp.setattr(_Checker, "clean_event_node", counting)
        yield "fast", load(root, use_cache=False, tolerant=tolerant), built[0]
        mp.setenv("BRIEFING_CACHE_DIR", cache)
        load(root)
        hits: list[object] = []
        get = Cache.get

        def spying(self: Cache, *args: Any) -> Any:
            hits.append(get(self, *args))
            return hits[-1]

        mp.setattr(Cache, "get", spying)
        cached = load(root, tolerant=tolerant)
        assert hits and None not in hits, "the second load was not served from the cache"
        assert isinstance(cached.facts.events, LazyEvents)
        yield "cache", cached, 0


def same_three_ways(root: Path, tolerant: bool = True) -> list[tuple[str, Loaded, int]]:
    """Load three ways and require equal models, problems and facts left out; return the
    three."""
    loads = list(three_ways(root, tolerant))
    (_, general, _), *others = loads
    for name, loaded, _ in others:
        assert collections(loaded.facts) == collections(general.facts), name
        assert loaded.facts.files == general.facts.files, name
        assert loaded.problems == general.problems, name
        assert loaded.facts.left_out == general.facts.left_out, name
    return loads


SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_every_model_field_is_in_the_spec_and_every_spec_field_in_the_model() -> None:
    kinds: list[tuple[str, type[Any]]] = [*CLASSES.items(), ("citations", Citation)]
    for kind, cls in kinds:
        if cls is Contest:
            continue  # its citation's fields are its citation's: see the next test
        names = {f.name for f in spec_fields(kind)}
        model = [f.name for f in dataclasses.fields(cls) if f.name not in PROVENANCE]
        assert EXTENSIONS in model, f"{cls.__name__} keeps no fields of the curator's own"
        model.remove(EXTENSIONS)
        spelled = {name for field in model for name in SPEC_NAMES.get(field, (field,))}
        assert spelled <= names, f"{cls.__name__}: not in the spec: {spelled - names}"
        assert names <= spelled, f"{cls.__name__}: not in the model: {names - spelled}"


def test_a_disagreement_is_a_field_a_value_and_one_citation() -> None:
    assert {f.name for f in spec.CONTEST} == {"field", "value"} | {f.name for f in spec.CITATION}
    model = [f.name for f in dataclasses.fields(Contest)]
    # `when`: the value worked out as a date, for a date field.
    assert model == ["origin", "sources", "field", "value", "when"]


def walk(obj: Any) -> Iterator[Any]:
    """A model object and every model object nested in it (its place included)."""
    yield obj
    for f in dataclasses.fields(obj):
        if isinstance(getattr(obj, f.name), Place):
            yield getattr(obj, f.name)
        for inner in getattr(obj, f.name) if isinstance(getattr(obj, f.name), tuple) else ():
            if dataclasses.is_dataclass(inner):
                yield from walk(inner)


@settings(SETTINGS, max_examples=5)
@given(fact_bases(full=True))
def test_every_field_set_survives_every_path(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder) / "facts", files)
        loads = same_three_ways(Path(folder) / "facts", tolerant=False)
    for way, loaded, _ in loads:
        for collection in COLLECTIONS:
            items = getattr(loaded.facts, collection)
            assert len(items) == SIZES[collection], (way, collection)
            for obj in (inner for each in items for inner in walk(each)):
                for f in dataclasses.fields(obj):
                    if f.name not in PROVENANCE:
                        factory = f.default_factory
                        default = f.default if factory is dataclasses.MISSING else factory()
                        kept = getattr(obj, f.name) != default
                        assert kept, f"{way}: {type(obj).__name__}.{f.name} came back empty"


def fast_path_event(event: dict[str, Any]) -> bool:
    """Whether a clean event's fields are all ones the fast path reads: a place given by name
    takes it; a place mapping, fields of the curator's own, or a citation's own date send the
    event the general way."""
    if any(key.startswith("x-") or value is None for key, value in event.items()):
        return False
    if isinstance(event.get("place"), dict) or isinstance(event.get("date"), dict):
        return False
    if isinstance(event.get("known_since"), dict) or "contested" in event:
        return False
    citations = event["sources"]
    return all(
        not any(
            k.startswith("x-") or k in ("accessed", "recorded", "credibility") or v is None
            for k, v in c.items()
        )
        for c in citations
    )
