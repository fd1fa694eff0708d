"""Importing a TMX file is a stream: peak memory does not grow with the number of units.
Measured as the peak resident size (VmHWM) of a real `l10n tm import` process."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import peak_kib

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").is_file(),
                                reason="needs Linux's /proc/self/status (VmHWM)")



def generate(path: Path, units: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                  'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
                  'adminlang="en" srclang="en" datatype="plaintext"/><body>\n')
        for n in range(units):
            out.write(f'<tu><prop type="x-document">A/{n % 97}/1</prop><tuv xml:lang="en"><seg>'
                      f'The General Assembly, recalling its resolution {n} on item {n * 7}, '
                      f'decided to continue its work.</seg></tuv><tuv xml:lang="fr"><seg>'
                      f"L'Assemblée générale, rappelant sa résolution {n} sur le point {n * 7}, "
                      f'a décidé de poursuivre ses travaux.</seg></tuv><tuv xml:lang="zh-CN">'
                      f'<seg>大会回顾其关于项目{n * 7}的第{n}号决议，决定继续工作。</seg></tuv></tu>\n')
        out.write("</body></tmx>\n")


def import_peak(tmp_path: Path, tmx: Path | None) -> int:
    args = ["tm", "import", "--memory", str(tmp_path / f"{tmx.stem if tmx else 'none'}.sqlite")]
    if tmx is not None:
        args.append(str(tmx))
    else:
        args.append(str(tmp_path / "empty.tmx"))
    return peak_kib(["-C", str(tmp_path), *args])


def test_import_peak_memory_does_not_grow_with_the_file(tmp_path):
    generate(tmp_path / "empty.tmx", 0)
    small, large = tmp_path / "small.tmx", tmp_path / "large.tmx"
    generate(small, 5_000)
    generate(large, 40_000)  # about 12 MB
    base = import_peak(tmp_path, None)
    grown_small = import_peak(tmp_path, small) - base
    grown_large = import_peak(tmp_path, large) - base
    # eight times the units: a tree would take about eight times the memory (over 100 MB);
    # a stream holds one unit and SQLite's page cache (a few MB) whatever the size
    assert grown_large < 2 * grown_small + 8 * 1024, (base, grown_small, grown_large)
