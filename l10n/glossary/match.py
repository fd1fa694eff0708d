"""Find glossary terms in text: inflection-aware, nested, explainable.

    index = TermIndex(glossary, "ru", role="target")
    for m in index.find(text):
        print(m.concept_id, m.text, m.how, [c.concept_id for c in m.contained])

How it works. The text is cut into *units* (words; Chinese characters; the two halves of a
French or Spanish contraction), each mapped to a morphological key (see ``morph``). The keys
are joined with a separator and one Aho-Corasick automaton, built over the key sequences of all
terms, finds every term occurrence in one pass, so matching time follows the text length and
hardly depends on the glossary size. Words with several analyses (Arabic proclitics, Russian
homographs) are then tried through anchored walks of the same automaton used as a trie.

Every candidate is then checked (case for acronyms, word boundaries at hyphens) and resolved:
leftmost-longest, non-overlapping; shorter concepts inside a match are reported in
``Match.contained``, never as separate hits. ``Match.how`` says why a term matched: "exact"
(the same characters), "normalised" (case, diacritics, alef forms, middle dots, hyphen vs
space) or "inflected" (only the lemma or stem sequence, a clitic, a contraction or an omitted
leading article).

Russian homograph шейха (genitive of шейх, or the female title): the stem key of both is шейх,
so шейха matches whatever the glossary allows; the rest of the term (the name) decides between
"шейх Тамим…" and "шейха Алья…", and the bare title concept "шейх / шейха" matches either.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ..errors import ConfigError
from .model import Glossary, LanguageSection, Status, Term, TermType
from .morph import Alt, Unit, analyse
from .normalise import Rules, is_acronym_like, load_rules

SEP = "\x1f"
ROLES = ("source", "target", "any")
HOW_RANK = {"exact": 0, "normalised": 1, "inflected": 2}
STATUS_RANK = {Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}
MAX_KEY_PATHS = 64  # analyses combinations indexed per term (Russian homographs)
MAX_FRONTIER = 64
FIND_MEMO = 32_768  # texts whose matches each index remembers (the checks ask several times)


@dataclass(frozen=True)
class Match:
    """One occurrence of a glossary term in a text."""

    concept_id: str
    lang: str
    term: Term
    start: int
    end: int
    text: str
    how: str
    contained: tuple["Match", ...] = ()


@dataclass(frozen=True)
class _Entry:
    """One written form of a term, as indexed."""

    concept_id: str
    term_pos: int
    variant: str
    forms: tuple[str, ...]
    cased: tuple[str, ...] | None  # set when the form is case-sensitive
    lead: str  # characters before the first word ("《") or after the last ("." of "H.E.")
    trail: str
    article_dropped: bool
    status_rank: int


@dataclass(frozen=True)
class _Cand:
    i: int
    j: int
    start: int
    end: int
    entry: int
    how: str
    top: bool


FEMININE = re.compile(r"(?<=\w)\(e\)")


def term_variants(text: str, rules: Rules) -> list[str]:
    """The written forms a term stands for.

    "His Excellency / Her Excellency (H.E.)" gives three forms, "Excelentísimo Señor /
    Excelentísima Señora (Excmo. Sr. / Excma. Sra.)" four, and "Qatar (le)" gives "Qatar" (a
    UNTERM-style article in brackets). A leading article is made optional when indexing.
    """
    text = text.strip()
    pieces = [text]
    m = re.fullmatch(r"(.*?\S)\s*\(([^()]+)\)", text)
    if m:
        main, inner = m.group(1), m.group(2).strip()
        if inner.casefold() in rules.parenthetical_articles:
            pieces = [main]
        elif "." in inner or is_acronym_like(inner):
            pieces = [main, inner]
    out: list[str] = []
    for piece in pieces:
        for form in re.split(r"\s+/\s+", piece):
            # "Représentant(e) permanent(e)": the masculine and the feminine form
            forms = [FEMININE.sub("", form), FEMININE.sub("e", form)] if FEMININE.search(form) else [form]
            for one in forms:
                if one and one not in out:
                    out.append(one)
    return out + [v for v in map(lambda f: _indefinite(f, rules), out) if v and v not in out]


SLOT = re.compile(r"\[[^\[\]]+\]")
SLOT_DOMAINS = ("place", "body")


def slot_fillers(glossary: Glossary, lang: str, rules: Rules) -> tuple[str, ...]:
    """What may stand in a term's slot, such as "[country]" in "Permanent Representative of
    [country] to the United Nations": every accepted term of the glossary's places and bodies
    in that language ("卡塔尔国", "Бельгия"), so that the filled title is found, inflected or not."""
    found: dict[str, None] = {}
    for concept_id in sorted(glossary.concepts):
        concept = glossary.concepts[concept_id]
        if concept.domain not in SLOT_DOMAINS:
            continue
        for term in concept.terms(lang):
            if term.status is not Status.DEPRECATED and not SLOT.search(term.text):
                found.update(dict.fromkeys(term_variants(term.text, rules)))
    return tuple(found)


def fill_slots(variants: list[str], fillers: tuple[str, ...]) -> list[str]:
    """Each variant with its slot filled by every filler (a variant without a slot as it is)."""
    out: list[str] = []
    for variant in variants:
        if not SLOT.search(variant):
            out.append(variant)
            continue
        out.extend(SLOT.sub(lambda _m, f=filler: f, variant) for filler in fillers)
    return list(dict.fromkeys(out))


def _indefinite(form: str, rules: Rules) -> str | None:
    """A multi-word Arabic term without its article on every word: an indefinite mention
    ("وثيقتين ختاميتين" for "الوثيقة الختامية") drops it on the noun and its adjectives alike.
    A one-word term keeps it, so that "الثاني" (the second) is never found in "آل ثاني"."""
    article = rules.indefinite_article
    words = form.split()
    if not article or len(words) < 2 or not words[0].startswith(article):
        return None
    return " ".join(w[len(article):] if w.startswith(article) and len(w) > len(article) + 1
                    else w for w in words)


def _key_paths(units: list[Unit]) -> list[tuple[str, ...]]:
    options = [
        tuple(dict.fromkeys((u.key,) + tuple(a.key for a in u.alts if a.anywhere)))
        for u in units
    ]
    return list(itertools.islice(itertools.product(*options), MAX_KEY_PATHS))


def _is_case_sensitive(term: Term, variant: str) -> bool:
    acronym_types = (TermType.ABBREVIATION, TermType.ACRONYM)
    return term.case_sensitive or term.type in acronym_types or is_acronym_like(variant)


def _case_agrees(text_cased: str, term_cased: str) -> bool:
    """Letter case agrees over the common prefix ("DESA" vs "desa" fails, "SDGs" vs "SDG" passes)."""
    return all(a.isupper() == b.isupper() for a, b in zip(text_cased, term_cased))


class TermIndex:
    """All terms of one language of a glossary, ready to be found in texts of that language."""

    def __init__(self, glossary: Glossary, lang: str, *, role: str = "any"):
        if role not in ROLES:
            raise ConfigError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        self.lang = lang
        self.role = role
        self._rules = load_rules(lang)
        self._entries: list[_Entry] = []
        self._terms: dict[tuple[str, int], Term] = {}
        self._max_units = 0
        self._automaton = ahocorasick.Automaton()
        self._memo = lru_cache(maxsize=FIND_MEMO)(self._find)
        patterns: dict[str, list[int]] = {}
        self._fillers = slot_fillers(glossary, lang, self._rules)
        for concept_id in sorted(glossary.concepts):
            section = glossary.concepts[concept_id].languages.get(lang)
            if section is None or not self._eligible(section):
                continue
            for pos, term in enumerate(section.terms):
                self._terms[(concept_id, pos)] = term
                self._index_term(concept_id, pos, term, patterns)
        for pattern, ids in patterns.items():
            self._automaton.add_word(pattern, (pattern.count(SEP) - 1, tuple(ids)))
        if patterns:
            self._automaton.make_automaton()

    def _eligible(self, section: LanguageSection) -> bool:
        if self.role == "source":
            return section.check_as_source
        if self.role == "target":
            return section.check_as_target
        return True

    def _index_term(self, concept_id: str, pos: int, term: Term, patterns: dict) -> None:
        for variant in fill_slots(term_variants(term.text, self._rules), self._fillers):
            units = analyse(variant, self._rules, peel=False)
            if not units:
                continue
            sensitive = _is_case_sensitive(term, variant)
            self._add_entry(concept_id, pos, term, variant, units, sensitive, False, patterns)
            first, second = units[0], units[1] if len(units) > 1 else None
            if second and first.form in self._rules.articles and second.start != first.start:
                rest = variant[second.start :]
                shifted = [u._replace(start=u.start - second.start, end=u.end - second.start)
                           for u in units[1:]]
                self._add_entry(concept_id, pos, term, rest, shifted, sensitive, True, patterns)

    def _add_entry(self, concept_id: str, pos: int, term: Term, variant: str, units: list[Unit],
                   sensitive: bool, dropped: bool, patterns: dict) -> None:
        entry = _Entry(
            concept_id=concept_id,
            term_pos=pos,
            variant=variant,
            forms=tuple(u.form for u in units),
            cased=tuple(u.cased for u in units) if sensitive else None,
            lead=variant[: units[0].start],
            trail=variant[units[-1].end :],
            article_dropped=dropped,
            status_rank=STATUS_RANK.get(term.status, 1),
        )
        eid = len(self._entries)
        self._entries.append(entry)
        self._max_units = max(self._max_units, len(units))
        for keys in _key_paths(units):
            ids = patterns.setdefault(SEP + SEP.join(keys) + SEP, [])
            if not ids or ids[-1] != eid:
                ids.append(eid)

    def __len__(self) -> int:
        """Number of indexed written forms."""
        return len(self._entries)

    # -- matching -------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Top-level matches in text order, non-overlapping, longest first; nested ones in ``contained``.

        Results are remembered per text (bounded, least recently used first out): the
        terminology checks ask for the same source in every language and for the same
        translation more than once. Matches are frozen, so sharing them is safe.
        """
        if not self._entries or not text:
            return []
        return list(self._memo(text))

    def _find(self, text: str) -> tuple[Match, ...]:
        units = analyse(text, self._rules)
        cands = self._candidates(text, units)
        cands.sort(key=lambda c: (c.i, -(c.j - c.i), c.start))
        firsts = [c.i for c in cands]
        return tuple(self._resolve(text, cands, (cands, firsts), top_only=True, exclude=frozenset()))

    def concepts_in(self, text: str) -> set[str]:
        """Ids of every concept found in ``text``, at top level or contained."""
        found: set[str] = set()
        stack = list(self.find(text))
        while stack:
            match = stack.pop()
            found.add(match.concept_id)
            stack.extend(match.contained)
        return found

    def _raw_hits(self, units: list[Unit]) -> list[tuple[int, int, Alt | None, tuple[int, ...]]]:
        """(first unit, end unit, start analysis, entry ids) for every key-sequence hit."""
        parts = [SEP]
        unit_at_sep: dict[int, int] = {}
        pos = 1
        for n, unit in enumerate(units):
            parts.append(unit.key + SEP)
            pos += len(unit.key) + 1
            unit_at_sep[pos - 1] = n
        hits = []
        for end, (count, ids) in self._automaton.iter("".join(parts)):
            last = unit_at_sep[end]
            hits.append((last - count + 1, last + 1, None, ids))
        anywhere = any(a.anywhere for u in units for a in u.alts)
        for n, unit in enumerate(units):
            if anywhere or unit.alts:
                hits.extend(self._walk(units, n))
        return hits

    def _walk(self, units: list[Unit], i: int) -> list[tuple[int, int, Alt | None, tuple[int, ...]]]:
        """Anchored walk from unit ``i`` trying every analysis of every unit."""
        ac = self._automaton
        first: list[tuple[str, Alt | None]] = [(units[i].key, None)]
        first += [(a.key, a) for a in units[i].alts]
        frontier: dict[str, Alt | None] = {}
        for key, alt in first:
            prefix = SEP + key + SEP
            if prefix not in frontier and ac.match(prefix):
                frontier[prefix] = alt
        hits = []
        k = i
        while frontier:
            for prefix, alt in frontier.items():
                value = ac.get(prefix, None)
                if value is not None:
                    hits.append((i, k + 1, alt, value[1]))
            k += 1
            if k >= len(units) or k - i >= self._max_units:
                break
            unit = units[k]
            options = dict.fromkeys([unit.key] + [a.key for a in unit.alts if a.anywhere])
            grown: dict[str, Alt | None] = {}
            for prefix, alt in frontier.items():
                for key in options:
                    longer = prefix + key + SEP
                    if longer not in grown and ac.match(longer):
                        grown[longer] = alt
                if len(grown) >= MAX_FRONTIER:
                    break
            frontier = grown
        return hits

    def _candidates(self, text: str, units: list[Unit]) -> list[_Cand]:
        seen: set[tuple[int, int, int, int]] = set()
        out: list[_Cand] = []
        for i, j, alt, ids in self._raw_hits(units):
            for eid in ids:
                entry = self._entries[eid]
                if entry.cased is not None and not self._case_ok(units, i, j, alt, entry):
                    continue
                start, end = self._span(text, units, i, j, alt, entry)
                if (i, j, eid, start) in seen:
                    continue
                seen.add((i, j, eid, start))
                how = self._how(text[start:end], units, i, j, alt, entry)
                top = units[i].head and units[j - 1].tail
                out.append(_Cand(i, j, start, end, eid, how, top))
        return out

    @staticmethod
    def _case_ok(units: list[Unit], i: int, j: int, alt: Alt | None, entry: _Entry) -> bool:
        if alt is not None and not alt.anywhere:
            return True  # Arabic clitic readings: the script has no case
        return all(_case_agrees(u.cased, c) for u, c in zip(units[i:j], entry.cased or ()))

    @staticmethod
    def _span(text: str, units: list[Unit], i: int, j: int, alt: Alt | None, entry: _Entry):
        start = alt.start if alt is not None else units[i].start
        end = units[j - 1].end
        if entry.lead and text[max(0, start - len(entry.lead)) : start] == entry.lead:
            start -= len(entry.lead)
        if entry.trail and text[end : end + len(entry.trail)] == entry.trail:
            end += len(entry.trail)
        return start, end

    def _how(self, surface: str, units: list[Unit], i: int, j: int, alt: Alt | None, entry: _Entry) -> str:
        term = self._terms[(entry.concept_id, entry.term_pos)]
        if surface == term.text or (surface == entry.variant and not entry.article_dropped):
            return "exact"
        if entry.article_dropped or not units[i].token_first or (alt is not None and not alt.clean):
            return "inflected"
        forms = (alt.form if alt is not None else units[i].form,) + tuple(u.form for u in units[i + 1 : j])
        return "normalised" if forms == entry.forms else "inflected"

    def _rank(self, c: _Cand) -> tuple:
        entry = self._entries[c.entry]
        return (c.i, -(c.j - c.i), HOW_RANK[c.how], entry.status_rank, entry.article_dropped,
                entry.concept_id, entry.term_pos, c.start)

    def _resolve(self, text: str, pool: list[_Cand], everything: tuple[list[_Cand], list[int]], *,
                 top_only: bool, exclude: frozenset[str]) -> list[Match]:
        """Leftmost-longest selection; whatever lies inside a chosen match becomes ``contained``.

        ``everything`` is every candidate sorted by first unit, with the list of first units.
        """
        eligible = [c for c in pool if (c.top or not top_only)
                    and self._entries[c.entry].concept_id not in exclude]
        eligible.sort(key=self._rank)
        cands, firsts = everything
        matches: list[Match] = []
        reached = -1
        for c in eligible:
            if c.i < reached:
                continue
            reached = c.j
            entry = self._entries[c.entry]
            lo, hi = bisect.bisect_left(firsts, c.i), bisect.bisect_left(firsts, c.j)
            inner = [d for d in cands[lo:hi] if d.j <= c.j and d is not c]
            contained = self._resolve(text, inner, everything, top_only=False,
                                      exclude=exclude | {entry.concept_id}) if inner else []
            matches.append(Match(entry.concept_id, self.lang, self._terms[(entry.concept_id, entry.term_pos)],
                                 c.start, c.end, text[c.start:c.end], c.how, tuple(contained)))
        return matches


__all__ = ["Match", "TermIndex", "term_variants"]
