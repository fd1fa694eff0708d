"""The shared half of the UN Parallel Corpus development set, as pairs an evaluation can trust.

``../shared/testdata/un-parallel/`` holds ``un.<lang>`` (line N of each file is the same
sentence) and ``un.ids`` (the document of line N, e.g. ``2015/a/69/767``). The text export
that made the corpus left artefacts that no translator made; this module undoes them or skips
the pairs they touch, and counts what it did, so that the report can say so:

- guillemets written ``<<`` and ``>>`` become « » (in French with a no-break space inside);
  straight quotes inside them, in pairs, become the language's inner quotes (fr “ ”, ru „ “):
  the export wrote every typographic double quote as a straight one; and in the few documents
  whose export wrote the guillemets themselves as straight quotes (their French, which UN
  style never writes with straight quotes, has no ``<<`` at all), fr and ru straight quotes in
  pairs become « »;
- French no-break spaces, all lost, are put back where French typography has them: before
  ``:`` (U+00A0) and ``; ! ?`` (the narrow U+202F), inside « » (U+00A0) and between groups of
  digits ("483 918");
- a pair whose paragraph number ("12." or "12 -") is kept on one side only, or differs, is
  skipped; so is one whose section paragraph number ("19.25 The Office") is kept on one side
  only, or which starts with a footnote or item label ("6 Il est entendu", "(6)", "'3`") that
  the other side neither starts with nor holds anywhere (the export kept the label of a footnote
  or list item in some languages and dropped it in others);
- en dashes, all lost, are put back between two numbers the export wrote as one ("Articles
  4653", "20142015") where the other side writes them apart, in that order ("46 à 53",
  "2014-2015");
- an empty footnote reference "()" (the export kept an Arabic reference's parentheses and
  lost its number) is dropped, as the other languages' references were;
- an empty pair, or one whose lengths are so far apart that one side cannot be a translation
  of the other (a line cut in two by the export), is skipped;
- a sentence repeated within one document is kept once (a catalogue holds a msgid once).

Nothing here looks at what l10n reports: the rules read only the text.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SOURCE = "en"
TARGETS = ("ar", "es", "fr", "ru", "zh")

NBSP, NNBSP = "\u00a0", "\u202f"

# A paragraph's list number at the start of a line: "12. ", "12 - ", "12- ", "١٢ - ".
LIST_NUMBER = re.compile(r"^\s*([0-9\u0660-\u0669\u06f0-\u06f9]{1,3})\s*[.\-\u2013\u2014](?=\s)")
_DIGITS = str.maketrans("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
                        "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
                        "01234567890123456789")

# A section paragraph number ("19.25 The Office ..."): numbered so in budget fascicles.
SECTION_NUMBER = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\s+(?=[^\W\d_])")
# A footnote's or list item's own label opening a line: "6 Il est", "(6) ...", "'3` ..."
# (UN Arabic writes item "(iii)" as '3`).
LABEL = re.compile(r"^\s*(?:\((\d{1,3})\)|'(\d{1,2})`|(\d{1,3})(?=\s+[^\W\d_]))")
_NUMBER = re.compile(r"\d+")

# Misalignment: one side at least this many (normalised) characters longer than the other,
# and more than MISALIGNED_RATIO times as long.
MISALIGNED_CHARS = 50
MISALIGNED_RATIO = 2.5
HAN_WEIGHT = 3.5  # English characters per Chinese character, for comparing lengths


@dataclass(frozen=True)
class Pair:
    """One English sentence and its official translation, as the evaluation uses them."""

    index: int  # line number in the corpus files, from 1
    doc: str  # the document symbol as the corpus writes it, e.g. "a/69/767"
    lang: str
    source: str
    target: str


@dataclass
class Corpus:
    """The pairs kept per language and what was undone or skipped to get them."""

    lines: int
    pairs: dict[str, list[Pair]] = field(default_factory=dict)
    restored: dict[str, Counter] = field(default_factory=dict)
    skipped: dict[str, Counter] = field(default_factory=dict)


def corpus_dir(shared: Path) -> Path:
    return Path(shared) / "testdata" / "un-parallel"


def read_lines(folder: Path, name: str, limit: int | None) -> list[str]:
    """The lines of ``folder/name`` without their line ends (the first ``limit`` ones)."""
    lines = (folder / name).read_text("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines[:limit] if limit else lines


def document(ids_line: str) -> str:
    """``2015/a/69/767 ar:3:1 ...`` -> ``a/69/767`` (the year folder dropped)."""
    symbol = ids_line.split()[0] if ids_line.strip() else "unknown"
    return symbol.split("/", 1)[1] if re.match(r"\d{4}/", symbol) else symbol


def list_number(text: str) -> str | None:
    """The paragraph number a line starts with, in ASCII digits, or None."""
    match = LIST_NUMBER.match(text)
    return match.group(1).translate(_DIGITS) if match else None


def section_number(text: str) -> str | None:
    """The section paragraph number ("19.25") a line starts with, before a word that does not
    start in lower case ("3.5 per cent" is a number)."""
    match = SECTION_NUMBER.match(text)
    return match.group(1) if match and not text[match.end()].islower() else None


def label(text: str) -> str | None:
    """The footnote or item label a line starts with, in ASCII digits, or None."""
    match = LABEL.match(text.translate(_DIGITS))
    return next((g for g in match.groups() if g), None) if match else None


def lone_label(source: str, target: str) -> bool:
    """One side opens with a label that the other neither opens with nor holds anywhere."""
    for one, other in ((source, target), (target, source)):
        mark = label(one)
        if mark and label(other) != mark and mark not in _NUMBER.findall(
                other.translate(_DIGITS)):
            return True
    return False


# Two numbers the export wrote as one by dropping the en dash between them: a run of digits
# on one side that is two numbers the other side writes apart, in that order, with a few
# characters that are not digits between them ("46 à 53", "2014-2015", "15至64").
_GROUP_SEPARATOR = re.compile("[ ,.\u00a0\u202f]")  # "1 219" is one number, not 1 and 219
_RUN = re.compile(r"(?<![\d.,])\d{4,8}(?![\d])")


def restore_dashes(source: str, target: str, counts: Counter) -> tuple[str, str]:
    """Put back the en dash the export dropped between two numbers (see ``_RUN``)."""
    texts = [source, target]
    for i in (0, 1):
        other = texts[1 - i].translate(_DIGITS)
        if not re.search(r"\d\D{1,12}\d", other):
            continue

        def dash(match: re.Match) -> str:
            run = match.group()
            for cut in range(1, len(run)):
                first, second = run[:cut], run[cut:]
                if second.startswith("0"):
                    continue
                apart = re.search(rf"(?<![\d.,]){first}(?![\d])([^\d]{{1,12}}?)"
                                  rf"(?<![\d.,]){second}(?![\d])", other)
                if apart and not (len(second) == 3 and _GROUP_SEPARATOR.fullmatch(apart[1])) \
                        and run not in _NUMBER.findall(other):
                    counts["en dash put back between two numbers written as one"] += 1
                    return f"{first}\u2013{second}"
            return run
        texts[i] = _RUN.sub(dash, texts[i])
    return texts[0], texts[1]


def restore_guillemets(text: str, lang: str, counts: Counter) -> str:
    """``<<`` and ``>>`` as « »; in French with the no-break space inside them."""
    if "<<" not in text and ">>" not in text:
        return text
    counts["lines with << >> written as « »"] += 1
    if lang == "fr":
        text = re.sub(r"<<\s*", "«" + NBSP, text)
        return re.sub(r"\s*>>", NBSP + "»", text)
    return text.replace("<<", "«").replace(">>", "»")


# A French mark that takes a no-break space before it, after a word (with a plain space or
# none between them) and before a space, the end or a closing mark; "10:30" and "http://" are
# not touched, nor a mark right after an opening bracket or another mark.
_FRENCH_MARK = re.compile(r"(?<=[^\s(\[«:;!?]) ?([:;!?])(?=\s|$|[»)\]\"'”])")
_FRENCH_GROUPS = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d,])")


def restore_french_spaces(text: str, counts: Counter) -> str:
    """The no-break spaces French typography puts before : ; ! ? and between digit groups."""
    def mark(match: re.Match) -> str:
        char = match.group(1)
        counts[f"no-break space put back before {char!r}"] += 1
        return (NBSP if char == ":" else NNBSP) + char

    def groups(match: re.Match) -> str:
        counts["no-break space put back between digit groups"] += 1
        return match.group().replace(" ", NBSP)

    return _FRENCH_GROUPS.sub(groups, _FRENCH_MARK.sub(mark, text))


# The quotation marks a language writes inside « » (UN French “ ”, UN Russian „ “).
INNER_QUOTES = {"fr": "“”", "ru": "„“"}
_GUILLEMETED = re.compile(r"«[^«»]*»")


def restore_inner_quotes(text: str, lang: str, counts: Counter) -> str:
    """Straight double quotes inside « », in pairs, as the language's inner quotation marks.

    The export wrote every typographic double quote (“ ” „ “) as a straight one: they survive
    in one document only (S/2015/128, whose French also keeps ’), and no other line of any
    language has one, though the English alone has 170 straight quotes. Inside « » a quote can
    only be an inner one, written with the language's inner marks. Straight quotes outside
    « » are left as they are: whatever the translator typed there (“ ” or "), it was not the
    « » UN French and Russian quote with, so the check is right to report them."""
    inner = INNER_QUOTES.get(lang)
    if inner is None or '"' not in text or "«" not in text:
        return text

    def nested(match: re.Match) -> str:
        span = match.group()
        if span.count('"') % 2:
            return span
        counts["straight quotes inside « » written as the language's inner quotes"] += 1
        marks = iter(inner * (span.count('"') // 2))
        return re.sub('"', lambda _: next(marks), span)

    return _GUILLEMETED.sub(nested, text)


def flattened_documents(docs: list[str], french: list[str]) -> frozenset[str]:
    """The documents whose export wrote guillemets as straight quotes: their French version
    quotes with straight quotes and has no ``<<`` anywhere. UN French never quotes with straight
    quotes, and every other document's French writes its guillemets ``<<`` ``>>``; in each of
    these documents the Russian version, too, has straight quotes and no ``<<``."""
    straight, guillemets = set(), set()
    for doc, line in zip(docs, french):
        if '"' in line:
            straight.add(doc)
        if "<<" in line:
            guillemets.add(doc)
    return frozenset(straight - guillemets)


def restore_flattened_guillemets(text: str, lang: str, counts: Counter) -> str:
    """Straight double quotes, in pairs, as « » (see ``flattened_documents``)."""
    if lang not in INNER_QUOTES or text.count('"') < 2 or text.count('"') % 2:
        return text
    counts["straight quotes written as « » (a document whose export flattened them)"] += 1
    parts = text.split('"')
    inside = NBSP if lang == "fr" else ""
    for i in range(1, len(parts), 2):
        parts[i] = f"«{inside}{parts[i].strip() if inside else parts[i]}{inside}»"
    return "".join(parts)


def restore(text: str, lang: str, counts: Counter, *, flattened: bool = False) -> str:
    """The text as its translator wrote it, as far as the export's artefacts are known;
    ``flattened``: the text is of a document whose export wrote guillemets as straight quotes."""
    if flattened:
        text = restore_flattened_guillemets(text, lang, counts)
    text = restore_guillemets(text, lang, counts)
    text = restore_inner_quotes(text, lang, counts)
    if lang == "fr":
        text = restore_french_spaces(text, counts)
    if lang == "ar":
        text = drop_empty_footnote_references(text, counts)
    return text


_EMPTY_REFERENCE = re.compile(r"(?<=\S)\(\)")


def drop_empty_footnote_references(text: str, counts: Counter) -> str:
    """``text`` without the empty parentheses the export left of a footnote reference.

    The Arabic documents write a footnote reference as its number in parentheses after the word
    or the stop ("بازل.(3)"); the export kept the parentheses and lost the number ("بازل.()",
    34 lines, all Arabic). The other languages lost their references whole, and no translator
    writes empty parentheses in prose: they go, as the other languages' did."""
    if "()" not in text:
        return text
    text, dropped = _EMPTY_REFERENCE.subn("", text)
    if dropped:
        counts["empty footnote reference \"()\" dropped (the export lost its number)"] += 1
    return text


def _weighted_length(text: str) -> float:
    return sum(HAN_WEIGHT if "\u3400" <= c <= "\u9fff" else 1 for c in text)


def _length_ratio(sources: list[str], targets: list[str]) -> float:
    """The median length of a translation per character of English (long sentences only)."""
    ratios = [_weighted_length(t) / len(s) for s, t in zip(sources, targets)
              if len(s) > 40 and t.strip()]
    return statistics.median(ratios) if ratios else 1.0


def misaligned(source: str, target: str, ratio: float) -> bool:
    """True when one side is far too long or too short to be the other's translation."""
    left, right = len(source), _weighted_length(target) / ratio
    longer, shorter = max(left, right), min(left, right)
    return longer - shorter >= MISALIGNED_CHARS and longer > MISALIGNED_RATIO * max(shorter, 1)


def skip_reason(source: str, target: str, ratio: float) -> str | None:
    """Why a pair cannot be used as it is, or None."""
    if not source.strip() or not target.strip():
        return "empty line"
    if list_number(source) != list_number(target):
        return "paragraph number kept on one side only (or different)"
    if section_number(source) != section_number(target):
        return "section paragraph number kept on one side only (or different)"
    if lone_label(source, target):
        return "footnote or item label kept on one side only"
    if misaligned(source, target, ratio):
        return "misaligned (lengths too far apart)"
    return None


def load(shared: Path, langs: tuple[str, ...] = TARGETS, limit: int | None = None) -> Corpus:
    """The corpus's pairs, per target language, restored and filtered (first ``limit`` lines)."""
    folder = corpus_dir(shared)
    sources = read_lines(folder, f"un.{SOURCE}", limit)
    docs = [document(line) for line in read_lines(folder, "un.ids", limit)]
    corpus = Corpus(lines=len(sources))
    flattened = flattened_documents(docs, read_lines(folder, "un.fr", limit))
    for lang in langs:
        targets = read_lines(folder, f"un.{lang}", limit)
        if len(targets) != len(sources) or len(docs) != len(sources):
            raise SystemExit(f"{folder}: un.{lang} and un.en differ in length")
        ratio = _length_ratio(sources, targets)
        restored, skipped, kept = Counter(), Counter(), []
        seen: set[tuple[str, str]] = set()
        for number, (doc, source, target) in enumerate(zip(docs, sources, targets), 1):
            reason = skip_reason(source, target, ratio)
            if reason is None and (doc, source.strip()) in seen:
                reason = "sentence repeated within its document (kept once)"
            if reason:
                skipped[reason] += 1
                continue
            seen.add((doc, source.strip()))
            source, target = restore_dashes(source.strip(), target.strip(), restored)
            kept.append(Pair(number, doc, lang, source,
                             restore(target, lang, restored, flattened=doc in flattened)))
        corpus.pairs[lang], corpus.restored[lang], corpus.skipped[lang] = kept, restored, skipped
    return corpus
