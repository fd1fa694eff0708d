"""Failures that used to end in a Python traceback: one clear line, exit 2, nothing half-done.

Issue 18, item 8 (and the FIFO of item 9). Every case runs the real command line in a fresh
process, on a small three-language project, and checks that it

- exits with status 2 (quickly: a FIFO must not make it wait forever),
- prints exactly one line on stderr, naming the file (and the line, where there is one),
- prints no traceback, and
- leaves every file of the project as it was: no file half-written, and no language updated
  while another is not (update and extract write as one transaction).

Write failures are real, not mocked in the library: a full disk is the kernel's own refusal
of a write past RLIMIT_FSIZE ("File too large"), which works the same for root, as CI runs;
a read-only folder (which root could write anyway) is a child process whose os.open,
os.mkdir and os.replace refuse that folder with EACCES, as the kernel does.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from hardening.harness import CORPUS, LOCK, l10n_command, new_project, run_cli, write_tree
from l10n.catalog.po import read_po

LANGUAGES = '["en", "fr", "es"]'  # fr is written before es: es failing must undo fr
TEXT = ("The Summit was held in Doha. It adopted a declaration.\n\n"
        "Member States took part.\n")
NEW_TEXT = TEXT + "\nA paragraph added in the second version.\n"

# A child that refuses to create, rename or make anything in one folder (argv[1]), as the
# kernel refuses a read-only folder to anyone but root, then runs l10n with argv[2:].
READ_ONLY = """
import errno, os, sys
folder = os.path.realpath(sys.argv[1])
def guard(name, real, flags_arg=None):
    def call(path, *args, **kwargs):
        target = args[0] if name == "replace" else path
        created = name != "open" or (args and args[0] & os.O_CREAT)
        if created and os.path.dirname(os.path.realpath(target)) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", target)
        return real(path, *args, **kwargs)
    return call
for name in ("open", "mkdir", "replace", "rename"):
    setattr(os, name, guard(name, getattr(os, name)))
sys.argv = ["l10n", *sys.argv[2:]]
from l10n.cli import main
main()
"""


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def run(root: Path, *args: str, read_only: str | None = None, file_limit: int | None = None,
        memory_limit: int | None = None) -> Outcome:
    """``l10n -C root ARGS`` in a fresh process, with a read-only folder or a file size limit."""
    def limits() -> None:
        if file_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
        if memory_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    if read_only is not None:
        argv = [sys.executable, "-c", READ_ONLY, str(root / read_only), "-C", str(root), *args]
    else:
        argv = l10n_command("-C", str(root), *args)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=root,
                          preexec_fn=limits)
    return Outcome(done.returncode, done.stdout, done.stderr)


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under ``root`` (the lock file aside): a file's bytes, a link's target, and
    what anything else is (a FIFO is never opened: that would wait for a writer)."""
    found: dict[str, object] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            mode = os.lstat(path).st_mode
            if rel == LOCK and not stat.S_ISDIR(mode):
                continue
            if stat.S_ISLNK(mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                found[rel] = path.read_bytes()
            else:
                found[rel] = ("mode", stat.S_IFMT(mode))
    return found


def project(root: Path) -> Path:
    """A three-language project: a source, its template and both catalogues, all current."""
    new_project(root, {"source/doc.txt": TEXT}, languages=LANGUAGES)
    for command in ("extract", "update"):
        assert run_cli(root, command).code == 0
    return root


def reworded(root: Path) -> None:
    """A new version of the source, extracted: update has catalogues to change."""
    write_tree(root, {"source/doc.txt": NEW_TEXT})
    assert run_cli(root, "extract").code == 0


def changed_source(root: Path) -> None:
    """A new version of the source, not yet extracted."""
    write_tree(root, {"source/doc.txt": NEW_TEXT})


def big_spanish(root: Path) -> None:
    """A new source version; the Spanish catalogue holds a long obsolete translation, so that
    the new Spanish catalogue is the one file past a 64 KiB limit (French is written first)."""
    reworded(root)
    with (root / "po/es/doc.po").open("a", encoding="utf-8") as handle:
        handle.write('\n#~ msgid "An old sentence."\n#~ msgstr "' + "Una frase. " * 8000 + '"\n')


def built_then_reworded(root: Path) -> None:
    """Bundles built, then a new source version extracted and updated: build has work."""
    assert run_cli(root, "build", "--min-completeness", "0", "--no-checks").code == 0
    reworded(root)
    assert run_cli(root, "update").code == 0


def two_templates(root: Path) -> None:
    """Two sources changed, the second one past a 64 KiB limit."""
    write_tree(root, {"source/doc.txt": NEW_TEXT,
                      "source/long.txt": "".join(f"Sentence number {n} of a long text.\n\n"
                                                 for n in range(3000))})


def mkfifo(relative: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.unlink()
        os.mkfifo(path)
    return make


def replace_by_folder(relative: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        path = root / relative
        if path.is_file():
            path.unlink()
        (path / "inside").mkdir(parents=True)
    return make


def link_loop(relative: str) -> Callable[[Path], None]:
    """A link to itself: opening it fails (ELOOP), as an unreadable file does."""
    def make(root: Path) -> None:
        path = root / relative
        if path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(path.name, path)
    return make


def files(contents: dict[str, str | bytes]) -> Callable[[Path], None]:
    return lambda root: write_tree(root, contents)


def source_named(name: bytes) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        with open(os.path.join(os.fsencode(root / "source"), name), "wb") as handle:
            handle.write(b"A second document.\n")
    return make


NPLURALS_CATALOGUE = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n'
    '"Plural-Forms: nplurals=50000000; plural=(n > 1);\\n"\n\n'
    'msgid "Member States took part."\nmsgstr "Les États membres ont participé."\n')
PLURAL_TEMPLATE = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "one delegation"\nmsgid_plural "%d delegations"\nmsgstr[0] ""\nmsgstr[1] ""\n')

TERMS_CSV = ("concept_id,domain,lang,term,status,note,source\n"
             "c1,body,en,Secretariat,preferred,,\n"
             "c1,body,fr,Secr\x01tariat,preferred,,\n")
TBX = (CORPUS / "tbx/good.tbx").read_text("utf-8")


@dataclass(frozen=True)
class Case:
    """One failure: how the project is broken, the command, and what the line must say."""

    id: str
    prepare: Callable[[Path], None]
    args: tuple[str, ...]
    names: str  # the file the line must name (relative to the project), or an option
    words: str  # a fragment of the message
    line: int | None = None
    run: dict = field(default_factory=dict)  # read_only= / file_limit= / memory_limit=


LIMIT = 64 * 1024

CASES = [
    # a read-only po/<lang> or a full disk during update, extract and build
    Case("update-read-only-language-folder", reworded, ("update",), "po/es/doc.po",
         "Permission denied", run={"read_only": "po/es"}),
    Case("update-full-disk", big_spanish, ("update",), "po/es/doc.po", "cannot write",
         run={"file_limit": LIMIT}),
    Case("update-language-folder-is-a-file", lambda root: (
        reworded(root), (root / "po/es/doc.po").unlink(), (root / "po/es").rmdir(),
        write_tree(root, {"po/es": "not a folder\n"})), ("update",), "po/es",
         "not a folder"),
    Case("extract-full-disk", two_templates, ("extract",), "po/long.pot", "cannot write",
         run={"file_limit": LIMIT}),
    Case("extract-read-only-po", changed_source, ("extract",), "po/doc.pot", "Permission denied",
         run={"read_only": "po"}),
    Case("build-read-only-dist", built_then_reworded,
         ("build", "--min-completeness", "0", "--no-checks"), "dist/en.zip", "Permission denied",
         run={"read_only": "dist"}),
    # templates and catalogues that are not regular files
    Case("template-is-a-folder", replace_by_folder("po/doc.pot"), ("update",), "po/doc.pot",
         "is a folder"),
    Case("template-unreadable", link_loop("po/doc.pot"), ("update",), "po/doc.pot",
         "cannot read"),
    Case("template-is-a-fifo", mkfifo("po/doc.pot"), ("update",), "po/doc.pot", "FIFO"),
    Case("catalogue-is-a-fifo", mkfifo("po/fr/doc.po"), ("update",), "po/fr/doc.po", "FIFO"),
    Case("checked-catalogue-is-a-fifo", mkfifo("po/fr/doc.po"), ("check", "po/fr/doc.po"),
         "po/fr/doc.po", "FIFO"),
    Case("glossary-is-a-fifo", mkfifo("in/terms.tbx"), ("glossary", "validate", "in/terms.tbx"),
         "in/terms.tbx", "FIFO"),
    # the project lock
    Case("lock-is-a-folder", replace_by_folder(LOCK), ("update",), LOCK, "project lock"),
    Case("lock-cannot-be-created", lambda root: ((root / LOCK).unlink(missing_ok=True),
                                                 os.symlink("pyproject.toml/lock", root / LOCK)),
         ("update",), LOCK, "project lock"),
    # the project settings
    Case("pyproject-is-a-folder", replace_by_folder("pyproject.toml"), ("update",),
         "pyproject.toml", "is a folder"),
    Case("pyproject-unreadable", link_loop("pyproject.toml"), ("update",), "pyproject.toml",
         "symbolic link"),
    Case("tool-is-not-a-table", files({"pyproject.toml": "name = 1\ntool = 3\n"}), ("update",),
         "pyproject.toml", "must be a table", 2),
    Case("l10n-is-not-a-table", files({"pyproject.toml": "[tool]\nl10n = 5\n"}), ("update",),
         "pyproject.toml", "must be a table", 2),
    # source names
    Case("source-name-not-utf8", source_named(b"caf\xe9.txt"), ("extract",),
         "source/caf\\udce9.txt", "not valid UTF-8"),
    Case("source-name-too-long", source_named(b"a" * 247 + b".txt"), ("extract",),
         "source/" + "a" * 247 + ".txt", "longer than 200 bytes"),
    # glossaries
    Case("glossary-csv-control-character", files({"in/terms.csv": TERMS_CSV}),
         ("glossary", "import", "in/terms.csv"), "in/terms.csv", "control character U+0001",
         3),
    Case("glossary-tbx-control-character",
         files({"in/terms.tbx": TBX.replace("<term>Secretariat<", "<term>Secr&#x85;tariat<")}),
         ("glossary", "import", "in/terms.tbx"), "in/terms.tbx", "control character U+0085",
         5),
    # catalogues with absurd plural counts
    Case("nplurals-50000000-update", files({"po/fr/doc.po": NPLURALS_CATALOGUE}), ("update",),
         "po/fr/doc.po", "nplurals=50000000", 5, run={"memory_limit": 4 << 30}),
    Case("nplurals-50000000-merge",
         files({"in/old.po": NPLURALS_CATALOGUE, "in/new.pot": PLURAL_TEMPLATE}),
         ("merge", "in/old.po", "in/new.pot", "-o", "in/out.po"), "in/old.po",
         "nplurals=50000000", 5, run={"memory_limit": 4 << 30}),
    # command-line values
    Case("wait-nan", reworded, ("update", "--wait", "nan"), "--wait nan", "seconds"),
    Case("wait-inf", reworded, ("build", "--wait", "inf"), "--wait inf", "seconds"),
    Case("wait-negative", reworded, ("update", "--wait", "-1"), "--wait -1", "seconds"),
    Case("glossary-add-wait-nan", reworded,
         ("glossary", "add", "BODY-X", "--lang", "en", "Executive Board", "--wait", "nan"),
         "--wait nan", "seconds"),
    Case("glossary-import-wait-negative", reworded,
         ("glossary", "import", "in/terms.tbx", "--wait", "-1"), "--wait -1", "seconds"),
    Case("extract-wait-inf", reworded, ("extract", "--wait", "inf"), "--wait inf", "seconds"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_one_clear_line_and_nothing_half_done(case: Case, tmp_path: Path):
    root = project(tmp_path / "project")
    case.prepare(root)
    before = snapshot(root)
    outcome = run(root, *case.args, **case.run)
    shown = f"exit {outcome.code}\nstdout: {outcome.stdout}\nstderr: {outcome.stderr}"
    assert outcome.code == 2, shown
    assert "Traceback" not in outcome.stdout + outcome.stderr, shown
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, shown
    where = case.names + (f":{case.line}" if case.line else "")
    if not case.names.startswith("--"):
        where += ": error: "  # the path as given: absolute (-C) or relative (an argument)
    assert where in lines[0], shown
    assert case.words in lines[0], shown
    assert snapshot(root) == before, "files changed, half-written or left behind"


# ----------------------------------------------------------------------------- build


def bundle_state(root: Path, lang: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    folder = root / "dist" / lang
    tree = {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
    with zipfile.ZipFile(root / "dist" / f"{lang}.zip") as archive:
        packed = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()
                  if not name.endswith("/")}
    return tree, packed


def test_a_full_disk_during_build_leaves_each_language_whole(tmp_path):
    """Every page fits the file size limit, each language's zip does not: the build stops
    with one line, and each language's folder and zip are both old, never one of each."""
    documents = {f"source/part{n:02d}.txt": "".join(
        f"Paragraph {n}-{k} on the {(n * 100 + k) * 7919 % 104729} delegations of the Summit.\n\n"
        for k in range(300)) for n in range(20)}
    root = new_project(tmp_path / "project", documents, languages=LANGUAGES)
    build = ("build", "--min-completeness", "0", "--no-checks")
    for command in (("extract",), ("update",), build):
        assert run_cli(root, *command).code == 0
    write_tree(root, {name: text.replace("Summit", "SUMMIT")  # same sizes
                      for name, text in documents.items()})
    assert run_cli(root, "extract").code == 0 and run_cli(root, "update").code == 0
    pages = [p.stat().st_size for p in (root / "dist").rglob("*") if p.is_file()
             and p.suffix != ".zip"]
    zips = [p.stat().st_size for p in (root / "dist").glob("*.zip")]
    limit = max(pages) * 11 // 10
    assert limit < min(zips), "the case needs pages under the limit and zips over it"
    before = snapshot(root)
    outcome = run(root, *build, file_limit=limit)
    assert outcome.code == 2 and "Traceback" not in outcome.stderr, outcome
    assert len(outcome.stderr.splitlines()) == 1 and ".zip" in outcome.stderr, outcome
    for lang in ("en", "fr", "es"):
        tree, packed = bundle_state(root, lang)
        assert tree == packed, f"dist/{lang}/ and dist/{lang}.zip are of different builds"
    assert snapshot(root) == before


# ----------------------------------------------------------------------------- merge -o


@pytest.mark.parametrize("command", [
    ("merge", "po/fr/doc.po", "po/doc.pot", "-o"),
    ("check", "po/fr/doc.po", "-o"),
    ("glossary", "export", "--format", "csv", "-o"),
], ids=["merge", "check", "glossary-export"])
def test_an_output_that_is_a_device_is_written_plainly_as_msgmerge_does(command, tmp_path):
    """``merge -o /dev/null`` (as msgmerge, and every other ``-o``): written plainly, the
    device left a device. Run as root the old code renamed a regular file over /dev/null;
    here a null device of the test's own stands in for it (a user who may not make one writes
    to /dev/null itself, which the old code could not replace: a traceback)."""
    root = project(tmp_path / "project")
    write_tree(root, {"glossary/terms.tbx": TBX})
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        device = Path("/dev/null")
    outcome = run(root, *command, str(device))
    assert outcome.code in (0, 1) and "error" not in outcome.stderr, outcome
    assert "Traceback" not in outcome.stderr, outcome
    assert stat.S_ISCHR(os.stat(device).st_mode), "the device was replaced by a file"
    assert not [p for p in device.parent.iterdir() if p.name.startswith(".null.")]


def test_update_refuses_to_replace_a_fifo_in_the_project(tmp_path):
    """Project files are written as a transaction: a template that is a FIFO is never opened
    nor replaced (extract would have waited for a reader)."""
    root = project(tmp_path / "project")
    changed_source(root)
    mkfifo("po/doc.pot")(root)
    before = snapshot(root)
    outcome = run(root, "extract")
    assert outcome.code == 2 and len(outcome.stderr.splitlines()) == 1, outcome
    assert "po/doc.pot: error: " in outcome.stderr and "FIFO" in outcome.stderr, outcome
    assert snapshot(root) == before


# ------------------------------------------------------------------- deep Markdown nesting


def test_markdown_links_nested_500_deep_are_read(tmp_path):
    """\"[\" * 500: valid CommonMark; the inline scanner recursed once per level and ran out
    of stack (RecursionError). It is read now, and built."""
    text = "[" * 500 + "Deep link text." + "](https://example.org)" * 500 + "\n"
    root = new_project(tmp_path / "project", {"source/deep.md": text}, languages=LANGUAGES)
    for command in (("extract",), ("update",), ("build", "--min-completeness", "0", "--no-checks")):
        outcome = run(root, *command)
        assert outcome.code == 0 and "Traceback" not in outcome.stderr, outcome
    assert any("Deep link text." in entry.msgid for entry in read_po(root / "po/deep.pot"))


def test_a_parser_that_recurses_too_deep_is_one_error_naming_the_file(tmp_path, monkeypatch):
    """The last resort for any format: a RecursionError becomes an InputError."""
    from l10n.errors import InputError
    from l10n.formats import parse_file
    from l10n.formats.markdown import FORMAT

    def recurse(text, path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(FORMAT, "parse", recurse)
    (tmp_path / "deep.md").write_text("Text.\n", "utf-8")
    with pytest.raises(InputError) as raised:
        parse_file(tmp_path / "deep.md")
    assert raised.value.path == str(tmp_path / "deep.md")
    assert "nested too deeply" in raised.value.message
