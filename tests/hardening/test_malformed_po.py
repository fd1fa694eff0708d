"""Malformed PO files: l10n refuses every one that msgfmt refuses and that it would read with
a loss.

A valid catalogue (header, context, fuzzy entry with a previous msgid, plural, obsolete
entries) is mutated one line or one entry at a time: a line deleted, repeated (with another
string), swapped with the next, its keyword renamed (msgstr[0] to msgstr[2], msgid to
msgid_plural, ...), made obsolete or live; an entry repeated or made obsolete; a NUL byte in a
catalogue of another charset. For each mutant that ``msgfmt --check`` refuses, l10n's reader
must refuse it too (an InputError with a line), or read it without losing anything: every
string and comment of the file is still in what l10n writes back, and that passes msgfmt.

Before, polib's grammar let through a ``msgstr`` after ``msgid_plural`` (the translation
disappeared), a ``msgstr[0]`` given twice (the first was dropped), two headers or an obsolete
one (a duplicate definition was written), comments between msgid and msgstr (a header comment
was dropped), a repeated ``#| msgid``, and a NUL byte in a non-UTF-8 catalogue.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.catalog.po import format_po, parse_po
from l10n.errors import InputError
from l10n.catalog.po_parse import unescape

VALID = r'''# French translation.
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2025-01-01 00:00+0000\n"
"PO-Revision-Date: 2025-01-02 00:00+0000\n"
"Last-Translator: A <a@example.org>\n"
"Language-Team: French\n"
"Language: fr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

# Keep it short.
#. A note.
#: doc.txt:1
msgid "One"
msgstr "Un"

msgctxt "menu"
msgid "File\n"
msgstr ""
"Fich\n"
"ier\n"

#, fuzzy
#| msgctxt "old"
#| msgid "Old two"
msgid "Two"
msgstr "Deux"

msgid "one cat"
msgid_plural "%d cats"
msgstr[0] "un chat"
msgstr[1] "%d chats"

#~ msgid "Gone"
#~ msgstr "Parti"

#~ msgid "gone cat"
#~ msgid_plural "gone cats"
#~ msgstr[0] "chat parti"
#~ msgstr[1] "chats partis"
'''

KEYWORD = re.compile(r'^(#~ |#\| |#~\| )?(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) ')
KEYWORDS = ["msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[0]", "msgstr[1]", "msgstr[2]"]


def _other_string(line: str) -> str:
    """The line with its string changed, so that a repeated line is told from the first."""
    if line.endswith('\\n"'):
        return line[:-3] + ' again\\n"'
    return line[:-1] + ' again"' if line.endswith('"') else line


def mutants(text: str) -> dict[str, str]:
    """Every one-line and one-entry mutation of ``text``, by a name saying what was done."""
    lines = text.split("\n")
    found = {}

    def add(name: str, new: list[str]) -> None:
        found[name] = "\n".join(new)

    for i, line in enumerate(lines):
        if not line:
            continue
        number = i + 1
        add(f"delete line {number}", lines[:i] + lines[i + 1:])
        add(f"repeat line {number}", lines[:i + 1] + [_other_string(line)] + lines[i + 1:])
        if i + 1 < len(lines) and lines[i + 1]:
            swapped = lines[:i] + [lines[i + 1], line] + lines[i + 2:]
            add(f"swap lines {number}-{number + 1}", swapped)
        keyword = KEYWORD.match(line)
        if keyword:
            for other in KEYWORDS:
                if other != keyword.group(2):
                    renamed = line[:keyword.start(2)] + other + line[keyword.end(2):]
                    add(f"line {number} as {other}", lines[:i] + [renamed] + lines[i + 1:])
        if line.startswith("#~ "):
            add(f"line {number} live", lines[:i] + [line[3:]] + lines[i + 1:])
        else:
            add(f"line {number} obsolete", lines[:i] + ["#~ " + line] + lines[i + 1:])
    blocks = text.rstrip("\n").split("\n\n")
    for i, block in enumerate(blocks):
        again = "\n".join(_other_string(ln) if ln.startswith(("msgstr", "#~ msgstr")) else ln
                          for ln in block.split("\n"))
        found[f"repeat entry {i}"] = "\n\n".join(blocks[:i + 1] + [again] + blocks[i + 1:]) + "\n"
        if not block.startswith("#~"):
            old = "\n".join(ln if ln.startswith("#") and not ln.startswith("#|") else "#~ " + ln
                            for ln in block.split("\n"))
            found[f"entry {i} obsolete"] = "\n\n".join(blocks[:i] + [old] + blocks[i + 1:]) + "\n"
    latin = text.replace("charset=UTF-8", "charset=ISO-8859-1")
    found["NUL byte in ISO-8859-1"] = latin.replace('"Un"', '"U\x00n"')
    found["NUL byte in KOI8-R"] = text.replace("charset=UTF-8", "charset=KOI8-R").replace(
        '"Deux"', '"De\x00ux"')
    return found


def contents(text: str) -> set[str]:
    """Every string (continuation lines joined) and comment of a PO file, line by line of its
    value: what a reader must not lose."""
    values, current = [], None
    for line in text.split("\n"):
        line = line.strip()
        for prefix in ("#~| ", "#~ ", "#| "):
            if line.startswith(prefix):
                line = line[len(prefix):].strip()
                break
        if line.startswith('"') and current is not None:
            current += line[1:-1]
            continue
        if current is not None:
            values.append(current)
            current = None
        if KEYWORD.match(line + " ") and '"' in line:
            current = line[line.index('"') + 1:-1]
        elif line.startswith(("# ", "#.")):
            values.append("comment: " + line.lstrip("#.").strip())
    if current is not None:
        values.append(current)
    return {part.strip() for value in values for part in unescape(value).split("\n")
            if part.strip()}


def msgfmt(path: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(["msgfmt", *options, "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)


MUTANTS = mutants(VALID)


@pytest.fixture(scope="module", autouse=True)
def gettext_installed():
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext's msgfmt is not installed")


def test_the_valid_catalogue_is_valid_and_the_mutants_are_many(tmp_path):
    path = tmp_path / "valid.po"
    path.write_text(VALID, "utf-8")
    assert msgfmt(path, "--check").returncode == 0
    assert format_po(parse_po(VALID.encode(), path)) == VALID
    assert len(MUTANTS) > 250


@pytest.mark.parametrize("name", MUTANTS)
def test_a_mutant_msgfmt_refuses_is_refused_or_read_without_a_loss(name, tmp_path):
    text = MUTANTS[name]
    encoding = "koi8-r" if "KOI8-R" in text else "latin-1" if "ISO-8859-1" in text else "utf-8"
    path = tmp_path / "mutant.po"
    path.write_bytes(text.encode(encoding))
    refused = msgfmt(path, "--check")
    try:
        catalogue = parse_po(path.read_bytes(), path)
    except InputError as error:
        assert error.line, f"no line in the message: {error}"
        return
    if refused.returncode == 0:
        return  # valid, and read
    written = tmp_path / "written.po"
    written.write_text(format_po(catalogue), "utf-8")
    lost = contents(text) - contents(written.read_text("utf-8"))
    assert not lost, f"msgfmt refuses it ({refused.stderr.strip()}); l10n lost {lost}"
    # the header may be missing in the mutant, and so in what is written: not checked
    check = msgfmt(written)
    assert check.returncode == 0, f"l10n wrote what msgfmt refuses:\n{check.stderr}"
