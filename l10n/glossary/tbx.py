"""TBX glossary files: read TBX v3 (ISO 30042:2019) and TBX 2008 (martif); write TBX-Basic v3.

Reading accepts what other tools write: DCA-style TBX v3 (conceptEntry/langSec/termSec), the
older usageStatus/normativeAuthorization notes, DCT-style elements named after their data
category, and TBX 2008 as written by translate-toolkit, Weblate, memoQ and MultiTerm
(termEntry/langSet/tig or ntig/termGrp). Status values map onto the model (see STATUSES):
``standardizedTerm``, ``legalTerm`` and ``regulatedTerm`` count as admitted (acceptable, yet not
this project's choice); ``supersededTerm``, ``notRecommended`` and ``obsolete`` as deprecated.
A term with no status is preferred when its language section has no explicit preferred term
and it is the first such term there; any other untagged term is admitted.

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
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .model import Concept, Glossary, LanguageSection, Status, Term, TermType
from .xmlsafe import parse_file

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUBSET = "l10n:"
STATUS_ORDER = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}
STATUS_CATEGORIES = ("administrativeStatus", "usageStatus", "normativeAuthorization")
STATUSES = {
    **dict.fromkeys(("preferredterm-admn-sts", "preferred", "preferredterm"), Status.PREFERRED),
    **dict.fromkeys(("admittedterm-admn-sts", "admitted", "admittedterm",
                     "standardizedterm-admn-sts", "standardizedterm", "legalterm-admn-sts",
                     "legalterm", "regulatedterm-admn-sts", "regulatedterm"), Status.ADMITTED),
    **dict.fromkeys(("deprecatedterm-admn-sts", "deprecated", "deprecatedterm",
                     "supersededterm-admn-sts", "supersededterm", "notrecommended",
                     "obsolete"), Status.DEPRECATED),
}
WRITTEN_STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
TERM_TYPES = {t.value.lower(): t for t in TermType} | {
    "orthographicalvariant": TermType.VARIANT, "abbreviatedform": TermType.ABBREVIATION,
    "initialism": TermType.ABBREVIATION, "phraseologicalunit": TermType.PHRASE,
}
CONCEPT_TAGS = ("conceptEntry", "termEntry")
LANG_TAGS = ("langSec", "langSet")
TERM_TAGS = ("termSec", "tig", "ntig")


_LOCAL_NAMES: dict[str, str] = {}  # "{namespace}name" -> "name": a file has few distinct tags


def _local(element: etree._Element) -> str:
    """The element's name without its namespace ("" for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rpartition("}")[2]
    return name


def _text(element: etree._Element) -> str:
    """Element text; text laid out over several lines (pretty-printed files) is folded."""
    text = "".join(element.itertext())
    return " ".join(text.split()) if "\n" in text else text


def _category(element: etree._Element) -> tuple[str, str] | None:
    """(data category, value) of a termNote/descrip/admin (DCA) or a DCT-style element."""
    name = _local(element)
    if name in ("termNote", "descrip", "admin", "note"):
        return (element.get("type") or "note", _text(element).strip())
    if element.tag is etree.Comment or not name:
        return None
    return (name, _text(element).strip())


def _children(element: etree._Element, *groups: str) -> list[etree._Element]:
    """Direct children, looking through grouping elements such as termGrp or termNoteGrp."""
    found = []
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        if _local(child) in groups:
            found.extend(_children(child, *groups))
        else:
            found.append(child)
    return found


def _lang(element: etree._Element, path: Path) -> str:
    lang = element.get(XML_LANG) or element.get("lang")
    if not lang:
        raise InputError(f"<{_local(element)}> has no xml:lang", path=path, line=element.sourceline)
    return lang.replace("-", "_")


def _status(value: str, element: etree._Element, path: Path) -> Status:
    try:
        return STATUSES[value.strip().lower()]
    except KeyError:
        raise InputError(f"unknown term status {value!r}", path=path,
                         line=element.sourceline) from None


def _read_term(element: etree._Element, path: Path) -> tuple[Term, bool]:
    """One termSec/tig/ntig as a Term, and whether its status was given explicitly."""
    term_el = next((c for c in _children(element, "termGrp") if _local(c) == "term"), None)
    if term_el is None or not _text(term_el).strip():
        raise InputError("a term section without a term", path=path, line=element.sourceline)
    term = Term(_text(term_el), status=Status.ADMITTED)
    explicit, notes, sources = False, [], []
    for child in _children(element, "termGrp", "termNoteGrp", "adminGrp"):
        category = _category(child) if child is not term_el else None
        if category is None:
            continue
        kind, value = category
        if kind in STATUS_CATEGORIES:
            term.status, explicit = _status(value, child, path), True
        elif kind == "termType":
            term.type = TERM_TYPES.get(value.lower(), TermType.FULL_FORM)
        elif kind == "partOfSpeech":
            term.part_of_speech = value or None
        elif kind == "grammaticalGender":
            term.gender = value or None
        elif kind == "grammaticalNumber":
            term.number = value or None
        elif kind == "source" and value:
            sources.append(value)
        elif kind == "note" and value and value not in notes:
            notes.append(value)
        elif kind == "projectSubset":
            _apply_term_subset(term, value)
    term.note = "; ".join(notes) or None
    term.source = "; ".join(sources) or None
    return term, explicit


def _apply_term_subset(term: Term, value: str) -> None:
    if value == SUBSET + "case-sensitive":
        term.case_sensitive = True
    elif value == SUBSET + "do-not-translate":
        term.do_not_translate = True
    elif value.startswith(SUBSET + "number="):
        term.number = value.split("=", 1)[1] or None


def _read_section(element: etree._Element, lang: str, path: Path) -> tuple[LanguageSection, str | None]:
    """A langSec/langSet and the definition written at its level, if any."""
    section = LanguageSection(lang)
    pairs, definition = [], None
    for child in _children(element, "descripGrp", "adminGrp"):
        name = _local(child)
        if name in TERM_TAGS:
            pairs.append(_read_term(child, path))
            continue
        category = _category(child)
        if category == ("projectSubset", SUBSET + "no-check-as-source"):
            section.check_as_source = False
        elif category == ("projectSubset", SUBSET + "no-check-as-target"):
            section.check_as_target = False
        elif category and category[0] == "definition" and definition is None:
            definition = category[1] or None
    has_preferred = any(t.status is Status.PREFERRED for t, explicit in pairs if explicit)
    for term, explicit in pairs:
        if not explicit and not has_preferred:
            term.status, has_preferred = Status.PREFERRED, True
        section.terms.append(term)
    return section, definition


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "entry"
    return slug if re.match(r"[A-Za-z_]", slug) else "c" + slug


def _read_concept(element: etree._Element, number: int, path: Path, source_lang: str) -> Concept:
    concept = Concept(element.get("id") or f"{_slug(path.stem)}-{number}")
    definitions: dict[str, str] = {}
    dnt = False
    for child in _children(element, "descripGrp", "adminGrp"):
        name = _local(child)
        if name in LANG_TAGS:
            lang = _lang(child, path)
            section, definition = _read_section(child, lang, path)
            if definition:
                definitions.setdefault(lang, definition)
            if lang in concept.languages:
                concept.languages[lang].terms.extend(section.terms)
            else:
                concept.languages[lang] = section
            continue
        kind, value = _category(child) or ("", "")
        if kind == "subjectField" and value:
            concept.domain = concept.domain or value
        elif kind == "definition" and value:
            concept.definition = concept.definition or value
        elif kind in ("note", "usageNote", "Usage note") and value:
            concept.note = f"{concept.note}; {value}" if concept.note else value
        elif kind.lower() == "translation needed" and value.lower() == "no":
            dnt = True
    if concept.definition is None and definitions:
        concept.definition = definitions.get(source_lang) or definitions[sorted(definitions)[0]]
    if dnt:
        for section in concept.languages.values():
            for term in section.terms:
                term.do_not_translate = True
    return concept


def read_tbx(path: str | Path) -> Glossary:
    """Read a TBX v3 or TBX 2008 file into a Glossary (InputError with file and line if bad)."""
    path = Path(path)
    root = parse_file(path)
    if _local(root) not in ("tbx", "martif"):
        raise InputError(f"not a TBX file (root element <{_local(root)}>)", path=path,
                         line=root.sourceline)
    source_lang = (root.get(XML_LANG) or "en").replace("-", "_")
    glossary = Glossary(source_lang=source_lang)
    title = next((e for e in root.iter() if _local(e) == "title"), None)
    if title is not None and _text(title).strip():
        glossary.title = _text(title).strip()
    entries = list(root.iter(*(f"{{*}}{tag}" for tag in CONCEPT_TAGS)))  # any namespace or none
    for number, entry in enumerate(entries, 1):
        concept = _read_concept(entry, number, path, source_lang)
        if concept.id in glossary.concepts:
            raise InputError(f"concept id {concept.id!r} appears twice in this file", path=path,
                             line=entry.sourceline)
        glossary.add(concept)
    return glossary


def sorted_terms(terms: list[Term]) -> list[Term]:
    """Terms in status order (preferred, admitted, deprecated), otherwise as given."""
    return sorted(terms, key=lambda t: STATUS_ORDER[t.status])


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _write_term(parent: etree._Element, term: Term) -> None:
    sec = _sub(parent, "termSec")
    _sub(sec, "term", term.text)
    _sub(sec, "termNote", WRITTEN_STATUS[term.status], type="administrativeStatus")
    if term.type is not TermType.FULL_FORM:
        _sub(sec, "termNote", term.type.value, type="termType")
    if term.part_of_speech:
        _sub(sec, "termNote", term.part_of_speech, type="partOfSpeech")
    if term.gender:
        _sub(sec, "termNote", term.gender, type="grammaticalGender")
    if term.source:
        _sub(sec, "admin", term.source, type="source")
    if term.number:
        _sub(sec, "admin", f"{SUBSET}number={term.number}", type="projectSubset")
    if term.case_sensitive:
        _sub(sec, "admin", SUBSET + "case-sensitive", type="projectSubset")
    if term.do_not_translate:
        _sub(sec, "admin", SUBSET + "do-not-translate", type="projectSubset")
    if term.note:
        _sub(sec, "note", term.note)


def _write_concept(body: etree._Element, concept: Concept) -> None:
    entry = _sub(body, "conceptEntry", id=concept.id)
    if concept.domain:
        _sub(entry, "descrip", concept.domain, type="subjectField")
    if concept.definition:
        _sub(entry, "descrip", concept.definition, type="definition")
    if concept.note:
        _sub(entry, "note", concept.note)
    for lang in sorted(concept.languages):
        section = concept.languages[lang]
        if not section.terms:
            continue
        sec = _sub(entry, "langSec")
        sec.set(XML_LANG, lang.replace("_", "-"))
        if not section.check_as_source:
            _sub(sec, "admin", SUBSET + "no-check-as-source", type="projectSubset")
        if not section.check_as_target:
            _sub(sec, "admin", SUBSET + "no-check-as-target", type="projectSubset")
        for term in sorted_terms(section.terms):
            _write_term(sec, term)


def write_tbx(glossary: Glossary) -> str:
    """The glossary as TBX-Basic v3 (DCA) text, deterministic and diff-friendly."""
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, glossary.source_lang.replace("_", "-"))
    file_desc = _sub(_sub(root, "tbxHeader"), "fileDesc")
    if glossary.title:
        _sub(_sub(file_desc, "titleStmt"), "title", glossary.title)
    _sub(_sub(file_desc, "sourceDesc"), "p", "Written by l10n (TBX-Basic, DCA style).")
    body = _sub(_sub(root, "text"), "body")
    for concept_id in sorted(glossary.concepts):
        _write_concept(body, glossary.concepts[concept_id])
    etree.indent(root, space="  ")
    text = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


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
