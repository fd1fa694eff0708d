"""Punctuation and typography per language (P-codes), with the seed page's real defects."""

from __future__ import annotations

import pytest

from checks.helpers import codes

CASES = [
    # Chinese full-width punctuation (seed: ASCII commas and parentheses in a UN Chinese page)
    ("zh-seed-ascii-comma", "zh", "adopted resolutions, deciding to convene",
     "联合国大会通过决议,决定召开世界社会峰会", {"P001"}),
    ("zh-seed-ascii-parens", "zh", "Consul General (2011-2013).", "瑞士联邦总领事(2011-2013)。", {"P001"}),
    ("zh-fullwidth", "zh", "adopted resolutions, deciding", "通过决议，决定召开", set()),
    ("zh-latin-run", "zh", "UN Photo", "UN Photo, 联合国", set()),
    ("zh-symbol", "zh", "resolution A/RES/78/261", "第A/RES/78/261号决议", set()),
    ("zh-unclosed-title", "zh", "the 2030 Agenda", "《2030年可持续发展议程", {"P002"}),
    ("zh-unclosed-quote", "zh", "the theme", "主题为“第二届首脑会议", {"P002"}),
    ("zh-ascii-end", "zh", "The Summit opens.", "首脑会议开幕.", {"P001", "P007"}),
    # French spacing
    ("fr-nbsp", "fr", "Goal: inclusion", "Objectif\u00a0: inclusion", set()),
    ("fr-ordinary-space", "fr", "Goal: inclusion", "Objectif : inclusion", {"P003"}),
    ("fr-no-space-question", "fr", "Why?", "Pourquoi?", {"P003"}),
    ("fr-guillemets", "fr", "the “Summit”", "le «\u202fSommet\u202f»", set()),
    ("fr-time-and-url", "fr", "at 10:30, https://un.org", "à 10:30, https://un.org", set()),
    # Spanish inverted marks
    ("es-question", "es", "Why now?", "¿Por qué ahora?", set()),
    ("es-question-missing", "es", "Why now?", "Por qué ahora?", {"P004"}),
    ("es-exclamation-missing", "es", "Welcome!", "Bienvenidos!", {"P004"}),
    # Arabic punctuation
    ("ar-arabic-comma", "ar", "Doha, Qatar", "الدوحة، قطر", set()),
    ("ar-latin-comma", "ar", "Doha, Qatar", "الدوحة, قطر", {"P005"}),
    ("ar-latin-question", "ar", "Why?", "لماذا?", {"P005", "P007"}),
    ("ar-arabic-question", "ar", "Why?", "لماذا؟", set()),
    # Russian quotes
    ("ru-guillemets", "ru", "the “Summit”", "«саммит»", set()),
    ("ru-straight-quotes", "ru", 'the "Summit"', '"саммит"', {"P006"}),
    # End punctuation, spaces
    ("ru-stop-lost", "ru", "The Summit opens.", "Встреча открывается", {"P007"}),
    ("fr-heading-gets-stop", "fr", "Leadership of the Summit", "Direction du Sommet.", {"P007"}),
    ("es-abbreviation-is-no-stop", "es", "Statement by H.E", "Declaración del Excmo. Sr.", set()),
    ("es-doubled-space", "es", "the Summit", "la  Cumbre", {"P008"}),
    ("es-leading-space", "es", "The Summit", " La Cumbre", {"P009"}),
    ("fr-trailing-space-lost", "fr", "Summit ", "Sommet", {"P009"}),
]


@pytest.mark.parametrize("lang,source,target,expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_punctuation(lang, source, target, expected):
    found = {c for c in codes((lang, source, target)) if c.startswith("P")}
    assert found == expected


def test_chinese_rule_only_for_chinese():
    assert "P001" not in codes(("fr", "Doha, Qatar", "Doha, Qatar,"))


def test_seed_page_ascii_punctuation(shared_dir):
    """Every paragraph of the real seed page that mixes ASCII , ( ) : with Chinese is reported."""
    seed = (shared_dir / "seeds" / "000_240261aace3e4176.txt").read_text("utf-8")
    lines = [line for line in seed.splitlines() if "," in line and any("\u4e00" <= c <= "\u9fff" for c in line)]
    assert lines, "the seed has Chinese paragraphs with ASCII commas"
    for line in lines:
        assert "P001" in codes(("zh", "Source text.", line)), line


@pytest.mark.parametrize("lang,source,target", [
    ("fr", "Research &amp; development", "Recherche &amp; développement"),
    ("fr", "Goal&#58; inclusion", "Objectif&nbsp;: inclusion"),
    ("fr", "Goal: inclusion", "Objectif&#160;: inclusion"),
    ("fr", "the &ldquo;Summit&rdquo;", "le &laquo;&#8239;Sommet&#8239;&raquo;"),
    ("zh", "Research &amp; development", "研究&amp;发展"),
    ("es", "Research &amp; development", "Investigación &amp; desarrollo"),
], ids=["amp-is-no-semicolon", "nbsp-entity-before-colon", "numeric-nbsp", "quote-entities",
        "zh-amp", "es-amp"])
def test_character_references_are_the_characters_they_stand_for(lang, source, target):
    """An HTML document's "&amp;" is "&" to the reader, not "&", "amp" and ";": no spacing,
    number or punctuation finding comes from the reference's own characters."""
    assert codes((lang, source, target)) == []


def test_a_reference_does_not_hide_a_real_problem():
    assert "P003" in codes(("fr", "R&amp;D: results", "R&amp;D : résultats"))
