"""The default backend: one SQLite file (Python's own sqlite3, no server, no set-up).

Tables: ``sources`` (one row per source language and text, with the digest of its skeleton
for renumbered sentences), ``units`` (one row per source, target language and target text), ``contexts``
(one row per unit and context: document, msgctxt, neighbours; with the date changed and the
origin), ``imported`` (files imported whole, to skip them while unchanged).

Their indexes hold small keys, not the texts (schema 2): each row keeps a 64-bit ``digest``
of its text (of the four context fields for a context), and the indexes are on (lang,
digest), (source_id, target_lang, digest) and (unit_id, digest), none of them UNIQUE. The
code keeps each row unique: an add reads what the memory holds by digest and compares the
texts themselves before it inserts, and lookups compare the text too, so two texts of the
same digest stay two rows. (Schema 1 had UNIQUE indexes on the texts, holding each source
and translation a second time: 337 MB of index at 1,000,000 units, B-trees far larger than
the page cache.) A schema-1 memory opened for writing is migrated in place, in
one transaction (``_migrate``).

The fuzzy index is one FTS5 table per source language with the trigram tokenizer (SQLite
3.34 or newer), contentless, without positions (``detail=none``) and without each row's size
(``columnsize=0``: for bm25, which lookups do not use; a memory made before keeps its table
of sizes): it stores each source's trigrams once, compressed, and answers "which sources
hold this trigram" without reading any other. ``gram_counts`` keeps how many sources hold
each trigram (a B-tree: asking costs the same whatever the count; FTS5's own fts5vocab would
walk the whole posting list to count it). A lookup asks it for the counts of its trigrams in
one query, reads the postings of the rarest ones only (at most RAREST grams and BUDGET rows
in all, at most MAX_POSTINGS rows a gram), and ranks sources by the number of trigrams
shared. Its work is bounded whatever the memory's size; ``examined`` counts it. The rarest
trigrams are the ones that tell sources apart; a source similar enough to matter shares most
of them. A renumbered sentence is found by its skeleton's digest (partial index
``sources_skeleton``; ``Memory`` compares the skeletons themselves), which ``Memory`` asks
for first (``same_skeleton``): a placeable match found so needs no trigram read. A text the
budgeted search finds no match for gets a second, wider one (``wide``: WIDE_RAREST grams,
WIDE_BUDGET rows), still bounded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import sqlite3
import struct
from collections import Counter
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError, L10nError
from ..locales import OFFICIAL_LANGUAGES
from .model import TMUnit
from .text import grams, normalise, skeleton

SCHEMA_VERSION = "2"
RAREST = 24  # trigrams of a query whose postings are read, at most
BUDGET = 3_000  # posting rows a lookup reads, at most (beyond its MIN_GRAMS rarest trigrams)
MIN_GRAMS = 4  # trigrams read whatever their postings' length
MAX_POSTINGS = 1000  # rows read at most per trigram
# The second chance of a text the budgeted search found nothing for (Memory asks for it):
# more trigrams, a larger budget, longer postings. Still bounded whatever the memory's size.
WIDE_RAREST, WIDE_BUDGET, WIDE_MAX_POSTINGS = 64, 30_000, 10_000
PENDING_GRAMS = 200_000  # distinct trigrams counted in memory before they are written
SKELETON_LIMIT = 20
BATCH = 10_000  # units added with one round of statements (bounds the memory an import uses)
CHUNK = 500  # values in one IN (...) list, within SQLite's limit on parameters
# Index entries FTS5 holds in memory before it writes them as a segment of the index (its
# 'hashsize', kept in the table's settings; SQLite's default is 1 MiB): fewer, larger
# segments to merge. A 1,000,000-unit import spends 5.1 s of CPU in the index, not 8.6.
FTS_PENDING_BYTES = 32 << 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY, lang TEXT NOT NULL, text TEXT NOT NULL, skeleton_digest INTEGER,
    digest INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources (id),
    target_lang TEXT NOT NULL, target TEXT NOT NULL, digest INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS contexts (
    unit_id INTEGER NOT NULL REFERENCES units (id), document TEXT NOT NULL,
    msgctxt TEXT NOT NULL, previous TEXT NOT NULL, next TEXT NOT NULL,
    changed TEXT NOT NULL, origin TEXT NOT NULL, seen INTEGER NOT NULL,
    digest INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS gram_counts (
    lang TEXT NOT NULL, gram TEXT NOT NULL, sources INTEGER NOT NULL,
    PRIMARY KEY (lang, gram)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS imported (
    origin TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
"""
# Small keys: the digests, not the texts (not UNIQUE: the code compares the texts).
_INDEXES = """
CREATE INDEX IF NOT EXISTS sources_digest ON sources (lang, digest);
CREATE INDEX IF NOT EXISTS units_digest ON units (source_id, target_lang, digest);
CREATE INDEX IF NOT EXISTS contexts_digest ON contexts (unit_id, digest);
"""
# Renumbered sentences are looked up by the digest of their skeleton; texts without
# placeables (NULL) left out.
_SKELETON_INDEX = ("CREATE INDEX IF NOT EXISTS sources_skeleton ON sources (lang, "
                   "skeleton_digest) WHERE skeleton_digest IS NOT NULL")

_UNIT_COLUMNS = ("s.text, s.lang, u.target_lang, u.target, c.document, c.msgctxt, c.previous, "
                 "c.next, c.changed, c.origin")
_UNIT_FROM = ("sources s JOIN units u ON u.source_id = s.id JOIN contexts c ON c.unit_id = u.id")


_unpack = struct.Struct(">q").unpack
# A unit as the writer takes it: TMUnit's fields, in order, as a plain tuple (a reader
# process sends its units so: a tuple unpickles several times faster than the frozen
# dataclass, whose __setstate__ is Python code).
Row = tuple[str, str, str, str, str, str, str, str, str, str]
as_row = operator.attrgetter(*(field.name for field in dataclasses.fields(TMUnit)))


# What was computed elsewhere (a reader process, ``prepare``) of a batch's sources: source
# text -> (skeleton digest or None, normal form). A source missing here is computed by the
# writer, as are the digests (BLAKE2b, fast: measured, the import's wall time is shorter
# with them in the writing process, which waits for the reader, than in the reader).
Prepared = dict[str, tuple[int | None, str]]


def prepare(rows: Iterable[Row]) -> Prepared:
    """The per-source work of adding ``rows`` in Python (the skeletons and normal forms:
    the placeable pattern's scan above all), done where the rows are read, so that the
    process writing the memory mostly writes."""
    prepared: Prepared = {}
    for row in rows:
        if row[0] not in prepared:
            prepared[row[0]] = _shape(row[0])
    return prepared


def _shape(source: str) -> tuple[int | None, str]:
    """What a new source needs computed: its skeleton's digest, its normal form."""
    return _skeleton_digest(skeleton(source)), normalise(source)


def digest(text: str) -> int:
    """The 64-bit key of ``text`` in the store's indexes (BLAKE2b, as a signed integer, the
    range of SQLite's integers). Two texts may share one: lookups compare the texts too."""
    return _unpack(hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                                   digest_size=8).digest())[0]


def _skeleton_digest(shape: str) -> int | None:
    """The key of a skeleton in the renumbered-sentence index (None for a text without
    placeables, which the partial index leaves out)."""
    return digest(shape) if shape else None


def context_digest(document: str, msgctxt: str, previous: str, following: str) -> int:
    """The key of a context (its four fields) in the contexts index."""
    return digest("\x00".join((document, msgctxt, previous, following)))


def check_sqlite(version: tuple[int, ...] = sqlite3.sqlite_version_info) -> None:
    """Refuse, in one line, an SQLite too old for the trigram tokenizer (3.34, 2020)."""
    if version < (3, 34, 0):
        shown = ".".join(map(str, version))
        raise L10nError(f"the translation memory needs SQLite 3.34 or newer (its FTS5 trigram "
                        f"index); this Python uses SQLite {shown}")


class SQLiteBackend:
    """The memory in one SQLite file (see the module's docstring)."""

    def __init__(self, path: str | Path, *, timeout: float = 10.0, read_only: bool = False):
        check_sqlite()
        self.path = Path(path)
        self.examined = 0
        self._timeout = timeout
        self._in_transaction = False
        self._pending: dict[str, Counter] = {}  # trigram counts not yet in gram_counts
        self._count_grams = True  # False while adding into an empty memory (see add)
        try:
            if read_only:  # a memory that is gone is an error, not a new empty one
                self.db = sqlite3.connect(self.path.absolute().as_uri() + "?mode=ro", uri=True,
                                          timeout=timeout, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open the translation memory: {exc}", path=self.path) from None
        self._grams_tables: set[str] = set()
        with self._errors():
            self.db.execute("PRAGMA foreign_keys = ON")
            version = self._schema_version()
            if version is None and read_only:
                raise InputError("not a translation memory l10n can read: it holds no memory",
                                 path=self.path)
            if version is None:
                with self.transaction():
                    self._create()
            elif version == "1" and read_only:
                raise InputError("translation memory of schema 1: open it once with a command "
                                 "that writes to it (such as `l10n tm stats`) to upgrade it to "
                                 f"schema {SCHEMA_VERSION}", path=self.path)
            elif version == "1" and self._migrate():
                self._compact()
            elif version != SCHEMA_VERSION:
                raise InputError(f"translation memory of schema {version}; this l10n reads "
                                 f"schema {SCHEMA_VERSION}", path=self.path)
            self._grams_tables = {f"grams_{lang}" for lang in OFFICIAL_LANGUAGES
                                  if self._table_exists(f"grams_{lang}")}

    def _create(self, *, indexes: bool = True) -> None:
        """The tables of an empty memory, and their indexes unless told otherwise (in the
        caller's transaction)."""
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self.db.execute(statement)
        if indexes:
            self._create_indexes()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    def _create_indexes(self) -> None:
        for statement in (*_INDEXES.split(";"), _SKELETON_INDEX):
            if statement.strip():
                self.db.execute(statement)

    def _migrate(self) -> bool:
        """Upgrade a schema-1 memory to schema 2 in place, in one transaction: a failure (a
        full disk, Ctrl-C) leaves the schema-1 file as it was. Schema 1 kept the texts in
        UNIQUE indexes; schema 2 keeps their digests (see the module's docstring). Every row
        keeps its id, so the trigram index (keyed by source id) and the imported files stay
        as they are; the contexts are copied in the order of schema 1's primary key. False
        when another process upgraded it meanwhile."""
        self.db.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
        try:
            with self.transaction():
                if self._schema_version() != "1":  # another process migrated it meanwhile
                    return False
                self.db.create_function("l10n_digest", 1, digest, deterministic=True)
                self.db.create_function("l10n_context_digest", 4, context_digest,
                                        deterministic=True)
                self.db.execute("DROP INDEX IF EXISTS sources_skeleton")
                for table in ("sources", "units", "contexts"):
                    self.db.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
                self._create(indexes=False)  # built once the rows are in (sorted once)
                self.db.execute("INSERT INTO sources SELECT id, lang, text, CASE WHEN skeleton "
                                "!= '' THEN l10n_digest(skeleton) END, "
                                "l10n_digest(text) FROM old_sources ORDER BY id")
                self.db.execute("INSERT INTO units SELECT id, source_id, target_lang, target, "
                                "l10n_digest(target) FROM old_units ORDER BY id")
                self.db.execute("INSERT INTO contexts SELECT unit_id, document, msgctxt, "
                                "previous, next, changed, origin, seen, l10n_context_digest("
                                "document, msgctxt, previous, next) FROM old_contexts ORDER BY "
                                "unit_id, document, msgctxt, previous, next")
                for table in ("contexts", "units", "sources"):
                    self.db.execute(f"DROP TABLE old_{table}")
                self._create_indexes()
                if self.db.execute("PRAGMA foreign_key_check").fetchone():
                    raise InputError("translation memory: a translation or context without "
                                     "its source; not upgraded", path=self.path)
        finally:
            self.db.execute("PRAGMA foreign_keys = ON")
        return True

    def _compact(self) -> None:
        """Give back the pages schema 1's tables and indexes held (the upgrade copied the
        rows, so the file would keep both: 1.6 GB where the memory needs 0.8 GB at 1,000,000
        units). VACUUM is all or nothing on its own; when it cannot run (another process
        writing, a full disk), the memory stays as it is, whole, and the free pages are
        reused by later imports."""
        try:
            self.db.execute("VACUUM")
        except sqlite3.Error:
            pass

    # ------------------------------------------------------------------ transactions, errors

    def _schema_version(self) -> str | None:
        exists = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        if not exists:
            return None
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row[0] if row else None

    @contextmanager
    def _errors(self):
        """SQLite's errors as one InputError naming the file."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise InputError("the translation memory is locked by another process; try "
                                 "again when it is done", path=self.path) from None
            raise InputError(f"translation memory: {text}", path=self.path) from None
        except sqlite3.DatabaseError as exc:
            raise InputError(f"not a translation memory l10n can read: {exc}",
                             path=self.path) from None

    @contextmanager
    def transaction(self):
        if self._in_transaction:
            yield
            return
        with self._errors():
            self.db.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield
            with self._errors():
                self.db.execute("COMMIT")  # a full disk fails here, and is rolled back below
        except BaseException:
            self._pending.clear()
            if self.db.in_transaction:  # SQLite may have rolled back already (a full disk)
                self.db.execute("ROLLBACK")
            self._grams_tables = {name for name in self._grams_tables if self._table_exists(name)}
            raise
        finally:
            self._in_transaction = False

    def _table_exists(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() \
            is not None

    def close(self) -> None:
        self.db.close()

    reopens = True

    def reopen(self) -> "SQLiteBackend":
        """The same file through a new, read-only connection (for a worker process: a
        connection must not be used across a fork)."""
        return SQLiteBackend(self.path, timeout=self._timeout, read_only=True)

    # ---------------------------------------------------------------------------------- writes

    def _grams_table(self, lang: str, create: bool) -> str | None:
        if lang not in OFFICIAL_LANGUAGES:
            raise ValueError(f"not one of the six languages: {lang!r}")
        name = f"grams_{lang}"
        if name not in self._grams_tables:
            if not create:
                return None
            self.db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(key, "
                            f"tokenize = 'trigram case_sensitive 1', detail = none, content = '', "
                            f"columnsize = 0)")
            self.db.execute(f"INSERT INTO {name} ({name}, rank) VALUES ('hashsize', ?)",
                            (FTS_PENDING_BYTES,))
            self._grams_tables.add(name)
        return name

    def _next_stamp(self) -> int:
        """A number larger than any before: when units were last added (a catalogue corrected
        without a new PO-Revision-Date still has its latest translation preferred)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        stamp = int(row[0]) + 1 if row else 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (str(stamp),))
        return stamp

    def _flush_counts(self) -> None:
        """Add the trigram counts of the sources added since the last flush."""
        for lang, pending in sorted(self._pending.items()):
            self.db.executemany(
                "INSERT INTO gram_counts VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET "
                "sources = sources + excluded.sources",
                ((lang, gram, count) for gram, count in pending.items()))
        self._pending.clear()

    def add(self, units: Iterable[TMUnit]) -> int:
        return self.add_batches((list(map(as_row, batch)), None)
                                for batch in _batches(units, BATCH))

    def add_batches(self, batches: Iterable[tuple[list[Row], Prepared | None]]) -> int:
        """``add`` for units that come in batches, as rows (``as_row``), each with what was
        computed elsewhere of its sources (``prepare``, in imports.py's TMX reader process):
        what it does not give is computed here."""
        with self.transaction(), self._errors():
            stamp = self._next_stamp()
            # Into an empty memory, the trigram counts are read from the index once at the
            # end, in one statement a language, rather than counted source by source; and the
            # skeleton index is built once at the end (sorting the rows is faster than
            # inserting each into a B-tree; in the transaction, so a failure restores it).
            self._count_grams = not self._is_empty()
            held = self._max_id("sources")
            if not self._count_grams:
                self.db.execute("DROP INDEX IF EXISTS sources_skeleton")
            added = 0
            for batch, prepared in batches:
                added += self._add_batch(batch, stamp, prepared or {})
            if self._count_grams:
                self._flush_counts()
            else:
                self._counts_from_index()
                self.db.execute(_SKELETON_INDEX)
            if self._max_id("sources") >= 2 * held + 1:
                self._optimize_index()
        return added

    def _optimize_index(self) -> None:
        """Merge each trigram index's segments into one (FTS5's 'optimize'). A large import
        leaves several segments (one each time FTS5's pending terms fill up), and every
        lookup then reads each trigram's postings from each: about 7 % of the lookups' time
        at 10,000 units. Done when an add at least doubled the sources, so the rewrite costs
        a constant time per source over the memory's life; smaller adds leave it to FTS5's
        own automatic merging."""
        for table in sorted(self._grams_tables):
            self.db.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")

    def _is_empty(self) -> bool:
        return not any(self.db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
                       for table in ("sources", "gram_counts"))

    def _counts_from_index(self) -> None:
        """Fill gram_counts from the FTS5 index (its vocabulary: how many rows hold each
        trigram), the same counts as ``grams`` gives: the trigram tokenizer's tokens of the
        normalised text are its trigrams."""
        for table in sorted(self._grams_tables):
            lang = table.removeprefix("grams_")
            self.db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_{lang} USING "
                            f"fts5vocab(main, {table}, row)")
            self.db.execute(f"INSERT INTO gram_counts SELECT ?, term, doc FROM "
                            f"temp.vocab_{lang}", (lang,))

    def _add_batch(self, batch: list[Row], stamp: int, prepared: Prepared) -> int:
        """Add one batch: a few statements a batch, and one executemany row per new source,
        index entry, translation and context (or context held already, updated)."""
        held_sources, held_units = self._max_id("sources"), self._max_id("units")
        sources = self._batch_sources(batch, held_sources, prepared)
        contexts: dict[tuple, tuple[str, str]] = {}  # repeats in the batch folded, in order
        for source, source_lang, target_lang, target, *where, changed, origin in batch:
            key = (sources[source_lang, source], target_lang, target, *where)
            earlier = contexts.get(key)
            if earlier is None or changed >= earlier[0]:  # as the UPDATE below does
                contexts[key] = (changed, origin)
        translations = self._batch_units(list(dict.fromkeys(key[:3] for key in contexts)),
                                         held_sources, held_units)
        places: dict[tuple, int] = {}  # a context's digest, once a batch (they repeat)
        rows = []
        for key, (changed, origin) in contexts.items():
            where = key[3:]
            place = places.get(where)
            if place is None:
                place = places[where] = context_digest(*where)
            rows.append((translations[key[:3]], *where, changed, origin, stamp, place))
        held = self._held_contexts([row for row in rows if row[0] <= held_units])
        fresh = [row for row in rows if row[:5] not in held]
        self.db.executemany("INSERT INTO contexts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", fresh)
        if len(fresh) < len(rows):
            self.db.executemany(
                "UPDATE contexts SET origin = CASE WHEN ?1 >= changed THEN ?2 ELSE origin END, "
                "changed = max(changed, ?1), seen = ?3 WHERE rowid = ?4",
                [(row[5], row[6], row[7], held[row[:5]]) for row in rows if row[:5] in held])
        return len(fresh)

    def _held_contexts(self, rows: list[tuple]) -> dict[tuple, int]:
        """The contexts the memory holds among these rows (of translations held before the
        batch), found by (unit_id, digest): their keys (unit_id, document, msgctxt,
        previous, next) -> rowid. The fields are compared, not only the digest."""
        wanted = {row[:5] for row in rows}
        pairs = sorted({(row[0], row[-1]) for row in rows})
        held: dict[tuple, int] = {}
        for part in _chunks(pairs):
            for rowid, *key in self.db.execute(
                    f"SELECT c.rowid, c.unit_id, c.document, c.msgctxt, c.previous, c.next FROM "
                    f"(VALUES {','.join(['(?, ?)'] * len(part))}) AS wanted JOIN contexts c ON "
                    f"c.unit_id = wanted.column1 AND c.digest = wanted.column2",
                    [value for pair in part for value in pair]):
                if tuple(key) in wanted:
                    held[tuple(key)] = rowid
        return held

    def _max_id(self, table: str) -> int:
        return self.db.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0

    def _batch_sources(self, batch: list[Row], held: int,
                       prepared: Prepared) -> dict[tuple[str, str], int]:
        """The ids of the batch's sources, (lang, text) -> id. New ones are inserted with the
        ids SQLite would give them (in the order they first appear) and indexed. What the
        memory holds is found by digest, and the texts compared."""
        wanted = {key: digest(key[1])
                  for key in dict.fromkeys((row[1], row[0]) for row in batch)}
        found: dict[tuple[str, str], int] = {}
        if held:
            by_lang: dict[str, list[int]] = {}
            for (lang, _), key_digest in wanted.items():
                by_lang.setdefault(lang, []).append(key_digest)
            for lang, digests in by_lang.items():
                for part in _chunks(sorted(set(digests))):
                    for rowid, text in self.db.execute(
                            f"SELECT id, text FROM sources WHERE lang = ? AND digest IN "
                            f"({','.join('?' * len(part))})", (lang, *part)):
                        if (lang, text) in wanted:
                            found[lang, text] = rowid
        new = [key for key in wanted if key not in found]
        for number, key in enumerate(new, held + 1):
            found[key] = number
        shapes = {text: prepared.get(text) or _shape(text) for _, text in new}
        self.db.executemany("INSERT INTO sources (id, lang, text, skeleton_digest, digest) "
                            "VALUES (?, ?, ?, ?, ?)",
                            [(found[key], *key, shapes[key[1]][0], wanted[key])
                             for key in new])
        for lang in sorted({lang for lang, _ in new}):
            table = self._grams_table(lang, create=True)
            keys = [(found[key], shapes[key[1]][1]) for key in new if key[0] == lang]
            self.db.executemany(f"INSERT INTO {table} (rowid, key) VALUES (?, ?)", keys)
            if not self._count_grams:
                continue
            pending = self._pending.setdefault(lang, Counter())
            for _, key in keys:
                if len(key) >= 3:  # a shorter text has no trigram (exact lookups find it)
                    pending.update(grams(key))
        if sum(map(len, self._pending.values())) > PENDING_GRAMS:
            self._flush_counts()
        return found

    def _batch_units(self, wanted: list[tuple[int, str, str]], held_sources: int,
                     held: int) -> dict[tuple[int, str, str], int]:
        """The ids of the batch's translations, (source id, target lang, target) -> id; new
        ones are inserted, in the order they first appear. Only a source held before the
        batch can have translations already; they are found by digest, the texts compared."""
        digests = {key: digest(key[2]) for key in wanted}
        found: dict[tuple[int, str, str], int] = {}
        older = sorted({(*key[:2], digests[key]) for key in wanted if key[0] <= held_sources})
        for part in _chunks(older):
            for rowid, *key in self.db.execute(
                    f"SELECT u.id, u.source_id, u.target_lang, u.target FROM (VALUES "
                    f"{','.join(['(?, ?, ?)'] * len(part))}) AS wanted JOIN units u ON "
                    f"u.source_id = wanted.column1 AND u.target_lang = wanted.column2 AND "
                    f"u.digest = wanted.column3", [value for row in part for value in row]):
                if tuple(key) in digests:
                    found[tuple(key)] = rowid
        new = [key for key in wanted if key not in found]
        for number, key in enumerate(new, held + 1):
            found[key] = number
        self.db.executemany("INSERT INTO units (id, source_id, target_lang, target, digest) "
                            "VALUES (?, ?, ?, ?, ?)",
                            [(found[key], *key, digests[key]) for key in new])
        return found

    def seen(self, origin: str) -> tuple[int, int] | None:
        with self._errors():
            row = self.db.execute("SELECT size, mtime_ns FROM imported WHERE origin = ?",
                                  (origin,)).fetchone()
        return (row[0], row[1]) if row else None

    def record(self, origin: str, size: int, mtime_ns: int) -> None:
        with self.transaction(), self._errors():
            self.db.execute("INSERT OR REPLACE INTO imported VALUES (?, ?, ?)",
                            (origin, size, mtime_ns))

    # ----------------------------------------------------------------------------------- reads

    def _units(self, where: str, params: tuple, order: str) -> list[TMUnit]:
        with self._errors():
            rows = self.db.execute(f"SELECT {_UNIT_COLUMNS} FROM {_UNIT_FROM} WHERE {where} "
                                   f"ORDER BY {order}", params).fetchall()
        return [TMUnit(*row) for row in rows]

    def exact(self, source: str, source_lang: str, target_lang: str, *,
              context: tuple[str, str, str, str] | None = None,
              limit: int = 50) -> list[TMUnit]:
        document, msgctxt, previous, following = context or ("", "", "", "")
        in_context = ("CASE WHEN (?4 != '' AND c.msgctxt = ?4) OR (?5 != '' AND c.document = ?5 "
                      "AND c.previous = ?6 AND c.next = ?7) THEN 0 ELSE 1 END")
        # the digest finds the source through the index; the text tells apart two of one digest
        return self._units("s.lang = ?1 AND s.digest = ?8 AND s.text = ?2 AND "
                           "u.target_lang = ?3",
                           (source_lang, source, target_lang, msgctxt, document, previous,
                            following, digest(source)),
                           f"{in_context}, c.changed DESC, c.seen DESC, u.target, c.document, "
                           f"c.msgctxt, c.previous, c.next LIMIT {int(limit)}")

    widens = True  # fuzzy(wide=True) reads more of the index than fuzzy()

    def fuzzy(self, source: str, source_lang: str, target_lang: str, *,
              limit: int = 20, wide: bool = False) -> list[TMUnit]:
        table = self._grams_table(source_lang, create=False)
        if table is None:
            return []
        rarest, budget, most = ((WIDE_RAREST, WIDE_BUDGET, WIDE_MAX_POSTINGS) if wide else
                                (RAREST, BUDGET, MAX_POSTINGS))
        votes: Counter[int] = Counter()
        with self._errors():
            wanted = sorted(gram for gram in grams(normalise(source)) if len(gram) == 3)
            counted = []
            for start in range(0, len(wanted), 500):  # within SQLite's limit on parameters
                part = wanted[start:start + 500]
                counted += [(count, gram) for gram, count in self.db.execute(
                    f"SELECT gram, sources FROM gram_counts WHERE lang = ? AND gram IN "
                    f"({','.join('?' * len(part))})", (source_lang, *part))]
            counted.sort()
            chosen, total = [], 0
            for count, gram in counted[:rarest]:
                if len(chosen) >= MIN_GRAMS and total + count > budget:
                    break
                chosen.append(gram)
                total += min(count, most)
            # One statement: each chosen trigram's postings, counted per source by SQLite
            # (the rows read are the sum of the counts, each capped at MAX_POSTINGS).
            postings = " UNION ALL ".join(
                f"SELECT * FROM (SELECT rowid AS id FROM {table} WHERE {table} MATCH ? "
                f"LIMIT {most})" for _ in chosen)
            ids = []
            if chosen:
                rows = self.db.execute(
                    f"SELECT id, count(*) AS shared FROM ({postings}) GROUP BY id "
                    f"ORDER BY shared DESC, id LIMIT {limit * 4}",
                    ['"' + gram.replace('"', '""') + '"' for gram in chosen]).fetchall()
                picked = set(chosen)
                self.examined += sum(min(count, most) for count, gram in counted
                                     if gram in picked)
                ids = [rowid for rowid, _ in rows]
                votes.update(dict(rows))
            shaped = set(self._shaped(source, source_lang, SKELETON_LIMIT))
            ids += [rowid for rowid in sorted(shaped) if rowid not in votes]
            if not ids:
                return []
            marks = ",".join("?" * len(ids))
            with_target = {rowid for (rowid,) in self.db.execute(
                f"SELECT DISTINCT source_id FROM units WHERE target_lang = ? AND "
                f"source_id IN ({marks})", (target_lang, *ids))}
        chosen = [rowid for rowid in ids if rowid in with_target]
        # the sources sharing most trigrams, and every one of the same skeleton (renumbered)
        chosen = chosen[:limit] + [rowid for rowid in chosen[limit:] if rowid in shaped]
        return self._candidates(chosen, target_lang)

    def same_skeleton(self, source: str, source_lang: str,
                      target_lang: str) -> tuple[list[TMUnit], bool]:
        with self._errors():
            shaped = self._shaped(source, source_lang, SKELETON_LIMIT + 1)
        if len(shaped) > SKELETON_LIMIT:
            return [], False
        return self._candidates(shaped, target_lang), True

    def _shaped(self, source: str, source_lang: str, limit: int) -> list[int]:
        """The ids of up to ``limit`` sources of ``source``'s skeleton (none without one)."""
        shape = skeleton(source)
        if not shape:
            return []
        # "IS NOT NULL" lets SQLite use the partial index (it cannot know that the parameter
        # is not NULL): without it, every lookup scans the sources table. A source of
        # another skeleton with the same digest is told apart by the caller, which compares
        # the skeletons themselves.
        rows = self.db.execute(
            f"SELECT id FROM sources WHERE lang = ? AND skeleton_digest = ? AND "
            f"skeleton_digest IS NOT NULL LIMIT {int(limit)}",
            (source_lang, digest(shape))).fetchall()
        self.examined += len(rows)
        return [rowid for (rowid,) in rows]

    def _candidates(self, ids: list[int], target_lang: str) -> list[TMUnit]:
        """The units into ``target_lang`` of these sources, in the order lookups rank ties."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = self._units(f"s.id IN ({marks}) AND u.target_lang = ?", (*ids, target_lang),
                            "s.text, c.changed DESC, c.seen DESC, u.target, c.document, c.msgctxt, "
                            "c.previous, c.next")
        self.examined += len(found)
        return found

    def iterate(self, source_lang: str | None = None,
                target_lang: str | None = None) -> Iterator[TMUnit]:
        where, params = [], []
        if source_lang:
            where.append("s.lang = ?")
            params.append(source_lang)
        if target_lang:
            where.append("u.target_lang = ?")
            params.append(target_lang)
        clause = " WHERE " + " AND ".join(where) if where else ""
        with self._errors():
            cursor = self.db.execute(
                f"SELECT {_UNIT_COLUMNS} FROM {_UNIT_FROM}{clause} ORDER BY s.lang, s.text, "
                f"c.document, c.msgctxt, c.previous, c.next, u.target_lang, u.target",
                tuple(params))
            for row in cursor:
                yield TMUnit(*row)

    def stats(self) -> dict[str, int]:
        with self._errors():
            counts = {
                "units": self.db.execute("SELECT count(*) FROM contexts").fetchone()[0],
                "translations": self.db.execute("SELECT count(*) FROM units").fetchone()[0],
                "sources": self.db.execute("SELECT count(*) FROM sources").fetchone()[0],
            }
            for lang, target_lang, count in self.db.execute(
                    "SELECT s.lang, u.target_lang, count(*) FROM units u JOIN sources s "
                    "ON s.id = u.source_id GROUP BY s.lang, u.target_lang ORDER BY 1, 2"):
                counts[f"{lang}->{target_lang}"] = count
        return counts


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter), read as a stream."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]
