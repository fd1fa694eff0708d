"""Sentence segmentation for UN texts in ar, en, es, fr, ru and zh.

    from l10n.segment import segment_text, segment_spans
    segment_spans("H.E. Sheikh Tamim opened the Summit. It closed on 6 November.", "en")
    -> [(0, 36), (37, 61)]

Spans are exact character offsets into the input, each stripped of surrounding whitespace, in
order, together covering every non-space character once; the pipeline uses them to keep inline
markup whole and the original whitespace between sentences. Rules are plain compiled regular
expressions plus per-language exception lists (l10n/segment/data/*.json, read once per
process). ``lang`` may carry a region (zh-Hans, es-419); unknown codes get the generic rules.

How the text is cut, in brief (details in layout.py, engine.py, quotes.py and rules.py):
blank lines always end a sentence; a single newline is a soft wrap unless it ends a short line
(a heading, an address line) before a capitalised one; terminal punctuation ends a sentence
unless an abbreviation, a label, a quotation or bracket, or a lower-case continuation says
otherwise. The Arabic comma and semicolon and the colon never end a sentence.
"""

from __future__ import annotations

from functools import lru_cache

from .engine import chunk_cuts
from .layout import chunk_ranges
from .rules import KNOWN_LANGUAGES, load_rules, normalise_lang

__all__ = ["KNOWN_LANGUAGES", "normalise_lang", "segment_spans", "segment_text"]


def segment_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of ``text``, in order, whitespace stripped."""
    return list(_cached_spans(text, lang))


@lru_cache(maxsize=65536)
def _cached_spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Segmentation is a pure function of the text and the language's rules (read once per
    process); ``l10n build`` asks for the same units once per language and twice per
    document, so the answers are kept."""
    return tuple(_segment(text, lang))


def _segment(text: str, lang: str) -> list[tuple[int, int]]:
    rules = load_rules(lang)
    spans: list[tuple[int, int]] = []
    for chunk_start, chunk_end in chunk_ranges(text):
        chunk = text[chunk_start:chunk_end]
        begin = 0
        for cut in chunk_cuts(chunk, rules) + [len(chunk)]:
            _add_span(chunk, chunk_start, begin, cut, spans)
            begin = cut
    return spans


def _add_span(chunk: str, offset: int, begin: int, end: int,
              spans: list[tuple[int, int]]) -> None:
    while begin < end and chunk[begin].isspace():
        begin += 1
    while end > begin and chunk[end - 1].isspace():
        end -= 1
    if begin < end:
        spans.append((offset + begin, offset + end))


def segment_text(text: str, lang: str) -> list[str]:
    """The sentences of ``text``: ``[text[s:e] for s, e in segment_spans(text, lang)]``."""
    return [text[start:end] for start, end in segment_spans(text, lang)]
