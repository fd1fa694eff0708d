"""Masks skip the patterns a text cannot match, and give what running every pattern gives."""

from __future__ import annotations

import pytest

from l10n.checks.text import (MD_LINK_HEAD, MD_LINK_TAIL, NO_TRANSLATE, PLACEHOLDER, TAG, URL,
                               _blank, mask_markup, visible)
from l10n.checks.term_analysis import _UNDOT, _undot

TEXTS = [
    ("plain", "The Committee met in Doha on 12 June."),
    ("tags", "The <em>Committee</em> met in <strong>Doha</strong>."),
    ("no-translate", 'See <span translate="no">UN-Habitat</span> and <b>more</b>.'),
    ("translate-word-only", "Please translate the <i>report</i>."),
    ("url", "Read https://www.un.org/en/ga/ and www.un.org today."),
    ("email", "Write to desa@un.org, or to info@un.org."),
    ("url-in-tag", '<a href="https://un.org">the site</a> at www.un.org.'),
    ("email-in-tag-only", '<a href="mailto:desa@un.org">DESA</a>'),
    ("placeholders", "%(count)d documents for {name} in %1$s, ${user}."),
    ("markdown", "See [the report](https://un.org/r.pdf \"R\") and ![logo](logo.png)."),
    ("broken-markup", "a < b and c > d, <b unclosed, 5 @ 6"),
    ("empty", ""),
]


def all_patterns_mask(text: str) -> str:
    """The mask as every pattern makes it, whatever the text holds."""
    return URL.sub(_blank, TAG.sub(_blank, NO_TRANSLATE.sub(_blank, text)))


def all_patterns_visible(text: str, repl: str) -> str:
    for pattern in (TAG, MD_LINK_TAIL, MD_LINK_HEAD, URL, PLACEHOLDER):
        text = pattern.sub(repl, text)
    return text


@pytest.mark.parametrize("name,text", TEXTS, ids=[t[0] for t in TEXTS])
def test_mask_equals_every_pattern(name, text):
    masked = mask_markup.__wrapped__(text)
    assert masked == all_patterns_mask(text)
    assert len(masked) == len(text)


@pytest.mark.parametrize("repl", [" ", ""], ids=["space", "nothing"])
@pytest.mark.parametrize("name,text", TEXTS, ids=[t[0] for t in TEXTS])
def test_visible_equals_every_pattern(name, text, repl):
    assert visible.__wrapped__(text, repl) == all_patterns_visible(text, repl)


def test_masks_do_blank_something():
    changed = [name for name, text in TEXTS if mask_markup(text) != text]
    assert changed == ["tags", "no-translate", "translate-word-only", "url", "email",
                       "url-in-tag", "email-in-tag-only", "markdown"]


@pytest.mark.parametrize("text", ["安东尼奥•古特雷斯", "安东尼奥・古特雷斯．", "安东尼奥·古特雷斯", "多哈", ""],
                         ids=["bullet", "katakana-and-fullwidth", "middle-dot", "no-dot", "empty"])
def test_undot_equals_translating_every_text(text):
    assert _undot(text) == text.translate(_UNDOT)
