"""Invariants checked on random input with Hypothesis (bounded: about 100-150 examples each).

- No translation is ever lost: random edits of a source document, then extract and update.
- PO round trip: random catalogues written, read and written again are unchanged; GNU msgfmt
  --check accepts what l10n writes.
- The PO, TBX and CSV readers never crash on random or damaged bytes: they return a value or
  raise L10nError.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hardening.harness import CORPUS
from l10n.catalog.po import format_po, parse_po, read_po, write_po
from l10n.config import load_config
from l10n.errors import L10nError
from l10n.glossary.io.csvio import parse_csv
from l10n.glossary.io.tbx import read_tbx
from l10n.util.xmlsafe import parse_xml
from l10n.project.extract import extract
from l10n.project.update import update

BOUNDED = settings(max_examples=100, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])

# ---------------------------------------------------------------- no translation is lost

WORDS = ("assembly council delegates discussed the agenda item report social development "
         "poverty employment women youth partners progress summit declaration states").split()

sentences = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9).map(
    lambda words: " ".join(words).capitalize() + ".")


@st.composite
def edits(draw):
    """A document (distinct sentences) and an edited version of it, with what was done."""
    old = draw(st.lists(sentences, min_size=1, max_size=12, unique=True))
    new, reworded, removed = [], {}, set()
    for text in old:
        action = draw(st.sampled_from(["keep", "keep", "remove", "reword"]))
        if action == "remove":
            removed.add(text)
        elif action == "reword":
            changed = text[:-1] + " " + draw(st.sampled_from(WORDS)) + "."
            if changed in old or changed in new:
                new.append(text)
                continue
            reworded[text] = changed
            new.append(changed)
        else:
            new.append(text)
    for text in draw(st.lists(sentences, max_size=4)):
        if text not in old and text not in new:
            new.append(text)
    new = draw(st.permutations(new))  # sentences moved about
    return old, new, reworded, removed


def write_document(root: Path, texts: list[str]) -> None:
    (root / "source").mkdir(parents=True, exist_ok=True)
    (root / "source" / "doc.txt").write_text("\n\n".join(texts) + "\n", "utf-8")


def translation(msgid: str) -> str:
    return "FR: " + msgid


@BOUNDED
@given(edits())
def test_extract_then_update_never_loses_a_translation(case):
    old, new, reworded, removed = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "fr"]\n', "utf-8")
        config = load_config(root, explicit=True)
        write_document(root, old)
        extract(config)
        update(config)
        path = root / "po" / "fr" / "doc.po"
        catalogue = read_po(path)
        for entry in catalogue:
            entry.msgstr = translation(entry.msgid)
        write_po(catalogue, path)
        write_document(root, new)
        extract(config)
        update(config)
        merged = read_po(path)
        written = path.read_bytes()
        update(config)
        assert path.read_bytes() == written, "a second update changed the catalogue"
    active = {e.msgid: e for e in merged if not e.obsolete}
    obsolete = {e.msgid: e for e in merged if e.obsolete}
    assert set(active) == set(new)
    for text in old:
        if text in new:  # unchanged source: translation kept as it was, not fuzzy
            assert active[text].msgstr == translation(text) and not active[text].fuzzy
        else:  # removed or reworded: on the fuzzy guess it went to, else kept as obsolete
            guesses = [e for e in active.values() if e.fuzzy and e.previous_msgid == text]
            assert guesses or obsolete[text].msgstr == translation(text), f"lost {text!r}"
            assert not (guesses and text in obsolete), f"{text!r} kept twice"
    for entry in active.values():
        if entry.fuzzy:  # a fuzzy guess names the old source and carries its translation
            assert entry.previous_msgid in old and entry.previous_msgid not in new
            assert entry.msgstr == translation(entry.previous_msgid)
        elif entry.msgid not in old:
            assert entry.msgstr == ""
    for before, after in reworded.items():
        if active[after].fuzzy and active[after].previous_msgid == before:
            assert active[after].msgstr == translation(before)


def test_a_reworded_sentence_becomes_fuzzy_with_its_previous_msgid(tmp_path):
    root = tmp_path
    (root / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["en", "fr"]\n', "utf-8")
    config = load_config(root, explicit=True)
    write_document(root, ["The Summit adopted the Doha Political Declaration."])
    extract(config)
    update(config)
    path = root / "po/fr/doc.po"
    catalogue = read_po(path)
    catalogue[0].msgstr = "Le Sommet a adopté la Déclaration politique de Doha."
    write_po(catalogue, path)
    write_document(root, ["The Summit adopted the Doha Political Declaration unanimously."])
    extract(config)
    update(config)
    entry = read_po(path)[0]
    assert entry.fuzzy and entry.previous_msgid == "The Summit adopted the Doha Political Declaration."
    assert entry.msgstr == "Le Sommet a adopté la Déclaration politique de Doha."


# -------------------------------------------------------------------------- PO round trip

ALPHABET = st.one_of(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),  # any Unicode but controls
    st.sampled_from(list("مؤتمر القمة") + list("世界社会发展峰会") + ["\u0301", "\u0327", "\u200f",
                                                            "\u202b", "\u0651"]),
    st.sampled_from(["\t", "\n", "\r", "\a", "\b", "\f", "\v", '"', "\\", " ", "%"]),
)
texts = st.text(ALPHABET, min_size=1, max_size=60)
comment_words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Z"]),
                        min_size=1, max_size=12)
comments = st.lists(st.lists(comment_words, min_size=1, max_size=4).map(" ".join),
                    max_size=3).map("\n".join)
paths = st.from_regex(r"source/[a-z]{1,8}(/[a-z]{1,8})?\.(html|md|txt)", fullmatch=True)
occurrences = st.lists(st.tuples(paths, st.integers(1, 99999).map(str)), max_size=4)
flags = st.lists(st.sampled_from(["fuzzy", "l10n-reviewed", "no-c-format"]), unique=True,
                 max_size=2)


@st.composite
def entries(draw, obsolete: bool):
    plural = draw(st.booleans())
    entry = polib.POEntry(msgid=draw(texts), msgctxt=draw(st.none() | texts))
    if plural:
        entry.msgid_plural = draw(texts)
        entry.msgstr_plural = {0: draw(st.just("") | texts), 1: draw(st.just("") | texts)}
    else:
        entry.msgstr = draw(st.just("") | texts)
    entry.tcomment = draw(comments)
    entry.flags = draw(flags)
    if "fuzzy" in entry.flags and draw(st.booleans()):
        entry.previous_msgid = draw(texts)
        entry.previous_msgctxt = draw(st.none() | texts)
    if obsolete:
        entry.obsolete = True
    else:
        entry.comment = draw(comments)
        entry.occurrences = draw(occurrences)
    return entry


@st.composite
def catalogues(draw):
    catalogue = polib.POFile(wrapwidth=79)
    catalogue.header = draw(comments)
    catalogue.metadata = {
        "Project-Id-Version": "summit", "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "2025-11-04 00:00+0000", "PO-Revision-Date": "2025-11-04 00:00+0000",
        "Last-Translator": "", "Language-Team": "Arabic", "Language": "ar", "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    seen = set()
    for entry in draw(st.lists(entries(False), max_size=6)) + draw(st.lists(entries(True), max_size=3)):
        if (entry.msgctxt, entry.msgid) not in seen:
            seen.add((entry.msgctxt, entry.msgid))
            catalogue.append(entry)
    return catalogue


FIELDS = ("msgid", "msgctxt", "msgid_plural", "msgstr", "msgstr_plural", "tcomment", "comment",
          "occurrences", "flags", "obsolete", "previous_msgid", "previous_msgctxt")


def fields(entry: polib.POEntry) -> tuple:
    """The entry's content; flags as a set (they are written in msgcat's order, fuzzy first)."""
    return tuple((sorted(entry.flags) or None) if name == "flags" else getattr(entry, name) or None
                 for name in FIELDS)


@settings(max_examples=150, deadline=None)
@given(catalogues())
def test_po_files_read_and_written_again_are_unchanged(catalogue):
    text = format_po(catalogue)
    again = parse_po(text.encode("utf-8"), "random.po")
    assert format_po(again) == text
    assert [fields(e) for e in again] == [fields(e) for e in catalogue if not e.obsolete] + [
        fields(e) for e in catalogue if e.obsolete]
    assert again.metadata == catalogue.metadata


def _gettext_safe(text: str) -> str:
    """msgfmt --check wants msgid and msgstr to agree on a leading/trailing newline."""
    return text.strip("\n") or "x"


@settings(max_examples=60, deadline=None)
@given(catalogues())
def test_gnu_msgfmt_accepts_what_l10n_writes(catalogue):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    for entry in catalogue:
        for name in ("msgid", "msgid_plural", "msgstr", "previous_msgid"):
            if getattr(entry, name):
                setattr(entry, name, _gettext_safe(getattr(entry, name)))
        entry.msgstr_plural = {k: _gettext_safe(v) if v else v for k, v in entry.msgstr_plural.items()}
    keys = [(e.msgctxt, e.msgid) for e in catalogue]
    if len(keys) != len(set(keys)):
        return  # two msgids that only differed in their newlines
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.po"
        path.write_text(format_po(catalogue), "utf-8")
        done = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)],
                              capture_output=True, text=True)
    assert done.returncode == 0, done.stderr + format_po(catalogue)


# ------------------------------------------------------------ readers never crash on bytes

SEEDS = [(CORPUS / name).read_bytes() for name in
         ("po/translated.po", "po/obsolete-in-the-middle.po", "tbx/good.tbx", "csv/good.csv")]


@st.composite
def damaged(draw):
    """A valid file with random bytes changed, inserted or cut, or plain random bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=400))
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "cut"]))
        chunk = draw(st.sampled_from([b'"', b"\\", b"\n", b"\r", b"\x00", b"\xff", b"<", b"&",
                                      b"#~ ", b"msgid ", b"msgstr[9] ", b",", b"<!ENTITY a 'b'>",
                                      b"]]>", b"\xe2\x80", b"\xef\xbb\xbf"]))
        if action == "insert" or not data:
            data[where:where] = chunk
        elif action == "flip":
            data[min(where, len(data) - 1)] ^= draw(st.integers(1, 255))
        else:
            del data[where:where + draw(st.integers(1, 40))]
    return bytes(data)


@settings(max_examples=200, deadline=None)
@given(damaged())
def test_the_po_reader_returns_a_catalogue_or_raises_l10n_error(data):
    for strict in (True, False):
        try:
            parse_po(data, "random.po", strict_plurals=strict)
        except L10nError as error:
            assert error.path == "random.po" and "\n" not in error.message


@settings(max_examples=200, deadline=None)
@given(damaged())
def test_the_tbx_reader_returns_a_glossary_or_raises_l10n_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.tbx"
        path.write_bytes(data)
        try:
            read_tbx(path)
        except L10nError as error:
            assert error.path == str(path)
    try:
        parse_xml(data, "random.tbx")
    except L10nError:
        pass


@settings(max_examples=200, deadline=None)
@given(damaged())
def test_the_csv_reader_returns_a_glossary_or_raises_l10n_error(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # decoding is read_text's job, covered in test_bad_input
    try:
        parse_csv(text, "random.csv")
    except L10nError as error:
        assert error.path == "random.csv"
