"""A fact base as it was at a git revision, read with `git ls-tree` and `git cat-file`, never
by checking anything out: the user's working tree, index and stashes are left alone.

The files are written into a temporary folder, which the caller loads (with no cache: the
folder is gone afterwards) and which is removed when the ``with`` block ends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefing.errors import StateNotFound, UsageError
from briefing.parse import display_path

YAML_SUFFIXES = (".yaml", ".yml")
SYMLINK_MODE = b"120000"


@dataclass(frozen=True)
class Snapshot:
    """A revision's fact base written out: ``path`` to load (a folder, or the one fact file),
    the commit it was read from, and where the fact base is in the repository."""

    path: Path
    commit: str
    folder: str  # relative to the repository's top, "." for the top itself
    root: Path  # the temporary folder

    def shown(self, path: str) -> str:
        """A path in the temporary folder (as problems give it) as ``COMMIT:path`` in the
        repository; any other path as it is."""
        try:
            inside = Path(os.path.abspath(path)).relative_to(self.root)
        except ValueError:
            return path
        folder = PurePosixPath(self.folder)
        base = folder if self.path == self.root else folder.parent
        return f"{self.commit[:12]}:{(base / inside.as_posix()).as_posix()}"


def _environment() -> dict[str, str]:
    """This run's environment without git's own variables (GIT_DIR, GIT_WORK_TREE... would
    point git elsewhere), with no pager, no system configuration and no prompts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_TERMINAL_PROMPT="0",
        GIT_LITERAL_PATHSPECS="1",  # a folder named `*` or `:x` is that folder
        GIT_OPTIONAL_LOCKS="0",
        LC_ALL="C",
    )
    return env


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """git's standard output; a failure raises StateNotFound with git's last line."""
    git = shutil.which("git")
    if git is None:
        raise StateNotFound("git is not installed (or not on PATH); it reads old revisions")
    command = [git, "--no-pager", "-c", "core.quotepath=off", *args]
    try:
        done = subprocess.run(
            command, cwd=cwd, input=stdin, capture_output=True, env=_environment(), check=False
        )
    except OSError as exc:
        raise StateNotFound(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(lines[-1] if lines else f"git exited with status {done.returncode}")
    return done.stdout


class _GitFailed(StateNotFound):
    """git ran and refused; the message is its own last line."""


def _existing_folder(path: Path) -> Path:
    """The nearest folder that exists at or above ``path`` (the fact base may be gone now)."""
    here = Path(os.path.abspath(path))
    while not here.is_dir() and here != here.parent:
        here = here.parent
    return here


def repository(facts: Path) -> tuple[Path, str]:
    """The top of the git repository holding ``facts``, and ``facts`` relative to it."""
    shown = display_path(facts)
    try:
        top = _git(["rev-parse", "--show-toplevel"], _existing_folder(facts))
    except _GitFailed:
        raise StateNotFound(
            f"{shown} is not inside a git repository; give two folders to compare instead"
        ) from None
    root = Path(os.fsdecode(top.rstrip(b"\n"))).resolve()
    try:
        inside = Path(os.path.abspath(facts)).resolve().relative_to(root)
    except ValueError:
        raise StateNotFound(f"{shown} is not inside the git repository {root}") from None
    return root, inside.as_posix()


def commit_of(revision: str, top: Path) -> str:
    """The commit ``revision`` names, as a full object id."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        raise UsageError(f"{revision!r} is neither a folder nor a git revision")
    try:
        found = _git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top
        )
    except _GitFailed:
        raise StateNotFound(
            f"{revision!r} is neither a folder nor a revision of the git repository {top}"
        ) from None
    return found.decode("ascii").strip()


def _entries(commit: str, folder: str, top: Path) -> list[tuple[str, bytes]]:
    """(path from the top, object id) of every fact file under ``folder`` at ``commit``:
    YAML blobs only (links, submodules and other files are not part of a fact base)."""
    spec = [] if folder == "." else ["--", folder]
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit, *spec], top)
    found = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        path = os.fsdecode(raw_path)
        if kind != b"blob" or mode == SYMLINK_MODE or not path.lower().endswith(YAML_SUFFIXES):
            continue
        found.append((path, oid))
    return found


def _contents(oids: list[bytes], top: Path) -> list[bytes]:
    """The blobs named by ``oids``, in that order, read by one `git cat-file --batch`."""
    if not oids:
        return []
    out = _git(["cat-file", "--batch"], top, stdin=b"".join(o + b"\n" for o in oids))
    blobs, at = [], 0
    for _ in oids:
        end = out.index(b"\n", at)
        size = int(out[at:end].split(b" ")[2])
        blobs.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1  # the content, then a newline
    return blobs


def _relative(path: str, folder: str) -> PurePosixPath | None:
    """``path`` (from the repository's top) inside ``folder``; None for anything that could
    leave the temporary folder."""
    inside = PurePosixPath(path)
    if folder != ".":
        inside = inside.relative_to(folder)
    if any(part in ("", ".", "..") for part in inside.parts) or inside.is_absolute():
        return None
    return inside


@contextmanager
def snapshot(revision: str, facts: Path) -> Iterator[Snapshot]:
    """The fact base at ``facts`` (a folder or a file, in a git repository) as it was at
    ``revision``, written into a temporary folder for the ``with`` block."""
    top, folder = repository(facts)
    commit = commit_of(revision, top)
    entries = _entries(commit, folder, top)
    where = f"{revision}:{folder}"
    if not entries:
        raise StateNotFound(f"{where}: no .yaml or .yml files there at that revision")
    blobs = _contents([oid for _, oid in entries], top)
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as temporary:
        root = Path(temporary)
        if len(entries) == 1 and entries[0][0] == folder:  # a fact base of one file
            target = root / PurePosixPath(folder).name
            target.write_bytes(blobs[0])
            yield Snapshot(target, commit, folder, root)
            return
        for (path, _), blob in zip(entries, blobs, strict=True):
            inside = _relative(path, folder)
            if inside is None:
                continue
            target = root.joinpath(*inside.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        yield Snapshot(root, commit, folder, root)
