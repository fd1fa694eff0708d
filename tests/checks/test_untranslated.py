"""Untranslated text (U-codes): copies, source-language runs, wrong script."""

from __future__ import annotations

import pytest

from checks.helpers import codes
from l10n.checks.base import CheckContext
from l10n.glossary.model import Concept, Glossary, Term

SEED_CAPTION = ("图像 Statement by (His Highness Sheikh Tamim bin Hamad Al Thani, Amir of the "
                "State of Qatar)")

CASES = [
    ("zh-seed-english-caption", "zh", "Statement by His Highness the Amir", SEED_CAPTION, {"U002"}),
    ("zh-copied-sentence", "zh", "Statement by the Secretary-General",
     "Statement by the Secretary-General", {"U001"}),
    ("ru-copied-name", "ru", "Li Junhua", "Li Junhua", {"U001"}),
    ("es-same-script-name", "es", "Li Junhua", "Li Junhua", set()),
    ("fr-short-copy", "fr", "Doha", "Doha", set()),
    ("zh-symbol-copy", "zh", "A/RES/78/261", "A/RES/78/261", set()),
    ("ru-french-text", "ru", "The Second World Summit", "Le Deuxième Sommet mondial", {"U003"}),
    ("ar-latin-only", "ar", "Welcome to Doha", "Welcome in Doha, Qatar", {"U003"}),
    ("ar-arabic", "ar", "Welcome to Doha", "مرحبا بكم في الدوحة", set()),
    ("zh-url-is-no-run", "zh", "See https://social.desa.un.org/world-summit-2025/en/about",
     "见https://social.desa.un.org/world-summit-2025/en/about", set()),
    ("ru-short-latin-name", "ru", "UN Photo", "Фото ООН (UN Photo)", set()),
]


@pytest.mark.parametrize("lang,source,target,expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_untranslated(lang, source, target, expected):
    assert {c for c in codes((lang, source, target)) if c.startswith("U")} == expected


def test_do_not_translate_terms_are_not_a_run():
    glossary = Glossary()
    concept = Concept("ORG-X")
    concept.section("en").terms.append(
        Term("World Organization of the Scout Movement", do_not_translate=True))
    glossary.add(concept)
    example = ("zh", "the World Organization of the Scout Movement",
               "World Organization of the Scout Movement 组织")
    assert "U002" in codes(example)
    assert "U002" not in codes(example, context=CheckContext(glossary=glossary))


def test_seed_page_caption(shared_dir):
    seed = (shared_dir / "seeds" / "000_240261aace3e4176.txt").read_text("utf-8")
    caption = next(line for line in seed.splitlines() if line.startswith("Statement by"))
    assert "U002" in codes(("zh", "Statement by His Highness", "图像 " + caption + "。"))
