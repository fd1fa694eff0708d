"""Shared helpers for the format tests: fixture paths and rendition builders."""

from __future__ import annotations

import re
from pathlib import Path

from l10n.model import Document, Rendition

DATA = Path(__file__).resolve().parent / "data"


def identity(document: Document) -> list[Rendition]:
    return [Rendition(unit.text) for unit in document.units]


def prefixed(document: Document, prefix: str = "[fr] ") -> list[Rendition]:
    return [Rendition(prefix + unit.text) for unit in document.units]


NEVER_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "math", "form", "style", "frame",
                  "base", "button"}
URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "data", "poster", "background",
             "cite", "longdesc", "codebase"}


def unsafe_in(tree) -> list[str]:
    """Every event handler, script URL and script-like element in a parsed (lxml) page."""
    from lxml import etree

    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname.lower()
        if name in NEVER_ELEMENTS:
            found.append(f"<{name}>")
        for key, value in element.attrib.items():
            local = etree.QName(key).localname.lower()
            if local.startswith("on"):
                found.append(f"<{name} {local}>")
            if local == "style" and re.search(r"url\(|expression|javascript", value, re.I):
                found.append(f"<{name} style={value!r}>")
            if local in URL_ATTRS:
                squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
                for url in squeezed.split(",") if local == "srcset" else [squeezed]:
                    if re.match(r"(javascript|vbscript|data|livescript):", url):
                        found.append(f"<{name} {local}={value!r}>")
    return found


def markdown_html(text: str) -> str:
    """Markdown as a permissive renderer gives it: raw HTML on, every link kept as written."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md.render(text)
