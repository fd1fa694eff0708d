"""TBX glossary files: read TBX v3 (ISO 30042:2019) and TBX 2008 (martif), and the names both
reading and writing use.

Reading accepts what other tools write: DCA-style TBX v3 (conceptEntry/langSec/termSec), the
older usageStatus/normativeAuthorization notes, DCT-style elements named after their data
category, and TBX 2008 as written by translate-toolkit, Weblate, memoQ and MultiTerm
(termEntry/langSet/tig or ntig/termGrp). Status values map onto the model (see STATUSES):
``standardizedTerm``, ``legalTerm`` and ``regulatedTerm`` count as admitted (acceptable, yet not
this project's choice); ``supersededTerm``, ``notRecommended`` and ``obsolete`` as deprecated.
A term with no status is preferred when its language section has no explicit preferred term
and it is the first such term there; any other untagged term is admitted.

Writing (TBX-Basic v3) and schema validation are in tbx_write.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ...errors import InputError
from ...util.workers import collector_paused
from ..model import Concept, Glossary, LanguageSection, Status, Term, control_character
from .langcodes import read_language
from .tbx_fast import read_concept as read_common_concept
from .tbx_rules import (CATEGORY_ELEMENTS, CONCEPT_TAGS, LANG_TAGS, STATUS_CATEGORIES,
                        STATUS_ORDER, STATUSES, SUBSET, TBX_NS, TERM_TAGS, TERM_TYPES,
                        WRITTEN_STATUS, XML_LANG, concept_category, finish_concept, finish_term,
                        section_category, term_category)
from ...util.xmlsafe import XMLStream, stream_file

__all__ = ["STATUS_ORDER", "STATUSES", "SUBSET", "TBX_NS", "TERM_TYPES", "WRITTEN_STATUS",
           "XML_LANG", "read_tbx"]

# Reading walks each concept once, level by level. An element's local name comes from a cache
# keyed by its Clark tag ("{namespace}name"; a file has few distinct tags), and the children of
# a level are flattened through its grouping elements (termGrp, descripGrp ...) into one list
# of (name, element) pairs, so no name is derived twice and no level is filtered twice. The
# children are taken as a slice (``element[:]``), which lxml builds in one call: cheaper than
# its child iterator, and a glossary has as many parent elements as terms.
_LOCAL_NAMES: dict[object, str] = {}
CONCEPT_GROUPS = frozenset(("descripGrp", "adminGrp"))
TERM_GROUPS = frozenset(("termGrp", "termNoteGrp", "adminGrp"))


def _name_of(tag: object) -> str:
    """The local name for an element's tag ("" for comments, entities and the like)."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rpartition("}")[2] if isinstance(tag, str) else ""
    return name


def _local(element: etree._Element) -> str:
    """The element's name without its namespace ("" for comments and processing instructions)."""
    return _name_of(element.tag)


def _text(element: etree._Element) -> str:
    """Element text; text laid out over several lines (pretty-printed files) is folded."""
    text = "".join(element.itertext()) if len(element) else element.text or ""
    return " ".join(text.split()) if "\n" in text else text


def _category(name: str, element: etree._Element) -> tuple[str, str]:
    """(data category, value) of a termNote/descrip/admin/note (DCA) or a DCT-style element."""
    if name in CATEGORY_ELEMENTS:
        return (element.get("type") or "note", _text(element).strip())
    return (name, _text(element).strip())


def _parts(element: etree._Element, groups: frozenset[str]) -> list[tuple[str, etree._Element]]:
    """(local name, element) of the direct children, looking through grouping elements."""
    found = []
    for child in element[:]:
        tag = child.tag
        name = _LOCAL_NAMES.get(tag) or _name_of(tag)
        if name in groups:
            found += _parts(child, groups)
        elif name:  # comments and processing instructions have no name
            found.append((name, child))
    return found


def _term_parts(element: etree._Element, found: list[tuple[str, etree._Element]],
                reachable: bool = True) -> etree._Element | None:
    """Flatten a termSec/tig/ntig into ``found``; return its <term> element, if any.

    The term is the first <term> reached through termGrp elements only (a <term> inside a
    termNoteGrp or adminGrp is not the entry's term); every other part is a data category.
    """
    term = None
    for child in element[:]:
        tag = child.tag
        name = _LOCAL_NAMES.get(tag) or _name_of(tag)
        if name in TERM_GROUPS:
            inner = _term_parts(child, found, reachable and name == "termGrp")
            term = inner if term is None else term
        elif name:
            found.append((name, child))
            if term is None and reachable and name == "term":
                term = child
    return term


def _lang(element: etree._Element, path: Path, notes: dict[str, str]) -> str:
    lang = element.get(XML_LANG) or element.get("lang")
    if not lang:
        raise InputError(f"<{_local(element)}> has no xml:lang", path=path, line=element.sourceline)
    return read_language(lang, notes, path, element.sourceline)


def _status(value: str, element: etree._Element, path: Path) -> Status:
    try:
        return STATUSES[value.strip().lower()]
    except KeyError:
        raise InputError(f"unknown term status {value!r}", path=path,
                         line=element.sourceline) from None


def _read_term(element: etree._Element, path: Path) -> tuple[Term, bool]:
    """One termSec/tig/ntig as a Term, and whether its status was given explicitly."""
    parts: list[tuple[str, etree._Element]] = []
    term_el = _term_parts(element, parts)
    text = _text(term_el) if term_el is not None else ""
    if not text.strip():
        raise InputError("a term section without a term", path=path, line=element.sourceline)
    bad = control_character(text)
    if bad:
        line = term_el.sourceline if term_el is not None else element.sourceline
        raise InputError(f"control character {bad} in the term {text!r}", path=path, line=line)
    term = Term(text, Status.ADMITTED)
    explicit, notes, sources = False, [], []
    for name, child in parts:
        if child is term_el:
            continue
        kind = (child.get("type") or "note") if name in CATEGORY_ELEMENTS else name
        value = _text(child).strip()
        if kind in STATUS_CATEGORIES:
            term.status = STATUSES.get(value.lower()) or _status(value, child, path)
            explicit = True
        else:
            term_category(term, kind, value, notes, sources)
    finish_term(term, notes, sources)
    return term, explicit


def _read_section(element: etree._Element, lang: str, path: Path) -> tuple[LanguageSection, str | None]:
    """A langSec/langSet and the definition written at its level, if any.

    A term with no status of its own is admitted, except the first such term of a section that
    has no explicitly preferred term: that one is preferred.
    """
    section = LanguageSection(lang)
    definition, has_preferred, first_untagged = None, False, None
    for name, child in _parts(element, CONCEPT_GROUPS):
        if name in TERM_TAGS:
            term, explicit = _read_term(child, path)
            section.terms.append(term)
            if explicit:
                has_preferred = has_preferred or term.status is Status.PREFERRED
            elif first_untagged is None:
                first_untagged = term
            continue
        kind, value = _category(name, child)
        definition = section_category(section, kind, value, definition)
    if first_untagged is not None and not has_preferred:
        first_untagged.status = Status.PREFERRED
    return section, definition


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "entry"
    return slug if re.match(r"[A-Za-z_]", slug) else "c" + slug


def _read_concept(element: etree._Element, concept_id: str, path: Path,
                  source_lang: str, notes: dict[str, str]) -> Concept:
    """The general walk of a concept: any grouping, DCT-style elements, inline markup; a
    regional language code is read as its official language, noted in ``notes``."""
    concept = Concept(concept_id)
    definitions: dict[str, str] = {}
    dnt = False
    for name, child in _parts(element, CONCEPT_GROUPS):
        if name in LANG_TAGS:
            lang = _lang(child, path, notes)
            section, definition = _read_section(child, lang, path)
            if definition:
                definitions.setdefault(lang, definition)
            if lang in concept.languages:
                concept.languages[lang].terms.extend(section.terms)
            else:
                concept.languages[lang] = section
            continue
        kind, value = _category(name, child)
        dnt = concept_category(concept, kind, value) or dnt
    return finish_concept(concept, definitions, source_lang, dnt)


class _TbxReader:
    """Builds a Glossary from the events of an XMLStream, concept by concept.

    Concepts are read when their outermost conceptEntry/termEntry ends (one nested inside
    another is read after it, in document order, as a whole-tree walk would), then released.
    The first error this reader finds is kept until the stream has ended: a syntax error or an
    entity reference further on in the file takes precedence, as when the file was parsed whole.
    With ``errors`` (a list), every structural error is collected there instead, in file order,
    and the reader goes on past each bad concept (left out of the glossary), so that a
    terminologist sees them all in one run (``glossary validate``).
    """

    def __init__(self, stream: XMLStream, path: Path, errors: list[InputError] | None = None):
        self.stream, self.path = stream, path
        self.glossary = Glossary()
        self.errors = errors
        self.error: InputError | None = None
        self.root: etree._Element | None = None
        self.title: etree._Element | None = None  # the first <title> element of the file
        self.title_text: str | None = None
        self.open_concepts = 0  # concept elements started and not ended
        self.nested = False  # whether the current outermost concept holds another
        self.number = 0  # concept elements read so far, for ids of concepts that have none
        self.notes: dict[str, str] = {}  # regional language codes read as official ones

    def read(self) -> Glossary:
        if self.errors is None:
            return self._read()
        try:
            return self._read()
        except InputError as error:  # the XML itself is broken: nothing past it can be read
            self._keep(error)
            return self.glossary

    def _keep(self, error: InputError) -> None:
        """Note ``error``: collected, or kept as the first one to raise at the end."""
        if self.errors is not None:
            self.errors.append(error)
        elif self.error is None:
            self.error = error

    def _read(self) -> Glossary:
        names = _LOCAL_NAMES
        for event, element in self.stream:
            if self.root is None:
                self._start_document(element.getroottree().getroot())
            tag = element.tag
            if (names.get(tag) or _name_of(tag)) == "title":
                self._title(event, element)
            elif event == "start":
                self.nested = self.nested or self.open_concepts > 0
                self.open_concepts += 1
            else:
                self.open_concepts -= 1
                if self.open_concepts == 0:
                    self._outermost_concept(element)
        if self.root is None:
            self._start_document(self.stream.root)
        if self.error is not None:
            raise self.error
        if self.title_text:
            self.glossary.title = self.title_text
        self.glossary.messages = list(self.notes.values())
        return self.glossary

    def _start_document(self, root: etree._Element) -> None:
        self.root = root
        if _local(root) not in ("tbx", "martif"):
            self._keep(InputError(f"not a TBX file (root element <{_local(root)}>)",
                                  path=self.path, line=root.sourceline))
        self.glossary.source_lang = read_language(root.get(XML_LANG) or "en", self.notes,
                                                  self.path, root.sourceline)

    def _title(self, event: str, element: etree._Element) -> None:
        if event == "start" and self.title is None:
            self.title = element
        elif event == "end" and element is self.title:
            self.title_text = _text(element).strip()

    def _outermost_concept(self, element: etree._Element) -> None:
        entries = [element]
        if self.nested:
            entries = list(element.iter(*(f"{{*}}{tag}" for tag in CONCEPT_TAGS)))
            self.nested = False
        for entry in entries:
            self.number += 1
            if self.error is None:
                try:
                    self._add(self._concept(entry), entry)
                except InputError as error:
                    self._keep(error)
        if self.title is None or self.title_text is not None:  # not inside the open first title
            self.stream.release(element)

    def _concept(self, entry: etree._Element) -> Concept:
        """The concept ``entry`` holds: the quick walk of the common shape, else the general
        walk (which also raises the errors)."""
        concept_id = entry.get("id") or f"{_slug(self.path.stem)}-{self.number}"
        source_lang = self.glossary.source_lang
        return (read_common_concept(entry, concept_id, source_lang)
                or _read_concept(entry, concept_id, self.path, source_lang, self.notes))

    def _add(self, concept: Concept, entry: etree._Element) -> None:
        if concept.id in self.glossary.concepts:
            raise InputError(f"concept id {concept.id!r} appears twice in this file",
                             path=self.path, line=entry.sourceline)
        self.glossary.add(concept)


def read_tbx(path: str | Path, errors: list[InputError] | None = None) -> Glossary:
    """Read a TBX v3 or TBX 2008 file into a Glossary (InputError with file and line if bad).

    The file is read as a stream (see ``XMLStream``): each concept is built and freed as soon as
    it has been parsed, so memory grows with the glossary, not with its XML tree. With
    ``errors``, structural errors are appended there and the good concepts are returned.
    """
    path = Path(path)
    with collector_paused():
        try:
            stream = stream_file(path, (*CONCEPT_TAGS, "title"))
        except InputError as error:
            if errors is None:
                raise
            errors.append(error)
            return Glossary()
        return _TbxReader(stream, path, errors).read()
