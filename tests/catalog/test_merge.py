"""Merging catalogues with newer templates: msgmerge's semantics, and nothing a translator wrote lost."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from hardening.harness import run_cli
from l10n.catalog.po import read_po
from l10n.catalog.merge import merge_catalogue
from l10n.project.update import merge_files
from support import msgfmt_check


def catalogue(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    for entry in entries:
        po.append(entry)
    return po


def E(msgid, msgstr="", **kw) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **kw)


SUMMIT = "The Summit was held in Doha from 4 to 6 November 2025."
SUMMIT_FR = "Le Sommet s'est tenu à Doha du 4 au 6 novembre 2025."
HOST = "The State of Qatar hosted the Summit."
HOST_FR = "L'État du Qatar a accueilli le Sommet."


def find(po, msgid):
    return next(e for e in po if e.msgid == msgid)


def test_unchanged_entries_keep_translation_comments_and_flags():
    old = catalogue(E(SUMMIT, SUMMIT_FR, tcomment="Checked by the reviser", flags=["fuzzy"],
                      previous_msgid="The Summit was held in Doha."))
    template = catalogue(E(SUMMIT, occurrences=[("source/a.html", "3")], comment="<p>"))
    merged, report = merge_catalogue(old, template)
    entry = find(merged, SUMMIT)
    assert entry.msgstr == SUMMIT_FR and entry.tcomment == "Checked by the reviser"
    assert entry.fuzzy and entry.previous_msgid == "The Summit was held in Doha."
    assert entry.occurrences == [("source/a.html", "3")] and entry.comment == "<p>"
    assert report.counts() == {"new": 0, "fuzzy": 0, "obsolete": 0, "reused": 0, "unchanged": 1}


def test_translator_flags_survive_the_merge_and_template_flags_are_added():
    old = catalogue(E("Distr.: General", "Distr.: General", flags=["ignore-copied-source"]))
    template = catalogue(E("Distr.: General", flags=["no-wrap"]))
    merged, _ = merge_catalogue(old, template)
    assert find(merged, "Distr.: General").flags == ["no-wrap", "ignore-copied-source"]


def test_format_range_and_wrap_flags_come_from_the_template_the_translators_stay():
    old = catalogue(E("Distr.: General", "Distr.: General",
                      flags=["ignore-copied-source", "no-wrap", "c-format", "range: 1..3"]))
    template = catalogue(E("Distr.: General", flags=["python-format", "range: 1..2"]))
    merged, report = merge_catalogue(old, template)
    entry = find(merged, "Distr.: General")
    assert entry.flags == ["python-format", "range: 1..2", "ignore-copied-source"]
    assert report.unchanged == 1


def test_edited_source_gets_old_translation_marked_fuzzy_with_previous_msgid():
    old = catalogue(E(SUMMIT, SUMMIT_FR))
    edited = "The Summit was held in Doha, Qatar, from 4 to 6 November 2025."
    merged, report = merge_catalogue(old, catalogue(E(edited)))
    entry = find(merged, edited)
    assert entry.fuzzy and entry.msgstr == SUMMIT_FR and entry.previous_msgid == SUMMIT
    assert report.fuzzy == 1 and report.obsolete == 0


def test_an_old_entry_used_for_a_fuzzy_guess_is_not_also_kept_obsolete():
    """As msgmerge: the fuzzy entry carries the translation, and ``#| msgid`` the old source;
    a second copy as ``#~`` would only duplicate it. Unused old translations stay obsolete."""
    edited = "The Summit was held in Doha, Qatar, from 4 to 6 November 2025."
    old = catalogue(E(SUMMIT, SUMMIT_FR), E(HOST, HOST_FR), E("Doha", "Doha", msgctxt="p"))
    merged, report = merge_catalogue(old, catalogue(E(edited), E("Doha", msgctxt="img@alt")))
    assert [(e.msgctxt, e.msgid) for e in merged if e.obsolete] == [(None, HOST)]
    assert report.obsolete == 1 and report.fuzzy == 2


def test_unrelated_new_text_is_not_pre_filled():
    old = catalogue(E(SUMMIT, SUMMIT_FR))
    merged, report = merge_catalogue(old, catalogue(E("Civil society took part in every session.")))
    assert find(merged, "Civil society took part in every session.").msgstr == ""
    assert report.new == 1


def test_removed_entry_becomes_obsolete_and_comes_back_translated():
    old = catalogue(E(SUMMIT, SUMMIT_FR), E(HOST, HOST_FR))
    merged, report = merge_catalogue(old, catalogue(E(SUMMIT)))
    gone = find(merged, HOST)
    assert gone.obsolete and gone.msgstr == HOST_FR and report.obsolete == 1
    back, report2 = merge_catalogue(merged, catalogue(E(SUMMIT), E(HOST)))
    entry = find(back, HOST)
    assert not entry.obsolete and entry.msgstr == HOST_FR and not entry.fuzzy
    assert report2.reused == 1 and report2.obsolete == 0


def test_context_change_reuses_translation_as_fuzzy():
    old = catalogue(E("Doha", "Doha", msgctxt="p"))
    merged, report = merge_catalogue(old, catalogue(E("Doha", msgctxt="img@alt")))
    entry = find(merged, "Doha")
    assert entry.msgctxt == "img@alt" and entry.fuzzy and entry.previous_msgctxt == "p"


def test_untranslated_removed_entries_are_dropped_not_kept_obsolete():
    old = catalogue(E(SUMMIT, SUMMIT_FR), E(HOST))
    merged, _ = merge_catalogue(old, catalogue(E(SUMMIT)))
    assert [e.msgid for e in merged] == [SUMMIT]


def test_plural_entries_get_header_plural_count():
    template = catalogue(E("one delegation", msgid_plural="{n} delegations"))
    merged, _ = merge_catalogue(catalogue(), template, nplurals=3)
    assert sorted(find(merged, "one delegation").msgstr_plural) == [0, 1, 2]


def test_entries_follow_template_order():
    old = catalogue(E("b", "B"), E("a", "A"))
    merged, _ = merge_catalogue(old, catalogue(E("a"), E("c"), E("b")))
    assert [e.msgid for e in merged] == ["a", "c", "b"]


def test_merge_is_idempotent():
    old = catalogue(E(SUMMIT, SUMMIT_FR), E(HOST, HOST_FR))
    template = catalogue(E(SUMMIT + " Edited"), E("New"))
    once, _ = merge_catalogue(old, template)
    twice, report = merge_catalogue(once, template)
    assert [(e.msgid, e.msgstr, e.obsolete, e.fuzzy) for e in once] == \
           [(e.msgid, e.msgstr, e.obsolete, e.fuzzy) for e in twice]
    assert report.fuzzy == 0 and report.obsolete == 0


def test_similarity_threshold_decides_what_is_offered_as_a_fuzzy_guess():
    old = catalogue(E("The Summit opened in Doha on 4 November.", "Le Sommet s'est ouvert à Doha le 4 novembre."))
    template = catalogue(E("The Summit closed in Doha on 6 November."))
    strict, _ = merge_catalogue(old, template, similarity=95)
    loose, _ = merge_catalogue(old, template, similarity=60)
    assert find(strict, "The Summit closed in Doha on 6 November.").msgstr == ""
    assert find(loose, "The Summit closed in Doha on 6 November.").fuzzy


# ------------------------------------------------------------------ msgmerge as the reference
#
# Each case is an old catalogue and a newer template. l10n's merge must give each entry what GNU
# msgmerge --previous gives it: active or obsolete, fuzzy or not, the translation (plural forms
# included), the format and range flags, and the #| lines; and msgfmt --check must accept it.

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : '
          'n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n')
POT_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

CASES = {
    # an entry singular before and plural now: every form from the old msgstr, and back
    "singular-to-plural": (
        'msgid "one file"\nmsgstr "один файл"\n',
        'msgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n'),
    "plural-to-singular": (
        'msgid "%d apple"\nmsgid_plural "%d apples"\n'
        'msgstr[0] "%d яблоко"\nmsgstr[1] "%d яблока"\nmsgstr[2] "%d яблок"\n',
        'msgid "%d apple"\nmsgstr ""\n'),
    "msgid-plural-changed": (
        'msgid "a cat"\nmsgid_plural "cats"\nmsgstr[0] "кот"\nmsgstr[1] "кота"\n'
        'msgstr[2] "котов"\n',
        'msgid "a cat"\nmsgid_plural "many cats"\nmsgstr[0] ""\nmsgstr[1] ""\n'),
    "msgid-plural-unchanged": (
        'msgid "a dog"\nmsgid_plural "dogs"\nmsgstr[0] "пёс"\nmsgstr[1] "пса"\n'
        'msgstr[2] "псов"\n',
        'msgid "a dog"\nmsgid_plural "dogs"\nmsgstr[0] ""\nmsgstr[1] ""\n'),
    # format flags come from the template; a new format the translation fails makes it fuzzy
    "format-flags": (
        '#, c-format\nmsgid "removed %s"\nmsgstr "убран %s"\n\n'
        'msgid "added ok %s"\nmsgstr "добавлен %s"\n\n'
        'msgid "added bad %s"\nmsgstr "без директивы"\n\n'
        'msgid "swapped %s %d"\nmsgstr "%d %s"\n\n'
        'msgid "positional %s %d"\nmsgstr "%2$d %1$s"\n\n'
        '#, no-c-format\nmsgid "negated %s"\nmsgstr "отрицание"\n\n'
        '#, c-format\nmsgid "now negated %s"\nmsgstr "отрицание"\n\n'
        'msgid "py ok %(name)s"\nmsgstr "пи %(name)s"\n\n'
        'msgid "py bad %(name)s"\nmsgstr "пи %(other)s"\n\n'
        '#, python-format\nmsgid "py kept %(name)s"\nmsgstr "пи %(name)s"\n\n'
        '#, python-format\nmsgid "py removed %(n)d"\nmsgstr "пи %(n)d"\n\n'
        'msgid "brace ok {name} {0.x}"\nmsgstr "{{фиг}} {0.x} {name}"\n\n'
        'msgid "brace bad {name}"\nmsgstr "фиг {other}"\n\n'
        'msgid "brace missing {name} {n}"\nmsgstr "фиг {n}"\n',
        'msgid "removed %s"\nmsgstr ""\n\n'
        '#, c-format\nmsgid "added ok %s"\nmsgstr ""\n\n'
        '#, c-format\nmsgid "added bad %s"\nmsgstr ""\n\n'
        '#, c-format\nmsgid "swapped %s %d"\nmsgstr ""\n\n'
        '#, c-format\nmsgid "positional %s %d"\nmsgstr ""\n\n'
        '#, c-format\nmsgid "negated %s"\nmsgstr ""\n\n'
        '#, no-c-format\nmsgid "now negated %s"\nmsgstr ""\n\n'
        '#, python-format\nmsgid "py ok %(name)s"\nmsgstr ""\n\n'
        '#, python-format\nmsgid "py bad %(name)s"\nmsgstr ""\n\n'
        '#, python-format\nmsgid "py kept %(name)s"\nmsgstr ""\n\n'
        '#, no-python-format\nmsgid "py removed %(n)d"\nmsgstr ""\n\n'
        '#, python-brace-format\nmsgid "brace ok {name} {0.x}"\nmsgstr ""\n\n'
        '#, python-brace-format\nmsgid "brace bad {name}"\nmsgstr ""\n\n'
        '#, python-brace-format\nmsgid "brace missing {name} {n}"\nmsgstr ""\n'),
    # a format added to a plural message: every form but the first is checked against
    # msgid_plural alone, as msgfmt --check does
    "plural-format-flags": (
        'msgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "один файл"\n'
        'msgstr[1] "%d файла"\nmsgstr[2] "файлов"\n\n'
        'msgid "one dir"\nmsgid_plural "%d dirs"\nmsgstr[0] "одна папка"\n'
        'msgstr[1] "%d папки"\nmsgstr[2] "%d папок"\n',
        '#, c-format\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        '#, c-format\nmsgid "one dir"\nmsgid_plural "%d dirs"\nmsgstr[0] ""\nmsgstr[1] ""\n'),
    # range: a wider or missing range makes the translation fuzzy, a narrower or new one not
    "range-flags": (
        '#, range: 0..10\nmsgid "wider"\nmsgstr "ш"\n\n'
        '#, range: 0..10\nmsgid "narrower"\nmsgstr "у"\n\n'
        '#, range: 0..10\nmsgid "removed"\nmsgstr "б"\n\n'
        'msgid "added"\nmsgstr "д"\n',
        '#, range: 0..20\nmsgid "wider"\nmsgstr ""\n\n'
        '#, range: 2..5\nmsgid "narrower"\nmsgstr ""\n\n'
        'msgid "removed"\nmsgstr ""\n\n'
        '#, range: 0..5\nmsgid "added"\nmsgstr ""\n'),
    # contexts: the same msgid under another, a new or no context is a fuzzy match, #| msgctxt
    "contexts": (
        'msgctxt "ctx1"\nmsgid "word"\nmsgstr "слово"\n\n'
        'msgid "no context before"\nmsgstr "без контекста"\n\n'
        'msgctxt "menu"\nmsgid "Open the file"\nmsgstr "Открыть файл"\n\n'
        'msgctxt "same"\nmsgid "kept"\nmsgstr "сохранён"\n',
        'msgctxt "ctx2"\nmsgid "word"\nmsgstr ""\n\n'
        'msgctxt "new"\nmsgid "no context before"\nmsgstr ""\n\n'
        'msgid "Open the file"\nmsgstr ""\n\n'
        'msgctxt "same"\nmsgid "kept"\nmsgstr ""\n'),
    # an old fuzzy entry keeps its #| lines; a fuzzy entry's stale #| without fuzzy goes
    "previous": (
        '#, fuzzy\n#| msgctxt "old"\n#| msgid "older"\n#| msgid_plural "olders"\n'
        'msgctxt "c"\nmsgid "fuzzy with previous"\nmsgstr "нч"\n\n'
        '#| msgid "stale"\nmsgid "not fuzzy"\nmsgstr "не нч"\n',
        'msgctxt "d"\nmsgid "fuzzy with previous"\nmsgstr ""\n\n'
        'msgid "not fuzzy"\nmsgstr ""\n'),
    # obsolete entries: brought back when the template has them again, kept when not
    "obsolete": (
        'msgid "kept"\nmsgstr "к"\n\n'
        '#~ msgid "was obsolete"\n#~ msgstr "была"\n\n'
        '#~ msgid "still obsolete"\n#~ msgstr "осталась"\n',
        'msgid "kept"\nmsgstr ""\n\nmsgid "was obsolete"\nmsgstr ""\n'),
}


def _facts(path: Path) -> dict[tuple[bool, str | None, str], tuple]:
    """What a merge decided for each entry, by (obsolete, msgctxt, msgid)."""
    facts = {}
    for e in read_po(path, strict_plurals=False):
        if not e.msgid:
            continue
        flags = sorted(f for f in e.flags if f.endswith("-format") or f.startswith("range:"))
        translation = tuple(e.msgstr_plural.get(i) for i in sorted(e.msgstr_plural)) \
            if e.msgid_plural else e.msgstr
        facts[(e.obsolete, e.msgctxt, e.msgid)] = (
            e.fuzzy, e.msgid_plural or None, translation, flags,
            e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural)
    return facts


def _msgmerge(old: Path, template: Path, out: Path) -> Path:
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        pytest.skip("GNU gettext's msgmerge is not installed")
    subprocess.run([msgmerge, "--quiet", "--previous", "-o", str(out), str(old), str(template)],
                   check=True)
    return out


@pytest.mark.parametrize("case", sorted(CASES))
def test_merge_decides_each_entry_as_msgmerge_does(case, tmp_path):
    old_body, pot_body = CASES[case]
    old, template = tmp_path / "old.po", tmp_path / "new.pot"
    old.write_text(HEADER + old_body, encoding="utf-8")
    template.write_text(POT_HEADER + pot_body, encoding="utf-8")
    ours = tmp_path / "l10n.po"
    merge_files(old, template, ours)
    theirs = _msgmerge(old, template, tmp_path / "msgmerge.po")
    assert _facts(ours) == _facts(theirs)
    msgfmt_check(ours)


def test_a_singular_entry_turned_plural_is_fuzzy_with_every_form_filled():
    old = catalogue(E("one file", "un fichier"))
    template = catalogue(E("one file", msgid_plural="%d files"))
    merged, report = merge_catalogue(old, template, nplurals=3)
    entry = find(merged, "one file")
    assert entry.fuzzy and entry.msgstr_plural == {0: "un fichier", 1: "un fichier",
                                                   2: "un fichier"}
    assert entry.previous_msgid == "one file" and entry.previous_msgid_plural is None
    assert report.fuzzy == 1 and report.unchanged == 0


def test_the_templates_own_obsolete_entries_are_not_messages():
    """A template holding ``#~`` entries: they create no active entry and no duplicate; an old
    translation of the same message stays, obsolete (msgmerge would resurrect unmatched ones)."""
    template = catalogue(E(SUMMIT), E(HOST, obsolete=True), E("Never translated", obsolete=True))
    old = catalogue(E(SUMMIT, SUMMIT_FR), E(HOST, HOST_FR))
    merged, report = merge_catalogue(old, template)
    assert [(e.msgid, e.obsolete, e.msgstr) for e in merged] == [
        (SUMMIT, False, SUMMIT_FR), (HOST, True, HOST_FR)]
    assert report.counts() == {"new": 0, "fuzzy": 0, "obsolete": 1, "reused": 0, "unchanged": 1}


def test_the_templates_obsolete_entries_through_the_command_line(tmp_path):
    old, template, out = tmp_path / "old.po", tmp_path / "new.pot", tmp_path / "out.po"
    old.write_text(HEADER + 'msgid "kept"\nmsgstr "к"\n', encoding="utf-8")
    template.write_text(POT_HEADER + 'msgid "kept"\nmsgstr ""\n\n#~ msgid "kept"\n#~ msgstr ""\n'
                        '\n#~ msgid "gone"\n#~ msgstr ""\n', encoding="utf-8")
    # a template defining "kept" twice is refused at both lines, as msgfmt does
    outcome = run_cli(tmp_path, "merge", str(old), str(template), "-o", str(out))
    assert outcome.code == 2 and not out.exists()
    assert f"{template}:8: error: duplicate message definition: 'kept' (first defined at line 5)" \
        in outcome.stderr
    template.write_text(POT_HEADER + 'msgid "kept"\nmsgstr ""\n\n#~ msgid "gone"\n#~ msgstr ""\n',
                        encoding="utf-8")
    outcome = run_cli(tmp_path, "merge", str(old), str(template), "-o", str(out))
    assert outcome.code == 0, outcome.stderr
    assert [(e.msgid, e.obsolete) for e in read_po(out)] == [("kept", False)]
    msgfmt_check(out)


def test_a_duplicate_in_the_obsolete_entries_is_refused_naming_both_lines(tmp_path):
    old, template, out = tmp_path / "old.po", tmp_path / "new.pot", tmp_path / "out.po"
    old.write_text(HEADER + 'msgid "a"\nmsgstr "А"\n\n#~ msgid "b"\n#~ msgstr "Б"\n\n'
                   '#~ msgid "b"\n#~ msgstr "Б2"\n', encoding="utf-8")
    template.write_text(POT_HEADER + 'msgid "a"\nmsgstr ""\n', encoding="utf-8")
    outcome = run_cli(tmp_path, "merge", str(old), str(template), "-o", str(out))
    assert outcome.code == 2 and not out.exists()
    assert outcome.stderr.splitlines() == [
        f"{old}:13: error: duplicate message definition: 'b' (first defined at line 10)"]


PLURAL_DEFECT = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                 '"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
                 'msgid "one delegation"\nmsgid_plural "%d delegations"\n'
                 'msgstr[0] "une délégation"\nmsgstr[1] "%d délégations"\n'
                 'msgstr[2] "%d délégations (beaucoup)"\n\n'
                 'msgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "un fichier"\n\n'
                 '#~ msgid "one room"\n#~ msgid_plural "%d rooms"\n#~ msgstr[0] "une salle"\n'
                 '#~ msgstr[1] "%d salles"\n#~ msgstr[2] "%d salles (beaucoup)"\n')


def test_plural_forms_that_contradict_the_header_are_merged_fuzzy_with_a_warning(tmp_path):
    """Django 4.2's French catalogue has msgstr[2] under nplurals=2: msgmerge merges it, and so
    does l10n, warning at each such entry's line; the entry comes out fuzzy with the header's
    number of forms (the extra one dropped, a missing one empty), so msgfmt accepts the result.
    Commands that do not repair catalogues (stats) keep refusing the file."""
    old, template, out = tmp_path / "old.po", tmp_path / "new.pot", tmp_path / "out.po"
    old.write_text(PLURAL_DEFECT, encoding="utf-8")
    template.write_text(POT_HEADER + 'msgid "one delegation"\nmsgid_plural "%d delegations"\n'
                        'msgstr[0] ""\nmsgstr[1] ""\n\nmsgid "one file"\nmsgid_plural "%d files"\n'
                        'msgstr[0] ""\nmsgstr[1] ""\n', encoding="utf-8")
    outcome = run_cli(tmp_path, "merge", str(old), str(template), "-o", str(out))
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr.splitlines() == [
        f"{old}:7: warning: msgstr[2] but the header says nplurals=2: merged as fuzzy with 2 forms",
        f"{old}:13: warning: plural message has 1 forms but the header says nplurals=2: "
        "merged as fuzzy with 2 forms",
        f"{old}:17: warning: msgstr[2] but the header says nplurals=2: merged as fuzzy with 2 forms",
    ]
    assert "2 fuzzy" in outcome.stdout
    merged = read_po(out)  # the strict reader accepts the result
    assert [(e.msgid, e.obsolete, e.fuzzy, e.msgstr_plural) for e in merged] == [
        ("one delegation", False, True, {0: "une délégation", 1: "%d délégations"}),
        ("one file", False, True, {0: "un fichier", 1: ""}),
        ("one room", True, True, {0: "une salle", 1: "%d salles"}),
    ]
    msgfmt_check(out)


def test_update_repairs_contradicting_plural_forms_with_a_warning(tmp_path):
    from hardening.harness import new_project

    root = tmp_path / "project"
    new_project(root, {"source/doc.txt": "One delegation took part.\n"})
    assert run_cli(root, "extract").code == 0
    po = root / "po/fr/doc.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(PLURAL_DEFECT, encoding="utf-8")
    outcome = run_cli(root, "update", "--lang", "fr")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr.count(": warning: ") == 3 and f"{po}:7: warning: " in outcome.stderr
    msgfmt_check(po)
    assert run_cli(root, "stats").code == 0
