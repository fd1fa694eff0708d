"""Bad XLIFF input to ``l10n xliff import``: one line naming the file and line, exit 2, no
traceback, and no catalogue changed (nothing written at all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardening.harness import new_project, run_cli, snapshot
from xliff.test_import import CATALOGUE

GOOD_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="doc" source-language="en" target-language="fr" datatype="po">
    <body>
      <trans-unit id="a" approved="yes">
        <source>Member States took part.</source>
        <target state="translated">Changé.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
GOOD_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
  <file id="f1" original="doc">
    <unit id="a">
      <segment state="translated">
        <source>Member States took part.</source>
        <target>Changé.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
""" + GOOD_12.split("\n", 1)[1].replace("Changé.", "&c;")
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
""" + GOOD_12.split("\n", 1)[1].replace("Changé.", "&secret;")

# name -> (file content, the line the error must name, a word of the message)
CASES = {
    "malformed": (GOOD_12.replace("</target>", "</targt>"), 7, "not well-formed"),
    "truncated": (GOOD_20[:300], None, "not well-formed"),
    "entity-expansion": (LAUGHS, 3, "entity declarations"),
    "external-entity": (EXTERNAL, 3, "entity declarations"),
    "wrong-namespace": (GOOD_12.replace("urn:oasis:names:tc:xliff:document:1.2",
                                         "urn:example:xliff"), 2, "namespace"),
    "not-xliff": ('<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>\n', 2, "<tmx>"),
    "no-source-12": (GOOD_12.replace("<source>Member States took part.</source>", ""), 5,
                     "no <source>"),
    "no-source-20": (GOOD_20.replace("<source>Member States took part.</source>", ""), 5,
                     "without a <source>"),
    "unknown-target-language": (GOOD_12.replace('target-language="fr"', 'target-language="de"'),
                                3, "'de' is not one of the project's languages"),
    "target-is-source": (GOOD_20.replace('trgLang="fr"', 'trgLang="en"'), 2,
                         "not one of the project's languages to translate into"),
    "no-target-language": (GOOD_12.replace(' target-language="fr"', ""), 3, "no target language"),
    "source-language-mismatch-12": (GOOD_12.replace('source-language="en"',
                                                    'source-language="fr-FR"'), 3,
                                    "the project's is 'en'"),
    "source-language-mismatch-20": (GOOD_20.replace('srcLang="en"', 'srcLang="ar"'), 2,
                                    "the project's is 'en'"),
    "unknown-document": (GOOD_12.replace('original="doc"', 'original="../../etc/doc"'), 3,
                         "no catalogue"),
    "bad-data-ref": (GOOD_20.replace("<target>Changé.</target>",
                                     '<target>Changé <ph id="1" dataRef="d9"/></target>'), 7,
                     "originalData"),
}


@pytest.fixture
def project(tmp_path) -> Path:
    return new_project(tmp_path / "project", {"po/fr/doc.po": CATALOGUE},
                       languages='["en", "fr", "ar"]')


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_xliff_is_one_line_exit_2_and_nothing_changes(project, case, tmp_path):
    content, line, words = CASES[case]
    good = tmp_path / "good.xlf"  # a good file beside the bad one: not imported either
    good.write_text(GOOD_20, "utf-8")
    bad = tmp_path / f"{case}.xlf"
    bad.write_text(content, "utf-8")
    before = snapshot(project)
    outcome = run_cli(project, "xliff", "import", str(good), str(bad))
    assert outcome.code == 2, (outcome.stdout, outcome.stderr)
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, outcome.stderr
    where = f"{bad}:{line}: error: " if line else f"{bad}:"
    assert lines[0].startswith(where), lines[0]
    assert words in lines[0]
    assert "Traceback" not in outcome.stderr
    assert snapshot(project) == before


def test_the_good_files_alone_are_imported(project, tmp_path):
    """The control for the cases above: without the bad file, the good one changes the
    catalogue (fr-FR and the like name the project's language)."""
    good = tmp_path / "good.xlf"
    good.write_text(GOOD_12.replace('target-language="fr"', 'target-language="fr-FR"'), "utf-8")
    outcome = run_cli(project, "xliff", "import", "--overwrite", str(good))
    assert outcome.code == 0, outcome.stderr
    assert 'msgstr "Changé."' in (project / "po/fr/doc.po").read_text("utf-8")


@pytest.mark.parametrize("kind", ["missing", "folder", "empty"])
def test_a_file_that_cannot_be_read_is_one_line(project, tmp_path, kind):
    path = tmp_path / "x.xlf"
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    before = snapshot(project)
    outcome = run_cli(project, "xliff", "import", str(path))
    assert outcome.code == 2
    [line] = outcome.stderr.splitlines()
    assert line.startswith(f"{path}") and ": error: " in line
    assert snapshot(project) == before
