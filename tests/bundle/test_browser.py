"""What a reader sees: the Arabic and Chinese pages of a bundle opened in headless Chromium.

No browser library is needed: a small harness page, served with the bundle from a localhost
http.server, loads the built page in an iframe (same origin), reads what the browser computed
(direction, lang, text as decoded, fallback spans, isolates, where words were laid out) and
writes it as JSON into its own DOM, which Chromium prints with --dump-dom. The served files
have no charset in their Content-Type, so the text only reads back right if the page declares
its encoding. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from lxml import html as lxml_html

from l10n.bundle.build import build
from l10n.bundle.gates import GateOptions

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")

HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>harness</title></head>
<body>
<pre id="result">pending</pre>
<iframe id="page" src="PAGE" width="900" height="600"></iframe>
<script>
window.addEventListener("load", function () {
  var frame = document.getElementById("page");
  var doc = frame.contentDocument, win = frame.contentWindow;
  function direction(el) { return win.getComputedStyle(el).direction; }
  function box(node, start, end) {
    var range = doc.createRange();
    range.setStart(node, start); range.setEnd(node, end);
    var rect = range.getBoundingClientRect();
    return {left: rect.left, right: rect.right};
  }
  var symbol = doc.getElementById("symbol");
  var isolates = Array.from(symbol.querySelectorAll("bdi"));
  var out = {
    charset: doc.characterSet,
    lang: doc.documentElement.getAttribute("lang"),
    dir: doc.documentElement.getAttribute("dir"),
    title: doc.title,
    heading: doc.querySelector("h1").innerText,
    body: direction(doc.body),
    symbol: {text: symbol.innerText, direction: direction(symbol),
             first: box(symbol.firstChild, 0, 2),
             isolates: isolates.map(function (e) {
               var r = e.getBoundingClientRect();
               return {text: e.innerText, direction: direction(e), left: r.left, right: r.right};
             })},
    fallbacks: Array.from(doc.body.querySelectorAll("[lang]")).map(function (e) {
      var inner = e.querySelector("bdi");
      return {lang: e.getAttribute("lang"), text: e.innerText,
              isolated: inner ? direction(inner) : null};
    })
  };
  var text = JSON.stringify(out).replace(/[\\u007f-\\uffff]/g, function (c) {
    return "\\\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
  });
  document.getElementById("result").textContent = text;
});
</script>
</body></html>
"""


@pytest.fixture
def chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium found (install Debian's chromium package: apt-get install chromium)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def served(tmp_path):
    """A localhost http.server over tmp_path; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def _run(chromium: str, tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "chromium-profile"
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _read_page(chromium: str, tmp_path: Path, base: str, page: str) -> dict:
    harness = tmp_path / "harness.html"
    harness.write_text(HARNESS.replace("PAGE", page), "utf-8")
    dom = _run(chromium, tmp_path, "--virtual-time-budget=10000", "--dump-dom",
               f"{base}/harness.html")
    result = lxml_html.fromstring(dom).get_element_by_id("result").text_content()
    assert result != "pending", "the harness script did not run"
    return json.loads(result)


@pytest.fixture
def bundle(bundle_project, sample):
    """The fixture project built with its closing sentence untranslated in ar and zh."""
    partial = {lang: {k: v for k, v in table.items() if k != sample.CLOSING}
               for lang, table in sample.TRANSLATIONS.items()}
    config = bundle_project(partial)
    result = build(config, options=GateOptions(min_completeness=0),
                   check_languages=sample.no_checks)
    assert not result.refused
    return config


def test_arabic_page_reads_right_to_left(chromium, served, bundle, sample, tmp_path):
    seen = _read_page(chromium, tmp_path, served, "project/dist/ar/doc/page.html")
    arabic = sample.TRANSLATIONS["ar"]
    assert (seen["charset"], seen["lang"], seen["dir"]) == ("UTF-8", "ar", "rtl")
    assert seen["body"] == "rtl"
    assert seen["title"].replace("\u2066", "").replace("\u2069", "") == arabic[sample.TITLE]
    assert seen["heading"] == arabic[sample.TITLE]
    symbol = seen["symbol"]
    assert symbol["text"] == arabic[sample.SYMBOL]
    assert symbol["direction"] == "rtl"
    assert [(i["text"], i["direction"]) for i in symbol["isolates"]] == [
        ("A/RES/78/261", "ltr"), ("2025", "ltr")]
    # Laid out right to left: the first Arabic word is right of the symbol, the symbol right
    # of the year that ends the sentence.
    symbol_box, year_box = symbol["isolates"]
    assert symbol["first"]["left"] >= symbol_box["right"] - 1
    assert symbol_box["left"] >= year_box["right"] - 1
    # The English fallback is marked as English and laid out left to right inside the page.
    assert [(f["lang"], f["text"], f["isolated"]) for f in seen["fallbacks"]] == [
        ("en", sample.CLOSING, "ltr")]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "bundle-ar-page.png"
    _run(chromium, tmp_path, "--window-size=900,600", f"--screenshot={shot}",
         f"{served}/project/dist/ar/doc/page.html")
    assert shot.stat().st_size > 1000


def test_chinese_page_reads_back_without_mojibake(chromium, served, bundle, sample, tmp_path):
    seen = _read_page(chromium, tmp_path, served, "project/dist/zh/doc/page.html")
    chinese = sample.TRANSLATIONS["zh"]
    assert (seen["charset"], seen["lang"], seen["dir"]) == ("UTF-8", "zh-Hans", "ltr")
    assert seen["body"] == "ltr"
    assert seen["title"] == chinese[sample.TITLE]
    assert seen["heading"] == chinese[sample.TITLE]
    assert seen["symbol"]["text"] == chinese[sample.SYMBOL]
    assert seen["symbol"]["isolates"] == []
    assert [(f["lang"], f["text"], f["isolated"]) for f in seen["fallbacks"]] == [
        ("en", sample.CLOSING, None)]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "bundle-zh-page.png"
    _run(chromium, tmp_path, "--window-size=900,600", f"--screenshot={shot}",
         f"{served}/project/dist/zh/doc/page.html")
    assert shot.stat().st_size > 1000


WORDS_HARNESS = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>words</title></head>
<body>
<p id="line" style="font-size:20px">LINE</p>
<pre id="result">pending</pre>
<script>
window.addEventListener("load", function () {
  var line = document.getElementById("line");
  var walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  var words = [], node;
  while ((node = walker.nextNode())) {
    var re = /[A-Za-z]+/g, m;
    while ((m = re.exec(node.data))) {
      var range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      var r = range.getBoundingClientRect();
      words.push({word: m[0], left: r.left, right: r.right, top: r.top});
    }
  }
  document.getElementById("result").textContent = JSON.stringify(words);
});
</script>
</body></html>
"""


@pytest.mark.parametrize(("sentence", "names"), [
    ("وأكدت Amina J. Mohammed أن الاجتماع مهم", ["Amina", "J", "Mohammed"]),
    ("وقال Mr. J. Smith إن الاجتماع مهم", ["Mr", "J", "Smith"]),
    ("ورحبت H.E. Ms. Mary O'Neill-Brown بالوفود", ["H", "E", "Ms", "Mary", "O", "Neill", "Brown"]),
], ids=["initial-inside-name", "title-and-initial", "honorifics-apostrophe-hyphen"])
def test_latin_names_with_initials_keep_their_word_order_in_arabic(chromium, served, tmp_path,
                                                                   sentence, names):
    """What a reader sees: in a right-to-left line, the words of a Latin name stand left to
    right in their own order (an isolated run split at an initial's full stop would show
    "Mohammed" before "Amina J")."""
    from l10n.formats.bidi import isolate_html

    page = tmp_path / "words.html"
    page.write_text(WORDS_HARNESS.replace("LINE", isolate_html(sentence)), "utf-8")
    dom = _run(chromium, tmp_path, "--virtual-time-budget=10000", "--dump-dom",
               f"{served}/words.html")
    words = json.loads(lxml_html.fromstring(dom).get_element_by_id("result").text_content())
    assert [w["word"] for w in words] == names
    assert len({round(w["top"]) for w in words}) == 1, "the line wrapped: widen the page"
    lefts = [w["left"] for w in words]
    assert lefts == sorted(lefts), f"the name's words are not laid out left to right: {words}"
