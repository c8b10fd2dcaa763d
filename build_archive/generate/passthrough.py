"""A Markdown extension that hands the archive's generated HTML blocks to the output unparsed.

The build writes link lists and timelines as raw HTML blocks. Python-Markdown's raw-HTML
preprocessor runs every tag of them through `html.parser`, which made an actor page cost MkDocs
much more than an article page. These blocks are the build's own, well formed and
escaped, so they are stashed whole, as the preprocessor would stash them after parsing.
Article text cannot forge one: every `<` of an article body is written as `&#60;`.

Enabled in mkdocs.yml (`markdown_extensions: - build_archive.generate.passthrough`); without it the same
pages render the same, only slower.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

MARK = 'markdown="0" data-archive'
# A generated block: one <div> of the archive's, from the start of a line to its </div>; the
# blocks hold no nested <div>.
BLOCK = re.compile(r'^<div class="archive-[a-z-]+" ' + MARK + r"[^>]*>.*?</div>$", re.M | re.S)


def block(css: str, inner: str, searchable: bool = False) -> str:
    """A generated HTML block ("" for no content); kept out of the theme's search index unless
    `searchable`: the pages its links lead to are indexed themselves."""
    if not inner:
        return ""
    return f'<div class="archive-{css}" {MARK}{"" if searchable else " data-search-exclude"}>{inner}</div>'


class _Stash(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if MARK not in text:
            return lines
        text = BLOCK.sub(lambda m: f"\n\n{self.md.htmlStash.store(m.group(0))}\n\n", text)
        return text.split("\n")


class PassthroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After whitespace normalisation (30), before the raw-HTML preprocessor (20).
        md.preprocessors.register(_Stash(md), "archive_passthrough", 25)


def makeExtension(**kwargs) -> PassthroughExtension:  # noqa: N802 - Python-Markdown's name
    return PassthroughExtension(**kwargs)
