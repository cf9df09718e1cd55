"""Worker processes: how many may run at once, and a long text made on every core.

A worker is a forked copy of this process (where the system can fork). It lets go of the
terminal and of any pipe, does its share, and ends with ``os._exit``: it never returns into
the code that started it. Whatever a worker could not do is done by the process that
started it, so a worker that fails, or cannot start, costs time and never changes a result.
"""

from __future__ import annotations

import gc
import itertools
import os
import signal
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

JOBS_VAR = "BRIEFING_JOBS"  # how many processes at most; 1: everything here, in turn

# Items a worker is given at least: fewer cost more to start and hand back than they save.
LEAST_ITEMS = 4000

_T = TypeVar("_T")
_LENGTH = 8  # bytes before a worker's text: its length, so a cut-off answer is never used


def jobs() -> int:
    """How many processes may work at once: ``$BRIEFING_JOBS``, else the cores this
    process may run on."""
    wanted = os.environ.get(JOBS_VAR, "").strip()
    if wanted.isascii() and wanted.isdigit() and int(wanted) > 0:
        return min(int(wanted), 64)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def let_go_of_output() -> None:
    """In a worker: let go of the terminal and of any pipe (stdin, stdout and stderr become
    the null device), so that nothing it meets is shown and no reader waits for it."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)


def in_parts(
    write: Callable[[Sequence[_T]], str], items: Sequence[_T], least: int | None = None
) -> Generator[str, None, None]:
    """``write(items)``, in consecutive parts made at once on every core: ``write`` of each
    slice of ``items``, the first here and each other in a worker, yielded in order.

    Only for a ``write`` whose text of a list is the texts of its parts, one after the
    other (each caller holds that in a test); slicing ``items`` should not read them. With
    fewer than ``least`` items a part (:data:`LEAST_ITEMS`), one core, or no fork, it is
    ``write(items)``, here."""
    least = max(least or LEAST_ITEMS, 1)
    count = min(jobs(), len(items) // least) if hasattr(os, "fork") else 1
    if count < 2:
        yield write(items)
        return
    bounds = [len(items) * n // count for n in range(count + 1)]
    parts = [items[start:stop] for start, stop in itertools.pairwise(bounds)]
    gc.freeze()  # fewer copy-on-write pages in the workers
    started: list[tuple[int, int] | None] = []
    try:
        for part in parts[1:]:
            started.append(_start(write, part, [w[1] for w in started if w]))
        yield write(parts[0])
        for n, part in enumerate(parts[1:]):
            worker, started[n] = started[n], None
            text = _answer(*worker) if worker else None
            yield write(part) if text is None else text
    finally:
        for worker in started:  # not needed after all: the caller stopped early
            if worker:
                os.close(worker[1])
                os.kill(worker[0], signal.SIGKILL)
                os.waitpid(worker[0], 0)


def _start(
    write: Callable[[Sequence[_T]], str], part: Sequence[_T], others: list[int]
) -> tuple[int, int] | None:
    """A worker writing ``part`` into a pipe: its process and the pipe's end to read; None
    if none could start. ``others``: the pipes from earlier workers, which it closes (a
    worker whose reader went away then finds its pipe broken)."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if child:
        os.close(write_end)
        return child, read_end
    code = 1
    try:
        for fd in (read_end, *others):
            os.close(fd)
        let_go_of_output()
        data = write(part).encode("utf-8", "surrogatepass")
        for block in (len(data).to_bytes(_LENGTH, "big"), data):
            view = memoryview(block)
            while view:
                view = view[os.write(write_end, view) :]
        code = 0
    finally:
        os._exit(code)


def _answer(child: int, read_end: int) -> str | None:
    """A worker's text, once it has ended well; None if it failed or was cut off."""
    try:
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            header = _read(pipe, bytearray(_LENGTH))
            length = int.from_bytes(header, "big") if len(header) == _LENGTH else -1
            data = _read(pipe, bytearray(max(length, 0)))
            whole = len(data) == length and not pipe.read(1)
    except OSError:
        whole = False
    finally:
        _, status = os.waitpid(child, 0)
    if not whole or os.waitstatus_to_exitcode(status) != 0:
        return None
    return str(data, "utf-8", "surrogatepass")


def _read(pipe: Any, into: bytearray) -> bytearray:
    """``into`` filled from ``pipe``, or as much of it as the pipe held."""
    view, got = memoryview(into), 0
    while got < len(into) and (n := pipe.readinto(view[got:])):
        got += n
    del view
    return into if got == len(into) else into[:got]
