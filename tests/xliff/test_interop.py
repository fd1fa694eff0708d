"""Our XLIFF 1.2 as translate-toolkit reads it: its xliff and poxliff stores and xliff2po see
the same units, states, locations and notes as the catalogue holds; and a file that
translate-toolkit's po2xliff wrote imports into our catalogues."""

from __future__ import annotations

import io

import pytest

from l10n.catalog.po import read_po
from l10n.util.xmlsafe import parse_xml
from l10n.xliff.convert import catalogue_to_xliff, read_xliff
from l10n.xliff.exchange import ImportReport, merge_document
from xliff.xliff_support import EXAMPLE_CATALOGUES, STRESS

xliff = pytest.importorskip("translate.storage.xliff")
poxliff = pytest.importorskip("translate.storage.poxliff")
po2xliff = pytest.importorskip("translate.convert.po2xliff")
xliff2po = pytest.importorskip("translate.convert.xliff2po")

CATALOGUES = [STRESS, *EXAMPLE_CATALOGUES[:3]]


def export(path):
    catalogue = read_po(path)
    return catalogue, catalogue_to_xliff(catalogue, version="1.2", original="doc",
                                         source_lang="en", target_lang="fr")


def plain(entry) -> bool:
    """No inline markup: translate-toolkit's plain-text view is the text itself."""
    return "<" not in entry.msgid + entry.msgstr and "*" not in entry.msgid + entry.msgstr \
        and "[" not in entry.msgid and "\x07" not in entry.msgid


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-2:]))
def test_translate_toolkit_xliff_store_sees_the_same_units(path):
    catalogue, data = export(path)
    store = xliff.xlifffile(data)
    units = [u for u in store.units if u.istranslatable()]
    singular = [e for e in catalogue if not e.obsolete and not e.msgid_plural]
    plural_forms = sum(len(e.msgstr_plural) for e in catalogue
                       if not e.obsolete and e.msgid_plural)
    assert len(units) == len(singular) + plural_forms
    by_source = {u.source: u for u in units}
    for entry in singular:
        if not plain(entry):
            continue
        unit = by_source[entry.msgid]
        assert (unit.target or "") == entry.msgstr
        assert unit.isfuzzy() == (entry.fuzzy and bool(entry.msgstr))
        assert unit.getlocations() == [f"{p}:{n}" if n else p for p, n in entry.occurrences]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-2:]))
def test_translate_toolkit_poxliff_and_xliff2po_read_plurals_comments_and_header(path):
    catalogue, data = export(path)
    store = poxliff.PoXliffFile(data)
    assert store.units[0].isheader()
    units = [u for u in store.units if u.istranslatable()]
    active = [e for e in catalogue if not e.obsolete]
    assert len(units) == len(active)
    for unit, entry in zip(units, active):
        assert unit.hasplural() == bool(entry.msgid_plural)
        assert unit.getnotes("developer") == entry.comment
        if plain(entry) and not entry.msgid_plural:
            assert unit.source == entry.msgid
    converted = xliff2po.xliff2po().convertstore(io.BytesIO(data))
    assert converted.parseheader().get("Language") == catalogue.metadata["Language"]
    msgids = {u.source for u in converted.units if not u.isheader()}
    assert {e.msgid for e in active if plain(e) and not e.msgid_plural} <= msgids


def test_a_file_written_by_translate_toolkit_imports(tmp_path):
    """po2xliff's own conventions (named context groups, notes, x-gettext-plurals) are read:
    a translation made in its file comes back; no fingerprint, so no silent replacement."""
    from translate.storage import po

    source = tmp_path / "doc.po"
    source.write_text(STRESS.read_text("utf-8"), "utf-8")
    with open(source, "rb") as handle:
        data = po2xliff.po2xliff().convertstore(po.pofile(handle))
    data = data.replace(b">Untranslated</source>",
                        b">Untranslated</source><target state=\"translated\">Traduit</target>")
    data = data.replace(b'<trans-unit xml:space="preserve" id="Untranslated"',
                        b'<trans-unit approved="yes" xml:space="preserve" id="Untranslated"')
    [document] = read_xliff(parse_xml(data, "tt.xlf"), "tt.xlf")
    catalogue = read_po(STRESS)
    count = len(catalogue)
    report = ImportReport(STRESS, "stress.po")
    merge_document(document, catalogue, report)
    assert next(e for e in catalogue if e.msgid == "Untranslated").msgstr == "Traduit"
    assert report.updated == 1 and report.conflicts == 0
    # po2xliff drops msgctxt, turns obsolete entries into live ones and the bell into "a":
    # those units are reported, and nothing is added.
    assert report.unknown == 6 and len(catalogue) == count
    assert all(message.endswith("is not in stress.po; not added") for message in report.messages)
