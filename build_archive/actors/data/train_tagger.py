"""Train the CRF tagger of actor finding (`build_archive/actors/tagger.py`) from labelled news.

    .venv/bin/python -m build_archive.actors.data.train_tagger PATH [PATH ...] [--out FILE]

PATH is a folder of labelled sets in the common JSONL form of ../shared/data/ner-dev (one
document a line: `set`, `lang`, `text`, `mentions` [{type, start, end}]) or such a file. The
data is read where it lies, never copied into the repository; the model is written to
`build_archive/actors/data/tagger.crfsuite` unless --out says otherwise.

The tagger is trained on exactly what it sees at run time: the stretches of text around the
capitalised words that the lists and rules leave untyped (`tagger.chunks`), with the lists' and
rules' findings as features. Labels are BIO of PER, LOC and ORG; every other type is O. A set
whose annotation is not exhaustive (MEANTIME marks only the entities of its cross-document
chains) would teach the model that unmarked names are no names, so from such a set only the
stretches whose every capitalised word is marked (or is an everyday word opening a sentence)
are used. L1 regularisation drops the features that do not earn their weight, which keeps the
model small. The same data gives the same model, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...folding import fold
from ..find import find_evidence_mentions
from ..lexicon import load_lexicon
from ..tagger import MODEL, Word, chunks, features_for, known_kinds, sequence_features, tokenise, triggers

# Sets whose annotation leaves names unmarked: only their fully marked stretches are used.
PARTIAL_SETS = ("meantime",)
TYPES = ("PER", "LOC", "ORG")
# L1 and L2 weights and iterations of L-BFGS: L1 prunes the features that do not earn their
# place (a model of a few MB at most), L2 keeps the rest from overfitting the small sets.
PARAMETERS = {"c1": 0.3, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
# Whether to learn from the stretches around every capitalised word, the names the lists and
# rules found included (more examples of what a name looks like), or only from those the
# tagger will meet.
EVERY = True
# How everyday (Zipf) a sentence-opening word must be to count as no name in a partial set.
OPENING_WORD = 3.0


@dataclass(frozen=True)
class Example:
    """One stretch of a document: the features of its words and their gold labels."""

    features: list[list[str]]
    labels: list[str]


def read_documents(paths: Iterable[Path]) -> list[dict]:
    """Every document of the labelled sets at these paths (folders: their *.jsonl files)."""
    documents: list[dict] = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            with open(file, encoding="utf-8") as lines:
                documents.extend(json.loads(line) for line in lines if line.strip())
    return documents


def gold_labels(words: Sequence[Word], mentions: Iterable[dict]) -> tuple[list[str], list[bool]]:
    """The BIO label of each word (PER, LOC, ORG; other types O), and whether a word lies in
    any marked mention at all (MISC included)."""
    labels = ["O"] * len(words)
    marked = [False] * len(words)
    for mention in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        inside = [i for i, w in enumerate(words) if w.start < mention["end"] and w.end > mention["start"]]
        for position, index in enumerate(inside):
            marked[index] = True
            if mention["type"] in TYPES and labels[index] == "O":
                labels[index] = ("B-" if position == 0 else "I-") + mention["type"]
    return labels, marked


def examples(document: dict) -> list[Example]:
    """The training stretches of one document, as the tagger would meet them in the build."""
    text, lang = document["text"], document["lang"]
    lexicon = load_lexicon(lang)
    folded = fold(text)
    found = find_evidence_mentions(text, folded, lexicon, lang)
    words = tokenise(text)
    known = known_kinds(words, found)
    starts = set(triggers(text, folded, found, lexicon, lang, every=EVERY))
    labels, marked = gold_labels(words, document.get("mentions", []))
    partial = str(document.get("set", "")).startswith(PARTIAL_SETS)
    features = features_for(lexicon, lang)
    result = []
    for first, last in chunks(words, starts):
        if partial and not all(
            marked[i]
            or not words[i].capitalised
            or (words[i].first and lexicon.zipf(fold(words[i].text), lang) >= OPENING_WORD)
            for i in range(first, last)
        ):
            continue
        result.append(Example(sequence_features(words, first, last, known, features), labels[first:last]))
    return result


def train(documents: Iterable[dict], out: Path) -> int:
    """Train on the documents and write the model to `out`; the number of stretches used."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(PARAMETERS)
    count = 0
    for document in documents:
        for example in examples(document):
            trainer.append(example.features, example.labels)
            count += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    # crfsuite writes the file itself; written beside it and renamed, a reader never sees half.
    with tempfile.TemporaryDirectory(dir=out.parent) as work:
        partial = Path(work) / out.name
        trainer.train(str(partial))
        partial.replace(out)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="labelled JSONL sets, or folders of them")
    parser.add_argument("--out", type=Path, default=MODEL, help=f"model file (default {MODEL})")
    args = parser.parse_args()
    documents = read_documents(args.paths)
    if not documents:
        raise SystemExit("no labelled documents found")
    count = train(documents, args.out)
    print(f"{len(documents)} documents, {count} stretches: {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
