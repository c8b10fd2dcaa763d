"""What can be derived from an article's text when its source does not say: title, date, language.

Real raw input (like the seed) has no title line, no date and no metadata, so these rules decide
what a reader sees first; they must stay predictable, hence plain rules rather than guesses.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..cache import load_keyed, save_keyed

TITLE_MAX = 90  # characters; a derived title longer than this is cut at a word boundary
TITLE_LINE_MAX = 120  # a first line up to this long, without a final full stop, is a title

# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets) before a
# space and a capital, digit or opening quote. Abbreviations such as "dhr." or "o.a." are
# followed by a lower-case word and so do not end a sentence.
_SENTENCE_END = re.compile(r"""(?<=[.!?])["'”’»)\]]*\s+(?=["'“‘«(\[]?[A-ZÀ-ÖØ-ÞĀ-ſ0-9])""")


class Titled(NamedTuple):
    """A text as its title and its body."""

    title: str
    body: str


def split_title(text: str) -> Titled:
    """The title and the body: a short first line without a final full stop is a title line and
    leaves the body; otherwise the title is the first sentence and the body is the whole text."""
    stripped = text.strip()
    if not stripped:
        return Titled("", "")
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if rest.strip() and len(first) <= TITLE_LINE_MAX and not first.endswith("."):
        return Titled(clean_title(first), rest.strip())
    return Titled(clean_title(first_sentence(first)), stripped)


def first_sentence(paragraph: str) -> str:
    match = _SENTENCE_END.search(paragraph)
    return paragraph[: match.start()] if match else paragraph


def clean_title(title: str) -> str:
    """Collapse white space and cut long titles at a word boundary, marking the cut."""
    title = " ".join(title.split())
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]  # a headline has no final full stop
    if _wholly_quoted(title):
        title = title[1:-1].strip()
    if len(title) <= TITLE_MAX:
        return title
    cut = title[:TITLE_MAX]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def _wholly_quoted(title: str) -> bool:
    return len(title) > 2 and title[0] in "'\"‘“" and title[-1] in "'\"’”"


# --- dates -----------------------------------------------------------------------------------

_DATE_LOCALES = ("nl", "en", "de", "fr")


@cache
def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations in the archive's main languages, from CLDR via Babel."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in _DATE_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[name.lower().rstrip(".")] = number
    names["sept"] = 9
    return names


_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WORDS = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)
# Weekday names and filler words that may surround a date line ("zaterdag 12 februari 2022, 10:31").
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?:\s*(?:uur|u|am|pm|AM|PM))?\b")


def parse_date(value: object) -> dt.date | None:
    """A date from a front matter value or a line of text, in any common form, or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 60:
        return None
    for pattern, order in ((_ISO, "ymd"), (_NUMERIC_DMY, "dmy"), (_COMPACT, "ymd")):
        match = pattern.fullmatch(text)
        if match:
            return _make_date(match.groups(), order)
    return _parse_worded(text)


def _make_date(parts: tuple[str, ...], order: str) -> dt.date | None:
    values = dict(zip(order, (int(p) for p in parts), strict=True))
    try:
        return dt.date(values["y"], values["m"], values["d"])
    except ValueError:
        return None


def _parse_worded(text: str) -> dt.date | None:
    """'12 februari 2022', 'zaterdag 12 feb. 2022 10:31', 'February 12, 2022'."""
    months = _month_numbers()
    weekdays = _weekday_names()
    day = month = year = None
    for token in _WORDS.findall(_TIME.sub(" ", text)):
        word = token.lower().rstrip(".")
        if word.isdecimal():
            number = int(word)
            if len(word) == 4 and year is None:
                year = number
            elif len(word) <= 2 and day is None:
                day = number
            else:
                return None
        elif word in months and month is None:
            month = months[word]
        elif word in weekdays or word in {"de", "the", "le", "den", "op", "on", "am", "of"}:
            continue
        else:
            return None
    if day is None or month is None or year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@cache
def _weekday_names() -> frozenset[str]:
    from babel.dates import get_day_names

    return frozenset(
        name.lower().rstrip(".")
        for locale in _DATE_LOCALES
        for width in ("wide", "abbreviated")
        for name in get_day_names(width, "format", locale).values()
    )


_FILENAME_DATE = re.compile(r"(?<![0-9A-Za-z])(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?![0-9A-Za-z])")


def date_from_filename(name: str) -> dt.date | None:
    """A date written into a file name ('2022-02-12-biden.txt', 'nos_20220212.txt')."""
    for match in _FILENAME_DATE.finditer(name):
        found = _make_date(match.groups(), "ymd")
        if found and 1800 <= found.year <= 2200:
            return found
    return None


class Dated(NamedTuple):
    """A text and the date its first line gave (None: no such line, the text as it was)."""

    date: dt.date | None
    text: str


def split_leading_date(text: str) -> Dated:
    """A first non-empty line that is only a date dates the article and leaves the text."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    found = parse_date(first)
    return Dated(found, rest) if found else Dated(None, text)


# --- language --------------------------------------------------------------------------------


_MODEL_CACHE: Path | None = None  # the build's cache folder, where the unpacked model is kept
_IDENTIFIER = None  # py3langid's LanguageIdentifier, once loaded


def use_model_cache(folder: Path | None) -> None:
    """Keep the unpacked language model in `folder` (the build's cache folder): py3langid ships
    it LZMA-compressed, and every process that classifies a text would unpack it again; the
    unpacked copy loads far sooner."""
    global _MODEL_CACHE
    _MODEL_CACHE = folder


def load_language_model() -> None:
    """Load the language model now: processes forked afterwards share it instead of each
    loading it again."""
    _identifier()


def _model_key() -> str | None:
    """What the unpacked model depends on: py3langid's release and its model file, and Python
    (the pickle holds py3langid's own classes and numpy arrays). None when this py3langid does
    not say where its model is: then nothing is kept."""
    import sys

    import py3langid
    from py3langid import langid

    try:
        model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
        st = model.stat()
    except (AttributeError, OSError):
        return None
    return repr((1, py3langid.__version__, str(model), st.st_size, st.st_mtime_ns, sys.version))


def _identifier():
    """py3langid's identifier: from the unpacked copy in the cache folder when it is there and
    made from the same model, else unpacked by py3langid (and then saved for the next process).
    The copy is the very object py3langid builds, pickled, so it classifies exactly the same."""
    global _IDENTIFIER
    if _IDENTIFIER is not None:
        return _IDENTIFIER
    import py3langid
    from py3langid import langid

    key = _model_key()
    path = _MODEL_CACHE / "language-model.pickle" if _MODEL_CACHE is not None and key else None
    kept = load_keyed(path, key) if path is not None else None
    if isinstance(kept, langid.LanguageIdentifier):
        _IDENTIFIER = kept
        return kept
    py3langid.classify("")  # py3langid's own loader, with its defaults
    _IDENTIFIER = langid.IDENTIFIER
    if path is not None:
        save_keyed(path, key, _IDENTIFIER)
    return _IDENTIFIER


def detect_language(text: str, default: str) -> str:
    """ISO 639-1 code of the text's language; the site's language when the text is too short
    to tell (a handful of words gives no reliable signal)."""
    sample = text[:4000]
    if len(sample.split()) < 4:
        return default
    lang, _score = _identifier().classify(sample)
    return lang
