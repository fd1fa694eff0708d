"""Reading and writing PO files: gettext's formatting exactly, and one clear error per fault."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.catalog.po import compile_mo, format_po, parse_po, read_po, write_po
from l10n.errors import InputError

from support import msgcat_output, msgfmt_check

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: summit\\n"\n"Language: zh\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)
ZH = ("卡塔尔国于2025年11月4日至6日在多哈主办第二届社会发展问题世界首脑会议，"
      "距1995年在哥本哈根举行的社会发展问题世界首脑会议已有三十年。")
EN = ("The Second World Summit for Social Development was held in Doha, Qatar, from 4 to 6 "
      "November 2025, thirty years after the World Summit for Social Development in Copenhagen.")


def entry_lines(index: int) -> str:
    refs = " ".join(f"source/summit/overview.html:{n}" for n in range(index, index + 12))
    return (f'# Checked against A/RES/78/261.\n#. <p> in <section id="overview">\n#: {refs}\n'
            f'#, fuzzy\n#| msgid "{EN[:-1]}"\nmsgctxt "p"\nmsgid "{EN} {index}"\n'
            f'msgstr "{ZH}"\n\n')


def test_writer_matches_gettext_msgcat_byte_for_byte(tmp_path: Path):
    path = tmp_path / "zh.po"
    body = HEADER + "".join(entry_lines(i) for i in range(1, 6))
    body += f'#~ msgid "{EN} old"\n#~ msgstr "{ZH}"\n'
    path.write_text(body, "utf-8")
    ours = format_po(read_po(path))
    (tmp_path / "ours.po").write_text(ours, "utf-8")
    assert ours == msgcat_output(tmp_path / "ours.po")
    msgfmt_check(tmp_path / "ours.po")


def test_reading_and_writing_again_changes_nothing(tmp_path: Path):
    path = tmp_path / "zh.po"
    path.write_text(HEADER + entry_lines(1), "utf-8")
    first = format_po(read_po(path))
    (tmp_path / "again.po").write_text(first, "utf-8")
    assert format_po(read_po(tmp_path / "again.po")) == first


def test_previous_msgid_of_obsolete_entry_is_kept(tmp_path: Path):
    path = tmp_path / "fr.po"
    path.write_text(HEADER + '#, fuzzy\n#~| msgid "Old text"\n#~ msgid "New text"\n'
                    '#~ msgstr "Nouveau texte"\n', "utf-8")
    out = format_po(read_po(path))
    assert '#~| msgid "Old text"' in out
    assert '#~ msgstr "Nouveau texte"' in out


def test_write_is_skipped_when_content_is_identical(tmp_path: Path):
    path = tmp_path / "zh.po"
    path.write_text(HEADER + entry_lines(1), "utf-8")
    catalogue = read_po(path)
    out = tmp_path / "out.po"
    assert write_po(catalogue, out) is True
    assert write_po(catalogue, out) is False


BAD = [
    ("unterminated", HEADER + 'msgid "Doha\nmsgstr "x"\n', 10, "unterminated string"),
    ("bad-escape", HEADER + 'msgid "Doha \\q"\nmsgstr "x"\n', 10, "invalid escape"),
    ("duplicate", HEADER + 'msgid "Doha"\nmsgstr "x"\n\nmsgid "Doha"\nmsgstr "y"\n', None,
     "duplicate message"),
    ("text-after-string", HEADER + 'msgid "Doha" x\nmsgstr "x"\n', 10, "after the end"),
    ("plural-count", HEADER + 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n', 10,
     "nplurals=1"),
    ("empty", "", 1, "empty catalogue"),
]


@pytest.mark.parametrize("content,line,message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_malformed_catalogue_gives_one_clear_error(tmp_path: Path, content, line, message):
    path = tmp_path / "bad.po"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError) as caught:
        read_po(path)
    assert message in caught.value.message
    assert caught.value.path == str(path)
    if line:
        assert caught.value.line == line


def test_non_utf8_catalogue_names_the_line(tmp_path: Path):
    path = tmp_path / "latin1.po"
    path.write_bytes((HEADER + 'msgid "Geneva"\nmsgstr "Genève"\n').encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_po(path)
    assert "UTF-8" in caught.value.message and caught.value.line == 11


def test_missing_catalogue(tmp_path: Path):
    with pytest.raises(InputError, match="no such catalogue"):
        read_po(tmp_path / "nope.po")


def test_compiled_mo_is_read_by_python_gettext(tmp_path: Path):
    import gettext

    path = tmp_path / "fr.po"
    path.write_text(HEADER.replace("zh", "fr").replace("nplurals=1; plural=0;", "nplurals=2; plural=(n > 1);")
                    + 'msgid "Doha"\nmsgstr "Doha (Qatar)"\n\n#, fuzzy\nmsgid "Geneva"\nmsgstr "Genève"\n',
                    "utf-8")
    mo = tmp_path / "fr.mo"
    mo.write_bytes(compile_mo(read_po(path)))
    translations = gettext.GNUTranslations(mo.open("rb"))
    assert translations.gettext("Doha") == "Doha (Qatar)"
    assert translations.gettext("Geneva") == "Geneva"  # fuzzy entries are left out


def test_compiled_mo_can_include_fuzzy_entries(tmp_path: Path):
    import gettext

    path = tmp_path / "fr.po"
    path.write_text(HEADER.replace("zh", "fr") + '#, fuzzy\nmsgid "Geneva"\nmsgstr "Genève"\n', "utf-8")
    mo = tmp_path / "fr.mo"
    mo.write_bytes(compile_mo(read_po(path), include_fuzzy=True))
    assert gettext.GNUTranslations(mo.open("rb")).gettext("Geneva") == "Genève"


def test_comment_ending_in_a_backslash_does_not_swallow_the_next_line(tmp_path: Path):
    """gettext reads a backslash at the end of any line, comments included, as a continuation."""
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Doha", msgstr="الدوحة", tcomment="path C:\\", comment="x\\"))
    path = tmp_path / "slash.po"
    write_po(catalogue, path)
    msgfmt_check(path)
    again = read_po(path)[0]
    assert (again.tcomment, again.comment, again.msgid) == ("path C:\\", "x\\", "Doha")


# ------------------------------------------------- no bad string gets past the reader

def _reference_bad_line(text: str) -> int | None:
    """The first line ``check_line`` refuses, trying every line (the definition)."""
    from l10n.catalog.po_parse import check_line

    for number, line in enumerate(text.split("\n"), 1):
        try:
            check_line(line, number, "x.po")
        except InputError:
            return number
    return None


_LINES = st.sampled_from([
    'msgid "a"', 'msgstr "b\\n"', '"continued \\"quoted\\""', '#~ msgid "old"', '#~| msgid "p"',
    '# comment with "quote', '#. "', 'msgid "open', 'msgstr "bad \\q"', '"x" y', '', '   ',
    ' #: a"b', '#~ msgstr "x" y', '#~"', 'msgstr[0] "z"', 'msgid "\\x41"',
    '\t"tab"\t', 'msgid\u2028"sep"', '"a\u0085"', 'msgid', 'msgid "a"\nmsgstr "b"',
])


@settings(max_examples=300)
@given(st.lists(_LINES, max_size=12), st.booleans())
def test_the_reader_refuses_every_text_with_a_bad_string_line(lines, final_newline):
    """The reader checks strings as it takes them (no separate pass over the text): a text
    with a line the line check refuses is never read, and the reader stops at that line or
    at an earlier one (a syntax error before it)."""
    from l10n.catalog.po_parse import read_catalogue

    text = "\n".join(lines) + ("\n" if final_newline else "")
    bad = _reference_bad_line(text)
    try:
        read_catalogue(text, "x.po")
    except InputError as error:
        assert bad is None or error.line <= bad, text
    else:
        assert bad is None, text


# A sentence whose natural break at column 77 falls inside the directive that follows it.
LEAD = "Ensure this value has at most %(limit_value)d characters (it has "
DIRECTIVES = {
    "python-format": "%(show_value)d",
    "python-brace-format": "{show_value}",
    "c-format": "%1$-10lld",
}


@pytest.mark.parametrize("flag", [*DIRECTIVES, "no flag", "no-wrap"])
def test_format_directives_and_no_wrap_are_laid_out_as_msgcat_lays_them(flag, tmp_path):
    """gettext never breaks a line inside a format directive of an entry flagged with that
    format (l10n cut ``%(show_value)d`` as ``%`` / ``(show_value)d``), breaks anywhere in an
    entry without a format flag, and not at all under ``no-wrap``; msgcat decides."""
    directive = DIRECTIVES.get(flag, "%(show_value)d")
    flags = f"#, {flag}\n" if flag != "no flag" else ""
    text = f"{LEAD}{directive} and more)."
    path = tmp_path / "fr.po"
    path.write_text(HEADER + f'{flags}msgid "{text}"\nmsgstr "{text}"\n', "utf-8")
    ours = format_po(read_po(path))
    assert ours == msgcat_output(path)
    if flag in DIRECTIVES:
        assert f'"{directive}' in ours.replace(LEAD, "")  # the directive starts a line, whole


def test_the_header_and_non_ascii_strings_are_wrapped_as_msgcat_wraps_them(tmp_path):
    """A long header line ending just at the page width (no line may start with the final
    ``\\n``), a URL broken after its slash, and Arabic with combining marks (zero width)."""
    header = HEADER.replace(
        '"Language: zh\\n"\n',
        '"Language-Team: Russian (http://app.transifex.com/django/django/language/ru/)\\n"\n'
        '"Last-Translator: Алексей Борискин <sun.void@gmail.com>, 2013-2017,2019-2020,2022\\n"\n')
    arabic = "قيمة '%(value)s' من بُنية صحيحة (YYYY-MM-DD) لكنها تحوي تاريخ غير صحيح."
    path = tmp_path / "ar.po"
    path.write_text(header + f'#, python-format\nmsgid "x %(value)s"\nmsgstr "{arabic}"\n',
                    "utf-8")
    ours = format_po(read_po(path))
    assert ours == msgcat_output(path)
    assert f'msgstr "{arabic}"' in ours  # it fits: combining marks take no column


def test_flags_are_written_in_msgcat_order_and_ours_are_kept(tmp_path):
    path = tmp_path / "fr.po"
    path.write_text(HEADER + '#, python-brace-format, ignore-tag-mismatch, python-format, fuzzy\n'
                    'msgid "a {b} %(c)s"\nmsgstr "d {b} %(c)s"\n', "utf-8")
    ours = format_po(read_po(path))
    assert "#, fuzzy, python-format, python-brace-format, ignore-tag-mismatch\n" in ours
    assert ours.replace(", ignore-tag-mismatch", "") == msgcat_output(path)


REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted((REPOSITORY / "po").rglob("*.po*")),
                         ids=lambda p: str(p.relative_to(REPOSITORY)))
def test_the_example_catalogues_are_as_msgcat_writes_them(path):
    """The example project's files, which ``make run`` leaves unchanged, are in gettext's own
    layout (msgcat drops the flags it does not know, such as l10n's ignore-* flags)."""
    ours = path.read_text("utf-8")
    assert format_po(read_po(path)) == ours
    unknown = re.compile(r"(?m)^#, ignore-[\w-]+\n|, ignore-[\w-]+")
    assert unknown.sub("", ours) == msgcat_output(path)


def test_without_libunistring_directives_still_stay_whole(tmp_path, monkeypatch):
    """Where GNU libunistring cannot be loaded, the break opportunities come from
    unicode_segmentation_rs: the layout may differ from msgcat's in rare cases, but the rules
    of gettext's own (whole directives, no line starting with the final ``\\n``) hold."""
    from l10n.catalog import po_wrap

    monkeypatch.setattr(po_wrap, "_libunistring", lambda: None)
    for flag, directive in DIRECTIVES.items():
        text = f"{LEAD}{directive} and more).\\n"
        path = tmp_path / "fr.po"
        path.write_text(HEADER + f'#, {flag}\nmsgid "{text}"\nmsgstr "{text}"\n', "utf-8")
        ours = format_po(read_po(path))
        assert f'"{directive}' in ours.replace(LEAD, ""), flag
        assert '\n"\\n"' not in ours
        assert format_po(parse_po(ours.encode(), "again.po")) == ours


# Directives of each format, valid and (for gettext 0.21's parsers) invalid, with a place
# inside where a line could break; gettext stops parsing at an invalid one.
PROBES = [("python-format", d)
          for d in ("%(show value)s", "%(a-b-c-d)s", "%-10.2f", "%y %(x y)s")]
PROBES += [("python-brace-format", d) for d in ("{abc.def_long}", "{abc.__name__}", "{abc[x y]}",
                                                "{0: >10}", "{0:+10.2f}", "{a:{b} c}", "{x y}")]
PROBES += [("c-format", d) for d in ("%1$-10lld", "%<PRId64>", "%q %-5.2f")]
PROBES += [("no-c-format", "%-5.2f")]


@pytest.mark.parametrize("flag, directive", PROBES, ids=[f"{f} {d}" for f, d in PROBES])
def test_directives_at_every_break_point_are_laid_out_as_msgcat_lays_them(flag, directive,
                                                                        tmp_path):
    """The directive is moved along the page end, so that the break falls at each of its
    characters in turn: l10n's layout is msgcat's every time."""
    path = tmp_path / "fr.po"
    for pad in range(len(directive) + 2):
        text = "x" * (60 + pad) + " " + directive + " and more words here."
        path.write_text(HEADER + f'#, {flag}\nmsgid "{text}"\nmsgstr "{text}"\n', "utf-8")
        assert format_po(read_po(path)) == msgcat_output(path), pad


@pytest.mark.parametrize("where", ["msgid", "msgstr", "msgctxt"])
def test_eot_in_a_string_is_refused_as_msgfmt_refuses_it(tmp_path, where):
    """gettext joins a context to its msgid with EOT (U+0004) in MO files: a string holding
    one is an error at its entry, for msgfmt and for l10n."""
    fields = {"msgctxt": 'msgctxt "c"\n', "msgid": 'msgid "a"\n', "msgstr": 'msgstr "b"\n'}
    fields[where] = fields[where].replace('"\n', '\x04"\n')
    path = tmp_path / "eot.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    + "".join(fields.values()), "utf-8")
    with pytest.raises(InputError, match="context separator <EOT> within string") as error:
        read_po(path)
    assert error.value.line == 4
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                              capture_output=True).returncode != 0


def test_libunistring_is_found_without_running_ldconfig(monkeypatch):
    """Where libunistring loads under its usual names, no `ldconfig -p` process is started
    to look for it (ctypes.util.find_library does that: a fork of the whole process)."""
    import ctypes
    import ctypes.util

    from l10n.catalog import po_wrap

    for name in ("libunistring.so.5", "libunistring.so.2"):
        try:
            ctypes.CDLL(name)
            break
        except OSError:
            continue
    else:
        pytest.skip("libunistring is not installed under its usual names")
    asked = []
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: asked.append(name))
    assert po_wrap._libunistring.__wrapped__() is not None
    assert asked == []
