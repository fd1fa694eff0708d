"""Rendering helpers for HTML: checking a translated fragment, attribute escaping and edits,
and setting lang/dir on the <html> start tag. Everything works by splicing the source text."""

from __future__ import annotations

import re

from lxml import etree

from ..errors import InputError
from ._htmlextract import INLINE
from ._htmlsafe import END_TAG, START_TAG, escape_markup, sanitise, second_opinion
from ._htmlscan import RAW_TEXT, Attr, Tag, scan
from ._htmlsource import VOID

RTL = frozenset({"ar", "fa", "he", "ur"})
LANG_TAGS = {"zh": "zh-Hans"}
XHTML_NS = "http://www.w3.org/1999/xhtml"

Splice = tuple[int, int, str]


# Text with no markup, no reference and no character XML forbids: nothing a parser could refuse.
_PLAIN_TEXT = re.compile(r"[^<&\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]*")


def check_fragment(fragment: str, *, xml: bool, path: str, line: int, role: str) -> None:
    """Raise InputError unless ``fragment`` is balanced inline markup that lxml accepts.

    The renderer calls it on a sanitised fragment (_htmlsafe), whose tags are allowed and
    balanced already: what it can still refuse is text an XML parser rejects (a bare ``&``, a
    reference to a character XML forbids) in XHTML.

    Plain text (most sentences) is accepted without a parse: neither the tag balance nor lxml
    can object to it (``]]>``, which XML forbids in text, is left to lxml)."""
    problem = fragment_problem(fragment, xml=xml)
    if problem:
        _refuse(problem, path=path, line=line, role=role)


def _refuse(problem: str, *, path: str, line: int, role: str) -> None:
    raise InputError(f"translation of <{role}> is not a well-formed fragment: {problem}", path=path, line=line)


def safe_fragment(text: str, source: str, *, xml: bool, path: str, line: int, role: str) -> str:
    """A translated fragment as the page gets it: sanitised by the source-unit rule, escaped
    whole when libxml2's second opinion objects to the result, and checked (``check_fragment``).

    In HTML, one strict parse by libxml2 serves both the second opinion and the check, where
    there used to be a parse for each: when it succeeds, its tree is the one the recovering
    parse of ``second_opinion`` builds, and the check has nothing left to ask of lxml. When it
    fails (or in XHTML, which the check reads as XML), each parses on its own as before."""
    safe = sanitise(text, source, xml=xml).text
    root = None
    if not xml and "<" in safe:
        root, _ = _lxml_parse(safe, xml=False)
    if second_opinion(safe, root):  # another parser's check: the whole translation as text
        safe = escape_markup(text)
    elif root is not None:  # lxml read it: only the balance of the tags is left to check
        problem = _balance_problem(safe, xml=False)
        if problem:
            _refuse(problem, path=path, line=line, role=role)
        return safe
    check_fragment(safe, xml=xml, path=path, line=line, role=role)
    return safe


def fragment_problem(fragment: str, *, xml: bool) -> str | None:
    """Why ``fragment`` is not balanced inline markup that lxml accepts, or None (see
    ``check_fragment``; the markup check asks the same of a translation before any build)."""
    if _PLAIN_TEXT.fullmatch(fragment) and "]]>" not in fragment:
        return None
    return _balance_problem(fragment, xml=xml) or _lxml_problem(fragment, xml=xml)


def _balance_problem(fragment: str, *, xml: bool) -> str | None:
    stack: list[str] = []
    for tag_name, is_end, self_closing in _strict_tags(fragment) or _scanned_tags(fragment, xml):
        name = tag_name.rpartition(":")[2]
        if name not in INLINE:
            return f"<{tag_name}> is not allowed inside translated text"
        if is_end:
            if not stack or stack[-1] != name:
                return f"unexpected </{tag_name}>"
            stack.pop()
        elif not self_closing and name not in VOID:
            stack.append(name)
    return f"<{stack[-1]}> is not closed" if stack else None


def _scanned_tags(fragment: str, xml: bool) -> list[tuple[str, bool, bool]]:
    return [(tag.name, tag.is_end, tag.self_closing) for tag in scan(fragment, xml=xml).tags]


def _strict_tags(fragment: str) -> list[tuple[str, bool, bool]] | None:
    """(name, end tag, self-closing) of each tag, when every "<" of ``fragment`` begins a tag
    of the strict shape the sanitiser keeps (``_htmlsafe.START_TAG``, ``END_TAG``), else None.

    Such a fragment (every sanitised one) is read by ``scan`` tag for tag the same way: the
    same names, ends and self-closing slashes, nothing skipped as a comment or raw text; but
    two regular expressions read it several times faster than the scanner, which also takes
    every attribute apart."""
    found = []
    at = fragment.find("<")
    while at >= 0:
        end = END_TAG.match(fragment, at)
        if end is not None:
            found.append((end.group(1).lower(), True, False))
        else:
            end = START_TAG.match(fragment, at)
            if end is None or end.group(1).lower() in RAW_TEXT:
                return None
            found.append((end.group(1).lower(), False, bool(end.group(3))))
        at = fragment.find("<", end.end())
    return found


def _lxml_problem(fragment: str, *, xml: bool) -> str | None:
    return _lxml_parse(fragment, xml=xml)[1]


def _lxml_parse(fragment: str, *, xml: bool):
    """(lxml's tree of the wrapped fragment, None), or (None, why lxml refuses it); (None,
    None) for an XHTML fragment whose only fault is an HTML named entity (see below)."""
    if xml:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        wrapped = f'<div xmlns="{XHTML_NS}">{fragment}</div>'
    else:
        parser = etree.HTMLParser(recover=False, no_network=True)
        wrapped = f"<div>{fragment}</div>"
    try:
        return etree.fromstring(wrapped.encode("utf-8"), parser), None
    except etree.XMLSyntaxError as exc:
        message = exc.msg or str(exc)
        if xml and message.startswith("Entity '") and "not defined" in message:
            return None, None  # HTML named entities are fine when the page declares the XHTML DTD
        message = _POSITION.sub("", message)  # a place in the wrapper, not in the translation
        if "EntityRef: no name" in message or "EntityRef: expecting ';'" in message:
            message += " (a bare '&': write &amp;)"
        return None, message


_POSITION = re.compile(r",? line \d+, column \d+$")


def escape_attr(value: str, quote: str) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;")
    if quote == "'":
        return value.replace("'", "&#39;")
    return value.replace('"', "&quot;")


def attr_value_splice(attr: Attr, value: str) -> Splice:
    """Replace an attribute's value in the source, keeping its quoting style."""
    if attr.quote:
        return attr.value_start, attr.value_end, escape_attr(value, attr.quote)
    return attr.value_start, attr.value_end, '"' + escape_attr(value, '"') + '"'


def set_attrs(tag: Tag, values: dict[str, str], offset: int = 0) -> list[Splice]:
    """Splices that set each attribute of ``tag`` (replacing the value or adding it)."""
    splices, added = [], []
    for name, value in values.items():
        attr = tag.attr(name)
        quoted = f'"{escape_attr(value, chr(34))}"'
        if attr is None:
            added.append(f" {name}={quoted}")
        elif attr.raw is None:  # a bare attribute such as <html lang>: give it a value
            splices.append((offset + attr.value_end, offset + attr.value_end, "=" + quoted))
        else:
            start, end, text = attr_value_splice(attr, value)
            splices.append((offset + start, offset + end, text))
    if added:  # after the last attribute, so new ones follow the existing order
        last = tag.attrs[-1] if tag.attrs else None
        at = offset + (last.value_end + bool(last.quote) if last else tag.start + 1 + len(tag.name))
        splices.append((at, at, "".join(added)))
    return splices


def root_lang_attrs(lang: str, direction: str, *, xml: bool) -> dict[str, str]:
    code = LANG_TAGS.get(lang, lang)
    if direction == "ltr" and lang.split("-")[0] in RTL:
        direction = "rtl"
    values = {"lang": code}
    if xml:
        values["xml:lang"] = code
    values["dir"] = direction
    return values


def fill_fragment_attrs(fragment: str, edits: list[tuple[str, int, str, str]], *, xml: bool) -> str:
    """Put attribute values into the k-th start tag of a name in a translated fragment.

    ``edits`` holds (tag name, occurrence, attribute, value). A tag the translator dropped is
    skipped: its attribute has nowhere to go.
    """
    if not edits:
        return fragment
    tags = [tag for tag in scan(fragment, xml=xml).tags if not tag.is_end]
    splices: list[Splice] = []
    by_tag: dict[tuple[str, int], dict[str, str]] = {}
    for name, occurrence, attr, value in edits:
        by_tag.setdefault((name, occurrence), {})[attr] = value
    seen: dict[str, int] = {}
    for tag in tags:
        name = tag.name.rpartition(":")[2]
        index = seen.get(name, 0)
        seen[name] = index + 1
        if (name, index) in by_tag:
            splices.extend(set_attrs(tag, by_tag[(name, index)]))
    return apply_splices(fragment, splices)


def apply_splices(text: str, splices: list[Splice]) -> str:
    """Apply non-overlapping (start, end, replacement) edits; equal starts keep their order."""
    out, pos = [], 0
    for start, end, replacement in sorted(splices, key=lambda s: (s[0], s[1])):
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)
