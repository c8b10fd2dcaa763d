"""What a build keeps in build/cache/ besides the articles: the built lexicon and the unpacked
language model. A later process must get exactly what it would have built itself, and a stale
or damaged file must only cost the time to build it again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from build_archive.actors.lexicon import _build, load_lexicon, read_cached
from build_archive.actors.register import Register, parse_register

TEXTS = [
    "Het kabinet wil volgend jaar meer geld uitgeven aan de zorg en het onderwijs.",
    "The government wants to spend more money on health care and schools.",
    "Die Bundesregierung will im nächsten Jahr mehr Geld für Bildung ausgeben.",
    "Le gouvernement veut dépenser plus d'argent pour la santé et les écoles.",
    "Правительство хочет потратить больше денег на здравоохранение.",
    "Kort.",
]


def run_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def register(name: str):
    return parse_register({"actors": [{"id": "person:jan-smit", "name": name}]}, "test", name)


def lexicon_in_new_process(cache: Path, name: str) -> dict:
    code = f"""
import json
from pathlib import Path
from build_archive.actors.lexicon import load_lexicon
from build_archive.actors.register import parse_register
reg = parse_register({{"actors": [{{"id": "person:jan-smit", "name": {name!r}}}]}}, "test", {name!r})
lex = load_lexicon("nl", reg, Path({str(cache)!r}))
print(json.dumps({{"entries": len(lex.entries), "name": lex.actors["person:jan-smit"].name,
                  "entry": lex.entries["jan smit"].actor_id if "jan smit" in lex.entries else None}}))
"""
    return json.loads(run_python(code))


@pytest.mark.e2e
def test_a_second_process_reads_the_lexicon_the_first_one_built(tmp_path):
    cache = tmp_path / "cache"
    first = lexicon_in_new_process(cache, "Jan Smit")
    stored = cache / "lexicon-nl.pickle"
    assert stored.is_file()
    written = stored.stat()
    second = lexicon_in_new_process(cache, "Jan Smit")
    assert second == first
    assert stored.stat().st_ino == written.st_ino and stored.stat().st_mtime_ns == written.st_mtime_ns
    # What the file holds is the lexicon this process builds from the lists itself.
    assert read_cached(cache, "nl", register("Jan Smit")) == _build("nl", register("Jan Smit"))


@pytest.mark.e2e
def test_a_lexicon_for_another_register_or_a_damaged_file_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    lexicon_in_new_process(cache, "Jan Smit")
    assert read_cached(cache, "nl", register("Johannes Smit")) is None  # another register
    changed = lexicon_in_new_process(cache, "Johannes Smit")
    assert changed["name"] == "Johannes Smit"
    assert read_cached(cache, "nl", register("Johannes Smit")) == _build("nl", register("Johannes Smit"))

    (cache / "lexicon-nl.pickle").write_bytes(b"\x80\x05 not a lexicon")
    assert read_cached(cache, "nl", register("Johannes Smit")) is None
    assert lexicon_in_new_process(cache, "Johannes Smit") == changed
    assert read_cached(cache, "nl", register("Johannes Smit")) is not None  # written again, whole


@pytest.mark.slow
def test_without_a_cache_folder_the_lexicon_is_built_once_per_process():
    assert load_lexicon("nl") is load_lexicon("nl")
    assert load_lexicon("nl") == _build("nl", Register())


def languages_in_new_process(cache: Path | None) -> list:
    code = f"""
import json
from pathlib import Path
from build_archive.read import derive
derive.use_model_cache({None if cache is None else f"Path({str(cache)!r})"})
texts = {TEXTS!r}
print(json.dumps([[derive.detect_language(t, "nl"), derive._identifier().rank(t)] for t in texts]))
"""
    return json.loads(run_python(code))


@pytest.mark.e2e
def test_the_unpacked_language_model_classifies_exactly_as_the_shipped_one(tmp_path):
    cache = tmp_path / "cache"
    shipped = languages_in_new_process(None)
    assert [lang for lang, _ in shipped] == ["nl", "en", "de", "fr", "ru", "nl"]
    assert languages_in_new_process(cache) == shipped  # unpacked by py3langid, then saved
    stored = cache / "language-model.pickle"
    written = stored.stat()
    assert languages_in_new_process(cache) == shipped  # read from the saved copy: same scores
    assert stored.stat().st_ino == written.st_ino and stored.stat().st_mtime_ns == written.st_mtime_ns


@pytest.mark.e2e
def test_a_damaged_or_foreign_language_model_file_is_ignored(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    shipped = languages_in_new_process(None)
    stored = cache / "language-model.pickle"
    stored.write_bytes(b"\x80\x05 truncated")
    assert languages_in_new_process(cache) == shipped
    assert stored.stat().st_size > 1_000_000  # replaced by a whole copy
    import pickle

    with open(stored, "rb") as handle:
        _key, identifier = pickle.load(handle)
    with open(stored, "wb") as handle:  # the same model under another release's key
        pickle.dump(("py3langid 0.0", identifier), handle)
    assert languages_in_new_process(cache) == shipped
    with open(stored, "rb") as handle:
        assert pickle.load(handle)[0] != "py3langid 0.0"  # saved again under this release's key


def test_a_cached_analysis_keeps_the_names_left_for_the_archive_to_type():
    # A file read again with the same text (touched, copied) takes its actors from the cache,
    # and with them the names without evidence that another article may type.
    import datetime as dt

    from build_archive.actors.find import find_actors
    from build_archive.cache import Cache
    from build_archive.model import Article

    register = Register()
    lexicon = load_lexicon("nl", register)
    read = [
        Article("a", "t", "De werven van Marrowfield gaan dicht, tot woede van de bewoners.", "a.txt", "h1", "nl",
                dt.date(2021, 2, 10)),
        Article("b", "t", "The residents blamed Oyelaran for the closure of the port.", "b.txt", "h2", "en"),
    ]  # fmt: skip
    found = [find_actors(article, lexicon, register) for article in read]
    assert all(article.candidates for article in found)
    cache = Cache(files={"a.txt": ((1, 1, 1), (found[0],)), "b.txt": ((2, 2, 2), (found[1],))})
    assert [cache.analysed(article) for article in read] == found
