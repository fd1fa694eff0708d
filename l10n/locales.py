"""Locale facts from CLDR through Babel: plural forms, text direction, language and country names."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported when a fact is first asked for: `import l10n` and the language lists stay
# cheap.

# The six official languages of the United Nations.
OFFICIAL_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")

# Languages written without spaces between words or sentences.
UNSPACED = ("zh", "ja", "th", "lo", "km", "my", "bo")


@lru_cache(maxsize=512)
def official_language(code: str | None) -> str | None:
    """The official language that a code with a region or a script names, as other tools
    write them: ``fr-FR``, ``en_US``, ``es-419``, ``zh-Hans``, ``zh-CN`` -> ``fr``, ``en``,
    ``es``, ``zh``. None for another language, for a code CLDR does not know, and for a script
    other than the language's usual one (the UN's Chinese is simplified: ``zh-Hant`` and
    ``zh-TW`` name traditional Chinese, another written language, and are not mapped)."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    if not code:
        return None
    try:
        parsed = Locale.parse(code.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    language = parsed.language
    if language not in OFFICIAL_LANGUAGES:
        return None
    likely = get_global("likely_subtags")
    usual = Locale.parse(likely.get(language, language)).script
    return language if (parsed.script or usual) == usual else None


@lru_cache(maxsize=256)
def base_lang(lang: str) -> str:
    """The bare language code: "zh" for "zh_CN", "zh-Hans" or "ZH"; what glossaries, rules and
    checks are keyed by."""
    return re.split(r"[_\-@.]", lang, maxsplit=1)[0].lower()


@lru_cache(maxsize=None)
def locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(lang.replace("-", "_"))


def plural_forms(lang: str) -> tuple[int, str]:
    """(nplurals, header value) for the Plural-Forms header, from CLDR."""
    from babel.messages.plurals import get_plural

    rule = get_plural(locale(lang))
    return rule.num_plurals, rule.plural_forms


def direction(lang: str) -> str:
    """'rtl' or 'ltr', from CLDR's character order."""
    return "rtl" if locale(lang).character_order == "right-to-left" else "ltr"


def english_name(lang: str) -> str:
    return locale(lang).get_display_name("en")


def native_name(lang: str) -> str:
    """The language's name in itself, as a reader would look for it (العربية, 中文, Русский)."""
    name = locale(lang).get_language_name(locale(lang)) or lang
    return name[:1].upper() + name[1:] if locale(lang).language not in ("ar", "zh") else name


# CLDR territory codes that are no country or area: the European Union, the eurozone, the
# United Nations, "outlying Oceania", "unknown region" and the pseudo-locales' codes.
_NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


@lru_cache(maxsize=None)
def territory_names(lang: str) -> tuple[str, ...]:
    """CLDR's names of the countries and areas (two-letter codes, not regions such as "150"
    Europe) in ``lang``, in code order: "France", "法国", "Франция", "فرنسا"."""
    names = locale(lang).territories
    return tuple(names[code] for code in sorted(names)
                 if len(code) == 2 and code.isalpha() and code not in _NOT_PLACES)


def html_lang(lang: str) -> str:
    """The BCP 47 tag for an HTML lang attribute: Chinese is written zh-Hans at the UN."""
    base = lang.replace("_", "-")
    return "zh-Hans" if base == "zh" else base


def sentence_joiner(lang: str) -> str:
    return "" if lang.split("_")[0] in UNSPACED else " "
