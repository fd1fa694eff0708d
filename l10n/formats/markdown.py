"""Markdown source documents (CommonMark plus tables, parsed with markdown-it-py).

Units are headings, paragraphs (in lists and block quotes too), table cells, and the alt text
of an image that stands alone in its paragraph. A unit's text is its inline Markdown source
with soft line breaks folded to a space. Code blocks, fenced code and HTML blocks are left
alone.

A YAML front matter (the document's first line ``---``, up to a closing ``---`` or ``...``
line, holding a YAML mapping) is metadata, not Markdown: the values of its translatable
top-level keys (``title`` and ``description``; ``[tool.l10n] markdown-front-matter``) that are
strings are units with the role ``front-matter-<key>``. A translated value is written back as
a double-quoted YAML scalar on the key's line (inline HTML by the same source-unit rule: a
site's template may print a title unescaped); every other byte of the front matter is kept.

``render`` splices each translated text into the original lines: the block's prefix (``## ``,
``- ``, ``1. ``, ``> ``), a closing ``##``, table pipes and every other byte stay. A translated
paragraph that spanned several source lines is written on its first line and its other lines
are dropped (the text is one line in the output; Markdown renders it the same).

A translation is made safe before it is spliced (``safe_translation``), whatever the PO flags
say: inline HTML follows the source-unit rule of l10n.formats._htmlsafe (a refused tag is
escaped and shows as text); a translation cannot open a block of its own (a leading ``#``,
``>``, list marker, fence, reference definition or HTML block start is backslash-escaped or
refused), leave its table cell (``|`` is escaped) or its image's alt text (``[``, ``]``). It is
then parsed with markdown-it, links allowed through: a link, image or autolink whose URL is not
http, https, mailto, tel, ftp or relative, or inline HTML the rule refuses, makes the whole
translation escaped, shown as the literal text the translator wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from ..errors import InputError
from ..model import Document, Rendition, Unit
from ._htmlsafe import AUTOLINK, END_TAG, START_TAG, SourceTags, parse_attrs, sanitise, unsafe_url
from ._mdinline import Backticks, atomic_ranges, code_spans, link_targets
from ._textutil import (check_renditions, fold_ws, is_prose, line_body, replace_spans,
                        split_lines)

# markdown-it is imported when a Markdown file is parsed (_parser), not with the format
# registry: a project of HTML sources does not pay for it at every start-up.
if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


# code spans, link destinations, autolinks and inline tags say nothing about prose
_NOISE_START = re.compile(r"`+|\]\(|<")
_TAG = re.compile(r"<[^<>]*>")
FRONT_MATTER_ROLE = "front-matter-"  # + the key: "front-matter-title"


@dataclass(frozen=True)
class MdSlot:
    """A unit's place: from ``start`` on line ``first`` to ``end`` on line ``last`` (0-based)."""

    first: int
    start: int
    last: int
    end: int


@dataclass(frozen=True)
class MdState:
    lines: tuple[str, ...]
    slots: tuple[MdSlot, ...]


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


class _Collector:
    """Turns markdown-it block tokens into units and slots."""

    def __init__(self, lines: tuple[str, ...], path: str):
        self.lines, self.path = lines, path
        self.units: list[Unit] = []
        self.slots: list[MdSlot] = []

    def body(self, number: int) -> str:
        return line_body(self.lines[number])[0] if number < len(self.lines) else ""

    def add(self, text: str, role: str, slot: MdSlot, comment: str, splittable: bool) -> None:
        text = fold_ws(text)
        if not is_prose(_without_noise(text)):
            return
        atomic = atomic_ranges(text) if role != "image-alt" else ()
        self.units.append(Unit(text, role, slot.first + 1, comment, atomic, splittable))
        self.slots.append(slot)

    def add_metadata(self, key: str, value: str, slot: MdSlot) -> None:
        """A translatable value of the front matter (a title is kept whole)."""
        text = fold_ws(value)
        if is_prose(text):
            self.units.append(Unit(text, f"{FRONT_MATTER_ROLE}{key}", slot.first + 1,
                                   f"front matter: {key}", (), key != "title"))
            self.slots.append(slot)

    def block(self, inline: Token, role: str, comment: str, first: int, last: int, splittable: bool) -> None:
        """A paragraph or heading whose content lines are ``first``..``last``."""
        parts = inline.content.split("\n")
        if len(parts) != last - first + 1:
            raise InputError("cannot map a Markdown block to its source lines", path=self.path, line=first + 1)
        start = self._column(first, parts[0])
        end = self._end_column(last, parts[-1])
        slot = MdSlot(first, start, last, end)
        if role in ("paragraph", "list-item", "blockquote") and self._image_alone(inline, slot):
            return
        self.add(inline.content, role, slot, comment, splittable)

    def _column(self, number: int, part: str) -> int:
        body = self.body(number)
        start = len(body.rstrip()) - len(part.rstrip())
        if start >= 0 and body[start:].rstrip() == part.rstrip():
            return start
        found = body.find(part.strip())
        if found < 0:
            raise InputError("cannot locate Markdown text in its line", path=self.path, line=number + 1)
        return found

    def _end_column(self, number: int, part: str) -> int:
        body = self.body(number)
        stripped = part.rstrip()
        found = body.rfind(stripped) if stripped else -1
        return found + len(stripped) if found >= 0 else len(body.rstrip())

    def _image_alone(self, inline: Token, slot: MdSlot) -> bool:
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
        children = [c for c in children if c.type not in ("softbreak", "hardbreak")]
        if len(children) != 1 or children[0].type != "image":
            return False
        body = self.body(slot.first)
        at = body.find("![", slot.start)
        close = _closing_bracket(body, at + 1) if at >= 0 else -1
        if close >= 0:
            src = children[0].attrGet("src") or ""
            self.add(body[at + 2 : close], "image-alt", MdSlot(slot.first, at + 2, slot.first, close),
                     f"alt text of image {src}".rstrip(), False)
        return True

    def heading(self, opener: Token, inline: Token) -> None:
        level = int(opener.tag[1])
        first, stop = opener.map
        comment = f"Markdown heading, level {level}"
        if opener.markup in ("=", "-"):  # setext: the underline is the last mapped line
            self.block(inline, "heading", comment, first, stop - 2, False)
            return
        body = self.body(first)
        hashes = len(body) - len(body.lstrip(" ")) + len(opener.markup)
        start = body.find(inline.content, hashes) if inline.content else -1
        if start >= 0:
            self.add(inline.content, "heading", MdSlot(first, start, first, start + len(inline.content)), comment, False)

    def table_row(self, row: Token, cells: list[Token], header: bool, number: int) -> None:
        line = row.map[0]
        body = self.body(line)  # once per row: a row of 40,000 cells is one long line
        for column, (start, end) in enumerate(_cells(body)[: len(cells)], start=1):
            comment = f"table header cell, column {column}" if header else f"table cell, row {number}, column {column}"
            self.add(body[start:end], "table-cell", MdSlot(line, start, line, end), comment, False)


def _without_noise(text: str) -> str:
    """``text`` with each code span, link destination ("](...)") and inline tag or autolink
    replaced by a space, for the prose test.

    One pass, each construct's end a look-up or a scan that is not repeated: a pattern with a
    back-reference for the code spans took cubic time on a long run of backticks, and one
    that looked for ")" after every "](" took quadratic time when there was none.
    """
    ticks = Backticks(text)
    pieces: list[str] = []
    pos = scan = 0
    no_paren_after = len(text)  # no ")" follows this point
    while (start := _NOISE_START.search(text, scan)) is not None:
        mark, end = start.group(), -1
        if mark[0] == "`":
            close = ticks.next_run(len(mark), start.end())
            end = close + len(mark) if close >= 0 else -1
        elif mark == "](":
            paren = text.find(")", start.end()) if start.start() < no_paren_after else -1
            if paren < 0:
                no_paren_after = min(no_paren_after, start.start())
            end = paren + 1 if paren >= 0 else -1
        elif tag := _TAG.match(text, start.start()):
            end = tag.end()
        if end < 0:
            scan = start.end()
            continue
        pieces += (text[pos : start.start()], " ")
        pos = scan = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _closing_bracket(text: str, i: int) -> int:
    depth, j = 0, i
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "[":
            depth += 1
        elif text[j] == "]":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _cells(body: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's trimmed content in a table row, pipes excluded."""
    pipes = [i for i, ch in enumerate(body) if ch == "|" and (i == 0 or body[i - 1] != "\\")]
    bounds = [-1, *pipes, len(body)]
    cells = []
    for left, right in zip(bounds, bounds[1:]):
        start, end = left + 1, right
        while start < end and body[start] in " \t":
            start += 1
        while end > start and body[end - 1] in " \t":
            end -= 1
        cells.append((start, end))
    if pipes and not body[: pipes[0]].strip():
        cells = cells[1:]
    if pipes and not body[pipes[-1] + 1 :].strip():
        cells = cells[:-1]
    return cells


# Front matter: a document that starts with a line "---" and has a closing "---" (or "...")
# line holds YAML metadata (Jekyll, Hugo, MkDocs, Docusaurus), not Markdown.
FRONT_MATTER_KEYS = ("title", "description")
_FENCE_OPEN = re.compile(r"---[ \t]*")
_FENCE_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_YAML_STR = "tag:yaml.org,2002:str"


def front_matter_end(lines: Sequence[str]) -> int:
    """The index of the closing fence line of the front matter ``lines`` start with, or 0
    when they start with none."""
    if not lines or not _FENCE_OPEN.fullmatch(line_body(lines[0])[0].lstrip("\ufeff")):
        return 0
    for number in range(1, len(lines)):
        if _FENCE_CLOSE.fullmatch(line_body(lines[number])[0]):
            return number
    return 0


def _front_matter(lines: tuple[str, ...], path: str, keys: Sequence[str]) -> tuple[int, list]:
    """(closing fence line, [(key, value, slot)]) for the front matter's translatable keys:
    each top-level key of ``keys`` whose value is a YAML string. (0, []) when the document
    has no front matter, or when what lies between the fences is not a YAML mapping (a
    thematic break and a setext heading, read as Markdown as before)."""
    close = front_matter_end(lines)
    if not close:
        return 0, []
    import yaml

    text = "".join(lines[1:close])
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(f"front matter is not valid YAML: {exc.problem or exc.context}",
                         path=path, line=mark.line + 2 if mark else 1) from None
    except yaml.YAMLError as exc:
        raise InputError(f"front matter is not valid YAML: {exc}", path=path, line=1) from None
    if root is None:
        return close, []
    if not isinstance(root, yaml.MappingNode):
        return 0, []
    found = []
    for key_node, value in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in keys or not isinstance(value, yaml.ScalarNode) or value.tag != _YAML_STR:
            continue
        start = value.start_mark
        last, end = _mark_before_break(text, value.end_mark.index)  # a block scalar's line
        found.append((key, value.value,                             # ends are kept
                      MdSlot(start.line + 1, start.column, last + 1, end)))
    return close, found


def _mark_before_break(text: str, index: int) -> tuple[int, int]:
    """(line, column) in ``text`` just before the line breaks that end at ``index`` (none, one
    or more)."""
    index = len(text[:index].rstrip("\r\n"))
    line = len(split_lines(text[:index])) - 1 if index else 0
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return line, index - start


def safe_metadata(unit: Unit, translation: str) -> str:
    """The translation of a front matter value as it goes into the page: on one line, inline
    HTML by the source-unit rule (a site template may print a title unescaped), written as a
    quoted YAML scalar."""
    text = " ".join(translation.splitlines()).strip()
    return yaml_scalar(sanitise(text, unit.text, forbidden=MD_BLOCK_TAGS).text)


def yaml_scalar(text: str) -> str:
    """``text`` as a double-quoted YAML scalar on one line: quotes, backslashes, control and
    line-break characters escaped, so that no translation can change the metadata's shape."""
    import yaml

    dumped = yaml.dump(text, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True,
                       width=float("inf"))
    return dumped.rstrip("\n")


class MarkdownFormat:
    """CommonMark with tables (.md, .markdown)."""

    name = "markdown"
    suffixes = (".md", ".markdown")

    def parse(self, text: str, path: str, *,
              front_matter: Sequence[str] = FRONT_MATTER_KEYS) -> Document:
        """``front_matter``: the keys of a YAML front matter that are translated."""
        lines = tuple(split_lines(text))
        collector = _Collector(lines, path)
        close, metadata = _front_matter(lines, path, front_matter)
        for key, value, slot in metadata:
            collector.add_metadata(key, value, slot)
        if close:  # markdown-it sees blank lines there, so that its line numbers still hold
            text = "\n" * (close + 1) + "".join(lines[close + 1:])
        tokens = _parser().parse(text)
        containers: list[str] = []
        rows = {"header": False, "number": 0}
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in ("list_item_open", "blockquote_open"):
                containers.append(kind)
            elif kind in ("list_item_close", "blockquote_close"):
                containers.pop()
            elif kind == "heading_open":
                collector.heading(token, tokens[index + 1])
            elif kind == "paragraph_open":
                role, comment = _paragraph_role(containers)
                first, stop = token.map
                collector.block(tokens[index + 1], role, comment, first, stop - 1, True)
            elif kind in ("thead_open", "tbody_open"):
                rows = {"header": kind == "thead_open", "number": 0}
            elif kind == "tr_open":
                rows["number"] += 1
                cells = _row_cells(tokens, index)
                collector.table_row(token, cells, rows["header"], rows["number"])
        state = MdState(lines, tuple(collector.slots))
        return Document(path=path, format=self.name, units=collector.units, state=state)

    def render(
        self,
        document: Document,
        renditions: Sequence[Rendition],
        *,
        lang: str,
        direction: str = "ltr",
    ) -> str:
        state: MdState = document.state
        check_renditions(document, renditions)
        return replace_spans(state.lines, [
            (slot, safe_metadata(unit, rendition.text) if unit.role.startswith(FRONT_MATTER_ROLE)
             else safe_translation(unit, rendition.text))
            for slot, unit, rendition in zip(state.slots, document.units, renditions)
            if rendition.text != unit.text])


# CommonMark's HTML block starts (conditions 1 and 6): a translation never holds these tags.
MD_BLOCK_TAGS = frozenset(
    "pre script style textarea address article aside base basefont blockquote body caption "
    "center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form "
    "frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu "
    "menuitem nav noframes ol optgroup option p param search section summary table tbody td "
    "tfoot th thead title tr track ul".split()
)
# What would open a block at the start of a line: heading, quote, list item, fence, thematic
# break or setext underline, reference definition, indented code (the text is stripped).
_BLOCK_START = re.compile(
    r"#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|`{3,}|~{3,}"
    r"|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|\[(?:[^\]\\]|\\.)*\]:"
)
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _escape_unescaped(text: str, chars: str) -> str:
    """Backslash-escape each of ``chars`` that is not escaped already."""
    return re.sub(rf"(?<!\\)((?:\\\\)*)([{re.escape(chars)}])", r"\1\\\2", text)


def _balanced_brackets(text: str) -> bool:
    """Whether the unescaped brackets of ``text`` pair up: then it cannot close its image early."""
    depth, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 1
        elif text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0


def inert(text: str) -> str:
    """``text`` as literal Markdown text: every ASCII punctuation character backslash-escaped."""
    return _PUNCTUATION.sub(r"\\\1", text)


def safe_translation(unit: Unit, translation: str) -> str:
    """The translation of ``unit`` as it may go into the page (see the module docstring)."""
    text = " ".join(translation.splitlines()).strip()
    if unit.role == "image-alt":
        # An image's alt is plain text, and no code span may hide a "[" from the bracket count:
        # inside "![...](src)" that "[" would close the image early and let what follows out
        # as raw HTML, or give the image another source.
        text = _escape_unescaped(text, "`")
        if not _balanced_brackets(text):
            text = _escape_unescaped(text, "[]")
    elif unit.role == "table-cell":
        text = _escape_unescaped(text, "|")
    else:
        block = _BLOCK_START.match(text)
        if block:  # escape its first punctuation character ("1\\. ", "\\# ", "\\[a]: ")
            at = next(i for i, ch in enumerate(text) if not ch.isdigit())
            text = text[:at] + "\\" + text[at:]
    source = SourceTags.of(unit.text)
    text = sanitise(text, source, skip=code_spans(text), forbidden=MD_BLOCK_TAGS,
                    markdown=True).text
    if START_TAG.fullmatch(text) or END_TAG.fullmatch(text) or AUTOLINK.fullmatch(text):
        text = inert(text)  # a tag alone on its line would open an HTML block
    if ("<" in text or "[" in text) and _unsafe_inline(text, source):  # links, tags need these
        return inert(" ".join(translation.splitlines()).strip())
    return text


def _unsafe_inline(text: str, source: SourceTags) -> bool:
    """Whether markdown-it, following every link, reads anything the rule refuses in ``text``."""
    for token in _checker().parseInline(text, {})[0].children or []:
        if token.type == "html_inline":
            start, end = START_TAG.fullmatch(token.content), END_TAG.fullmatch(token.content)
            if end is not None:
                continue
            name = start.group(1).lower() if start else ""
            if not start or name in MD_BLOCK_TAGS:
                return True
            if source.problem(name, parse_attrs(start.group(2))):
                return True
        elif token.type in ("link_open", "image"):
            if unsafe_url(token.attrGet("href") or token.attrGet("src") or ""):
                return True
    return False


_CHECKER: list = []


def _checker() -> MarkdownIt:
    """markdown-it as a permissive renderer reads a translation: every link kept as written."""
    if not _CHECKER:
        md = _parser()
        md.validateLink = lambda url: True
        md.normalizeLink = lambda url: url
        md.normalizeLinkText = lambda url: url
        _CHECKER.append(md)
    return _CHECKER[0]


def _paragraph_role(containers: list[str]) -> tuple[str, str]:
    if containers and containers[-1] == "list_item_open":
        return "list-item", "list item"
    if containers and containers[-1] == "blockquote_open":
        return "blockquote", "blockquote"
    return "paragraph", "paragraph"


def _row_cells(tokens: list[Token], index: int) -> list[Token]:
    """The cells of the row opened at ``tokens[index]``. Walked by index, not over a slice:
    copying the rest of the token list for every row made a long table quadratic."""
    cells = []
    for number in range(index + 1, len(tokens)):
        token = tokens[number]
        if token.type == "tr_close":
            break
        if token.type in ("th_open", "td_open"):
            cells.append(token)
    return cells


FORMAT = MarkdownFormat()


def markup_problems(source: str, translation: str) -> list[str]:
    """What ``safe_translation`` would show as text in ``translation`` of a unit whose text is
    ``source`` (check M005): tags or attributes the source does not have, unsafe link targets.
    A code span the source has is kept as it is."""
    if "<" not in translation and "](" not in translation:
        return []
    spans = code_spans(translation) if "`" in translation else ()  # a code span needs a "`"
    kept = tuple(span for span in spans if translation[span[0]:span[1]] in source)
    problems = list(sanitise(translation, source, skip=kept, markdown=True).problems)
    problems += [f"link ({url}): unsafe URL" for url in link_targets(translation)
                 if unsafe_url(url)]
    return problems
