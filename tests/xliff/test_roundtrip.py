"""PO -> XLIFF -> PO is lossless, for both versions, and what is written validates against the
OASIS schemas (XLIFF 1.2 strict; 2.0 core with the metadata module)."""

from __future__ import annotations

import pytest

from l10n.catalog.po import format_po, read_po
from l10n.util.xmlsafe import parse_xml
from l10n.xliff.convert import catalogue_to_xliff, read_xliff
from support import msgfmt_check
from xliff.xliff_support import EXAMPLE_CATALOGUES, STRESS, schema_errors

VERSIONS = ("1.2", "2.0")


def round_trip(path, version, tmp_path=None):
    catalogue = read_po(path, strict_plurals=False)
    data = catalogue_to_xliff(catalogue, version=version, original="doc", source_lang="en",
                              target_lang="fr", path=path)
    documents = read_xliff(parse_xml(data, "doc.xlf"), "doc.xlf")
    assert len(documents) == 1
    return catalogue, data, documents[0]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", EXAMPLE_CATALOGUES, ids=lambda p: "/".join(p.parts[-3:]))
def test_example_catalogues_come_back_byte_identical(path, version):
    _, data, document = round_trip(path, version)
    assert format_po(document.catalogue) == path.read_text("utf-8")
    assert schema_errors(data, version) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_every_kind_of_entry_comes_back_byte_identical(version, tmp_path):
    """Header comment and fuzzy header, msgctxt (also empty), comments on several lines,
    references with and without a line, flags (ours too), fuzzy entries with previous msgctxt
    and msgid, a fuzzy entry without a translation, plural and fuzzy plural entries with a
    previous msgid_plural, obsolete entries (one plural, one fuzzy), HTML and Markdown markup,
    XML's special characters, tabs, newlines, a carriage return and a control character XML
    cannot carry, characters outside the BMP."""
    text = STRESS.read_text("utf-8")
    assert format_po(read_po(STRESS)) == text  # the fixture is as l10n writes it
    _, data, document = round_trip(STRESS, version)
    assert format_po(document.catalogue) == text
    assert schema_errors(data, version) == []
    out = tmp_path / "back.po"
    out.write_text(format_po(document.catalogue), "utf-8")
    msgfmt_check(out)


@pytest.mark.parametrize("version", VERSIONS)
def test_export_is_deterministic_and_ids_are_stable(version):
    catalogue = read_po(STRESS)
    first = catalogue_to_xliff(catalogue, version=version, original="doc", source_lang="en",
                               target_lang="fr")
    assert first == catalogue_to_xliff(read_po(STRESS), version=version, original="doc",
                                       source_lang="en", target_lang="fr")
    # A unit keeps its id when entries before it are removed.
    ids = {e.msgid: i for i, e in enumerate(catalogue)}
    del catalogue[ids["The new source text"]]
    second = catalogue_to_xliff(catalogue, version=version, original="doc", source_lang="en",
                                target_lang="fr")
    assert _unit_id(first, "Untranslated") == _unit_id(second, "Untranslated")


def _unit_id(data: bytes, source: str) -> str:
    root = parse_xml(data, "x.xlf")
    for element in root.iter("{*}source"):
        if element.text == source:
            unit = element.getparent()
            while unit.tag.rpartition("}")[2] not in ("trans-unit", "unit"):
                unit = unit.getparent()
            return unit.get("id")
    raise AssertionError(source)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_catalogue_with_only_a_header_is_valid(version, tmp_path):
    path = tmp_path / "empty.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n', "utf-8")
    catalogue, data, document = round_trip(path, version)
    assert schema_errors(data, version) == []
    assert format_po(document.catalogue) == format_po(catalogue)


@pytest.mark.parametrize("version", VERSIONS)
def test_one_form_plurals_keep_one_form(version, tmp_path):
    """Chinese has one plural form: the XLIFF has one unit for it, and msgid_plural is kept."""
    path = tmp_path / "zh.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: zh\\n"\n'
                    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
                    'msgid "one file"\nmsgid_plural "files"\nmsgstr[0] "文件"\n', "utf-8")
    catalogue, data, document = round_trip(path, version)
    assert b'[1]"' not in data and b'-1"' not in data  # no unit for a second form
    assert format_po(document.catalogue) == format_po(catalogue)
    assert schema_errors(data, version) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_control_characters_in_contexts_and_previous_sources(version, tmp_path):
    """msgctxt, msgid_plural and the previous source are message text, not comments: a
    control character in them travels escaped (found by Hypothesis)."""
    path = tmp_path / "ctrl.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
                    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
                    '#, fuzzy\n#| msgctxt "old\\a"\n#| msgid "was\\a"\n#| msgid_plural "were\\a"\n'
                    'msgctxt "bell\\a \\\\u0041"\nmsgid "one\\a"\nmsgid_plural "many\\a"\n'
                    'msgstr[0] "un"\nmsgstr[1] "plusieurs"\n', "utf-8")
    catalogue, data, document = round_trip(path, version)
    assert format_po(document.catalogue) == format_po(catalogue)
    assert document.catalogue[0].msgctxt == "bell\x07 \\u0041"
    assert schema_errors(data, version) == []
