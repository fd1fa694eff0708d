"""A shared memory: the same store on PostgreSQL with pg_trgm (as amaGama and Weblate use).

Selected by a URL for the memory (``[tool.l10n] tm = "postgresql://user@host/db"``,
``L10N_TM_URL`` or ``--memory URL``); needs psycopg 3 (``pip install l10n[postgres]``).

Tables (prefixed ``tm_`` so that the memory can share a database): ``tm_sources`` (one row
per source language and text, with its normalised key and its skeleton), ``tm_units`` (one
row per source, target language and target text), ``tm_contexts`` (one row per unit and
context, with the date changed and the origin), ``tm_imported`` and ``tm_meta``. Texts and
contexts are unique by a SHA-256 digest (a B-tree entry holds at most a third of a page, a
paragraph may not fit). Exact lookups go through the B-tree on the digest of the language
and source, renumbered sentences through one on the digest of the language and skeleton.

The fuzzy index is one GIN trigram index (``gin_trgm_ops``) over the normalised source per
language (a partial index: the language is written into each query, never a parameter, so
that the planner always picks the language's index). A lookup sets
``pg_trgm.similarity_threshold`` for its own transaction and asks ``key % query``: the
index returns the sources sharing enough trigrams, PostgreSQL rechecks and ranks them by
``similarity()``; no scan. ``examined`` counts the candidate rows read back.

The database's LC_CTYPE must classify letters beyond ASCII (a UTF-8 locale such as
C.UTF-8 or en_US.UTF-8): pg_trgm takes only letters and digits into trigrams, and under the
plain C locale Arabic, Chinese and Russian text has none. Opening such a database fails.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from typing import Iterable, Iterator
from urllib.parse import SplitResult, parse_qsl, quote, urlencode, urlsplit

from ..errors import ConfigError, InputError
from ..locales import OFFICIAL_LANGUAGES
from .model import TMUnit
from .text import normalise, skeleton

SCHEMA_VERSION = "1"
URL_SCHEMES = ("postgresql", "postgres")
THRESHOLD = 0.3  # pg_trgm similarity a fuzzy candidate needs (pg_trgm's default)
SKELETON_LIMIT = 20

_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS tm_meta (key text PRIMARY KEY, value text NOT NULL)",
    """CREATE TABLE IF NOT EXISTS tm_sources (
        id bigserial PRIMARY KEY, lang text NOT NULL, digest bytea NOT NULL, text text NOT NULL,
        key text NOT NULL, skeleton text NOT NULL, skeleton_digest bytea,
        UNIQUE (digest))""",
    "CREATE INDEX IF NOT EXISTS tm_sources_skeleton ON tm_sources (skeleton_digest) "
    "WHERE skeleton_digest IS NOT NULL",
    *(f"CREATE INDEX IF NOT EXISTS tm_sources_key_{lang} ON tm_sources USING gin "
      f"(key gin_trgm_ops) WHERE lang = '{lang}'" for lang in OFFICIAL_LANGUAGES),
    """CREATE TABLE IF NOT EXISTS tm_units (
        id bigserial PRIMARY KEY, source_id bigint NOT NULL REFERENCES tm_sources (id),
        target_lang text NOT NULL, digest bytea NOT NULL, target text NOT NULL,
        UNIQUE (source_id, target_lang, digest))""",
    """CREATE TABLE IF NOT EXISTS tm_contexts (
        unit_id bigint NOT NULL REFERENCES tm_units (id), digest bytea NOT NULL,
        document text NOT NULL, msgctxt text NOT NULL, previous text NOT NULL,
        next text NOT NULL, changed text NOT NULL, origin text NOT NULL, seen bigint NOT NULL,
        PRIMARY KEY (unit_id, digest))""",
    """CREATE TABLE IF NOT EXISTS tm_imported (
        origin text PRIMARY KEY, size bigint NOT NULL, mtime_ns bigint NOT NULL)""",
]

# Texts sort by code point, as in SQLite: the same order whatever the database's collation.
_C = 'COLLATE "C"'
_UNIT_COLUMNS = ("s.text, s.lang, u.target_lang, u.target, c.document, c.msgctxt, c.previous, "
                 "c.next, c.changed, c.origin")
_UNIT_FROM = ("tm_sources s JOIN tm_units u ON u.source_id = s.id "
              "JOIN tm_contexts c ON c.unit_id = u.id")


def is_url(location: object) -> bool:
    """Whether a memory's location names a PostgreSQL database rather than a file."""
    return isinstance(location, str) and location.split("://", 1)[0].lower() in URL_SCHEMES \
        and "://" in location


def masked(url: str) -> str:
    """The URL as messages show it: the password (in the URL or as a parameter) as ***."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, host = netloc.rpartition("@")
            if ":" in user:
                user = user.split(":", 1)[0] + ":***"
            netloc = f"{user}@{host}"
        query = parts.query
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            query = urlencode([(k, "***" if k.lower() == "password" else v) for k, v in pairs],
                              safe="/:*", quote_via=quote)
        return SplitResult(parts.scheme, netloc, parts.path, query, parts.fragment).geturl()
    except ValueError:
        return f"{url.split('://', 1)[0]}://***"


_HAS_TARGET = ("EXISTS (SELECT 1 FROM tm_units u WHERE u.source_id = s.id AND "
               "u.target_lang = %(target_lang)s)")


# The planner takes similarity() for cheap (it computes both texts' trigrams) and, below a
# hundred thousand sources or so, reads the whole table rather than the trigram index: 100 ms
# a lookup at 5,000 sources, where the index takes a few. A lookup forbids it scans, so that
# the GIN index (a bitmap scan) is the only way left. (No B-tree has the language as a column:
# a bitmap over all of a language's rows is no way either.)
_LOOKUP_SETTINGS = (("enable_seqscan", "off"), ("enable_indexscan", "off"))


def fuzzy_query(lang: str, limit: int = 20) -> str:
    """The fuzzy lookup's statement (parameters ``key``, ``target_lang``): the sources of
    ``lang`` sharing enough trigrams with the key (``%``, through the language's GIN index),
    the most similar first."""
    return (f"SELECT s.id FROM tm_sources s WHERE s.lang = '{_lang(lang)}' AND "
            f"s.key %% %(key)s AND {_HAS_TARGET} "
            f"ORDER BY similarity(s.key, %(key)s) DESC, s.id LIMIT {int(limit)}")


def _digest(*texts: str) -> bytes:
    return hashlib.sha256("\0".join(texts).encode("utf-8", "surrogatepass")).digest()


def _lang(lang: str) -> str:
    """A language code safe to write into SQL (it names the partial index)."""
    if lang not in OFFICIAL_LANGUAGES:
        raise ValueError(f"not one of the six languages: {lang!r}")
    return lang


class PostgresBackend:
    """The memory in a PostgreSQL database (see the module's docstring)."""

    def __init__(self, url: str, *, timeout: float = 10.0):
        self.url = url
        self.shown = masked(url)
        self.examined = 0
        self._in_transaction = False
        self._cursors = 0
        try:
            import psycopg
        except ImportError:
            raise ConfigError("a PostgreSQL translation memory needs psycopg: "
                              "pip install 'l10n[postgres]'", path=self.shown) from None
        self._psycopg = psycopg
        try:
            # autocommit: every write goes through transaction(), reads see committed data
            self.db = psycopg.connect(url, autocommit=True,
                                      connect_timeout=max(2, int(timeout)))
        except psycopg.Error as exc:
            raise InputError(f"cannot connect to the translation memory: "
                             f"{self._reason(exc)}", path=self.shown) from None
        try:
            with self._errors():
                # --wait: how long a write waits for another process's (then one error)
                self.db.execute("SELECT set_config('lock_timeout', %s, false)",
                                (f"{max(1, int(timeout * 1000))}ms",))
                self._prepare()
        except BaseException:
            self.db.close()
            raise

    # ------------------------------------------------------------------ set-up, errors

    def _reason(self, exc: Exception) -> str:
        """psycopg's message on one line, without the password if it quotes the URL."""
        text = " ".join(str(exc).split()) or type(exc).__name__
        password = urlsplit(self.url).password if "://" in self.url else None
        if password:
            text = text.replace(password, "***")
        for prefix in ("connection failed: ", "connection is bad: "):
            text = text.removeprefix(prefix)
        return text

    def _prepare(self) -> None:
        has_trgm = self.db.execute(
            "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
        if not has_trgm:
            try:
                self.db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except self._psycopg.Error as exc:
                raise InputError(f"the database has no pg_trgm extension and cannot add it "
                                 f"({self._reason(exc)}); ask its administrator to run "
                                 f"CREATE EXTENSION pg_trgm", path=self.shown) from None
        if not self.db.execute("SELECT show_trgm('бд')").fetchone()[0]:
            ctype = self.db.execute("SHOW lc_ctype").fetchone()[0]
            raise InputError(f"the database's LC_CTYPE {ctype!r} makes pg_trgm ignore letters "
                             f"beyond ASCII; create it with a UTF-8 locale (C.UTF-8)",
                             path=self.shown)
        version = self._schema_version()
        if version is None:
            with self.transaction():
                # one schema creation at a time (two first imports at once)
                self.db.execute("SELECT pg_advisory_xact_lock(hashtext('l10n tm schema'))")
                for statement in _SCHEMA:
                    self.db.execute(statement)
                self.db.execute("INSERT INTO tm_meta VALUES ('schema', %s) "
                                "ON CONFLICT (key) DO NOTHING", (SCHEMA_VERSION,))
        elif version != SCHEMA_VERSION:
            raise InputError(f"translation memory of schema {version}; this l10n reads "
                             f"schema {SCHEMA_VERSION}", path=self.shown)

    def _schema_version(self) -> str | None:
        if self.db.execute("SELECT to_regclass('tm_meta')").fetchone()[0] is None:
            return None
        row = self.db.execute("SELECT value FROM tm_meta WHERE key = 'schema'").fetchone()
        return row[0] if row else None

    @contextmanager
    def _errors(self):
        """PostgreSQL's errors as one InputError naming the database (password masked)."""
        psycopg = self._psycopg
        try:
            yield
        except psycopg.errors.LockNotAvailable:
            raise InputError("the translation memory is locked by another process; try again "
                             "when it is done", path=self.shown) from None
        except psycopg.OperationalError as exc:
            raise InputError(f"translation memory: {self._reason(exc)}",
                             path=self.shown) from None
        except psycopg.Error as exc:
            raise InputError(f"not a translation memory l10n can use: {self._reason(exc)}",
                             path=self.shown) from None

    @contextmanager
    def transaction(self):
        if self._in_transaction:
            yield
            return
        self._in_transaction = True
        try:
            with self._errors(), self.db.transaction():
                yield
        finally:
            self._in_transaction = False

    def close(self) -> None:
        self.db.close()

    # Pre-translation's lookups stay in one process on this store: the server does the
    # trigram search, and a connection per worker would cost a log-in each.
    reopens = False

    def reopen(self) -> "PostgresBackend":
        raise NotImplementedError("lookups on PostgreSQL stay in one process")

    # ---------------------------------------------------------------------------------- writes

    def _next_stamp(self) -> int:
        """A number larger than any before: when units were last added (see SQLiteBackend)."""
        row = self.db.execute(
            "INSERT INTO tm_meta VALUES ('stamp', '1') ON CONFLICT (key) DO UPDATE SET "
            "value = (tm_meta.value::bigint + 1)::text RETURNING value").fetchone()
        return int(row[0])

    def _source_id(self, text: str, lang: str, cache: dict) -> int:
        key = (lang, text)
        found = cache.get(key)
        if found is not None:
            return found
        digest = _digest(lang, text)
        shape = skeleton(text)
        row = self.db.execute(
            "INSERT INTO tm_sources (lang, digest, text, key, skeleton, skeleton_digest) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (digest) DO NOTHING RETURNING id",
            (_lang(lang), digest, text, normalise(text), shape,
             _digest(lang, shape) if shape else None)).fetchone()
        if row is None:
            row = self.db.execute("SELECT id FROM tm_sources WHERE digest = %s",
                                  (digest,)).fetchone()
        if len(cache) > 64:  # units of one source come together: a few are enough
            cache.clear()
        cache[key] = row[0]
        return row[0]

    def add(self, units: Iterable[TMUnit]) -> int:
        with self.transaction():
            return self._add_units(units, self._next_stamp())

    def _add_units(self, units: Iterable[TMUnit], stamp: int) -> int:
        added = 0
        cache: dict = {}
        for unit in units:
            source_id = self._source_id(unit.source, unit.source_lang, cache)
            digest = _digest(unit.target)
            row = self.db.execute(
                "INSERT INTO tm_units (source_id, target_lang, digest, target) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id",
                (source_id, unit.target_lang, digest, unit.target)).fetchone()
            if row is None:
                row = self.db.execute(
                    "SELECT id FROM tm_units WHERE source_id = %s AND target_lang = %s AND "
                    "digest = %s", (source_id, unit.target_lang, digest)).fetchone()
            where = (row[0], _digest(unit.document, unit.msgctxt, unit.previous, unit.next))
            # xmax = 0: the row was inserted by this statement, not updated
            inserted = self.db.execute(
                "INSERT INTO tm_contexts AS c VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (unit_id, digest) DO UPDATE SET "
                "origin = CASE WHEN excluded.changed >= c.changed THEN excluded.origin "
                "ELSE c.origin END, changed = greatest(c.changed, excluded.changed), "
                "seen = excluded.seen RETURNING (xmax = 0)",
                (*where, unit.document, unit.msgctxt, unit.previous, unit.next, unit.changed,
                 unit.origin, stamp)).fetchone()[0]
            added += bool(inserted)
        return added

    def seen(self, origin: str) -> tuple[int, int] | None:
        with self._errors():
            row = self.db.execute("SELECT size, mtime_ns FROM tm_imported WHERE origin = %s",
                                  (origin,)).fetchone()
        return (row[0], row[1]) if row else None

    def record(self, origin: str, size: int, mtime_ns: int) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO tm_imported VALUES (%s, %s, %s) ON CONFLICT (origin) "
                            "DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns",
                            (origin, size, mtime_ns))

    # ----------------------------------------------------------------------------------- reads

    def _units(self, where: str, params: tuple | dict, order: str) -> list[TMUnit]:
        with self._errors():
            rows = self.db.execute(f"SELECT {_UNIT_COLUMNS} FROM {_UNIT_FROM} WHERE {where} "
                                   f"ORDER BY {order}", params).fetchall()
        return [TMUnit(*row) for row in rows]

    def exact(self, source: str, source_lang: str, target_lang: str, *,
              context: tuple[str, str, str, str] | None = None,
              limit: int = 50) -> list[TMUnit]:
        document, msgctxt, previous, following = context or ("", "", "", "")
        in_context = ("CASE WHEN (%(msgctxt)s != '' AND c.msgctxt = %(msgctxt)s) OR "
                      "(%(document)s != '' AND c.document = %(document)s AND "
                      "c.previous = %(previous)s AND c.next = %(next)s) THEN 0 ELSE 1 END")
        return self._units(
            "s.lang = %(lang)s AND s.digest = %(digest)s AND s.text = %(text)s AND "
            "u.target_lang = %(target_lang)s",
            {"lang": source_lang, "digest": _digest(source_lang, source), "text": source,
             "target_lang": target_lang, "msgctxt": msgctxt, "document": document,
             "previous": previous, "next": following},
            f"{in_context}, c.changed {_C} DESC, c.seen DESC, u.target {_C}, c.document {_C}, "
            f"c.msgctxt {_C}, c.previous {_C}, c.next {_C} LIMIT {int(limit)}")

    widens = False  # pg_trgm's search is not budgeted: fuzzy(wide=True) finds no more

    def fuzzy(self, source: str, source_lang: str, target_lang: str, *,
              limit: int = 20, wide: bool = False) -> list[TMUnit]:
        if source_lang not in OFFICIAL_LANGUAGES:
            return []
        lang = _lang(source_lang)
        key = normalise(source)
        shape = skeleton(source)
        ids: list[int] = []
        with self._errors(), self.db.transaction():
            if key:
                # for this transaction only (see _LOOKUP_SETTINGS)
                for name, value in (("pg_trgm.similarity_threshold", str(THRESHOLD)),
                                    *_LOOKUP_SETTINGS):
                    self.db.execute("SELECT set_config(%s, %s, true)", (name, value))
                rows = self.db.execute(fuzzy_query(lang, limit),
                                       {"key": key, "target_lang": target_lang}).fetchall()
                ids = [row[0] for row in rows]
            ids += [rowid for rowid in self._shaped(lang, shape, target_lang, SKELETON_LIMIT)
                    if rowid not in ids]
        self.examined += len(ids)
        return self._candidates(ids, target_lang)

    def same_skeleton(self, source: str, source_lang: str,
                      target_lang: str) -> tuple[list[TMUnit], bool]:
        if source_lang not in OFFICIAL_LANGUAGES:
            return [], True
        with self._errors():
            ids = self._shaped(_lang(source_lang), skeleton(source), target_lang,
                               SKELETON_LIMIT + 1)
        self.examined += len(ids)
        if len(ids) > SKELETON_LIMIT:
            return [], False
        return self._candidates(ids, target_lang), True

    def _shaped(self, lang: str, shape: str, target_lang: str, limit: int) -> list[int]:
        """The ids of up to ``limit`` sources of skeleton ``shape`` with a translation into
        ``target_lang`` (none for a text without placeables)."""
        if not shape:
            return []
        rows = self.db.execute(
            f"SELECT s.id FROM tm_sources s WHERE s.lang = '{lang}' AND "
            f"s.skeleton_digest = %(digest)s AND s.skeleton = %(shape)s AND "
            f"{_HAS_TARGET} ORDER BY s.id LIMIT {int(limit)}",
            {"digest": _digest(lang, shape), "shape": shape,
             "target_lang": target_lang}).fetchall()
        return [row[0] for row in rows]

    def _candidates(self, ids: list[int], target_lang: str) -> list[TMUnit]:
        """The units into ``target_lang`` of these sources, in the order lookups rank ties."""
        if not ids:
            return []
        found = self._units("s.id = ANY(%(ids)s) AND u.target_lang = %(target_lang)s",
                            {"ids": ids, "target_lang": target_lang},
                            f"s.text {_C}, c.changed {_C} DESC, c.seen DESC, u.target {_C}, "
                            f"c.document {_C}, c.msgctxt {_C}")
        self.examined += len(found)
        return found

    def iterate(self, source_lang: str | None = None,
                target_lang: str | None = None) -> Iterator[TMUnit]:
        where, params = [], []
        if source_lang:
            where.append("s.lang = %s")
            params.append(source_lang)
        if target_lang:
            where.append("u.target_lang = %s")
            params.append(target_lang)
        clause = " WHERE " + " AND ".join(where) if where else ""
        query = (f"SELECT {_UNIT_COLUMNS} FROM {_UNIT_FROM}{clause} ORDER BY s.lang {_C}, "
                 f"s.text {_C}, c.document {_C}, c.msgctxt {_C}, c.previous {_C}, c.next {_C}, "
                 f"u.target_lang {_C}, u.target {_C}")
        # a server-side cursor (inside a transaction): a memory of millions of units is
        # streamed, not loaded
        self._cursors += 1
        with self._errors(), self.db.transaction(), \
                self.db.cursor(name=f"tm_iterate_{self._cursors}") as cursor:
            cursor.itersize = 2000
            cursor.execute(query, tuple(params))
            for row in cursor:
                yield TMUnit(*row)

    def stats(self) -> dict[str, int]:
        with self._errors():
            counts = {
                "units": self.db.execute("SELECT count(*) FROM tm_contexts").fetchone()[0],
                "translations": self.db.execute("SELECT count(*) FROM tm_units").fetchone()[0],
                "sources": self.db.execute("SELECT count(*) FROM tm_sources").fetchone()[0],
            }
            for lang, target_lang, count in self.db.execute(
                    "SELECT s.lang, u.target_lang, count(*) FROM tm_units u JOIN tm_sources s "
                    f"ON s.id = u.source_id GROUP BY s.lang, u.target_lang "
                    f"ORDER BY s.lang {_C}, u.target_lang {_C}"):
                counts[f"{lang}->{target_lang}"] = count
        return counts
