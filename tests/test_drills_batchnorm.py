"""The BatchNorm generators against torch.nn.BatchNorm2d itself (train mode for running statistics,
eval mode for the output)."""

from __future__ import annotations


import pytest

from conftest import draws

torch = pytest.importorskip("torch")


def _batch(params):
    """One channel holding x1..x4, as a (4, 1, 1, 1) batch."""
    return torch.tensor([params[f"x{i}"] for i in range(1, 5)], dtype=torch.float64).reshape(4, 1, 1, 1)


def _values(rng):
    return {f"x{i}": rng.randint(-5, 10) for i in range(1, 5)}


def test_running_mean_update_matches_batchnorm2d():
    make = lambda rng: {"running": round(rng.uniform(-2, 2), 1), "momentum": rng.choice([0.1, 0.2, 0.05, 0.3]), **_values(rng)}
    for params, out in draws("bn_running_mean_update", make):
        bn = torch.nn.BatchNorm2d(1, momentum=params["momentum"]).double().train()
        bn.running_mean.fill_(params["running"])
        bn(_batch(params))
        assert bn.running_mean.item() == pytest.approx(out["answer"], abs=1e-12)
        assert bn.num_batches_tracked.item() == 1


def test_running_var_update_matches_batchnorm2d():
    make = lambda rng: {"running_var": round(rng.uniform(0.5, 3), 1), "momentum": rng.choice([0.1, 0.2, 0.05, 0.3]), **_values(rng)}
    for params, out in draws("bn_running_var_update", make):
        bn = torch.nn.BatchNorm2d(1, momentum=params["momentum"]).double().train()
        bn.running_var.fill_(params["running_var"])
        x = _batch(params)
        bn(x)
        assert bn.running_var.item() == pytest.approx(out["answer"], abs=1e-12)
        assert out["unbiased_var"] == pytest.approx(x.var(unbiased=True).item())
        assert out["biased_var"] == pytest.approx(x.var(unbiased=False).item())


def test_train_mode_normalises_with_the_biased_variance():
    """The batch itself is normalised with the biased variance (the numeric question on [1, 2, 3, 6] relies on it)."""
    bn = torch.nn.BatchNorm2d(1).double().train()
    y = bn(torch.tensor([1.0, 2.0, 3.0, 6.0], dtype=torch.float64).reshape(4, 1, 1, 1))
    assert y[3].item() == pytest.approx(3 / (3.5 + 1e-5) ** 0.5, abs=1e-9)
    assert round(y[3].item(), 3) == 1.604


def test_running_mean_after_n_batches_matches_batchnorm2d():
    torch.manual_seed(0)
    make = lambda rng: {"momentum": rng.choice([0.1, 0.1, 0.2, 0.05, 0.01]), "steps": rng.randint(1, 40), "mu": rng.choice([1, 2, 5, 10, -3])}
    for params, out in draws("bn_running_mean_after_n", make, count=60):
        bn = torch.nn.BatchNorm2d(1, momentum=params["momentum"]).double().train()
        for _ in range(params["steps"]):
            noise = torch.randn(8, 1, 2, 2, dtype=torch.float64)
            bn(params["mu"] + noise - noise.mean())  # a batch whose mean is exactly mu
        assert bn.running_mean.item() == pytest.approx(out["answer"], abs=1e-9)
        assert bn.num_batches_tracked.item() == params["steps"]


def test_eval_output_matches_batchnorm2d_in_eval_mode():
    make = lambda rng: {
        "x": round(rng.uniform(-3, 5), 1),
        "mean": round(rng.uniform(-1, 2), 1),
        "var": rng.choice([0.25, 0.64, 1.0, 2.25, 4.0, 9.0]),
        "gamma": rng.choice([0.5, 1.0, 1.5, 2.0]),
        "beta": rng.choice([-1.0, 0.0, 0.5, 1.0]),
    }
    for params, out in draws("bn_eval_output", make):
        bn = torch.nn.BatchNorm2d(1).double().eval()
        bn.running_mean.fill_(params["mean"])
        bn.running_var.fill_(params["var"])
        with torch.no_grad():
            bn.weight.fill_(params["gamma"])
            bn.bias.fill_(params["beta"])
        y = bn(torch.full((1, 1, 1, 1), params["x"], dtype=torch.float64))
        assert y.item() == pytest.approx(out["answer"], abs=1e-12)
        # eval mode leaves the running statistics alone
        assert bn.running_mean.item() == params["mean"] and bn.num_batches_tracked.item() == 0


def test_cumulative_average_when_momentum_is_none():
    """momentum=None: running_mean is the plain average of the batch means (the numeric question uses 2, 4, 9)."""
    bn = torch.nn.BatchNorm2d(1, momentum=None).double().train()
    for mean in (2.0, 4.0, 9.0):
        noise = torch.randn(4, 1, 1, 1, dtype=torch.float64)
        bn(mean + noise - noise.mean())
    assert bn.running_mean.item() == pytest.approx(5.0)
    assert bn.num_batches_tracked.item() == 3
