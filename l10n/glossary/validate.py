"""Glossary validation: the rules a terminologist wants checked before a glossary is used.

Severities: ``error`` (the entry is wrong and must be fixed), ``warning`` (review it) and
``info`` (known and accepted for now, e.g. a language section whose only candidate awaits
verification). The command line exits 1 on errors and warnings, 0 when only info remains.

Rules (per-language data in langrules.json):
- at most one preferred term per concept and language (error);
- a language section with terms but no preferred term (warning; info when a term in it was
  proposed as preferred and awaits verification, see edit.UNVERIFIED_MARKER);
- the same term, case-folded, in two concepts of the same language (warning: review);
- the same term twice in one language section (warning); an empty term (error);
- letters fit the language's script: another script is an error (a Cyrillic "о" in a Latin
  term), Latin letters in an ar/ru/zh term are a warning (acronyms such as "DESA" are sometimes
  right there); digits and punctuation are allowed everywhere; do-not-translate terms are exempt;
- stray spaces: leading or trailing (error), doubled (warning), before punctuation (warning;
  French allows a space before ; : ! ? »);
- Chinese: look-alikes of the U+00B7 middle dot (error), ASCII , ( ) : ; ! ? (warning);
- unbalanced brackets ( ) [ ] （ ） 《 》 « » “ ” (error);
- unknown domain (warning), a concept id that cannot be a TBX/XML id (error), an unknown
  language code (error).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..config import validate_language
from ..errors import ConfigError
from .model import DOMAINS, Concept, Glossary, Status, Term, control_character

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
NCNAME = re.compile(r"[A-Za-z_][\w.-]*\Z")


@dataclass(frozen=True)
class Issue:
    severity: str
    concept_id: str
    lang: str | None
    term: str | None
    message: str


@cache
def rules() -> dict:
    return json.loads((Path(__file__).with_name("langrules.json")).read_text("utf-8"))


def _lang_rules(lang: str) -> dict:
    base = lang.split("_")[0]
    return rules()["languages"].get(base, {})


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def _script_issues(term: Term, lang: str) -> list[tuple[str, str]]:
    allowed = _lang_rules(lang).get("scripts")
    if not allowed or term.do_not_translate:
        return []
    found: list[tuple[str, str]] = []
    foreign = sorted({_script(c) for c in term.text if unicodedata.category(c).startswith("L")}
                     - set(allowed))
    for script in foreign:
        if script == "LATIN" and _lang_rules(lang).get("latin_ok"):
            found.append((WARNING, f"Latin letters in a {lang} term: check that they belong there"))
        else:
            found.append((ERROR, f"{script.title()} letters in a {lang} term"))
    return found


def _space_issues(text: str, lang: str) -> list[tuple[str, str]]:
    found = []
    if text != text.strip():
        found.append((ERROR, "leading or trailing space"))
    if "  " in text:
        found.append((WARNING, "doubled space"))
    allowed = _lang_rules(lang).get("space_before_ok", "")
    marks = {m for m in re.findall(r"\s(\S)", text) if m in rules()["space_before"] and m not in allowed}
    if marks:
        found.append((WARNING, f"space before {''.join(sorted(marks))!r}"))
    return found


def _bracket_issue(text: str) -> str | None:
    pairs = rules()["brackets"]
    closers = {close: open_ for open_, close in pairs.items()}
    stack: list[str] = []
    for char in text:
        if char in pairs:
            stack.append(char)
        elif char in closers:
            if not stack or stack.pop() != closers[char]:
                return f"unbalanced brackets: unexpected {char!r}"
    return f"unbalanced brackets: {stack[-1]!r} is not closed" if stack else None


def _chinese_issues(text: str, lang: str) -> list[tuple[str, str]]:
    lang_rules = _lang_rules(lang)
    found = []
    for char, name in lang_rules.get("bad_dots", {}).items():
        if char in text:
            found.append((ERROR, f"{name} (U+{ord(char):04X}) where the middle dot U+00B7 is meant"))
    ascii_marks = sorted({c for c in text if c in lang_rules.get("fullwidth_only", "")})
    if ascii_marks:
        found.append((WARNING, f"ASCII punctuation {''.join(ascii_marks)!r}: use full-width forms"))
    return found


def term_issues(term: Term, lang: str) -> list[tuple[str, str]]:
    """(severity, message) pairs for one term on its own."""
    if not term.text.strip():
        return [(ERROR, "empty term")]
    bad = control_character(term.text)
    if bad:
        return [(ERROR, f"control character {bad} in the term")]
    found = _space_issues(term.text, lang) + _script_issues(term, lang)
    bracket = _bracket_issue(term.text)
    if bracket:
        found.append((ERROR, bracket))
    return found + _chinese_issues(term.text, lang)


def _section_issues(concept: Concept, lang: str) -> list[Issue]:
    from .edit import awaits_verification

    section = concept.languages[lang]
    issues = [Issue(sev, concept.id, lang, t.text, msg)
              for t in section.terms for sev, msg in term_issues(t, lang)]
    preferred = [t for t in section.terms if t.status is Status.PREFERRED]
    if len(preferred) > 1:
        names = ", ".join(repr(t.text) for t in preferred)
        issues.append(Issue(ERROR, concept.id, lang, None, f"{len(preferred)} preferred terms: {names}"))
    elif section.terms and not preferred:
        pending = [t for t in section.terms if awaits_verification(t)]
        if pending:
            issues.append(Issue(INFO, concept.id, lang, pending[0].text,
                                "no preferred term yet: the proposed one awaits verification"))
        else:
            issues.append(Issue(WARNING, concept.id, lang, None, "no preferred term"))
    seen: set[str] = set()
    for term in section.terms:
        if term.text in seen:
            issues.append(Issue(WARNING, concept.id, lang, term.text, "term listed twice"))
        seen.add(term.text)
    return issues


def _concept_issues(concept: Concept) -> list[Issue]:
    issues = []
    if not NCNAME.match(concept.id):
        issues.append(Issue(ERROR, concept.id, None, None,
                            "concept id cannot be a TBX id (letters, digits, . _ -; not first a digit)"))
    if concept.domain and concept.domain not in DOMAINS:
        issues.append(Issue(WARNING, concept.id, None, None,
                            f"unknown domain {concept.domain!r} (known: {', '.join(DOMAINS)})"))
    for lang in sorted(concept.languages):
        try:
            validate_language(lang)
        except ConfigError:
            issues.append(Issue(ERROR, concept.id, lang, None, f"unknown language code {lang!r}"))
            continue
        issues.extend(_section_issues(concept, lang))
    return issues


def _duplicate_issues(glossary: Glossary) -> list[Issue]:
    owners: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for concept in glossary.concepts.values():
        for lang, section in concept.languages.items():
            for term in section.terms:
                key = (lang, " ".join(term.text.casefold().split()))
                if (concept.id, term.text) not in owners.setdefault(key, []):
                    owners[key].append((concept.id, term.text))
    issues = []
    for (lang, _), found in owners.items():
        concepts = sorted({cid for cid, _ in found})
        if len(concepts) < 2:
            continue
        for cid, text in found:
            others = ", ".join(c for c in concepts if c != cid)
            issues.append(Issue(WARNING, cid, lang, text, f"review: the same term is in {others}"))
    return issues


def validate_glossary(glossary: Glossary) -> list[Issue]:
    """Every issue in the glossary, sorted by concept, language, severity and message."""
    issues = [i for cid in sorted(glossary.concepts) for i in _concept_issues(glossary.concepts[cid])]
    issues += _duplicate_issues(glossary)
    return sorted(set(issues), key=lambda i: (i.concept_id, i.lang or "", SEVERITY_ORDER[i.severity],
                                              i.term or "", i.message))
