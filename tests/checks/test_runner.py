"""The runner: suppressions, selection, determinism across thread counts, language detection."""

from __future__ import annotations

import pytest

from checks.helpers import findings, po
from l10n.checks.base import CheckContext, ProjectCheck, example_entries
from l10n.checks.runner import Target, load_target, project_inputs, run, select_checks
from l10n.errors import ConfigError, InputError
from l10n.model import Severity


def test_flag_silences_only_its_check():
    example = ("zh", "resolutions 78/261 and 78/318, in 2025", "78/26178/318号决议,2024年")
    plain = {f.code for f in findings(example)}
    assert {"N002", "N003", "P001"} <= plain
    silenced = {f.code for f in findings(example, flags=["ignore-symbol-merge"])}
    assert silenced == plain - {"N002"}


@pytest.mark.parametrize("flags,expected", [
    (["ignore-number-mismatch"], ["L001"]),
    (["ignore-no-such-check"], ["L002"]),
    (["ignore-N003"], ["L002"]),
    (["ignore-number-mismatch", "ignore-unused-suppression"], []),
    (["python-format"], []),
], ids=["unused", "unknown", "code-is-not-a-slug", "unused-silenced", "other-flags"])
def test_suppression_hygiene(flags, expected):
    example = ("fr", "in 2025", "en 2025")
    assert [f.code for f in findings(example, flags=flags)] == expected


def test_unused_not_reported_for_deselected_or_unreviewed():
    example = ("fr", "in 2025", "en 2025")
    checks = select_checks(ignore=["number-mismatch"])
    assert not findings(example, flags=["ignore-number-mismatch"], checks=checks)
    fuzzy = ("fr", "in 2025", "en 2025", {"fuzzy": True})
    assert [f.code for f in findings(fuzzy, flags=["ignore-number-mismatch"])] == ["H002"]


def test_select_and_ignore():
    slugs = [c.slug for c in select_checks(["symbol-merge", "N003"])]
    assert slugs == ["symbol-merge", "number-mismatch"]
    assert "fuzzy" not in [c.slug for c in select_checks(ignore=["fuzzy"])]
    with pytest.raises(ConfigError, match="unknown check 'nope'"):
        select_checks(["nope"])


def _catalogues(tmp_path, count=6):
    targets = []
    for index in range(count):
        path = tmp_path / f"doc{index}.po"
        path.write_text(po("zh", [("resolutions 78/261 and 78/318", "78/26178/318号决议"),
                                  ("Member States", "会员国" if index % 2 else "成员国"),
                                  ("Doha, Qatar", "多哈,卡塔尔")]), "utf-8")
        targets.append(Target(path, f"po/zh/doc{index}.po"))
    return targets


def test_results_do_not_depend_on_threads(tmp_path):
    targets = _catalogues(tmp_path)
    one = run(targets, select_checks(), CheckContext(), jobs=1)
    many = run(list(reversed(targets)), select_checks(), CheckContext(), jobs=4)
    assert one.findings == many.findings and len(one.findings) > 10
    keys = [(f.file, f.line, f.code) for f in one.findings]
    assert keys == sorted(keys)
    assert "C001" in {f.code for f in one.findings}


def test_language_from_header_or_target(tmp_path):
    path = tmp_path / "x.po"
    path.write_text(po("", [("Doha", "Доха")]).replace('"Language: \\n"\n', ""), "utf-8")
    with pytest.raises(InputError, match="language"):
        run([Target(path, "x.po")], select_checks(), CheckContext())
    result = run([Target(path, "x.po", "ru")], select_checks(), CheckContext())
    assert result.catalogues[0].lang == "ru" and result.catalogues[0].source_lang == "en"


# ------------------------------------------------------------------ what a run keeps


def _member_states(tmp_path, flags_by_file: dict[int, str]):
    """Three zh catalogues, the third translating "Member States" its own way (C001)."""
    targets = []
    for index, translation in enumerate(["会员国", "会员国", "成员国"]):
        path = tmp_path / f"doc{index}.po"
        flag = flags_by_file.get(index)
        path.write_text(po("zh", [("Member States", translation), ("Doha", "多哈")],
                           flags={"Member States": flag} if flag else None), "utf-8")
        targets.append(Target(path, f"po/zh/doc{index}.po", "zh"))
    return targets


@pytest.mark.parametrize("flags,expected", [
    ({}, [("po/zh/doc2.po", "C001")]),
    ({2: "ignore-inconsistent-translation"}, []),
    ({0: "ignore-inconsistent-translation"}, [("po/zh/doc0.po", "L001"), ("po/zh/doc2.po", "C001")]),
    ({1: "ignore-no-such-check"}, [("po/zh/doc1.po", "L002"), ("po/zh/doc2.po", "C001")]),
], ids=["reported", "silenced", "unused-flag", "unknown-flag"])
@pytest.mark.parametrize("jobs", [1, 3], ids=["one-thread", "threads"])
def test_project_findings_and_flags_across_files(tmp_path, flags, expected, jobs):
    """Flags are kept only on flagged entries, yet silence the project checks' findings."""
    result = run(_member_states(tmp_path, flags), select_checks(), CheckContext(), jobs=jobs)
    assert [(f.file, f.code) for f in result.findings] == expected


class _Gathering(ProjectCheck):
    """Reports entries whose gathered word is 'keep' (a test check)."""

    code, slug, severity = "X900", "test-gathering", Severity.INFO
    calls: list = []

    def gather(self, entry, context):
        return {"empty": (), "none": None}.get(entry.msgstr, (entry.msgstr,))

    def check_all(self, entries, context):
        gathered = context.gathered[self.slug]
        type(self).calls.append([(e.msgstr, gathered.get(e)) for e in entries])
        return ()


def test_entries_with_an_empty_gathered_value_are_left_out():
    entries = example_entries(("fr", "a", "empty"), ("fr", "b", "none"), ("fr", "c", "mot"),
                              ("fr", "d", ""))
    seen, values = project_inputs(entries, [_Gathering()], CheckContext())
    assert [e.msgstr for e in seen[0]] == ["none", "mot"]  # "" is untranslated: not applicable
    assert values == [[None, ("mot",)]]


def test_a_run_hands_gathered_values_to_check_all(tmp_path):
    path = tmp_path / "doc.po"
    path.write_text(po("fr", [("a", "empty"), ("b", "none"), ("c", "mot")]), "utf-8")
    _Gathering.calls.clear()
    run([Target(path, "po/fr/doc.po", "fr")], [_Gathering()], CheckContext())
    assert _Gathering.calls == [[("none", None), ("mot", ("mot",))]]


def test_repeated_texts_are_shared_between_catalogues(tmp_path):
    """A source text read from five catalogues is one string (and pickled once per task)."""
    catalogues = []
    for lang in ("fr", "es"):
        path = tmp_path / f"{lang}.po"
        path.write_text(po(lang, [("Member " + "States", "x")]), "utf-8")
        catalogues.append(load_target(Target(path, f"{lang}.po", lang), source_lang="en")[1])
    (fr,), (es,) = catalogues
    assert fr.msgid is es.msgid and fr.flags is es.flags


class _Names(ProjectCheck):
    """Gathers a nested value per entry (a test check)."""

    code, slug, severity = "X901", "test-names", Severity.INFO

    def gather(self, entry, context):
        flag = entry.msgstr == "one"
        return (("P1", "Name", ("Name", (" ",), (flag,))), ("n", 1 if flag else True))

    def check_all(self, entries, context):
        return ()


def test_equal_gathered_parts_are_one_object_but_keep_their_types():
    entries = example_entries(("fr", "a", "one"), ("fr", "b", "one"), ("fr", "c", "two"))
    _, (values,) = project_inputs(entries, [_Names()], CheckContext())
    assert values == [_Names().gather(e, None) for e in entries]
    assert values[0] is values[1]  # equal from top to bottom
    assert values[0][0][2][1] is values[2][0][2][1]  # (" ",) in both
    assert values[0][1][1] == 1 and type(values[0][1][1]) is int  # (.., 1) not merged with (.., True)
    assert values[2][1][1] is True and values[0][1] is not values[2][1]


@pytest.mark.parametrize(("reference", "markup"), [
    ("source/summit/overview.html", "html"), ("source/a/page.HTM", "html"),
    ("source/a/page.xhtml", "xhtml"), ("source/notes.md", "markdown"),
    ("source/statement.txt", "text"), ("source/data.csv", None), ("README", None),
])
def test_an_entry_knows_its_documents_markup(reference, markup):
    """The markup checks ask the renderer of the entry's document (by its #: reference)."""
    from l10n.checks.runner import _markup

    assert _markup(reference) == markup
