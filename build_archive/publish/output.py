"""Publishing the generated tree into `docs/`: the only stage that touches the output on disk.

The generated part of docs/ (`index.md`, `articles/`, `actors/`, `export/`) is published as a
whole or not at all. Each build that changes something writes a new generation under
`build/generated/<g>/` and then switches the symlink `build/generated/current` to it with one
rename(2); the four entries of docs/ are fixed relative symlinks through `current`. A build killed at any
moment (SIGKILL included) leaves the previous generation complete and in place, and the next
build removes what the killed one left behind.

Two generations are kept: the published one and the one before it. A build that changes
something patches the older one in place instead of linking every file into a new folder, so its
cost follows what changed, not the size of the archive: the older generation differs from the
published one only by what the last build wrote and removed (recorded in the published one's
manifest), so those files are linked from the published generation first, and then this build's
changes are written over it. The older generation is renamed to a new name before it is touched:
a build killed while patching leaves a folder that no manifest names as its base, which the next
build removes, linking a new generation from the published one instead.

Unchanged files are hard links into the previous generation: their bytes, inode and mtime stay
the same, so MkDocs' `--dirty` and its watcher see real changes only, and a build that changes
nothing writes nothing at all (`mkdocs serve` does not loop). The generations live outside
docs/: MkDocs walks every folder of docs/, even those it then excludes.

Each generation's manifest records, besides the digest of every file's bytes, the key a file was
made from (`Keyed`) and the tagged pieces a large file was made of (`Chunks`): the next build
keeps a file whose key is unchanged without making it again, and copies unchanged pieces from
the published copy. The manifest is written with the generation, so what it says always holds
for the files beside it, whatever happened to the build cache.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import marshal
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..cache import StatKey, held, recall, remember, stat_key

# The parts of docs/ that belong to the build; everything else there is hand-written.
GENERATED = ("index.md", "articles", "actors", "export")
MANIFEST = ".manifest"  # per generation: see Manifest
# mkstemp and mkdtemp create private files and folders; published ones get the usual modes.
_UMASK = os.umask(0)
os.umask(_UMASK)


@dataclass(frozen=True)
class Changes:
    """What one build changed in the published tree: the generation it started from and the one
    it published (the same when it changed nothing), and the paths written and removed. What
    `mkdocs serve --dirty` builds again, so that MkDocs never looks at the rest (plugin.py)."""

    previous: str | None
    current: str | None
    written: list[str]
    removed: list[str]


@dataclass(frozen=True)
class WriteStats:
    written: int
    removed: int
    cleaner: subprocess.Popen | None = None  # removing the replaced generation; wait before exit
    changes: Changes | None = None


class Written(NamedTuple):
    """A file made and written by another process into a `Staging` folder: the digest of its
    bytes, and whether it is there (not when the published generation holds these very bytes).
    What a `Keyed` or `Grouped` made elsewhere gives instead of its text."""

    digest: str
    written: bool


class Keyed(NamedTuple):
    """A file made by `make` from inputs whose digest is `key`. When the published copy was made
    from the same key, it is kept and `make` is not called: on a build that adds one article,
    that is every other article's page and most actor pages. A tuple: one is made for every
    file of the tree on every build, and a tuple costs the least to make."""

    key: str
    make: Callable[[], str | Written]


class Piece(NamedTuple):
    """A part of a `Chunks` file made by `make` from inputs whose digest is `tag` (or that is
    the tag itself: a string that changes whenever the inputs do)."""

    tag: str
    make: Callable[[], str]


class Grouped(NamedTuple):
    """Files made together by one `make` (path -> text) from inputs whose digest is `key`: an
    actor's dossier and feed, a month's listing. Given under a name of its own instead of a
    path. When the published generation holds the group under the same key and paths, its
    files are kept without a `Keyed` made, looked up and recorded for each: on a build that
    adds one article, that is nearly every group. Else `make` is called once, and a file whose
    bytes did not change is still kept."""

    key: str
    paths: list[str]
    make: Callable[[], Mapping[str, str | Written]]


class Tagged(NamedTuple):
    """A run of pieces of a `Chunks` file: piece `n` made by `make(n)` from inputs whose digest
    is `tags[n]`. One for the exports' lines of every article, so that a build makes a list of
    tags and no object per line: nearly all of them are copied, never made."""

    tags: list[str]
    make: Callable[[int], str]


@dataclass(frozen=True)
class Chunks:
    """A large file (the exports, which grow with the archive) made piece by piece, and written as
    it is made instead of being held whole. A piece whose tag the published copy holds is
    copied from it instead of being made again."""

    pieces: Iterable[str | Piece | Tagged]


class Spooled(NamedTuple):
    """A `Chunks` file spooled (`_spool`), by this process or another."""

    digest: str  # of the pieces' tags
    file: Path | None  # None: the published copy holds these very pieces
    layout: list[list]  # [tag, length] per piece


Content = str | bytes | Keyed | Grouped | Chunks | Spooled


class Carried(NamedTuple):
    """What a tree leaves out because the published generation `generation` holds it as the
    tree would make it: `Keyed` files by path and groups by name. A plan made from the keys of
    the build that published that generation knows which they are (the articles and actors that
    nothing changed), so a build that adds one article hands on its changes, not the archive."""

    generation: str
    paths: list[str]
    groups: list[str]


FORMAT = 3  # of the manifest; a generation written by another release shares nothing


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


@dataclass
class Manifest:
    """What one generation holds: path -> digest of its bytes (of its pieces' tags for `Chunks`
    files); path -> the key it was made from (`Keyed` files); path -> [tag, length] of each
    piece (`Chunks` files); group name -> [key, paths] (`Grouped` files). And how it differs from the generation it was made from (`base`):
    the paths its build wrote and removed, which the next build needs to patch that older
    generation into this one."""

    files: dict[str, str]
    keys: dict[str, str]
    pieces: dict[str, list[list]]
    groups: dict[str, list]  # name -> [key, paths] of each `Grouped`
    base: str | None = None
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class Published(NamedTuple):
    """The published generation's manifest, and whether its files are known to be there."""

    manifest: Manifest
    # Recalled from this process's memory (a warm builder's), whose build wrote the generation
    # and whose manifest file is as it was written: its files are the ones that build placed,
    # so they are not looked up one by one. Or read by this process, which found every file it
    # lists (`held_generation`). Files removed by hand from a published generation are made
    # again by the next build of another process (`mkdocs build`, `archive build`).
    held: bool


def _manifest(generation: Path | None) -> Manifest:
    return _published(generation).manifest


def _published(generation: Path | None) -> Published:
    """The manifest of `generation`, read with `marshal`: only ever read back by this code, from
    a file of our own generation, and many times faster to read and write than JSON on an
    archive of tens of thousands of files. One that another Python wrote (or none) reads as
    empty: the next build then shares nothing and writes a new one."""
    kept = recall(generation / MANIFEST, FORMAT) if generation else None  # a warm builder's
    if isinstance(kept, Manifest):
        return Published(kept, True)
    checked = _take_checked(generation)
    if checked is not None:
        return Published(checked, True)
    try:
        data = marshal.loads((generation / MANIFEST).read_bytes()) if generation else {}
        if isinstance(data, dict) and data.get("format") == FORMAT:
            manifest = Manifest(
                data["files"],
                data["keys"],
                data["pieces"],
                data["groups"],
                data.get("base"),
                data.get("written", []),
                data.get("removed", []),
            )
            return Published(manifest, False)
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        pass  # a generation without a readable manifest shares nothing: all is made again
    return Published(Manifest({}, {}, {}, {}), False)


def current_generation(root: Path) -> Path | None:
    link = root / "current"
    return (root / os.readlink(link)) if link.is_symlink() and link.exists() else None


# The published generation's manifest as this process read it and found every file it lists in
# place (`held_generation`): `write_tree` takes it from here instead of reading it again, and
# trusts its files as a warm builder trusts the manifest it holds. Path, the manifest file's stat.
_checked: tuple[Path, StatKey | None, Manifest] | None = None


def _take_checked(generation: Path | None) -> Manifest | None:
    global _checked
    checked, _checked = _checked, None
    if generation is None or checked is None or checked[0] != generation / MANIFEST:
        return None
    return checked[2] if checked[1] == stat_key(str(checked[0])) else None


def held_generation(root: Path, expected: str | None) -> str | None:
    """The published generation's name, when it is `expected` (the one a plan's keys were made
    with) and what it holds can be carried as it is (`Carried`): this process holds its manifest
    (`Published.held`), or every file its manifest lists is there. A build of another process
    (`archive build`, `mkdocs build`) then carries what is unchanged as a warm builder does,
    instead of looking up and keying every page of the archive again; a file removed by hand
    from the published generation makes it carry nothing, so the file is made again."""
    global _checked
    generation = current_generation(root)
    if generation is None or generation.name != expected:
        return None
    if held(generation / MANIFEST, FORMAT):
        return generation.name
    manifest = generation / MANIFEST
    stat = stat_key(str(manifest))
    published = _published(generation).manifest
    folder = f"{generation}/"
    if not published.files or not all([os.path.isfile(folder + rel) for rel in published.files]):
        return None
    _checked = (manifest, stat, published)
    return generation.name


def kept_groups(root: Path) -> dict[str, list]:
    """The [key, paths] of each group of the published generation in `root`: a group given
    with the same ones is kept by `write_tree` without being made (if its files are still there)."""
    return _manifest(current_generation(root)).groups


class Staging:
    """Where processes other than the publishing one write the files of the tree they make, before
    it is published: a folder in `root` made as a new generation is. With no published generation
    it becomes the new one, and what was written there is already in place; else `write_tree`
    moves in the files that changed, and the folder goes with the replaced generations (as does
    one that a killed build left). Made before those processes fork, so that they share the
    published generation's manifest read here and send back digests, not pages."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.previous = current_generation(root)
        self.old, trusted = _published(self.previous)
        self.there = _held if trusted else functools.partial(_is_file, f"{self.previous}/")
        self.folder = _ready(Path(tempfile.mkdtemp(dir=root, prefix="g")))
        self._made: set[str] = set()  # the folders this process made or found in `folder`

    def needed(self, rel: str, content: Content) -> bool:
        """Whether `write_tree` would make `content` rather than keep the published copy."""
        if isinstance(content, Keyed | Grouped):
            return not _keeps(self.old, self.there, rel, content)
        return isinstance(content, Chunks)

    def make(self, rel: str, content: Keyed | Grouped | Chunks) -> Written | dict[str, Written] | Spooled:
        """`content` made, and its files written here unless the published copy has their bytes."""
        if isinstance(content, Keyed):
            return self._write(rel, content.make())
        if isinstance(content, Grouped):
            files = content.make()
            return {path: self._write(path, files[path]) for path in content.paths}
        return _spool(content.pieces, self.root, self.previous, rel, self.old.pieces.get(rel))

    def _write(self, rel: str, text: str | Written) -> Written:
        if isinstance(text, Written):
            raise TypeError(f"{rel} was made elsewhere already")
        data = _bytes(text)
        made = digest(data)
        if self.old.files.get(rel) == made and self.there(rel):
            return Written(made, False)
        # Each path of the tree is written once, into a folder that held nothing: no file to
        # replace (as `_place` must in a generation), and each folder made once per process.
        parent = os.path.dirname(rel)
        if parent not in self._made:
            os.makedirs(f"{self.folder}/{parent}", exist_ok=True)
            self._made.add(parent)
        with open(f"{self.folder}/{rel}", "xb") as handle:
            handle.write(data)
        return Written(made, True)


def _keeps(old: Manifest, there: Callable[[str], bool], rel: str, content: Keyed | Grouped) -> bool:
    """Whether the published generation (`old`) holds `content` as it is now, so that it is kept
    without being made."""
    if isinstance(content, Keyed):
        return old.keys.get(rel) == content.key and rel in old.files and there(rel)
    return old.groups.get(rel) == [content.key, content.paths] and all(
        path in old.files and there(path) for path in content.paths
    )


def write_tree(
    docs: Path,
    pages: Iterable[tuple[str, Content]],
    root: Path,
    carried: Carried | None = None,
    staging: Staging | None = None,
) -> WriteStats:
    """Publish `pages` (path in docs/ -> content, made one at a time as they are consumed, so
    that the tree is never whole in memory) and what is `carried` from the published generation
    as the generated part of `docs`, keeping the generations in `root`. The replaced generation
    is removed by a process of its own: on a large archive that takes seconds that the caller
    has other work for. What `pages` made elsewhere (`Written`) was written into `staging`."""
    root.mkdir(parents=True, exist_ok=True)
    previous = current_generation(root)
    old, trusted = _published(previous)
    there = _held if trusted else functools.partial(_is_file, f"{previous}/")
    manifest = Manifest({}, {}, {}, {})
    new = manifest.files
    if carried is not None:
        if previous is None or previous.name != carried.generation:
            raise ValueError(
                f"the tree carries files of generation {carried.generation}, not the published one"
            )
        for rel in carried.paths:
            new[rel], manifest.keys[rel] = old.files[rel], old.keys[rel]
        for name in carried.groups:
            group = manifest.groups[name] = old.groups[name]
            for path in group[1]:
                new[path] = old.files[path]
    generation: _Generation | None = None  # made at the first change
    changed: list[str] = []
    # The staging folder is the new generation when there is none to link or patch.
    adopted = staging.folder if staging is not None and previous is None else None

    def change(rel: str, data: bytes | Path | None) -> None:
        """`rel` changed: its new bytes, or the file to move in (None: in place already)."""
        nonlocal generation
        if generation is None:
            generation = _Generation(root, previous, old, adopted)
        if data is not None:
            generation.write(rel, data)
        changed.append(rel)

    def take(rel: str, made: Written) -> None:
        new[rel] = made.digest
        if made.written:  # else the published copy has its bytes, and is there
            assert staging is not None, "a file made elsewhere is written in the staging folder"
            change(rel, None if adopted is not None else Path(f"{staging.folder}/{rel}"))

    for rel, content in pages:
        data: bytes | Path | None = None
        if isinstance(content, Grouped):
            manifest.groups[rel] = [content.key, content.paths]
            if _keeps(old, there, rel, content):
                for path in content.paths:
                    new[path] = old.files[path]
                continue
            files = content.make()
            for path in content.paths:
                made = files[path]
                if isinstance(made, Written):
                    take(path, made)
                    continue
                data = _bytes(made)
                new[path] = digest(data)
                if old.files.get(path) != new[path] or not there(path):
                    change(path, data)
            continue
        if isinstance(content, Keyed):
            manifest.keys[rel] = content.key
            if _keeps(old, there, rel, content):
                new[rel] = old.files[rel]
            else:
                made = content.make()
                if isinstance(made, Written):
                    take(rel, made)
                    continue
                data = _bytes(made)
                new[rel] = digest(data)
        elif isinstance(content, Chunks | Spooled):
            spooled = (
                content
                if isinstance(content, Spooled)
                else _spool(content.pieces, root, previous, rel, old.pieces.get(rel))
            )
            new[rel], data, manifest.pieces[rel] = spooled.digest, spooled.file, spooled.layout
        else:
            data = _bytes(content)
            new[rel] = digest(data)
        # No data: the previous generation's copy is this file's (same key or same pieces).
        if data is None or (old.files.get(rel) == new[rel] and there(rel)):
            if isinstance(data, Path):
                data.unlink()
            continue  # the new generation links it, as it links every file of the previous one
        change(rel, data)
    removed = [rel for rel in old.files if rel not in new]
    before = previous.name if previous is not None else None
    if generation is None:
        if previous is not None and not removed and _same_files(manifest, old):
            _link_entries(docs, root)
            same = Changes(before, before, [], [])
            remember(previous / MANIFEST, FORMAT, old)
            return WriteStats(0, 0, _remove_other_generations(root, previous.name, old.base), same)
        generation = _Generation(root, previous, old, adopted)
    generation.finish(removed)
    if before is not None:  # what the next build needs to patch the generation before this one
        manifest.base, manifest.written, manifest.removed = before, changed, removed
    (generation.path / MANIFEST).write_bytes(marshal.dumps({"format": FORMAT, **vars(manifest)}))
    remember(generation.path / MANIFEST, FORMAT, manifest)
    switch = root / f".current-{generation.path.name}"
    os.symlink(generation.path.name, switch)
    os.replace(switch, root / "current")  # the one moment the published tree changes
    _link_entries(docs, root)
    changes = Changes(before, generation.path.name, changed, removed)
    return WriteStats(
        len(changed), len(removed), _remove_other_generations(root, generation.path.name, before), changes
    )


def _held(_rel: str) -> bool:
    return True


def _is_file(folder: str, rel: str) -> bool:
    return os.path.isfile(folder + rel)


def _same_files(made: Manifest, old: Manifest) -> bool:
    return (made.files, made.keys, made.pieces, made.groups) == (old.files, old.keys, old.pieces, old.groups)


PENDING = 32 << 20  # bytes of changed files held while the previous generation is linked
PATCHED_HERE = 2000  # paths to patch up to which a process of its own would cost more than it saves


class _Generation:
    """A new generation being written: the generation before the published one (`old.base`)
    patched into a copy of the published one when it is still as it was published, else a new
    folder with every file of the published generation hard-linked into it. Either is done by a
    process of its own (`link_generation`, `patch_generation`) on the core that this one leaves
    idle, unless the patch is small. Changed files are held (up to `PENDING` bytes, then waited
    for) until the links are in place, and then replace theirs."""

    def __init__(self, root: Path, previous: Path | None, old: Manifest, adopted: Path | None = None) -> None:
        self.linker: subprocess.Popen | None = None
        self.pending: list[tuple[str, bytes | Path]] = []
        self.held = 0
        if adopted is not None:  # a `Staging` folder, when there is no previous generation
            self.path = adopted
            return
        self.path = Path(tempfile.mkdtemp(dir=root, prefix="g"))
        inactive = root / old.base if old.base and old.base != "current" else None
        if previous is not None and inactive is not None and (inactive / MANIFEST).is_file():
            # A new name first (over the empty folder just made): from here on no manifest names
            # this folder as its base, so a build killed while it is half patched leaves it to be
            # removed, never to be patched again as if it were whole.
            os.rename(inactive, self.path)
            os.unlink(self.path / MANIFEST)
            if len(old.written) + len(old.removed) <= PATCHED_HERE:
                patch_generation(previous, self.path, old)
            else:
                self._start("patch", previous)
            return
        _ready(self.path)
        if previous is not None:
            self._start("link", previous)

    def _start(self, how: str, previous: Path) -> None:
        command = [sys.executable, "-m", "build_archive.publish.output", how, str(previous), str(self.path)]
        self.linker = subprocess.Popen(command, stdout=subprocess.DEVNULL)

    def write(self, rel: str, data: bytes | Path) -> None:
        if self.linker is not None and self.held < PENDING:
            self.pending.append((rel, data))
            self.held += len(data) if isinstance(data, bytes) else 0
            return
        self._linked()
        _place(self.path, rel, data)

    def finish(self, removed: Iterable[str]) -> None:
        """Every change in place, and the files that the new tree no longer has gone."""
        self._linked()
        for rel in removed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}/{rel}")
            _prune(self.path, rel)

    def _linked(self) -> None:
        if self.linker is None:
            return
        code, self.linker = self.linker.wait(), None
        if code:
            raise OSError(f"linking the unchanged files into {self.path} failed (exit status {code})")
        for rel, data in self.pending:
            _place(self.path, rel, data)
        self.pending, self.held = [], 0


def _ready(folder: Path) -> Path:
    """A new generation's folder given the usual mode and its top folders."""
    folder.chmod(0o777 & ~_UMASK)
    for top in GENERATED[1:]:
        (folder / top).mkdir()
    return folder


def _prune(generation: Path, rel: str) -> None:
    """The folders a removed file leaves empty go too (an actor no article names any more, a
    month without articles), up to but not including the tree's top folders: a generation holds
    what a build of its sources from nothing holds."""
    parent = os.path.dirname(rel)
    while "/" in parent:
        try:
            os.rmdir(f"{generation}/{parent}")
        except OSError:  # not empty, or gone
            return
        parent = os.path.dirname(parent)


def patch_generation(current: Path, older: Path, manifest: Manifest | None = None) -> None:
    """The generation `current` was made from (`older`) made equal to it: what its build wrote
    becomes a hard link to its copy (same bytes, inode and mtime), what it removed goes. One that
    is missing in `current` goes too: the build that patches will make it again."""
    made = manifest if manifest is not None else _manifest(current)
    for rel in made.written:
        target = f"{older}/{rel}"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        try:
            os.link(f"{current}/{rel}", target)
        except FileNotFoundError:
            if os.path.exists(f"{current}/{rel}"):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(f"{current}/{rel}", target)
    for rel in made.removed:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{older}/{rel}")
        _prune(older, rel)


def link_generation(previous: Path, generation: Path) -> None:
    """Every file of the previous generation's manifest hard-linked into the new one: same bytes,
    inode and mtime. One that is missing there was made again by the build."""
    for rel in _manifest(previous).files:
        source, target = f"{previous}/{rel}", f"{generation}/{rel}"
        try:
            os.link(source, target)
        except FileNotFoundError:
            if os.path.exists(source):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(source, target)


def _spool(
    pieces: Iterable[str | Piece | Tagged],
    root: Path,
    previous: Path | None,
    rel: str,
    layout: list[list] | None,
) -> Spooled:
    """Pieces written to a file of their own in `root` as they come: their digest, the file, and
    its layout ([tag, length] per piece). A piece whose tag is in `layout`, the published copy's,
    is copied from that copy (runs of them at once, by the kernel) instead of being made again:
    on a build that adds one article, that is all but one of the exports' pieces. When every
    tag is the published copy's, in the same order, nothing is written and the file is None. A
    piece of plain text is tagged by its own digest. The digest is of the tags: a tag stands for
    its bytes, and hashing the bytes copied would cost more than copying them."""
    tags: list[str] = []
    runs: list[Tagged] = []
    starts: list[int] = []  # where each run's tags begin in `tags`
    for part in pieces:
        if isinstance(part, str):
            part = Piece(digest(part.encode()), functools.partial(str, part))
        if isinstance(part, Piece):
            part = Tagged([part.tag], functools.partial(_made_once, part.make))
        starts.append(len(tags))
        runs.append(part)
        tags.extend(part.tags)

    def make(number: int) -> str:
        at = bisect.bisect_right(starts, number) - 1
        return runs[at].make(number - starts[at])

    hashed = hashlib.blake2b("".join(tags).encode(), digest_size=16)  # as if updated tag by tag
    source = _open_layout(previous, rel, layout)
    old = [tag for tag, _ in layout] if source is not None and layout else []
    if source is not None and old == tags:
        os.close(source)
        return Spooled(hashed.hexdigest(), None, layout or [])
    # The pieces that begin and end both copies (on a build that adds or changes one article,
    # all but a few) are copied as two runs, without a look-up each: only those between them
    # are looked up in the published copy, or made.
    same = min(len(old), len(tags))
    head = 0
    while head < same and old[head] == tags[head]:
        head += 1
    tail = 0
    while tail < same - head and old[-1 - tail] == tags[-1 - tail]:
        tail += 1
    kept = layout or []
    at_head = sum([length for _, length in kept[:head]])
    at_tail = at_head + sum([length for _, length in kept[head : len(old) - tail]])
    found: dict[str, tuple[int, int]] = {}  # tag -> where its bytes are in the published copy
    offset = at_head
    for tag, length in kept[head : len(old) - tail]:
        found[tag] = (offset, length)
        offset += length
    written: list[list] = kept[:head]
    fd, name = tempfile.mkstemp(dir=root, prefix=".part-")
    run = [0, at_head]  # a run of bytes of the published copy still to be copied

    def copy_run() -> None:
        if run[1] > run[0] and source is not None:  # a run is only ever of the published copy
            handle.flush()
            _copy(source, handle.fileno(), run[0], run[1] - run[0])
        run[0] = run[1] = 0

    try:
        with os.fdopen(fd, "wb") as handle:
            for number in range(head, len(tags) - tail):
                tag = tags[number]
                at = found.get(tag)
                if at is not None:
                    if at[0] != run[1]:
                        copy_run()
                        run[0] = at[0]
                    run[1] = at[0] + at[1]
                    written.append([tag, at[1]])
                    continue
                copy_run()
                data = make(number).encode("utf-8")
                handle.write(data)
                written.append([tag, len(data)])
            if tail:
                if run[1] != at_tail:
                    copy_run()
                    run[0] = at_tail
                run[1] = at_tail + sum([length for _, length in kept[len(old) - tail :]])
                written += kept[len(old) - tail :]
            copy_run()
    finally:
        if source is not None:
            os.close(source)
    os.chmod(name, 0o666 & ~_UMASK)
    return Spooled(hashed.hexdigest(), Path(name), written)


def _made_once(make: Callable[[], str], _number: int) -> str:
    return make()


def _copy(source: int, target: int, offset: int, length: int) -> None:
    """`length` bytes of `source` from `offset` on, appended to `target`: in the kernel where it
    can (copy_file_range), else read and written."""
    end = offset + length
    while offset < end:
        try:
            done = os.copy_file_range(source, target, end - offset, offset)
        except (AttributeError, OSError):  # not on this system or between these file systems
            block = os.pread(source, min(end - offset, 1 << 20), offset)
            done = os.write(target, block) if block else 0
        if not done:
            raise OSError(f"a published file is shorter than its manifest says (at byte {offset})")
        offset += done


def _open_layout(previous: Path | None, rel: str, layout: list[list] | None) -> int | None:
    """The published copy of `rel` opened; None when there is none, or when its size is not what
    its layout adds up to."""
    if previous is None or not layout:
        return None
    try:
        source = os.open(f"{previous}/{rel}", os.O_RDONLY)
    except OSError:
        return None
    if os.fstat(source).st_size != sum([length for _, length in layout]):
        os.close(source)
        return None
    return source


def _place(generation: Path, rel: str, data: bytes | Path) -> None:
    """One changed file of the new generation: `data` written, or the spooled file `data` moved
    in, in place of the link to the previous generation's copy (never written through it)."""
    target = f"{generation}/{rel}"  # strings: pathlib cost more than the system calls
    for attempt in (1, 2):
        try:
            if isinstance(data, Path):
                os.rename(data, target)
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(target)
                with open(target, "xb") as handle:
                    handle.write(data)
            return
        except FileNotFoundError:
            if attempt == 2 or os.path.isdir(os.path.dirname(target)):
                raise
            os.makedirs(os.path.dirname(target))


def _link_entries(docs: Path, root: Path) -> None:
    """docs/index.md, articles, actors, export as symlinks through `current`. An older archive's
    real folders are moved into the generations folder first, and removed with it."""
    docs.mkdir(parents=True, exist_ok=True)
    for top in GENERATED:
        entry, target = docs / top, os.path.relpath(root / "current" / top, docs)
        if entry.is_symlink() and os.readlink(entry) == target:
            continue
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        elif entry.is_dir():
            entry.rename(Path(tempfile.mkdtemp(dir=root, prefix="old-")) / top)
        link = docs / f".archive-link-{top}"  # same folder: rename(2) cannot cross file systems
        link.unlink(missing_ok=True)
        os.symlink(target, link)
        os.replace(link, entry)


def _remove_other_generations(root: Path, keep: str, base: str | None) -> subprocess.Popen | None:
    """Everything in `root` but the published generation and the one it was made from (which
    the next build patches), removed by `rm` in the background: unlinking every file of a
    replaced generation takes long on a large archive."""
    stale = [str(path) for path in root.iterdir() if path.name not in (keep, base, "current")]
    if not stale:
        return None
    return subprocess.Popen(["rm", "-rf", "--", *stale], stdout=subprocess.DEVNULL)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace one file with `data` unless it already holds exactly that."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


if __name__ == "__main__":  # the linking process of `_Generation`
    (patch_generation if sys.argv[1] == "patch" else link_generation)(Path(sys.argv[2]), Path(sys.argv[3]))
