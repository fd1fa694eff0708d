"""A position-keeping scan of HTML/XHTML source text.

lxml decides what the document *is* (structure, text, safety); it does not say where things
are in the source beyond a line number. This scanner finds every start and end tag with its
character offsets and the offsets of each attribute value, so the renderer can splice
translations into the original text and leave every other byte alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RAW_TEXT = frozenset({"script", "style"})
# A character reference: decimal or hexadecimal (within Unicode's range of digits) or named.
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_ATTR_NAME = re.compile(r"[^\s/>=]+")
_UNQUOTED = re.compile(r"[^\s>]*")
_END_TAG = re.compile(r"</([A-Za-z][^\s/>]*)[^>]*>?")


@dataclass(frozen=True)
class Attr:
    """One attribute of a start tag; ``raw`` is its undecoded value (None for a bare name)."""

    name: str
    raw: str | None
    start: int  # offset of the attribute name
    value_start: int  # offset of the first character of the value (inside the quotes)
    value_end: int
    quote: str  # '"', "'" or "" (unquoted or no value)


@dataclass(frozen=True)
class Tag:
    """A start tag (``end`` False) or end tag found in the source, with its offsets."""

    name: str  # lower-cased; a namespace prefix is kept ("svg:rect")
    start: int
    end: int
    is_end: bool = False
    attrs: tuple[Attr, ...] = ()
    self_closing: bool = False

    def attr(self, name: str) -> Attr | None:
        for attr in self.attrs:
            if attr.name == name:
                return attr
        return None


@dataclass(frozen=True)
class Doctype:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Scan:
    tags: tuple[Tag, ...]
    doctype: Doctype | None


def scan(text: str, *, xml: bool) -> Scan:
    """Find tags, skipping comments, CDATA, processing instructions and raw-text content."""
    tags: list[Tag] = []
    doctype: Doctype | None = None
    pos, size = 0, len(text)
    while True:
        pos = text.find("<", pos)
        if pos < 0 or pos + 1 >= size:
            break
        nxt = text[pos + 1]
        if text.startswith("<!--", pos):
            pos = _after(text, "-->", pos + 4)
        elif text.startswith("<![CDATA[", pos):
            pos = _after(text, "]]>", pos + 9)
        elif nxt == "!":
            end = _declaration_end(text, pos)
            if doctype is None and text[pos + 2 : pos + 9].upper() == "DOCTYPE":
                doctype = Doctype(pos, end, text[pos:end])
            pos = end
        elif nxt == "?":
            pos = _after(text, "?>" if xml else ">", pos + 2)
        elif nxt == "/":
            match = _END_TAG.match(text, pos)
            if match is None:
                pos += 2
                continue
            tags.append(Tag(match.group(1).lower(), pos, match.end(), is_end=True))
            pos = match.end()
        elif _NAME.match(text, pos + 1):
            tag = _start_tag(text, pos)
            tags.append(tag)
            pos = tag.end
            if not xml and tag.name in RAW_TEXT and not tag.self_closing:
                close = re.compile(rf"</{tag.name}[\s/>]", re.I).search(text, pos)
                pos = close.start() if close else size
        else:
            pos += 1
    return Scan(tuple(tags), doctype)


def _after(text: str, marker: str, pos: int) -> int:
    found = text.find(marker, pos)
    return len(text) if found < 0 else found + len(marker)


def _declaration_end(text: str, pos: int) -> int:
    """End of ``<!...>``, stepping over quoted strings and a ``[...]`` internal subset."""
    depth, quote, i = 0, "", pos + 2
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == ">" and depth == 0:
            return i + 1
        i += 1
    return len(text)


def _start_tag(text: str, pos: int) -> Tag:
    name_match = _NAME.match(text, pos + 1)
    assert name_match is not None
    i, attrs, size = name_match.end(), [], len(text)
    while i < size:
        while i < size and (text[i].isspace() or (text[i] == "/" and text[i + 1 : i + 2] != ">")):
            i += 1
        if i >= size:
            break
        if text[i] == ">":
            return Tag(name_match.group().lower(), pos, i + 1, attrs=tuple(attrs))
        if text.startswith("/>", i):
            return Tag(name_match.group().lower(), pos, i + 2, attrs=tuple(attrs), self_closing=True)
        attr, i = _attribute(text, i)
        attrs.append(attr)
    return Tag(name_match.group().lower(), pos, size, attrs=tuple(attrs))


def _attribute(text: str, i: int) -> tuple[Attr, int]:
    name_match = _ATTR_NAME.match(text, i)
    if name_match is None:  # a stray character such as '=': skip it
        return Attr("", None, i, i, i, ""), i + 1
    name, start = name_match.group().lower(), i
    j = name_match.end()
    k = j
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text) or text[k] != "=":
        return Attr(name, None, start, j, j, ""), j
    k += 1
    while k < len(text) and text[k].isspace():
        k += 1
    if k < len(text) and text[k] in "\"'":
        quote = text[k]
        close = text.find(quote, k + 1)
        close = len(text) if close < 0 else close
        return Attr(name, text[k + 1 : close], start, k + 1, close, quote), close + 1
    value = _UNQUOTED.match(text, k)
    assert value is not None
    return Attr(name, value.group(), start, k, value.end(), ""), value.end()
