"""parallel_map: results in order, work shared by the caller and its workers."""

from __future__ import annotations

import os

import pytest

from generator.kit.workers import PARALLEL_FROM, parallel_map


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_map_keeps_order_and_shares_the_work(jobs: int) -> None:
    offset = 1000  # a closure: inherited by the forked workers, never pickled

    def work(item: int) -> tuple[int, int]:
        return item + offset, os.getpid()

    items = list(range(PARALLEL_FROM * 4))
    results = list(parallel_map(work, items, jobs, chunksize=8))
    assert [value for value, _ in results] == [item + offset for item in items]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids  # the caller takes its share
    assert len(pids) >= 2  # and at least one worker took the rest


def test_small_inputs_stay_in_the_caller() -> None:
    results = list(parallel_map(lambda item: os.getpid(), range(PARALLEL_FROM - 1), 2))
    assert set(results) == {os.getpid()}


def test_a_failure_in_a_worker_reaches_the_caller() -> None:
    def work(item: int) -> int:
        if item == PARALLEL_FROM + 9:  # chunk 9: odd chunks go to the worker when jobs is 2
            raise ValueError(f"bad item {item}")
        return item

    with pytest.raises(ValueError, match="bad item"):
        list(parallel_map(work, list(range(PARALLEL_FROM * 2)), 2, chunksize=8))


def test_items_are_inherited_and_only_results_cross() -> None:
    # A lambda cannot be pickled: each item reaches its worker by inheritance, as the function does.
    items = [(number, lambda number=number: number) for number in range(PARALLEL_FROM * 2 + 3)]  # a last chunk of 3
    results = list(parallel_map(lambda item: (item[1](), os.getpid()), items, 2, chunksize=8))
    assert [number for number, _ in results] == list(range(len(items)))
    assert len({pid for _, pid in results}) == 2
