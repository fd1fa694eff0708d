"""Consistency across files (C-codes)."""

from __future__ import annotations

from checks.helpers import findings


def test_the_odd_translation_out_is_reported_with_the_usual_one():
    found = [f for f in findings(("zh", "Member States", "会员国"), ("zh", "Member States", "会员国"),
                                 ("zh", "Member States", "成员国")) if f.code == "C001"]
    assert [(f.file, f.found) for f in found] == [("example/zh/3.po", "成员国")]
    assert found[0].expected == ("会员国",) and "example/zh/1.po:1" in found[0].message


def test_languages_and_contexts_are_apart():
    assert not [f for f in findings(("zh", "Summit", "首脑会议"), ("ja", "Summit", "サミット"),
                                    ("zh", "Summit", "峰会", {"msgctxt": "media"}))
                if f.code.startswith("C")]


def test_fuzzy_entries_do_not_count():
    assert not [f for f in findings(("zh", "Summit", "首脑会议"),
                                    ("zh", "Summit", "峰会", {"fuzzy": True}))
                if f.code == "C001"]


def test_one_translation_for_two_sources():
    found = [f for f in findings(("fr", "World Summit", "Sommet mondial"),
                                 ("fr", "World Summit", "Sommet mondial"),
                                 ("fr", "World Social Summit", "Sommet mondial"))
             if f.code == "C002"]
    assert [f.msgid for f in found] == ["World Social Summit"]


def test_tie_goes_to_the_first_in_file_order():
    found = [f for f in findings(("ru", "Summit", "Встреча"), ("ru", "Summit", "Саммит"))
             if f.code == "C001"]
    assert [f.found for f in found] == ["Саммит"]
