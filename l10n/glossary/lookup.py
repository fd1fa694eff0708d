"""``l10n glossary lookup TEXT``: which glossary concepts occur in a text, and why.

``lookup`` is a pure function (glossary, text, language -> list of dicts) so other code and the
tests can use it without the command line; the ``lookup`` command (glossary.commands) prints it.
"""

from __future__ import annotations

from .matcher.index import Match, TermIndex
from .model import Glossary


def lookup(glossary: Glossary, text: str, lang: str, *, role: str = "any") -> list[dict]:
    """The top-level matches of ``text`` in ``lang``, each with its contained matches.

    Every entry gives the span, the surface form, the matched term with its status and type,
    how it matched, and the concept's preferred term in every language of the glossary.
    """
    index = TermIndex(glossary, lang, role=role)
    return [_describe(glossary, match) for match in index.find(text)]


def _describe(glossary: Glossary, match: Match) -> dict:
    concept = glossary.concepts[match.concept_id]
    preferred = {}
    for code in sorted(concept.languages):
        term = concept.languages[code].preferred()
        if term is not None:
            preferred[code] = term.text
    return {
        "concept": match.concept_id,
        "domain": concept.domain,
        "lang": match.lang,
        "start": match.start,
        "end": match.end,
        "text": match.text,
        "term": match.term.text,
        "status": match.term.status.value,
        "type": match.term.type.value,
        "how": match.how,
        "preferred": preferred,
        "contained": [_describe(glossary, inner) for inner in match.contained],
    }


def format_lookup(results: list[dict], indent: str = "") -> list[str]:
    """Human-readable lines for ``lookup`` results (contained matches indented)."""
    lines: list[str] = []
    for item in results:
        lines.append(
            f'{indent}{item["start"]}-{item["end"]}  "{item["text"]}"  {item["concept"]}  '
            f'term "{item["term"]}" ({item["status"]}, {item["how"]})'
        )
        if item["preferred"]:
            lines.append(indent + "    " + " | ".join(f"{k} {v}" for k, v in item["preferred"].items()))
        if item["contained"]:
            lines.append(f"{indent}    contains:")
            lines.extend(format_lookup(item["contained"], indent + "      "))
    return lines
