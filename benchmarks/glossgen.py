"""Generated glossaries in the six languages: UN-like bodies, titles, events, documents, people.

Concepts are made by combining word lists (my own, UN-flavoured) so that 100,000 distinct
multi-word terms exist; the order is fixed, so the glossary of 1,000 concepts is the first
1,000 of the glossary of 100,000 (the documents use terms from that common prefix, so checking
against a bigger glossary finds the same terms and only the index grows). Target terms are the
pseudo-translation of the English term; one concept in twenty also has a deprecated target
term, one in ten an admitted English synonym.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from benchmarks.pseudo import LANGS, translate

ADJECTIVES = (
    "Sustainable", "Social", "Economic", "Rural", "Urban", "Digital", "Maritime", "Regional",
    "Financial", "Environmental", "Humanitarian", "Cultural", "Indigenous", "Coastal",
    "Agricultural", "Industrial", "Demographic", "Scientific", "Technical", "Legal", "Fiscal",
    "Statistical", "Educational", "Medical", "Nuclear", "Territorial", "Migratory", "Arid",
    "Mountain", "Polar", "Tropical", "Inland", "Civic", "Public", "Private", "Global", "Local",
    "National", "Judicial", "Electoral", "Municipal", "Monetary", "Commercial", "Postal",
    "Nutritional", "Preventive", "Cooperative", "Subregional", "Interregional", "Voluntary",
)
NOUNS = (
    "Development", "Housing", "Water Resources", "Energy", "Forests", "Oceans", "Trade",
    "Transport", "Health", "Education", "Employment", "Statistics", "Migration", "Security",
    "Disarmament", "Desertification", "Biodiversity", "Fisheries", "Food Security", "Tourism",
    "Infrastructure", "Justice", "Governance", "Innovation", "Cooperation", "Investment",
    "Debt", "Taxation", "Nutrition", "Sanitation", "Climate Resilience", "Disaster Risk",
    "Peacebuilding", "Mine Action", "Space Applications", "Telecommunications", "Literacy",
    "Heritage", "Labour Rights", "Social Protection", "Land Management", "Mineral Resources",
    "Air Quality", "Chemical Safety", "Road Safety", "Youth Affairs", "Ageing", "Family Policy",
    "Urban Planning", "Data Protection", "Public Finance", "Crime Prevention", "Drug Control",
    "Refugee Protection", "Civil Registration", "Gender Equality", "Child Protection",
    "Decent Work", "Poverty Eradication", "Knowledge Sharing",
)
BODY_HEADS = (
    "Committee on", "Commission on", "Working Group on", "Intergovernmental Panel on",
    "Advisory Board on", "Expert Group on", "Subcommittee on", "Forum on",
)
TITLE_HEADS = (
    "Special Rapporteur on", "Independent Expert on", "Special Adviser on",
    "Special Envoy for", "High Representative for", "Assistant Secretary-General for",
)
EVENT_HEADS = (
    "World Conference on", "International Conference on", "Global Forum on",
    "High-level Meeting on", "Regional Dialogue on", "World Summit on",
)
DOC_HEADS = (
    "Declaration on", "Programme of Action on", "Framework for", "Convention on",
    "Plan of Implementation on", "Guiding Principles on",
)
FIRST = (
    "Amina", "Tamim", "Sofia", "Antonio", "Li", "Olga", "Maria", "Ahmed", "Fatima", "Jean",
    "Carlos", "Mei", "Ivan", "Aisha", "Pedro", "Elena", "Omar", "Chen", "Irina", "Lucia",
    "Hassan", "Wei", "Natalia", "Diego", "Leila", "Kofi", "Ana", "Yusuf", "Sara", "Dmitri",
)
LAST = (
    "Mohammed", "Guterres", "Rahman", "Okafor", "Petrova", "Fernandez", "Zhang", "Haddad",
    "Dubois", "Morales", "Ivanova", "Nkosi", "Salazar", "Karimi", "Novak", "Tanaka", "Silva",
    "Mensah", "Kovalenko", "Ortega", "Farah", "Lindqvist", "Abebe", "Castillo", "Sokolov",
    "Nasser", "Herrera", "Osei", "Volkova", "Benali",
)
DOMAINS = ("body", "title", "event", "document", "person")


@dataclass(frozen=True)
class GenConcept:
    id: str
    domain: str
    en: str
    synonym: str | None  # an admitted English alternative
    deprecated: bool  # whether target languages have a deprecated term too


def _topics() -> list[str]:
    topics = [f"{a} {n}" for n in NOUNS for a in ADJECTIVES]
    random.Random(30042).shuffle(topics)
    return topics


def _people():
    for middle, first, last in itertools.product(("",) + LAST, FIRST, LAST):
        if middle == last:
            continue
        yield f"{first} {middle} {last}".replace("  ", " ")


def _terms():
    """(domain, English term) in a fixed, interleaved order; never repeats."""
    topics = _topics()
    streams = [
        ("body", (f"{h} {t}" for t in topics for h in BODY_HEADS)),
        ("title", (f"{h} {t}" for t in topics for h in TITLE_HEADS)),
        ("event", (f"{h} {t}" for t in topics for h in EVENT_HEADS)),
        ("document", (f"{h} {t}" for t in topics for h in DOC_HEADS)),
        ("person", _people()),
    ]
    while streams:
        for item in list(streams):
            value = next(item[1], None)
            if value is None:
                streams.remove(item)
            else:
                yield item[0], value


def concepts(count: int) -> list[GenConcept]:
    """The first ``count`` concepts (the same prefix for every count)."""
    out = []
    for number, (domain, term) in enumerate(itertools.islice(_terms(), count), 1):
        synonym = None
        if number % 10 == 3 and domain != "person":
            synonym = term.replace(" on ", " for ", 1) if " on " in term else None
        out.append(GenConcept(f"C{number:06d}", domain, term, synonym,
                              number % 20 == 7 and domain != "person"))
    return out


def deprecated_form(term: str, lang: str) -> str:
    """A plausible wrong target term: the translation of the term with its head word swapped."""
    words = term.split(" ")
    return translate(" ".join(["Former", *words[1:]]), lang)


# ------------------------------------------------------------------------------- writers


def build_glossary(items: list[GenConcept]):
    """An l10n Glossary (en + five target languages) of the generated concepts."""
    from l10n.glossary.model import Concept, Glossary, Status, Term

    glossary = Glossary(title="Benchmark glossary", source_lang="en")
    for item in items:
        concept = glossary.add(Concept(item.id, domain=item.domain))
        en = concept.section("en")
        en.terms.append(Term(item.en))
        if item.synonym:
            en.terms.append(Term(item.synonym, status=Status.ADMITTED))
        for lang in LANGS:
            section = concept.section(lang)
            section.terms.append(Term(translate(item.en, lang)))
            if item.deprecated:
                section.terms.append(Term(deprecated_form(item.en, lang),
                                          status=Status.DEPRECATED))
    return glossary


def write_tbx_v3(items: list[GenConcept], path: Path) -> None:
    """TBX v3 through l10n's own writer."""
    from l10n.glossary.store import dump_glossary

    path.write_text(dump_glossary(build_glossary(items)), "utf-8")


def write_tbx_2008(items: list[GenConcept], path: Path) -> None:
    """TBX 2008 (martif, termEntry/langSet/tig), the dialect translate-toolkit reads."""
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = etree.Element("martif", type="TBX")
    root.set(xml_lang, "en")
    header = etree.SubElement(root, "martifHeader")
    desc = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(desc, "p").text = "Benchmark glossary"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for item in items:
        entry = etree.SubElement(body, "termEntry", id=item.id)
        etree.SubElement(entry, "descrip", type="subjectField").text = item.domain
        rows = [("en", item.en, "preferredTerm-admn-sts")]
        if item.synonym:
            rows.append(("en", item.synonym, "admittedTerm-admn-sts"))
        for lang in LANGS:
            rows.append((lang, translate(item.en, lang), "preferredTerm-admn-sts"))
            if item.deprecated:
                rows.append((lang, deprecated_form(item.en, lang), "deprecatedTerm-admn-sts"))
        sets: dict[str, etree._Element] = {}
        for lang, text, status in rows:
            if lang not in sets:
                sets[lang] = etree.SubElement(entry, "langSet")
                sets[lang].set(xml_lang, lang)
            tig = etree.SubElement(sets[lang], "tig")
            etree.SubElement(tig, "term").text = text
            etree.SubElement(tig, "termNote", type="administrativeStatus").text = status
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    pretty_print=True))
