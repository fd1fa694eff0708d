"""segment_spans returns exact, ordered, whitespace-stripped offsets that cover the input."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.segment import segment_spans, segment_text

from segment.test_rules import CASES

SAMPLES = sorted({text for _, _, text, _ in CASES})
SEPARATORS = [" ", "  ", "\n", "\n\n", "\u00a0", "\t", "", " \n \n "]
LANGS = ["ar", "en", "es", "fr", "ru", "zh", "pt-BR"]


def check_spans(text: str, lang: str) -> None:
    spans = segment_spans(text, lang)
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == "", "a non-space character was skipped"
        piece = text[start:end]
        assert piece == piece.strip(), "a sentence keeps surrounding whitespace"
        position = end
    assert text[position:].strip() == ""
    covered = "".join(text[start:end] for start, end in spans)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)
    assert segment_text(text, lang) == [text[start:end] for start, end in spans]


@pytest.mark.parametrize(("case_id", "lang", "text"), [(c[0], c[1], c[2]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_rule_samples_have_exact_spans(case_id: str, lang: str, text: str) -> None:
    check_spans(text, lang)


def test_spans_are_offsets_into_the_input() -> None:
    text = "  H.E. Mr. Smith spoke.\n\n  It closed.  "
    assert segment_spans(text, "en") == [(2, 23), (27, 37)]
    assert [text[s:e] for s, e in segment_spans(text, "en")] == ["H.E. Mr. Smith spoke.", "It closed."]


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(SAMPLES), st.sampled_from(SEPARATORS)),
                      min_size=1, max_size=6),
       lang=st.sampled_from(LANGS))
def test_random_mixes_cover_every_character_once(parts: list[tuple[str, str]], lang: str) -> None:
    text = "".join(sample + separator for sample, separator in parts)
    check_spans(text, lang)


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("Ab1 .?!…。\n\"'«»()“”¿¡،؟-:;")), max_size=60),
       lang=st.sampled_from(LANGS))
def test_punctuation_soup_keeps_the_span_contract(text: str, lang: str) -> None:
    check_spans(text, lang)
