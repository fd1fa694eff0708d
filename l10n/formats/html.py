"""HTML and XHTML source documents.

lxml parses (safely, see _htmlsource) and decides structure; a scan of the source records where
each unit's text lives, so ``render`` splices renditions into the original text and leaves every
other byte as it was. Identity renditions therefore reproduce the input byte for byte,
with one exception: every output is UTF-8, so a ``<meta charset>``, a ``<meta
http-equiv="Content-Type">`` charset or an XML declaration's encoding that names another
encoding is rewritten to UTF-8 (the source was read as UTF-8 whatever it declared).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Sequence

from ..locales import direction as text_direction
from ..model import Document, Rendition
from ._htmlextract import XML_NS, AttrSlot, ContentSlot, Extractor
from ._htmlrender import (
    Splice,
    apply_splices,
    attr_value_splice,
    fill_fragment_attrs,
    root_lang_attrs,
    safe_fragment,
    set_attrs,
)
from ._htmlscan import Attr, Scan, Tag, scan
from ._htmlsource import align, check_doctype, parse_tree
from ._textutil import check_renditions

_XML_DECL = re.compile(r"\s*<\?xml[\s?]")


@dataclass(frozen=True)
class HtmlState:
    """What render needs: the source, the parse mode, the language and every unit's slot."""

    source: str
    xml: bool
    lang: str
    root_tag: Tag | None
    insert_at: int  # where to add an <html> start tag when the source has none
    slots: tuple[ContentSlot | AttrSlot, ...]
    charset: tuple[Splice, ...] = ()  # declarations of another encoding, set to UTF-8
    directions: tuple[Attr, ...] = ()  # dir="ltr|rtl" of elements outside translated text


class HtmlFormat:
    """HTML (.html, .htm) and XHTML (.xhtml, or any file opening with an XML declaration)."""

    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def parse(self, text: str, path: str) -> Document:
        xml = str(path).lower().endswith(".xhtml") or bool(_XML_DECL.match(text))
        found = scan(text, xml=xml)
        check_doctype(found.doctype, text, path)
        root = parse_tree(text, path, xml=xml)
        charset = tuple(_charset_splices(text, found))
        if root is None:
            state = HtmlState(text, xml, "en", None, _insert_point(text, found), (), charset)
            return Document(path=path, format=self.name, units=[], state=state)
        spans = align(root, found, text)
        extractor = Extractor(text, spans, xml=xml, path=path)
        extractor.walk(root)
        lang = (root.get("lang") or root.get(XML_NS + "lang") or "en").strip() or "en"
        slots = tuple(extractor.slots)
        state = HtmlState(
            text, xml, lang, spans[root].tag, _insert_point(text, found), slots, charset,
            _direction_attrs(found, spans[root].tag, slots),
        )
        return Document(path=path, format=self.name, units=extractor.units, state=state)

    def render(
        self,
        document: Document,
        renditions: Sequence[Rendition],
        *,
        lang: str,
        direction: str = "ltr",
    ) -> str:
        state: HtmlState = document.state
        check_renditions(document, renditions)
        splices: list[Splice] = []
        for index, slot in enumerate(state.slots):
            if isinstance(slot, ContentSlot):
                splices.extend(self._content(document, renditions, index, lang))
            elif slot.owner is None and renditions[index].text != document.units[index].text:
                splices.append(attr_value_splice(slot.attr, renditions[index].text))
        if lang != state.lang:
            splices.extend(self._root_lang(state, lang, direction))
            splices.extend(_direction_splices(state, direction))
        splices.extend(state.charset)
        return apply_splices(state.source, splices)

    def _content(
        self, document: Document, renditions: Sequence[Rendition], index: int, lang: str
    ) -> list[Splice]:
        state: HtmlState = document.state
        slot, unit, rendition = state.slots[index], document.units[index], renditions[index]
        assert isinstance(slot, ContentSlot)
        nested = [(state.slots[i], document.units[i], renditions[i]) for i in slot.owned]
        if rendition.text == unit.text:
            inner_splices = [
                attr_value_splice(s.attr, r.text) for s, u, r in nested if r.text != u.text
            ]
            inner = apply_splices(state.source, inner_splices)[slot.start : _shift(slot.end, inner_splices)]
        else:
            # The build's guarantee: only the source unit's markup and harmless inline tags,
            # never a handler or a script URL, whatever the flags; any other tag, and any tag
            # left unclosed or closing nothing, is escaped and shows as text (see _htmlsafe).
            # libxml2 reads the result again as a second opinion (_htmlrender.safe_fragment).
            source = state.source[slot.start : slot.end]
            path, line = rendition.origin or (document.path, unit.line)
            safe = safe_fragment(rendition.text, source, xml=state.xml, path=path, line=line,
                                 role=unit.role)
            edits = [(s.tag_name, s.occurrence, s.attr.name, r.text) for s, u, r in nested]
            inner = fill_fragment_attrs(safe, edits, xml=state.xml)
        marked = unit.role not in TEXT_ONLY_ELEMENTS  # <title> cannot hold a <span>
        if rendition.fallback_lang and rendition.fallback_lang != lang and marked:
            inner = f'<span lang="{rendition.fallback_lang}"{_dir_of(rendition.fallback_lang, lang)}>{inner}</span>'
        if inner == state.source[slot.start : slot.end]:
            return []
        return [(slot.start, slot.end, inner)]

    def _root_lang(self, state: HtmlState, lang: str, direction: str) -> list[Splice]:
        values = root_lang_attrs(lang, direction, xml=state.xml)
        if state.root_tag is not None:
            return set_attrs(state.root_tag, values)
        attrs = "".join(f' {key}="{value}"' for key, value in values.items())
        return [(state.insert_at, state.insert_at, f"<html{attrs}>")]


# Elements whose content is text only: a fallback there cannot be marked with a span.
TEXT_ONLY_ELEMENTS = frozenset({"title", "option", "textarea"})


def _shift(end: int, splices: list[Splice]) -> int:
    """Where ``end`` lands once ``splices`` (all before it) are applied."""
    return end + sum(len(text) - (b - a) for a, b, text in splices)


# The WHATWG Encoding Standard's labels of UTF-8.
UTF8_LABELS = frozenset(
    {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"})
_CONTENT_CHARSET = re.compile(r"(charset\s*=\s*)([\"']?)([^\s;\"']*)", re.I)
_XML_ENCODING = re.compile(r"""\sencoding\s*=\s*(["'])(.*?)\1""", re.S)


def _charset_splices(text: str, found: Scan) -> list[Splice]:
    """Splices that make every declared encoding UTF-8, the encoding of every output."""
    splices: list[Splice] = []
    declaration = _XML_DECL.match(text)
    if declaration:
        end = text.find("?>", declaration.start())
        encoding = _XML_ENCODING.search(text, declaration.start(), end if end >= 0 else len(text))
        if encoding and encoding.group(2).strip().lower() not in UTF8_LABELS:
            splices.append((encoding.start(2), encoding.end(2), "UTF-8"))
    for tag in found.tags:
        if tag.name != "meta" or tag.is_end:
            continue
        charset = tag.attr("charset")
        if charset is not None and charset.raw is not None:
            if html.unescape(charset.raw).strip().lower() not in UTF8_LABELS:
                splices.append(attr_value_splice(charset, "utf-8"))
        equiv, content = tag.attr("http-equiv"), tag.attr("content")
        if (equiv is not None and (equiv.raw or "").strip().lower() == "content-type"
                and content is not None and content.raw is not None):
            value = html.unescape(content.raw)
            fixed = _CONTENT_CHARSET.sub(
                lambda m: m.group(0) if m.group(3).lower() in UTF8_LABELS
                else m.group(1) + m.group(2) + "utf-8", value)
            if fixed != value:
                splices.append(attr_value_splice(content, fixed))
    return splices


def _dir_of(fallback: str, lang: str) -> str:
    """A fallback's ``dir`` attribute where its direction is not the page's (Arabic source
    text in an English page), else nothing."""
    own = text_direction(fallback)
    return f' dir="{own}"' if own != text_direction(lang) else ""


def _direction_attrs(found: Scan, root: Tag | None,
                     slots: Sequence[ContentSlot | AttrSlot]) -> tuple[Attr, ...]:
    """The ``dir="ltr"`` / ``dir="rtl"`` attributes of the source's elements, but the root's
    (``_root_lang`` sets that one) and those inside translated text (the translation carries
    its own)."""
    inside = [(slot.start, slot.end) for slot in slots if isinstance(slot, ContentSlot)]
    found_attrs = []
    for tag in found.tags:
        attr = None if tag.is_end or tag is root else tag.attr("dir")
        if attr is None or (attr.raw or "").strip().lower() not in ("ltr", "rtl"):
            continue
        if not any(start <= tag.start < end for start, end in inside):
            found_attrs.append(attr)
    return tuple(found_attrs)


def _direction_splices(state: HtmlState, direction: str) -> list[Splice]:
    """Direction follows the output language: an element whose ``dir`` restates the source
    language's direction (a ``<div dir="rtl">`` of an Arabic source) takes the output's; one
    whose ``dir`` differs from it marks text in another script, and keeps it."""
    try:
        source_direction = text_direction(state.lang)
    except ValueError:  # a lang attribute CLDR does not know: nothing to compare with
        return []
    if source_direction == direction:
        return []
    return [attr_value_splice(attr, direction) for attr in state.directions
            if (attr.raw or "").strip().lower() == source_direction]


def _insert_point(text: str, found: Scan) -> int:
    return found.doctype.end if found.doctype is not None else 0


FORMAT = HtmlFormat()
