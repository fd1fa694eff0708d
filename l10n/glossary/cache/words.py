"""The words a term index learnt, kept beside it for the next run and for worker processes."""

from __future__ import annotations

import weakref
from pathlib import Path

from ...errors import InputError
from ..matcher.index import WORD_MEMO, TermIndex
from .concepts import KEEP
from .index_files import read_marshal, write_marshal
from .key import code_digest

WORDS_MAGIC = b"L10NWRD2"

# -- the words an index learnt, kept beside it ---------------------------------------------
#
# An index learns each word of the texts it searches once (``TermIndex._learn``: the word's
# analysis, 5 to 40 microseconds, a Russian word's pymorphy3 parse the most), and each worker
# process of a check learns them again. What it learnt depends only on the glossary, the
# language, the role and the libraries, as the index does, so it is kept in the index's cache
# folder and taken by the next run's index before the workers fork. A worker keeps its words
# as it ends (``parallel.at_worker_exit``), a run in one process at the end of the checks
# (``keep_learnt_words``); each writer merges what the file holds, under the file's lock, and
# a file that cannot be read or written only costs the learning again.
#
# A new version of the glossary starts from the words of the latest version that has them:
# a word's plan (its analysis) does not depend on the glossary, only its flags do, and those
# are quick to work out again (``TermIndex.take_plans``). Words files record the digest of the
# code and libraries that analysed them, and only words of the same digest are carried over.

_LEARNING: "weakref.WeakValueDictionary[Path, TermIndex]" = weakref.WeakValueDictionary()
_KEPT: "weakref.WeakKeyDictionary[TermIndex, int]" = weakref.WeakKeyDictionary()  # words
# an index knew when its file was last read or written


def remember_words(index: TermIndex, file: Path) -> None:
    """Give ``index`` the words kept in ``file`` (or, for a new glossary version, the plans
    of an earlier one's), and keep what it learns there later."""
    from ...util.workers import at_worker_exit

    kept = _read_words(file)
    if kept is not None:
        index.take_learnt(kept)
        _KEPT[index] = index.words_known()
    else:
        earlier = _earlier_words(file)
        if earlier is not None:
            index.take_plans(earlier[1])
        _KEPT[index] = 0  # what it knows is not in its own file yet
    if not index.words_known():  # many words to learn: load the analysers before the
        index.load_analysers()  # workers fork, once for all (else only a new word needs them)
    _LEARNING[file] = index
    at_worker_exit(keep_learnt_words)


def _earlier_words(file: Path) -> tuple | None:
    """The words kept for the same language and role by the most recently used other version
    of the glossaries in the cache, if any were analysed by the same code."""
    folder = file.parent
    try:
        others = [p for p in folder.parent.iterdir()
                  if p != folder and not p.name.startswith(".") and (p / file.name).is_file()]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for other in others[:KEEP]:
        kept = _read_words(other / file.name)
        if kept is not None:
            return kept
    return None


def keep_learnt_words() -> None:
    """Write the words the indexes of this process learnt since they were loaded, each
    merged with what its file holds now: the workers of a check end together, so each reads,
    merges and writes holding the file's lock (or gives up after a few seconds)."""
    from filelock import FileLock, Timeout

    for file, index in list(_LEARNING.items()):
        known = index.words_known()
        if known <= _KEPT.get(index, 0) or known > WORD_MEMO:
            continue
        try:
            with FileLock(f"{file}.lock", timeout=5):
                _merge_words(file, index.learnt())
        except (OSError, InputError, Timeout):
            continue  # a cache that cannot be written only costs time
        _KEPT[index] = known


def _merge_words(file: Path, learnt: tuple) -> None:
    """Write ``learnt`` with the words ``file`` holds, unless together they are more than an
    index's memo holds (it would start afresh at its first find): then ``learnt`` alone."""
    fragments, plans, flags, alternating, multi = learnt
    kept = _read_words(file)
    if kept is not None and len(fragments.keys() | kept[0].keys()) <= WORD_MEMO:
        fragments = {**kept[0], **fragments}
        plans, flags = {**kept[1], **plans}, {**kept[2], **flags}
        alternating, multi = alternating | kept[3], multi | kept[4]
    write_marshal(file, WORDS_MAGIC,
                   (code_digest(), fragments, plans, flags, alternating, multi))


def _read_words(file: Path) -> tuple | None:
    """The learnt words kept in ``file`` (what ``TermIndex.learnt`` gives); None when missing,
    damaged, or analysed by other code or libraries."""
    kept = read_marshal(file, WORDS_MAGIC)
    if kept is None or len(kept) != 6 or kept[0] != code_digest():
        return None
    return kept[1:]
