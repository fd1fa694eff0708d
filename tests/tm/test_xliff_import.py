"""`l10n tm import` of XLIFF files: l10n's own exports and CAT tools' files, 1.2 and 2.0."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.cli import cli
from l10n.tm.imports import file_kind
from l10n.tm.memory import open_memory

SETTINGS = 'source-language = "en"\nlanguages = ["en", "fr", "ru"]\ntm = "tm.sqlite"\n'
SOURCE = ("# The Summit\n\nThe Summit opened in Doha on 4 November 2025.\n\n"
          "Delegates met in *plenary*.\n\nThe Summit closed.\n\nA sentence left to do.\n")


def run(root: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def project(make_project, monkeypatch) -> Path:
    """A document translated into French (one entry fuzzy, one untranslated) and Russian;
    the current folder (where the file names given to the commands are)."""
    root = make_project({"source/summit/news.md": SOURCE}, SETTINGS)
    monkeypatch.chdir(root)
    run(root, "extract")
    run(root, "update")
    french = {"The Summit": "Le Sommet",
              "The Summit opened in Doha on 4 November 2025.":
                  "Le Sommet s'est ouvert à Doha le 4 novembre 2025.",
              "Delegates met in *plenary*.": "Les délégués se sont réunis en *plénière*.",
              "The Summit closed.": "Le Sommet s'est clos."}
    russian = {"The Summit": "Саммит", "The Summit closed.": "Саммит закрылся."}
    for lang, table in (("fr", french), ("ru", russian)):
        path = root / "po" / lang / "summit" / "news.po"
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            entry.msgstr = table.get(entry.msgid, "")
            if lang == "fr" and entry.msgid == "The Summit closed.":
                entry.flags.append("fuzzy")
        catalogue.save()
    return root


def units(path: Path) -> list[tuple]:
    """The memory's units, without their origin (the file they came from)."""
    with open_memory(path=path) as memory:
        return [(u.source, u.source_lang, u.target_lang, u.target, u.document, u.msgctxt,
                 u.previous, u.next) for u in memory.backend.iterate()]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_exported_xliff_brings_what_the_catalogues_bring(project, version):
    """Every translated entry, in its document and between its neighbours, as importing the
    PO files gives; the fuzzy and the untranslated ones left out."""
    run(project, "xliff", "export", "--version", version, "-o", "out")
    files = sorted(path.relative_to(project).as_posix() for path in (project / "out").rglob("*.xlf"))
    assert len(files) == 2
    output = run(project, "tm", "import", "--memory", "from-xliff.sqlite", *files)
    assert "out/fr/summit/news.xlf: 3 translations read, 3 new" in output
    assert "out/ru/summit/news.xlf: 2 translations read, 2 new" in output
    run(project, "tm", "import")  # the project's catalogues, into tm.sqlite
    from_xliff = units(project / "from-xliff.sqlite")
    assert from_xliff == units(project / "tm.sqlite")
    assert ("Delegates met in *plenary*.", "en", "fr",
            "Les délégués se sont réunis en *plénière*.", "summit/news", "",
            "The Summit opened in Doha on 4 November 2025.", "The Summit closed.") in from_xliff
    assert not any(unit[0] == "The Summit closed." and unit[2] == "fr" for unit in from_xliff)


CAT_TOOL_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="C:\\Projects\\summit\\press.docx" source-language="en-US"
        target-language="{target}" datatype="x-docx">
    <body>
      <trans-unit id="1" approved="yes">
        <source>The <g id="1">Second</g> World Summit for Social Development</source>
        <target state="final">Le <g id="1">deuxième</g> Sommet mondial pour le
          développement social</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Draft only.</source>
        <target state="needs-review-translation">Brouillon seulement.</target>
      </trans-unit>
      <trans-unit id="3">
        <source>Signed off.</source>
        <target state="signed-off">Validé.</target>
      </trans-unit>
      <trans-unit id="4">
        <source>Not started.</source>
      </trans-unit>
      <trans-unit id="5">
        <source>No state at all.</source>
        <target>Aucun état.</target>
      </trans-unit>
      <trans-unit id="6" approved="no">
        <source>Not approved.</source>
        <target>Pas approuvé.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

CAT_TOOL_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="ru">
  <file id="f1" original="press.docx">
    <unit id="u1">
      <segment state="final">
        <source>The Summit opened.</source>
        <target>Саммит открылся.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment state="initial">
        <source>Not checked.</source>
        <target>Не проверено.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def test_a_cat_tools_xliff_brings_its_approved_units_only(project):
    """Trados- or memoQ-style files: region subtags (fr-FR), inline codes, the unit states
    a CAT tool writes; only what the translator finished comes in."""
    (project / "vendor.xlf").write_text(CAT_TOOL_12.format(target="fr-FR"), "utf-8")
    (project / "vendor-ru.xliff").write_text(CAT_TOOL_20, "utf-8")
    output = run(project, "tm", "import", "vendor.xlf", "vendor-ru.xliff")
    assert "vendor.xlf: 3 translations read, 3 new" in output
    assert "vendor-ru.xliff: 1 translation read, 1 new" in output
    found = {(unit[0], unit[2]): unit for unit in units(project / "tm.sqlite")}
    # a target with no state and no approved attribute is a translation (Xcode and Angular
    # write none; Weblate reads them so); approved="no" alone, or a draft state, is not
    assert set(found) == {("The Second World Summit for Social Development", "fr"),
                          ("Signed off.", "fr"), ("No state at all.", "fr"),
                          ("The Summit opened.", "ru")}
    assert found["The Summit opened.", "ru"][3:5] == ("Саммит открылся.", "press.docx")
    # the memory now fills a new catalogue from the vendor's work
    with open_memory(path=project / "tm.sqlite") as memory:
        [match] = memory.lookup("Signed off!", "en", "fr", limit=1)
    assert match.target == "Validé."


MQXLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
  <file original="briefing.docx" source-language="en-GB" target-language="fr-FR" datatype="x-docx">
    <body>
      <trans-unit id="1" mq:status="ManuallyConfirmed"><source>The Summit opened in Doha.</source><target>Le Sommet s'est ouvert à Doha.</target></trans-unit>
      <trans-unit id="2" mq:status="Pretranslated" mq:percent="100"><source>Delegates arrived.</source><target>Les délégués sont arrivés.</target></trans-unit>
      <trans-unit id="3" mq:status="PartiallyEdited"><source>Work went on late.</source><target>Le travail s'est</target></trans-unit>
      <trans-unit id="4" mq:status="MachineTranslated"><source>Ministers spoke.</source><target>Les ministres parlaient.</target></trans-unit>
      <trans-unit id="5" mq:status="Reviewer1Confirmed"><source>The Summit closed.</source><target>Le Sommet s'est clos.</target></trans-unit>
      <trans-unit id="6" mq:status="NotStarted"><source>Nothing yet.</source><target></target></trans-unit>
    </body>
  </file>
</xliff>
"""


def test_a_memoq_file_brings_what_a_translator_or_reviewer_confirmed(project):
    """memoQ writes no XLIFF state in MQXLIFF, its own status instead: without reading it,
    every target would count as a translation, memoQ's pre-translations from a memory or a
    machine and half-edited segments among them."""
    (project / "briefing.mqxliff").write_text(MQXLIFF, "utf-8")
    output = run(project, "tm", "import", "briefing.mqxliff")
    assert "briefing.mqxliff: 2 translations read, 2 new" in output
    found = [(unit[0], unit[3], unit[4]) for unit in units(project / "tm.sqlite")]
    assert found == [("The Summit closed.", "Le Sommet s'est clos.", "briefing.docx"),
                     ("The Summit opened in Doha.", "Le Sommet s'est ouvert à Doha.",
                      "briefing.docx")]


def _sdlxliff(embedded: int, units: int) -> str:
    """An SDLXLIFF-like file: the original document embedded in base64 (``embedded`` bytes)
    in its header, as Trados keeps it, and ``units`` translated units."""
    import base64

    original = base64.b64encode(bytes(range(256)) * (embedded // 192 + 1)).decode()[:embedded]
    body = "".join(f'<trans-unit id="u{n}" approved="yes"><source>Paragraph {n} of the '
                   f'report.</source><target>Paragraphe {n} du rapport.</target></trans-unit>\n'
                   for n in range(units))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
            f'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="report.docx" '
            f'source-language="en-US" target-language="fr-FR" datatype="x-sdlfilterframework2">'
            f'\n<header><reference><internal-file form="base64">{original}</internal-file>'
            f'</reference></header>\n<body>\n{body}</body>\n</file>\n</xliff>\n')


def test_an_embedded_document_longer_than_libxml2_lets_a_text_be_is_read(project):
    """Within the limit on input files, an embedded document of more than 10 MB is a text
    libxml2 refuses by default ("Text node too long"): the file is read all the same."""
    (project / "slides.sdlxliff").write_text(_sdlxliff(11 << 20, 3), "utf-8")
    assert "slides.sdlxliff: 3 translations read, 3 new" in run(
        project, "tm", "import", "slides.sdlxliff")


def test_an_xliff_file_over_the_size_limit_is_read_when_its_embedded_document_makes_it_so(
        project, monkeypatch):
    """Trados keeps the original document, in base64, in each SDLXLIFF: a file over the
    limit on input files (32 MiB; 1 MiB here) is read when what puts it over is that
    embedded document, dropped as it is read, however long; a file over the limit in its units is still
    refused in one line, exit 2, the memory unchanged."""
    from l10n.util import fs

    monkeypatch.setattr(fs, "MAX_INPUT_BYTES", 1 << 20)
    # over 10 MB: a text node libxml2 refuses unless told (XML_PARSE_HUGE)
    (project / "report.sdlxliff").write_text(_sdlxliff(11 << 20, 50), "utf-8")
    assert (project / "report.sdlxliff").stat().st_size > 11 << 20
    output = run(project, "tm", "import", "report.sdlxliff")
    assert "report.sdlxliff: 50 translations read, 50 new" in output
    found = {unit[0]: unit[3] for unit in units(project / "tm.sqlite")}
    assert found["Paragraph 7 of the report."] == "Paragraphe 7 du rapport."
    before = (project / "tm.sqlite").read_bytes()
    (project / "long.sdlxliff").write_text(_sdlxliff(100, 20_000), "utf-8")
    assert (project / "long.sdlxliff").stat().st_size > 1 << 20
    output = run(project, "tm", "import", "long.sdlxliff", code=2)
    assert output.strip().splitlines() == [
        "long.sdlxliff: error: file too large (the limit is 1 MiB, embedded files aside)"]
    assert (project / "tm.sqlite").read_bytes() == before


def test_an_xliff_file_is_told_by_its_root_element_whatever_its_name(tmp_path):
    named = {"a.xml": CAT_TOOL_20, "b.xml": '<?xml version="1.0"?>\n<!-- a memory -->\n<tmx '
             'version="1.4"><header/><body/></tmx>', "c.sdlxliff": "", "d.txt": "msgid \"\"\n"}
    kinds = {}
    for name, text in named.items():
        (tmp_path / name).write_text(text, "utf-8")
        kinds[name] = file_kind(tmp_path / name)
    assert kinds == {"a.xml": "xliff", "b.xml": "tmx", "c.sdlxliff": "xliff", "d.txt": "po"}


def test_a_target_language_comes_from_the_file_or_from_lang(project):
    (project / "vendor.xlf").write_text(
        CAT_TOOL_12.format(target="fr").replace(' target-language="fr"', ""), "utf-8")
    output = run(project, "tm", "import", "vendor.xlf", code=2)
    assert output.splitlines() == [
        "vendor.xlf:4: error: no target language (XLIFF 1.2: target-language on <file>; 2.0: "
        "trgLang on <xliff>): give --lang"]
    assert "3 translations read" in run(project, "tm", "import", "vendor.xlf", "--lang", "fr")


def test_a_file_in_another_language_is_skipped_and_counted(project):
    (project / "vendor.xlf").write_text(CAT_TOOL_12.format(target="de-DE"), "utf-8")
    output = run(project, "tm", "import", "vendor.xlf")
    assert "vendor.xlf: 0 translations read, 0 new; skipped, not one of the six languages: " \
           "3 de-DE" in output


@pytest.mark.parametrize("text, line, message", [
    ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<xliff version="1.2" '
     'xmlns="urn:oasis:names:tc:xliff:document:1.2"/>', 2,
     "entity declarations are not allowed in XLIFF files"),
    (CAT_TOOL_12.format(target="fr").replace("<source>Draft only.</source>", ""), 11,
     "<trans-unit id='2'> has no <source>"),
    (CAT_TOOL_12.format(target="fr")[:400], None, ""),
], ids=["entity", "no-source", "cut-short"])
def test_bad_xliff_is_one_line_and_the_memory_is_unchanged(project, text, line, message):
    (project / "good.tmx").write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv '
        'xml:lang="en"><seg>Kept.</seg></tuv><tuv xml:lang="fr"><seg>Gardé.</seg></tuv></tu>'
        '</body></tmx>\n', "utf-8")
    run(project, "tm", "import", "good.tmx")
    before = (project / "tm.sqlite").read_bytes()
    (project / "bad.xlf").write_text(text, "utf-8")
    output = run(project, "tm", "import", "good.tmx", "bad.xlf", code=2)
    [shown] = output.splitlines()
    assert shown.startswith("bad.xlf:") and ": error: " in shown and "Traceback" not in output
    if line is not None:
        assert shown == f"bad.xlf:{line}: error: {message}"
    assert (project / "tm.sqlite").read_bytes() == before


SEGMENTED_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr">
  <file id="f1" original="press.docx">
    <unit id="u1">
      <segment state="final"><source>The Summit opened.</source>
        <target>Le Sommet s'est ouvert.</target></segment>
      <ignorable><source> </source><target> </target></ignorable>
      <segment state="initial"><source>Draft sentence.</source>
        <target>Phrase en cours.</target></segment>
      <ignorable><source> </source><target> </target></ignorable>
      <segment state="reviewed"><source>It closed on 6 November.</source>
        <target>Il s'est clos le 6 novembre.</target></segment>
    </unit>
  </file>
</xliff>
"""

SDLXLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
  <file original="press.docx" source-language="en-US" target-language="fr-FR" datatype="x-sdlfilterframework2">
    <body>
      <trans-unit id="a1">
        <source>The Summit opened. Draft sentence.</source>
        <seg-source><mrk mtype="seg" mid="1">The Summit opened.</mrk> <mrk mtype="seg" mid="2">Draft sentence.</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">Le Sommet s'est ouvert.</mrk> <mrk mtype="seg" mid="2">Phrase en cours.</mrk></target>
        <sdl:seg-defs><sdl:seg id="1" conf="ApprovedTranslation"/><sdl:seg id="2" conf="Draft"/></sdl:seg-defs>
      </trans-unit>
      <trans-unit id="a0">
        <source>Alone.</source>
        <seg-source><mrk mtype="seg" mid="9">Alone.</mrk></seg-source>
        <target><mrk mtype="seg" mid="9">Seule.</mrk></target>
        <sdl:seg-defs><sdl:seg id="9" conf="Translated"/></sdl:seg-defs>
      </trans-unit>
      <trans-unit id="a2" approved="yes">
        <source>Delegates met. They agreed.</source>
        <seg-source><mrk mtype="seg" mid="3">Delegates met.</mrk> <mrk mtype="seg" mid="4">They agreed.</mrk></seg-source>
        <target><mrk mtype="seg" mid="3">Les délégués se sont réunis.</mrk> <mrk mtype="seg" mid="4">Ils se sont accordés.</mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


@pytest.mark.parametrize("name, text, expected", [
    ("segmented.xlf", SEGMENTED_20, [
        ("It closed on 6 November.", "Il s'est clos le 6 novembre.", "Draft sentence.", ""),
        ("The Summit opened.", "Le Sommet s'est ouvert.", "", "Draft sentence.")]),
    ("press.sdlxliff", SDLXLIFF, [
        ("Alone.", "Seule.", "Draft sentence.", "Delegates met."),
        ("Delegates met.", "Les délégués se sont réunis.", "Alone.", "They agreed."),
        ("The Summit opened.", "Le Sommet s'est ouvert.", "", "Draft sentence."),
        ("They agreed.", "Ils se sont accordés.", "Delegates met.", "")]),
], ids=["2.0-segments", "sdlxliff"])
def test_a_unit_cut_into_segments_gives_its_finished_sentences(project, name, text, expected):
    """A CAT tool cuts a paragraph into sentences: the memory gets each finished sentence
    (2.0: by each segment's state; Trados: by each segment's confirmation, else the unit's),
    between its neighbouring sentences (a draft one among them), not the paragraph; a draft
    sentence stays out."""
    (project / name).write_text(text, "utf-8")
    run(project, "tm", "import", name)
    found = [(unit[0], unit[3], unit[6], unit[7]) for unit in units(project / "tm.sqlite")]
    assert found == expected
