"""Very long articles go through the pipeline in bounded pieces; their statements come back in the whole text.

An article longer than PIECE_CHARS is cut into consecutive pieces of at most that length, each ending at
a paragraph break where there is one in the piece's second half, else after a sentence, else at a line
break or a space (a word is cut only when a piece has no space at all). The pieces cover the text
exactly, so a statement found at offset k of a piece starting at s is at s + k in the article, and its
evidence is the same substring there. The pieces' statements are merged by the pipeline's own rule
(`final_statements`), as if they had come from one document. Articles up to PIECE_CHARS are untouched.

Pieces are also grouped into runs of at most RUN_CHARS characters for one `extract_many` call, so the
documents alive at once stay bounded whatever the batch holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from types import SimpleNamespace

from tracker.sources import ArticleInput

PIECE_CHARS = 100_000  # the longest text the pipeline gets at once (spaCy refuses more than 1,000,000)
RUN_CHARS = 500_000  # characters of text through the pipeline in one call
SENTENCE_ENDS = (". ", "? ", "! ", ".\n", "?\n", "!\n", "« ", "” ", '" ')


def cuts(text: str, limit: int | None = None) -> list[int]:
    """Where the pieces start: [0, ...], each piece at most `limit` (default PIECE_CHARS) characters."""
    limit = limit or PIECE_CHARS
    starts, start = [0], 0
    while len(text) - start > limit:
        start = _cut(text, start, start + limit)
        starts.append(start)
    return starts


def _cut(text: str, start: int, end: int) -> int:
    """The best place to end a piece text[start:end]: after a paragraph, sentence, line or word, in its second half."""
    low = start + (end - start) // 2
    paragraph = text.rfind("\n\n", low, end)
    if paragraph >= 0:
        return paragraph + 2
    sentence = max(text.rfind(mark, low, end) for mark in SENTENCE_ENDS)
    if sentence >= 0:
        return sentence + 2
    for mark in ("\n", " ", "\t"):
        space = text.rfind(mark, low, end)
        if space >= 0:
            return space + 1
    return end


def pieces(article: ArticleInput, limit: int | None = None) -> Iterator[tuple[int, ArticleInput]]:
    """(offset, piece) for each piece of an article, made as they are needed; an article within the
    limit (default PIECE_CHARS) is its only piece."""
    limit = limit or PIECE_CHARS
    if len(article.text) <= limit:
        yield 0, article
        return
    starts = cuts(article.text, limit)
    for start, end in zip(starts, [*starts[1:], len(article.text)]):
        yield start, dataclasses.replace(article, text=article.text[start:end], metadata={})


def runs(items: Iterable[tuple[int, int, ArticleInput]], size: int | None = None) -> Iterator[list]:
    """Consecutive groups of (article index, offset, piece) of at most `size` (default RUN_CHARS)
    characters, or of one piece."""
    size = size or RUN_CHARS
    run, chars = [], 0
    for item in items:
        if run and chars + len(item[2].text) > size:
            yield run
            run, chars = [], 0
        run.append(item)
        chars += len(item[2].text)
    if run:
        yield run


def shifted(candidates: list, offset: int) -> list:
    """A piece's statement candidates with their offsets in the whole article."""
    if not offset:
        return candidates
    return [dataclasses.replace(c, start_char=c.start_char + offset, end_char=c.end_char + offset)
            for c in candidates]


def merged(per_piece: list[list]) -> list:
    """One article's statements from its pieces' (already shifted), by the pipeline's final rule."""
    if len(per_piece) == 1:
        return per_piece[0]
    from tracker.nlp.pipeline import final_statements

    whole = SimpleNamespace(_=SimpleNamespace(statements=[c for piece in per_piece for c in piece]))
    return final_statements(whole)
