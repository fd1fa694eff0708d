"""extract and update end to end, through the command line, on small projects in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.catalog.po import read_po, write_po
from l10n.cli import cli
from support import msgfmt_check
from support import run_l10n

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>World Social Summit</title></head>
<body>
<h1>World Social Summit</h1>
<p>The Summit was held in Doha from 4 to 6 November 2025. It adopted the <em>Doha Political Declaration</em>.</p>
<p>Member States, civil society and the private sector took part.</p>
<img src="doha.jpg" alt="World Social Summit">
</body>
</html>
"""
NOTE = "# Background\n\nThe first summit met in Copenhagen in 1995. It set ten commitments.\n"
TEXT = "Statement by the host country\n\nThe State of Qatar welcomes all delegations.\n"


@pytest.fixture
def project(make_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    return make_project({"source/summit/page.html": PAGE, "source/summit/note.md": NOTE,
                         "source/statement.txt": TEXT}, 'languages = ["en", "fr", "zh"]\n')


def translate_all(path: Path, prefix: str) -> None:
    catalogue = read_po(path)
    for entry in catalogue:
        entry.msgstr = prefix + entry.msgid
    write_po(catalogue, path)


def entries(path: Path) -> dict[str, object]:
    return {e.msgid: e for e in read_po(path)}


def test_extract_writes_one_template_per_document_in_document_order(project):
    result = run_l10n(project, "extract")
    assert "po/summit/page.pot: 6 entries (written)" in result.output
    template = read_po(project / "po" / "summit" / "page.pot")
    ids = [e.msgid for e in template]
    assert ids[:2] == ["World Social Summit", "World Social Summit"]  # title and h1 ...
    assert [e.msgctxt for e in template][:2] == ["title", "h1"]  # ... told apart by msgctxt
    assert template[-1].msgctxt == "img@alt" and template[-1].msgid == "World Social Summit"
    assert "The Summit was held in Doha from 4 to 6 November 2025." in ids  # split into sentences
    assert "It adopted the <em>Doha Political Declaration</em>." in ids  # markup kept
    first = template[1]
    assert first.occurrences == [("source/summit/page.html", "5")] and first.comment == "<h1>"
    assert (project / "po" / "statement.pot").is_file() and (project / "po" / "summit" / "note.pot").is_file()
    for pot in (project / "po").rglob("*.pot"):
        msgfmt_check(pot)


def test_update_creates_catalogues_with_cldr_headers(project):
    run_l10n(project, "extract")
    result = run_l10n(project, "update")
    assert "fr" in result.output and "zh" in result.output
    zh = read_po(project / "po" / "zh" / "summit" / "page.po")
    assert zh.metadata["Language"] == "zh"
    assert zh.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert not (project / "po" / "en").exists()  # the source language gets no catalogue
    for po in (project / "po").rglob("*.po"):
        msgfmt_check(po)


def test_extract_then_update_again_changes_nothing(project, monkeypatch):
    run_l10n(project, "extract")
    run_l10n(project, "update")
    translate_all(project / "po" / "fr" / "summit" / "page.po", "FR ")
    before = {p: p.read_bytes() for p in (project / "po").rglob("*.po*")}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # a later date alone rewrites nothing
    assert "(unchanged)" in run_l10n(project, "extract").output
    run_l10n(project, "update")
    assert {p: p.read_bytes() for p in (project / "po").rglob("*.po*")} == before


def test_source_edit_makes_one_entry_fuzzy_with_previous_msgid(project):
    run_l10n(project, "extract")
    run_l10n(project, "update", "--lang", "fr")
    po = project / "po" / "fr" / "summit" / "page.po"
    translate_all(po, "FR ")
    page = project / "source" / "summit" / "page.html"
    page.write_text(PAGE.replace("from 4 to 6 November 2025", "from 4 to 6 November 2025, in Qatar"), "utf-8")
    run_l10n(project, "extract")
    result = run_l10n(project, "update", "--lang", "fr")
    assert "1 fuzzy" in result.output
    merged = entries(po)
    edited = merged["The Summit was held in Doha from 4 to 6 November 2025, in Qatar."]
    assert edited.fuzzy and edited.msgstr == "FR The Summit was held in Doha from 4 to 6 November 2025."
    assert edited.previous_msgid == "The Summit was held in Doha from 4 to 6 November 2025."
    other = merged["It adopted the <em>Doha Political Declaration</em>."]
    assert not other.fuzzy and other.msgstr.startswith("FR ")  # the rest of the paragraph is untouched


def test_removed_sentence_becomes_obsolete_and_returns_translated(project):
    run_l10n(project, "extract")
    run_l10n(project, "update", "--lang", "fr")
    po = project / "po" / "fr" / "summit" / "page.po"
    translate_all(po, "FR ")
    page = project / "source" / "summit" / "page.html"
    sentence = "<p>Member States, civil society and the private sector took part.</p>\n"
    page.write_text(PAGE.replace(sentence, ""), "utf-8")
    run_l10n(project, "extract")
    assert "1 obsolete" in run_l10n(project, "update", "--lang", "fr").output
    gone = entries(po)["Member States, civil society and the private sector took part."]
    assert gone.obsolete and gone.msgstr.startswith("FR ")
    page.write_text(PAGE, "utf-8")
    run_l10n(project, "extract")
    assert "1 reused" in run_l10n(project, "update", "--lang", "fr").output
    back = entries(po)["Member States, civil society and the private sector took part."]
    assert not back.obsolete and not back.fuzzy and back.msgstr.startswith("FR ")


def test_merge_command_on_single_files(project, tmp_path):
    run_l10n(project, "extract")
    run_l10n(project, "update", "--lang", "fr")
    po = project / "po" / "fr" / "summit" / "page.po"
    translate_all(po, "FR ")
    out = tmp_path / "merged.po"
    result = run_l10n(project, "merge", str(po), str(project / "po" / "summit" / "page.pot"), "-o", str(out))
    assert "6 unchanged" in result.output
    assert out.read_bytes() == po.read_bytes()


def test_two_sources_that_would_share_a_template_are_refused(make_project):
    root = make_project({"source/a.md": "# A\n", "source/a.txt": "A text.\n"})
    result = CliRunner().invoke(cli, ["-C", str(root), "extract"])
    assert result.exit_code == 2
    assert "po/a.pot" in result.stderr and "rename one" in result.stderr
    assert not (root / "po").exists()


def test_non_utf8_source_gets_one_line_and_nothing_is_written(make_project):
    root = make_project({"source/good.txt": "A good text.\n"})
    (root / "source" / "bad.txt").write_bytes("Genève\n".encode("latin-1"))
    result = CliRunner().invoke(cli, ["-C", str(root), "extract"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"{root / 'source' / 'bad.txt'}:1: error: not valid UTF-8 (byte 0xe8); convert the file to UTF-8"]
    assert not (root / "po").exists()


def test_malformed_catalogue_stops_update_before_any_write(project):
    run_l10n(project, "extract")
    run_l10n(project, "update")
    broken = project / "po" / "zh" / "summit" / "page.po"
    broken.write_text(broken.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    (project / "source" / "statement.txt").write_text(TEXT + "\nA new paragraph.\n", "utf-8")
    run_l10n(project, "extract")
    before = {p: p.read_bytes() for p in (project / "po").rglob("*.po")}
    result = CliRunner().invoke(cli, ["-C", str(project), "update"])
    assert result.exit_code == 2 and "unterminated string" in result.stderr
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in (project / "po").rglob("*.po")} == before


@pytest.mark.parametrize("args,message", [
    (["update", "--lang", "de"], "--lang de is not one of the project's languages"),
    (["update", "--lang", "xx"], "unknown language code 'xx'"),
], ids=["not-configured", "unknown"])
def test_bad_language_is_one_clear_line(project, args, message):
    result = CliRunner().invoke(cli, ["-C", str(project), *args])
    assert result.exit_code == 2 and message in result.stderr


def test_missing_source_folder(make_project):
    root = make_project({})
    result = CliRunner().invoke(cli, ["-C", str(root), "extract"])
    assert result.exit_code == 2 and "source folder not found" in result.stderr


def test_second_writer_is_stopped_by_the_lock(project):
    from filelock import FileLock

    with FileLock(str(project / ".l10n.lock")):
        result = CliRunner().invoke(cli, ["-C", str(project), "update"])
    assert result.exit_code == 2 and "another l10n command" in result.stderr


def test_python_dash_m_runs_the_command_line(project):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "l10n", "-C", str(project), "extract"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "po/summit/page.pot" in done.stdout


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_extract_check_writes_nothing_and_fails_when_a_template_is_stale(project):
    """`extract --check` (CI, pre-commit): exit 0 when every template is current, exit 1 naming
    the template a source edit left stale, and no file written either way."""
    run_l10n(project, "extract")
    result = run_l10n(project, "extract", "--check")
    assert "(unchanged)" in result.output and "would be written" not in result.output
    page = project / "source" / "summit" / "page.html"
    page.write_text(PAGE.replace("took part.", "took part in Doha."), "utf-8")
    before = _tree(project)
    result = run_l10n(project, "extract", "--check", expect=1)
    assert "po/summit/page.pot: 6 entries (would be written)" in result.output
    assert "po/summit/note.pot" in result.output and "would be written" not in \
        [line for line in result.output.splitlines() if "note.pot" in line][0]
    assert _tree(project) == before
    run_l10n(project, "extract")
    run_l10n(project, "extract", "--check")


def test_a_template_whose_source_is_gone_is_reported_and_kept(project):
    """A removed or renamed source leaves its template and catalogues: extract says so and keeps
    them (their translations are a translator's work); --check fails on it."""
    run_l10n(project, "extract")
    run_l10n(project, "update")
    (project / "source" / "summit" / "note.md").rename(project / "source" / "summit" / "notes.md")
    result = run_l10n(project, "extract")
    assert ("po/summit/note.pot: no source document makes this template any more "
            "(removed or renamed?); it and its catalogues are kept") in result.output
    assert (project / "po" / "summit" / "note.pot").is_file()
    assert (project / "po" / "fr" / "summit" / "note.po").is_file()
    assert (project / "po" / "summit" / "notes.pot").is_file()
    check = run_l10n(project, "extract", "--check", expect=1)
    assert "po/summit/note.pot: no source document" in check.output
