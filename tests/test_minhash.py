"""tracker.minhash makes datasketch's MinHash parameters without importing datasketch: checked against it."""

import numpy as np
import pytest

from tracker.minhash import bands, permutations

datasketch = pytest.importorskip("datasketch")


@pytest.mark.parametrize("count, seed", [(64, 1), (128, 1), (128, 42), (256, 7)])
def test_permutations_are_datasketchs_affine32(count, seed):
    a, b = permutations(count, seed)
    expected = datasketch.MinHash(num_perm=count, seed=seed, scheme="affine32").permutations
    assert a.dtype == np.uint32 and np.array_equal(a, expected[0]) and np.array_equal(b, expected[1])
    assert (a % 2 == 1).all()


@pytest.mark.parametrize("count", [64, 128, 256])
@pytest.mark.parametrize("weights", [(0.5, 0.5), (0.2, 0.8), (0.8, 0.2)])
def test_bands_are_those_minhashlsh_chooses(count, weights):
    for threshold in np.arange(0.3, 0.96, 0.05):
        try:
            lsh = datasketch.MinHashLSH(threshold=float(threshold), num_perm=count, weights=weights)
        except ValueError:  # datasketch refuses a choice of fewer than two bands
            continue
        assert bands(float(threshold), count, *weights) == (lsh.b, lsh.r), threshold
