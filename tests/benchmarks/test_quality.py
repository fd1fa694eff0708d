"""``python -m benchmarks.quality``: the corpus clean-up, the injected errors and the report.

The rules that undo the corpus's export artefacts and the injections are tested on sentences
written here; the whole evaluation runs on a small sample of ../shared's UN corpus (skipped
when ../shared is absent).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from support import SHARED, msgfmt_check

from benchmarks.quality import corpus
from benchmarks.quality.__main__ import main
from benchmarks.quality.corpus import NBSP, NNBSP, Pair
from benchmarks.quality.evaluate import Project, caught_figures
from benchmarks.quality.inject import KINDS, Terms, injected

GLOSSARY = SHARED / "reference" / "terminology.csv"
LANGS = ("fr", "zh")
LIMIT = 60


def _pair(target: str, source: str = "x", lang: str = "fr") -> Pair:
    return Pair(1, "a/69/1", lang, source, target)


def _kind(slug: str):
    return next(kind for kind in KINDS if kind.slug == slug)


# ------------------------------------------------------------------ undoing the artefacts


def test_french_guillemets_and_spaces_are_restored_as_french_typography_has_them() -> None:
    counts = Counter()
    text = corpus.restore("sur le thème << Paix >> : voir l'article 3; 12 500 personnes?",
                          "fr", counts)
    assert text == (f"sur le thème «{NBSP}Paix{NBSP}»{NBSP}: voir l'article 3{NNBSP}; "
                    f"12{NBSP}500 personnes{NNBSP}?")
    assert counts["lines with << >> written as « »"] == 1
    assert counts["no-break space put back before ':'"] == 1


def test_restoring_leaves_times_urls_and_russian_quotes_alone() -> None:
    counts = Counter()
    assert corpus.restore("à 10:30, voir http://un.org", "fr", counts) == \
        "à 10:30, voir http://un.org"
    assert corpus.restore("так называемой <<повестки>>", "ru", counts) == \
        "так называемой «повестки»"


def test_empty_footnote_references_are_dropped_and_counted() -> None:
    counts = Counter()
    assert corpus.restore("تتاح التقارير على الموقع الشبكي.()", "ar", counts) == \
        "تتاح التقارير على الموقع الشبكي."
    assert corpus.restore("ويسعى الدليل() إلى التنسيق", "ar", counts) == "ويسعى الدليل إلى التنسيق"
    assert sum(counts.values()) == 2
    # Only the Arabic export lost the numbers; elsewhere "()" is text ("f()").
    assert corpus.restore("the function f() of x", "fr", counts) == "the function f() of x"
    # Parentheses with something inside, or standing alone, are text.
    assert corpus.restore("الموقع الشبكي.(3) انظر ( )", "ar", Counter()) == \
        "الموقع الشبكي.(3) انظر ( )"


def test_straight_quotes_inside_guillemets_are_restored_as_inner_quotes() -> None:
    counts = Counter()
    assert corpus.restore('le mot <<"paix" et "justice">>', "fr", counts) == \
        f"le mot «{NBSP}“paix” et “justice”{NBSP}»"
    assert corpus.restore('организация <<"Север" на юге>>', "ru", counts) == \
        "организация «„Север“ на юге»"
    assert counts["straight quotes inside « » written as the language's inner quotes"] == 2


def test_documents_whose_export_flattened_guillemets_are_found_by_their_french() -> None:
    docs = ["a/1", "a/1", "b/2", "b/2", "c/3"]
    french = ['le mot "paix"', "rien", "le mot <<paix>>", 'et "guerre"', "sans guillemets"]
    assert corpus.flattened_documents(docs, french) == {"a/1"}


def test_straight_quotes_of_a_flattened_document_are_restored_as_guillemets() -> None:
    counts = Counter()
    assert corpus.restore('les mots "paix" et "justice".', "fr", counts, flattened=True) == \
        f"les mots «{NBSP}paix{NBSP}» et «{NBSP}justice{NBSP}»."
    assert corpus.restore('слово "мир"', "ru", counts, flattened=True) == "слово «мир»"
    assert corpus.restore('la palabra "paz"', "es", counts, flattened=True) == 'la palabra "paz"'
    assert corpus.restore('un "seul', "fr", counts, flattened=True) == 'un "seul'


def test_straight_quotes_outside_guillemets_are_left_for_the_check() -> None:
    counts = Counter()
    assert corpus.restore('le mot "paix"', "fr", counts) == 'le mot "paix"'
    assert corpus.restore('слово "мир" и <<"война>>', "ru", counts) == 'слово "мир" и «"война»'
    assert not counts["straight quotes inside « » written as the language's inner quotes"]


@pytest.mark.parametrize("source,target,restored", [
    ("under articles 1219 of the law", "en vertu des articles 12 à 19 de la loi",
     ("under articles 12\u201319 of the law", "en vertu des articles 12 à 19 de la loi")),
    ("for the period 2016-2019", "на период 20162019 годов",
     ("for the period 2016-2019", "на период 2016\u20132019 годов")),
    ("people aged 1824", "18至24岁的人", ("people aged 18\u201324", "18至24岁的人")),
])
def test_en_dashes_the_export_dropped_between_numbers_are_put_back(source, target,
                                                                   restored) -> None:
    counts = Counter()
    assert corpus.restore_dashes(source, target, counts) == restored
    assert counts["en dash put back between two numbers written as one"] == 1


@pytest.mark.parametrize("source,target", [
    ("in 2016 and 2019", "en 2016 et 2019"),  # nothing joined
    ("a total of 1219 staff", "un total de 1 219 fonctionnaires"),  # one number both sides
    ("Act 1219 of 2016", "loi 12 sur la base de 19 articles"),  # far apart: not one range
])
def test_numbers_the_export_did_not_join_are_left_alone(source, target) -> None:
    counts = Counter()
    assert corpus.restore_dashes(source, target, counts) == (source, target)
    assert not counts


@pytest.mark.parametrize("source,target,reason", [
    ("51. The Committee met.", "Le Comité s'est réuni.", "paragraph number"),
    ("The Committee met.", "51. Le Comité s'est réuni.", "paragraph number"),
    ("51. The Committee met.", "52. Le Comité s'est réuni.", "paragraph number"),
    ("The Committee met.", "", "empty line"),
    ("4.12 The Office will advise.", "Le Bureau donnera des avis.", "section paragraph number"),
    ("The Board agreed.", "9 Le Conseil en est convenu.", "footnote or item label"),
    ("The Board agreed.", "(9) وافق المجلس.", "footnote or item label"),
    ("Raising funds;", "'2` جمع الأموال؛", "footnote or item label"),
    ("Conference of the Parties to the", "Conférence des Parties à la Convention de Rotterdam "
     "sur la procédure de consentement préalable en connaissance de cause", "misaligned"),
])
def test_pairs_the_export_broke_are_skipped(source: str, target: str, reason: str) -> None:
    assert reason in corpus.skip_reason(source, target, 1.1)


@pytest.mark.parametrize("source,target", [
    ("51. The Committee met.", "51. Le Comité s'est réuni."),
    ("51. The Committee met.", "٥١ - اجتمعت اللجنة."),
    ("Outreach", "Vulgarisation et sensibilisation"),
    ("4.12 The Office will advise.", "4.12 Le Bureau donnera des avis."),
    ("9 March 2016", "2016年3月9日"),
    ("9 delegations agreed.", "9 délégations étaient d'accord."),
    ("3.5 per cent of staff", "3,5 % du personnel"),
])
def test_pairs_that_agree_are_kept(source: str, target: str) -> None:
    assert corpus.skip_reason(source, target, 1.1) is None


# ------------------------------------------------------------------ injected errors


def test_a_digit_is_changed_only_in_a_number_both_sides_share() -> None:
    pair = _pair("Le 29 janvier, 12 pays", source="On 29 January, twelve countries")
    for seed in range(20):
        text = _kind("digit").inject(pair, random.Random(seed), Terms(None))
        assert text.endswith("janvier, 12 pays") and text[3:5] != "29"
        assert sum(a != b for a, b in zip(text, pair.target)) == 1


def test_a_resolution_number_is_changed_not_its_year() -> None:
    pair = _pair("第2127(2013)号决议", source="resolution 2127 (2013)", lang="zh")
    text = _kind("symbol").inject(pair, random.Random(1), Terms(None))
    assert text.endswith("(2013)号决议") and "2127" not in text


def test_a_term_is_replaced_everywhere_by_its_deprecated_form(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("concept_id,domain,lang,term,status,note,source\n"
                        "MS,body,en,Member States,preferred,,\n"
                        "MS,body,fr,États Membres,preferred,,\n"
                        "MS,body,fr,États membres,deprecated,,\n", "utf-8")
    terms = Terms(glossary)
    pair = _pair("Les États Membres et les États Membres.",
                 source="Member States and Member States.")
    assert injected(pair, _kind("term"), terms) == "Les États membres et les États membres."
    other = _pair("Les États membres.", source="member States of the Union.")
    assert injected(other, _kind("term"), terms) is None  # another concept: not an injection site


@pytest.mark.parametrize("slug,lang,target,expected", [
    ("zh-comma", "zh", "首先，其次", "首先,其次"),
    ("fr-nbsp", "fr", f"Objectif{NBSP}: inclusion", "Objectif: inclusion"),
    ("quotes", "fr", f"le «{NBSP}Sommet{NBSP}» de Doha", 'le "Sommet" de Doha'),
    ("quotes", "ru", "так называемый «саммит»", 'так называемый "саммит"'),
])
def test_punctuation_errors(slug: str, lang: str, target: str, expected: str) -> None:
    assert injected(_pair(target, lang=lang), _kind(slug), Terms(None)) == expected


def test_injections_are_the_same_on_every_run_and_for_every_sample() -> None:
    """The choice depends on the pair, its language and the kind only (a fixed seed)."""
    text = "一，二，三，四，五，六，七，八"
    pair = Pair(7, "a/69/1", "zh", "x", text)
    made = {injected(pair, _kind("zh-comma"), Terms(None)) for _ in range(5)}
    assert len(made) == 1
    random.seed(1234)  # the global generator plays no part
    assert injected(pair, _kind("zh-comma"), Terms(None)) in made
    lines = {injected(Pair(n, "a/69/1", "zh", "x", text), _kind("zh-comma"), Terms(None))
             for n in range(20)}
    assert len(lines) > 1  # the corpus line enters the seed: not the same comma everywhere


def test_a_kind_is_not_injected_where_it_cannot_apply() -> None:
    assert injected(_pair("首先，其次", lang="zh"), _kind("fr-nbsp"), Terms(None)) is None
    assert injected(_pair("Pas de virgule", lang="fr"), _kind("zh-comma"), Terms(None)) is None
    assert injected(_pair("Le 3 mai", source="On 4 May"), _kind("digit"), Terms(None)) is None


def test_caught_means_a_new_finding_of_a_per_entry_check() -> None:
    clean = Project(Path("clean"), {("po/zh/d.po", f"s{i}"): ("zh", i, "") for i in range(4)})
    dirty = Project(Path("dirty"),
                    {("po/zh/zh-comma/d.po", f"s{i}"): ("zh", i, "zh-comma") for i in range(4)})

    def finding(check: str, message: str = "m") -> dict:
        return {"check": check, "message": message, "severity": "warning"}

    old = [finding("zh-ascii-punctuation", 'ASCII "("')]
    clean_found = {("po/zh/d.po", "s0"): old, ("po/zh/d.po", "s1"): old}
    dirty_found = {
        ("po/zh/zh-comma/d.po", "s0"): old,  # the same finding as before: not caught
        ("po/zh/zh-comma/d.po", "s1"): [finding("zh-ascii-punctuation", 'ASCII "(", ","')],
        ("po/zh/zh-comma/d.po", "s2"): [finding("inconsistent-translation")],  # project check
        ("po/zh/zh-comma/d.po", "s3"): [finding("end-punctuation")],  # caught, not fitting
    }
    figures = caught_figures(clean, clean_found, dirty, dirty_found, ("zh",))
    info = figures["zh-comma"]["langs"]["zh"]
    assert (info["injected"], info["caught"], info["caught_by_fitting_check"]) == (4, 2, 1)
    assert info["by_check"] == {"zh-ascii-punctuation": 1, "end-punctuation": 1}


# ------------------------------------------------------------------ the whole evaluation


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[dict, Path]:
    if not (corpus.corpus_dir(SHARED) / "un.en").is_file() or not GLOSSARY.is_file():
        pytest.skip("../shared (the UN corpus and the reference terminology) is not there")
    work = tmp_path_factory.mktemp("quality")
    out = work / "figures.json"
    code = main(["--shared", str(SHARED), "--langs", ",".join(LANGS), "--limit", str(LIMIT),
                 "--work", str(work / "scratch"), "--json", str(out),
                 "--markdown", str(work / "tables.md")])
    assert code == 0
    return json.loads(out.read_text("utf-8")), work / "scratch"


@pytest.mark.shared
def test_every_line_is_kept_or_skipped_with_a_reason(run) -> None:
    figures, _ = run
    assert figures["corpus"]["lines"] == LIMIT
    for lang in LANGS:
        info = figures["corpus"]["langs"][lang]
        assert info["pairs"] + sum(info["skipped"].values()) == LIMIT
        assert figures["flagged"][lang]["pairs"] == info["pairs"]
    assert figures["corpus"]["langs"]["fr"]["restored"]  # the sample has French to restore


@pytest.mark.shared
def test_the_catalogues_hold_restored_french_and_pass_msgfmt(run) -> None:
    _, scratch = run
    catalogues = sorted((scratch / "clean" / "po" / "fr").rglob("*.po"))
    assert catalogues
    text = "".join(path.read_text("utf-8") for path in catalogues)
    assert "<<" not in text and ">>" not in text
    assert f"«{NBSP}" in text and f"{NBSP}»" in text and f"{NBSP}:" in text
    for path in catalogues[:5]:
        msgfmt_check(path)


@pytest.mark.shared
def test_flagged_shares_are_counted_per_check(run) -> None:
    figures, _ = run
    for key in ("flagged", "pofilter", "pofilter_no_language"):
        for lang in LANGS:
            info = figures[key][lang]
            assert 0 <= info["flagged"] <= info["pairs"]
            assert info["share"] == pytest.approx(info["flagged"] / info["pairs"], abs=1e-4)
            by_check = [entry["pairs"] for entry in info["by_check"].values()]
            assert all(0 < n <= info["flagged"] for n in by_check)
            assert (sum(by_check) >= info["flagged"]) if info["flagged"] else not by_check
    for lang in LANGS:
        terms = figures["terms"][lang]
        assert 0 < terms["pairs"] <= figures["flagged"][lang]["pairs"]
        term_flags = sum(figures["flagged"][lang]["by_check"].get(c, {}).get("pairs", 0)
                         for c in ("term-missing", "term-deprecated", "term-near-miss",
                                   "term-partial"))
        assert terms["flagged"] <= min(terms["pairs"], term_flags)


@pytest.mark.shared
def test_every_applicable_pair_is_injected_and_counted(run) -> None:
    figures, _ = run
    loaded = corpus.load(SHARED, LANGS, LIMIT)
    terms = Terms(GLOSSARY)
    for kind in KINDS:
        for lang in LANGS:
            info = figures["injected"][kind.slug]["langs"][lang]
            expected = sum(injected(pair, kind, terms) is not None for pair in loaded.pairs[lang])
            assert info["injected"] == expected, (kind.slug, lang)
            assert info["applies"] == (lang in kind.langs)
            if not info["injected"]:
                assert info["share"] is None
                continue
            assert 0 <= info["caught_by_fitting_check"] <= info["caught"] <= info["injected"]
            assert 0 <= info["share"] <= 1
    for slug in ("digit", "untranslated", "fr-nbsp", "quotes"):
        assert figures["injected"][slug]["langs"]["fr"]["injected"] > 0, slug
    assert figures["injected"]["zh-comma"]["langs"]["zh"]["injected"] > 0


@pytest.mark.shared
def test_the_markdown_tables_have_a_row_per_check_and_kind(run) -> None:
    figures, scratch = run
    tables = (scratch.parent / "tables.md").read_text("utf-8")
    rows = {line.split(" | ")[0].strip("| *") for line in tables.splitlines()}
    assert set(figures["injected"]) <= rows
    assert {c for lang in LANGS for c in figures["flagged"][lang]["by_check"]} <= rows


@pytest.mark.shared
def test_the_checker_catches_what_it_is_built_for(run) -> None:
    """Not a target, a sanity line: an ASCII comma in Chinese and a changed digit are what
    the checks were written for; if these fall, the evaluation (or the checker) is broken."""
    figures, _ = run
    assert figures["injected"]["zh-comma"]["langs"]["zh"]["share"] > 0.9
    assert figures["injected"]["digit"]["langs"]["zh"]["share"] > 0.9
