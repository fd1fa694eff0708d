"""TermIndex core behaviour: nesting, containment, overlaps, case, boundaries, offsets, roles, cache."""

from __future__ import annotations

import pytest

from l10n.errors import ConfigError
from l10n.glossary.matcher.index import Match, TermIndex, term_variants
from l10n.glossary.model import Concept, Glossary, Status, Term, TermType
from l10n.glossary.matcher.normalise import load_rules


def make_glossary(lang: str, concepts: dict[str, list]) -> Glossary:
    """concepts: id -> terms, each a text or a Term."""
    glossary = Glossary()
    for concept_id, terms in concepts.items():
        concept = glossary.add(Concept(concept_id))
        section = concept.section(lang)
        section.terms.extend(t if isinstance(t, Term) else Term(t) for t in terms)
    return glossary


EN = make_glossary("en", {
    "SG": ["Secretary-General"],
    "USG": ["Under-Secretary-General for Economic and Social Affairs"],
    "DESA-NAME": ["Department of Economic and Social Affairs"],
    "ECOSOC-AFFAIRS": ["Economic and Social Affairs"],
    "DESA": [Term("DESA", type=TermType.ACRONYM)],
    "MS": [Term("Member States", case_sensitive=True)],
    "DOHA": ["Doha"],
    "SOCDEV": ["social development"],
    "DEVGOALS": ["development goals"],
    "WSSD1995": ["World Summit for Social Development"],
    "WSSD2": ["Second World Summit for Social Development"],
    "HE": ["His Excellency / Her Excellency (H.E.)"],
})


def top(index: TermIndex, text: str) -> list[tuple[str, str]]:
    return [(m.concept_id, m.text) for m in index.find(text)]


def walk(matches) -> list[Match]:
    out = []
    for m in matches:
        out.append(m)
        out.extend(walk(m.contained))
    return out


@pytest.fixture(scope="module")
def en() -> TermIndex:
    return TermIndex(EN, "en")


NESTING = [
    ("usg-contains-sg-and-affairs",
     "the Under-Secretary-General for Economic and Social Affairs spoke",
     ("USG", "Under-Secretary-General for Economic and Social Affairs"),
     {"SG", "ECOSOC-AFFAIRS"}),
    ("desa-contains-affairs",
     "the Department of Economic and Social Affairs (DESA)",
     ("DESA-NAME", "Department of Economic and Social Affairs"), {"ECOSOC-AFFAIRS"}),
    ("summit-contains-1995-summit",
     "the Second World Summit for Social Development in Doha",
     ("WSSD2", "Second World Summit for Social Development"), {"WSSD1995", "SOCDEV"}),
]


@pytest.mark.parametrize("text,outer,inner", [c[1:] for c in NESTING], ids=[c[0] for c in NESTING])
def test_longest_match_wins_and_reports_what_it_contains(en, text, outer, inner):
    matches = en.find(text)
    assert (matches[0].concept_id, matches[0].text) == outer
    assert {m.concept_id for m in walk(matches[0].contained)} >= inner
    assert not {m.concept_id for m in matches[1:]} & inner  # never a separate hit
    assert en.concepts_in(text) >= inner | {outer[0]}


def test_contained_matches_are_inside_and_nested_recursively(en):
    [usg] = en.find("Under-Secretary-General for Economic and Social Affairs")
    inner = {m.concept_id: m for m in usg.contained}
    assert set(inner) == {"SG", "ECOSOC-AFFAIRS"}
    assert inner["SG"].text == "Secretary-General"
    assert all(usg.start <= m.start and m.end <= usg.end for m in usg.contained)


HYPHENS = [
    ("compound-alone-is-no-hit", "the Under-Secretary-General said", []),
    ("bare-title-matches", "the Secretary-General said", [("SG", "Secretary-General")]),
    ("possessive-matches", "the Secretary-General's report", [("SG", "Secretary-General's")]),
    ("deputy-compound", "the Deputy-Secretary-General said", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in HYPHENS], ids=[c[0] for c in HYPHENS])
def test_a_term_never_matches_part_of_a_hyphenated_compound(en, text, expected):
    assert top(en, text) == expected


def test_overlapping_candidates_resolve_leftmost_longest(en):
    # "social development" and "development goals" overlap; the leftmost wins, the other is dropped.
    matches = en.find("social development goals")
    assert [(m.concept_id, m.text) for m in matches] == [("SOCDEV", "social development")]
    assert matches[0].contained == ()


CASES = [
    ("acronym-exact", "DESA and partners", [("DESA", "DESA")]),
    ("acronym-lowercase-is-not", "the desa file", []),
    ("acronym-titlecase-is-not", "Desa", []),
    ("case-sensitive-flag", "member states", []),
    ("case-sensitive-flag-exact", "Member States", [("MS", "Member States")]),
    ("default-insensitive", "DOHA and doha", [("DOHA", "DOHA"), ("DOHA", "doha")]),
    ("abbreviation-with-full-stops", "H.E. Mr. Hilale", [("HE", "H.E.")]),
    ("abbreviation-lowercase-is-not", "h.e. mr. hilale", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case_rules(en, text, expected):
    assert top(en, text) == expected


BOUNDARIES = [
    ("longer-word", "Dohaville", []),
    ("prefix-word", "preDoha", []),
    ("punctuation", "(Doha)", [("DOHA", "Doha")]),
    ("sentence-end", "in Doha.", [("DOHA", "Doha")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in BOUNDARIES], ids=[c[0] for c in BOUNDARIES])
def test_word_boundaries(en, text, expected):
    assert top(en, text) == expected


HOW = [
    ("exact", "Doha", "exact"),
    ("case", "doha", "normalised"),
    ("plural", "Secretary-Generals", "inflected"),
    ("alternative-form", "Her Excellency", "exact"),
]


@pytest.mark.parametrize("text,how", [c[1:] for c in HOW], ids=[c[0] for c in HOW])
def test_how_explains_the_match(en, text, how):
    [match] = en.find(text)
    assert match.how == how


OFFSET_TEXTS = [
    "H.E. the Under-Secretary-General for Economic and Social Affairs, in Doha (DESA).",
    "  Doha\u00a0— doha;\tthe Second World Summit for Social Development  ",
    "Secretary-General's and Member States' report",
]


@pytest.mark.parametrize("text", OFFSET_TEXTS, ids=["titles", "spaces", "possessives"])
def test_offsets_always_point_at_the_surface_form(en, text):
    matches = walk(en.find(text))
    assert matches
    for m in matches:
        assert text[m.start:m.end] == m.text
        assert m.lang == "en"
    starts = [m.start for m in en.find(text)]
    assert starts == sorted(starts)


def test_same_span_in_two_concepts_gives_one_hit_and_one_contained():
    glossary = make_glossary("en", {"A-DECL": ["Doha Declaration"], "B-DECL": ["Doha Declaration"]})
    [match] = TermIndex(glossary, "en").find("the Doha Declaration")
    assert match.concept_id == "A-DECL"
    assert [m.concept_id for m in match.contained] == ["B-DECL"]


def test_exact_form_beats_other_terms_of_the_same_concept():
    glossary = make_glossary("en", {"X": [Term("António Guterres"),
                                          Term("Antonio Guterres", status=Status.DEPRECATED)]})
    index = TermIndex(glossary, "en")
    [plain] = index.find("Antonio Guterres")
    assert (plain.term.status, plain.how) == (Status.DEPRECATED, "exact")
    [accented] = index.find("ANTÓNIO GUTERRES")
    assert (accented.term.status, accented.how) == (Status.PREFERRED, "normalised")


ROLES = [("source", {"B"}), ("target", {"A"}), ("any", {"A", "B"})]


@pytest.mark.parametrize("role,expected", ROLES, ids=[r[0] for r in ROLES])
def test_role_leaves_out_excluded_concepts(role, expected):
    glossary = make_glossary("en", {"A": ["Geneva"], "B": ["Beijing"]})
    glossary.concepts["A"].languages["en"].check_as_source = False
    glossary.concepts["B"].languages["en"].check_as_target = False
    assert TermIndex(glossary, "en", role=role).concepts_in("Geneva and Beijing") == expected


def test_unknown_role_is_a_config_error():
    with pytest.raises(ConfigError):
        TermIndex(EN, "en", role="both")


def test_other_languages_and_empty_inputs_give_nothing(en):
    assert en.find("") == []
    assert TermIndex(EN, "fr").find("Doha") == []
    assert TermIndex(Glossary(), "en").concepts_in("Doha") == set()


VARIANTS = [
    ("slash-and-abbreviation", "en", "His Excellency / Her Excellency (H.E.)",
     ["His Excellency", "Her Excellency", "H.E."]),
    ("bracketed-article", "fr", "Qatar (le)", ["Qatar"]),
    ("two-abbreviations", "es", "Excelentísimo Señor / Excelentísima Señora (Excmo. Sr. / Excma. Sra.)",
     ["Excelentísimo Señor", "Excelentísima Señora", "Excmo. Sr.", "Excma. Sra."]),
    ("gender-markers", "fr", "Représentant(e) permanent(e)",
     ["Représentant permanent", "Représentante permanente"]),
]


@pytest.mark.parametrize("lang,text,expected", [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_term_variants(lang, text, expected):
    assert term_variants(text, load_rules(lang)) == expected


def test_results_are_deterministic(en):
    text = OFFSET_TEXTS[0]
    assert en.find(text) == en.find(text) == TermIndex(EN, "en").find(text)


def test_bad_language_code_is_a_config_error():
    with pytest.raises(ConfigError):
        TermIndex(EN, "../etc")




def _template_glossary():
    from l10n.glossary.model import Concept, Glossary, Term

    glossary = Glossary()
    pr = glossary.add(Concept("TI-PR", "title"))
    pr.section("en").terms.append(Term("Permanent Representative of [country] to the United Nations"))
    pr.section("zh").terms.append(Term("[国家]常驻联合国代表"))
    pr.section("ru").terms.append(Term("Постоянный представитель [страны] при Организации Объединенных Наций"))
    for cid, en, zh, ru in [("PL-BELGIUM", "Belgium", "比利时", "Бельгия"),
                            ("BODY-QATAR", "the State of Qatar", "卡塔尔国", "Государство Катар")]:
        concept = glossary.add(Concept(cid, "place" if cid.startswith("PL") else "body"))
        concept.section("en").terms.append(Term(en))
        concept.section("zh").terms.append(Term(zh))
        concept.section("ru").terms.append(Term(ru))
    return glossary


@pytest.mark.parametrize("lang,text,found", [
    ("en", "She is Permanent Representative of Belgium to the United Nations.",
     "Permanent Representative of Belgium to the United Nations"),
    ("en", "the Permanent Representative of the State of Qatar to the United Nations",
     "Permanent Representative of the State of Qatar to the United Nations"),
    ("zh", "比利时常驻联合国代表索菲·德斯梅特大使", "比利时常驻联合国代表"),
    ("zh", "卡塔尔国常驻联合国代表", "卡塔尔国常驻联合国代表"),
    ("ru", "назначена Постоянным представителем Бельгии при Организации Объединенных Наций",
     "Постоянным представителем Бельгии при Организации Объединенных Наций"),
], ids=["en-place", "en-body", "zh-place", "zh-body", "ru-inflected"])
def test_a_slot_in_a_term_is_filled_by_the_glossarys_places_and_bodies(lang, text, found):
    matches = TermIndex(_template_glossary(), lang).find(text)
    assert [(m.concept_id, m.text) for m in matches if m.concept_id == "TI-PR"] == [("TI-PR", found)]


@pytest.mark.parametrize("lang,text,found", [
    ("zh", "法国常驻联合国代表在会上发言。", "法国常驻联合国代表"),
    ("en", "The Permanent Representative of Brazil to the United Nations spoke.",
     "Permanent Representative of Brazil to the United Nations"),
    ("ru", "Постоянный представитель Франции при Организации Объединенных Наций выступил.",
     "Постоянный представитель Франции при Организации Объединенных Наций"),
    ("fr", "Le Représentant permanent de la France auprès de l'Organisation des Nations Unies",
     "Représentant permanent de la France auprès de l'Organisation des Nations Unies"),
    ("fr", "La Représentante permanente de l'Inde auprès de l'Organisation des Nations Unies",
     "Représentante permanente de l'Inde auprès de l'Organisation des Nations Unies"),
    ("fr", "le Représentant permanent du Brésil auprès de l'Organisation des Nations Unies",
     "Représentant permanent du Brésil auprès de l'Organisation des Nations Unies"),
    ("es", "el Representante Permanente de Francia ante las Naciones Unidas",
     "Representante Permanente de Francia ante las Naciones Unidas"),
    ("ar", "الممثل الدائم لفرنسا لدى الأمم المتحدة", "الممثل الدائم لفرنسا لدى الأمم المتحدة"),
    ("ar", "الممثل الدائم للهند لدى الأمم المتحدة", "الممثل الدائم للهند لدى الأمم المتحدة"),
], ids=["zh", "en", "ru-genitive", "fr-article", "fr-elided-article", "fr-contraction", "es",
        "ar-clitic", "ar-clitic-joins-article"])
def test_a_slot_is_filled_by_every_country_cldr_names(lang, text, found):
    """Countries the glossary does not list still fill a [country] slot, by their CLDR names in
    the six languages (with the articles French and Spanish put before them)."""
    from l10n.glossary.model import Concept, Glossary, Term

    glossary = Glossary()
    pr = glossary.add(Concept("TI-PR", "title"))
    for code, text_ in [("en", "Permanent Representative of [country] to the United Nations"),
                        ("zh", "[国家]常驻联合国代表"),
                        ("ru", "Постоянный представитель [страны] при Организации Объединенных Наций"),
                        ("fr", "Représentant(e) permanent(e) de [pays] auprès de l'Organisation des Nations Unies"),
                        ("es", "Representante Permanente de [país] ante las Naciones Unidas"),
                        ("ar", "الممثل الدائم لـ[بلد] لدى الأمم المتحدة")]:
        pr.section(code).terms.append(Term(text_))
    matches = TermIndex(glossary, lang).find(text)
    assert [(m.concept_id, m.text) for m in matches if m.concept_id == "TI-PR"] == [("TI-PR", found)]


def test_a_slot_is_not_filled_by_just_anything():
    matches = TermIndex(_template_glossary(), "en").find(
        "Permanent Representative of Atlantis to the United Nations")
    assert "TI-PR" not in {m.concept_id for m in matches}


# -- abbreviations are forms of their concept inside longer terms (issue 14, terms class 5) -----

SHORT_NAMES = {
    "fr": {"BODY-UN": ["Organisation des Nations Unies", Term("ONU", type=TermType.ABBREVIATION)],
           "TI-SG": ["Secrétaire général de l'Organisation des Nations Unies"],
           "TI-HE": ["Son Excellence (S. E.)"]},
    "ru": {"BODY-UN": ["Организация Объединенных Наций", Term("ООН", type=TermType.ABBREVIATION)],
           "BODY-GA": ["Генеральная Ассамблея Организации Объединенных Наций"]},
    "es": {"BODY-UN": ["Naciones Unidas", Term("ONU", type=TermType.ABBREVIATION)],
           "TI-SG": ["Secretario General de las Naciones Unidas"]},
}


@pytest.mark.parametrize("lang,text,concept,surface", [
    ("fr", "le Secrétaire général de l'ONU a pris la parole", "TI-SG", "Secrétaire général de l'ONU"),
    ("fr", "S. E. M. Kelebone Maope", "TI-HE", "S. E."),
    ("ru", "резолюция Генеральной Ассамблеи ООН", "BODY-GA", "Генеральной Ассамблеи ООН"),
    ("es", "el Secretario General de la ONU", "TI-SG", "Secretario General de la ONU"),
])
def test_abbreviation_inside_a_longer_title(lang, text, concept, surface):
    glossary = Glossary()
    for concept_id, terms in SHORT_NAMES[lang].items():
        glossary.add(Concept(concept_id, domain="body")).section(lang).terms.extend(
            t if isinstance(t, Term) else Term(t) for t in terms)
    [match] = TermIndex(glossary, lang).find(text)
    assert (match.concept_id, match.text) == (concept, surface)
