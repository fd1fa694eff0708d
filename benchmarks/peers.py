"""Peer programs the benchmark runs as whole commands: ``python -m benchmarks.peers NAME ...``.

    terms GLOSSARY_2008.tbx PO_DIR   a Weblate-style term check over po/<lang>/*.po
    l10n-mo OUT PO_DIR               l10n's compile_mo on every catalogue, in one process
    babel-mo OUT PO_DIR              Babel's read_po + write_mo (what pybabel compile runs)
    l10n-glossary TBX                l10n's load_glossary (every concept, term and note)
    l10n-compiled TBX                l10n's glossary ready for the checks, compiled by an
                                     earlier run: opened, and its six term indexes loaded
    tt-tbx TBX                       translate-toolkit's TBX reader (translate.storage.tbx)
    tt-tbx-terms TBX                 the same, then every term of every language read from it
    tt-tmx TMX                       translate-toolkit's TMX reader (translate.storage.tmx)
    l10n-tm-lookup SQLITE POT LANG   l10n's Memory.lookup for every msgid of POT, one process

The Weblate-style check is written from the description of how Weblate matches glossary
terms: one Aho-Corasick automaton over the lower-cased source terms, matches kept where
non-word characters (or the ends) surround them; for each concept found, a case-insensitive
whole-word regular expression per target term on the translation (a substring test for
Chinese). A concept is reported when no acceptable target term is there, or when a deprecated
one is. No stemming, no inflection. Catalogues are read with polib (l10n reads them with its
own reader, which builds the same polib objects).

translate-toolkit's ``tbxfile`` parses the file and wraps each termEntry, reading no term until
asked; ``tt-tbx-terms`` then asks, as any use of a glossary does: the terms (with status and
notes) of every language of every entry, through ``get_target_terms``. l10n's loader builds
all of that at once.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tbx_2008(path: Path) -> dict[str, dict[str, list[tuple[str, bool]]]]:
    """concept id -> lang -> [(term, deprecated)] from a martif file."""
    from lxml import etree

    concepts: dict[str, dict[str, list[tuple[str, bool]]]] = {}
    for _, entry in etree.iterparse(str(path), tag="termEntry"):
        langs: dict[str, list[tuple[str, bool]]] = {}
        for lang_set in entry.iter("langSet"):
            lang = lang_set.get(XML_LANG)
            for tig in lang_set.iter("tig"):
                status = tig.findtext("termNote") or ""
                langs.setdefault(lang, []).append((tig.findtext("term") or "",
                                                   status.startswith("deprecated")))
        concepts[entry.get("id")] = langs
        entry.clear()
    return concepts


@lru_cache(maxsize=None)
def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


def _present(term: str, text: str, lang: str) -> bool:
    if lang == "zh":
        return term.lower() in text.lower()
    return _pattern(term).search(text) is not None


class WeblateTerms:
    """The matcher: source automaton, target whole-word regexes."""

    def __init__(self, concepts: dict, source_lang: str = "en"):
        import ahocorasick

        self.concepts = concepts
        self.automaton = ahocorasick.Automaton()
        keys: dict[str, set[str]] = {}
        for concept_id, langs in concepts.items():
            for term, _ in langs.get(source_lang, ()):
                keys.setdefault(term.lower(), set()).add(concept_id)
        for key, ids in keys.items():
            self.automaton.add_word(key, (len(key), tuple(sorted(ids))))
        self.automaton.make_automaton()

    def source_concepts(self, source: str) -> set[str]:
        lowered = source.lower()
        found: set[str] = set()
        for end, (length, ids) in self.automaton.iter(lowered):
            start = end - length + 1
            if (start == 0 or not lowered[start - 1].isalnum()) and \
                    (end + 1 >= len(lowered) or not lowered[end + 1].isalnum()):
                found.update(ids)
        return found

    def findings(self, source: str, target: str, lang: str) -> list[str]:
        out = []
        for concept_id in sorted(self.source_concepts(source)):
            terms = self.concepts[concept_id].get(lang, ())
            good = [t for t, deprecated in terms if not deprecated]
            bad = [t for t, deprecated in terms if deprecated]
            if good and not any(_present(t, target, lang) for t in good):
                out.append(concept_id)
            elif any(_present(t, target, lang) for t in bad):
                out.append(concept_id)
        return out


def _catalogues(po_dir: Path):
    for path in sorted(po_dir.glob("*/*.po")):
        yield path.parent.name, path


def terms(glossary: str, po_dir: str) -> int:
    import polib

    matcher = WeblateTerms(read_tbx_2008(Path(glossary)))
    count = 0
    for lang, path in _catalogues(Path(po_dir)):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                count += len(matcher.findings(entry.msgid, entry.msgstr, lang))
    print(f"{count} findings")
    return 0


def l10n_mo(out: str, po_dir: str) -> int:
    from l10n.catalog.po import compile_mo, read_po

    for lang, path in _catalogues(Path(po_dir)):
        target = Path(out) / lang / f"{path.stem}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compile_mo(read_po(path)))
    return 0


def babel_mo(out: str, po_dir: str) -> int:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for lang, path in _catalogues(Path(po_dir)):
        target = Path(out) / lang / f"{path.stem}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        with target.open("wb") as handle:
            write_mo(handle, catalog)
    return 0


def l10n_glossary(path: str) -> int:
    from l10n.glossary.store import load_glossary

    glossary = load_glossary(path)
    terms = sum(len(section.terms) for concept in glossary.concepts.values()
                for section in concept.languages.values())
    print(f"{len(glossary.concepts)} concepts, {terms} terms")
    return 0


def l10n_compiled(path: str) -> int:
    from l10n.glossary.cache import open_glossary, term_index

    glossary = open_glossary(path)
    indexes = [term_index(glossary, "en", "source")]
    indexes += [term_index(glossary, lang, "target") for lang in ("ar", "es", "fr", "ru", "zh")]
    print(f"{len(glossary.concepts)} concepts, {sum(map(len, indexes))} indexed forms")
    return 0


def tt_tbx(path: str) -> int:
    from translate.storage.tbx import tbxfile

    with open(path, "rb") as handle:
        store = tbxfile.parsefile(handle)
    print(f"{len(store.units)} units")
    return 0


def tt_tbx_terms(path: str) -> int:
    from translate.storage.tbx import tbxfile

    with open(path, "rb") as handle:
        store = tbxfile.parsefile(handle)
    count = 0
    for unit in store.units:
        for node in unit.getlanguageNodes():
            lang = node.get(XML_LANG)
            count += len(unit.get_target_terms(lang))
    print(f"{len(store.units)} units, {count} terms")
    return 0


def tt_tmx(path: str) -> int:
    from translate.storage.tmx import tmxfile

    with open(path, "rb") as handle:
        store = tmxfile.parsefile(handle)
    print(f"{len(store.units)} units")
    return 0


def l10n_tm_lookup(memory_file: str, template: str, lang: str) -> int:
    from l10n.catalog.po import read_po
    from l10n.tm.memory import open_memory

    found = 0
    with open_memory(path=memory_file) as memory:
        for entry in read_po(template):
            if entry.msgid:
                found += bool(memory.lookup(entry.msgid, "en", lang, limit=1))
        examined = memory.backend.examined
    print(f"{found} matched; {examined} index rows examined")
    return 0


COMMANDS = {"terms": terms, "l10n-mo": l10n_mo, "babel-mo": babel_mo,
            "l10n-glossary": l10n_glossary, "l10n-compiled": l10n_compiled, "tt-tbx": tt_tbx,
            "tt-tbx-terms": tt_tbx_terms, "tt-tmx": tt_tmx, "l10n-tm-lookup": l10n_tm_lookup}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(f"usage: python -m benchmarks.peers {{{','.join(COMMANDS)}}} ARGS...",
              file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](*argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
