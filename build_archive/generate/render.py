"""The archive's article pages as HTML without Python-Markdown, exactly as MkDocs would render them.

An article page's Markdown is the build's own (`pages.article_page`, `markup.body`): an optional
meta line of the build's HTML, then paragraphs of text in which everything Markdown could act
on is a character reference, with links to actor pages. Python-Markdown spends a new parser,
its inline patterns over every character and a tree per page on that: a large part of what
MkDocs does for an archive of articles. Here the same HTML comes from string joins. A body in any
other form (a hand-edited page, a build of another version) gives None, and MkDocs renders it
as usual; tests/test_render.py holds the two renderings equal.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

META = '<p class="archive-meta">'
# `[text](target)` as `markup.body` writes a link: neither holds a bracket, a parenthesis or a
# space (the text's are character references).
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)")
# What would make Python-Markdown do more than paragraphs and links: markup, escapes, a bare
# ampersand.
_ACTIVE = re.compile(r"[<>\\`*_{}|\[\]]|&(?!#\d+;)")
_REWRITTEN = re.compile("[\t\r\x02\x03]")  # tabs, carriage returns, Python-Markdown's placeholders
_LINE_END = re.compile(r"\s$", re.M)  # a line break (two spaces) or a trailing blank
_UNSAFE_URL = re.compile(r'[&<>"\s]')  # what the serializer would escape in an attribute
# A line start that Markdown reads as a block of its own (heading, list, quote, code, rule, ...).
_BLOCK_START = re.compile(r"^(?:[#+\-=~:>\s]|\d+[.)])", re.M)


def article_html(markdown: str, url_of: Callable[[str], str | None]) -> str | None:
    """The HTML of an article page's body; `url_of` turns a link's target (relative to the page's
    source file) into the URL the page links to, or None for a target MkDocs would not find."""
    if _REWRITTEN.search(markdown):
        return None
    meta = ""
    if markdown.startswith(META):
        end = markdown.find("</p>\n\n")
        if end < 0 or "\n" in markdown[:end]:
            return None
        meta, markdown = markdown[: end + 4], markdown[end + 6 :]
    markdown = markdown.rstrip("\n")
    blocks = markdown.split("\n\n") if markdown else []
    html = [meta + "\n"] if meta else []  # a raw HTML block keeps its blank line
    for block in blocks:
        if not block or _BLOCK_START.search(block) or _LINE_END.search(block):
            return None
        pieces, position = [], 0
        for link in _LINK.finditer(block):
            text, target = block[position : link.start()], link.group(2)
            url = None if "%" in target else url_of(target)
            if (
                url is None
                or _UNSAFE_URL.search(url)
                or _ACTIVE.search(text)
                or _ACTIVE.search(link.group(1))
                or text.endswith("!")  # an image
            ):
                return None
            pieces += [text, f'<a href="{url}">{link.group(1)}</a>']
            position = link.end()
        if _ACTIVE.search(block, position):
            return None
        pieces.append(block[position:])
        html.append(f"<p>{''.join(pieces)}</p>")
    return "\n".join(html)


def link_url(files, source, target: str) -> str | None:
    """The URL that MkDocs gives a relative link from the page of `source` (a MkDocs `File`) to
    `target`, or None when no file of `files` is there (MkDocs then warns about it)."""
    uri = posixpath.normpath(posixpath.join(posixpath.dirname(source.src_uri), target).lstrip("/"))
    found = files.get_file_from_path(uri)
    return None if found is None else found.url_relative_to(source)
