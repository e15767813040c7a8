"""Transformer generators against torch: nn.MultiheadAttention and nn.TransformerEncoderLayer parameter
counts, a Conv2d patch embedding's output and parameters, and the sinusoidal code built with torch ops."""

from __future__ import annotations

import math

import pytest

from conftest import draws

torch = pytest.importorskip("torch")
nn = torch.nn


def _count(*modules_or_params) -> int:
    total = 0
    for thing in modules_or_params:
        params = thing.parameters() if isinstance(thing, nn.Module) else [thing]
        total += sum(p.numel() for p in params)
    return total


def _dims(rng):
    return {"d_model": rng.choice([64, 96, 128, 256, 512, 768]), "heads": rng.choice([1, 2, 4, 8, 12, 16])}


def test_mha_params_match_nn_multihead_attention():
    make = lambda rng: {**_dims(rng), "bias": rng.choice([True, False])}
    for params, out in draws("mha_params", make, count=60):
        layer = nn.MultiheadAttention(params["d_model"], params["heads"], bias=params["bias"], device="meta")
        assert _count(layer) == out["answer"]
        assert out["no_out_proj"] == _count(layer) - _count(layer.out_proj)


def test_the_head_count_does_not_change_the_mha_count():
    counts = {_count(nn.MultiheadAttention(256, h, device="meta")) for h in (1, 2, 4, 8)}
    assert len(counts) == 1


def test_encoder_layer_params_match_nn_transformer_encoder_layer():
    make = lambda rng: {**_dims(rng), "ffn_mult": rng.choice([2, 4, 8])}
    for params, out in draws("encoder_layer_params", make, count=60):
        d = params["d_model"]
        layer = nn.TransformerEncoderLayer(d, params["heads"], dim_feedforward=params["ffn_mult"] * d,
                                           device="meta")
        assert _count(layer) == out["answer"]
        assert _count(layer.norm1, layer.norm2) == out["norms"]
        assert _count(layer.linear1, layer.linear2) == out["ffn"]


def test_vit_tokens_match_a_conv2d_patch_embedding():
    make = lambda rng: {"height": rng.choice([224, 256, 384, 96, 160]), "width": rng.choice([224, 256, 384, 96]),
                        "patch": rng.choice([8, 14, 16, 32])}
    for params, out in draws("vit_tokens", make, count=40):
        patch = params["patch"]
        embed = nn.Conv2d(3, 8, patch, stride=patch, device="meta")
        tokens = embed(torch.empty(1, 3, params["height"], params["width"], device="meta")).flatten(2).shape[-1]
        assert tokens + 1 == out["answer"]


def test_vit_embedding_params_match_torchvision_style_modules():
    make = lambda rng: {"image": rng.choice([224, 256, 384]), "patch": rng.choice([14, 16, 32]),
                        "channels": rng.choice([3, 4]), "dim": rng.choice([192, 384, 768, 1024])}
    for params, out in draws("vit_embedding_params", make, count=40):
        image, patch, dim = params["image"], params["patch"], params["dim"]
        conv = nn.Conv2d(params["channels"], dim, patch, stride=patch, device="meta")
        tokens = conv(torch.empty(1, params["channels"], image, image, device="meta")).flatten(2).shape[-1] + 1
        class_token = nn.Parameter(torch.zeros(1, 1, dim, device="meta"))
        positions = nn.Parameter(torch.empty(1, tokens, dim, device="meta"))  # torchvision's pos_embedding
        assert _count(conv, class_token, positions) == out["answer"]


def _torch_code(max_pos: int, d_model: int):
    """The sinusoidal table as the PyTorch tutorial builds it."""
    position = torch.arange(max_pos, dtype=torch.float64).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float64) * (-math.log(10000.0) / d_model))
    table = torch.zeros(max_pos, d_model, dtype=torch.float64)
    table[:, 0::2] = torch.sin(position * div_term)
    table[:, 1::2] = torch.cos(position * div_term)
    return table


def test_sinusoidal_code_matches_the_torch_table():
    make = lambda rng: {"pos": rng.randint(1, 60), "j": rng.randint(0, 15), "d_model": rng.choice([16, 32, 64])}
    tables = {d: _torch_code(61, d) for d in (16, 32, 64)}
    for params, out in draws("sinusoidal_code", make):
        assert tables[params["d_model"]][params["pos"], params["j"]].item() == pytest.approx(out["answer"], abs=1e-12)
        assert abs(out["swapped"] - out["answer"]) > 3 * 0.0006
