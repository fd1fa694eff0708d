"""Checking catalogues in worker processes, for runs large enough to pay for them.

The checks are CPU-bound Python, so threads share one core (the GIL). Above
``PROCESS_MIN_BYTES`` of catalogues, and where the platform can fork, the catalogues are
checked in forked worker processes instead: they inherit the loaded glossary, the checks and
the term indexes already built, so nothing is pickled on the way in; what comes back is each
catalogue's ``FileResult`` (runner): its findings and only the entries and per-entry data
(``gather``) that suppressions and the project checks still need, texts shared (interned) so
a source sentence is pickled once per document, not once per language.

Work is handed out one *document* at a time (the same file in every language): the term
matcher remembers the texts it analysed, so a source sentence is analysed once per worker,
not once per language. The result does not depend on the number of processes: results are put
back in target order, and the runner sorts the findings.
"""

from __future__ import annotations

import gc
import os
import signal
from pathlib import PurePath
from typing import Any, Callable, Sequence

from ..errors import L10nError

PROCESS_MIN_BYTES = 1_000_000  # below this, forking costs more than a second core saves

# What forked workers inherit: (items, work function). Set only while a pool runs.
_INHERITED: tuple[Sequence[Any], Callable[[Any], Any]] | None = None
_IN_WORKER = False  # set in worker processes: no nested pools


def document_groups(targets: Sequence[Any]) -> list[list[int]]:
    """Indexes of ``targets`` grouped by document (the path under po/<lang>/), groups in order
    of first appearance, so each group holds one document in every language."""
    groups: dict[str, list[int]] = {}
    for index, target in enumerate(targets):
        groups.setdefault(_document(target), []).append(index)
    return list(groups.values())


def _document(target: Any) -> str:
    parts = PurePath(target.display).parts
    lang = target.lang
    if lang and lang in parts:
        parts = parts[parts.index(lang) + 1 :]
    return "/".join(parts)


def worker_count(targets: Sequence[Any], jobs: int, groups: int) -> int:
    """How many processes to check ``targets`` with: 0 (check in this process) for small
    runs, single-core machines, one document, platforms without fork, or inside a worker."""
    return fork_workers([t.path for t in targets], jobs, groups)


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
             workers: int, progress: Callable[[Any], None] | None = None) -> list[Any]:
    """``[one(item) for item in items]`` computed in ``workers`` forked processes, in order,
    one group of item indexes per task.

    Errors of the project (L10nError) are raised after every group finished, the first
    item's first, so the report does not depend on timing; any other exception propagates
    at once.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _INHERITED
    results: list[Any] = [None] * len(items)
    errors: dict[int, L10nError] = {}
    _INHERITED = (items, one)
    # What the workers inherit (glossary, indexes, parsed documents) is moved out of the cycle
    # collector's sight: their collections then never walk it, which also spares the
    # copy-on-write pages it sits on.
    gc.freeze()
    pool = None
    try:
        context = multiprocessing.get_context("fork")
        # the workers are forked by the first submit, with SIGINT blocked (see _start_worker)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                       initializer=_start_worker, initargs=(os.getpid(),))
            futures = [pool.submit(_work, group) for group in groups]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        for future in as_completed(futures):
            for index, result, error in future.result():
                if error is not None:
                    errors[index] = error
                else:
                    results[index] = result
                if progress:
                    progress(items[index])
    except BaseException:
        if pool is not None:
            _stop(pool)  # Ctrl-C or a failure: now, not once every queued task has run
        raise
    else:
        pool.shutdown()
    finally:
        _INHERITED = None
        gc.unfreeze()
    if errors:
        raise errors[min(errors)]
    return results


def _stop(pool: Any) -> None:
    """End a pool's workers at once and let the pool go. Workers write none of the project's
    files (the parent does); at most a compiled glossary's index, through a temporary file."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


run_in_processes = fork_map  # the name the check runner uses
