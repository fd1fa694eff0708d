"""Inline markup in a catalogue string <-> XLIFF inline codes, both ways, without loss.

A msgid keeps the inline markup of its source as text: HTML tags (``<strong>``, ``<a href=…>``,
``<br/>``) and, for entries of Markdown documents, code spans, links and emphasis delimiters.
In XLIFF each of them becomes an inline code, which CAT tools show as a protected tag:

===================  ============================================  =============================
markup               XLIFF 1.2                                     XLIFF 2.0
===================  ============================================  =============================
paired ``<b>…</b>``  ``<g ctype="x-html-b">`` (a bare tag), else   ``<pc dataRefStart dataRefEnd>``
                     ``<bpt>&lt;a href…&gt;</bpt>…<ept>``
standalone ``<br>``  ``<x ctype="x-html-br"/>`` (a bare tag), else  ``<ph dataRef>``
                     ``<ph>&lt;img …&gt;</ph>``
unpaired             ``<it pos="open|close">``                     ``<sc|ec isolated="yes">``
a control character  ``<x ctype="x-char-001B"/>``                  ``<cp hex="001B"/>``
===================  ============================================  =============================

1.2's ``<g>`` and ``<x>`` carry no native data, so they are used only where the tag is given by
its name alone; anything with attributes travels as native data in ``<bpt>/<ept>/<ph>``. In
2.0 every code's native text is in the unit's ``<originalData>``. Reading back, a code a CAT
tool wrote without native data is looked up by its id among the source's codes.

A target's codes take the ids of the source's codes with the same native text, so that a CAT
tool sees them as the same tags.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from lxml import etree

from ..errors import InputError
from ..formats._mdinline import code_spans

NS11 = "urn:oasis:names:tc:xliff:document:1.1"  # read as 1.2 (translate-toolkit writes it)
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"

_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(/?)>", re.DOTALL)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_BARE_12 = re.compile(r"<([a-z][a-z0-9]*)(/?)>")
# Markdown, for entries of Markdown documents: code spans, autolinks, the two halves of a link
# or image, emphasis delimiters. Inline HTML is found by _TAG.
_MARKDOWN = re.compile(
    r"(?P<auto><[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)"
    r"|(?P<linkopen>!?\[)"
    r"|(?P<linkclose>\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\))"
    r"|(?P<strong>\*\*|(?<![\w_])__|__(?![\w_]))"
    r"|(?P<em>\*|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_]))", re.DOTALL)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Code:
    """One inline code: ``kind`` is "open", "close" or "empty" ("char" for a character XML
    cannot carry); ``partner`` the index of the other half of a pair (None: unpaired)."""

    native: str
    kind: str
    name: str = ""
    partner: int | None = None
    opens: bool = True  # a Markdown delimiter that may open, or close, emphasis
    closes: bool = True


Token = str | Code


def tokenize(text: str, *, markdown: bool = False) -> list[Token]:
    """``text`` as text runs and codes; ``"".join(native(tokens)) == text`` always.

    The work grows linearly with the text, whatever its shape (40,000 tags in one entry)."""
    spans: list[tuple[int, int, Code]] = []
    taken: list[tuple[int, int]] = []  # code spans and autolinks: no tag inside them
    if markdown:
        # Code spans as the extractor finds them (a look-up per backtick run, not a scan)
        codes = [span for span in code_spans(text) if not _NOT_XML.search(text, *span)]
        spans += [(start, end, Code(text[start:end], "empty", "md")) for start, end in codes]
        taken += codes
        for found in _MARKDOWN.finditer(text):
            kind, value = found.lastgroup, found.group()
            if _NOT_XML.search(value) or _overlaps(codes, found.start(), found.end()):
                continue  # inside a code span; or its control characters become codes
            if kind == "auto":
                code = Code(value, "empty", "md")
                taken.append(found.span())
            elif kind == "linkopen":
                code = Code(value, "open", "md-link")
            elif kind == "linkclose":
                code = Code(value, "close", "md-link")
            else:  # CommonMark's flanking, simplified: an opener before a non-space, a
                # closer after one ("2 * 3 * 4" is no emphasis)
                before = text[found.start() - 1:found.start()]
                after = text[found.end():found.end() + 1]
                code = Code(value, "toggle", f"md-{value}")
                code.opens = bool(after) and not after.isspace()
                code.closes = bool(before) and not before.isspace()
            spans.append((found.start(), found.end(), code))
    taken.sort()
    for found in _TAG.finditer(text):
        if _overlaps(taken, found.start(), found.end()) or _NOT_XML.search(found.group()):
            continue
        closing, name, slash = found.group(1), (found.group(2) or "").lower(), found.group(3)
        if not name:
            kind = "empty"  # a comment
        elif closing:
            kind = "close"
        elif slash or name in _VOID:
            kind = "empty"
        else:
            kind = "open"
        spans.append((found.start(), found.end(), Code(found.group(), kind, name)))
    # Characters XML cannot carry; one inside a code is dropped below with the code's overlap.
    spans += [(found.start(), found.end(), Code(found.group(), "char"))
              for found in _NOT_XML.finditer(text)]
    spans.sort(key=lambda span: span[0])
    tokens: list[Token] = []
    pos = 0
    for start, end, code in _non_overlapping(spans):
        if start > pos:
            tokens.append(text[pos:start])
        tokens.append(code)
        pos = end
    if pos < len(text):
        tokens.append(text[pos:])
    _pair(tokens)
    return _merge_text(tokens)


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``ranges`` (sorted, apart), in log time."""
    index = bisect_left(ranges, (end, -1)) - 1
    return index >= 0 and ranges[index][1] > start


def _non_overlapping(spans):
    last = 0
    for span in spans:
        if span[0] >= last:
            yield span
            last = span[1]


def _pair(tokens: list[Token]) -> None:
    """Pair opening and closing codes, properly nested; Markdown delimiters left unpaired go
    back to being text, unpaired HTML tags stay isolated codes.

    ``depths`` keeps, per name, the stack positions of the open codes of that name, so that a
    closing code finds its partner without searching the stack."""
    stack: list[int] = []
    depths: dict[str, list[int]] = {}

    def push(index: int) -> None:
        depths.setdefault(tokens[index].name, []).append(len(stack))
        stack.append(index)

    def pop_above(depth: int) -> None:
        while len(stack) > depth + 1:  # opens crossed by this pair: unpaired
            above = stack.pop()
            depths[tokens[above].name].pop()
            if tokens[above].name.startswith("md"):
                tokens[above] = tokens[above].native

    for index, token in enumerate(tokens):
        if not isinstance(token, Code) or token.kind in ("empty", "char"):
            continue
        if token.kind == "toggle":
            if stack and tokens[stack[-1]].name == token.name and token.closes:
                depths[token.name].pop()
                _join(tokens, stack.pop(), index)
            elif token.opens:
                token.kind = "open"
                push(index)
        elif token.kind == "open":
            push(index)
        elif depths.get(token.name):
            depth = depths[token.name][-1]
            pop_above(depth)
            depths[token.name].pop()
            _join(tokens, stack.pop(), index)
    for index, token in enumerate(tokens):
        if isinstance(token, Code) and token.partner is None and token.name.startswith("md-"):
            tokens[index] = token.native


def _join(tokens: list[Token], opening: int, closing: int) -> None:
    tokens[opening].kind, tokens[closing].kind = "open", "close"
    tokens[opening].partner, tokens[closing].partner = closing, opening


def _merge_text(tokens: list[Token]) -> list[Token]:
    """Adjacent text runs joined (a delimiter that went back to text joins its neighbours),
    empty ones dropped, and the partners' indices moved to match."""
    merged: list[Token] = []
    moved: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if isinstance(token, str):
            if merged and isinstance(merged[-1], str):
                merged[-1] += token
            elif token:
                merged.append(token)
        else:
            moved[index] = len(merged)
            merged.append(token)
    for token in merged:
        if isinstance(token, Code) and token.partner is not None:
            token.partner = moved[token.partner]
    return merged


def _signature(tokens: list[Token], index: int) -> tuple:
    code = tokens[index]
    if code.partner is not None:
        return ("pair", code.native, tokens[code.partner].native)
    return (code.kind, code.native)


def assign_ids(source: list[Token], targets: list[list[Token]]) -> list[dict[int, str]]:
    """Ids for the codes of ``source`` and of each target: per list, token index -> id (a
    pair's two halves share one). A target's code takes the id of the source's code with the
    same native text (the first unused one), or a new id."""
    pool: dict[tuple, list[str]] = {}
    result = [_number(source, pool, None)]
    for target in targets:
        available = {key: list(ids) for key, ids in pool.items()}
        result.append(_number(target, available, len(result[0]) and max(
            (int(i) for i in result[0].values()), default=0)))
    return result


def _number(tokens: list[Token], pool: dict[tuple, list[str]], after: int | None
            ) -> dict[int, str]:
    ids: dict[int, str] = {}
    fresh = after or 0
    for index, token in enumerate(tokens):
        if not isinstance(token, Code) or token.kind == "char" or index in ids:
            continue
        key = _signature(tokens, index)
        if after is not None and pool.get(key):
            value = pool[key].pop(0)
        else:
            fresh += 1
            value = str(fresh)
            if after is None:
                pool.setdefault(key, []).append(value)
        ids[index] = value
        if token.partner is not None:
            ids[token.partner] = value
    return ids


# ------------------------------------------------------------------------------- writing


def fill_12(parent: etree._Element, tokens: list[Token], ids: dict[int, str]) -> None:
    """Put ``tokens`` into the 1.2 element ``parent`` (a source or target) as text and codes."""
    _fill(parent, tokens, 0, len(tokens), ids, _element_12, None)


def fill_20(parent: etree._Element, tokens: list[Token], ids: dict[int, str],
            data: dict[str, str]) -> None:
    """Put ``tokens`` into the 2.0 element ``parent``; ``data`` (native text -> data id) grows
    with the native text of each code, for the unit's ``<originalData>``."""
    _fill(parent, tokens, 0, len(tokens), ids, _element_20, data)


# Paired codes nest as elements (<g>, <pc>) this deep at most; deeper ones are written flat
# (<bpt>/<ept>, <sc>/<ec>), so that no entry makes a document deeper than XML parsers read
# (libxml2 refuses 256 levels without its huge-tree option).
MAX_NESTING = 32


def _fill(parent, tokens, start, stop, ids, make, data, depth=0) -> None:
    last = None
    index = start
    while index < stop:
        token = tokens[index]
        if isinstance(token, str):
            if last is None:
                parent.text = (parent.text or "") + token
            else:
                last.tail = (last.tail or "") + token
            index += 1
            continue
        element, inner = make(parent, tokens, index, ids, data, depth < MAX_NESTING)
        last = element
        if inner:  # a nesting element (g, pc): its content up to the partner goes inside
            _fill(element, tokens, index + 1, token.partner, ids, make, data, depth + 1)
            index = token.partner + 1
        else:  # bpt or sc: the content follows as siblings, then ept or ec
            index += 1


def _element_12(parent, tokens, index, ids, data, nest=True):
    code = tokens[index]
    if code.kind == "char":
        element = etree.SubElement(parent, f"{{{NS12}}}x", id=f"c{ord(code.native):04X}",
                                   ctype=f"x-char-{ord(code.native):04X}")
        return element, False
    ident = ids[index]
    bare = _BARE_12.fullmatch(code.native)
    if code.partner is not None and code.kind == "open":
        closing = tokens[code.partner].native
        if nest and bare and not bare.group(2) and closing == f"</{bare.group(1)}>":
            return etree.SubElement(parent, f"{{{NS12}}}g", id=ident,
                                    ctype=f"x-html-{bare.group(1)}"), True
        element = etree.SubElement(parent, f"{{{NS12}}}bpt", id=ident)
    elif code.partner is not None:
        element = etree.SubElement(parent, f"{{{NS12}}}ept", id=ident)
    elif code.kind == "empty":
        if bare and not code.name.startswith("md"):
            return etree.SubElement(parent, f"{{{NS12}}}x", id=ident,
                                    ctype=f"x-html-{bare.group(1)}{bare.group(2)}"), False
        element = etree.SubElement(parent, f"{{{NS12}}}ph", id=ident)
    else:
        element = etree.SubElement(parent, f"{{{NS12}}}it", id=ident,
                                   pos="open" if code.kind == "open" else "close")
    element.text = code.native
    return element, False


def _data_id(data: dict[str, str], native: str) -> str:
    if native not in data:
        data[native] = f"d{len(data) + 1}"
    return data[native]


def _element_20(parent, tokens, index, ids, data, nest=True):
    code = tokens[index]
    if code.kind == "char":
        return etree.SubElement(parent, f"{{{NS20}}}cp", hex=f"{ord(code.native):04X}"), False
    ident = ids[index]
    if code.partner is not None and not nest:
        if code.kind == "open":
            return etree.SubElement(parent, f"{{{NS20}}}sc", id=ident,
                                    dataRef=_data_id(data, code.native)), False
        return etree.SubElement(parent, f"{{{NS20}}}ec", startRef=ident,
                                dataRef=_data_id(data, code.native)), False
    if code.partner is not None:
        closing = tokens[code.partner].native
        element = etree.SubElement(parent, f"{{{NS20}}}pc", id=ident,
                                   dataRefStart=_data_id(data, code.native),
                                   dataRefEnd=_data_id(data, closing))
        element.set("type", "fmt")
        return element, True
    if code.kind == "empty":
        return etree.SubElement(parent, f"{{{NS20}}}ph", id=ident,
                                dataRef=_data_id(data, code.native)), False
    tag = "sc" if code.kind == "open" else "ec"
    return etree.SubElement(parent, f"{{{NS20}}}{tag}", id=ident, isolated="yes",
                            dataRef=_data_id(data, code.native)), False


def original_data(data: dict[str, str]) -> etree._Element | None:
    """The 2.0 ``<originalData>`` element for ``data`` (None when no code was used)."""
    if not data:
        return None
    element = etree.Element(f"{{{NS20}}}originalData")
    for native, ident in data.items():
        etree.SubElement(element, f"{{{NS20}}}data", id=ident).text = native
    return element


# ------------------------------------------------------------------------------- reading


class Decoder:
    """Reads the text of XLIFF source and target elements back, natives restored.

    ``known`` collects each code's native text by (kind, id) as the source is read, for a
    target whose codes a tool wrote without their native data. ``bare_codes``: a code
    without native data that matches none of the source's is its content only (a pair's
    text, a placeholder's nothing) instead of an error."""

    def __init__(self, path: str, data: dict[str, str] | None = None, *,
                 bare_codes: bool = False):
        self.path = path
        self.data = data or {}
        self.known: dict[tuple[str, str], tuple[str, str]] = {}
        self.bare_codes = bare_codes

    def text(self, element: etree._Element) -> str:
        parts: list[str] = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str):
                parts.append(self._code(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def _native(self, child: etree._Element) -> str:
        return "".join(child.itertext())

    def _code(self, child: etree._Element) -> str:
        namespace, _, name = child.tag[1:].partition("}")
        ident = child.get("id", "")
        ctype = child.get("ctype") or ""
        if name == "mrk":
            return self.text(child)
        if namespace in (NS11, NS12):
            if name == "g":
                pair = self._bare(ctype, pair=True) or self._lookup("pair", ident, child)
                self.known[("pair", ident)] = pair
                return pair[0] + self.text(child) + pair[1]
            if name in ("x", "bx", "ex"):
                if ctype.startswith("x-char-"):
                    return self._char(ctype[7:], child)
                native = self._bare(ctype, pair=False)
                if native is None:
                    native = self._lookup(name, ident, child)[0]
                self.known[(name, ident)] = (native, "")
                return native
            if name in ("bpt", "ept", "ph", "it"):
                native = self._native(child)
                if not native and (name, ident) in self.known:  # written without native data
                    native = self.known[(name, ident)][0]
                self.known[(name, ident)] = (native, "")
                if name == "ept" and ("bpt", ident) in self.known:
                    self.known.setdefault(("pair", ident), (self.known[("bpt", ident)][0], native))
                return native
        elif namespace == NS20:
            if name == "cp":
                return self._char(child.get("hex", ""), child)
            if name == "pc":
                start = self._ref(child, "dataRefStart")
                end = self._ref(child, "dataRefEnd")
                if start is None or end is None:
                    start, end = self._lookup("pair", ident, child)
                self.known[("pair", ident)] = (start, end)
                return start + self.text(child) + end
            if name in ("ph", "sc", "ec"):
                native = self._ref(child, "dataRef")
                if native is None and name == "ec" and child.get("startRef"):
                    ident = child.get("startRef")  # the end of a pair written as sc/ec
                    native = self.known.get(("pair", ident), (None, None))[1]
                if native is None:
                    native = self._lookup(name, ident, child)[0]
                self.known[(name, ident)] = (native, "")
                return native
            if name in ("sm", "em"):
                return ""
        raise InputError(f"unexpected element <{name}> in <{child.getparent().tag.rpartition('}')[2]}>",
                         path=self.path, line=child.sourceline)

    def _bare(self, ctype: str, *, pair: bool) -> tuple[str, str] | str | None:
        if not ctype.startswith("x-html-"):
            return None
        name = ctype[7:]
        if not re.fullmatch(r"[a-z][a-z0-9]*/?", name):
            return None
        if pair:
            return (f"<{name}>", f"</{name}>") if not name.endswith("/") else None
        return f"<{name}>"

    def _ref(self, child: etree._Element, attribute: str) -> str | None:
        ref = child.get(attribute)
        if ref is None:
            return None
        if ref not in self.data:
            raise InputError(f"<{child.tag.rpartition('}')[2]}> refers to data {ref!r}, which "
                             "the unit's <originalData> does not hold", path=self.path,
                             line=child.sourceline)
        return self.data[ref]

    def _lookup(self, kind: str, ident: str, child: etree._Element) -> tuple[str, str]:
        for key in ((kind, ident), ("pair", ident), ("x", ident), ("ph", ident)):
            if key in self.known:
                return self.known[key]
        if self.bare_codes:
            return "", ""
        name = child.tag.rpartition("}")[2]
        raise InputError(f"inline code <{name} id={ident!r}> has no native data and matches no "
                         "code of the source", path=self.path, line=child.sourceline)

    def _char(self, hexa: str, child: etree._Element) -> str:
        try:
            return chr(int(hexa, 16))
        except (ValueError, OverflowError):
            raise InputError(f"bad character code {hexa!r}", path=self.path,
                             line=child.sourceline) from None


def check_plain(text: str, what: str, path: str) -> str:
    """``text`` for an XLIFF note or metadata value, which carry no inline codes: a character
    XML cannot hold is refused (a catalogue comment with a control character)."""
    found = _NOT_XML.search(text)
    if found:
        raise InputError(f"the {what} {text[:40]!r} holds the character "
                         f"U+{ord(found.group()):04X}, which XML cannot carry", path=path)
    return text
