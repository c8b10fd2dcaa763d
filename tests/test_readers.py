"""Each reader turns its format into the same Article model, and bad input into a reason."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest

from build_archive.model import Article, Skipped
from build_archive.read.readers import read_path


def read(tmp_path: Path, name: str, data: bytes | str) -> list[Article | Skipped]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return list(read_path(path, tmp_path, default_lang="nl", max_bytes=5_000_000))


DUTCH = (
    "De minister van Financiën heeft dinsdag in Den Haag gezegd dat het kabinet de belastingen niet "
    "zal verhogen. Volgens haar is er genoeg geld om de plannen te betalen."
)
ENGLISH = (
    "The mayor of Leeds said on Monday that the city council would not raise taxes this year. "
    "She added that the budget was balanced."
)


def test_txt_without_title_line_takes_the_first_sentence_as_title(tmp_path):
    [article] = read(tmp_path, "a.txt", DUTCH)
    assert article.title == (
        "De minister van Financiën heeft dinsdag in Den Haag gezegd dat het kabinet de belastingen…"
    )
    assert article.body == DUTCH
    assert article.lang == "nl"
    assert article.date is None
    assert article.source == "a.txt"
    assert len(article.content_hash) == 64


def test_txt_with_short_first_line_uses_it_as_title_and_drops_it_from_the_body(tmp_path):
    [article] = read(tmp_path, "sub/b.txt", "Kabinet verhoogt belastingen niet\n\n" + DUTCH)
    assert article.title == "Kabinet verhoogt belastingen niet"
    assert article.body == DUTCH
    assert article.source == "sub/b.txt"


def test_txt_leading_date_line_and_file_name_date(tmp_path):
    [dated] = read(tmp_path, "c.txt", "zaterdag 12 februari 2022\n" + ENGLISH)
    assert dated.date == dt.date(2022, 2, 12)
    assert "2022" not in dated.body
    assert dated.lang == "en"
    [named] = read(tmp_path, "2021-03-04-leeds.txt", ENGLISH)
    assert named.date == dt.date(2021, 3, 4)


def test_md_front_matter_gives_title_date_language_and_actor_corrections(tmp_path):
    text = (
        "---\ntitle: Een titel\ndate: 2020-05-17\nlang: en\nauthor: A. Schrijver\n"
        "persons: [Jan Jansen]\nnot_actors: Westen\n---\n" + ENGLISH
    )
    [article] = read(tmp_path, "d.md", text)
    assert (article.title, article.date, article.lang, article.author) == (
        "Een titel",
        dt.date(2020, 5, 17),
        "en",
        "A. Schrijver",
    )
    assert article.body == ENGLISH
    assert article.corrections == {"persons": ("Jan Jansen",), "not_actors": ("Westen",)}


def test_md_heading_line_is_the_title_when_front_matter_has_none(tmp_path):
    [article] = read(tmp_path, "e.md", "# Kop van het stuk\n\n" + DUTCH)
    assert article.title == "Kop van het stuk"
    assert article.body == DUTCH


def test_md_with_malformed_front_matter_is_skipped_with_the_reason(tmp_path):
    [skipped] = read(tmp_path, "f.md", "---\ntitle: [unclosed\n---\n" + DUTCH)
    assert isinstance(skipped, Skipped)
    assert skipped.source == "f.md"
    assert "malformed YAML" in skipped.reason


def test_json_object_and_list(tmp_path):
    one = {"title": "Eén", "text": DUTCH, "date": "2019-01-02", "url": "https://example.org/1"}
    [article] = read(tmp_path, "g.json", json.dumps(one))
    assert (article.title, article.date, article.source_url) == (
        "Eén",
        dt.date(2019, 1, 2),
        "https://example.org/1",
    )
    many = read(tmp_path, "h.json", json.dumps([one, {"title": "Twee", "body": ENGLISH}]))
    assert [a.source for a in many] == ["h.json#1", "h.json#2"]
    assert many[1].lang == "en"
    assert many[0].id != many[1].id


def test_jsonl_publishes_good_lines_and_reports_bad_ones_by_line(tmp_path):
    lines = [json.dumps({"title": "A", "text": DUTCH}), "{not json", json.dumps({"title": "B"}), ""]
    results = read(tmp_path, "feed.jsonl", "\n".join(lines))
    assert isinstance(results[0], Article) and results[0].source == "feed.jsonl#1"
    assert results[1] == Skipped("feed.jsonl#2", results[1].reason) and "invalid JSON" in results[1].reason
    assert results[2].source == "feed.jsonl#3" and "no 'text' or 'body'" in results[2].reason
    assert len(results) == 3


def test_encodings_bom_utf8_and_utf16_read_as_text(tmp_path):
    [utf8] = read(tmp_path, "bom8.txt", codecs.BOM_UTF8 + DUTCH.encode())
    [utf16] = read(tmp_path, "bom16.txt", DUTCH.encode("utf-16"))
    assert utf8.body == utf16.body == DUTCH


def test_legacy_8bit_encodings_are_detected():
    dutch = "Café in Zürich: één ruzie over geld, zei de woordvoerder van het ministerie. “Oké”, €5."
    [cp1252] = read(Path(tempfile.mkdtemp()), "win.txt", dutch.encode("cp1252"))
    assert cp1252.body == dutch
    [latin1] = read(
        Path(tempfile.mkdtemp()), "latin.txt", "Hij zei: één gesprek in Genève.".encode("latin-1")
    )
    assert latin1.body == "Hij zei: één gesprek in Genève."


def test_undecodable_binary_empty_and_unknown_files_are_skipped_with_reasons(tmp_path):
    [junk] = read(tmp_path, "bad.txt", bytes(range(128, 256)) * 4)
    assert isinstance(junk, Skipped) and "undecodable" in junk.reason
    [binary] = read(tmp_path, "img.txt", b"\x89PNG\x00\x00\x01")
    assert "binary" in binary.reason
    [empty] = read(tmp_path, "empty.txt", "  \n\n")
    assert "empty" in empty.reason
    [other] = read(tmp_path, "x.pdf", "%PDF")
    assert "unsupported file type" in other.reason


def test_oversized_article_is_skipped_naming_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(DUTCH * 10)
    [skipped] = read_path(path, tmp_path, default_lang="nl", max_bytes=100)
    assert "too large" in skipped.reason and "100" in skipped.reason


def test_links_are_followed_inside_the_source_folder_only_and_loops_stop(tmp_path):
    from build_archive.read.readers import article_files

    source = tmp_path / "articles"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "a.txt").write_text(DUTCH)
    outside = tmp_path / "geheim.txt"
    outside.write_text("Niet voor publicatie.")
    (source / "uit.txt").symlink_to(outside)
    (source / "binnen.txt").symlink_to(source / "sub" / "a.txt")
    (source / "sub" / "terug").symlink_to(source, target_is_directory=True)
    (source / "etc").symlink_to(tmp_path, target_is_directory=True)
    found = {(p.source, p.reason) if isinstance(p, Skipped) else p.rel for p in article_files(source)}
    assert "sub/a.txt" in found and "binnen.txt" in found
    assert ("uit.txt", "link to a file outside the source folder") in found
    assert ("etc", "link to a folder outside the source folder: not followed") in found
    assert ("sub/terug", "link loop: this folder is already read") in found
    assert len(found) == 5


def test_front_matter_that_cannot_be_used_is_named_and_the_rest_published(tmp_path):
    text = (
        "---\ntitle: [geen, tekst]\ndate: ergens in de zomer\nfoo: 1\npersons: {naam: x}\ncountries: Frankrijk\n---\n"
        + DUTCH
    )
    [article] = read(tmp_path, "a.md", text)
    assert isinstance(article, Article) and article.body == DUTCH
    assert article.title.startswith("De minister van Financiën")
    assert article.corrections == {"countries": ("Frankrijk",)}
    assert article.notes == (
        "unknown front matter key(s) foo: ignored",
        "title is not text: the title is derived from the body",
        "date 'ergens in de zomer' not understood: dated from the text or file name, if at all",
        "persons must be a name or a list of names: ignored",
    )
    [numbered] = read(tmp_path, "b.md", "---\ntitle: 2024\n---\n" + DUTCH)
    assert numbered.title == "2024" and numbered.notes == ()


def test_a_file_that_changes_or_disappears_while_the_archive_is_read(tmp_path):
    from build_archive.build import read_all
    from build_archive.settings import Settings

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(DUTCH)
    (articles / "b.txt").write_text(DUTCH.replace("dinsdag", "woensdag"))
    (articles / "c.txt").write_text(ENGLISH)
    reading = read_all(articles, Settings())  # lists the folder, then reads file by file
    [first] = next(reading).items
    (articles / "b.txt").unlink()
    (articles / "c.txt").write_text(ENGLISH.replace("Leeds", "York"))
    rest = [item for result in reading for item in result.items]
    assert isinstance(first, Article) and first.source == "a.txt"
    assert isinstance(rest[0], Skipped) and rest[0].source == "b.txt"
    assert "disappeared during the build" in rest[0].reason
    assert isinstance(rest[1], Article) and "York" in rest[1].body  # read as it is now, whole


@pytest.mark.slow
def test_a_jsonl_export_larger_than_the_limit_is_read_record_by_record(tmp_path):
    """The limit is per article: a 6 MB export of small records is read whole, and the one
    record over the limit is reported with its line while the rest is published."""
    records = [
        json.dumps({"title": f"Bericht {n}", "text": f"Bericht nummer {n}. {DUTCH}", "date": "2023-05-01"})
        for n in range(24_000)
    ]
    records[1234] = json.dumps({"title": "Te groot", "text": "woord " * 900_000})  # 5.4 MB
    records.insert(500, "")  # blank lines are no records
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    assert path.stat().st_size - 5_400_000 > 6_000_000
    results = list(read_path(path, tmp_path, default_lang="nl", max_bytes=5_000_000))
    articles = [r for r in results if isinstance(r, Article)]
    [skipped] = [r for r in results if isinstance(r, Skipped)]
    assert len(articles) == 23_999 and len(results) == 24_000
    assert skipped.source == "export.jsonl#1236"  # the line, counting the blank one
    assert "line 1236" in skipped.reason and "too large" in skipped.reason and "5,000,000" in skipped.reason
    assert articles[0].source == "export.jsonl#1" and articles[-1].title == "Bericht 23999"
    assert articles[-1].date == dt.date(2023, 5, 1)


def test_a_json_list_is_streamed_with_the_limit_per_record(tmp_path):
    items = [{"title": f"Stuk {n}", "body": f"Stuk {n}. {DUTCH}"} for n in range(300)]
    items[7] = {"title": "Groot", "body": "tekst " * 2000}
    lines = json.dumps(items, indent=1, ensure_ascii=False)
    path = tmp_path / "lijst.json"
    path.write_text(lines, encoding="utf-8")
    results = list(read_path(path, tmp_path, default_lang="nl", max_bytes=5_000))
    assert len(results) == 300 and sum(isinstance(r, Article) for r in results) == 299
    big = results[7]
    line = [n for n, text in enumerate(lines.splitlines(), start=1) if text == " {"][7]  # the 8th "{"
    assert isinstance(big, Skipped) and big.source == "lijst.json#8"
    assert f"record 8 (line {line})" in big.reason and "too large" in big.reason
    # a list cut off: the records before the break are published, the break is named
    (tmp_path / "kapot.json").write_text(lines[: len(lines) // 2], encoding="utf-8")
    cut = list(read_path(tmp_path / "kapot.json", tmp_path, default_lang="nl", max_bytes=5_000))
    assert isinstance(cut[-1], Skipped) and cut[-1].source == "kapot.json"
    assert "the file ends inside record" in cut[-1].reason
    assert sum(isinstance(r, Article) for r in cut) == len(cut) - 2 > 100  # the big one, the break
    [empty] = read(tmp_path, "leeg.jsonl", "\n\n")
    assert isinstance(empty, Skipped) and "empty" in empty.reason


NEWS_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>Kabinet akkoord over begroting | Het Dagblad</title>
<link rel="canonical" href="https://dagblad.example/nieuws/2023/kabinet-akkoord">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Kabinet akkoord over begroting", "datePublished": "2023-03-14T09:30:00+01:00",
 "author": {"@type": "Person", "name": "Anna de Vries"}}</script>
<style>body { color: red }</style>
<script>var tracking = "TRACKING_SCRIPT";</script>
</head><body>
<div id="cookie-banner" class="cookie-consent">Wij gebruiken cookies. <button>Accepteer alle cookies</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/economie">Economie</a></li></ul></nav></header>
<main><article>
<h1>Kabinet akkoord over begroting</h1>
<p class="byline">Door Anna de Vries</p>
<p>Het kabinet heeft dinsdag in Den Haag een akkoord bereikt over de begroting voor volgend jaar.
Minister van Financiën Eelco Heinen sprak van een <b>evenwichtig</b> pakket.</p>
<p>Volgens de minister gaan de belastingen voor middeninkomens omlaag, terwijl de uitgaven aan
defensie stijgen. De oppositie noemde het plan &lt;script&gt; onvoldoende.</p>
<p>De Tweede Kamer debatteert volgende week over de plannen. Een meerderheid lijkt zeker.</p>
</article>
<section id="comments" class="comments"><h3>Reacties</h3>
<div class="comment"><p>Reactie van Piet: wat een ONZIN_REACTIE dit allemaal, zeg ik u.</p></div></section>
</main>
<footer><p>© Het Dagblad 2023 · Privacy · Contact</p></footer>
<script>document.write("LATE_SCRIPT")</script>
</body></html>"""


def test_an_html_news_page_gives_its_article_and_nothing_of_the_rest(tmp_path):
    [article] = read(tmp_path, "pagina.html", NEWS_PAGE)
    assert article.title == "Kabinet akkoord over begroting"
    assert article.date == dt.date(2023, 3, 14)  # JSON-LD's datePublished
    assert article.author == "Anna de Vries"
    assert article.source_url == "https://dagblad.example/nieuws/2023/kabinet-akkoord"  # canonical
    assert article.lang == "nl" and article.source == "pagina.html"
    assert article.body.startswith("Het kabinet heeft dinsdag in Den Haag een akkoord bereikt")
    assert "evenwichtig pakket" in article.body and "Een meerderheid lijkt zeker." in article.body
    assert "<script> onvoldoende" in article.body  # an escaped tag in the text stays text
    for rest in ("cookies", "Accepteer", "Home", "Sport", "Reacties", "ONZIN_REACTIE", "TRACKING_SCRIPT",
                 "LATE_SCRIPT", "color", "Privacy", "©", "<b>", "</p>", "Door Anna"):  # fmt: skip
        assert rest not in article.body, rest
    assert len(article.body.split("\n\n")) == 3  # the paragraphs


def test_an_html_page_without_main_text_falls_back_to_its_title_and_body(tmp_path):
    page = (
        "<html><head><title>Korte  melding</title><style>p{color:red}</style></head><body>"
        "<p>Brand in Utrecht geblust.</p><script>alert('x')</script><!-- commentaar --></body></html>"
    )
    [article] = read(tmp_path, "kort.htm", page.encode("cp1252"))
    assert article.title == "Korte melding" and article.body == "Brand in Utrecht geblust."
    [empty] = read(tmp_path, "leeg.html", "<html><head><script>x()</script></head><body> </body></html>")
    assert isinstance(empty, Skipped) and "empty" in empty.reason


def write_warc(path: Path, pages: list[tuple[str, str, str, bytes, dict[str, str]]]) -> None:
    """A web archive as a crawler writes it (warcio's writer): a warcinfo record, then for each
    (uri, status line, content type, payload, extra HTTP headers) a request and a response."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, status, kind, payload, extra in pages:
            request = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", kind), *extra.items()], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-02-29T12:00:00Z"},
            )  # fmt: skip
            writer.write_record(record)


def crawl(folder: Path, name: str = "crawl.warc.gz") -> Path:
    undated = (
        "<html lang='en'><head><title>Harbour strike ends</title></head><body><nav>Home | World</nav>"
        "<article><h1>Harbour strike ends</h1><p>" + ENGLISH + " " + ENGLISH.replace("Leeds", "York")
        + "</p><p>The dock workers of Rotterdam went back to work on Thursday after a deal.</p></article>"
        "<script>steal()</script></body></html>"
    )  # fmt: skip
    path = folder / name
    write_warc(
        path,
        [
            ("https://dagblad.example/kabinet", "200 OK", "text/html; charset=utf-8", NEWS_PAGE.encode(), {}),
            ("https://news.example/strike", "200 OK", "text/html", undated.encode(), {}),
            ("https://dagblad.example/begroting.pdf", "200 OK", "application/pdf", b"%PDF-1.4 binary", {}),
            (
                "https://dagblad.example/oud",
                "301 Moved Permanently",
                "text/html",
                b"<a>moved</a>",
                {"Location": "https://dagblad.example/kabinet"},
            ),  # fmt: skip
            ("https://dagblad.example/kabinet", "200 OK", "text/html", NEWS_PAGE.encode(), {}),
        ],
    )
    return path


def test_a_web_archive_publishes_its_html_pages_and_reports_the_other_records(tmp_path):
    results = list(read_path(crawl(tmp_path), tmp_path, default_lang="nl", max_bytes=5_000_000))
    kabinet, strike, pdf, redirect, again = results  # one per captured page, in the file's order
    assert kabinet.title == "Kabinet akkoord over begroting" and kabinet.source == "crawl.warc.gz#3"
    assert kabinet.source_url == "https://dagblad.example/kabinet"  # the target URI
    assert kabinet.date == dt.date(2023, 3, 14) and kabinet.author == "Anna de Vries"  # the page's own
    assert "cookies" not in kabinet.body and "ONZIN_REACTIE" not in kabinet.body
    assert strike.title == "Harbour strike ends" and strike.lang == "en"
    assert strike.date == dt.date(2024, 2, 29)  # the page gives none: the capture date
    assert strike.source_url == "https://news.example/strike" and "steal" not in strike.body
    assert "Home" not in strike.body and "Rotterdam" in strike.body
    assert pdf == Skipped(
        "crawl.warc.gz#7", "record 7 (https://dagblad.example/begroting.pdf): not HTML (application/pdf)"
    )
    assert redirect.source == "crawl.warc.gz#9"
    assert "HTTP status 301, not 200 (a redirect to https://dagblad.example/kabinet)" in redirect.reason
    assert again.source == "crawl.warc.gz#11" and "duplicate: the same URI as record 3" in again.reason
    # not gzipped, the same; a file that is no web archive is reported as such
    plain = list(read_path(crawl(tmp_path, "crawl.warc"), tmp_path, default_lang="nl", max_bytes=5_000_000))
    assert [type(r) for r in plain] == [type(r) for r in results]
    [broken] = read(tmp_path, "kapot.warc", b"this is not a web archive\n" * 10)
    assert isinstance(broken, Skipped) and "web archive" in broken.reason


def test_articles_at_an_fsspec_url_are_listed_keyed_and_read_as_the_same_local_folder(tmp_path):
    """Where the articles live is no part of what is read: a folder in fsspec's memory file
    system gives the local folder's articles and skipped files, in the same order; an unchanged
    file keeps its cache key and a changed one gets another."""
    fsspec = pytest.importorskip("fsspec")  # the `dask` extra's
    from build_archive.build import read_archive
    from build_archive.read.readers import article_files
    from build_archive.settings import Settings

    files = {
        "z.txt": DUTCH,
        "a/b.txt": ENGLISH,
        "a/export.jsonl": json.dumps({"title": "Een", "text": DUTCH.replace("dinsdag", "woensdag")})
        + "\n{kapot\n",
        "a/.verborgen.txt": DUTCH,
        "plaatje.png": "geen tekst",
    }
    memory = fsspec.filesystem("memory")
    url = f"memory://{tmp_path.name}/articles"
    for rel, text in files.items():
        (tmp_path / "articles" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "articles" / rel).write_text(text)
        memory.pipe(f"/{tmp_path.name}/articles/{rel}", text.encode())

    local, _ = read_archive(tmp_path / "articles", Settings())
    remote, _ = read_archive(url, Settings())
    assert remote.published == local.published and len(local.published) == 3
    assert remote.skipped == local.skipped and len(local.skipped) == 3
    assert [f.rel for f in article_files(url)] == [f.rel for f in article_files(tmp_path / "articles")]

    before = {f.rel: f.key for f in article_files(url)}
    memory.pipe(f"/{tmp_path.name}/articles/z.txt", (DUTCH + " Nog een zin.").encode())
    after = {f.rel: f.key for f in article_files(url)}
    assert {rel for rel in after if after[rel] != before[rel]} == {"z.txt"}
