"""PO files into the memory: outside catalogues and the project's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.cli import cli
from l10n.errors import InputError
from l10n.tm.imports import import_files, po_date
from l10n.tm.memory import open_memory

HEADER = """msgid ""
msgstr ""
"PO-Revision-Date: 2025-11-04 10:30+0100\\n"
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

"""
ENTRIES = """msgid "The Summit opened."
msgstr "Le Sommet s'est ouvert."

#, fuzzy
msgid "A guess."
msgstr "Une supposition."

msgid "Not yet."
msgstr ""

msgctxt "button"
msgid "Close"
msgstr "Fermer"

msgid "One file"
msgid_plural "%d files"
msgstr[0] "Un fichier"
msgstr[1] "%d fichiers"

#~ msgid "Gone."
#~ msgstr "Parti."
"""


def catalogue(tmp_path: Path, lang: str = "fr_FR", name: str = "outside.po") -> Path:
    path = tmp_path / name
    path.write_text(HEADER.format(lang=lang) + ENTRIES, "utf-8")
    return path


def test_only_translated_entries_are_imported_in_their_context(tmp_path):
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        [report] = import_files(memory, [catalogue(tmp_path)])
        assert (report.read, report.added) == (2, 2)
        units = list(memory.backend.iterate())
    assert [(u.source, u.target, u.msgctxt, u.document) for u in units] == [
        ("Close", "Fermer", "button", "outside"),
        ("The Summit opened.", "Le Sommet s'est ouvert.", "", "outside")]
    assert units[1].previous == "" and units[1].next == "A guess."
    assert units[0].previous == "Not yet." and units[0].next == "One file"
    assert {u.changed for u in units} == {"20251104T093000Z"}
    assert {(u.source_lang, u.target_lang) for u in units} == {("en", "fr")}


def test_a_catalogue_in_another_language_is_an_error(tmp_path):
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        with pytest.raises(InputError, match="Language header says 'de'"):
            import_files(memory, [catalogue(tmp_path, "fr", "a.po"),
                                  catalogue(tmp_path, "de", "b.po")])
        assert memory.stats()["units"] == 0  # the good file is not kept either


def test_po_dates():
    assert po_date("2025-11-04 10:30+0100") == "20251104T093000Z"
    assert po_date("2025-11-04 00:00+0000") == "20251104T000000Z"
    assert po_date("YEAR-MO-DA HO:MI+ZONE") == ""


def test_the_project_catalogues_feed_the_memory(make_project):
    root = make_project({
        "source/a.txt": "The Summit opened.\n",
        "po/fr/a.po": HEADER.format(lang="fr") + ENTRIES,
        "po/zh/a.po": HEADER.format(lang="zh") + 'msgid "The Summit opened."\nmsgstr "首脑会议开幕。"\n',
    }, 'languages = ["en", "fr", "zh"]\ntm = "memory.sqlite"\n')
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(root), "tm", "import"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "po/fr/a.po: 2 translations read, 2 new",
        "po/zh/a.po: 1 translation read, 1 new",
        "memory: 3 units, 3 translations"]
    result = runner.invoke(cli, ["-C", str(root), "tm", "import"])
    assert "po/fr/a.po: unchanged since the last import" in result.output
    result = runner.invoke(cli, ["-C", str(root), "tm", "stats", "--format", "json"])
    assert '"en->zh": 1' in result.output and str(root / "memory.sqlite") in result.output


def test_a_corrected_translation_is_preferred_to_the_one_it_replaced(make_project):
    """The catalogue is corrected without a new PO-Revision-Date: both translations stay in
    the memory, the one imported last comes first."""
    root = make_project({"source/a.txt": "The Summit opened.\n",
                         "po/fr/a.po": HEADER.format(lang="fr") + ENTRIES},
                        'languages = ["en", "fr"]\ntm = "memory.sqlite"\n')
    runner = CliRunner()
    assert runner.invoke(cli, ["-C", str(root), "tm", "import"]).exit_code == 0
    po = root / "po" / "fr" / "a.po"
    po.write_text(po.read_text("utf-8").replace("Le Sommet s'est ouvert.",
                                                "Ouverture du Sommet."), "utf-8")
    assert runner.invoke(cli, ["-C", str(root), "tm", "import"]).exit_code == 0
    with open_memory(path=root / "memory.sqlite") as memory:
        matches = memory.lookup("The Summit opened.", "en", "fr")
    assert [m.target for m in matches] == ["Ouverture du Sommet.", "Le Sommet s'est ouvert."]
