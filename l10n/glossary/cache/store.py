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

Where: ``$L10N_CACHE_DIR``, else ``$XDG_CACHE_HOME/l10n``, else ``~/.cache/l10n``, under
``glossary/<key>``. The key is a digest of the glossary files' names and bytes and of
everything the indexes depend on (this package's code and data, Python's and the stemming and
morphology libraries' versions), so an edited glossary or a new l10n never meets a stale index.
Finding the key reads every byte once; a small record per glossary path (names, sizes and
modification times of its files) skips that while the files are untouched, as make and black
do. The last ``KEEP`` versions are kept. ``L10N_NO_CACHE=1`` turns all this off; so does a
cache folder that cannot be written (then the glossary is loaded as before).

The files are marshal data and an SQLite database that l10n itself wrote into a folder of the
user's: like pip's, mypy's and black's caches they are trusted (marshal, like pickle, is not
meant for hostile data). Each index file carries a CRC-32 of its content, so a damaged file is
rebuilt rather than used, and every file is written to a temporary name and renamed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import weakref
import zlib
from collections.abc import Mapping
from dataclasses import fields
from functools import lru_cache
from importlib import metadata
from operator import attrgetter
from pathlib import Path
from typing import Iterator, Sequence

import ahocorasick

from ...errors import InputError
from ...util.fs import atomic_write, atomic_write_stream
from ...util.workers import collector_paused
from ..matcher.index import WORD_MEMO, TermIndex
from ..matcher.records import _Entry, _new
from ..model import Concept, Glossary, LanguageSection, Status, Term, TermType
from ..store import glossary_paths, load_glossary

CACHE_ENV = "L10N_CACHE_DIR"
NO_CACHE_ENV = "L10N_NO_CACHE"
FORMAT = b"l10n-compiled-glossary 2"
KEEP = 8  # glossary versions kept in the cache
INDEX_MAGIC = b"L10NIDX2"
WORDS_MAGIC = b"L10NWRD2"
LIBRARIES = ("pyahocorasick", "PyStemmer", "snowballstemmer", "pymorphy3", "pymorphy3-dicts-ru",
             "babel")
_TERM_FIELDS = tuple(f.name for f in fields(Term))
_TERM_VALUES = attrgetter(*_TERM_FIELDS)
assert _TERM_FIELDS[:3] == ("text", "status", "type")


def cache_root() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found: no cache
            return None
    return Path(base) / "l10n"


def open_glossary(path: str | Path) -> Glossary:
    """The glossary at ``path`` (as ``load_glossary`` reads it), through the cache when it can."""
    path = Path(path)
    root = cache_root()
    files = [file for file in glossary_paths(path) if file.is_file()]
    if root is None or not files:
        return load_glossary(path)
    try:
        signature = _signature(files)
        folder = root / "glossary" / _key(root, path, files, signature)
    except (OSError, ValueError):
        return load_glossary(path)
    if (folder / "concepts.sqlite").is_file():
        try:
            opened = _opened(folder)
            os.utime(folder)  # most recently used: the last to be pruned
            return opened
        except (OSError, InputError, EOFError, ValueError, TypeError):
            shutil.rmtree(folder, ignore_errors=True)  # damaged: made again below
    glossary = load_glossary(path)  # errors in the glossary are reported as always
    if _signature(files) != signature:
        return glossary  # changed while it was read: the key may not be this content's
    try:
        _store(root, folder, glossary)
    except (OSError, sqlite3.Error):
        return glossary
    return CompiledGlossary(glossary.concepts, glossary.title, glossary.source_lang, folder)


def term_index(glossary: Glossary, lang: str, role: str) -> TermIndex:
    """The glossary's TermIndex for ``lang`` and ``role``: from the cache when the glossary was
    opened through it (built and kept there the first time), else built."""
    folder = getattr(glossary, "folder", None)
    if folder is None:
        return TermIndex(glossary, lang, role=role)
    parts = _read_index(_index_file(folder, lang, role))
    if parts is not None:
        automaton_args, entries, *rest = parts
        restored = (ahocorasick.Automaton(*automaton_args), None, *rest)
        index = TermIndex.restored(lang, role, restored, _Entries(entries, glossary, lang))
    else:
        index = _build_and_keep(glossary, folder, lang, role)
    _remember_words(index, folder / f"{lang}.{role}.words")
    return index


def _index_file(folder: Path, lang: str, role: str) -> Path:
    return folder / f"{lang}.{role}.idx"


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


def _remember_words(index: TermIndex, file: Path) -> None:
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
    _write_marshal(file, WORDS_MAGIC,
                   (_code_digest(), fragments, plans, flags, alternating, multi))


def _read_words(file: Path) -> tuple | None:
    """The learnt words kept in ``file`` (what ``TermIndex.learnt`` gives); None when missing,
    damaged, or analysed by other code or libraries."""
    kept = _read_marshal(file, WORDS_MAGIC)
    if kept is None or len(kept) != 6 or kept[0] != _code_digest():
        return None
    return kept[1:]


def _build_and_keep(glossary: Glossary, folder: Path, lang: str, role: str) -> TermIndex:
    """Build an index (the concepts read first in one query, not one per concept) and keep it."""
    if isinstance(glossary.concepts, _StoredConcepts):
        glossary.concepts.read_all()
    index = TermIndex(glossary, lang, role=role)
    _write_index(_index_file(folder, lang, role), index)
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
    missing = [pair for pair in dict.fromkeys(wanted) if not _index_file(folder, *pair).is_file()]
    from ...util.workers import fork_map, fork_workers

    # the size of the concepts' file stands for the work (about 1 MB per 1,700 concepts)
    workers = fork_workers([folder / "concepts.sqlite"], min(8, os.cpu_count() or 1),
                           len(missing))
    if not workers:
        return
    if isinstance(glossary.concepts, _StoredConcepts):
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
    if isinstance(concepts, _StoredConcepts):
        return concepts.where(domain, do_not_translate)
    return [c for c in concepts.values() if (domain is None or c.domain == domain)
            and (not do_not_translate or _keeps(c))]


def _keeps(concept: Concept) -> bool:
    """Whether a term of the concept is marked do-not-translate."""
    return any(t.do_not_translate for s in concept.languages.values() for t in s.terms)


class CompiledGlossary(Glossary):
    """A Glossary kept in the cache folder ``folder``; its term indexes are kept there too."""

    def __init__(self, concepts, title: str | None, source_lang: str, folder: Path):
        super().__init__(concepts, title, source_lang)
        self.folder = folder


# -- which glossary: the files and the key ------------------------------------------------


def _signature(files: list[Path]) -> list[list]:
    """Name, size and modification time of each file."""
    return [[file.name, st.st_size, st.st_mtime_ns] for file in files for st in [file.stat()]]


def _key(root: Path, path: Path, files: list[Path], signature: list[list]) -> str:
    """The cache key of these glossary files, from the record of ``path`` while its files
    keep their ``signature``, else from their bytes (and the record is written anew)."""
    record = root / "paths" / (hashlib.blake2b(str(path.resolve()).encode(), digest_size=16)
                               .hexdigest() + ".marshal")
    try:
        kept = marshal.loads(record.read_bytes())
        if kept[0] == signature and kept[1] == _code_digest():
            return kept[2]
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        pass
    digest = hashlib.blake2b(FORMAT + _code_digest().encode(), digest_size=20)
    for file in files:
        digest.update(file.name.encode() + b"\0")
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    key = digest.hexdigest()
    record.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(record, marshal.dumps([signature, _code_digest(), key]), sync=False)
    return key


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of what compiled indexes depend on besides the glossary: l10n's code and data,
    Python's version (marshal's format) and the libraries that analyse words."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    package = Path(__file__).resolve().parents[2]  # the l10n package
    for file in sorted(package.rglob("*")):
        if file.suffix in (".py", ".json", ".txt", ".tsv") and "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(package)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


# -- the concepts: an SQLite file ----------------------------------------------------------


def _store(root: Path, folder: Path, glossary: Glossary) -> None:
    """Write the glossary's concepts to ``folder``/concepts.sqlite (built in a temporary
    folder and renamed, so a folder that exists is complete), then prune old versions."""
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=parent))
    try:
        _write_concepts(work / "concepts.sqlite", glossary)
        try:
            os.rename(work, folder)
        except OSError:
            if not (folder / "concepts.sqlite").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _prune(parent, keep=folder)


def _write_concepts(file: Path, glossary: Glossary) -> None:
    """One row per concept, in the glossary's order (``n``), found by ``id``. No journal and
    no syncing: the file is new, and unused until its folder is renamed into place."""
    db = sqlite3.connect(file)
    try:
        with collector_paused(), db:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB)")
            db.execute("CREATE TABLE concept (n INTEGER PRIMARY KEY, id TEXT UNIQUE, "
                       "domain TEXT, keep INTEGER, data BLOB)")
            db.execute("CREATE INDEX by_domain ON concept (domain)")
            db.execute("CREATE INDEX by_keep ON concept (keep)")
            db.execute("INSERT INTO meta VALUES ('glossary', ?)",
                       (marshal.dumps((glossary.title, glossary.source_lang)),))
            db.executemany("INSERT INTO concept (id, domain, keep, data) VALUES (?, ?, ?, ?)",
                           ((cid, c.domain, _keeps(c), _encode(c))
                            for cid, c in glossary.concepts.items()))
    finally:
        db.close()


def _prune(parent: Path, keep: Path) -> None:
    """Remove all but the ``KEEP`` most recently used versions (and stale temporary folders)."""
    versions = [p for p in parent.iterdir() if p.is_dir() and p != keep]
    versions.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def _opened(folder: Path) -> CompiledGlossary:
    concepts = _StoredConcepts(folder / "concepts.sqlite")
    [(meta,)] = concepts.query("SELECT value FROM meta WHERE name = 'glossary'")
    title, source_lang = marshal.loads(meta)
    return CompiledGlossary(concepts, title, source_lang, folder)


def _encode(concept: Concept) -> bytes:
    return marshal.dumps((concept.domain, concept.definition, concept.note, tuple(
        (lang, section.check_as_source, section.check_as_target,
         tuple(map(_term_values, section.terms)))
        for lang, section in concept.languages.items())))


def _term_values(term: Term) -> tuple:
    """A Term's fields in order, its status and type as their plain values (looked up: an
    enumeration's call costs more than the rest of the term, for every term of the glossary)."""
    values = _TERM_VALUES(term)
    return (values[0], _STATUS_VALUES[values[1]], _TYPE_VALUES[values[2]], *values[3:])


# str enumerations: a member and its plain value find the same entry
_STATUS_VALUES = {member: member.value for member in Status}
_TYPE_VALUES = {member: member.value for member in TermType}
_STATUSES = {member.value: member for member in Status}  # and back, for _decode
_TYPES = {member.value: member for member in TermType}


def _decode(concept_id: str, data: bytes) -> Concept:
    domain, definition, note, sections = marshal.loads(data)
    concept = Concept(concept_id, domain, definition, note)
    for lang, as_source, as_target, terms in sections:
        made = [Term(text, _STATUSES[status], _TYPES[kind], *rest)  # fields in order
                for text, status, kind, *rest in terms]
        concept.languages[lang] = LanguageSection(lang, made, as_source, as_target)
    return concept


class _StoredConcepts(Mapping):
    """Concept id -> Concept, read from the SQLite file when first asked for, then kept.

    Iterating (or ``len``) reads the order of every concept; ``values``/``items`` then read
    every concept. Each process opens its own connection (SQLite connections must not cross a
    fork: the checks run in forked workers), and a lock serialises the threads of one."""

    def __init__(self, file: Path):
        self._file = file
        self._made: dict[str, Concept] = {}
        self._ids: list[str] | None = None
        self._lock = threading.Lock()
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self.query("SELECT count(*) FROM concept")  # fails now, not in a check, if damaged

    def query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                if self._pid != os.getpid():
                    self._db = sqlite3.connect(self._file.as_uri() + "?mode=ro", uri=True,
                                               check_same_thread=False)
                    self._pid = os.getpid()
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                raise InputError(f"the compiled glossary cannot be read ({exc}); remove the "
                                 f"folder and run again", path=self._file.parent) from None

    def __getitem__(self, concept_id: str) -> Concept:
        concept = self._made.get(concept_id)
        if concept is None:
            rows = self.query("SELECT data FROM concept WHERE id = ?", (concept_id,))
            if not rows:
                raise KeyError(concept_id)
            concept = self._made[concept_id] = _decode(concept_id, rows[0][0])
        return concept

    def __contains__(self, concept_id: object) -> bool:
        return self.get(concept_id) is not None

    def get(self, concept_id, default=None):
        try:
            return self[concept_id]
        except (KeyError, sqlite3.InterfaceError):
            return default

    def where(self, domain: str | None, do_not_translate: bool) -> list[Concept]:
        """``concepts_where`` by the indexed columns."""
        tests, args = [], []
        if domain is not None:
            tests.append("domain = ?")
            args.append(domain)
        if do_not_translate:
            tests.append("keep = 1")
        sql = "SELECT id FROM concept" + (" WHERE " + " AND ".join(tests) if tests else "")
        ids = [row[0] for row in self.query(sql + " ORDER BY n", tuple(args))]
        return [self[cid] for cid in ids]

    def _order(self) -> list[str]:
        if self._ids is None:
            self._ids = [row[0] for row in self.query("SELECT id FROM concept ORDER BY n")]
        return self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._order())

    def __len__(self) -> int:
        return len(self._order())

    def read_all(self) -> None:
        if len(self._made) < len(self):
            for concept_id, data in self.query("SELECT id, data FROM concept"):
                if concept_id not in self._made:
                    self._made[concept_id] = _decode(concept_id, data)

    def values(self):
        self.read_all()
        return [self._made[cid] for cid in self._order()]

    def items(self):
        self.read_all()
        return [(cid, self._made[cid]) for cid in self._order()]


# -- the term indexes: one file each -------------------------------------------------------


class _Entries(dict):
    """The entries of a restored TermIndex, each made (with its Term, read from the glossary)
    when a hit first needs it: most of a big glossary's entries are never hit. A dict of the
    entries made so far, so that a hit on a known entry is one lookup in C (``_candidates``)."""

    __slots__ = ("_raw", "_glossary", "_lang")

    def __init__(self, raw: list[tuple], glossary: Glossary, lang: str):
        super().__init__()
        self._raw, self._glossary, self._lang = raw, glossary, lang

    def __len__(self) -> int:
        return len(self._raw)

    def __missing__(self, eid: int) -> _Entry:
        cid, pos, *rest = self._raw[eid]
        term = self._glossary.concepts[cid].languages[self._lang].terms[pos]
        entry = self[eid] = _new(_Entry, (cid, pos, term, *rest))
        return entry


def _write_index(file: Path, index: TermIndex) -> None:
    with collector_paused():
        automaton, entries, *rest = index.parts()
        rebuild, args = automaton.__reduce__()[:2]
        if rebuild is not ahocorasick.Automaton:
            return  # a pyahocorasick that pickles differently: keep building instead
    try:
        _write_marshal(file, INDEX_MAGIC, (args, entries, *rest))
    except (OSError, InputError):
        pass  # a cache that cannot be written only costs time


def _read_index(file: Path) -> tuple | None:
    """The parts kept in ``file``; None when missing or damaged (its CRC-32 disagrees)."""
    return _read_marshal(file, INDEX_MAGIC)


def _write_marshal(file: Path, magic: bytes, value: tuple) -> None:
    """``value`` in ``file`` (atomically): ``magic``, the CRC-32 of the payload, the payload."""
    with collector_paused():
        payload = marshal.dumps(value)
    head = magic + zlib.crc32(payload).to_bytes(4, "big")
    atomic_write_stream(file, (head, payload), sync=False)


def _read_marshal(file: Path, magic: bytes) -> tuple | None:
    """What ``_write_marshal`` kept in ``file``; None when missing or damaged."""
    try:
        data = file.read_bytes()
    except OSError:
        return None
    head = len(magic) + 4
    if data[:len(magic)] != magic:
        return None
    payload = memoryview(data)[head:]
    if zlib.crc32(payload).to_bytes(4, "big") != data[len(magic):head]:
        return None
    try:
        with collector_paused():
            value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return value if isinstance(value, tuple) else None


__all__ = ["CACHE_ENV", "NO_CACHE_ENV", "CompiledGlossary", "build_indexes", "cache_root",
           "concepts_where", "open_glossary", "term_index"]
