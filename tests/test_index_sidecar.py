"""The search index's sidecar (build/index/signatures.pickle): what the signatures of the last
commit were made of, so that an update of one article reads neither every document's
stored fields nor hashes every article again. Trusted only for the very commit it was saved for;
any other sidecar costs time, never a wrong index."""

from __future__ import annotations

import json
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import archive, index_state, write_articles
from whoosh import index

from build_archive.actors.resolve import ActorStats
from build_archive.model import Actor, Article
from build_archive.search.signatures import SIDECAR, commit_tag, read_signed, signature, signatures


def build(root: Path) -> dict:
    archive("build", cwd=root)
    return json.loads((root / "build" / "report.json").read_text())["index"]


def documents(root: Path) -> int:
    return index.open_dir(str(root / "build" / "index")).doc_count()


def current_tag(root: Path) -> str | None:
    ix = index.open_dir(str(root / "build" / "index"))
    return commit_tag(root / "build" / "index", ix.indexname, ix.latest_generation())


def clean_build_of(root: Path, tmp_path: Path) -> dict[str, str]:
    clean = tmp_path / "clean"
    shutil.copytree(root / "site_src", clean / "site_src")
    archive("build", cwd=clean)
    return index_state(clean)


@pytest.mark.e2e
def test_a_sidecar_of_an_earlier_commit_is_ignored_and_the_update_is_still_right(tmp_path):
    root = tmp_path / "archive"
    articles = root / "site_src" / "articles"
    write_articles(articles, range(60))
    build(root)
    sidecar = root / "build" / "index" / SIDECAR
    earlier = sidecar.read_bytes()
    write_articles(articles, range(60, 63))
    write_articles(articles, range(2), edition=" (bijgewerkt)")
    assert build(root) == {"added": 3, "updated": 2, "deleted": 0, "unchanged": 58}
    # As a build killed between its commit and its sidecar leaves it: trusted, it would add the
    # three new articles a second time.
    sidecar.write_bytes(earlier)
    assert build(root) == {"added": 0, "updated": 0, "deleted": 0, "unchanged": 63}
    assert documents(root) == 63
    assert index_state(root) == clean_build_of(root, tmp_path)
    assert read_signed(root / "build" / "index", current_tag(root)) is not None  # saved again


@pytest.mark.e2e
def test_the_sidecar_of_the_current_commit_is_what_the_update_compares_with(tmp_path):
    root = tmp_path / "archive"
    write_articles(root / "site_src" / "articles", range(40))
    build(root)
    sidecar = root / "build" / "index" / SIDECAR
    (fmt, tag), signed = pickle.loads(sidecar.read_bytes())
    assert tag == current_tag(root) and len(signed.docs) == 40
    first = sorted(signed.docs)[0]
    # A signature the index never had, for a text it never had: trusted, the sidecar says this
    # document differs from the article, which is indexed again.
    signed.docs[first] = signed.docs[first]._replace(
        content_hash="0" * 64, signature="a signature the index never had"
    )
    sidecar.write_bytes(pickle.dumps(((fmt, tag), signed)))
    assert build(root) == {"added": 0, "updated": 1, "deleted": 0, "unchanged": 39}
    assert documents(root) == 40
    assert index_state(root) == clean_build_of(root, tmp_path)


@pytest.mark.e2e
def test_a_damaged_sidecar_is_ignored_and_replaced(tmp_path):
    root = tmp_path / "archive"
    write_articles(root / "site_src" / "articles", range(30))
    build(root)
    sidecar = root / "build" / "index" / SIDECAR
    sidecar.write_bytes(b"\x80\x05 half a file")
    files = {p.name for p in (root / "build" / "index").iterdir()}
    assert build(root) == {"added": 0, "updated": 0, "deleted": 0, "unchanged": 30}
    assert {p.name for p in (root / "build" / "index").iterdir()} == files  # no commit, no leftovers
    assert read_signed(root / "build" / "index", current_tag(root)) is not None
    write_articles(root / "site_src" / "articles", range(30, 31))
    assert build(root) == {"added": 1, "updated": 0, "deleted": 0, "unchanged": 30}
    assert index_state(root) == clean_build_of(root, tmp_path)


def stats(actor_id: str, name: str, names: tuple[str, ...]) -> ActorStats:
    return ActorStats(Actor(actor_id, actor_id.split(":")[0], name), names=names)


def test_signatures_reused_from_the_last_build_are_those_computed_afresh():
    actors = {
        "person:mark-rutte": stats("person:mark-rutte", "Mark Rutte", ("Mark Rutte", "Rutte")),
        "country:de": stats("country:de", "Duitsland", ("Duitsland", "Germany", "Allemagne")),
        "country:fr": stats("country:fr", "Frankrijk", ("Frankrijk", "Fránce")),
    }
    articles = [
        Article(
            id=f"a{n}",
            title=f"Bericht {n}",
            body="…",
            source=f"{n}.txt",
            content_hash=f"{n:064x}",
            lang="nl",
            slug=f"bericht-{n}",
            actors=("person:mark-rutte", "country:de", "person:unknown")[: n % 4],
        )
        for n in range(12)
    ]
    first = signatures(articles, actors)
    assert {a: doc.signature for a, doc in first.docs.items()} == {
        a.id: signature(a, actors) for a in articles
    }

    renamed = dict(actors, **{"country:de": stats("country:de", "Duitsland", ("Duitsland", "Deutschland"))})
    changed = [
        replace(articles[0], content_hash="f" * 64),
        replace(articles[1], slug="ander-bericht"),
        replace(articles[2], actors=("country:fr",)),
        *articles[3:],
        replace(articles[5], id="new"),
    ]
    again = signatures(changed, renamed, first)
    assert {a: doc.signature for a, doc in again.docs.items()} == {
        a.id: signature(a, renamed) for a in changed
    }
    assert signatures(changed, renamed, again) == again
