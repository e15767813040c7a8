"""L1/L2 and label-smoothing generators against independent computations: a brute-force grid
minimisation and F.softshrink for the L1 proximal step, torch.optim.SGD(weight_decay) for L2,
F.cross_entropy(label_smoothing=eps) and autograd for label smoothing."""

from __future__ import annotations

import math

import pytest

from conftest import draws
from quizdl.drills import registry

torch = pytest.importorskip("torch")
F = torch.nn.functional



def _l1_draw(rng):
    return {
        "w": round(rng.uniform(-1, 1), 2),
        "grad": round(rng.uniform(-1, 1), 2),
        "lr": rng.choice([0.1, 0.5, 1.0]),
        "lam": rng.choice([0.1, 0.2, 0.5, 1.0]),
    }


def test_l1_prox_step_minimises_the_linearised_objective_on_a_grid():
    """The proximal step is argmin_u grad (u - w) + (u - w)^2 / (2 lr) + lam |u|; find it by brute force."""
    grid = torch.arange(-400_000, 400_001, dtype=torch.float64) * 1e-5  # [-4, 4] in steps of 1e-5
    for params, out in draws("l1_prox_step", _l1_draw):
        w, g, lr, lam = params["w"], params["grad"], params["lr"], params["lam"]
        objective = g * (grid - w) + (grid - w) ** 2 / (2 * lr) + lam * grid.abs()
        best = grid[objective.argmin()].item()
        assert best == pytest.approx(out["answer"], abs=2e-5)


def test_l1_prox_step_is_softshrink():
    for params, out in draws("l1_prox_step", _l1_draw):
        z = torch.tensor([params["w"] - params["lr"] * params["grad"]], dtype=torch.float64)
        assert F.softshrink(z, params["lr"] * params["lam"]).item() == pytest.approx(out["answer"], abs=1e-12)


def test_l1_zero_is_a_minimum_exactly_when_the_data_gradient_is_within_lambda():
    """J(w) = d0 w + w^2 / 2 + lam |w| (data gradient d0 at 0): its minimiser is 0 iff |d0| <= lam."""
    grid = torch.arange(-300_000, 300_001, dtype=torch.float64) * 1e-5
    for d0, lam in [(0.3, 0.5), (-0.7, 0.7), (0.8, 0.5), (-0.6, 0.2), (0.5, 0.5)]:
        best = grid[(d0 * grid + grid**2 / 2 + lam * grid.abs()).argmin()].item()
        assert (abs(best) < 1e-9) == (abs(d0) <= lam)


def test_l2_weight_decay_step_matches_torch_sgd():
    make = lambda rng: {
        "w": round(rng.uniform(-2, 2), 2),
        "grad": round(rng.uniform(-1, 1), 2),
        "lr": rng.choice([0.1, 0.5, 0.05]),
        "wd": rng.choice([0.01, 0.05, 0.1, 0.2]),
    }
    for params, out in draws("l2_weight_decay_step", make):
        p = torch.nn.Parameter(torch.tensor([params["w"]], dtype=torch.float64))
        p.grad = torch.tensor([params["grad"]], dtype=torch.float64)
        torch.optim.SGD([p], lr=params["lr"], weight_decay=params["wd"]).step()
        assert p.item() == pytest.approx(out["answer"], abs=1e-12)
        # weight_decay=wd is the gradient of the penalty (wd / 2) * w^2
        q = torch.tensor(params["w"], dtype=torch.float64, requires_grad=True)
        (params["grad"] * q + params["wd"] / 2 * q**2).backward()
        assert params["w"] - params["lr"] * q.grad.item() == pytest.approx(out["answer"], abs=1e-12)


def _smoothed_target(eps, k):
    """The target torch uses, read off the gradient: d CE / d logits = softmax(z) - q, so q = 1/K - grad at z = 0."""
    z = torch.zeros(1, k, dtype=torch.float64, requires_grad=True)
    F.cross_entropy(z, torch.tensor([0]), label_smoothing=eps).backward()
    return 1 / k - z.grad[0]


def _ls_draw(rng):
    return {"eps": rng.choice([0.05, 0.1, 0.2, 0.3]), "k": rng.choice([2, 3, 4, 5, 10, 20])}


def test_label_smoothing_targets_match_torch():
    for params, out in draws("label_smoothing_true_target", _ls_draw, count=40):
        q = _smoothed_target(params["eps"], params["k"])
        assert q[0].item() == pytest.approx(out["answer"], abs=1e-12)
        other = registry.run("label_smoothing_other_target", params)
        assert q[1:].tolist() == pytest.approx([other["answer"]] * (params["k"] - 1), abs=1e-12)
        assert q.sum().item() == pytest.approx(1.0)


def test_label_smoothed_ce_matches_f_cross_entropy():
    make = lambda rng: {**_ls_draw(rng), "p": rng.choice([0.5, 0.6, 0.7, 0.8, 0.9, 0.95])}
    for params, out in draws("label_smoothed_ce", make):
        k, p = params["k"], params["p"]
        probs = torch.tensor([p] + [(1 - p) / (k - 1)] * (k - 1), dtype=torch.float64)
        logits = probs.log().unsqueeze(0) + 3.0  # any shift gives the same softmax
        ce = F.cross_entropy(logits, torch.tensor([0]), label_smoothing=params["eps"])
        assert ce.item() == pytest.approx(out["answer"], abs=1e-12)
        assert F.cross_entropy(logits, torch.tensor([0])).item() == pytest.approx(out["hard_ce"], abs=1e-12)


def test_label_smoothing_minimum_and_logit_gap_are_where_the_gradient_vanishes():
    """Smoothed CE is convex in the logits; at z = log q its gradient is 0, so that is the minimum."""
    for params, out in draws("label_smoothing_min_ce", _ls_draw, count=40):
        eps, k = params["eps"], params["k"]
        q = _smoothed_target(eps, k).detach()
        z = q.log().unsqueeze(0).clone().requires_grad_(True)
        ce = F.cross_entropy(z, torch.tensor([0]), label_smoothing=eps)
        ce.backward()
        assert z.grad.abs().max().item() < 1e-12
        assert ce.item() == pytest.approx(out["answer"], abs=1e-12)
        gap = registry.run("label_smoothing_logit_gap", params)
        assert (z[0, 0] - z[0, 1]).item() == pytest.approx(gap["answer"], abs=1e-12)


def test_label_smoothing_minimum_found_by_optimisation():
    torch.manual_seed(0)
    for eps, k in [(0.1, 10), (0.2, 3)]:
        z = torch.randn(1, k, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.LBFGS([z], max_iter=500, tolerance_grad=1e-12, tolerance_change=1e-15, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = F.cross_entropy(z, torch.tensor([0]), label_smoothing=eps)
            loss.backward()
            return loss

        opt.step(closure)
        found = F.cross_entropy(z, torch.tensor([0]), label_smoothing=eps).item()
        assert found == pytest.approx(registry.run("label_smoothing_min_ce", {"eps": eps, "k": k})["answer"], abs=1e-8)
        gap = (z[0, 0] - z[0, 1:].mean()).item()
        assert gap == pytest.approx(math.log(1 + k * (1 - eps) / eps), abs=1e-4)
