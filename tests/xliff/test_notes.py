"""Notes a translator adds in a CAT tool come back on ``l10n xliff import``.

Each tool writes them its own way (XLIFF 1.2 ``<note>`` with or without ``from``,
``annotates``, ``priority``; 2.0 ``<notes><note>`` with or without ``category``; memoQ's
``<mq:comments>``; Trados's ``<sdl:cmt-defs>``). Every note but the developer's ``#.`` comment
we exported becomes a line of the entry's ``#`` translator comment: added once, after the
catalogue's own lines, which are never removed; importing the same file twice changes nothing
the second time. The files here are written by hand in each tool's style."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from hardening.harness import new_project, run_cli, snapshot
from l10n.catalog.po import read_po, write_po
from support import msgfmt_check

CATALOGUE = r'''msgid ""
msgstr ""
"Language: fr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

# Checked with the terminology section.
#. Title of the press release
#: source/doc.html:3
msgid "The Summit opened."
msgstr "Le Sommet s’est ouvert."

#: source/doc.html:5
msgid "Member States took part."
msgstr ""

#, python-format
msgid "%(n)d session"
msgid_plural "%(n)d sessions"
msgstr[0] ""
msgstr[1] ""
'''
NS = {"1.2": "urn:oasis:names:tc:xliff:document:1.2",
      "2.0": "urn:oasis:names:tc:xliff:document:2.0"}
VERSIONS = ("1.2", "2.0")


@pytest.fixture
def project(tmp_path) -> Path:
    return new_project(tmp_path / "project", {"po/fr/doc.po": CATALOGUE})


def entry(project: Path, msgid: str):
    return next(e for e in read_po(project / "po/fr/doc.po") if e.msgid == msgid)


def xliff_12(units: str, head: str = "", namespaces: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
            f'xmlns="{NS["1.2"]}"{namespaces}>\n{head}<file original="doc" '
            'source-language="en-US" target-language="fr-FR" datatype="po">\n<body>\n'
            f'{units}</body>\n</file>\n</xliff>\n')


def xliff_20(units: str, namespaces: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="{NS["2.0"]}"'
            f' srcLang="en" trgLang="fr"{namespaces}>\n<file id="f1" original="doc">\n'
            f'{units}</file>\n</xliff>\n')


def import_twice(project: Path, path: Path, *args: str):
    """Import ``path``; then import it again, which must leave po/ byte for byte as is."""
    first = run_cli(project, "xliff", "import", *args, str(path))
    assert first.code == 0, first.stderr
    after = snapshot(project / "po")
    again = run_cli(project, "xliff", "import", *args, str(path))
    assert again.code == 0 and again.stderr == ""
    assert "(no change)" in again.stdout and "notes added" not in again.stdout
    assert snapshot(project / "po") == after
    msgfmt_check(project / "po/fr/doc.po")
    return first


def test_xliff_12_notes_of_every_style(project, tmp_path):
    """OmegaT and Okapi write a bare <note>, memoQ and Trados one from a person, with
    annotates and priority; ours come back as they left."""
    path = tmp_path / "from-cat.xlf"
    path.write_text(xliff_12('''<trans-unit id="1" approved="yes">
  <source>The Summit opened.</source>
  <target state="translated">Le Sommet s’est ouvert.</target>
  <note>Bare note, as OmegaT writes it.</note>
  <note from="Anna Petrova" priority="2" annotates="target">Capital S in "Sommet"?</note>
  <note annotates="source">Source note.</note>
  <note from="developer">Title of the press release</note>
  <note from="developer">A developer note we did not write.</note>
  <note from="po-translator">Checked with the terminology section.</note>
  <alt-trans><target>Le Sommet a ouvert.</target><note>A suggestion's note.</note></alt-trans>
</trans-unit>
<trans-unit id="2">
  <source>Member States took part.</source>
  <target state="translated">Les États Membres y ont pris part.</target>
  <note from="reviewer">Agreed with the
     terminology section.
  </note>
</trans-unit>
'''), "utf-8")
    outcome = import_twice(project, path)
    assert "1 updated" in outcome.stdout and "2 with notes added" in outcome.stdout
    opened = entry(project, "The Summit opened.")
    assert opened.tcomment == ("Checked with the terminology section.\n"
                               "Bare note, as OmegaT writes it.\n"
                               'Capital S in "Sommet"?\n'
                               "Source note.")
    assert opened.comment == "Title of the press release"  # #. is the source's, untouched
    took_part = entry(project, "Member States took part.")
    assert took_part.tcomment == "Agreed with the\nterminology section."
    assert took_part.msgstr == "Les États Membres y ont pris part."


def test_xliff_20_notes_of_every_style(project, tmp_path):
    """No category, translator, another category, appliesTo, priority, ids, and the extension
    attributes and metadata a CAT tool adds (memoQ's, Trados's); the developer's is ours."""
    path = tmp_path / "from-cat.xlf"
    path.write_text(xliff_20('''<unit id="u1" mq:status="Confirmed">
  <mda:metadata><mda:metaGroup category="memoQ"><mda:meta type="author">anna</mda:meta>
  </mda:metaGroup></mda:metadata>
  <notes>
    <note>No category.</note>
    <note category="translator" appliesTo="target" priority="1" id="n1">Translator's.</note>
    <note category="reviewer" sdl:origin="review">Reviewer's.</note>
    <note category="developer">Title of the press release</note>
  </notes>
  <segment state="translated">
    <source>The Summit opened.</source>
    <target>Le Sommet s’est ouvert.</target>
  </segment>
</unit>
<unit id="u2">
  <notes><note category="translator">Checked with the terminology section.</note></notes>
  <segment state="final">
    <source>Member States took part.</source>
    <target>Les États Membres y ont pris part.</target>
  </segment>
</unit>
''', ' xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" xmlns:mq="urn:x-memoq"'
     ' xmlns:sdl="urn:x-trados"'), "utf-8")
    outcome = import_twice(project, path)
    assert "1 updated" in outcome.stdout and "2 with notes added" in outcome.stdout
    opened = entry(project, "The Summit opened.")
    assert opened.tcomment == ("Checked with the terminology section.\nNo category.\n"
                               "Translator's.\nReviewer's.")
    assert opened.comment == "Title of the press release"
    took_part = entry(project, "Member States took part.")
    assert took_part.tcomment == "Checked with the terminology section."
    assert not took_part.fuzzy


def test_memoq_comments(project, tmp_path):
    """memoQ's MQXLIFF keeps its comments in <mq:comments>; a deleted one stays out."""
    path = tmp_path / "doc.mqxliff"
    path.write_text(xliff_12('''<trans-unit id="1" mq:status="ManuallyConfirmed">
  <source>Member States took part.</source>
  <target>Les États Membres y ont pris part.</target>
  <mq:comments>
    <mq:comment id="c1" creatoruser="anna" deleted="false" appliesto="Target"
      >memoQ comment.</mq:comment>
    <mq:comment id="c2" creatoruser="anna" deleted="true">Withdrawn.</mq:comment>
  </mq:comments>
</trans-unit>
''', namespaces=' xmlns:mq="MQXliff"'), "utf-8")
    import_twice(project, path)
    took_part = entry(project, "Member States took part.")
    assert took_part.tcomment == "memoQ comment."
    assert not took_part.fuzzy  # confirmed by the translator in memoQ (its mq:status)


def test_trados_comments(project, tmp_path):
    """Trados's SDLXLIFF defines comments once per document and marks the text they are on."""
    path = tmp_path / "doc.sdlxliff"
    head = '''<doc-info xmlns="http://sdl.com/FileTypes/SdlXliff/1.0"><cmt-defs>
  <cmt-def id="c1"><Comments><Comment severity="Medium" user="anna">Trados comment.</Comment>
  <Comment severity="Low" user="ben">A reply.</Comment></Comments></cmt-def>
  <cmt-def id="c2"><Comments><Comment user="ben">Not on this document's units.</Comment>
  </Comments></cmt-def>
</cmt-defs></doc-info>
'''
    path.write_text(xliff_12('''<trans-unit id="1" approved="yes">
  <source>Member States took part.</source>
  <target><mrk mtype="x-sdl-comment" sdl:cmt="c1">Les États Membres</mrk> y ont pris part.</target>
</trans-unit>
''', head=head, namespaces=' xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"'), "utf-8")
    import_twice(project, path)
    took_part = entry(project, "Member States took part.")
    assert took_part.tcomment == "Trados comment.\nA reply."
    assert took_part.msgstr == "Les États Membres y ont pris part."


def test_notes_that_need_care_in_a_po_file(project, tmp_path):
    """Quotes, backslashes (one ends a line, which gettext would read as continued), line
    breaks of every kind, and lines that look like other comments: one comment line each,
    written as msgfmt --check wants, read back the same."""
    path = tmp_path / "from-cat.xlf"
    text = ('He said "no" &amp; left.\nC:\\dir\\file and a final \\\r\nCR alone&#13;'
            'next\tline\u2028after a line separator\n, fuzzy\n: source/x.html:1\n. dot\n'
            '| msgid "x"\n~ tilde\n#hash\n  \n&lt;b&gt;markup&lt;/b&gt;')
    path.write_text(xliff_12(f'''<trans-unit id="1">
  <source>Member States took part.</source>
  <note>{text}</note>
</trans-unit>
'''), "utf-8")
    import_twice(project, path)
    took_part = entry(project, "Member States took part.")
    assert took_part.tcomment.split("\n") == [
        'He said "no" & left.', "C:\\dir\\file and a final \\", "CR alone", "next\tline",
        "after a line separator", ", fuzzy", ": source/x.html:1", ". dot", '| msgid "x"',
        "~ tilde", "#hash", "<b>markup</b>"]
    assert took_part.msgstr == "" and not took_part.fuzzy
    written = (project / "po/fr/doc.po").read_text("utf-8")
    assert "# C:\\dir\\file and a final \\ \n" in written


@pytest.mark.parametrize("version", VERSIONS)
def test_notes_already_in_the_catalogue_leave_it_byte_identical(project, tmp_path, version):
    """A tool that indents and re-wraps notes, repeats them, or splits one in two: every line
    is already in the catalogue's comment, so nothing is written."""
    path = tmp_path / "from-cat.xlf"
    if version == "1.2":
        path.write_text(xliff_12('''<trans-unit id="1" approved="yes">
  <source>The Summit opened.</source>
  <target state="translated">Le Sommet s’est ouvert.</target>
  <note from="po-translator">
      Checked with the terminology section.
  </note>
  <note>Checked with the terminology section.</note>
  <note from="developer">Something else entirely.</note>
</trans-unit>
'''), "utf-8")
    else:
        path.write_text(xliff_20('''<unit id="u1"><notes>
  <note category="translator">   Checked with the terminology section.   </note>
  <note>Checked with the terminology section.</note>
  <note category="developer">Something else entirely.</note></notes>
  <segment state="translated"><source>The Summit opened.</source>
  <target>Le Sommet s’est ouvert.</target></segment>
</unit>
'''), "utf-8")
    before = snapshot(project / "po")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0 and outcome.stderr == ""
    assert "nothing to import" not in outcome.stdout and "(no change)" in outcome.stdout
    assert snapshot(project / "po") == before


def _add_note(path: Path, version: str, source: str, text: str) -> None:
    """Add a translator's note to the unit of ``source`` in an exported file, as a CAT tool
    does (1.2: a <note> on the trans-unit; 2.0: a <note> in the unit's <notes>)."""
    tree = etree.parse(str(path))
    ns = NS[version]
    element = next(e for e in tree.getroot().iter(f"{{{ns}}}source")
                   if "".join(e.itertext()) == source and not e.getparent().tag.endswith(
                       "alt-trans"))
    unit = element.getparent() if version == "1.2" else element.getparent().getparent()
    if version == "1.2":
        etree.SubElement(unit, f"{{{ns}}}note", {"from": "translator"}).text = text
    else:
        notes = unit.find(f"{{{ns}}}notes")
        if notes is None:
            notes = etree.Element(f"{{{ns}}}notes")
            position = next(i for i, child in enumerate(unit)
                            if etree.QName(child).localname in ("segment", "originalData"))
            unit.insert(position, notes)
        etree.SubElement(notes, f"{{{ns}}}note").text = text
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _export(project: Path, version: str) -> Path:
    outcome = run_cli(project, "xliff", "export", "--lang", "fr", "--version", version)
    assert outcome.code == 0, outcome.stderr
    return project / "xliff" / "fr" / "doc.xlf"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_note_added_to_an_exported_file_is_a_change_not_a_conflict(project, version):
    """A note is the only change: the entry is changed (not 'unchanged'). Its comment was
    edited in the catalogue meanwhile: both kept, no conflict. A plural form's unit's note
    is the plural entry's."""
    path = _export(project, version)
    assert run_cli(project, "xliff", "import", str(path)).stdout.endswith("(no change)\n")
    _add_note(path, version, "The Summit opened.", "Asked the focal point.")
    _add_note(path, version, "%(n)d sessions", "Plural checked.")
    catalogue = read_po(project / "po/fr/doc.po")
    opened = next(e for e in catalogue if e.msgid == "The Summit opened.")
    opened.tcomment += "\nReviewed in Poedit."
    write_po(catalogue, project / "po/fr/doc.po")
    outcome = import_twice(project, path)
    assert outcome.stdout == "po/fr/doc.po: 1 unchanged, 2 with notes added (written)\n"
    assert outcome.stderr == ""  # the untranslated entry is the one unchanged
    assert entry(project, "The Summit opened.").tcomment == (
        "Checked with the terminology section.\nReviewed in Poedit.\nAsked the focal point.")
    assert entry(project, "%(n)d session").tcomment == "Plural checked."


@pytest.mark.parametrize("version", VERSIONS)
def test_a_translation_conflict_keeps_the_translation_and_takes_the_note(project, version):
    """The translation changed on both sides: a conflict, the catalogue's translation kept;
    the translator's note, which loses nothing, comes in all the same."""
    path = _export(project, version)
    catalogue = read_po(project / "po/fr/doc.po")
    next(e for e in catalogue if e.msgid == "The Summit opened.").msgstr = "Revu dans le PO."
    write_po(catalogue, project / "po/fr/doc.po")
    tree = etree.parse(str(path))
    ns = NS[version]
    for target in tree.getroot().iter(f"{{{ns}}}target"):
        if target.text == "Le Sommet s’est ouvert.":
            target.text = "Revu dans l’outil."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    _add_note(path, version, "The Summit opened.", "Why I changed it.")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 1 and "conflict" in outcome.stderr
    opened = entry(project, "The Summit opened.")
    assert opened.msgstr == "Revu dans le PO."
    assert opened.tcomment == "Checked with the terminology section.\nWhy I changed it."
    msgfmt_check(project / "po/fr/doc.po")


# Pieces of notes and comments that trouble a PO writer: quotes, backslashes (at a line's end
# too), every kind of line break, white space at the ends, what starts other comments.
PIECES = ['"', "\\", "\n", "\r", "\r\n", " ", "  ", "\t", "\x85", "\u2028", "#", ",", ":",
          "|", "~", ".", "&", "<b>", "é", "中文", "word"]
NOTE = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
COMMENT = st.lists(st.sampled_from([p for p in PIECES if p not in ("\r", "\r\n")]),
                   max_size=10).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(VERSIONS), st.data())
def test_any_notes_come_in_once_and_keep_the_catalogues_comments(version, data):
    """Random comments in the catalogue: its own export imports as no change. Random notes
    on any unit (plural forms' too): the catalogue's comment stays as it was at the head of
    the entry's comment, every note line is in it, msgfmt --check accepts the file, and
    importing again changes nothing."""
    import copy
    import tempfile

    from l10n.catalog.po import format_po, parse_po
    from l10n.util.xmlsafe import parse_xml
    from l10n.xliff.convert import catalogue_to_xliff, note_lines, read_xliff
    from l10n.xliff.exchange import ImportReport, merge_document

    catalogue = parse_po(CATALOGUE.encode("utf-8"), "doc.po")
    for item in catalogue:
        item.tcomment = data.draw(COMMENT)
    catalogue = parse_po(format_po(catalogue).encode("utf-8"), "doc.po")  # as read from disk
    root = etree.fromstring(catalogue_to_xliff(catalogue, version=version, original="doc",
                                               source_lang="en", target_lang="fr"))
    ns = NS[version]
    [plain] = read_xliff(root, "doc.xlf")
    unchanged = copy.deepcopy(catalogue)
    merge_document(plain, unchanged, ImportReport(Path("doc.po"), "doc.po"))
    assert format_po(unchanged) == format_po(catalogue)
    for unit in root.iter(f"{{{ns}}}trans-unit", f"{{{ns}}}unit"):
        if unit.get("id") == "header":
            continue
        for text in data.draw(st.lists(NOTE, max_size=2)):
            if version == "1.2":
                etree.SubElement(unit, f"{{{ns}}}note").text = text
            else:
                notes = unit.find(f"{{{ns}}}notes")
                if notes is None:
                    notes = etree.Element(f"{{{ns}}}notes")
                    unit.insert(0, notes)
                etree.SubElement(notes, f"{{{ns}}}note").text = text
    exported = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def merge(into):
        [document] = read_xliff(parse_xml(exported, "doc.xlf"), "doc.xlf")
        merge_document(document, into, ImportReport(Path("doc.po"), "doc.po"))
        return document, format_po(into)

    document, text = merge(copy.deepcopy(catalogue))
    merged = parse_po(text.encode("utf-8"), "doc.po")
    for before, after in zip(catalogue, merged):
        assert after.tcomment.startswith(before.tcomment)
    comments = {(e.msgctxt, e.msgid): set(note_lines([e.tcomment])) for e in merged}
    for unit in document.units:
        assert set(unit.notes) <= comments[(unit.entry.msgctxt, unit.entry.msgid)]
    assert merge(merged)[1] == text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.po"
        path.write_text(text, "utf-8")
        msgfmt_check(path)
