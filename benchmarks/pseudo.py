"""A deterministic pseudo-translation for benchmark catalogues: per-word substitution.

Each word of English maps to one invented word of the target language (Latin letters with
accents for fr/es, Cyrillic for ru, Arabic letters for ar, one to three CJK characters for zh),
chosen from a hash of the word, so the same English word always gives the same target word.
Markup (tags, entities), numbers, document symbols (A/RES/78/261) and acronyms stay as they
are; honorifics get the language's own form; Chinese drops the spaces between words and uses
full-width punctuation, Arabic its own comma and question mark. The result is not a language,
but it has the shape the stages care about: the same tags and numbers, text of a realistic
length and script, and glossary terms translated the same way wherever they occur.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

LANGS = ("ar", "es", "fr", "ru", "zh")

TOKEN = re.compile(
    r"(?P<tag><[^>]*>)|(?P<ent>&#?\w+;)|(?P<num>\d[\d/.,:\u2013-]*\d|\d)"
    r"|(?P<hon>H\.E\.|Mr\.|Ms\.|Mrs\.|Dr\.)|(?P<word>[^\W\d_]+)|(?P<other>\s+|.)",
    re.S,
)
HONORIFICS = {
    "fr": {"H.E.": "S. E.", "Mr.": "M.", "Ms.": "Mme", "Mrs.": "Mme", "Dr.": "Dr"},
    "es": {"H.E.": "Excmo. Sr.", "Mr.": "Sr.", "Ms.": "Sra.", "Mrs.": "Sra.", "Dr.": "Dr."},
    "ru": {"H.E.": "Его Превосходительство", "Mr.": "г-н", "Ms.": "г-жа", "Mrs.": "г-жа",
           "Dr.": "д-р"},
    "ar": {"H.E.": "سعادة", "Mr.": "السيد", "Ms.": "السيدة", "Mrs.": "السيدة", "Dr.": "الدكتور"},
    "zh": {"H.E.": "阁下", "Mr.": "先生", "Ms.": "女士", "Mrs.": "女士", "Dr.": "博士"},
}
SYLLABLES = {
    "fr": ("la", "re", "mé", "ti", "on", "que", "par", "ssi", "è", "ment", "deu", "con", "té",
           "vi", "ble", "ré", "sou", "ai", "gné", "ra"),
    "es": ("la", "ri", "ción", "do", "mo", "ñe", "que", "par", "ta", "es", "cu", "bra", "lí",
           "men", "te", "so", "ga", "pú", "ro", "ven"),
    "ru": ("ка", "ро", "ни", "ст", "ве", "ла", "пр", "ото", "ен", "ия", "ск", "ый", "ом", "ду",
           "жи", "ре", "ть", "бо", "ча", "ов"),
    "ar": ("ال", "م", "ت", "ر", "ب", "ك", "ن", "س", "ي", "و", "ح", "ق", "ع", "د", "ل", "ف",
           "ج", "ه", "ش", "ة"),
}
PUNCT = {
    "zh": {".": "。", ",": "，", ";": "；", ":": "：", "?": "？", "(": "（", ")": "）"},
    "ar": {",": "،", "?": "؟", ";": "؛"},
}


def _hash(word: str, lang: str) -> int:
    return zlib.crc32(f"{lang}\x00{word.lower()}".encode("utf-8"))


@lru_cache(maxsize=200_000)
def translate_word(word: str, lang: str) -> str:
    """The invented target word for one English word (acronyms and one letter stay)."""
    if len(word) == 1 or (word.isupper() and len(word) > 1) or not word.isascii():
        return word
    value = _hash(word, lang)
    if lang == "zh":
        count = 1 + value % 3
        chars = []
        for _ in range(count):
            chars.append(chr(0x4E00 + value % 0x4F00))
            value = (value * 1103515245 + 12345) & 0x7FFFFFFF
        return "".join(chars)
    syllables = SYLLABLES[lang]
    count = max(1, min(5, (len(word) + 2) // 3))
    parts = []
    for _ in range(count):
        parts.append(syllables[value % len(syllables)])
        value = (value * 1103515245 + 12345) & 0x7FFFFFFF
    text = "".join(parts)
    if word[0].isupper() and lang in ("fr", "es", "ru"):
        text = text[0].upper() + text[1:]
    return text


def translate(text: str, lang: str) -> str:
    """The pseudo-translation of ``text`` (markup, numbers and symbols kept)."""
    out: list[str] = []
    punct = PUNCT.get(lang, {})
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind == "word":
            value = translate_word(value, lang)
        elif kind == "hon":
            value = HONORIFICS[lang][value]
        elif kind == "other":
            if lang == "zh" and value.isspace():
                value = _zh_space(out, text, match.end())
            else:
                value = punct.get(value, value)
        out.append(value)
    return "".join(out)


def _zh_space(out: list[str], text: str, end: int) -> str:
    """Chinese keeps a space only between two Latin-script tokens (symbols, acronyms)."""
    before = out[-1][-1:] if out and out[-1] else ""
    after = text[end:end + 1]
    latin = (before.isascii() and before.isalnum()) and (after.isascii() and after.isalnum())
    return " " if latin else ""
