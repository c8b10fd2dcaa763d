"""The archive-wide resolution kept from the last build and redone for what changed gives what a
fresh resolution gives: the same articles, mentions, actors (in the same order) and names held
apart, after articles are added, edited and removed; and the pages' plan made from the last
build's keys gives the fresh plan's keys and groups."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import archive, docs_state

from build_archive import urls
from build_archive.actors import incremental
from build_archive.actors.find import find_actors
from build_archive.actors.lexicon import Lexicon, load_lexicon
from build_archive.actors.register import Register
from build_archive.actors.resolve import NAME_LAYER, SURNAME_LAYER, VARIANT_LAYER
from build_archive.build import Kept, Plan, PlanKeys, group_name, placed, plan
from build_archive.model import Article
from build_archive.settings import Settings

REGISTER = Register()


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon("nl", REGISTER)


def analysed(name: str, date: str, lang: str, text: str, lexicon: Lexicon, title: str = "") -> Article:
    content = f"{date}\0{lang}\0{title}\0{text}"
    article = Article(
        id=name,
        title=title or name,
        body=text,
        source=f"{name}.txt",
        content_hash=hashlib.sha256(content.encode()).hexdigest(),
        lang=lang,
        date=dt.date.fromisoformat(date),
    )
    return find_actors(article, lexicon, REGISTER)


class Archive:
    """Analysed articles by name, resolved as a build would: kept from the last time, and fresh."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.articles: dict[str, Article] = {}
        self.state: incremental.ResolutionState | None = None
        self.previous: dict[str, Article] = {}
        self.keys: PlanKeys | None = None  # the last plan's, kept with the state in a build

    def put(self, name: str, date: str, lang: str, text: str, title: str = "") -> None:
        self.articles[name] = analysed(name, date, lang, text, self.lexicon, title)

    def resolve(self) -> incremental.Resolution:
        """The resolution from the last one's state, checked against a fresh one."""
        ordered = urls.assign_slugs(sorted(self.articles.values(), key=lambda a: a.source))
        previous = {a.source: ((0, 0, 0), (a,)) for a in self.previous.values()}
        state = (
            pickle.loads(pickle.dumps(self.state)) if self.state is not None else None
        )  # as a build keeps it
        kept, self.state = incremental.resolve(ordered, self.lexicon, REGISTER, state, previous)
        fresh, _ = incremental.resolve(ordered, self.lexicon, REGISTER)
        assert kept.articles == fresh.articles
        assert kept.ambiguous == fresh.ambiguous
        assert list(kept.actors.items()) == list(fresh.actors.items())
        self.previous = dict(self.articles)
        self.same_plan(kept, fresh)
        return kept

    def same_plan(self, kept: incremental.Resolution, fresh: incremental.Resolution) -> None:
        """The plan made from the last plan's keys and what the resolution redid is the fresh one."""
        settings = Settings()
        last = Kept(self.keys, kept.changed) if self.keys is not None and kept.changed is not None else None
        made = plan(kept.articles, kept.actors, self.lexicon, settings, last)
        anew = plan(fresh.articles, fresh.actors, self.lexicon, settings)
        assert made.keys == anew.keys and made.facts == anew.facts
        assert [placed(made.shared, group) for group in made.groups] == anew.groups
        assert made.kept == anew.kept
        if last is not None:
            self.same_when_carried(last, kept, anew)
        self.keys = pickle.loads(pickle.dumps(made.kept))

    def same_when_carried(self, last: Kept, kept: incremental.Resolution, anew: Plan) -> None:
        """A plan whose last keys are those of the published generation leaves out what they
        keep: exactly the pages and groups that a fresh plan makes with the very keys the last
        one gave them, and nothing else."""
        last.keys.generation = "g1"
        made = plan(kept.articles, kept.actors, self.lexicon, Settings(), last, "g1")
        assert made.carried is not None
        paths = {urls.page_path(a): a.id for a in kept.articles}
        given = [urls.page_path(a) for a in made.pages]
        assert sorted(given + made.carried.paths) == sorted(paths)
        assert all(anew.keys[paths[p]] == last.keys.articles[paths[p]].key for p in made.carried.paths)
        fresh = {group_name(g): g for g in anew.groups}
        groups = [group_name(g) for g in made.groups]
        assert sorted(groups + made.carried.groups) == sorted(fresh)
        for name in made.carried.groups:
            before = last.keys.actors[fresh[name].name]
            assert (fresh[name].key, fresh[name].paths) == (before.key, before.paths)
        assert plan(kept.articles, kept.actors, self.lexicon, Settings(), last, "g2").carried is None

    def persons(self, resolution: incremental.Resolution, name: str) -> list[tuple[str, str, str]]:
        article = next(a for a in resolution.articles if a.id == name)
        return [(m.actor_id, m.text, m.layer) for m in article.mentions if m.actor_id.startswith("person:")]


def test_a_kept_resolution_joins_and_holds_apart_surnames_as_a_fresh_one_does(lexicon):
    archive_ = Archive(lexicon)
    archive_.put("bare", "2023-03-01", "nl", "Gisteren zei Jansen dat het plan rond is.")
    archive_.put("other", "2023-03-02", "nl", "De begroting van Utrecht is rond, zei de wethouder.")
    first = archive_.resolve()
    assert not first.in_part
    assert archive_.persons(first, "bare") == [("person:jansen", "Jansen", "rule:person-cue")]

    # A full name that the bare surname ends: its articles join it.
    archive_.put("piet", "2023-02-01", "nl", "Woordvoerder Piet Jansen zei dat de begroting rond is.")
    joined = archive_.resolve()
    assert joined.in_part
    assert archive_.persons(joined, "bare") == [("person:piet-jansen", "Jansen", SURNAME_LAYER)]
    assert "person:jansen" not in joined.actors
    assert joined.actors["person:piet-jansen"].articles == ["bare", "piet"]

    # A second full name of the period: the surname alone is held apart and reported.
    archive_.put("anna", "2023-04-01", "nl", "Wethouder Anna Jansen opende gisteren de brug.")
    held = archive_.resolve()
    assert held.in_part
    assert archive_.persons(held, "bare") == [("person:jansen", "Jansen", "rule:person-cue")]
    assert [(a.actor_id, [c.id for c in a.candidates]) for a in held.ambiguous] == [
        ("person:jansen", ["person:anna-jansen", "person:piet-jansen"])
    ]

    # Removed again, and the surname is Piet's once more.
    del archive_.articles["anna"]
    again = archive_.resolve()
    assert again.in_part and again.ambiguous == []
    assert archive_.persons(again, "bare") == [("person:piet-jansen", "Jansen", SURNAME_LAYER)]

    # Edited: the full name gone from the article that gave it.
    archive_.put("piet", "2023-02-01", "nl", "De woordvoerder zei dat de begroting rond is.")
    edited = archive_.resolve()
    assert edited.in_part
    assert archive_.persons(edited, "bare") == [("person:jansen", "Jansen", "rule:person-cue")]


def test_a_kept_resolution_joins_variants_particles_and_typed_names_as_a_fresh_one_does(lexicon):
    archive_ = Archive(lexicon)
    archive_.put("bare", "2021-03-01", "nl", "Gisteren zei De Jonge dat de prikken op zijn.")
    archive_.put("initial", "2021-02-01", "nl", "Minister H. de Jonge stuurde een brief.")
    archive_.put("reagan", "1980-06-01", "en", "On Monday, Reagan said the budget was done.")
    archive_.put(
        "yards", "2019-05-01", "nl", "De werven van Marrowfield gaan dicht, tot woede van de bewoners."
    )
    archive_.resolve()

    # The full name with the given name: the initial's variant and the bare surname join it.
    archive_.put("hugo", "2021-01-01", "nl", "Volgens Hugo de Jonge gaat de school open.")
    archive_.put("ronald", "1980-04-01", "en", "Challenger Ronald Reagan won the debate.")
    archive_.put("w", "1980-03-01", "en", "Former governor Ronald W. Reagan spoke in Ohio.")
    joined = archive_.resolve()
    assert joined.in_part
    assert archive_.persons(joined, "initial") == [("person:hugo-de-jonge", "H. de Jonge", VARIANT_LAYER)]
    assert archive_.persons(joined, "bare") == [("person:hugo-de-jonge", "De Jonge", SURNAME_LAYER)]
    assert archive_.persons(joined, "reagan") == [("person:ronald-reagan", "Reagan", SURNAME_LAYER)]

    # A name that one article types with evidence is that actor where another left it open.
    archive_.put("ltd", "2019-04-01", "en", "Marrowfield Ltd. reported lower profits on Tuesday.")
    typed = archive_.resolve()
    yards = next(a for a in typed.articles if a.id == "yards")
    assert [(m.actor_id, m.layer) for m in yards.mentions] == [("organisation:marrowfield", NAME_LAYER)]

    # And gone again: each back to what it was.
    for name in ("hugo", "ronald", "ltd"):
        del archive_.articles[name]
    undone = archive_.resolve()
    assert undone.in_part
    assert archive_.persons(undone, "bare") == [("person:h-de-jonge", "De Jonge", SURNAME_LAYER)]
    assert not any(a.id == "yards" and a.mentions for a in undone.articles)


def test_a_resolution_kept_without_the_cache_it_was_made_from_is_made_afresh(lexicon):
    archive_ = Archive(lexicon)
    archive_.put("bare", "2023-03-01", "nl", "Gisteren zei Jansen dat het plan rond is.")
    archive_.resolve()
    archive_.put("bare", "2023-03-01", "nl", "Gisteren zei Jansen dat het plan niet rond is.")
    archive_.previous = {}  # the last build's cache is not the one the state was kept with
    assert not archive_.resolve().in_part


def test_a_kept_plan_makes_again_the_keys_of_articles_whose_slug_or_actors_name_changed(lexicon):
    archive_ = Archive(lexicon)
    archive_.put("b-brug", "2023-03-05", "nl", "Wethouder Ingrid Lemaitre opende de brug.", "De brug")
    archive_.put("c-plein", "2023-03-06", "nl", "Het plein in Utrecht is klaar.", "Het plein")
    first = archive_.resolve()
    assert next(a for a in first.articles if a.id == "b-brug").slug == "de-brug"

    # Same title, source sorting first: it takes the plain slug, and the other one moves.
    archive_.put("a-brug", "2023-03-07", "nl", "De brug in Utrecht gaat weer open.", "De brug")
    moved = archive_.resolve()
    assert moved.in_part and next(a for a in moved.articles if a.id == "b-brug").slug != "de-brug"
    assert moved.changed is not None and "b-brug" not in moved.changed.articles

    # The name the articles give an actor most: its older article's page shows the new one.
    name = moved.actors["person:ingrid-lemaitre"].actor.name
    for n in range(2):
        archive_.put(f"d-{n}", f"2023-04-0{n + 1}", "nl", "Wethouder Ingrid Lemaître opende de brug.")
    renamed = archive_.resolve()
    assert renamed.in_part and renamed.actors["person:ingrid-lemaitre"].actor.name != name
    assert renamed.changed is not None and "b-brug" not in renamed.changed.articles


# --- end to end: the build keeps its resolution and says when it used it ---------------------


def write(folder: Path, name: str, date: str, text: str) -> None:
    (folder / f"{name}.md").write_text(f"---\ntitle: {name}\ndate: {date}\nlang: nl\n---\n{text}\n")


def build(root: Path) -> dict:
    archive("build", cwd=root)
    return json.loads((root / "build" / "report.json").read_text())


@pytest.mark.e2e
def test_a_build_that_adds_edits_and_removes_articles_resolves_in_part_and_equals_a_fresh_one(tmp_path):
    root = tmp_path / "archive"
    articles = root / "site_src" / "articles"
    articles.mkdir(parents=True)
    for n in range(3):
        write(articles, f"bare-{n}", f"2023-03-0{n + 1}", f"Gisteren zei Jansen dat plan {n} rond is.")
    write(articles, "brug", "2023-03-05", "Wethouder Marleen Kuipers opende de brug in Utrecht.")
    assert build(root)["resolved_in_part"] is False

    def same_as_fresh(report: dict) -> None:
        assert report["resolved_in_part"] is True
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(root / "site_src", clean / "site_src")
        fresh = build(clean)
        assert fresh["resolved_in_part"] is False
        assert docs_state(root) == docs_state(clean)
        assert report["ambiguous_surnames"] == fresh["ambiguous_surnames"]
        # The kept resolution holds this build's plan keys, which the next build's plan starts from.
        with open(root / "build" / "cache" / "resolution.pickle", "rb") as kept_file:
            _, state = pickle.load(kept_file)  # noqa: S301 - the build's own file
        assert isinstance(state.pages, PlanKeys)
        published = [entry["id"] for entry in report["entries"] if entry["status"] == "published"]
        assert sorted(state.pages.articles) == sorted(published)

    write(articles, "piet", "2023-02-01", "Woordvoerder Piet Jansen zei dat de begroting rond is.")
    report = build(root)
    same_as_fresh(report)
    exported = (root / "docs/export/articles.jsonl").read_text()
    assert "person:jansen" not in exported and exported.count("resolve:archive-surname") == 3

    write(articles, "anna", "2023-04-01", "Wethouder Anna Jansen opende gisteren de brug.")
    report = build(root)
    same_as_fresh(report)
    assert [a["id"] for a in report["ambiguous_surnames"]] == ["person:jansen"]

    write(articles, "brug", "2023-03-05", "Wethouder Marleen Kuipers opende de tweede brug in Utrecht.")
    (articles / "anna.md").unlink()
    same_as_fresh(build(root))

    # The register changed: every article is analysed again, and resolved afresh.
    (root / "site_src" / "actors.yml").write_text("reject:\n  - place:utrecht\n")
    assert build(root)["resolved_in_part"] is False


def _built_with_a_bare_surname(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An archive of a bare surname and another article, built once: its root, its articles'
    folder and its kept resolution."""
    root = tmp_path / "archive"
    articles = root / "site_src" / "articles"
    articles.mkdir(parents=True)
    write(articles, "bare", "2023-03-01", "Gisteren zei Jansen dat het plan rond is.")
    write(articles, "brug", "2023-03-05", "Wethouder Marleen Kuipers opende de brug in Utrecht.")
    build(root)
    return root, articles, root / "build" / "cache" / "resolution.pickle"


@pytest.mark.e2e
def test_a_build_stopped_before_its_cache_is_saved_leaves_the_last_resolution_in_place(tmp_path, monkeypatch):
    from build_archive import build as build_module

    root, articles, kept = _built_with_a_bare_surname(tmp_path)
    before = kept.read_bytes()

    write(articles, "piet", "2023-02-01", "Woordvoerder Piet Jansen zei dat de begroting rond is.")

    def stopped(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_tree", stopped)
    options = build_module.BuildOptions(source=root / "site_src", docs=root / "docs", jobs=1)
    with pytest.raises(OSError, match="disk full"):
        build_module.run_build(options)
    # The resolution made for the new article waits for the cache it goes with: neither is kept.
    assert kept.read_bytes() == before
    monkeypatch.undo()

    report = build(root)
    assert report["resolved_in_part"] is True
    assert "person:piet-jansen" in (root / "docs/export/articles.jsonl").read_text()


@pytest.mark.e2e
def test_a_build_stopped_once_its_pages_are_published_leaves_the_last_cache_and_resolution(tmp_path):
    """A build keeps its cache and its resolution only after publishing the pages; one stopped in
    between leaves the last build's, which the next build starts from: it reads again what that
    build read and redoes the resolution for what changed since, giving what a fresh build gives."""
    from build_archive import build as build_module

    root, articles, kept = _built_with_a_bare_surname(tmp_path)
    before = kept.read_bytes()

    class Stopped(Exception):
        pass

    def stop(report: object) -> None:
        raise Stopped

    write(articles, "piet", "2023-02-01", "Woordvoerder Piet Jansen zei dat de begroting rond is.")
    options = build_module.BuildOptions(source=root / "site_src", docs=root / "docs", jobs=1, published=stop)
    with pytest.raises(Stopped):
        build_module.run_build(options)
    assert kept.read_bytes() == before
    assert "person:piet-jansen" in (root / "docs/export/articles.jsonl").read_text()

    write(articles, "anna", "2023-04-01", "Wethouder Anna Jansen opende gisteren de brug.")
    report = build(root)
    assert report["resolved_in_part"] is True and report["files_read"] == 2
    assert kept.read_bytes() != before
    clean = tmp_path / "clean"
    shutil.copytree(root / "site_src", clean / "site_src")
    build(clean)
    assert docs_state(root) == docs_state(clean)
