"""The seed article's exact actors, through the real `archive build` and its export."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import archive

# End to end: builds through the command line or MkDocs, in processes of their own.
pytestmark = pytest.mark.e2e

EXPECTED = {
    "persons": {
        "Joe Biden": 4,
        "Vladimir Poetin": 11,
        "Emmanuel Macron": 5,
        "Antony Blinken": 1,
        "Sergej Lavrov": 1,
    },
    "countries": {"Oekraïne": 8, "Rusland": 6, "Verenigde Staten": 4, "Frankrijk": 1},
    "organisations": {"Kremlin": 2, "Witte Huis": 2, "Financial Times": 1},
    "places": {"Washington": 1, "Kiev": 2},
}


def test_seed_article_has_exactly_its_actors_with_every_mention(project):
    archive("build", cwd=project)
    [record] = [
        json.loads(line) for line in (project / "docs/export/articles.jsonl").read_text().splitlines()
    ]
    body = (project / "site_src/articles/000_fb7a615be5fad9d3.txt").read_text().strip()
    for key, expected in EXPECTED.items():
        assert {item["name"]: len(item["mentions"]) for item in record[key]} == expected, key
        for item in record[key]:
            for mention in item["mentions"]:
                assert body[mention["start"] : mention["end"]] == mention["text"]
                assert mention["layer"]
    mentioned = {m["text"] for key in EXPECTED for item in record[key] for m in item["mentions"]}
    assert {"Anthony Blinken", "Franse", "VS", "Amerikaanse"} <= mentioned
    russia = next(item for item in record["countries"] if item["name"] == "Rusland")
    assert any(body[m["start"] - 4 : m["start"]] == "pro-" for m in russia["mentions"])  # "pro-Russische"
    assert "Westen" not in json.dumps(record) and "Minsk" not in json.dumps(record)


def test_seed_actors_are_linked_and_in_the_front_matter(project):
    archive("build", cwd=project)
    actors = {a["id"]: a for a in json.loads((project / "docs/export/actors.json").read_text())}
    assert actors["organisation:kremlin"]["country"] == "country:ru"
    assert actors["organisation:white-house"]["country"] == "country:us"
    assert actors["place:kyiv"]["country"] == "country:ua"
    assert {"Poetin"} <= set(actors["person:vladimir-putin"]["aliases"])
    [page] = (project / "docs/articles/undated").glob("volgens-*.md")
    meta = yaml.safe_load(page.read_text().split("---\n")[1])
    for key, expected in EXPECTED.items():
        assert sorted(meta[key]) == sorted(expected), key
    assert set(meta["tags"]) == {name for expected in EXPECTED.values() for name in expected}
