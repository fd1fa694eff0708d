"""Turn an lxml HTML tree into Units, remembering where each unit's text lives in the source.

Block elements hold units; inline elements stay inside a unit's text as HTML tags. A block
that contains other blocks yields its inline runs (text between the inner blocks) as units of
its own and lets the inner blocks yield theirs, so no text is ever extracted twice.
Translatable attributes (alt, title, aria-label, placeholder, meta description) become units
of their own; when their element sits inside a unit's text the attribute is left out of that
text (the translator sees it once) and the renderer puts it back.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from lxml import etree

from ..errors import InputError
from ..model import Unit
from ._htmlscan import Attr
from ._htmlsource import VOID, Span, local_name
from ._textutil import LineIndex, fold_runs, fold_ws, is_prose, trim_span

INLINE = frozenset(
    "a abbr b bdi bdo big br cite code data del dfn em font i img input ins kbd mark nobr q rp rt "
    "ruby s samp small span strike strong sub sup time tt u var wbr".split()
)
SKIP = frozenset("script style pre template svg math textarea noscript iframe object canvas".split())
NO_TEXT = frozenset("code kbd samp var".split())  # kept as markup, never translated
WHOLE = frozenset("title h1 h2 h3 h4 h5 h6 td th caption button label option dt legend summary".split())
CONTEXT = frozenset(
    "section article nav aside header footer main table ul ol dl form figure blockquote".split()
)
ATTRS = ("alt", "title", "aria-label", "placeholder")
META_NAMES = ("description", "og:title", "og:description")
XML_NS = "{http://www.w3.org/XML/1998/namespace}"


@dataclass(frozen=True)
class ContentSlot:
    """A content unit's trimmed source range and the attribute units nested inside it."""

    start: int
    end: int
    owned: tuple[int, ...]


@dataclass(frozen=True)
class AttrSlot:
    """An attribute unit: its source attribute and, when nested, where it sits in its owner."""

    attr: Attr
    owner: int | None
    tag_name: str
    occurrence: int


def translate_no(element: etree._Element) -> bool:
    return (element.get("translate") or "").strip().lower() == "no"


def skipped(element: etree._Element) -> bool:
    return local_name(element) in SKIP or translate_no(element)


def blockish(node: etree._Element) -> bool:
    """True for an element that breaks inline text: a block, or an inline holding a block."""
    if not isinstance(node.tag, str):
        return False
    return local_name(node) not in INLINE or any(blockish(child) for child in node)


def describe(element: etree._Element) -> str:
    """A short deterministic label such as ``<img src="amir.jpg">``."""
    name = local_name(element)
    for key in ("id", "name", "property", "src", "href"):
        value = element.get(key)
        if value:
            value = value if len(value) <= 60 else value[:57] + "..."
            return f'<{name} {key}="{value}">'
    return f"<{name}>"


def translatable_attrs(element: etree._Element) -> list[tuple[str, str, str]]:
    """(attribute, role, comment) for each attribute of ``element`` that is a unit."""
    if not len(element.attrib):  # most elements have no attributes: nothing to look up
        return []
    name, found = local_name(element), []
    if name == "meta":
        key = (element.get("name") or element.get("property") or "").strip().lower()
        if key in META_NAMES and is_prose(element.get("content") or ""):
            found.append(("content", f"meta@{key}", f"{describe(element)} content"))
    for attr in ATTRS:
        if is_prose(element.get(attr) or ""):
            role = "*@aria-label" if attr == "aria-label" else f"{name}@{attr}"
            label = "alt text" if attr == "alt" else attr
            found.append((attr, role, f"{label} of {describe(element)}"))
    return found


class _Builder:
    """Serialises an inline run with whitespace folding, collecting atomic ranges."""

    def __init__(self, xml: bool):
        self.xml, self.parts, self.size, self.space = xml, [], 0, False
        self.atomic: list[tuple[int, int]] = []
        self.plain: list[str] = []
        self.all_text: list[str] = []
        self.mute = 0
        self.counts: dict[str, int] = {}
        self.positions: dict[etree._Element, tuple[str, int]] = {}

    def _emit(self, piece: str) -> None:
        self.parts.append(piece)
        self.size += len(piece)

    def text(self, value: str | None) -> None:
        if not value:
            return
        self.all_text.append(value)
        if not self.mute:
            self.plain.append(value)
        folded = fold_runs(value)  # whitespace runs become one space, as a reader sees
        if folded.startswith(" "):
            self._space()
            folded = folded[1:]
        trailing = folded.endswith(" ")
        words = folded[:-1] if trailing else folded
        if words:
            self._emit(words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
            self.space = False
        if trailing:
            self._space()

    def _space(self) -> None:
        """One space between words: never at the start, never two in a row."""
        if self.size and not self.space:
            self._emit(" ")
            self.space = True

    def node(self, node: etree._Element) -> None:
        if node.tag is etree.Entity:
            self.text(html.unescape(node.text))
        elif isinstance(node.tag, str):
            self.element(node)
        self.text(node.tail)

    def element(self, element: etree._Element) -> None:
        name, start = local_name(element), self.size
        index = self.counts.get(name, 0)
        self.counts[name] = index + 1
        self.positions[element] = (name, index)
        strip = {attr for attr, _, _ in translatable_attrs(element)} if not translate_no(element) else set()
        attrs = "".join(
            f' {_attr_name(key)}="{_escape_attr(value)}"'
            for key, value in element.attrib.items()
            if key not in strip
        )
        empty = element.text is None and len(element) == 0
        if name in VOID and empty:
            self._emit(f"<{name}{attrs}{'/' if self.xml else ''}>")
        else:
            self._emit(f"<{name}{attrs}>")
            muted = name in NO_TEXT or translate_no(element)
            self.mute += muted
            self.text(element.text)
            for child in element:
                self.node(child)
            self.mute -= muted
            self._emit(f"</{name}>")
        self.space = False
        self.atomic.append((start, self.size))

    def result(self) -> str:
        text = "".join(self.parts)
        return text[:-1] if text.endswith(" ") and self.space else text


def _attr_name(key: str) -> str:
    if key.startswith(XML_NS):
        return "xml:" + key[len(XML_NS):]
    return key.rpartition("}")[2]


def _escape_attr(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_MARKUP = re.compile(r"<!\[CDATA\[(.*?)\]\]>|<!--.*?-->|<[^>]*>", re.S)


def source_plain(fragment: str) -> str:
    """The text a source fragment shows once tags and comments are gone (CDATA kept)."""
    out, pos = [], 0
    for match in _MARKUP.finditer(fragment):
        out.append(html.unescape(fragment[pos : match.start()]))
        if match.group(1) is not None:
            out.append(match.group(1))
        pos = match.end()
    out.append(html.unescape(fragment[pos:]))
    return "".join(out)


class Extractor:
    """Walks the tree in document order and collects units with their slots."""

    def __init__(self, source: str, spans: dict[etree._Element, Span], *, xml: bool, path: str):
        self.source, self.spans, self.xml, self.path = source, spans, xml, path
        self.lines = LineIndex(source)
        self.units: list[Unit] = []
        self.slots: list[ContentSlot | AttrSlot] = []

    def walk(self, element: etree._Element) -> None:
        if not isinstance(element.tag, str) or element.tag is etree.Entity or skipped(element):
            return
        self._attribute_units(element, owner=None, position=None)
        span = self.spans[element]
        if not any(blockish(child) for child in element):
            self._run(element, element.text, list(element), span.content_start, span.content_end)
            return
        lead, run, start = element.text, [], span.content_start
        for child in element:
            if not blockish(child):
                run.append(child)
                continue
            child_span = self.spans[child]
            self._run(element, lead, run, start, child_span.outer_start)
            self.walk(child)
            lead, run, start = child.tail, [], child_span.outer_end
        self._run(element, lead, run, start, span.content_end)

    def _run(self, owner: etree._Element, lead: str | None, nodes: list, start: int, end: int) -> None:
        if not nodes and not is_prose(lead or ""):
            return  # the whitespace between blocks, half of all runs: nothing to build
        builder = _Builder(self.xml)
        builder.text(lead)
        for node in nodes:
            builder.node(node)
        text = builder.result()
        if not is_prose("".join(builder.plain)):
            self._nested_attributes(nodes, owner=None, builder=builder)
            return
        start, end = trim_span(self.source, start, end)
        if fold_ws(source_plain(self.source[start:end])) != fold_ws("".join(builder.all_text)):
            raise InputError(
                f"cannot locate the text of <{local_name(owner)}> in the source; the markup is "
                "too irregular to rewrite safely (close the elements explicitly)",
                path=self.path,
                line=self.lines.line(start),
            )
        name = local_name(owner)
        index = len(self.units)
        atomic = tuple(sorted((a, b) for a, b in builder.atomic if b <= len(text)))
        self.units.append(
            Unit(text, name, self.lines.line(start), self._comment(owner), atomic, name not in WHOLE)
        )
        self.slots.append(ContentSlot(start, end, ()))
        before = len(self.units)
        self._nested_attributes(nodes, owner=index, builder=builder)
        self.slots[index] = ContentSlot(start, end, tuple(range(before, len(self.units))))

    def _nested_attributes(self, nodes: list, *, owner: int | None, builder: _Builder) -> None:
        for node in nodes:
            if not isinstance(node.tag, str) or node.tag is etree.Entity:
                continue
            for element in node.iter():
                if not isinstance(element.tag, str) or element.tag is etree.Entity:
                    continue
                if any(translate_no(e) for e in element.iterancestors()) and element is not node:
                    continue
                self._attribute_units(element, owner=owner, position=builder.positions.get(element))

    def _attribute_units(self, element: etree._Element, *, owner: int | None, position) -> None:
        if translate_no(element):
            return
        tag = self.spans[element].tag
        for attr_name, role, comment in translatable_attrs(element):
            source_attr = tag.attr(attr_name) if tag is not None else None
            if source_attr is None or source_attr.raw is None:
                continue
            name, occurrence = position if (owner is not None and position) else (local_name(element), 0)
            self.units.append(
                Unit(fold_ws(element.get(attr_name)), role, self.lines.line(source_attr.start), comment, (), False)
            )
            self.slots.append(AttrSlot(source_attr, owner, name, occurrence))

    def _comment(self, element: etree._Element) -> str:
        label = f"<{local_name(element)}>"
        for ancestor in element.iterancestors():
            if not isinstance(ancestor.tag, str):
                continue
            if ancestor.get("id"):
                return f'{label} in <{local_name(ancestor)} id="{ancestor.get("id")}">'
            if local_name(ancestor) in CONTEXT:
                return f"{label} in <{local_name(ancestor)}>"
        return label
