"""English term matching: plurals, possessives, hyphen vs space, optional article, acronyms."""

from __future__ import annotations

import pytest

from l10n.glossary.matcher.index import TermIndex
from l10n.glossary.model import Concept, Glossary, Status, Term

TERMS = {
    "BODY-MS": ["Member States"],
    "BODY-QATAR": ["the State of Qatar"],
    "TI-SG": ["Secretary-General of the United Nations"],
    "TI-SG-SHORT": ["Secretary-General"],
    "TI-COFAC": ["co-facilitator"],
    "TI-AMIR": ["Amir of the State of Qatar", Term("Emir of the State of Qatar", status=Status.ADMITTED)],
    "PER-TAMIM": ["Sheikh Tamim bin Hamad Al Thani"],
    "TI-SHEIKH": ["Sheikh / Sheikha"],
    "EV-WSSD2": ["Second World Summit for Social Development",
                 Term("Second World Summit on Social Development", status=Status.DEPRECATED)],
    "DOC-SDG": ["Sustainable Development Goals"],
    "DOC-SDG-ABBR": ["SDGs"],
    "DOC-RES78-261": ["resolution 78/261"],
    "PL-DOHA": ["Doha"],
    "TI-HE": ["His Excellency / Her Excellency (H.E.)"],
}


@pytest.fixture(scope="module")
def index() -> TermIndex:
    glossary = Glossary()
    for concept_id, terms in TERMS.items():
        section = glossary.add(Concept(concept_id)).section("en")
        section.terms.extend(t if isinstance(t, Term) else Term(t) for t in terms)
    return TermIndex(glossary, "en")


POSITIVE = [
    ("possessive", "the Member State's delegation", "BODY-MS", "Member State's", "inflected"),
    ("plural-possessive", "all Member States' delegations", "BODY-MS", "Member States", "exact"),
    ("singular", "each Member State", "BODY-MS", "Member State", "inflected"),
    ("typographic-possessive", "the Secretary-General\u2019s report", "TI-SG-SHORT",
     "Secretary-General\u2019s", "inflected"),
    ("plural-of-term", "the co-facilitators met", "TI-COFAC", "co-facilitators", "inflected"),
    ("term-exact", "a co-facilitator", "TI-COFAC", "co-facilitator", "exact"),
    ("hyphen-for-space", "Sheikh Tamim bin Hamad Al-Thani", "PER-TAMIM",
     "Sheikh Tamim bin Hamad Al-Thani", "normalised"),
    ("article-present", "to the State of Qatar", "BODY-QATAR", "the State of Qatar", "exact"),
    ("article-optional", "a State of Qatar delegation", "BODY-QATAR", "State of Qatar", "inflected"),
    ("admitted-variant", "the Emir of the State of Qatar", "TI-AMIR", "Emir of the State of Qatar", "exact"),
    ("deprecated-variant-found", "the Second World Summit on Social Development", "EV-WSSD2",
     "Second World Summit on Social Development", "exact"),
    ("full-title", "the Secretary-General of the United Nations", "TI-SG",
     "Secretary-General of the United Nations", "exact"),
    ("acronym-singular", "SDG 8", "DOC-SDG-ABBR", "SDG", "inflected"),
    ("acronym", "the SDGs", "DOC-SDG-ABBR", "SDGs", "exact"),
    ("plural-goal", "a Sustainable Development Goal", "DOC-SDG", "Sustainable Development Goal", "inflected"),
    ("resolution-number", "General Assembly resolution 78/261 of", "DOC-RES78-261", "resolution 78/261", "exact"),
    ("uppercase-heading", "RESOLUTION 78/261", "DOC-RES78-261", "RESOLUTION 78/261", "normalised"),
    ("abbreviation", "H.E. Sheikh Tamim", "TI-HE", "H.E.", "exact"),
    ("sheikha", "Sheikha Alya", "TI-SHEIKH", "Sheikha", "exact"),
]


@pytest.mark.parametrize("text,concept,surface,how", [p[1:] for p in POSITIVE], ids=[p[0] for p in POSITIVE])
def test_found(index, text, concept, surface, how):
    found = [(m.concept_id, m.text, m.how) for m in index.find(text)]
    assert (concept, surface, how) in found


def test_person_contains_the_title(index):
    [match] = index.find("Sheikh Tamim bin Hamad Al Thani")
    assert match.concept_id == "PER-TAMIM" and match.how == "exact"
    assert [(m.concept_id, m.text) for m in match.contained] == [("TI-SHEIKH", "Sheikh")]


NEGATIVE = [
    ("other-number", "resolution 78/262", "DOC-RES78-261"),
    ("longer-number", "resolution 78/2610", "DOC-RES78-261"),
    ("longer-word", "Dohaville", "PL-DOHA"),
    ("compound-is-not-title", "the Under-Secretary-General", "TI-SG-SHORT"),
    ("acronym-lowercase", "sdgs", "DOC-SDG-ABBR"),
    ("part-of-title", "Secretary of the United Nations", "TI-SG"),
    ("different-name", "Sheikh Tamim bin Hamad", "PER-TAMIM"),
    ("no-prefix", "the facilitator", "TI-COFAC"),
]


@pytest.mark.parametrize("text,concept", [n[1:] for n in NEGATIVE], ids=[n[0] for n in NEGATIVE])
def test_not_found(index, text, concept):
    assert concept not in index.concepts_in(text)
