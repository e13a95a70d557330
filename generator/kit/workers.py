"""Work spread over the machine's cores by forked worker processes.

Forked workers start with the parent's memory (model, templates, view
functions), so only small arguments and results cross between processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting workers costs more than they save.
PARALLEL_FROM = 64
# A worker is replaced after this many chunks. Every object a worker reads
# has its reference count written, which copies the page it lives on out of
# what the worker shares with its parent; a worker that lived through a whole
# build would end up with its own copy of the model.
CHUNKS_PER_WORKER = 50


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def paused_collector() -> Iterator[None]:
    """Run without Python's cyclic garbage collector. A build makes millions
    of small objects (events, statements, page keys) and no reference
    cycles to speak of; the collector, triggered again and again while they
    are made, walked the whole growing heap each time and cost a third of a
    rebuild. Reference counting still frees everything, and workers are
    replaced often (CHUNKS_PER_WORKER), so no garbage outlives them long."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # What the build made is left to reference counting: enabled over
            # millions of tracked objects, the collector would walk them all
            # at once (most of a second at 30,000 transcripts) for no garbage.
            gc.freeze()
            gc.enable()


def forks(count: int, jobs: int, at_least: int = PARALLEL_FROM) -> bool:
    return jobs > 1 and count >= at_least and "fork" in multiprocessing.get_all_start_methods()


# The function being mapped and its items. Set before the pool forks, so
# every worker inherits them: closures and bound methods work, and a chunk
# crosses to a worker as its bounds. Only results are pickled. (Pickled,
# a thousand transcripts' pages were 44 MB, and a third of a millisecond
# each to pickle in the thread that feeds the workers, which takes its
# turn at the interpreter from the parent's own rendering.)
_TASK: Callable | None = None
_ITEMS: Sequence = ()


def _ignore_interrupt() -> None:
    """Ctrl-C reaches every process of the terminal's group: the parent
    stops the pool, and a worker printing its own traceback would only
    bury the one line that says the build was interrupted."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(bounds: tuple[int, int]) -> list:
    return [_TASK(_ITEMS[index]) for index in range(*bounds)]


def parallel_map(func: Callable[[T], R], items: Sequence[T], jobs: int, chunksize: int = 8,
                 at_least: int = PARALLEL_FROM) -> Iterator[R]:
    """``map(func, items)`` in order, by ``jobs`` processes when ``forks``:
    the caller's own and ``jobs - 1`` forked workers. The caller takes every
    ``jobs``-th chunk itself instead of waiting: it reads the model it owns
    without copying a page, where a worker copies what it touches, so the
    work costs one worker's memory less. Results cross between processes;
    ``func``, the items and what they read are inherited. ``at_least``:
    fewer items than this are mapped here (few items of long work, such as
    search shards, may take a lower one)."""
    global _TASK, _ITEMS
    if not forks(len(items), jobs, at_least):
        yield from map(func, items)
        return
    chunks = [(start, min(start + chunksize, len(items))) for start in range(0, len(items), chunksize)]
    _TASK, _ITEMS = func, items
    gc.freeze()  # what exists now is shared with the workers, not copied by their collector
    try:
        with multiprocessing.get_context("fork").Pool(jobs - 1, _ignore_interrupt, maxtasksperchild=CHUNKS_PER_WORKER) as pool:
            theirs = pool.imap(_run_chunk, [c for number, c in enumerate(chunks) if number % jobs], 1)
            for number, chunk in enumerate(chunks):
                yield from (map(func, items[slice(*chunk)]) if number % jobs == 0 else next(theirs))
    finally:
        _TASK, _ITEMS = None, ()
        gc.unfreeze()
