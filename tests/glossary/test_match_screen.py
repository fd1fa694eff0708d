"""The matcher's screen and lazy units keep its behaviour exactly.

``TermIndex.find`` rules a text out from its words' keys alone, places only the units its hits
touch (``TextUnits``) and walks only from units where another analysis can matter. These tests
compare it with the straightforward way on the evaluation texts of every language: every unit
placed from ``tokenise``, walks from every unit that has other analyses, full resolution.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from l10n.checks.text import mask_markup
from l10n.glossary.matcher.index import SEP, TermIndex, in_text_order
from l10n.glossary.matcher.morph import Unit, TextUnits, _alts, analyse, token_plan
from l10n.glossary.matcher.normalise import is_acronym_like, load_rules, split_words, tokenise, words_of
from l10n.glossary.store import load_glossary

EVAL = Path(__file__).resolve().parents[1] / "checks" / "data" / "term_eval"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")
MARK = re.compile(r"\{([^{}|]+)\|[A-Z0-9-]+\}")


def eval_texts(lang: str) -> list[str]:
    """The evaluation pairs' texts in ``lang`` (English: every source), marks removed, plus
    each text with its first term dropped (so that partial and unmatched texts occur too)."""
    texts = []
    for name in ("ar", "es", "fr", "ru", "zh") if lang == "en" else (lang,):
        for line in (EVAL / f"{name}.tsv").read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                _, source, marked = line.split("\t")
                text = source if lang == "en" else MARK.sub(lambda m: m.group(1), marked)
                texts += [text, MARK.sub("", marked, count=1) if lang != "en" else text[20:]]
    return list(dict.fromkeys(texts))


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(EVAL / "glossary.csv")


def reference_units(text: str, lang: str, peel: bool = True) -> list[Unit]:
    """Units the plain way: every token placed in order, boundaries from ``tokenise``."""
    rules = load_rules(lang)
    tokens = tokenise(text, rules)
    units = []
    for n, token in enumerate(tokens):
        plan = token_plan(token.text, rules, peel)
        head = not (rules.word_boundaries and token.joined)
        tail = not (rules.word_boundaries and n + 1 < len(tokens) and tokens[n + 1].joined)
        for k, (cased, form, key, specs) in enumerate(plan):
            units.append(Unit(token.start, token.end, cased, form, key,
                              _alts(specs, token.start) if specs else (),
                              head if k == 0 else True, tail if k == len(plan) - 1 else False,
                              k == 0))
    return units


def text_units(text: str, lang: str) -> TextUnits:
    rules = load_rules(lang)
    parts = split_words(text, rules)
    return TextUnits(parts, rules, [token_plan(word, rules, True) for word in parts[1::2]])


TRICKY = [
    ("en", "Under-Secretary-General H.E. Mr. Guterres - social-development."),
    ("en", "the Member States' 2030 Agenda (SDGs) / DESA"),
    ("fr", "le développement du Qatar et des États Membres, l'Assemblée aux Nations"),
    ("es", "del Consejo al Estado de Qatar"),
    ("ar", "والدوحة للأمم المتحدة ثم بالدوحة"),
    ("ru", "шейха Тамима бин Хамада Аль-Тани"),
    ("zh", "第二届社会发展问题世界首脑会议在多哈开幕。ＳＤＧ·安东尼奥•古特雷斯"),
    ("en", ""),
    ("zh", "。"),
    ("en", "-Doha.-- Qatar -"),
    ("fr", "du"),
]


@pytest.mark.parametrize("lang,text", TRICKY, ids=[f"{lang}-{n}" for n, (lang, _) in enumerate(TRICKY)])
def test_placed_units_are_the_tokenised_ones(lang, text):
    lazy = text_units(text, lang)
    expected = reference_units(text, lang)
    # placed backwards, so that no unit profits from a scan made for an earlier one
    assert [lazy[u] for u in reversed(range(len(lazy)))] == expected[::-1]
    assert analyse(text, load_rules(lang)) == expected


@pytest.mark.parametrize("lang,text", TRICKY, ids=[f"{lang}-{n}" for n, (lang, _) in enumerate(TRICKY)])
def test_spans_and_plans_without_placing(lang, text):
    units = reference_units(text, lang)
    lazy = text_units(text, lang)
    for i in range(len(units)):
        assert lazy.planned(i)[:3] == (units[i].cased, units[i].form, units[i].key)
        assert lazy.first_of_word(i) == units[i].token_first
        for j in range(i + 1, len(units) + 1):
            assert lazy.span(i, j) == (units[i].start, units[j - 1].end,
                                       units[i].head and units[j - 1].tail)
    assert all(unit is None for unit in lazy._placed)  # nothing was placed


def reference_find(index: TermIndex, text: str) -> list:
    """``find`` without the screen: every hit of the automaton, then a walk from every unit
    that has another analysis (from every unit when one of them may stand anywhere)."""
    units = text_units(text, index.lang)
    if not len(units) or not len(index):
        return []
    keys = [units.planned(u)[2] for u in range(len(units))]
    keyed = SEP + "".join(key + SEP for key in keys)
    closes = {pos: n for n, pos in enumerate(m.start() for m in re.finditer(SEP, keyed))}
    hits = [(closes[end] - count, closes[end], None, ids)
            for end, (count, ids) in index._automaton.iter(keyed)]
    anywhere = any(a.anywhere for u in units for a in u.alts)
    for n in range(len(units)):
        if anywhere or units[n].alts:
            hits.extend(index._walk(units, n))
    cands = index._candidates(text, units, hits)
    cands.sort(key=in_text_order)
    everything = (cands, [c.i for c in cands])
    return index._resolve(text, cands, everything, top_only=True, exclude=frozenset())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ["source", "target"])
def test_screened_find_equals_the_full_search(glossary, lang, role):
    index = TermIndex(glossary, lang, role=role)
    texts = eval_texts(lang)
    found = 0
    for text in texts:
        masked = mask_markup(text)
        assert index.find(masked) == reference_find(index, masked), text
        found += bool(index.find(masked))
    assert found > len(texts) // 3  # the texts do name terms: the comparison is not vacuous


@pytest.mark.parametrize("lang", LANGS)
def test_the_word_path_gives_the_candidates_units_give(glossary, lang):
    """Texts whose words are one unit each and need no walk skip ``TextUnits``
    (``_word_candidates``): every candidate, span and verdict on case the same."""
    index = TermIndex(glossary, lang, role="target")
    taken = 0
    for text in eval_texts(lang) + [t for l, t in TRICKY if l == lang]:
        masked = mask_markup(text)
        index.find(masked)  # every word learnt
        parts = index._split(masked)
        words = parts[1::2]
        memo = index._words
        if not words or not memo.multi.isdisjoint(words) or not memo.alternating.isdisjoint(words):
            continue
        keyed = SEP + "".join(map(memo.__getitem__, words))
        closes = {pos: n for n, pos in enumerate(m.start() for m in re.finditer(SEP, keyed))}
        hits = [(closes[end] - count, closes[end], None, ids)
                for end, (count, ids) in index._automaton.iter(keyed)]
        units = TextUnits(parts, index._rules, [memo.plans[word] for word in words])
        assert index._word_candidates(masked, parts, words, hits, memo.plans) == \
            index._candidates(masked, units, hits, dedupe=False), text
        taken += bool(hits)
    assert taken >= 5  # the word path did run on texts with hits


HOMOGRAPHS = [
    # стали: стать (to become) first, сталь (steel) second: the term needs the second reading
    ("later-word", {"STEEL": ["черная сталь"]}, "производство черной стали", "черной стали"),
    ("first-word", {"STEEL": ["сталь"]}, "запасы стали", "стали"),
    ("nothing-to-walk", {"STEEL": ["черная сталь"]}, "они стали черными", None),
]


@pytest.mark.parametrize("name,terms,text,surface", HOMOGRAPHS, ids=[h[0] for h in HOMOGRAPHS])
def test_homograph_walks_are_not_screened_out(name, terms, text, surface):
    from glossary.test_match_core import make_glossary

    index = TermIndex(make_glossary("ru", terms), "ru")
    assert [m.text for m in index.find(text)] == ([surface] if surface else [])
    assert index.find(text) == reference_find(index, text)


@pytest.mark.parametrize("pattern", [r"[\w\u0300-\u036f]+['’ʼ]?|/", r"([\w\u0300-\u036f]+)['’ʼ]?|/"],
                         ids=["plain", "with-a-group"])
def test_words_are_the_tokens(pattern):
    rules = dataclasses.replace(load_rules("fr"), token_re=re.compile(pattern))
    text = " l'Assemblée générale / du-Qatar."
    tokens = tokenise(text, rules)
    assert words_of(text, rules) == [t.text for t in tokens]
    parts = split_words(text, rules)
    assert "".join(parts) == text and parts[::2] == [" ", "", " ", " ", " ", "-", "."]


ACRONYMS = [
    ("DESA", True), ("SDGs", True), ("H.E.", True), ("UN-Women", False), ("Desa", False),
    ("A", False), ("É.-U.", True), ("ONUs", True), ("PNUD y", False), ("联合国", False),
    ("الأمم", False), ("ǅX", False), ("ǅXY", True), ("DESAs's", False), ("ООН", True), ("x1", False),
]


@pytest.mark.parametrize("text,expected", ACRONYMS, ids=[t for t, _ in ACRONYMS])
def test_acronym_like(text, expected):
    assert is_acronym_like(text) is expected


MASKS = [
    ("plain", "The Committee met in Doha.", "The Committee met in Doha."),
    ("tag", "The <em>Committee</em> met.", "The     Committee      met."),
    ("url", "See https://un.org/x now", "See                  now"),
    ("mail", "Write to a.b@un.org today", "Write to            today"),
    ("www", "see www.un.org.", "see           ."),
    ("no-translate", 'A <span translate="no">UN</span> b',
     "A " + " " * len('<span translate="no">UN</span>') + " b"),
    ("lone-angle", "3 < 4 and 5 > 2", "3 < 4 and 5 > 2"),
]


@pytest.mark.parametrize("name,text,expected", MASKS, ids=[m[0] for m in MASKS])
def test_mask_markup_keeps_lengths(name, text, expected):
    assert mask_markup(text) == expected and len(mask_markup(text)) == len(text)


def test_a_full_word_memo_starts_afresh(glossary, monkeypatch):
    import l10n.glossary.matcher.index as match

    texts = eval_texts("fr")
    expected = [TermIndex(glossary, "fr").find(text) for text in texts]
    monkeypatch.setattr(match, "WORD_MEMO", 5)
    index = TermIndex(glossary, "fr")
    assert [index.find(text) for text in texts] == expected
    assert len(index._words) < 5 + max(len(words_of(t, load_rules("fr"))) for t in texts)
