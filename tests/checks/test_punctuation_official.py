"""End punctuation official UN translations write otherwise than their English source (issue #14)."""

from __future__ import annotations

import pytest

from checks.helpers import codes

SAME = [
    # Rows of a fact sheet: "Label: value." with or without the final full stop.
    ("fr-data-line-number", "fr", "Area: 1,234.5 km².", "Superficie : 1 234,5 km²"),
    ("fr-data-line-words", "fr", "Currency: Eastern Caribbean dollar.",
     "Monnaie : dollar des Caraïbes orientales"),
    ("es-data-line-brackets", "es", "Literacy rate: 98.1 per cent (2016).",
     "Tasa de alfabetización: 98,1% (2016)"),
]

STILL_FLAGGED = [
    ("fr-sentence", "fr", "The Committee met in Geneva.", "Le Comité s'est réuni à Genève"),
    ("fr-sentence-after-a-note", "fr", "Note: the Committee met in Geneva.",
     "Note : le Comité s'est réuni à Genève"),
    ("fr-long-label", "fr", "The Committee decided the following on the item: Geneva.",
     "Le Comité a décidé ce qui suit au titre de ce point : Genève"),
    ("fr-data-line-question", "fr", "Area: 1,234.5 km²?", "Superficie : 1 234,5 km²"),
]


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in SAME], ids=[c[0] for c in SAME])
def test_data_lines_may_leave_out_the_full_stop(lang, source, target):
    assert "P007" not in codes((lang, source, target))


@pytest.mark.parametrize("lang,source,target", [c[1:] for c in STILL_FLAGGED],
                         ids=[c[0] for c in STILL_FLAGGED])
def test_sentences_still_need_their_end_punctuation(lang, source, target):
    assert "P007" in codes((lang, source, target))
