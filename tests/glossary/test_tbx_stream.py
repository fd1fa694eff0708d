"""TBX read as a stream: document order, the first title, error precedence, memory, GC state."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from l10n.errors import InputError
from l10n.glossary.model import Concept, Glossary, LanguageSection, Status, Term
from l10n.glossary.io.tbx import read_tbx
from l10n.glossary.store import dump_glossary
from l10n.util.xmlsafe import ENTITY_MESSAGE, XMLStream

DOCTYPE = '<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "never-fetched.dtd">\n'
ENTRY = ('<conceptEntry id="{id}"><langSec xml:lang="en"><termSec><term>{term}</term>'
         '</termSec></langSec></conceptEntry>')


def entry(concept_id: str, term: str = "Security Council") -> str:
    return ENTRY.format(id=concept_id, term=term)


def write(tmp_path: Path, text: str, name: str = "g.tbx") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_nested_concepts_are_read_in_document_order(tmp_path):
    path = write(tmp_path, '<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec>'
                           '<term>outer</term></termSec><termEntry><langSet xml:lang="fr"><tig>'
                           '<term>inner</term></tig></langSet></termEntry></langSec>'
                           '</conceptEntry><conceptEntry id="last"/></body></text></tbx>',
                 name="My Terms.tbx")
    glossary = read_tbx(path)
    assert list(glossary.concepts) == ["My-Terms-1", "My-Terms-2", "last"]  # start-tag order
    assert [t.text for t in glossary.concepts["My-Terms-2"].terms("fr")] == ["inner"]


@pytest.mark.parametrize("body, title", [
    ("<tbxHeader><title>Header</title></tbxHeader>" + entry("a"), "Header"),
    ("<title> </title><title>Second</title>", None),  # only the first title counts
    ("<title>Outer <title>inner</title>\n  end</title>", "Outer inner end"),
    ("<title>A " + entry("a", "x") + " B</title>", "A x B"),  # a concept inside is not freed
    (entry("a") + "<title>After</title>", "After"),
], ids=["header", "empty-first", "nested", "concept-inside", "after-concepts"])
def test_title_is_the_first_in_document_order(tmp_path, body, title):
    assert read_tbx(write(tmp_path, f"<tbx>{body}</tbx>")).title == title


@pytest.mark.parametrize("text, words, line", [
    ('<tbx><text><body>\n<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>a</term>'
     '<termNote type="administrativeStatus">favourite</termNote></termSec></langSec>'
     '</conceptEntry>\n\n<conceptEntry id="b">\n</body></text></tbx>',
     "not well-formed XML", 5),  # a syntax error further on beats the unknown status
    ('<html>\n<conceptEntry id="a"/>\n<p>\n</html>', "not well-formed XML", 4),
    ('<html>\n<conceptEntry id="a"/>\n</html>', "not a TBX file (root element <html>)", 1),
    (DOCTYPE + '<tbx><text><body>\n<conceptEntry id="a"><langSec><termSec><term>a</term>'
     '</termSec></langSec></conceptEntry>\n<p>&e;</p>\n</body></text></tbx>', ENTITY_MESSAGE, 5),
    (DOCTYPE + '<tbx><tbxHeader>\n<p>&e;</p></tbxHeader><text><body>\n' + entry("a")
     + '</body></text></tbx>', ENTITY_MESSAGE, 4),
    (DOCTYPE + '<tbx><text><body>\n' + entry("a") + '\n' + entry("b", "&e;")
     + '\n</body></text></tbx>', ENTITY_MESSAGE, 5),
    (DOCTYPE + '<tbx><text><body>\n' + entry("a") + '\n' + entry("b")
     + '\n&e;\n</body></text></tbx>', ENTITY_MESSAGE, 6),
    ('<tbx><text><body>\n' + entry("a", "&e;") + '</body></text></tbx>',
     "not well-formed XML: Entity 'e' not defined", 2),  # no DOCTYPE: no entity node can exist
    ("", "not well-formed XML: Document is empty", 1),  # the one-shot parser's wording
    ('<tbx><text><body>\n' + entry("a") + '\n' + entry("a") + '</body></text></tbx>',
     "concept id 'a' appears twice in this file", 3),
], ids=["syntax-beats-status", "syntax-beats-root", "root", "entity-beats-lang",
        "entity-in-header", "entity-in-concept", "entity-between-concepts",
        "entity-without-doctype", "empty", "duplicate-id"])
def test_errors_and_their_precedence(tmp_path, text, words, line):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_tbx(path)
    assert words in caught.value.message
    assert (caught.value.path, caught.value.line) == (str(path), line)


def test_the_stream_holds_only_what_is_being_read():
    body = "\n".join(entry(f"c{n}") for n in range(3000))
    stream = XMLStream(f"<tbx><text><body>\n{body}\n</body></text></tbx>".encode(), "g.tbx",
                       ["conceptEntry"])
    widest = 0
    for event, element in stream:
        if event == "end":
            widest = max(widest, len(element.getparent()))
            stream.release(element)
    # lxml parses ahead by one buffer (32 KiB, about 270 of these concepts), never the file
    assert widest < 600
    assert stream.root is not None and len(stream.root.find("text/body")) == 1


@pytest.mark.parametrize("enabled, text", [
    (True, "<tbx>" + entry("a") + "</tbx>"),
    (False, "<tbx>" + entry("a") + "</tbx>"),
    (True, "<tbx><conceptEntry id='a'><langSec/></conceptEntry></tbx>"),  # an InputError
], ids=["enabled", "disabled", "after-an-error"])
def test_the_cycle_collector_is_left_as_it_was(tmp_path, enabled, text):
    path = write(tmp_path, text)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        try:
            read_tbx(path)
        except InputError:
            pass
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_large_glossary_reads_back_as_written(tmp_path):
    glossary = Glossary(title="Large", source_lang="en")
    for n in range(4000):  # about 2 MB: many parser chunks, concepts cut across them
        concept = glossary.add(Concept(f"C{n:05d}", "body", note=f"note {n}"))
        for lang in ("ar", "en", "fr", "zh"):
            concept.languages[lang] = LanguageSection(lang, [
                Term(f"{lang} term {n}", source="https://example.org/x"),
                Term(f"{lang} old {n}", Status.DEPRECATED, note="superseded in 2020"),
            ])
    path = write(tmp_path, dump_glossary(glossary))
    assert read_tbx(path) == glossary


def test_a_tbx_glossary_may_exceed_the_limit_for_other_inputs(tmp_path, monkeypatch):
    """TBX is streamed, so a glossary the size of UNTERM is read; only the glossary limit
    (MAX_GLOSSARY_BYTES) refuses it. The limits are lowered here to keep the test small."""
    import l10n.util.fs as fsutil
    import l10n.util.xmlsafe as xmlsafe

    body = "".join(entry(f"c{n}", f"Committee number {n}") for n in range(400))
    path = write(tmp_path, f"<tbx><text><body>{body}</body></text></tbx>")
    size = path.stat().st_size
    monkeypatch.setattr(fsutil, "MAX_INPUT_BYTES", size // 4)
    with pytest.raises(InputError, match="file too large"):
        fsutil.read_bytes(path)  # any other input of this size is refused
    assert len(read_tbx(path).concepts) == 400
    monkeypatch.setattr(xmlsafe, "MAX_GLOSSARY_BYTES", size // 2)
    with pytest.raises(InputError, match=rf"the limit is {size // 2 // (1024 * 1024)} MiB"):
        read_tbx(path)


PROLOG_CASES = {
    "plain": b'<?xml version="1.0"?>\n<tbx><text/></tbx>',
    "external-dtd": DOCTYPE.encode() + b"<tbx/>",
    "entity-after-long-prolog": b'<?xml version="1.0"?>\n<!-- ' + b"x" * 300 + b' -->\n'
                                b'<!DOCTYPE tbx [\n<!ENTITY e "boom">\n]>\n<tbx>&e;</tbx>',
    "entity-late-in-subset": b'<!DOCTYPE tbx [\n' + b'<!ELEMENT a ANY>\n' * 40
                             + b'<!ENTITY e "x">\n]>\n<tbx/>',
    "bad-byte-late": b"<tbx>\n" + b"<p>fine</p>\n" * 50 + b"<p>\xff</p>\n</tbx>",
    "bad-byte-in-multibyte": "<tbx>\n<p>Комитет</p>\n".encode() * 20 + b"\xd0</tbx>",
    "latin-1": b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<tbx>caf\xe9</tbx>',
    "unknown-codec": b'<?xml version="1.0" encoding="x-nothing"?>\n<tbx/>',
    "utf-8-bom": b"\xef\xbb\xbf<!DOCTYPE tbx [<!ENTITY e 'x'>]><tbx/>",
    "utf-16": '<!DOCTYPE tbx [\n<!ENTITY e "x">\n]>\n<tbx/>'.encode("utf-16"),
    "prolog-only": b"<!-- " + b"y" * 100,
    "empty": b"",
}


def _outcome(check) -> tuple[str, int | None] | None:
    try:
        check()
    except InputError as error:
        return error.message, error.line
    return None


@pytest.mark.parametrize("name", sorted(PROLOG_CASES))
@pytest.mark.parametrize("block", [7, 16, 64, 1 << 16])
def test_the_prolog_check_reads_in_blocks_with_the_same_outcome(name, block):
    """The stream checks the DOCTYPE and the encoding a block at a time, without making the
    whole file one string (a large glossary would cost up to four times its size again), and
    finds exactly what the check of the whole text finds, at the same line."""
    import io

    from l10n.util.xmlsafe import check_doctype, check_document, decode_xml

    data = PROLOG_CASES[name]
    expected = _outcome(lambda: check_doctype(decode_xml(data, "g.tbx"), "g.tbx"))
    assert _outcome(lambda: check_document(data, "g.tbx", block)) == expected
    assert _outcome(lambda: check_document(io.BytesIO(data), "g.tbx", block)) == expected


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    """The stream reads the open file, not a copy: its size is checked when it is opened and
    again as it is read."""
    import l10n.util.xmlsafe as xmlsafe

    body = "".join(entry(f"c{n}") for n in range(2000))
    path = write(tmp_path, f"<tbx><text><body>{body}</body></text></tbx>")
    stream = xmlsafe.stream_file(path, ["conceptEntry"])  # opened within the limit
    monkeypatch.setattr(xmlsafe, "MAX_GLOSSARY_BYTES", path.stat().st_size // 2)  # "grown"
    with pytest.raises(InputError, match="file too large"):
        for _ in stream:
            pass


def test_a_large_bad_file_is_not_parsed_whole_to_word_its_error(tmp_path, monkeypatch):
    """A refused file is parsed once more in one go to word its error as parse_xml does, but
    not a file over MAX_INPUT_BYTES (its tree would cost some ten times its size): the
    stream's own error is reported, with its line."""
    import l10n.util.xmlsafe as xmlsafe

    body = "\n".join(entry(f"c{n}") for n in range(300))
    path = write(tmp_path, f"<tbx><text><body>\n{body}\n<broken></body></text></tbx>")
    monkeypatch.setattr(xmlsafe, "MAX_INPUT_BYTES", path.stat().st_size - 1)
    monkeypatch.setattr(xmlsafe, "parse_xml", lambda *args: pytest.fail("parsed whole"))
    with pytest.raises(InputError, match="not well-formed XML") as caught:
        read_tbx(path)
    assert caught.value.line == 302
