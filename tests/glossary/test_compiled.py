"""The compiled glossary (l10n.glossary.cache) gives what loading and building give.

Every test has a cache folder of its own (``cache``), so that cold and warm runs are the
test's to choose.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import polib
import pytest

from l10n.errors import InputError
from l10n.glossary import cache as compiled
from l10n.glossary.cache import CompiledGlossary, concepts, index_files, open_glossary, term_index
from l10n.glossary.cache import words as kept_words
from l10n.glossary.matcher.index import TermIndex
from l10n.glossary.store import load_glossary, save_glossary
from support import REPO

GLOSSARY = REPO / "glossary"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("L10N_CACHE_DIR", str(root))
    monkeypatch.delenv("L10N_NO_CACHE", raising=False)
    return root


@pytest.fixture
def glossary_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    for file in GLOSSARY.glob("*.tbx"):
        (folder / file.name).write_bytes(file.read_bytes())
    return folder


def versions(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "glossary").iterdir() if not p.name.startswith("."))


def texts(lang: str) -> list[str]:
    """The example project's sentences in ``lang``: its sources, or its translations."""
    out = []
    for file in sorted((REPO / "po").rglob("*.po")):
        for entry in polib.pofile(str(file)):
            if lang == "en":
                out.append(entry.msgid)
            elif file.parts[-3] == lang and entry.msgstr:
                out.append(entry.msgstr)
    return sorted(set(out))


def test_a_warm_glossary_has_the_loaded_concepts_in_their_order(cache):
    loaded = load_glossary(GLOSSARY)
    cold = open_glossary(GLOSSARY)
    warm = open_glossary(GLOSSARY)
    assert isinstance(cold, CompiledGlossary) and isinstance(warm, CompiledGlossary)
    assert type(warm.concepts) is not dict  # read from the SQLite file, when asked
    assert list(warm.concepts) == list(loaded.concepts)
    assert dict(warm.concepts.items()) == loaded.concepts == cold.concepts
    assert (warm.title, warm.source_lang) == (loaded.title, loaded.source_lang)
    assert warm.concepts.get("no-such-concept") is None and "no-such-concept" not in warm.concepts
    assert len(versions(cache)) == 1


@pytest.mark.parametrize("role", ["source", "target"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_kept_index_finds_what_a_built_one_finds(cache, lang, role):
    built = TermIndex(load_glossary(GLOSSARY), lang, role=role)
    first = term_index(open_glossary(GLOSSARY), lang, role)  # builds it, and keeps it
    kept = term_index(open_glossary(GLOSSARY), lang, role)  # a later run: read back
    assert (versions(cache)[0] / f"{lang}.{role}.idx").is_file()
    assert len(kept) == len(built)
    sample = texts(lang)
    assert sample, f"the example project has no {lang} text"
    hits = 0
    for text in sample:
        expected = built.find(text)
        assert first.find(text) == expected
        assert kept.find(text) == expected, text
        hits += len(expected)
    assert hits > 0


def test_an_edited_glossary_is_compiled_again(cache, glossary_copy):
    before = open_glossary(glossary_copy)
    file = glossary_copy / "summit.tbx"
    text = file.read_text("utf-8")
    assert "Doha" in text
    file.write_text(text.replace("Doha", "Dauha"), "utf-8")
    after = open_glossary(glossary_copy)
    assert after.folder != before.folder and len(versions(cache)) == 2
    index = term_index(after, "en", "source")
    assert [m.text for m in index.find("held in Dauha")] == ["Dauha"]
    assert index.find("held in Doha") == [] or all(m.text != "Doha" for m in index.find("held in Doha"))


def test_a_touched_but_unchanged_glossary_keeps_its_version(cache, glossary_copy):
    first = open_glossary(glossary_copy)
    file = glossary_copy / "summit.tbx"
    os.utime(file, ns=(1, 1))
    again = open_glossary(glossary_copy)
    assert again.folder == first.folder and len(versions(cache)) == 1


def test_a_damaged_index_is_built_again(cache):
    index = term_index(open_glossary(GLOSSARY), "fr", "target")
    file = versions(cache)[0] / "fr.target.idx"
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    file.write_bytes(bytes(data))
    again = term_index(open_glossary(GLOSSARY), "fr", "target")
    assert file.read_bytes() != bytes(data)  # written anew
    for text in texts("fr"):
        assert again.find(text) == index.find(text)


def test_a_damaged_concept_file_is_compiled_again(cache):
    open_glossary(GLOSSARY)
    db = versions(cache)[0] / "concepts.sqlite"
    db.write_bytes(b"not a database" * 100)
    again = open_glossary(GLOSSARY)
    assert dict(again.concepts.items()) == load_glossary(GLOSSARY).concepts
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM concept").fetchone()[0] > 0


def test_no_cache_when_turned_off(cache, monkeypatch):
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    glossary = open_glossary(GLOSSARY)
    assert type(glossary).__name__ == "Glossary" and not cache.exists()
    assert type(term_index(glossary, "en", "source")) is TermIndex


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("L10N_CACHE_DIR", str(blocker / "cache"))
    glossary = open_glossary(GLOSSARY)
    assert glossary.concepts == load_glossary(GLOSSARY).concepts


def test_a_bad_glossary_is_reported_as_when_loading(cache, tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text('<?xml version="1.0"?>\n<tbx type="TBX-Basic">\n<text><body>\n', "utf-8")
    with pytest.raises(InputError) as loading:
        load_glossary(bad)
    with pytest.raises(InputError) as opening:
        open_glossary(bad)
    assert str(opening.value) == str(loading.value)
    assert not (cache / "glossary").exists() or versions(cache) == []


def test_only_the_most_recent_versions_are_kept(cache, glossary_copy, monkeypatch):
    monkeypatch.setattr(concepts, "KEEP", 2)
    file = glossary_copy / "summit.tbx"
    original = file.read_text("utf-8")
    folders = []
    for n in range(4):
        file.write_text(original.replace("Doha", f"Doha{n}"), "utf-8")
        folders.append(open_glossary(glossary_copy).folder)
    assert versions(cache) == sorted(folders[-2:])


def test_check_reports_are_the_same_cold_and_warm(cache, tmp_path):
    from click.testing import CliRunner

    from l10n.cli import cli

    reports = []
    for run in ("uncached", "cold", "warm"):
        env = {"L10N_NO_CACHE": "1"} if run == "uncached" else {}
        out = tmp_path / f"{run}.json"
        result = CliRunner(env=env).invoke(cli, ["-C", str(REPO), "check", "--fail-on", "never",
                                                  "--format", "json", "-o", str(out)])
        assert result.exit_code == 0, result.output
        reports.append(out.read_bytes())
    assert reports[0] == reports[1] == reports[2]
    assert len(versions(cache)) == 1
    assert len(list(versions(cache)[0].glob("*.words"))) == 6  # the warm run took them


def test_glossary_compile_keeps_every_index_the_checks_ask_for(cache):
    from click.testing import CliRunner

    from l10n.cli import cli

    result = CliRunner().invoke(cli, ["-C", str(REPO), "glossary", "compile"])
    assert result.exit_code == 0, result.output
    [folder] = versions(cache)
    assert str(folder) in result.output and "6 term indexes" in result.output
    kept = sorted(p.name for p in folder.glob("*.idx"))
    assert kept == ["ar.target.idx", "en.source.idx", "es.target.idx", "fr.target.idx",
                    "ru.target.idx", "zh.target.idx"]
    off = CliRunner(env={"L10N_NO_CACHE": "1"}).invoke(cli, ["-C", str(REPO), "glossary", "compile"])
    assert off.exit_code == 2 and "turned off" in off.output


@pytest.mark.parametrize("query", [{"domain": "person"}, {"domain": "body"},
                                   {"do_not_translate": True}, {}],
                         ids=["persons", "bodies", "do-not-translate", "all"])
def test_the_glossary_scans_of_the_checks_agree_cold_and_warm(cache, tmp_path, query):
    loaded = load_glossary(GLOSSARY)
    kept = next(c for c in loaded.concepts.values() if c.domain == "body")
    kept.languages["en"].terms[0].do_not_translate = True  # the example glossary has none
    file = tmp_path / "glossary.tbx"
    save_glossary(loaded, file)
    loaded = load_glossary(file)
    expected = [c for c in loaded.concepts.values()
                if c.domain == query.get("domain", c.domain)
                and (not query.get("do_not_translate")
                     or any(t.do_not_translate for s in c.languages.values() for t in s.terms))]
    assert expected
    open_glossary(file)
    warm = open_glossary(file)
    assert compiled.concepts_where(warm, **query) == expected
    assert compiled.concepts_where(loaded, **query) == expected


def test_where_the_cache_goes(monkeypatch, tmp_path):
    for name in ("L10N_CACHE_DIR", "L10N_NO_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert compiled.cache_root() == tmp_path / "home" / ".cache" / "l10n"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled.cache_root() == tmp_path / "xdg" / "l10n"
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "mine"))
    assert compiled.cache_root() == tmp_path / "mine"
    monkeypatch.setenv("L10N_NO_CACHE", "1")
    assert compiled.cache_root() is None


def test_no_home_folder_means_no_cache(monkeypatch):
    for name in ("L10N_CACHE_DIR", "L10N_NO_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def nowhere():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(nowhere))
    assert compiled.cache_root() is None
    assert type(open_glossary(GLOSSARY)).__name__ == "Glossary"


def test_a_glossary_edited_while_it_is_read_is_not_kept(cache, glossary_copy, monkeypatch):
    from l10n.glossary import store

    file = glossary_copy / "summit.tbx"
    reading = store.load_glossary

    def load_then_edit(path):
        loaded = reading(path)
        file.write_text(file.read_text("utf-8").replace("Doha", "Dauha"), "utf-8")
        return loaded

    monkeypatch.setattr(compiled, "load_glossary", load_then_edit)
    glossary = open_glossary(glossary_copy)
    assert not isinstance(glossary, CompiledGlossary)
    assert not (cache / "glossary").exists() or versions(cache) == []
    monkeypatch.setattr(compiled, "load_glossary", reading)
    again = open_glossary(glossary_copy)  # the edited content, compiled now
    assert any(t.text == "Dauha" for c in again.concepts.values()
               for s in c.languages.values() for t in s.terms)


def test_indexes_built_in_workers_find_what_a_built_one_finds(cache, monkeypatch):
    """build_indexes forks one worker per missing index (forced here for the small example
    glossary): the parent builds none itself, and what it loads finds what a built one finds."""
    from l10n.util import workers as parallel

    monkeypatch.setattr(parallel, "PROCESS_MIN_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    built_here = []
    real_init = TermIndex.__init__

    def counting_init(self, *args, **kwargs):
        built_here.append(os.getpid())
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(TermIndex, "__init__", counting_init)
    glossary = open_glossary(GLOSSARY)
    wanted = [("en", "source")] + [(lang, "target") for lang in LANGS if lang != "en"]
    compiled.build_indexes(glossary, wanted)
    assert sorted(p.name for p in glossary.folder.glob("*.idx")) == sorted(
        f"{lang}.{role}.idx" for lang, role in wanted)
    assert built_here == []  # every index came from a worker
    monkeypatch.setattr(TermIndex, "__init__", real_init)
    loaded = load_glossary(GLOSSARY)
    for lang, role in wanted:
        kept = term_index(glossary, lang, role)
        built = TermIndex(loaded, lang, role=role)
        assert [kept.find(text) for text in texts(lang)] == [built.find(text) for text in texts(lang)]


def test_a_small_glossary_builds_its_indexes_in_this_process(cache):
    glossary = open_glossary(GLOSSARY)  # far below the size that pays for workers
    compiled.build_indexes(glossary, [("en", "source"), ("fr", "target")])
    assert list(glossary.folder.glob("*.idx")) == []  # left to term_index, as before


def test_a_check_that_compiles_in_workers_reports_what_an_uncached_one_does(cache, tmp_path,
                                                                            monkeypatch):
    from click.testing import CliRunner

    from l10n.util import workers as parallel
    from l10n.cli import cli

    reports = []
    for run in ("uncached", "compiled in workers"):
        if run != "uncached":
            monkeypatch.setattr(parallel, "PROCESS_MIN_BYTES", 0)
        env = {"L10N_NO_CACHE": "1"} if run == "uncached" else {}
        out = tmp_path / "report.json"
        result = CliRunner(env=env).invoke(cli, ["-C", str(REPO), "check", "--fail-on", "never",
                                                  "--format", "json", "-o", str(out)])
        assert result.exit_code == 0, result.output
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    assert len(list(versions(cache)[0].glob("*.idx"))) == 6


# -- the words an index learnt, kept beside it ---------------------------------------------


def words_file(glossary, lang: str, role: str) -> Path:
    return glossary.folder / f"{lang}.{role}.words"


@pytest.mark.parametrize("lang", ["ru", "ar", "fr", "en"])
def test_learnt_words_are_taken_by_the_next_run_and_find_the_same(cache, lang, monkeypatch):
    role = "source" if lang == "en" else "target"
    first = term_index(open_glossary(GLOSSARY), lang, role)
    expected = [first.find(text) for text in texts(lang)]
    compiled.keep_learnt_words()
    assert words_file(first_glossary := open_glossary(GLOSSARY), lang, role).is_file()
    again = term_index(first_glossary, lang, role)
    assert again.words_known() == first.words_known() > 50
    learnt = []
    monkeypatch.setattr(TermIndex, "_learn", lambda self, word, memo: learnt.append(word))
    assert [again.find(text) for text in texts(lang)] == expected
    assert learnt == []  # every word came from the file, none was analysed again
    monkeypatch.undo()
    built = TermIndex(load_glossary(GLOSSARY), lang, role=role)
    assert [built.find(text) for text in texts(lang)] == expected


def test_a_damaged_words_file_is_learnt_again(cache):
    glossary = open_glossary(GLOSSARY)
    index = term_index(glossary, "ru", "target")
    expected = [index.find(text) for text in texts("ru")]
    compiled.keep_learnt_words()
    file = words_file(glossary, "ru", "target")
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    file.write_bytes(bytes(data))
    again = term_index(open_glossary(GLOSSARY), "ru", "target")
    assert again.words_known() == 0
    assert [again.find(text) for text in texts("ru")] == expected
    compiled.keep_learnt_words()  # and kept whole once more
    assert term_index(open_glossary(GLOSSARY), "ru", "target").words_known() == again.words_known()


def test_two_processes_keeping_words_at_once_keep_them_all(cache):
    """Two indexes read the file before either wrote (two workers of one check): the second
    writer merges what the first wrote instead of replacing it."""
    one, two = (term_index(open_glossary(GLOSSARY), "fr", "target") for _ in range(2))
    sentences = texts("fr")
    for text in sentences[: len(sentences) // 2]:
        one.find(text)
    for text in sentences[len(sentences) // 2:]:
        two.find(text)
    file = words_file(open_glossary(GLOSSARY), "fr", "target")
    for index in (one, two):
        kept_words._LEARNING[file] = index  # each as the only index of its own process
        compiled.keep_learnt_words()
    union = set(one.learnt()[0]) | set(two.learnt()[0])
    assert len(union) > max(one.words_known(), two.words_known())
    assert set(kept_words._read_words(file)[0]) == union


def test_workers_keep_the_words_they_learnt(cache):
    """Forked workers write their index's words as they end, together (they end at once),
    each merging under the file's lock: the file holds every word of both halves."""
    from l10n.util.workers import fork_map

    glossary = open_glossary(GLOSSARY)
    index = term_index(glossary, "ru", "target")
    sentences = texts("ru")
    assert index.words_known() == 0

    def find(text: str) -> int:
        return len(index.find(text))

    half = len(sentences) // 2
    found = fork_map(sentences, find, [list(range(half)), list(range(half, len(sentences)))], 2)
    assert index.words_known() == 0  # the parent learnt nothing itself
    kept = kept_words._read_words(words_file(glossary, "ru", "target"))
    every = {word for text in sentences for word in index._split(text)[1::2]}
    assert kept is not None and set(kept[0]) == every
    taken = term_index(open_glossary(GLOSSARY), "ru", "target")
    assert [len(taken.find(text)) for text in sentences] == found


@pytest.mark.parametrize("lang", ["ru", "ar", "fr"])
def test_a_new_glossary_version_starts_from_the_words_of_the_last(cache, glossary_copy, lang,
                                                                  monkeypatch):
    """After an edit the glossary is a new version; its indexes take the earlier version's
    word plans and work out only the flags again: the same as learning every word afresh."""
    sentences = texts(lang)
    first = term_index(open_glossary(glossary_copy), lang, "target")
    for text in sentences:
        first.find(text)
    compiled.keep_learnt_words()
    file = glossary_copy / "summit.tbx"
    file.write_text(file.read_text("utf-8").replace("Doha", "Dauha"), "utf-8")
    edited = open_glossary(glossary_copy)
    assert len(versions(cache)) == 2
    monkeypatch.setattr(TermIndex, "_learn", lambda *args: pytest.fail("a word was analysed"))
    carried = term_index(edited, lang, "target")
    assert carried.words_known() == first.words_known() > 50
    found = [carried.find(text) for text in sentences]
    monkeypatch.undo()
    fresh = TermIndex(load_glossary(glossary_copy), lang, role="target")
    assert found == [fresh.find(text) for text in sentences]
    assert carried.learnt() == fresh.learnt()  # plans, flags and word sets alike
    compiled.keep_learnt_words()  # and kept for the new version
    assert kept_words._read_words(words_file(edited, lang, "target")) is not None


def test_words_analysed_by_other_code_are_not_carried_over(cache, glossary_copy):
    glossary = open_glossary(glossary_copy)
    index = term_index(glossary, "ru", "target")
    for text in texts("ru"):
        index.find(text)
    compiled.keep_learnt_words()
    file = words_file(glossary, "ru", "target")
    words = kept_words._read_words(file)
    index_files.write_marshal(file, kept_words.WORDS_MAGIC, ("another version of l10n", *words))
    assert kept_words._read_words(file) is None
    tbx = glossary_copy / "summit.tbx"
    tbx.write_text(tbx.read_text("utf-8").replace("Doha", "Dauha"), "utf-8")
    assert term_index(open_glossary(glossary_copy), "ru", "target").words_known() == 0


def test_kept_words_never_outgrow_the_memo(cache, monkeypatch):
    """Two writers whose words together are more than an index's memo holds: the file keeps
    the last writer's words alone, so the next index does not start afresh at its first find."""
    monkeypatch.setattr(kept_words, "WORD_MEMO", 60)
    one, two = (term_index(open_glossary(GLOSSARY), "fr", "target") for _ in range(2))
    sentences = texts("fr")
    for text in sentences[:3]:
        one.find(text)
    for text in sentences[-3:]:
        two.find(text)
    assert max(one.words_known(), two.words_known()) <= 60
    assert len(set(one.learnt()[0]) | set(two.learnt()[0])) > 60
    file = words_file(open_glossary(GLOSSARY), "fr", "target")
    for index in (one, two):
        kept_words._LEARNING[file] = index
        compiled.keep_learnt_words()
    assert set(kept_words._read_words(file)[0]) == set(two.learnt()[0])
