"""Remembered per-text results of the number checks: callers get copies, values are unchanged."""

from __future__ import annotations

import pytest

from l10n.checks.numbers import normalise_digits, numbers, references


@pytest.mark.parametrize("text,expected", [
    ("in 2025", "in 2025"),
    ("في عام ٢٠٢٥", "في عام 2025"),
    ("۱۹۹۵ و ٢٠٢٥", "1995 و 2025"),
    ("２０２５年", "2025年"),
    ("Доха, 2025", "Доха, 2025"),
], ids=["ascii", "arabic-indic", "eastern-arabic-indic", "full-width", "other-script"])
def test_normalise_digits(text, expected):
    assert normalise_digits(text) == expected


def test_numbers_gives_a_fresh_counter_each_time():
    first = numbers("4 to 6 November 2025", "en")
    first["4"] += 5
    first.clear()
    assert numbers("4 to 6 November 2025", "en") == {"4": 1, "6": 1, "11": 1, "2025": 1}


def test_references_gives_a_fresh_list_each_time():
    first = references("resolutions 78/261 and A/RES/78/318")
    first.append("X/1")
    assert references("resolutions 78/261 and A/RES/78/318") == ["78/261", "A/RES/78/318"]
