"""Russian term matching: case forms of titles, names and multi-word names (pymorphy3 + Snowball).

The inflected forms are those listed in the terminology notes (section 4.3) and the CSV notes.
"""

from __future__ import annotations

import pytest

from l10n.glossary.matcher.index import TermIndex
from l10n.glossary.model import Concept, Glossary, Status, Term

TERMS = {
    "PER-TAMIM": ["шейх Тамим бин Хамад Аль Тани", Term("шейх Тамим бен Хамад Аль Тани", status=Status.ADMITTED)],
    "PER-ALYA": ["шейха Алья Ахмед бин Саиф Аль Тани"],
    "TI-SHEIKH": ["шейх / шейха"],
    "PER-HILALE": ["Омар Хилаль"],
    "PER-GUTERRES": ["Антониу Гутерриш", Term("Антонио Гутерреш", status=Status.DEPRECATED)],
    "PER-LIJUNHUA": ["Ли Цзюньхуа"],
    "PER-LIUZHENMIN": ["Лю Чжэньминь"],
    "PER-DESMEDT": ["Софи Де Смедт", Term("София Де Смет", status=Status.DEPRECATED)],
    "TI-USG-DESA": ["заместитель Генерального секретаря по экономическим и социальным вопросам"],
    "TI-AMIR": ["Эмир Государства Катар"],
    "TI-AMB": ["посол"],
    "PL-QATAR": ["Катар"],
    "PL-BELGIUM": ["Бельгия"],
    "PL-MOROCCO": ["Марокко"],
    "PL-NEWYORK": ["Нью-Йорк"],
    "EV-WSSD2": ["Вторая Всемирная встреча на высшем уровне в интересах социального развития"],
    "EV-WSSD1995": ["Всемирная встреча на высшем уровне в интересах социального развития"],
    "DOC-DOHADECL": ["Дохинская политическая декларация"],
    "DOC-COPDECL": ["Копенгагенская декларация о социальном развитии"],
    "DOC-POA": ["Программа действий Всемирной встречи на высшем уровне в интересах социального развития"],
    "DOC-2030": ["Повестка дня в области устойчивого развития на период до 2030 года"],
    "DOC-SDG": ["цели в области устойчивого развития"],
    "BODY-GA": ["Генеральная Ассамблея Организации Объединенных Наций"],
    "BODY-MS": ["государства-члены"],
    "PH-DECENTWORK": ["полная и производительная занятость и достойная работа для всех"],
    "PH-POVERTY": ["ликвидация нищеты"],
    "PL-DOHA": ["Доха", Term("дохийский", status=Status.DEPRECATED)],
}


@pytest.fixture(scope="module")
def index() -> TermIndex:
    glossary = Glossary()
    for concept_id, terms in TERMS.items():
        section = glossary.add(Concept(concept_id)).section("ru")
        section.terms.extend(t if isinstance(t, Term) else Term(t) for t in terms)
    return TermIndex(glossary, "ru")


TAMIM = "Тамим бин Хамад Аль Тани"
USG_TAIL = "Генерального секретаря по экономическим и социальным вопросам"
SUMMIT_TAIL = "на высшем уровне в интересах социального развития"
AGENDA_TAIL = "дня в области устойчивого развития на период до 2030 года"

INFLECTED = [
    # (id, text, concept, surface found)
    ("tamim-gen", "визит шейха Тамима бин Хамада Аль Тани", "PER-TAMIM", "шейха Тамима бин Хамада Аль Тани"),
    ("tamim-dat", "шейху Тамиму бин Хамаду Аль Тани", "PER-TAMIM", "шейху Тамиму бин Хамаду Аль Тани"),
    ("tamim-ins", "со шейхом Тамимом бин Хамадом Аль Тани", "PER-TAMIM", "шейхом Тамимом бин Хамадом Аль Тани"),
    ("tamim-prep", "о шейхе Тамиме бин Хамаде Аль Тани", "PER-TAMIM", "шейхе Тамиме бин Хамаде Аль Тани"),
    ("tamim-ben-gen", "шейха Тамима бен Хамада Аль Тани", "PER-TAMIM", "шейха Тамима бен Хамада Аль Тани"),
    ("alya-gen", "шейхи Альи Ахмед бин Саиф Аль Тани", "PER-ALYA", "шейхи Альи Ахмед бин Саиф Аль Тани"),
    ("alya-dat", "шейхе Алье Ахмед бин Саиф Аль Тани", "PER-ALYA", "шейхе Алье Ахмед бин Саиф Аль Тани"),
    ("alya-acc", "шейху Алью Ахмед бин Саиф Аль Тани", "PER-ALYA", "шейху Алью Ахмед бин Саиф Аль Тани"),
    ("alya-ins", "шейхой Альей Ахмед бин Саиф Аль Тани", "PER-ALYA", "шейхой Альей Ахмед бин Саиф Аль Тани"),
    ("hilale-ins", "вместе с Омаром Хилалем", "PER-HILALE", "Омаром Хилалем"),
    ("hilale-gen", "Омара Хилаля", "PER-HILALE", "Омара Хилаля"),
    ("hilale-dat", "Омару Хилалю", "PER-HILALE", "Омару Хилалю"),
    ("hilale-prep", "об Омаре Хилале", "PER-HILALE", "Омаре Хилале"),
    ("guterres-gen", "заявление Антониу Гутерриша", "PER-GUTERRES", "Антониу Гутерриша"),
    ("guterres-dat", "Антониу Гутерришу", "PER-GUTERRES", "Антониу Гутерришу"),
    ("guterres-ins", "с Антониу Гутерришем", "PER-GUTERRES", "Антониу Гутерришем"),
    ("guterres-prep", "об Антониу Гутеррише", "PER-GUTERRES", "Антониу Гутеррише"),
    ("liu-gen", "визит Лю Чжэньминя", "PER-LIUZHENMIN", "Лю Чжэньминя"),
    ("usg-gen", "доклад заместителя " + USG_TAIL, "TI-USG-DESA", "заместителя " + USG_TAIL),
    ("usg-dat", "заместителю " + USG_TAIL, "TI-USG-DESA", "заместителю " + USG_TAIL),
    ("amir-gen", "визит Эмира Государства Катар", "TI-AMIR", "Эмира Государства Катар"),
    ("amir-dat", "Эмиру Государства Катар", "TI-AMIR", "Эмиру Государства Катар"),
    ("ambassador-gen", "слово посла", "TI-AMB", "посла"),
    ("ambassador-ins", "с послом", "TI-AMB", "послом"),
    ("qatar-gen", "Постоянный представитель Катара", "PL-QATAR", "Катара"),
    ("belgium-gen", "Постоянный представитель Бельгии", "PL-BELGIUM", "Бельгии"),
    ("newyork-prep", "в Нью-Йорке", "PL-NEWYORK", "Нью-Йорке"),
    ("doha-prep", "в Дохе", "PL-DOHA", "Дохе"),
    ("summit-gen", "участники Второй Всемирной встречи " + SUMMIT_TAIL, "EV-WSSD2",
     "Второй Всемирной встречи " + SUMMIT_TAIL),
    ("summit-dat", "Второй Всемирной встрече " + SUMMIT_TAIL, "EV-WSSD2", "Второй Всемирной встрече " + SUMMIT_TAIL),
    ("summit-acc", "Вторую Всемирную встречу " + SUMMIT_TAIL, "EV-WSSD2", "Вторую Всемирную встречу " + SUMMIT_TAIL),
    ("summit-ins", "Второй Всемирной встречей " + SUMMIT_TAIL, "EV-WSSD2", "Второй Всемирной встречей " + SUMMIT_TAIL),
    ("summit1995-prep", "на Всемирной встрече " + SUMMIT_TAIL, "EV-WSSD1995", "Всемирной встрече " + SUMMIT_TAIL),
    ("doha-decl-gen", "текст Дохинской политической декларации", "DOC-DOHADECL", "Дохинской политической декларации"),
    ("doha-decl-acc", "Дохинскую политическую декларацию", "DOC-DOHADECL", "Дохинскую политическую декларацию"),
    ("doha-decl-ins", "Дохинской политической декларацией", "DOC-DOHADECL", "Дохинской политической декларацией"),
    ("copdecl-gen", "Копенгагенской декларации о социальном развитии", "DOC-COPDECL",
     "Копенгагенской декларации о социальном развитии"),
    ("copdecl-acc", "Копенгагенскую декларацию о социальном развитии", "DOC-COPDECL",
     "Копенгагенскую декларацию о социальном развитии"),
    ("poa-dat", "Программе действий Всемирной встречи " + SUMMIT_TAIL, "DOC-POA",
     "Программе действий Всемирной встречи " + SUMMIT_TAIL),
    ("poa-acc", "Программу действий Всемирной встречи " + SUMMIT_TAIL, "DOC-POA",
     "Программу действий Всемирной встречи " + SUMMIT_TAIL),
    ("agenda-gen", "Повестки " + AGENDA_TAIL, "DOC-2030", "Повестки " + AGENDA_TAIL),
    ("agenda-dat", "Повестке " + AGENDA_TAIL, "DOC-2030", "Повестке " + AGENDA_TAIL),
    ("agenda-acc", "принять Повестку " + AGENDA_TAIL, "DOC-2030", "Повестку " + AGENDA_TAIL),
    ("agenda-ins", "Повесткой " + AGENDA_TAIL, "DOC-2030", "Повесткой " + AGENDA_TAIL),
    ("sdg-gen", "достижение целей в области устойчивого развития", "DOC-SDG", "целей в области устойчивого развития"),
    ("sdg-dat", "целям в области устойчивого развития", "DOC-SDG", "целям в области устойчивого развития"),
    ("ga-gen", "сессия Генеральной Ассамблеи Организации Объединенных Наций", "BODY-GA",
     "Генеральной Ассамблеи Организации Объединенных Наций"),
    ("ms-gen", "делегации государств-членов", "BODY-MS", "государств-членов"),
    ("decent-work-dat", "полной и производительной занятости и достойной работе для всех", "PH-DECENTWORK",
     "полной и производительной занятости и достойной работе для всех"),
    ("poverty-gen", "в целях ликвидации нищеты", "PH-POVERTY", "ликвидации нищеты"),
]


@pytest.mark.parametrize("text,concept,surface", [c[1:] for c in INFLECTED], ids=[c[0] for c in INFLECTED])
def test_case_forms_match(index, text, concept, surface):
    found = {(m.concept_id, m.text): m.how for m in index.find(text)}
    assert found.get((concept, surface)) == "inflected"


NORMALISED = [
    ("yo-spelling", "Генеральная Ассамблея Организации Объединённых Наций", "BODY-GA"),
    ("hyphenated-al-thani", "шейх Тамим бин Хамад Аль-Тани", "PER-TAMIM"),
    ("capitalised-title", "Шейх Тамим бин Хамад Аль Тани", "PER-TAMIM"),
    ("stress-mark", "До\u0301ха", "PL-DOHA"),
]


@pytest.mark.parametrize("text,concept", [c[1:] for c in NORMALISED], ids=[c[0] for c in NORMALISED])
def test_spelling_variants_are_normalised(index, text, concept):
    [match] = index.find(text)
    assert (match.concept_id, match.how, match.text) == (concept, "normalised", text)


EXACT = [
    ("indeclinable-name", "встреча с Ли Цзюньхуа", "PER-LIJUNHUA", "Ли Цзюньхуа"),
    ("indeclinable-country", "Постоянный представитель Марокко", "PL-MOROCCO", "Марокко"),
    ("female-title-nominative", "шейха Алья Ахмед бин Саиф Аль Тани", "PER-ALYA", "шейха Алья Ахмед бин Саиф Аль Тани"),
    ("deprecated-spelling", "Антонио Гутерреш", "PER-GUTERRES", "Антонио Гутерреш"),
]


@pytest.mark.parametrize("text,concept,surface", [c[1:] for c in EXACT], ids=[c[0] for c in EXACT])
def test_exact_forms(index, text, concept, surface):
    found = {(m.concept_id, m.text): m for m in index.find(text)}
    assert found[(concept, surface)].how == "exact"


def test_homograph_sheikha_follows_the_glossary(index):
    # шейха is the genitive of шейх and the female title: both concepts may match it; the
    # name after it decides between the two people, and the bare title concept lists both.
    [tamim] = index.find("шейха Тамима бин Хамада Аль Тани")
    [alya] = index.find("шейха Алья Ахмед бин Саиф Аль Тани")
    assert (tamim.concept_id, alya.concept_id) == ("PER-TAMIM", "PER-ALYA")
    assert [m.concept_id for m in tamim.contained] == [m.concept_id for m in alya.contained] == ["TI-SHEIKH"]
    assert index.concepts_in("слово шейха") == {"TI-SHEIKH"}


def test_second_summit_contains_the_first(index):
    [match] = index.find("Второй Всемирной встречи " + SUMMIT_TAIL)
    assert match.concept_id == "EV-WSSD2"
    assert [m.concept_id for m in match.contained] == ["EV-WSSD1995"]


NEGATIVE = [
    ("title-only", "Генеральный секретарь", "TI-USG-DESA"),
    ("name-without-family", "шейх Тамим бин Хамад", "PER-TAMIM"),
    ("family-only", "семья Аль Тани", "PER-TAMIM"),
    ("other-summit", "Второй Всемирный саммит по социальному развитию", "EV-WSSD2"),
    ("media-adjective", "Дохийская политическая декларация", "DOC-DOHADECL"),
    ("amir-of-other-state", "Эмир Государства Кувейт", "TI-AMIR"),
    ("first-summit-inside-second", "Второй Всемирной встречи " + SUMMIT_TAIL, "EV-WSSD1995"),
]


@pytest.mark.parametrize("text,concept", [n[1:] for n in NEGATIVE], ids=[n[0] for n in NEGATIVE])
def test_not_found_at_top_level(index, text, concept):
    assert concept not in {m.concept_id for m in index.find(text)}


def test_russified_name_matches_only_the_deprecated_term(index):
    [match] = index.find("вместе с Софией Де Смет")
    assert (match.concept_id, match.term.text, match.how) == ("PER-DESMEDT", "София Де Смет", "inflected")


# -- relational adjectives name their place (issue 14, terms class 3) --------------------------

@pytest.mark.parametrize("text,concept,surface", [
    ("осуществление Пекинской платформы действий", "PL-BEIJING", "Пекинской"),
    ("Пекинская декларация", "PL-BEIJING", "Пекинская"),
    ("участники Женевских конвенций", "PL-GENEVA", "Женевских"),
    ("в соответствии с Женевскими конвенциями", "PL-GENEVA", "Женевскими"),
    ("в рамках Дохинской повестки дня", "PL-DOHA", "Дохинской"),
    ("катарская делегация", "PL-QATAR", "катарская"),
])
def test_regular_relational_adjective_names_the_place(text, concept, surface):
    """-ский from the noun's stem, -инский from a noun in -а: derived, not listed."""
    index = _places({"PL-BEIJING": ["Пекин"], "PL-GENEVA": ["Женева"], "PL-DOHA": ["Доха"],
                     "PL-QATAR": ["Катар"]})
    [match] = index.find(text)
    assert (match.concept_id, match.text) == (concept, surface)


def test_irregular_adjective_is_a_term_of_the_concept_in_all_its_forms():
    index = _places({"PL-MOSCOW": ["Москва", Term("московский", part_of_speech="adjective")]})
    for text, surface in [("Московской декларации", "Московской"),
                          ("московские встречи", "московские"), ("в Москве", "Москве")]:
        [match] = index.find(text)
        assert (match.concept_id, match.text) == ("PL-MOSCOW", surface)


def test_deprecated_adjective_stays_deprecated():
    """дохийский is not дохинский: no rule turns it into the preferred place name."""
    index = _places({"PL-DOHA": ["Доха", Term("дохийский", status=Status.DEPRECATED)]})
    [match] = index.find("дохийского раунда")
    assert match.term.text == "дохийский"


def _places(terms: dict) -> TermIndex:
    glossary = Glossary()
    for concept_id, forms in terms.items():
        glossary.add(Concept(concept_id, domain="place")).section("ru").terms.extend(
            t if isinstance(t, Term) else Term(t) for t in forms)
    return TermIndex(glossary, "ru")
