"""Safe XML reading for glossary files: no entity expansion, no DTD loading, no network.

Every XML file the glossary reads goes through ``parse_xml`` or ``XMLStream``. Two layers keep
hostile input out:

1. Before lxml sees the bytes, the prolog is scanned: a DOCTYPE whose internal subset declares
   an entity (billion laughs, ``SYSTEM "file:///etc/passwd"``) is refused with the file and line.
   A DOCTYPE that only names an external DTD (``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``,
   the usual TBX 2008 header) is accepted: the DTD is never loaded, whatever its URL.
2. lxml parses with ``resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False``;
   any entity that slipped through is refused after parsing as well.

``XMLStream`` reads the same way, incrementally: it hands out the elements a reader asks for as
soon as they are complete and lets the reader free them, so a large glossary never sits in
memory as a whole tree. Its errors are the ones ``parse_xml`` would raise for the same bytes.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..errors import InputError
from .fs import MAX_GLOSSARY_BYTES, MAX_INPUT_BYTES, open_regular, read_bytes

ENTITY_MESSAGE = "entity declarations are not allowed in glossary files"
_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


# The parser settings every glossary read uses, for the tree parser and the incremental one.
_SAFE_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def _parser(long_texts: bool = False) -> etree.XMLParser:
    return etree.XMLParser(**_options(long_texts))


def _options(long_texts: bool) -> dict:
    """The parser's settings; ``long_texts``: libxml2's limits on one text node (10 MB) and
    on depth lifted (XML_PARSE_HUGE; see XMLStream)."""
    return dict(_SAFE_OPTIONS, huge_tree=True) if long_texts else _SAFE_OPTIONS


def _codec(data: bytes) -> tuple[str, str]:
    """(codec, error handling) to decode the document: BOM first, then the XML declaration's
    encoding, else UTF-8."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return codec, "replace"
    declared = _DECL_ENCODING.match(data)
    return (declared.group(1).decode("ascii").lower() if declared else "utf-8"), "strict"


def decode_xml(data: bytes, path: str | Path) -> str:
    """The document as text: BOM first, then the XML declaration's encoding, else UTF-8."""
    codec, errors = _codec(data)
    try:
        return data.decode(codec, errors)
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


def _prolog_end(text: str) -> int:
    """Where the whitespace, PIs and comments at the start of the document end."""
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < len(text):
        after = _skip_prolog_item(text, pos)
        if after is None:
            break
        pos = after
    return pos


def _settled(head: str) -> bool:
    """Whether ``check_doctype`` decides on ``head``, the start of a longer document, as it
    would on the whole: the prolog ends inside it, followed by no DOCTYPE or by one that names
    an external DTD only. (A DOCTYPE with an internal subset needs the whole text.)"""
    pos = _prolog_end(head)
    if len(head) - pos <= len("<!DOCTYPE"):
        return False
    if not head.startswith("<!DOCTYPE", pos):
        return True
    close, bracket = head.find(">", pos), head.find("[", pos)
    return close >= 0 and (bracket < 0 or close < bracket)


def check_document(source: bytes | BinaryIO, path: str | Path, block: int = 1 << 16) -> None:
    """``check_doctype(decode_xml(data, path), path)``, with the same errors, for the bytes or
    the open file ``source``, without making the whole document a string (up to four times
    its size for a file of UTF-8 text) or reading it whole: it is decoded a block at a time,
    and only the start is kept, when it settles the DOCTYPE question; otherwise (rare) the
    whole text is checked as before."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    handle.seek(0)
    codec, errors = _codec(handle.read(1024))  # the BOM or the XML declaration
    handle.seek(0)
    first = handle.read(block)
    try:
        decoder = codecs.getincrementaldecoder(codec)(errors)
        following = handle.read(block)
        head = decoder.decode(first, final=not following)
        if following and not _settled(head):
            raise LookupError  # check the whole text
        while following:
            piece, following = following, handle.read(block)
            decoder.decode(piece, final=not following)
    except (LookupError, UnicodeDecodeError):
        handle.seek(0)
        head = decode_xml(handle.read(), path)  # raises the decoding error, with its line
    check_doctype(head, path)


def check_doctype(text: str, path: str | Path) -> None:
    """Refuse a DOCTYPE whose internal subset declares entities (names the file and line)."""
    pos = _prolog_end(text)
    if not text.startswith("<!DOCTYPE", pos):
        return
    close = text.find(">", pos)
    bracket = text.find("[", pos)
    if bracket < 0 or (0 <= close < bracket):
        return  # external DTD only: never loaded
    found = re.search(r"<!ENTITY\b", text[bracket:])
    if found:
        raise InputError(ENTITY_MESSAGE, path=path, line=_line_at(text, bracket + found.start()))


def parse_xml(data: bytes, path: str | Path, *, long_texts: bool = False) -> etree._Element:
    """Parse ``data`` safely and return the root element; InputError(path, line) on any problem.
    ``long_texts``: as XMLStream's (its errors are worded by this parse)."""
    check_doctype(decode_xml(data, path), path)
    try:
        root = etree.fromstring(data, _parser(long_texts))
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    if _declares_entities(root):
        raise InputError(ENTITY_MESSAGE, path=path, line=1)
    for node in root.iter(etree.Entity):
        raise InputError(ENTITY_MESSAGE, path=path, line=node.sourceline)
    return root


def _syntax_error(exc: etree.XMLSyntaxError, path: str | Path) -> InputError:
    line = exc.lineno or None
    message = (exc.msg or "malformed XML").strip()
    message = re.sub(r", line \d+, column \d+$", "", message)
    return InputError(f"not well-formed XML: {message}", path=path, line=line)


def _declares_entities(root: etree._Element) -> bool:
    dtd = root.getroottree().docinfo.internalDTD
    return dtd is not None and bool(list(dtd.iterentities()))


def parse_file(path: str | Path) -> etree._Element:
    """Read and parse an XML file safely (see ``parse_xml``)."""
    path = Path(path)
    return parse_xml(read_bytes(path), path)


def _entity_line(element: etree._Element) -> int | None:
    """The line of the first entity reference in ``element`` (itself included); None if none."""
    node = next(element.iter(etree.Entity), None)
    return None if node is None else node.sourceline or 0


class XMLStream:
    """A safe incremental read: ("start" | "end", element) for the elements named ``tags``
    (only the ``events`` asked for).

    ``tags`` are local names, matched in any namespace or none. Iterating runs the same checks
    as ``parse_xml`` and raises the same InputError for the same bytes, with its priorities: a
    syntax error anywhere beats an entity reference, which beats anything the reader found
    itself (so a reader should keep its own first error until the iteration has ended).

    An element is handed out at its "end" only once its content is known to hold no entity
    reference; after the first one is found nothing more is handed out, the rest of the file is
    parsed for syntax errors, and the iteration ends with the entity error. Only a file with a
    DOCTYPE is searched element by element: without one, libxml2 refuses any entity reference
    but the predefined five as a syntax error, so no entity node can be built. A reader passes
    each element it has finished with to ``release``, which frees its content and everything
    before it in its parent, so memory holds the elements being read rather than the whole
    tree. ``root`` is the document element once the iteration has ended.

    ``source`` is the document's bytes, or a file opened for reading (see ``stream_file``),
    which is then read a block at a time and never held whole. ``long_texts``: libxml2's
    limits on one text node (10 MB) and on depth lifted (its XML_PARSE_HUGE), for a reader
    that drops such a text as it ends (``parse_with_embedded``); entities stay refused.
    """

    def __init__(self, source: bytes | BinaryIO, path: str | Path, tags: Iterable[str],
                 events: tuple[str, ...] = ("start", "end"), *, long_texts: bool = False):
        self.source, self.path = source, path
        self.long_texts = long_texts
        self._reader: _Limited | None = None  # the open file as the parser reads it
        self.tags = tuple(f"{{*}}{tag}" for tag in tags)
        self.events = events
        self.root: etree._Element | None = None
        self._doctype: bool | None = None  # whether the file has a DOCTYPE (known at the root)
        self._entity_line: int | None = None  # the line of the first entity reference found

    def __iter__(self) -> Iterator[tuple[str, etree._Element]]:
        try:
            yield from self._events()
        finally:
            if not isinstance(self.source, bytes):
                self.source.close()

    def _events(self) -> Iterator[tuple[str, etree._Element]]:
        check_document(self.source, self.path)
        events = etree.iterparse(self._input(), events=self.events, tag=self.tags,
                                 **_options(self.long_texts))
        try:
            for event, element in events:
                if self._doctype is None:
                    self._doctype = element.getroottree().docinfo.internalDTD is not None
                    if not self._doctype:  # no entity node can exist: hand out the rest as is
                        yield event, element
                        yield from events
                        break
                if self._entity_line is not None:
                    continue  # refused: parse on only to report a syntax error first
                if event == "end":
                    self._entity_line = _entity_line(element)
                    if self._entity_line is not None:
                        continue
                yield event, element
        except etree.XMLSyntaxError as exc:
            raise self._error(_syntax_error(exc, self.path)) from None
        self.root = events.root
        if self._entity_line is None:
            self._entity_line = _entity_line(self.root)
        if self._entity_line is not None or _declares_entities(self.root):
            raise self._error(InputError(ENTITY_MESSAGE, path=self.path, line=self._entity_line))

    def release(self, element: etree._Element) -> None:
        """Free an element the reader has finished with, and the siblings before it."""
        element.clear()
        parent = element.getparent()
        if parent is None:
            return
        while element.getprevious() is not None:
            if self._doctype and self._entity_line is None:
                self._entity_line = _entity_line(parent[0])
            del parent[0]

    def _error(self, found: InputError) -> InputError:
        """The error ``parse_xml`` reports for these bytes (``found`` if it reports none).

        libxml2's incremental parser words a few errors differently from its one-shot parser
        (an empty file is "no element found", not "Document is empty") and may place a node on
        another line, so a file found to be bad is parsed once more in one go and that parse's
        error is the one reported. This only runs for a file that is refused, and not for one
        over MAX_INPUT_BYTES, whose tree would take too much memory: its error is the stream's.
        """
        if not isinstance(self.source, bytes) and (
                os.fstat(self.source.fileno()).st_size > MAX_INPUT_BYTES):
            return found  # a tree of a file this large would cost ten times its size
        try:
            parse_xml(self._bytes(), self.path, long_texts=self.long_texts)
        except InputError as error:
            return error
        return found

    def _input(self) -> BinaryIO:
        """The document from its start, for the parser."""
        if isinstance(self.source, bytes):
            return io.BytesIO(self.source)
        self.source.seek(0)
        self._reader = _Limited(self.source, self.path)
        return self._reader

    @property
    def bytes_read(self) -> int:
        """How much of the file the parser has read so far (of a file, not of bytes)."""
        return self._reader.size if self._reader is not None else 0

    def _bytes(self) -> bytes:
        """The whole document (only to word the error of a file found to be bad)."""
        if isinstance(self.source, bytes):
            return self.source
        self.source.seek(0)
        return self.source.read(MAX_GLOSSARY_BYTES + 1)


class _Limited:
    """A file read for the parser, which stops at MAX_GLOSSARY_BYTES: a file that grows while
    it is read is refused as read_bytes refuses it."""

    def __init__(self, handle: BinaryIO, path: str | Path):
        self.handle, self.path, self.size = handle, path, 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.size += len(data)
        if self.size > MAX_GLOSSARY_BYTES:
            limit = MAX_GLOSSARY_BYTES // (1024 * 1024)
            raise InputError(f"file too large (the limit is {limit} MiB)", path=self.path)
        return data


def parse_with_embedded(path: str | Path, embedded: Iterable[str], marks: Iterable[str], *,
                        limit: int = MAX_INPUT_BYTES) -> etree._Element:
    """Parse a file larger than ``limit`` whose excess is data embedded in it: the text of the
    elements named ``embedded`` (local names: XLIFF 1.2's ``<internal-file>``, the original
    document in base64 that Trados keeps in an SDLXLIFF file) is dropped as each ends, and
    what is left must stay within ``limit``, checked at the end of each element named in
    ``marks`` (units: so that a file of elements alone is refused early, memory never holding
    a tree of much more than ``limit`` bytes of XML). The same checks as ``parse_xml``
    otherwise (``XMLStream``); InputError "file too large" past the limit."""
    path = Path(path)
    names = set(embedded)
    too_large = f"file too large (the limit is {limit // (1024 * 1024)} MiB, embedded files aside)"
    try:
        if os.stat(path).st_size <= limit:
            marks = ()  # nothing to check on the way: fewer events, a faster parse
    except OSError:
        pass  # stream_file words the problem
    stream = stream_file(path, (*embedded, *marks), events=("end",), long_texts=True)
    width = _ascii_width(stream)
    dropped = 0  # bytes of the file: embedded data (base64) is ASCII, so many bytes a char
    for _, element in stream:
        if element.tag.rpartition("}")[2] in names:
            dropped += len(element.text or "") * width
            element.text = None
        elif stream.bytes_read - dropped > limit + (1 << 16):  # a block read ahead at most
            raise InputError(too_large, path=path)
    if path.stat().st_size - dropped > limit:
        raise InputError(too_large, path=path)
    _check_depth(stream.root, path)
    return stream.root


def _ascii_width(stream: XMLStream) -> int:
    """How many bytes an ASCII character takes in the stream's file (1 in UTF-8, 2 in
    UTF-16...), by its BOM or declared encoding; 1 when it cannot tell (the parse then
    words what is wrong)."""
    source = stream.source
    head = source if isinstance(source, bytes) else source.read(1024)
    if not isinstance(source, bytes):
        source.seek(0)
    codec, _ = _codec(head)
    try:
        return len("aa".encode(codec)) - len("a".encode(codec))
    except LookupError:
        return 1


# How deep libxml2 lets elements nest without XML_PARSE_HUGE, which parse_with_embedded
# needs for its long texts: the readers of nested markup (inline codes) recurse, and must
# meet no deeper document from there than from parse_xml.
MAX_DEPTH = 256


def _check_depth(root: etree._Element, path: str | Path) -> None:
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth > MAX_DEPTH:
            raise InputError(f"not well-formed XML: Excessive depth in document: {MAX_DEPTH}",
                             path=path, line=element.sourceline)


def stream_file(path: str | Path, tags: Iterable[str],
                events: tuple[str, ...] = ("start", "end"), *,
                long_texts: bool = False) -> XMLStream:
    """A safe incremental read of an XML file (see ``XMLStream``), read from the open file a
    block at a time: memory never holds its bytes whole. Opened as ``fs.open_regular`` opens
    files (missing, a folder, a FIFO or larger than MAX_GLOSSARY_BYTES: InputError).
    ``events``: ("end",) for a reader that needs no "start" (fewer events: faster)."""
    path = Path(path)
    return XMLStream(open_regular(path, limit=MAX_GLOSSARY_BYTES), path, tags, events,
                     long_texts=long_texts)
