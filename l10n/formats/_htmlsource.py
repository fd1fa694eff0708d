"""Safe lxml parsing of HTML/XHTML and the map from lxml elements to source offsets.

Safety first: the DOCTYPE is inspected before lxml sees the text, and a document that declares
entities, carries an internal DTD subset or points at a DTD other than the standard W3C ones is
rejected (never expanded, never fetched). lxml then parses with entity expansion, network and
DTD loading all off.

``align`` walks lxml's tree and the scanner's tags side by side: each element is matched to its
start tag (same name, same line) or marked implied (libxml2 inserted it), and its content ends
at its end tag or, when the end tag was omitted (``<p>``, ``<li>``), where the next tag begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from lxml import etree

from ..errors import InputError
from ._htmlscan import Doctype, Scan, Tag
from ._textutil import LineIndex

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_STANDARD_PUBLIC = re.compile(r"^-//W3C//DTD X?HTML[^\"']*//EN$", re.I)
_STANDARD_SYSTEM = re.compile(r"^(https?://www\.w3\.org/TR/[\w./-]+\.dtd|about:legacy-compat)$", re.I)
_EXTERNAL_ID = re.compile(
    r"""<!DOCTYPE\s+[^\s\[>]+(?:\s+(?:PUBLIC\s+(["'])(?P<pub>.*?)\1(?:\s+(["'])(?P<sys1>.*?)\3)?"""
    r"""|SYSTEM\s+(["'])(?P<sys2>.*?)\5))?\s*(?P<subset>\[.*\])?\s*>$""",
    re.I | re.S,
)


@dataclass(frozen=True)
class Span:
    """Where one element lives in the source. ``tag`` is None for an implied element."""

    tag: Tag | None
    outer_start: int
    content_start: int
    content_end: int
    outer_end: int


def check_doctype(doctype: Doctype | None, text: str, path: str) -> None:
    """Reject entity declarations, internal subsets and non-standard external DTDs."""
    if doctype is None:
        return
    lines = LineIndex(text)
    entity = doctype.text.upper().find("<!ENTITY")
    if entity >= 0:
        raise InputError(
            "entity declarations are not allowed in the DOCTYPE (they could expand without "
            "limit or read local files); remove the internal subset",
            path=path,
            line=lines.line(doctype.start + entity),
        )
    match = _EXTERNAL_ID.match(doctype.text)
    line = lines.line(doctype.start)
    if match is None:
        raise InputError("unreadable DOCTYPE declaration; use <!DOCTYPE html>", path=path, line=line)
    if match.group("subset") and match.group("subset")[1:-1].strip():
        raise InputError("an internal DTD subset is not allowed in the DOCTYPE", path=path, line=line)
    public = match.group("pub")
    system = match.group("sys1") or match.group("sys2")
    if public is not None and not _STANDARD_PUBLIC.match(public):
        raise InputError(f"non-standard DOCTYPE public identifier {public!r}", path=path, line=line)
    if system is not None and not _STANDARD_SYSTEM.match(system):
        raise InputError(
            f"the DOCTYPE points at an external DTD {system!r}; external DTDs are not allowed "
            "(no network or file access), use <!DOCTYPE html>",
            path=path,
            line=line,
        )


def parse_tree(text: str, path: str, *, xml: bool) -> etree._Element | None:
    """Parse with lxml, safely. Returns None for a document with no elements (HTML only)."""
    data = text.encode("utf-8")
    if xml:
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
            encoding="utf-8", remove_blank_text=False,
        )
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"malformed XHTML: {exc.msg}", path=path, line=exc.lineno or None) from None
        dtd = root.getroottree().docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.iterentities()):
            raise InputError("entity declarations are not allowed in the DOCTYPE", path=path, line=1)
        return root
    if not text.strip():
        return None
    parser = etree.HTMLParser(no_network=True, encoding="utf-8", huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, etree.ParserError) as exc:
        raise InputError(f"cannot parse HTML: {exc}", path=path) from None


def local_name(element: etree._Element) -> str:
    """The lower-case tag name without namespace ("p" for "{http://www.w3.org/1999/xhtml}p").

    A prefixed HTML name such as Word's ``<o:p>`` stays whole ("o:p"), as the scanner has it.
    """
    tag = element.tag
    if not isinstance(tag, str):
        raise ValueError(f"not an element: {element!r}")
    return tag.rpartition("}")[2].lower()


def _events(element: etree._Element) -> Iterator[tuple[bool, etree._Element]]:
    """(True, element) on entering each element, (False, element) on leaving it, in document
    order; comments, processing instructions and entities are left out. lxml walks the tree
    in C (a recursive generator here cost a frame per level for every element)."""
    for event, node in etree.iterwalk(element, events=("start", "end"), tag=etree.Element):
        yield event == "start", node


def _same_name(tag: Tag, name: str) -> bool:
    return tag.name == name or tag.name.rpartition(":")[2] == name


def align(root: etree._Element, scan: Scan, text: str) -> dict[etree._Element, Span]:
    """Give every lxml element its source span (see the module docstring)."""
    tags, lines = scan.tags, LineIndex(text)
    spans: dict[etree._Element, Span] = {}
    opened: dict[etree._Element, tuple[Tag | None, int, int]] = {}
    stack: list[str] = []
    i, cursor = 0, 0
    for is_start, element in _events(root):
        name = local_name(element)
        if is_start:
            j = i
            while j < len(tags) and tags[j].is_end and tags[j].name not in stack:
                j += 1  # stray end tags that libxml2 ignored
            tag = tags[j] if j < len(tags) else None
            if tag and not tag.is_end and _same_name(tag, name) and _on_line(tag, element, lines):
                i, cursor = j + 1, tag.end
                opened[element] = (tag, tag.start, tag.end)
            else:
                opened[element] = (None, cursor, cursor)
            stack.append(name)
            continue
        stack.pop()
        tag, outer_start, content_start = opened.pop(element)
        if tag is not None and (tag.self_closing or name in VOID and not _closes_next(tags, i, name)):
            spans[element] = Span(tag, outer_start, content_start, content_start, tag.end)
            continue
        j = i
        while j < len(tags) and tags[j].is_end and not _same_name(tags[j], name) and tags[j].name not in stack:
            j += 1
        nxt = tags[j] if j < len(tags) else None
        if nxt is not None and nxt.is_end and _same_name(nxt, name):
            spans[element] = Span(tag, outer_start, content_start, nxt.start, nxt.end)
            i, cursor = j + 1, nxt.end
        else:
            end = nxt.start if nxt is not None else len(text)
            spans[element] = Span(tag, outer_start, content_start, end, end)
            i = j
    return spans


def _closes_next(tags: tuple[Tag, ...], i: int, name: str) -> bool:
    return i < len(tags) and tags[i].is_end and _same_name(tags[i], name)


# libxml2's HTML parser keeps line numbers in 16 bits: from this line on, every element
# says it is on this line. Lines are counted from offsets (LineIndex), never taken from lxml.
SATURATED_LINE = 65535


def _on_line(tag: Tag, element: etree._Element, lines: LineIndex) -> bool:
    line = element.sourceline
    if line is None:
        return True
    if line >= SATURATED_LINE:  # somewhere at or after line 65,535: the tag must be too
        return lines.line(tag.end - 1) >= SATURATED_LINE
    return lines.line(tag.start) <= line <= lines.line(tag.end - 1)
