"""Elements per mean of BN / LN / IN / GN, counted with torch's own normalisation functions.

Put a single 1 into a tensor of zeros and normalise: exactly the elements that
share a mean with it move away from 0 (the others stay 0 / sqrt(0 + eps) = 0),
so the number of non-zero outputs is the number of elements each mean covers.
"""

import random

import pytest

from quizdl.drills import registry

torch = pytest.importorskip("torch")
F = torch.nn.functional

DRAWS = 60


def _group_size(normalise, shape, rng):
    x = torch.zeros(shape, dtype=torch.float64)
    x[tuple(rng.randrange(s) for s in shape)] = 1.0
    return int((normalise(x).abs() > 1e-12).sum())


NORMALISE = {
    "BatchNorm2d": lambda x: F.batch_norm(x, None, None, training=True),
    "LayerNorm": lambda x: F.layer_norm(x, x.shape[1:]),
    "InstanceNorm2d": lambda x: F.instance_norm(x),
}


@pytest.mark.parametrize("norm", list(NORMALISE))
def test_norm_reduce_size_matches_torch(norm):
    rng = random.Random(norm)
    for _ in range(DRAWS):
        n, c, h, w = rng.randint(2, 6), rng.randint(1, 8), rng.randint(1, 7), rng.randint(1, 7)
        out = registry.run("norm_reduce_size", dict(norm=norm, n=n, c=c, h=h, w=w))
        if out["answer"] == 1:
            continue  # a lone value normalises to 0 and cannot be counted (torch even refuses some)
        assert out["answer"] == _group_size(NORMALISE[norm], (n, c, h, w), rng)
        assert out["answer"] * out["means"] == n * c * h * w


def test_batchnorm_keeps_one_running_mean_per_channel():
    out = registry.run("norm_reduce_size", dict(norm="BatchNorm2d", n=8, c=64, h=7, w=7))
    assert torch.nn.BatchNorm2d(64).running_mean.numel() == out["means"] == 64


def test_groupnorm_reduce_size_matches_torch_and_its_limits():
    rng = random.Random(7)
    for _ in range(DRAWS):
        groups = rng.choice([1, 2, 4])
        c = groups * rng.randint(1, 4)
        n, h, w = rng.randint(1, 4), rng.randint(1, 6), rng.randint(1, 6)
        out = registry.run("groupnorm_reduce_size", dict(n=n, c=c, h=h, w=w, groups=groups))
        if out["answer"] == 1:
            continue  # a lone value normalises to 0 and cannot be counted
        assert out["answer"] == _group_size(lambda x: F.group_norm(x, groups), (n, c, h, w), rng)
        assert out["means"] * out["answer"] == n * c * h * w
    # G = 1 is LayerNorm over (C, H, W); G = C is InstanceNorm
    assert registry.run("groupnorm_reduce_size", dict(n=2, c=6, h=3, w=3, groups=1))["answer"] == 6 * 9
    assert registry.run("groupnorm_reduce_size", dict(n=2, c=6, h=3, w=3, groups=6))["answer"] == 9
    x = torch.randn(2, 6, 3, 3, dtype=torch.float64)
    assert torch.allclose(F.group_norm(x, 1), F.layer_norm(x, x.shape[1:]))
    assert torch.allclose(F.group_norm(x, 6), F.instance_norm(x))


def test_groupnorm_with_channels_not_divisible_is_redrawn():
    with pytest.raises(registry.Redraw):
        registry.run("groupnorm_reduce_size", dict(n=2, c=10, h=3, w=3, groups=4))
