"""Text official UN translations keep in English on purpose (issue #14)."""

from __future__ import annotations

import pytest

from checks.helpers import codes

from l10n.checks.base import CheckContext
from l10n.glossary.model import Concept, Glossary, Status, Term


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


# -- short copies in a language of the source's script (the injected "English left
# untranslated" that three words were needed to see) ---------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("fr", "Executive Summary"), ("es", "Twenty-fifth session"), ("fr", "General Assembly"),
    ("es", "Recommendations:"), ("fr", "Total requirements"), ("es", "Second week"),
])
def test_a_short_heading_left_in_english_is_a_copy(lang, text):
    assert "U001" in codes((lang, text, text))


@pytest.mark.parametrize("lang, text", [
    # Words the target language writes the same way; names and acronyms; numbers and symbols.
    ("fr", "Violence"), ("fr", "Participants"), ("es", "Total"), ("fr", "Introduction"),
    ("es", "Li Junhua"), ("fr", "Kelebone Maope"), ("es", "UNICEF"), ("fr", "Article 20"),
    ("es", "Liechtenstein"), ("fr", "2013-041A"),
])
def test_a_short_copy_the_target_language_writes_too_is_no_copy(lang, text):
    assert "U001" not in codes((lang, text, text))


def test_a_short_copy_the_glossary_keeps_as_it_is_is_no_copy():
    glossary = Glossary()
    concept = Concept("PL-NEWYORK", domain="place")
    concept.section("en").terms.append(Term("New York"))
    concept.section("fr").terms.append(Term("New York"))
    glossary.add(concept)
    example = ("fr", "New York", "New York")
    assert "U001" in codes(example)  # two common English words French does not write
    assert "U001" not in codes(example, context=CheckContext(glossary=glossary))


def test_a_deprecated_glossary_term_copied_is_still_a_copy():
    glossary = Glossary()
    concept = Concept("BODY-X", domain="body")
    concept.section("en").terms.append(Term("Executive Board"))
    concept.section("fr").terms.extend([Term("Conseil d'administration"),
                                        Term("Executive Board", status=Status.DEPRECATED)])
    glossary.add(concept)
    assert "U001" in codes(("fr", "Executive Board", "Executive Board"),
                           context=CheckContext(glossary=glossary))
