"""Any catalogue comes back from XLIFF as it went out (Hypothesis): random entries made of the
pieces that trouble converters (tags, Markdown delimiters, XML's special characters, control
characters, newlines, carriage returns, spaces at the ends), with contexts, comments,
references, flags, fuzzy states, previous sources, plural and obsolete entries."""

from __future__ import annotations

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from l10n.catalog.po import format_po, parse_po
from l10n.util.xmlsafe import parse_xml
from l10n.xliff.convert import catalogue_to_xliff, read_xliff
from xliff.xliff_support import schema_errors

PIECES = ["<b>", "</b>", "<a href=\"x?a=1&b=2\">", "</a>", "<br/>", "<br>", "<!-- c -->", "*",
          "**", "_", "[", "](u)", "`", "<https://un.org>", "&", "&amp;", "<", ">", "\"", "'",
          "\n", "\r", "\t", " ", "  ", "\x07", "\x1b", "é", "中文", "العربية", "🌍", "%(n)d",
          "%s", "{x}", "word", "Summit", ".", ":", "#"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
MSGID = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
COMMENT = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF,
                                blacklist_categories=("Cs", "Zl", "Zp")), max_size=30)
FLAGS = st.lists(st.sampled_from(["python-format", "no-wrap", "ignore-term-missing",
                                  "c-format", "range:1..5"]), unique=True, max_size=3)


@st.composite
def entries(draw, index):
    plural = draw(st.booleans())
    obsolete = draw(st.integers(0, 5)) == 0
    msgid = f"{index} " + draw(MSGID)  # distinct msgids
    entry = polib.POEntry(msgid=msgid, msgctxt=draw(st.none() | TEXT))
    if plural:
        entry.msgid_plural = draw(MSGID)
        entry.msgstr_plural = {i: draw(TEXT) for i in range(2)}
    else:
        entry.msgstr = draw(TEXT)
    entry.flags = draw(FLAGS)
    if draw(st.booleans()):
        entry.flags.insert(0, "fuzzy")
        if draw(st.booleans()):
            entry.previous_msgid = draw(MSGID)
            entry.previous_msgctxt = draw(st.none() | TEXT)
            if plural:
                entry.previous_msgid_plural = draw(MSGID)
    entry.obsolete = obsolete
    if not obsolete:
        entry.comment = draw(COMMENT).strip()
        entry.occurrences = draw(st.lists(st.tuples(
            st.sampled_from(["source/a.html", "source/b.md", "c.txt"]),
            st.sampled_from(["", "1", "42"])), max_size=3))
    entry.tcomment = draw(COMMENT).strip()
    return entry


@st.composite
def catalogues(draw):
    catalogue = polib.POFile(wrapwidth=79)
    catalogue.header = draw(COMMENT).strip()
    catalogue.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8",
                          "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    catalogue.metadata_is_fuzzy = draw(st.booleans())
    for index in range(draw(st.integers(0, 6))):
        catalogue.append(draw(entries(index)))
    # As l10n reads it back from its own writing: the form any catalogue has when exported.
    return parse_po(format_po(catalogue).encode("utf-8"), "random.po")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.sampled_from(["1.2", "2.0"]))
def test_any_catalogue_comes_back_byte_identical(catalogue, version):
    data = catalogue_to_xliff(catalogue, version=version, original="doc", source_lang="en",
                              target_lang="fr")
    [document] = read_xliff(parse_xml(data, "random.xlf"), "random.xlf")
    assert format_po(document.catalogue) == format_po(catalogue)
    assert schema_errors(data, version) == []


@st.composite
def translated_catalogues(draw):
    """Catalogues that msgfmt --check accepts: translations that copy their source."""
    catalogue = draw(catalogues())
    for entry in catalogue:
        if entry.msgid_plural:  # msgfmt wants both to begin (and end) with a newline, or neither
            entry.msgid_plural = (("\n" if entry.msgid.startswith("\n") else "")
                                  + (entry.msgid_plural.strip("\n") or "x")
                                  + ("\n" if entry.msgid.endswith("\n") else ""))
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        elif draw(st.booleans()):
            entry.msgstr = entry.msgid
        else:
            entry.msgstr = ""
        entry.flags = [flag for flag in entry.flags if not flag.startswith("range:")]
    return parse_po(format_po(catalogue).encode("utf-8"), "random.po")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(translated_catalogues(), st.sampled_from(["1.2", "2.0"]), st.data())
def test_any_import_keeps_every_translation_and_passes_msgfmt(catalogue, version, data):
    """Random translations and states in the XLIFF, imported with or without --overwrite:
    every translation the catalogue had is still there or replaced by the XLIFF's for that
    entry, nothing is added, and GNU msgfmt --check accepts the result."""
    import copy
    import tempfile
    from pathlib import Path

    from l10n.xliff.exchange import ImportReport, merge_document
    from support import msgfmt_check

    assume(_msgfmt_accepts(format_po(catalogue)))  # the generator's rare invalid catalogue
    exported = catalogue_to_xliff(catalogue, version=version, original="doc",
                                  source_lang="en", target_lang="fr")
    [document] = read_xliff(parse_xml(exported, "random.xlf"), "random.xlf")
    for unit in document.units:
        entry = unit.entry
        if entry.msgid_plural:
            entry.msgstr_plural = {i: data.draw(TEXT) for i in entry.msgstr_plural}
        else:
            entry.msgstr = data.draw(TEXT)
        fuzzy = data.draw(st.booleans())
        if fuzzy != entry.fuzzy:
            entry.flags = ["fuzzy", *entry.flags] if fuzzy else [
                f for f in entry.flags if f != "fuzzy"]
    merged = copy.deepcopy(catalogue)
    merge_document(document, merged, ImportReport(Path("random.po"), "random.po"),
                   overwrite=data.draw(st.booleans()))
    assert [(e.msgctxt, e.msgid) for e in merged] == [(e.msgctxt, e.msgid) for e in catalogue]
    incoming = {(u.entry.msgctxt, u.entry.msgid): u.entry for u in document.units}
    for before, after in zip(catalogue, merged):
        old, new = _forms(before), _forms(after)
        if old != new:
            assert new == _forms(incoming[(before.msgctxt, before.msgid)])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "merged.po"
        path.write_text(format_po(merged), "utf-8")
        msgfmt_check(path)


def _msgfmt_accepts(text: str) -> bool:
    import shutil
    import subprocess

    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "-"], input=text.encode(),
                          capture_output=True)
    return done.returncode == 0


def _forms(entry):
    return ([entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            if entry.msgid_plural else [entry.msgstr])
