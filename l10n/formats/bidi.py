"""Keep Latin names, numbers and document symbols in order inside right-to-left text.

In an Arabic sentence a run such as ``A/RES/78/261`` or ``Sheikh Tamim bin Hamad`` is left to
right, and the Unicode bidirectional algorithm may move its neighbours (slashes, commas,
numbers) to the wrong side. Each such run is isolated:

- in HTML text content it is wrapped in ``<bdi>`` (never inside a tag, an attribute value, a
  comment, or an element whose text must stay as it is: script, style, code, an element that
  already sets ``dir``);
- in plain text, Markdown and HTML attribute values or ``<title>`` (where markup is not
  allowed) it is wrapped in the Unicode isolates U+2066 LEFT-TO-RIGHT ISOLATE ... U+2069 POP
  DIRECTIONAL ISOLATE. Markdown code spans, link destinations, reference labels, autolinks,
  inline HTML tags and entity references are left untouched.

A rendition that falls back to left-to-right source text is isolated as a whole, so an English
sentence keeps its punctuation in place inside a right-to-left page.

The transformation applies to rendition text before the format's render step; it never changes
the catalogues. Applying it twice gives the same result as applying it once.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from ..model import Document, Rendition
from ._htmlscan import ENTITY

LRI = "\u2066"
PDI = "\u2069"

# Latin letters (with their accents and combining marks), ASCII digits and a few symbols that
# belong to a number (superscripts, ordinal indicators).
_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN = (
    "A-Za-z0-9\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
    "\u0300-\u036f\u1e00-\u1eff"
)
# A token: letters/digits, joined inside by the connectors of symbols, decimals and names
# (A/RES/78/261, A/CONF.166/9, 1,234.5, Al-Thani, O'Neill, 4–6), optionally a percent sign.
_TOKEN = rf"[{_LATIN}]+(?:[/.\-–:,'’_+][{_LATIN}]+)*%?"
# Between two tokens of a run: spaces, after a comma or a semicolon, or after the full stop of
# an initial or a short abbreviation (the "J." of "Amina J. Mohammed", "Mr. J. Smith",
# "H.E. Mr.", "No. 5": one to three letters before the stop), and a dash between words of one
# name. A full stop after a longer word ends a sentence and ends the run there: it belongs to
# the right-to-left text around it.
_GAP = rf"(?:[,;]|(?<![{_LATIN}][{_LETTERS}]{{3}})(?<=[{_LETTERS}])\.)?[ \u00a0]+(?:[-–—][ \u00a0]+)?"
# A run: tokens and the gaps between them.
_RUN = re.compile(rf"{_TOKEN}(?:{_GAP}{_TOKEN})*")
_STRONG = re.compile(rf"[{_LATIN}]")

# HTML: comments, CDATA, tags (attribute values may hold ">"), entity references.
_HTML_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*>",
    re.DOTALL,
)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_DIR_ATTR = re.compile(r"\sdir\s*=", re.IGNORECASE)
# Elements whose content is left exactly as written.
_HTML_KEEP = frozenset({"script", "style", "bdi", "bdo", "code", "kbd", "samp", "pre", "var",
                        "textarea", "title", "math", "svg"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
# Roles whose text is plain text, not markup: attribute values ("img@alt") and raw-text elements.
_PLAIN_ROLES = frozenset({"title", "textarea", "option"})

# Markdown spans that must stay byte for byte: code spans, link destinations and reference
# labels, footnote references, autolinks and inline HTML tags, entity references.
_MD_KEEP = re.compile(
    r"(`+).*?\1|\]\([^)]*\)|\]\[[^\]]*\]|\[\^[^\]]*\]|<[A-Za-z/!?][^<>]*>|"
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",
    re.DOTALL,
)




def isolate_plain(text: str) -> str:
    """Wrap each left-to-right run in LRI ... PDI (runs already isolated are left alone)."""

    def wrap(match: re.Match[str]) -> str:
        start, end = match.span()
        if text[start - 1 : start] == LRI and text[end : end + 1] == PDI:
            return match.group(0)
        return LRI + match.group(0) + PDI

    return _RUN.sub(wrap, text)


def _isolate_between(text: str, keep: re.Pattern[str], change: Callable[[str], str]) -> str:
    """Apply ``change`` to the parts of ``text`` that ``keep`` does not match."""
    out, pos = [], 0
    for match in keep.finditer(text):
        out.append(change(text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(change(text[pos:]))
    return "".join(out)


def isolate_markdown(text: str) -> str:
    """LRI ... PDI around runs in Markdown inline text, outside code, links' targets and tags."""
    return _isolate_between(text, _MD_KEEP, isolate_plain)


def _bdi_text(text: str) -> str:
    """<bdi> around runs in one HTML text node (entity references are kept whole)."""

    def wrap(piece: str) -> str:
        return _RUN.sub(lambda m: f"<bdi>{m.group(0)}</bdi>", piece)

    return _isolate_between(text, ENTITY, wrap)


def isolate_html(fragment: str) -> str:
    """<bdi> around runs in the text content of an HTML fragment (a unit's inline markup).

    The fragment is tokenised into markup and text; only text outside the elements listed in
    ``_HTML_KEEP`` (and outside any element with a ``dir`` attribute) changes.
    """
    out, pos = [], 0
    keep_name, depth = "", 0
    for match in _HTML_MARKUP.finditer(fragment):
        text = fragment[pos : match.start()]
        out.append(text if keep_name else _bdi_text(text))
        tag = match.group(0)
        out.append(tag)
        pos = match.end()
        name_match = _TAG_NAME.match(tag)
        if name_match is None:
            continue  # a comment or CDATA
        closing, name = name_match.group(1) == "/", name_match.group(2).lower()
        opening = not closing and not tag.endswith("/>") and name not in _VOID
        if keep_name:
            if name == keep_name:
                depth += -1 if closing else (1 if opening else 0)
                if depth == 0:
                    keep_name = ""
        elif opening and (name in _HTML_KEEP or _DIR_ATTR.search(tag)):
            keep_name, depth = name, 1
    tail = fragment[pos:]
    out.append(tail if keep_name else _bdi_text(tail))
    return "".join(out)


def isolate_whole(text: str, *, markup: bool) -> str:
    """Isolate a whole left-to-right text (a fallback to the source) in a right-to-left page."""
    if not _STRONG.search(text):
        return text
    if markup:
        if text.startswith("<bdi>") and text.endswith("</bdi>"):
            return text
        return f"<bdi>{text}</bdi>"
    if text.startswith(LRI) and text.endswith(PDI):
        return text
    return LRI + text + PDI


def _is_plain_role(role: str) -> bool:
    return "@" in role or role in _PLAIN_ROLES


def isolate_rendition(fmt: str, role: str, rendition: Rendition) -> Rendition:
    """The rendition with its left-to-right runs isolated for the format ``fmt``."""
    markup = fmt == "html" and not _is_plain_role(role)
    if rendition.fallback_lang is not None:
        text = isolate_whole(rendition.text, markup=markup)
    elif markup:
        text = isolate_html(rendition.text)
    elif fmt == "markdown":
        text = isolate_markdown(rendition.text)
    else:
        text = isolate_plain(rendition.text)
    return replace(rendition, text=text)


def isolate_renditions(document: Document, renditions: Sequence[Rendition]) -> list[Rendition]:
    """Every rendition of a document isolated (for a right-to-left target language)."""
    return [
        isolate_rendition(document.format, unit.role, rendition)
        for unit, rendition in zip(document.units, renditions)
    ]
