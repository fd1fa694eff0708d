"""``l10n glossary lookup TEXT``: which glossary concepts occur in a text, and why.

``lookup`` is a pure function (glossary, text, language -> list of dicts) so other code and the
tests can use it without the command line; ``lookup_command`` is the thin click wrapper the
``l10n glossary`` group mounts.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

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


@click.command("lookup")
@click.argument("text")
@click.option("--lang", help="Language of TEXT (default: the glossary's source language).")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path), default=None,
              help="Glossary file (.tbx, .csv) or folder of .tbx files; default: the project's.")
@click.option("--role", type=click.Choice(["any", "source", "target"]), default="any", show_default=True,
              help="Leave out concepts not checked in this role.")
@click.pass_context
def lookup_command(ctx: click.Context, text: str, lang: str | None, as_json: bool,
                   glossary_path: Path | None, role: str) -> None:
    """Show the glossary concepts whose terms occur in TEXT."""
    from ..cli.support import project
    from .store import load_glossary

    glossary = load_glossary(glossary_path or project(ctx).glossary_dir)
    results = lookup(glossary, text, lang or glossary.source_lang, role=role)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    elif results:
        click.echo("\n".join(format_lookup(results)))
    else:
        click.echo("no glossary terms found")
