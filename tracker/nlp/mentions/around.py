"""Reading the characters around a name: the word before a position, and answers remembered per position."""

from __future__ import annotations

from functools import wraps


def word_before(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of the last word (run of non-space characters) that ends at or before pos
    (read backwards from pos, so the cost does not grow with pos)."""
    i = min(max(pos, 0), len(text))
    if 0 < i < len(text) and not text[i].isspace() and not text[i - 1].isspace():  # inside a word: drop it
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
    end = i
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return (i, end) if end else None


def memoised(method):
    """A method of a TextContext or RolePhrases remembered by its arguments (the text and its parties do not change)."""
    name = method.__name__

    @wraps(method)
    def remembered(self, *args):
        key = (name, *args)
        value = self.memo.get(key, remembered)  # the function itself stands for "not yet known"
        if value is remembered:
            value = self.memo[key] = method(self, *args)
        return value
    return remembered
