"""Work spread over the machine's cores by forked worker processes.

Forked workers start with the parent's memory (model, templates, view
functions), so only small arguments and results cross between processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting workers costs more than they save.
PARALLEL_FROM = 64


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def forks(count: int, jobs: int) -> bool:
    return jobs > 1 and count >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods()


# The function being mapped. Set before the pool forks, so every worker
# inherits it: closures and bound methods work, nothing is pickled but the
# items and the results.
_TASK: Callable | None = None


def _run(item):
    return _TASK(item)


def parallel_map(func: Callable[[T], R], items: Sequence[T], jobs: int, chunksize: int = 8) -> Iterator[R]:
    """``map(func, items)`` in order, by ``jobs`` processes when ``forks``.
    Items and results cross between processes; ``func`` and what it reads
    are inherited."""
    global _TASK
    if not forks(len(items), jobs):
        yield from map(func, items)
        return
    _TASK = func
    gc.freeze()  # what exists now is shared with the workers, not copied by their collector
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_run, items, chunksize)
    finally:
        _TASK = None
        gc.unfreeze()
