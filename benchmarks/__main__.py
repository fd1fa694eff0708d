"""``python -m benchmarks``: time l10n against its peers on generated UN-like workloads.

    python -m benchmarks [--sizes 1000,10000,100000] [--repeat 3] [--stages extract,merge,...]
                         [--glossary-sizes 1000,10000,100000] [--growth-catalogue 10000]
                         [--tm-sizes 10000,100000] [--pot2po-limit 100000]
                         [--out FILE.json] [--markdown FILE.md] [--data DIR]

Workloads are generated once under --data (default $L10N_BENCH_DATA or /tmp/l10n-bench) and
reused. Each stage runs l10n and its peers as separate processes on the same inputs, round by
round (l10n, peer, peer, l10n, ...), and reports medians, ratios (peer / l10n: above 1 means
l10n is faster) and peak memory.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from benchmarks.generate import TEXT_CONCEPTS, default_data_dir, glossary_files, workload
from benchmarks.measure import compile_packages, measure
from benchmarks.report import growth, machine, markdown, rows_for
from benchmarks.stages import Inputs, Stage, all_stages, have
from benchmarks.tmgen import memory as tm_memory


def _sizes(text: str) -> list[int]:
    return sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})


def parse_args(argv: list[str]) -> argparse.Namespace:
    names = [s.name for s in all_stages()]
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[1000, 10000, 100000])
    parser.add_argument("--glossary-sizes", type=_sizes, default=[1000, 10000, 100000])
    parser.add_argument("--growth-catalogue", type=int, default=10000,
                        help="catalogue size (segments) for the terms-growth stage")
    parser.add_argument("--tm-sizes", type=_sizes, default=[10000, 100000],
                        help="translation memory sizes (units) for the tm stages; "
                             "1000000 is the issue's largest, too slow to run by default")
    parser.add_argument("--pot2po-limit", type=int, default=100000,
                        help="the largest memory pot2po --tm is timed against (it scans the "
                             "memory for every segment)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stages", default=",".join(names),
                        help=f"comma-separated, from: {', '.join(names)}")
    parser.add_argument("--out", type=Path, help="write the full report as JSON here")
    parser.add_argument("--markdown", type=Path, help="write the Markdown table here")
    parser.add_argument("--data", type=Path, default=default_data_dir())
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(names))
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(unknown)}")
    args.stages = chosen
    return args


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _run_stage(stage: Stage, size: int, inputs: Inputs, repeat: int) -> list:
    contenders = stage.build(inputs)
    _say(f"{stage.name} at {size:,} {stage.axis}: {', '.join(c.name for c in contenders)}")
    timings = measure(contenders, repeat, progress=_say)
    mine = [c.name for c in contenders if c.is_l10n]
    return [row for name in mine for row in
            rows_for(stage.name, stage.axis, size, timings, name, exclude=mine)]


def run(args: argparse.Namespace) -> dict:
    stages = [s for s in all_stages() if s.name in args.stages]
    compile_packages()
    with_po4a = have("po4a-updatepo")
    rows = []
    text_v3, text_2008 = glossary_files(TEXT_CONCEPTS, args.data)
    for size in args.sizes:
        segment_stages = [s for s in stages if s.axis == "segments"]
        if not segment_stages:
            break
        _say(f"workload of {size:,} segments: generating or reusing under {args.data}")
        work = workload(size, args.data, with_po4a=with_po4a)
        inputs = Inputs(work, text_v3, text_2008, TEXT_CONCEPTS)
        for stage in segment_stages:
            rows += _run_stage(stage, size, inputs, args.repeat)
    concept_stages = [s for s in stages if s.axis == "concepts"]
    if concept_stages:
        work = workload(args.growth_catalogue, args.data, with_po4a=with_po4a)
        for count in args.glossary_sizes:
            v3, old = glossary_files(count, args.data)
            inputs = Inputs(work, v3, old, count)
            for stage in concept_stages:
                rows += _run_stage(stage, count, inputs, args.repeat)
    memory_stages = [s for s in stages if s.axis == "units"]
    for size in args.tm_sizes if memory_stages else ():
        _say(f"translation memory of {size:,} units: generating or reusing under {args.data}")
        memory = tm_memory(size, args.data)
        inputs = Inputs(None, text_v3, text_2008, TEXT_CONCEPTS, memory, size,
                        args.pot2po_limit)
        for stage in memory_stages:
            rows += _run_stage(stage, size, inputs, args.repeat)
    return {"rows": rows, "growth": growth(rows), "machine": machine()}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    result = run(args)
    command = "python -m benchmarks " + shlex.join(argv)
    table = markdown(result["rows"], result["growth"], result["machine"], command.strip())
    print(table, end="")
    if args.markdown:
        args.markdown.write_text(table, "utf-8")
    if args.out:
        report = {"command": command.strip(), "machine": result["machine"],
                  "rows": [row.as_json() for row in result["rows"]], "growth": result["growth"]}
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
