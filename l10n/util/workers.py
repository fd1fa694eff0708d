"""Worker processes for runs large enough to pay for them, and the cycle collector paused.

The checks, the extractor and the glossary compiler are CPU-bound Python, so threads share one
core (the GIL). Above ``PROCESS_MIN_BYTES`` of input, and where the platform can fork, the work
is done in forked worker processes instead: they inherit what is already loaded (the glossary,
the checks, the term indexes), so nothing is pickled on the way in; only results come back.
Results are put back in the order of the items, so they do not depend on the number of
processes. Callers choose how items are grouped into tasks (``checks.parallel`` groups a
document's catalogues in every language).
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
from collections import deque
from collections.abc import Iterator
from typing import Any, Callable, ContextManager, Sequence

from ..errors import L10nError

MAX_JOBS = 8  # beyond this, more processes mostly add memory and start-up time
PROCESS_MIN_BYTES = 1_000_000  # below this, forking costs more than a second core saves

# What forked workers inherit: (items, work function). Set only while a pool runs.
_INHERITED: tuple[Sequence[Any], Callable[[Any], Any]] | None = None
_IN_WORKER = False  # set in worker processes: no nested pools


# How a long run reports its progress: called with the number of steps, it gives a context in
# which the run calls ``tick()`` once per step done (``cli.support.progress`` draws a bar on a
# terminal). Library code takes one as ``progress=`` and defaults to ``no_progress``.
Progress = Callable[[int], ContextManager[Callable[[], None]]]


@contextlib.contextmanager
def no_progress(steps: int) -> Iterator[Callable[[], None]]:
    """The ``Progress`` that shows nothing."""
    yield _nothing


def _nothing() -> None:
    return None


def ticked(result: Any, tick: Callable[[], None]) -> Any:
    """``result``, once ``tick()`` has told a ``Progress`` that one more step is done."""
    tick()
    return result


def default_jobs() -> int:
    """Processes or threads to use when the user does not say: every core, up to ``MAX_JOBS``."""
    return min(MAX_JOBS, os.cpu_count() or 1)


def fork_workers(paths: Sequence[Any], jobs: int, tasks: int) -> int:
    """Worker processes worth forking for ``tasks`` independent tasks reading ``paths``."""
    import multiprocessing

    cpus = os.cpu_count() or 1
    if _IN_WORKER or jobs <= 1 or cpus <= 1 or tasks <= 1:
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    size = 0
    for path in paths:
        try:
            size += os.path.getsize(path)
        except OSError:
            pass
    if size < PROCESS_MIN_BYTES:
        return 0
    return min(jobs, cpus, tasks)


def fork_workers_for(items: int, jobs: int, per_worker: int) -> int:
    """Worker processes worth forking for ``items`` independent items of work, when each
    worker needs at least ``per_worker`` of them to pay for its start (0: stay in this
    process). For work measured in items rather than in bytes read (``fork_workers``)."""
    import multiprocessing

    cpus = os.cpu_count() or 1
    if _IN_WORKER or jobs <= 1 or cpus <= 1 or items < 2 * per_worker:
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return min(jobs, cpus, items // per_worker)


class Outcomes:
    """The results of a map, put back in item order. The project's errors (L10nError) are kept
    and only the first item's is raised, once every item finished (``result``), so what is
    reported does not depend on timing; any other exception propagates at once."""

    def __init__(self, count: int):
        self.results: list[Any] = [None] * count
        self.errors: dict[int, L10nError] = {}

    def run(self, index: int, call: Callable[[], Any]) -> None:
        try:
            self.results[index] = call()
        except L10nError as error:
            self.errors[index] = error

    def failed_before(self, index: int) -> bool:
        """Whether an earlier item failed: then this one's outcome cannot be reported."""
        return bool(self.errors) and index > min(self.errors)

    def result(self) -> list[Any]:
        if self.errors:
            raise self.errors[min(self.errors)]
        return self.results


def map_here(items: Sequence[Any], one: Callable[[Any], Any], order: Sequence[int],
             progress: Callable[[Any], None] | None = None) -> list[Any]:
    """``fork_map`` in this thread, items taken in ``order``; after an error, later items are
    skipped (the first item's error is the one reported)."""
    outcomes = Outcomes(len(items))
    for index in order:
        if not outcomes.failed_before(index):
            outcomes.run(index, lambda: one(items[index]))
        if progress:
            progress(items[index])
    return outcomes.result()


def map_in_threads(items: Sequence[Any], one: Callable[[Any], Any], order: Sequence[int],
                   jobs: int, progress: Callable[[Any], None] | None = None) -> list[Any]:
    """``fork_map`` in ``jobs`` threads of this process (for work that releases the GIL, or
    runs too small to pay for processes), items submitted in ``order``."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    outcomes = Outcomes(len(items))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(one, items[i]): i for i in order}
        for future in as_completed(futures):
            index = futures[future]
            outcomes.run(index, future.result)
            if progress:
                progress(items[index])
    return outcomes.result()


def _work(indexes: list[int]) -> list[tuple[int, Any, L10nError | None]]:
    """In a worker: run the work function on each item of one group."""
    global _IN_WORKER
    assert _INHERITED is not None
    _IN_WORKER = True  # a worker never forks workers of its own
    items, one = _INHERITED
    out = []
    for index in indexes:
        try:
            out.append((index, one(items[index]), None))
        except L10nError as error:  # reported by the parent, first item first
            out.append((index, None, error))
    return out


_EXIT_HOOKS: list[Callable[[], None]] = []


def at_worker_exit(hook: Callable[[], None]) -> None:
    """Have every worker forked from now on call ``hook`` as it ends after its last task
    (not when it is stopped): to keep what it learnt, such as a term index's words."""
    if hook not in _EXIT_HOOKS:
        _EXIT_HOOKS.append(hook)


def _worker_exit() -> None:
    for hook in _EXIT_HOOKS:
        hook()


def _start_worker(parent: int) -> None:
    """In a new worker: leave Ctrl-C to the parent, watch it, and run the exit hooks when
    the pool lets it go (multiprocessing's finalizers run then; atexit does not in a fork)."""
    from multiprocessing import util

    # Ctrl-C in a terminal reaches the whole process group. A worker that took it would print
    # a traceback, or die halfway through sending a result and leave the parent waiting for
    # the rest forever; the parent stops the workers itself (fork_map). SIGINT was blocked
    # across the fork, so one that came before this line is dropped here, not half-handled.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _watch_parent(parent)
    util.Finalize(None, _worker_exit, exitpriority=10)  # not run for a stopped worker


def _watch_parent(parent: int) -> None:
    """In a worker: exit as soon as the parent is gone (killed), instead of waiting forever
    for work that will never come while holding the parent's output pipes open."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.1)
        os._exit(1)

    threading.Thread(target=watch, name="l10n-parent-watch", daemon=True).start()


def fork_map(items: Sequence[Any], one: Callable[[Any], Any], groups: list[list[int]],
             workers: int, progress: Callable[[Any], None] | None = None, *,
             share: bool = False) -> list[Any]:
    """``[one(item) for item in items]`` computed in ``workers`` forked processes, in order,
    one group of item indexes per task.

    ``share``: this process is one of the ``workers`` (``workers - 1`` are forked), for
    short work whose state is warm here (a database connection's cache, compiled patterns),
    where a fork and a cold start cost a good part of what a worker saves. The workers take
    the groups from the first on (the first ``workers - 1`` always theirs, so that what they
    do, or fail to do, does not depend on timing), this process from the last on, until
    they meet (see ``_share``).

    Errors of the project (L10nError) are raised after every group finished, the first
    item's first, so the report does not depend on timing; any other exception propagates
    at once.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _INHERITED
    outcomes = Outcomes(len(items))
    _INHERITED = (items, one)
    # What the workers inherit (glossary, indexes, parsed documents) is moved out of the cycle
    # collector's sight: their collections then never walk it, which also spares the
    # copy-on-write pages it sits on.
    gc.freeze()
    pool = None
    forked = workers - 1 if share else workers
    pending = deque(range(len(groups)))
    # with ``share``, a worker has two groups ahead of it (one running, one queued) and gets
    # more as it finishes them; without, every group is queued at once
    ahead = 2 * forked if share else len(groups)
    try:
        context = multiprocessing.get_context("fork")
        # the workers are forked by the first submit, with SIGINT blocked (see _start_worker)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = ProcessPoolExecutor(max_workers=forked, mp_context=context,
                                       initializer=_start_worker, initargs=(os.getpid(),))
            futures = {pool.submit(_work, groups[pending.popleft()])
                       for _ in range(min(ahead, len(pending)))}
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

        def collect(future) -> None:
            for index, result, error in future.result():
                if error is not None:
                    outcomes.errors[index] = error
                else:
                    outcomes.results[index] = result
                if progress:
                    progress(items[index])

        if share:
            _share(pool, futures, pending, groups, collect,
                   lambda index: outcomes.run(index, lambda: one(items[index])),
                   lambda index: progress(items[index]) if progress else None)
        for future in as_completed(futures):
            collect(future)
    except BaseException:
        if pool is not None:
            _stop(pool)  # Ctrl-C or a failure: now, not once every queued task has run
        raise
    else:
        pool.shutdown()
    finally:
        _INHERITED = None
        gc.unfreeze()
    return outcomes.result()


def _share(pool: Any, futures: set, pending: deque[int], groups: list[list[int]],
           collect: Callable[[Any], None], run: Callable[[int], None],
           tick: Callable[[int], None]) -> None:
    """In the calling process, while the workers run ``futures``: hand each worker that
    finished a group the next of ``pending`` (from the first on), and run the last one
    here, until none is left. No task is ever cancelled (a cancelled task of a pool that
    breaks, as Ctrl-C breaks it, makes the pool's own thread fail). ``futures`` is left
    holding the tasks still running."""
    while pending:
        done = {future for future in futures if future.done()}
        for future in done:
            futures.discard(future)
            collect(future)
            if pending:
                futures.add(pool.submit(_work, groups[pending.popleft()]))
        if not pending:
            break
        for index in groups[pending.pop()]:
            run(index)
            tick(index)


def _stop(pool: Any) -> None:
    """End a pool's workers at once and let the pool go. Workers write none of the project's
    files (the parent does); at most a compiled glossary's index, through a temporary file."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)




@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold back the cycle collector for a while, then restore it as it was.

    Reading a glossary or building its term index allocates a few hundred thousand objects that
    form no reference cycles (element proxies, strings, tuples, Terms); every 700 allocations
    start a collection that walks the young objects, and the older ones more and more often,
    and finds nothing: a tenth of the reading time, 40 % of an index build over 100,000
    concepts. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
