"""MinHash parameters as datasketch makes them, without importing datasketch at run time (its import pulls in
scipy and costs about 0.7 s of every ingest process): the affine32 permutations of a seed, and the number and
width of the LSH bands that MinHashLSH chooses for a threshold. tests/test_minhash.py checks both against
datasketch itself."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

QUADRATURE_POINTS = 64  # Gauss-Legendre nodes: the integrands are smooth polynomials in s


@lru_cache(maxsize=4)
def permutations(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(a, b), uint32 arrays of ``count``: the permutations h -> a * h + b mod 2**32 of datasketch's MinHash
    (scheme affine32) for the seed; a is odd, so each is a bijection."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, count, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, count, dtype=np.uint32)
    return a, b


@lru_cache(maxsize=16)
def bands(threshold: float, count: int, false_positive_weight: float, false_negative_weight: float
          ) -> tuple[int, int]:
    """(bands, rows per band) with the least weighted sum of the false positive probability (the area under
    the candidate curve 1 - (1 - s**r)**b below the threshold) and the false negative one (above it), over
    all b * r <= count, the smallest b first on a tie: MinHashLSH's choice."""
    pairs = np.array([(b, r) for b in range(1, count + 1) for r in range(1, count // b + 1)], dtype=float)
    b, r = pairs[:, :1], pairs[:, 1:]
    nodes, weights = np.polynomial.legendre.leggauss(QUADRATURE_POINTS)

    def integral(function, low: float, high: float) -> np.ndarray:
        s = (high - low) / 2 * nodes[None, :] + (high + low) / 2
        return (high - low) / 2 * (function(s) * weights[None, :]).sum(axis=1)

    positive = integral(lambda s: 1 - (1 - s ** r) ** b, 0.0, threshold)
    negative = integral(lambda s: (1 - s ** r) ** b, threshold, 1.0)
    best = int(np.argmin(positive * false_positive_weight + negative * false_negative_weight))
    return int(pairs[best, 0]), int(pairs[best, 1])
