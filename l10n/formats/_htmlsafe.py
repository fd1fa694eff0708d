"""What a translation may put into a published page: the build's guarantee against injected code.

A translated fragment is re-read by a strict tokeniser and written back piece by piece. The
rule is the *source-unit rule*: a translation may use

- an element that the source unit has, or one of the harmless inline elements of
  ``SAFE_INLINE`` (em, strong, b, i, span, abbr, sub, sup, br, bdi, q, cite, code, small...);
- on it, text attributes (``TEXT_ATTRS``: title, alt, lang, dir, aria-label...) with any value,
  and any other attribute only with a value that an element of the same name in the source
  unit has (so a link keeps its href, an image its src, a span its class).

Whatever the source unit holds, a translation never gets an event handler (``on*``), a URL
attribute whose scheme is not http, https, mailto, tel or ftp (``javascript:``, ``vbscript:``,
``data:``..., recognised after character references are decoded and the whitespace and control
characters browsers ignore are removed, in any case), a ``style`` that could load or run
anything (``url(``, ``expression(``, escapes, ``@import``), or an element such as script,
style, iframe, object, svg or math.

**A tag that breaks the rule is escaped, not dropped**: it appears on the page as text
(``&lt;img src=x onerror=…&gt;``), with its end tag, so the translator's mistake is visible to
readers and reviewers instead of silently hidden, and the translation's words all survive. A
``<`` that does not begin a strictly well-formed tag (a comment, CDATA, a processing
instruction, bogus markup) is escaped too: the output holds text without ``<`` and tags of one
unambiguous shape, so no browser can read markup there that this module did not approve.

This runs in the renderer, for every translated fragment, whatever the PO flags say and with
or without checks: it is not a check that ``#, ignore-...`` can silence. The markup check
``unsafe-markup`` (l10n.checks.markup) reports the same tags as errors, so the translator
learns of them before the build. The rule is applied here rather than by a general-purpose
sanitiser (nh3/ammonia, lxml-html-clean): those re-serialise the fragment (breaking XHTML's
``<br/>`` and the byte-for-byte identity of everything else) and know nothing of the source
unit, which is what decides whether a link or an image belongs in the translation. Under the
rule, the HTML renderer asks another parser for a second opinion (``second_opinion``: libxml2
reads the sanitised fragment) and escapes the whole translation should it find a handler, a
script URL or a script-like element there.
"""

from __future__ import annotations

from functools import lru_cache

import bisect
import html
import re
from dataclasses import dataclass, field

from ._htmlscan import scan

# Harmless inline elements a translator may add (or drop) without a counterpart in the source.
SAFE_INLINE = frozenset(
    "abbr b bdi bdo br cite code del dfn em i ins kbd mark q rp rt ruby s samp small span "
    "strong sub sup time u var wbr".split()
)
# Attributes whose value is text for the reader: a translation may set or change them.
TEXT_ATTRS = frozenset(
    "abbr alt aria-description aria-label aria-placeholder aria-roledescription aria-valuetext "
    "dir hreflang label lang placeholder summary title translate xml:lang".split()
)
# Never in a translation, whatever the source unit holds.
NEVER = frozenset(
    "script style iframe frame frameset object embed applet svg math template noscript base "
    "link meta form button textarea select option portal xmp plaintext listing noembed "
    "noframes html head body".split()
)
# Attributes that hold a URL (or several: srcset).
URL_ATTRS = frozenset(
    "href src action formaction xlink:href srcset imagesrcset poster background cite longdesc "
    "data codebase ping manifest lowsrc dynsrc icon profile usemap archive classid xml:base "
    "itemtype".split()
)
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp"})
NO_ATTRS = frozenset({"srcdoc"})  # an attribute that is a whole document

_NAME = r"[A-Za-z][A-Za-z0-9-]*(?::[A-Za-z][A-Za-z0-9-]*)?"
_ATTR_NAME = r"[A-Za-z_:][-A-Za-z0-9_:.]*"
_VALUE = r"""(?:"[^"<]*"|'[^'<]*'|[^\s"'=<>`]+)"""
START_TAG = re.compile(rf"<({_NAME})((?:\s+{_ATTR_NAME}(?:\s*=\s*{_VALUE})?)*)\s*(/?)>")
END_TAG = re.compile(rf"</({_NAME})\s*>")
_ATTR = re.compile(rf"""({_ATTR_NAME})(?:\s*=\s*(?:"([^"<]*)"|'([^'<]*)'|([^\s"'=<>`]+)))?""")
# CommonMark autolinks: <scheme:...> and <address@host>
AUTOLINK = re.compile(
    r"<(?:([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>\x00-\x1f]*)"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]+")
_STYLE_DANGER = re.compile(r"[(\\@<&]|/\*|expression|javascript|behaviou?r|binding|url", re.I)
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


def unsafe_url(value: str) -> bool:
    """True when a URL attribute's value (as written, references undecoded) could run code.

    Several readings are tried, and any one that names a scheme other than SAFE_SCHEMES makes
    the URL unsafe: as written, with references decoded (twice, for ``&amp;#106;``), and each
    without the whitespace and control characters a browser drops or ignores."""
    readings = {value}
    decoded = html.unescape(value)
    readings |= {decoded, html.unescape(decoded)}
    for reading in list(readings):
        readings.add(_IGNORED_IN_URL.sub("", reading))
        readings.add(reading.strip())
    for reading in readings:
        match = _SCHEME.match(reading)
        if match and match.group(1).lower() not in SAFE_SCHEMES:
            return True
    return False


def _urls(name: str, value: str) -> list[str]:
    if name.rpartition(":")[2] in ("srcset", "imagesrcset"):
        parts = html.unescape(value).split(",")
        return [part.strip().split()[0] for part in parts if part.strip()]
    return [value]


def attr_problem(name: str, value: str | None) -> str | None:
    """Why an attribute may never appear in a translation, or None (``value`` undecoded)."""
    if name.rpartition(":")[2].startswith("on"):
        return f"event handler {name}"
    if name in NO_ATTRS:
        return f"attribute {name}"
    if value is None:
        return None
    local = name.rpartition(":")[2]
    urls = name in URL_ATTRS or local in URL_ATTRS
    if urls and any(unsafe_url(url) for url in _urls(name, value)):
        return f"unsafe URL in {name}"
    if name == "style" and _STYLE_DANGER.search(html.unescape(value)):
        return "a style that can load or run code"
    return None


def parse_attrs(text: str) -> list[tuple[str, str | None]]:
    """(lower-case name, undecoded value or None) for each attribute of a strict start tag."""
    found = []
    for match in _ATTR.finditer(text):
        value = next((v for v in match.groups()[1:] if v is not None), None)
        found.append((match.group(1).lower(), value))
    return found


@dataclass
class SourceTags:
    """The elements of a source unit: per name, each element's attributes (decoded values)."""

    elements: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, source: str, *, xml: bool = False) -> SourceTags:
        """The source unit's elements; remembered per source, which every language's
        translation of the unit is checked against (read-only once made)."""
        return _source_tags(cls, source, xml)

    @classmethod
    def _scan(cls, source: str, xml: bool) -> SourceTags:
        found = cls()
        if "<" not in source:
            return found
        for tag in scan(source, xml=xml).tags:
            if not tag.is_end:
                attrs = {a.name: html.unescape(a.raw or "") for a in tag.attrs if a.name}
                found.elements.setdefault(tag.name, []).append(attrs)
        return found

    def problem(self, name: str, attrs: list[tuple[str, str | None]]) -> str | None:
        """Why a start tag of a translation may not be kept, or None when it may."""
        if name in NEVER or name.rpartition(":")[2] in NEVER:
            return f"<{name}> is never allowed in a translation"
        names = [key for key, _ in attrs]
        if len(set(names)) != len(names):
            return "an attribute is given twice"
        for key, value in attrs:
            problem = attr_problem(key, value)
            if problem:
                return problem
        fixed = {key: html.unescape(value or "") for key, value in attrs if key not in TEXT_ATTRS}
        if name in SAFE_INLINE and not fixed:
            return None
        candidates = self.elements.get(name)
        if candidates is None:
            return f"<{name}> is not in the source"
        for element in candidates:
            if all(element.get(key) == value for key, value in fixed.items()):
                return None
        shown = " ".join(f'{key}="{value}"' for key, value in sorted(fixed.items()))
        return f"{shown} is not on any <{name}> of the source"


@dataclass(frozen=True)
class Sanitised:
    """A fragment made safe: its text, each tag escaped by the rule with the reason, and each
    tag escaped because it closes nothing or is never closed (``unbalanced``)."""

    text: str
    problems: tuple[str, ...]
    unbalanced: tuple[str, ...] = ()


def escape_markup(text: str) -> str:
    """``text`` shown as text in HTML, XHTML and Markdown alike."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sanitise(fragment: str, source: str | SourceTags, *, xml: bool = False,
             skip: tuple[tuple[int, int], ...] = (),
             forbidden: frozenset[str] = frozenset(), markdown: bool = False) -> Sanitised:
    """The fragment with every tag the source-unit rule refuses escaped (see the module docstring).

    ``source`` is the source unit's markup (or its SourceTags). ``skip`` are ranges left exactly as
    they are (Markdown code spans, whose text no renderer reads as markup); ``forbidden`` names
    elements refused in this context besides NEVER; with ``markdown``, autolinks are kept when
    their URL is safe."""
    if "<" not in fragment:
        return Sanitised(fragment, (), ())
    allowed = source if isinstance(source, SourceTags) else SourceTags.of(source, xml=xml)
    out: list[str] = []
    problems: list[str] = []
    unbalanced: list[str] = []
    stack: list[tuple[str, int | None]] = []  # open elements: name, index in out when kept
    pos = 0
    skips = sorted(skip)
    starts = [start for start, _ in skips]
    while True:
        at = fragment.find("<", pos)
        if at < 0:
            break
        k = bisect.bisect_right(starts, at) - 1
        inside = skips[k][1] if k >= 0 and at < skips[k][1] else None
        if inside is not None:
            out.append(fragment[pos:inside])
            pos = inside
            continue
        out.append(fragment[pos:at])
        link = AUTOLINK.match(fragment, at) if markdown else None
        if link is not None:
            if link.group(1) is not None and unsafe_url(link.group(1)):
                problems.append(f"{_shorten(link.group(0))}: unsafe URL")
                out.append(escape_markup(link.group(0)))
            else:
                out.append(link.group(0))
            pos = link.end()
            continue
        start, end = START_TAG.match(fragment, at), END_TAG.match(fragment, at)
        if start is not None:
            raw, name = start.group(0), start.group(1).lower()  # as the scanner names tags
            problem = (f"<{name}> is not allowed here" if name in forbidden
                       else allowed.problem(name, parse_attrs(start.group(2))))
            # "<em/>" closes itself in XHTML only: an HTML parser ignores the slash on an
            # element that is not void, and the element stays open into what follows.
            closes = not ((start.group(3) and xml) or name in _VOID)
            if problem:
                problems.append(f"{_shorten(raw)}: {problem}")
                out.append(escape_markup(raw))
                if closes:
                    stack.append((name, None))
            else:
                out.append(raw)
                if closes:
                    stack.append((name, len(out) - 1))
            pos = start.end()
        elif end is not None:
            raw, name = end.group(0), end.group(1).lower()
            if stack and stack[-1][0] == name:
                _, index = stack.pop()
                out.append(raw if index is not None else escape_markup(raw))
            else:
                if name not in _VOID:
                    unbalanced.append(f"{raw}: closes no element of the translation")
                out.append(escape_markup(raw))
            pos = end.end()
        else:
            following = fragment[at + 1 : at + 2]
            if following.isalpha() or following in ("!", "?", "/"):
                problems.append(f"{_shorten(fragment[at:at + 40])}: not a well-formed tag")
            out.append("&lt;")
            pos = at + 1
    out.append(fragment[pos:])
    for name, index in stack:  # left open: escaped, so the page's structure stays as it was
        if index is not None:
            unbalanced.append(f"<{name}> is not closed")
            out[index] = escape_markup(out[index])
    return Sanitised("".join(out), tuple(problems), tuple(unbalanced))


@lru_cache(maxsize=8192)
def _source_tags(cls: type, source: str, xml: bool) -> SourceTags:
    return cls._scan(source, xml)


def second_opinion(fragment: str, root=None) -> bool:
    """Whether libxml2's HTML parser finds in ``fragment`` what ``sanitise`` never lets through.

    A sanitised fragment never has it (its markup is of one strict shape); this independent
    reading by another parser is the net under that rule, not the rule: the renderer escapes
    a whole fragment it objects to. ``root`` is libxml2's tree of ``<div>fragment</div>``
    when the caller has it already (see ``_htmlrender.safe_fragment``)."""
    if "<" not in fragment:
        return False
    if root is None:
        from lxml import etree

        parser = etree.HTMLParser(recover=True, no_network=True)
        root = etree.fromstring(f"<div>{fragment}</div>".encode("utf-8"), parser)
    holder = root.find(".//div") if root is not None else None
    if holder is None:
        return True
    for element in holder.iterdescendants():
        if not isinstance(element.tag, str):
            return True  # a comment or processing instruction: sanitise leaves none
        name = element.tag.rpartition("}")[2].lower()
        if name in NEVER or name.rpartition(":")[2] in NEVER:
            return True
        if any(attr_problem(key.lower(), value) for key, value in element.attrib.items()):
            return True
    return False


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
