"""Text helpers the check families share: scripts, markup and placeholders, package data.

Checks look at what a reader sees, so most of them first take out inline tags, placeholders,
URLs and e-mail addresses (``visible``). Scripts are told apart by Unicode character names
(LATIN, CYRILLIC, ARABIC, CJK), which covers every letter without hand-written ranges.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from ..formats._htmlscan import ENTITY
from ..locales import base_lang

TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\s*/?>")
PLACEHOLDER = re.compile(
    r"%(?:\([\w.]+\))?[-+#0]*\d*(?:\.\d+)?[sdifeEgGxXoucr]|%\d+\$[sd]|\{[\w.\[\]]*\}|\$\{\w+\}"
)
# A URL does not end in the punctuation of the sentence around it ("... is https://un.org.").
URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'，。（）]*[^\s<>\"'，。（）.,;:!?)]"
                 r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A character reference of HTML or XML ("&amp;", "&nbsp;", "&#160;", "&#x2019;"): the reader
# sees the character it stands for.
# Markdown link and image syntax around the text a reader sees: "[text](url)" -> "text".
MD_LINK_TAIL = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")


class _LinkHeads:
    r"""``re.compile(r"!?\[(?=[^\]]*\]\()")`` for ``sub``: every "[" (or "![") whose next "]"
    opens a link destination. That pattern looked ahead from each "[" to the next "]", so a
    text of many "[" and no "]" took quadratic time; this reads each stretch of text between
    two "]" once, and replaces the "[" in a stretch that ends in "](".
    """

    _STRETCH = re.compile(r"(?:(?<=\])|^)[^\]]++(?=\]\()")
    _HEAD = re.compile(r"!?\[")

    def sub(self, repl: str, text: str) -> str:
        return self._STRETCH.sub(lambda stretch: self._HEAD.sub(repl, stretch.group()), text)


MD_LINK_HEAD = _LinkHeads()


@lru_cache(maxsize=None)
def data(name: str):
    """A JSON file from l10n/checks/data (per-language rules are data, not code)."""
    text = resources.files("l10n.checks").joinpath("data", name).read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=65536)
def script_of(char: str) -> str | None:
    """The script of a letter (LATIN, CYRILLIC, ARABIC, CJK...), None for anything else."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def lang_script(lang: str) -> str | None:
    return data("scripts.json").get(base_lang(lang))


def letters_of(text: str, script: str) -> int:
    return sum(1 for char in text if script_of(char) == script)




def is_han(char: str) -> bool:
    return script_of(char) == "CJK"


@lru_cache(maxsize=65_536)
def visible(text: str, repl: str = " ") -> str:
    """The text without tags, placeholders, URLs and e-mail addresses (each replaced by repl),
    its character references replaced by their characters ("&amp;" is "&", "&nbsp;" a no-break
    space: neither the ";" nor the digits of "&#160;" are the sentence's).

    Remembered per text: several checks read the same translation, and every language the
    same source.

    Each pattern runs only where the text (as the patterns before left it) holds what it
    needs: a tag starts with "<", a Markdown link's tail and head need "](", a placeholder
    "%" or "{". Most sentences have none, and skipping a pattern that cannot match changes
    nothing."""
    if "<" in text:
        text = TAG.sub(repl, text)
    if "](" in text:
        text = MD_LINK_TAIL.sub(repl, text)
        if "](" in text:
            text = MD_LINK_HEAD.sub(repl, text)
    if _may_hold_url(text):
        text = URL.sub(repl, text)
    if "%" in text or "{" in text:
        text = PLACEHOLDER.sub(repl, text)
    return _characters(text) if "&" in text else text


def _characters(text: str) -> str:
    """Character references replaced by what they stand for (unknown names are left as
    written, as a browser leaves them)."""
    return ENTITY.sub(lambda found: html.unescape(found.group(0)), text)


NO_TRANSLATE = re.compile(
    r"<([A-Za-z][\w:.-]*)\b[^<>]*\btranslate\s*=\s*[\"']no[\"'][^<>]*>.*?</\1\s*>", re.S)


@lru_cache(maxsize=65_536)
def mask_markup(text: str) -> str:
    """The text with tags, URLs and translate="no" elements blanked by spaces, and character
    references as their character followed by spaces, length kept.

    What a reader sees and a translator translates; offsets into the result are offsets into
    ``text``, so a match found in the mask can be quoted from the original. Remembered per
    text: the terminology checks mask the same source once per language.
    """
    # Each pattern runs only where what it needs is present (most sentences need none): a
    # tag or an element starts with "<", translate="no" names itself, and a URL or an
    # e-mail address has "://", "www." or "@". The URL scan is the slow one (it tries every
    # word for an address), and blanking never adds these characters, so the result is
    # exactly that of running all three.
    if "<" in text:
        if "translate" in text:
            text = NO_TRANSLATE.sub(_blank, text)
        text = TAG.sub(_blank, text)
    if _may_hold_url(text):
        text = URL.sub(_blank, text)
    if "&" in text:
        text = ENTITY.sub(_one_character, text)
    return text


def _may_hold_url(text: str) -> bool:
    """Whether ``URL`` can match: each of its forms has "://", "www." or "@"."""
    return "://" in text or "@" in text or "www." in text


def _blank(match: re.Match) -> str:
    return " " * (match.end() - match.start())


def _one_character(match: re.Match) -> str:
    """A character reference as its character, padded with spaces to the reference's length."""
    character = html.unescape(match.group(0))
    return character.ljust(match.end() - match.start()) if len(character) == 1 else _blank(match)




def shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
