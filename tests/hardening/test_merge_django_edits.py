"""Merging real catalogues into randomly edited templates, against GNU msgmerge.

A tester's scenario (issue 18): take a language's catalogue from Django, derive a template from
it with random edits (reworded msgids, entries turned plural or singular, a changed
msgid_plural, format and range flags added, removed or negated, contexts added, changed or
removed, entries removed and added), merge with l10n and with msgmerge, and require that

- msgfmt --check accepts every catalogue l10n writes (45 of 60 failed before l10n followed
  msgmerge's rules for a translation that no longer fits);
- no old translation is lost: each is still on its msgid, or on the fuzzy entry that shows its
  msgid as ``#|``, or obsolete;
- l10n never presents as done (translated, not fuzzy) a translation msgmerge does not.

The seeds are fixed, so the edits are the same on every run. The wheels (django 5.2.9 and
4.2.30) are fetched with ``pip download --no-deps``; without the registry the tests skip.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest

from hardening.harness import run_cli
from l10n.catalog.po import read_po, write_po
from l10n.project.update import merge_files
from support import msgfmt_check

pytestmark = pytest.mark.network

NEW, OLD = "django==5.2.9", "django==4.2.30"
LANGS = ("ar", "es", "fr", "pl", "ru", "zh_Hans")
SEEDS = range(10)  # 6 languages x 10 seeds: the tester's 60 merges
MEMBER = "django/conf/locale/{lang}/LC_MESSAGES/django.po"
WORDS = ("really", "now", "new", "all", "given", "current")
FLAG_EDITS = ("c-format", "python-format", "no-python-format", "no-c-format",
              "possible-python-format", "range: 0..5", "range: 1..100")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"GNU gettext's {name} is not installed")
    return found


@pytest.fixture(scope="module")
def django(tmp_path_factory) -> dict[str, Path]:
    """Django's catalogues by "<version>/<lang>", the English one of 5.2.9 as "5.2.9/en"."""
    wheels = tmp_path_factory.mktemp("django-wheels")
    for requirement in (NEW, OLD):
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                               "--disable-pip-version-check", "-d", str(wheels), requirement],
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            pytest.skip(f"pip cannot fetch {requirement} from the registry: "
                        + (done.stderr.strip().splitlines() or ["no message"])[-1])
    out = tmp_path_factory.mktemp("django")
    found = {}
    for wheel in sorted(wheels.glob("*.whl")):
        version = wheel.name.split("-")[1]
        with zipfile.ZipFile(wheel) as archive:
            for lang in (*LANGS, "en"):
                target = out / version / lang / "django.po"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(MEMBER.format(lang=lang)))
                found[f"{version}/{lang}"] = target
    return found


# ------------------------------------------------------------------------- random templates


def _reword(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
    return " ".join(words)


def _edited(entry: polib.POEntry, rng: random.Random) -> polib.POEntry | None:
    """A template entry made from a catalogue entry, perhaps edited; None: removed."""
    roll = rng.random()
    if roll < 0.06:
        return None
    item = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt,
                         msgid_plural=entry.msgid_plural, occurrences=list(entry.occurrences),
                         comment=entry.comment, flags=[f for f in entry.flags if f != "fuzzy"])
    if roll < 0.14:
        item.msgid = _reword(item.msgid, rng)
    elif roll < 0.24:  # plural <-> singular
        item.msgid_plural = "" if item.msgid_plural else item.msgid + " (several)"
    elif roll < 0.30 and item.msgid_plural:
        item.msgid_plural = _reword(item.msgid_plural, rng)
    elif roll < 0.44:  # a format or range flag added, removed or negated
        flag = rng.choice(FLAG_EDITS)
        same_kind = [f for f in item.flags if f.endswith("-format") or f.startswith("range:")]
        item.flags = [f for f in item.flags if f not in same_kind]
        if rng.random() < 0.8:
            item.flags.append(flag)
    elif roll < 0.52:  # a context added, changed or removed
        item.msgctxt = rng.choice([None, "menu", "button", f"ctx {rng.randrange(3)}"])
    if item.msgid_plural:
        item.msgstr_plural = {0: "", 1: ""}
    return item


def random_template(catalogue: polib.POFile, seed: int) -> polib.POFile:
    """A template derived from ``catalogue`` with random edits and a few new entries."""
    rng = random.Random(seed)
    template = polib.POFile()
    template.metadata = {"Project-Id-Version": "Django", "MIME-Version": "1.0",
                         "Content-Type": "text/plain; charset=UTF-8",
                         "Content-Transfer-Encoding": "8bit"}
    keys = set()
    entries = [e for e in catalogue if e.msgid and not e.obsolete]
    rng.shuffle(entries)  # some reordering too
    for entry in entries:
        item = _edited(entry, rng)
        if item is None or (item.msgctxt, item.msgid) in keys:
            continue
        keys.add((item.msgctxt, item.msgid))
        template.append(item)
    for number in range(rng.randrange(3, 10)):
        item = polib.POEntry(msgid=f"A message added in version {seed}.{number}")
        template.append(item)
    return template


# ------------------------------------------------------------------------------- assertions


def _lost(old: Path, merged: Path) -> list[str]:
    """The old translations that are nowhere in ``merged``: not on their msgid, not on a fuzzy
    entry whose ``#| msgid`` is theirs (or their own previous msgid), not obsolete."""
    places: dict[str, set[str]] = {}
    for entry in read_po(merged):
        texts = {entry.msgstr, *entry.msgstr_plural.values()} - {""}
        for msgid in (entry.msgid, entry.previous_msgid):
            if msgid is not None:
                places.setdefault(msgid, set()).update(texts)
    lost = []
    for entry in read_po(old, strict_plurals=False):
        text = entry.msgstr or entry.msgstr_plural.get(0, "")
        if not entry.msgid or entry.obsolete or not text:
            continue
        found = places.get(entry.msgid, set()) | places.get(entry.previous_msgid or "", set())
        if text not in found:
            lost.append(entry.msgid)
    return lost


def _done(path: Path) -> dict[tuple[str | None, str], tuple]:
    """The translated, not fuzzy, active entries and their translations."""
    return {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in read_po(path, strict_plurals=False)
            if e.msgid and not e.obsolete and not e.fuzzy
            and (e.msgstr or any(e.msgstr_plural.values()))}


@pytest.mark.parametrize("lang", LANGS)
def test_random_edits_of_a_real_catalogue_merge_as_msgmerge_with_nothing_lost(
        django, lang, tmp_path):
    msgmerge = _tool("msgmerge")
    old = django[f"5.2.9/{lang}"]
    catalogue = read_po(old, strict_plurals=False)
    failures = []
    for seed in SEEDS:
        template = tmp_path / f"{seed}.pot"
        write_po(random_template(catalogue, seed), template)
        ours, theirs = tmp_path / f"{seed}.l10n.po", tmp_path / f"{seed}.msgmerge.po"
        merge_files(old, template, ours, lang.split("_")[0])
        subprocess.run([msgmerge, "--quiet", "--previous", "-o", str(theirs), str(old),
                        str(template)], check=True)
        try:
            msgfmt_check(ours)
        except AssertionError as error:
            failures.append(f"seed {seed}: {str(error).splitlines()[1:3]}")
            continue
        assert _lost(old, ours) == [], f"seed {seed}: translations lost"
        done, reference = _done(ours), _done(theirs)
        invented = [key for key, value in done.items() if reference.get(key) != value]
        assert invented == [], f"seed {seed}: not fuzzy in l10n's output only: {invented[:3]}"
    assert failures == [], f"{len(failures)} of {len(SEEDS)} outputs fail msgfmt --check"


def test_django_4_2_french_merges_into_5_2_as_msgmerge_with_the_defect_as_warnings(
        django, tmp_path):
    """Django 4.2's French catalogue has msgstr[2] under nplurals=2. msgmerge merges it into
    Django 5.2's template (its English catalogue) and keeps 340 translations; l10n merges it
    too, with a warning per defective entry, which comes out fuzzy with two forms."""
    msgmerge = _tool("msgmerge")
    old, template = django["4.2.30/fr"], django["5.2.9/en"]
    ours, theirs = tmp_path / "l10n.po", tmp_path / "msgmerge.po"
    outcome = run_cli(tmp_path, "merge", str(old), str(template), "-o", str(ours),
                      "--similarity", "60")
    assert outcome.code == 0, outcome.stderr
    warnings = outcome.stderr.splitlines()
    assert warnings and all(f"{old}:" in w and ": warning: msgstr[2] but the header says "
                            "nplurals=2" in w for w in warnings), warnings
    subprocess.run([msgmerge, "--quiet", "-o", str(theirs), str(old), str(template)],
                   check=True)
    msgfmt_check(ours)
    done, reference = _done(ours), _done(theirs)
    assert len(reference) >= 340
    assert len(done) + len(warnings) == len(reference)
    assert set(done) <= set(reference)

    def kept(path: Path) -> int:
        return sum(1 for e in read_po(path, strict_plurals=False) if e.msgid and not e.obsolete
                   and (e.msgstr or any(e.msgstr_plural.values())))

    assert kept(ours) >= kept(theirs)
    defective = [e for e in read_po(ours) if e.msgid_plural and e.fuzzy]
    assert len(defective) >= len(warnings)
    assert all(sorted(e.msgstr_plural) == [0, 1] for e in read_po(ours) if e.msgid_plural)
    assert _lost(old, ours) == []
