"""A gettext catalogue <-> an XLIFF 1.2 or 2.0 document, both ways, without loss.

Everything a PO file holds travels in standard places, so that a catalogue read back from the
XLIFF is written byte for byte as it was:

==========================  ===========================================  ==========================================
PO                          XLIFF 1.2 (translate-toolkit's po2xliff      XLIFF 2.0
                            conventions, so its xliff2po reads it)
==========================  ===========================================  ==========================================
header                      ``<trans-unit restype="x-gettext-domain-    ``<mda:metaGroup category="po-header">``
                            header" translate="no">``                    on ``<file>``
msgid / msgstr              ``<source>`` / ``<target>``                  ``<segment><source>/<target>``
fuzzy                       ``approved="no"``, ``state="needs-review-   ``state="initial" subState="po:fuzzy"``
                            translation"``                               (translated: ``state="translated"``)
msgctxt, flags              ``<context-group name="po-entry">``          ``<mda:meta type="msgctxt|flags">``
                            ``x-po-msgctxt``, ``x-po-flags``
``#.`` / ``#`` comments     ``<note from="developer|po-translator">``    ``<note category="developer|translator">``
                            and ``x-po-autocomment|trancomment``
``#:`` references           ``<context-group name="po-reference"        ``<mda:meta type="reference">``
                            purpose="location">``
``#|`` previous source      ``<alt-trans alttranstype="previous-        ``<mda:meta type="previous-msgid">`` (and
                            version">`` (its context-group: msgctxt)     ``previous-msgctxt``, ``-msgid-plural``)
plural entry                ``<group restype="x-gettext-plurals">``,     ``<group name="x-gettext-plurals">``, one
                            one trans-unit per form (``ID[0]``, …):      unit per form (``ID-0``, …): source msgid,
                            source msgid, then msgid_plural              then msgid_plural
obsolete ``#~`` entries     ``<group restype="x-gettext-obsolete"       ``<group name="x-gettext-obsolete"
                            translate="no">``                            translate="no">``
==========================  ===========================================  ==========================================

Notes a translator adds in a CAT tool come back as lines of the entry's ``#`` translator
comment (``ReadUnit.notes``; the import adds the lines the comment lacks, after its own, and
never removes one; exchange.py):

=========================================  ================================================
In the XLIFF                               On import
=========================================  ================================================
1.2 ``<note from="developer">``,           ours: the ``#.`` extracted comment, which comes
2.0 ``<note category="developer">``        from the source; not imported
1.2 any other ``<note>``: no ``from``,     a translator note, whatever its ``from``,
``from="po-translator"`` (ours), a         ``annotates``, ``priority``, ``category``,
person; 2.0 any other ``<note>``           ``appliesTo`` or ``id``
memoQ ``<mq:comments><mq:comment>``        a translator note, unless ``deleted="true"``
Trados ``<sdl:cmt-defs>`` comments         a translator note of each unit with a marker
                                           (``<mrk sdl:cmt>``) that refers to them
=========================================  ================================================

A note is cut at its line breaks, each line stripped of surrounding white space; blank lines
and lines seen before in the unit are dropped. Notes on a plural group and on each of its units
are the entry's. Notes inside ``<alt-trans>`` (a suggestion's) and on ``<file>`` are not an
entry's.

Each unit also records a fingerprint of the translation it was exported with (context
``x-l10n-exported`` / meta ``exported``), so that an import can tell a translation changed
in the catalogue since the export from one changed in the XLIFF. Unit ids are made from the
entry's msgctxt and msgid, so they stay the same from one export to the next.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polib
from lxml import etree

from ..catalog.po import header_text
from ..errors import InputError
from . import inline
from .inline import _NOT_XML, NS11, NS12, NS20, Decoder, check_plain

MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
MEMOQ = "MQXliff"  # memoQ's MQXLIFF extensions (its comments, its segment status)
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"  # Trados Studio's SDLXLIFF extensions
DEVELOPER = "developer"  # the note origin (1.2 from, 2.0 category) of the #. comments we export
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
VERSIONS = ("1.2", "2.0")
_TRANSLATED_12 = {"translated", "signed-off", "final"}
_TRANSLATED_20 = {"translated", "reviewed", "final"}
_CONFIRMED_TRADOS = {"Translated", "ApprovedTranslation", "ApprovedSignOff"}
# memoQ writes no XLIFF state in an MQXLIFF file: its own status on each trans-unit says
# where a segment stands. Confirmed by the translator or by a reviewer: finished; not started,
# edited (PartiallyEdited), pre-translated from a memory or machine translation
# (Pretranslated, MachineTranslated), assembled from fragments, rejected: not.
_CONFIRMED_MEMOQ = {"ManuallyConfirmed", "Reviewer1Confirmed", "Reviewer2Confirmed"}
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def fingerprint(entry: polib.POEntry) -> str:
    """What an import compares: the entry's translation and whether it is fuzzy."""
    forms = ([entry.msgstr_plural.get(i, "") for i in sorted(entry.msgstr_plural)]
             if entry.msgid_plural else [entry.msgstr])
    text = "fuzzy" if entry.fuzzy else "translated"
    return hashlib.sha1("\x00".join([text, *forms]).encode("utf-8")).hexdigest()[:16]


def _markdown(entry: polib.POEntry) -> bool:
    return any(path.lower().endswith(_MARKDOWN_SUFFIXES) for path, _ in entry.occurrences)


def _unit_ids(entries: list[polib.POEntry]) -> list[str]:
    """A stable id per entry, from its msgctxt and msgid (an XML NMTOKEN)."""
    ids, seen = [], set()
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        base = "u" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        ident, number = base, 1
        while ident in seen:
            number += 1
            ident = f"{base}-{number}"
        seen.add(ident)
        ids.append(ident)
    return ids


def _write_entries(writer, parent, catalogue: polib.POFile, **obsolete_group) -> bool:
    """Each entry of ``catalogue`` as a unit of ``parent`` through ``writer`` (either
    version's), the obsolete ones last in a group of their own (``obsolete_group``: its
    version's attribute naming the group); whether there was any entry."""
    active = [e for e in catalogue if not e.obsolete]
    obsolete = [e for e in catalogue if e.obsolete]
    ids = iter(_unit_ids(active + obsolete))
    for entry in active:
        writer.entry(parent, entry, next(ids))
    if obsolete:
        group = writer._sub(parent, "group", id="obsolete", **obsolete_group, translate="no")
        for entry in obsolete:
            writer.entry(group, entry, next(ids))
    return bool(active or obsolete)


def _forms(entry: polib.POEntry) -> tuple[list[str], list[str]]:
    """(sources, targets) of an entry, one per form (a singular entry has one)."""
    if not entry.msgid_plural:
        return [entry.msgid], [entry.msgstr]
    count = len(entry.msgstr_plural) or 2  # as many as the catalogue has (1 in Chinese)
    sources = [entry.msgid] + [entry.msgid_plural] * (count - 1)
    return sources, [entry.msgstr_plural.get(i, "") for i in range(count)]


# Fields that are message text, not comments: a control character in them (which XML cannot
# hold) is written escaped, under the field's name with "-escaped" added.
_ESCAPABLE = {"x-po-msgctxt", "x-po-msgid_plural", "msgctxt", "msgid-plural",
              "previous-msgctxt", "previous-msgid", "previous-msgid-plural"}
ESCAPED = "-escaped"


def _plain(kind: str, text: str) -> tuple[str, str]:
    if kind in _ESCAPABLE and _NOT_XML.search(text):
        return kind + ESCAPED, text.encode("unicode_escape").decode("ascii")
    return kind, text


def _unescape(found: dict) -> dict:
    for kind in [kind for kind in found if kind.endswith(ESCAPED)]:
        value = found.pop(kind)
        found[kind[:-len(ESCAPED)]] = value.encode("ascii", "backslashreplace").decode(
            "unicode_escape")
    return found


def _references(entry: polib.POEntry) -> list[tuple[str, str]]:
    return [(path, str(line) if line else "") for path, line in entry.occurrences]


# ------------------------------------------------------------------------------- writing


def catalogue_to_xliff(catalogue: polib.POFile, *, version: str, original: str,
                       source_lang: str, target_lang: str, path: str | Path = "") -> bytes:
    """The XLIFF document (bytes, UTF-8) for ``catalogue``; deterministic."""
    writer = _Writer12 if version == "1.2" else _Writer20
    root = writer(str(path)).document(catalogue, original, source_lang, target_lang)
    _indent(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# Elements whose content is text (indenting them would change it).
_LEAVES = {"source", "target", "note", "context", "meta", "data"}


def _indent(element: etree._Element, level: int) -> None:
    if element.tag.rpartition("}")[2] in _LEAVES or not len(element):
        return
    step = "\n" + "  " * (level + 1)
    element.text = step
    for child in element:
        _indent(child, level + 1)
        child.tail = step
    element[-1].tail = "\n" + "  " * level


class _Writer12:
    def __init__(self, path: str):
        self.path = path

    def _sub(self, parent, tag, text=None, **attributes):
        element = etree.SubElement(parent, f"{{{NS12}}}{tag}",
                                   {k.replace("_", "-"): v for k, v in attributes.items()})
        if text is not None:
            element.text = check_plain(text, tag, self.path)
        return element

    def document(self, catalogue, original, source_lang, target_lang):
        root = etree.Element(f"{{{NS12}}}xliff", version="1.2", nsmap={None: NS12})
        file = self._sub(root, "file", original=original, source_language=source_lang,
                         target_language=target_lang, datatype="po")
        body = self._sub(file, "body")
        header = self._sub(body, "trans-unit", id="header", restype="x-gettext-domain-header",
                           translate="no", approved="no")
        header.set(XML_SPACE, "preserve")
        self._sub(header, "source", "")
        self._sub(header, "target", header_text(catalogue.metadata))
        contexts = [("x-po-trancomment", catalogue.header)] if catalogue.header else []
        if catalogue.metadata_is_fuzzy:
            contexts.append(("x-po-flags", "fuzzy"))
        self._contexts(header, "information", contexts)
        _write_entries(self, body, catalogue, restype="x-gettext-obsolete")
        return root

    def _contexts(self, parent, purpose, contexts):
        """A context-group with no name: names must be unique in a whole <file> (the
        schema's U_context-group_name), which translate-toolkit's "po-entry" groups are not."""
        if contexts:
            group = self._sub(parent, "context-group", purpose=purpose)
            for kind, text in contexts:
                kind, text = _plain(kind, text)
                self._sub(group, "context", text, context_type=kind)

    def entry(self, parent, entry, ident):
        sources, targets = _forms(entry)
        markdown = _markdown(entry)
        if entry.msgid_plural:
            holder = self._sub(parent, "group", id=ident, restype="x-gettext-plurals")
            holder.set(XML_SPACE, "preserve")
            if entry.obsolete:
                holder.set("translate", "no")
            self._annotations(holder, entry)
            previous = [entry.previous_msgid, entry.previous_msgid_plural]
            for index, (source, target) in enumerate(zip(sources, targets)):
                unit = self._unit(holder, f"{ident}[{index}]", entry, source, target, markdown)
                if index < 2 and (previous[index] is not None or (
                        index == 0 and entry.previous_msgctxt is not None)):
                    self._previous(unit, previous[index], entry.previous_msgctxt if index == 0
                                   else None, target, markdown)
            return
        unit = self._unit(parent, ident, entry, sources[0], targets[0], markdown)
        self._annotations(unit, entry)
        if entry.previous_msgid is not None or entry.previous_msgctxt is not None:
            self._previous(unit, entry.previous_msgid, entry.previous_msgctxt, targets[0],
                           markdown)

    def _unit(self, parent, ident, entry, source, target, markdown):
        unit = self._sub(parent, "trans-unit", id=ident,
                         approved="yes" if target and not entry.fuzzy else "no")
        unit.set(XML_SPACE, "preserve")
        if entry.obsolete:
            unit.set("translate", "no")
        source_tokens = inline.tokenize(source, markdown=markdown)
        target_tokens = inline.tokenize(target, markdown=markdown)
        source_ids, target_ids = inline.assign_ids(source_tokens, [target_tokens])
        inline.fill_12(self._sub(unit, "source"), source_tokens, source_ids)
        if target or entry.fuzzy:
            element = self._sub(unit, "target", state="needs-review-translation"
                                if entry.fuzzy else "translated")
            inline.fill_12(element, target_tokens, target_ids)
        return unit

    def _annotations(self, holder, entry):
        contexts = []
        if entry.msgctxt is not None:
            contexts.append(("x-po-msgctxt", entry.msgctxt))
        if entry.msgid_plural:
            contexts.append(("x-po-msgid_plural", entry.msgid_plural))
        flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if flags:
            contexts.append(("x-po-flags", ", ".join(flags)))
        if entry.comment:
            contexts.append(("x-po-autocomment", entry.comment))
        if entry.tcomment:
            contexts.append(("x-po-trancomment", entry.tcomment))
        contexts.append(("x-l10n-exported", fingerprint(entry)))
        self._contexts(holder, "information", contexts)
        for path, line in _references(entry):
            self._contexts(holder, "location",
                           [("sourcefile", path)] + ([("linenumber", line)] if line else []))
        if entry.comment:
            self._sub(holder, "note", entry.comment, **{"from": "developer"})
        if entry.tcomment:
            self._sub(holder, "note", entry.tcomment, **{"from": "po-translator"})

    def _previous(self, unit, msgid, msgctxt, target, markdown):
        alt = self._sub(unit, "alt-trans", alttranstype="previous-version", origin="previous")
        if msgid is not None:
            tokens = inline.tokenize(msgid, markdown=markdown)
            inline.fill_12(self._sub(alt, "source"), tokens, inline.assign_ids(tokens, [])[0])
        tokens = inline.tokenize(target, markdown=markdown)
        inline.fill_12(self._sub(alt, "target"), tokens, inline.assign_ids(tokens, [])[0])
        if msgctxt is not None:
            self._contexts(alt, "information", [("x-po-msgctxt", msgctxt)])


class _Writer20:
    def __init__(self, path: str):
        self.path = path

    def _sub(self, parent, tag, text=None, namespace=NS20, **attributes):
        element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
        if text is not None:
            element.text = check_plain(text, tag, self.path)
        return element

    def _metadata(self, parent, category, items):
        if not items:
            return
        metadata = self._sub(parent, "metadata", namespace=MDA)
        group = self._sub(metadata, "metaGroup", namespace=MDA, category=category)
        for kind, text in items:
            kind, text = _plain(kind, text)
            self._sub(group, "meta", text, namespace=MDA, type=kind)

    def document(self, catalogue, original, source_lang, target_lang):
        root = etree.Element(f"{{{NS20}}}xliff", version="2.0", srcLang=source_lang,
                             trgLang=target_lang, nsmap={None: NS20, "mda": MDA})
        file = self._sub(root, "file", id="f1", original=original, canResegment="no")
        items = [("comment", catalogue.header)] if catalogue.header else []
        items.append(("fields", header_text(catalogue.metadata)))
        if catalogue.metadata_is_fuzzy:
            items.append(("flags", "fuzzy"))
        self._metadata(file, "po-header", items)
        if not _write_entries(self, file, catalogue, name="x-gettext-obsolete"):
            self._sub(file, "group", id="empty")  # a file needs a unit or a group
        return root

    def entry(self, parent, entry, ident):
        sources, targets = _forms(entry)
        markdown = _markdown(entry)
        if entry.msgid_plural:
            holder = self._sub(parent, "group", id=ident, name="x-gettext-plurals")
            self._annotations(holder, entry)
            for index, (source, target) in enumerate(zip(sources, targets)):
                self._unit(holder, f"{ident}-{index}", entry, source, target, markdown)
            return
        unit = self._sub(parent, "unit", id=ident)
        self._annotations(unit, entry)
        self._segment(unit, entry, sources[0], targets[0], markdown)

    def _unit(self, parent, ident, entry, source, target, markdown):
        unit = self._sub(parent, "unit", id=ident)
        self._segment(unit, entry, source, target, markdown)

    def _segment(self, unit, entry, source, target, markdown):
        source_tokens = inline.tokenize(source, markdown=markdown)
        target_tokens = inline.tokenize(target, markdown=markdown)
        source_ids, target_ids = inline.assign_ids(source_tokens, [target_tokens])
        data: dict[str, str] = {}
        segment = etree.Element(f"{{{NS20}}}segment")
        if entry.fuzzy:
            segment.set("state", "initial")
            segment.set("subState", "po:fuzzy")
        else:
            segment.set("state", "translated" if target else "initial")
        element = self._sub(segment, "source")
        element.set(XML_SPACE, "preserve")
        inline.fill_20(element, source_tokens, source_ids, data)
        if target or entry.fuzzy:
            element = self._sub(segment, "target")
            element.set(XML_SPACE, "preserve")
            inline.fill_20(element, target_tokens, target_ids, data)
        originals = inline.original_data(data)
        if originals is not None:
            for item in originals:
                check_plain(item.text, "inline code", self.path)
            unit.append(originals)
        unit.append(segment)

    def _annotations(self, holder, entry):
        items = []
        if entry.msgctxt is not None:
            items.append(("msgctxt", entry.msgctxt))
        if entry.msgid_plural:
            items.append(("msgid-plural", entry.msgid_plural))
        flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if flags:
            items.append(("flags", ", ".join(flags)))
        items += [("reference", f"{path}:{line}" if line else path)
                  for path, line in _references(entry)]
        for kind, value in (("previous-msgctxt", entry.previous_msgctxt),
                            ("previous-msgid", entry.previous_msgid),
                            ("previous-msgid-plural", entry.previous_msgid_plural)):
            if value is not None:
                items.append((kind, value))
        items.append(("exported", fingerprint(entry)))
        self._metadata(holder, "po", items)
        if entry.comment or entry.tcomment:
            notes = self._sub(holder, "notes")
            if entry.comment:
                self._sub(notes, "note", entry.comment, category="developer")
            if entry.tcomment:
                self._sub(notes, "note", entry.tcomment, category="translator")


# ------------------------------------------------------------------------------- reading


@dataclass
class ReadUnit:
    """One entry as an XLIFF file brings it: the entry, the line of its unit, the fingerprint
    of the translation it was exported with (None: not one of ours), and the lines of its
    translator notes (see the table at the top)."""

    entry: polib.POEntry
    line: int
    exported: str | None
    notes: list[str] = field(default_factory=list)
    # with ``segments`` asked of the reader, for a unit a CAT tool cut into two or more
    # segments (its sentences within a paragraph): (source, target) of each, the target ""
    # for one not finished; None for a unit not cut so
    segments: list[tuple[str, str]] | None = None


def note_lines(texts: list[str]) -> list[str]:
    """The notes ``texts`` as translator-comment lines: each cut at its line breaks (any of
    them: a PO comment line holds none), stripped; blank lines and repeats dropped."""
    lines: list[str] = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if line and line not in lines:
                lines.append(line)
    return lines


def _developer(origin: str | None) -> bool:
    return (origin or "").strip().casefold() == DEVELOPER


@dataclass
class XliffDocument:
    """One ``<file>`` of an XLIFF document, read back as a catalogue."""

    path: str
    line: int
    version: str
    original: str
    source_lang: str
    source_lang_line: int
    target_lang: str | None
    catalogue: polib.POFile
    units: list[ReadUnit] = field(default_factory=list)


def _local(element: etree._Element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _namespace(element: etree._Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _trados_comments(root: etree._Element) -> dict[str, list[str]]:
    """Trados Studio's comments (SDLXLIFF ``<doc-info><cmt-defs><cmt-def id>``), by id: the
    text of each ``<Comment>`` in a definition (or its whole text if it has none)."""
    found = {}
    for definition in root.iter(f"{{{SDL}}}cmt-def"):
        texts = ["".join(comment.itertext()) for comment in definition.iter()
                 if _local(comment) == "Comment"]
        found[definition.get("id", "")] = texts or ["".join(definition.itertext())]
    return found


def read_xliff(root: etree._Element, path: str | Path, *, bare_codes: bool = False,
               segments: bool = False, plain_targets: bool = False) -> list[XliffDocument]:
    """The ``<file>`` elements of a parsed XLIFF document (root element ``<xliff>`` of 1.2 or
    2.0; 1.1, which translate-toolkit writes, is read as 1.2) as catalogues; InputError at the
    line of anything that cannot be read. ``bare_codes``: an inline code a CAT tool wrote
    without native data (Trados' ``<g>`` around a Word document's bold) that matches no code
    of the source gives its text only, instead of an error. ``segments``: each unit a CAT tool
    cut into segments (1.2 ``<seg-source>`` with ``<mrk mtype="seg">``, 2.0 ``<segment>``s)
    also gives its finished segments as pairs (ReadUnit.segments): 2.0 by each segment's
    state, 1.2 by Trados' per-segment confirmation (``sdl:seg conf``) where there is one, else
    by the unit's state. ``plain_targets``: a 1.2 target with neither a state nor an
    approved attribute is finished (else it is fuzzy: the catalogues' import is cautious)."""
    path = str(path)
    namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    if _local(root) != "xliff" or namespace not in (NS11, NS12, NS20):
        shown = f"{{{namespace}}}{_local(root)}" if namespace else str(root.tag)
        raise InputError(f"not an XLIFF 1.2 or 2.0 document: the root element is <{shown}>, "
                         f"not <xliff> in the namespace {NS12} or {NS20}", path=path,
                         line=root.sourceline)
    reader = _Reader20(path) if namespace == NS20 else _Reader12(path)
    reader.bare_codes, reader.segments, reader.plain_targets = bare_codes, segments, plain_targets
    files = [child for child in root if _local(child) == "file"]
    if not files:
        raise InputError("the XLIFF document has no <file>", path=path, line=root.sourceline)
    return [reader.file(root, element) for element in files]


def _new_catalogue() -> polib.POFile:
    catalogue = polib.POFile(wrapwidth=79)
    catalogue.metadata = {}
    return catalogue


def _parse_header(catalogue: polib.POFile, text: str) -> None:
    """The header fields, read as l10n's PO reader reads them (po_reader._take_header)."""
    key = None
    for line in text.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            catalogue.metadata[key] = value.strip()
        elif key is not None:
            catalogue.metadata[key] += "\n" + line.strip()


def _split_reference(text: str) -> tuple[str, str]:
    head, colon, tail = text.rpartition(":")
    return (head, tail) if colon and head and tail.isdigit() else (text, "")


class _Reader:
    path: str
    # inline codes without native data that match none of the source's: their text only
    # (for the translation memory, which keeps sentences; a catalogue needs the markup)
    bare_codes: bool = False
    # the finished segments of units cut into several (ReadUnit.segments), for the memory
    segments: bool = False
    # 1.2: a target with neither a state nor an approved attribute counts as finished, as
    # Weblate reads it (tools such as Xcode and Angular write none); for the memory
    plain_targets: bool = False

    def error(self, message: str, element: etree._Element) -> InputError:
        return InputError(message, path=self.path, line=element.sourceline)

    def _decoder(self, data: dict[str, str] | None = None) -> Decoder:
        """A decoder of this file's source and target texts (``data``: a 2.0 unit's
        original data, by id)."""
        return Decoder(self.path, data, bare_codes=self.bare_codes)

    def _attribute(self, element, name, what):
        value = element.get(name)
        if not value:
            raise self.error(f"<{_local(element)}> has no {name} attribute ({what})", element)
        return value


class _Reader12(_Reader):
    def __init__(self, path: str):
        self.path = path
        self.trados: dict[str, list[str]] | None = None  # Trados comment id -> its texts

    def _children(self, element, name):
        return [child for child in element if _local(child) == name]

    def _contexts(self, element, purpose) -> list[list[tuple[str, str]]]:
        """The context groups of ``purpose`` (translate-toolkit's, named "po-entry" and
        "po-reference", too)."""
        named = {"information": "po-entry", "location": "po-reference"}[purpose]
        groups = []
        for group in self._children(element, "context-group"):
            if group.get("name") == named or (not group.get("name")
                                              and group.get("purpose") == purpose):
                groups.append([(context.get("context-type", ""), context.text or "")
                               for context in self._children(group, "context")])
        return groups

    def _po_entry(self, element) -> dict[str, str]:
        found: dict[str, str] = {}
        for group in self._contexts(element, "information"):
            for kind, text in group:
                found[kind] = f"{found[kind]}\n{text}" if kind in found else text
        return _unescape(found)

    def file(self, root, element) -> XliffDocument:
        source_lang = self._attribute(element, "source-language", "the source language")
        if self.trados is None:
            self.trados = _trados_comments(root)
        document = XliffDocument(self.path, element.sourceline, "1.2",
                                 element.get("original") or "", source_lang,
                                 element.sourceline, element.get("target-language"),
                                 _new_catalogue())
        body = next(iter(self._children(element, "body")), None)
        if body is None:
            raise self.error("<file> has no <body>", element)
        self._walk(body, document, obsolete=False)
        return document

    def _walk(self, parent, document, *, obsolete):
        for child in parent:
            name = _local(child)
            if name == "trans-unit":
                if "gettext-domain-header" in (child.get("restype") or ""):
                    self._header(child, document)
                else:
                    self._single(child, document, obsolete)
            elif name == "group":
                restype = child.get("restype") or ""
                if restype == "x-gettext-plurals":
                    self._plural(child, document, obsolete)
                else:
                    self._walk(child, document,
                               obsolete=obsolete or restype == "x-gettext-obsolete")

    def _header(self, unit, document):
        catalogue = document.catalogue
        target = next(iter(self._children(unit, "target")), None)
        _parse_header(catalogue, "" if target is None else self._decoder().text(target))
        found = self._po_entry(unit)
        catalogue.header = found.get("x-po-trancomment", "")
        catalogue.metadata_is_fuzzy = ["fuzzy"] if "fuzzy" in found.get("x-po-flags", "") else []

    def _texts(self, unit) -> tuple[str, str | None, str | None, Decoder]:
        sources = self._children(unit, "source")
        if not sources:
            raise self.error(f"<trans-unit id={unit.get('id')!r}> has no <source>", unit)
        decoder = self._decoder()
        source = decoder.text(sources[0])
        target = next(iter(self._children(unit, "target")), None)
        if target is None:
            return source, None, None, decoder
        return source, decoder.text(target), target.get("state"), decoder

    def _fuzzy(self, unit, target: str | None, state: str | None) -> bool:
        if target is None:
            return False
        status = unit.get(f"{{{MEMOQ}}}status")
        if status is not None:  # memoQ's own status, where it writes no XLIFF state
            return status not in _CONFIRMED_MEMOQ
        if unit.get("approved") == "yes" or state in _TRANSLATED_12:
            return False
        if self.plain_targets and state is None and unit.get("approved") is None:
            return False  # a tool that writes no state at all (Xcode, Angular)
        return True

    def _annotate(self, entry, holder):
        found = self._po_entry(holder)
        entry.msgctxt = found.get("x-po-msgctxt")
        flags = found.get("x-po-flags")
        entry.flags = [flag.strip() for flag in flags.split(",") if flag.strip()] if flags else []
        entry.comment = found.get("x-po-autocomment", "")
        entry.tcomment = found.get("x-po-trancomment", "")
        for group in self._contexts(holder, "location"):
            values = dict(group)
            if "sourcefile" in values:
                entry.occurrences.append((values["sourcefile"], values.get("linenumber", "")))
        return found.get("x-l10n-exported")

    def _notes(self, holders) -> list[str]:
        """The translator notes of a unit (or of a plural group and its units): its
        ``<note>``s but the developer's, memoQ's comments, the Trados comments it marks."""
        texts = []
        for holder in holders:
            for child in holder:
                if _local(child) == "note" and _namespace(child) in (NS11, NS12):
                    if not _developer(child.get("from")):
                        texts.append("".join(child.itertext()))
                elif child.tag == f"{{{MEMOQ}}}comments":
                    texts += ["".join(comment.itertext()) for comment in child
                              if comment.tag == f"{{{MEMOQ}}}comment"
                              and (comment.get("deleted") or "").strip().lower() != "true"]
            for element in holder.iter() if self.trados else ():
                mark = element.get(f"{{{SDL}}}cmt") or (
                    element.get("cmt") if _namespace(element) == SDL else None)
                if mark:
                    texts += self.trados.get(mark, [])
        return note_lines(texts)

    def _previous(self, unit) -> tuple[bool, str | None, str | None]:
        for alt in self._children(unit, "alt-trans"):
            if alt.get("alttranstype") == "previous-version" or alt.get("origin") == "previous":
                source = next(iter(self._children(alt, "source")), None)
                msgid = None if source is None else self._decoder().text(source)
                msgctxt = self._po_entry(alt).get("x-po-msgctxt")
                return True, msgid, msgctxt
        return False, None, None

    def _single(self, unit, document, obsolete):
        source, target, state, _ = self._texts(unit)
        entry = polib.POEntry(msgid=source, msgstr=target or "")
        entry.obsolete = obsolete or unit.get("translate") == "no"
        exported = self._annotate(entry, unit)
        if self._fuzzy(unit, target, state):
            entry.flags.insert(0, "fuzzy")
        found, msgid, msgctxt = self._previous(unit)
        if found:
            entry.previous_msgid, entry.previous_msgctxt = msgid, msgctxt
        self._add(document, entry, unit, exported, self._notes([unit]))
        if self.segments:
            document.units[-1].segments = self._segment_pairs(unit, target, state)

    def _segment_pairs(self, unit, target: str | None, state: str | None
                       ) -> list[tuple[str, str]] | None:
        """The (source, target) segments of a unit cut into two or more by ``<mrk
        mtype="seg" mid>`` in its ``<seg-source>`` (or into one, by Trados, which keeps its
        state in ``<sdl:seg-defs>`` only), the target "" for one not finished (None for
        another unit)."""
        seg_source = next(iter(self._children(unit, "seg-source")), None)
        if seg_source is None:
            return None
        marks = [mark for mark in seg_source.iter(f"{{{NS12}}}mrk", f"{{{NS11}}}mrk")
                 if mark.get("mtype") == "seg"]
        confirmed = self._trados_segments(unit)
        # Trados marks even a lone sentence as a segment, its state only in seg-defs
        if len(marks) < (1 if confirmed else 2):
            return None
        target_element = next(iter(self._children(unit, "target")), None)
        translated = {} if target_element is None else {
            mark.get("mid"): mark for mark in target_element.iter(
                f"{{{NS12}}}mrk", f"{{{NS11}}}mrk") if mark.get("mtype") == "seg"}
        unit_done = not self._fuzzy(unit, target, state) and target is not None
        decoder = self._decoder()
        pairs = []
        for mark in marks:
            ident = mark.get("mid")
            done = confirmed.get(ident, unit_done) if confirmed else unit_done
            source = decoder.text(mark)  # in order: codes known for the targets after it
            other = translated.get(ident)
            text = decoder.text(other) if done and other is not None else ""
            if source.strip():
                pairs.append((source, text if text.strip() else ""))
        return pairs

    def _trados_segments(self, unit) -> dict[str, bool]:
        """Trados Studio's confirmation of each segment (``<sdl:seg-defs><sdl:seg id conf>``):
        whether it is finished (translated, or approved in review or sign-off)."""
        found = {}
        for definition in unit.iter(f"{{{SDL}}}seg"):
            found[definition.get("id")] = definition.get("conf") in _CONFIRMED_TRADOS
        return found

    def _plural(self, group, document, obsolete):
        units = [child for child in group.iter() if _local(child) == "trans-unit"]
        if not units:
            raise self.error("a plural <group> without a <trans-unit>", group)
        texts = [self._texts(unit) for unit in units]
        sources = [text[0] for text in texts]
        entry = polib.POEntry(msgid=sources[0],
                              msgid_plural=self._po_entry(group).get("x-po-msgid_plural") or (
                                  sources[1] if len(sources) > 1 else sources[0]))
        entry.msgstr_plural = {index: text[1] or "" for index, text in enumerate(texts)}
        entry.obsolete = obsolete or group.get("translate") == "no"
        exported = self._annotate(entry, group)
        if any(self._fuzzy(unit, text[1], text[2]) for unit, text in zip(units, texts)):
            entry.flags.insert(0, "fuzzy")
        found, msgid, msgctxt = self._previous(units[0])
        if found:
            entry.previous_msgid, entry.previous_msgctxt = msgid, msgctxt
        if len(units) > 1:
            found, msgid, _ = self._previous(units[1])
            if found:
                entry.previous_msgid_plural = msgid
        self._add(document, entry, group, exported, self._notes([group, *units]))

    def _add(self, document, entry, element, exported, notes):
        entry.linenum = element.sourceline
        document.catalogue.append(entry)
        document.units.append(ReadUnit(entry, element.sourceline, exported, notes))


class _Reader20(_Reader):
    def __init__(self, path: str):
        self.path = path

    def file(self, root, element) -> XliffDocument:
        source_lang = self._attribute(root, "srcLang", "the source language")
        document = XliffDocument(self.path, element.sourceline, "2.0",
                                 element.get("original") or "", source_lang, root.sourceline,
                                 root.get("trgLang"), _new_catalogue())
        header = self._meta(element, "po-header")
        _parse_header(document.catalogue, header.get("fields", ""))
        document.catalogue.header = header.get("comment", "")
        document.catalogue.metadata_is_fuzzy = (["fuzzy"] if "fuzzy" in header.get("flags", "")
                                                else [])
        self._walk(element, document, obsolete=False)
        return document

    def _meta(self, holder, category) -> dict[str, str | list[str]]:
        found: dict = {"reference": []}
        for metadata in holder:
            if _local(metadata) != "metadata" or not metadata.tag.startswith(f"{{{MDA}}}"):
                continue
            for group in metadata.iter(f"{{{MDA}}}metaGroup"):
                if group.get("category") != category:
                    continue
                for meta in group.iter(f"{{{MDA}}}meta"):
                    kind, text = meta.get("type", ""), meta.text or ""
                    if kind == "reference":
                        found["reference"].append(text)
                    else:
                        found[kind] = text
        return _unescape(found)

    def _walk(self, parent, document, *, obsolete):
        for child in parent:
            name = _local(child)
            if not child.tag.startswith(f"{{{NS20}}}"):
                continue
            if name == "unit":
                self._single(child, document, obsolete)
            elif name == "group":
                if child.get("name") == "x-gettext-plurals":
                    self._plural(child, document, obsolete)
                else:
                    self._walk(child, document, obsolete=obsolete or (
                        child.get("name") == "x-gettext-obsolete"))

    def _unit_decoder(self, unit) -> Decoder:
        """A decoder of ``unit``'s texts, with the native data of its ``<originalData>``."""
        data = {}
        for originals in unit.iter(f"{{{NS20}}}originalData"):
            for item in originals:
                if _local(item) == "data":
                    data[item.get("id", "")] = self._decoder().text(item)
        return self._decoder(data)

    def _texts(self, unit) -> tuple[str, str | None, bool]:
        """(source, target or None, fuzzy) of a unit, its segments and ignorables joined."""
        decoder = self._unit_decoder(unit)
        parts = [child for child in unit if _local(child) in ("segment", "ignorable")]
        if not parts:
            raise self.error(f"<unit id={unit.get('id')!r}> has no <segment>", unit)
        sources, targets, fuzzy, any_target = [], [], False, False
        for part in parts:
            source = next((c for c in part if _local(c) == "source"), None)
            if source is None:
                raise self.error(f"<{_local(part)}> without a <source>", part)
            sources.append(decoder.text(source))
        for part, source_text in zip(parts, sources):
            target = next((c for c in part if _local(c) == "target"), None)
            if target is None:
                targets.append(source_text if _local(part) == "ignorable" else "")
                if _local(part) == "segment" and len(parts) > 1 and source_text.strip():
                    fuzzy = fuzzy or any_target
                continue
            any_target = True
            text = decoder.text(target)
            targets.append(text)
            if _local(part) == "segment":
                state = part.get("state", "initial")
                if state not in _TRANSLATED_20 and (text or part.get("subState") == "po:fuzzy"):
                    fuzzy = True
        if not any_target:
            return "".join(sources), None, False
        return "".join(sources), "".join(targets), fuzzy

    def _annotate(self, entry, holder):
        meta = self._meta(holder, "po")
        entry.msgctxt = meta.get("msgctxt")
        flags = meta.get("flags")
        entry.flags = [flag.strip() for flag in flags.split(",") if flag.strip()] if flags else []
        entry.occurrences = [_split_reference(text) for text in meta["reference"]]
        entry.previous_msgctxt = meta.get("previous-msgctxt")
        entry.previous_msgid = meta.get("previous-msgid")
        entry.previous_msgid_plural = meta.get("previous-msgid-plural")
        for notes in holder:
            if _local(notes) != "notes":
                continue
            for note in notes:
                if _local(note) == "note" and note.get("category") == "developer":
                    entry.comment = note.text or ""
                elif _local(note) == "note" and note.get("category") == "translator":
                    entry.tcomment = note.text or ""
        return meta.get("exported")

    def _notes(self, holders) -> list[str]:
        """The translator notes of a unit (or of a plural group and its units): the notes of
        its ``<notes>`` but the developer's."""
        texts = []
        for holder in holders:
            for notes in holder:
                if _local(notes) == "notes" and _namespace(notes) == NS20:
                    texts += ["".join(note.itertext()) for note in notes
                              if _local(note) == "note" and not _developer(note.get("category"))]
        return note_lines(texts)

    def _single(self, unit, document, obsolete):
        source, target, fuzzy = self._texts(unit)
        entry = polib.POEntry(msgid=source, msgstr=target or "")
        entry.obsolete = obsolete or unit.get("translate") == "no"
        exported = self._annotate(entry, unit)
        if fuzzy:
            entry.flags.insert(0, "fuzzy")
        self._add(document, entry, unit, exported, self._notes([unit]))
        if self.segments:
            document.units[-1].segments = self._segment_pairs(unit)

    def _segment_pairs(self, unit) -> list[tuple[str, str]] | None:
        """The (source, target) segments of a unit of two or more ``<segment>``s, the
        target "" for one not finished by its own state (None for another unit)."""
        segments = [child for child in unit if _local(child) == "segment"]
        if len(segments) < 2:
            return None
        decoder = self._unit_decoder(unit)
        pairs = []
        for segment in segments:
            source = next((c for c in segment if _local(c) == "source"), None)
            target = next((c for c in segment if _local(c) == "target"), None)
            source_text = decoder.text(source)  # (_texts checked that every one has one)
            done = target is not None and segment.get("state", "initial") in _TRANSLATED_20
            text = decoder.text(target) if done else ""
            if source_text.strip():
                pairs.append((source_text, text if text.strip() else ""))
        return pairs

    def _plural(self, group, document, obsolete):
        units = [child for child in group if _local(child) == "unit"]
        if not units:
            raise self.error("a plural <group> without a <unit>", group)
        texts = [self._texts(unit) for unit in units]
        entry = polib.POEntry(msgid=texts[0][0],
                              msgid_plural=self._meta(group, "po").get("msgid-plural") or (
                                  texts[1][0] if len(texts) > 1 else texts[0][0]))
        entry.msgstr_plural = {index: text[1] or "" for index, text in enumerate(texts)}
        entry.obsolete = obsolete or group.get("translate") == "no"
        exported = self._annotate(entry, group)
        if any(text[2] for text in texts):
            entry.flags.insert(0, "fuzzy")
        self._add(document, entry, group, exported, self._notes([group, *units]))

    def _add(self, document, entry, element, exported, notes):
        entry.linenum = element.sourceline
        document.catalogue.append(entry)
        document.units.append(ReadUnit(entry, element.sourceline, exported, notes))
