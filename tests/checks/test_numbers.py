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


# Issue 14: classes of numbers official UN translations write differently from the source.
WRITTEN_OTHERWISE = [
    # Spelled-out numbers and ordinals against digits, with Russian and Arabic inflection.
    ("en-words-es-ordinal", "es", "the eleventh meeting", "la 11ª reunión"),
    ("en-words-fr-ordinal", "fr", "the eleventh meeting", "la 11e séance"),
    ("fr-ordinal-words", "fr", "the 11th meeting", "la onzième séance"),
    ("fr-compound-ordinal", "fr", "the 131st Assembly", "la cent trente et unième Assemblée"),
    ("fr-vigesimal", "fr", "in 91 countries", "dans quatre-vingt-onze pays"),
    ("fr-cardinal-words", "fr", "in 12 critical areas", "dans douze domaines critiques"),
    ("es-feminine-ordinal", "es", "the 11th meeting", "la undécima reunión"),
    ("ru-prepositional-ordinal", "ru", "at its 11th meeting", "на своем одиннадцатом заседании"),
    ("ru-genitive-cardinal", "ru", "for 12 months", "в течение двенадцати месяцев"),
    ("ru-compound-ordinal", "ru", "its 69th session", "ее шестьдесят девятой сессии"),
    ("ar-feminine-ordinal", "ar", "at its 11th meeting", "في جلستها الحادية عشرة"),
    ("ar-units-before-tens", "ar", "at its 69th session", "في دورتها التاسعة والستين"),
    ("ar-clitic-cardinal", "ar", "won 9 seats", "فازت بتسعة مقاعد"),
    ("zh-ordinal-numeral", "zh", "the 11th meeting", "第十一次会议"),
    ("zh-article-numeral", "zh", "Article 19 of the Charter", "《宪章》第十九条"),
    ("zh-digit-by-digit-year", "zh", "in 2015", "二〇一五年"),
    ("zh-digit-by-digit-rule", "zh", "Rule 156", "第一五六条"),
    ("en-percent-words", "fr", "Forty-three per cent", "43 %"),
    ("en-hyphenated-words", "es", "a twelve-month period", "un período de 12 meses"),
    ("en-words-zh-digits", "zh", "four observation posts", "4个观察所"),
    # Magnitude words in every combination.
    ("zh-wan-dollars", "zh", "$2 million", "200万美元"),
    ("zh-yi", "zh", "1.5 billion people", "15亿人"),
    ("ru-mlrd-decimal-comma", "ru", "1.2 billion dollars", "1,2 млрд долларов"),
    ("ar-million", "ar", "3.3 million girls", "3.3 ملايين فتاة"),
    # Times of day: 12-hour against 24-hour clock.
    ("fr-time-heures", "fr", "at 3 p.m.", "à 15 heures"),
    ("fr-time-minutes", "fr", "at 10.30 a.m.", "à 10 h 30"),
    ("es-time-horas", "es", "at 3 p.m.", "a las 15.00 horas"),
    ("ru-time", "ru", "at 3 p.m.", "в 15 ч. 00 м."),
    ("zh-time-afternoon", "zh", "at 3 p.m.", "下午3时"),
    ("zh-time-24h-minutes", "zh", "At 1310, near the village", "13时10分，在村附近"),
    ("ar-time-colon", "ar", "at 3 p.m.", "الساعة 15:00"),
    ("fr-time-range", "fr", "from 10 a.m. to 1 p.m. and from 3 p.m. to 6 p.m.",
     "de 10 heures à 13 heures et de 15 heures à 18 heures"),
    # Thousands grouped with spaces (and Arabic groups stored last group first).
    ("zh-space-thousands", "zh", "$12,500", "12 500美元"),
    ("zh-nbsp-thousands", "zh", "48,000 people", "48\u00a0000人"),
    ("ar-space-thousands", "ar", "$12,500", "12 500 دولار"),
    ("ar-reversed-groups", "ar", "41,687,967 dollars", "967 687 41 دولارا"),
    ("ar-reversed-thousand", "ar", "$4,000", "000 4 دولار"),
    ("ar-reversed-three-digit-groups", "ar", "156,734 kg", "734 156 كغم"),
    # More clock times: ranges, Zulu and 24-hour times, Arabic minutes first after الساعة.
    ("fr-years-after-from", "fr", "from 2002 to 2004", "de 2002 à 2004"),
    ("zh-time-zulu", "zh", "as at 2359Z on 31 July", "7月31日23时59分"),
    ("ru-time-hours-range", "ru", "Between 1100 and 1200 hours", "Между 11:00 и 12:00"),
    ("zh-time-afternoon-range", "zh", "from 3 p.m. to 6 p.m.", "下午3时至6时"),
    ("en-time-range-one-pm", "fr", "from 3 to 6 p.m.", "de 15 heures à 18 heures"),
    ("ar-time-minutes-first", "ar", "at 10.47 a.m.", "الساعة 47/10"),
    # A number both sides write, not equally often.
    ("fr-repeated-code", "fr", "within the endurance of the An-26; the An-26 remains airborne",
     "dans l'autonomie de l'An-26 ; il reste en vol"),
    ("ar-repeated-year", "ar", "from 3 to 5 February and from 28 to 30 April 2015",
     "من 3 إلى 5 شباط/فبراير 2015 ومن 28 إلى 30 نيسان/أبريل 2015"),
    # Footnote marks and codes glued to a word, left out or spelled out on the other side.
    ("fr-footnote-after-comma", "fr", "the report of the Advisory Committee,3 and requests",
     "le rapport du Comité consultatif et prie"),
    ("zh-footnote-after-quote", "zh", 'the report entitled "Overview"18', '题为"概览"的报告'),
    ("es-code", "es", "a B2C procedure", "un procedimiento entre empresas y consumidores"),
    ("ru-unit-exponent", "ru", "nearly 800,000 km2", "почти 800 000 кв. км"),
    # Roman numerals against digits.
    ("ar-roman-session", "ar", "resolution 1894 (LVII)", "القرار 1894 (د-57)"),
    ("ar-roman-article", "ar", "including article XII", "بما فيها المادة 12"),
    # Arabic decimal comma and magnitude words; Spanish "mil"; Chinese "多" before 万.
    ("ar-decimal-comma", "ar", "63.6 per cent", "63,6 في المائة"),
    ("ar-billions-plural", "ar", "$2.4 billion", "2.4 بلايين دولار"),
    ("ar-dual-million", "ar", "2 million yen", "مليوني ين"),
    ("es-mil", "es", "per 100,000 live births", "por cada 100 mil nacidos vivos"),
    ("zh-approximately-wan", "zh", "more than 2 million people", "200多万人"),
    ("zh-enclosed-digit", "zh", "Two (2) militants", "两⑵名好战分子"),
    # The same digits in another notation, and multi-level labels.
    ("fr-foreign-grouping", "fr", "Act No. 18561", "loi n° 18.561"),
    ("es-english-grouping", "es", "6,987 families", "6,987 familias"),
    ("fr-multilevel-label", "fr", "3.2.1 Progress is made", "3.2.1 Réalisation de progrès"),
    ("fr-decade", "fr", "the early 1960s", "au début des années 60"),
    ("fr-zulu-copied", "fr", "as at 2359Z on 31 July", "au 31 juillet à 2359Z"),
    ("fr-midnight", "fr", "as from 0000 hours on 15 February", "à partir du 15 février à minuit"),
    ("ar-hyphenated-multilevel-label", "ar", "3.2.1 Progress is made", "3-2-1 إحراز تقدم"),
    ("ar-ordinal-after-the-hundred", "ar", "the 131st Assembly", "الجمعية الحادية والثلاثون بعد المائة"),
]

STILL_DIFFERENT = [
    ("fr-wrong-hour", "fr", "at 3 p.m.", "à 16 heures"),
    ("zh-wrong-hour", "zh", "at 3 p.m.", "下午4时"),
    ("fr-wrong-ordinal", "fr", "the eleventh meeting", "la 12e séance"),
    ("es-wrong-words", "es", "for 13 months", "durante doce meses"),
    ("ru-wrong-ordinal", "ru", "at its 12th meeting", "на своем одиннадцатом заседании"),
    ("ar-wrong-ordinal", "ar", "at its 12th meeting", "في جلستها الحادية عشرة"),
    ("zh-wrong-article", "zh", "Article 19", "第十八条"),
    ("zh-wrong-thousands", "zh", "$12,500", "12 600美元"),
    ("ar-wrong-reversed", "ar", "$4,000", "000 5 دولار"),
    ("ar-wrong-reversed-groups", "ar", "156,734 kg", "735 156 كغم"),
    ("fr-wrong-repeated-code", "fr", "the An-26; the An-26", "l'An-27"),
    ("fr-swapped-repeated", "fr", "from 3 to 5 and 5 more", "de 3 à 3 et 5 de plus"),
    ("fr-wrong-footnote", "fr", "the UNODC budget1 provides", "le budget de l'ONUDC2 contient"),
    ("ar-words-both-sides", "ar", "3. annex III", "1 - المرفق الثالث"),
    ("fr-wrong-label", "fr", "3.2.1 Progress", "3.2.2 Progrès"),
    ("fr-wrong-foreign-grouping", "fr", "Act No. 18561", "loi n° 18.562"),
    ("es-wrong-minutes", "es", "at 10.47 a.m.", "a las 10.48 horas"),
    ("zh-wrong-zulu", "zh", "as at 2359Z", "23时58分"),
    ("fr-wrong-decade", "fr", "the 1960s", "les années 70"),
    ("ar-wrong-multilevel-label", "ar", "3.2.1 Progress is made", "3-2-2 إحراز تقدم"),
]


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in WRITTEN_OTHERWISE],
                         ids=[c[0] for c in WRITTEN_OTHERWISE])
def test_numbers_written_otherwise_are_the_same(lang, source, target):
    assert "N003" not in codes((lang, source, target))


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in STILL_DIFFERENT],
                         ids=[c[0] for c in STILL_DIFFERENT])
def test_numbers_written_otherwise_still_differ(lang, source, target):
    assert "N003" in codes((lang, source, target))


def test_number_words_never_raise_a_finding_of_their_own():
    """"un rapport", "one of them": a number in words that the other side lacks is no finding."""
    assert "N003" not in codes(("fr", "one of the reports, in 2015", "l'un des rapports, en 2015"))
    assert "N003" not in codes(("zh", "the unified position", "统一立场"))


@pytest.mark.parametrize("lang,text,values", [
    ("en", "Forty-three; one hundred and thirty-first; two million", {"43", "131", "2000000"}),
    ("fr", "soixante-dix, quatre-vingt-onze, deux cents", {"70", "91", "200"}),
    ("es", "cuarenta y tres, sexagésimo noveno, veintiún", {"43", "69", "21"}),
    ("ru", "сорока трех, шестьдесят девятой", {"43", "69"}),
    ("ar", "ثلاثة وأربعون، لخمسة عشر", {"43", "15"}),
    ("zh", "第十九条，二〇一五年，两百万", {"19", "2015", "2000000"}),
], ids=["en", "fr", "es", "ru", "ar", "zh"])
def test_spelled_numbers(lang, text, values):
    from l10n.checks.numbers import spelled_numbers

    assert set(spelled_numbers(text, lang)) == values


def test_arabic_time_after_the_hour_is_no_resolution_number():
    assert not {"N001", "N003"} & set(codes(("ar", "at 10.47 a.m.", "الساعة 47/10")))


def test_russian_word_table_is_kept_in_the_cache(tmp_path, monkeypatch):
    """Built once (num2words + pymorphy3), then read from the cache folder by later runs."""
    from l10n.checks import numbers as module

    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("L10N_NO_CACHE", raising=False)
    module.number_words.cache_clear()
    try:
        built = module.number_words("ru")
        assert list((tmp_path / "numbers").glob("words-ru-*.json"))
        module.number_words.cache_clear()

        def no_building(lang):
            raise AssertionError("the table was built again")

        monkeypatch.setattr(module, "_build_number_words", no_building)
        assert module.number_words("ru") == built and built["одиннадцатом"] == 11
    finally:
        module.number_words.cache_clear()


def test_arabic_clitics_are_prefixed_once_not_to_each_other():
    """One clitic before a number word (والحادية), not every chain of them: a small table."""
    from l10n.checks.numbers import number_words

    table = number_words("ar")
    assert table["والحادية"] == 1 and len(table) < 5_000
