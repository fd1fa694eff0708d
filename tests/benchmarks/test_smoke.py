"""The benchmark runner at a tiny size, so that it cannot rot: one row per stage and peer."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from benchmarks.pseudo import translate
from benchmarks.stages import all_stages

SEGMENT_STAGES = ("extract", "merge", "check", "terms", "build", "release", "mo")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    if not (Path(sys.executable).parent / "l10n").exists() and not shutil.which("l10n"):
        pytest.skip("the l10n command is not installed beside this Python")
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "report.json"
    code = main(["--sizes", "200", "--glossary-sizes", "50,100", "--growth-catalogue", "200",
                 "--tm-sizes", "300",
                 "--repeat", "1", "--data", str(folder / "data"), "--out", str(out)])
    assert code == 0
    return json.loads(out.read_text("utf-8"))


@pytest.mark.parametrize("stage", [s.name for s in all_stages()])
def test_every_stage_has_a_row_with_positive_times(report: dict, stage: str) -> None:
    rows = [row for row in report["rows"] if row["stage"] == stage]
    assert rows, f"no row for {stage}"
    for row in rows:
        assert row["tool_median"] > 0 and row["peer_median"] > 0
        assert row["ratio"] == pytest.approx(row["peer_median"] / row["tool_median"], rel=1e-2)
        assert row["tool_peak_mb"] > 0
        assert row["tool_cpu"] > 0 and row["peer_cpu"] > 0
        assert row["cpu_ratio"] == pytest.approx(row["peer_cpu"] / row["tool_cpu"], rel=1e-2)


@pytest.mark.parametrize("stage,peer", [
    ("extract", "html2po"),
    ("merge", "pot2po"),
    ("check", "pofilter"),
    ("terms", "Weblate-style matcher"),
    ("build", "po2html"),
    ("release", "pofilter + po2html"),
    ("mo", "pybabel compile (API)"),
    ("glossary", "translate-toolkit tbxfile"),
    ("tm", "pot2po --tm"),
    ("tm-import", "translate-toolkit tmxfile"),
])
def test_translate_toolkit_peers_are_measured(report: dict, stage: str, peer: str) -> None:
    assert any(r["stage"] == stage and r["peer"] == peer for r in report["rows"])


@pytest.mark.parametrize("stage", ["terms", "terms-growth"])
def test_terms_are_timed_with_a_compiled_glossary_and_compiling_it(report: dict, stage: str) -> None:
    rows = [r for r in report["rows"] if r["stage"] == stage]
    tools = {r["tool"] for r in rows}
    assert tools == {"l10n check --select term-*",
                     "l10n check --select term-* (compiling the glossary)"}
    assert {r["peer"] for r in rows} == {"Weblate-style matcher"}  # l10n is no peer of itself


def test_growth_is_reported_between_glossary_sizes(report: dict) -> None:
    growth = {(g["stage"], g["from"], g["to"]) for g in report["growth"]}
    assert ("terms-growth", 50, 100) in growth
    assert report["machine"]["nproc"]


@pytest.mark.parametrize("lang,text,kept", [
    ("fr", '12. H.E. Mr. Li <a href="https://undocs.org/A/RES/78/261">A/RES/78/261</a>.',
     ['<a href="https://undocs.org/A/RES/78/261">', "A/RES/78/261", "12.", "S. E."]),
    ("zh", "On 4 November 2025, the Summit opened.", ["4", "2025", "。"]),
    ("ar", "Is it ready, Mr. Li?", ["السيد", "؟", "،"]),
])
def test_pseudo_translation_keeps_tags_numbers_and_symbols(lang: str, text: str,
                                                          kept: list[str]) -> None:
    result = translate(text, lang)
    assert result != text
    for piece in kept:
        assert piece in result
    assert translate(text, lang) == result  # deterministic


def test_cpu_time_counts_the_worker_processes(tmp_path) -> None:
    """l10n works on every core: its CPU time must include its workers', which the kernel adds
    to the parent's children's time when the parent reaps them."""
    from benchmarks.measure import environment, run_commands

    script = ("import multiprocessing as mp, time\n"
              "def burn(_):\n"
              "    end = time.process_time() + 0.3\n"
              "    while time.process_time() < end: pass\n"
              "if __name__ == '__main__':\n"
              "    with mp.get_context('fork').Pool(2) as pool: pool.map(burn, range(2))\n")
    wall, peak, cpu = run_commands([[sys.executable, "-c", script]], tmp_path, environment())
    assert cpu >= 0.55, (wall, cpu)  # two workers of 0.3 s each, whatever the number of cores
    assert peak > 0
