"""Generated UN-like HTML documents: reports with numbered paragraphs, honorifics, symbols.

A document is a title and a list of blocks (headings, numbered paragraphs of two to five
sentences, list items); each sentence, heading and list item is one segment. ``edit`` gives
the edited version used by the merge benchmark: 5 % of sentences reworded, 2 % removed and 2 %
added, decided per sentence by a seeded random generator, so every run gets the same files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from html import escape

from benchmarks.glossgen import GenConcept

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
CITIES = ("Doha", "Geneva", "Nairobi", "Vienna", "Bangkok", "Santiago", "Addis Ababa", "Beirut",
          "New York", "Copenhagen", "Bonn", "Rome")
GROUPS = ("older persons", "women and girls", "persons with disabilities", "young people",
          "migrant workers", "indigenous peoples", "rural households", "small producers")
REGIONS = ("sub-Saharan Africa", "South-East Asia", "Latin America and the Caribbean",
           "Western Asia", "the small island developing States", "Central Asia")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "eleventh", "twelfth")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
SECTIONS = ("Introduction", "Background", "Organization of the session", "Attendance",
            "Consideration of the agenda", "Statements", "Recommendations", "Conclusions",
            "Follow-up", "Programme budget implications", "Adoption of the report")
TEMPLATES = (
    "The {body} welcomed the report of the {title} ({sym}).",
    "On {date}, H.E. {hon} {person}, {title}, addressed the {event} in {city}.",
    'In its resolution <a href="https://undocs.org/{res}">{res}</a>, the General Assembly '
    "decided to convene the {event} in {city} from {d1} to {d2} {month} {year}.",
    "The {body} notes with concern that {pct} per cent of {group} in {region} still lack "
    "access to basic services.",
    "{hon} {person} recalled the <em>{document}</em>, adopted on {date}.",
    "The Secretary-General submitted his report on the matter (see {sym}, paras. {n}\u2013{n2}).",
    "Delegations emphasized that the {document} remains the main framework for cooperation.",
    "The {title} will present an oral update at the {ordinal} session of the {body}.",
    "Member States are invited to submit their views to the secretariat by {date}.",
    "As at {date}, {n} States had ratified the <strong>{document}</strong>, and {n2} had "
    "signed it.",
    "The total cost is estimated at ${n}.{n2} million for the biennium {year}\u2013{year2}.",
    "{hon} {person} asked whether the {body} had considered the views of {group}?",
    "The {event} brought together {n} participants, including {group} from {region}.",
    "Several speakers called on the {body} to strengthen its working methods.",
)


@dataclass(frozen=True)
class Block:
    kind: str  # "h2", "p", "li"
    sentences: tuple[str, ...]
    prefix: str = ""  # "12. " before a numbered paragraph


@dataclass(frozen=True)
class GenDocument:
    name: str
    title: str
    header: tuple[str, ...]
    sections: tuple[tuple[Block, ...], ...]

    def segments(self) -> int:
        blocks = [b for section in self.sections for b in section]
        return 2 + len(self.header) + sum(len(b.sentences) for b in blocks)


class Writer:
    """Sentences from the templates, with terms taken from the generated glossary."""

    def __init__(self, rng: random.Random, terms: list[GenConcept]):
        self.rng = rng
        self.by_domain: dict[str, list[str]] = {}
        for item in terms:
            self.by_domain.setdefault(item.domain, []).append(item.en)

    def term(self, domain: str) -> str:
        return self.rng.choice(self.by_domain[domain])

    def date(self) -> str:
        return f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS)} {self.rng.randint(1995, 2025)}"

    def sentence(self) -> str:
        rng = self.rng
        year = rng.randint(1995, 2024)
        values = {
            "body": self.term("body"), "title": self.term("title"), "event": self.term("event"),
            "document": self.term("document"), "person": self.term("person"),
            "hon": rng.choice(("Mr.", "Ms.")), "date": self.date(), "city": rng.choice(CITIES),
            "sym": f"A/{rng.randint(60, 80)}/{rng.randint(1, 999)}",
            "res": f"A/RES/{rng.randint(60, 80)}/{rng.randint(1, 330)}",
            "d1": rng.randint(1, 14), "d2": rng.randint(15, 28), "month": rng.choice(MONTHS),
            "year": year, "year2": year + 1, "pct": rng.randint(5, 95), "n": rng.randint(2, 190),
            "n2": rng.randint(10, 99), "group": rng.choice(GROUPS), "region": rng.choice(REGIONS),
            "ordinal": rng.choice(ORDINALS),
        }
        return rng.choice(TEMPLATES).format(**values)


def document(name: str, segments: int, rng: random.Random, terms: list[GenConcept]) -> GenDocument:
    """One report of about ``segments`` segments."""
    writer = Writer(rng, terms)
    body = writer.term("body")
    title = f"Report of the {body} on its {rng.choice(ORDINALS)} session"
    header = ("Distr.: General", f"{writer.date()}",
              "Original: English", f"A/{rng.randint(60, 80)}/{rng.randint(1, 999)}")
    sections: list[tuple[Block, ...]] = []
    count, number = 2 + len(header), 0
    while count < segments:
        blocks = [Block("h2", (f"{ROMAN[len(sections) % 12]}. "
                               f"{SECTIONS[len(sections) % len(SECTIONS)]}",))]
        count += 1
        for _ in range(rng.randint(6, 12)):
            if count >= segments:
                break
            if rng.random() < 0.15:
                items = tuple(writer.sentence()[:-1] + ";" for _ in range(rng.randint(3, 5)))
                blocks += [Block("li", (item,)) for item in items]
                count += len(items)
                continue
            number += 1
            sentences = tuple(writer.sentence() for _ in range(rng.randint(2, 5)))
            blocks.append(Block("p", sentences, f"{number}. "))
            count += len(sentences)
        sections.append(tuple(blocks))
    return GenDocument(name, title, header, tuple(sections))


def edit(doc: GenDocument, rng: random.Random, terms: list[GenConcept]) -> GenDocument:
    """5 % of sentences reworded, 2 % removed, 2 % added (paragraphs keep one sentence)."""
    writer = Writer(rng, terms)
    sections = []
    for section in doc.sections:
        blocks = []
        for block in section:
            if block.kind != "p":
                blocks.append(block)
                continue
            out: list[str] = []
            for sentence in block.sentences:
                roll = rng.random()
                if roll < 0.05:
                    out.append(_reword(sentence, rng))
                elif roll < 0.07:
                    continue
                else:
                    out.append(sentence)
                if 0.07 <= roll < 0.09:
                    out.append(writer.sentence())
            blocks.append(replace(block, sentences=tuple(out or block.sentences[:1])))
        sections.append(tuple(blocks))
    return replace(doc, sections=tuple(sections))


def _reword(sentence: str, rng: random.Random) -> str:
    end = sentence[-1]
    choice = rng.randint(0, 2)
    if choice == 0:
        return sentence[:-1] + ", as appropriate" + end
    if choice == 1:
        return sentence[:-1] + " in the period under review" + end
    return "In addition, " + sentence[0].lower() + sentence[1:]


def to_html(doc: GenDocument) -> str:
    """The document as an HTML5 page, two-space indented, one block a line."""
    lines = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '  <meta charset="utf-8">',
             f"  <title>{escape(doc.title, quote=False)}</title>", "</head>", "<body>",
             "  <header>", f"    <h1>{escape(doc.title, quote=False)}</h1>"]
    lines += [f"    <p>{line}</p>" for line in doc.header]
    lines += ["  </header>", "  <main>"]
    for number, section in enumerate(doc.sections, 1):
        lines.append(f'    <section id="s{number}">')
        in_list = False
        for block in section:
            if block.kind == "li" and not in_list:
                lines.append("      <ul>")
                in_list = True
            elif block.kind != "li" and in_list:
                lines.append("      </ul>")
                in_list = False
            text = block.prefix + " ".join(block.sentences)
            indent = "        " if block.kind == "li" else "      "
            lines.append(f"{indent}<{block.kind}>{text}</{block.kind}>")
        if in_list:
            lines.append("      </ul>")
        lines.append("    </section>")
    lines += ["  </main>", "</body>", "</html>", ""]
    return "\n".join(lines)
