"""The direct MO writer: GNU msgfmt's bytes (hash table included), gettext reads it, msgunfmt
decompiles it."""

from __future__ import annotations

import copy
import gettext
import io
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog.mo import MoEntry, hash_table_size, mo_entries, write_mo
from l10n.catalog.po import compile_mo, read_po, write_po
from support import REPO

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
    "empty-context": [polib.POEntry(msgid="May", msgstr="Mai", msgctxt=""),
                      polib.POEntry(msgid="May", msgstr="peut")],
    "first-form-decides": [polib.POEntry(msgid="a form", msgid_plural="forms",
                                         msgstr_plural={0: "une forme", 1: ""}),
                           polib.POEntry(msgid="b form", msgid_plural="b forms",
                                         msgstr_plural={0: "", 1: "b formes"})],
    "many": [polib.POEntry(msgid=f"message {n}", msgstr=f"message {n} traduit",
                           msgctxt=("ctx" if n % 3 == 0 else None)) for n in range(200)],
}


def _msgfmt(po: Path, *options: str) -> bytes:
    """What GNU msgfmt writes for the PO file (skip when gettext is not installed)."""
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        pytest.skip("GNU gettext's msgfmt is not installed")
    result = subprocess.run([msgfmt, *options, "-o", "-", str(po)], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def _same_as_msgfmt(po: Path, include_fuzzy: bool = False) -> None:
    ours = compile_mo(read_po(po), include_fuzzy=include_fuzzy)
    theirs = _msgfmt(po, *(["--use-fuzzy"] if include_fuzzy else []))
    assert ours == theirs, po


@pytest.mark.parametrize("include_fuzzy", [False, True], ids=["translated", "with-fuzzy"])
@pytest.mark.parametrize("name", list(CASES))
def test_same_bytes_as_msgfmt(name, include_fuzzy, tmp_path: Path):
    path = tmp_path / "fr.po"
    write_po(_catalogue(*copy.deepcopy(CASES[name])), path)
    _same_as_msgfmt(path, include_fuzzy)


DATED = {**HEADER, "POT-Creation-Date": "2026-11-24 03:02+0000", "X-Generator": "l10n"}


@pytest.mark.parametrize("metadata", [{}, DATED], ids=["no-header-fields", "pot-creation-date"])
def test_the_header_is_msgfmts(metadata, tmp_path: Path):
    """msgfmt leaves out an empty header and the POT-Creation-Date field (for reproducible
    builds), and keeps the other fields in the order of the PO file."""
    path = tmp_path / "fr.po"
    write_po(_catalogue(*copy.deepcopy(CASES["plain"]), metadata=metadata), path)
    _same_as_msgfmt(path)


HAND_WRITTEN = {
    "spacing-and-no-final-newline": '"Project-Id-Version:x  \\n"\n"POT-Creation-Date: 2026\\n"\n'
                                    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr"',
    "date-first-and-last": '"POT-Creation-Date: 2026\\n"\n"Language:  fr\\n"\n'
                           '"Content-Type: text/plain; charset=UTF-8\\n"\n"POT-Creation-Date: 1"',
    "date-alone": '"POT-Creation-Date: 2026"',
}


@pytest.mark.parametrize("header", list(HAND_WRITTEN))
def test_a_hand_written_header_is_copied_as_msgfmt_copies_it(header, tmp_path: Path):
    """msgfmt copies the header as the PO file writes it (spacing, a missing final newline),
    less its first POT-Creation-Date line; l10n does while the fields are unchanged."""
    path = tmp_path / "fr.po"
    path.write_text(f'msgid ""\nmsgstr ""\n{HAND_WRITTEN[header]}\n\nmsgid "a"\nmsgstr "b"\n',
                    "utf-8")
    _same_as_msgfmt(path)


def test_a_changed_header_is_written_from_its_fields(tmp_path: Path):
    path = tmp_path / "fr.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language:fr\\n"\n"X-Old: 1"\n\nmsgid "a"\nmsgstr "b"\n',
                    "utf-8")
    catalogue = read_po(path)
    catalogue.metadata["Language"] = "fr_CA"
    changed = tmp_path / "changed.po"
    write_po(catalogue, changed)
    assert compile_mo(catalogue) == _msgfmt(changed)


def test_a_fuzzy_header_is_kept(tmp_path: Path):
    catalogue = _catalogue(*copy.deepcopy(CASES["plain"]))
    catalogue.metadata_is_fuzzy = ["fuzzy"]
    path = tmp_path / "fr.po"
    write_po(catalogue, path)
    _same_as_msgfmt(path)
    translations = gettext.GNUTranslations(io.BytesIO(compile_mo(read_po(path))))
    assert translations.info()["language"] == "fr"


EXAMPLE_CATALOGUES = sorted(REPO.glob("po/*/summit/*.po"))


@pytest.mark.parametrize("path", EXAMPLE_CATALOGUES,
                         ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_the_example_projects_catalogues_are_msgfmts(path: Path):
    _same_as_msgfmt(path)
    _same_as_msgfmt(path, include_fuzzy=True)


def test_hash_table_sizes_are_msgfmts():
    """next_prime(4 n / 3), at least 3, with gettext's is_prime (which takes 3 for not prime)."""
    sizes = {n: hash_table_size(n) for n in (0, 1, 2, 3, 4, 7, 8, 75, 76)}
    assert sizes == {0: 3, 1: 3, 2: 5, 3: 5, 4: 5, 7: 11, 8: 11, 75: 101, 76: 101}


# Newlines inside only (msgfmt wants msgid and msgstr to agree on a leading or final one), and
# no "\x04" (msgfmt refuses the context separator inside a string).
_TEXT = st.text(st.sampled_from("aAbz ÉéЖ卡\n%\\\"·"), max_size=6).map(lambda t: t.strip("\n"))


@st.composite
def _entries(draw) -> list[polib.POEntry]:
    keys = draw(st.lists(st.tuples(st.one_of(st.none(), _TEXT), _TEXT.filter(bool)),
                         unique=True, max_size=40))
    entries = []
    for msgctxt, msgid in keys:
        kind = draw(st.sampled_from(["single", "plural", "fuzzy", "obsolete"]))
        translation = draw(_TEXT)
        if kind == "plural":
            entries.append(polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgid_plural=msgid + "s",
                                         msgstr_plural={0: translation, 1: draw(_TEXT)}))
        else:
            entries.append(polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgstr=translation,
                                         flags=["fuzzy"] if kind == "fuzzy" else [],
                                         obsolete=kind == "obsolete"))
    return entries


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=_entries(), include_fuzzy=st.booleans())
def test_random_catalogues_are_msgfmts(entries, include_fuzzy, tmp_path: Path):
    """Any mix of contexts, plurals, fuzzy, obsolete and untranslated entries, of sizes that
    make hash collisions: the same bytes as msgfmt."""
    path = tmp_path / "fr.po"
    write_po(_catalogue(*entries), path)
    _same_as_msgfmt(path, include_fuzzy)


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
