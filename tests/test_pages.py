"""Page paths, slugs, front matter and safe Markdown."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace

import markdown
import yaml

from build_archive.generate import markup
from build_archive.generate.article_pages import article_page
from build_archive.generate.front_matter import front_matter, pagefind_filter
from build_archive.generate.home import home_page
from build_archive.generate.listings import index_pages, newest_first
from build_archive.model import Article, Mention
from build_archive.settings import Settings
from build_archive.urls import assign_slugs, page_path


def article(source: str, title: str, date: dt.date | None = None, body: str = "Tekst.") -> Article:
    return Article(
        id=source.replace("/", "")[:12].ljust(12, "0"),
        title=title,
        body=body,
        source=source,
        content_hash="0" * 64,
        lang="nl",
        date=date,
    )


def split(page: str) -> tuple[dict, str]:
    _, meta, content = page.split("---\n", 2)
    return yaml.safe_load(meta), content


def test_pages_go_under_year_and_month_or_undated():
    dated, undated = assign_slugs(
        [article("a.txt", "Storm in Zeeland", dt.date(2021, 3, 4)), article("b.txt", "Zon")]
    )
    assert page_path(dated) == "articles/2021/03/storm-in-zeeland.md"
    assert page_path(undated) == "articles/undated/zon.md"


def test_same_title_gives_distinct_paths_that_stay_put_when_more_arrive():
    first = assign_slugs([article("a.txt", "Kabinet valt"), article("b.txt", "Kabinet valt")])
    paths = {a.source: page_path(a) for a in first}
    assert len(set(paths.values())) == 2
    assert paths["a.txt"] == "articles/undated/kabinet-valt.md"
    again = assign_slugs(
        [article("c.txt", "Kabinet valt"), article("b.txt", "Kabinet valt"), article("a.txt", "Kabinet valt")]
    )
    assert {a.source: page_path(a) for a in again if a.source != "c.txt"} == paths
    assert len({page_path(a) for a in again}) == 3


def test_reserved_and_empty_slugs_fall_back_safely():
    [index] = assign_slugs([article("i.txt", "Index")])
    [symbols] = assign_slugs([article("s.txt", "!!! ???")])
    assert index.slug.startswith("index-")
    assert symbols.slug == symbols.id


ACTORS = {
    "persons": [{"id": "person:jan-jansen", "name": "Jan Jansen", "mentions": []}],
    "countries": [{"id": "country:ua", "name": "Oekraïne", "mentions": []}],
}


def test_front_matter_round_trips_through_yaml_with_hostile_titles():
    hostile = [
        'Zij zei: "ja" -- #1 & <b>',
        "key: value\n---\n- list",
        "ñ 中文 🙂 'quote'",
        "null",
        "2021-01-01",
    ]
    for title in hostile:
        [a] = assign_slugs([article("t.txt", title, dt.date(2021, 1, 1))])
        meta, _ = split(article_page(a, Settings(), ACTORS))
        assert meta == front_matter(a, ACTORS)
        assert html.unescape(meta["title"]) == " ".join(title.split())
        assert meta["date"] == "2021-01-01"
        assert meta["persons"] == ["Jan Jansen"] and meta["countries"] == ["Oekraïne"]
        assert meta["tags"] == ["Jan Jansen", "Oekraïne"]
        assert meta["organisations"] == [] and meta["places"] == []
        assert meta["actor_links"] == [
            {"name": "Jan Jansen", "type": "person", "url": "actors/persons/jan-jansen/",
             "filter": pagefind_filter("person", "Jan Jansen")},
            {"name": "Oekraïne", "type": "country", "url": "actors/countries/ua/", "filter": "country"},
        ]  # fmt: skip


def test_first_mention_of_each_actor_links_to_its_page_and_the_rest_stays_text():
    body = "Poetin belde. Daarna zei Poetin [niets] tegen *Macron*."
    mentions = (
        Mention("person:vladimir-putin", 0, 6, "Poetin", "list:person"),
        Mention("person:vladimir-putin", 25, 31, "Poetin", "list:person"),
        Mention(
            "person:emmanuel-macron", body.index("Macron"), body.index("Macron") + 6, "Macron", "list:person"
        ),
    )
    [a] = assign_slugs([replace(article("p.txt", "Titel", body=body), mentions=mentions)])
    _, content = split(article_page(a, Settings()))
    rendered = markdown.markdown(content)
    assert rendered.count("<a ") == 2
    assert '<a href="../../actors/persons/vladimir-putin/index.md">Poetin</a> belde' in rendered
    assert '<a href="../../actors/persons/emmanuel-macron/index.md">Macron</a>' in rendered
    assert "zei Poetin [niets] tegen *" in html.unescape(rendered)


HOSTILE = """<script>alert(1)</script> en <!-- commentaar -->
# geen kop
---
```
{{ jinja }} {% tag %} {: onclick="x()" }
1. geen lijst
    ingesprongen
[link](javascript:x) *nadruk* _ook_ `code` | a | b |
===
> geen citaat"""


def test_hostile_body_renders_as_its_own_text():
    rendered = markdown.markdown(
        markup.body(HOSTILE), extensions=["tables", "attr_list", "md_in_html", "def_list"]
    )
    assert "<script" not in rendered and "<h1" not in rendered and "<ol" not in rendered
    assert (
        "<code" not in rendered and "<pre" not in rendered and "<em" not in rendered and "<a " not in rendered
    )
    assert "<table" not in rendered and "<blockquote" not in rendered and "<hr" not in rendered
    assert not re.search(r"<[^>]*onclick", rendered)
    text = html.unescape(rendered.replace("<p>", "").replace("</p>", ""))
    for line in HOSTILE.splitlines():
        assert line.strip() in text


def test_home_page_lists_latest_first_and_month_pages_list_their_articles():
    articles = newest_first(
        assign_slugs(
            [
                article("a.txt", "Oud", dt.date(2020, 1, 5)),
                article("b.txt", "Nieuw", dt.date(2022, 2, 12)),
                article("c.txt", "Zonder datum"),
            ]
        )
    )
    home = home_page(articles, {}, Settings())
    assert home.index(">Nieuw<") < home.index(">Oud<") < home.index(">Zonder datum<")
    assert "3 artikelen" in home and "export/articles.jsonl" in home
    pages = index_pages(articles, Settings())
    assert "[februari 2022](2022/02/index.md) (1)" in pages["articles/index.md"]
    assert set(pages) == {
        "articles/index.md",
        "articles/2022/02/index.md",
        "articles/2020/01/index.md",
        "articles/undated/index.md",
    }
    assert "Nieuw" in pages["articles/2022/02/index.md"] and "Oud" not in pages["articles/2022/02/index.md"]


def test_generated_blocks_pass_through_markdown_as_they_would_without_the_extension():
    from build_archive.generate.passthrough import block

    generated = block(
        "list", '<ul>\n<li><a href="x/">A &amp; B</a> (2)</li>\n\n<li>*niet cursief*</li>\n</ul>'
    )
    page = f"# Kop\n\n{generated}\n\nTekst *na* het blok.\n"
    fast = markdown.markdown(page, extensions=["build_archive.generate.passthrough", "toc"])
    plain = markdown.markdown(page, extensions=["toc"])
    assert re.sub(r"\n+", "\n", fast) == re.sub(r"\n+", "\n", plain)
    assert generated in fast  # untouched: the blank line and the asterisks inside stay as written
    assert "<em>na</em>" in fast  # Markdown around it still works


def test_article_text_cannot_forge_a_generated_block():
    forged = '<div class="archive-list" markdown="0" data-archive><script>alert(1)</script></div>'
    page = article_page(article("f.txt", "Vervalst", body=f"Begin.\n\n{forged}\n\nEinde."), Settings())
    rendered = markdown.markdown(page.split("---\n", 2)[2], extensions=["build_archive.generate.passthrough"])
    assert "<script" not in rendered and "<div" not in rendered
    assert "&#60;script&#62;alert(1)" in rendered  # shown as the characters it is


def _actors(count: int) -> dict:
    from build_archive.actors.resolve import ActorStats
    from build_archive.model import Actor

    names = [
        'Émile "Zola"',
        "ß Straße",
        "Jan de Vries",
        "'t Hooft",
        "Ørsted, A/S",
        "12 Apostelen",
        "Zoë\nNieuw",
    ]
    actors = {}
    for n in range(count):
        name = f"{names[n % len(names)]} {n}"
        actor = Actor(
            f"person:p{n}", "person", name, aliases=(name.upper(),), country="country:nl" if n % 2 else None
        )
        actors[actor.id] = ActorStats(actor, articles=[f"a{i}" for i in range(n % 5 + 1)], mentions=n)
    return actors


def test_the_actor_exports_are_their_keyed_pieces_joined():
    import csv
    import io
    import json

    from build_archive.generate import export

    for count in (0, 1, 9):
        actors = _actors(count)
        by_id = sorted(actors.values(), key=lambda s: s.actor.id)
        records = [
            {"id": s.actor.id, "type": s.actor.type, "name": s.actor.name, "aliases": list(s.actor.aliases),
             "country": s.actor.country, "articles": len(s.articles), "mentions": s.mentions}
            for s in by_id
        ]  # fmt: skip
        whole = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        pieces = "".join(export.actors_json_piece(s, n == 0) for n, s in enumerate(by_id))
        joined = (
            export.ACTORS_JSON_START + pieces + export.ACTORS_JSON_END if by_id else export.ACTORS_JSON_EMPTY
        )
        assert joined == whole == export.actors_json(actors)
        assert json.loads(joined) == records
        rows = export.actors_csv_header() + "".join(export.actors_csv_row(s) for s in by_id)
        assert rows == export.actors_csv(actors)
        assert len(list(csv.reader(io.StringIO(rows)))) == count + 1


def test_an_actor_index_page_is_made_again_only_when_its_actors_change():
    from dataclasses import replace as changed

    from build_archive.generate.actor_pages import index_pages

    actors = _actors(700)  # past one page: a page per letter
    before = {page.path: page for page in index_pages("person", list(actors.values()), Settings())}
    one = actors["person:p3"]  # "'t Hooft 3"
    actors[one.actor.id] = changed(one, articles=[*one.articles, "new"])
    after = {page.path: page for page in index_pages("person", list(actors.values()), Settings())}
    assert before.keys() == after.keys()
    remade = sorted(path for path in after if after[path].inputs != before[path].inputs)
    assert remade == ["actors/persons/by-count.md", "actors/persons/letter-t.md"]
    assert all(after[p].make() == before[p].make() for p in after if p not in remade)
    assert all(after[p].make() != before[p].make() for p in remade)
    assert "[T](letter-t.md)" in after["actors/persons/index.md"].make()
