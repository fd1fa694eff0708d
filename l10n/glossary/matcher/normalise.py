"""Per-language matching rules, character folding and tokenising with offsets.

The rules of each language (tokeniser pattern, characters to drop or fold, elisions,
contractions, articles, Arabic clitics...) are data in ``data/<lang>.json``; this module loads
them once and applies the character-level part. Folding works one token at a time, so character
offsets always come from the tokeniser and stay exact in the original text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple

from ...errors import ConfigError

DATA_DIR = Path(__file__).with_name("data")

_DEFAULT = {
    "lang": "",
    "token_pattern": r"[\w\u0300-\u036f]+|/",
    "joiners": "-\u2010\u2011.",
    "word_boundaries": True,
}


@dataclass(frozen=True, eq=False)
class Rules:
    """The matching rules of one language, read from ``data/<lang>.json``."""

    lang: str
    token_re: re.Pattern[str]
    joiners: frozenset[str]
    word_boundaries: bool
    strip_chars: frozenset[str]
    strip_diacritics: bool
    fold_fullwidth: bool
    char_table: Mapping[int, str]
    stemmer: str | None
    morph: str | None
    acronym_plural: str | None
    elisions: Mapping[str, str]
    contractions: Mapping[str, tuple[str, ...]]
    articles: frozenset[str]
    parenthetical_articles: frozenset[str]
    protected: frozenset[str]
    clitics: tuple[tuple[str, str], ...]
    min_remainder: int
    suffixes: tuple[str, ...]
    min_stem: int
    digest: str
    indefinite_article: str | None = None  # Arabic ال: a phrase may drop it on every word
    accusative_alif: bool = False  # Arabic: the alif of the indefinite accusative is no letter of the key
    singulars: Mapping[str, str] = field(default_factory=dict)  # Arabic broken plural -> singular (folded)
    joiner_chars: str = ""  # the joiners as one string, for str.strip in the tokeniser


class RawToken(NamedTuple):
    """A word of the text: its span, its characters and whether a joiner ties it to the previous one."""

    start: int
    end: int
    text: str
    joined: bool


@lru_cache(maxsize=None)
def load_rules(lang: str) -> Rules:
    """The rules for ``lang``; a language without a data file gets generic word rules."""
    if not re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)*", lang or ""):
        raise ConfigError(f"not a language code: {lang!r}")
    path = DATA_DIR / f"{lang.split('-')[0].split('_')[0]}.json"
    if path.is_file():
        raw_text = path.read_text(encoding="utf-8")
        try:
            data = json.loads(raw_text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"bad matching rules: {exc.msg}", path=path, line=exc.lineno) from None
    else:
        data, raw_text = dict(_DEFAULT, lang=lang), json.dumps(_DEFAULT, sort_keys=True)
    return _rules_from(data, lang, raw_text, path)


def _folded_pairs(pairs: dict[str, str], data: dict) -> Mapping[str, str]:
    """``pairs`` with both sides written as word keys are (marks dropped, letters folded)."""
    table = str.maketrans(data.get("char_map", {}))
    strip = set(data.get("strip_chars", ""))

    def fold(word: str) -> str:
        return "".join(c for c in word if c not in strip).translate(table).casefold()

    return MappingProxyType({fold(k): fold(v) for k, v in pairs.items()})


def _rules_from(data: dict, lang: str, raw_text: str, path: Path) -> Rules:
    import hashlib

    try:
        token_re = re.compile(data["token_pattern"])
    except (KeyError, re.error) as exc:
        raise ConfigError(f"bad token_pattern: {exc}", path=path) from None
    return Rules(
        lang=lang,
        token_re=token_re,
        joiners=frozenset(data.get("joiners", "")),
        joiner_chars="".join(sorted(set(data.get("joiners", "")))),
        word_boundaries=bool(data.get("word_boundaries", True)),
        strip_chars=frozenset(data.get("strip_chars", "")),
        strip_diacritics=bool(data.get("strip_diacritics", False)),
        fold_fullwidth=bool(data.get("fold_fullwidth", False)),
        char_table=MappingProxyType(str.maketrans(data.get("char_map", {}))),
        stemmer=data.get("stemmer"),
        morph=data.get("morph"),
        acronym_plural=data.get("acronym_plural"),
        elisions=MappingProxyType(dict(data.get("elisions", {}))),
        contractions=MappingProxyType(
            {k: tuple(v) for k, v in data.get("contractions", {}).items()}
        ),
        articles=frozenset(data.get("articles", ())),
        parenthetical_articles=frozenset(data.get("parenthetical_articles", ())),
        protected=frozenset(data.get("protected", ())),
        clitics=tuple((p, r) for p, r in data.get("clitics", ())),
        min_remainder=int(data.get("min_remainder", 2)),
        suffixes=tuple(data.get("suffixes", ())),
        indefinite_article=data.get("indefinite_article"),
        accusative_alif=bool(data.get("accusative_alif", False)),
        singulars=_folded_pairs(data.get("singulars", {}), data),
        min_stem=int(data.get("min_stem", 3)),
        digest=hashlib.sha256(raw_text.encode("utf-8")).hexdigest()[:16],
    )


def tokenise(text: str, rules: Rules) -> list[RawToken]:
    """Split ``text`` into word tokens with offsets; ``joined`` marks words tied by a joiner.

    A joiner is a hyphen or full stop written with no space ("Under-Secretary-General",
    "H.E."): a match may not begin or end between two joined words, so a term never matches
    part of a compound as a separate hit.
    """
    tokens: list[RawToken] = []
    append = tokens.append
    joiners = rules.joiner_chars
    prev_end = -1
    for m in rules.token_re.finditer(text):
        start, end = m.span()
        joined = prev_end >= 0 and joins(text[prev_end:start], joiners)
        append(_new(RawToken, (start, end, m.group(), joined)))
        prev_end = end
    return tokens


def joins(gap: str, joiners: str) -> bool:
    """Whether the gap between two words ties them: not empty, and made only of joiners.
    With no joiners, strip("") removes nothing: never joined."""
    return bool(gap) and not gap.strip(joiners)


def split_words(text: str, rules: Rules) -> list[str]:
    """``text`` cut into ``[gap, word, gap, word, ..., gap]``: the words ``tokenise`` finds
    and what lies around them (empty strings where nothing does).

    One C-level ``split`` on the token pattern in a group does the scan, several times faster
    than building tokens; the words are ``parts[1::2]``, a word's offsets the running sum of
    the lengths before it, and the gap before a word tells whether it is joined. A pattern
    with groups of its own takes the slow way (``split`` would return those groups too).
    """
    grouped = _grouped(rules.token_re)
    if grouped is not None:
        return grouped.split(text)
    parts: list[str] = []
    prev = 0
    for m in rules.token_re.finditer(text):
        parts += (text[prev : m.start()], m.group())
        prev = m.end()
    parts.append(text[prev:])
    return parts


def splitter(rules: Rules) -> Callable[[str], list[str]]:
    """``split_words`` for one language as a single callable: the grouped pattern's own
    ``split`` when there is one, so a term index calling it for every text skips the look-up."""
    grouped = _grouped(rules.token_re)
    if grouped is not None:
        return grouped.split
    return lambda text: split_words(text, rules)


@lru_cache(maxsize=None)
def _grouped(token_re: re.Pattern[str]) -> re.Pattern[str] | None:
    if token_re.groups:
        return None
    try:
        return re.compile(f"({token_re.pattern})", token_re.flags)
    except re.error:  # a global inline flag, such as (?i), must stay first
        return None


def words_of(text: str, rules: Rules) -> list[str]:
    """The words ``tokenise`` finds, without their offsets."""
    return split_words(text, rules)[1::2]


_new = tuple.__new__  # NamedTuple construction without the keyword-handling wrapper


def strip_marks(word: str, rules: Rules) -> str:
    """Drop the characters the language ignores (Arabic harakat and tatweel, Russian stress)."""
    if rules.strip_chars:
        word = "".join(ch for ch in word if ch not in rules.strip_chars)
    return word


def fold_chars(word: str, rules: Rules) -> str:
    """Fold a (mark-stripped) word to its normalised spelling, keeping letter case.

    Protected words (Arabic آل, "family of") are returned untouched so they never merge with
    the article ال.
    """
    if word in rules.protected:
        return word
    if rules.strip_diacritics:
        word = "".join(
            ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch)
        )
        word = unicodedata.normalize("NFC", word)
    word = word.translate(rules.char_table)
    if rules.fold_fullwidth:
        word = "".join(_fold_fullwidth(ch) for ch in word)
    return word


def _fold_fullwidth(ch: str) -> str:
    """Full-width ASCII letters and digits to their ASCII forms (NFKC, restricted to alphanumerics)."""
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    return ch


def cased_form(word: str, rules: Rules) -> str:
    """The normalised spelling of a raw token, before case folding."""
    return fold_chars(strip_marks(word, rules), rules)


def is_acronym_like(text: str) -> bool:
    """True for all-capital abbreviations such as "DESA", "SDGs", "H.E." (a plural s is allowed)."""
    if any(map(str.islower, text.replace("s", ""))) or sum(map(str.isupper, text)) < 2:
        return False  # a small letter other than a plural s, or no two capitals: settled in C
    words = re.findall(r"[^\W\d_]+", text)
    letters = "".join(w[:-1] if len(w) > 2 and w.endswith("s") else w for w in words)
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    return len(cased) >= 2 and all(ch.isupper() for ch in cased)
