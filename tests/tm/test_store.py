"""The memory's store: idempotent adds, exact and fuzzy lookups by index, scores, locking.
The tests taking ``memory`` run on both backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import random
import sqlite3

import pytest

from l10n.errors import InputError
from l10n.locales import official_language
from l10n.tm.memory import Context, open_memory
from l10n.tm.model import TMUnit
from l10n.tm.text import similarity

UNITS = [
    TMUnit("The General Assembly adopted resolution A/RES/78/261 in 2023.", "en", "fr",
           "L'Assemblée générale a adopté la résolution A/RES/78/261 en 2023.", "report",
           "", "Introduction", "Decisions", "20251104T000000Z", "a.tmx"),
    TMUnit("The Security Council met today.", "en", "fr",
           "Le Conseil de sécurité s'est réuni aujourd'hui.", "report"),
    TMUnit("The Security Council met today.", "en", "ru", "Совет Безопасности собрался сегодня.",
           "report"),
    TMUnit("大会通过了第78/261号决议。", "zh", "en", "The Assembly adopted resolution 78/261."),
]


@pytest.fixture
def memory(memory_location):
    """A memory on each backend (SQLite, PostgreSQL: conftest.py): the same behaviour."""
    with open_memory(path=memory_location) as opened:
        yield opened


def test_adding_twice_adds_nothing_more(memory):
    assert memory.add(UNITS) == 4
    assert memory.add(UNITS) == 0
    later = UNITS[0].__class__(**{**{f: getattr(UNITS[0], f) for f in UNITS[0].__slots__},
                                  "changed": "20261201T000000Z", "origin": "b.tmx"})
    assert memory.add([later]) == 0
    assert memory.stats() == {"units": 4, "translations": 4, "sources": 3, "en->fr": 2,
                              "en->ru": 1, "zh->en": 1}
    [unit] = memory.backend.exact(UNITS[0].source, "en", "fr")
    assert (unit.changed, unit.origin) == ("20261201T000000Z", "b.tmx")


def test_exact_context_and_fuzzy_matches(memory):
    memory.add(UNITS)
    source = "The Security Council met today."
    [match] = memory.lookup(source, "en", "fr")
    assert (match.kind, match.score) == ("exact", 100.0)
    [match] = memory.lookup(source, "en", "fr", context=Context("report", "", "", ""))
    assert match.kind == "context"
    [match] = memory.lookup(source, "en", "fr", context=Context("other", "", "", ""))
    assert match.kind == "exact"
    [match] = memory.lookup("The Security Council met yesterday.", "en", "fr")
    assert match.kind == "fuzzy" and 75 <= match.score < 100
    assert memory.lookup("Something else entirely, about fisheries.", "en", "fr") == []
    assert memory.lookup(source, "en", "es") == []


def test_the_context_match_is_found_among_many_contexts(memory):
    memory.add(TMUnit("Introduction", "en", "fr", f"Introduction {n}", f"doc{n:03}",
                      changed=f"2025{n % 12 + 1:02}01T000000Z") for n in range(300))
    context = Context("doc150", "", "", "")
    [best, *_] = memory.lookup("Introduction", "en", "fr", context=context)
    assert (best.kind, best.target) == ("context", "Introduction 150")
    assert len(memory.backend.exact("Introduction", "en", "fr")) == 50  # a bounded read


def test_placeables_are_substituted(memory):
    memory.add(UNITS)
    [match] = memory.lookup("The General Assembly adopted resolution A/RES/79/12 in 2024.",
                            "en", "fr")
    assert match.kind == "placeable" and match.score == 99
    assert match.target == "L'Assemblée générale a adopté la résolution A/RES/79/12 en 2024."
    [match] = memory.lookup("大会通过了第79/12号决议。", "zh", "en")
    assert (match.kind, match.target) == ("placeable", "The Assembly adopted resolution 79/12.")


@pytest.mark.parametrize("lang, old, new", [
    ("fr", "Le 4 novembre 2025, la réunion s'est ouverte.",
     "Le 5 décembre 2026, la réunion s'est ouverte."),
    ("es", "El 4 de noviembre de 2025 se abrió la reunión.",
     "El 5 de diciembre de 2026 se abrió la reunión."),
    ("ru", "4 ноября 2025 года открылось совещание.", "5 декабря 2026 года открылось совещание."),
    ("ar", "في 4 تشرين الثاني/نوفمبر 2025، افتتح الاجتماع.",
     "في 5 كانون الأول/ديسمبر 2026، افتتح الاجتماع."),
    ("zh", "2025年11月4日，会议开幕。", "2026年12月5日，会议开幕。"),
    # A letter from Morocco keeps its own month names (CLDR ar_MA).
    ("ar", "في 4 نونبر 2025، افتتح الاجتماع.", "في 5 دجنبر 2026، افتتح الاجتماع."),
])
def test_dates_are_substituted_in_each_language(memory, lang, old, new):
    memory.add([TMUnit("On 4 November 2025, the meeting opened.", "en", lang, old)])
    [match] = memory.lookup("On 5 December 2026, the meeting opened.", "en", lang)
    assert (match.kind, match.score, match.target) == ("placeable", 99.0, new)


def test_no_substitution_when_the_translation_does_not_show_the_number(memory):
    memory.add([TMUnit("The Committee held 12 meetings.", "en", "fr",
                       "Le Comité a tenu douze séances.")])
    [match] = memory.lookup("The Committee held 14 meetings.", "en", "fr")
    assert match.kind == "fuzzy" and match.target == "Le Comité a tenu douze séances."


def test_scores_like_cat_tools():
    assert similarity("The <b>cat</b> sat.", "The <b>cat</b> sat.") == 100
    assert 95 <= similarity("The <b>cat</b> sat.", "The cat sat.") < 100
    assert 97 <= similarity("The cat  sat.", "the cat sat.") < 100
    assert 97 <= similarity("The cat sat.", "The cat sat") < 100
    assert 60 < similarity("大会第七十八届会议通过", "大会第七十九届会议通过") < 95
    assert similarity("abc", "xyz") < 10


@pytest.mark.parametrize("code, lang", [("en-US", "en"), ("zh-CN", "zh"), ("zh-Hans", "zh"),
                                        ("es-419", "es"), ("fr_FR", "fr"), ("AR-sa", "ar"),
                                        ("ru", "ru"), ("zh-TW", None), ("de-DE", None),
                                        ("*all*", None)])
def test_language_codes(code, lang):
    assert official_language(code) == lang


def _vocabulary(size: int = 3000) -> list[str]:
    """Pseudo-words with the letter statistics of nothing in particular, as many as a UN
    document's vocabulary: most trigrams are shared by some sentences, few by all."""
    rng = random.Random(3)
    return ["".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(3, 10)))
            for _ in range(size)]


WORDS = _vocabulary()


def _sentence(rng: random.Random, number: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 16))]
    return " ".join(words).capitalize() + "."


def _memory_of(path, size: int) -> tuple:
    rng = random.Random(7)
    sentences = [_sentence(rng, number) for number in range(size)]
    memory = open_memory(path=path)
    memory.add(TMUnit(s, "en", "fr", s.upper()) for s in sentences)
    return memory, sentences


def test_fuzzy_lookup_work_grows_little_with_the_memory(tmp_path):
    """Lookups go through the trigram index and read the postings of a query's rarest
    trigrams within a budget: four times the memory, not four times the rows read (reading
    whole postings grows with the memory, as a scan does). Rows are counted by the backend,
    not timed."""
    work, found = [], []
    for size in (16_000, 64_000):
        memory, sentences = _memory_of(tmp_path / f"{size}.sqlite", size)
        queries = sentences[:40]
        memory.backend.examined = 0
        hits = 0
        for query in queries:
            words = query.split()
            words[-2] = "amended"  # reworded: one word replaced
            matches = memory.lookup(" ".join(words), "en", "fr", threshold=70)
            hits += bool(matches) and matches[0].unit.source == query
        work.append(memory.backend.examined / len(queries))
        found.append(hits)
        memory.close()
    assert found == [40, 40]
    assert work[1] < 2 * work[0], work
    assert work[1] < 64_000 / 10, work


def test_a_locked_memory_is_one_error_and_unchanged(tmp_path):
    path = tmp_path / "tm.sqlite"
    with open_memory(path=path) as memory:
        memory.add(UNITS[:1])
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(InputError, match="locked") as caught:
            with open_memory(path=path, timeout=0.05) as memory:
                memory.add(UNITS)
        assert caught.value.path == str(path)
    finally:
        other.rollback()
        other.close()
    with open_memory(path=path) as memory:
        assert memory.stats()["units"] == 1


def test_a_file_that_is_not_a_memory_is_one_error(tmp_path):
    path = tmp_path / "tm.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="not a translation memory"):
        open_memory(path=path)


def test_an_sqlite_without_the_trigram_tokenizer_is_one_error():
    from l10n.errors import L10nError
    from l10n.tm.sqlite_store import check_sqlite

    with pytest.raises(L10nError, match="needs SQLite 3.34 or newer.*uses SQLite 3.31.1"):
        check_sqlite((3, 31, 1))
    check_sqlite((3, 34, 0))


def _steps(memory, queries: list[str]) -> int:
    """SQLite virtual machine steps (in thousands) the lookups of ``queries`` take: the work
    done inside SQLite, where ``examined`` (rows handed back) does not see a table scan."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    memory.backend.db.set_progress_handler(count, 1000)
    for query in queries:
        memory.lookup(query, "en", "fr", threshold=70)
    memory.backend.db.set_progress_handler(None, 1000)
    return steps[0]


def test_renumbered_lookup_work_grows_little_with_the_memory(tmp_path):
    """A sentence with numbers is also looked up by its skeleton (numbers masked), through a
    partial index: four times the memory must not mean four times SQLite's work, as a scan of
    the sources table does (counted in SQLite's own steps, not timed)."""
    work = []
    for size in (16_000, 64_000):  # both beyond the point where fuzzy reads its whole budget
        rng = random.Random(11)
        sentences = [f"{_sentence(rng, number)[:-1]} in {1900 + number % 90} "
                     f"(A/{60 + number % 20}/{number})." for number in range(size)]
        with open_memory(path=tmp_path / f"{size}.sqlite") as memory:
            memory.add(TMUnit(s, "en", "fr", s.upper()) for s in sentences)
            queries = [s.replace(" in 19", " in 18") for s in sentences[:30]]
            matches = [memory.lookup(q, "en", "fr", limit=1) for q in queries]
            assert all(m and m[0].kind == "placeable" for m in matches)
            work.append(_steps(memory, queries))
    assert work[1] < 2 * work[0], work


def _many_units(count: int) -> list[TMUnit]:
    """UN-like units: each source in the five other languages (as a TMX <tu> of the six
    gives them), in one of five documents, with repeats (the same unit later, with a later
    or an earlier date)."""
    rng = random.Random(5)
    units = []
    for number in range(count // 5):
        source = _sentence(rng, number)
        for lang in ("ar", "es", "fr", "ru", "zh"):
            units.append(TMUnit(source, "en", lang, f"{source.upper()} ({lang})",
                                f"doc{number % 5}", "", "", "",
                                f"2025{number % 12 + 1:02}01T000000Z", f"f{number}.tmx"))
    return units + units[::7]


def _statements(memory, units: list[TMUnit]) -> float:
    """SQLite statements run (each executemany row counts, as each runs the statement once;
    FTS5's own statements too) a unit, for ``memory.add(units)``: counted, not timed."""
    run: list[str] = []
    memory.backend.db.set_trace_callback(run.append)
    try:
        memory.add(units)
    finally:
        memory.backend.db.set_trace_callback(None)
    return len(run) / len(units)


def test_adding_units_runs_few_statements_a_unit(tmp_path):
    """The SQLite store adds units in batches: what the memory holds already is read with a
    few statements a batch, and each new source, index entry, translation and context is one
    executemany row (a context held already: one UPDATE row). Unit by unit, it ran about 8.5
    statements a unit into a new memory and 5 into one holding them all; now about 3.8 and
    0.9 (FTS5's own statements and the trigram counts included)."""
    units = _many_units(6000)
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        into_new = _statements(memory, units)
        stats = memory.stats()
        again = _statements(memory, units)
        assert memory.stats() == stats
    assert into_new < 5, into_new
    assert again < 2, again


def test_adding_in_batches_keeps_what_adding_one_by_one_keeps(tmp_path, monkeypatch):
    """Batches fold a unit repeated inside them as adding it again would (the later date and
    its origin), give sources the same ids (lookups rank ties by them) and count the same new
    units: the memory is the same whatever the batch size."""
    from l10n.tm import sqlite_store

    units = _many_units(600)
    dumps = []
    for size in (1, 7, 10_000):
        monkeypatch.setattr(sqlite_store, "BATCH", size)
        with open_memory(path=tmp_path / f"{size}.sqlite") as memory:
            added = [memory.add(units[:400]), memory.add(units[300:])]
            db = memory.backend.db
            dumps.append((added, list(memory.backend.iterate()), memory.stats(),
                          db.execute("SELECT * FROM sources ORDER BY id").fetchall(),
                          db.execute("SELECT * FROM units ORDER BY id").fetchall(),
                          db.execute("SELECT * FROM contexts ORDER BY 1, 2, 3, 4, 5").fetchall(),
                          db.execute("SELECT * FROM gram_counts ORDER BY 1, 2").fetchall(),
                          [memory.lookup(unit.source[:-3] + "xyz.", "en", "fr")
                           for unit in units[:60:3]]))
    assert dumps[1] == dumps[0]
    assert dumps[2] == dumps[0]


def test_a_failed_add_leaves_the_memory_unchanged_whatever_the_batches(tmp_path, monkeypatch):
    from l10n.tm import sqlite_store

    monkeypatch.setattr(sqlite_store, "BATCH", 50)
    units = _many_units(300)

    def failing():
        yield from units[150:]
        raise InputError("bad unit", path="in.tmx", line=3)

    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        memory.add(units[:150])
        before = (list(memory.backend.iterate()), memory.stats(), memory.backend.db.execute(
            "SELECT * FROM gram_counts ORDER BY 1, 2").fetchall())
        with pytest.raises(InputError, match="bad unit"):
            memory.add(failing())
        after = (list(memory.backend.iterate()), memory.stats(), memory.backend.db.execute(
            "SELECT * FROM gram_counts ORDER BY 1, 2").fetchall())
        assert after == before
        assert memory.add(units[150:]) > 0  # the memory still takes them afterwards


def _renumbered_among_lookalikes() -> tuple[list[TMUnit], str]:
    """A memory where the renumbered source shares fewer of the query's rarest trigrams (its
    numbers') than 30 lookalikes holding the query's own numbers, and the query."""
    units = [TMUnit("Report 1234 of the committee on apples.", "en", "fr",
                    "Rapport 1234 du comité des pommes.")]
    for number in range(30):
        word = "".join(chr(97 + int(digit)) for digit in f"{number:02}")  # no digits
        units.append(TMUnit(f"Report 5678 of the committee on apples and {word}.", "en", "fr",
                            f"Rapport 5678 du comité des pommes et {word}."))
    return units, "Report 5678 of the committee on apples."


def test_a_renumbered_source_is_a_candidate_however_its_trigrams_rank(memory):
    """Every source of the query's skeleton is a candidate, even when more than the
    fuzzy candidates' limit share more trigrams with the query: a placeable match (99 %)
    must not be lost to fuzzy ones (limit=5: the fuzzy lookup runs in full)."""
    units, query = _renumbered_among_lookalikes()
    memory.add(units)
    matches = memory.lookup(query, "en", "fr", limit=5)
    assert [match.kind for match in matches] == ["placeable"] + ["fuzzy"] * 4
    assert matches[0].target == "Rapport 5678 du comité des pommes."


def test_among_placeable_matches_the_closest_source_comes_first(memory):
    """Two sources differ from the query only in placeables, with the same date: the one
    with fewer placeables changed is preferred, whatever the order of the texts."""
    memory.add([TMUnit("25 July 2022", "en", "fr", "25 juillet 2022", changed="20251104T000000Z"),
                TMUnit("4 November 2025", "en", "fr", "4 novembre 2025",
                       changed="20251104T000000Z")])
    matches = memory.lookup("6 November 2025", "en", "fr")  # one match per translation
    assert [(m.kind, m.unit.source, m.target) for m in matches] == [
        ("placeable", "4 November 2025", "6 novembre 2025")]


def test_a_placeable_match_is_found_without_reading_the_trigram_index(tmp_path, monkeypatch):
    """A placeable match outranks every fuzzy one, and only a source of the same skeleton
    can give one: when all of those are known (fewer than the backend's limit) and give the
    matches asked for, the trigram postings are not read. The matches are the same as when
    the index is read (counted rows, not time)."""
    units, query = _renumbered_among_lookalikes()
    queries = [query, "Report 9 of the committee on apples and ab.",  # placeable matches
               "Report 5678 of the committee on pears.",  # no placeable: read the index
               "Report of the committee on apples."]  # no placeables at all
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        memory.add(units)
        work, found = [], []
        for skeleton_first in (True, False):
            if not skeleton_first:  # as if more sources shared each skeleton than it reads
                monkeypatch.setattr(memory.backend, "same_skeleton", lambda *args: ([], False),
                                    raising=False)
            matches, rows = [], []
            for q in queries:
                for limit in (1, 2, 5):
                    memory.backend.examined = 0
                    matches.append([(m.kind, m.score, m.target)
                                    for m in memory.lookup(q, "en", "fr", limit=limit)])
                    rows.append(memory.backend.examined)
            found.append(matches)
            work.append(rows)
    assert found[0] == found[1]
    assert [matches[0][0] for matches in found[0][::3]] == ["placeable", "placeable", "fuzzy",
                                                            "fuzzy"]
    # one translation of the skeleton: limit=1 reads its rows only; limit=2 and 5 need more
    for lookup in (0, 3):
        assert work[0][lookup] <= 2 < work[1][lookup] / 10, work
    # the others read the index as before, and the skeleton's rows once more at most
    assert all(0 <= skeleton_first - index_only <= 2 for lookup, (skeleton_first, index_only)
               in enumerate(zip(*work)) if lookup not in (0, 3)), work


def test_a_text_the_budgeted_search_misses_gets_a_wider_one(tmp_path, monkeypatch):
    """The budgeted search reads the postings of the query's rarest trigrams; when a similar
    source shares none of them (here: a budget of one trigram, " ad" of "In addition",
    which only a lookalike below the threshold holds), it finds no match, and a second,
    wider search (still bounded) is made for that text. A text whose candidates all score
    far below the threshold (a sentence new to the memory) gets none."""
    from l10n.tm import sqlite_store

    monkeypatch.setattr(sqlite_store, "MIN_GRAMS", 1)
    monkeypatch.setattr(sqlite_store, "RAREST", 1)
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        memory.add([TMUnit("The delegates discussed social development at length.", "en", "fr",
                           "Les délégués ont longuement débattu du développement social."),
                    TMUnit("In addition, the delegates debated social affairs briefly.", "en",
                           "fr", "De plus, les délégués ont brièvement débattu.")])
        searches = []
        fuzzy = memory.backend.fuzzy
        monkeypatch.setattr(memory.backend, "fuzzy", lambda *args, **options: (
            searches.append(options.get("wide", False)), fuzzy(*args, **options))[1])
        matches = memory.lookup("In addition, the delegates discussed social development at "
                                "length.", "en", "fr")
        assert [(m.kind, m.unit.source) for m in matches] == [
            ("fuzzy", "The delegates discussed social development at length.")]
        assert searches == [False, True]
        searches.clear()
        assert memory.lookup("In addition, a remark on fisheries.", "en", "fr") == []
        assert searches == [False]

def _segments(memory) -> int:
    """The segments of the English trigram index (FTS5's shadow table ``_idx``)."""
    return memory.backend.db.execute(
        "SELECT count(DISTINCT segid) FROM grams_en_idx").fetchone()[0]


def test_a_large_import_leaves_the_trigram_index_in_one_segment(tmp_path):
    """An import that at least doubles the memory merges the trigram index into one segment
    (each lookup reads each trigram's postings from every segment); a small one leaves the
    merging to FTS5. Lookups find the same matches."""
    rng = random.Random(3)
    sentences = [_sentence(rng, number) for number in range(5_050)]
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        memory.add(TMUnit(s, "en", "fr", s.upper()) for s in sentences[:5_000])
        assert _segments(memory) == 1
        memory.add(TMUnit(s, "en", "fr", s.upper()) for s in sentences[5_000:])
        assert _segments(memory) > 1  # not merged again for 50 units
        for number in (17, 5_017):
            query = sentences[number].replace(" ", "  ", 1)[:-1] + " again."
            assert memory.lookup(query, "en", "fr", limit=1)[0].unit.source == sentences[number]


def _exhaustive(memory, query: str, limit: int) -> list[tuple]:
    """What a lookup gives when every placeable candidate is substituted before ranking
    (how l10n ranked them before it stopped at ``limit`` translations)."""
    from l10n.tm import memory as module

    units, _ = memory.backend.same_skeleton(query, "en", "fr")
    shape = module.skeleton(query)
    matches = [module.Match(unit, module.PLACEABLE_SCORE, "placeable", target)
               for unit in units
               if (target := module.substitute(query, unit.source, unit.target,
                                               source_lang="en", target_lang="fr")) is not None
               and module.skeleton(unit.source) == shape]
    return [(m.kind, m.target, m.unit.changed) for m in module._best(query, matches, limit)]


def test_placeable_candidates_are_substituted_in_rank_order_until_enough(memory, monkeypatch):
    """Substituting costs more than ranking: candidates are tried newest first, the closest
    source first among equals, and no further once ``limit`` translations are found. The
    matches are the ones ranking every substituted candidate gives (dates, distances and
    candidates whose translation cannot take the new numbers mixed on purpose)."""
    from l10n.tm import memory as module

    rng = random.Random(7)
    units = []
    for number in range(12):
        year = 2000 + rng.randrange(20)
        month = rng.choice(["01", "06", "11"])
        verb = ("est publié", "est paru", "sort", "est diffusé", "paraît")[number % 5]
        target = (f"Le rapport {number} de l'année {year} {verb}." if number % 4 else
                  f"Le rapport de l'année {year} {verb}.")  # cannot take a new number
        units.append(TMUnit(f"Report {number} of the year {year} is out.", "en", "fr", target,
                            changed=f"{year}{month}01T000000Z" if number % 3 else ""))
    memory.add(units)
    calls = []
    original = module.substitute
    monkeypatch.setattr(module, "substitute",
                        lambda *args, **kwargs: calls.append(args) or original(*args, **kwargs))
    query = "Report 40 of the year 2003 is out."
    for limit in (1, 2, 3, 5, 20):
        expected = _exhaustive(memory, query, limit)
        calls.clear()
        found = memory.lookup(query, "en", "fr", limit=limit)
        placeable = [(m.kind, m.target, m.unit.changed) for m in found if m.kind == "placeable"]
        assert placeable == expected, limit
        assert len(placeable) == min(limit, 5)  # five wordings, each taking the new number
        if limit == 1:
            assert len(calls) < 4, calls  # the newest candidates first: not all twelve
