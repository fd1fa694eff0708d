"""The example project's fourth document, a follow-up press release, is pre-translated from the
memory of the other three (what `make run` shows): its reused sentences come back fuzzy, with
where they came from; a renumbered date gets its new number; the translator's own entries stay."""

from __future__ import annotations

import json
import shutil

import polib
import pytest
from click.testing import CliRunner

from l10n.catalog.po import read_po, write_po
from l10n.cli import cli
from support import REPO, msgfmt_check

LANGS = ("ar", "es", "fr", "ru", "zh")
DOCUMENT = "summit/press-release"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """A copy of the example project (sources, catalogues, glossary) with its own memory,
    after `l10n update --tm`, as `make run` runs it."""
    assert (REPO / "source" / f"{DOCUMENT}.md").is_file(), "the example's fourth document"
    root = tmp_path_factory.mktemp("example")
    for name in ("source", "po", "glossary"):
        shutil.copytree(REPO / name, root / name)
    shutil.copyfile(REPO / "pyproject.toml", root / "pyproject.toml")
    for lang in LANGS:  # as committed, even after `make run` pre-translated the checkout's copy
        _forget_the_memorys_work(root / "po" / lang / f"{DOCUMENT}.po")
    before = {lang: polib.pofile(str(root / "po" / lang / f"{DOCUMENT}.po")) for lang in LANGS}
    runner = CliRunner(env={"L10N_CACHE_DIR": str(root / "cache")})
    result = runner.invoke(cli, ["-C", str(root), "update", "--tm"])
    assert result.exit_code == 0, result.output
    analysed = runner.invoke(cli, ["-C", str(root), "analyse", "--format", "json"])
    assert analysed.exit_code == 0, analysed.output
    return root, before, result.output, json.loads(analysed.output)


def _forget_the_memorys_work(path) -> None:
    """Put back to untranslated what pre-translation filled (its entries say "tm: ...")."""
    catalogue = read_po(path)
    for entry in catalogue:
        lines = entry.tcomment.splitlines()
        if any(line.startswith("tm: ") for line in lines):
            entry.msgstr = ""
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
            entry.tcomment = "\n".join(line for line in lines if not line.startswith("tm: "))
    write_po(catalogue, path)


def _catalogue(root, lang: str) -> polib.POFile:
    return polib.pofile(str(root / "po" / lang / f"{DOCUMENT}.po"))


def _translation(root, lang: str, msgid: str) -> str:
    """The translation an earlier document of the example holds for ``msgid``."""
    for path in sorted((root / "po" / lang / "summit").glob("*.po")):
        if path.stem != "press-release":
            entry = polib.pofile(str(path)).find(msgid)
            if entry is not None and entry.msgstr and not entry.fuzzy:
                return entry.msgstr
    raise AssertionError(f"{msgid!r} is in no other catalogue of {lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_reused_sentences_are_filled_from_the_memory(example, lang):
    root, before, output, _ = example
    assert f"po/{lang}/{DOCUMENT}.po: " in output
    catalogue = _catalogue(root, lang)
    untouched = [entry for entry in before[lang] if not entry.msgstr]
    assert len(untouched) >= 10  # the sentences the press release takes from the others
    filled = [catalogue.find(entry.msgid) for entry in untouched]
    assert all(entry.msgstr and entry.fuzzy for entry in filled), \
        [entry.msgid for entry in filled if not entry.msgstr]
    assert all("tm: " in entry.tcomment for entry in filled)
    verbatim = "The Summit concluded in Doha on 6 November 2025."
    assert catalogue.find(verbatim).msgstr == _translation(root, lang, verbatim)
    assert "100% exact match" in catalogue.find(verbatim).tcomment
    msgfmt_check(root / "po" / lang / f"{DOCUMENT}.po")


@pytest.mark.parametrize("lang", LANGS)
def test_renumbered_sentences_get_their_new_numbers(example, lang):
    root, *_ = example
    catalogue = _catalogue(root, lang)
    date = catalogue.find("6 November 2025")
    old = _translation(root, lang, "4 November 2025")
    assert date.previous_msgid == "4 November 2025"
    assert "99% placeable match" in date.tcomment
    assert date.msgstr == old.replace("4", "6", 1) and date.msgstr != old
    symbol = next(entry for entry in catalogue if "A/RES/78/318, since" in entry.msgid)
    assert "A/RES/78/318" in symbol.msgstr and "A/RES/78/261" not in symbol.msgstr


@pytest.mark.parametrize("lang", LANGS)
def test_the_translators_own_entries_are_kept(example, lang):
    root, before, *_ = example
    catalogue = _catalogue(root, lang)
    own = [entry for entry in before[lang] if entry.msgstr]
    assert len(own) >= 5
    for entry in own:
        after = catalogue.find(entry.msgid)
        assert after.msgstr == entry.msgstr and not after.fuzzy


def test_the_leverage_report_counts_the_press_release(example):
    """`l10n analyse` prices the press release: words in the 100 % band (sentences of the
    other documents) and the 95-99 % band (renumbered ones), in every language."""
    _, _, _, report = example
    for lang in LANGS:
        words = report["languages"][lang]["documents"][DOCUMENT]["words"]
        assert words["100"] > 0 and words["95-99"] > 0, (lang, words)
