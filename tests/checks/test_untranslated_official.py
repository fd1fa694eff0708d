"""Text official UN translations keep in English on purpose (issue #14)."""

from __future__ import annotations

import pytest

from checks.helpers import codes


@pytest.mark.parametrize("lang, text", [
    ("ru", "Distr.: Limited"), ("zh", "Distr.: General"), ("ar", "Distr.: Restricted"),
    ("ru", "Original: French"), ("zh", "Original: Spanish"),
])
def test_the_masthead_lines_the_un_house_keeps_in_english_are_no_copy(lang, text):
    assert "U001" not in codes((lang, text, text))


@pytest.mark.parametrize("lang, text", [
    ("ar", "Distribution: General"),
    ("ru", "Original: English text"),
    ("ru", "Distr.: General and Limited"),
    ("zh", "Statement by the Secretary-General"),
])
def test_other_copies_are_still_reported(lang, text):
    assert "U001" in codes((lang, text, text))


@pytest.mark.parametrize("lang, source, target", [
    ("ru", 'The guide "Working Together for Safer Roads in the Region" was issued.',
     "Было выпущено руководство «Working Together for Safer Roads in the Region»."),
    ("zh", 'See "Statistical Yearbook of the Pacific Islands 2016".',
     '见"Statistical Yearbook of the Pacific Islands 2016"。'),
])
def test_a_title_quoted_word_for_word_as_the_source_quotes_it_is_no_run(lang, source, target):
    assert "U002" not in codes((lang, source, target))


@pytest.mark.parametrize("lang, source, target", [
    # English left outside the quotation, or a quotation the source does not quote.
    ("ru", 'The guide "Safer Roads" was issued for the whole region.',
     "«Safer Roads» was issued for the whole region."),
    ("ru", "The guide on safer roads in the whole region was issued.",
     "Было выпущено «The guide on safer roads in the whole region»."),
])
def test_english_outside_a_quoted_title_is_still_reported(lang, source, target):
    assert "U002" in codes((lang, source, target))
