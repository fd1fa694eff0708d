"""``l10n segment``: split a text file (or standard input) into sentences.

    l10n segment --lang fr rapport.txt          one sentence a line
    l10n segment --lang zh - --json < a.txt     a JSON list (UTF-8, not escaped)

In line mode a sentence that spans a soft line break (a wrapped line) is printed with that
break read as one space, so that each output line is one sentence; --json keeps the text as is.

Any language code is accepted; codes other than ar, en, es, fr, ru, zh (and their regional
variants) use the generic rules. Library errors (L10nError) pass through to the main command
line, which prints one line and exits 2.
"""

from __future__ import annotations

import json
import re
import sys

import click

from ..errors import InputError
from ..util.fs import decode_utf8, read_text
from . import segment_text


def _read_stdin() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    try:
        return decode_utf8(data, "<stdin>")
    except InputError as exc:
        raise InputError(exc.message, path="<stdin>", line=exc.line) from None


@click.command()
@click.option("--lang", required=True, metavar="LANG",
              help="Language of the text: ar, en, es, fr, ru, zh (others use generic rules).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of lines.")
@click.argument("file", required=False, default="-", metavar="[FILE|-]")
def segment(lang: str, as_json: bool, file: str) -> None:
    """Split FILE (default: standard input) into sentences, one a line.

    Example: `echo 'H.E. Mr. Guterres spoke. He left.' | l10n segment --lang en`.
    """
    text = _read_stdin() if file == "-" else read_text(file)
    sentences = segment_text(text, lang)
    if as_json:
        click.echo(json.dumps(sentences, ensure_ascii=False, indent=2))
        return
    for sentence in sentences:
        click.echo(_LINE_BREAK_RE.sub(" ", sentence))


_LINE_BREAK_RE = re.compile(r"[^\S\n]*[\r\n\u2028][^\S\n]*")
