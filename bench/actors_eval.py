"""Actor quality on labelled news: the archive's own build, scored article by article.

    python bench/actors_eval.py [SET.jsonl ...] [--json results.json] [--top 25]

Without sets named, every set and the unlabelled news in ../shared/data/news-open/ are also built
together as one mixed archive, and its 40 most-named actors of each type are printed.

Each labelled set (by default every `*.jsonl` in ../shared/data/ner-dev/, never copied into
the repository) is written as one JSONL source, built with `archive build` into a temporary
folder, and the export (`export/articles.jsonl`) is compared with the gold annotations: per
article and type (persons; countries + places; organisations), the distinct names the archive
found (its mentions' texts) against the distinct names the annotators marked, case and accents
folded. A country adjective ("Amerikaanse", "British") is a mention of its country in the
archive, but annotators mark it as a nationality, not a location name: such mentions (layer
`list:country-adjective`) are left out of the names found. Precision, recall and F1 are summed
over articles; the names most often missed and
most often wrong are listed, most frequent first, to find classes of error (never to tune to
one set's names).

    python bench/actors_eval.py --folds [SET.jsonl ...]

The labelled sets are also what the tagger (`build_archive/actors/tagger.py`) is trained on, so the
shipped model cannot be judged on them. `--folds` judges the method instead: the documents of
every set are split in two halves by id (a MEANTIME article and its translation fall in the same
half), a model is trained on one half of every set and the archive built with it on the other
half, and the other way round; the same halves are built with the lists and rules alone. The
figures are summed over both halves.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from build_archive.actors import tagger  # noqa: E402
from build_archive.actors.data.train_tagger import train  # noqa: E402
from build_archive.actors.find import find_actors  # noqa: E402
from build_archive.actors.lexicon import load_lexicon  # noqa: E402
from build_archive.actors.register import Register  # noqa: E402
from build_archive.build import BuildOptions, run_build  # noqa: E402
from build_archive.folding import fold_key  # noqa: E402
from build_archive.read.readers import BadInput, make_article  # noqa: E402

SETS = REPO.parent / "shared" / "data" / "ner-dev"
NEWS = REPO.parent / "shared" / "data" / "news-open"
# The gold types and the export keys that answer for them.
GROUPS = {"PER": ("persons",), "LOC": ("countries", "places"), "ORG": ("organisations",)}
ADJECTIVE = "list:country-adjective"
LABELS = {"PER": "persons", "LOC": "locations", "ORG": "organisations"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def build(documents: list[dict], work: Path) -> tuple[dict[int, dict], float]:
    """The export's record of each document (by its line number), and the build's seconds."""
    source = work / "site_src"
    (source / "articles").mkdir(parents=True)
    with open(source / "articles" / "set.jsonl", "w", encoding="utf-8") as out:
        for doc in documents:
            record = {"title": doc.get("title") or doc["id"], "text": doc["text"], "lang": doc["lang"]}
            if doc.get("date"):
                record["date"] = doc["date"]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    language = documents[0]["lang"] if documents else "nl"
    (source / "settings.yml").write_text(f"language: {language}\n", encoding="utf-8")
    started = time.perf_counter()
    run_build(
        BuildOptions(
            source=source, docs=work / "docs", report=work / "build" / "report.json", index=work / "index"
        )
    )
    seconds = time.perf_counter() - started
    records = {}
    for line in (work / "docs" / "export" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[int(record["source"].rsplit("#", 1)[1])] = record
    return records, seconds


def finding_speed(documents: list[dict], language: str) -> float:
    """Megabytes of text per second that actor finding alone takes on one core (lists loaded,
    articles read beforehand, best of three passes)."""
    lexicon = load_lexicon(language, Register())
    articles = []
    for number, doc in enumerate(documents, start=1):
        meta = {"title": doc.get("title") or "t", "lang": doc.get("lang") or language}
        try:
            articles.append(make_article(f"set.jsonl#{number}", doc["text"], meta, language))
        except BadInput:
            continue  # what the build would report and not publish
    size = sum(len(article.body.encode()) for article in articles)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for article in articles:
            find_actors(article, lexicon, Register())
        best = min(best, time.process_time() - started)
    return size / 1e6 / best


def found_names(record: dict, keys: tuple[str, ...]) -> set[str]:
    return {
        fold_key(mention["text"])
        for key in keys
        for actor in record.get(key, [])
        for mention in actor["mentions"]
        if mention.get("layer") != ADJECTIVE
    } - {""}


def score(documents: list[dict], records: dict[int, dict]) -> dict[str, Score]:
    scores = {group: Score() for group in GROUPS}
    for number, doc in enumerate(documents, start=1):
        record = records.get(number, {})
        for group, keys in GROUPS.items():
            gold = {fold_key(name) for name in doc["entities"].get(group, {})} - {""}
            found = found_names(record, keys)
            s = scores[group]
            s.tp += len(gold & found)
            s.fp += len(found - gold)
            s.fn += len(gold - found)
            s.missed.update(gold - found)
            s.wrong.update(found - gold)
    return scores


def half(document: dict) -> int:
    """Which half of the split a document falls in: by its id without the language, so that a
    MEANTIME article and its translation are never on both sides."""
    key = document["id"].replace("-nl-", "-").replace("-en-", "-")
    return zlib.crc32(key.encode()) % 2


def add(total: Score, part: Score) -> None:
    total.tp, total.fp, total.fn = total.tp + part.tp, total.fp + part.fp, total.fn + part.fn
    total.missed.update(part.missed)
    total.wrong.update(part.wrong)


def two_fold(paths: list[Path], top: int) -> dict:
    """Each set's figures with the lists and rules alone and with a tagger trained on the other
    half of every set, summed over both halves."""
    sets = {path.stem: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
            for path in paths}  # fmt: skip
    totals = {
        name: {how: {group: Score() for group in GROUPS} for how in ("rules", "model")} for name in sets
    }
    shipped = tagger.MODEL
    try:
        with tempfile.TemporaryDirectory() as models:
            for fold_number in (0, 1):
                model = Path(models) / f"fold{fold_number}.crfsuite"
                training = [doc for docs in sets.values() for doc in docs if half(doc) != fold_number]
                started = time.perf_counter()
                count = train(training, model)
                print(f"fold {fold_number}: trained on {len(training)} documents ({count} stretches) "
                      f"in {time.perf_counter() - started:.0f} s, {model.stat().st_size:,} bytes")  # fmt: skip
                for name, docs in sets.items():
                    test = [doc for doc in docs if half(doc) == fold_number]
                    for how, path in (("rules", Path(models) / "none"), ("model", model)):
                        tagger.MODEL = path  # read by the build's workers, forked after this
                        with tempfile.TemporaryDirectory() as work:
                            records, _ = build(test, Path(work))
                        for group, part in score(test, records).items():
                            add(totals[name][how][group], part)
    finally:
        tagger.MODEL = shipped
    results: dict = {}
    for name, hows in totals.items():
        print(f"\n== {name}, 2-fold: lists and rules alone -> with the tagger (P / R / F1)")
        for group in GROUPS:
            before, after = hows["rules"][group], hows["model"][group]
            print(f"{LABELS[group]:14} {before.precision:.3f} {before.recall:.3f} {before.f1:.3f}"
                  f"  ->  {after.precision:.3f} {after.recall:.3f} {after.f1:.3f}")  # fmt: skip
        for group in GROUPS:
            before, after = hows["rules"][group], hows["model"][group]
            gained = (before.missed - after.missed).most_common(top)
            added = (after.wrong - before.wrong).most_common(top)
            print(f"  {LABELS[group]} found by the tagger: " + ", ".join(f"{n} ({c})" for n, c in gained))
            print(f"  {LABELS[group]} wrong by the tagger: " + ", ".join(f"{n} ({c})" for n, c in added))
        results[name] = {
            how: {
                LABELS[g]: {"precision": s.precision, "recall": s.recall, "f1": s.f1}
                for g, s in scores.items()
            }
            for how, scores in hows.items()
        }
    return results


def mixed_archive(paths: list[Path], work: Path, top: int) -> dict:
    """Every set (labelled and unlabelled) built as one mixed archive, as a reader meets it: the
    most-named actors of each type, to be read for junk, and the one-word persons that sit
    beside a full-name person whose surname they are (one person split over two actors)."""
    source = work / "site_src"
    (source / "articles").mkdir(parents=True)
    for path in paths:
        with open(source / "articles" / f"{path.stem}.jsonl", "w", encoding="utf-8") as out:
            for line in path.read_text(encoding="utf-8").splitlines():
                doc = json.loads(line)
                record = {
                    "title": doc.get("title") or doc["id"],
                    "text": doc["text"],
                    "lang": doc.get("lang"),
                }
                out.write(json.dumps(record | ({"date": doc["date"]} if doc.get("date") else {})) + "\n")
    run_build(BuildOptions(source=source, docs=work / "docs", report=work / "build" / "report.json",
                           index=work / "index"))  # fmt: skip
    actors = json.loads((work / "docs" / "export" / "actors.json").read_text(encoding="utf-8"))
    articles = sum(1 for _ in (work / "docs" / "export" / "articles.jsonl").open(encoding="utf-8"))
    print(f"\n== mixed archive: {articles} articles, {len(actors)} actors")
    result: dict = {"articles": articles, "actors": len(actors), "top": {}}
    for kind in ("person", "organisation", "place", "country"):
        ranked = sorted((a for a in actors if a["type"] == kind), key=lambda a: (-a["articles"], a["name"]))
        result["top"][kind] = [(a["name"], a["articles"]) for a in ranked[:top]]
        print(f"  top {kind}s: " + ", ".join(f"{a['name']} ({a['articles']})" for a in ranked[:top]))
    full = defaultdict(list)
    for actor in actors:
        words = actor["name"].split()
        if actor["type"] == "person" and len(words) > 1:
            full[fold_key(words[-1])].append(actor["name"])
    split = [
        (a["name"], a["articles"], full[fold_key(a["name"])])
        for a in actors
        if a["type"] == "person" and " " not in a["name"] and len(full[fold_key(a["name"])]) == 1
    ]
    split.sort(key=lambda item: -item[1])
    result["split"] = split
    print("  one-word persons beside the one full name they end: "
          + (", ".join(f"{n} ({c}) / {f[0]}" for n, c, f in split[:top]) or "none"))  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, help="labelled JSONL sets (default: all in ner-dev)")
    parser.add_argument("--top", type=int, default=20, help="missed and wrong names to list per type")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--folds", action="store_true", help="judge the tagger on held-out halves")
    args = parser.parse_args()
    paths = args.sets or sorted(SETS.glob("*.jsonl"))
    if not paths:
        raise SystemExit(f"no labelled sets given and none in {SETS}")
    if args.folds:
        results = two_fold(paths, args.top)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        return
    results = {}
    for path in paths:
        documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        with tempfile.TemporaryDirectory() as work:
            records, seconds = build(documents, Path(work))
        scores = score(documents, records)
        size = sum(len(doc["text"].encode()) for doc in documents)
        speed = finding_speed(documents, documents[0]["lang"])
        print(
            f"\n== {path.stem}: {len(documents)} articles, {size / 1e6:.2f} MB, built in {seconds:.1f} s; "
            f"actor finding {speed:.2f} MB/s on one core"
        )
        print(f"{'':14} {'P':>6} {'R':>6} {'F1':>6}   (tp / fp / fn)")
        for group, s in scores.items():
            print(
                f"{LABELS[group]:14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   ({s.tp} / {s.fp} / {s.fn})"
            )
        for group, s in scores.items():
            if args.top:
                print(
                    f"  {LABELS[group]} missed: "
                    + ", ".join(f"{n} ({c})" for n, c in s.missed.most_common(args.top))
                )
                print(
                    f"  {LABELS[group]} wrong:  "
                    + ", ".join(f"{n} ({c})" for n, c in s.wrong.most_common(args.top))
                )
        results[path.stem] = {"finding_mb_per_s": speed} | {
            LABELS[group]: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp,
                            "fn": s.fn}
            for group, s in scores.items()
        }  # fmt: skip
    for path in sorted(NEWS.glob("*.jsonl")) if not args.sets else []:
        documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        speed = finding_speed(documents, documents[0].get("lang") or "en")
        size = sum(len(doc["text"].encode()) for doc in documents)
        print(
            f"\n== {path.stem} (unlabelled): {size / 1e6:.2f} MB, actor finding {speed:.2f} MB/s on one core"
        )
        results[path.stem] = {"finding_mb_per_s": speed}
    if not args.sets:
        with tempfile.TemporaryDirectory() as work:
            results["mixed archive"] = mixed_archive(paths + sorted(NEWS.glob("*.jsonl")), Path(work), 40)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
