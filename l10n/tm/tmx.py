"""TMX 1.4b, the exchange format of every CAT tool: streamed import, deterministic export.

Import reads the file as a stream (util/xmlsafe.py's XMLStream: no entity expansion, no
DTD or network access, each ``<tu>`` freed once read), so memory stays bounded whatever the
file's size. Each ``<tu>`` gives one TMUnit per translation: its source is the ``<tuv>`` in
the unit's ``srclang`` (the header's when the unit has none); with ``srclang="*all*"`` every
language is a source for every other. Inline codes (``<bpt>``, ``<ph>``...) give back the
native markup they carry, as the catalogues hold it. Language codes map to the six languages
(langs.official_language); a ``<tuv>`` in any other language is skipped and counted.
Errors, at the line of the unit: a root that is not TMX's ``<tmx>`` (a namespace, another
element), a ``<tuv>`` without ``<seg>`` or language, a unit with no ``<tuv>`` in its source
language or an empty source.

Export writes one ``<tu>`` per source text and context, with a ``<tuv>`` for the source and
each language it is translated into (a source translated twice into one language, in one
context, gives a second ``<tu>``), sorted as the backend iterates, so the same memory always
gives the same bytes. The context goes in ``<prop>`` elements that other tools keep:
``x-document``, ``x-msgctxt``, ``x-context-prev``, ``x-context-next``; the origin in a
``<tuv>``'s ``x-origin``. The file is valid against the TMX 1.4b DTD.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..errors import InputError
from ..util.fs import atomic_write_stream
from ..util.xmlsafe import ENTITY_MESSAGE, stream_file
from .backend import Backend
from ..locales import official_language
from .langs import tmx_code
from .model import TMUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PROPS = {"x-document": "document", "x-msgctxt": "msgctxt", "x-context-prev": "previous",
         "x-context-next": "next"}
_DATE = re.compile(r"\d{8}T\d{6}Z")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TMXReader:
    """The units of one TMX file, read as a stream; ``skipped`` counts, by language code, the
    ``<tuv>`` elements left out because their language is not one of the six (and the units
    whose source language is not)."""

    def __init__(self, path: str | Path, origin: str | None = None):
        self.path = Path(path)
        self.origin = origin if origin is not None else str(path)
        self.skipped: Counter[str] = Counter()
        self.units = 0  # <tu> elements read

    def __iter__(self) -> Iterator[TMUnit]:
        # Only the ends of <header> and <tu> are asked for (a start event for each <tu> too
        # would cost a tenth of the read); the root is checked at the first of them.
        stream = stream_file(self.path, ("header", "tu"), events=("end",))
        error: InputError | None = None
        header_lang, started = None, False
        try:
            for _, element in stream:
                if error is not None:
                    stream.release(element)
                    continue  # parse on: a syntax error later in the file is reported first
                if not started:
                    started = True
                    error = _root_error(element.getroottree().getroot(), self.path)
                    if error is not None:
                        continue
                tag = element.tag
                if tag == "tu":
                    try:
                        yield from self._unit(element, header_lang)
                    except InputError as found:
                        error = found
                    stream.release(element)
                elif tag == "header":
                    header_lang = element.get("srclang")
                else:
                    error = self._error(f"<{tag}>: TMX elements have no namespace", element)
        except InputError as found:
            if found.message == ENTITY_MESSAGE:
                raise InputError("entity declarations are not allowed in TMX files",
                                 path=found.path, line=found.line) from None
            raise
        if error is None and not started:
            root = stream.root
            error = (_root_error(root, self.path) if root is not None else
                     InputError("not a TMX file", path=self.path, line=1))
        if error is not None:
            raise error

    def _error(self, message: str, element) -> InputError:
        return InputError(message, path=self.path, line=element.sourceline)

    def _unit(self, tu, header_lang: str | None) -> Iterator[TMUnit]:
        self.units += 1
        srclang = tu.get("srclang") or header_lang
        if not srclang:
            raise self._error("<tu> without srclang, and the header names none", tu)
        context = _NO_CONTEXT
        variants: list[tuple[str, str, str]] = []  # (language, text, changed)
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                variants.append(self._variant(child, tu))
            elif tag == "prop":
                field = PROPS.get(child.get("type"))
                if field is not None:
                    if context is _NO_CONTEXT:
                        context = dict(_NO_CONTEXT)
                    context[field] = child.text or ""
            elif tag != "note" and isinstance(tag, str):
                raise self._error(f"<{tag}> in <tu>: TMX 1.4b allows <note>, <prop> "
                                  f"and <tuv> only", child)
        if not variants:
            raise self._error("<tu> without any <tuv>", tu)
        changed = _date(tu.get("changedate") or tu.get("creationdate"))
        known = []
        for code, text, tuv_changed in variants:
            lang = official_language(code)
            if lang is None:
                self.skipped[code] += 1
            else:
                known.append((lang, text, tuv_changed or changed))
        if srclang.strip().lower() == "*all*":
            sources = [variant for variant in known if variant[1]]
        else:
            source_lang = official_language(srclang)
            if source_lang is None:
                return  # its source <tuv> is counted in skipped
            sources = [variant for variant in known if variant[0] == source_lang]
            if not sources:
                languages = ", ".join(sorted({code for code, _, _ in variants}))
                raise self._error(f"<tu> with srclang {srclang!r} has no <tuv> in that "
                                  f"language (it has {languages})", tu)
            if not any(text for _, text, _ in sources):
                raise self._error("<tu> whose source <seg> is empty", tu)
            sources = sources[:1]
        document, msgctxt, previous, following = (
            context["document"], context["msgctxt"], context["previous"], context["next"])
        for source_lang, source, _ in sources:
            for lang, text, tuv_changed in known:
                if lang == source_lang or not text:
                    continue
                yield TMUnit(source, source_lang, lang, text, document, msgctxt, previous,
                             following, tuv_changed, self.origin)

    def _variant(self, tuv, tu) -> tuple[str, str, str]:
        code = tuv.get(XML_LANG) or tuv.get("lang")
        if not code:
            raise self._error("<tuv> without xml:lang", tuv)
        segs = [child for child in tuv if child.tag == "seg"]
        if len(segs) != 1:
            raise self._error(f"<tuv xml:lang={code!r}> needs one <seg>, it has {len(segs)}", tuv)
        seg = segs[0]
        # A <seg> without inline codes is its text; with them, every piece of text in it
        text = (seg.text or "") if not len(seg) else "".join(seg.itertext())
        changed = tuv.get("changedate")
        return code, text, _date(changed) if changed else ""


_NO_CONTEXT = {field: "" for field in PROPS.values()}  # shared by units without <prop>


def _root_error(root, path: Path) -> InputError | None:
    """The error of a document whose root is not TMX's ``<tmx>``; None if it is."""
    if root.tag == "tmx":
        return None
    return InputError(_not_tmx(root), path=path, line=root.sourceline)


def _not_tmx(element) -> str:
    tag = element.tag
    if isinstance(tag, str) and tag.startswith("{") and tag.endswith("}tmx"):
        return (f"not a TMX 1.4b file: <tmx> is in the namespace {tag[1:tag.index('}')]!r}; "
                f"TMX elements have none")
    name = tag.rpartition("}")[2] if isinstance(tag, str) else "?"
    return f"not a TMX file: the root element is <{name}>, not <tmx>"


def _date(value: str | None) -> str:
    return value if value and _DATE.fullmatch(value) else ""


# ------------------------------------------------------------------------------------ export


def tmx_chunks(backend: Backend, *, target_langs: Iterable[str] | None = None,
               counts: Counter | None = None) -> Iterator[str]:
    """The TMX file of the memory (only translations into ``target_langs`` when given), a
    piece at a time. ``counts`` gets "units" (``<tu>`` written) and "unwritable" (units
    holding characters XML 1.0 cannot carry, left out)."""
    counts = counts if counts is not None else Counter()
    wanted = set(target_langs) if target_langs else None
    sources = sorted({key.split("->")[0] for key in backend.stats() if "->" in key})
    srclang = tmx_code(sources[0]) if len(sources) == 1 else "*all*"
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
           '<tmx version="1.4">\n'
           f'<header creationtool="l10n" creationtoolversion={quoteattr(__version__)} '
           f'segtype="sentence" o-tmf="l10n" adminlang="en" srclang="{srclang}" '
           'datatype="plaintext"/>\n<body>\n')
    group_key, group = None, []
    for unit in backend.iterate():
        if wanted is not None and unit.target_lang not in wanted:
            continue
        if _NOT_XML.search("".join((unit.source, unit.target, unit.document, unit.msgctxt,
                                    unit.previous, unit.next, unit.origin))):
            counts["unwritable"] += 1
            continue
        key = (unit.source_lang, unit.source, unit.document, unit.msgctxt, unit.previous,
               unit.next)
        if key != group_key and group:
            yield from _tus(group, counts)
            group = []
        group_key = key
        group.append(unit)
    if group:
        yield from _tus(group, counts)
    yield "</body>\n</tmx>\n"


def _tus(group: list[TMUnit], counts: Counter) -> Iterator[str]:
    """One <tu> per round of the group's translations: the first translation into each
    language in the first, the second ones (if any) in the next..."""
    by_lang: dict[str, list[TMUnit]] = {}
    for unit in group:
        by_lang.setdefault(unit.target_lang, []).append(unit)
    first = group[0]
    props = "".join(f'<prop type="{name}">{escape(getattr(first, field))}</prop>'
                    for name, field in PROPS.items() if getattr(first, field))
    for round_ in range(max(len(units) for units in by_lang.values())):
        units = [units[round_] for _, units in sorted(by_lang.items()) if round_ < len(units)]
        changed = max(unit.changed for unit in units)
        lines = [f'<tu srclang="{tmx_code(first.source_lang)}"'
                 + (f' changedate="{changed}"' if changed else "") + ">" + props,
                 _tuv(first.source_lang, first.source, "", "")]
        lines += [_tuv(unit.target_lang, unit.target, unit.changed, unit.origin) for unit in units]
        counts["units"] += 1
        yield "\n".join(lines) + "\n</tu>\n"


def _tuv(lang: str, text: str, changed: str, origin: str) -> str:
    attributes = f' xml:lang="{tmx_code(lang)}"' + (f' changedate="{changed}"' if changed else "")
    prop = f'<prop type="x-origin">{escape(origin)}</prop>' if origin else ""
    return f"<tuv{attributes}>{prop}<seg>{escape(text)}</seg></tuv>"


def write_tmx(backend: Backend, path: str | Path, *,
              target_langs: Iterable[str] | None = None) -> Counter:
    """Write the memory to ``path`` as TMX 1.4b, atomically; returns the counts."""
    counts: Counter = Counter()
    atomic_write_stream(path, tmx_chunks(backend, target_langs=target_langs, counts=counts))
    return counts
