"""Stories: near-duplicate articles (the same wire story on many sites) grouped into one story.

Most Danish political news is wire copy: one story runs on ten sites with another headline, a cut last
paragraph, site boilerplate, a typo fixed. Each copy is stored as an article (a source of its story:
outlet, URL, date), and every article belongs to one story:

    articles.story_id = the id of the story's first stored article (its *lead*)

The lead's statements are the story's: a report counts them once, and the statements of the other copies
are kept (each copy's article view works) but not counted (statements.counted, kept by tracker.tallies;
`tracker.reports.scope.narrow` filters on it, `--count-copies` lifts it). The lead is the first stored copy, so re-ingesting or later copies never change what
counts; when a lead is deleted, `reelect` makes the next copy the lead.

How copies are found: MinHash signatures (datasketch's, scheme affine32, made by tracker.minhash) of the article text's word shingles
(runs of `shingle_words` lower-cased words, each hashed to 32 bits from its words' polynomial hashes; the
title is left out, since copies swap headlines), and locality-sensitive hashing: the signature is cut into bands (as many
and as wide as datasketch's MinHashLSH chooses for the threshold), each band hashed to one 64-bit key in `story_bands`
(key, article_id). A new article's candidates are the stored articles sharing a band key with it; the
candidate with the highest estimated Jaccard similarity (the share of equal signature values) joins it to
its story when that is at least the threshold, else it starts a story of its own. Everything is plain SQL
tables, so grouping is incremental and works alike on SQLite and PostgreSQL; it runs inside the writer's
transaction (tracker.db.locks), so two processes never group against each other's half-written rows.

Settings: data/stories.toml (threshold, shingle size, permutations); a database keeps the ones it was
grouped with in its settings table (keys stories.*), and `regroup` changes them and groups everything again.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

import numpy as np
from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from tracker import minhash
from tracker.db.bulk import bulk_insert
from tracker.db.models import Article, Setting, StoryBand
from tracker.paths import data_file

ARTICLES, BANDS, SETTINGS = Article.__table__, StoryBand.__table__, Setting.__table__
MAX_CANDIDATES = 50  # per new article: those sharing the most bands (a shared boilerplate must not cost thousands)
CHUNK = 2_000  # values per IN (...) list
SETTING_PREFIX = "stories."
SIGNATURE_BATCH = 64  # texts whose shingles are permuted in one array (memory: shingles x permutations x 4 bytes)


@dataclass(frozen=True)
class StoryConfig:
    threshold: float = 0.4
    shingle_words: int = 3
    permutations: int = 128
    seed: int = 1
    false_positive_weight: float = 0.2
    false_negative_weight: float = 0.8

    @classmethod
    def bundled(cls) -> StoryConfig:
        with open(data_file("stories.toml"), "rb") as handle:
            return cls(**tomllib.load(handle))

    @property
    def bands(self) -> tuple[int, int]:
        """(number of bands, rows per band) that datasketch's MinHashLSH finds best for the threshold and the weights
        (tracker.minhash.bands)."""
        return _bands(self)


def _bands(config: StoryConfig) -> tuple[int, int]:
    return minhash.bands(config.threshold, config.permutations, config.false_positive_weight,
                         config.false_negative_weight)


def stored_config(connection) -> StoryConfig:
    """The settings this database groups with: data/stories.toml, overridden by its settings rows."""
    bundled = StoryConfig.bundled()
    rows = connection.execute(select(SETTINGS.c.key, SETTINGS.c.value)
                              .where(SETTINGS.c.key.like(f"{SETTING_PREFIX}%"))).all()
    found = {key[len(SETTING_PREFIX):]: value for key, value in rows}
    kinds = {name: type(value) for name, value in asdict(bundled).items()}
    return replace(bundled, **{name: kinds[name](value) for name, value in found.items() if name in kinds})


def save_config(connection, config: StoryConfig) -> None:
    """Keep the settings in the database (its bands are only comparable under the same ones)."""
    names = [f"{SETTING_PREFIX}{name}" for name in asdict(config)]
    connection.execute(delete(SETTINGS).where(SETTINGS.c.key.in_(names)))
    connection.execute(insert(SETTINGS), [dict(key=f"{SETTING_PREFIX}{name}", value=str(value))
                                          for name, value in asdict(config).items()])


# --- signatures -----------------------------------------------------------------------------------

SHINGLE_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C], dtype=np.uint64)
MASK32 = np.uint64(0xFFFFFFFF)


WORD_BASE = np.uint64(0x100000001B3)  # odd: it has an inverse modulo 2**64


@lru_cache(maxsize=1)
def _word_characters() -> np.ndarray:
    """Which code points of the Basic Multilingual Plane are word characters (regex \\w: letters, digits, _)."""
    return np.fromiter((chr(code).isalnum() or code == 95 for code in range(0x10000)), dtype=bool, count=0x10000)


@lru_cache(maxsize=8)
def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """WORD_BASE**i and its inverse**i modulo 2**64, for i < length (a power of two)."""
    inverse = np.uint64(pow(int(WORD_BASE), -1, 2 ** 64))
    with np.errstate(over="ignore"):
        up = np.ones(length, dtype=np.uint64)
        up[1:] = np.cumprod(np.full(length - 1, WORD_BASE, dtype=np.uint64))
        down = np.ones(length, dtype=np.uint64)
        down[1:] = np.cumprod(np.full(length - 1, inverse, dtype=np.uint64))
    return up, down


WORD_CHUNK = 1 << 18  # characters hashed in one go (some 70 bytes of arrays a character)
WHITE_SPACE = re.compile(r"\s")


def word_hashes(text: str) -> np.ndarray:
    """A 64-bit hash (uint64) of each word of the lower-cased text (runs of word characters; characters
    beyond the Basic Multilingual Plane end a word): a polynomial hash of its characters, from prefix sums.
    A long text goes WORD_CHUNK characters at a time, each piece ending after white space (no word spans
    two), so the arrays stay bounded; a word's hash does not depend on where it stands."""
    if len(text) <= WORD_CHUNK:
        return _word_hashes(text)
    parts, start = [], 0
    while start < len(text):
        space = WHITE_SPACE.search(text, start + WORD_CHUNK) if len(text) - start > WORD_CHUNK else None
        end = space.end() if space else len(text)
        parts.append(_word_hashes(text[start:end]))
        start = end
    return np.concatenate(parts)


def _word_hashes(text: str) -> np.ndarray:
    codes = np.frombuffer(text.lower().encode("utf-32-le"), dtype=np.uint32)
    inside = np.zeros(len(codes) + 2, dtype=bool)
    inside[1:-1] = _word_characters()[np.minimum(codes, 0xFFFF)] & (codes < 0x10000)
    edges = np.flatnonzero(inside[1:] != inside[:-1])
    starts, ends = edges[0::2], edges[1::2]
    if not len(starts):
        return np.zeros(0, dtype=np.uint64)
    up, down = _powers(1 << max(len(codes), 1).bit_length())
    with np.errstate(over="ignore"):
        sums = np.zeros(len(codes) + 1, dtype=np.uint64)
        np.cumsum((codes.astype(np.uint64) + np.uint64(1)) * up[:len(codes)], out=sums[1:])
        return (sums[ends] - sums[starts]) * down[starts]


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """32-bit hashes (uint64 array) of the text's runs of `size` lower-cased words (a shorter text: all its
    words as one run): the words' hashes (word_hashes) of a run mixed by odd multipliers."""
    words = word_hashes(text)
    size = min(size, len(words), len(SHINGLE_MIX))
    if size == 0:
        return words
    count = len(words) - size + 1
    with np.errstate(over="ignore"):
        mixed = sum(words[j:j + count] * SHINGLE_MIX[j] for j in range(size))
    return np.unique((mixed ^ (mixed >> np.uint64(32))) & MASK32)


def signature(text: str, config: StoryConfig) -> np.ndarray | None:
    """The MinHash signature (uint32 values) of the text's shingles; None for a text without words."""
    return signatures([text], config)[0]


def signatures(texts: list[str], config: StoryConfig) -> list[np.ndarray | None]:
    """MinHash signatures of many texts at once: the values datasketch's MinHash (scheme affine32, its
    permutations for the seed) gives for each text's shingle hashes (tests/test_stories.py checks that),
    computed for all the texts' shingles in a few array operations instead of an object per text."""
    a, b = minhash.permutations(config.permutations, config.seed)
    found = [shingle_hashes(text, config.shingle_words).astype(np.uint32) for text in texts]
    result: list[np.ndarray | None] = [None] * len(texts)
    filled = [k for k, hashes in enumerate(found) if len(hashes)]
    for start in range(0, len(filled), SIGNATURE_BATCH):
        part = filled[start:start + SIGNATURE_BATCH]
        hashes = np.concatenate([found[k] for k in part])
        offsets = np.cumsum([0] + [len(found[k]) for k in part[:-1]])
        with np.errstate(over="ignore"):  # permutations x shingles: each text's run of columns is contiguous
            values = np.minimum.reduceat(a[:, None] * _fmix32(hashes)[None, :] + b[:, None], offsets, axis=1)
        for k, row in zip(part, values.T):
            result[k] = np.ascontiguousarray(row)
    return result


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch's pre-mix of the affine32 scheme), wrapping in uint32."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


@lru_cache(maxsize=4)
def _band_mix(bands: int, rows: int, seed: int) -> np.ndarray:
    """Odd 64-bit multipliers: one per row of a band, and one for the band's number."""
    return np.random.default_rng(seed).integers(1, 2 ** 63, size=rows + 1, dtype=np.uint64) * 2 + 1


def band_keys(values: np.ndarray, config: StoryConfig) -> list[int]:
    """One signed 64-bit key per LSH band of the signature (a multiply-add hash of the band's values)."""
    bands, rows = config.bands
    mix = _band_mix(bands, rows, config.seed)
    table = values[:bands * rows].astype(np.uint64).reshape(bands, rows)
    with np.errstate(over="ignore"):
        keys = (table * mix[:rows]).sum(axis=1, dtype=np.uint64) + np.arange(bands, dtype=np.uint64) * mix[rows]
    return keys.view(np.int64).tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal values."""
    return float(np.count_nonzero(a == b)) / len(a)


# --- grouping -------------------------------------------------------------------------------------

def group_articles(connection, articles: Iterable[tuple[int, str]], config: StoryConfig | None = None) -> dict[int, int]:
    """Put newly stored articles ((id, text), ids ascending) into stories: {article id: story id}.

    Each joins the story of its most similar stored (or earlier) article at or above the threshold, else
    starts its own. Writes articles.story_id and .signature and the article's band keys. Does not commit.
    """
    config = config or stored_config(connection)
    articles = sorted(articles)
    if not articles:
        return {}
    found = dict(zip((id_ for id_, _ in articles), signatures([text for _, text in articles], config)))
    keys = {id_: band_keys(values, config) for id_, values in found.items() if values is not None}
    known = _Known(connection, {key for found in keys.values() for key in found}, len(articles), config.permutations)
    stories = {}
    for id_, _ in articles:
        values = found[id_]
        story = known.best_story(values, config.threshold) if values is not None else None
        stories[id_] = story if story is not None else id_
        if values is not None:
            known.add(id_, stories[id_], values)
    _write(connection, articles, stories, found, keys)
    return stories


class _Known:
    """The stored articles sharing band keys with the new ones (their stories and signatures, as one matrix),
    and the new ones as they are grouped."""

    def __init__(self, connection, keys: set[int], articles: int, width: int):
        counts = []
        for chunk in _chunks(sorted(keys)):  # integers we made, written into the SQL (no bound values to process)
            listed = ",".join(str(int(key)) for key in chunk)
            counts += _raw_rows(connection, f"SELECT article_id, COUNT(*) FROM story_bands WHERE key IN ({listed}) "
                                            f"GROUP BY article_id")
        counts.sort(key=lambda row: (-row[1], row[0]))
        ids = sorted(id_ for id_, _ in counts[:MAX_CANDIDATES * articles])
        self.ids, self.stories, signatures = [], [], []
        for chunk in _chunks(ids):
            for id_, story, stored in connection.execute(select(ARTICLES.c.id, ARTICLES.c.story_id,
                                                                ARTICLES.c.signature).where(ARTICLES.c.id.in_(chunk))):
                if stored:
                    self.ids.append(id_)
                    self.stories.append(story if story is not None else id_)
                    signatures.append(np.frombuffer(stored, dtype=np.uint32))
        self.matrix = np.vstack(signatures) if signatures else np.empty((0, 0), dtype=np.uint32)
        self.added_ids: list[int] = []
        self.added_stories: list[int] = []
        self.added = np.empty((articles, width), dtype=np.uint32)  # the new ones' signatures

    def best_story(self, values: np.ndarray, threshold: float) -> int | None:
        """The story of the most similar article at or above the threshold (the lowest id on a tie), or None."""
        scored = []
        for matrix, ids, stories in ((self.matrix, self.ids, self.stories),
                                     (self.added[:len(self.added_ids)], self.added_ids, self.added_stories)):
            if len(ids) and matrix.shape[1] == len(values):
                shares = (matrix == values).mean(axis=1)
                best = int(np.argmax(shares))  # the first of the highest
                scored.append((float(shares[best]), -ids[best], stories[best]))
        score, _, story = max(scored, default=(0.0, 0, None))
        return story if score >= threshold else None

    def add(self, id_: int, story: int, values: np.ndarray) -> None:
        self.added[len(self.added_ids)] = values
        self.added_ids.append(id_)
        self.added_stories.append(story)


def _raw_rows(connection, sql: str) -> list[tuple]:
    """Rows of SQL made of our own integers, on the driver's cursor (no per-row objects)."""
    if isinstance(connection, Session):
        connection = connection.connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def _write(connection, articles, stories: dict[int, int], signatures: dict, keys: dict[int, list[int]]) -> None:
    rows = [dict(id_=id_, story=stories[id_], signature=None if signatures[id_] is None else
                 signatures[id_].tobytes()) for id_, _ in articles]
    connection.execute(update(ARTICLES).where(ARTICLES.c.id == bindparam("id_"))
                       .values(story_id=bindparam("story"), signature=bindparam("signature")), rows)
    bulk_insert(connection, "story_bands", ("key", "article_id"),
                [(key, id_) for id_, found in keys.items() for key in dict.fromkeys(found)])


def regroup(connection, config: StoryConfig | None = None, chunk: int = 500, **rebuild_options) -> int:
    """Group every stored article again, oldest first (the migration; a new threshold). Returns the
    number of stories. Does not commit. ``rebuild_options`` go to ``tallies.rebuild``."""
    config = config or stored_config(connection)
    save_config(connection, config)
    connection.execute(delete(BANDS))
    ids = list(connection.scalars(select(ARTICLES.c.id).order_by(ARTICLES.c.id)))
    for part in _chunks(ids, chunk):
        rows = connection.execute(select(ARTICLES.c.id, ARTICLES.c.text).where(ARTICLES.c.id.in_(part))).all()
        group_articles(connection, [(id_, text) for id_, text in rows], config)
    from tracker.tallies import rebuild

    rebuild(connection, **rebuild_options)  # which statements count has changed
    return connection.scalar(select(func.count()).select_from(ARTICLES).where(ARTICLES.c.story_id == ARTICLES.c.id))


def reelect(connection, story_ids: Iterable[int]) -> None:
    """After articles were deleted: a story whose lead is gone gets its first remaining copy as lead (whose
    statements now count: the tallies follow)."""
    from tracker.tallies import keeping

    for story in set(story_ids):
        if connection.scalar(select(ARTICLES.c.id).where(ARTICLES.c.id == story)) is not None:
            continue
        copies = list(connection.scalars(select(ARTICLES.c.id).where(ARTICLES.c.story_id == story)))
        if copies:
            with keeping(connection, copies):
                connection.execute(update(ARTICLES).where(ARTICLES.c.story_id == story).values(story_id=min(copies)))


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start:start + size]
