"""The stochastic references in solutions/ against torch's builtins, the notes' code, and exact expectations.

torchvision is not installed, so DropBlock and Cutout are checked against
implementations written here from the contracts' definitions (max-pooling by
its definition, the hole slices by loops) under the same random draws, and
against the notes' code; spatial dropout against torch.nn.Dropout2d; the
DropConnect layer against torch.nn.Linear; stochastic depth against the
expectation it claims in eval mode.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from quizdl.grader.runner import import_file
from quizdl.paths import solutions_dir


def reference(name: str):
    return import_file(solutions_dir() / f"{name}.py", f"reference_{name}")


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


# spatial dropout ------------------------------------------------------------


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("shape", [(8, 16, 4, 4), (2, 3, 7, 5)])
def test_spatial_dropout_is_dropout2d(p, shape):
    """Same seed, same draws: the reference gives exactly what nn.Dropout2d gives, in training and in eval."""
    module = reference("spatial_dropout")
    x = torch.rand(shape) + 0.5
    for seed in range(5):
        torch.manual_seed(seed)
        mine = module.SpatialDropout2d(p).train()(x)
        torch.manual_seed(seed)
        builtin = torch.nn.Dropout2d(p).train()(x)
        assert torch.equal(mine, builtin)
    assert torch.equal(module.SpatialDropout2d(p).eval()(x), torch.nn.Dropout2d(p).eval()(x))


def test_spatial_dropout_edges_match_dropout2d():
    module = reference("spatial_dropout")
    x = torch.rand(2, 3, 4, 4) + 0.5
    assert torch.equal(module.SpatialDropout2d(1.0).train()(x), torch.nn.Dropout2d(1.0).train()(x))
    assert torch.equal(module.SpatialDropout2d(0.0).train()(x), x)
    for p in (1.5, -0.1):
        with pytest.raises(ValueError):
            torch.nn.Dropout2d(p)
        with pytest.raises(ValueError):
            module.SpatialDropout2d(p)


# DropBlock ------------------------------------------------------------------


def max_pool_by_definition(seeds: np.ndarray, block: int) -> np.ndarray:
    """max_pool2d(kernel block, stride 1, padding block // 2) by its definition, keeping the first H x W outputs."""
    n, height, width = seeds.shape
    pad = block // 2
    padded = np.zeros((n, height + 2 * pad, width + 2 * pad))
    padded[:, pad:pad + height, pad:pad + width] = seeds
    pooled = np.zeros((n, height, width))
    for i in range(height):
        for j in range(width):
            pooled[:, i, j] = padded[:, i:i + block, j:j + block].max(axis=(1, 2))
    return pooled


def notes_dropblock():
    """The notes' `Drop` module, verbatim but for its name."""
    from torch import nn

    class Drop(nn.Module):
        def __init__(self, drop_prob=0.1, block_size=7):
            super(Drop, self).__init__()  # noqa: UP008 (verbatim)
            self.drop_prob = drop_prob
            self.block_size = block_size

        def forward(self, x):
            if self.drop_prob == 0:
                return x
            gamma = self.drop_prob / (self.block_size**2)
            mask = (torch.rand(x.shape[0], *x.shape[2:]) < gamma).float()
            mask = mask.to(x.device)
            block_mask = self._compute_block_mask(mask)
            out = x * block_mask[:, None, :, :]
            out = out * block_mask.numel() / block_mask.sum()
            return out

        def _compute_block_mask(self, mask):
            block_mask = F.max_pool2d(input=mask[:, None, :, :], kernel_size=(self.block_size, self.block_size),
                                      stride=(1, 1), padding=self.block_size // 2)
            if self.block_size % 2 == 0:
                block_mask = block_mask[:, :, :-1, :-1]
            block_mask = 1 - block_mask.squeeze(1)
            return block_mask

    return Drop


@pytest.mark.parametrize("block", [1, 2, 3, 4, 5, 7])
def test_dropblock_follows_the_max_pool_definition(block):
    module = reference("dropblock")
    x = torch.rand(3, 2, 9, 11) + 0.5
    drop_prob = 0.4
    for seed in range(4):
        torch.manual_seed(seed)
        got = module.DropBlock2d(drop_prob, block).train()(x)
        torch.manual_seed(seed)
        seeds = (torch.rand(3, 9, 11) < drop_prob / block**2).numpy().astype(float)
        mask = 1 - max_pool_by_definition(seeds, block)
        want = x.numpy() * mask[:, None] * (mask.size / mask.sum()) if mask.sum() else x.numpy() * 0
        assert np.allclose(got.numpy(), want, rtol=1e-6, atol=1e-7)
        torch.manual_seed(seed)
        notes = notes_dropblock()(drop_prob, block).train()(x)
        if mask.sum():
            assert torch.allclose(got, notes)  # where the notes' code is right, the reference agrees with it


def test_dropblock_keeps_each_pixel_at_the_rate_the_seeds_give():
    """P(pixel kept) = (1 - gamma) ** (number of seed positions whose block covers it), counted by loops."""
    module = reference("dropblock")
    height, width, block, drop_prob, maps = 10, 10, 4, 0.5, 4000
    gamma = drop_prob / block**2
    covering = np.zeros((height, width), int)
    for h in range(height):
        for w in range(width):
            seed = np.zeros((1, height, width))
            seed[0, h, w] = 1
            covering += max_pool_by_definition(seed, block)[0].astype(int)
    expected = (1 - gamma) ** covering
    torch.manual_seed(0)
    out = module.DropBlock2d(drop_prob, block).train()(torch.ones(maps, 1, height, width))
    kept = (out[:, 0] != 0).numpy().mean(axis=0)
    sd = np.sqrt(expected * (1 - expected) / maps)  # each pixel: `maps` independent draws
    assert np.all(np.abs(kept - expected) <= 6.5 * sd)
    assert covering[0, 0] == 4 and covering[-1, -1] == 9  # even block: 2 x 2 seeds reach the top-left, 3 x 3 the bottom-right


def test_dropblock_edges():
    module = reference("dropblock")
    x = torch.rand(2, 3, 6, 6) + 0.5
    assert module.DropBlock2d(0.3, 3).eval()(x) is x
    assert module.DropBlock2d(0.0, 3).train()(x) is x
    everything = module.DropBlock2d(1.0, 1).train()(x)
    assert torch.equal(everything, torch.zeros_like(x))
    torch.manual_seed(0)
    assert torch.isnan(notes_dropblock()(1.0, 1).train()(x)).all()  # the notes' code: 0 / 0
    before = x.clone()
    module.DropBlock2d(0.5, 3).train()(x)
    assert torch.equal(x, before)


# Cutout ---------------------------------------------------------------------


def notes_cutout():
    """The notes' Cutout, verbatim."""

    class Cutout(object):  # noqa: UP004 (verbatim)
        def __init__(self, n_holes, length):
            self.n_holes = n_holes
            self.length = length

        def __call__(self, img):
            h = img.size(1)
            w = img.size(2)
            mask = np.ones((h, w), np.float32)
            for n in range(self.n_holes):
                y = np.random.randint(h)
                x = np.random.randint(w)
                y1 = np.clip(y - self.length // 2, 0, h)
                y2 = np.clip(y + self.length // 2, 0, h)
                x1 = np.clip(x - self.length // 2, 0, w)
                x2 = np.clip(x + self.length // 2, 0, w)
                mask[y1: y2, x1: x2] = 0.
            mask = torch.from_numpy(mask)
            mask = mask.expand_as(img)
            img = img * mask
            return img

    return Cutout


@pytest.mark.parametrize("n_holes, length", [(1, 7), (2, 8), (3, 1), (4, 30)])
def test_cutout_zeroes_the_clipped_squares(n_holes, length):
    module = reference("cutout")
    img = torch.rand(3, 12, 20) + 0.5
    for seed in range(10):
        np.random.seed(seed)
        got = module.Cutout(n_holes, length)(img)
        np.random.seed(seed)
        mask = np.ones((12, 20))
        for _ in range(n_holes):
            y, x = np.random.randint(12), np.random.randint(20)
            for i in range(y - length // 2, y + length // 2):
                for j in range(x - length // 2, x + length // 2):
                    if 0 <= i < 12 and 0 <= j < 20:  # clipped, never wrapped
                        mask[i, j] = 0
        assert torch.equal(got, img * torch.from_numpy(mask).float())
        np.random.seed(seed)
        assert torch.equal(got, notes_cutout()(n_holes, length)(img))  # float images: as the notes' code


def test_cutout_keeps_uint8_and_the_input():
    module = reference("cutout")
    img = torch.randint(1, 256, (3, 8, 8), dtype=torch.uint8)
    before = img.clone()
    np.random.seed(0)
    got = module.Cutout(2, 4)(img)
    assert got.dtype == torch.uint8 and got.shape == img.shape
    assert torch.equal(img, before)
    np.random.seed(0)
    notes = notes_cutout()(2, 4)(img)
    assert notes.dtype == torch.float32  # the notes' code turns uint8 into float
    assert torch.equal(got.float(), notes)  # the same holes


# DropConnect ----------------------------------------------------------------


def test_dropconnect_is_nn_linear_in_eval():
    module = reference("dropconnect")
    for bias in (True, False):
        torch.manual_seed(3)
        linear = torch.nn.Linear(6, 8, bias=bias)
        torch.manual_seed(3)
        layer = module.DropConnectLinear(6, 8, 0.3, bias)
        assert {k: v.shape for k, v in layer.state_dict().items()} == {k: v.shape for k, v in linear.state_dict().items()}
        for key, value in layer.state_dict().items():  # the same draws from the same seed: nn.Linear's initialisation
            assert torch.allclose(value, linear.state_dict()[key], atol=1e-7)
        layer.load_state_dict(linear.state_dict(), strict=True)
        x = torch.randn(5, 6)
        assert torch.allclose(layer.eval()(x), linear(x), atol=1e-6)


def test_dropconnect_training_mean_is_the_eval_output():
    """E[x @ (W * M / (1 - p)).T + b] = x @ W.T + b, within 6.5 sd of the exact per-output spread."""
    module = reference("dropconnect")
    torch.manual_seed(0)
    layer = module.DropConnectLinear(6, 8, 0.3)
    x = torch.randn(4, 6)
    with torch.no_grad():
        expected = layer.eval()(x)
        layer.train()
        draws = 3000
        mean = torch.stack([layer(x) for _ in range(draws)]).mean(0)
        p = 0.3
        variance = (x[:, None, :] ** 2 * layer.weight[None] ** 2).sum(-1) * p / (1 - p)  # Var of one draw per output
    assert torch.all((mean - expected).abs() <= 6.5 * torch.sqrt(variance / draws) + 1e-6)


def test_dropconnect_edges():
    module = reference("dropconnect")
    x = torch.randn(5, 6)
    layer = module.DropConnectLinear(6, 8, 1.0).train()
    with torch.no_grad():
        assert torch.allclose(layer(x), layer.bias.expand(5, 8))
        plain = module.DropConnectLinear(6, 8, 0.0).train()
        assert torch.allclose(plain(x), F.linear(x, plain.weight, plain.bias))
    for p in (1.5, -0.2):
        with pytest.raises(ValueError):
            module.DropConnectLinear(6, 8, p)


# stochastic depth -------------------------------------------------------------


def test_survival_probability_decays_linearly():
    module = reference("stochastic_depth")
    L = 54  # ResNet-110: 54 residual blocks, p_L = 0.5
    values = [module.survival_probability(l, L, 0.5) for l in range(L + 1)]
    assert values[0] == 1.0 and values[-1] == 0.5
    assert all(isinstance(v, float) for v in values)
    assert np.allclose(np.diff(values), -0.5 / L)
    # the paper: the expected number of active blocks is (3L - 1) / 4, about 40 for ResNet-110
    assert math.isclose(sum(values[1:]), (3 * L - 1) / 4)
    for bad in [(11, 10, 0.5), (-1, 10, 0.5), (1, 0, 0.5), (1, 10, 1.5), (1, 10, -0.5)]:
        with pytest.raises(ValueError):
            module.survival_probability(*bad)


def test_stochastic_depth_eval_is_the_training_expectation():
    module = reference("stochastic_depth")
    torch.manual_seed(0)
    branch = torch.nn.Conv2d(3, 3, 3, padding=1)
    x = torch.randn(6, 3, 4, 4)
    block = module.StochasticDepth(branch, 0.7)
    with torch.no_grad():
        f = branch(x)
        expected = block.eval()(x)
        assert torch.allclose(expected, x + 0.7 * f, atol=1e-6)
        block.train()
        draws = 4000
        outputs = torch.stack([block(x) for _ in range(draws)])
    kept = ~torch.isclose(outputs, x.expand_as(outputs), atol=1e-6).flatten(2).all(-1)  # (draws, N)
    assert torch.allclose(outputs[kept], (x + f).expand_as(outputs)[kept], atol=1e-5)  # kept: x + f(x)
    assert torch.equal(outputs[~kept], x.expand_as(outputs)[~kept])  # skipped: x
    share = kept.double().mean().item()
    assert abs(share - 0.7) <= 6.5 * math.sqrt(0.21 / kept.numel())
    assert (kept.any(1) & (~kept).any(1)).any()  # one coin per sample: batches mix kept and skipped


def test_stochastic_depth_edges():
    module = reference("stochastic_depth")
    branch = torch.nn.Conv2d(3, 3, 3, padding=1)
    x = torch.randn(4, 3, 4, 4)
    with torch.no_grad():
        assert torch.allclose(module.StochasticDepth(branch, 1.0).train()(x), x + branch(x))
        assert torch.equal(module.StochasticDepth(branch, 0.0).train()(x), x)
    with pytest.raises(ValueError):
        module.StochasticDepth(branch, 1.5)
