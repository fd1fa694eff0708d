"""Catalogue health (H-codes) on Entry objects and through a lenient read."""

from __future__ import annotations

import pytest

from checks.helpers import codes, po
from l10n.catalog.po import read_po
from l10n.errors import InputError

PLURAL = {"msgid_plural": "%d delegates"}
CASES = [
    ("untranslated", ("zh", "The Summit", ""), {"H001"}),
    ("fuzzy", ("zh", "The Summit", "峰会", {"fuzzy": True}), {"H002"}),
    ("fuzzy-and-empty", ("zh", "The Summit", "", {"fuzzy": True}), {"H002"}),
    ("ru-two-of-three", ("ru", "%d delegate", "", {**PLURAL, "nplurals": 3,
                                                  "msgstr_plural": ["%d делегат", "%d делегата"]}),
     {"H003"}),
    ("ar-six", ("ar", "%d delegate", "", {**PLURAL, "nplurals": 6,
                                         "msgstr_plural": ["%d"] * 6}), set()),
    ("no-plural-forms-header", ("zh", "%d delegate", "", {**PLURAL, "msgstr_plural": ["%d 名"]}),
     {"H003"}),
    ("untranslated-plural", ("ru", "%d delegate", "", {**PLURAL, "nplurals": 3,
                                                       "msgstr_plural": ["", ""]}), {"H001"}),
]


@pytest.mark.parametrize("example,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_health(example, expected):
    assert {c for c in codes(example) if c.startswith("H")} == expected


def test_lenient_read_keeps_contradicting_plurals(tmp_path):
    path = tmp_path / "es.po"
    path.write_text(po("es", '#, python-format\nmsgid "%d year"\nmsgid_plural "%d years"\n'
                             'msgstr[0] "%d año"\nmsgstr[1] "%d años"\n',
                       header_extra='"Plural-Forms: nplurals=3; plural=(n == 1 ? 0 : n != 0 && '
                                    'n % 1000000 == 0 ? 1 : 2);\\n"\n'), "utf-8")
    with pytest.raises(InputError):
        read_po(path)
    assert len(read_po(path, strict_plurals=False)) == 1
