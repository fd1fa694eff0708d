"""Text left untranslated (U-codes): copies of the source, source-language runs, wrong script.

Names, numbers, document symbols, URLs and the glossary's do-not-translate terms are not
"untranslated text", so each check takes them out first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from babel import Locale, UnknownLocaleError

from .. import house_style as house
from ..glossary.model import Status
from ..locales import base_lang
from ..model import Finding
from ..util.counts import counted
from .text import lang_script, script_of, visible
from .base import Check, CheckContext, Entry, Severity
from .numbers import SYMBOL

# A word, with the marks inside it: apostrophes, and the ʿayn and hamza of transliterated
# Arabic names, written ` ʿ ʾ ‘ ("Wa'il Da`bul" is two words, not three).
WORD = re.compile(r"[^\W\d_]+(?:['’`ʿʾ‘.-][^\W\d_]+)*")
MIN_RUN = 5  # consecutive source-script words that make a run worth reporting


def _words(text: str, script: str | None = None) -> list[str]:
    words = WORD.findall(text)
    if script is None:
        return words
    return [w for w in words if _in_script(w, script)]


@lru_cache(maxsize=65_536)
def _in_script(word: str, script: str) -> bool:
    """Whether every letter of ``word`` is of ``script`` (remembered: words repeat)."""
    return all(script_of(c) == script for c in word if script_of(c))


def do_not_translate(context: CheckContext, lang: str) -> tuple[str, ...]:
    """The glossary's do-not-translate terms in ``lang``, longest first (cached)."""

    def build() -> tuple[str, ...]:
        glossary = context.glossary
        if glossary is None:
            return ()
        from ..glossary.cache import concepts_where

        terms = {term.text for concept in concepts_where(glossary, do_not_translate=True)
                 for term in concept.terms(lang) if term.do_not_translate and term.text}
        return tuple(sorted(terms, key=lambda t: (-len(t), t)))

    return context.cached(("do-not-translate", lang), build)


def _clean(text: str, context: CheckContext, lang: str) -> str:
    text = SYMBOL.sub(" ", visible(text))
    for term in do_not_translate(context, lang):
        text = text.replace(term, " ")
    return text


def kept_as_source(context: CheckContext, lang: str) -> frozenset[str]:
    """The texts the project's house style keeps in the source language in ``lang`` ("un":
    the masthead lines "Distr.: General" and "Original: English" of Arabic, Chinese and
    Russian documents)."""
    config = context.config
    style = (house.load(config.house_style, config.house_style_file) if config is not None
             else house.load())
    return frozenset(house.for_lang(style, base_lang(lang)).get("kept_as_source", ()))


class CopiedSource(Check):
    """The translation is a copy of the source text.

    Anti-pattern: msgstr "Statement by the Secretary-General" in the Chinese catalogue.
    Better: translate it; names, numbers and symbols alone ("UN Photo" aside) may stay as they
    are, and a real name copied on purpose can carry "#, ignore-copied-source". In a language
    of the source's script a copy of one or two words is reported only when it is plainly in
    the source language (a common English word French or Spanish does not write: "Executive
    Summary", not "Violence", "Doha" or "Li Junhua") and is no glossary term of the language. Texts the house
    style keeps in the source language are not reported ("un": "Distr.: General" and
    "Original: English" in Arabic, Chinese and Russian documents, whose masthead prints them
    in English).
    """

    code = "U001"
    slug = "copied-source"
    severity = Severity.WARNING
    examples_fail = [
        ("zh", "Statement by the Secretary-General", "Statement by the Secretary-General"),
        ("fr", "Leadership of the Second World Summit", "Leadership of the Second World Summit"),
        ("ru", "Li Junhua", "Li Junhua"),
        ("fr", "Executive Summary", "Executive Summary"),
        ("es", "Twenty-fifth session", "Twenty-fifth session"),
    ]
    examples_pass = [
        ("fr", "Doha", "Doha"),
        ("es", "Li Junhua", "Li Junhua"),
        ("fr", "19. Wa'il Da`bul", "19. Wa'il Da`bul"),
        ("fr", "Participants", "Participants"),
        ("fr", "Aleppo", "Aleppo"),
        ("es", "UNICEF", "UNICEF"),
        ("zh", "A/RES/78/261", "A/RES/78/261"),
        ("ar", "2025", "2025"),
        ("zh", "Statement by the Secretary-General", "秘书长的发言"),
        ("ru", "Distr.: Limited", "Distr.: Limited"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        for source, target in entry.pairs():
            if source.strip() != target.strip():
                continue
            cleaned = _clean(source, context, entry.source_lang)
            words = _words(cleaned)
            same_script = lang_script(entry.lang) == lang_script(entry.source_lang)
            if source.strip() in kept_as_source(context, entry.lang):
                continue
            if len(words) >= (3 if same_script else 2):
                yield self.finding(entry, "the translation is a copy of the source")
            elif same_script and words and _only_source_language(
                    words, entry.source_lang, entry.lang) \
                    and not _a_target_term(cleaned, context, entry.lang):
                yield self.finding(entry, "the translation is a copy of the source ("
                                   + ", ".join(f'"{w}"' for w in words)
                                   + f" {'is' if len(words) == 1 else 'are'} not "
                                   f"{_language_name(entry.lang)})")


# A word of the source language that the target language's dictionary does not hold: common
# enough in the source's (this many occurrences in pyspellchecker's frequency list, which
# leaves out rare names: "Doha" 50, "Aleppo" 50), and absent from the target's.
COMMON_WORD = 1000


def _only_source_language(words: list[str], source_lang: str, lang: str) -> bool:
    """Whether a short copy is in the source language: each of its words is one the target
    language writes too or a common word of the source language only, and at least one is the
    latter ("Executive Summary", "Total requirements", "Twenty-fifth session" in French; not
    "Violence" or "Participants", which French writes too, nor "Li Junhua", whose "Junhua" no
    dictionary holds: a name). Acronyms ("UNICEF") are no evidence either way; languages
    without a frequency list are not judged."""
    source, target = _frequencies(base_lang(source_lang)), _frequencies(base_lang(lang))
    if source is None or target is None:
        return False
    judged = False
    for word in words:
        if word.isupper() and len(word) > 1:
            continue
        for part in re.split(r"[-‐‑.'’`ʿʾ‘]", word.lower()):
            if len(part) < 2 or target.get(part, 0) > 0:
                continue
            if source.get(part, 0) < COMMON_WORD:
                return False  # in neither list, or rare: a name
            judged = True
    return judged


@lru_cache(maxsize=None)
def _frequencies(lang: str) -> dict[str, int] | None:
    """pyspellchecker's word-frequency list of ``lang`` (lower case), or None if it has none."""
    from spellchecker import SpellChecker

    if lang not in SpellChecker.languages():
        return None
    return SpellChecker(language=lang, distance=1).word_frequency.dictionary


def _a_target_term(text: str, context: CheckContext, lang: str) -> bool:
    """Whether the whole copy is a glossary term of the target language that is not deprecated
    ("New York" in French: the glossary says the name stays as it is)."""
    index = context.term_index(lang, "target")
    if index is None:
        return False
    wanted = " ".join(_words(text))
    return any(" ".join(_words(match.text)) == wanted and match.term.status != Status.DEPRECATED
               for match in index.find(text))


def _language_name(lang: str) -> str:
    try:
        return Locale.parse(base_lang(lang)).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        return lang


class SourceScriptRun(Check):
    """A long run of source-language words inside a translation in another script.

    Anti-pattern: an English caption left in a Chinese page: "图像 Statement by (His Highness
    Sheikh Tamim bin Hamad Al Thani, Amir of the State of Qatar)". Better: translate it
    ("卡塔尔国埃米尔塔米姆·本·哈马德·阿勒萨尼殿下的发言"); symbols, URLs and do-not-translate
    terms are not counted, nor a title the translation quotes word for word as the source
    quotes it (a publication cited in its own language).
    """

    code = "U002"
    slug = "source-script-run"
    severity = Severity.WARNING
    examples_fail = [
        ("zh", "Statement by His Highness", "图像 Statement by (His Highness Sheikh Tamim bin Hamad "
         "Al Thani, Amir of the State of Qatar)"),
        ("ru", "The Summit will be held in Doha", "Встреча will be held in Doha next year"),
        ("ar", "The Summit will be held in Doha", "القمة will be held in Doha next year"),
    ]
    examples_pass = [
        ("zh", "See A/RES/78/261", "参见A/RES/78/261"),
        ("zh", "UN Photo", "UN Photo 联合国图片"),
        ("ru", "See https://social.desa.un.org/world-summit-2025/en/about",
         "См. https://social.desa.un.org/world-summit-2025/en/about"),
        ("fr", "The Summit will be held in Doha", "Le Sommet se tiendra à Doha"),
        ("ru", 'See "Social Protection for All in the Region".',
         "См. «Social Protection for All in the Region»."),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        source_script = lang_script(entry.source_lang)
        if source_script is None or lang_script(entry.lang) == source_script:
            return
        for source, target in entry.pairs():
            run = longest_run(_clean(target, context, entry.source_lang), source_script)
            if len(run) >= MIN_RUN:
                target = _without_quoted_titles(source, target)
                run = longest_run(_clean(target, context, entry.source_lang), source_script)
            if len(run) >= MIN_RUN:
                text = " ".join(run)
                yield self.finding(entry, f"{counted(len(run), 'word')} in the source language left in the "
                                   f"translation: {text!r}", found=text)


# A quotation: straight, English, French/Russian or German-style marks around it.
_QUOTED = re.compile(r'["“„«]\s?([^"“”„«»]{3,}?)\s?["”“»]')


def _without_quoted_titles(source: str, target: str) -> str:
    """``target`` without the quotations it keeps word for word as the source quotes them: the
    title of a publication cited in its own language ("To Live to See the Great Day", kept in
    English in a Russian text) is not text left untranslated."""
    quoted = {m.group(1).strip() for m in _QUOTED.finditer(source)}
    if not quoted:
        return target
    return _QUOTED.sub(lambda m: " " if m.group(1).strip() in quoted else m.group(), target)


def longest_run(text: str, script: str) -> list[str]:
    """The longest sequence of words in ``script`` with only spaces and punctuation between."""
    best: list[str] = []
    current: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        gap = text[position:match.start()]
        position = match.end()
        word = match.group()
        in_script = _in_script(word, script)
        if in_script and (not current or not any(script_of(c) for c in gap)):
            current.append(word)
        else:
            current = [word] if in_script else []
        if len(current) > len(best):
            best = list(current)
    return best


class WrongScript(Check):
    """The translation has no letter of its language's script (Cyrillic, Arabic, Han).

    Anti-pattern: a Russian msgstr written in French, or a Chinese msgstr in English.
    Better: text in the catalogue's language; copies of the source are reported as
    copied-source instead.
    """

    code = "U003"
    slug = "wrong-script"
    severity = Severity.ERROR
    languages = ("ar", "ru", "zh")
    examples_fail = [
        ("ru", "The Second World Summit", "Le Deuxième Sommet mondial"),
        ("zh", "The Second World Summit", "The 2nd World Summit"),
        ("ar", "Welcome to Doha", "Bienvenue à Doha"),
    ]
    examples_pass = [
        ("ru", "The Second World Summit", "Вторая Всемирная встреча"),
        ("zh", "UNESCO", "UNESCO"),
        ("ar", "Doha, 2025", "الدوحة، 2025"),
    ]

    def check(self, entry: Entry, context: CheckContext) -> Iterable[Finding]:
        script = lang_script(entry.lang)
        for source, target in entry.pairs():
            if source.strip() == target.strip():
                continue
            text = _clean(target, context, entry.lang)
            # (one letter of the script answers: no need to count them all, nor the words)
            if not any(script_of(char) == script for char in text) and len(_words(text)) >= 2:
                yield self.finding(entry, f"no {script.title()} letters in a {entry.lang} "
                                   "translation: is it in the wrong language?")


UNTRANSLATED_CHECKS = (CopiedSource, SourceScriptRun, WrongScript)
