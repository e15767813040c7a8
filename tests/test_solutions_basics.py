"""The softmax and dropout references against torch's own."""

import numpy as np
import pytest
import torch

from quizdl.grader.runner import import_file
from quizdl.paths import solutions_dir

softmax = import_file(solutions_dir() / "softmax.py", "ref_softmax").softmax
dropout = import_file(solutions_dir() / "dropout.py", "ref_dropout").dropout


@pytest.mark.parametrize("shape, axis", [((7,), -1), ((4, 6), 0), ((3, 4, 5), -2), ((2, 3, 4, 5), 1)])
def test_softmax_matches_torch(shape, axis):
    x = np.random.default_rng(0).normal(0, 30, shape)
    np.testing.assert_allclose(softmax(x, axis), torch.softmax(torch.from_numpy(x), dim=axis).numpy(), rtol=1e-12)


def test_softmax_large_logits_match_torch():
    x = np.array([5.0, 1.0, 10000.0, 6.0])
    np.testing.assert_array_equal(softmax(x), torch.softmax(torch.from_numpy(x), 0).numpy())


def test_dropout_scales_like_torch():
    """torch's F.dropout is inverted dropout too: survivors are x / (1 - p)."""
    x = np.random.default_rng(1).uniform(0.5, 1.5, (300, 400))
    ours = dropout(x, 0.3, rng=np.random.default_rng(2))
    theirs = torch.nn.functional.dropout(torch.from_numpy(x), 0.3, training=True).numpy()
    for out in (ours, theirs):
        kept = out != 0
        np.testing.assert_allclose(out[kept], x[kept] / 0.7, rtol=1e-12)
        assert abs((~kept).mean() - 0.3) < 0.01
    np.testing.assert_array_equal(dropout(x, 0.3, training=False),
                                  torch.nn.functional.dropout(torch.from_numpy(x), 0.3, training=False).numpy())
