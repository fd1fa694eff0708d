"""Text keys and similarity for the memory, the same for every backend.

- ``normalise``: what lookups compare: inline tags and entities dropped, case folded,
  whitespace runs folded to one space. Character based, so it works for Chinese (no spaces).
- ``grams``: the character trigrams of the normalised text, the fuzzy index's keys.
- ``skeleton``: the normalised text with every placeable (number, date, document symbol)
  replaced by one mark, so that "A/RES/78/261 of 2023" and "A/RES/79/12 of 2024" share it.
- ``similarity``: a percentage as CAT tools give it: 100 only for identical text; a difference
  in tags, whitespace, case or punctuation only costs a point or two; otherwise an edit
  distance similarity (rapidfuzz's normalised Indel distance, as msgmerge-like tools use) of
  the normalised texts, at most 99.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..util.cache import kept_json

# An inline tag as the catalogues hold them (HTML or XML, opening, closing or empty).
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_DIGIT = re.compile(r"\d")
_PUNCT_TRANSLATE = {ord(c): None for c in ".,;:!?¿¡\"'«»“”‘’„‹›()[]{}…—–-،؛؟。，、；：！？（）《》「」『』"}
# Placeables: document symbols (A/RES/78/261, S/2015/123, E/CN.6/2015/3, A/C.3/79/L.12),
# dates written with digits (2025-11-04, 04/11/2025), numbers (12, 1,000, 3.5, 1 000 000).
SYMBOL = r"(?<![A-Za-z0-9_/])(?:[A-Z]{1,4}(?:\.\d+)?/)+(?:[A-Z0-9]+(?:\.\d+)?[-/]?)*[A-Z0-9]+(?:\.\d+)?(?![A-Za-z0-9_/])"
# Digits next to letters of unspaced scripts count (第78/261号, 2025年): only Latin letters
# and digits around a number make it part of a word (A4, 3D).
NUMBER = (r"(?<![A-Za-z0-9_.,])\d{1,3}(?:(?:[,\u00a0\u202f ]\d{3})+|(?:\.\d{3})+(?!\d))(?:[.,]\d+)?"
          r"(?![A-Za-z0-9_])|(?<![A-Za-z0-9_.,/])\d+(?:/\d+)*(?:[.,]\d+)?(?![A-Za-z0-9_/])")
PLACEABLE = re.compile(f"{SYMBOL}|\\d{{4}}-\\d{{2}}-\\d{{2}}|\\d{{1,2}}/\\d{{1,2}}/\\d{{4}}|{NUMBER}")
# A month number written before 月 (2025年11月4日) stands for the month, as a name does.
ZH_MONTH = r"\d{1,2}(?=\s?月)"
MARK = "\uf8ff"  # a private-use character: never in a UN text
_SYMBOL = re.compile(SYMBOL)
_DIGITS = re.compile(r"\d+")
_BEFORE_MONTH = re.compile(r"\s?月")


def strip_tags(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text)) if "<" in text or "&" in text else text


def normalise(text: str) -> str:
    """The text lookups compare: tags dropped, NFKC, case folded, whitespace folded."""
    return fold_spaces(unicodedata.normalize("NFKC", strip_tags(text)).casefold())


def fold_spaces(text: str) -> str:
    """Each run of whitespace as one space, none at the ends: what ``re.sub(r"\\s+", " ",
    text).strip()`` gives (str.split's whitespace is the same set of characters as the
    pattern's), about three times as fast."""
    return " ".join(text.split())


def grams(key: str) -> set[str]:
    """The distinct character trigrams of a normalised text (a shorter text is its own gram)."""
    if len(key) < 3:
        return {key} if key else set()
    return {key[i:i + 3] for i in range(len(key) - 2)}


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Month name (lower case) -> number, in the six languages: CLDR's names, format and
    stand-alone, UN Arabic's Levantine and Maghreb names and Russian's other case forms (as
    the numbers check reads them).

    Made from Babel's locale data, which takes ten locale files and a tenth of a second to
X
    and the numbers data's digest, so later runs read one small file instead."""
    return kept_json(_months_file(), _month_numbers,
                     lambda table: isinstance(table, dict)
                     and all(isinstance(v, int) for v in table.values()))


def _month_numbers() -> dict[str, int]:
    from ..checks.numbers import month_names

    found: dict[str, int] = {}
    for lang in ("ar", "en", "es", "fr", "ru", "zh"):
        for name, number in month_names(lang).items():
            found.setdefault(name.lower(), number)
    return found


def _months_file() -> str:
    """Where ``month_numbers`` keeps its table in the cache folder: under Babel's version and
    the digest of the numbers check's data, whose month locales it reads."""
    import babel

    data = Path(__file__).resolve().parent.parent / "checks" / "data" / "numbers.json"
    digest = hashlib.blake2b(data.read_bytes(), digest_size=8).hexdigest()
    return f"months/babel-{babel.__version__}-{digest}.json"


@lru_cache(maxsize=1)
def placeable_pattern() -> re.Pattern:
    """``placeable_alternatives`` with a quick check of where a placeable can start."""
    return re.compile(placeable_alternatives(with_start=True))


@lru_cache(maxsize=1)
def _english_pattern() -> re.Pattern:
    """``placeable_pattern`` without the month names of the other five languages: the same
    matches in a text holding none of them (``pattern_for``), about three times as fast."""
    return re.compile(placeable_alternatives(with_start=True, others=False))


_ASCII_WORD = re.compile(r"[a-z]+")
# A letter beyond ASCII, as the pattern's boundaries count letters (\w but not a digit).
_OTHER_LETTER = re.compile(r"(?![\x00-\x7f])[^\W\d_]")


@lru_cache(maxsize=1)
def _ascii_other_months() -> frozenset[str]:
    """The month names of the other five languages written in ASCII letters only (mars,
    enero...), lower case."""
    return frozenset(name for name in _month_names_split()[1] if name.isascii())


def pattern_for(text: str) -> re.Pattern:
    """The placeable pattern to scan ``text`` with: ``placeable_pattern``, or the faster
    ``_english_pattern`` where it finds the same. That is so for a text whose letters are
    all ASCII (99 % of the UN's English sentences; dashes, quotes and other signs beyond
    ASCII may be there) none of whose words is a month name of another language: a name
    matches only as a whole run of letters, case-insensitively; in such a text a run of
    letters is a run of [A-Za-z], and re's case-insensitive letters are those whose lower
    cases are equal (a name with a letter beyond ASCII cannot match there at all; the
    letters re equates with ASCII ones, such as the Kelvin sign and the long s, are beyond
    ASCII). The import takes every source's skeleton, and the names' alternatives were two
    thirds of its time."""
    if (text.isascii() or _OTHER_LETTER.search(text) is None) and \
            _ascii_other_months().isdisjoint(_ASCII_WORD.findall(text.lower())):
        return _english_pattern()
    return placeable_pattern()


def _month_names_split() -> tuple[list[str], list[str]]:
    """The month names, longest first: (English, the other languages'), lower case, without
    "may" (written apart: a month only beside a number)."""
    names = sorted(month_numbers(), key=len, reverse=True)
    english = {"january", "february", "march", "april", "june", "july", "august",
               "september", "october", "november", "december"}
    return ([name for name in names if name in english],
            [name for name in names if name not in english and name != "may"])


def placeable_alternatives(with_start: bool = False, trie: bool = True,
                           others: bool = True) -> str:
    """PLACEABLE, with month names (a date's month changes as its day does: "4 November
    2025" -> "5 December 2025"). English names are matched as written, capitalised, and "May"
    only beside a number; the other languages' in any case. A text holding no digit has no
    placeables (a month name alone is a word, not a date). The names are written as a trie
    (``trie_alternation``; ``trie=False``: as a plain alternation, the same matches, slower).
    ``others=False``: without the other languages' names (see ``pattern_for``)."""
    english, foreign = _month_names_split()
    alternation = trie_alternation if trie else _plain_alternation
    latin_english = alternation(name.capitalize() for name in english)
    names = f"{latin_english}|May(?=\\s+\\d)|(?<=\\d\\s)May"
    if others:
        names += f"|(?i:{alternation(foreign)})"
    months = rf"(?<![^\W\d_])(?:{names})(?![^\W\d_])"
    # Every placeable starts with a digit, a capital (symbols, English months) or, at a word's
    # start, another language's month name: checking that first lets the scan skip the other
    # places at once instead of trying each month name there (the matches are the same).
    initials = "".join(sorted({re.escape(name[0]) for name in foreign}))
    other_start = rf"|(?<![^\W\d_])(?i:[{initials}])" if others else ""
    start = rf"(?=\d|[A-Z]{other_start})" if with_start else ""
    return f"{start}(?:{ZH_MONTH}|{months}|{PLACEABLE.pattern})"


def trie_alternation(words) -> str:
    """A pattern matching the same as the alternation of ``words`` longest first, written as
    a trie ("ju(?:in|illet)" rather than "juillet|juin"), which fails at once where no word
    starts, instead of trying each word there. The same matches: the words that match at one
    place are prefixes of one another, and the trie's optional tails are greedy, so it tries
    them longest first, as the alternation does (a lookahead after it backtracks the same)."""
    root: dict = {}
    for word in words:
        if not word:
            raise ValueError("an empty word would match everywhere")
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(root) or "(?!)"


def _plain_alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def placeable_key(token: str) -> str:
    """What a placeable is compared by: a month by its number ("m11" for November, ноября and
    the 11 of 11月), a symbol as written, a number by its digits ("1,000" = "1 000")."""
    number = month_numbers().get(token.lower())
    if number is not None:
        return f"m{number}"
    return token if _SYMBOL.fullmatch(token) else "".join(_DIGITS.findall(token))


@lru_cache(maxsize=4096)
def keyed_placeables(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, key) of each placeable of ``text`` (tags left in place: offsets are the
    text's own), a month number before 月 keyed as the month it is. Cached: a lookup asks
    for the same texts' placeables once per candidate."""
    if not _DIGIT.search(text):
        return ()
    found = []
    for match in pattern_for(text).finditer(text):
        token = match.group()
        if token.isdigit() and _BEFORE_MONTH.match(text, match.end()):
            key = f"m{int(token)}"
        else:
            key = placeable_key(token)
        found.append((match.start(), match.end(), key))
    return tuple(found)


def placeables(text: str) -> list[str]:
    """The placeables of ``text`` in order (numbers, dates, document symbols)."""
    plain = strip_tags(text)
    if not _DIGIT.search(plain):
        return []
    return pattern_for(plain).findall(plain)


@lru_cache(maxsize=4096)
def skeleton(text: str) -> str:
    """The normalised text with each placeable replaced by MARK ("" when it has none, so that
    only texts with placeables share skeletons). Cached: a fuzzy lookup compares its text's
    skeleton with each candidate's, and substitution asks for both again."""
    plain = unicodedata.normalize("NFKC", strip_tags(text))
    if not _DIGIT.search(plain):
        return ""
    marked = pattern_for(plain).sub(MARK, plain)
    return fold_spaces(marked.casefold())


# A lookup scores one text against each of its candidates, and candidates recur: cached.
_normalised = lru_cache(maxsize=4096)(normalise)


@lru_cache(maxsize=4096)
def _unpunctuated(key: str) -> str:
    return key.translate(_PUNCT_TRANSLATE)


def similarity(new: str, old: str) -> float:
    """How alike two source texts are, in percent (see the module's docstring)."""
    if new == old:
        return 100.0
    a, b = _normalised(new), _normalised(old)
    tags_differ = _TAG.findall(new) != _TAG.findall(old)
    if a == b:
        # Only tags, case, whitespace or entities differ: nearly identical.
        penalty = (2 if tags_differ else 0) + (1 if new.casefold() != old.casefold() else 0)
        return 100.0 - max(1, min(penalty, 3))
    if _unpunctuated(a) == _unpunctuated(b):
        return 97.0 - (1 if tags_differ else 0)
    from rapidfuzz.fuzz import ratio

    score = min(ratio(a, b), 99.0)
    return max(0.0, score - (1 if tags_differ else 0))
