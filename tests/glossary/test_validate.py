"""Glossary validation rules, and the confidence rule (conf=B preferred kept admitted)."""

from __future__ import annotations

import pytest

from l10n.glossary.edit import UNVERIFIED_MARKER, demote_unverified
from l10n.glossary.model import Concept, Glossary, Status, Term
from l10n.glossary.store import load_glossary
from l10n.glossary.validate import ERROR, INFO, WARNING, validate_glossary
from support import REPO


def one(lang: str, *terms: Term, domain: str | None = "body", cid: str = "C-1") -> Glossary:
    concept = Concept(cid, domain)
    concept.section(lang).terms.extend(terms)
    return Glossary({cid: concept})


def found(glossary: Glossary) -> list[tuple[str, str]]:
    return [(i.severity, i.message) for i in validate_glossary(glossary)]


@pytest.mark.parametrize("lang, text, severity, words", [
    ("en", "Dоha", ERROR, "Cyrillic letters"),  # Cyrillic o
    ("ru", "Доха", None, None),
    ("ru", "ООН DESA", WARNING, "Latin letters"),
    ("zh", "经社部DESA", WARNING, "Latin letters"),
    ("zh", "《2030年可持续发展议程》", None, None),
    ("zh", "塔米姆·本·哈马德", None, None),
    ("zh", "塔米姆•本", ERROR, "BULLET"),
    ("zh", "塔米姆・本", ERROR, "KATAKANA MIDDLE DOT"),
    ("zh", "塔米姆･本", ERROR, "HALFWIDTH KATAKANA"),
    ("zh", "塔米姆‧本", ERROR, "HYPHENATION POINT"),
    ("zh", "塔米姆．本", ERROR, "FULLWIDTH FULL STOP"),
    ("zh", "大会(第一届)", WARNING, "full-width"),
    ("ar", "الأمم المتحدة", None, None),
    ("ar", "الأمم Доха", ERROR, "Cyrillic letters"),
    ("en", " Doha", ERROR, "leading or trailing space"),
    ("en", "Doha ", ERROR, "leading or trailing space"),
    ("en", "New  York", WARNING, "doubled space"),
    ("en", "Doha , Qatar", WARNING, "space before ','"),
    ("fr", "Son Excellence : S. E.", None, None),
    ("fr", "Doha , Qatar", WARNING, "space before ','"),
    ("fr", "Représentant(e) permanent(e) de [pays]", None, None),
    ("en", "Qatar (the", ERROR, "'(' is not closed"),
    ("en", "Qatar the)", ERROR, "unexpected ')'"),
    ("zh", "《多哈政治宣言", ERROR, "unbalanced brackets"),
    ("fr", "« Sommet social mondial »", None, None),
    ("en", "“World Social Summit", ERROR, "unbalanced brackets"),
    ("en", "([x)]", ERROR, "unbalanced brackets"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_term_rules(lang, text, severity, words):
    issues = found(one(lang, Term(text)))
    if severity is None:
        assert issues == []
    else:
        assert any(s == severity and words in m for s, m in issues), issues


def test_do_not_translate_terms_skip_the_script_rule():
    assert found(one("zh", Term("SYS_ERR_406", do_not_translate=True))) == []


@pytest.mark.parametrize("terms, expected", [
    ([Term("A"), Term("B")], (ERROR, "2 preferred terms")),
    ([Term("A", Status.ADMITTED)], (WARNING, "no preferred term")),
    ([Term("A", Status.ADMITTED, note=f"conf=B; {UNVERIFIED_MARKER}")], (INFO, "awaits verification")),
    ([Term("A"), Term("A", Status.ADMITTED)], (WARNING, "term listed twice")),
], ids=["two-preferred", "no-preferred", "unverified", "twice"])
def test_section_rules(terms, expected):
    issues = found(one("en", *terms))
    assert any(s == expected[0] and expected[1] in m for s, m in issues), issues


def test_same_term_in_two_concepts_is_a_review_warning():
    glossary = one("en", Term("Secretariat"), cid="A-1")
    glossary.add(Concept("B-1", "body")).section("en").terms.append(Term("secretariat"))
    glossary.add(Concept("C-1", "body")).section("fr").terms.append(Term("Secretariat"))
    issues = [(i.concept_id, i.severity, i.message) for i in validate_glossary(glossary)]
    assert ("A-1", WARNING, "review: the same term is in B-1") in issues
    assert ("B-1", WARNING, "review: the same term is in A-1") in issues
    assert not any(cid == "C-1" for cid, _, _ in issues)


@pytest.mark.parametrize("glossary, words", [
    (one("en", Term("x"), domain="astronomy"), "unknown domain"),
    (one("en", Term("x"), cid="1-bad id"), "cannot be a TBX id"),
    (one("qq", Term("x")), "unknown language code"),
], ids=["domain", "id", "lang"])
def test_concept_rules(glossary, words):
    assert any(words in m for _, m in found(glossary))


@pytest.mark.parametrize("note, status, expected_note", [
    ("conf=B; Recalled title.", Status.ADMITTED, f"conf=B; {UNVERIFIED_MARKER}; Recalled title."),
    ("conf=B", Status.ADMITTED, f"conf=B; {UNVERIFIED_MARKER}"),
    ("conf=A; Press.", Status.PREFERRED, "conf=A; Press."),
    ("conf=Bx", Status.PREFERRED, "conf=Bx"),
    (None, Status.PREFERRED, None),
], ids=["b-with-rest", "b-alone", "a", "not-b", "no-note"])
def test_demote_unverified(note, status, expected_note):
    glossary = one("zh", Term("x", note=note))
    demote_unverified(glossary)
    demote_unverified(glossary)  # idempotent
    [term] = glossary.concepts["C-1"].terms("zh")
    assert (term.status, term.note) == (status, expected_note)


def test_shipped_glossary_has_no_error_or_warning():
    glossary = load_glossary(REPO / "glossary")
    assert len(glossary.concepts) >= 80
    bad = [i for i in validate_glossary(glossary) if i.severity in (ERROR, WARNING)]
    assert bad == []
