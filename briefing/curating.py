"""The command line's side of curating (`init`, `add`, `fmt`): what is asked for, said and
written; the facts, their text and the layout come from the core (:mod:`briefing.starter`,
:mod:`briefing.authoring`, :mod:`briefing.layout`). Domain errors are raised, and the
command line words them (one line on stderr and an exit status), as for every command.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import BriefingError, UsageError
from briefing.parse import display_path

if TYPE_CHECKING:
    from briefing.model import FactBase

# Where a fact base keeps its archived sources unless told (`<source id>.txt` each).
ARCHIVE = "sources"


def _emit(text: str | Iterable[str]) -> None:
    """Data to stdout (a reader that went away, as with `| head`, is no error)."""
    from briefing.output import write_stdout

    write_stdout(text)


def _say(text: str) -> None:
    """One message on stderr (its text already made safe with ``one_line``)."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _own(facts_option: Path | None, refusal: str, hint: str = "") -> Path:
    """The fact base a command writes to; the bundled one, never written, is refused with
    ``refusal`` and how to name another."""
    from briefing.loader import bundled_facts, resolve_location

    root, why = resolve_location(facts_option)
    if why == "bundled" or root.resolve() == bundled_facts().resolve():
        how = "give --facts DIR" + (hint or " (briefing init DIR makes one)")
        raise UsageError(f"{refusal}: {how}")
    return root


def init(folder: Path, force: bool) -> None:
    """`briefing init DIR`: see the command's help."""
    from briefing import starter
    from briefing.settings import load_settings

    shown = display_path(folder)
    if folder.exists() and not folder.is_dir():
        raise BriefingError(f"{shown} is a file, not a folder; nothing written")
    try:
        there = folder.is_dir() and any(folder.iterdir())
    except OSError as exc:
        raise BriefingError(f"{shown}: cannot read the folder: {exc.strerror or exc}") from None
    if there and not force:
        raise BriefingError(
            f"{shown} already has files; nothing written (--force adds the files it lacks,"
            " changing none)"
        )
    settings = None  # the terms of a settings file that is there go into the schema
    if there:
        found, problems = load_settings(folder)
        settings = None if problems else found
    written, kept = [], []
    for name, text in starter.files(settings).items():
        target = folder / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # "x": a file of that name, however it got there, is never overwritten.
            with open(target, "x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            kept.append(name)
            continue
        except OSError as exc:
            raise BriefingError(
                f"{display_path(target)}: cannot write: {exc.strerror or exc}"
            ) from None
        written.append(name)
    import shlex

    from briefing.render import one_line

    _emit("".join(f"{one_line(display_path(folder / name))}\n" for name in written))
    note = f"; kept {len(kept)} that were there: {', '.join(kept)}" if kept else ""
    _say(
        f"briefing: a new fact base in {one_line(shown)}: wrote {len(written)} files{note}."
        f" Check it with: briefing check --facts {one_line(shlex.quote(shown))}"
    )


def add(
    facts_option: Path | None,
    use_cache: bool,
    follow_links: bool,
    collection: str,
    given: dict[str, Any],
) -> None:
    """`briefing add`: the fact from the options (and prompts, on a terminal), checked with
    the rest of the fact base, then appended to its file atomically, or shown (--dry-run)."""
    from briefing import authoring
    from briefing.loader import load
    from briefing.render import one_line

    root = _own(facts_option, "add to a fact base of your own")
    loaded = load(root, use_cache, follow_links)
    facts = loaded.facts
    target_option: Path | None = given.pop("file")
    quotes: Path | None = given.pop("quotes")
    dry_run: bool = given.pop("dry_run")
    values = _add_values(collection, given)
    if _interactive():
        _prompt_missing(collection, values, facts)
    authoring.resolve(collection, values, facts)
    missing = [
        "--source and --quote" if f.kind == "citations" else f"--{f.name.replace('_', '-')}"
        for f in authoring.fields(collection)
        if f.required and f.name not in values and f.name != "id"
    ]
    if missing:
        raise UsageError(
            f"missing {', '.join(missing)}; try `briefing add {collection[:-1]} --help`"
        )
    taken = _ids(facts)
    if "id" in values and values["id"] in taken:
        raise BriefingError(f"the id `{values['id']}` is taken; choose another, or leave --id out")
    values.setdefault("id", authoring.propose_id(collection, values, taken))
    item = authoring.fact(collection, values)
    target = target_option or authoring.target_file(root, collection)
    shown = display_path(target)
    try:
        before = target.read_bytes() if target.exists() else None
    except OSError as exc:
        raise BriefingError(f"{shown}: cannot read the file: {exc.strerror or exc}") from None
    try:
        old = (before or b"").decode("utf-8")
    except UnicodeDecodeError:
        raise BriefingError(f"{shown}: not valid UTF-8; nothing written") from None
    written = authoring.block(collection, item)
    try:
        added = authoring.append(old, collection, written)
    except authoring.CannotAdd as exc:
        raise BriefingError(f"{shown}: {exc}; nothing written") from None
    new = added.text.encode("utf-8")
    after = load(root, False, follow_links, replaced={target: new})
    found = [p for p in after.problems if p.path == shown and added.first <= p.line <= added.last]
    from briefing.render.text import problem_lines

    for problem in found:
        _say("\n".join(problem_lines(problem)))
    errors = [p for p in found if p.is_error]
    if errors:
        count = len(errors)
        problems = f"{count} problem{'s' if count > 1 else ''}"
        raise BriefingError(f"{problems} in the new {collection[:-1]}; nothing written")
    # The archive named, else the fact base's own `sources/` folder when it has one.
    archive = quotes if quotes is not None else root / ARCHIVE if root.is_dir() else None
    if archive is not None and archive.is_dir():
        _check_quotes(after.facts, collection, item["id"], archive, named=quotes is not None)
    if "date" in item:
        _say_date(item["date"])
    if dry_run:
        _emit(f"# {shown}, at line {added.first} (not written: --dry-run)\n{written}")
        return
    write(target, before, new)
    where = f"{one_line(shown)}:{added.first}"
    _say(f"briefing: added {collection[:-1]} `{one_line(item['id'])}` to {where}")
    _emit(f"{item['id']}\n")


def _add_values(collection: str, given: dict[str, Any]) -> dict[str, Any]:
    """The fields given as options, by name; --source and --quote paired into citations."""
    values: dict[str, Any] = {}
    for key, value in given.items():
        if key.startswith("field_") and value is not None and value != []:
            values[key[6:]] = list(value) if isinstance(value, (list, tuple)) else value
    if len(values.get("authors", ())) == 1:
        values["author"] = values.pop("authors")[0]  # one author is written `author:`
    sources, quotes = given.get("cite_source") or [], given.get("cite_quote") or []
    if len(sources) != len(quotes):
        raise UsageError(
            f"{len(sources)} --source and {len(quotes)} --quote: give one --quote for each --source"
        )
    grades = given.get("cite_credibility") or []
    if grades and len(grades) != len(sources):
        raise UsageError(
            f"{len(sources)} --source and {len(grades)} --credibility: give none, or one "
            "--credibility for each --source"
        )
    if sources:
        values["sources"] = [
            {"source": s, "quote": q} for s, q in zip(sources, quotes, strict=True)
        ]
        for citation, graded in zip(values["sources"], grades, strict=False):
            citation["credibility"] = graded
    if "place" in values:
        values["place"] = {"name": values["place"]}
    return values


def _interactive() -> bool:
    """Whether to ask for missing fields: both ends of the conversation are a terminal."""
    return bool(sys.stdin and sys.stdin.isatty() and sys.stderr and sys.stderr.isatty())


def _ids(facts: FactBase) -> set[str]:
    """Every id the fact base holds (ids are unique across all its collections)."""
    from briefing.index import index
    from briefing.model import COLLECTIONS

    taken = set(index(facts.events).ids)
    for name in COLLECTIONS:
        if name != "events":  # read from the index, undecoded
            taken.update(item.id for item in getattr(facts, name))
    return taken


def _say_date(written: str) -> None:
    """The date read back in words, as the views will show it: 'late February 2022 → 21–28
    Feb 2022'."""
    from briefing.dates import DateError, parse_date
    from briefing.datetext import compact, days
    from briefing.render import one_line

    try:
        when = parse_date(written)
    except DateError:
        return  # the check has said why
    bounds = days(when.start, when.end) if when.start and when.end else compact(when)
    _say(f"briefing: date {one_line(written)} → {one_line(bounds)}")


def _check_quotes(facts: FactBase, collection: str, ident: str, archive: Path, named: bool) -> None:
    """Each quote of the new fact ``ident`` must be in its archived source, where there is
    one (as `check --quotes` reads them); a source with no copy is said when the archive
    was ``named`` (--quotes), else passed over."""
    from briefing.index import index
    from briefing.model import FactBase
    from briefing.quotes import verify_quotes
    from briefing.render import one_line

    items = getattr(facts, collection)
    at = list(index(items).ids).index(ident) if collection == "events" else None
    new = items[at] if at is not None else next(f for f in items if f.id == ident)
    alone = FactBase(facts.location, **{collection: (new,)})
    checked = verify_quotes(alone, archive, display_path(archive))
    for problem in checked.problems:
        if named or "quote not found" in problem.message:
            _say(f"briefing: {one_line(problem.message)}")
    if checked.not_found:
        raise BriefingError("a quote is not in its archived source word for word; nothing written")


def fmt(facts_option: Path | None, follow_links: bool, check: bool) -> None:
    """`briefing fmt`: see the command's help."""
    from briefing import layout
    from briefing.loader import discover, resolve_location
    from briefing.render import one_line

    if check:
        root = resolve_location(facts_option)[0]
    else:
        root = _own(facts_option, "fmt rewrites a fact base of your own", " (or --check)")
    paths, _ = discover(root, follow_links)
    changed, failed = [], 0
    for path in paths:
        shown = display_path(path)
        try:
            before = path.read_bytes()
            text = before.decode("utf-8")
            after = layout.formatted(text)
        except OSError as exc:
            _say(f"briefing: {one_line(shown)}: cannot read: {exc.strerror or exc}")
            failed += 1
            continue
        except UnicodeDecodeError:
            _say(f"briefing: {one_line(shown)}: not valid UTF-8; left as it is")
            failed += 1
            continue
        except layout.CannotFormat as exc:
            _say(f"briefing: {one_line(shown)}: {one_line(str(exc))}")
            failed += 1
            continue
        if after == text:
            continue
        if not check:
            write(path, before, after.encode("utf-8"))
        changed.append(shown)
    _emit("".join(f"{one_line(shown)}\n" for shown in changed))
    done = "would change" if check else "changed"
    summary = f"{len(changed)} of {len(paths)} files {done}"
    if failed or (check and changed):
        raise BriefingError(summary + (f"; {failed} left as they are" if failed else ""))
    _say(f"briefing: {summary}")


def write(target: Path, before: bytes | None, new: bytes) -> None:
    """Write ``new`` to ``target`` atomically (a temporary file beside it, then a rename),
    refusing if the file changed since it was read as ``before`` (None: did not exist)."""
    import os
    import tempfile

    shown = display_path(target)
    changed = f"{shown} changed since it was read; nothing written: run the command again"
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(new)
            out.flush()
            os.fsync(out.fileno())
        if before is None:
            try:
                os.link(temporary, target)  # fails if the file appeared meanwhile
            except FileExistsError:
                raise BriefingError(changed) from None
            return
        try:
            now = target.read_bytes()
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        except OSError as exc:
            raise BriefingError(
                f"{shown}: cannot read the file again: {exc.strerror or exc}"
            ) from None
        if now != before:
            raise BriefingError(changed) from None
        os.replace(temporary, target)
    except OSError as exc:
        raise BriefingError(
            f"{shown}: cannot write: {exc.strerror or exc}; nothing written"
        ) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _prompt_missing(collection: str, values: dict[str, Any], facts: FactBase) -> None:
    """On a terminal: ask for each required field not given, with completion of ids, names
    and aliases; a date is read back in words before it is taken."""
    from briefing import authoring

    for f in authoring.fields(collection):
        if not f.required or f.name in values or f.name == "id":
            continue
        if f.kind in ("citations", "cited"):
            source = _ask("Source (id)", _prompt_words(facts, "sources"))
            quote = _ask("Quote, word for word", [])
            values[f.name] = [{"source": source, "quote": quote}]
            continue
        choices = list(f.choices) or _prompt_words(facts, f.kind.partition(":")[2])
        while True:
            answer = _ask(f"{f.name.replace('_', ' ').capitalize()} ({f.doc})", choices)
            if f.kind != "date" or _date_taken(answer):
                break
        values[f.name] = [answer] if f.kind.startswith("refs:") else answer


def _date_taken(written: str) -> bool:
    from briefing.dates import DateError, parse_date

    try:
        parse_date(written)
    except DateError as exc:
        _say(f"briefing: {exc}")
        return False
    _say_date(written)
    return _answer("Is that the date? [Y/n]").lower() in ("", "y", "yes")


def _prompt_words(facts: FactBase, collection: str) -> list[str]:
    """What a prompt completes: the collection's ids, and names and aliases."""
    items = getattr(facts, collection, ()) if collection in ("sources", "topics", "actors") else ()
    words: list[str] = []
    for item in items:
        words += [item.id, getattr(item, "name", ""), *getattr(item, "aliases", ())]
    return [w for w in dict.fromkeys(words) if w]


def _answer(question: str) -> str:
    """One line from the user, the question on stderr (stdout is for data)."""
    sys.stderr.write(question + ": ")
    sys.stderr.flush()
    try:
        return input().strip()
    except EOFError:
        raise UsageError("no answer; give the missing fields as options") from None


def _ask(question: str, words: list[str]) -> str:
    """One answer, with tab completion of ``words`` where the terminal has readline."""
    try:
        import readline
    except ImportError:  # no readline (Windows): no completion
        readline = None  # type: ignore[assignment]
    if readline is not None and words:
        readline.set_completer(
            lambda text, n: ([w for w in words if w.lower().startswith(text.lower())] + [None])[n]
        )
        readline.set_completer_delims("")
        readline.parse_and_bind("tab: complete")
    try:
        answer = ""
        while not answer:
            answer = _answer(question)
    finally:
        if readline is not None:
            readline.set_completer(None)
    return answer.strip()
