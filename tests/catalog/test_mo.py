"""The direct MO writer: polib's bytes, gettext reads it, msgunfmt decompiles it."""

from __future__ import annotations

import copy
import gettext
import io
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.catalog.mo import MoEntry, mo_entries, write_mo

HEADER = {"Language": "fr", "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
          "Content-Transfer-Encoding": "8bit", "Plural-Forms": "nplurals=2; plural=(n > 1);",
          "X-Source-Language": "en", "Project-Id-Version": "summit"}


def _catalogue(*entries: polib.POEntry, metadata: dict | None = None) -> polib.POFile:
    catalogue = polib.POFile()
    catalogue.metadata = dict(HEADER if metadata is None else metadata)
    for entry in entries:
        catalogue.append(entry)
    return catalogue


CASES = {
    "plain": [polib.POEntry(msgid="Doha", msgstr="Doha (Qatar)"),
              polib.POEntry(msgid="Summit", msgstr="Sommet")],
    "unsorted-and-non-ascii": [polib.POEntry(msgid="Économie", msgstr="Économie"),
                               polib.POEntry(msgid="zone", msgstr="zone"),
                               polib.POEntry(msgid="Ärger", msgstr="Colère"),
                               polib.POEntry(msgid="卡塔尔", msgstr="Qatar")],
    "context": [polib.POEntry(msgid="May", msgstr="mai", msgctxt="month"),
                polib.POEntry(msgid="May", msgstr="peut"),
                polib.POEntry(msgid="May", msgstr="Mai", msgctxt="")],
    "plural": [polib.POEntry(msgid="one resolution", msgid_plural="%d resolutions",
                             msgstr_plural={0: "une résolution", 1: "%d résolutions"})],
    "left-out": [polib.POEntry(msgid="fuzzy", msgstr="flou", flags=["fuzzy"]),
                 polib.POEntry(msgid="empty", msgstr=""),
                 polib.POEntry(msgid="old", msgstr="ancien", obsolete=True),
                 polib.POEntry(msgid="a form", msgid_plural="forms",
                               msgstr_plural={0: "une forme", 1: ""}),
                 polib.POEntry(msgid="kept", msgstr="gardé")],
    "no-entries": [],
}


def _polib_bytes(catalogue: polib.POFile, include_fuzzy: bool) -> bytes:
    """What l10n.catalog.po.compile_mo returned through polib before this writer."""
    keep = polib.POFile()
    keep.metadata = dict(catalogue.metadata)
    for entry in catalogue:
        translated = entry.msgstr or any(entry.msgstr_plural.values())
        if entry.obsolete or (entry.fuzzy and not include_fuzzy) or not translated:
            continue
        if entry.fuzzy:
            entry = copy.copy(entry)
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        keep.append(entry)
    return keep.to_binary()


@pytest.mark.parametrize("include_fuzzy", [False, True], ids=["translated", "with-fuzzy"])
@pytest.mark.parametrize("name", list(CASES))
def test_same_bytes_as_polib(name, include_fuzzy):
    catalogue = _catalogue(*CASES[name])
    ours = write_mo(mo_entries(catalogue, include_fuzzy=include_fuzzy))
    assert ours == _polib_bytes(catalogue, include_fuzzy)


def test_empty_metadata_gives_an_empty_header():
    catalogue = _catalogue(*CASES["plain"], metadata={})
    assert write_mo(mo_entries(catalogue)) == _polib_bytes(catalogue, False)


def test_gettext_reads_every_kind_of_entry():
    entries = CASES["plain"] + CASES["context"][:2] + CASES["plural"] + CASES["left-out"]
    mo = write_mo(mo_entries(_catalogue(*entries)))
    translations = gettext.GNUTranslations(io.BytesIO(mo))
    assert translations.gettext("Doha") == "Doha (Qatar)"
    assert translations.pgettext("month", "May") == "mai"
    assert translations.gettext("May") == "peut"
    assert translations.ngettext("one resolution", "%d resolutions", 3) == "%d résolutions"
    assert translations.ngettext("one resolution", "%d resolutions", 1) == "une résolution"
    assert translations.gettext("fuzzy") == "fuzzy" and translations.gettext("kept") == "gardé"
    assert translations.info()["language"] == "fr"


def test_write_mo_is_deterministic_whatever_the_input_order():
    entries = [MoEntry("b", ("B",)), MoEntry("", ("Language: fr\n",)), MoEntry("a", ("A",)),
               MoEntry("a", ("A2",), msgctxt="ctx")]
    assert write_mo(entries) == write_mo(list(reversed(entries)))
    translations = gettext.GNUTranslations(io.BytesIO(write_mo(entries)))
    assert (translations.gettext("a"), translations.pgettext("ctx", "a")) == ("A", "A2")


def test_msgunfmt_reads_it_back(tmp_path: Path):
    msgunfmt = shutil.which("msgunfmt")
    if not msgunfmt:
        pytest.skip("GNU gettext's msgunfmt is not installed")
    entries = CASES["unsorted-and-non-ascii"] + CASES["context"][:2] + CASES["plural"]
    path = tmp_path / "fr.mo"
    path.write_bytes(write_mo(mo_entries(_catalogue(*entries))))
    result = subprocess.run([msgunfmt, str(path)], capture_output=True, text=True, check=True)
    back = polib.pofile(result.stdout)
    found = {(e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural) for e in back}
    assert found[(None, "卡塔尔")] == "Qatar"
    assert found[("month", "May")] == "mai" and found[(None, "May")] == "peut"
    assert found[(None, "one resolution")] == {0: "une résolution", 1: "%d résolutions"}
    assert back.metadata["Language"] == "fr"
