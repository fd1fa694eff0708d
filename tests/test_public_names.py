"""What the README tells a script to import from the package itself."""

from __future__ import annotations

import pytest

import l10n


@pytest.mark.parametrize("name", l10n.__all__)
def test_every_public_name_imports(name):
    assert getattr(l10n, name) is not None


def test_segment_functions_from_the_package_agree():
    from l10n import segment_spans, segment_text

    text = "Mr. J. Smith arrived. The Summit opened on 4 November 2025."
    spans = segment_spans(text, "en")
    assert [text[start:end] for start, end in spans] == segment_text(text, "en")
    assert segment_text(text, "en") == ["Mr. J. Smith arrived.",
                                        "The Summit opened on 4 November 2025."]


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'segment_everything'"):
        l10n.segment_everything  # noqa: B018
