"""The written forms a glossary term stands for, as the matcher indexes them.

"His Excellency / Her Excellency (H.E.)" is three forms, "Représentant(e) permanent(e)" two,
"Qatar (le)" one ("Qatar": a UNTERM-style article in brackets), an Arabic phrase also stands
for its indefinite mention, and "Permanent Representative of [country]" for every place or
body of the glossary and every country CLDR names, in its slot.
"""

from __future__ import annotations

import re

from ...locales import territory_names
from ..model import Glossary, Status, TermType
from .normalise import Rules, is_acronym_like, split_words

FEMININE = re.compile(r"(?<=\w)\(e\)")


def term_variants(text: str, rules: Rules) -> list[str]:
    """The written forms a term stands for.

    "His Excellency / Her Excellency (H.E.)" gives three forms, "Excelentísimo Señor /
    Excelentísima Señora (Excmo. Sr. / Excma. Sra.)" four, and "Qatar (le)" gives "Qatar" (a
    UNTERM-style article in brackets). A leading article is made optional when indexing.
    """
    text = text.strip()
    pieces = [text]
    m = _BRACKETED.fullmatch(text) if text.endswith(")") else None
    if m:
        main, inner = m.group(1), m.group(2).strip()
        if inner.casefold() in rules.parenthetical_articles:
            pieces = [main]
        elif "." in inner or is_acronym_like(inner):
            pieces = [main, inner]
    out: list[str] = []
    for piece in pieces:
        for form in _ALTERNATIVES.split(piece) if "/" in piece else (piece,):
            # "Représentant(e) permanent(e)": the masculine and the feminine form
            forms = [FEMININE.sub("", form), FEMININE.sub("e", form)] if "(e)" in form \
                and FEMININE.search(form) else [form]
            for one in forms:
                if one and one not in out:
                    out.append(one)
    if not rules.indefinite_article:
        return out
    return out + [v for v in map(lambda f: _indefinite(f, rules), out) if v and v not in out]


_BRACKETED = re.compile(r"(.*?\S)\s*\(([^()]+)\)")  # "Qatar (le)", "... (H.E.)"
_ALTERNATIVES = re.compile(r"\s+/\s+")  # "His Excellency / Her Excellency"


SLOT = re.compile(r"\[[^\[\]]+\]")
SLOT_DOMAINS = ("place", "body")


def slot_fillers(glossary: Glossary, lang: str, rules: Rules) -> tuple[str, ...]:
    """What may stand in a term's slot, such as "[country]" in "Permanent Representative of
    [country] to the United Nations": every accepted term of the glossary's places and bodies
    in that language ("卡塔尔国", "Бельгия"), then every country and area CLDR names in it
    ("法国", "Франция"), so that the filled title is found, inflected or not. Where the
    language puts an article before a country's name ("de la France", "du Qatar", "de los
    Estados Unidos"), each name also comes with its articles."""
    found: dict[str, None] = {}
    for concept_id in sorted(glossary.concepts):
        concept = glossary.concepts[concept_id]
        if concept.domain not in SLOT_DOMAINS:
            continue
        for term in concept.terms(lang):
            if term.status is not Status.DEPRECATED and not SLOT.search(term.text):
                found.update(dict.fromkeys(term_variants(term.text, rules)))
    try:
        countries = territory_names(lang)
    except ValueError:  # a language CLDR does not know: the glossary's places alone
        countries = ()
    for name in countries:
        found[name] = None
        found.update(dict.fromkeys(_with_articles(name, rules)))
    return tuple(found)


def _with_articles(name: str, rules: Rules) -> list[str]:
    """A country's name with each article of the language before it ("la France", "l'Inde"),
    or, in Arabic, a name that has the article (الهند) also as it joins a preceding ل: ل + ال
    is written لل, so "لـ[بلد]" filled with "لهند" spells "للهند"."""
    article = rules.indefinite_article
    if article:
        return [name[len(article) - 1:]] if name.startswith(article) and len(name) > 3 else []
    elided = [mark for mark, full in rules.elisions.items() if full in rules.articles]
    if elided and name[:1].casefold() in "aeiouyàâéèêëîïôûüœæh":
        return [f"{mark}{name}" for mark in elided]
    return [f"{article} {name}" for article in sorted(rules.articles)]


def fill_slots(variants: list[str], fillers: tuple[str, ...]) -> list[str]:
    """Each variant with its slot filled by every filler (a variant without a slot as it is)."""
    if not any("[" in variant for variant in variants):
        return list(dict.fromkeys(variants))  # no slot (almost every term)
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


def relational_adjectives(variants: list[str], rules: Rules) -> list[str]:
    """The regular nisba adjectives of a one-word Arabic place name, with and without the
    article, masculine and feminine (المغرب → المغربي, المغربية, مغربي, مغربية; قطر → القطري...):
    "المملكة المغربية" names Morocco. Their duals and plurals are found as those of any word
    (the matching rules strip ين, ون, ات). A final ة or ا gives way to the ending (أمريكا →
    أمريكي). Other languages derive nothing here (Russian adjectives are keyed in morph)."""
    article = rules.indefinite_article
    if not article or rules.lang.split("-")[0] != "ar":
        return []
    out: list[str] = []
    for variant in variants:
        if " " in variant.strip() or "[" in variant:
            continue
        stem = variant.strip()
        stem = stem[len(article):] if stem.startswith(article) else stem
        stem = stem[:-1] if stem.endswith(("ة", "ا")) else stem
        if len(stem) < 3:
            continue
        for ending in ("ي", "ية"):
            out += [article + stem + ending, stem + ending]
    return [form for form in dict.fromkeys(out) if form not in variants]


def construct_titles(variants: list[str], rules: Rules) -> list[str]:
    """A one-word Arabic title without its article: the first noun of a construct phrase drops
    it ("سفير الكويت", the Ambassador of Kuwait; "بسفير الكويت"), and so does an indefinite
    mention ("سفير وممثل دائم"). Other one-word terms keep the article (see ``_indefinite``)."""
    article = rules.indefinite_article
    if not article:
        return []
    out = [v[len(article):] for v in variants
           if " " not in v.strip() and v.startswith(article) and len(v) > len(article) + 2]
    return [form for form in out if form not in variants]


SHORT_TYPES = (TermType.ABBREVIATION, TermType.ACRONYM)


def short_names(glossary: Glossary, lang: str, rules: Rules) -> tuple:
    """Each concept's full forms of two words or more with its abbreviations and acronyms in
    ``lang``: ``((full form's word keys, (short form, ...)), ...)``. An abbreviation is a form
    of its concept wherever the full form stands inside a longer term: "Secrétaire général de
    l'ONU" is "Secrétaire général de l'Organisation des Nations Unies", "Генеральной Ассамблеи
    ООН" "Генеральная Ассамблея Организации Объединенных Наций"."""
    out = []
    for concept_id in sorted(glossary.concepts):
        terms = [t for t in glossary.concepts[concept_id].terms(lang)
                 if t.status is not Status.DEPRECATED]
        shorts = tuple(v for t in terms for v in term_variants(t.text, rules)
                       if t.type in SHORT_TYPES or is_acronym_like(v))
        if not shorts:
            continue
        for term in terms:
            for variant in term_variants(term.text, rules):
                keys = _word_keys(variant, rules)
                if len(keys) >= 2 and variant not in shorts:
                    out.append((keys, shorts))
    return tuple(out)


def _word_keys(text: str, rules: Rules) -> tuple:
    from .morph import token_plan

    return tuple(tuple(frozenset((unit[2], *(spec[0] for spec in unit[3])))
                       for unit in token_plan(word, rules, False))
                 for word in split_words(text, rules)[1::2])


def _same_words(keys: tuple, full: tuple) -> bool:
    """Whether words of a term are the words of a full form, in any inflection: each unit
    shares an analysis (Russian "Организации" and "Организация")."""
    return all(len(a) == len(b) and all(x & y for x, y in zip(a, b)) for a, b in zip(keys, full))


def with_short_names(variants: list[str], shorts: tuple, rules: Rules) -> list[str]:
    """The variants, then each with another concept's full form inside it (in any inflected
    form) written as that concept's abbreviation. An article before the full form may change
    with it (es "de las Naciones Unidas" → "de la ONU"), so every article of the language is
    tried there."""
    if not shorts:
        return variants
    out = list(variants)
    for variant in variants:
        parts = split_words(variant, rules)
        words = parts[1::2]
        if len(words) < 3:
            continue
        keys = _word_keys(variant, rules)
        for full, forms in shorts:
            size = len(full)
            for at in range(1, len(words) - size + 1):
                if not _same_words(keys[at:at + size], full):
                    continue
                head = "".join(parts[:2 * at + 1])  # up to the full form
                tail = "".join(parts[2 * (at + size):])
                heads = [head]
                article = words[at - 1]
                if article.casefold().rstrip("'’") in rules.articles or article.casefold() in rules.articles:
                    before = "".join(parts[:2 * at - 1])
                    heads += [before + a + " " for a in sorted(rules.articles)]
                for short in forms:
                    out.extend(h + short + tail for h in heads)
    return list(dict.fromkeys(out))


__all__ = ["construct_titles", "fill_slots", "relational_adjectives", "short_names", "slot_fillers", "term_variants", "with_short_names"]
