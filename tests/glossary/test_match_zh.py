"""Chinese term matching: no word boundaries, middle-dot look-alikes, full-width folding, 《》."""

from __future__ import annotations

import pytest

from l10n.glossary.matcher.index import TermIndex
from l10n.glossary.model import Concept, Glossary, Status, Term

TERMS = {
    "EV-WSSD2": ["第二届社会发展问题世界首脑会议", Term("第二届世界社会发展峰会", status=Status.DEPRECATED)],
    "EV-WSSD1995": ["社会发展问题世界首脑会议"],
    "PL-DOHA": ["多哈"],
    "PER-TAMIM": ["塔米姆·本·哈马德·阿勒萨尼"],
    "TI-SHEIKH": ["谢赫"],
    "TI-HH": ["殿下"],
    "PER-GUTERRES": ["安东尼奥·古特雷斯"],
    "DOC-2030": ["《2030年可持续发展议程》"],
    "DOC-RES": ["第78/261号决议"],
    "BODY-MS": ["会员国", Term("成员国", status=Status.DEPRECATED)],
    "TI-SG": ["联合国秘书长"],
    "TI-USG-DESA": ["主管经济和社会事务副秘书长"],
    "BODY-DESA": ["经济和社会事务部"],
    "ORG-DESA-ABBR": [Term("DESA", case_sensitive=True)],
}


def make_index(terms: dict) -> TermIndex:
    glossary = Glossary()
    for concept_id, items in terms.items():
        section = glossary.add(Concept(concept_id)).section("zh")
        section.terms.extend(t if isinstance(t, Term) else Term(t) for t in items)
    return TermIndex(glossary, "zh")


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return make_index(TERMS)


def test_term_inside_a_sentence_without_spaces(index):
    text = "各国领导人出席了在多哈举行的第二届社会发展问题世界首脑会议并发言。"
    matches = index.find(text)
    assert [(m.concept_id, m.text, m.how) for m in matches] == [
        ("PL-DOHA", "多哈", "exact"),
        ("EV-WSSD2", "第二届社会发展问题世界首脑会议", "exact"),
    ]
    assert [m.concept_id for m in matches[1].contained] == ["EV-WSSD1995"]
    assert all(text[m.start:m.end] == m.text for m in matches)


def test_short_term_inside_a_longer_word():
    summit = make_index({"SUMMIT-WEB": ["峰会"]})
    [match] = summit.find("第二届世界社会发展峰会开幕")
    assert (match.concept_id, match.text, match.start) == ("SUMMIT-WEB", "峰会", 9)
    both = make_index({"SUMMIT-WEB": ["峰会"], "EV-WSSD2": TERMS["EV-WSSD2"]})
    [outer] = both.find("第二届世界社会发展峰会开幕")
    assert outer.concept_id == "EV-WSSD2" and outer.term.status is Status.DEPRECATED
    assert [m.concept_id for m in outer.contained] == ["SUMMIT-WEB"]


DOTS = [
    ("middle-dot", "\u00b7", "exact"),
    ("bullet", "\u2022", "normalised"),
    ("katakana-middle-dot", "\u30fb", "normalised"),
    ("halfwidth-katakana-dot", "\uff65", "normalised"),
    ("hyphenation-point", "\u2027", "normalised"),
    ("fullwidth-full-stop", "\uff0e", "normalised"),
]


@pytest.mark.parametrize("dot,how", [d[1:] for d in DOTS], ids=[d[0] for d in DOTS])
def test_middle_dot_look_alikes_match_as_normalised(index, dot, how):
    name = dot.join(["塔米姆", "本", "哈马德", "阿勒萨尼"])
    text = f"谢赫{name}殿下"
    found = {m.concept_id: m for m in index.find(text)}
    assert set(found) == {"TI-SHEIKH", "PER-TAMIM", "TI-HH"}
    assert (found["PER-TAMIM"].text, found["PER-TAMIM"].how) == (name, how)


FOLDED = [
    ("fullwidth-digits", "第７８/２６１号决议", "DOC-RES", "normalised"),
    ("fullwidth-slash", "第78／261号决议", "DOC-RES", "normalised"),
    ("ascii", "第78/261号决议", "DOC-RES", "exact"),
    ("fullwidth-latin", "ＤＥＳＡ", "ORG-DESA-ABBR", "normalised"),
    ("book-title-marks", "落实《2030年可持续发展议程》", "DOC-2030", "exact"),
    ("no-book-title-marks", "落实2030年可持续发展议程", "DOC-2030", "normalised"),
]


@pytest.mark.parametrize("text,concept,how", [f[1:] for f in FOLDED], ids=[f[0] for f in FOLDED])
def test_folding(index, text, concept, how):
    found = {m.concept_id: m for m in index.find(text)}
    assert found[concept].how == how
    assert text[found[concept].start:found[concept].end] == found[concept].text


def test_book_title_marks_are_part_of_the_exact_surface(index):
    [match] = index.find("落实《2030年可持续发展议程》")
    assert match.text == "《2030年可持续发展议程》"


def test_nested_titles(index):
    [usg] = index.find("主管经济和社会事务副秘书长李军华")
    assert usg.concept_id == "TI-USG-DESA"


NEGATIVE = [
    ("member-vs-other-body", "成员国", "BODY-MS-PREFERRED"),
    ("other-transliteration", "塔米姆·本·哈马德·阿尔萨尼", "PER-TAMIM"),
    ("other-number", "第78/2610号决议", "DOC-RES"),
    ("other-number-prefix", "第178/261号决议", "DOC-RES"),
    ("ga-is-not-sg", "联合国大会", "TI-SG"),
    ("lowercase-acronym", "desa", "ORG-DESA-ABBR"),
    ("first-summit-inside-second", "第二届社会发展问题世界首脑会议", "EV-WSSD1995"),
]


@pytest.mark.parametrize("text,concept", [n[1:] for n in NEGATIVE], ids=[n[0] for n in NEGATIVE])
def test_not_found_at_top_level(index, text, concept):
    matches = index.find(text)
    if concept.endswith("-PREFERRED"):
        assert matches and all(m.term.status is Status.DEPRECATED for m in matches)
    else:
        assert concept not in {m.concept_id for m in matches}
