"""A glossary compiled once per version: concepts read when asked, term indexes kept built.

Checking terms against a big glossary used to cost, on every run, reading the whole TBX file
(4.5 s for 100,000 concepts) and building six term indexes (9 s), whatever the size of the
text checked. Glossaries change far less often than the catalogues checked against them, so
the checks open the glossary through this module instead:

    glossary = open_glossary(path)            # a Glossary; concepts are read when asked for
    index = term_index(glossary, "ru", "target")  # a TermIndex, built once per version

The first run with a glossary version reads it as ``load_glossary`` does (same errors), keeps
its concepts in an SQLite file and each term index, once built, in a file of its own. Later
runs open the SQLite file and read a concept only when a check asks for it (a hit), and load
each index ready-made: at 100,000 concepts about 0.2 s an index instead of 1.5 s, and nothing
for the concepts never met in the text.

The parts: ``key`` (which folder, which version), ``concepts`` (the SQLite file),
``index_files`` (the term indexes and the marshal files), ``words`` (what indexes learnt).
A cache folder that cannot be written only costs time: the glossary is then loaded as before.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Sequence

import ahocorasick

from ...errors import InputError
from ..matcher.index import TermIndex
from ..model import Concept, Glossary
from ..store import glossary_paths, load_glossary
from .concepts import CompiledGlossary, StoredConcepts, keeps_a_term, open_compiled, store_concepts
from .index_files import LazyEntries, index_file, read_index, write_index
from ...util.cache import CACHE_ENV, NO_CACHE_ENV, cache_root
from .key import file_signature, version_key
from .words import keep_learnt_words, remember_words


def open_glossary(path: str | Path) -> Glossary:
    """The glossary at ``path`` (as ``load_glossary`` reads it), through the cache when it can."""
    path = Path(path)
    root = cache_root()
    files = [file for file in glossary_paths(path) if file.is_file()]
    if root is None or not files:
        return load_glossary(path)
    try:
        signature = file_signature(files)
        folder = root / "glossary" / version_key(root, path, files, signature)
    except (OSError, ValueError):
        return load_glossary(path)
    if (folder / "concepts.sqlite").is_file():
        try:
            opened = open_compiled(folder)
            os.utime(folder)  # most recently used: the last to be pruned
            return opened
        except (OSError, InputError, EOFError, ValueError, TypeError):
            shutil.rmtree(folder, ignore_errors=True)  # damaged: made again below
    glossary = load_glossary(path)  # errors in the glossary are reported as always
    if file_signature(files) != signature:
        return glossary  # changed while it was read: the key may not be this content's
    try:
        store_concepts(root, folder, glossary)
    except (OSError, sqlite3.Error):
        return glossary
    return CompiledGlossary(glossary.concepts, glossary.title, glossary.source_lang, folder)


def term_index(glossary: Glossary, lang: str, role: str) -> TermIndex:
    """The glossary's TermIndex for ``lang`` and ``role``: from the cache when the glossary was
    opened through it (built and kept there the first time), else built."""
    folder = getattr(glossary, "folder", None)
    if folder is None:
        return TermIndex(glossary, lang, role=role)
    parts = read_index(index_file(folder, lang, role))
    if parts is not None:
        automaton_args, entries, *rest = parts
        restored = (ahocorasick.Automaton(*automaton_args), None, *rest)
        index = TermIndex.restored(lang, role, restored, LazyEntries(entries, glossary, lang))
    else:
        index = _build_and_keep(glossary, folder, lang, role)
    remember_words(index, folder / f"{lang}.{role}.words")
    return index


def _build_and_keep(glossary: Glossary, folder: Path, lang: str, role: str) -> TermIndex:
    """Build an index (the concepts read first in one query, not one per concept) and keep it."""
    if isinstance(glossary.concepts, StoredConcepts):
        glossary.concepts.read_all()
    index = TermIndex(glossary, lang, role=role)
    write_index(index_file(folder, lang, role), index)
    return index


def build_indexes(glossary: Glossary, wanted: Sequence[tuple[str, str]]) -> None:
    """Put the (language, role) indexes of ``wanted`` that the cache lacks into it, several at
    once in forked workers (one index each) when the glossary is large enough to pay for them
    (``checks.parallel.fork_workers``); ``term_index`` then loads them ready-made. Building is
    CPU-bound Python and an index does not depend on another, so the first run after a
    glossary change uses every core for it instead of one.

    Does nothing for a glossary not opened through the cache, or with fewer than two indexes
    missing; an index a worker could not write is built by ``term_index`` as before."""
    folder = getattr(glossary, "folder", None)
    if folder is None:
        return
    missing = [pair for pair in dict.fromkeys(wanted) if not index_file(folder, *pair).is_file()]
    from ...util.workers import default_jobs, fork_map, fork_workers

    # the size of the concepts' file stands for the work (about 1 MB per 1,700 concepts)
    workers = fork_workers([folder / "concepts.sqlite"], default_jobs(),
                           len(missing))
    if not workers:
        return
    if isinstance(glossary.concepts, StoredConcepts):
        glossary.concepts.read_all()  # once, here, not once per worker

    def build(pair: tuple[str, str]) -> None:
        _build_and_keep(glossary, folder, *pair)  # the index itself stays in the worker

    fork_map(missing, build, [[i] for i in range(len(missing))], workers)


def concepts_where(glossary: Glossary, *, domain: str | None = None,
                   do_not_translate: bool = False) -> list[Concept]:
    """The concepts of ``domain`` (and/or with a do-not-translate term), in glossary order.

    What the checks that scan the glossary itself ask (person names, words kept as they are):
    a compiled glossary answers from indexed columns of its SQLite file, without reading every
    concept."""
    concepts = glossary.concepts
    if isinstance(concepts, StoredConcepts):
        return concepts.where(domain, do_not_translate)
    return [c for c in concepts.values() if (domain is None or c.domain == domain)
            and (not do_not_translate or keeps_a_term(c))]


__all__ = ["CACHE_ENV", "NO_CACHE_ENV", "CompiledGlossary", "build_indexes", "cache_root",
           "concepts_where", "keep_learnt_words", "open_glossary", "term_index"]
