"""Every output is UTF-8 and says so: a source's declaration of another encoding is rewritten."""

from __future__ import annotations

import polib
from lxml import etree
from lxml import html as lxml_html

from l10n.config import load_config
from l10n.project.extract import extract
from l10n.project.update import update

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="iso-8859-1">
<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">
<title>The Summit in Doha</title>
</head>
<body><p>The Summit closed on 6 November.</p></body>
</html>
"""
XHTML = """<?xml version="1.0" encoding="ISO-8859-1"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head><meta charset="windows-1252"/><title>The Summit in Doha</title></head>
<body><p>The Summit closed on 6 November.</p></body>
</html>
"""
ZH = {"The Summit in Doha": "多哈首脑会议",
      "The Summit closed on 6 November.": "首脑会议于11月6日闭幕。"}


def test_pages_that_declared_latin_1_are_read_as_utf_8(make_project, run_cli, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762214400")
    root = make_project({"source/page.html": HTML, "source/other.xhtml": XHTML},
                        'languages = ["en", "zh"]\n')
    config = load_config(root, explicit=True)
    extract(config)
    update(config)
    for path in (root / "po" / "zh").glob("*.po"):
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            entry.msgstr = ZH[entry.msgid]
        catalogue.save()
    result = run_cli(root, "--no-checks")
    assert result.exit_code == 0, result.output
    for lang in ("zh", "en"):
        # lxml decodes as a browser does: by the page's own declaration
        page = lxml_html.document_fromstring((config.output_dir / lang / "page.html").read_bytes())
        xpage = etree.fromstring((config.output_dir / lang / "other.xhtml").read_bytes())
        ns = {"h": "http://www.w3.org/1999/xhtml"}
        want = ZH if lang == "zh" else {k: k for k in ZH}
        assert page.findtext(".//title") == want["The Summit in Doha"]
        assert page.findtext(".//p") == want["The Summit closed on 6 November."]
        assert xpage.findtext(".//h:title", namespaces=ns) == want["The Summit in Doha"]
        assert [m.get("charset") for m in page.iter("meta") if m.get("charset")] == ["utf-8"]
        assert "charset=utf-8" in page.xpath("//meta[@http-equiv]/@content")[0]
        assert (config.output_dir / lang / "other.xhtml").read_bytes().startswith(
            b'<?xml version="1.0" encoding="UTF-8"?>')
