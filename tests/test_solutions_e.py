"""References of the second set (rms-norm, lora-linear, top-p-filter, focal-loss, clip-grad-norm, ema-weights,
gradient-accumulation) against torch's builtins or an independent implementation written here, and the
properties they need (after_call.py: same_as_reference, equals_full_batch_sgd_step)."""

import copy
import types

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from quizdl.grader.runner import import_file
from quizdl.paths import solutions_dir


def _ref(file: str) -> types.ModuleType:
    return import_file(solutions_dir() / file, f"ref_e_{file.removesuffix('.py')}")


# rms-norm ------------------------------------------------------------------------


rms = _ref("rms_norm.py")


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("shape, eps", [((2, 5, 8), 1e-6), ((8,), 1e-6), ((3, 2, 4, 8), 0.1), ((4, 8), 1e-3)])
def test_rms_norm_equals_torch(shape, eps, dtype):
    torch.manual_seed(0)
    weight = torch.randn(shape[-1], dtype=dtype)
    mine, theirs = rms.RMSNorm(shape[-1], eps=eps).to(dtype), nn.RMSNorm(shape[-1], eps=eps).to(dtype)
    with torch.no_grad():
        mine.weight.copy_(weight)
        theirs.weight.copy_(weight)
    x = (torch.randn(shape, dtype=dtype) * 3).requires_grad_()
    x2 = x.detach().clone().requires_grad_()
    y, want = mine(x), theirs(x2)
    tol = dict(rtol=1e-5, atol=1e-6) if dtype == torch.float32 else dict(rtol=1e-10, atol=1e-12)
    torch.testing.assert_close(y, want, **tol)
    g = torch.randn(shape, dtype=dtype)
    (y * g).sum().backward()
    (want * g).sum().backward()
    torch.testing.assert_close(x.grad, x2.grad, **tol)
    torch.testing.assert_close(mine.weight.grad, theirs.weight.grad, **tol)


def test_rms_norm_parameters_and_zero_row():
    layer = rms.RMSNorm(5)
    assert list(layer.state_dict()) == ["weight"] and torch.equal(layer.weight, torch.ones(5))
    assert torch.equal(layer(torch.zeros(2, 5)), torch.zeros(2, 5))
