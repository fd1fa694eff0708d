"""Per-language exception lists for the segmenter, loaded once from l10n/segment/data/*.json.

Every word that ends in a full stop (the text before the stop, "the key") falls into one class:

``titles``
    Honorifics and name prefixes (Mr., H.E., M., Sr., проф.): never a boundary.
``inner``
    Abbreviations that introduce an example or a gloss (e.g., i.e., viz., cf.): always followed
    by more of the same sentence, so never a boundary, whatever follows ("e.g. A/RES/78/261").
``numeric``
    Words that introduce a number (No., para., art., p., ст.) and units after a number
    (ft., lb.): no boundary before a digit, a roman numeral or a bracket; otherwise handled
    like an ordinary word.
``general``
    Abbreviations that usually sit inside a sentence (e.g., Co., Inc., Jan., г.): a boundary
    only when the next word is a typical sentence opener (``starters``: The, He, However...).
``enders``
    Abbreviations that often end a sentence (etc., Ph.D., и т. д.): a boundary before any
    capitalised word, like an ordinary word.
``time``
    a.m., p.m., B.C., A.D.: a boundary before a capitalised word unless the sentence opened
    with a preposition ("At 5 a.m. Mr. Smith left." is one sentence).
``year``
    Russian г. / гг. (год, годы; also город): after a number they end a sentence before a
    capitalised word ("… в 2023 г. Генеральная Ассамблея …"), unless the sentence opened with
    a preposition ("В 2023 г. Генеральная Ассамблея приняла …") or the next word is one;
    elsewhere ("г. Москва") they are ``general``.
``initialisms``
    Country and organisation initials (U.S., U.N.): a boundary before a capitalised word unless
    that word names an institution (``institutions``: "the U.N. Secretary-General").

Keys in lower case match any capitalisation (one-letter keys excepted); keys with a capital
letter match exactly. Each language file is merged over common.json. Unknown language codes
get common.json alone (the generic rules).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..locales import OFFICIAL_LANGUAGES

KNOWN_LANGUAGES = OFFICIAL_LANGUAGES  # each has its own rules; any other language the generic ones
GENERIC = "generic"
CLASSES = ("titles", "inner", "numeric", "general", "enders", "time", "year", "initialisms")
WORD_LISTS = ("institutions", "starters", "prepositions", "ellipsis_nonstarters")


@dataclass(frozen=True)
class LangRules:
    """The merged exception lists of one language, ready for constant-time look-ups."""

    lang: str
    exact: dict[str, str]  # key -> class, matched as written
    folded: dict[str, str]  # lower-cased key -> class, matched after str.lower()
    institutions: frozenset[str]
    starters: frozenset[str]
    prepositions: frozenset[str]
    ellipsis_nonstarters: frozenset[str]

    def classify(self, key: str) -> str | None:
        """The class of an abbreviation key (text before the stop), or None for an ordinary word."""
        found = self.exact.get(key)
        if found is None and len(key) > 1:
            found = self.folded.get(key.lower())
        return found


def normalise_lang(lang: str) -> str:
    """Map a language tag to a rule set: "zh-Hans" -> "zh", "en_GB" -> "en", "pt-BR" -> generic."""
    primary = (lang or "").replace("_", "-").split("-", 1)[0].strip().lower()
    return primary if primary in KNOWN_LANGUAGES else GENERIC


def _read(name: str) -> dict:
    text = resources.files("l10n.segment").joinpath("data", f"{name}.json").read_text("utf-8")
    return json.loads(text)


def _build(lang: str, sources: list[dict]) -> LangRules:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    words: dict[str, set[str]] = {name: set() for name in WORD_LISTS}
    for source in sources:
        for cls in CLASSES:
            for key in source.get(cls, ()):
                if key.lower() == key and len(key) > 1:
                    folded[key] = cls
                    exact.pop(key, None)
                else:
                    exact[key] = cls
        for name in WORD_LISTS:
            words[name].update(source.get(name, ()))
    return LangRules(
        lang=lang,
        exact=exact,
        folded=folded,
        institutions=frozenset(words["institutions"]),
        starters=frozenset(words["starters"]),
        prepositions=frozenset(w.lower() for w in words["prepositions"]),
        ellipsis_nonstarters=frozenset(words["ellipsis_nonstarters"]),
    )


@lru_cache(maxsize=None)
def _load(key: str) -> LangRules:
    sources = [_read("common")]
    if key != GENERIC:
        sources.append(_read(key))
    return _build(key, sources)


@lru_cache(maxsize=256)
def load_rules(lang: str) -> LangRules:
    """The rule set for ``lang`` (any tag; unknown ones get the generic rules). Cached, so the
    data files are read once per process."""
    return _load(normalise_lang(lang))
