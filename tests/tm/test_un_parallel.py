"""The memory on real UN translations: a sample of the United Nations Parallel Corpus v1.0
(Ziemski, Junczys-Dowmunt and Pouliquen, LREC 2016; ../shared/testdata/un-parallel) imported
as TMX in six languages, then a new document pre-translated from it whose sentences are the
corpus's, renumbered or reworded, as a follow-up document reuses an earlier one's."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import polib
import pytest
from click.testing import CliRunner

from l10n.cli import cli
from l10n.tm.text import placeables
from support import msgfmt_check

pytestmark = pytest.mark.shared
LANGS = {"ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh": "zh-CN"}
SAMPLE = 600


def corpus(shared: Path) -> dict[str, list[str]]:
    folder = shared / "testdata" / "un-parallel"
    lines = {lang: (folder / f"un.{lang}").read_text("utf-8").splitlines()[:SAMPLE]
             for lang in LANGS}
    lines["ids"] = (folder / "un.ids").read_text("utf-8").splitlines()[:SAMPLE]
    return lines


def write_tmx(path: Path, lines: dict[str, list[str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                  'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
                  'adminlang="en" srclang="en" datatype="plaintext"/><body>\n')
        for number in range(SAMPLE):
            document = lines["ids"][number].split()[0]
            out.write(f'<tu><prop type="x-document">{escape(document)}</prop>')
            for lang, code in LANGS.items():
                out.write(f'<tuv xml:lang="{code}"><seg>{escape(lines[lang][number])}</seg></tuv>')
            out.write("</tu>\n")
        out.write("</body></tmx>\n")


def renumbered(lines: dict[str, list[str]]) -> list[tuple[str, str, str, str]]:
    """(new English, old French, old number, new number) for sentences with one number, found
    once in the French too, and one sentence only (no inner full stop)."""
    found = []
    for en, fr in zip(lines["en"], lines["fr"]):
        numbers = placeables(en)
        if (len(numbers) != 1 or not re.fullmatch(r"\d+", numbers[0]) or len(en) < 60
                or re.search(r"\.\s", en) or en.count(numbers[0]) != 1
                or len(re.findall(rf"(?<!\d){numbers[0]}(?!\d)", fr)) != 1):
            continue
        new = str(int(numbers[0]) + 1)
        found.append((re.sub(rf"(?<!\d){numbers[0]}(?!\d)", new, en), fr, numbers[0], new))
    return found[:12]


def reworded(lines: dict[str, list[str]], taken: set[str]) -> list[tuple[str, str]]:
    """(new English, old French): one word of a long sentence replaced."""
    found = []
    for en, fr in zip(lines["en"], lines["fr"]):
        words = en.split()
        if (en in taken or len(words) < 14 or re.search(r"\.\s|\d", en)
                or lines["en"].count(en) > 1):
            continue
        words[len(words) // 2] = "notably"
        found.append((" ".join(words), fr))
    return found[:12]


def test_pretranslating_a_follow_up_document_from_un_translations(shared_dir, make_project):
    lines = corpus(shared_dir)
    numbers = renumbered(lines)
    words = reworded(lines, {en for en, *_ in numbers})
    assert len(numbers) >= 8 and len(words) >= 8
    text = "\n\n".join([en for en, *_ in numbers] + [en for en, _ in words]) + "\n"
    root = make_project({"source/follow-up.txt": text},
                        'languages = ["ar", "en", "es", "fr", "ru", "zh"]\ntm = "tm.sqlite"\n')
    write_tmx(root / "un.tmx", lines)
    runner = CliRunner()
    for args in (["tm", "import", str(root / "un.tmx")], ["extract"], ["update"],
                 ["pretranslate"]):
        result = runner.invoke(cli, ["-C", str(root), *args])
        assert result.exit_code == 0, result.output
    fr = {e.msgid: e for e in polib.pofile(str(root / "po" / "fr" / "follow-up.po"))}
    substituted = 0
    for en, old_fr, old, new in numbers:
        entry = fr.get(en)
        if entry is None:
            continue  # the segmenter made two entries of it
        assert entry.fuzzy and entry.msgstr, en
        if "placeable match" in entry.tcomment:
            substituted += entry.msgstr == re.sub(rf"(?<!\d){old}(?!\d)", new, old_fr)
    assert substituted >= 0.8 * len(numbers), substituted
    filled = sum(1 for en, old_fr in words
                 if en in fr and fr[en].fuzzy and fr[en].msgstr == old_fr)
    assert filled >= 0.8 * len(words), filled
    for lang in ("ar", "es", "fr", "ru", "zh"):
        catalogue = root / "po" / lang / "follow-up.po"
        assert sum(1 for e in polib.pofile(str(catalogue)) if e.msgstr) >= 0.8 * (
            len(numbers) + len(words)), lang
        msgfmt_check(catalogue)


def test_the_placeable_scan_finds_what_the_plain_alternatives_find(shared_dir):
    """placeable_pattern checks first where a placeable can start and writes the month names
    as a trie (speed-ups of the import, which takes every source's skeleton): on 2,000 UN
    sentences in each language, and on month names at a word's start or inside one, it finds
    exactly what the plain alternation of the names, longest first, finds."""
    from l10n.tm.text import (MARK, placeable_alternatives, placeable_pattern, skeleton,
                               strip_tags)

    plain = re.compile(placeable_alternatives(trie=False))
    folder = shared_dir / "testdata" / "un-parallel"
    texts = [line for lang in LANGS for line in (folder / f"un.{lang}").read_text(
        "utf-8").splitlines()]
    texts += ["Le 4 novembre 2025, le 4 Novembre, 4 NOVEMBRE", "4 ноября 2025 г., Ноября 5",
              "2025年11月4日", "On 4 May 2025 and May 5", "4 نوفمبر 2025 وتشرين الثاني 5",
              "anoviembre 4 denoviembre 5", "A/RES/78/261 of 4 November 2025 (S/2015/123)",
              # names that begin other names, and names followed by letters
              "mai 4, maio 4, mayo 5, mars 3, marzo 3, marte 2, марте 2, март 1, мартом 7",
              "juin 1 juillet 2 junio 3 julio 4 Juin 5 JUILLET 6 julioz 7",
              "сентябрём 9, сентябрем 9, сентябрь 9, сентябряx 9, 十一月 1, 十月 2, 一月十月3",
              "كانون الثاني 1 كانون الأول 2 كانون 3 تشرين 4 آب 5 آبx 6"]
    assert len(texts) > 12_000
    found = [(plain.findall(text), placeable_pattern().findall(text)) for text in texts]
    assert sum(bool(before) for before, _ in found) > 1000
    assert [before for before, _ in found] == [after for _, after in found]
    # and so the same skeletons (the text with each placeable marked) as the plain pattern
    plains = [unicodedata.normalize("NFKC", strip_tags(text)) for text in texts]
    marked = [" ".join(plain.sub(MARK, text).casefold().split()) if re.search(r"\d", text)
              else "" for text in plains]
    assert [skeleton.__wrapped__(text) for text in texts] == marked


def test_trigram_counts_read_from_the_index_are_the_counted_ones(shared_dir, tmp_path):
    """Into an empty memory, the trigram counts fuzzy lookups rank by are read from the FTS5
    index's vocabulary at the end instead of counted in Python: on 2,000 UN sentences in each
    of the six languages as sources, both give the same counts."""
    from l10n.tm.memory import open_memory
    from l10n.tm.model import TMUnit

    folder = shared_dir / "testdata" / "un-parallel"
    lines = {lang: (folder / f"un.{lang}").read_text("utf-8").splitlines() for lang in LANGS}
    units = [TMUnit(text, lang, "en" if lang != "en" else "fr",
                    lines["en" if lang != "en" else "fr"][number])
             for lang in LANGS for number, text in enumerate(lines[lang])]
    counts = []
    for name, parts in (("index", [units]), ("counted", [units[:1], units[1:]])):
        with open_memory(path=tmp_path / f"{name}.sqlite") as memory:
            for part in parts:
                memory.add(part)
            counts.append(memory.backend.db.execute(
                "SELECT * FROM gram_counts ORDER BY 1, 2").fetchall())
    assert len(counts[0]) > 10_000
    assert {lang for lang, _, _ in counts[0]} == set(LANGS)
    assert counts[0] == counts[1]
