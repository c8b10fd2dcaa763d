"""The plugin renders article pages without Python-Markdown: for any article text, the HTML must
be byte for byte what MkDocs renders from the same page (or nothing, and MkDocs renders it)."""

from __future__ import annotations

import functools
import json
import re
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from test_properties import BODY, TEXT

from build_archive.generate.article_pages import article_page
from build_archive.generate.front_matter import read_front_matter
from build_archive.generate.render import article_html, link_url
from build_archive.model import Article, Mention
from build_archive.read.readers import read_path
from build_archive.settings import Settings
from build_archive.urls import actor_page_path, assign_slugs, page_path

REPO = Path(__file__).resolve().parent.parent
ACTORS = ["person:mark-rutte", "country:be", "organisation:nato"]


@functools.cache
def _config():
    return load_config(str(REPO / "mkdocs.yml"))


def mkdocs_and_ours(folder: Path, article: Article) -> tuple[str, str | None]:
    """The article's page rendered by MkDocs (`Page.render`, with the project's Markdown
    extensions) and by `article_html`, in a docs/ that holds the page and its actors' pages."""
    config = _config()
    files = Files([File(path, config.docs_dir, config.site_dir, True) for path in
                   [page_path(article), *(actor_page_path(a) for a in ACTORS)]])  # fmt: skip
    file = files.get_file_from_path(page_path(article))
    matter = read_front_matter(article_page(article, Settings()))
    assert file is not None and matter is not None
    page = Page(None, file, config)
    page.meta, page.markdown = matter

    ours = article_html(page.markdown, functools.partial(link_url, files, file))
    page.render(config, files)
    assert page.content is not None
    return page.content, ours


def article(title: str, body: str, folder: Path) -> Article | None:
    path = folder / "a.json"
    path.write_text(json.dumps({"title": title, "text": body, "date": "2024-03-05", "author": title}))
    [found] = read_path(path, folder, "nl", 5_000_000)
    return assign_slugs([found])[0] if isinstance(found, Article) else None


def with_links(found: Article, picks: list[int]) -> Article:
    """Mentions of the test's actors at word spans of the text, as actor finding would give them."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+", found.body)]
    mentions = [
        Mention(ACTORS[n % len(ACTORS)], s, e, found.body[s:e], "test")
        for n, (s, e) in enumerate(spans[i % len(spans)] for i in picks)
    ] if spans else []  # fmt: skip
    return replace(found, mentions=tuple(sorted(mentions, key=lambda m: m.start)))


@settings(max_examples=150, deadline=None)
@given(title=TEXT, body=BODY, picks=st.lists(st.integers(0, 400), max_size=6))
def test_article_html_is_what_mkdocs_renders_or_nothing(title, body, picks):
    with tempfile.TemporaryDirectory() as name:
        found = article(title, body, Path(name))
        if found is None:
            return
        theirs, ours = mkdocs_and_ours(Path(name), with_links(found, picks))
    assert ours is None or ours == theirs


def test_ordinary_articles_take_the_fast_path_and_render_as_mkdocs_does(tmp_path):
    """Text with everything markup.body escapes (markup, entities, line starts, tabs) and links."""
    body = (
        "Rutte sprak in België met de NAVO over <script>alert(1)</script> & *sterren*.\n"
        "# geen kop, - geen lijst\n1. geen lijst\n\tingesprongen\n\n"
        "---\ntitle: geen front matter\n\n"
        "[geen link](javascript:x) `code` {: onclick=x } | a | b | \\ 50% \"citaat\" 'c' {{ x }} 🙂"
    )
    found = article("Rutte & de NAVO", body, tmp_path)
    assert found is not None
    theirs, ours = mkdocs_and_ours(tmp_path, with_links(found, [0, 3, 6]))
    assert ours is not None and ours == theirs
    assert theirs.count("<a href=") == 3 and "<script" not in theirs


def test_a_link_to_a_missing_page_is_left_to_mkdocs():
    markdown = "Zie [Rutte](../../actors/persons/onbekend/index.md)."
    assert article_html(markdown, lambda target: None) is None
    assert article_html("Gewone tekst.", lambda target: None) == "<p>Gewone tekst.</p>"


def test_an_exclamation_mark_before_a_mention_does_not_make_it_an_image():
    import markdown as python_markdown

    from build_archive.generate.markup import Link, body

    text = "Hoera!Rutte won."
    rendered = python_markdown.markdown(body(text, [Link(6, 11, "rutte.md")]))
    assert "<img" not in rendered and '&#33;<a href="rutte.md">Rutte</a>' in rendered
