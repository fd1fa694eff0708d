"""``l10n xliff export`` and ``import`` on a project: translations come back, nothing is lost.

A conflict (the catalogue and the XLIFF both changed a translation since the export) keeps the
catalogue's translation unless --overwrite; a unit the catalogue does not have is reported,
not added; whatever is written passes msgfmt --check."""

from __future__ import annotations

from pathlib import Path

import pytest
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

#: source/doc.html:3
msgid "The <strong>Summit</strong> opened."
msgstr ""

#, fuzzy
#| msgid "The Summit closed."
msgid "The Summit closed on Friday."
msgstr "Le Sommet s’est clos."

#: source/doc.html:5
msgid "Member States took part."
msgstr "Les États Membres y ont pris part."

#, python-format
msgid "%(count)d delegations came."
msgstr ""

#, python-format
msgid "%(n)d session"
msgid_plural "%(n)d sessions"
msgstr[0] ""
msgstr[1] ""

#, python-format
msgid "One meeting"
msgid_plural "%(n)d meetings"
msgstr[0] ""
msgstr[1] ""

#~ msgid "Gone"
#~ msgstr "Parti"
'''
NS = {"1.2": "urn:oasis:names:tc:xliff:document:1.2", "2.0": "urn:oasis:names:tc:xliff:document:2.0"}
VERSIONS = ("1.2", "2.0")


@pytest.fixture
def project(tmp_path) -> Path:
    return new_project(tmp_path / "project", {"po/fr/doc.po": CATALOGUE, "po/ar/doc.po":
                                               CATALOGUE.replace("Language: fr", "Language: ar")},
                       languages='["en", "fr", "ar"]')


def export(project: Path, version: str) -> Path:
    outcome = run_cli(project, "xliff", "export", "--lang", "fr", "--version", version)
    assert outcome.code == 0, outcome.stderr
    return project / "xliff" / "fr" / "doc.xlf"


def units(root, version):
    """source text -> (unit element, target-holding element) of each translatable unit."""
    ns = NS[version]
    found = {}
    for source in root.iter(f"{{{ns}}}source"):
        holder = source.getparent()  # 1.2: trans-unit; 2.0: segment
        if holder.get("restype") or (holder.tag.endswith("alt-trans")):
            continue
        found["".join(source.itertext())] = holder
    return found


def set_target(path: Path, version: str, source: str, text: str, state: str | None = None):
    tree = etree.parse(str(path))
    holder = units(tree.getroot(), version)[source]
    ns = NS[version]
    target = holder.find(f"{{{ns}}}target")
    if target is None:
        target = etree.SubElement(holder, f"{{{ns}}}target")
        holder.find(f"{{{ns}}}source").addnext(target)
    for child in list(target):
        target.remove(child)
    target.text = text
    if version == "1.2":
        state = state or "translated"
        target.set("state", state)
        holder.set("approved", "yes" if state == "translated" else "no")
    else:
        holder.set("state", state or "translated")
        holder.attrib.pop("subState", None)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def entry(project: Path, msgid: str):
    return next(e for e in read_po(project / "po/fr/doc.po") if e.msgid == msgid)


@pytest.mark.parametrize("version", VERSIONS)
def test_an_unchanged_export_imports_as_no_change(project, version):
    before = snapshot(project / "po")
    path = export(project, version)
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0 and outcome.stderr == ""
    assert "(no change)" in outcome.stdout
    assert snapshot(project / "po") == before


@pytest.mark.parametrize("version", VERSIONS)
def test_translations_and_states_come_back(project, version):
    path = export(project, version)
    set_target(path, version, "The Summit opened.", "Le Sommet s’est ouvert.")  # codes lost
    set_target(path, version, "Member States took part.", "Les États Membres ont participé.",
               state="needs-review-translation" if version == "1.2" else "initial")
    set_target(path, version, "The Summit closed on Friday.", "Le Sommet s’est clos vendredi.")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0, outcome.stderr
    assert "3 updated" in outcome.stdout
    opened = entry(project, "The <strong>Summit</strong> opened.")
    assert opened.msgstr == "Le Sommet s’est ouvert." and not opened.fuzzy
    took_part = entry(project, "Member States took part.")
    assert took_part.fuzzy and took_part.msgstr == "Les États Membres ont participé."
    closed = entry(project, "The Summit closed on Friday.")  # a fuzzy entry accepted
    assert not closed.fuzzy and closed.previous_msgid is None
    assert closed.msgstr == "Le Sommet s’est clos vendredi."
    assert [e.msgid for e in read_po(project / "po/fr/doc.po") if e.obsolete] == ["Gone"]
    msgfmt_check(project / "po/fr/doc.po")
    assert (project / "po/ar/doc.po").read_text("utf-8") == CATALOGUE.replace(
        "Language: fr", "Language: ar")


def test_memoq_status_decides_where_memoq_writes_no_state(project):
    """memoQ's MQXLIFF carries its own status on each trans-unit and no XLIFF state: a
    segment the translator or a reviewer confirmed is a translation; one memoQ pre-translated
    from a memory (even at 100 %) or one only edited comes in fuzzy, whatever approved says."""
    path = export(project, "1.2")
    for source, text in (("The Summit opened.", "Le Sommet s’est ouvert."),
                         ("Member States took part.", "Les États Membres ont participé."),
                         ("The Summit closed on Friday.", "Le Sommet s’est clos vendredi.")):
        set_target(path, "1.2", source, text)
    tree = etree.parse(str(path))
    found = units(tree.getroot(), "1.2")
    statuses = {"The Summit opened.": "ManuallyConfirmed",
                "Member States took part.": "Pretranslated",
                "The Summit closed on Friday.": "PartiallyEdited"}
    for source, status in statuses.items():
        holder = found[source]
        holder.set("{MQXliff}status", status)
        holder.find(f"{{{NS['1.2']}}}target").attrib.pop("state")
    found["Member States took part."].set("{MQXliff}percent", "100")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0, outcome.stderr
    assert not entry(project, "The <strong>Summit</strong> opened.").fuzzy
    assert entry(project, "Member States took part.").fuzzy
    closed = entry(project, "The Summit closed on Friday.")
    assert closed.fuzzy and closed.msgstr == "Le Sommet s’est clos vendredi."
    msgfmt_check(project / "po/fr/doc.po")


@pytest.mark.parametrize("version", VERSIONS)
def test_inline_codes_come_back_as_the_source_markup(project, version):
    path = export(project, version)
    tree = etree.parse(str(path))
    holder = units(tree.getroot(), version)["The Summit opened."]
    ns = NS[version]
    target = etree.fromstring(etree.tostring(holder.find(f"{{{ns}}}source")))
    target.tag = f"{{{ns}}}target"
    code = target[0]
    target.text, code.text, code.tail = "Le ", "Sommet", " s’est ouvert."
    holder.find(f"{{{ns}}}source").addnext(target)
    if version == "1.2":
        holder.set("approved", "yes")
    else:
        holder.set("state", "translated")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    assert run_cli(project, "xliff", "import", str(path)).code == 0
    assert entry(project, "The <strong>Summit</strong> opened.").msgstr == (
        "Le <strong>Sommet</strong> s’est ouvert.")


@pytest.mark.parametrize("version", VERSIONS)
def test_a_conflict_keeps_the_catalogues_translation(project, version):
    path = export(project, version)
    catalogue = read_po(project / "po/fr/doc.po")
    next(e for e in catalogue if e.msgid == "Member States took part.").msgstr = "Revu dans le PO."
    write_po(catalogue, project / "po/fr/doc.po")
    set_target(path, version, "Member States took part.", "Revu dans l’outil de TAO.")
    set_target(path, version, "The Summit opened.", "Le Sommet s’est ouvert.")
    before = (project / "po/fr/doc.po").read_text("utf-8")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 1
    [line] = [line for line in outcome.stderr.splitlines() if "conflict" in line]
    assert line.startswith(f"{path}:") and ": warning: conflict:" in line
    assert entry(project, "Member States took part.").msgstr == "Revu dans le PO."
    assert entry(project, "The <strong>Summit</strong> opened.").msgstr == (
        "Le Sommet s’est ouvert.")  # the rest is imported
    assert "Revu dans le PO." in before
    outcome = run_cli(project, "xliff", "import", "--overwrite", str(path))
    assert outcome.code == 0 and "1 overwritten" in outcome.stdout
    assert entry(project, "Member States took part.").msgstr == "Revu dans l’outil de TAO."


@pytest.mark.parametrize("version", VERSIONS)
def test_a_newer_catalogue_translation_is_kept_without_a_conflict(project, version):
    path = export(project, version)
    catalogue = read_po(project / "po/fr/doc.po")
    next(e for e in catalogue if e.msgid == "Member States took part.").msgstr = "Revu."
    write_po(catalogue, project / "po/fr/doc.po")
    before = snapshot(project / "po")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0 and outcome.stderr == ""
    assert "1 kept" in outcome.stdout
    assert snapshot(project / "po") == before


@pytest.mark.parametrize("version", VERSIONS)
def test_a_foreign_file_never_replaces_a_translation_silently(project, version):
    """Without our fingerprint (a file from another tool), a different translation of an
    entry the catalogue has translated is a conflict; an empty one is filled."""
    path = export(project, version)
    path.write_bytes(path.read_bytes().replace(b"x-l10n-exported", b"x-other")
                     .replace(b'type="exported"', b'type="other"'))
    set_target(path, version, "Member States took part.", "Autre.")
    set_target(path, version, "The Summit opened.", "Le Sommet s’est ouvert.")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 1 and "conflict" in outcome.stderr
    assert entry(project, "Member States took part.").msgstr == "Les États Membres y ont pris part."
    assert entry(project, "The <strong>Summit</strong> opened.").msgstr == "Le Sommet s’est ouvert."


@pytest.mark.parametrize("version", VERSIONS)
def test_unknown_units_are_reported_not_added(project, version):
    path = export(project, version)
    tree = etree.parse(str(path))
    ns = NS[version]
    holder = units(tree.getroot(), version)["Member States took part."]
    source = holder.find(f"{{{ns}}}source")
    source.text = "A sentence the catalogue does not have."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    set_target(path, version, "A sentence the catalogue does not have.", "Nouvelle.")
    before = snapshot(project / "po")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0
    [line] = outcome.stderr.splitlines()
    assert line.startswith(f"{path}:") and "is not in po/fr/doc.po; not added" in line
    assert "1 unknown" in outcome.stdout
    assert snapshot(project / "po") == before


@pytest.mark.parametrize("version", VERSIONS)
def test_a_translation_msgfmt_would_refuse_is_imported_fuzzy(project, version):
    path = export(project, version)
    set_target(path, version, "%(count)d delegations came.", "Des délégations sont venues.")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0
    assert "python-format" in outcome.stderr and "imported as fuzzy" in outcome.stderr
    came = entry(project, "%(count)d delegations came.")
    assert came.fuzzy and came.msgstr == "Des délégations sont venues."
    msgfmt_check(project / "po/fr/doc.po")


@pytest.mark.parametrize("version", VERSIONS)
def test_plural_forms_come_back(project, version):
    path = export(project, version)
    found = [source for source in units(etree.parse(str(path)).getroot(), version)
             if "session" in source]
    assert found == ["%(n)d session", "%(n)d sessions"]  # one unit per form
    set_target(path, version, "%(n)d session", "%(n)d séance")
    set_target(path, version, "%(n)d sessions", "%(n)d séances")
    assert run_cli(project, "xliff", "import", str(path)).code == 0
    sessions = entry(project, "%(n)d session")
    assert sessions.msgstr_plural == {0: "%(n)d séance", 1: "%(n)d séances"}
    assert not sessions.fuzzy
    msgfmt_check(project / "po/fr/doc.po")


def test_export_writes_one_file_per_document_and_language(project):
    out = str(project / "out")  # -o is relative to the working directory, as for merge -o
    outcome = run_cli(project, "xliff", "export", "--version", "2.0", "-o", out)
    assert outcome.code == 0, outcome.stderr
    assert sorted(p.relative_to(project / "out").as_posix()
                  for p in (project / "out").rglob("*.xlf")) == ["ar/doc.xlf", "fr/doc.xlf"]
    again = run_cli(project, "xliff", "export", "--version", "2.0", "-o", out)
    assert again.stdout.count("(unchanged)") == 2  # deterministic: nothing rewritten
    refused = run_cli(project, "xliff", "export", "-o", str(project / "po" / "x"))
    assert refused.code == 2 and "overlap" in refused.stderr


@pytest.mark.parametrize("version", VERSIONS)
def test_the_example_project_goes_out_and_back_unchanged(tmp_path, version):
    """Every catalogue of the example project, every language: export, import, and po/ is
    byte for byte as it was (nothing to import, nothing written)."""
    import shutil

    from xliff.xliff_support import REPO

    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root)
    shutil.copytree(REPO / "po", root / "po")
    before = snapshot(root / "po")
    out = tmp_path / "out"
    outcome = run_cli(root, "xliff", "export", "--version", version, "-o", str(out))
    assert outcome.code == 0, outcome.stderr
    files = sorted(out.rglob("*.xlf"))
    assert len(files) == len(list((root / "po").glob("*/**/*.po"))) == 20  # 4 documents x 5
    outcome = run_cli(root, "xliff", "import", *map(str, files))
    assert outcome.code == 0 and outcome.stderr == ""
    assert outcome.stdout.count("(no change)") == 20
    assert snapshot(root / "po") == before


@pytest.mark.parametrize("version", VERSIONS)
def test_a_plural_translated_in_part_is_imported_fuzzy(project, version):
    """msgfmt --check refuses a python-format plural entry with an empty form (found by
    Hypothesis): the forms are imported, fuzzy, with a warning."""
    path = export(project, version)
    set_target(path, version, "%(n)d session", "%(n)d séance")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0
    assert "not every plural form is translated; imported as fuzzy" in outcome.stderr
    sessions = entry(project, "%(n)d session")
    assert sessions.fuzzy and sessions.msgstr_plural == {0: "%(n)d séance", 1: ""}
    msgfmt_check(project / "po/fr/doc.po")


@pytest.mark.parametrize("version", VERSIONS)
def test_each_plural_form_is_checked_against_its_own_source(project, version):
    """msgstr[1] must have msgid_plural's directives, even where msgid has none: a form
    without them is imported fuzzy (found by Hypothesis)."""
    path = export(project, version)
    set_target(path, version, "One meeting", "Une réunion")
    set_target(path, version, "%(n)d meetings", "Des réunions")
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 0 and "imported as fuzzy" in outcome.stderr
    assert entry(project, "One meeting").fuzzy
    msgfmt_check(project / "po/fr/doc.po")
