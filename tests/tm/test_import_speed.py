"""What makes a TMX import fast, shown to change nothing: the month names written as a trie,
the quick placeable pattern of English sentences, the stream reader's short paths."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.tm.text import trie_alternation

WORDS = ["mai", "maio", "mayo", "mars", "marzo", "marte", "ma", "juin", "juillet", "junio",
         "julio", "сентябрь", "сентябрём", "сентябрем", "сентября", "十一月", "十月", "一月",
         "كانون الثاني", "كانون الأول", "آب"]
TEXTS = ["mai maio mayo ma mar mars marzo marte martes", "juin juillet juilletx junio julio",
         "MAIO Mayo JUIN", "сентябрёмы сентябрем сентябрь сентября сентябр",
         "十一月十月一月十一", "كانون الثاني كانون الأولى آب آبا", "", "m", "maimai"]


@pytest.mark.parametrize("after", ["", r"(?!\w)", r"(?=\s|$)"])
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_trie_matches_what_the_longest_first_alternation_matches(after, flags):
    plain = re.compile(f"(?:{'|'.join(sorted(WORDS, key=len, reverse=True))}){after}", flags)
    trie = re.compile(f"(?:{trie_alternation(WORDS)}){after}", flags)
    for text in TEXTS:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert trie.pattern.count("|") < plain.pattern.count("|")  # it shares the prefixes


# Words around which a month name of another language may or may not be one: in ASCII and
# not, in several cases, beside letters, digits and the characters re's case-insensitive
# matching equates with ASCII letters (dotless and dotted i, long s, the Kelvin sign).
PIECES = ["mars", "Mars", "MARS", "marsh", "mai", "Main", "juin", "Enero", "enero5", "abril",
          "août", "Août", "ноября", "декабря", "十一月", "تشرين الثاني", "ſeptembre", "juın",
          "İuin", "\u212aa", "4", "2025", "A/RES/78/261", "November", "May", "on", "the",
          "_", "-", ".", ",", " ", "\u00a0", "é", "–", "“", "’", "²", "\u0301", "٣", "Ⅻ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_the_quick_placeable_pattern_finds_what_the_whole_one_finds(text):
    """pattern_for scans a text whose letters are ASCII and which holds no other language's
    month name with a pattern that leaves those names out (a third of the skeleton's time): the same
    placeables, at the same places, as the pattern with every name."""
    from l10n.tm.text import pattern_for, placeable_pattern

    assert [m.span() for m in pattern_for(text).finditer(text)] == \
        [m.span() for m in placeable_pattern().finditer(text)]


def test_the_quick_placeable_pattern_is_the_one_an_english_sentence_gets():
    from l10n.tm.text import pattern_for, placeable_pattern

    whole = placeable_pattern()
    for text in ("Adopted on 4 November 2025 (A/RES/80/1), in Doha.",
                 "Held in March 2025 in Moscow – “Doha”"):  # signs beyond ASCII, no letter
        assert pattern_for(text) is not whole, text
    for text in ("Le 4 mars 2025.", "Held on 4 Mars 2025.", "In 4 ENERO", "4 ноября",
                 "Paris, 4 juin 2025 – Doha", "Held in Réunion in March 2025",
                 "\u212a 4 March 2025"):  # a letter beyond ASCII: the whole pattern
        assert pattern_for(text) is whole, text


def test_a_trie_of_no_word_matches_nothing():
    assert re.search(trie_alternation([]), "anything") is None
    with pytest.raises(ValueError):
        trie_alternation(["a", ""])


def _tmx(body: str, header: str = '<header srclang="en"/>') -> str:
    return f'<?xml version="1.0"?>\n<tmx version="1.4">\n{header}\n<body>\n{body}</body>\n</tmx>\n'


TU = ('<tu srclang="en"><prop type="x-document">d{n}</prop><note>n</note><tuv xml:lang="en"><seg>One {n} '
      '<ph x="1">&lt;br/&gt;</ph>two</seg></tuv><tuv xml:lang="fr"><seg>Un {n}</seg></tuv></tu>\n')


def test_the_reader_asks_the_parser_for_one_event_a_unit(tmp_path, monkeypatch):
    """lxml hands the reader the end of each <tu> (and of the header) only: a start event
    for each as well would cost a tenth of the read, for nothing."""
    import l10n.tm.tmx as tmx

    events = []
    real = tmx.stream_file

    class Stream:
        def __init__(self, *args, **kwargs):
            self.inner = real(*args, **kwargs)

        def __iter__(self):
            for event in self.inner:
                events.append(event[0])
                yield event

        def __getattr__(self, name):
            return getattr(self.inner, name)

    monkeypatch.setattr(tmx, "stream_file", Stream)
    path = tmp_path / "in.tmx"
    path.write_text(_tmx("".join(TU.format(n=n) for n in range(50))), "utf-8")
    units = list(tmx.TMXReader(path))
    assert len(units) == 50 and units[7].source == "One 7 <br/>two"
    assert units[7].target == "Un 7" and units[7].document == "d7"
    assert len(events) == 51  # 50 units and the header


@pytest.mark.parametrize("text, line, message", [
    (_tmx(TU.format(n=1), header=""), None, None),  # no header: the units name their srclang
    (_tmx('<tu srclang="en"><tuv xml:lang="en"><seg>A</seg></tuv></tu>\n'
          '<x:tu xmlns:x="urn:x"><tuv xml:lang="en"><seg>B</seg></tuv></x:tu>\n'),
     6, "<{urn:x}tu>: TMX elements have no namespace"),
    ('<?xml version="1.0"?>\n<other>\n<tu/>\n</other>\n', 2, "the root element is <other>"),
    ('<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>\n', None, None),
])
def test_the_root_and_namespaces_are_checked_with_end_events_only(tmp_path, text, line,
                                                                   message):
    from l10n.errors import InputError
    from l10n.tm.tmx import TMXReader

    path = tmp_path / "in.tmx"
    path.write_text(text, "utf-8")
    if message is None:
        list(TMXReader(path))
        return
    with pytest.raises(InputError) as caught:
        list(TMXReader(path))
    assert caught.value.line == line and message in caught.value.message


def _index_pages(db, name: str) -> int:
    import sqlite3

    try:
        return db.execute("SELECT count(*) FROM dbstat WHERE name = ?", (name,)).fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite is built without the dbstat table")


def _numbered_units(count: int):
    import random

    from l10n.tm.model import TMUnit

    rng = random.Random(3)
    words = ["Assembly", "report", "resolution", "Council", "session", "meeting", "decided"]
    units = []
    for number in range(count):
        text = " ".join(rng.choice(words) for _ in range(6))
        units.append(TMUnit(f"{text} {rng.randrange(10**6)} of A/{number}/{rng.randrange(99)}.",
                            "en", "fr", f"{text} ({number})"))
    return units


def test_into_an_empty_memory_the_skeleton_index_is_built_once_at_the_end(tmp_path):
    """Into an empty memory, the renumbered-sentence index (sources by skeleton) is built
    after the rows are in: sorted once, its pages come out full, where inserting row by row
    into a B-tree leaves some part empty (counted in pages, not timed; the index holds
    digests, so it is small either way: 39 pages against 42 for these 8,000 sources). Lookups find the
    same, and a failed import leaves the index there."""
    from l10n.errors import InputError
    from l10n.tm.memory import open_memory
    from l10n.tm.model import TMUnit

    units = _numbered_units(8000)
    pages, found = [], []
    for name, first in (("empty", []), ("held", [TMUnit("Held 1.", "en", "fr", "Tenu 1.")])):
        with open_memory(path=tmp_path / f"{name}.sqlite") as memory:
            if first:
                memory.add(first)
            memory.add(units)
            db = memory.backend.db
            pages.append(_index_pages(db, "sources_skeleton"))
            plan = db.execute("EXPLAIN QUERY PLAN SELECT id FROM sources WHERE lang = 'en' AND "
                              "skeleton_digest = ? AND skeleton_digest IS NOT NULL",
                              (1,)).fetchall()
            assert "sources_skeleton" in str(plan)
            found.append([memory.lookup(unit.source.replace(" of A/", " of E/"), "en", "fr",
                                        limit=1)[0].target for unit in units[:40]])
    assert found[0] == found[1]
    assert pages[0] < 0.97 * pages[1], pages

    def failing():
        yield from units
        raise InputError("bad unit", path="in.tmx", line=3)

    with open_memory(path=tmp_path / "failed.sqlite") as memory:
        with pytest.raises(InputError):
            memory.add(failing())
        assert memory.backend.db.execute("SELECT name FROM sqlite_master WHERE name = "
                                         "'sources_skeleton'").fetchall()


def test_whitespace_is_folded_as_the_pattern_folded_it():
    """normalise and skeleton fold whitespace with str.split (faster than re.sub): the same
    characters count as whitespace, every one of Unicode's."""
    import sys

    from l10n.tm.text import fold_spaces, normalise

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c))]
    assert len(spaces) > 20
    for space in spaces:
        text = f"{space}A{space}{space}b c{space}"
        assert fold_spaces(text) == re.sub(r"\s+", " ", text).strip() == "A b c"
    assert normalise("  The\u2003<b>General</b>\u00a0Assembly\n") == "the general assembly"


def test_the_trigram_index_holds_more_entries_in_memory_before_writing_them(tmp_path):
    """The trigram index of a new memory keeps up to FTS_PENDING_BYTES of entries in memory
    (FTS5's 'hashsize', 1 MiB by default) before it writes them as a segment: fewer segments
    to merge (a 1,000,000-unit import spends 5.1 s of CPU in the index instead of 8.6). The
    setting is the index's own, so later imports keep it; lookups find the same."""
    from l10n.tm.memory import open_memory
    from l10n.tm.sqlite_store import FTS_PENDING_BYTES

    units = _numbered_units(300)
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        memory.add(units)
        db = memory.backend.db
        assert db.execute("SELECT v FROM grams_en_config WHERE k = 'hashsize'").fetchone() == (
            FTS_PENDING_BYTES,)
        assert FTS_PENDING_BYTES > 1 << 20
        match = memory.lookup(units[5].source.replace(" of A/", " of S/"), "en", "fr", limit=1)
        assert match[0].target == units[5].target


def test_the_trigram_index_keeps_no_size_per_source(tmp_path):
    """FTS5 keeps each row's token count in a table of its own for ranking (bm25); lookups
    rank by the trigrams they count themselves, so the index is made without it
    (columnsize=0: one B-tree insert a source less, about 0.5 s of a 1,000,000-unit
    import). A memory made before keeps the table it has."""
    from l10n.tm.memory import open_memory

    units = _numbered_units(50)
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        memory.add(units)
        db = memory.backend.db
        names = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        assert "grams_en_data" in names and "grams_en_docsize" not in names
        assert memory.lookup(units[7].source.replace(" of A/", " of S/"), "en", "fr",
                             limit=1)[0].target == units[7].target


def test_the_month_table_is_kept_in_the_cache_and_read_back(tmp_path, monkeypatch):
    """The placeable pattern's month names are made from ten CLDR locale files once, then read
    from the cache folder: a later process gets the same table without reading Babel's data."""
    import l10n.checks.numbers as numbers
    from l10n.tm import text

    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path))
    text.month_numbers.cache_clear()
    made = text.month_numbers()
    assert made["دجنبر"] == 12 and made["novembre"] == 11 and made["ноября"] == 11
    [kept] = (tmp_path / "months").iterdir()

    def no_babel(lang):
        raise AssertionError("the month names were made again")

    monkeypatch.setattr(numbers, "month_names", no_babel)
    text.month_numbers.cache_clear()
    assert text.month_numbers() == made
    kept.write_text("{not json", "utf-8")  # a damaged file is made again, not trusted
    monkeypatch.undo()
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path))
    text.month_numbers.cache_clear()
    assert text.month_numbers() == made
    text.month_numbers.cache_clear()
