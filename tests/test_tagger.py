"""The statistical layer of actor finding (the CRF tagger), on sentences written for the tests:
what it adds to the lists and rules, what it may never add, and that its model is rebuilt
from labelled data by the repository's own script, the same bytes every time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_actors import found

from build_archive.actors.find import find_evidence_mentions
from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.rules import Token, admit_model_name
from build_archive.actors.tagger import (
    LAYER,
    MODEL,
    NEIGHBOUR_FEATURES,
    Features,
    _word_features,
    find_model_mentions,
    sequence_features,
    spans,
    tokenise,
)
from build_archive.folding import fold


def layers(text: str, lang: str) -> dict[str, str]:
    """The text of each mention -> its layer, as the whole of actor finding gives them."""
    from build_archive.actors.find import find_actors
    from build_archive.actors.register import Register
    from build_archive.model import Article

    article = Article(id="t", title="t", body=text, source="t.txt", content_hash="", lang=lang)
    result = find_actors(article, load_lexicon("nl"), Register())
    return {m.text: m.layer for m in result.mentions}


def test_the_shipped_model_is_there():
    assert MODEL.exists() and MODEL.stat().st_size < 5_000_000


# --- what the tagger adds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "name", "actor_id"),
    [
        # an organisation without a cue word, known by the words around it (a description
        # such as "a firm based in", or its shares, is the rules' evidence)
        ("He joined Bellwether Analytics in Tarrytown last year.", "en",
         "Bellwether Analytics", "organisation:bellwether-analytics"),
        # a village no list knows, beside another ("inwoners van Kamerik" would be the rules')
        ("Boeren rond Hekendorp en Kamerik protesteren tegen de windmolens.", "nl", "Kamerik", "place:kamerik"),
    ],
)  # fmt: skip
def test_the_tagger_finds_a_name_that_no_list_or_rule_finds(text, lang, name, actor_id):
    assert layers(text, lang).get(name) == LAYER
    assert found(text, lang)[actor_id] == [name]
    lexicon = load_lexicon("nl")
    before = find_evidence_mentions(text, fold(text), lexicon, lang)
    assert name not in {m.text for m in before if m.actor_id != "?"}


@pytest.mark.parametrize(
    ("text", "name", "actor_id", "inner"),
    [
        # a compass word before a listed town: a part of town, a place of its own
        ("Fans travelled from East Maidstone and West Harlow to the final on Sunday.",
         "East Maidstone", "place:east-maidstone", "Maidstone"),
        ("She grew up in Sioux City before moving to West Seattle in 1998.",
         "West Seattle", "place:west-seattle", "Seattle"),
        # a listed place that begins a college's name: the college, not the place
        ("She studied at Fairmont State College before moving to Ohio.",
         "Fairmont State College", "organisation:fairmont-state-college", "State College"),
    ],
)  # fmt: skip
def test_the_tagger_takes_a_listed_name_into_the_longer_name_it_stands_in(text, name, actor_id, inner):
    assert layers(text, "en").get(name) == LAYER
    assert found(text, "en")[actor_id] == [name]
    assert inner not in layers(text, "en")
    lexicon = load_lexicon("nl")
    before = find_evidence_mentions(text, fold(text), lexicon, "en")
    assert inner in {m.text for m in before if m.actor_id != "?"}


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        # a place in a longer name of another kind asks more certainty than the tagger has here
        ("Het gezin verhuisde van Klein Zundert naar Groot Ammers.", "nl",
         {"place:klein-zundert": ["Klein Zundert"]}),
        # two names side by side, a person's among them, are two actors, never one longer name
        ("On Monday the President of the United States Barack Obama said the talks would go on.", "en",
         {"country:us": ["United States"], "person:barack-obama": ["Barack Obama"]}),
        ("The airline flew from Los Angeles LAX to Berlin on Friday.", "en",
         {"place:los-angeles-us": ["Los Angeles"], "organisation:lax": ["LAX"], "place:berlin": ["Berlin"]}),
    ],
)  # fmt: skip
def test_a_listed_or_ruled_name_stays_when_the_tagger_would_only_blur_it(text, lang, kept):
    actors = found(text, lang)
    assert {actor_id: actors.get(actor_id) for actor_id in kept} == kept
    # no longer name takes a kept one in (another name beside them may be found)
    kept_names = {name for names in kept.values() for name in names}
    names = {name for mentions in actors.values() for name in mentions}
    assert not [(name, inner) for name in names - kept_names for inner in kept_names if inner in name]


# --- what it may never add -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("They said the Board would meet. The Government and the Ministry agreed on Monday.", "en"),
        ("John said nothing. George W came later. Agreement was reached in March.", "en"),
        ("Het Westen reageerde. De Raad en het Ministerie zwegen. Jan zei niets. Maandag volgt meer.", "nl"),
    ],
)
def test_everyday_words_titles_generic_nouns_and_lone_given_names_are_never_actors(text, lang):
    assert found(text, lang) == {}


@pytest.mark.parametrize(
    ("name", "kind", "lang"),
    [
        ("They", "person", "en"),
        ("Agreement", "organisation", "en"),
        ("John", "person", "en"),
        ("J.", "person", "en"),
        ("Bank", "organisation", "en"),
        ("the Ministry", "organisation", "en"),
        ("Minister", "person", "en"),
        ("March", "place", "en"),
        ("Westen", "place", "nl"),
        ("Jan", "person", "nl"),
        ("woordvoerder", "person", "nl"),
        ("Minsk-akkoorden", "organisation", "nl"),
    ],
)
def test_a_name_the_tagger_proposes_is_refused_when_the_rules_say_it_is_no_actor(name, kind, lang):
    text = f"Gisteren: {name} en meer."
    tokens = [
        Token(w.text, w.start, w.end, fold(w.text)) for w in tokenise(text) if text.index(name) <= w.start
    ][: len(tokenise(name))]
    assert admit_model_name(tokens, kind, text, fold(text), load_lexicon("nl"), lang) is None


def test_a_role_or_nationality_is_cut_off_a_name_the_tagger_proposes():
    text = "Gisteren sprak woordvoerder Tshabalala Mokoena over het plan."
    words = tokenise(text)
    tokens = [Token(w.text, w.start, w.end, fold(w.text)) for w in words[2:5]]
    span = admit_model_name(tokens, "person", text, fold(text), load_lexicon("nl"), "nl")
    assert span is not None and text[span[0] : span[1]] == "Tshabalala Mokoena"


def test_a_word_is_tagged_with_its_own_features_and_its_neighbours_whatever_the_caches_hold():
    # The features as the model was trained on them, built word by word without any cache: the
    # tagger's caches may only make them faster, never other.
    lexicon = load_lexicon("nl")
    text = "Gisteren zei Oyelaran Adeyemi dat Vostrik Maldeno terugkeert naar Lemmerwolde."
    words = tokenise(text)
    known = ["", "", "", "", "", "?", "?", "", "", "place", ""]
    assert len(known) == len(words)

    def expected(index: int) -> list[str]:
        items = list(_word_features(words[index].text, lexicon, "nl"))
        items += ["first"] if words[index].first else []
        items += [f"known={known[index]}"] if known[index] else []
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if not 0 <= other < len(words):
                items.append(f"{offset}:edge")
                continue
            own = _word_features(words[other].text, lexicon, "nl")
            items += [f"{offset}:{f}" for f in own if f.startswith(NEIGHBOUR_FEATURES)]
            items += [f"{offset}:known={known[other]}"] if known[other] else []
        return items

    features = Features(lexicon, "nl")
    for _ in range(2):  # cold caches, then warm ones
        assert sequence_features(words, 0, len(words), known, features) == [
            expected(index) for index in range(len(words))
        ]
    assert sequence_features(words, 4, 7, known, features) == [expected(index) for index in range(4, 7)]


def test_bio_labels_make_names_and_a_stray_inside_label_begins_one():
    assert spans(["O", "B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-PER"]) == [
        ("PER", 1, 3),
        ("LOC", 4, 5),
        ("ORG", 5, 6),
        ("PER", 6, 7),
    ]


# --- the model is rebuilt by the repository's script -----------------------------------------

# Sentences written for this test, in the common JSONL form of labelled sets.
TRAINING = [
    ("en", "Yesterday Abebe Bikila told reporters that Zorvex Dynamics would open an office in Quelmar.",
     [("PER", "Abebe Bikila"), ("ORG", "Zorvex Dynamics"), ("LOC", "Quelmar")]),
    ("en", "On Friday Tadesse Worku said that Plinth Kestrel had left Varnholt for good.",
     [("PER", "Tadesse Worku"), ("ORG", "Plinth Kestrel"), ("LOC", "Varnholt")]),
    ("nl", "Volgens Siosaia Taufa zal Brankel Solutions een kantoor openen in Durmeer.",
     [("PER", "Siosaia Taufa"), ("ORG", "Brankel Solutions"), ("LOC", "Durmeer")]),
    ("nl", "Gisteren zei Oyelaran Adeyemi dat Vostrik Maldeno terugkeert naar Lemmerwolde.",
     [("PER", "Oyelaran Adeyemi"), ("ORG", "Vostrik Maldeno"), ("LOC", "Lemmerwolde")]),
]  # fmt: skip


def write_set(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for number, (lang, text, names) in enumerate(TRAINING * 3):
            mentions = [
                {"type": kind, "start": text.index(name), "end": text.index(name) + len(name), "text": name}
                for kind, name in names
            ]
            document = {
                "id": f"t-{number}",
                "set": "written",
                "lang": lang,
                "text": text,
                "mentions": mentions,
            }
            out.write(json.dumps(document) + "\n")


def test_the_training_script_rebuilds_the_same_model_that_then_tags_what_it_learned(tmp_path):
    write_set(tmp_path / "written.jsonl")
    models = []
    for name in ("one.crfsuite", "two.crfsuite"):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "build_archive.actors.data.train_tagger",
                str(tmp_path),
                "--out",
                str(tmp_path / name),
            ],
            check=True,
            capture_output=True,
        )
        models.append((tmp_path / name).read_bytes())
    assert models[0] == models[1] and models[0]
    text = "Gisteren zei Oyelaran Adeyemi dat Vostrik Maldeno terugkeert naar Lemmerwolde."
    lexicon = load_lexicon("nl")
    before = find_evidence_mentions(text, fold(text), lexicon, "nl")
    after = find_model_mentions(text, fold(text), before, lexicon, "nl", tmp_path / "one.crfsuite")
    assert {m.text: m.actor_id for m in after if m.layer == LAYER} == {
        "Vostrik Maldeno": "organisation:vostrik-maldeno",
        "Lemmerwolde": "place:lemmerwolde",
    }
    assert not any(m.layer == LAYER for m in find_model_mentions(
        text, fold(text), before, lexicon, "nl", tmp_path / "none.crfsuite"))  # fmt: skip
