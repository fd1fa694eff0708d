"""End punctuation official UN translations write otherwise than their English source (issue #14)."""

from __future__ import annotations

import pytest

from checks.helpers import codes, findings

SAME = [
    # Rows of a fact sheet: "Label: value." with or without the final full stop.
    ("fr-data-line-number", "fr", "Area: 1,234.5 km².", "Superficie : 1 234,5 km²"),
    ("fr-data-line-words", "fr", "Currency: Eastern Caribbean dollar.",
     "Monnaie : dollar des Caraïbes orientales"),
    ("es-data-line-brackets", "es", "Literacy rate: 98.1 per cent (2016).",
     "Tasa de alfabetización: 98,1% (2016)"),
    # An item of a dashed list closes by the language's list rules.
    ("ru-dashed-list-item", "ru", "Anna Berg, finance expert (Sweden)",
     "- Анны Берг, эксперта по финансовым вопросам (Швеция)."),
    ("fr-dashed-list-item", "fr", "the rights of the child", "– les droits de l'enfant ;"),
]

STILL_FLAGGED = [
    ("fr-sentence", "fr", "The Committee met in Geneva.", "Le Comité s'est réuni à Genève"),
    ("fr-sentence-after-a-note", "fr", "Note: the Committee met in Geneva.",
     "Note : le Comité s'est réuni à Genève"),
    ("fr-long-label", "fr", "The Committee decided the following on the item: Geneva.",
     "Le Comité a décidé ce qui suit au titre de ce point : Genève"),
    ("fr-data-line-question", "fr", "Area: 1,234.5 km²?", "Superficie : 1 234,5 km²"),
    ("ru-heading-with-a-stop", "ru", "Anna Berg, finance expert (Sweden)",
     "Анна Берг, эксперт по финансовым вопросам (Швеция)."),
]


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in SAME], ids=[c[0] for c in SAME])
def test_data_lines_may_leave_out_the_full_stop(lang, source, target):
    assert "P007" not in codes((lang, source, target))


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in STILL_FLAGGED],
                         ids=[c[0] for c in STILL_FLAGGED])
def test_sentences_still_need_their_end_punctuation(lang, source, target):
    assert "P007" in codes((lang, source, target))


@pytest.mark.parametrize("lang,source,target", [
    # A quotation of several sentences, one entry each: opened in the first, closed in the last.
    ("ru", "Every State shall respect the rules of the Convention.",
     "«Каждое государство соблюдает правила Конвенции."),
    ("ru", "It shall report every year.", "Оно ежегодно представляет доклад»."),
    ("fr", '"Every State shall respect the rules of the Convention.',
     "« Chaque État respecte les règles de la Convention."),
])
def test_a_quotation_of_several_entries_may_open_or_close_alone(lang, source, target):
    assert "P002" not in codes((lang, source, target))


@pytest.mark.parametrize("lang,source,target", [
    ("ru", '"Every State" shall respect the rules.', "«Каждое государство соблюдает правила."),
    ("ru", "The State shall respect the rules.", "Государство «соблюдает правила."),
    ("ru", "The item is entitled \"Other matters\".", "Пункт озаглавлен «Прочие вопросы."),
    ("zh", "the 2030 Agenda", "《2030年可持续发展议程"),
])
def test_a_quotation_left_open_inside_an_entry_is_still_reported(lang, source, target):
    assert "P002" in codes((lang, source, target))


RECAST = [
    # A list's introduction recast: the English closes the item, the translation announces.
    ("fr-semicolon-to-colon", "fr", "The terms below apply to the posts (see section II);",
     "Les termes ci-après s'appliquent aux postes (voir la section II)\u00a0:"),
    ("es-stop-to-colon", "es", "I wish to inform you of the following.",
     "Deseo informarle de lo siguiente:"),
    ("ru-colon-to-stop", "ru", "The Committee adopted these texts:",
     "Комитет принял эти тексты."),
    # A preambular paragraph: English ";" where the translation continues with a comma.
    ("fr-semicolon-to-comma", "fr", "Convinced that the young must take part;",
     "Convaincus que les jeunes doivent participer,"),
    ("zh-semicolon-to-comma", "zh", "Invites the Parties to cooperate;", "请各缔约方开展合作，"),
    # A short heading set without its colon.
    ("fr-heading-without-its-colon", "fr", "Recommendations:", "Recommandations"),
    ("ar-heading-without-its-colon", "ar", "Main findings:", "النتائج الرئيسية"),
]

STILL_WARNED = [
    # A question must stay a question; a statement must not become one.
    ("fr-question-to-stop", "fr", "What will the Summit decide?", "Ce que le Sommet décidera."),
    ("es-stop-to-question", "es", "The Summit will decide.", "¿La Cumbre decidirá?"),
    # No closing mark at all: the translation may be cut short.
    ("ru-semicolon-to-nothing", "ru", "The Committee adopted these texts;",
     "Комитет принял эти тексты"),
    ("fr-colon-to-nothing", "fr", "The Committee adopted the following texts:",
     "Le Comité a adopté les textes suivants"),
]


def _end_severities(lang, source, target):
    return [str(f.severity) for f in findings((lang, source, target)) if f.code == "P007"]


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in RECAST],
                         ids=[c[0] for c in RECAST])
def test_a_recast_closing_mark_is_information_not_a_warning(lang, source, target):
    assert _end_severities(lang, source, target) == ["info"]


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in STILL_WARNED],
                         ids=[c[0] for c in STILL_WARNED])
def test_a_lost_question_or_a_missing_mark_is_still_a_warning(lang, source, target):
    assert _end_severities(lang, source, target) == ["warning"]


@pytest.mark.parametrize("lang,target", [
    ("es", "Fomentar la confianza: ¿qué se necesitará?"),
    ("zh", "增强信任：需要做些什么？"),
    ("fr", "Renforcer la confiance\u00a0:"),
])
def test_a_source_closing_with_two_marks_accepts_either(lang, target):
    assert _end_severities(lang, "Building trust: what will it take?:", target) == []
