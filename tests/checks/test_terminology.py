"""Behaviour of the terminology checks (T001-T007) on small, readable cases."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from l10n.checks.base import CheckContext, Entry, ProjectCheck
from l10n.checks.terminology import (TERMINOLOGY_CHECKS, TermDeprecated, TermLookalikeDot,
                                     TermMissing, TermNameConsistency, TermNearMiss, TermPartial,
                                     TermSourceDeprecated)
from l10n.glossary.model import Glossary, Status
from l10n.glossary.store import load_glossary
from l10n.model import Severity

FIXTURE = Path(__file__).resolve().parent / "data" / "term_eval" / "glossary.csv"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ENTRY_CHECKS = [cls for cls in TERMINOLOGY_CHECKS if not issubclass(cls, ProjectCheck)]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(FIXTURE)


def entry(lang: str, msgid: str, msgstr: str, *, source_lang: str = "en", file: str = "x.po",
          line: int = 1) -> Entry:
    return Entry(file, line, lang, source_lang, msgid, msgstr)


def run_all(glossary: Glossary, e: Entry) -> list:
    context = CheckContext(glossary=glossary)
    return [f for cls in ENTRY_CHECKS if cls().applies(e) for f in cls().check(e, context)]


def slugs(findings) -> list[str]:
    return sorted(f.check for f in findings)


# -- the registry and the examples ---------------------------------------------------------------


def test_registry_declares_every_check_once():
    codes = [cls.code for cls in TERMINOLOGY_CHECKS]
    names = [cls.slug for cls in TERMINOLOGY_CHECKS]
    assert len(set(codes)) == len(codes) == 7 and len(set(names)) == 7
    assert all(name.startswith("term-") for name in names)
    for cls in TERMINOLOGY_CHECKS:
        doc = (cls.__doc__ or "").strip().splitlines()
        assert len(doc) > 2 and cls.description() == doc[0], cls.slug
        assert cls.examples_fail and cls.examples_pass, cls.slug


def _example_findings(cls, examples, glossary):
    context = CheckContext(glossary=glossary)
    entries = [entry(lang, msgid, msgstr, line=n + 1) for n, (lang, msgid, msgstr) in enumerate(examples)]
    if issubclass(cls, ProjectCheck):
        return [list(cls().check_all(entries, context))]
    return [list(cls().check(e, context)) for e in entries]


@pytest.mark.parametrize("cls", TERMINOLOGY_CHECKS, ids=lambda c: c.slug)
def test_examples_fail_and_pass(cls, glossary):
    assert all(_example_findings(cls, cls.examples_fail, glossary))
    assert not any(_example_findings(cls, cls.examples_pass, glossary))


@pytest.mark.parametrize("cls", TERMINOLOGY_CHECKS, ids=lambda c: c.slug)
def test_examples_hold_for_the_research_glossary(cls):
    path = SHARED / "reference" / "terminology.csv"
    if not path.is_file():
        pytest.skip("../shared/reference/terminology.csv is not beside the checkout")
    research = load_glossary(path)
    assert all(_example_findings(cls, cls.examples_fail, research))
    assert not any(_example_findings(cls, cls.examples_pass, research))


# -- one problem, one finding ------------------------------------------------------------------

CASES = [
    ("missing-zh", "zh", "The Second World Summit for Social Development opened.", "第二届会议开幕。",
     ["term-missing"]),
    ("deprecated-not-missing", "zh", "The Second World Summit for Social Development opened.",
     "第二届世界社会发展峰会开幕。", ["term-deprecated"]),
    ("partial-usg", "zh", "The Under-Secretary-General for Economic and Social Affairs spoke.",
     "秘书长发言。", ["term-partial"]),
    ("partial-amir", "fr", "The Amir of the State of Qatar spoke.", "L'État du Qatar a pris la parole.",
     ["term-partial"]),
    ("near-miss-not-missing", "zh", "Sheikh Tamim bin Hamad Al Thani spoke.", "塔米姆·本·哈马德·阿尔萨尼发言。",
     ["term-near-miss"]),
    ("lookalike-not-missing", "zh", "Omar Hilale spoke.", "奥马尔•希拉勒发言。", ["term-lookalike-dot"]),
    ("source-deprecated-still-checked", "fr", "The Second World Summit on Social Development opens.",
     "Le Sommet s'ouvre.", ["term-missing", "term-source-deprecated"]),
    ("ru-inflected", "ru", "We thank Sheikha Alya Ahmed bin Saif Al-Thani.",
     "Мы благодарим шейху Алью Ахмед бин Саиф Аль Тани.", []),
    ("ar-clitic", "ar", "Delegations welcomed the Doha Political Declaration.",
     "ورحبت الوفود بإعلان الدوحة السياسي.", []),
    ("fr-elision", "fr", "The Secretary-General thanked the Amir of the State of Qatar.",
     "Le Secrétaire général a remercié l'Émir de l'État du Qatar.", []),
    ("es-contraction", "es", "He thanked the State of Qatar.", "Dio las gracias al Estado de Qatar.", []),
    ("zh-unspaced", "zh", "Member States and civil society took part.", "会员国和民间社会参加了会议。", []),
    ("locale-suffix", "zh_CN", "Civil society took part.", "公民社会参加了会议。", ["term-deprecated"]),
]


@pytest.mark.parametrize("lang, source, target, expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_each_problem_is_reported_once_by_the_right_check(glossary, lang, source, target, expected):
    assert slugs(run_all(glossary, entry(lang, source, target))) == expected


def test_missing_message_names_concept_source_and_expected_terms(glossary):
    (finding,) = TermMissing().check(entry("zh", "The Second World Summit for Social Development opened.",
                                           "第二届会议开幕。"), CheckContext(glossary=glossary))
    assert finding.message == ('"Second World Summit for Social Development" should be rendered '
                               '"第二届社会发展问题世界首脑会议" or "第二届世界社会发展首脑会议" (EV-WSSD2); '
                               "not found")
    assert (finding.code, finding.severity, finding.concept) == ("T001", Severity.ERROR, "EV-WSSD2")
    assert finding.expected == ("第二届社会发展问题世界首脑会议", "第二届世界社会发展首脑会议")


def test_deprecated_names_the_preferred_term(glossary):
    (finding,) = TermDeprecated().check(entry("zh", "The Second World Summit for Social Development.",
                                              "第二届世界社会发展峰会"), CheckContext(glossary=glossary))
    assert finding.found == "第二届世界社会发展峰会"
    assert finding.expected == ("第二届社会发展问题世界首脑会议",)
    assert finding.severity is Severity.ERROR


def test_deprecated_names_admitted_terms_when_there_is_no_preferred(glossary):
    changed = copy.deepcopy(glossary)
    for term in changed.concepts["EV-WSSD2"].terms("zh"):
        if term.status is Status.PREFERRED:
            term.status = Status.ADMITTED
    (finding,) = TermDeprecated().check(entry("zh", "The Second World Summit for Social Development.",
                                              "第二届世界社会发展峰会"), CheckContext(glossary=changed))
    assert finding.expected == ("第二届社会发展问题世界首脑会议", "第二届世界社会发展首脑会议")


@pytest.mark.parametrize("lang, source, target", [
    ("fr", "The members of the European Union met.",
     "Les États membres de l'Union européenne se sont réunis."),
    ("ru", "The co-chairs of the working group opened the meeting.",
     "Сопредседатели рабочей группы открыли заседание."),
], ids=["fr-members-of-another-organization", "ru-co-chairs"])
def test_deprecated_form_of_a_concept_absent_from_the_source_is_not_reported(glossary, lang,
                                                                               source, target):
    """"États membres" is right for the European Union, "сопредседатели" for co-chairs: a form
    deprecated for one concept is reported only where the source names that concept."""
    e = entry(lang, source, target)
    assert TermDeprecated().check(e, CheckContext(glossary=glossary)) == []


@pytest.mark.parametrize("lang, source, target, concept", [
    ("fr", "The Member States met.", "Les États membres se sont réunis.", "BODY-MS"),
    ("ru", "The co-facilitators of the intergovernmental negotiations reported.",
     "Сопредседатели межправительственных переговоров представили доклад.", "TI-COFAC"),
], ids=["fr-member-states", "ru-co-facilitators"])
def test_deprecated_form_where_the_source_names_its_concept_is_an_error(glossary, lang, source,
                                                                         target, concept):
    e = entry(lang, source, target)
    findings = TermDeprecated().check(e, CheckContext(glossary=glossary))
    assert [(f.concept, f.severity) for f in findings] == [(concept, Severity.ERROR)]


@pytest.mark.parametrize("lang, source_lang, source, target, suggestion", [
    ("fr", "en", "António Guterres spoke.", "António Guteres a pris la parole.", "António Guterres"),
    ("en", "fr", "Le cheikh Tamim bin Hamad Al-Thani a pris la parole.",
     "Sheikh Tamim bin Hamad Al Thanni spoke.", "Sheikh Tamim bin Hamad Al Thani"),
    ("zh", "en", "Sheikh Tamim bin Hamad Al Thani spoke.", "塔米姆·本·哈马德·阿尔萨尼发言。",
     "塔米姆·本·哈马德·阿勒萨尼"),
    ("ru", "en", "Omar Hilale spoke.", "Омар Хиляль выступил.", "Омар Хилаль"),
], ids=["guteres", "al-thanni-en-from-fr", "zh-al-thani", "ru-hilal"])
def test_near_miss_says_did_you_mean(glossary, lang, source_lang, source, target, suggestion):
    e = entry(lang, source, target, source_lang=source_lang)
    (finding,) = TermNearMiss().check(e, CheckContext(glossary=glossary))
    assert f'did you mean "{suggestion}"' in finding.message and finding.expected == (suggestion,)


def test_near_miss_hilal_in_english_when_the_glossary_does_not_list_it(glossary):
    changed = copy.deepcopy(glossary)
    section = changed.concepts["PER-HILALE"].languages["en"]
    section.terms = [t for t in section.terms if t.status is not Status.DEPRECATED]
    e = entry("en", "M. Omar Hilale a pris la parole.", "Mr. Omar Hilal spoke.", source_lang="fr")
    assert slugs(run_all(changed, e)) == ["term-near-miss"]
    assert slugs(run_all(glossary, e)) == ["term-deprecated"]  # listed as deprecated: say so


@pytest.mark.parametrize("target", ["La protection socialle est essentielle.", "Le projet est essentiel."],
                         ids=["phrase-typo", "absent"])
def test_near_miss_is_only_for_names(glossary, target):
    e = entry("fr", "Social protection is essential.", target)
    assert slugs(run_all(glossary, e)) == ["term-missing"]


@pytest.mark.parametrize("dot", list("•・･‧．"), ids=["U+2022", "U+30FB", "U+FF65", "U+2027", "U+FF0E"])
def test_lookalike_dots(glossary, dot):
    e = entry("zh", "António Guterres spoke.", f"安东尼奥{dot}古特雷斯发言。")
    (finding,) = TermLookalikeDot().check(e, CheckContext(glossary=glossary))
    assert finding.found == f"安东尼奥{dot}古特雷斯" and "U+00B7 MIDDLE DOT" in finding.message
    assert not list(TermMissing().check(e, CheckContext(glossary=glossary)))


def test_lookalike_dot_only_concerns_chinese():
    assert TermLookalikeDot.languages == ("zh",)
    assert not TermLookalikeDot().applies(entry("ru", "a", "b"))


def test_partial_title_names_what_was_found_and_the_whole_title(glossary):
    e = entry("en", "主管经济和社会事务副秘书长发言。", "The Secretary-General spoke.", source_lang="zh")
    (finding,) = TermPartial().check(e, CheckContext(glossary=glossary))
    assert finding.severity is Severity.WARNING and finding.concept == "TI-USG-DESA"
    assert finding.found == "Secretary-General"
    assert finding.expected == ("Under-Secretary-General for Economic and Social Affairs",)


def test_source_deprecated(glossary):
    e = entry("ru", "The Second World Summit on Social Development opens.",
              "Открывается Вторая Всемирная встреча на высшем уровне в интересах социального развития.")
    (finding,) = TermSourceDeprecated().check(e, CheckContext(glossary=glossary))
    assert finding.severity is Severity.WARNING
    assert finding.expected == ("Second World Summit for Social Development",)
    assert not list(TermMissing().check(e, CheckContext(glossary=glossary)))


# -- directions, exclusions, do-not-translate ---------------------------------------------------


@pytest.mark.parametrize("lang, source_lang, source, target, expected", [
    ("ru", "fr", "Les États Membres ont adopté la Déclaration politique de Doha.",
     "Государства-члены приняли Дохинскую политическую декларацию.", []),
    ("ru", "fr", "Les États Membres ont adopté la Déclaration politique de Doha.",
     "Государства-члены приняли декларацию.", ["term-missing"]),
    ("en", "zh", "会员国通过了《多哈政治宣言》。", "Member States adopted the Doha Political Declaration.", []),
    ("ar", "ru", "Государствам-членам предложено содействовать социальной защите.",
     "ودُعيت الدول الأعضاء إلى تعزيز الحماية الاجتماعية.", []),
    ("es", "ar", "ورحب الأمين العام للأمم المتحدة بالدول الأعضاء.",
     "El Secretario General de las Naciones Unidas dio la bienvenida a los Estados.", ["term-missing"]),
], ids=["fr-ru-ok", "fr-ru-missing", "zh-en-ok", "ru-ar-ok", "ar-es-missing"])
def test_any_direction(glossary, lang, source_lang, source, target, expected):
    assert slugs(run_all(glossary, entry(lang, source, target, source_lang=source_lang))) == expected


def test_same_language_is_not_checked(glossary):
    assert run_all(glossary, entry("en", "Civil society.", "Something else.")) == []


def test_no_glossary_no_findings():
    e = entry("zh", "Civil society took part.", "公民社会参加了会议。")
    context = CheckContext(glossary=None)
    assert [f for cls in ENTRY_CHECKS for f in cls().check(e, context)] == []


def test_check_as_target_false_turns_the_concept_off_in_that_language(glossary):
    changed = copy.deepcopy(glossary)
    changed.concepts["BODY-CIVSOC"].languages["zh"].check_as_target = False
    e = entry("zh", "Civil society took part.", "公民社会参加了会议。")
    assert slugs(run_all(glossary, e)) == ["term-deprecated"]
    assert run_all(changed, e) == []


def test_check_as_source_false_does_not_require_the_concept(glossary):
    changed = copy.deepcopy(glossary)
    changed.concepts["BODY-CIVSOC"].languages["en"].check_as_source = False
    e = entry("fr", "Civil society took part.", "Les ONG ont participé.")
    assert slugs(run_all(glossary, e)) == ["term-missing"]
    assert run_all(changed, e) == []


def test_do_not_translate_term_must_reappear_verbatim(glossary):
    changed = copy.deepcopy(glossary)
    for term in changed.concepts["EV-WSSD2"].terms("en"):
        term.do_not_translate = term.text == "WSSD2"
    context = CheckContext(glossary=changed)
    (finding,) = TermMissing().check(entry("fr", "WSSD2 opens.", "Le Sommet s'ouvre."), context)
    assert finding.expected == ("WSSD2",)
    assert not list(TermMissing().check(entry("fr", "WSSD2 opens.", "Le WSSD2 s'ouvre."), context))


def test_plural_forms_are_each_checked(glossary):
    e = Entry("x.po", 3, "fr", "en", "one Member State", "", msgid_plural="{n} Member States",
              msgstr_plural=("un État", "{n} États Membres"))
    context = CheckContext(glossary=glossary)
    assert [f.concept for f in TermMissing().check(e, context)] == ["BODY-MS"]


# -- names alike across files --------------------------------------------------------------------


def _consistency(glossary, rows):
    entries = [Entry(file, n + 1, lang, "en", "x", text) for n, (file, lang, text) in enumerate(rows)]
    return list(TermNameConsistency().check_all(entries, CheckContext(glossary=glossary)))


@pytest.mark.parametrize("rows, odd", [
    ([("a.po", "zh", "索菲·德斯梅特发言。"), ("b.po", "zh", "感谢索菲·德斯梅特。"),
      ("c.po", "zh", "索菲·德·斯梅特女士阁下")], ["索菲·德·斯梅特"]),
    ([("a.po", "ru", "Шейх Тамим бин Хамад Аль Тани выступил."),
      ("b.po", "ru", "Мы благодарим шейха Тамима бин Хамада Аль Тани."),
      ("c.po", "ru", "Речь шейха Тамима бин Хамада Аль-Тани.")], ["шейха Тамима бин Хамада Аль-Тани"]),
    ([("a.po", "ru", "шейх Тамим бин Хамад Аль Тани"), ("b.po", "ru", "шейх Тамим бин Хамад Аль Тани"),
      ("c.po", "ru", "шейх Тамим бен Хамад Аль Тани")], ["шейх Тамим бен Хамад Аль Тани"]),
    ([("a.po", "ru", "Шейх Тамим бин Хамад Аль Тани"), ("b.po", "ru", "шейху Тамиму бин Хамаду Аль Тани"),
      ("c.po", "ru", "о шейхе Тамиме бин Хамаде Аль Тани")], []),
    ([("a.po", "zh", "索菲·德斯梅特发言。"), ("b.po", "ru", "Софи Де Смедт выступила.")], []),
], ids=["zh-extra-dot", "ru-hyphen", "ru-bin-ben", "ru-inflection-only", "two-languages"])
def test_name_consistency(glossary, rows, odd):
    findings = _consistency(glossary, rows)
    assert [f.found for f in findings] == odd
    assert all(f.severity is Severity.WARNING and f.file == "c.po" for f in findings)


# -- the real UN page ------------------------------------------------------------------------------


SEED_CASES = [
    ("Second World Summit for Social Development Leadership", "第二届世界社会发展峰会领导层",
     ["term-deprecated"]),
    ("Welcome address by His Highness Sheikh Tamim bin Hamad Al Thani, Amir of the State of Qatar",
     "卡塔尔国埃米尔塔米姆·本·哈马德·阿勒萨尼殿下致欢迎辞", []),
    ("Sheikh Tamim bin Hamad Al Thani", "塔米姆·本·哈马德·阿尔萨尼", ["term-near-miss"]),
]


@pytest.mark.parametrize("source, target, expected", SEED_CASES,
                         ids=["fenghui", "al-thani-right", "al-thani-wrong"])
def test_seed_page(source, target, expected):
    seed = SHARED / "seeds" / "000_240261aace3e4176.txt"
    csv_path = SHARED / "reference" / "terminology.csv"
    if not seed.is_file() or not csv_path.is_file():
        pytest.skip("../shared (seed page and terminology.csv) is not beside the checkout")
    text = seed.read_text("utf-8")
    assert expected == ["term-near-miss"] or target in text  # the real page's own wording
    assert slugs(run_all(load_glossary(csv_path), entry("zh", source, target))) == expected


def test_terms_inside_translate_no_markup_and_urls_are_not_required(glossary_context=None):
    """'UN' in <small translate="no">UN Photo</small> or in a URL is not text to translate."""
    from l10n.checks.terminology import TERMINOLOGY_CHECKS
    from l10n.checks.base import CheckContext, Entry
    from l10n.glossary.model import Concept, Glossary, Term

    glossary = Glossary()
    concept = glossary.add(Concept("BODY-UN", "body"))
    concept.section("en").terms.append(Term("UN", case_sensitive=True))
    concept.section("fr").terms.append(Term("ONU", case_sensitive=True))
    context = CheckContext(glossary=glossary)
    source = ('The Summit opened in Doha. <small translate="no">UN Photo</small> '
              '<a href="https://www.un.org/UN">More</a>')
    target = ('Le Sommet s’est ouvert à Doha. <small translate="no">UN Photo</small> '
              '<a href="https://www.un.org/UN">Plus</a>')
    entry = Entry(file="x.po", line=1, lang="fr", source_lang="en", msgid=source, msgstr=target)
    found = [f for check in TERMINOLOGY_CHECKS for f in check().check(entry, context)]
    assert found == []
    plain = Entry(file="x.po", line=1, lang="fr", source_lang="en",
                  msgid="The UN met in Doha.", msgstr="Le Sommet s’est réuni à Doha.")
    assert [f.check for c in TERMINOLOGY_CHECKS for f in c().check(plain, context)] == ["term-missing"]


# -- letter case tells concepts apart (issue 14, terms class 2) ---------------------------------

@pytest.mark.parametrize("lang, target", [
    ("fr", "Les États membres de la Commission du bassin du lac Tchad se sont réunis."),
    ("zh", "乍得湖流域委员会成员国举行了会议。"),
    ("es", "Los Estados miembros de la Comisión se reunieron."),
])
def test_lower_case_member_states_of_another_organization_is_not_the_un_concept(glossary, lang,
                                                                                 target):
    """"member States" (of another organization) is not "Member States" (of the UN): the
    glossary's fr terms differ only in case and one is deprecated, so case separates the
    concept, in the English source too; nothing is missing and nothing deprecated."""
    e = entry(lang, "The member States of the Lake Chad Basin Commission met.", target)
    assert run_all(glossary, e) == []


@pytest.mark.parametrize("lang, target, expected", [
    ("fr", "Les États Membres se sont réunis.", []),
    ("fr", "Les États membres se sont réunis.", ["term-deprecated"]),
    ("es", "Los Estados miembros se reunieron.", ["term-near-miss"]),  # did you mean ...
    ("ru", "Государства-члены провели заседание.", []),  # a sentence's first word capitalised
])
def test_capital_member_states_is_the_un_concept(glossary, lang, target, expected):
    assert slugs(run_all(glossary, entry(lang, "The Member States met.", target))) == expected


def test_a_term_marked_case_sensitive_is_matched_with_its_case_in_the_source():
    from l10n.glossary.model import Concept, Term

    marked = Glossary()
    concept = marked.add(Concept("BODY-MS", domain="body"))
    concept.section("en").terms.append(Term("Member States", case_sensitive=True))
    concept.section("es").terms.append(Term("Estados Miembros"))
    assert run_all(marked, entry("es", "The member States of the Commission met.",
                                 "Los Estados de la Comisión se reunieron.")) == []
    assert slugs(run_all(marked, entry("es", "The Member States met.",
                                       "Los Estados se reunieron."))) == ["term-missing"]


# -- a title word that is no title (issue 14, terms class 6) ------------------------------------

@pytest.mark.parametrize("lang, source, target", [
    ("fr", "I received a letter from Hassan Sheikh Mohamud, President of Somalia.",
     "J'ai reçu une lettre de Hassan Sheikh Mohamud, Président de la Somalie."),
    ("ar", "I received a letter from Hassan Sheikh Mohamud, President of Somalia.",
     "تلقيت رسالة من حسن شيخ محمود، رئيس الصومال."),
    ("fr", "She was named a goodwill ambassador for the campaign.",
     "Elle a été nommée ambassadrice de bonne volonté de la campagne."),
    ("ar", "She was named a goodwill ambassador for the campaign.",
     "عُيّنت سفيرة للنوايا الحسنة للحملة."),
], ids=["name-fr", "name-ar", "common-noun-fr", "common-noun-ar"])
def test_title_word_inside_a_name_or_as_a_common_noun_is_no_title(glossary, lang, source, target):
    assert run_all(glossary, entry(lang, source, target)) == []


@pytest.mark.parametrize("lang, source, target, expected", [
    ("fr", "Sheikh Tamim bin Hamad Al Thani spoke.",
     "Le Sheikh Tamim bin Hamad Al Thani a pris la parole.", "term-deprecated"),
    ("fr", "His Highness Sheikh Tamim spoke.", "Son Altesse Sheikh Tamim a pris la parole.",
     "term-deprecated"),
    ("ar", "The Ambassador spoke.", "تكلم الممثل.", "term-missing"),
], ids=["title-before-name", "title-after-a-title", "capitalised-title"])
def test_a_title_is_still_a_title(glossary, lang, source, target, expected):
    assert expected in slugs(run_all(glossary, entry(lang, source, target)))


def test_a_letter_that_case_folds_longer_does_not_shift_a_name(glossary):
    """"İ" case-folds to two characters: a name after it is still placed where it stands
    (it used to be looked up past the end of the text, and the check crashed)."""
    from l10n.checks.terminology import find_unseparated

    text = "M. İlham Aliyev et Tamim ben Hamad Al-Thani"
    assert [text[a:b] for a, b in find_unseparated(text, "Tamim ben Hamad Al Thani", "fr")] \
        == ["Tamim ben Hamad Al-Thani"]
    rows = [("a.po", "fr", "Tamim ben Hamad Al Thani a parlé."),
            ("b.po", "fr", "Tamim ben Hamad Al Thani a remercié."),
            ("c.po", "fr", "M. İlham Aliyev et Tamim ben Hamad Al-Thani")]
    assert [f.found for f in _consistency(glossary, rows)] == ["Tamim ben Hamad Al-Thani"]


def test_a_deprecated_term_of_a_concept_without_a_source_term_is_reported_anywhere():
    """A concept the glossary names in the target language only cannot be told in the source:
    its deprecated form is reported even in a translation whose source names no concept (the
    analysis skips the translation's terms only when no such concept exists)."""
    from l10n.glossary.model import Concept, Term

    glossary = Glossary()
    concept = glossary.add(Concept("X-FR-ONLY", domain="body"))
    concept.section("fr").terms.extend([Term("Secrétariat général"),
                                        Term("secrétariat-général", status=Status.DEPRECATED)])
    other = glossary.add(Concept("X-BOTH", domain="body"))
    other.section("en").terms.append(Term("Member States"))
    other.section("fr").terms.extend([Term("États Membres"),
                                      Term("États membres", status=Status.DEPRECATED)])
    context = CheckContext(glossary=glossary)
    e = entry("fr", "The office met.", "Le secrétariat-général s'est réuni; les États membres aussi.")
    assert [f.concept for f in TermDeprecated().check(e, context)] == ["X-FR-ONLY"]


def test_a_translation_whose_source_names_no_concept_is_not_searched(glossary, monkeypatch):
    """Where the source names no concept and every deprecated target term belongs to a concept
    with a source term, nothing in the translation could be reported: it is not searched."""
    from l10n.glossary.matcher.index import TermIndex

    searched = []
    matches = TermIndex.matches

    def counting(self, text):
        searched.append((self.lang, text))
        return matches(self, text)

    monkeypatch.setattr(TermIndex, "matches", counting)
    context = CheckContext(glossary=glossary)
    for e in (entry("fr", "The office met.", "Les États membres se sont réunis."),
              entry("fr", "The Member States met.", "Les États membres se sont réunis.")):
        for cls in ENTRY_CHECKS:
            list(cls().check(e, context))
    assert [text for lang, text in searched if lang == "fr"] == \
        ["Les États membres se sont réunis."]  # the second entry's, once


def _permanent_representative() -> Glossary:
    from l10n.glossary.model import Concept, Term

    glossary = Glossary()
    concept = glossary.add(Concept("TI-PR", domain="title"))
    for lang, text in [("en", "Permanent Representative of [country] to the United Nations"),
                       ("ar", "الممثل الدائم لـ[بلد] لدى الأمم المتحدة"),
                       ("fr", "Représentant permanent de [pays] auprès de l'Organisation des "
                              "Nations Unies"),
                       ("zh", "[国家]常驻联合国代表")]:
        concept.section(lang).terms.append(Term(text))
    return glossary


@pytest.mark.parametrize("lang, target", [
    # UN Arabic writes Chile "شيلي" where CLDR has "تشيلي"; the title around it is right.
    ("ar", "رسالة من الممثل الدائم لشيلي لدى الأمم المتحدة"),
    ("ar", "رسالة من الممثل الدائم لجمهورية شيلي لدى الأمم المتحدة"),
    ("fr", "lettre du Représentant permanent du Chili-Nouveau auprès de l'Organisation des "
           "Nations Unies"),
    ("zh", "智利共和国常驻联合国代表的信"),
])
def test_a_slot_filled_with_a_name_the_fillers_lack_is_no_missing_title(lang, target):
    e = entry(lang, "a letter from the Permanent Representative of Chile to the United Nations",
              target)
    context = CheckContext(glossary=_permanent_representative())
    assert [f.check for f in TermMissing().check(e, context)] == []


@pytest.mark.parametrize("lang, target", [
    ("ar", "رسالة من السفير لشيلي لدى الأمم المتحدة"),  # another title
    ("ar", "رسالة من الممثل الدائم لشيلي"),  # the title cut short
    ("ar", "رسالة من الممثل الدائم لبعثة جمهورية شيلي الدائمة الجديدة لدى الأمم المتحدة"),
    ("fr", "lettre du Représentant permanent auprès de l'Organisation des Nations Unies"),
])
def test_a_title_around_the_slot_that_is_not_the_glossary_s_is_still_missing(lang, target):
    e = entry(lang, "a letter from the Permanent Representative of Chile to the United Nations",
              target)
    context = CheckContext(glossary=_permanent_representative())
    assert [f.check for f in TermMissing().check(e, context)] == ["term-missing"]


def test_a_glossary_name_in_the_slot_is_still_judged_when_the_title_is_found_by_its_frame():
    from l10n.glossary.model import Concept, Term

    glossary = _permanent_representative()
    qatar = glossary.add(Concept("PL-QATAR", domain="place"))
    for lang, text in [("en", "Qatar"), ("fr", "Qatar"), ("ar", "قطر")]:
        qatar.section(lang).terms.append(Term(text))
    context = CheckContext(glossary=glossary)
    source = "a letter from the Permanent Representative of Qatar to the United Nations"
    right = entry("fr", source, "une lettre du Représentant permanent du Qatar auprès de "
                                "l'Organisation des Nations Unies")
    wrong = entry("fr", source, "une lettre du Représentant permanent des entités auprès de "
                                "l'Organisation des Nations Unies")
    assert TermMissing().check(right, context) == []
    assert [f.concept for f in TermMissing().check(wrong, context)] == ["PL-QATAR"]
