"""Run the pySBD and sentencex sentence-boundary suites through segment_text.

The suites live in ../shared/testdata/segmentation (beside the checkout); the module skips when
that folder is absent. Sentence lists are compared after collapsing whitespace runs, as the
published sentencex figures were computed. A case listed in deviations.json is scored against
the UN segmentation written there instead of the suite's (and must differ from the suite's), so
a convention conflict is explicit, never a silent failure. Run with -s to see the table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from l10n.segment import segment_text

SUITES_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "testdata" / "segmentation"
DEVIATIONS = json.loads((Path(__file__).parent / "deviations.json").read_text("utf-8"))["deviations"]
LANGS = ("en", "zh", "ar", "ru", "es", "fr")
PYSBD_SCORES = {  # pySBD 0.3.4 on each suite, from ../shared/testdata/README.md
    "pysbd": {"en": 173, "zh": 2, "ar": 4, "ru": 42, "es": 36, "fr": 5},
    "sentencex": {"en": 138, "zh": 2, "ar": 1, "ru": 37, "es": 2, "fr": 5},
}
SENTENCEX_SCORES = {  # sentencex 1.0.32
    "pysbd": {"en": 121, "zh": 2, "ar": 1, "ru": 42, "es": 31, "fr": 5},
    "sentencex": {"en": 236, "zh": 2, "ar": 3, "ru": 37, "es": 2, "fr": 5},
}

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SUITES_DIR.is_dir(),
                       reason=f"peer suites not found at {SUITES_DIR} (../shared beside the checkout)"),
]


def collapse(sentences: list[str]) -> list[str]:
    return [re.sub(r"\s+", " ", s).strip() for s in sentences]


@dataclass
class Score:
    cases: int = 0
    passed: int = 0  # matches the suite, or the UN segmentation of a listed deviation
    strict: int = 0  # matches the suite itself
    failed: list[int] = field(default_factory=list)


def load_cases(suite: str, lang: str) -> list[dict]:
    return json.loads((SUITES_DIR / suite / f"{lang}.json").read_text("utf-8"))["cases"]


def deviation_for(suite: str, lang: str, index: int) -> dict | None:
    for entry in DEVIATIONS:
        if (entry["suite"], entry["lang"], entry["case"]) == (suite, lang, index):
            return entry
    return None


@pytest.fixture(scope="module")
def scores() -> dict[tuple[str, str], Score]:
    table: dict[tuple[str, str], Score] = {}
    for suite in ("pysbd", "sentencex"):
        for lang in LANGS:
            score = table[suite, lang] = Score()
            for index, case in enumerate(load_cases(suite, lang)):
                got = collapse(segment_text(case["text"], lang))
                expected = collapse(case["expected"])
                deviation = deviation_for(suite, lang, index)
                wanted = collapse(deviation["expected"]) if deviation else expected
                score.cases += 1
                score.strict += got == expected
                score.passed += got == wanted
                if got != wanted:
                    score.failed.append(index)
    print_table(table)
    return table


def print_table(table: dict[tuple[str, str], Score]) -> None:
    print("\nsuite      lang  l10n (strict)  pysbd  sentencex  cases  failing cases")
    for (suite, lang), score in table.items():
        print(f"{suite:<10} {lang:<4} {score.passed:>4} ({score.strict:>3})    "
              f"{PYSBD_SCORES[suite][lang]:>5}  {SENTENCEX_SCORES[suite][lang]:>9}  "
              f"{score.cases:>5}  {score.failed}")
    total = sum(s.passed for s in table.values())
    strict = sum(s.strict for s in table.values())
    print(f"total           {total:>4} ({strict:>3})    {total_of(PYSBD_SCORES):>5}  "
          f"{total_of(SENTENCEX_SCORES):>9}  {sum(s.cases for s in table.values()):>5}")


def total_of(published: dict[str, dict[str, int]]) -> int:
    return sum(sum(per_lang.values()) for per_lang in published.values())


def unreachable(lang: str, indexes: list[int]) -> list[int]:
    """Cases whose expected sentences are not spans of the input (the suite cleaned the text)."""
    cases = load_cases("pysbd", lang)
    return [i for i in indexes
            if " ".join(collapse(cases[i]["expected"])) != " ".join(collapse([cases[i]["text"]]))]


# Goal not met for English: 159 of pySBD's 173. Thirteen of the fifteen misses expect text
# that pySBD's cleaner rewrote (HTML stripped, "W A RN I NG" joined), which no segmenter that
# returns spans of its input can produce; the other two conflict with cases it does pass.
# Strict, so that reaching the goal turns this into a failure to remove the mark.
_EN_SHORT = pytest.mark.xfail(strict=True, reason="English pySBD goal not met yet: 159/173")


@pytest.mark.parametrize("lang", [pytest.param(lang, marks=_EN_SHORT) if lang == "en" else lang
                                  for lang in LANGS])
def test_at_least_pysbd_on_its_own_suite(scores: dict, lang: str) -> None:
    score = scores["pysbd", lang]
    goal = PYSBD_SCORES["pysbd"][lang]
    assert score.passed >= goal, (
        f"pySBD suite, {lang}: {score.passed}/{score.cases} passed, pySBD passes {goal}; failing "
        f"cases {score.failed}, of which {unreachable(lang, score.failed)} expect text that is "
        "not in the input (pySBD's cleaner rewrites it), so no span-based segmenter can match")


def test_more_cases_than_either_peer_on_both_suites(scores: dict) -> None:
    total = sum(score.passed for score in scores.values())
    assert sum(score.cases for score in scores.values()) == 549
    assert total > total_of(PYSBD_SCORES) and total > total_of(SENTENCEX_SCORES), total


@pytest.mark.parametrize("entry", DEVIATIONS, ids=[f"{d['suite']}-{d['lang']}-{d['case']}" for d in DEVIATIONS])
def test_deviation_gives_the_un_segmentation(entry: dict) -> None:
    case = load_cases(entry["suite"], entry["lang"])[entry["case"]]
    assert case["id"] == entry["id"]
    got = collapse(segment_text(case["text"], entry["lang"]))
    assert got == collapse(entry["expected"])
    assert got != collapse(case["expected"]), "no longer a deviation: remove it from the list"
