"""Strings laid out in lines as GNU gettext writes them (msgcat, msgmerge, xgettext).

A port of ``wrap()`` in gettext's write-po.c: the value is cut after each ``\\n``; each part is
escaped and broken at the page width (79 columns) where Unicode line breaking allows it
(libunistring's ``u8_width_linebreaks``), with these rules of gettext's own:

- an escape sequence (``\\n``, ``\\"``...) is never split, and no line starts with the ``\\n``
  that ends a part;
- in an entry flagged with a format (``c-format``, ``python-format``, ``python-brace-format``,
  also ``possible-...``), a directive such as ``%(offset)s`` or ``{name}`` is never split;
- ``#, no-wrap`` turns breaking off (the parts after each ``\\n`` still get lines of their own);
- a string that takes more than one line starts with an empty ``""`` line.

The break opportunities come from GNU libunistring itself when it can be loaded (it is the
library gettext uses, so the result is msgcat's byte for byte); otherwise from the Unicode line
breaking of ``unicode_segmentation_rs``, which agrees on ordinary text.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import threading
import unicodedata
from functools import lru_cache

PAGE_WIDTH = 79  # gettext's default page width: every catalogue l10n writes or reads

# libunistring's values for the override and result arrays
_UNDEFINED, _PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2, 3

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
            "\\": "\\", '"': '"'}


# ------------------------------------------------------------------------ format directives

# gettext's format parsers, in the order it tries them (the first flagged one is used).
_C_DIRECTIVE = re.compile(
    r"%(?:%|(?:\d+\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d*))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t|<PRI[diouxX](?:8|16|32|64|LEAST8|LEAST16|LEAST32|LEAST64|"
    r"FAST8|FAST16|FAST32|FAST64|MAX|PTR)>)*[diouxXeEfFgGaAcCsSpn])")
_PYTHON_DIRECTIVE = re.compile(
    r"%(?:%|(?:\((?:[^()]|\([^()]*\))*\))?[ #+\-0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"[diouxXeEfFgGcrsa%])")
# gettext 0.21 takes "{name.attribute}", "{name[key]}" and format specs with a fill or a sign
# for invalid directives (and stops there), as msgcat shows by breaking inside them.
_BRACE_DIRECTIVE = re.compile(
    r"\{\{|\}\}|\{(?:[A-Za-z_]\w*|\d+)(?::(?:\{\w*\}|[<>=^]?\d*(?:\.\d*)?[bcdoxXneEfFgGs%]?))?\}")

_PARSERS = {"c-format": _C_DIRECTIVE, "objc-format": _C_DIRECTIVE,
            "python-format": _PYTHON_DIRECTIVE, "python-brace-format": _BRACE_DIRECTIVE}


def format_of(flags: list[str]) -> re.Pattern | None:
    """The directive pattern of the first format gettext would parse the entry's strings as."""
    for name, pattern in _PARSERS.items():
        if name in flags or f"possible-{name}" in flags:
            return pattern
    return None


def _directive_spans(value: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of each directive, as gettext's parser marks them: up to the first
    invalid one (its parser stops there, and an invalid directive may be split)."""
    spans = []
    position = 0
    while True:
        start = value.find("%" if pattern is not _BRACE_DIRECTIVE else "{", position)
        if pattern is _BRACE_DIRECTIVE:
            close = value.find("}", position)
            if start < 0 or 0 <= close < start:
                start = close
        if start < 0:
            return spans
        found = pattern.match(value, start)
        if found is None:
            return spans
        spans.append((start, found.end()))
        position = found.end()


# --------------------------------------------------------------------------- line breaking


@lru_cache(maxsize=1)
def _libunistring():
    """libunistring's u8_width_linebreaks, or None where the library is not installed."""
    # ctypes.util.find_library runs `ldconfig -p` (a process): only when the usual names fail
    for name in ("libunistring.so.5", "libunistring.so.2", None):
        name = name or ctypes.util.find_library("unistring")
        if not name:
            continue
        try:
            function = ctypes.CDLL(name).u8_width_linebreaks
        except (OSError, AttributeError):
            continue
        function.restype = ctypes.c_int
        function.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                             ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
        return function
    return None


def _char_width(char: str) -> int:
    """uc_width: 0 for combining and format characters, 2 for wide ones, -1 for controls."""
    if char < " " or "\x7f" <= char < "\xa0":
        return -1
    if char.isascii():
        return 1
    if unicodedata.category(char) in ("Mn", "Me", "Cf") or "\u1160" <= char <= "\u11ff":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _fallback_breaks(data: bytes, width: int, start: int, overrides: bytes) -> bytes:
    """u8_width_linebreaks in Python, on unicode_segmentation_rs's break opportunities."""
    from unicode_segmentation_rs import line_breaks

    text = data.decode("utf-8")
    possible = [_PROHIBITED] * len(data)
    for offset, mandatory in line_breaks(text):
        if offset < len(data):
            possible[offset] = _MANDATORY if mandatory else _POSSIBLE
    result = [_PROHIBITED] * len(data)
    last, column, piece = None, start, 0
    offset = 0
    for char in text:
        kind = overrides[offset] or possible[offset]
        if kind in (_POSSIBLE, _MANDATORY) and last is not None and column + piece > width:
            result[last] = _POSSIBLE
            column = 0
        if kind == _MANDATORY:
            last, column, piece = None, 0, 0
        else:
            if kind == _POSSIBLE:
                last, column, piece = offset, column + piece, 0
            piece += max(_char_width(char), 0)
        offset += len(char.encode("utf-8"))
    if last is not None and column + piece > width:
        result[last] = _POSSIBLE
    return bytes(result)


def _breaks(data: bytes, width: int, start: int, overrides: bytes) -> bytes:
    """For each byte of ``data``, _POSSIBLE where a line break goes."""
    function = _libunistring()
    if function is None:
        return _fallback_breaks(data, width, start, overrides)
    buffer = getattr(_LOCAL, "buffer", None)
    if buffer is None or len(buffer) < len(data):  # one per thread, grown as needed
        buffer = _LOCAL.buffer = ctypes.create_string_buffer(
            max(len(data), 2 * len(buffer) if buffer is not None else 4096))
    function(data, len(data), width, start, 0, overrides, b"UTF-8", buffer)
    return buffer.raw[:len(data)]


_LOCAL = threading.local()  # libunistring's result buffer, one per thread


# ------------------------------------------------------------------------------ the layout

_ESCAPE_TABLE = str.maketrans({char: "\\" + code for char, code in _ESCAPES.items()})
_NEEDS_ESCAPE = re.compile(r'[\\"\a\b\f\n\r\t\v]')
_ESCAPED_PAIR = re.compile(rb"\\.")


def escape(value: str) -> str:
    """A string's PO form, as gettext writes it (the C escapes gettext itself uses)."""
    return value.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(value) else value


def _portion(part: str, directives: re.Pattern | None) -> tuple[bytes, bytes]:
    """A part's escaped UTF-8 bytes and its break overrides: no break inside an escape
    sequence, inside a format directive, or just before the ``\\n`` that ends the part."""
    escaped = escape(part)
    data = escaped.encode("utf-8")
    overrides = bytearray(len(data))
    if len(data) != len(escaped) or "\\" in escaped:
        for found in _ESCAPED_PAIR.finditer(data):
            overrides[found.end() - 1] = _PROHIBITED
    if directives is not None:
        ascii_only = len(data) == len(escaped)
        for start, end in _directive_spans(escaped, directives):
            if not ascii_only:
                start, end = len(escaped[:start].encode()), len(escaped[:end].encode())
            for offset in range(start + 1, end):
                overrides[offset] = _PROHIBITED
    if part.endswith("\n"):
        overrides[-2] = _PROHIBITED
    return data, bytes(overrides)


def wrap_field(keyword: str, value: str, prefix: str = "", *, directives: re.Pattern | None = None,
               wrap: bool = True) -> list[str]:
    """The lines of ``keyword "value"`` as gettext writes them (prefix: "#~ ", "#| ", ...)."""
    room = PAGE_WIDTH - len(prefix) - len(keyword) - 3
    if len(value) <= room and (_PLAIN.fullmatch(value) is not None or _one_line(value, room)):
        return [f'{prefix}{keyword} "{value}"']
    lines: list[str] = []
    after_break = len(prefix) + 1
    first = True
    start = 0
    while True:
        end = value.find("\n", start)
        end = len(value) if end < 0 else end + 1
        data, overrides = _portion(value[start:end], directives)
        width = PAGE_WIDTH - 1 - after_break if wrap else 1 << 30  # no-wrap: never full
        column = (len(prefix) + len(keyword) + 2 if first else len(prefix) + 1) - after_break
        breaks = _breaks(data, width, column, overrides) if data else b""
        if first and data and (end < len(value) or column > width or _POSSIBLE in breaks):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            column = len(prefix) + 1 - after_break
            breaks = _breaks(data, width, column, overrides)
        head = f"{prefix}{keyword} " if first else prefix
        cut = 0
        for found in re.finditer(b"\x02", breaks):
            lines.append(f'{head}"{data[cut:found.start()].decode()}"')
            head, cut = prefix, found.start()
        lines.append(f'{head}"{data[cut:].decode()}"')
        first = False
        start = end
        if start >= len(value):
            return lines


_PLAIN = re.compile(r'[ !#-\[\]-~]*')  # printable ASCII without a quote or a backslash


def _one_line(value: str, room: int) -> bool:
    """Whether a string that is not plain ASCII is certainly one line, without asking the line
    breaker: nothing to escape, and short enough to fit even if every character were two
    columns wide. (wrap_field takes plain ASCII that fits, one column a character, at once.)
    Then no break is ever needed."""
    return 2 * len(value) <= room and _NEEDS_ESCAPE.search(value) is None and value.isprintable()
