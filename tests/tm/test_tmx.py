"""TMX 1.4b import (streamed, hostile XML refused) and export (valid, deterministic)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from l10n.errors import InputError
from l10n.tm.imports import import_files
from l10n.tm.memory import open_memory
from l10n.tm.tmx import TMXReader, tmx_chunks, write_tmx

DTD = Path(__file__).parent / "data" / "tmx14.dtd"

GOOD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="Trados" creationtoolversion="9" segtype="sentence" o-tmf="TW4Win"
        adminlang="en-US" srclang="en-US" datatype="html"/>
<body>
<tu changedate="20240102T030405Z">
  <prop type="x-document">A/79/1</prop>
  <tuv xml:lang="en-US"><seg>The <bpt i="1">&lt;b&gt;</bpt>General Assembly<ept i="1">&lt;/b&gt;</ept> met.</seg></tuv>
  <tuv xml:lang="fr-FR"><seg>L'<bpt i="1">&lt;b&gt;</bpt>Assemblée générale<ept i="1">&lt;/b&gt;</ept> s'est réunie.</seg></tuv>
  <tuv xml:lang="zh-CN"><seg>大会举行了会议。</seg></tuv>
  <tuv xml:lang="de-DE"><seg>Die Generalversammlung tagte.</seg></tuv>
</tu>
<tu srclang="es-419">
  <tuv xml:lang="es-419"><seg>Recordando la resolución A/RES/78/261.</seg></tuv>
  <tuv xml:lang="ru-RU" changedate="20250101T000000Z"><seg>Ссылаясь на резолюцию A/RES/78/261.</seg></tuv>
</tu>
<tu>
  <tuv xml:lang="EN"><seg>Only a source.</seg></tuv>
  <tuv xml:lang="ar"><seg></seg></tuv>
</tu>
<tu srclang="de">
  <tuv xml:lang="de"><seg>Nur Deutsch.</seg></tuv>
  <tuv xml:lang="fr"><seg>Seulement en allemand.</seg></tuv>
</tu>
</body>
</tmx>
"""


@pytest.fixture
def memory(memory_location):
    """A memory on each backend (SQLite, PostgreSQL: conftest.py)."""
    with open_memory(path=memory_location) as opened:
        yield opened


def write(tmp_path: Path, text: str, name: str = "in.tmx") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_import_maps_languages_and_keeps_inline_codes(tmp_path):
    reader = TMXReader(write(tmp_path, GOOD))
    units = list(reader)
    assert [(u.source_lang, u.target_lang) for u in units] == [("en", "fr"), ("en", "zh"),
                                                               ("es", "ru")]
    assert units[0].source == "The <b>General Assembly</b> met."
    assert units[0].target == "L'<b>Assemblée générale</b> s'est réunie."
    assert (units[0].document, units[0].changed) == ("A/79/1", "20240102T030405Z")
    assert units[2].changed == "20250101T000000Z"
    assert reader.skipped == {"de-DE": 1, "de": 1}
    assert reader.units == 4


def test_round_trip_is_valid_and_deterministic(tmp_path, memory):
    import_files(memory, [write(tmp_path, GOOD)])
    out = tmp_path / "out.tmx"
    write_tmx(memory.backend, out)
    document = etree.parse(str(out), etree.XMLParser(load_dtd=False, no_network=True))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    # one <tu> per source, with every language it has
    tus = document.findall(".//tu")
    assert len(tus) == 2
    langs = [[tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.findall("tuv")]
             for tu in tus]
    assert langs == [["en", "fr", "zh-Hans"], ["es", "ru"]]
    # read back: the same memory, and the same bytes again
    with open_memory(path=tmp_path / "again.sqlite") as again:
        import_files(again, [out])
        strip = lambda units: [u.__class__(**{**{f: getattr(u, f) for f in u.__slots__},
                                              "origin": ""}) for u in units]
        assert strip(again.backend.iterate()) == strip(memory.backend.iterate())
        assert "".join(tmx_chunks(again.backend)).replace(str(out), "in") == \
            "".join(tmx_chunks(memory.backend)).replace(str(tmp_path / "in.tmx"), "in")
    first = out.read_bytes()
    write_tmx(memory.backend, out)
    assert out.read_bytes() == first


def test_export_only_some_languages(tmp_path, memory):
    import_files(memory, [write(tmp_path, GOOD)])
    text = "".join(tmx_chunks(memory.backend, target_langs=["zh"]))
    assert 'xml:lang="zh-Hans"' in text and 'xml:lang="fr"' not in text
    assert 'xml:lang="ru"' not in text


BAD = {
    "billion laughs": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY a "aaaaaaaaaa">\n'
                       '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<tmx version="1.4"><header '
                       'srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu>'
                       '</body></tmx>', 3, "entity"),
    "external entity": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY x SYSTEM '
                        '"file:///etc/passwd">\n]>\n<tmx version="1.4"><header srclang="en"/>'
                        '<body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>',
                        3, "entity"),
    "parameter entity": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY % p SYSTEM '
                         '"file:///etc/passwd">\n%p;\n]>\n<tmx version="1.4"><header srclang="en"/>'
                         '<body/></tmx>', 3, "entity"),
    "namespace": ('<?xml version="1.0"?>\n<tmx xmlns="urn:example" version="1.4">\n<header '
                  'srclang="en"/><body/></tmx>', 2, "namespace"),
    "not tmx": ('<?xml version="1.0"?>\n<xliff version="1.2"/>', 2, "root element is <xliff>"),
    "no source": ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv xml:lang="fr">'
                  '<seg>Bonjour</seg></tuv>\n</tu>\n</body></tmx>', 4, "no <tuv> in that language"),
    "srclang mismatch": ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv '
                         'xml:lang="en"><seg>Hello</seg></tuv></tu>\n<tu srclang="ru">\n<tuv '
                         'xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour'
                         '</seg></tuv></tu></body></tmx>', 6, "srclang 'ru'"),
    "empty source": ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv xml:lang="en">'
                     '<seg/></tuv><tuv xml:lang="fr"><seg>Rien</seg></tuv></tu></body></tmx>', 4,
                     "source <seg> is empty"),
    "no seg": ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv xml:lang="en">'
               '</tuv></tu></body></tmx>', 5, "needs one <seg>"),
    "malformed": ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv xml:lang="en">'
                  '<seg>Hello</tuv></tu></body></tmx>', 5, "not well-formed"),
    "no tuv language": ('<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n<tuv>'
                        '<seg>Hello</seg></tuv></tu></body></tmx>', 5, "without xml:lang"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_tmx_is_one_error_at_its_line_and_the_memory_unchanged(tmp_path, memory, name):
    text, line, message = BAD[name]
    good, bad = write(tmp_path, GOOD, "good.tmx"), write(tmp_path, text, "bad.tmx")
    import_files(memory, [good])
    before = list(memory.backend.iterate())
    with pytest.raises(InputError) as caught:
        # the good file again, with a different origin: nothing of it may stay either
        import_files(memory, [write(tmp_path, GOOD, "good2.tmx"), bad])
    error = caught.value
    assert (error.path, error.line) == (str(bad), line), str(error)
    assert message in error.message
    assert list(memory.backend.iterate()) == before


def test_an_external_dtd_is_never_loaded(tmp_path, memory):
    """The usual TMX header names the DTD; it is not fetched (here it does not even exist,
    and a network URL would not be tried either)."""
    text = GOOD.replace('<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
                        '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">')
    [report] = import_files(memory, [write(tmp_path, text)])
    assert report.added == 3


def test_a_bad_tmx_through_the_command_line_is_one_line(tmp_path):
    from click.testing import CliRunner

    from l10n.cli import cli

    bad = write(tmp_path, BAD["no source"][0], "bad.tmx")
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "tm", "import", str(bad),
                                      "--memory", str(tmp_path / "tm.sqlite")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"{bad}:4: error: <tu> with srclang 'en' has no <tuv> in that language (it has fr)"]


def test_a_locked_memory_through_the_command_line_is_one_line(tmp_path):
    import sqlite3

    from click.testing import CliRunner

    from l10n.cli import cli

    path = tmp_path / "tm.sqlite"
    good = write(tmp_path, GOOD)
    runner = CliRunner()
    args = ["-C", str(tmp_path), "tm", "import", str(good), "--memory", str(path)]
    assert runner.invoke(cli, args).exit_code == 0
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        result = runner.invoke(cli, [*args, "--wait", "0"])
    finally:
        other.rollback()
        other.close()
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{path}: error: the translation memory is locked by another process; try again when "
        f"it is done"]
