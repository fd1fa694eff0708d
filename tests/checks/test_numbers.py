"""Numbers, dates and document symbols (N-codes), in the six languages."""

from __future__ import annotations

import pytest

from checks.helpers import codes, findings
from l10n.checks.numbers import month_names, numbers, parse_number, references

SAME = [
    ("zh-date", "zh", "4 to 6 November 2025", "2025年11月4日至6日"),
    ("ru-date", "ru", "4 to 6 November 2025", "4–6 ноября 2025 года"),
    ("es-date", "es", "4 to 6 November 2025", "del 4 al 6 de noviembre de 2025"),
    ("fr-date", "fr", "4 to 6 November 2025", "du 4 au 6 novembre 2025"),
    ("ar-date-two-month-names", "ar", "4 to 6 November 2025", "من 4 إلى 6 تشرين الثاني/نوفمبر 2025"),
    ("ar-indic-digits", "ar", "on 4 November 2025", "في ٤ نوفمبر ٢٠٢٥"),
    ("ar-eastern-digits", "ar", "in 2025", "در ۲۰۲۵"),
    ("ru-prepositional-month", "ru", "in November 2025", "в ноябре 2025 года"),
    ("fr-decimal-comma", "fr", "3.5 per cent", "3,5 %"),
    ("es-decimal-comma", "es", "3.5 per cent", "3,5 %"),
    ("ru-decimal-comma", "ru", "3.5 per cent", "3,5 процента"),
    ("fr-nnbsp-thousands", "fr", "1,000,000 people", "1\u202f000\u202f000 personnes"),
    ("ru-space-thousands", "ru", "12,500 delegates", "12 500 делегатов"),
    ("es-dot-thousands", "es", "12,500 delegates", "12.500 delegados"),
    ("zh-wan", "zh", "1.2 million people", "120万人"),
    ("ru-mln", "ru", "1.2 million people", "1,2 млн человек"),
    ("zh-ordinal-words", "zh", "the thirtieth anniversary", "三十周年"),
    ("zh-symbol", "zh", "resolutions 78/261 and 78/318", "第78/261和78/318号决议"),
    ("ru-symbol", "ru", "document E/CN.5/2025/1", "документ E/CN.5/2025/1"),
    ("fr-conf-symbol", "fr", "see A/CONF.166/9", "voir A/CONF.166/9"),
    ("ar-res-symbol", "ar", "A/RES/78/261", "A/RES/78/261"),
]

DIFFERENT = [
    ("zh-seed-merged-symbols", "zh", "General Assembly resolutions 78/261 and 78/318",
     "联合国大会通过78/26178/318号决议", {"N002"}),
    ("zh-wrong-resolution", "zh", "resolution 78/261", "第78/216号决议", {"N001"}),
    ("es-missing-symbol", "es", "A/RES/78/261 and A/RES/78/318", "A/RES/78/261", {"N001"}),
    ("fr-extra-symbol", "fr", "resolution 78/261", "résolutions 78/261 et 78/318", {"N001"}),
    ("ru-wrong-day", "ru", "4 to 6 November 2025", "4–5 ноября 2025 года", {"N003"}),
    ("zh-wrong-month", "zh", "4 to 6 November 2025", "2025年10月4日至6日", {"N003"}),
    ("fr-decimal-point-read-as-two", "fr", "3.5 per cent", "3.5 %", {"N003"}),
    ("en-year", "es", "since 1995", "desde 1996", {"N003"}),
]


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in SAME], ids=[c[0] for c in SAME])
def test_same_numbers(lang, source, target):
    assert not {"N001", "N002", "N003"} & set(codes((lang, source, target)))


@pytest.mark.parametrize("lang,source,target,expected", [c[1:] for c in DIFFERENT],
                         ids=[c[0] for c in DIFFERENT])
def test_different_numbers(lang, source, target, expected):
    assert {"N001", "N002", "N003"} & set(codes((lang, source, target))) == expected


def test_merged_symbols_name_both_parts():
    found = [f for f in findings(("zh", "resolutions 78/261 and 78/318", "78/26178/318号决议"))
             if f.code == "N002"]
    assert found[0].expected == ("78/261", "78/318") and found[0].found == "78/26178/318"
    assert found[0].severity.name == "ERROR"


def test_number_mismatch_is_a_warning_and_symbols_an_error():
    by_code = {f.code: f.severity.name for f in findings(
        ("fr", "resolution 78/261 of 2024", "résolution 78/262 de 2023"))}
    assert by_code == {"N001": "ERROR", "N003": "WARNING"}


@pytest.mark.parametrize("token,lang,values", [
    ("1,500", "en", ["1500"]), ("1,500", "fr", ["1.5"]), ("1.500", "es", ["1500"]),
    ("2025 100", "fr", ["2025", "100"]), ("1 000 000", "ru", ["1000000"]), ("3,5", "ru", ["3.5"]),
], ids=["en-group", "fr-decimal", "es-group", "fr-year-then-number", "ru-groups", "ru-decimal"])
def test_parse_number(token, lang, values):
    assert [format(v.normalize(), "f") for v in parse_number(token, lang)] == values


def test_month_names_come_from_cldr():
    assert month_names("fr")["novembre"] == 11
    assert month_names("ru")["ноября"] == 11 and month_names("ru")["ноябре"] == 11
    assert month_names("ar")["تشرين الثاني"] == 11 and month_names("ar")["نوفمبر"] == 11
    assert "11月" not in month_names("zh")


def test_references_and_numbers_are_kept_apart():
    assert references("A/RES/78/261 and 78/318 of 2024") == ["A/RES/78/261", "78/318"]
    assert numbers("A/RES/78/261 and 78/318 of 2024", "en") == {"2024": 1}


@pytest.mark.parametrize("lang,target", [
    ("fr", "La cible 1.3 des objectifs de développement durable."),
    ("es", "La meta 1.3 de los Objetivos de Desarrollo Sostenible."),
    ("ru", "Задача 1.3 целей в области устойчивого развития."),
    ("fr", "La cible 1,3 des objectifs de développement durable."),
], ids=["fr-label", "es-label", "ru-label", "fr-decimal-comma"])
def test_target_numbers_are_labels_in_decimal_comma_languages(lang, target):
    from l10n.checks.base import CheckContext, Entry
    from l10n.checks.numbers import NumberMismatch

    entry = Entry(file="x.po", line=1, lang=lang, source_lang="en",
                  msgid="Target 1.3 of the Sustainable Development Goals.", msgstr=target)
    assert list(NumberMismatch().check(entry, CheckContext())) == []


def test_dotted_dates_still_split_into_day_month_year():
    from l10n.checks.numbers import numbers

    assert numbers("4.11.2025", "ru") == numbers("4 11 2025", "ru")


@pytest.mark.parametrize("target,flagged", [
    ("الغاية 1-3 من أهداف التنمية المستدامة", False),
    ("الغاية 1.3 من أهداف التنمية المستدامة", False),
    ("الغاية 1-4 من أهداف التنمية المستدامة", True),
    ("الغايتان 1 و3 من أهداف التنمية المستدامة", True),
], ids=["hyphenated-label", "dotted-label", "wrong-label", "two-numbers-not-a-label"])
def test_arabic_hyphenated_target_numbers(target, flagged):
    from l10n.checks.base import CheckContext, Entry
    from l10n.checks.numbers import NumberMismatch

    entry = Entry(file="x.po", line=1, lang="ar", source_lang="en",
                  msgid="Target 1.3 of the Sustainable Development Goals", msgstr=target)
    assert bool(list(NumberMismatch().check(entry, CheckContext()))) is flagged
