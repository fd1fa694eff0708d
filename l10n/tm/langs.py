"""Language codes as other tools write them (en-US, zh-CN, zh-Hans, es-419, fr_FR), mapped to
the six official languages of the UN that the memory holds.

Chinese is the UN's simplified Chinese: zh, zh-CN, zh-Hans, zh-SG and zh-Hans-* map to zh;
traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant) is another written language and is not
mapped (a memory would otherwise offer traditional characters to a simplified catalogue).
"""

from __future__ import annotations

import re

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
_TRADITIONAL = {"tw", "hk", "mo", "hant"}
_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def official_language(code: str | None) -> str | None:
    """The official language ``code`` names (``"en-US"`` -> ``"en"``), None for any other
    language or for something that is not a language code."""
    if not code or not _CODE.fullmatch(code.strip()):
        return None
    parts = code.strip().replace("_", "-").lower().split("-")
    base = {"ara": "ar", "eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "rus": "ru",
            "zho": "zh", "chi": "zh", "cmn": "zh"}.get(parts[0], parts[0])
    if base not in LANGUAGES:
        return None
    if base == "zh" and _TRADITIONAL & set(parts[1:]):
        return None
    return base


def tmx_code(lang: str) -> str:
    """The code written in an exported TMX file (RFC 4646, as TMX 1.4b asks): zh-Hans for the
    UN's Chinese, the bare code for the others."""
    return "zh-Hans" if lang == "zh" else lang
