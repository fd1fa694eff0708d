"""Find sentence boundaries in one chunk of text (a paragraph or a hard line).

Every run of terminal punctuation is a candidate; whether it ends the sentence depends on what
stands before it (an abbreviation? a paragraph number?) and after it (a lower-case word? an
institution's name?). The rules, in the order they are tried:

1. 。！？ (and ．) end a sentence with or without a following space, closing quotes and brackets
   included; a closing quotation followed directly by more text (“我们必须行动！”他说。)
   does not end it. Latin ! ? … ؟ and . need whitespace (or the end) after them and their
   closing quotes, brackets and citation marks ("martyr.[1]", "gas. [1][2]").
2. Nothing inside a paired quotation or bracket ends a sentence (see quotes.py).
3. A lower-case word, a comma-like mark or a double dash after the mark: no boundary.
4. ! ? ؟ … and multi-dot ellipses end the sentence before anything else ("Happy... No one",
   "Yahoo! in" stays); "…" followed by the pronoun "I" does not (English only).
5. A single full stop: the word before it decides (see rules.py for the classes). A paragraph
   number, a roman numeral or a letter that opens the sentence ("204.", "II.", "a.") is a label,
   not a sentence. Digits directly after the stop of a word are a footnote call that ends the
   sentence ("consultation.11 12 Take ..."); after a digit they are a decimal.
6. A full stop with no space between two words ("world.Today") ends a sentence when a
   lower-case word meets a capitalised one outside any URL, e-mail address or file name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .layout import list_cuts
from .quotes import Pairing, pair_marks
from .rules import LangRules

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CALL = r"\[\d{1,3}(?:[–-]\d{1,3})?\]"  # a citation call: [1], [2-4]
# Every way through the term, tail and cite parts below is unambiguous: a run of stops is one
# run, not any of its splits ("[.]+(?:[.]+)*" tried them all, so twenty dots and a letter took
# seconds, thirty took hours), and a citation call right after the stop belongs to the tail,
# while the cite part starts with a space. A failed match then costs no more than its length.
_CANDIDATE_RE = re.compile(
    rf"""
    (?P<cjk>[。！？｡．]+(?:[{_BIDI}」』”’》）〕】〉"'])*)
  | (?P<term>[.!?…‼⁇⁈⁉؟]+(?:[ \u00a0\u202f][.!?…؟]+)*)
    (?P<fn>\d{{1,3}}(?:\ \d{{1,3}})*)?
    (?P<tail>(?:[\"'”’»›)\]}}）」』》〉】`´{_BIDI}]|[ \u00a0\u202f][»›]|\u00a0[\"”’)]
              |{_CALL})*)
    (?P<cite>(?:[ \t]+{_CALL}(?:[ \t]*{_CALL})*)?)
    (?=\s|\Z|(?P<cjknext>[{_CJK}]))
  | (?P<dash>(?:(?<=--)|(?<=—))["”])(?=\s+[^\W\d_])
  | (?P<tight>(?<=[^\W\d_]{{2}})\.(?=[^\W\d_]{{2}})|(?<=\d,\d{{3}})\.(?=[^\W\d_]{{2}}))
    """,
    re.VERBOSE,
)
# Every branch of _CANDIDATE_RE consumes one of these characters first. The combined pattern
# opens with look-behinds, so the regex engine cannot skip ahead to them itself and would try
# all four branches at every character; _candidates finds them with this one-class pattern
# (scanned in C) and tries the full pattern only there: same matches, about six times faster.
_CANDIDATE_START_RE = re.compile("[。！？｡．.!?…‼⁇⁈⁉؟\"”]")
_STOP_RUN_RE = re.compile("[.!?…‼⁇⁈⁉؟]*")
_STRONG = frozenset("!?…‼⁇⁈⁉؟")
_QUOTE_CLOSERS = frozenset("”’」』\"'»›")
_STRAIGHT_QUOTES = ("''", "'", '"', "`")
_STRAIGHT_QUOTE_STARTS = frozenset("'\"`")
_OPENING = "\"'“‘«([{¿¡`„‚‹「『《〈【（"
_STOPPERS = frozenset(",;:)]}»”’%.!?…")
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NEXT_MARKER_RE = re.compile(
    r"\((?:\d{1,3}|[^\W\d_]|[ivxlc]{1,6}|[IVXLC]{1,6})\)|(?:\d{1,3}|[^\W\d_])(?:\.\)|\))(?=\s)"
    r"|(?:[ivx]{2,5}|[IVX]{2,5})\)"
)
_ROMAN_RE = re.compile(r"[IVXLCDM]+\b|[ivxlcdm]+\b")
_LABEL_RE = re.compile(
    r"[•⁃▪◦‣●■*\-–]?\s*\(?(?:\d{1,4}(?:\.\d{1,3})*|[IVXLCDM]{1,7}|[ivxlcdm]{1,7}|[^\W\d_])\)?\s*"
)
_CHAIN_RE = re.compile(r"(?:^|(?<=\s))((?:[^\W\d_]{1,2}\.\s?)+)$")
_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_SHORT_DOTTED_RE = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
_FOUR_DOTS_RE = re.compile(r"\.(?: \.){3}")
_STOP_AFTER_RE = re.compile(r"\s+[,;:]")
_CLAUSE_RE = re.compile(r"[:;](?=\s)")
_SPACES_RE = re.compile(r"\s*")
_NON_SPACE_RE = re.compile(r"\S+")
_ADDRESS_RE = re.compile(r"[@/]|www\.", re.IGNORECASE)
_LETTER_RE = re.compile(r"[^\W\d_]")
_BIDI_RE = re.compile(f"[{_BIDI}]")


def chunk_cuts(chunk: str, rules: LangRules) -> list[int]:
    """Positions where sentences end in ``chunk`` (each sentence ends just before a cut)."""
    pairing = pair_marks(chunk)
    forced = list_cuts(chunk)
    cuts: list[int] = []
    start = 0
    opening = -1  # where the sentence's text begins: ``start`` with the spaces skipped, once
    waiting = 0
    for match in _candidates(chunk):
        while waiting < len(forced) and forced[waiting] <= match.start():
            start = forced[waiting]
            cuts.append(start)
            waiting += 1
        if opening < start:
            opening = _SPACES_RE.match(chunk, start).end()
        cut = _decide(chunk, match, rules, opening, pairing)
        if cut is not None and cut > start:
            cuts.append(cut)
            start = cut
    cuts.extend(forced[waiting:])
    return sorted(set(cuts))


def _candidates(chunk: str) -> list[re.Match]:
    """``list(_CANDIDATE_RE.finditer(chunk))``, found faster (see _CANDIDATE_START_RE).

    Where no candidate starts at a run of stops ("....a"), none starts inside it either (its
    ends are among those already tried, and the look-behinds need a letter or a dash before):
    the search goes on after the run, so a long run is not tried once per character."""
    found = []
    search, match = _CANDIDATE_START_RE.search, _CANDIDATE_RE.match
    pos = 0
    while (start := search(chunk, pos)) is not None:
        candidate = match(chunk, start.start())
        if candidate is None:
            pos = max(_STOP_RUN_RE.match(chunk, start.start()).end(), start.start() + 1)
        else:
            found.append(candidate)
            pos = candidate.end()
    return found


def _decide(chunk: str, match: re.Match, rules: LangRules, start: int,
            pairing: Pairing) -> int | None:
    """Where the sentence ends at ``match``, or None; the sentence's text begins at ``start``.

    Every look at the sentence so far is bounded (a label is matched in place, the clause
    before a time abbreviation found among marks listed once per chunk): a sentence of
    40,000 abbreviations that end nothing must not be read again at each of them."""
    cjk, term, fn, tail, _, cjknext, dash, tight = match.groups()
    if tight is not None:
        return _tight_cut(chunk, match.start(), rules)
    if cjk is not None:
        return _cjk_cut(chunk, match, pairing)
    if dash is not None:
        return _dash_cut(chunk, match.end(), pairing)
    end = match.end()
    end, nxt = _after(chunk, end, pairing)
    if nxt >= len(chunk) or pairing.inside(end):
        return None
    strong = not _STRONG.isdisjoint(term)
    if cjknext is not None and (not strong or tail):
        return None
    if fn and not _footnote_ok(chunk, match.start()):
        return None
    context = _Next(chunk, nxt)
    if context.stop or _omission(chunk, match.start(), term):
        return None
    if chunk[nxt] == "(" and _closes_quote(tail) and _comments_quote(chunk, nxt, pairing):
        return None
    if strong or term.count(".") > 1:
        return _strong_cut(chunk, match, term, context, rules, end)
    if fn:
        return end if not context.lower else None
    if _is_label(chunk, start, match.start()):
        return None
    return end if _full_stop_ends(chunk, match.start(), start, context, rules) else None


def _after(chunk: str, end: int, pairing: Pairing) -> tuple[int, int]:
    """The sentence end (after a detached closing quote, if any) and the next text position."""
    nxt = end
    while nxt < len(chunk) and chunk[nxt].isspace():
        nxt += 1
    if chunk[nxt:nxt + 1] not in _STRAIGHT_QUOTE_STARTS:
        return end, nxt
    for quote in _STRAIGHT_QUOTES:
        if chunk.startswith(quote, nxt) and (nxt in pairing.closers or nxt in pairing.loose
                                             or _STOP_AFTER_RE.match(chunk, nxt + len(quote))):
            after = nxt + len(quote)
            if after >= len(chunk) or chunk[after].isspace():
                end = after
                nxt = after
                while nxt < len(chunk) and chunk[nxt].isspace():
                    nxt += 1
            break
    return end, nxt


class _Next:
    """What follows a candidate boundary: the first character, the first word, its case."""

    __slots__ = ("char", "word", "lower", "stop", "marker", "digit", "inverted", "roman",
                 "initial")

    def __init__(self, chunk: str, pos: int):
        char = chunk[pos]
        self.stop = char in _STOPPERS or chunk.startswith("--", pos) or char == "—"
        if char in "-–" and not self.stop:
            pos += 1
            while pos < len(chunk) and chunk[pos].isspace():
                pos += 1
            char = chunk[pos] if pos < len(chunk) else " "
        self.marker = _NEXT_MARKER_RE.match(chunk, pos) is not None
        self.inverted = char in "¿¡"
        while char in _OPENING and pos + 1 < len(chunk):
            pos += 1
            char = chunk[pos]
        self.char = char
        self.digit = char.isdigit()
        self.lower = char.islower()
        self.roman = _ROMAN_RE.match(chunk, pos) is not None
        word = _WORD_RE.match(chunk, pos)
        # "A/RES/78/261" starts with a letter, not with the word "A".
        symbol = word is not None and chunk.startswith("/", word.end())
        self.word = word.group() if word and not symbol else ""
        self.initial = len(self.word) == 1 and chunk.startswith(".", pos + 1)


def _dash_cut(chunk: str, end: int, pairing: Pairing) -> int | None:
    """'"If you please, sir--" The Rabbit started': a broken-off quotation ends the sentence."""
    if pairing.inside(end):
        return None
    nxt = end
    while chunk[nxt].isspace():
        nxt += 1
    return end if chunk[nxt].isupper() else None


def _cjk_cut(chunk: str, match: re.Match, pairing: Pairing) -> int | None:
    end = match.end()
    if end >= len(chunk) or pairing.inside(end):
        return None
    if not chunk[end].isspace() and match.group("cjk")[-1] in _QUOTE_CLOSERS:
        if _attribution_follows(chunk, end):
            return None  # “我们必须行动！”他说。 : the quotation is part of the sentence
    return end


_CJK_CLAUSE_RE = re.compile(r"[^。！？，：；、,:;“「『]*(.)?")


def _attribution_follows(chunk: str, pos: int) -> bool:
    """Whether the text after a closed quotation only attributes it (“……！”他说。): it runs
    to the sentence's end with no comma, colon or new quotation on the way. “……。”他还说，……
    goes on to a sentence of its own, which the quotation's full stop ended."""
    stop = _CJK_CLAUSE_RE.match(chunk, pos).group(1)
    return stop is None or stop in "。！？"


def _omission(chunk: str, term_start: int, term: str) -> bool:
    """"[...]" or "(...)": an omission mark inside a quotation, not the end of a sentence."""
    return term_start > 0 and chunk[term_start - 1] in "[(" and set(term) <= {".", "…"}


def _closes_quote(tail: str) -> bool:
    return any(c in _QUOTE_CLOSERS or c == "`" for c in tail)


def _comments_quote(chunk: str, opened: int, pairing: Pairing) -> bool:
    """A parenthesis right after a quotation: a citation ('"..." (Smith 55).') or a closing
    comment stays with it; a parenthesised sentence followed by more text stands alone."""
    closed = pairing.closing(opened)
    if closed < 0:
        return True
    if chunk[closed - 1] not in ".!?":
        return True
    return _NON_SPACE_RE.search(chunk, closed + 1) is None


def _footnote_ok(chunk: str, term_start: int) -> bool:
    before = chunk[term_start - 1] if term_start > 0 else " "
    return before.isalpha() or before in ")]"


def _strong_cut(chunk: str, match: re.Match, term: str, context: _Next, rules: LangRules,
                end: int) -> int | None:
    if context.lower:
        return None
    if not any(c in "!?‼⁇⁈⁉؟" for c in term) and context.word in rules.ellipsis_nonstarters:
        return None
    start = match.start()
    if _FOUR_DOTS_RE.fullmatch(term) and start > 0 and chunk[start - 1].isalpha():
        return start + 1  # "compounds. . . . The": the stop ends it, ". . ." opens the next
    return end


def _is_label(chunk: str, start: int, term_start: int) -> bool:
    """True for a paragraph number, roman numeral or letter that opens the sentence (which
    begins at ``start``, spaces skipped)."""
    return _LABEL_RE.fullmatch(chunk, start, term_start) is not None


def _left_token(chunk: str, term_start: int) -> tuple[str, int]:
    """The word before a full stop (quotes, brackets and bidi marks removed) and its start."""
    end = term_start
    while end > 0 and chunk[end - 1] in " \u00a0\u202f":
        end -= 1
    begin = end
    while begin > 0 and not chunk[begin - 1].isspace():
        begin -= 1
    token = _BIDI_RE.sub("", chunk[begin:end]).lstrip(_OPENING).rstrip("\"'”’»)]}")
    return token, begin


def _last_piece(token: str, rules: LangRules) -> str:
    """"Tuesday.Mr" -> "Mr", "171/U.S" -> "U.S", "l’art" -> "art": words run together."""
    if rules.classify(token):
        return token
    for joint in ("/", "’", "'"):
        piece = token.rsplit(joint, 1)[-1]
        if piece != token and rules.classify(piece):
            return piece
    piece = token.rsplit(".", 1)[-1]
    return piece if piece != token and rules.classify(piece) == "titles" else token


def _classify(chunk: str, token: str, begin: int, rules: LangRules) -> str | None:
    """The rules.py class of the word before a full stop, with spaced chains ("т. е.") joined."""
    if len(token) <= 2 and token.isalpha():
        chain = _CHAIN_RE.search(chunk, max(0, begin - 16), begin)
        if chain:
            joined = rules.classify(chain.group(1).replace(" ", "") + token)
            if joined:
                return joined
            if _INITIALS_RE.fullmatch(chain.group(1).replace(" ", "") + token):
                return "initials"
    found = rules.classify(token)
    if found:
        return found
    if token[:1].isdigit():
        stripped = token.lstrip("0123456789")
        if stripped and rules.classify(stripped) == "time":
            return "time"
    if len(token) == 1 and token.isalpha() and not token.islower():
        return "initials"
    if "." in token:
        if _INITIALS_RE.fullmatch(token) and not any(c.islower() for c in token):
            return "initials"
        if _SHORT_DOTTED_RE.fullmatch(token) and token.islower():
            return "general"
    return None


def _full_stop_ends(chunk: str, term_start: int, start: int, context: _Next,
                    rules: LangRules) -> bool:
    token, begin = _left_token(chunk, term_start)
    token = _last_piece(token, rules)
    cls = _classify(chunk, token, begin, rules) if token else None
    if cls in ("titles", "inner"):
        return False
    if cls == "numeric" and (context.digit or context.roman or context.char == "("):
        return False
    if context.marker or context.inverted:
        return True
    if context.lower:
        return False
    if cls in ("general", "initials"):
        if cls == "initials" and context.initial:
            return False  # "U. A. E.", "J. R. R. Tolkien"
        return context.word.split("-")[0] in rules.starters
    if cls == "initialisms":
        return not context.digit and context.word not in rules.institutions
    if cls == "time":
        return _time_ends(chunk, token, begin, start, context, rules)
    if cls == "year":
        if not _previous_is_number(chunk, begin):
            return context.word.split("-")[0] in rules.starters  # г. Москва: like "general"
        return (context.word.lower() not in rules.prepositions
                and not _opened_with_preposition(chunk, start, begin, rules))
    return True


def _time_ends(chunk: str, token: str, begin: int, start: int, context: _Next,
               rules: LangRules) -> bool:
    """a.m. / B.C.: ends before a capital unless the sentence opened with a preposition."""
    after_number = token[:1].isdigit() or _previous_is_number(chunk, begin)
    if context.digit:
        return after_number
    if context.word.split("-")[0] in rules.starters:
        return True
    if not after_number:
        return False
    return not _opened_with_preposition(chunk, start, begin, rules)


def _opened_with_preposition(chunk: str, start: int, begin: int, rules: LangRules) -> bool:
    """Whether the clause before ``begin`` opened with a preposition ("At 5 p.m. Mr. Smith
    left.", "В 2023 г. Генеральная Ассамблея приняла ..."): the time or date is its adverbial,
    and the capitalised word after it still belongs to the sentence. The clause starts after
    the last ":" or ";" with a space after it, found among marks listed once per chunk, not
    by splitting the sentence so far at each candidate."""
    marks = _clause_marks(chunk)
    index = bisect_right(marks, begin - 2) - 1  # the mark and its space before ``begin``
    clause = marks[index] + 1 if index >= 0 and marks[index] >= start else start
    first = _NON_SPACE_RE.search(chunk, clause, begin)
    return first is not None and first.group().lower() in rules.prepositions


@lru_cache(maxsize=4)
def _clause_marks(chunk: str) -> list[int]:
    """The position of every ":" or ";" followed by a space in ``chunk``, in order."""
    return [mark.start() for mark in _CLAUSE_RE.finditer(chunk)]


def _previous_is_number(chunk: str, begin: int) -> bool:
    end = begin
    while end > 0 and chunk[end - 1].isspace():
        end -= 1
    return end > 0 and chunk[end - 1].isdigit()


def _tight_cut(chunk: str, pos: int, rules: LangRules) -> int | None:
    """"world.Today": a stop between a lower-case and a capitalised word, outside URLs."""
    starts, ends, addresses = _tokens(chunk)
    index = bisect_right(starts, pos) - 1
    if index in addresses:
        return None
    begin, end = starts[index], ends[index]
    left = chunk[max(begin, pos - 2):pos]
    if not (left.islower() and left.isalpha()) and not left[-1:].isdigit():
        return None
    word = _WORD_RE.match(chunk, pos + 1)
    if word is None or not word.group()[0].isupper() or not word.group()[1:].islower():
        return None
    rest = chunk[word.end():min(end, word.end() + 2)]
    if rest[:1] == "." and rest[1:2].isalpha():
        return None  # a host name: testurl.Awesome.com
    last = _last_word(chunk, begin, pos)
    if last and rules.classify(last):
        return None  # "им.Пушкина": an abbreviation run into the next word
    return pos + 1


@lru_cache(maxsize=4)
def _tokens(chunk: str) -> tuple[list[int], list[int], frozenset[int]]:
    """Where each run of non-space characters in ``chunk`` starts and ends, and which runs hold
    an e-mail address, a path or a host name ("@", "/", "www."). Listed once per chunk: a
    word of 40,000 stops ("ab.Cd" * 40000) has a candidate at each."""
    starts: list[int] = []
    ends: list[int] = []
    for token in _NON_SPACE_RE.finditer(chunk):
        starts.append(token.start())
        ends.append(token.end())
    addresses = frozenset(bisect_right(starts, m.start()) - 1 for m in _ADDRESS_RE.finditer(chunk))
    return starts, ends, addresses


def _last_word(chunk: str, begin: int, end: int) -> str:
    """The last match of _WORD_RE in ``chunk[begin:end]`` (letters, hyphen-joined), or ""."""
    while end > begin and not _LETTER_RE.match(chunk, end - 1):
        end -= 1
    start = end
    while start > begin:
        if _LETTER_RE.match(chunk, start - 1):
            start -= 1
        elif chunk[start - 1] == "-" and start - 2 >= begin and start < end \
                and _LETTER_RE.match(chunk, start - 2):
            start -= 1
        else:
            break
    return chunk[start:end]
