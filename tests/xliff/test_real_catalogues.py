"""Real catalogues through XLIFF and back, byte for byte: Django's and Sphinx's catalogues in
five of the six languages (fetched from PyPI, as tests/hardening/test_real_catalogues.py does;
skipped without access to the registry). Each one's XLIFF validates against its schema, and
an import of the unchanged export changes nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from hardening.test_real_catalogues import _download
from l10n.catalog.po import format_po, read_po
from l10n.util.xmlsafe import parse_xml
from l10n.xliff.convert import catalogue_to_xliff, read_xliff
from l10n.xliff.exchange import ImportReport, merge_document
from xliff.xliff_support import schema_errors

pytestmark = pytest.mark.network

WHEELS = ("django==5.2.19", "sphinx==8.2.3")
LANGS = {"ar": "ar", "zh_Hans": "zh", "zh_CN": "zh", "ru": "ru", "es": "es", "fr": "fr"}


@pytest.fixture(scope="module")
def real_catalogues(tmp_path_factory) -> list[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("xliff-wheels")
    _download(folder, *WHEELS)
    found = []
    for wheel in sorted(folder.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.namelist():
                parts = member.split("/")
                if (member.endswith(".po") and "LC_MESSAGES" in parts
                        and parts[parts.index("LC_MESSAGES") - 1] in LANGS):
                    target = folder / "po" / member
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(member))
                    found.append((member, target))
    assert len(found) >= 20, found
    return found


@pytest.mark.parametrize("version", ("1.2", "2.0"))
def test_real_catalogues_come_back_byte_identical(real_catalogues, version):
    different, invalid = [], []
    for name, path in real_catalogues:
        catalogue = read_po(path, strict_plurals=False)  # Django es/fr: 3 forms, nplurals=2
        lang = LANGS[Path(name).parts[-3]]
        data = catalogue_to_xliff(catalogue, version=version, original=name, source_lang="en",
                                  target_lang=lang, path=path)
        if schema_errors(data, version):
            invalid.append((name, schema_errors(data, version)[:2]))
        [document] = read_xliff(parse_xml(data, name), name)
        expected = format_po(catalogue)
        if format_po(document.catalogue) != expected:
            different.append(name)
        report = ImportReport(path, name)
        merge_document(document, catalogue, report)
        assert report.updated == report.conflicts == report.unknown == 0, (name, report.messages)
        assert format_po(catalogue) == expected
    assert not invalid, invalid
    assert not different, f"{len(different)} of {len(real_catalogues)} changed: {different}"
