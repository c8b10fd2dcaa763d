"""Untrusted text into Markdown that renders as that same text and never as markup.

Articles come from scrapers and exports: a `<script>`, a `---` line, an unclosed code fence or a
`{: onclick=...}` attribute list must reach the reader as characters. Every character that
Python-Markdown or an enabled extension could act on becomes an HTML character reference, which
Markdown passes through untouched and the browser shows as the character itself.
"""

from __future__ import annotations

import html
import re

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


def line(text: str) -> str:
    """One line of text that cannot start a block (no heading, list, code block or quote)."""
    text = text.strip().translate(_INLINE)
    if text[:1] in _LINE_START:
        text = f"&#{ord(text[0])};{text[1:]}"
    return _ORDERED.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text, count=1)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (blank-line separated), each a list of its non-empty lines."""
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def body(text: str) -> str:
    """A whole article body as Markdown paragraphs."""
    return "\n\n".join(
        "\n".join(line(raw) for raw in paragraph.split("\n") if raw.strip()) for paragraph in paragraphs(text)
    )


def attribute(text: str) -> str:
    """Text for an HTML attribute value or element written by the archive's own templates."""
    return html.escape(text, quote=True)
