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

Why it is fast. Most of the work is done once per distinct word, not per text: each index
remembers every word's keys as one string fragment and flags the words whose other analyses
begin or continue some term. A text is then one C-level split, one join of fragments and one
automaton pass; a text without a hit and without such a word is done (most sentences of a real
document). A text whose words are one unit each and need no walk (the usual one) is checked
word by word without placing any unit; otherwise only the units around a hit are placed
(``morph.TextUnits``), and walks start only where another analysis can matter
(``_walk_starts``): not for an analysis that every term accepting it accepts together with the
word's primary key (``Cover``: a Russian term word is indexed under all its lemmas, so the
same word in a text needs no walk), and a walk reports only paths through another analysis
(the automaton has the others).

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
from functools import lru_cache

import ahocorasick

from ...errors import ConfigError
from ...util.workers import collector_paused
from .records import (
    SEP,
    STATUS_RANK,
    Match,
    Candidate,
    case_agrees,
    IndexEntry,
    in_text_order,
    is_case_sensitive,
    key_paths,
    unit_options,
    Cover,
    new_tuple,
    rank,
    side_by_side,
    WordMemo,
    case_separates,
)
from ..model import Glossary, LanguageSection, Status, Term
from .morph import Alt, TextUnits, load_analysers, token_plan
from .normalise import load_rules, split_words, splitter
from .termforms import construct_titles, fill_slots, relational_adjectives, short_names, slot_fillers, term_variants, with_short_names

ROLES = ("source", "target", "any")
MAX_FRONTIER = 64
FIND_MEMO = 32_768  # texts whose matches each index remembers (the checks ask several times)
WORD_MEMO = 200_000  # distinct words whose keys each index remembers (then it starts afresh)


class TermIndex:
    """All terms of one language of a glossary, ready to be found in texts of that language."""

    def __init__(self, glossary: Glossary, lang: str, *, role: str = "any"):
        self._setup(lang, role)
        self._entries: list[IndexEntry] = []
        self._max_units = 0
        self._automaton = ahocorasick.Automaton()
        with collector_paused():
            self._build(glossary)
        self._empty = not self._entries

    def _setup(self, lang: str, role: str) -> None:
        """What every index has, built or restored: its language, rules and memos."""
        if role not in ROLES:
            raise ConfigError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        self.lang = lang
        self.role = role
        self._rules = load_rules(lang)
        self._split = splitter(self._rules)
        self._memo = lru_cache(maxsize=FIND_MEMO)(self._find)
        self._words = WordMemo(self._learn)

    def parts(self) -> tuple:
        """What ``restored`` needs to make this index again without building it: the
        automaton, the entries (each with the place of its term in the glossary instead of
        the term) and what the screen of a text consults. Plain data for l10n.glossary.cache."""
        entries = [(e.concept_id, e.term_pos, e.variant, e.forms, e.cased, e.lead, e.trail,
                    e.article_dropped, e.status_rank) for e in self._entries]
        return (self._automaton, entries, self._starts, self._covered, self._inner, self._max_units)

    @classmethod
    def restored(cls, lang: str, role: str, parts: tuple, entries) -> "TermIndex":
        """An index from ``parts()`` of an earlier one, with ``entries`` the sequence that
        makes each ``IndexEntry`` (see l10n.glossary.cache: terms are read when first hit)."""
        index = cls.__new__(cls)
        index._setup(lang, role)
        index._automaton, _, index._starts, index._covered, index._inner, index._max_units = parts
        index._entries = entries
        index._empty = not len(entries)
        return index

    def concept_ids(self, *, deprecated: bool = False) -> frozenset[str]:
        """The concepts this index has a term of (with ``deprecated``: a deprecated term),
        read from the entries' plain data, so a restored index reads no term for it."""
        key = "_deprecated_ids" if deprecated else "_concept_ids"
        found = self.__dict__.get(key)
        if found is None:
            rank = STATUS_RANK[Status.DEPRECATED]
            entries = self._entries
            rows = entries.raw() if hasattr(entries, "raw") else [
                (e.concept_id, e.status_rank) for e in entries]
            found = frozenset(row[0] for row in rows if not deprecated or row[-1] == rank)
            self.__dict__[key] = found
        return found

    def load_analysers(self) -> None:
        """Load what analysing a word of this language needs now (pymorphy3's dictionaries:
        0.06 s), not when the first word is learnt: so that a restored index, which analysed
        no term, lends them to the checks' worker processes instead of each loading them."""
        load_analysers(self._rules)

    def _build(self, glossary: Glossary) -> None:
        """Index every eligible term, fill the automaton, and note what the screen of each
        text needs (see ``_find``): the keys that begin a pattern, and the places after the
        first at which each key stands in some pattern."""
        patterns: dict[str, list[int]] = {}
        cover = Cover()
        self._fillers = slot_fillers(glossary, self.lang, self._rules)
        self._shorts = short_names(glossary, self.lang, self._rules)
        for concept_id in sorted(glossary.concepts):
            section = glossary.concepts[concept_id].languages.get(self.lang)
            if section is None or not self._eligible(section):
                continue
            concept = glossary.concepts[concept_id]
            by_case = case_separates(concept.languages.values())
            for pos, term in enumerate(section.terms):
                self._index_term(concept_id, pos, term, patterns, cover, by_case, concept.domain)
        for pattern, ids in patterns.items():
            self._automaton.add_word(pattern, (pattern.count(SEP) - 1, tuple(ids)))
        if patterns:
            self._automaton.make_automaton()
        self._starts = frozenset(p.split(SEP, 2)[1] for p in patterns)
        self._covered = cover.done()
        self._inner: dict[str, set[int]] = {}
        for pattern in patterns:
            for place, key in enumerate(pattern.split(SEP)[2:-1], 1):
                self._inner.setdefault(key, set()).add(place)

    def _eligible(self, section: LanguageSection) -> bool:
        if self.role == "source":
            return section.check_as_source
        if self.role == "target":
            return section.check_as_target
        return True

    def _index_term(self, concept_id: str, pos: int, term: Term, patterns: dict,
                    cover: Cover, by_case: bool = False, domain: str | None = None) -> None:
        rules = self._rules
        variants = with_short_names(term_variants(term.text, rules), self._shorts, rules)
        if domain == "place":
            variants = variants + relational_adjectives(variants, rules)
        elif domain == "title":
            variants = variants + construct_titles(variants, rules)
        for variant in fill_slots(variants, self._fillers):
            # a term needs only its units' plans and what precedes and follows its words:
            # no Unit is placed (parts are gap, word, gap, ..., gap; see split_words)
            parts = split_words(variant, rules)
            plans = [token_plan(word, rules, False) for word in parts[1::2]]
            if not plans:
                continue
            planned = [unit for plan in plans for unit in plan]
            lead, trail = parts[0], parts[-1]
            sensitive = is_case_sensitive(term, variant, by_case)
            self._add_entry(concept_id, pos, term, variant, planned, lead, trail, sensitive,
                            False, patterns, cover)
            # a leading article may be left out, unless it is half of a contraction ("du")
            if len(plans) > 1 and len(plans[0]) == 1 and planned[0][1] in rules.articles:
                second = len(parts[0]) + len(parts[1]) + len(parts[2])
                self._add_entry(concept_id, pos, term, variant[second:], planned[1:], "",
                                trail, sensitive, True, patterns, cover)

    def _add_entry(self, concept_id: str, pos: int, term: Term, variant: str, planned: list,
                   lead: str, trail: str, sensitive: bool, dropped: bool, patterns: dict,
                   cover: Cover) -> None:
        """Index one written form; ``planned`` holds its units' plans (``TextUnits.planned``)."""
        eid = len(self._entries)
        self._entries.append(new_tuple(IndexEntry, (
            concept_id, pos, term, variant, tuple([unit[1] for unit in planned]),
            tuple([unit[0] for unit in planned]) if sensitive else None, lead, trail, dropped,
            STATUS_RANK.get(term.status, 1))))
        self._max_units = max(self._max_units, len(planned))
        options = unit_options(planned)
        for keys in key_paths(planned, options):
            ids = patterns.setdefault(SEP + SEP.join(keys) + SEP, [])
            if not ids or ids[-1] != eid:
                ids.append(eid)
        cover.note(planned, options)

    def __len__(self) -> int:
        """Number of indexed written forms."""
        return len(self._entries)

    # -- the words learnt, kept between runs (l10n.glossary.cache) -----------------------

    def learnt(self) -> tuple:
        """What this index has learnt of the words it met, as plain data: each word's keyed
        fragment, plan and flags, and the words that need walks or give several units."""
        memo = self._words
        return (dict(memo), memo.plans, memo.flags, memo.alternating, memo.multi)

    def take_learnt(self, learnt: tuple) -> None:
        """Start from the words an index of the same glossary, language and role learnt
        (``learnt()``): what a word gives depends only on that, so finds are the same, and a
        word met again costs a look-up instead of its analysis (a Russian word's pymorphy3
        parse, for one). Words learnt since then are added as usual."""
        fragments, plans, flags, alternating, multi = learnt
        memo = WordMemo(self._learn)
        memo.update(fragments)
        memo.plans.update(plans)
        memo.flags.update(flags)
        memo.alternating.update(alternating)
        memo.multi.update(multi)
        self._words = memo

    def take_plans(self, plans: dict[str, tuple]) -> None:
        """Learn words from their plans as another index of this language worked them out
        (for an earlier version of the glossary): a word's plan depends only on the word and
        the language, so only its flags, which depend on this index's terms, are worked out
        again, in a few look-ups instead of the word's analysis."""
        memo = self._words
        for word, plan in plans.items():
            if word not in memo:
                self._note(word, plan, memo)

    def words_known(self) -> int:
        """How many words the index has learnt (or taken), for deciding whether to keep them."""
        return len(self._words)

    # -- matching -------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Top-level matches in text order, non-overlapping, longest first; nested ones in ``contained``.

        Results are remembered per text (bounded, least recently used first out): the
        terminology checks ask for the same source in every language and for the same
        translation more than once. Matches are frozen, so sharing them is safe.
        """
        return list(self.matches(text))

    def matches(self, text: str) -> tuple[Match, ...]:
        """What ``find`` returns, as the remembered tuple itself: for callers that only read
        (the terminology checks), which then copy nothing."""
        if self._empty or not text:  # (not ``not self._entries``: a restored index's
            return ()                # entries count themselves in Python)
        return self._memo(text)

    def _find(self, text: str) -> tuple[Match, ...]:
        """The matches of one text, most texts ruled out before any word is placed.

        The words come from one C-level scan (``split_words``) and each word's keyed fragment from
        a per-word memo, so joining them and running the automaton costs little per word. Only
        a text with a hit, or with a word whose other analyses (Russian homographs, Arabic
        clitics) could take part in a match, goes on to placing units, and then only the units
        the hits and walks touch are placed (``TextUnits``).
        """
        parts = self._split(text)
        words = parts[1::2]
        if not words:
            return ()
        memo = self._words
        if len(memo) > WORD_MEMO:
            memo = self._words = WordMemo(self._learn)
        keyed = SEP + "".join(map(memo.__getitem__, words))
        hits = []
        for end, (count, ids) in self._automaton.iter(keyed):
            last = keyed.count(SEP, 1, end + 1) - 1  # the SEP at ``end`` closes unit ``last``
            hits.append((last - count + 1, last + 1, None, ids))
        alternating = bool(memo.alternating) and not memo.alternating.isdisjoint(words)
        if not hits and not alternating:
            return ()
        if not alternating and (not memo.multi or memo.multi.isdisjoint(words)):
            cands = self._word_candidates(text, parts, words, hits, memo.plans)
        else:
            cands = self._unit_candidates(text, parts, words, hits, memo, alternating)
        if len(cands) > 1:
            cands.sort(key=in_text_order)
        if side_by_side(cands):  # nothing to choose between, nothing nested: the usual case
            return tuple([self._match(text, c, ()) for c in cands])
        firsts = [c.i for c in cands]
        return tuple(self._resolve(text, cands, (cands, firsts), top_only=True, exclude=frozenset()))

    def _unit_candidates(self, text: str, parts: list[str], words: list[str], hits: list,
                         memo: WordMemo, alternating: bool) -> list[Candidate]:
        """The candidates of a text with a word of several units or one that needs walks."""
        units = TextUnits(parts, self._rules, list(map(memo.plans.__getitem__, words)))
        if alternating:
            for n in self._walk_starts(words, memo):
                hits.extend(self._walk(units, n))
        return self._candidates(text, units, hits, dedupe=alternating)

    def _word_candidates(self, text: str, parts: list[str], words: list[str], hits: list,
                         plans: dict[str, tuple]) -> list[Candidate]:
        """``_candidates`` for the usual text: each word one unit, no walk. Unit ``n`` is
        then word ``n`` (parts ``2n + 1``), so no ``TextUnits`` is needed: the same tests
        written out with word numbers, on the parts' running lengths."""
        offsets = list(itertools.accumulate(map(len, parts)))
        joiners = self._rules.joiner_chars if self._rules.word_boundaries else None
        entries = self._entries
        count = len(words)
        out: list[Candidate] = []
        for i, j, _, ids in hits:
            first_start, last_end = offsets[2 * i], offsets[2 * j - 1]
            top = True
            if joiners is not None:  # ``TextUnits.span``: not joined to the word before or after
                before = parts[2 * i] if i else ""
                after = parts[2 * j] if j < count else ""
                top = not (before and not before.strip(joiners)) \
                    and not (after and not after.strip(joiners))
            for eid in ids:
                entry = entries[eid]
                if entry.cased is not None and not all(
                        case_agrees(plans[word][0][0], c) for word, c in zip(words[i:j], entry.cased)):
                    continue
                start, end = _widened(text, first_start, last_end, entry)
                surface = text[start:end]
                if surface == entry.term.text or (surface == entry.variant and not entry.article_dropped):
                    how = "exact"
                elif entry.article_dropped:
                    how = "inflected"
                else:
                    same = tuple([plans[word][0][1] for word in words[i:j]]) == entry.forms
                    how = "normalised" if same else "inflected"
                out.append(new_tuple(Candidate, (i, j, start, end, entry, how, top, surface)))
        return out

    def _match(self, text: str, c: Candidate, contained: tuple[Match, ...]) -> Match:
        entry = c.entry
        return new_tuple(Match, (entry.concept_id, self.lang, entry.term, c.start, c.end,
                            c.surface, c.how, contained))

    # -- the per-word memo -------------------------------------------------------------------

    def _learn(self, word: str, memo: WordMemo) -> str:
        """Put a word's plan and flags in ``memo``; return its keyed fragment."""
        return self._note(word, token_plan(word, self._rules, True), memo)

    def _note(self, word: str, plan: tuple, memo: WordMemo) -> str:
        """Put a word's plan, and its flags for this index, in ``memo``."""
        flags = tuple(self._unit_flags(unit) for unit in plan)
        if any(first or inner for _, first, inner in flags):
            memo.alternating.add(word)
        if len(plan) != 1:
            memo.multi.add(word)
        memo.plans[word] = plan
        memo.flags[word] = flags
        fragment = memo[word] = "".join([unit[2] + SEP for unit in plan])
        return fragment

    def _unit_flags(self, unit: tuple) -> tuple[bool, bool, tuple[int, ...]]:
        """(starter, first, inner) of a planned unit. starter: one of its keys begins a
        pattern; first: one of its other analyses does; inner: the places after the first at
        which one of its other analyses that may stand anywhere is a key of some pattern.
        Analyses the primary key covers (``Cover``) count for neither first nor inner."""
        _, _, key, specs = unit
        starts = self._starts
        starter = key in starts or any(spec[0] in starts for spec in specs)
        covered = self._covered
        live = [spec for spec in specs if not (spec[4] and key in covered.get(spec[0], ()))]
        first = any(spec[0] in starts for spec in live)
        inner: set[int] = set()
        for spec in live:
            if spec[4]:
                inner.update(self._inner.get(spec[0], ()))
        return (starter, first, tuple(sorted(inner)))

    def _walk_starts(self, words: list[str], memo: WordMemo) -> list[int]:
        """The units from which an anchored walk can find a hit the automaton did not.

        The automaton finds every hit spelt with primary keys. A walk adds hits only through
        another analysis: one of the first unit's (a clitic reading, a homograph) that begins
        a pattern, or a homograph's on unit ``m`` that some pattern has at place ``d``, for a
        walk from ``m - d``. Walks from anywhere else would only find the automaton's hits
        again (and those are dropped as duplicates).
        """
        flags = [unit for word in words for unit in memo.flags[word]]
        starts: set[int] = set()
        for m, (_, first, inner) in enumerate(flags):
            if first:
                starts.add(m)
            for place in inner:
                if place <= m and flags[m - place][0]:
                    starts.add(m - place)
        return sorted(starts)

    def concepts_in(self, text: str) -> set[str]:
        """Ids of every concept found in ``text``, at top level or contained."""
        found: set[str] = set()
        stack = list(self.find(text))
        while stack:
            match = stack.pop()
            found.add(match.concept_id)
            stack.extend(match.contained)
        return found

    def _walk(self, units: TextUnits, i: int) -> list[tuple[int, int, Alt | None, tuple[int, ...]]]:
        """Anchored walk from unit ``i`` trying every analysis of every unit.

        Only paths that take another analysis somewhere (``varied``) report their hits: the
        path of primary keys alone spells the text's own keys, whose hits the automaton has
        reported already (the same units, entries and spans: duplicates ``_candidates``
        would drop). A key sequence names its path: a unit's options are distinct keys.
        """
        ac = self._automaton
        _, _, key, specs = units.planned(i)
        frontier: dict[str, tuple[Alt | None, bool]] = {}
        prefix = SEP + key + SEP
        if ac.match(prefix):
            frontier[prefix] = (None, False)
        for n, spec in enumerate(specs):  # the unit is placed only if an alternative fits
            prefix = SEP + spec[0] + SEP
            if prefix not in frontier and ac.match(prefix):
                frontier[prefix] = (units[i].alts[n], True)
        hits = []
        k = i
        while frontier:
            for prefix, (alt, varied) in frontier.items():
                value = ac.get(prefix, None) if varied else None
                if value is not None:
                    hits.append((i, k + 1, alt, value[1]))
            k += 1
            if k >= len(units) or k - i >= self._max_units:
                break
            _, _, key, specs = units.planned(k)
            options = list(dict.fromkeys([key] + [spec[0] for spec in specs if spec[4]]))
            grown: dict[str, tuple[Alt | None, bool]] = {}
            for prefix, (alt, varied) in frontier.items():
                for n, option in enumerate(options):
                    longer = prefix + option + SEP
                    if longer not in grown and ac.match(longer):
                        grown[longer] = (alt, varied or n > 0)
                if len(grown) >= MAX_FRONTIER:
                    break
            frontier = grown
        return hits

    def _candidates(self, text: str, units: TextUnits, hits: list, dedupe: bool = True) -> list[Candidate]:
        """Every hit checked (case, span, how) once per (units, entry, start), in hit order.

        Walks may find a hit again; the automaton alone reports each (units, entry) once (the
        units spell one key sequence, and an entry's patterns are distinct), so ``dedupe``
        may then be False, which only saves the bookkeeping.
        """
        seen: set[tuple[int, int, int, int]] = set()
        out: list[Candidate] = []
        entries = self._entries
        for i, j, alt, ids in hits:
            first_start, last_end, top = units.span(i, j)
            for eid in ids:
                entry = entries[eid]
                if entry.cased is not None and not self._case_ok(units, i, j, alt, entry):
                    continue
                start, end = _widened(text, alt.start if alt is not None else first_start,
                                      last_end, entry)
                if dedupe:
                    key = (i, j, eid, start)
                    if key in seen:
                        continue
                    seen.add(key)
                surface = text[start:end]
                how = self._how(surface, units, i, j, alt, entry)
                out.append(new_tuple(Candidate, (i, j, start, end, entry, how, top, surface)))
        return out

    @staticmethod
    def _case_ok(units: TextUnits, i: int, j: int, alt: Alt | None, entry: IndexEntry) -> bool:
        if alt is not None and not alt.anywhere:
            return True  # Arabic clitic readings: the script has no case
        return all(case_agrees(units.planned(n)[0], c) for n, c in zip(range(i, j), entry.cased or ()))

    @staticmethod
    def _how(surface: str, units: TextUnits, i: int, j: int, alt: Alt | None, entry: IndexEntry) -> str:
        if surface == entry.term.text or (surface == entry.variant and not entry.article_dropped):
            return "exact"
        if entry.article_dropped or not units.first_of_word(i) or (alt is not None and not alt.clean):
            return "inflected"
        forms = (alt.form if alt is not None else units.planned(i)[1],) + tuple(
            units.planned(n)[1] for n in range(i + 1, j))
        return "normalised" if forms == entry.forms else "inflected"

    def _resolve(self, text: str, pool: list[Candidate], everything: tuple[list[Candidate], list[int]], *,
                 top_only: bool, exclude: frozenset[str]) -> list[Match]:
        """Leftmost-longest selection; whatever lies inside a chosen match becomes ``contained``.

        ``everything`` is every candidate sorted by first unit, with the list of first units.
        """
        eligible = [c for c in pool if (c.top or not top_only) and c.entry.concept_id not in exclude]
        eligible.sort(key=rank)
        cands, firsts = everything
        matches: list[Match] = []
        reached = -1
        for c in eligible:
            if c.i < reached:
                continue
            reached = c.j
            entry = c.entry
            lo, hi = bisect.bisect_left(firsts, c.i), bisect.bisect_left(firsts, c.j)
            inner = [d for d in cands[lo:hi] if d.j <= c.j and d is not c]
            contained = self._resolve(text, inner, everything, top_only=False,
                                      exclude=exclude | {entry.concept_id}) if inner else []
            matches.append(self._match(text, c, tuple(contained)))
        return matches


def _widened(text: str, start: int, end: int, entry: IndexEntry) -> tuple[int, int]:
    """A hit's span with the characters its written form has before its first word ("《")
    or after its last ("." of "H.E."), where the text has them too."""
    lead, trail = entry.lead, entry.trail
    if lead and text[max(0, start - len(lead)) : start] == lead:
        start -= len(lead)
    if trail and text[end : end + len(trail)] == trail:
        end += len(trail)
    return start, end


__all__ = ["Match", "TermIndex", "term_variants"]
