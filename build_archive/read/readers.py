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
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from io import BufferedReader
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import yaml

from ..cache import StatKey, key_of
from ..folding import fold
from ..model import Article, Skipped
from ..urls import base_slug
from .derive import date_from_filename, detect_language, parse_date, split_leading_date, split_title

Result = Article | Skipped
CORRECTION_KEYS = ("persons", "countries", "organisations", "places", "not_actors")


class BadInput(Exception):
    """The input cannot be published; the message says why, for the build report."""


class RawFile(NamedTuple):
    """A raw file found below the articles folder."""

    path: str  # a local path, or the URL of a file in an fsspec file system
    rel: str  # relative to the articles folder, with "/": what the report and the cache name it by
    key: StatKey | None = None  # for a URL, what its file system tells of it; a local file is stat'ed


def is_url(location: str | Path) -> bool:
    """An fsspec URL (`s3://bucket/news`, `file:///srv/news`) rather than a local path."""
    return isinstance(location, str) and "://" in location


def article_files(source: Path | str) -> Iterator[RawFile | Skipped]:
    """Every file below the articles folder, in a stable
    order (any depth). Symbolic links are followed only where they stay inside the folder: a
    link must not publish a file from elsewhere on the machine, and a link back up the tree
    must not loop. String paths and os.path: pathlib's objects cost more than the system calls,
    on every file of the archive at every build."""
    if is_url(source):
        yield from _url_files(str(source))
        return
    source = Path(source)
    root = source.resolve()
    yield from _local_files(str(source), "", root, {root})


def _local_files(folder: str, prefix: str, root: Path, seen: set[Path]) -> Iterator[RawFile | Skipped]:
    """`article_files` of a local folder: its files sorted by name, then its folders' files.
    One `scandir` per folder and one stat per file, which is the key the build cache compares
    (a file's type comes with its entry)."""
    try:
        with os.scandir(folder) as listed:
            entries = sorted(listed, key=lambda entry: entry.name)
    except OSError:  # a folder that cannot be listed is passed over, as `os.walk` does
        return
    subfolders = []
    for entry in entries:
        if not _is_dir(entry):
            continue
        real = Path(entry.path).resolve()
        if not real.is_relative_to(root):
            yield Skipped(prefix + entry.name, "link to a folder outside the source folder: not followed")
        elif real in seen:
            yield Skipped(prefix + entry.name, "link loop: this folder is already read")
        else:
            seen.add(real)
            subfolders.append(entry)
    for entry in entries:
        if _is_dir(entry):
            continue
        # Only a link can lead outside (the folders walked are inside): resolve just those.
        if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(root):
            yield Skipped(prefix + entry.name, "link to a file outside the source folder")
        elif _is_file(entry):
            yield RawFile(entry.path, prefix + entry.name, _stat_key(entry))
    for entry in subfolders:
        yield from _local_files(entry.path, f"{prefix}{entry.name}/", root, seen)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _stat_key(entry: os.DirEntry) -> StatKey | None:
    """The file's size, modification time and inode, as `cache.stat_key` gives them."""
    try:
        st = entry.stat()
    except OSError:  # gone since it was listed: read (and reported) as the build finds it
        return None
    return key_of(st)


def _url_files(url: str) -> Iterator[RawFile]:
    """The files below a folder of an fsspec file system, in the same order as a local folder's,
    each keyed by its size and what the file system says of its version (modification time,
    ETag, generation), so that an unchanged file is not read again."""
    import fsspec  # the `dask` extra's: only an archive kept in such a file system needs it

    fs, base = fsspec.core.url_to_fs(url)
    base = base.rstrip("/")
    found = fs.find(base, detail=True)
    for path in sorted(found, key=lambda p: _walk_order(p[len(base) + 1 :])):
        info = found[path]
        rel = path[len(base) + 1 :]
        version = "\0".join(
            str(info.get(name))
            for name in ("mtime", "LastModified", "updated", "created", "ETag", "generation")
        )
        key = (
            int(info.get("size") or 0),
            int(hashlib.blake2b(version.encode(), digest_size=7).hexdigest(), 16),
            0,
        )
        yield RawFile(fs.unstrip_protocol(path), rel, key)


def _walk_order(rel: str) -> list[tuple[int, str]]:
    """A folder's files before its subfolders, each sorted, as `os.walk` lists a local folder."""
    *folders, name = rel.split("/")
    return [(1, folder) for folder in folders] + [(0, name)]


def open_binary(path: str) -> BufferedReader:
    """A raw file opened for reading where it lives: a local path, or a URL through fsspec."""
    if not is_url(path):
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    import fsspec

    return BufferedReader(fsspec.open(path, "rb").open())


def read_path(path: Path, root: Path, default_lang: str, max_bytes: int) -> Iterator[Result]:
    """All articles in one raw file below `root` (see `read_file`)."""
    yield from read_file(str(path), path.relative_to(root).as_posix(), default_lang, max_bytes)


def read_file(path: str, rel: str, default_lang: str, max_bytes: int) -> Iterator[Result]:
    """All articles in one raw file (a local path or a URL, `rel` its name below the articles
    folder); a file that cannot be read at all yields one `Skipped`.
    `max_bytes` limits one article: a file of many (JSON Lines, a JSON list, a web archive) is
    streamed record by record, and a record over the limit is reported by its line or number
    while the rest of the file is published."""
    kind = file_kind(rel.rsplit("/", 1)[-1])
    if any(part.startswith(".") for part in rel.split("/")):
        yield Skipped(rel, "hidden file (name starts with a dot)")
        return
    if kind not in READERS and kind not in STREAMS:
        yield Skipped(rel, f"unsupported file type {kind or '(none)'!r}; use {', '.join(FORMATS)}")
        return
    try:
        with open_binary(path) as handle:
            if kind in STREAMS:
                yield from STREAMS[kind](handle, rel, default_lang, max_bytes)
                return
            size = handle.seek(0, os.SEEK_END)
            if size > max_bytes:
                raise BadInput(f"too large: {size:,} bytes, the limit is {max_bytes:,}")
            handle.seek(0)
            raw = handle.read()
        yield from READERS[kind](decode(raw), rel, default_lang)
    except BadInput as problem:
        yield Skipped(rel, str(problem))
    except FileNotFoundError:
        yield Skipped(rel, "disappeared during the build (deleted or renamed while the archive was read)")
    except OSError as problem:
        yield Skipped(rel, f"cannot be read: {problem.strerror or problem}")


def file_kind(name: str) -> str:
    """The format a file name says: its suffix in lower case, with `.warc.gz` as one."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return ".warc.gz"
    return os.path.splitext(lower)[1]


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


class FrontMatter(NamedTuple):
    """A Markdown file's YAML front matter and the text after it."""

    meta: dict[str, Any]
    body: str


def split_front_matter(text: str) -> FrontMatter:
    if not text.startswith("---\n"):
        return FrontMatter({}, text)
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
    return FrontMatter(meta, text[end + 4 :].lstrip("-\n"))


CHUNK = 1 << 20  # bytes read at a time from a file of many articles


def stream_jsonl(handle: BufferedReader, rel: str, default_lang: str, max_bytes: int) -> Iterator[Result]:
    """One article per line, read a line at a time: a line over the limit is skipped unread
    (its bytes are passed over, never held) and reported with its number."""
    first = handle.peek(2)[:2] if hasattr(handle, "peek") else b""
    if first in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        # UTF-16 cannot be split at newline bytes: such a file is read whole, as one text.
        yield from _jsonl_text(decode(_read_limited(handle, max_bytes * 16)), rel, default_lang, max_bytes)
        return
    records = 0
    for number, raw, size in _lines(handle, max_bytes):
        where = f"{rel}#{number}"
        if raw is None:
            records += 1
            yield Skipped(where, f"line {number}: too large: {size:,} bytes, the limit is {max_bytes:,}")
            continue
        if not raw.strip():
            continue
        records += 1
        try:
            line = decode(raw)
        except BadInput as problem:
            yield Skipped(where, f"line {number}: {problem}")
            continue
        yield _from_json_text(line, where, f"line {number}", default_lang)
    if not records:
        yield Skipped(rel, "empty: no records")


def _jsonl_text(text: str, rel: str, default_lang: str, max_bytes: int) -> Iterator[Result]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            where = f"{rel}#{number}"
            if len(line.encode()) > max_bytes:
                yield Skipped(where, f"line {number}: too large, the limit is {max_bytes:,} bytes")
            else:
                yield _from_json_text(line, where, f"line {number}", default_lang)


def _read_limited(handle: BinaryIO, limit: int) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise BadInput(f"too large: over {limit:,} bytes")
    return data


class Line(NamedTuple):
    number: int
    data: bytes | None  # None for a line over the limit, passed over unread
    size: int


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[Line]:
    """Every line with its number and size; the bytes are None for a line longer than
    `max_bytes`, which is read past in chunks so that no line longer than the limit is held."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 2)  # the limit, a newline, and one byte more
        if not line:
            return
        number += 1
        if len(line.rstrip(b"\r\n")) <= max_bytes:
            yield Line(number, line, len(line))
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(CHUNK)
            if not line:
                break
            size += len(line)
        yield Line(number, None, size)


def _from_json_text(text: str, where: str, place: str, default_lang: str) -> Result:
    try:
        item = json.loads(text, strict=False)  # control characters are cleaned from the texts
    except json.JSONDecodeError as error:
        return Skipped(where, f"invalid JSON on {place}: {error.msg}")
    return _from_object(item, where, default_lang)


def stream_json(handle: BufferedReader, rel: str, default_lang: str, max_bytes: int) -> Iterator[Result]:
    """One article object, or a list of them streamed a record at a time, each within the limit
    (a record over it is passed over unparsed and reported with its number and line)."""
    head = handle.read(CHUNK)
    try:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        first = decoder.decode(head)
    except UnicodeDecodeError:
        first = None
    if first is None or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16, or a legacy 8-bit encoding to detect: read whole, like a one-article file.
        chunks: Iterator[str] = iter([decode(head + _read_limited(handle, max_bytes * 16))])
    else:

        def utf8_chunks(text: str) -> Iterator[str]:
            offset = len(head)
            yield text
            while True:
                data = handle.read(CHUNK)
                try:
                    yield decoder.decode(data, final=not data)
                except UnicodeDecodeError as error:
                    raise BadInput(f"not UTF-8: invalid byte at offset {offset + error.start:,}") from None
                if not data:
                    return
                offset += len(data)

        chunks = utf8_chunks(first)
    found = 0
    splitter = _ListSplitter(max_bytes, chunks)
    for record in splitter.records():
        found += 1
        number, line, text = record
        if not splitter.is_list:
            if text is None:
                raise BadInput(f"too large: more than the limit of {max_bytes:,} bytes")
            yield _from_json_text(text, rel, f"line {line}", default_lang)
            continue
        where = f"{rel}#{number}"
        place = f"record {number} (line {line})"
        if text is None:
            yield Skipped(where, f"{place}: too large: more than the limit of {max_bytes:,} bytes")
        else:
            yield _from_json_text(text, where, place, default_lang)
    if splitter.error:
        raise BadInput(splitter.error)
    if not found:
        raise BadInput("empty: no JSON object or list" if not splitter.is_list else "empty: an empty list")


class Record(NamedTuple):
    number: int  # the item's number in the list
    line: int  # the line it starts on
    text: str | None  # None when over the limit


class _ListSplitter:
    """The text of each item of a JSON list, from the file's text in chunks: a scanner that
    knows only strings, brackets and commas, so that one item at most is held at a time and an
    item longer than the limit is passed over (its text is None), never held whole. A file
    holding one value gives that value as its only item."""

    _TOKEN = re.compile(r'["\[\]{}]')
    _STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)
    _SPACE = re.compile(r"[ \t\r\n]*")
    _SCALAR_END = re.compile(r"[,\]\s]")

    def __init__(self, max_bytes: int, chunks: Iterator[str]) -> None:
        self.max_bytes = max_bytes
        self.chunks = chunks
        self.is_list = False
        self.error = ""
        self.buffer, self.pos = "", 0
        self.line, self.line_pos = 1, 0  # the line number at buffer index line_pos
        self.keep: int | None = None  # start of the item being scanned, if it is to be kept

    def _line_at(self, index: int) -> int:
        self.line += self.buffer.count("\n", self.line_pos, index)
        self.line_pos = index
        return self.line

    def _more(self) -> bool:
        """Read the next chunk, dropping what is scanned and not kept; False at the end."""
        cut = self.pos if self.keep is None else self.keep
        self._line_at(max(cut, self.line_pos))
        self.buffer, self.pos, self.line_pos = self.buffer[cut:], self.pos - cut, self.line_pos - cut
        if self.keep is not None:
            self.keep = 0
        for chunk in self.chunks:
            if chunk:
                self.buffer += chunk
                return True
        return False

    def _skip_space(self) -> bool:
        """Past white space to the next character; False at the end of the file."""
        while True:
            space = self._SPACE.match(self.buffer, self.pos)  # matches, if only nothing
            self.pos = space.end() if space else self.pos
            if self.pos < len(self.buffer):
                return True
            if not self._more():
                return False

    def _value_end(self, start: int) -> bool:
        """Scan one value that starts at `start` to its end (self.pos after it); False when the
        file ends inside it. Text is kept from `start` while it is within the limit."""
        self.keep = start
        char = self.buffer[start]
        if char not in '"[{':  # a number, true, false or null
            while (end := self._SCALAR_END.search(self.buffer, self.pos)) is None:
                if not self._more():
                    self.pos = len(self.buffer)
                    return True
            self.pos = end.start()
            return True
        depth, in_string = 0, False
        while True:
            if self.keep is not None and self.pos - self.keep > self.max_bytes:
                self.keep = None  # over the limit: passed over, no longer held
            if in_string:
                found = self._STRING_REST.match(self.buffer, self.pos)
                if found is None:
                    # unclosed in this chunk: scan on from its end (or from a final backslash,
                    # whose escaped character is in the next chunk)
                    tail = len(self.buffer) - len(self.buffer.rstrip("\\"))
                    self.pos = len(self.buffer) - (tail % 2)
                    if not self._more():
                        return False
                    continue
                self.pos, in_string = found.end(), False
                if depth == 0:
                    return True
                continue
            token = self._TOKEN.search(self.buffer, self.pos)
            if token is None:
                self.pos = len(self.buffer)
                if not self._more():
                    return False
                continue
            self.pos = token.end()
            kind = token.group()
            if kind == '"':
                in_string = True
            elif kind in "[{":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return True

    def records(self) -> Iterator[Record]:
        """Every item with its number, the line it starts on, and its text (None when over the limit)."""
        if not self._skip_space():
            return
        if self.buffer[self.pos] == "[":
            self.is_list = True
            self.pos += 1
        number = 0
        while self._skip_space():
            char = self.buffer[self.pos]
            if self.is_list and char == "]":
                self.pos += 1
                if self._skip_space():
                    self.error = f"invalid JSON at line {self._line_at(self.pos)}: more after the list's end"
                return
            if self.is_list and char == "," and number:
                self.pos += 1
                if not self._skip_space():
                    break
                char = self.buffer[self.pos]
            elif number:
                expected = "',' or ']'" if self.is_list else "the end of the file"
                self.error = f"invalid JSON at line {self._line_at(self.pos)}: {expected} expected"
                return
            number += 1
            start_line = self._line_at(self.pos)
            if not self._value_end(self.pos):
                self.keep = None
                self.error = f"invalid JSON: the file ends inside record {number} (line {start_line})"
                return
            text = None
            if self.keep is not None:
                text = self.buffer[self.keep : self.pos]
                if len(text) * 4 > self.max_bytes and len(text.encode()) > self.max_bytes:
                    text = None
            self.keep = None
            yield Record(number, start_line, text)
        if self.is_list:
            self.error = "invalid JSON: the list never ends (no closing ']')"


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


def read_html(text: str, rel: str, default_lang: str) -> Iterator[Result]:
    yield html_article(text, rel, default_lang)


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)


def html_article(html: str, where: str, default_lang: str, fallback: dict[str, Any] | None = None) -> Article:
    """A saved news page's article: trafilatura takes the main text without menus, banners or
    comments, and the title, author, date (`<meta>`, JSON-LD, the page) and canonical URL; when
    it finds no main text, the page's `<title>` and the text of its body. Only text is taken:
    scripts, styles and markup never reach the page. `fallback` gives what the page does not
    (a web archive's capture date and URI)."""
    import trafilatura  # loaded only once a page is read
    from trafilatura.settings import Document

    meta: dict[str, Any] = {}
    body = ""
    found: Document | dict[str, Any] | None
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception:  # a page trafilatura cannot take apart still has a title and a body
        found = None
    if isinstance(found, Document) and found.text and found.text.strip():
        meta = {"title": found.title, "author": found.author, "date": found.date, "source_url": found.url}
        lines = [line.strip() for line in found.text.split("\n") if line.strip()]
        if lines and found.title and " ".join(lines[0].split()) == " ".join(found.title.split()):
            lines = lines[1:]  # the page's heading, which is the title
        body = "\n\n".join(lines)
    if not body:
        meta_title, body = _html_text(html)
        meta = {"title": meta_title}
    meta = {key: value for key, value in meta.items() if value}
    for key, value in (fallback or {}).items():
        meta.setdefault(key, value)
    lang = _HTML_LANG.search(html[:4096])
    if lang:
        meta["lang"] = lang.group(1).lower()
    return make_article(where, body=body, meta=meta, default_lang=default_lang)


HTML_TYPES = ("text/html", "application/xhtml+xml")
CAPTURES = ("response", "resource", "revisit")  # records that hold (or point to) a captured page


def stream_warc(handle: BufferedReader, rel: str, default_lang: str, max_bytes: int) -> Iterator[Result]:
    """A web archive (WARC, gzipped or not), streamed a record at a time: every HTML page
    captured with status 200 is an article, its target URI the source URL and its capture date
    the date when the page gives none. Every other capture is reported by its record number and
    why (not HTML, not 200, a duplicate, too large); records that are not captures (warcinfo,
    request, metadata) hold no page and are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _looks_like_warc(handle.peek(4096)[:4096]):
        raise BadInput("not a web archive: a WARC file starts with 'WARC/' (gzipped or not)")
    seen_uris: dict[str, int] = {}
    seen_digests: dict[str, int] = {}
    number = captures = 0
    try:
        for record in ArchiveIterator(handle):
            number += 1
            if record.rec_type not in CAPTURES:
                continue
            captures += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where, place = f"{rel}#{number}", f"record {number} ({uri or 'no URI'})"
            skipped = _warc_skip_reason(record, uri, number, seen_uris, seen_digests, max_bytes)
            if skipped:
                yield Skipped(where, f"{place}: {skipped}")
                continue
            try:
                html = _decode_http(record.content_stream().read(max_bytes + 1), record, max_bytes)
                captured = (record.rec_headers.get_header("WARC-Date") or "")[:10]
                fallback = {"date": captured, "source_url": uri or None}
                article = html_article(html, where, default_lang, fallback)
                yield replace(article, source_url=uri or article.source_url)
            except BadInput as problem:
                yield Skipped(where, f"{place}: {problem}")
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as error:
        raise BadInput(
            f"broken web archive after record {number}: {error}; the records before it are read"
        ) from None
    if not captures:
        raise BadInput("no captured pages (no response or resource records): not a web archive of pages?")


def _looks_like_warc(head: bytes) -> bool:
    """Whether a file starts as a WARC file does: warcio reads anything, even plain text, as
    records of some kind."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def _warc_skip_reason(
    record, uri: str, number: int, seen_uris: dict[str, int], seen_digests: dict[str, int], max_bytes: int
) -> str:
    """Why a captured record is no article, or "" when it is one."""
    if record.rec_type == "revisit":
        return "a revisit (the same page as an earlier capture): duplicate"
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    if status != "200":
        location = record.http_headers.get_header("Location")
        redirect = f" (a redirect to {location})" if location else ""
        return f"HTTP status {status}, not 200{redirect}"
    headers = record.http_headers or record.rec_headers
    kind = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        return f"not HTML ({kind or 'no content type'})"
    length = record.length or 0
    if length > max_bytes:
        return f"too large: {length:,} bytes, the limit is {max_bytes:,}"
    digest = record.rec_headers.get_header("WARC-Payload-Digest")
    if uri in seen_uris:
        return f"duplicate: the same URI as record {seen_uris[uri]}"
    if digest and digest in seen_digests:
        return f"duplicate: the same content as record {seen_digests[digest]}"
    seen_uris[uri] = number
    if digest:
        seen_digests[digest] = number
    return ""


def _decode_http(raw: bytes, record, max_bytes: int) -> str:
    """A captured page's text, in the charset its headers name, else as any raw file."""
    if len(raw) > max_bytes:
        raise BadInput(f"too large: over {max_bytes:,} bytes")
    headers = record.http_headers or record.rec_headers
    charset = re.search(r"charset=[\"']?([\w-]+)", headers.get_header("Content-Type") or "", re.I)
    if charset:
        try:
            return _clean(raw.decode(charset.group(1)))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw)


_HTML_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "pre", "blockquote", "td")


class PageText(NamedTuple):
    title: str | None  # the page's <title>
    body: str


def _html_text(html: str) -> PageText:
    """The `<title>` and the text of the body, without scripts, styles and templates."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return PageText(None, "")
    etree.strip_elements(root, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    title = root.findtext(".//title")
    body = root.find("body")
    top = body if body is not None else root
    blocks = [" ".join(block.text_content().split()) for block in top.iter(*_HTML_BLOCKS)]
    if not any(blocks):
        blocks = [" ".join(top.text_content().split())]
    return PageText(
        " ".join(title.split()) if title else None, "\n\n".join(dict.fromkeys(b for b in blocks if b))
    )


READERS: dict[str, Callable[[str, str, str], Iterator[Result]]] = {
    ".txt": read_txt,
    ".md": read_md,
    ".markdown": read_md,
    ".html": read_html,
    ".htm": read_html,
}
# Files of many articles, read from an open binary file a record at a time (the limit per record).
STREAMS: dict[str, Callable[[BufferedReader, str, str, int], Iterator[Result]]] = {
    ".json": stream_json,
    ".jsonl": stream_jsonl,
    ".warc": stream_warc,
    ".warc.gz": stream_warc,
}
FORMATS = (".txt", ".md", ".json", ".jsonl", ".html", ".htm", ".warc", ".warc.gz")


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
