"""Worker processes: how many may run at once, and a long text written on every core.

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
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

JOBS_VAR = "BRIEFING_JOBS"  # how many processes at most; 1: everything here, in turn

# Items a worker is given at least: fewer cost more to start and hand back than they save.
LEAST_ITEMS = 4000
# Parts of a text at most, whatever the cores: each worker holds a copy of the pages it
# touches, and a Markdown table's later workers number ever more of the notes before them.
MOST_PARTS = 4

_T = TypeVar("_T")
# Bytes of each whole number a worker writes (how many texts, then each text's length before
# it), so that an answer cut off is never taken for a whole one.
_LENGTH = 8


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


class Parts(Generic[_T]):
    """``items`` in consecutive parts, written at once on every core: this process writes
    the first (:attr:`first`) itself, as it likes; a worker started now writes each other
    part by ``write``, whose texts :meth:`rest` hands back in order. A part whose worker
    failed, or could not start, is written here by ``write``, so the texts never depend on
    how the work was shared. Leaving the ``with`` block ends any worker not yet heard.

    Slicing ``items`` should not read them. There are as many parts as cores, at most
    :data:`MOST_PARTS`; with fewer than ``least`` items a part (:data:`LEAST_ITEMS`), one
    core, or no fork, :attr:`first` is every item and there is no other part.

    ``lead``: how much larger the first part is than each other (a worker may have more to
    do before its part, as a Markdown table's worker numbers the notes before it)."""

    def __init__(
        self,
        write: Callable[[Sequence[_T]], tuple[str, ...]],
        items: Sequence[_T],
        least: int | None = None,
        lead: float = 1.0,
    ) -> None:
        self.write = write
        least = max(least or LEAST_ITEMS, 1)
        count = min(jobs(), MOST_PARTS, len(items) // least) if hasattr(os, "fork") else 1
        if count < 2:
            self.first, self._others = items, []
            self._started: list[tuple[int, int] | None] = []
            return
        # The first part counts ``lead`` shares, each other one.
        shares = lead + count - 1
        bounds = [0] + [round(len(items) * (lead + n) / shares) for n in range(count - 1)]
        bounds.append(len(items))
        self.first = items[: bounds[1]]
        self._others = [items[a:b] for a, b in itertools.pairwise(bounds[1:])]
        gc.freeze()  # fewer copy-on-write pages in the workers
        self._started = []
        for part in self._others:
            self._started.append(_start(write, part, [w[1] for w in self._started if w]))

    def rest(self) -> Iterator[tuple[str, ...]]:
        """The texts of each part after the first, in order."""
        for n, part in enumerate(self._others):
            worker, self._started[n] = self._started[n], None
            texts = _answer(*worker) if worker else None
            yield self.write(part) if texts is None else texts

    def close(self) -> None:
        """End every worker not heard yet (the reader stopped early)."""
        for n, worker in enumerate(self._started):
            if worker:
                self._started[n] = None
                os.close(worker[1])
                os.kill(worker[0], signal.SIGKILL)
                os.waitpid(worker[0], 0)

    def __enter__(self) -> Parts[_T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _start(
    write: Callable[[Sequence[_T]], tuple[str, ...]], part: Sequence[_T], others: list[int]
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
        # Each text as its length, then its bytes; first, how many texts.
        texts = [text.encode("utf-8", "surrogatepass") for text in write(part)]
        blocks = [len(texts).to_bytes(_LENGTH, "big")]
        for data in texts:
            blocks += (len(data).to_bytes(_LENGTH, "big"), data)
        for block in blocks:
            view = memoryview(block)
            while view:
                view = view[os.write(write_end, view) :]
        code = 0
    finally:
        os._exit(code)


def _answer(child: int, read_end: int) -> tuple[str, ...] | None:
    """A worker's texts, once it has ended well; None if it failed or was cut off."""
    texts: list[str] = []
    whole = False
    try:
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            count = _number(pipe)
            while len(texts) < count:
                length = _number(pipe)
                data = _read(pipe, bytearray(max(length, 0)))
                if length < 0 or len(data) != length:
                    break
                texts.append(str(data, "utf-8", "surrogatepass"))
            whole = len(texts) == count and not pipe.read(1)
    except OSError:
        pass
    finally:
        _, status = os.waitpid(child, 0)
    if not whole or os.waitstatus_to_exitcode(status) != 0:
        return None
    return tuple(texts)


def _number(pipe: Any) -> int:
    """The whole number a worker wrote next; -1 if the pipe ended first."""
    data = _read(pipe, bytearray(_LENGTH))
    return int.from_bytes(data, "big") if len(data) == _LENGTH else -1


def _read(pipe: Any, into: bytearray) -> bytearray:
    """``into`` filled from ``pipe``, or as much of it as the pipe held."""
    view, got = memoryview(into), 0
    while got < len(into) and (n := pipe.readinto(view[got:])):
        got += n
    del view
    return into if got == len(into) else into[:got]
