"""Markup and placeholders (M-codes)."""

from __future__ import annotations

import pytest

from checks.helpers import codes
from l10n.checks.markup import nesting_error, toolkit_failures

CASES = [
    ("fr-same-link", "fr", 'See <a href="/s">the Summit</a>.', 'Voir <a href="/s">le Sommet</a>.', set()),
    ("zh-reordered-tags", "zh", "<em>Doha</em>, <b>Qatar</b>", "<b>卡塔尔</b><em>多哈</em>", set()),
    ("ar-title-translated", "ar", '<abbr title="United Nations">UN</abbr>',
     '<abbr title="الأمم المتحدة">الأمم المتحدة</abbr>', set()),
    ("ru-href-changed", "ru", '<a href="/en/about">About</a>', '<a href="/ru/o">О нас</a>',
     {"M001", "M005"}),
    ("es-tag-lost", "es", "<strong>Note</strong>: text", "Nota: texto", {"M001"}),
    ("fr-bad-nesting", "fr", "<b><i>Doha</i></b>", "<b><i>Doha</b></i>", {"M002"}),
    ("zh-markdown-link", "zh", "[Report](https://un.org/a)", "[报告](https://un.org/b)", {"M001"}),
    ("fr-named-placeholder", "fr", "%(count)s delegates", "%(nombre)s délégués", {"M003"}),
    ("es-brace-lost", "es", "Welcome, {name}", "Bienvenido", {"M003"}),
    ("zh-brace-kept", "zh", "Welcome, {name}", "欢迎，{name}", set()),
    ("zh-percent-is-no-placeholder", "zh", "50% of people", "50%的人", set()),
    ("ru-newline-lost", "ru", "Doha\nQatar", "Доха Катар", {"M004"}),
]


@pytest.mark.parametrize("lang,source,target,expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_markup(lang, source, target, expected):
    found = {c for c in codes((lang, source, target)) if c.startswith("M")}
    assert found == expected


def test_printf_checked_when_flagged():
    assert "M003" in codes(("fr", "%s of %d", "%d de", {"flags": ["c-format"]}))
    assert "M003" not in codes(("fr", "%s of %d", "%s de %d", {"flags": ["c-format"]}))


@pytest.mark.parametrize("text,problem", [
    ("<b>a</b>", None), ("<b>a", "<b> is not closed"), ("a</b>", "</b> closes nothing"),
    ("<b><i>a</b></i>", "</b> closes <i>"), ("a<br>b<img src='x'/>", None),
])
def test_nesting(text, problem):
    assert nesting_error(text) == problem


def test_toolkit_messages_become_ours():
    assert toolkit_failures("pythonbraceformat", "Hello {name}", "Bonjour") == [
        "Named placeholders absent in translation: {name}"]
    assert toolkit_failures("newlines", "a", "b") == []
