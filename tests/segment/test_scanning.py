"""The fast scans of the segmenter find exactly what the plain patterns they replace find.

engine._candidates, layout._markers and layout._BULLET_RE are shaped for the regex engine's
speed (a one-class search first, whitespace taken instead of looked behind); these tests hold
them to the straightforward definitions, on chosen texts and on generated ones.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.segment import engine, layout

# The definitions the fast scans must agree with, written the plain way.
MARKERS = re.compile(r"(?:(?<=\s)|^)(\d{1,3}|[A-Za-z]|[ivx]{2,5}|[IVX]{2,5})(\.\)|\.|\))(?=\s)")
BULLETS = re.compile(rf"(?<=\s)[{layout.BULLETS}]")

TEXTS = {
    "plain-sentences": "The Summit opened. It closed on 6 November.",
    "abbreviations": "H.E. Mr. Li met Ms. Okafor at 5 p.m. in the U.N. building.",
    "cjk": "我们必须行动！”他说。会议结束了。",
    "dash-quote": '"If you please, sir--" The Rabbit started.',
    "tight-stop": "the world.Today we meet 1,000.Delegates came",
    "footnote-and-cite": "consultation.11 12 Take the martyr.[1] Then gas. [1][2] More",
    "ellipsis-spaced": "compounds. . . . The end... No one?! Yes… I agree",
    "text-start-marker": "1. The first item 2. The second item (a) and b) iv. last",
    "markers-after-newlines": "a.\nb)\tc. ii) IV. 12) x.",
    "bullets": "• first • second\n▪ third ●no-space-before",
    "empty": "",
    "only-marks": '.!?"”。',
}
ALPHABET = list(" \n\t\u00a0.!?…\"'”“()[]•▪aAbBiIvVxX12,;:-—。！？」ـ") + ["Mr", "e.g", "2.", "(a)"]


def spans_and_groups(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


def check(text: str) -> None:
    assert spans_and_groups(engine._candidates(text)) == \
        spans_and_groups(engine._CANDIDATE_RE.finditer(text))
    assert layout._markers(text) == \
        [(m.start(), m.group(1), m.group(2)) for m in MARKERS.finditer(text)]
    assert [m.start() for m in layout._BULLET_RE.finditer(text)] == \
        [m.start() for m in BULLETS.finditer(text)]


@pytest.mark.parametrize("text", list(TEXTS.values()), ids=list(TEXTS))
def test_fast_scans_match_the_plain_patterns(text: str) -> None:
    check(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1. One 2. Two", [(0, "1", "."), (7, "2", ".")]),
     ("x (a) b) c", [(6, "b", ")")]),
     ("ii) and iv.\tv) x", [(0, "ii", ")"), (8, "iv", "."), (12, "v", ")")]),
     ("no.markers here.", [])],
    ids=["numbers", "letter-after-space", "romans-and-tab", "none"],
)
def test_markers_found_with_their_positions(text: str, expected: list) -> None:
    assert layout._markers(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join))
def test_fast_scans_match_on_generated_text(text: str) -> None:
    check(text)
