"""The runner: suppressions, selection, determinism across thread counts, language detection."""

from __future__ import annotations

import pytest

from checks.helpers import findings, po
from l10n.checks.base import CheckContext
from l10n.checks.runner import Target, run, select_checks
from l10n.errors import ConfigError, InputError


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
