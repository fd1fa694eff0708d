"""Format strings in plural messages: l10n refuses what msgfmt --check refuses, per language.

A plural form that serves many values of n (Russian msgstr[0]: 1, 21, 31...) must have
msgid_plural's directives; one that serves a single value (English or French msgstr[0]) may
leave them out. The reference is GNU msgfmt itself."""

from __future__ import annotations

import shutil
import subprocess

import polib
import pytest

from l10n.catalog.format_strings import msgfmt_problem, plural_use
from l10n.locales import plural_forms

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU msgfmt")

# (msgid, msgid_plural, forms by language): forms without %d where msgfmt may or may not mind
CASES = [
    ("one file", "%d files", {"en": ["one file", "%d files"],
                              "fr": ["un fichier", "des millions de fichiers", "%d fichiers"],
                              "ru": ["один файл", "%d файла", "%d файлов"],
                              "ar": ["لا ملفات", "ملف واحد", "ملفان", "%d ملفات", "%d ملفًا",
                                     "%d ملف"]}),
    ("%d file", "%d files", {"en": ["%d file", "files"],
                             "ru": ["%d файл", "%d файла", "%d файлов"],
                             "ar": ["%d", "%d", "%d", "%d", "%d", "ملفات"]}),
    ("%d file", "%d files", {"en": ["%d file", "%d files"], "fr": ["%d fichier", "%d de fichiers", "%d fichiers"],
                             "ru": ["%d файл", "%d файла", "%d файлов"]}),
    ("%d file in %s", "%d files in %s", {"en": ["one file in %s", "%d files in %s"],
                                         "fr": ["%d fichier", "%d de fichiers dans %s",
                                                "%d fichiers dans %s"]}),
]
# Python only: named directives (C's parser reads "%(" otherwise)
PYTHON_CASES = [
    ("%(n)d file", "%(n)d files", {"en": ["one file", "%(n)d files"],
                                   "fr": ["un fichier", "%(n)d de fichiers", "%(n)d fichiers"],
                                   "ru": ["один файл", "%(n)d файла", "%(n)d файлов"]}),
]


def _catalogue(lang: str, msgid: str, plural: str, forms: list[str],
               flag: str = "c-format") -> polib.POFile:
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang,
                          "Plural-Forms": plural_forms(lang)[1]}
    catalogue.append(polib.POEntry(msgid=msgid, msgid_plural=plural, flags=[flag],
                                   msgstr_plural=dict(enumerate(forms))))
    return catalogue


# Python's unnamed directives are counted even where msgfmt lets a form leave directives
# out (the arguments are one tuple, used whole); named ones and C's may be left out there.
@pytest.mark.parametrize(("msgid", "plural", "lang", "forms", "flag"), [
    (msgid, plural, lang, forms, flag)
    for cases, flags in ((CASES, ("c-format", "python-format")), (PYTHON_CASES, ("python-format",)))
    for msgid, plural, table in cases for lang, forms in table.items() for flag in flags
], ids=lambda value: value if isinstance(value, str) and (len(value) == 2 or "format" in value)
    else None)
def test_plural_formats_as_msgfmt_checks_them(tmp_path, msgid, plural, lang, forms, flag):
    catalogue = _catalogue(lang, msgid, plural, forms, flag)
    path = tmp_path / "x.po"
    catalogue.save(str(path))
    refused = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                             capture_output=True).returncode != 0
    problem = msgfmt_problem(catalogue[0], plural_use(catalogue))
    assert (problem is not None) == refused, (problem, refused)
