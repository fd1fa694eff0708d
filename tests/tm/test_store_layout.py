"""The SQLite store's layout (schema 2): indexes of small keys (digests), not of the texts;
the uniqueness the UNIQUE indexes gave is kept by the code, which compares the texts, so a
digest shared by two texts never merges them; a schema-1 memory is migrated in place, in one
transaction, and finds, exports and counts what it did."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from l10n.errors import InputError
from l10n.tm import sqlite_store
from l10n.tm.memory import Context, open_memory
from l10n.tm.model import TMUnit
from l10n.tm.sqlite_store import SQLiteBackend
from l10n.tm.text import grams, normalise, skeleton
from l10n.tm.tmx import tmx_chunks

# Schema 1, as l10n created it before schema 2 (sqlite_store.py at 7c1619a).
SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY, lang TEXT NOT NULL, text TEXT NOT NULL, skeleton TEXT NOT NULL,
    UNIQUE (lang, text));
CREATE TABLE units (
    id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL REFERENCES sources (id),
    target_lang TEXT NOT NULL, target TEXT NOT NULL,
    UNIQUE (source_id, target_lang, target));
CREATE TABLE contexts (
    unit_id INTEGER NOT NULL REFERENCES units (id), document TEXT NOT NULL,
    msgctxt TEXT NOT NULL, previous TEXT NOT NULL, next TEXT NOT NULL,
    changed TEXT NOT NULL, origin TEXT NOT NULL, seen INTEGER NOT NULL,
    PRIMARY KEY (unit_id, document, msgctxt, previous, next)) WITHOUT ROWID;
CREATE TABLE gram_counts (
    lang TEXT NOT NULL, gram TEXT NOT NULL, sources INTEGER NOT NULL,
    PRIMARY KEY (lang, gram)) WITHOUT ROWID;
CREATE TABLE imported (
    origin TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE INDEX sources_skeleton ON sources (lang, skeleton) WHERE skeleton != '';
"""

SENTENCES = [
    "The General Assembly adopted resolution A/RES/78/261 on 4 November 2025.",
    "The General Assembly adopted resolution A/RES/77/12 on 25 July 2022.",
    "The Security Council met today.",
    "The Security Council met yesterday.",
    "Thank you.",
    "Item 5 of the provisional agenda.",
    "Item 12 of the provisional agenda.",
    "Ok",
]


def _units() -> list[TMUnit]:
    """Units of several source and target languages, each source in several documents and
    contexts, one translated two ways, some repeated later with a later or earlier date."""
    units = []
    for number, text in enumerate(SENTENCES):
        before = SENTENCES[number - 1] if number else ""
        after = SENTENCES[number + 1] if number + 1 < len(SENTENCES) else ""
        for lang in ("fr", "ru", "zh"):
            for document in ("report", "letter"):
                units.append(TMUnit(text, "en", lang, f"{text.upper()} [{lang}]", document,
                                    "", before, after, f"2025{number % 12 + 1:02}01T000000Z",
                                    f"{document}.tmx"))
        units.append(TMUnit(text, "en", "fr", f"{text.upper()} [fr, autre]", "minutes",
                            f"ctx{number}", "", "", "20240101T000000Z", "minutes.po"))
        units.append(TMUnit(text.upper(), "es", "en", text, "informe"))
    units.append(TMUnit("大会通过了第78/261号决议。", "zh", "en",
                        "The Assembly adopted resolution 78/261."))
    later = [TMUnit(unit.source, unit.source_lang, unit.target_lang, unit.target,
                    unit.document, unit.msgctxt, unit.previous, unit.next,
                    "20261201T000000Z" if number % 2 else "20200101T000000Z", "later.tmx")
             for number, unit in enumerate(units[::5])]
    return units + later


def _schema_1_memory(path: Path, units: list[TMUnit]) -> None:
    """A schema-1 memory of ``units``, with the rows schema 1's code wrote for one add into
    an empty memory: ids in order of first appearance, repeats folded (the later date and
    its origin), each source's skeleton, its trigram index and counts, the add's stamp."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_1)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", "1"), ("stamp", "1")])
    sources: dict[tuple, int] = {}
    translations: dict[tuple, int] = {}
    contexts: dict[tuple, tuple] = {}
    for unit in units:
        source = sources.setdefault((unit.source_lang, unit.source), len(sources) + 1)
        translation = translations.setdefault((source, unit.target_lang, unit.target),
                                              len(translations) + 1)
        key = (translation, unit.document, unit.msgctxt, unit.previous, unit.next)
        if key not in contexts or unit.changed >= contexts[key][0]:
            contexts[key] = (unit.changed, unit.origin)
    db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?)",
                   [(number, lang, text, skeleton(text))
                    for (lang, text), number in sources.items()])
    db.executemany("INSERT INTO units VALUES (?, ?, ?, ?)",
                   [(number, *key) for key, number in translations.items()])
    db.executemany("INSERT INTO contexts VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                   [(*key, *value) for key, value in contexts.items()])
    for lang in sorted({lang for lang, _ in sources}):
        table = f"grams_{lang}"
        db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(key, tokenize = 'trigram "
                   f"case_sensitive 1', detail = none, content = '')")
        db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?)", (32 << 20,))
        keys = [(number, normalise(text)) for (source_lang, text), number in sources.items()
                if source_lang == lang]
        db.executemany(f"INSERT INTO {table} (rowid, key) VALUES (?, ?)", keys)
        counts = Counter(gram for _, key in keys if len(key) >= 3 for gram in grams(key))
        db.executemany("INSERT INTO gram_counts VALUES (?, ?, ?)",
                       [(lang, gram, count) for gram, count in counts.items()])
    db.execute("INSERT INTO imported VALUES ('po/fr/report.po', 120, 7)")
    db.commit()
    db.close()


def _export(memory) -> str:
    return "".join(tmx_chunks(memory.backend))


QUERIES = [
    (SENTENCES[0], Context("report", "", "", SENTENCES[1])),  # a context match
    (SENTENCES[2], Context("minutes", "ctx2")),
    (SENTENCES[4], None),
    ("The General Assembly adopted resolution A/RES/79/3 on 6 November 2025.", None),
    ("The Security Council met again today.", None),
    ("Item 7 of the provisional agenda.", None),
    ("Ok", None),
    ("Something the memory has never seen.", None),
]


def _lookups(memory) -> list:
    found = []
    for text, context in QUERIES:
        for lang in ("fr", "ru", "zh"):
            found.append(memory.lookup(text, "en", lang, context=context, threshold=60,
                                       limit=10))
    found.append(memory.lookup(SENTENCES[3].upper(), "es", "en"))
    return found


def _rows(memory) -> list:
    """The memory's rows, without schema 2's digests (which schema 1 has not)."""
    db = memory.backend.db
    return [db.execute("SELECT id, lang, text, skeleton_digest IS NOT NULL FROM sources "
                       "ORDER BY id").fetchall(),
            db.execute("SELECT id, source_id, target_lang, target FROM units "
                       "ORDER BY id").fetchall(),
            db.execute("SELECT unit_id, document, msgctxt, previous, next, changed, origin, "
                       "seen FROM contexts ORDER BY 1, 2, 3, 4, 5").fetchall(),
            db.execute("SELECT * FROM gram_counts ORDER BY 1, 2").fetchall()]


def _everything(memory) -> tuple:
    return (_export(memory), memory.stats(), _lookups(memory), _rows(memory))


def test_a_schema_1_memory_is_migrated_and_finds_exports_and_counts_the_same(tmp_path):
    """A memory written by schema 1's code opens (for writing: every command opens so),
    becomes schema 2, and gives the same export bytes, counts, lookups and rows as the same
    units added to a new memory; adding them again adds nothing, the imported files are
    still known, and later adds go on from its ids. The file keeps no page of schema 1's
    tables (the upgrade copies the rows, then compacts the file)."""
    units = _units()
    old = tmp_path / "old.sqlite"
    _schema_1_memory(old, units)
    with open_memory(path=tmp_path / "new.sqlite") as new:
        assert new.add(units) > 0
        expected = _everything(new)
        more = [TMUnit("A sentence added after the upgrade.", "en", "fr", "Une phrase.",
                       "report", "", SENTENCES[-1], "")]
        assert new.add(units + more) == 1
        expected_after_more = _everything(new)
    with open_memory(path=old) as migrated:
        db = migrated.backend.db
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("2",)
        assert db.execute("PRAGMA freelist_count").fetchone() == (0,)  # schema 1's pages freed
        assert _everything(migrated) == expected
        # the skeleton (schema 1's text) became its digest, as new adds write it
        assert all(found == sqlite_store._skeleton_digest(skeleton(text)) for text, found in
                   db.execute("SELECT text, skeleton_digest FROM sources"))
        assert migrated.backend.seen("po/fr/report.po") == (120, 7)
        assert migrated.add(units + more) == 1
        assert _everything(migrated) == expected_after_more


def test_the_export_is_the_same_bytes_through_the_command_line(tmp_path):
    """`l10n tm export` of a schema-1 memory (migrated as it opens) and of the same units
    in a new memory: byte-identical files."""
    from support import run_l10n

    units = _units()
    _schema_1_memory(tmp_path / "old.sqlite", units)
    with open_memory(path=tmp_path / "new.sqlite") as new:
        new.add(units)
    for name in ("old", "new"):
        run_l10n(tmp_path, "tm", "export", "--memory", str(tmp_path / f"{name}.sqlite"),
                 "-o", str(tmp_path / f"{name}.tmx"))
    assert (tmp_path / "old.tmx").read_bytes() == (tmp_path / "new.tmx").read_bytes()
    assert (tmp_path / "old.tmx").read_bytes().count(b"<tu ") > 30


def test_a_failed_migration_leaves_the_schema_1_memory_as_it_was(tmp_path, monkeypatch):
    """A failure in the middle of the upgrade (here: while the contexts are copied) is one
    error naming the file, and the file keeps its schema-1 bytes; the next open upgrades it."""
    path = tmp_path / "old.sqlite"
    _schema_1_memory(path, _units())
    before = path.read_bytes()
    calls = []

    def failing(*fields):
        calls.append(fields)
        if len(calls) > 20:
            raise RuntimeError("disk on fire")
        return 0

    monkeypatch.setattr(sqlite_store, "context_digest", failing)
    with pytest.raises(InputError) as failure:
        open_memory(path=path)
    assert str(path) in str(failure.value) and "\n" not in str(failure.value)
    assert path.read_bytes() == before
    assert not Path(f"{path}-journal").exists()
    monkeypatch.undo()
    with open_memory(path=path) as migrated:
        assert migrated.stats()["units"] == len({(u.source, u.source_lang, u.target_lang,
                                                   u.target, u.document, u.msgctxt,
                                                   u.previous, u.next) for u in _units()})


def test_a_read_only_open_of_a_schema_1_memory_says_what_to_do(tmp_path):
    """A read-only connection (a pre-translation worker's) cannot upgrade the file: one line
    saying that a writing command must open it once, and the file untouched."""
    path = tmp_path / "old.sqlite"
    _schema_1_memory(path, _units())
    before = path.read_bytes()
    with pytest.raises(InputError, match=r"schema 1: open it once with a command that writes "
                                         r"to it .* to upgrade it to schema 2") as failure:
        SQLiteBackend(path, read_only=True)
    assert "\n" not in str(failure.value)
    assert path.read_bytes() == before


def test_texts_of_one_digest_stay_apart(tmp_path, monkeypatch):
    """Every text given the same digest (as if BLAKE2b collided for all of them): sources,
    translations and contexts stay distinct, repeats are still recognised, and lookups,
    counts, rows and the export are those of a memory with real digests."""
    units = _units()
    with open_memory(path=tmp_path / "real.sqlite") as real:
        real.add(units[:30])
        real.add(units)
        expected = _everything(real)
    monkeypatch.setattr(sqlite_store, "digest", lambda text: 42)
    with open_memory(path=tmp_path / "collided.sqlite") as collided:
        assert collided.add(units[:30]) > 0
        collided.add(units)
        assert collided.backend.db.execute(
            "SELECT count(DISTINCT digest) FROM sources").fetchone() == (1,)
        assert _everything(collided) == expected
        assert collided.add(units) == 0
        assert collided.stats() == expected[1]


def test_the_indexes_hold_small_keys_not_the_texts(tmp_path):
    """No index of sources, units or contexts holds a text (schema 1's UNIQUE indexes held
    every source and translation a second time, its contexts' primary key whole sentences,
    and its renumbered-sentence index every skeleton), and no table but the texts' own
    columns: the skeleton is kept as its digest."""
    texts = {"text", "target", "document", "msgctxt", "previous", "next", "origin",
             "skeleton"}
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        memory.add(_units())
        db = memory.backend.db
        for table in ("sources", "units", "contexts"):
            assert db.execute("SELECT 1 FROM pragma_table_list WHERE name = ? AND "
                              "wr = 0", (table,)).fetchone(), f"{table} has a rowid"
            for _, index, unique, *_ in db.execute(f"PRAGMA index_list({table})"):
                columns = {row[2] for row in db.execute(f"PRAGMA index_info({index})")}
                assert not columns & texts, (index, columns)
                assert not unique, index
        assert "skeleton" not in {row[1] for row in db.execute("PRAGMA table_info(sources)")}


def _steps(memory, units: list[TMUnit]) -> int:
    """SQLite virtual machine steps (in hundreds) of ``memory.add(units)``: counted, not
    timed."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    memory.backend.db.set_progress_handler(count, 100)
    try:
        memory.add(units)
    finally:
        memory.backend.db.set_progress_handler(None, 100)
    return steps[0]


def test_adding_a_unit_held_in_many_contexts_reads_only_its_own(tmp_path):
    """A sentence held in many documents ("Thank you.") and met again: the add finds the
    contexts it holds by (unit, digest of the context), not by reading every context of the
    unit. Ten times the documents must not mean several times the work."""
    work = []
    for documents in (300, 3000):
        with open_memory(path=tmp_path / f"{documents}.sqlite") as memory:
            memory.add(TMUnit("Thank you.", "en", "fr", "Merci.", f"doc{number}")
                       for number in range(documents))
            again = [TMUnit("Thank you.", "en", "fr", "Merci.", f"doc{number}",
                            changed="20261201T000000Z") for number in range(0, 40, 2)]
            again += [TMUnit("Thank you.", "en", "fr", "Merci.", f"new{number}")
                      for number in range(20)]
            work.append(_steps(memory, again))
            assert memory.stats()["units"] == documents + 20
    assert work[1] < 2 * work[0], work
