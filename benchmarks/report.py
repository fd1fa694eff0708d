"""The benchmark report: rows per stage, size and peer; growth per 10x; the machine; Markdown."""

from __future__ import annotations

import math
import os
import platform
import re
import subprocess
from dataclasses import asdict, dataclass

from benchmarks.measure import Timing


@dataclass(frozen=True)
class Row:
    stage: str
    axis: str  # "segments", "concepts" or "units" (translation memory)
    size: int
    tool: str
    tool_median: float
    tool_peak_mb: float
    peer: str
    peer_median: float
    peer_peak_mb: float
    tool_runs: tuple[float, ...]
    peer_runs: tuple[float, ...]
    tool_cpu: float = 0.0  # median CPU seconds (user + system, worker processes included)
    peer_cpu: float = 0.0

    @property
    def ratio(self) -> float:
        """Peer time / l10n time: above 1 means l10n is faster."""
        return self.peer_median / self.tool_median if self.tool_median else math.inf

    @property
    def cpu_ratio(self) -> float:
        """Peer CPU time / l10n CPU time: above 1 means l10n costs the machine less."""
        return self.peer_cpu / self.tool_cpu if self.tool_cpu else math.inf

    def as_json(self) -> dict:
        return {**asdict(self), "ratio": round(self.ratio, 3),
                "cpu_ratio": round(self.cpu_ratio, 3)}


def rows_for(stage: str, axis: str, size: int, timings: dict[str, Timing], l10n: str,
             exclude: list[str] | tuple[str, ...] = ()) -> list[Row]:
    """One row per peer of the l10n contender ``l10n`` (other l10n contenders, in ``exclude``,
    are not its peers)."""
    mine = timings[l10n]
    return [Row(stage, axis, size, l10n, mine.median, mine.peak_mb, name, other.median,
                other.peak_mb, tuple(mine.seconds), tuple(other.seconds), mine.cpu_median,
                other.cpu_median)
            for name, other in timings.items() if name != l10n and name not in exclude]


def growth(rows: list[Row]) -> list[dict]:
    """Time growth per 10x of size, between consecutive sizes, for l10n and each peer."""
    series: dict[tuple[str, str], dict[int, float]] = {}
    for row in rows:
        series.setdefault((row.stage, row.tool), {})[row.size] = row.tool_median
        series.setdefault((row.stage, row.peer), {})[row.size] = row.peer_median
    out = []
    for (stage, tool), points in series.items():
        sizes = sorted(points)
        for low, high in zip(sizes, sizes[1:]):
            if points[low] <= 0:
                continue
            factor = (points[high] / points[low]) ** (1 / math.log10(high / low))
            out.append({"stage": stage, "tool": tool, "from": low, "to": high,
                        "per_10x": round(factor, 2)})
    return out


def _version(argv: list[str], pattern: str = r"\d+(\.\d+)+") -> str:
    try:
        text = subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "absent"
    found = re.search(pattern, text)
    return found.group(0) if found else "unknown"


def machine() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    memory = "unknown"
    try:
        with open("/proc/meminfo") as handle:
            kib = int(handle.readline().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    info = {"nproc": str(os.cpu_count()), "memory": memory, "cpu": _cpu(),
            "python": platform.python_version(), "system": platform.platform()}
    for package in ("l10n", "translate-toolkit", "polib", "babel", "lxml", "pyahocorasick"):
        try:
            info[package] = version(package)
        except PackageNotFoundError:
            info[package] = "absent"
    info["gettext"] = _version(["msgmerge", "--version"])
    info["po4a"] = _version(["po4a-updatepo", "--version"])
    return info


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def markdown(rows: list[Row], growths: list[dict], info: dict[str, str], command: str) -> str:
    lines = [f"Command: `{command}`", "",
             "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), "",
             "| stage | size | l10n | l10n wall (s) | l10n CPU (s) | peer | peer wall (s) "
             "| peer CPU (s) | ratio | CPU ratio | l10n peak (MB) | peer peak (MB) |",
             "|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        unit = {"segments": "", "units": " units"}.get(row.axis, " concepts")
        lines.append(f"| {row.stage} | {row.size:,}{unit} | {row.tool} | {row.tool_median:.2f} "
                     f"| {row.tool_cpu:.2f} | {row.peer} | {row.peer_median:.2f} "
                     f"| {row.peer_cpu:.2f} | {row.ratio:.2f} | {row.cpu_ratio:.2f} "
                     f"| {row.tool_peak_mb:.0f} | {row.peer_peak_mb:.0f} |")
    if growths:
        lines += ["", "Growth of time per 10x size (10 = linear):", "",
                  "| stage | tool | from | to | per 10x |", "|---|---|---:|---:|---:|"]
        lines += [f"| {g['stage']} | {g['tool']} | {g['from']:,} | {g['to']:,} | {g['per_10x']} |"
                  for g in growths]
    return "\n".join(lines) + "\n"
