"""``l10n glossary``: the terminologists' commands (validate, import, export, add, stats, diff,
compile).

Library errors (L10nError) pass through; the main command line prints them as one line and
exits 2. ``validate`` exits 1 when it finds an error or a warning (info lines do not count).
Without a PATH the commands work on the project's glossary folder (``glossary-dir``, every
*.tbx in it). ``import`` writes into ``--into`` or ``<glossary-dir>/<name of FILE>.tbx``; ``add``
writes into the file that already holds the concept, else ``--into``, else the folder's only
file, else ``<glossary-dir>/glossary.tbx``.

``import`` and ``add`` hold the project lock (``.l10n.lock``, as extract, update and build do)
from before they read the glossary file until it is written, so that writers running at the same
time take turns and each merges its change into what the one before wrote. A glossary write is
short, so by default each waits up to WAIT_DEFAULT seconds for the lock (``--wait`` to change).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import click

from ..cli.support import SECONDS, counted, one_line, progress, project, project_lock
from ..config import ProjectConfig, load_config, validate_language
from ..errors import ConfigError, InputError, located
from ..util.fs import ensure_inside, join_chunks, shown_path
from .diff import diff_glossaries, summarize
from .edit import add_term, demote_unverified, merge_into
from .model import DOMAINS, Glossary, Status, Term, TermType
from .stats import glossary_stats, stats_lines
from .store import (glossary_chunks, glossary_format, load_glossary, load_glossary_files,
                    merge_files, save_glossary, write_glossary_file)
from .io.tbx_write import schema_errors
from .validate import ERROR, INFO, NCNAME, WARNING, term_issues, validate_glossary

DEFAULT_FILE = "glossary.tbx"
WAIT_DEFAULT = 10.0  # seconds a glossary write waits for the project lock


def _wait_option(command):
    return click.option("--wait", type=SECONDS, default=WAIT_DEFAULT, show_default=True,
                        help="Wait this many seconds for the project lock (another command "
                             "writing the project or its glossary).")(command)


def _config(ctx: click.Context) -> ProjectConfig:
    """The project settings, shared with the main command line through ctx.obj when present."""
    obj = ctx.find_root().obj
    if not isinstance(obj, dict):
        return load_config()
    if "config" not in obj:
        directory = obj.get("directory")
        obj["config"] = load_config(directory, explicit=directory is not None)
    return obj["config"]


def _load(path: Path) -> Glossary:
    """``load_glossary``, and what reading noted or warned of (a regional language code read
    as an official language, a CSV term without a status) on stderr, one line each."""
    loaded = load_glossary(path)
    _say(loaded.messages)
    return loaded


def _say(messages: list[str]) -> None:
    for message in messages:
        click.echo(one_line(message), err=True)


def _check_target(ctx: click.Context, target: Path) -> None:
    """Refuse to write a glossary file of the project that symbolic links lead out of it
    (``glossary/un.tbx -> /home/someone/file``). A file named outside the project with
    ``--into`` is the user's to write, as ``merge -o`` is."""
    root = _config(ctx).root
    named = Path(os.path.abspath(target))
    if named == root or root in named.parents:
        ensure_inside(target, root, what="glossary file", action="write")


@click.group()
def glossary() -> None:
    """Terminology: validate, import, export, add, stats, diff and compile glossaries.

    Example: `l10n glossary lookup 'the Secretary-General' --lang en`.
    """


@glossary.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--schema", type=click.Path(path_type=Path, dir_okay=False),
              help="Also check each TBX file against this RelaxNG schema.")
@click.pass_context
def validate(ctx: click.Context, path: Path | None, schema: Path | None) -> None:
    """Check a glossary file or folder; exit 1 on any error or warning, 2 when a file is
    malformed (every structural error is listed, one line each on stderr).

    Example: `l10n glossary validate glossary/`.
    """
    path = path or _config(ctx).glossary_dir
    structural: list[InputError] = []  # every one, not only the first: reading goes on
    loaded = load_glossary_files(path, structural)
    if not loaded:
        raise InputError("no .tbx glossary files here", path=path)
    merged, origin = merge_files(loaded, structural)
    _say(merged.messages)
    counts = {ERROR: 0, WARNING: 0, INFO: 0}
    for error in structural:  # bad input: one line each on stderr, as every command reports it
        counts[ERROR] += 1
        where = shown_path(Path(error.path), Path.cwd()) if error.path else str(path)
        click.echo(one_line(located(error.message.strip(), where, error.line, severity="error")),
                   err=True)
    if schema is not None:
        for file, _ in loaded:
            if glossary_format(file) != "tbx":
                raise ConfigError(f"--schema checks TBX files, and {file} is not one")
            for line, message in schema_errors(file, schema):
                counts[ERROR] += 1
                where = f"{shown_path(file, Path.cwd())}:{line or 0}"  # xmllint's form
                click.echo(located(f"schema: {message}", where, severity="error"))
    for issue in validate_glossary(merged):
        counts[issue.severity] += 1
        where = issue.concept_id + (f" {issue.lang}" if issue.lang else "")
        term = f"{issue.term!r}: " if issue.term is not None else ""
        click.echo(f"{shown_path(origin[issue.concept_id], Path.cwd())}: {where}: {issue.severity}: {term}{issue.message}")
    terms = sum(len(s.terms) for c in merged.concepts.values() for s in c.languages.values())
    click.echo(f"{counted(len(loaded), 'file')}, {counted(len(merged.concepts), 'concept')}, "
               f"{counted(terms, 'term')}: {counted(counts[ERROR], 'error')}, "
               f"{counted(counts[WARNING], 'warning')}, {counted(counts[INFO], 'info')}")
    if structural:
        ctx.exit(2)
    if counts[ERROR] or counts[WARNING]:
        ctx.exit(1)


def _check_siblings(target: Path, incoming: Glossary, source: Path) -> None:
    """Refuse to import a concept that another file of the target's folder already defines."""
    if not target.parent.is_dir():
        return
    for sibling in sorted(target.parent.glob("*.tbx")):
        if sibling.resolve() == target.resolve():
            continue
        clash = sorted(set(load_glossary(sibling).concepts) & set(incoming.concepts))
        if clash:
            raise InputError(f"concept {clash[0]} is already in {shown_path(sibling, Path.cwd())}; "
                             "import into that file with --into", path=source)


@glossary.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--into", type=click.Path(path_type=Path, dir_okay=False),
              help="Glossary file to create or merge into (default: <glossary-dir>/<FILE name>.tbx).")
@click.option("--unverified-as-admitted", is_flag=True,
              help="Keep preferred terms whose note starts with conf=B as admitted, marked.")
@_wait_option
@click.pass_context
def import_(ctx: click.Context, file: Path, into: Path | None, unverified_as_admitted: bool,
            wait: float) -> None:
    """Read a CSV or TBX file and merge it into a glossary file.

    CSV in the long shape has a row per term: concept_id, lang and term are required; status
    (preferred, admitted or deprecated; without one a term is admitted, with a warning), domain,
    note and source are usual; type, part_of_speech, gender, number, case_sensitive,
    do_not_translate, check_as_source and check_as_target are optional. The wide shape has a
    row per concept: concept_id, domain, then a column per language holding its terms separated
    by " | ", each preferred unless it ends with " [admitted]" or " [deprecated]". A language
    written with its region or script (fr-FR, es-419, zh-Hans) is read as the official
    language, with a note.

    Example: `l10n glossary import terms.csv --into glossary/un.tbx`.
    """
    incoming = _load(file)
    demoted = demote_unverified(incoming) if unverified_as_admitted else 0
    target_path = into or _config(ctx).glossary_dir / f"{file.stem}.tbx"
    glossary_format(target_path)
    _check_target(ctx, target_path)
    with project_lock(_config(ctx), wait=wait):  # read, merge and write as one step
        _check_siblings(target_path, incoming, file)
        target = load_glossary(target_path) if target_path.exists() else Glossary(
            title=incoming.title, source_lang=incoming.source_lang)
        report = merge_into(target, incoming)
        written = save_glossary(target, target_path)
    note = (f"; {counted(demoted, 'unverified preferred term')} kept as admitted"
            if unverified_as_admitted else "")
    click.echo(f"{shown_path(target_path, Path.cwd())}: {report.summary()}{note}"
               + ("" if written else " (file unchanged)"))


@glossary.command()
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx2008", "csv"]), required=True,
              help="tbx: TBX-Basic v3 (ISO 30042:2019), as l10n keeps it; tbx2008: TBX-Basic "
                   "2008 (martif), for MultiTerm, translate-toolkit and older Weblate; csv: "
                   "one row per term (long) or per concept (wide).")
@click.option("--shape", type=click.Choice(["long", "wide"]), default="long", show_default=True,
              help="CSV shape.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write here (atomically) instead of standard output.")
@click.option("--glossary", "source", type=click.Path(path_type=Path),
              help="Glossary file or folder (default: the project's glossary folder).")
@click.pass_context
def export(ctx: click.Context, fmt: str, shape: str, output: Path | None, source: Path | None) -> None:
    """Export the glossary as TBX v3, TBX 2008 or CSV (long or wide).

    Example: `l10n glossary export --format tbx2008 -o glossary-2008.tbx`.
    """
    glossary_data = _load(source or _config(ctx).glossary_dir)
    chunks = glossary_chunks(glossary_data, fmt, shape)
    if output is None:
        for block in join_chunks(chunks):
            click.echo(block, nl=False)
        return
    write_glossary_file(output, fmt, chunks)  # refused if l10n could not import it back
    click.echo(f"{shown_path(output, Path.cwd())}: {counted(len(glossary_data.concepts), 'concept')}", err=True)


def _add_target(ctx: click.Context, concept_id: str, into: Path | None) -> Path:
    folder = _config(ctx).glossary_dir
    files = sorted(folder.glob("*.tbx")) if folder.is_dir() else []
    for file in files:
        if concept_id in load_glossary(file).concepts:
            if into is not None and into.resolve() != file.resolve():
                raise ConfigError(f"concept {concept_id} is in {shown_path(file, Path.cwd())}, not in {into}")
            return file
    if into is not None:
        return into
    if len(files) > 1:
        raise ConfigError(f"the glossary folder has {len(files)} files; say which with --into")
    return files[0] if files else folder / DEFAULT_FILE


def _new_term(existing: Term | None, text: str, options: dict) -> Term:
    term = copy.deepcopy(existing) if existing else Term(text)
    for name, value in options.items():
        if value is not None:
            setattr(term, name, value)
    return term


@glossary.command()
@click.argument("concept_id")
@click.option("--lang", required=True, help="Language code, e.g. fr.")
@click.option("--term", "text", required=True, help="The term as it is written.")
@click.option("--status", type=click.Choice([s.value for s in Status]),
              help="How the term may be used (a new term: preferred).")
@click.option("--domain", type=click.Choice(DOMAINS), help="The subject field of a new concept.")
@click.option("--note", help="Usage note; for research, start with the confidence code.")
@click.option("--source", help="Where the term was found (URL or reference).")
@click.option("--type", "term_type", type=click.Choice([t.value for t in TermType]),
              help="The kind of term (full form, acronym, abbreviation...).")
@click.option("--case-sensitive/--case-insensitive", default=None,
              help="Whether the checks match the term only as capitalised here.")
@click.option("--do-not-translate/--translate", default=None,
              help="Whether the term stays as it is in every language (a name, an acronym).")
@click.option("--into", type=click.Path(path_type=Path, dir_okay=False),
              help="Glossary file for a new concept.")
@_wait_option
@click.pass_context
def add(ctx: click.Context, concept_id: str, lang: str, text: str, status: str | None,
        domain: str | None, note: str | None, source: str | None, term_type: str | None,
        case_sensitive: bool | None, do_not_translate: bool | None, into: Path | None,
        wait: float) -> None:
    """Add a term (and the concept if new) to the glossary, atomically.

    Example: `l10n glossary add secretary-general --lang fr --term 'Secrétaire général' --status preferred`.
    """
    if not NCNAME.match(concept_id):
        raise ConfigError(f"concept id {concept_id!r} must start with a letter and hold only "
                          "letters, digits, '.', '_' and '-'")
    lang = validate_language(lang, "--lang")
    options = {
        "status": Status(status) if status else None, "note": note, "source": source,
        "type": TermType(term_type) if term_type else None, "case_sensitive": case_sensitive,
        "do_not_translate": do_not_translate}
    with project_lock(_config(ctx), wait=wait):  # read, change and write as one step
        target, outcome, term = _add_locked(ctx, concept_id, lang, text, domain, into, options)
    click.echo(f"{shown_path(target, Path.cwd())}: {concept_id} {lang}: {text!r} {outcome} ({term.status.value})")


def _add_locked(ctx: click.Context, concept_id: str, lang: str, text: str, domain: str | None,
                into: Path | None, options: dict) -> tuple[Path, str, Term]:
    """The body of ``add``, run under the lock: which file, its current content, the change."""
    target = _add_target(ctx, concept_id, into)
    _check_target(ctx, target)
    data = load_glossary(target) if target.exists() else Glossary()
    concept = data.concepts.get(concept_id)
    existing = next((t for t in concept.terms(lang) if t.text == text), None) if concept else None
    term = _new_term(existing, text, options)
    problems = [m for severity, m in term_issues(term, lang) if severity == ERROR]
    if problems:
        raise ConfigError(f"--term {text!r}: {problems[0]}")
    rival = concept.languages[lang].preferred() if concept and lang in concept.languages else None
    if term.status is Status.PREFERRED and rival is not None and rival.text != text:
        raise ConfigError(f"{concept_id} {lang} already has the preferred term {rival.text!r}; "
                          "add this one with --status admitted, or change that one first")
    outcome = add_term(data, concept_id, lang, term, domain)
    save_glossary(data, target)
    return target, outcome, term


@glossary.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats(ctx: click.Context, path: Path | None, as_json: bool) -> None:
    """Coverage per domain and language, and terms per status and language, for every
    language of the project (a language without terms shows zeros) and of the glossary.

    Example: `l10n glossary stats --json`.
    """
    config = _config(ctx)
    result = glossary_stats(_load(path or config.glossary_dir), config.languages)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for line in stats_lines(result):
        click.echo(line)


@glossary.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def diff(old: Path, new: Path, as_json: bool) -> None:
    """What changed from OLD to NEW (files or folders), concept by concept.

    Example: `l10n glossary diff old/glossary.tbx glossary/glossary.tbx`.
    """
    changes = diff_glossaries(_load(old), _load(new))
    counts = summarize(changes)
    if as_json:
        click.echo(json.dumps({"changes": [c.as_dict() for c in changes], "summary": counts},
                              ensure_ascii=False, indent=2))
        return
    for change in changes:
        click.echo(change.describe())
    shown = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "no changes"
    click.echo(shown)


@glossary.command("compile")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def compile_command(ctx: click.Context, path: Path | None) -> None:
    """Compile the glossary for the checks now: its concepts and the term index of every
    project language, kept in the cache until the glossary changes (say, as a CI step after
    the glossary is edited, so that the next checks do not pay for it).

    Example: `l10n glossary compile` as a CI step after the glossary is edited.
    """
    from ..locales import base_lang
    from ..util.cache import NO_CACHE_ENV, cache_root
    from .cache import build_indexes, open_glossary, term_index

    config = _config(ctx)
    path = path or config.glossary_dir
    if cache_root() is None:
        raise ConfigError(f"the glossary cache is turned off ({NO_CACHE_ENV} is set)")
    opened = open_glossary(path)
    folder = getattr(opened, "folder", None)
    if folder is None:
        raise ConfigError(f"the glossary cannot be kept in the cache folder {cache_root()}")
    source = base_lang(config.source_language)
    indexes = [(source, "source")] + [(base_lang(lang), "target")
                                      for lang in config.target_languages]
    with progress("Compiling")(len(indexes)) as tick:
        build_indexes(opened, indexes)
        for lang, role in indexes:
            term_index(opened, lang, role)
            tick()
    click.echo(f"{shown_path(path, Path.cwd())}: {counted(len(opened.concepts), 'concept')}, "
               f"{counted(len(indexes), 'term index')} in {folder}")


@glossary.command("lookup")
@click.argument("text")
@click.option("--lang", help="Language of TEXT (default: the project's source language, "
                             "source-language in [tool.l10n]; en outside a project).")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path), default=None,
              help="Glossary file (.tbx, .csv) or folder of .tbx files; default: the project's.")
@click.option("--role", type=click.Choice(["any", "source", "target"]), default="any", show_default=True,
              help="Leave out concepts not checked in this role.")
@click.pass_context
def lookup_command(ctx: click.Context, text: str, lang: str | None, as_json: bool,
                   glossary_path: Path | None, role: str) -> None:
    """Show the glossary concepts whose terms occur in TEXT.

    Example: `l10n glossary lookup 'Conseil de sécurité' --lang fr`.
    """
    from .lookup import format_lookup, lookup

    config = project(ctx)
    glossary = _load(glossary_path or config.glossary_dir)
    lang = validate_language(lang, "--lang") if lang else config.source_language
    results = lookup(glossary, text, lang, role=role)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    elif results:
        click.echo("\n".join(format_lookup(results)))
    else:
        click.echo("no glossary terms found")
