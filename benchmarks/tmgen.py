"""Translation memory workloads: a memory of N units and a new document that reuses it.

    <data>/tm/m<N>/memory.tmx       N <tu>, English source, French translation (TMX 1.4b)
    <data>/tm/m<N>/compendium.po    the same units as a French PO compendium (msgmerge -C)
    <data>/tm/m<N>/memory.s<S>.sqlite   the same units imported by `l10n tm import` (untimed),
                                    one file per schema S of the store (sqlite_store's
                                    SCHEMA_VERSION), made when missing; schema 1's is
                                    memory.sqlite
    <data>/tm/m<N>/project/         pyproject.toml, po/new.pot, po/fr/new.po (untranslated)

Memory sentences come from benchmarks.textgen's UN-like templates (fixed seed), translated by
benchmarks.pseudo; the memory of 10,000 units is the first tenth of the memory of 100,000, and
so on. The new document (DOC_SEGMENTS sentences, the same at every memory size) is drawn from
the first 10,000 sentences, as a follow-up document reuses its predecessors: 40 % verbatim,
30 % renumbered (every number changed: dates, symbols, paragraph numbers), 15 % reworded
(textgen's rewordings) and 15 % new sentences.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks import glossgen, textgen
from benchmarks.generate import SEED, TEXT_CONCEPTS, _fresh, bin_path
from benchmarks.pseudo import translate
from l10n.tm.sqlite_store import SCHEMA_VERSION

VERSION = "1"
LANG = "fr"
DOC_SEGMENTS = 500
REUSED_FROM = 10_000  # the new document reuses sentences of the first 10,000 units
PYPROJECT = """[project]
name = "tm-benchmark"
version = "0"

[tool.l10n]
source-language = "en"
languages = ["en", "fr"]
"""
_NUMBER = re.compile(r"\d+")


def sentences(count: int) -> list[str]:
    """``count`` distinct UN-like sentences; each count's list is a prefix of a larger one's."""
    rng = random.Random(SEED + 16)
    writer = textgen.Writer(rng, glossgen.concepts(TEXT_CONCEPTS))
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault(writer.sentence(), None)
    return list(seen)


def renumber(text: str, rng: random.Random) -> str:
    """Every number of ``text`` changed (within the same number of digits where it can)."""
    def change(found: re.Match) -> str:
        digits = found.group(0)
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
        value = rng.randint(low, 10 ** len(digits) - 1)
        return str(value if value != int(digits) else (value % (10 ** len(digits) - 1)) + 1)
    return _NUMBER.sub(change, text)


def new_document(memory: list[str]) -> list[str]:
    """The follow-up document's sentences (see the module's docstring), in order, distinct."""
    rng = random.Random(SEED + 17)
    writer = textgen.Writer(rng, glossgen.concepts(TEXT_CONCEPTS))
    pool = memory[:REUSED_FROM]
    out: dict[str, None] = {}
    while len(out) < DOC_SEGMENTS:
        roll, sentence = rng.random(), rng.choice(pool)
        if roll < 0.40:
            out.setdefault(sentence, None)
        elif roll < 0.70:
            out.setdefault(renumber(sentence, rng), None)
        elif roll < 0.85:
            out.setdefault(textgen._reword(sentence, rng), None)
        else:
            out.setdefault(writer.sentence(), None)
    return list(out)


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: tm-benchmark\\n"\n'
           '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
           '{language}\n')


def write_tmx(units: list[tuple[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="tmgen" creationtoolversion="1" segtype="sentence" '
                  'o-tmf="tmgen" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
        for source, target in units:
            out.write(f'<tu><tuv xml:lang="en"><seg>{escape(source)}</seg></tuv>'
                      f'<tuv xml:lang="{LANG}"><seg>{escape(target)}</seg></tuv></tu>\n')
        out.write("</body>\n</tmx>\n")


def write_po(entries: list[tuple[str, str]], path: Path, language: str | None) -> None:
    header = _HEADER.format(language=f'"Language: {language}\\n"\n' if language else "")
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for msgid, msgstr in entries:
            out.write(f"\nmsgid {_po_string(msgid)}\nmsgstr {_po_string(msgstr)}\n")


class Memory:
    """The files of one memory size (see the module's docstring)."""

    def __init__(self, root: Path):
        self.root = root

    tmx = property(lambda self: self.root / "memory.tmx")
    compendium = property(lambda self: self.root / "compendium.po")
    # per schema: a memory opened for writing is migrated in place, and the same data folder
    # may serve an l10n of the older schema too
    sqlite = property(lambda self: self.root / ("memory.sqlite" if SCHEMA_VERSION == "1" else
                                                f"memory.s{SCHEMA_VERSION}.sqlite"))
    project = property(lambda self: self.root / "project")
    template = property(lambda self: self.root / "project" / "po" / "new.pot")
    catalogue = property(lambda self: self.root / "project" / "po" / LANG / "new.po")


def memory(size: int, data: Path) -> Memory:
    """The memory of ``size`` units and its new document, generated when missing or stale."""
    root = data / "tm" / f"m{size}"
    stamp = f"{VERSION} {size} {SEED}\n"
    result = Memory(root)
    if _fresh(root, stamp):
        if not result.sqlite.is_file():
            _import(result)
        return result
    if root.exists():
        shutil.rmtree(root)
    (root / "project" / "po" / LANG).mkdir(parents=True)
    texts = sentences(max(size, REUSED_FROM))
    units = [(text, translate(text, LANG)) for text in texts[:size]]
    write_tmx(units, result.tmx)
    write_po(units, result.compendium, LANG)
    del units
    document = new_document(texts)
    (root / "project" / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    write_po([(text, "") for text in document], result.template, None)
    write_po([(text, "") for text in document], result.catalogue, LANG)
    _import(result)
    (root / "STAMP").write_text(stamp)
    return result


def _import(result: Memory) -> None:
    """The l10n memory of the TMX (into a temporary file first: never a half-made one)."""
    partial = result.sqlite.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    subprocess.run([bin_path("l10n"), "-C", str(result.project), "tm", "import",
                    "--memory", str(partial), str(result.tmx)], check=True,
                   stdout=subprocess.DEVNULL)
    partial.replace(result.sqlite)
