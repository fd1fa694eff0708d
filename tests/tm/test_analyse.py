"""`l10n analyse`: the words left to translate in the leverage bands, as text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from l10n.cli import cli

FIRST = ("The Summit opened in Doha.\n\n"                                     # context (5 words)
         "Member States adopted the declaration.\n\n"                          # 100 (5)
         "The delegates discussed social development\n\n"                      # 95-99 (5)
         "The Commission will meet again in the autumn of next year.\n\n"      # 85-94 (11)
         "The working group discussed the draft report in detail.\n\n"         # 75-84 (9)
         "Participants stressed the importance of regional cooperation.\n\n"   # 50-74 (7)
         "Completely unrelated words about fisheries and oceans.\n")           # none (7)
SECOND = ("Completely unrelated words about fisheries and oceans.\n\n"         # repetition (7)
          "大会开幕。\n")                                                       # none (4 Han)
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><prop type="x-document">first</prop><prop type="x-context-next">Member States adopted the declaration.</prop>
<tuv xml:lang="en"><seg>The Summit opened in Doha.</seg></tuv><tuv xml:lang="fr"><seg>a</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Member States adopted the declaration.</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The delegates discussed social development.</seg></tuv><tuv xml:lang="fr"><seg>c</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The Commission will meet again in the spring of next year.</seg></tuv><tuv xml:lang="fr"><seg>d</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The working group reviewed the draft report at length.</seg></tuv><tuv xml:lang="fr"><seg>e</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Participants noted the role of international cooperation for all.</seg></tuv><tuv xml:lang="fr"><seg>f</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_leverage_bands(make_project, request, backend):
    tm = "tm.sqlite" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    root = make_project({"source/first.txt": FIRST, "source/second.txt": SECOND,
                         "memory.tmx": TMX}, f'languages = ["en", "fr"]\ntm = "{tm}"\n')
    runner = CliRunner()
    for args in (["extract"], ["update"], ["tm", "import", str(root / "memory.tmx")]):
        assert runner.invoke(cli, ["-C", str(root), *args]).exit_code == 0
    result = runner.invoke(cli, ["-C", str(root), "analyse", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    documents = report["languages"]["fr"]["documents"]
    assert documents["first"]["words"] == {"context": 5, "repetition": 0, "100": 5, "95-99": 5,
                                           "85-94": 11, "75-84": 9, "50-74": 7, "none": 7}
    assert documents["second"]["words"] == {"context": 0, "repetition": 7, "100": 0,
                                            "95-99": 0, "85-94": 0, "75-84": 0, "50-74": 0,
                                            "none": 4}
    assert report["languages"]["fr"]["words"]["none"] == 11
    result = runner.invoke(cli, ["-C", str(root), "analyse", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["lang", "document", "context", "repetition", "100", "95-99", "85-94",
                       "75-84", "50-74", "none", "total"]
    assert rows[1] == ["fr", "first", "5", "0", "5", "5", "11", "9", "7", "7", "49"]
    result = runner.invoke(cli, ["-C", str(root), "analyse"])
    assert result.output.splitlines()[-1].split() == ["fr", "total", "5", "7", "5", "5", "11",
                                                      "9", "7", "11", "60"]
    # translated entries are work done: not counted
    po = root / "po" / "fr" / "first.po"
    po.write_text(po.read_text("utf-8").replace(
        'msgid "Member States adopted the declaration."\nmsgstr ""',
        'msgid "Member States adopted the declaration."\nmsgstr "Les États Membres."'), "utf-8")
    report = json.loads(runner.invoke(cli, ["-C", str(root), "analyse", "--format",
                                            "json"]).output)
    assert report["languages"]["fr"]["documents"]["first"]["words"]["100"] == 0
