"""Punctuation and typography per language (P-codes), with the seed page's real defects."""

from __future__ import annotations

import pytest

from checks.helpers import codes

CASES = [
    # Chinese full-width punctuation (seed: ASCII commas and parentheses in a UN Chinese page)
    ("zh-seed-ascii-comma", "zh", "adopted resolutions, deciding to convene",
     "联合国大会通过决议,决定召开世界社会峰会", {"P001"}),
    # UN Chinese writes half-width parentheses: resolution numbers, "(续)", around Latin, digits
    # and Chinese alike; the ASCII comma, colon, semicolon, ? and ! stay wrong beside Chinese.
    ("zh-un-parens-years", "zh", "Consul General (2011-2013).", "瑞士联邦总领事(2011-2013)。", set()),
    ("zh-un-resolution-number", "zh", "resolution 1874 (2009)", "第1874(2009)号决议", set()),
    ("zh-un-continued", "zh", "Agenda item 10 (continued)", "议程项目10(续)", set()),
    ("zh-un-parens-chinese", "zh", "the WHO (see above)", "世卫组织(见上文)", set()),
    ("zh-ascii-colon", "zh", "Goal: resilience", "目标:建设", {"P001"}),
    ("zh-ascii-semicolon", "zh", "peace; development", "和平;发展", {"P001"}),
    ("zh-ascii-question-in-parens", "zh", "What (now)?", "现在怎么办(续)?", {"P001", "P007"}),
    ("zh-ascii-exclamation", "zh", "Welcome, all!", "欢迎各位!", {"P001", "P007"}),
    ("zh-ascii-comma-after-percent", "zh", "82 per cent, in 2012 84 per cent",
     "总体利用率为82%，2012年为84%,2011年为85%", {"P001"}),
    ("zh-thousands-comma", "zh", "$1,234", "1,234美元", set()),
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
    ("fr-closing-guillemet-then-colon", "fr", 'the "Parties":', "les «\u00a0Parties\u00a0»:", {"P003"}),
    ("fr-closing-guillemet-then-semicolon", "fr", 'a "baby factory";', "une «\u00a0usine\u00a0»;",
     {"P003"}),
    ("fr-closing-guillemet-nbsp-colon", "fr", 'the "Parties":', "les «\u00a0Parties\u00a0»\u00a0:",
     set()),
    ("fr-doubled-marks", "fr", "Really?!", "Vraiment\u202f?!", set()),
    # Spanish inverted marks
    ("es-question", "es", "Why now?", "¿Por qué ahora?", set()),
    ("es-question-missing", "es", "Why now?", "Por qué ahora?", {"P004"}),
    ("es-exclamation-missing", "es", "Welcome!", "Bienvenidos!", {"P004"}),
    # Arabic punctuation
    ("ar-arabic-comma", "ar", "Doha, Qatar", "الدوحة، قطر", set()),
    ("ar-latin-comma", "ar", "Doha, Qatar", "الدوحة, قطر", {"P005"}),
    ("ar-latin-question", "ar", "Why?", "لماذا?", {"P005", "P007"}),
    ("ar-arabic-question", "ar", "Why?", "لماذا؟", set()),
    # Quotes per language (house style "un": fr « » with “ ” inside, ru « » with „ “ inside)
    ("ru-guillemets", "ru", "the “Summit”", "«саммит»", set()),
    ("ru-straight-quotes", "ru", 'the "Summit"', '"саммит"', {"P006"}),
    ("ru-inner-quotes", "ru", 'the "Doha" declaration', "«Декларация „Доха“»", set()),
    ("ru-inner-outside", "ru", "the “Summit”", "„саммит“", {"P006"}),
    ("fr-straight-quotes", "fr", 'the "Summit"', 'le "Sommet"', {"P006"}),
    ("fr-english-quotes", "fr", "the “Summit”", "le “Sommet”", {"P006"}),
    ("fr-guillemets-nbsp", "fr", "the “Summit”", "le «\u00a0Sommet\u00a0»", set()),
    ("fr-inner-quotes", "fr", 'he said "the “Summit”"', "il a dit «\u00a0le “Sommet”\u00a0»", set()),
    ("fr-apostrophe", "fr", "the Assembly's", "l’Assemblée de l'ONU", set()),
    ("es-quotes-not-ruled", "es", 'the "Summit"', 'la "Cumbre"', set()),
    # End punctuation, spaces
    ("ru-stop-lost", "ru", "The Summit opens.", "Встреча открывается", {"P007"}),
    ("fr-heading-gets-stop", "fr", "Leadership of the Summit", "Direction du Sommet.", {"P007"}),
    ("es-abbreviation-is-no-stop", "es", "Statement by H.E", "Declaración del Excmo. Sr.", set()),
    # A source whose final period is an abbreviation's asks for no full stop
    ("fr-source-ends-pm", "fr", "To be held on Tuesday, at 3 p.m.", "Qui se tiendra mardi, à 15 heures",
     set()),
    ("zh-source-ends-am", "zh", "To be held on Monday at 10 a.m.", "定于星期一上午10时举行", set()),
    ("es-source-ends-etc", "es", "food, water, etc.", "alimentos, agua, entre otros", set()),
    ("ar-source-ends-corr", "ar", "See document A/69/767/Corr.1", "انظر الوثيقة A/69/767/Corr.1", set()),
    ("ru-source-ends-initials", "ru", "Made in the U.S.", "Сделано в США", set()),
    ("fr-abbreviation-keeps-a-real-stop", "fr", "The Summit opens at 3 p.m. It closes.",
     "Le Sommet ouvre à 15 heures. Il ferme", {"P007"}),
    # A footnote reference after the final stop is not the sentence's end
    ("ru-footnote-after-stop", "ru", "Documents are on the website.3", "Документы размещены на веб-сайте3.",
     set()),
    ("es-footnote-brackets", "es", "a certain level of planning.[23]", "cierto grado de planificación[23].",
     set()),
    ("fr-footnote-stop-lost", "fr", "Documents are on the website.3", "Les documents sont en ligne", {"P007"}),
    ("zh-resolution-no-footnote", "zh", "See resolution A/RES/78/261", "见A/RES/78/261号决议。", {"P007"}),
    # List items: a full stop and a semicolon stand for each other (UN French ends items with ";")
    ("fr-item-semicolon", "fr", "1. Ensure the cessation of hostilities.", "1. Assurer la cessation des hostilités\u202f;",
     set()),
    ("zh-item-stop", "zh", "the permanent members of the Council;", "安理会常任理事国。", set()),
    ("es-colon-for-stop", "es", "I would like to inform you of the following.", "deseo informarle lo siguiente:",
     {"P007"}),
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


# House styles: the conventions are data, chosen per project


def _context(root):
    from l10n.checks.base import CheckContext
    from l10n.config import load_config

    return CheckContext(config=load_config(root))


def test_un_is_the_default_house_style(make_project):
    config = __import__("l10n.config", fromlist=["load_config"]).load_config(make_project({}))
    assert config.house_style == "un" and config.house_style_file is None


def test_a_project_style_can_require_full_width_parentheses(make_project):
    """A house that follows the national standard for Chinese (GB/T 15834: full-width
    parentheses) extends "un" and says so; the same translation is then reported."""
    root = make_project({"style/house.json": '{"extends": "un", "zh": {"either_width": ""}}'},
                        'house-style = "style/house.json"\n')
    example = ("zh", "resolution 1874 (2009)", "第1874(2009)号决议")
    assert "P001" not in codes(example)
    assert "P001" in codes(example, context=_context(root))


def test_a_project_style_can_change_quotes_and_french_spacing(make_project):
    root = make_project({"house.json": '{"fr": {"quotes": {"outer": "“”", "inner": "‘’"}, '
                                       '"space_before": "", "space_after": ""}}'},
                        'house-style = "house.json"\n')
    context = _context(root)
    assert codes(("fr", "the “Summit”: now", "le “Sommet”: maintenant"), context=context) == []
    assert "P006" in codes(("fr", "the “Summit”", "le «\u00a0Sommet\u00a0»"), context=context)


@pytest.mark.parametrize("settings,files,message", [
    ('house-style = "nato"\n', {}, "unknown house style 'nato'"),
    ('house-style = 3\n', {}, "must be a style name"),
    ('house-style = "missing.json"\n', {}, "cannot be read"),
    ('house-style = "bad.json"\n', {"bad.json": "{"}, "not valid JSON"),
    ('house-style = "list.json"\n', {"list.json": "[1]"}, "JSON object of languages"),
    ('house-style = "ext.json"\n', {"ext.json": '{"extends": "nato"}'}, "extends unknown style"),
    ('house-style = "../out.json"\n', {}, "outside the project"),
], ids=["unknown-name", "not-a-string", "missing-file", "bad-json", "not-an-object", "bad-extends",
        "outside"])
def test_a_bad_house_style_names_the_file_and_line(make_project, settings, files, message):
    from l10n.config import load_config
    from l10n.errors import ConfigError

    root = make_project(files, settings)
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert message in caught.value.message
    assert caught.value.path.endswith("pyproject.toml") and caught.value.line == 6


def test_the_quotes_message_counts_the_wrong_marks():
    """One more straight-quoted phrase in a sentence that already had one is a new finding, not
    the same message again (a reviser sees how many marks to fix)."""
    from checks.helpers import findings

    one = findings(("fr", 'the "Summit"', 'le "Sommet"'))
    two = findings(("fr", 'the "Summit" and the "Forum"', 'le "Sommet" et le "Forum"'))
    messages = [f.message for f in one + two if f.code == "P006"]
    assert len(messages) == 2 and messages[0] != messages[1]
    assert "(2 marks)" in messages[0] and "(4 marks)" in messages[1]


@pytest.mark.parametrize("lang,one,two", [
    ("zh", "通过决议,决定召开", "通过决议,决定召开,并且"),
    ("ar", "الدوحة, قطر", "الدوحة, قطر, مصر"),
], ids=["zh-comma", "ar-comma"])
def test_the_script_marks_messages_count_the_wrong_marks(lang, one, two):
    from checks.helpers import findings

    first, second = (findings((lang, "Doha, Qatar", text)) for text in (one, two))
    message = {f.message for f in first if f.code in ("P001", "P005")}
    other = {f.message for f in second if f.code in ("P001", "P005")}
    assert message and other and message != other


def test_a_former_slug_still_silences_its_check_and_is_no_unknown_flag():
    """P006 was "ru-quotes" before it learnt French: catalogues that carry
    "#, ignore-ru-quotes" keep their waiver, and the flag is not reported as unknown."""
    from checks.helpers import findings

    example = ("ru", 'the "Summit"', '"саммит"')
    assert "P006" in codes(example)
    silenced = findings(example, flags=("ignore-ru-quotes",))
    assert [f.code for f in silenced] == [], silenced
    assert "P006" not in codes(example, flags=("ignore-quotes",))
    unused = findings(("ru", "the Summit", "саммит"), flags=("ignore-ru-quotes",))
    assert [f.check for f in unused] == ["unused-suppression"], unused


def test_a_code_is_no_flag_name():
    from checks.helpers import findings

    found = findings(("ru", 'the "Summit"', '"саммит"'), flags=("ignore-P006",))
    assert "unknown-suppression" in [f.check for f in found]
