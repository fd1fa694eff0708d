"""Writing TBX-Basic v3, and checking a TBX file against a RelaxNG schema.

Writing produces TBX-Basic v3 in DCA style, valid against the 2019 integrated RelaxNG schema:
concepts sorted by id, languages in alphabetical order of their codes (for the six official
languages: ar, en, es, fr, ru, zh), terms in status order (preferred, admitted, deprecated) and
otherwise as given; one element a line, two-space indent, UTF-8, final newline.
TBX-Basic has no data category for grammatical number, case sensitivity, do-not-translate or
per-language check eligibility, so these are written as ``<admin type="projectSubset">`` values
with an ``l10n:`` prefix (the schema's only open admin category that fits: each marks the term
or language section as a member of a named subset):

    l10n:case-sensitive, l10n:do-not-translate, l10n:number=<value>   (in termSec)
    l10n:no-check-as-source, l10n:no-check-as-target                   (in langSec)

``tbx2008_chunks`` writes the same content as TBX-Basic 2008 (ISO 30042:2008, ``<martif>``
without a namespace: termEntry, langSet, tig), for the tools that read only that version
(SDL MultiTerm, translate-toolkit, older Weblate); l10n reads it back to the same glossary.

The text is made a concept at a time (``tbx_chunks``): each concept becomes a small element
tree, is serialised and dropped, so writing needs memory for one concept, not for the whole
document as a tree and as one string (which cost some 25 times the file's size).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ...errors import InputError
from ..model import Concept, Glossary, Term, TermType
from .tbx import STATUS_ORDER, SUBSET, TBX_NS, WRITTEN_STATUS, XML_LANG
from ...util.xmlsafe import parse_file


INDENT = "  "
CONCEPT_LEVEL = 3  # tbx > text > body > conceptEntry
EMPTY_BODY = "<body/>"


def sorted_terms(terms: list[Term]) -> list[Term]:
    """Terms in status order (preferred, admitted, deprecated), otherwise as given."""
    return sorted(terms, key=lambda t: STATUS_ORDER[t.status])


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A child in the TBX namespace (the document's skeleton)."""
    return _child(parent, f"{{{TBX_NS}}}{tag}", text, attrs)


def _part(parent: etree._Element, tag: str, text: str | None = None,
          **attrs: str) -> etree._Element:
    """A child of a concept, without a namespace: concepts are serialised on their own and
    placed inside the root, whose default namespace (TBX's) they take."""
    return _child(parent, tag, text, attrs)


def _child(parent: etree._Element, tag: str, text: str | None, attrs: dict) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


# The element names of the two versions: TBX v3 (DCA style), and TBX 2008 (martif).
V3_NAMES = {"concept": "conceptEntry", "language": "langSec", "term": "termSec"}
TBX2008_NAMES = {"concept": "termEntry", "language": "langSet", "term": "tig"}


def _write_term(parent: etree._Element, term: Term, names: dict[str, str]) -> None:
    sec = _part(parent, names["term"])
    _part(sec, "term", term.text)
    _part(sec, "termNote", WRITTEN_STATUS[term.status], type="administrativeStatus")
    if term.type is not TermType.FULL_FORM:
        _part(sec, "termNote", term.type.value, type="termType")
    if term.part_of_speech:
        _part(sec, "termNote", term.part_of_speech, type="partOfSpeech")
    if term.gender:
        _part(sec, "termNote", term.gender, type="grammaticalGender")
    if term.source:
        _part(sec, "admin", term.source, type="source")
    if term.number:
        _part(sec, "admin", f"{SUBSET}number={term.number}", type="projectSubset")
    if term.case_sensitive:
        _part(sec, "admin", SUBSET + "case-sensitive", type="projectSubset")
    if term.do_not_translate:
        _part(sec, "admin", SUBSET + "do-not-translate", type="projectSubset")
    if term.note:
        _part(sec, "note", term.note)


def _concept_element(concept: Concept, names: dict[str, str] = V3_NAMES) -> etree._Element:
    entry = etree.Element(names["concept"], id=concept.id)
    if concept.domain:
        _part(entry, "descrip", concept.domain, type="subjectField")
    if concept.definition:
        _part(entry, "descrip", concept.definition, type="definition")
    if concept.note:
        _part(entry, "note", concept.note)
    for lang in sorted(concept.languages):
        section = concept.languages[lang]
        if not section.terms:
            continue
        sec = _part(entry, names["language"])
        sec.set(XML_LANG, lang.replace("_", "-"))
        if not section.check_as_source:
            _part(sec, "admin", SUBSET + "no-check-as-source", type="projectSubset")
        if not section.check_as_target:
            _part(sec, "admin", SUBSET + "no-check-as-target", type="projectSubset")
        for term in sorted_terms(section.terms):
            _write_term(sec, term, names)
    return entry


def _concept_text(concept: Concept, names: dict[str, str] = V3_NAMES) -> str:
    """One conceptEntry (termEntry) as written inside <body> (three levels deep), with its
    line end."""
    entry = _concept_element(concept, names)
    etree.indent(entry, space=INDENT, level=CONCEPT_LEVEL)
    return INDENT * CONCEPT_LEVEL + etree.tostring(entry, encoding="unicode") + "\n"


def _skeleton(glossary: Glossary) -> tuple[str, str]:
    """The document's text before its empty ``<body/>`` and after it."""
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, glossary.source_lang.replace("_", "-"))
    file_desc = _sub(_sub(root, "tbxHeader"), "fileDesc")
    if glossary.title:
        _sub(_sub(file_desc, "titleStmt"), "title", glossary.title)
    _sub(_sub(file_desc, "sourceDesc"), "p", "Written by l10n (TBX-Basic, DCA style).")
    _sub(_sub(root, "text"), "body")
    etree.indent(root, space=INDENT)
    text = etree.tostring(root, encoding="unicode")
    head, _, tail = text.partition(EMPTY_BODY)  # the title's "<" is escaped: one match
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + head, tail + "\n"


def _skeleton_2008(glossary: Glossary) -> tuple[str, str]:
    """The TBX-Basic 2008 document's text before its empty ``<body/>`` and after it."""
    root = etree.Element("martif", type="TBX-Basic")
    root.set(XML_LANG, glossary.source_lang.replace("_", "-"))
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    if glossary.title:
        _child(etree.SubElement(file_desc, "titleStmt"), "title", glossary.title, {})
    _child(etree.SubElement(file_desc, "sourceDesc"), "p", "Written by l10n (TBX-Basic 2008).", {})
    _child(etree.SubElement(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", {"type": "XCSURI"})
    etree.SubElement(etree.SubElement(root, "text"), "body")
    etree.indent(root, space=INDENT)
    text = etree.tostring(root, encoding="unicode")
    head, _, tail = text.partition(EMPTY_BODY)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + head, tail + "\n"


def tbx_chunks(glossary: Glossary, version: str = "3") -> Iterator[str]:
    """The glossary as TBX-Basic v3 (DCA) text, or TBX-Basic 2008 with ``version="2008"``,
    deterministic and diff-friendly, in pieces: the header, then one piece a concept (sorted
    by id), then the end of the document."""
    if version == "2008":
        (head, tail), names = _skeleton_2008(glossary), TBX2008_NAMES
    else:
        (head, tail), names = _skeleton(glossary), V3_NAMES
    yield head
    if not glossary.concepts:
        yield EMPTY_BODY + tail
        return
    yield "<body>\n"
    for concept_id in sorted(glossary.concepts):
        yield _concept_text(glossary.concepts[concept_id], names)
    yield INDENT * (CONCEPT_LEVEL - 1) + "</body>" + tail


def tbx2008_chunks(glossary: Glossary) -> Iterator[str]:
    """The glossary as TBX-Basic 2008 (martif) text, in pieces (see ``tbx_chunks``)."""
    return tbx_chunks(glossary, "2008")




def schema_errors(path: str | Path, schema: str | Path) -> list[tuple[int | None, str]]:
    """(line, message) for each way the TBX file breaks the RelaxNG schema; [] when valid."""
    try:
        relaxng = etree.RelaxNG(parse_file(schema).getroottree())
    except etree.RelaxNGParseError as exc:
        raise InputError(f"not a usable RelaxNG schema: {exc}", path=schema) from None
    document = parse_file(path).getroottree()
    if relaxng.validate(document):
        return []
    return [(entry.line or None, entry.message) for entry in relaxng.error_log]
