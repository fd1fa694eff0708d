"""Merging catalogues with newer templates: msgmerge's semantics, and nothing a translator wrote lost."""

from __future__ import annotations

import polib

from l10n.merge import merge_catalogue


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


def test_edited_source_gets_old_translation_marked_fuzzy_with_previous_msgid():
    old = catalogue(E(SUMMIT, SUMMIT_FR))
    edited = "The Summit was held in Doha, Qatar, from 4 to 6 November 2025."
    merged, report = merge_catalogue(old, catalogue(E(edited)))
    entry = find(merged, edited)
    assert entry.fuzzy and entry.msgstr == SUMMIT_FR and entry.previous_msgid == SUMMIT
    assert report.fuzzy == 1 and report.obsolete == 1  # the old one is kept as obsolete too
    assert any(e.obsolete and e.msgstr == SUMMIT_FR for e in merged)


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
