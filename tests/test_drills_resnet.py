"""ResNet generators: path counts by enumeration, residual gradients by autograd."""

import itertools
import random

import pytest

from quizdl.drills import registry

torch = pytest.importorskip("torch")


def test_resnet_paths_match_enumeration_of_skip_or_enter_choices():
    for blocks in range(1, 13):
        choices = list(itertools.product((0, 1), repeat=blocks))  # 1 = go through the residual branch
        assert len(choices) == registry.run("resnet_paths", dict(blocks=blocks, length=0))["all_paths"]
        for length in range(blocks + 1):
            out = registry.run("resnet_paths", dict(blocks=blocks, length=length))
            assert out["answer"] == sum(1 for c in choices if sum(c) == length)


def test_residual_chain_gradient_matches_autograd():
    rng = random.Random(30)
    for _ in range(300):
        a = [round(rng.uniform(-0.9, 0.9), 1) for _ in range(3)]
        x0 = torch.tensor(rng.uniform(-2, 2), dtype=torch.float64, requires_grad=True)
        x = x0
        for ai in a:
            x = x + ai * x  # identity shortcut + a linear residual branch F(x) = a x
        x.backward()
        out = registry.run("residual_chain_gradient", dict(a1=a[0], a2=a[1], a3=a[2]))
        assert out["answer"] == pytest.approx(x0.grad.item(), rel=1e-12, abs=1e-15)
        # the same chain without shortcuts
        y0 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        y = y0
        for ai in a:
            y = ai * y
        y.backward()
        assert out["plain"] == pytest.approx(y0.grad.item(), abs=1e-15)
