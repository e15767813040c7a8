"""The references of the second set (part d) against torch's builtins or a second, independent implementation.

Exercises: scaled-dot-product-attention (F.scaled_dot_product_attention), multi-head-attention
(nn.MultiheadAttention), rope (complex multiplication), kv-cache-attention (full causal attention),
sinusoidal-positional-encoding (a loop over the formula), vit-patch-embedding (patches cut out by hand).
"""

import math
import types

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from quizdl.grader.runner import import_file
from quizdl.paths import solutions_dir


def _ref(file: str) -> types.ModuleType:
    return import_file(solutions_dir() / file, f"ref_d_{file.removesuffix('.py')}")


def _leaf(shape, dtype=torch.float64, seed=0, scale=1.0):
    generator = torch.Generator().manual_seed(seed)
    return (scale * torch.randn(shape, generator=generator, dtype=dtype)).requires_grad_(True)


def _grads(out, inputs):
    return torch.autograd.grad(out.sum(), inputs)


# scaled-dot-product-attention ---------------------------------------------------------

sdpa = _ref("scaled_dot_product_attention.py")


def _random_mask(shape, seed, p=0.7):
    return torch.rand(shape, generator=torch.Generator().manual_seed(seed)) < p


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("lead, L, S, E, Ev, mask", [
    ((), 3, 5, 4, 6, None),
    ((2,), 4, 6, 8, 8, None),
    ((2, 3), 5, 7, 16, 3, None),
    ((2,), 4, 6, 8, 5, "bool"),
    ((2, 3), 5, 6, 4, 4, "bool-heads"),
    ((2,), 4, 6, 8, 5, "float"),
    ((2, 2), 5, 5, 8, 8, "causal"),
    ((2,), 3, 5, 4, 4, "causal"),
    ((2,), 5, 3, 4, 4, "causal"),
    ((2,), 3, 4, 4, 3, "dead-row"),
])
def test_sdpa_equals_torch(dtype, lead, L, S, E, Ev, mask):
    q, k, v = _leaf((*lead, L, E), dtype, 1), _leaf((*lead, S, E), dtype, 2), _leaf((*lead, S, Ev), dtype, 3)
    kwargs = {}
    if mask == "bool":
        kwargs["attn_mask"] = _random_mask((L, S), 4)
    elif mask == "bool-heads":
        kwargs["attn_mask"] = _random_mask((lead[0], 1, L, S), 5)
    elif mask == "float":
        kwargs["attn_mask"] = torch.randn(L, S, dtype=dtype, generator=torch.Generator().manual_seed(6))
    elif mask == "causal":
        kwargs["is_causal"] = True
    elif mask == "dead-row":
        kwargs["attn_mask"] = torch.tensor([[True, False, True, False], [False] * 4, [True] * 4])
    got, want = sdpa.scaled_dot_product_attention(q, k, v, **kwargs), F.scaled_dot_product_attention(q, k, v, **kwargs)
    tol = {"rtol": 1e-6, "atol": 1e-8} if dtype == torch.float64 else {"rtol": 1e-4, "atol": 1e-5}
    assert got.dtype == dtype and got.shape == want.shape
    torch.testing.assert_close(got, want, **tol)
    for mine, theirs in zip(_grads(got, (q, k, v)), _grads(want, (q, k, v))):
        torch.testing.assert_close(mine, theirs, **tol)
    if mask == "dead-row":
        assert (got[..., 1, :] == 0).all()


def test_sdpa_large_scores_are_finite_and_right():
    q, k, v = _leaf((2, 5, 4), scale=40.0, seed=7), _leaf((2, 6, 4), scale=40.0, seed=8), _leaf((2, 6, 3), seed=9)
    got = sdpa.scaled_dot_product_attention(q, k, v)
    assert (q @ k.transpose(-2, -1)).abs().max() / 2 > 1000
    assert torch.isfinite(got).all()
    torch.testing.assert_close(got, F.scaled_dot_product_attention(q, k, v), rtol=1e-6, atol=1e-8)


def test_sdpa_mask_and_causal_raise_value_error():
    q = torch.randn(2, 4, 8)
    with pytest.raises(ValueError):
        sdpa.scaled_dot_product_attention(q, q, q, attn_mask=torch.ones(4, 4, dtype=torch.bool), is_causal=True)


def test_sdpa_leaves_inputs_alone():
    q, k, v, m = torch.randn(2, 4, 8), torch.randn(2, 6, 8), torch.randn(2, 6, 5), _random_mask((4, 6), 1)
    before = [t.clone() for t in (q, k, v, m)]
    sdpa.scaled_dot_product_attention(q, k, v, m)
    assert all(torch.equal(a, b) for a, b in zip(before, (q, k, v, m)))
