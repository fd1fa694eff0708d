"""l10n.catalog.po_parse builds the same POFile as polib.pofile, field by field, only faster.

The reference is polib itself, fed the text exactly as l10n.catalog.po.parse_po feeds it ("\\a"
turned into BEL, "#~|" rewritten to "#|"); the reader gets the checked text as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from hypothesis import assume, given

from hardening.test_properties import BOUNDED, catalogues
from l10n.catalog.po import format_po
from l10n.errors import InputError
from l10n.catalog.po_parse import check_line, read_catalogue, unescape

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path("/tmp/l10n-bench")
ENTRY_FIELDS = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete",
                "flags", "occurrences", "comment", "tcomment", "previous_msgid",
                "previous_msgid_plural", "previous_msgctxt", "linenum", "encoding")
# Characters str.splitlines() breaks lines at besides LF: polib cuts strings there, we do not.
OTHER_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def checked_text(data: bytes) -> str:
    """The text parse_po hands to polib, before its own rewrites (decoded, checked)."""
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), 1):
        check_line(line, number, "x.po")
    return text


def _bell_inside_strings(text: str) -> str:
    """Turn ``\\a`` inside strings into BEL, which polib would keep as two characters (the
    rewrite parse_po made before handing text to polib)."""
    def inside(found: re.Match) -> str:
        return re.sub(r"\\(.)", lambda m: "\a" if m.group(1) == "a" else m.group(0), found.group(0))

    return re.sub(r'"(?:[^"\\\n]|\\.)*"', inside, text)


def with_polib(text: str) -> polib.POFile:
    """What parse_po got from polib for this text, before it used l10n.catalog.po_parse."""
    if "\\a" in text:
        text = _bell_inside_strings(text)
    text = re.sub(r"^#~\|", "#|", text, flags=re.MULTILINE)
    return polib.pofile(text if "\n" in text else text + "\n", wrapwidth=79,
                        check_for_duplicates=False)


def assert_same(ours: polib.POFile, theirs: polib.POFile, where: str = "") -> None:
    """Every field polib sets, in order, with types where they matter (None vs "")."""
    assert list(ours.metadata.items()) == list(theirs.metadata.items()), where
    assert ours.metadata_is_fuzzy == theirs.metadata_is_fuzzy, where
    assert ours.header == theirs.header, where
    assert (ours.encoding, ours.wrapwidth) == (theirs.encoding, 79), where
    assert len(ours) == len(theirs), where
    for index, (mine, reference) in enumerate(zip(ours, theirs)):
        for name in ENTRY_FIELDS:
            got, expected = getattr(mine, name), getattr(reference, name)
            assert (got, type(got)) == (expected, type(expected)), f"{where} #{index} {name}"
        assert list(mine.msgstr_plural) == list(reference.msgstr_plural), where
        assert vars(mine).keys() == vars(reference).keys(), where


def compare_text(text: str, where: str = "") -> None:
    assert_same(read_catalogue(text, "x.po"), with_polib(text), where)


def polib_accepts(data: bytes) -> str | None:
    try:
        text = checked_text(data)
        with_polib(text)
    except (InputError, OSError, ValueError, UnicodeDecodeError):
        return None
    return text


# ------------------------------------------------------------------ files in the repository

REPO_FILES = sorted(p for pattern in ("po/**/*.po", "po/**/*.pot", "tests/**/*.po", "tests/**/*.pot")
                    for p in ROOT.glob(pattern))


@pytest.mark.parametrize("path", REPO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_catalogues_read_as_polib_reads_them(path):
    text = polib_accepts(path.read_bytes())
    if text is None:
        pytest.skip("polib (or parse_po's checks) refuses this file")
    try:
        read_catalogue(text, str(path))
    except InputError as error:  # stricter than polib where polib loses data: msgfmt refuses
        assert not msgfmt_accepts(path), f"msgfmt accepts what the reader refuses: {error}"
        pytest.skip(f"the reader refuses this file, as msgfmt does: {error}")
    compare_text(text, str(path))


def msgfmt_accepts(path: Path) -> bool:
    """Whether GNU msgfmt --check accepts the file (skip when gettext is not installed)."""
    import shutil
    import subprocess

    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True).returncode == 0


def test_the_repository_has_catalogues_to_compare():
    assert sum(polib_accepts(p.read_bytes()) is not None for p in REPO_FILES) >= 10


@pytest.mark.skipif(not BENCH.is_dir(), reason="no benchmark projects in /tmp/l10n-bench")
def test_benchmark_catalogues_read_as_polib_reads_them():
    paths = sorted(BENCH.glob("s1000/project/po/**/*.po"))
    paths += sorted(BENCH.glob("s10000/project/po/**/*.po"))[:20]
    assert paths
    for path in paths:
        compare_text(checked_text(path.read_bytes()), str(path))


# ---------------------------------------------------------------------- random catalogues

@BOUNDED
@given(catalogues())
def test_random_catalogues_read_as_polib_reads_them(catalogue):
    text = format_po(catalogue)
    assume(not any(char in text for char in OTHER_LINE_BREAKS))
    compare_text(text)


@BOUNDED
@given(catalogues())
def test_random_catalogues_read_back_what_was_written(catalogue):
    """Including the line breaks polib cuts at: the reader keeps them inside strings."""
    read = read_catalogue(format_po(catalogue), "x.po")
    assert [(e.msgctxt, e.msgid, e.msgstr, e.msgstr_plural, e.obsolete) for e in read] == [
        (e.msgctxt, e.msgid, e.msgstr, e.msgstr_plural, bool(e.obsolete))
        for e in sorted(catalogue, key=lambda e: bool(e.obsolete))]


# ------------------------------------------------------------------------------ by hand

HEADER = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
CASES = {
    "header only": HEADER,
    "no header": 'msgid "a"\nmsgstr "b"\n',
    "no header, comment first": '# note\n#. x\nmsgid "a"\nmsgstr "b"\n',
    "fuzzy header with comments": ('# Title\n# Copyright\n#\n#, fuzzy\n' + HEADER
                                   + '"X-Multi: one\\n"\n"second line\\n"\n'),
    "header comment lines as polib keeps them": "#  two spaces\n##x\n#\ttab\n# \n" + HEADER,
    "obsolete in the middle": (HEADER + '\nmsgid "a"\nmsgstr "A"\n\n#~ msgid "old"\n'
                               '#~ msgstr "OLD"\n\nmsgid "b"\nmsgstr "B"\n'),
    "obsolete before the header": '#~ msgid "old"\n#~ msgstr "OLD"\n\n' + HEADER,
    "previous msgid on obsolete, #~|": ('#, fuzzy\n#~| msgctxt "c"\n#~| msgid "before"\n'
                                        '#~ msgid "after"\n#~ msgstr "x"\n'),
    "previous msgid on obsolete, #|": '#, fuzzy\n#| msgid "before"\n#~ msgid "after"\n#~ msgstr "x"\n',
    "previous msgid multi-line": ('#, fuzzy\n#| msgid ""\n#| "one "\n#| "two"\n#| msgid_plural "ps"\n'
                                  'msgid "a"\nmsgstr "b"\n'),
    "obsolete comments and continuation": ('#~ # old note\n#~ msgid ""\n#~ "long "\n#~ "text"\n'
                                           '#~ msgstr "x"\n'),
    "plural": (HEADER + 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] ""\n"un"\nmsgstr[1] "des"\n'),
    "plural template": 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] ""\nmsgstr[1] ""\n',
    "msgctxt empty vs none": 'msgctxt ""\nmsgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n',
    "context with empty msgid": HEADER + 'msgctxt "c"\nmsgid ""\nmsgstr "z"\n',
    "multi-line strings": 'msgid ""\n"a "\n"b\\n"\nmsgstr ""\n""\n"c"\n',
    "escapes": r'msgid "q\" b\\ n\n t\t r\r v\v f\f b\b \\n"' + '\nmsgstr "x"\n',
    "comments with trailing spaces and lone #": ('msgid "a"\nmsgstr "b"\n\n#\n# one   \n#\n'
                                                 '#  two\n#. gen  \n#.\n#. \n#. x\nmsgid "c"\nmsgstr ""\n'),
    "flags": 'msgid "a"\nmsgstr "b"\n\n#, fuzzy, c-format\n#, no-wrap\n#,  x ,y,\nmsgid "c"\nmsgstr ""\n',
    "references": ('#: a.c:1 b.c:22\n#: c.c d.c:x e:f:3 dir/with:colon:\n#:\n#: ²:²\n'
                   'msgid "a"\nmsgstr "b"\n'),
    "path with a space": '#: my file.txt:3\nmsgid "a"\nmsgstr "b"\n',
    "trailing entry without final newline": HEADER + '\nmsgid "a"\nmsgstr "b"',
    "trailing comments dropped": 'msgid "a"\nmsgstr "b"\n\n# orphan\n#, fuzzy\n',
    "indented lines and blank lines with spaces": '  msgid "a"  \n \t\n\tmsgstr "b"\n',
    "tab after keyword": 'msgid\t"a"\nmsgstr\t"b"\n',
    "byte order mark": '\ufeffmsgid "a"\nmsgstr "b"\n',
    "duplicates kept in order": 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "charset other than UTF-8": 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
    "unknown charset": 'msgid ""\nmsgstr "Content-Type: text/plain; charset=nonesuch\\n"\n',
    "header not first": 'msgid "a"\nmsgstr "b"\n\n# late\nmsgid ""\nmsgstr "X: y\\n"\n',
    "bell escape": 'msgid "ring\\a"\nmsgstr "\\a"\n',
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_edge_cases_read_as_polib_reads_them(text):
    compare_text(text)


def test_line_numbers_are_polib_s():
    read = read_catalogue(CASES["comments with trailing spaces and lone #"], "x.po")
    assert [e.linenum for e in read] == [0, 4]


def test_catalogue_knows_its_path():
    assert read_catalogue(HEADER, Path("po/fr/a.po")).fpath == str(Path("po/fr/a.po"))


@pytest.mark.parametrize("escaped, value", [
    (r"a\nb", "a\nb"), (r"\\n", "\\n"), (r'\"', '"'), (r"\a\b\f\v\t\r", "\a\b\f\v\t\r"),
    (r"\\\\", "\\\\"), ("plain", "plain"),
], ids=["newline", "escaped backslash then n", "quote", "controls", "two backslashes", "plain"])
def test_unescape(escaped, value):
    assert unescape(escaped) == value


# ------------------------------------------------------------- on purpose unlike polib

def test_previous_msgid_of_obsolete_entry_is_kept_even_indented():
    """parse_po rewrites "#~|" at the start of a line only; the reader reads it anywhere."""
    read = read_catalogue('#, fuzzy\n  #~| msgid "before"\n#~ msgid "after"\n#~ msgstr ""\n', "x")
    assert read[0].previous_msgid == "before"


def test_two_digit_plural_index():
    text = ('msgid "a"\nmsgid_plural "b"\n' + "".join(f'msgstr[{i}] "{i}"\n' for i in range(11)))
    assert read_catalogue(text, "x").pop().msgstr_plural[10] == "10"


def test_other_line_breaks_stay_inside_strings():
    read = read_catalogue('msgid "a\u2028b\fc"\nmsgstr "x\x85"\n', "x")
    assert (read[0].msgid, read[0].msgstr) == ("a\u2028b\fc", "x\x85")


ERRORS = {
    "string without keyword": ('"orphan"\n', 1, "no keyword"),
    "string after a comment": ('msgid "a"\nmsgstr "b"\n# c\n"x"\n', 4, "no keyword"),
    "msgstr without msgid": ('msgstr "b"\n', 1, "msgstr without a msgid"),
    "msgstr after comment of new entry": ('msgid "a"\nmsgstr "b"\n# c\nmsgstr "d"\n', 4,
                                          "msgstr without a msgid"),
    "unknown keyword": ('msgid "a"\nmsgstring "b"\n', 2, "unknown keyword 'msgstring'"),
    "keyword glued to string": ('msgid"a"\nmsgstr "b"\n', 1, "unknown keyword"),
    "keyword without string": ('msgid "a"\nmsgstr\n', 2, "unknown keyword"),
    "value not quoted": ('msgid abc\nmsgstr "b"\n', 1, "expected a quoted string"),
    "plural form without msgid_plural": ('msgid "a"\nmsgstr[0] "b"\n', 2, "without msgid_plural"),
    "plural form without string": ('msgid "a"\nmsgid_plural "b"\nmsgstr[0]\n', 3, "quoted string"),
    "bad plural index": ('msgid "a"\nmsgid_plural "b"\nmsgstr[x] ""\n', 3, "plural index"),
    "msgid_plural without msgid": ('#. c\nmsgid_plural "b"\n', 2, "without a msgid"),
    "two msgids": ('msgid "a"\n#, fuzzy\nmsgid "b"\nmsgstr ""\n', 2, "comment inside an entry"),
    "comment between msgid and msgstr": ('msgid "a"\n# between\nmsgstr "b"\n', 2,
                                         "comment inside an entry"),
    "msgid then msgid": ('msgid "a"\nmsgid "b"\n', 2, "msgid without a msgstr"),
    "msgctxt after msgid": ('msgid "a"\nmsgctxt "b"\n', 2, "msgctxt after the msgid"),
    "two msgstr": ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3, "msgstr without"),
    "msgid without msgstr at end": ('msgid "a"\n', 1, "msgid without a msgstr"),
    "msgid then comment at end": ('msgid "a"\n# c\n', 2, "comment inside an entry"),
    "msgctxt at end": ('msgid "a"\nmsgstr "b"\nmsgctxt "c"\n', 3, "msgctxt without a msgid"),
    "comment after msgctxt": ('msgctxt "c"\n# x\nmsgid "a"\nmsgstr ""\n', 2, "between msgctxt"),
    "unknown comment": ('#! x\nmsgid "a"\nmsgstr ""\n', 1, "unknown comment '#!'"),
    "glued comment marker": ('#.x\nmsgid "a"\nmsgstr ""\n', 1, "unknown comment"),
    "#~ alone": ('msgid "a"\nmsgstr ""\n#~\n', 3, "'#~' must be followed"),
    "#| alone": ('#|\nmsgid "a"\nmsgstr ""\n', 1, "'#|' without a field"),
    "#| unknown keyword": ('#| msgstr "x"\nmsgid "a"\nmsgstr ""\n', 1, "unknown keyword 'msgstr'"),
    "#| keyword without string": ('#| msgid\nmsgid "a"\nmsgstr ""\n', 1, "invalid continuation"),
    "#~ #| msgid": ('#~ #| msgid "x"\n#~ msgid "a"\n#~ msgstr ""\n', 1, "obsolete entry"),
    "text line": ('msgid "a"\nmsgstr "b"\nhello\n', 3, "unexpected text 'hello'"),
}


STRING_ERRORS = {
    "unescaped quote": ('msgid "a"b"\nmsgstr ""\n', 1, "text after the end of a string"),
    "unterminated": ('msgid "a"\nmsgstr "b\n', 2, "unterminated string"),
    "continued unterminated": ('msgid ""\n"a\nmsgstr ""\n', 2, "unterminated string"),
    "bad escape": ('msgid "a\\q"\nmsgstr ""\n', 1, "invalid escape sequence '\\\\q'"),
    "octal escape": ('msgid "a"\nmsgstr "\\101"\n', 2, "octal and hex escapes"),
    "bad escape continued": ('msgid "a"\nmsgstr ""\n"x\\y"\n', 3, "invalid escape"),
    "bad escape obsolete": ('#~ msgid "a"\n#~ msgstr "\\z"\n', 2, "invalid escape"),
    "first of two, in line order": ('msgid "\\z"\nmsgstr "b\n', 1, "invalid escape"),
}


@pytest.mark.parametrize("text, line, message", STRING_ERRORS.values(), ids=STRING_ERRORS.keys())
def test_bad_strings_are_refused_as_the_line_check_refuses_them(text, line, message):
    """The reader checks each string as it takes it, with ``check_line``'s
    messages (parse_po gave the same when it checked every line before reading)."""
    with pytest.raises(InputError) as caught:
        read_catalogue(text, "po/fr/a.po")
    assert message in caught.value.message, caught.value.message
    assert (caught.value.path, caught.value.line) == ("po/fr/a.po", line)
    with pytest.raises(InputError) as checked:
        check_line(text.split("\n")[line - 1], line, "po/fr/a.po")
    assert checked.value.message == caught.value.message


def test_a_bad_escape_in_a_previous_msgid_is_refused_as_msgfmt_refuses_it():
    """``#|`` lines are comments to the line check, which let "\\z" through to be written
    back; msgfmt --check refuses it ("invalid control sequence"), and so does the reader."""
    text = '#, fuzzy\n#| msgid "a\\z"\nmsgid "a"\nmsgstr "b"\n'
    with pytest.raises(InputError) as caught:
        read_catalogue(text, "po/fr/a.po")
    assert "invalid escape sequence" in caught.value.message and caught.value.line == 2


@pytest.mark.parametrize("text, line, message", ERRORS.values(), ids=ERRORS.keys())
def test_syntax_errors_name_the_line(text, line, message):
    with pytest.raises(InputError) as caught:
        read_catalogue(text, "po/fr/a.po")
    assert caught.value.message.startswith("syntax error: ") and message in caught.value.message
    assert (caught.value.path, caught.value.line) == ("po/fr/a.po", line)


# A string continued over many lines, in each kind of field that takes continuation lines.
LONG_STRINGS = {
    "msgstr": ('msgid "a"\nmsgstr ""\n', "msgstr"),
    "msgstr[1]": ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] ""\n', "msgstr[1]"),
    "previous msgid": ('#, fuzzy\n#| msgid ""\n', "#| msgid"),
}


def _long_string(head: str, lines: int, where: str) -> str:
    prefix = "#| " if where.startswith("#|") else ""
    body = f'{prefix}"abcdefghij"\n' * lines
    return head + body + ('msgid "a"\nmsgstr "b"\n' if prefix else "")


def _best_time(text: str, runs: int = 5) -> float:
    """The shortest CPU time of this process over ``runs`` readings (CPU time, not wall time:
    other processes on a loaded machine count less)."""
    import gc
    import time

    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        read_catalogue(text, "po/fr/a.po")
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("head, where", LONG_STRINGS.values(), ids=LONG_STRINGS.keys())
def test_reading_a_string_of_many_continuation_lines_is_linear(head, where):
    """A string of a million continuation lines took 15.6 s: each line was added to the string
    so far, copying it. Doubling the lines must at most about double the time (a ratio measured
    in this run, with a wide margin: quadratic reading gives 4 or more)."""
    small, large = (_long_string(head, n, where) for n in (100_000, 200_000))
    read = read_catalogue(large, "po/fr/a.po")
    entry = read[0] if where != "#| msgid" else read.find("a")
    value = {"msgstr": entry.msgstr, "msgstr[1]": entry.msgstr_plural.get(1),
             "#| msgid": entry.previous_msgid}[where]
    assert value == "abcdefghij" * 200_000
    ratio = _best_time(large) / _best_time(small)
    assert ratio < 3.5, f"doubling the continuation lines multiplied the time by {ratio:.1f}"
