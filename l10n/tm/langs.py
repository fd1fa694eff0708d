"""The language codes an exported TMX file uses. (Codes as other tools write them, en-US,
zh-CN, zh-Hans, es-419, fr_FR, are read by ``locales.official_language``, from CLDR.)

Chinese is the UN's simplified Chinese: zh, zh-CN, zh-Hans, zh-SG and zh-Hans-* map to zh;
traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant) is another written language and is not
mapped (a memory would otherwise offer traditional characters to a simplified catalogue).
"""

from __future__ import annotations


def tmx_code(lang: str) -> str:
    """The code written in an exported TMX file (RFC 4646, as TMX 1.4b asks): zh-Hans for the
    UN's Chinese, the bare code for the others."""
    return "zh-Hans" if lang == "zh" else lang
