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


# multi-head-attention -----------------------------------------------------------------

mha = _ref("multi_head_attention.py")


def _torch_mha(mine, bias):
    """nn.MultiheadAttention with the same weights: in_proj = cat(q, k, v), out_proj the same."""
    theirs = nn.MultiheadAttention(mine.embed_dim, mine.num_heads, bias=bias, batch_first=True)
    theirs = theirs.to(mine.q_proj.weight.dtype)
    with torch.no_grad():
        theirs.in_proj_weight.copy_(torch.cat([mine.q_proj.weight, mine.k_proj.weight, mine.v_proj.weight]))
        theirs.out_proj.weight.copy_(mine.out_proj.weight)
        if bias:
            theirs.in_proj_bias.copy_(torch.cat([mine.q_proj.bias, mine.k_proj.bias, mine.v_proj.bias]))
            theirs.out_proj.bias.copy_(mine.out_proj.bias)
    return theirs


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("E, H, bias", [(16, 4, True), (12, 2, False), (8, 1, True), (6, 6, True)])
@pytest.mark.parametrize("mask", [None, "bool", "float", "causal"])
def test_mha_equals_torch(dtype, E, H, bias, mask):
    torch.manual_seed(E + H)
    mine = mha.MultiHeadAttention(E, H, bias).to(dtype)
    theirs = _torch_mha(mine, bias)
    L, S = (6, 6) if mask == "causal" else (5, 7)
    query, key, value = _leaf((2, L, E), dtype, 1), _leaf((2, S, E), dtype, 2), _leaf((2, S, E), dtype, 3)
    kwargs, torch_kwargs = {}, {}
    if mask == "bool":
        allowed = _random_mask((L, S), 4)
        allowed[:, 0] = True  # nn.MultiheadAttention gives nan for a fully masked row
        kwargs, torch_kwargs = {"attn_mask": allowed}, {"attn_mask": ~allowed}  # its True = may NOT attend
    elif mask == "float":
        bias_mask = torch.randn(L, S, dtype=dtype, generator=torch.Generator().manual_seed(5))
        kwargs = torch_kwargs = {"attn_mask": bias_mask}
    elif mask == "causal":
        kwargs = {"is_causal": True}
        torch_kwargs = {"attn_mask": ~torch.ones(L, S, dtype=torch.bool).tril(), "is_causal": True}
    got = mine(query, key, value, **kwargs)
    want = theirs(query, key, value, need_weights=False, **torch_kwargs)[0]
    tol = {"rtol": 1e-6, "atol": 1e-8} if dtype == torch.float64 else {"rtol": 1e-4, "atol": 1e-5}
    assert got.dtype == dtype
    torch.testing.assert_close(got, want, **tol)
    for a, b in zip(_grads(got, (query, key, value)), _grads(want, (query, key, value))):
        torch.testing.assert_close(a, b, **tol)


def test_mha_names_modes_and_errors():
    mine = mha.MultiHeadAttention(16, 4)
    assert sorted(mine.state_dict()) == sorted(f"{p}_proj.{w}" for p in ("q", "k", "v", "out")
                                                 for w in ("weight", "bias"))
    assert sorted(mha.MultiHeadAttention(16, 4, False).state_dict()) == ["k_proj.weight", "out_proj.weight",
                                                                          "q_proj.weight", "v_proj.weight"]
    x = torch.randn(2, 5, 16)
    torch.testing.assert_close(mine.train()(x, x, x), mine.eval()(x, x, x), rtol=0, atol=0)  # no dropout
    with pytest.raises(ValueError):
        mha.MultiHeadAttention(10, 3)
    with pytest.raises(ValueError):
        mine(x, x, x, attn_mask=torch.ones(5, 5, dtype=torch.bool), is_causal=True)


def test_mha_fully_masked_row_is_out_proj_bias():
    mine = mha.MultiHeadAttention(8, 2)
    q, kv = torch.randn(2, 3, 8), torch.randn(2, 4, 8)
    allowed = torch.tensor([[True, False, True, False], [False] * 4, [True] * 4])
    out = mine(q, kv, kv, attn_mask=allowed)
    torch.testing.assert_close(out[:, 1], mine.out_proj.bias.expand(2, 8).detach())


# rope ---------------------------------------------------------------------------------

rope = _ref("rope.py")


def _rope_by_complex_numbers(x, positions, base=10000.0):
    """Pair i as the complex number x[2i] + i x[2i+1], times exp(i m theta_i), computed in complex128."""
    d = x.shape[-1]
    theta = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    rotor = torch.exp(1j * positions.to(torch.float64)[:, None] * theta)
    pairs = x.to(torch.float64).reshape(*x.shape[:-1], d // 2, 2)
    z = torch.complex(pairs[..., 0], pairs[..., 1]) * rotor
    return torch.stack([z.real, z.imag], -1).reshape(x.shape)


@pytest.mark.parametrize("shape, high, base", [((6, 8), 6, 10000.0), ((2, 3, 5, 16), 1000, 10000.0),
                                               ((3, 4, 2), 10, 10000.0), ((2, 7, 12), 300, 500.0),
                                               ((2, 6, 32), 100_000, 10000.0)])
def test_rope_equals_complex_multiplication(shape, high, base):
    x = torch.randn(shape, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    positions = torch.randint(0, high, (shape[-2],), generator=torch.Generator().manual_seed(2))
    torch.testing.assert_close(rope.apply_rope(x, positions, base), _rope_by_complex_numbers(x, positions, base),
                               rtol=1e-6, atol=1e-8)


def test_rope_float32_up_to_position_100():
    x = torch.randn(2, 2, 8, 16)
    positions = torch.randint(0, 101, (8,))
    out = rope.apply_rope(x, positions)
    assert out.dtype == torch.float32
    torch.testing.assert_close(out.double(), _rope_by_complex_numbers(x, positions), rtol=1e-4, atol=1e-5)


def test_rope_scores_depend_on_relative_position_only():
    q, k = torch.randn(1, 16, dtype=torch.float64), torch.randn(1, 16, dtype=torch.float64)

    def score(m, n):
        return (rope.apply_rope(q, torch.tensor([m])) * rope.apply_rope(k, torch.tensor([n]))).sum()

    torch.testing.assert_close(score(7, 3), score(104, 100))
    torch.testing.assert_close(score(0, 0), (q * k).sum())
    x = torch.randn(3, 4, 8, dtype=torch.float64)
    assert torch.equal(rope.apply_rope(x, torch.zeros(4, dtype=torch.int64)), x)


def test_rope_gradient_errors_and_inputs():
    x = torch.randn(2, 5, 8, dtype=torch.float64, requires_grad=True)
    positions = torch.randint(0, 1000, (5,))
    before = x.detach().clone(), positions.clone()
    (grad,) = torch.autograd.grad((rope.apply_rope(x, positions) * 3).sum(), x)
    # a rotation's Jacobian is orthogonal: the gradient is the upstream gradient rotated back
    torch.testing.assert_close(grad, rope.apply_rope(torch.full_like(x, 3.0), -positions))
    assert torch.equal(x.detach(), before[0]) and torch.equal(positions, before[1])
    with pytest.raises(ValueError):
        rope.apply_rope(torch.randn(2, 4, 7), torch.arange(4))


# kv-cache-attention -------------------------------------------------------------------

kv = _ref("kv_cache_attention.py")


def _full_causal(module, x):
    """nn.MultiheadAttention with the module's weights, over the whole sequence with a causal mask."""
    theirs = _torch_mha(module, bias=True)
    L = x.shape[1]
    return theirs(x, x, x, attn_mask=~torch.ones(L, L, dtype=torch.bool).tril(), need_weights=False)[0]


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("E, H, chunks", [(16, 4, [5]), (16, 4, [4, 1, 1, 1]), (16, 4, [1, 1, 1, 1]),
                                          (16, 4, [2, 3, 2]), (12, 3, [3, 1, 2]), (8, 1, [3, 1, 1])])
def test_kv_cache_steps_equal_full_causal_attention(dtype, E, H, chunks):
    torch.manual_seed(sum(chunks) + E)
    module = kv.KVCacheAttention(E, H).to(dtype)
    x = torch.randn(2, sum(chunks), E, dtype=dtype)
    want = _full_causal(module, x)
    tol = {"rtol": 1e-6, "atol": 1e-8} if dtype == torch.float64 else {"rtol": 1e-4, "atol": 1e-5}
    start = 0
    with torch.no_grad():
        for size in chunks:
            got = module(x[:, start:start + size])
            assert got.dtype == dtype
            torch.testing.assert_close(got, want[:, start:start + size], **tol)
            start += size


def test_kv_cache_reset_instances_names_and_errors():
    module = kv.KVCacheAttention(16, 4)
    assert sorted(module.state_dict()) == sorted(f"{p}_proj.{w}" for p in ("q", "k", "v", "out")
                                                 for w in ("weight", "bias"))
    with torch.no_grad():
        module(torch.randn(2, 4, 16))
        module.reset()
        x = torch.randn(3, 3, 16)  # a new batch size after reset
        torch.testing.assert_close(module(x), _full_causal(module, x))
        other = kv.KVCacheAttention(16, 4)
        other.load_state_dict(module.state_dict())
        y = torch.randn(3, 2, 16)
        torch.testing.assert_close(other(y), _full_causal(other, y))  # a fresh instance, an empty cache
    assert sorted(module.state_dict()) == sorted(other.state_dict())  # the cache never enters the state_dict
    with pytest.raises(ValueError):
        kv.KVCacheAttention(10, 4)


# sinusoidal-positional-encoding -------------------------------------------------------

spe = _ref("sinusoidal_positional_encoding.py")


def _pe_by_loop(seq_len, d_model, base=10000.0):
    table = np.zeros((seq_len, d_model))
    for pos in range(seq_len):
        for i in range(d_model // 2):
            angle = pos / base ** (2 * i / d_model)
            table[pos, 2 * i], table[pos, 2 * i + 1] = math.sin(angle), math.cos(angle)
    return table


@pytest.mark.parametrize("seq_len, d_model, base", [(10, 16, 10000.0), (7, 2, 10000.0), (12, 8, 100.0),
                                                    (3001, 8, 10000.0), (0, 8, 10000.0)])
def test_pe_equals_the_formula(seq_len, d_model, base):
    got = spe.sinusoidal_positional_encoding(seq_len, d_model, base)
    assert got.dtype == np.float64 and got.shape == (seq_len, d_model)
    np.testing.assert_allclose(got, _pe_by_loop(seq_len, d_model, base), rtol=1e-6, atol=1e-8)


def test_pe_shift_is_a_rotation_of_each_pair():
    pe = spe.sinusoidal_positional_encoding(60, 8)
    k = 5
    omega = 10000.0 ** (-np.arange(0, 8, 2) / 8)
    c, s = np.cos(k * omega), np.sin(k * omega)
    sin, cos = pe[:-k, 0::2], pe[:-k, 1::2]
    np.testing.assert_allclose(pe[k:, 0::2], sin * c + cos * s, atol=1e-12)
    np.testing.assert_allclose(pe[k:, 1::2], cos * c - sin * s, atol=1e-12)


@pytest.mark.parametrize("dtype", ["float32", np.float16, np.dtype("float32")])
def test_pe_dtype_is_the_float64_table_rounded(dtype):
    got = spe.sinusoidal_positional_encoding(10001, 8, dtype=dtype)
    assert got.dtype == np.dtype(dtype)
    assert np.array_equal(got, spe.sinusoidal_positional_encoding(10001, 8).astype(dtype))
    if np.dtype(dtype) == np.float32:
        np.testing.assert_allclose(got, _pe_by_loop(10001, 8), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("args, kwargs", [((10, 7), {}), ((10, 0), {}), ((-1, 8), {}), ((10, 8), {"dtype": "int64"}),
                                          ((10, 8), {"dtype": bool})])
def test_pe_errors(args, kwargs):
    with pytest.raises(ValueError):
        spe.sinusoidal_positional_encoding(*args, **kwargs)


# vit-patch-embedding ------------------------------------------------------------------

vit = _ref("vit_patch_embedding.py")


def _patches_by_hand(module, x):
    """Each p x p patch cut out by loops over the grid (row-major), flattened and projected by the conv's weights."""
    p = module.proj.kernel_size[0]
    n, _, h, w = x.shape
    weight = module.proj.weight.flatten(1)
    tokens = []
    for r in range(h // p):
        for c in range(w // p):
            patch = x[:, :, r * p:(r + 1) * p, c * p:(c + 1) * p].reshape(n, -1)
            tokens.append(patch @ weight.T + module.proj.bias)
    return torch.stack(tokens, dim=1)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("args", [(32, 8, 3, 64), ([16, 24], 8, 3, 10), ((12, 8), 4, 2, 6), (4, 1, 2, 5),
                                  (8, 8, 3, 4), (12, 4, 1, 7)])
def test_patch_embed_equals_patches_cut_by_hand(dtype, args):
    torch.manual_seed(0)
    module = vit.PatchEmbed(*args).to(dtype)
    h, w = (args[0], args[0]) if isinstance(args[0], int) else args[0]
    x = torch.randn(2, args[2], h, w, dtype=dtype, requires_grad=True)
    got, want = module(x), _patches_by_hand(module, x)
    tol = {"rtol": 1e-6, "atol": 1e-8} if dtype == torch.float64 else {"rtol": 1e-4, "atol": 1e-5}
    assert got.dtype == dtype and got.shape == (2, module.num_patches, args[3])
    torch.testing.assert_close(got, want, **tol)
    torch.testing.assert_close(_grads(got, (x,))[0], _grads(want, (x,))[0], **tol)


def test_patch_embed_defaults_names_and_errors():
    module = vit.PatchEmbed()
    assert module.num_patches == 196 and isinstance(module.num_patches, int)
    assert {k: tuple(v.shape) for k, v in module.state_dict().items()} == {"proj.weight": (768, 3, 16, 16),
                                                                            "proj.bias": (768,)}
    assert isinstance(module.proj, nn.Conv2d) and module.proj.stride == (16, 16)
    assert vit.PatchEmbed([16, 24], 8).num_patches == 6
    for bad in ((30, 8), ([32, 30], 8)):
        with pytest.raises(ValueError):
            vit.PatchEmbed(*bad)
    with pytest.raises(ValueError):
        vit.PatchEmbed(32, 8, 3, 16)(torch.randn(1, 3, 24, 32))
