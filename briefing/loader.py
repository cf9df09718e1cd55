"""Find and read a fact base: from the cache, or parse and validate; then combine the files."""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from briefing import parse
from briefing.errors import FactBaseNotFound, Problem
from briefing.model import FactBase, FileFacts
from briefing.parse import display_path, read_file
from briefing.settings import SETTINGS_FILES, Settings, load_settings
from briefing.workers import jobs, let_go_of_output

ENV_VAR = "BRIEFING_FACTS"
YAML_SUFFIXES = (".yaml", ".yml")
# Parsed files adding up to this many bytes are cached by a background process.
BACKGROUND_BYTES = 8 * 1024 * 1024
# Uncached files adding up to this many bytes are parsed by worker processes, one per core.
PARALLEL_BYTES = 8 * 1024 * 1024


class Loaded(NamedTuple):
    """A fact base without the facts left out (``facts.left_out``), and every problem found:
    errors first, then errors that follow from them, then warnings."""

    facts: FactBase
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def bundled_facts() -> Path:
    """The fact base shipped with the package (in a checkout: the repository's facts/)."""
    here = Path(__file__).resolve().parent
    packaged = here / "facts"
    return packaged if packaged.is_dir() else here.parent / "facts"


def resolve_location(option: str | Path | None) -> tuple[Path, str]:
    """Which fact base to read, and why: --facts, else $BRIEFING_FACTS, else the bundled one."""
    if option:
        return Path(option), "--facts"
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env), f"${ENV_VAR}"
    return bundled_facts(), "bundled"


class Discovered(NamedTuple):
    """The YAML files of a fact base, and what kept the walk from reading all of it."""

    paths: list[Path]
    problems: list[Problem]


def discover(root: Path, follow_links: bool = False) -> Discovered:
    """The YAML files of a fact base, in a stable order; hidden files and folders skipped,
    and so is the settings file at its top (settings, not facts).

    The walk is iterative (any depth) and an unreadable folder is a problem, not a silent
    gap. Links are followed only to files inside the fact base: a cloned fact base must not
    read /proc or a home folder. ``follow_links`` (``--follow-links``) follows every link,
    to folders too, each folder walked once however many links reach it."""
    if root.is_file():
        return Discovered([root], [])
    if not root.exists():
        raise FactBaseNotFound(
            f"{display_path(root)}: no such file or folder; give a fact base with --facts PATH"
        )
    if not root.is_dir():
        raise FactBaseNotFound(f"{display_path(root)}: not a file or folder")
    inside = root.resolve()
    found: list[Path] = []
    problems: list[Problem] = []
    folders = [root]
    walked: set[tuple[int, int]] = set()
    while folders:
        folder = folders.pop()
        try:
            if follow_links:
                seen = os.stat(folder)
                if (seen.st_dev, seen.st_ino) in walked:
                    continue
                walked.add((seen.st_dev, seen.st_ino))
            with os.scandir(folder) as entries:
                listed = [(e.name, _is_folder(e, follow_links), e.is_symlink()) for e in entries]
        except OSError as exc:
            shown = display_path(folder)
            reason = exc.strerror or str(exc)
            problems.append(Problem(shown, 0, 0, f"cannot read folder: {reason}"))
            continue
        for name, is_folder, is_link in listed:
            if name.startswith(".") or (folder == root and name in SETTINGS_FILES):
                continue
            path = folder / name
            if is_folder:
                folders.append(path)
            elif is_link and not follow_links and _is_folder_link(path):
                message = "a link to a folder, not followed; pass --follow-links to read it"
                problems.append(Problem(display_path(path), 0, 0, message))
            elif name.lower().endswith(YAML_SUFFIXES):
                if is_link and not follow_links and not _inside(path, inside):
                    message = (
                        "a link to a file outside the fact base; copy the file in, "
                        "or pass --follow-links to read it"
                    )
                    problems.append(Problem(display_path(path), 0, 0, message))
                    continue
                found.append(path)
    if not found and not problems:
        raise FactBaseNotFound(
            f"{display_path(root)}: no .yaml or .yml files in this folder; "
            "point --facts at a fact base"
        )
    return Discovered(sorted(found), problems)


def _is_folder(entry: os.DirEntry[str], follow_links: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow_links)
    except OSError:  # a link loop or a vanished target: not a folder to walk
        return False


def _is_folder_link(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a link loop: reading it reports the loop
        return True


def _parse_for_cache(path: Path, pending: list[tuple[Any, Any]], settings: Settings) -> Any:
    """Parse a file, noting what to cache under the identity it had before it was read."""
    from briefing.cache import digest, observe
    from briefing.validate import check_file

    before = observe(path)
    if before is None or before[0][1] > parse.MAX_FILE_BYTES:
        return check_file(read_file(path), path, settings)  # which words the problem
    try:
        raw = parse.read_bounded(path)
    except OSError:
        return check_file(read_file(path), path, settings)
    checked = check_file(read_file(path, raw), path, settings)
    if len(raw) > parse.MAX_FILE_BYTES:
        return checked  # a file that grew past the limit, or reports a false size
    pending.append(((before[0], before[1], digest(raw)), checked))
    return checked


def _by_content(cache: Any, path: Path) -> FileFacts | None:
    """What the cache holds for a file with these bytes, read before at any path."""
    from briefing.cache import digest

    try:
        raw = parse.read_bounded(path)
    except OSError:
        return None  # reading it again says why
    if len(raw) > parse.MAX_FILE_BYTES:
        return None
    found: FileFacts | None = cache.get_by_content(digest(raw), path, display_path(path))
    return found


def _store(cache: Any, pending: list[tuple[Any, Any]]) -> None:
    """Write new cache entries: a large batch in a background process (on the other core,
    while this one answers), a small one here, so that small runs stay predictable."""
    if not pending:
        return
    size = sum(seen[0][1] for seen, _ in pending)
    if size >= BACKGROUND_BYTES and hasattr(os, "fork") and _store_in_background(cache, pending):
        return
    for seen, checked in pending:
        cache.put(seen, checked)


def _store_in_background(cache: Any, pending: list[tuple[Any, Any]]) -> bool:
    gc.freeze()  # fewer copy-on-write pages in the child
    try:
        child = os.fork()
    except OSError:
        return False
    if child == 0:
        # The child forks again and exits at once, so the writer is nobody's zombie.
        try:
            if os.fork() == 0:
                try:
                    # A reader waiting for the end of our output must not wait for the cache.
                    let_go_of_output()
                    gc.disable()
                    for seen, checked in pending:
                        cache.put(seen, checked)
                finally:
                    os._exit(0)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _shares(sizes: dict[Path, int], count: int) -> list[list[Path]]:
    """The files in ``count`` shares of about the same size in bytes (largest file first)."""
    shares: list[list[Path]] = [[] for _ in range(count)]
    loads = [0] * count
    for path in sorted(sizes, key=sizes.__getitem__, reverse=True):
        n = loads.index(min(loads))
        shares[n].append(path)
        loads[n] += sizes[path]
    return [share for share in shares if share]


def _parse_in_workers(cache: Any, paths: list[Path], settings: Settings) -> bool:
    """Parse many uncached files on every core: each worker process parses its share and
    stores it in the cache, from which this process then reads it as a warm run does (so
    it never holds the parsed files itself). False if no worker ran; a file a worker could
    not store is simply not in the cache, and this process parses it as usual."""
    count = min(jobs(), len(paths))
    if count < 2 or not hasattr(os, "fork"):
        return False
    sizes = {path: _size(path) for path in paths}
    if sum(sizes.values()) < PARALLEL_BYTES:
        return False
    gc.freeze()  # fewer copy-on-write pages in the workers
    children = []
    for share in _shares(sizes, count):
        try:
            child = os.fork()
        except OSError:
            break
        if child == 0:
            _work(cache, share, settings)
        children.append(child)
    for child in children:
        os.waitpid(child, 0)
    return bool(children)


def _work(cache: Any, share: list[Path], settings: Settings) -> None:
    """A worker process: parse and store each file of ``share``, then exit (never returns)."""
    code = 1
    try:
        let_go_of_output()  # nothing a worker meets is shown: the parent reports it all
        for path in share:
            pending: list[tuple[Any, Any]] = []
            _parse_for_cache(path, pending, settings)
            for seen, checked in pending:
                cache.put(seen, checked)
        code = 0
    finally:
        os._exit(code)


def load(
    location: str | Path,
    use_cache: bool = True,
    follow_links: bool = False,
    tolerant: bool = True,
    replaced: Mapping[Path, bytes] | None = None,
    by_content: bool = False,
) -> Loaded:
    """Read and check a fact base, through the parse cache; problems are returned, not raised.

    ``follow_links``: read what links outside the fact base point to (see :func:`discover`).
    ``tolerant``: leave out the facts listed in ``facts.left_out`` (with errors, or depending
    on facts with errors); else keep every fact that could be built, as `check` does.
    ``replaced``: files read as if they held these bytes (a fact file about to be written,
    checked with the rest before it is; a path the fact base lacks is added), never cached.
    ``by_content``: each file is found in the cache by its bytes, read as they were at any
    path before, and nothing is written (a git revision's files in a temporary folder)."""
    from briefing.validate import check_file, combine

    root = Path(location)
    paths, walk_problems = discover(root, follow_links)
    replaced = replaced or {}
    paths += sorted(set(replaced) - set(paths))
    settings, settings_problems = load_settings(root)
    walk_problems += settings_problems
    cache = None
    if use_cache and not os.environ.get("BRIEFING_NO_CACHE"):
        from briefing.cache import Cache

        cache = Cache.open(context=settings.key())

    def parse(path: Path) -> FileFacts:
        return check_file(read_file(path), path, settings)

    pending: list[tuple[Any, Any]] = []

    def read(path: Path) -> FileFacts:  # a file not cached: parsed here (and then cached)
        if path in replaced:
            return check_file(read_file(path, replaced[path]), path, settings)
        return _parse_for_cache(path, pending, settings) if cache else parse(path)

    # Collecting garbage while building many objects only slows the build down.
    enabled = gc.isenabled()
    gc.disable()
    try:
        cached = [path for path in paths if path not in replaced]
        if cache and by_content:
            found = {path: _by_content(cache, path) for path in cached}
            files = [found.get(path) or parse(path) for path in paths]
        else:
            found = {path: cache.get(path, display_path(path)) for path in cached} if cache else {}
            missing = [path for path in cached if found.get(path) is None]
            if cache and missing and _parse_in_workers(cache, missing, settings):
                found.update((path, cache.get(path, display_path(path))) for path in missing)
            files = [found.get(path) or read(path) for path in paths]
            if cache:
                _store(cache, pending)
        facts, problems = combine(
            files,
            display_path(root),
            lambda f: f.detail if f.detail is not None else parse(f.source).detail or [],
            walk_problems,
            tolerant,
        )
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return Loaded(facts, problems)
