"""The dropout-family generators against torch: nn.Dropout / F.dropout, linspace decay rules,
the DropBlock paper's formula and a count of the positions where a block fits."""

from __future__ import annotations

import math

import pytest

from conftest import draws
from quizdl.drills import registry

torch = pytest.importorskip("torch")
F = torch.nn.functional



def test_inverted_dropout_kept_output_matches_nn_dropout():
    torch.manual_seed(0)
    make = lambda rng: {"x": round(rng.uniform(-4, 4), 2), "p": rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8])}
    for params, out in draws("inverted_dropout_kept_output", make):
        layer = torch.nn.Dropout(params["p"]).train()
        y = layer(torch.full((4000,), params["x"], dtype=torch.float64))
        kept = y[y != 0]
        if params["x"] != 0:
            assert len(kept) > 0
            assert torch.allclose(kept, torch.full_like(kept, out["answer"]), rtol=1e-12, atol=0)
        assert out["times_keep"] == pytest.approx(params["x"] * (1 - params["p"]))
        assert out["expected"] == params["x"]
        # in eval mode nn.Dropout is the identity
        assert torch.equal(layer.eval()(torch.tensor([params["x"]])), torch.tensor([params["x"]]))


def test_inverted_dropout_keeps_the_expectation():
    torch.manual_seed(1)
    for params, out in draws("inverted_dropout_kept_output", lambda rng: {"x": rng.choice([1.0, -2.5, 3.0]), "p": rng.choice([0.2, 0.5, 0.7])}, count=10):
        n = 400_000
        y = F.dropout(torch.full((n,), params["x"], dtype=torch.float64), p=params["p"], training=True)
        sigma = abs(out["answer"]) * math.sqrt(params["p"] * (1 - params["p"]) / n)
        assert abs(y.mean().item() - out["expected"]) < 6 * sigma


def test_vanilla_dropout_test_output_is_the_training_mean():
    """Vanilla dropout trains with the bare mask (no 1/keep); its test-time output must equal the training mean."""
    torch.manual_seed(2)
    make = lambda rng: {"x": round(rng.uniform(-4, 4), 2), "keep": rng.choice([0.2, 0.5, 0.6, 0.75, 0.8, 0.9])}
    for params, out in draws("vanilla_dropout_test_output", make, count=40):
        n = 200_000
        keep = params["keep"]
        mask = F.dropout(torch.ones(n, dtype=torch.float64), p=1 - keep, training=True) != 0
        train = mask.double() * params["x"]
        sigma = abs(params["x"]) * math.sqrt(keep * (1 - keep) / n) + 1e-12
        assert abs(train.mean().item() - out["answer"]) < 6 * sigma
        assert out["drop_scaled"] == pytest.approx((1 - keep) * params["x"])


def test_dropout_variance_shift_matches_sampled_variance():
    torch.manual_seed(3)
    make = lambda rng: {
        "mean": rng.choice([0, 0, 0.5, 1, -1, 2]),
        "var": rng.choice([0.25, 1, 2, 4]),
        "keep": rng.choice([0.5, 0.8, 0.9]),
    }
    for params, out in draws("dropout_variance_shift", make, count=25):
        n = 1_000_000
        x = params["mean"] + math.sqrt(params["var"]) * torch.randn(n, dtype=torch.float64)
        train = F.dropout(x, p=1 - params["keep"], training=True)
        test = F.dropout(x, p=1 - params["keep"], training=False)
        assert train.var().item() == pytest.approx(out["answer"], rel=0.02)
        assert test.var().item() == pytest.approx(out["test_var"], rel=0.02)
        assert out["ratio"] == pytest.approx(params["var"] / out["answer"])


def _dropblock_draw(rng):
    return {
        "drop_prob": rng.choice([0.05, 0.1, 0.15, 0.2, 0.25]),
        "block_size": rng.choice([1, 3, 5, 7]),
        "feat_size": rng.choice([7, 14, 28, 56, 9, 13]),
    }


def test_dropblock_gamma_is_the_papers_formula():
    for params, out in draws("dropblock_gamma", _dropblock_draw):
        keep_prob = 1 - params["drop_prob"]
        b, f = params["block_size"], params["feat_size"]
        paper = (1 - keep_prob) / b**2 * f**2 / (f - b + 1) ** 2  # Ghiasi et al. 2018, eq. (1)
        assert out["answer"] == pytest.approx(paper, rel=1e-12)
        assert out["notes_gamma"] == pytest.approx(params["drop_prob"] / b**2)


def test_dropblock_gamma_drops_the_target_share_of_units():
    """gamma * (positions where a block fits) * block area = drop_prob * feature-map area (overlaps ignored)."""
    for params, out in draws("dropblock_gamma", _dropblock_draw, count=60):
        b, f = params["block_size"], params["feat_size"]
        fits = F.unfold(torch.ones(1, 1, f, f), kernel_size=b).shape[-1]  # sliding windows of size b
        assert fits == out["valid"]
        assert out["answer"] * fits * b * b == pytest.approx(params["drop_prob"] * f * f, rel=1e-12)


def test_dropblock_sampling_with_paper_gamma_drops_about_drop_prob():
    """Simulated DropBlock (seeds only where a block fits, max-pool to blocks): close to drop_prob, below it
    because blocks overlap; the notes' code (gamma = drop_prob / block_size^2, seeds anywhere) drops less."""
    torch.manual_seed(4)
    for f, b, drop in [(14, 7, 0.1), (28, 7, 0.1), (14, 3, 0.2)]:
        out = registry.run("dropblock_gamma", {"drop_prob": drop, "block_size": b, "feat_size": f})

        def dropped(gamma, valid_only):
            seeds = (torch.rand(3000, 1, f, f) < gamma).float()
            if valid_only:
                valid = torch.zeros(f, f)
                valid[b // 2 : f - (b - 1) // 2, b // 2 : f - (b - 1) // 2] = 1
                seeds = seeds * valid
            return F.max_pool2d(seeds, b, stride=1, padding=b // 2).mean().item()

        paper = dropped(out["answer"], valid_only=True)
        assert 0.85 * drop < paper < drop
        # the notes' code: seeds anywhere (padded max-pool), gamma = drop_prob / block_size^2
        assert dropped(out["notes_gamma"], valid_only=False) < 0.95 * paper


def test_stochastic_depth_survival_is_a_linear_decay():
    make = lambda rng: {"layer": rng.randint(1, 54), "num_blocks": rng.choice([12, 18, 27, 54]), "p_last": rng.choice([0.5, 0.8])}
    for params, out in draws("stochastic_depth_survival", make):
        decay = torch.linspace(1.0, params["p_last"], params["num_blocks"] + 1, dtype=torch.float64)
        assert out["answer"] == pytest.approx(decay[params["layer"]].item(), abs=1e-12)
        assert out["death"] == pytest.approx(1 - decay[params["layer"]].item(), abs=1e-12)


def test_stochastic_depth_expected_depth_matches_sampling():
    torch.manual_seed(5)
    make = lambda rng: {"num_blocks": rng.choice([3, 12, 18, 27, 54]), "p_last": rng.choice([0.5, 0.6, 0.8])}
    for params, out in draws("stochastic_depth_expected_depth", make, count=20):
        survival = torch.linspace(1.0, params["p_last"], params["num_blocks"] + 1, dtype=torch.float64)[1:]
        assert out["answer"] == pytest.approx(survival.sum().item(), rel=1e-12)
        assert out["closed_form"] == pytest.approx(out["answer"], rel=1e-12)
        active = torch.bernoulli(survival.expand(100_000, -1)).sum(1)
        assert active.mean().item() == pytest.approx(out["answer"], abs=0.05)


def test_resnet110_expected_depth_is_about_40_blocks():
    """Huang et al.: ResNet-110 (54 blocks) with p_L = 0.5 keeps about 40 blocks per training pass."""
    assert registry.run("stochastic_depth_expected_depth", {"num_blocks": 54, "p_last": 0.5})["answer"] == pytest.approx(40.25)
