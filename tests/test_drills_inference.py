"""Inference generators against torch: cache and attention tensors' bytes on the meta device, FLOPs counted
by FlopCounterMode on a real attention and MLP forward, softmax with temperature, and the repository's
reference top-p filter."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import draws

torch = pytest.importorskip("torch")
F = torch.nn.functional
DTYPES = ["float16", "bfloat16", "float8_e4m3fn"]
LOGITS = [[4, 3, 2, 2, 1, 0], [3, 2.5, 1, 0.5, 0], [5, 3, 3, 1, 0, -1], [2, 1.5, 1, 0.5, 0, -0.5]]


def _bytes(tensors) -> int:
    return sum(t.numel() * t.element_size() for t in tensors)


def test_kv_cache_matches_the_bytes_of_a_cache_of_tensors():
    make = lambda rng: {"layers": rng.choice([24, 32, 40, 80]), "heads": rng.choice([32, 64]),
                        "kv_heads": rng.choice([1, 4, 8]), "d_head": rng.choice([64, 128]),
                        "seq": rng.choice([2048, 4096, 8192, 32768]), "batch": rng.choice([1, 4, 16]),
                        "dtype": rng.choice(DTYPES)}
    for params, out in draws("kv_cache_gb", make, count=60):
        dtype = getattr(torch, params["dtype"])
        shape = (params["batch"], params["kv_heads"], params["seq"], params["d_head"])
        cache = [torch.empty(shape, dtype=dtype, device="meta") for _ in range(params["layers"]) for _kv in "kv"]
        assert _bytes(cache) / 1e9 == pytest.approx(out["answer"], rel=1e-12)


def test_attention_matrix_matches_the_softmax_output_bytes():
    make = lambda rng: {"batch": rng.choice([1, 2, 8]), "heads": rng.choice([12, 16, 32]),
                        "seq": rng.choice([1024, 2048, 4096, 8192]), "dtype": rng.choice(["float16", "float32"])}
    for params, out in draws("attention_matrix_gb", make, count=40):
        dtype = getattr(torch, params["dtype"])
        q = torch.empty(params["batch"], params["heads"], params["seq"], 64, dtype=dtype, device="meta")
        probs = torch.softmax(q @ q.transpose(-1, -2) / 8, dim=-1)
        assert _bytes([probs]) / 1e9 == pytest.approx(out["answer"], rel=1e-12)


def test_flop_ratio_matches_flop_counter_mode():
    from torch.utils.flop_counter import FlopCounterMode

    make = lambda rng: {"seq": rng.choice([512, 1024, 2048, 4096, 8192, 32768]),
                        "d_model": rng.choice([768, 1024, 2048, 4096]), "ffn_mult": 4}
    for params, out in draws("attention_mlp_flop_ratio", make, count=30):
        n, d = params["seq"], params["d_model"]
        x = torch.empty(1, n, d, device="meta")
        square = torch.empty(d, d, device="meta")
        with FlopCounterMode(display=False) as attention:
            q, k, v = (F.linear(x, square) for _ in range(3))
            F.linear(torch.softmax(q @ k.transpose(-1, -2), dim=-1) @ v, square)
        with FlopCounterMode(display=False) as mlp:
            F.linear(F.gelu(F.linear(x, torch.empty(4 * d, d, device="meta"))), torch.empty(d, 4 * d, device="meta"))
        assert attention.get_total_flops() / mlp.get_total_flops() == pytest.approx(out["answer"], rel=1e-12)


def _reference_top_p():
    path = Path(__file__).parents[1] / "solutions" / "top_p_filter.py"
    spec = importlib.util.spec_from_file_location("top_p_filter_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.top_p_filter


def test_nucleus_size_matches_the_reference_top_p_filter():
    top_p_filter = _reference_top_p()
    make = lambda rng: {"logits": rng.choice(LOGITS), "temperature": rng.choice([0.5, 0.7, 1.5, 2.0]),
                        "top_p": rng.choice([0.8, 0.9, 0.95])}
    for params, out in draws("nucleus_size", make, count=60):
        logits = torch.tensor(params["logits"], dtype=torch.float64)
        kept = top_p_filter(logits / params["temperature"], params["top_p"])
        assert torch.isfinite(kept).sum().item() == out["answer"]
        untempered = top_p_filter(logits, params["top_p"])
        assert torch.isfinite(untempered).sum().item() == out["no_temperature"]


def test_temperature_top_prob_matches_torch_softmax():
    make = lambda rng: {"logits": rng.choice(LOGITS), "temperature": rng.choice([0.5, 0.7, 1.5, 2.0, 3.0])}
    for params, out in draws("temperature_top_prob", make, count=40):
        logits = torch.tensor(params["logits"], dtype=torch.float64)
        assert torch.softmax(logits / params["temperature"], -1).max().item() == pytest.approx(out["answer"])
        assert torch.softmax(logits * params["temperature"], -1).max().item() == pytest.approx(out["times_temperature"])
