"""Readers: raw files in any supported format become `Article`s, or `Skipped` with the reason.

One reader per format, all ending in `make_article`, so that every format gets the same title,
date and language rules. A reader never raises for bad input: the build must go on with the
rest of the archive and report the file by name.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from .derive import date_from_filename, detect_language, parse_date, split_leading_date, split_title
from .folding import fold
from .model import Article, Skipped
from .pages import base_slug

Result = Article | Skipped
CORRECTION_KEYS = ("persons", "countries", "organisations", "places", "not_actors")


class BadInput(Exception):
    """The input cannot be published; the message says why, for the build report."""


def article_files(source: Path) -> Iterator[tuple[str, str] | Skipped]:
    """Every file below the articles folder as (path, path relative to the folder), in a stable
    order (any depth). Symbolic links are followed only where they stay inside the folder: a
    link must not publish a file from elsewhere on the machine, and a link back up the tree
    must not loop. String paths and os.path: pathlib's objects cost more than the system calls,
    at 100,000 files on every build."""
    root = source.resolve()
    seen = {root}
    for folder, subfolders, files in os.walk(source, followlinks=True):
        here = os.path.relpath(folder, source)
        prefix = "" if here == "." else here.replace(os.sep, "/") + "/"
        for name in sorted(subfolders):
            real = Path(folder, name).resolve()
            if not real.is_relative_to(root):
                subfolders.remove(name)
                yield Skipped(prefix + name, "link to a folder outside the source folder: not followed")
            elif real in seen:
                subfolders.remove(name)
                yield Skipped(prefix + name, "link loop: this folder is already read")
            else:
                seen.add(real)
        subfolders.sort()
        for name in sorted(files):
            full = os.path.join(folder, name)
            # Only a link can lead outside (the folders walked are inside): resolve just those.
            if os.path.islink(full) and not Path(full).resolve().is_relative_to(root):
                yield Skipped(prefix + name, "link to a file outside the source folder")
            elif os.path.isfile(full):
                yield full, prefix + name


def read_path(path: Path, root: Path, default_lang: str, max_bytes: int) -> Iterator[Result]:
    """All articles in one raw file; a file that cannot be read at all yields one `Skipped`."""
    rel = path.relative_to(root).as_posix()
    reader = READERS.get(path.suffix.lower())
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        yield Skipped(rel, "hidden file (name starts with a dot)")
        return
    if reader is None:
        yield Skipped(
            rel, f"unsupported file type {path.suffix or '(none)'!r}; use .txt, .md, .json or .jsonl"
        )
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadInput(f"too large: {size:,} bytes, the limit is {max_bytes:,}")
        text = decode(path.read_bytes())
        yield from reader(text, rel, default_lang)
    except BadInput as problem:
        yield Skipped(rel, str(problem))
    except FileNotFoundError:
        yield Skipped(rel, "disappeared during the build (deleted or renamed while the archive was read)")
    except OSError as problem:
        yield Skipped(rel, f"cannot be read: {problem.strerror or problem}")


# Tried in this order: Western European first (the archive is Dutch first), then the rest.
LEGACY_ENCODINGS = (["cp1252", "latin_1", "iso8859_15"], ["cp1250", "iso8859_2", "cp1251", "koi8_r"])


def decode(raw: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or a legacy 8-bit
    encoding of European news (Windows-1252, Latin-1, ...) as charset-normalizer detects it;
    anything else is `BadInput`."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _clean(raw.decode("utf-16"))
        except UnicodeDecodeError as error:
            raise BadInput(f"undecodable UTF-16 at byte {error.start}") from None
    if b"\x00" in raw[:8192]:
        raise BadInput("binary file (contains NUL bytes), not text")
    try:
        return _clean(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        from charset_normalizer import from_bytes

        best = None
        for encodings in LEGACY_ENCODINGS:
            best = best or from_bytes(raw, cp_isolation=encodings).best()
        if best is None:
            raise BadInput(
                f"undecodable: not UTF-8 (invalid byte at offset {error.start}) nor a known 8-bit encoding"
            ) from None
        return _clean(str(best))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """Unix newlines and no control characters: they would only break pages and indexes."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_txt(text: str, rel: str, default_lang: str) -> Iterator[Result]:
    yield make_article(rel, body=text, meta={}, default_lang=default_lang)


def read_md(text: str, rel: str, default_lang: str) -> Iterator[Result]:
    meta, body = split_front_matter(text)
    first, _, rest = body.lstrip().partition("\n")
    if "title" not in meta and first.startswith("#"):
        meta, body = {**meta, "title": first.lstrip("#").strip()}, rest
    article = make_article(rel, body=body, meta=meta, default_lang=default_lang)
    yield replace(article, notes=front_matter_notes(meta))


FRONT_MATTER_KEYS = {"title", "date", "lang", "language", "source_url", "url", "author", *CORRECTION_KEYS}


def front_matter_notes(meta: dict[str, Any]) -> tuple[str, ...]:
    """What an article's front matter says that cannot be used: the article is published with
    what can be trusted, and the editor is told what was left out and why."""
    notes = []
    unknown = sorted(str(key) for key in meta if key not in FRONT_MATTER_KEYS)
    if unknown:
        notes.append(f"unknown front matter key(s) {', '.join(unknown)}: ignored")
    if "title" in meta and not (isinstance(meta["title"], str | int | float) and str(meta["title"]).strip()):
        notes.append("title is not text: the title is derived from the body")
    if meta.get("date") is not None and parse_date(meta["date"]) is None:
        notes.append(f"date {meta['date']!r} not understood: dated from the text or file name, if at all")
    for key in CORRECTION_KEYS:
        value = meta.get(key)
        if value is not None and not (
            isinstance(value, str)
            or (isinstance(value, list) and all(isinstance(v, str | int) for v in value))
        ):
            notes.append(f"{key} must be a name or a list of names: ignored")
    return tuple(notes)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        raise BadInput("front matter starts with '---' but never ends")
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 2}" if where else ""
        raise BadInput(f"malformed YAML front matter{line}: {getattr(error, 'problem', error)}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise BadInput("front matter is not a mapping of keys to values")
    return meta, text[end + 4 :].lstrip("-\n")


def read_json(text: str, rel: str, default_lang: str) -> Iterator[Result]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(f"invalid JSON at line {error.lineno}: {error.msg}") from None
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, start=1):
        yield _from_object(item, f"{rel}#{number}" if isinstance(data, list) else rel, default_lang)


def read_jsonl(text: str, rel: str, default_lang: str) -> Iterator[Result]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{rel}#{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(where, f"invalid JSON on line {number}: {error.msg}")
            continue
        yield _from_object(item, where, default_lang)


def _from_object(item: object, where: str, default_lang: str) -> Result:
    if not isinstance(item, dict):
        return Skipped(where, "not a JSON object")
    body = item.get("text", item.get("body"))
    if not isinstance(body, str):
        return Skipped(where, "no 'text' or 'body' string")
    meta = dict(item)
    if "url" in meta and "source_url" not in meta:
        meta["source_url"] = meta["url"]
    try:
        return make_article(where, body=body, meta=meta, default_lang=default_lang)
    except BadInput as problem:
        return Skipped(where, str(problem))


READERS: dict[str, Callable[[str, str, str], Iterator[Result]]] = {
    ".txt": read_txt,
    ".md": read_md,
    ".markdown": read_md,
    ".json": read_json,
    ".jsonl": read_jsonl,
}


def make_article(source: str, body: str, meta: dict[str, Any], default_lang: str) -> Article:
    """One Article from a body and whatever metadata the source gave; the rest is derived.
    Texts from JSON or YAML values are cleaned like file contents: an escaped control character
    must not reach a page either."""
    body = _clean(body)
    date = parse_date(meta.get("date"))
    if date is None:
        leading, body = split_leading_date(body)
        date = leading or date_from_filename(source.rsplit("/", 1)[-1])
    title = meta.get("title")
    if isinstance(title, str | int | float) and _clean(str(title)).strip():
        title, body = " ".join(_clean(str(title)).split()), body.strip()
    else:
        title, body = split_title(body)
    if not body:
        raise BadInput("empty: no text")
    lang = meta.get("lang") or meta.get("language")
    lang = str(lang).strip().lower()[:8] if lang else detect_language(body, default_lang)
    identity = f"{title}\0{date}\0{lang}\0{body}"
    article_id = hashlib.sha1(source.encode()).hexdigest()[:12]
    return Article(
        id=article_id,
        title=title,
        body=body,
        source=source,
        content_hash=hashlib.sha256(identity.encode()).hexdigest(),
        lang=lang,
        date=date,
        slug=base_slug(title, article_id),
        source_url=_optional_str(meta.get("source_url")),
        author=_optional_str(meta.get("author")),
        corrections=_corrections(meta),
        text_hash=hashlib.sha1(" ".join(fold(body).split()).encode()).hexdigest(),
    )


def _optional_str(value: object) -> str | None:
    return str(value).strip() or None if isinstance(value, str | int | float) else None


def _corrections(meta: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """The editor's per-article actor lists; a single string counts as a list of one."""
    found = {}
    for key in CORRECTION_KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            names = tuple(str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip())
            if names:
                found[key] = names
    return found
