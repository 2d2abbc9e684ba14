"""Character ranges and ordered items with O(log n) look-ups (so that no search grows with the article)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Ranges:
    """Character ranges with an O(log n) "is this position inside one of them?"."""

    def __init__(self, ranges):
        merged: list[list[int]] = []
        for start, end in sorted(r for r in ranges if r[0] < r[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


class Stretches:
    """Character stretches (start < end), kept merged where they overlap, with an O(log n) test of
    whether a new stretch overlaps one of them (shares a character with it)."""

    def __init__(self, stretches=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in stretches:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end) - 1  # the last stretch starting before end; ends grow with starts
        return k >= 0 and start < self.ends[k]

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        lo = bisect_left(self.ends, start + 1)  # the first stretch ending after start
        hi = bisect_left(self.starts, end)  # the stretches from lo to hi - 1 overlap the new one
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]


class Ordered:
    """Items in the order of their keys, with "the last one whose key is below pos" in O(log n)."""

    def __init__(self, items, key):
        self.items = sorted(items, key=key)
        self.keys = [key(item) for item in self.items]

    def last_before(self, pos: int):
        k = bisect_left(self.keys, pos)
        return self.items[k - 1] if k else None
