"""Property: whatever the title and text, the page is valid YAML and Markdown, the text
survives, and no markup from the article reaches the HTML."""

from __future__ import annotations

import html
import json
import re
import tempfile
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from build_archive.generate.article_pages import article_page
from build_archive.generate.front_matter import read_front_matter, with_front_matter
from build_archive.model import Article
from build_archive.read.readers import read_path
from build_archive.urls import assign_slugs

HOSTILE = st.sampled_from(
    ["<script>alert(1)</script>", "---", "```", "# kop", "{{ x }}", "{% y %}", "{: onclick=x }", "<!-- c -->",
     "\u202eRTL", "🙂", "* item", "1. item", "> quote", "[a](javascript:x)", "&amp;", "\\", "|a|b|", "===", "  "]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(min_size=1, max_size=30), HOSTILE), min_size=1, max_size=12).map(" ".join)
BODY = st.lists(TEXT, min_size=1, max_size=4).map("\n\n".join)


def words(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, body=BODY)
def test_any_title_and_text_give_valid_front_matter_and_safe_html(title, body):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.json"
        path.write_text(json.dumps({"title": title, "text": body}), encoding="utf-8")
        [result] = read_path(path, Path(folder), "nl", 5_000_000)
    if not isinstance(result, Article):
        assert result.reason  # empty text: reported, not lost
        return
    [article] = assign_slugs([result])
    page = article_page(article, settings_())
    content, meta = get_data(page)  # MkDocs' own front matter reader
    assert yaml.safe_load(page.split("\n---\n", 1)[0].removeprefix("---\n")) == meta
    # The plugin reads the build's pages as JSON instead: the same values, the same Markdown.
    assert read_front_matter(page) == (meta, content)
    assert html.unescape(meta["title"]) == article.title
    rendered = markdown.markdown(content, extensions=["toc", "tables", "attr_list", "md_in_html"])
    assert "<script" not in rendered.lower()
    assert not re.search(r"<(?!/?(p|a)\b)[a-z]", rendered), rendered  # no element but paragraphs
    visible = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    assert words(visible) == words(" ".join(line.strip() for line in article.body.splitlines()))


# The build's keys, and others that YAML 1.1 reads as text (not "on", "no", "null"...).
KEYS = st.sampled_from(["id", "title", "date", "lang", "tags", "actor_links"]) | st.from_regex(
    r"k_[a-z0-9_]{0,8}", fullmatch=True
)


@settings(max_examples=200, deadline=None)
@given(meta=st.dictionaries(min_size=1, keys=KEYS, values=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)), body=BODY)  # fmt: skip
def test_front_matter_read_as_json_is_what_yaml_reads(meta, body):
    page = with_front_matter(meta, body)
    content, expected = get_data(page)
    assert read_front_matter(page) == (expected, content)


def test_hand_written_front_matter_is_left_to_mkdocs():
    assert read_front_matter("---\ntitle: Over dit archief\n---\n\n# Over\n") is None
    assert read_front_matter("---\ntags:\n  - a\n---\n\ntekst\n") is None
    assert read_front_matter("# Geen front matter\n") is None


def settings_():
    from build_archive.settings import Settings

    return Settings()


SPACED = st.lists(
    st.one_of(st.text(max_size=40), st.sampled_from([" ", "\n\n", "\t ", "   \n"])), max_size=80
)


@settings(max_examples=300, deadline=None)
@given(parts=SPACED)
def test_a_feed_made_from_the_start_of_a_body_that_a_worker_keeps_has_the_whole_bodys_summary(parts):
    from build_archive.generate.feeds import _summary, summary_source

    body = "".join(parts)
    kept = summary_source(body)
    assert body.startswith(kept)
    assert _summary.__wrapped__(kept) == _summary.__wrapped__(body)


WORDISH = st.text(alphabet="ab_é1-.' İıß²٣\n", max_size=14)


@settings(max_examples=1000, deadline=None)
@given(text=WORDISH, word=WORDISH.filter(lambda w: len(w) <= 4))
def test_a_word_is_found_whole_exactly_where_the_word_boundary_pattern_finds_it(text, word):
    from build_archive.folding import occurs_as_word

    assert occurs_as_word(text, word) == (re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None)


def test_a_name_is_written_in_lower_case_only_as_a_word_of_its_own():
    from build_archive.folding import occurs_as_word

    assert occurs_as_word("Ford sold more; a ford crosses the river.", "ford")
    assert not occurs_as_word("Ford bought Fordham and the fords_2 site.", "ford")
    assert occurs_as_word("near the old-ford", "ford")
