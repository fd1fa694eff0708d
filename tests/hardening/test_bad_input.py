"""Bad input through the real command line: one clear line, exit status 2, nothing written.

Each case puts one file from tests/hardening/corpus (or a variant made from one at test time:
not UTF-8, a NUL byte, UTF-16, a BOM, CRLF line ends, 50 MB) into a small project, snapshots
every file of the project, runs the commands that read it and checks that each one

- exits with status 2,
- prints exactly one line on stderr, naming the file and, where there is one, the line,
- prints no traceback, and
- leaves every file of the project exactly as it was (nothing created, changed or removed).

The second half lists inputs that look odd but are valid (a BOM, CRLF line ends, obsolete
entries in odd places, an external DTD in a TBX 2008 file): they must be accepted, silently.
"""

from __future__ import annotations

import http.server
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from hardening.harness import CORPUS, Outcome, new_project, run_cli, snapshot, write_tree
from l10n.catalog.po import read_po
from l10n.util.fs import MAX_INPUT_BYTES
from support import msgfmt_check

PO = "po/fr/doc.po"
NUL_AT = b"took part"  # where the "nul" variant puts its NUL byte (else in "Secretariat")


# ------------------------------------------------------------------------------ variants


def variant(data: bytes, how: str) -> bytes:
    """A corpus file changed the way a bad editor or a bad transfer changes files."""
    if how == "latin1":
        return data.decode("utf-8").encode("latin-1", errors="replace")
    if how == "nul":
        word = NUL_AT if NUL_AT in data else b"Secretariat"
        return data.replace(word, word[:4] + b"\x00" + word[4:], 1)
    if how == "latin1-nul":  # a NUL byte in a catalogue that declares another charset
        latin = variant(data.replace(b"charset=UTF-8", b"charset=ISO-8859-1"), "latin1")
        return variant(latin, "nul")
    if how == "utf16":
        return data.decode("utf-8").encode("utf-16")
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "crlf":
        return data.replace(b"\n", b"\r\n")
    if how == "cr":
        return data.replace(b"\n", b"\r")
    assert how == "", how
    return data


def line_of(data: bytes, how: str) -> int | None:
    """The line a variant's damage is on (for the expected message)."""
    text = data.decode("utf-8")
    if how == "latin1":
        index = next(i for i, c in enumerate(text) if ord(c) > 127)
    elif how in ("nul", "latin1-nul"):
        word = NUL_AT.decode() if NUL_AT.decode() in text else "Secretariat"
        index = text.index(word)
    else:
        return None
    return text.count("\n", 0, index) + 1


# --------------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """One bad file: where it comes from, where it goes, what the message must say."""

    id: str
    source: str  # corpus path
    target: str  # path in the project
    commands: tuple[str, ...]  # which commands read it (see COMMANDS)
    words: str  # a fragment the message must contain
    line: int | None = None  # the line the message must name; None: no line
    how: str = ""  # variant, see variant()


PO_ALL = ("update", "merge", "check")
PO_WRITE = ("update", "merge")  # check reads leniently and reports these as findings
PO_STRICT = ("stats",)  # update and merge repair these, with a warning (tests/test_merge.py)
SRC = ("extract",)
GLOSSARY = ("glossary-validate", "glossary-import")

CASES = [
    # PO catalogues
    Case("po-unterminated-string", "po/unterminated-string.po", PO, PO_ALL, "unterminated string", 8),
    Case("po-bad-escape", "po/bad-escape.po", PO, PO_ALL, "invalid escape sequence", 8),
    Case("po-duplicate-msgid", "po/duplicate-msgid.po", PO, PO_ALL, "duplicate message", 11),
    Case("po-duplicate-of-an-obsolete-entry", "po/duplicate-obsolete.po", PO, PO_ALL,
         "duplicate message", 10),
    Case("po-plurals-without-plural-forms", "po/no-plural-forms.po", PO, PO_WRITE,
         "no Plural-Forms", 6),
    Case("po-plural-count-contradicts-header", "po/plural-count-contradicts-header.po", PO,
         PO_STRICT, "nplurals=2", 7),
    Case("po-plural-index-beyond-header", "po/plural-index-beyond-header.po", PO,
         PO_ALL + PO_STRICT, "msgstr[5] where msgstr[1] is expected", 10),
    Case("po-bad-plural-index", "po/bad-plural-index.po", PO, PO_ALL, "syntax error", 9),
    Case("po-unknown-charset", "po/unknown-charset.po", PO, PO_ALL, "declared charset"),
    Case("po-not-a-catalogue", "po/not-a-catalogue.po", PO, PO_ALL, "syntax error", 1),
    Case("po-bad-obsolete-line", "po/bad-obsolete-line.po", PO, PO_ALL, "syntax error", 7),
    Case("po-empty", "po/empty.po", PO, PO_ALL, "empty catalogue", 1),
    Case("po-not-utf8", "po/translated.po", PO, PO_ALL, "not valid UTF-8", how="latin1"),
    Case("po-nul-byte", "po/translated.po", PO, PO_ALL, "NUL byte", how="nul"),
    Case("po-nul-byte-in-latin1", "po/translated.po", PO, PO_ALL, "NUL byte", how="latin1-nul"),
    # malformed in ways msgfmt refuses and polib read with a loss (issue 18, item 5)
    Case("po-plural-with-plain-msgstr", "po/plural-with-plain-msgstr.po", PO, PO_ALL,
         "msgstr after msgid_plural", 9),
    Case("po-plural-form-twice", "po/plural-form-twice.po", PO, PO_ALL,
         "msgstr[0] where msgstr[1] is expected", 10),
    Case("po-two-headers", "po/two-headers.po", PO, PO_ALL, "a second header", 10),
    Case("po-obsolete-header", "po/obsolete-header.po", PO, PO_ALL, "obsolete header", 2),
    Case("po-utf16", "po/translated.po", PO, PO_ALL, "not valid UTF-8", 1, how="utf16"),
    # sources (HTML, XHTML, Markdown, text)
    Case("xhtml-external-entity", "source/xxe.xhtml", "source/xxe.xhtml", SRC,
         "entity declarations are not allowed", 3),
    Case("xhtml-billion-laughs", "source/billion-laughs.xhtml", "source/lol.xhtml", SRC,
         "entity declarations are not allowed", 3),
    Case("html-billion-laughs", "source/billion-laughs.html", "source/lol.html", SRC,
         "entity declarations are not allowed", 2),
    Case("html-external-entity", "source/entity-in-html.html", "source/xxe.html", SRC,
         "entity declarations are not allowed", 1),
    Case("xhtml-external-dtd-file", "source/external-dtd.xhtml", "source/dtd.xhtml", SRC,
         "external DTD", 2),
    Case("html-network-dtd", "source/network-dtd.html", "source/net.html", SRC, "external DTD", 1),
    Case("xhtml-network-dtd", "source/network-dtd.xhtml", "source/net.xhtml", SRC,
         "external DTD", 2),
    Case("xhtml-malformed", "source/malformed.xhtml", "source/bad.xhtml", SRC, "malformed XHTML", 3),
    Case("xhtml-empty", "po/empty.po", "source/empty.xhtml", SRC, "malformed XHTML", 1),
    Case("html-not-utf8", "source/page.html", "source/page.html", SRC, "not valid UTF-8",
         how="latin1"),
    Case("text-not-utf8", "po/translated.po", "source/doc.txt", SRC, "not valid UTF-8",
         how="latin1"),
    Case("markdown-nul-byte", "source/doc.txt", "source/other.md", SRC, "NUL byte",
         how="nul"),
    Case("html-utf16", "source/page.html", "source/page.html", SRC, "not valid UTF-8", 1,
         how="utf16"),
    # glossaries: TBX
    Case("tbx-external-entity", "tbx/xxe.tbx", "in/xxe.tbx", GLOSSARY, "entity declarations", 2),
    Case("tbx-billion-laughs", "tbx/billion-laughs.tbx", "in/lol.tbx", GLOSSARY,
         "entity declarations", 3),
    Case("tbx-parameter-entity-from-network", "tbx/parameter-entity.tbx", "in/pe.tbx", GLOSSARY,
         "entity declarations", 2),
    Case("tbx-entity-from-external-dtd", "tbx/entity-from-external-dtd.tbx", "tbx/ext.tbx",
         GLOSSARY, "entity", 6),
    Case("tbx-truncated", "tbx/truncated.tbx", "in/cut.tbx", GLOSSARY, "not well-formed XML", 5),
    Case("tbx-mismatched-tag", "tbx/mismatched-tag.tbx", "in/tag.tbx", GLOSSARY,
         "not well-formed XML", 5),
    Case("tbx-not-tbx", "tbx/not-tbx-root.tbx", "in/root.tbx", GLOSSARY, "not a TBX file", 2),
    Case("tbx-empty", "tbx/empty.tbx", "in/empty.tbx", GLOSSARY, "not well-formed XML", 1),
    Case("tbx-not-utf8", "tbx/good.tbx", "in/latin.tbx", GLOSSARY, "cannot decode",
         how="latin1"),
    Case("tbx-nul-byte", "tbx/good.tbx", "in/nul.tbx", GLOSSARY, "not well-formed XML",
         how="nul"),
    # glossaries: CSV
    Case("csv-missing-column", "csv/missing-column.csv", "in/cols.csv", GLOSSARY,
         "missing column 'lang'", 1),
    Case("csv-stray-quote", "csv/stray-quote.csv", "in/quote.csv", GLOSSARY,
         "quote inside an unquoted field", 3),
    Case("csv-text-after-closing-quote", "csv/text-after-closing-quote.csv", "in/after.csv",
         GLOSSARY, "bad CSV quoting", 2),
    Case("csv-unclosed-quote", "csv/unclosed-quote.csv", "in/open.csv", GLOSSARY,
         "bad CSV quoting", 2),
    Case("csv-short-row", "csv/short-row.csv", "in/short.csv", GLOSSARY, "expected 7 fields", 3),
    Case("csv-wide-short-row", "csv/wide-short-row.csv", "in/wide.csv", GLOSSARY,
         "expected 4 fields", 2),
    Case("csv-empty", "csv/empty.csv", "in/empty.csv", GLOSSARY, "empty CSV file", 1),
    Case("csv-not-utf8", "po/translated.po", "in/latin.csv", GLOSSARY, "not valid UTF-8",
         how="latin1"),
    Case("csv-nul-byte", "csv/good.csv", "in/nul.csv", GLOSSARY, "NUL byte", how="nul"),
]


def commands(name: str, root: Path, target: str) -> list[str]:
    """The argv (after -C ROOT) of one command reading ``target`` (paths made absolute)."""
    target, template, merged = (str(root / p) for p in (target, "po/doc.pot", "po/fr/merged.po"))
    return {
        "update": ["update"],
        "merge": ["merge", target, template, "-o", merged],
        "check": ["check", target, "--format", "json"],
        "stats": ["stats"],
        "extract": ["extract"],
        "glossary-validate": ["glossary", "validate", target],
        "glossary-import": ["glossary", "import", target],
    }[name]


def base_project(root: Path) -> Path:
    """A project with one source document, its template and a glossary file already there."""
    new_project(root, {
        "source/doc.txt": (CORPUS / "source/doc.txt").read_bytes(),
        "glossary/keep.tbx": (CORPUS / "tbx/good.tbx").read_bytes().replace(b'"c1"', b'"k1"'),
        "tbx/entities.dtd": (CORPUS / "tbx/entities.dtd").read_bytes(),
    })
    assert run_cli(root, "extract").code == 0
    return root


def assert_refused(outcome: Outcome, target: str, words: str, line: int | None) -> None:
    """Exit 2, one line on stderr naming the file (and line), no traceback."""
    shown = f"exit {outcome.code}\nstdout: {outcome.stdout}\nstderr: {outcome.stderr}"
    assert outcome.code == 2, shown
    assert "Traceback" not in outcome.stdout + outcome.stderr, shown
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, shown
    where = f"{target}:{line}: error: " if line else f"{target}: error: "
    assert where in lines[0], shown
    assert words in lines[0], shown


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_with_one_line_and_nothing_written(case: Case, tmp_path: Path):
    root = base_project(tmp_path / "project")
    data = (CORPUS / case.source).read_bytes()
    bad = variant(data, case.how)
    write_tree(root, {case.target: bad})
    line = case.line or line_of(data, case.how)
    for name in case.commands:
        before = snapshot(root)
        outcome = run_cli(root, *commands(name, root, case.target))
        assert_refused(outcome, case.target, case.words, line)
        assert snapshot(root) == before, f"{name} changed the project's files"


# ------------------------------------------------------------------------------ huge files

HUGE = 50 * 1024 * 1024


def huge_catalogue(path: Path, size: int) -> None:
    """A valid catalogue of about ``size`` bytes (written in blocks, not built in memory)."""
    header = (CORPUS / "po/translated.po").read_bytes().split(b"\n\n")[0] + b"\n\n"
    with path.open("wb") as handle:
        handle.write(header)
        number, written = 0, len(header)
        while written < size:
            block = b"".join(
                b'msgid "Sentence %d of a very long report on the Summit."\nmsgstr "Phrase %d."\n\n'
                % (n, n) for n in range(number, number + 10000))
            handle.write(block)
            number, written = number + 10000, written + len(block)


LIMIT = f"the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MiB"


@pytest.mark.parametrize("target,command,message,line", [
    (PO, "update", LIMIT, None), (PO, "merge", LIMIT, None), (PO, "check", LIMIT, None),
    ("source/doc.txt", "extract", LIMIT, None), ("in/huge.csv", "glossary-import", LIMIT, None),
    # TBX is streamed and may be as large as MAX_GLOSSARY_BYTES: this one is read, and refused
    # for what it is.
    ("in/huge.tbx", "glossary-validate", "not well-formed XML", 1),
], ids=["po-update", "po-merge", "po-check", "source-extract", "csv-import", "tbx-validate"])
def test_a_50_mb_input_is_refused_quickly_with_the_documented_limit(target, command, message,
                                                                   line, tmp_path):
    root = base_project(tmp_path / "project")
    command = commands(command, root, target)
    path = root / target
    path.parent.mkdir(parents=True, exist_ok=True)
    huge_catalogue(path, HUGE)
    before = snapshot(root)
    started = time.monotonic()
    outcome = run_cli(root, *command)
    assert time.monotonic() - started < 10
    assert_refused(outcome, target, message, line)
    assert snapshot(root) == before


def _limit_between(monkeypatch, low: int) -> int:
    """Make MAX_INPUT_BYTES ``low`` + 8 for this test (the command line runs in this process):
    the files up to ``low`` bytes are read, anything larger is not."""
    from l10n.util import fs as fsutil

    monkeypatch.setattr(fsutil, "MAX_INPUT_BYTES", low + 8)
    return low + 8


def _grown_source(root: Path) -> None:
    """Forty more paragraphs in the project's source document."""
    more = "\n\n".join(f"Paragraph {n} adds a sentence to the report." for n in range(40))
    write_tree(root, {"source/doc.txt": (root / "source/doc.txt").read_text() + "\n" + more})


def _old_catalogue() -> bytes:
    """The corpus's French catalogue with a hundred more translations (obsolete after a merge
    with the project's template, and kept): larger than the template."""
    more = "".join(f'\nmsgid "Old sentence {n}."\nmsgstr "Ancienne phrase {n}."\n'
                   for n in range(100))
    return (CORPUS / "po/translated.po").read_bytes() + more.encode()


def test_update_refuses_to_grow_a_catalogue_past_the_read_limit(tmp_path, monkeypatch):
    """A 31.9 MiB catalogue grew past the 32 MiB limit on ``update``, and check, stats and
    update then refused it as "file too large". The limit holds on writing too: the update is
    refused with one line, nothing is written, and the catalogue can still be read (the limit
    is lowered here to the size of the largest file, instead of writing 32 MiB)."""
    root = base_project(tmp_path / "project")
    _grown_source(root)
    assert run_cli(root, "extract").code == 0
    write_tree(root, {PO: _old_catalogue()})
    _limit_between(monkeypatch, max(p.stat().st_size for p in (root / "po").rglob("*.po*")))
    before = snapshot(root)
    outcome = run_cli(root, "update")
    assert_refused(outcome, PO, "would be too large to read back", None)
    assert snapshot(root) == before
    for command in (["check", "--format", "json"], ["stats"]):
        outcome = run_cli(root, *command)
        assert outcome.code in (0, 1), f"{command}: {outcome.stderr}"


@pytest.mark.parametrize("command", ["merge", "extract"])
def test_merge_and_extract_refuse_to_write_what_cannot_be_read_back(command, tmp_path,
                                                                    monkeypatch):
    root = base_project(tmp_path / "project")
    template = root / "po/doc.pot"
    _grown_source(root)
    if command == "merge":
        assert run_cli(root, "extract").code == 0
        write_tree(root, {"old.po": _old_catalogue()})
        inputs = [template, root / "old.po"]
        args, target = ["merge", str(root / "old.po"), str(template), "-o",
                        str(root / "po/fr/merged.po")], str(root / "po/fr/merged.po")
    else:
        inputs = [template, root / "source/doc.txt"]
        args, target = ["extract"], "po/doc.pot"
    _limit_between(monkeypatch, max(path.stat().st_size for path in inputs))
    before = snapshot(root)
    assert_refused(run_cli(root, *args), target, "would be too large to read back", None)
    assert snapshot(root) == before


def test_a_large_catalogue_under_the_limit_is_read_in_linear_time(tmp_path):
    """30,000 entries: polib's own duplicate check compared every pair (minutes); ours is a set."""
    path = tmp_path / "large.po"
    huge_catalogue(path, 2_500_000)
    started = time.monotonic()
    catalogue = read_po(path)
    assert len(catalogue) >= 30000
    assert time.monotonic() - started < 15


# ------------------------------------------------------------------- paths out of the tree


def test_a_symbolic_link_in_source_to_a_file_outside_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("A secret outside the project.\n", "utf-8")
    root = base_project(tmp_path / "project")
    os.symlink(outside, root / "source" / "linked.txt")
    before = snapshot(root)
    assert_refused(run_cli(root, "extract"), "source/linked.txt", "outside the project", None)
    assert snapshot(root) == before


def test_a_symbolic_link_in_source_to_a_folder_outside_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    write_tree(outside, {"secret.txt": "A secret outside the project.\n"})
    root = base_project(tmp_path / "project")
    os.symlink(outside, root / "source" / "more", target_is_directory=True)
    before = snapshot(root)
    assert_refused(run_cli(root, "extract"), "source/more", "outside the project", None)
    assert_refused(run_cli(root, "update"), "source/more", "outside the project", None)
    assert snapshot(root) == before


def test_a_symbolic_link_inside_the_project_is_followed(tmp_path):
    root = base_project(tmp_path / "project")
    write_tree(root, {"texts/other.txt": "Another text.\n"})
    os.symlink(root / "texts" / "other.txt", root / "source" / "other.txt")
    assert run_cli(root, "extract").code == 0
    assert (root / "po" / "other.pot").is_file()


@pytest.mark.parametrize("setting", ['source-dir = "../elsewhere"', 'po-dir = "/tmp"',
                                     'output-dir = "../../dist"'],
                         ids=["source-dir-dotdot", "po-dir-absolute", "output-dir-dotdot"])
def test_configured_folders_outside_the_project_are_refused(setting, tmp_path):
    root = tmp_path / "project"
    write_tree(root, {"pyproject.toml": f"[tool.l10n]\n{setting}\n", "source/doc.txt": "Hello.\n"})
    before = snapshot(root)
    for command in ("extract", "update", "build"):
        outcome = run_cli(root, command)
        assert outcome.code == 2 and len(outcome.stderr.splitlines()) == 1, outcome
        assert "pyproject.toml" in outcome.stderr and "Traceback" not in outcome.stderr
    assert snapshot(root) == before


@pytest.mark.parametrize("name", ["back\\slash.txt", "new\nline.txt", "tab\there.txt"],
                         ids=["backslash", "newline", "tab"])
def test_a_source_name_that_would_escape_a_zip_or_break_a_catalogue_is_refused(name, tmp_path):
    root = base_project(tmp_path / "project")
    write_tree(root, {f"source/{name}": "Hello.\n"})
    before = snapshot(root)
    for command in (("extract",), ("update",), ("build", "--min-completeness", "0")):
        outcome = run_cli(root, *command)
        assert outcome.code == 2 and len(outcome.stderr.splitlines()) == 1, outcome
        assert "source file name contains" in outcome.stderr
    assert snapshot(root) == before, "dist/ or po/ written before the name was refused"


def test_a_catalogue_that_is_a_link_outside_is_refused(tmp_path):
    """Writing would replace the link by a file, or write outside the project: neither."""
    outside = tmp_path / "outside.po"
    shutil.copy(CORPUS / "po/translated.po", outside)
    kept = outside.read_bytes()
    root = base_project(tmp_path / "project")
    (root / "po/fr").mkdir(parents=True)
    os.symlink(outside, root / PO)
    result = run_cli(root, "update")
    assert result.code == 2 and len(result.stderr.splitlines()) == 1
    assert "catalogue links outside the project" in result.stderr
    assert outside.read_bytes() == kept and (root / PO).is_symlink()


# ------------------------------------------------------------------- odd but valid input


def translations(path: Path) -> dict[tuple[str | None, str, bool], str]:
    return {(e.msgctxt, e.msgid, bool(e.obsolete)): e.msgstr for e in read_po(path) if e.msgstr}


@pytest.mark.parametrize("source,how", [
    ("po/translated.po", "bom"), ("po/translated.po", "crlf"), ("po/translated.po", "cr"),
    ("po/obsolete-in-the-middle.po", ""), ("po/obsolete-before-header.po", ""),
    ("po/obsolete-in-the-middle.po", "crlf"),
], ids=["bom", "crlf", "cr-only", "obsolete-in-the-middle", "obsolete-before-header",
        "crlf-and-obsolete"])
def test_odd_but_valid_catalogues_are_accepted_and_keep_every_translation(source, how, tmp_path):
    """A BOM is accepted and not reported; CRLF is read as LF and written as LF, and the
    result is what the same catalogue with LF line ends gives (round trips are unaffected)."""
    clean = base_project(tmp_path / "clean")
    odd = base_project(tmp_path / "odd")
    data = (CORPUS / source).read_bytes()
    write_tree(clean, {PO: data})
    write_tree(odd, {PO: variant(data, how)})
    wanted = translations(clean / PO)
    for root in (clean, odd):
        outcome = run_cli(root, "update")
        assert outcome.code == 0 and outcome.stderr == "", outcome
    assert (odd / PO).read_bytes() == (clean / PO).read_bytes()
    assert b"\r" not in (odd / PO).read_bytes()
    kept = {(c, m): s for (c, m, _), s in translations(odd / PO).items()}
    for (context, msgid, _), msgstr in wanted.items():
        assert kept[(context, msgid)] == msgstr, f"lost the translation of {msgid!r}"
    written = (odd / PO).read_bytes()
    assert run_cli(odd, "update").code == 0
    assert (odd / PO).read_bytes() == written, "a second update changed the file"
    msgfmt_check(odd / PO)


def test_a_catalogue_in_a_declared_legacy_charset_is_converted_and_says_so(tmp_path):
    root = base_project(tmp_path / "project")
    text = (CORPUS / "po/translated.po").read_text("utf-8").replace("’", "'")
    write_tree(root, {PO: text.replace("charset=UTF-8", "charset=ISO-8859-1").encode("latin-1")})
    assert run_cli(root, "update").code == 0
    written = (root / PO).read_bytes().decode("utf-8")
    assert "charset=UTF-8" in written and "Les États membres" in written
    msgfmt_check(root / PO)


@pytest.mark.parametrize("source,how", [
    ("source/page.html", "bom"), ("source/page.html", "crlf"), ("source/note.md", "bom"),
    ("source/note.md", "crlf"), ("source/doc.txt", "bom"), ("source/doc.txt", "crlf"),
], ids=["html-bom", "html-crlf", "markdown-bom", "markdown-crlf", "text-bom", "text-crlf"])
def test_sources_with_a_bom_or_crlf_give_the_same_template(source, how, tmp_path):
    suffix = Path(source).suffix
    clean = new_project(tmp_path / "clean", {f"source/doc{suffix}": (CORPUS / source).read_bytes()})
    odd = new_project(tmp_path / "odd",
                      {f"source/doc{suffix}": variant((CORPUS / source).read_bytes(), how)})
    for root in (clean, odd):
        outcome = run_cli(root, "extract")
        assert outcome.code == 0 and outcome.stderr == "", outcome
    ids = [(e.msgctxt, e.msgid, e.occurrences) for e in read_po(clean / "po/doc.pot")]
    assert [(e.msgctxt, e.msgid, e.occurrences) for e in read_po(odd / "po/doc.pot")] == ids
    assert len(ids) >= 2


@pytest.mark.parametrize("source,how", [
    ("tbx/good.tbx", "bom"), ("tbx/good.tbx", "crlf"), ("tbx/good.tbx", "utf16"),
    ("csv/good.csv", "bom"), ("csv/good.csv", "crlf"),
], ids=["tbx-bom", "tbx-crlf", "tbx-utf16", "csv-bom", "csv-crlf"])
def test_glossaries_with_a_bom_or_crlf_are_accepted(source, how, tmp_path):
    root = new_project(tmp_path / "project")
    data = (CORPUS / source).read_bytes()
    if how == "utf16":
        data = data.replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
    name = "in/terms" + Path(source).suffix
    write_tree(root, {name: variant(data, how)})
    outcome = run_cli(root, "glossary", "import", str(root / name))
    assert outcome.code == 0 and outcome.stderr == "", outcome
    assert "Secretariat" in (root / "glossary/terms.tbx").read_text("utf-8")


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY secret "FETCHED">')

    def log_message(self, *args):
        pass


def test_a_tbx_external_dtd_is_accepted_but_never_fetched(tmp_path):
    """TBX 2008 files name their DTD (``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``), so
    an external DTD is accepted there, by design, and never loaded: a server on this machine
    sees no request. (In HTML sources an external DTD is refused, see the cases above.)"""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        _Recorder.requests.clear()
        data = (CORPUS / "tbx/network-dtd.tbx").read_bytes()
        data = data.replace(b"PORT", str(server.server_port).encode())
        root = new_project(tmp_path / "project", {"in/net.tbx": data})
        validate = run_cli(root, "glossary", "validate", str(root / "in/net.tbx"))
        imported = run_cli(root, "glossary", "import", str(root / "in/net.tbx"))
    finally:
        server.shutdown()
        server.server_close()
    assert validate.code in (0, 1) and validate.stderr == "", validate
    assert imported.code == 0 and imported.stderr == "", imported
    assert _Recorder.requests == []
    assert "FETCHED" not in (root / "glossary/net.tbx").read_text("utf-8")
