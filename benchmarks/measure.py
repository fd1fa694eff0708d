"""Timing whole commands: wall time, CPU time and the peak resident memory of each child.

Each contender is a list of commands run one after the other (msgmerge runs once per file,
html2po once per folder, l10n once per project). Its time is the wall time of the whole list;
its CPU time is the user and system time of every process the list ran, worker processes
included (the kernel adds a reaped child's time to its parent's children's time, so
``os.wait4`` on each command returns its whole tree's); its peak memory is the largest maximum
resident set size among those processes, as the kernel reports it for the reaped child (GNU
time's %M, else ``os.wait4``), so l10n's start-up is counted like anyone's. l10n uses every
core and most peers use one: wall time is what a user waits, CPU time what the machine pays.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

Commands = list[list[str]]


@dataclass(frozen=True)
class Contender:
    """One tool on one workload. ``setup(scratch)`` prepares a fresh folder (not timed) and
    returns the commands to time."""

    name: str
    setup: Callable[[Path], Commands]
    is_l10n: bool = False


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds) if self.cpu_seconds else 0.0

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb) / 1024


# GNU time forks the command from its own small process. Measured straight from this process,
# a child's maximum resident size would include ours at the time of the fork (Linux keeps the
# high-water mark of the memory image that exec replaces), so it is used when present.
TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None


def _peak_kb(path: Path) -> int:
    try:
        return int(path.read_text().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return 0


class CommandFailed(RuntimeError):
    pass


def environment() -> dict[str, str]:
    """The children's environment: fixed date and locale, this checkout's benchmarks package
    importable, and bytecode allowed (see ``compile_packages``)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("SOURCE_DATE_EPOCH", "1762214400")
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH")]))
    env["LC_ALL"] = "C.UTF-8"
    return env


def with_cache(argv: list[str], cache: Path) -> list[str]:
    """``argv`` run with l10n's compiled glossaries kept in ``cache`` (l10n.glossary.cache)."""
    return ["env", f"L10N_CACHE_DIR={cache}", *argv]


_WORDS_LEARNT: set[tuple] = set()


def warm_cache(l10n: str, project: Path, cache: Path, glossary: Path | None = None, *,
               words: bool = True) -> None:
    """Compile the glossary into ``cache`` before the timing (``l10n glossary compile``), as
    a project's earlier runs (or a CI step after the glossary changed) would have done; with
    ``words``, also let the term indexes learn the project's words, as an earlier check of the
    same project would have (one untimed term check, once per benchmark run)."""
    argv = [l10n, "-C", str(project), "glossary", "compile"] + ([str(glossary)] if glossary else [])
    subprocess.run(with_cache(argv, cache), env=environment(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # the same catalogues (a round's copy of the project has them too) need learning once
    texts = tuple((str(p.relative_to(project)), p.stat().st_size)
                  for p in sorted(project.glob("po/*/*.po")))
    if words and (texts, cache, glossary) not in _WORDS_LEARNT:
        argv = [l10n, "-C", str(project), "check", "--select", "term-missing", "--fail-on",
                "never", "--format", "json", "-o", str(cache / "words-run.json")]
        argv += ["--glossary", str(glossary)] if glossary else []
        subprocess.run(with_cache(argv, cache), env=environment(), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _WORDS_LEARNT.add((texts, cache, glossary))


def run_commands(commands: Commands, cwd: Path, env: dict[str, str]) -> tuple[float, int, float]:
    """(wall seconds, peak KiB, CPU seconds) of the commands run in order; CommandFailed on a
    bad exit."""
    peak, cpu = 0, 0.0
    log = cwd / ".stderr"
    start = time.perf_counter()
    rss = cwd / ".maxrss"
    for argv in commands:
        wrapped = [TIME, "-f", "%M", "-o", str(rss), *argv] if TIME else argv
        with log.open("wb") as err:
            child = subprocess.Popen(wrapped, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        peak = max(peak, _peak_kb(rss) if TIME else usage.ru_maxrss)
        cpu += usage.ru_utime + usage.ru_stime  # the command's whole tree (and GNU time's own)
        if child.returncode != 0:
            message = log.read_text("utf-8", "replace").strip().splitlines()[-3:]
            raise CommandFailed(f"{' '.join(argv)} exited {child.returncode}: {message}")
    return time.perf_counter() - start, peak, cpu


def measure(contenders: list[Contender], repeat: int, scratch_root: Path | None = None,
            progress: Callable[[str], None] | None = None) -> dict[str, Timing]:
    """Time every contender ``repeat`` times, alternating them (l10n, peer, peer, l10n, ...)."""
    env = environment()
    timings = {c.name: Timing() for c in contenders}
    for round_ in range(repeat):
        for contender in contenders:
            scratch = Path(tempfile.mkdtemp(prefix="l10n-bench-", dir=scratch_root))
            try:
                commands = contender.setup(scratch)
                seconds, peak, cpu = run_commands(commands, scratch, env)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            timings[contender.name].seconds.append(seconds)
            timings[contender.name].peak_kb.append(peak)
            timings[contender.name].cpu_seconds.append(cpu)
            if progress:
                progress(f"  round {round_ + 1}: {contender.name}: {seconds:.2f} s "
                         f"({cpu:.2f} s CPU), {peak / 1024:.0f} MB")
    return timings


def copy_tree(source: Path, target: Path, pattern: str = "*") -> None:
    """Copy the files matching ``pattern`` (recursively) from ``source`` into ``target``."""
    for path in sorted(source.rglob(pattern)):
        if path.is_file():
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


def compile_packages() -> None:
    """Byte-compile l10n and the benchmarks package before anything is timed.

    The peers run from site-packages, which pip byte-compiled when it installed them; l10n
    installed in editable mode (and under PYTHONDONTWRITEBYTECODE, which some shells set)
    would otherwise compile its modules from source in every timed run, which an installed
    l10n never does.
    """
    import compileall
    import importlib.util

    for name in ("l10n", "benchmarks"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                compileall.compile_dir(folder, quiet=1)
