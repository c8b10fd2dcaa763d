"""Untrusted text into Markdown that renders as that same text and never as markup.

Articles come from scrapers and exports: a `<script>`, a `---` line, an unclosed code fence or a
`{: onclick=...}` attribute list must reach the reader as characters. Every character that
Python-Markdown or an enabled extension could act on becomes an HTML character reference, which
Markdown passes through untouched and the browser shows as the character itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .passthrough import block

# Characters that mean something anywhere in a line (HTML, emphasis, code, links, attribute
# lists, tables, escapes).
_INLINE = str.maketrans({ch: f"&#{ord(ch)};" for ch in "&<>\\`*_[]{}|"})
# Characters that mean something only at the start of a line (headings, lists, setext
# underlines, fences, definition lists, block quotes).
_LINE_START = set("#+-=~:>")
_ORDERED = re.compile(r"^(\d+)([.)])")


def inline(text: str) -> str:
    """Text for a place inside a Markdown line (link texts, list items)."""
    return " ".join(text.split()).translate(_INLINE)


_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")  # non-blank lines in a row
_LINE = re.compile(r"[^\n]+")


class Link(NamedTuple):
    """A span of an article's text that links to `target`."""

    start: int
    end: int
    target: str


def body(text: str, links: Sequence[Link] = ()) -> str:
    """A whole article body as Markdown paragraphs; `links` turn those spans of the text into
    links, as long as they lie within one line."""
    ordered = sorted(links)
    paragraphs = []
    for paragraph in _PARAGRAPH.finditer(text):
        lines = []
        for raw in _LINE.finditer(text, paragraph.start(), paragraph.end()):
            start, end = raw.span()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                lines.append(
                    _linked_line(text, start, end, [k for k in ordered if start <= k.start and k.end <= end])
                )
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _linked_line(text: str, start: int, end: int, links: list[Link]) -> str:
    pieces, position = [], start
    for link_start, link_end, target in links:
        if link_start < position:
            continue
        before = text[position:link_start].translate(_INLINE)
        if before.endswith("!"):  # "![" would make the link an image
            before = before[:-1] + "&#33;"
        pieces.append(before)
        pieces.append(f"[{text[link_start:link_end].translate(_INLINE)}]({target})")
        position = link_end
    pieces.append(text[position:end].translate(_INLINE))
    result = "".join(pieces)
    if result[:1] in _LINE_START:
        result = f"&#{ord(result[0])};{result[1:]}"
    return _ORDERED.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", result, count=1)


def attribute(text: str) -> str:
    """Text for an HTML attribute value or element written by the archive's own templates."""
    return html.escape(text, quote=True)


def html_ul(items: Iterable[str]) -> str:
    rows = "\n".join(f"<li>{item}</li>" for item in items)
    return f"<ul>\n{rows}\n</ul>" if rows else ""


def html_list(items: Iterable[str]) -> str:
    """Generated link lists as one raw HTML block: far cheaper for MkDocs than Markdown lists
    of links (see passthrough.py)."""
    return block("list", html_ul(items))


def anchor(text: str, href: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
