"""util.workers.fork_map with ``share``: the calling process takes part in the work."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from l10n.errors import InputError
from l10n.util import workers

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="forked workers need fork()")


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


@pytest.mark.parametrize("count", [2, 3])
def test_shared_work_comes_back_in_order_from_this_process_and_the_workers(count):
    """``workers`` processes in all, this one among them: the results in item order; the
    first groups go to the forked workers whatever their speed, the last ones are taken
    here while no worker has started them."""
    items = list(range(60))
    groups = [items[start:start + 3] for start in range(0, 60, 3)]
    found = workers.fork_map(items, _pid_and_square, groups, count, share=True)
    assert [square for _, square in found] == [number * number for number in items]
    here = os.getpid()
    by_group = [{found[index][0] for index in group} for group in groups]
    assert all(len(pids) == 1 for pids in by_group)  # a group runs in one process
    assert here not in by_group[0] | by_group[count - 2]  # the first ones: in a worker
    assert here in by_group[-1]  # the last one: here, before any worker could take it
    assert len(set().union(*by_group)) <= count  # no more processes than asked for


def _fails_on_odd(number: int) -> int:
    if number % 2:
        raise InputError(f"item {number} is odd", path="items.txt", line=number)
    return number


def test_the_first_items_error_is_raised_wherever_it_ran():
    """An error of the project in this process or in a worker: the first item's is
    reported, once every group is done, as without ``share``."""
    items = list(range(40))
    groups = [[index] for index in items]
    for share in (True, False):
        with pytest.raises(InputError) as raised:
            workers.fork_map(items, _fails_on_odd, groups, 2, share=share)
        assert raised.value.line == 1
