"""Safe XML reading for glossary files: no entity expansion, no DTD loading, no network.

Every XML file the glossary reads goes through ``parse_xml``. Two layers keep hostile input out:

1. Before lxml sees the bytes, the prolog is scanned: a DOCTYPE whose internal subset declares
   an entity (billion laughs, ``SYSTEM "file:///etc/passwd"``) is refused with the file and line.
   A DOCTYPE that only names an external DTD (``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``,
   the usual TBX 2008 header) is accepted: the DTD is never loaded, whatever its URL.
2. lxml parses with ``resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False``;
   any entity that slipped through is refused after parsing as well.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..fsutil import read_bytes

ENTITY_MESSAGE = "entity declarations are not allowed in glossary files"
_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def decode_xml(data: bytes, path: str | Path) -> str:
    """The document as text: BOM first, then the XML declaration's encoding, else UTF-8."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode("utf-8-sig" if codec == "utf-8" else codec, errors="replace")
    declared = _DECL_ENCODING.match(data)
    codec = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError) as exc:
        start = getattr(exc, "start", 0)
        line = data.count(b"\n", 0, start) + 1
        raise InputError(f"cannot decode the file as {codec}", path=path, line=line) from None


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _skip_prolog_item(text: str, pos: int) -> int | None:
    """Index after one whitespace run, PI or comment at ``pos``; None if none is there."""
    if text[pos].isspace():
        while pos < len(text) and text[pos].isspace():
            pos += 1
        return pos
    for opener, closer in (("<?", "?>"), ("<!--", "-->")):
        if text.startswith(opener, pos):
            end = text.find(closer, pos + len(opener))
            return len(text) if end < 0 else end + len(closer)
    return None


def check_doctype(text: str, path: str | Path) -> None:
    """Refuse a DOCTYPE whose internal subset declares entities (names the file and line)."""
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < len(text):
        after = _skip_prolog_item(text, pos)
        if after is None:
            break
        pos = after
    if not text.startswith("<!DOCTYPE", pos):
        return
    close = text.find(">", pos)
    bracket = text.find("[", pos)
    if bracket < 0 or (0 <= close < bracket):
        return  # external DTD only: never loaded
    found = re.search(r"<!ENTITY\b", text[bracket:])
    if found:
        raise InputError(ENTITY_MESSAGE, path=path, line=_line_at(text, bracket + found.start()))


def parse_xml(data: bytes, path: str | Path) -> etree._Element:
    """Parse ``data`` safely and return the root element; InputError(path, line) on any problem."""
    text = decode_xml(data, path)
    check_doctype(text, path)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        message = (exc.msg or "malformed XML").strip()
        message = re.sub(r", line \d+, column \d+$", "", message)
        raise InputError(f"not well-formed XML: {message}", path=path, line=line) from None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        raise InputError(ENTITY_MESSAGE, path=path, line=1)
    for node in root.iter(etree.Entity):
        raise InputError(ENTITY_MESSAGE, path=path, line=node.sourceline)
    return root


def parse_file(path: str | Path) -> etree._Element:
    """Read and parse an XML file safely (see ``parse_xml``)."""
    path = Path(path)
    return parse_xml(read_bytes(path), path)
