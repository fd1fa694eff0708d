"""Orphans: a removed or renamed source's template and catalogues, reported by extract and
update, and archived by --prune without losing a translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.catalog.po import read_po, write_po
from l10n.config import load_config
from l10n.project.prune import find_orphans
from support import msgfmt_check
from support import run_l10n


PAGE = "<html><head><title>World Social Summit</title></head><body><p>Member States took part.</p></body></html>\n"
NOTE = "# Background\n\nThe first summit met in Copenhagen in 1995. It set ten commitments.\n"
TEXT = "Statement by the host country\n\nThe State of Qatar welcomes all delegations.\n"


@pytest.fixture
def project(make_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    root = make_project({"source/summit/page.html": PAGE, "source/summit/note.md": NOTE,
                         "source/statement.txt": TEXT}, 'languages = ["en", "fr", "zh"]\n')
    run_l10n(root, "extract")
    run_l10n(root, "update")
    return root


def translate_some(path: Path, prefix: str) -> dict[str, str]:
    """Translate every entry but the last (one fuzzy), and return msgid -> translation."""
    catalogue = read_po(path)
    done = {}
    for number, entry in enumerate(list(catalogue)[:-1]):
        entry.msgstr = prefix + entry.msgid
        if number == 0:
            entry.flags.append("fuzzy")
        done[entry.msgid] = entry.msgstr
    write_po(catalogue, path)
    return done


def archived(path: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in read_po(path) if e.obsolete}


@pytest.mark.parametrize("command", ["extract", "update"])
def test_without_prune_orphans_are_reported_and_kept(project, command):
    translate_some(project / "po" / "fr" / "summit" / "note.po", "FR ")
    (project / "source" / "summit" / "note.md").unlink()
    result = run_l10n(project, command)
    assert "po/fr/summit/note.po: no source document summit/note any more" in result.output
    assert "--prune archives" in result.output
    assert (project / "po" / "summit" / "note.pot").is_file()
    assert (project / "po" / "fr" / "summit" / "note.po").is_file()
    assert not (project / "po" / ".obsolete").exists()


@pytest.mark.parametrize("command", ["extract", "update"])
def test_prune_archives_every_translation_as_obsolete_entries(project, command):
    fr = translate_some(project / "po" / "fr" / "summit" / "note.po", "FR ")
    zh = translate_some(project / "po" / "zh" / "summit" / "note.po", "ZH ")
    (project / "source" / "summit" / "note.md").rename(project / "source" / "summit" / "notes.md")
    if command == "update":
        run_l10n(project, "extract")
    result = run_l10n(project, command, "--prune")
    assert not (project / "po" / "summit" / "note.pot").exists()
    assert not (project / "po" / "fr" / "summit" / "note.po").exists()
    assert not (project / "po" / "zh" / "summit" / "note.po").exists()
    for lang, translations in (("fr", fr), ("zh", zh)):
        archive = project / "po" / ".obsolete" / lang / "summit" / "note.po"
        assert archived(archive) == translations  # every one, fuzzy included; none active
        assert all(e.obsolete for e in read_po(archive))
        msgfmt_check(archive)
        assert (f"po/{lang}/summit/note.po: removed, its {len(translations)} translations "
                f"archived in po/.obsolete/{lang}/summit/note.po") in result.output
    fuzzy = [e for e in read_po(project / "po" / ".obsolete" / "fr" / "summit" / "note.po")
             if "fuzzy" in e.flags]
    assert len(fuzzy) == 1  # still marked as a guess
    # The other documents, and the renamed one, are untouched; nothing reports an orphan now.
    assert (project / "po" / "summit" / "notes.pot").is_file()
    assert (project / "po" / "fr" / "summit" / "notes.po").is_file() == (command == "update")
    assert (project / "po" / "fr" / "summit" / "page.po").is_file()
    assert "no source document" not in run_l10n(project, "extract").output
    run_l10n(project, "extract", "--check")
    # The archive is not a language: check and build do not read it.
    assert find_orphans(load_config(project, explicit=True)) == []


def test_a_second_prune_of_the_same_document_keeps_the_first_archive(project):
    note = project / "source" / "summit" / "note.md"
    first = translate_some(project / "po" / "fr" / "summit" / "note.po", "FR1 ")
    note.unlink()
    run_l10n(project, "extract", "--prune")
    note.write_text(NOTE, "utf-8")
    run_l10n(project, "extract")
    run_l10n(project, "update")
    second = translate_some(project / "po" / "fr" / "summit" / "note.po", "FR2 ")
    note.unlink()
    run_l10n(project, "update", "--prune")
    folder = project / "po" / ".obsolete" / "fr" / "summit"
    assert archived(folder / "note.po") == first
    assert archived(folder / "note~2.po") == second


def test_a_catalogue_without_any_translation_is_removed_without_an_archive(project):
    (project / "source" / "statement.txt").unlink()
    result = run_l10n(project, "extract", "--prune")
    assert "po/fr/statement.po: removed (it held no translation)" in result.output
    assert "po/statement.pot: removed (its source is gone)" in result.output
    assert not (project / "po" / "fr" / "statement.po").exists()
    assert not (project / "po" / ".obsolete").exists()


def test_prune_with_check_is_a_usage_error(project):
    result = run_l10n(project, "extract", "--check", "--prune", expect=2)
    assert "give one of them" in result.output + result.stderr
    assert (project / "po" / "summit" / "note.pot").is_file()


def test_a_bad_orphan_catalogue_prunes_nothing(project):
    translate_some(project / "po" / "fr" / "summit" / "note.po", "FR ")
    (project / "po" / "zh" / "summit" / "note.po").write_text('msgid "a"\nmsgstr "b\n', "utf-8")
    (project / "source" / "summit" / "note.md").unlink()
    result = run_l10n(project, "extract", "--prune", expect=2)
    assert "po/zh/summit/note.po:2: error:" in result.stderr
    assert (project / "po" / "fr" / "summit" / "note.po").is_file()
    assert (project / "po" / "summit" / "note.pot").is_file()
    assert not (project / "po" / ".obsolete").exists()


def test_extract_reports_files_no_format_reads(project):
    """Issue #17: a source file of an unknown type is reported, not silently skipped; images,
    style sheets and fonts are assets and are not."""
    for name in ("summit/annex.rst", "summit/brief.docx", "LICENSE", "summit/logo.PNG",
                 "style.css", "fonts/un.woff2"):
        (project / "source" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "source" / name).write_bytes(b"x")
    for args in (["extract"], ["extract", "--check"]):
        result = run_l10n(project, *args)
        warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
        assert [line.split(":")[0] for line in warnings] == [
            "source/LICENSE", "source/summit/annex.rst", "source/summit/brief.docx"]
        assert "no source format reads .rst files" in warnings[1]
        assert "untranslated" in warnings[1] and ".md" in warnings[1]
        assert "warning" not in result.stdout
