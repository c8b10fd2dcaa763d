"""The search's tables of names as arrays that a cold search maps instead of unpickling.

A search needs the actors of the one or two names it was given, the display names of its best
hits' actors and the names of the facets it counts; the archive has tens of thousands of each.
Unpickled as dictionaries, every one of them becomes a Python object in every process, which a
cold `archive search` pays for at every run. Kept as one UTF-8 buffer and the offsets of its
strings, sorted where they are looked up, they are mapped with the rest of the search's tables
and read a few strings at a time: a name is found by bisection, reading a few pages.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping

import numpy as np


class Strings:
    """Strings in one UTF-8 buffer: string i is the bytes from `ends[i - 1]` (0 for the first) to
    `ends[i]`. A process keeps what it decoded, for its next searches; one that asks for many of
    them at once (the facets of a common word) decodes them all at once."""

    __slots__ = ("_all", "_buffer", "_decoded", "_ends", "_objects", "buffer", "ends")

    def __init__(self, buffer: np.ndarray, ends: np.ndarray) -> None:
        self.buffer, self.ends = buffer, ends  # uint8 and int64, as kept
        # Memory views: indexing them gives Python ints and bytes without numpy's scalars.
        self._buffer = np.ascontiguousarray(buffer, dtype=np.uint8).data.cast("B")
        self._ends = np.ascontiguousarray(ends, dtype=np.int64).data.cast("B").cast("q")
        self._all: list[str] | None = None
        self._objects: np.ndarray | None = None  # the same as an array, to pick many at once
        self._decoded: dict[int, str] = {}

    @classmethod
    def of(cls, strings: Iterable[str]) -> Strings:
        encoded = [text.encode() for text in strings]
        ends = np.cumsum([len(text) for text in encoded], dtype=np.int64)
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), ends)

    def __len__(self) -> int:
        return len(self._ends)

    def raw(self, number: int) -> bytes:
        return bytes(self._buffer[self._ends[number - 1] if number else 0 : self._ends[number]])

    def __getitem__(self, number: int) -> str:
        if self._all is not None:
            return self._all[number]
        text = self._decoded.get(number)
        if text is None:
            start = self._ends[number - 1] if number else 0
            text = self._decoded[number] = str(self._buffer[start : self._ends[number]], "utf-8")
        return text

    def take(self, numbers: np.ndarray) -> list[str]:
        """The strings of `numbers`, in their order."""
        if self._all is None and len(numbers) * MANY < len(self):
            return [self[number] for number in numbers.tolist()]
        if self._objects is None:
            self._objects = np.empty(len(self), dtype=object)
            self._objects[:] = self.tolist()
        return self._objects[numbers].tolist()

    def tolist(self) -> list[str]:
        if self._all is None:
            buffer, ends = self._buffer, self._ends.tolist()
            starts = [0, *ends]  # one more than the ends: zip stops at the last end
            self._all = [str(buffer[start:end], "utf-8") for start, end in zip(starts, ends, strict=False)]
            self._decoded = {}
        return self._all

    def find(self, text: str) -> int:
        """Where `text` is among these strings, which are sorted (by their bytes, which is the
        order of their characters); -1 when it is not."""
        key = text.encode()
        at = bisect.bisect_left(_Raw(self), key)
        return at if at < len(self) and self.raw(at) == key else -1


MANY = 8  # asked for more than one string in this many, a process decodes them all


class _Raw:
    """The bytes of sorted strings, as a sequence `bisect` can search."""

    __slots__ = ("_strings",)

    def __init__(self, strings: Strings) -> None:
        self._strings = strings

    def __len__(self) -> int:
        return len(self._strings)

    def __getitem__(self, number: int) -> bytes:
        return self._strings.raw(number)


class Display(Mapping[str, str]):
    """Actor id -> display name: the ids sorted, and the display name of each in their order."""

    def __init__(self, ids: Strings, names: Strings) -> None:
        self.ids, self.names = ids, names
        self._numbers: dict[str, int] = {}  # the ids looked up so far

    @classmethod
    def of(cls, display: Mapping[str, str]) -> Display:
        ids = sorted(display)
        return cls(Strings.of(ids), Strings.of(display[actor] for actor in ids))

    def number(self, actor: str) -> int:
        """The actor's number among the sorted ids; -1 when there is no such actor."""
        number = self._numbers.get(actor)
        if number is None:
            number = self._numbers[actor] = self.ids.find(actor)
        return number

    def __getitem__(self, actor: str) -> str:
        number = self.number(actor)
        if number < 0:
            raise KeyError(actor)
        return self.names[number]

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids.tolist())

    def __len__(self) -> int:
        return len(self.ids)


class NameIndex(Mapping[str, list[str]]):
    """Folded name -> the ids of the actors of that name, in the order the actors' file lists
    them (which orders the terms of a search for the name, and so the additions of its scores):
    the names sorted, and for name n the actors' numbers (in `display`'s order) from
    `actors[starts[n]]` to `actors[starts[n + 1]]`."""

    def __init__(self, names: Strings, starts: np.ndarray, actors: np.ndarray, display: Display) -> None:
        self.names, self.starts, self.actors, self.display = names, starts, actors, display

    @classmethod
    def of(cls, by_name: Mapping[str, list[str]], display: Display) -> NameIndex:
        names = sorted(by_name)
        starts = np.zeros(len(names) + 1, dtype=np.int64)
        np.cumsum([len(by_name[name]) for name in names], out=starts[1:])
        actors = np.asarray(
            [display.number(actor) for name in names for actor in by_name[name]], dtype=np.int32
        )
        return cls(Strings.of(names), starts, actors, display)

    def __getitem__(self, name: str) -> list[str]:
        number = self.names.find(name)
        if number < 0:
            raise KeyError(name)
        ids = self.display.ids
        return [ids[actor] for actor in self.actors[self.starts[number] : self.starts[number + 1]].tolist()]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names.tolist())

    def __len__(self) -> int:
        return len(self.names)
