"""`l10n pretranslate`: untranslated entries filled from the memory, never a translation lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.cli import cli
from support import msgfmt_check

SOURCE = ("The Summit opened in Doha. Thank you.\n\n"
          "The General Assembly adopted resolution A/RES/79/12 in 2024.\n\n"
          "The delegates discussed social development at length.\n\n"
          "Completely new sentence about fisheries.\n\n"
          "Already translated here.\n")
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><prop type="x-document">report</prop><prop type="x-context-next">Thank you.</prop>
<tuv xml:lang="en"><seg>The Summit opened in Doha.</seg></tuv>
<tuv xml:lang="fr"><seg>Le Sommet s'est ouvert à Doha.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>首脑会议在多哈开幕。</seg></tuv></tu>
<tu><prop type="x-document">other</prop>
<tuv xml:lang="en"><seg>Thank you.</seg></tuv>
<tuv xml:lang="fr"><seg>Merci.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The General Assembly adopted resolution A/RES/78/261 in 2023.</seg></tuv>
<tuv xml:lang="fr"><seg>L'Assemblée générale a adopté la résolution A/RES/78/261 en 2023.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>大会在2023年通过了第A/RES/78/261号决议。</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The delegates discussed social development.</seg></tuv>
<tuv xml:lang="fr"><seg>Les délégués ont débattu du développement social.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Already translated here.</seg></tuv>
<tuv xml:lang="fr"><seg>Traduction de la mémoire.</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def project(make_project, request) -> Path:
    """A project whose memory is its file tm.sqlite, or a PostgreSQL database (conftest.py)."""
    tm = "tm.sqlite" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    root = make_project({"source/report.txt": SOURCE, "memory.tmx": TMX},
                        f'languages = ["en", "fr", "zh"]\ntm = "{tm}"\n')
    runner = CliRunner()
    for args in (["extract"], ["update"], ["tm", "import", str(root / "memory.tmx")]):
        result = runner.invoke(cli, ["-C", str(root), *args])
        assert result.exit_code == 0, result.output
    path = root / "po" / "fr" / "report.po"
    catalogue = polib.pofile(str(path))
    catalogue.find("Already translated here.").msgstr = "La traduction du traducteur."
    catalogue.save(str(path))
    return root


def entries(root: Path, lang: str = "fr") -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(root / "po" / lang / "report.po"))}


def test_context_exact_placeable_and_fuzzy_matches(project):
    result = CliRunner().invoke(cli, ["-C", str(project), "pretranslate", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "po/fr/report.po: 1 context, 1 exact, 1 placeable, 1 fuzzy, 1 without a match"]
    found = entries(project)
    context = found["The Summit opened in Doha."]
    assert (context.msgstr, context.fuzzy, context.tcomment) == (
        "Le Sommet s'est ouvert à Doha.", False, "")
    exact = found["Thank you."]
    assert (exact.msgstr, exact.fuzzy, exact.previous_msgid) == ("Merci.", True, None)
    assert exact.tcomment.startswith("tm: 100% exact match, ")
    placeable = found["The General Assembly adopted resolution A/RES/79/12 in 2024."]
    assert placeable.fuzzy
    assert placeable.msgstr == "L'Assemblée générale a adopté la résolution A/RES/79/12 en 2024."
    assert placeable.previous_msgid == ("The General Assembly adopted resolution A/RES/78/261 "
                                        "in 2023.")
    assert placeable.tcomment.startswith("tm: 99% placeable match, ")
    fuzzy = found["The delegates discussed social development at length."]
    assert fuzzy.fuzzy and fuzzy.msgstr == "Les délégués ont débattu du développement social."
    assert fuzzy.previous_msgid == "The delegates discussed social development."
    assert fuzzy.tcomment.startswith("tm: 8") and "% fuzzy match, " in fuzzy.tcomment
    assert found["Completely new sentence about fisheries."].msgstr == ""
    # never a translation replaced
    assert found["Already translated here."].msgstr == "La traduction du traducteur."
    msgfmt_check(project / "po" / "fr" / "report.po")


def test_threshold_chinese_and_a_second_run(project):
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(project), "pretranslate", "--threshold", "95"])
    assert result.exit_code == 0, result.output
    found = entries(project)
    assert found["The delegates discussed social development at length."].msgstr == ""
    zh = entries(project, "zh")
    assert zh["The Summit opened in Doha."].msgstr == "首脑会议在多哈开幕。"
    assert not zh["The Summit opened in Doha."].fuzzy
    assert zh["The General Assembly adopted resolution A/RES/79/12 in 2024."].msgstr == \
        "大会在2024年通过了第A/RES/79/12号决议。"
    before = {lang: (project / "po" / lang / "report.po").read_bytes() for lang in ("fr", "zh")}
    result = runner.invoke(cli, ["-C", str(project), "pretranslate", "--threshold", "95"])
    assert result.exit_code == 0, result.output
    assert {lang: (project / "po" / lang / "report.po").read_bytes()
            for lang in ("fr", "zh")} == before
    for lang in ("fr", "zh"):
        msgfmt_check(project / "po" / lang / "report.po")


def test_the_same_input_gives_the_same_bytes(project, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    (copy / "tm.sqlite").unlink(missing_ok=True)  # (a database is the same for both)
    runner = CliRunner()
    assert runner.invoke(cli, ["-C", str(copy), "tm", "import",
                               str(copy / "memory.tmx")]).exit_code == 0
    for root in (project, copy):
        assert runner.invoke(cli, ["-C", str(root), "pretranslate"]).exit_code == 0
    for lang in ("fr", "zh"):
        first = (project / "po" / lang / "report.po").read_text("utf-8")
        second = (copy / "po" / lang / "report.po").read_text("utf-8")
        assert first == second


def test_dry_run_writes_nothing(project):
    before = (project / "po" / "fr" / "report.po").read_bytes()
    result = CliRunner().invoke(cli, ["-C", str(project), "pretranslate", "--dry-run"])
    assert result.exit_code == 0 and "1 context" in result.output
    assert (project / "po" / "fr" / "report.po").read_bytes() == before


def test_update_with_tm_pretranslates(project):
    (project / "source" / "report.txt").write_text(SOURCE + "\nThe Summit opened in Doha.\n",
                                                   "utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["-C", str(project), "extract"]).exit_code == 0
    result = runner.invoke(cli, ["-C", str(project), "update", "--tm", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "po/fr/report.po: 1 context, 1 exact, 1 placeable, 1 fuzzy" in result.output
    assert entries(project)["The Summit opened in Doha."].msgstr == "Le Sommet s'est ouvert à Doha."
    assert entries(project, "zh")["The Summit opened in Doha."].msgstr == ""  # --lang fr only


def test_a_context_match_that_msgfmt_would_refuse_is_taken_fuzzy(tmp_path):
    from l10n.tm.memory import open_memory
    from l10n.tm.model import TMUnit
    from l10n.tm.pretranslate import pretranslate_catalogue

    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="%d delegations attended.", msgstr="",
                                   flags=["c-format"]))
    catalogue.append(polib.POEntry(msgid="Welcome\n", msgstr=""))
    with open_memory(path=tmp_path / "tm.sqlite") as memory:
        memory.add([TMUnit("%d delegations attended.", "en", "fr", "Des délégations sont venues.",
                           "doc", "", "", "Welcome\n"),
                    TMUnit("Welcome\n", "en", "fr", "Bienvenue", "doc", "",
                           "%d delegations attended.", "")])
        counts = pretranslate_catalogue(catalogue, memory, source_lang="en", lang="fr",
                                        document="doc", threshold=75)
    assert counts == {"exact": 2}
    assert [entry.fuzzy for entry in catalogue] == [True, True]
    path = tmp_path / "out.po"
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.save(str(path))
    msgfmt_check(path)


def test_pretranslation_loads_no_tmx_reader():
    """Pre-translation reads catalogues and the memory, never a TMX file: the command's
    modules leave the TMX reader (and lxml, urllib behind its writer) unloaded."""
    import subprocess
    import sys

    code = ("import sys, l10n.tm.commands, l10n.tm.pretranslate; "
            "print(','.join(m for m in ('l10n.tm.tmx', 'lxml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
