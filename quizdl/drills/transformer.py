"""Transformer arithmetic: parameters of multi-head attention, an encoder layer and ViT's embeddings,
ViT's token count, and the sinusoidal position code. Counts follow PyTorch's modules
(nn.MultiheadAttention, nn.TransformerEncoderLayer, a Conv2d patch embedding as in torchvision)."""

from __future__ import annotations

import math

from quizdl.drills.guards import require_apart
from quizdl.drills.registry import Redraw, drill

PE_TOLERANCE = 0.0006
"""The sinusoidal-code drill asks for 3 decimals."""


@drill
def mha_params(d_model: int, heads: int, bias: bool = True) -> dict:
    """nn.MultiheadAttention(d_model, heads, bias): W_Q, W_K, W_V, W_O are d x d whatever the head count."""
    if d_model % heads:
        raise Redraw
    d_head = d_model // heads
    per_matrix = d_model * d_model + (d_model if bias else 0)
    answer = 4 * per_matrix
    mistakes = {
        "no_out_proj": 3 * per_matrix,
        "heads_times": heads * answer,
        "one_head_size": 4 * (d_model * d_head + (d_head if bias else 0)),
    }
    require_apart(answer, mistakes)
    return {"answer": answer, "d_head": d_head, "per_matrix": per_matrix, "weights": 4 * d_model * d_model,
            "biases": 4 * d_model if bias else 0, **mistakes}


@drill
def encoder_layer_params(d_model: int, heads: int, ffn_mult: int) -> dict:
    """nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=ffn_mult * d_model): attention 4d^2 + 4d,
    FFN d*f + f + f*d + d, two LayerNorms of 2d each."""
    if d_model % heads:
        raise Redraw
    d_ff = ffn_mult * d_model
    attention = 4 * d_model * d_model + 4 * d_model
    ffn = 2 * d_model * d_ff + d_ff + d_model
    norms = 4 * d_model
    answer = attention + ffn + norms
    mistakes = {
        "no_norms": attention + ffn,
        "no_biases": 4 * d_model * d_model + 2 * d_model * d_ff + norms,
        "ffn_square": attention + 2 * d_model * d_model + 2 * d_model + norms,
        "one_norm": attention + ffn + norms // 2,
    }
    require_apart(answer, mistakes)
    return {"answer": answer, "d_ff": d_ff, "attention": attention, "ffn": ffn, "norms": norms, **mistakes}


@drill
def vit_tokens(height: int, width: int, patch: int) -> dict:
    """Tokens entering a ViT encoder: (H / P)(W / P) patches plus one class token."""
    if height % patch or width % patch:
        raise Redraw
    rows, cols = height // patch, width // patch
    patches = rows * cols
    answer = patches + 1
    mistakes = {
        "no_cls": patches,
        "patch_not_squared": height * width // patch + 1,
        "pixels_per_patch": patch * patch + 1,
    }
    require_apart(answer, mistakes)
    return {"answer": answer, "rows": rows, "cols": cols, "patches": patches, **mistakes}


@drill
def vit_embedding_params(image: int, patch: int, channels: int, dim: int) -> dict:
    """Parameters before ViT's first block: Conv2d(C, D, P, stride=P) with bias, a class token (D),
    and learned position embeddings for N + 1 tokens ((N + 1) D)."""
    if image % patch:
        raise Redraw
    patches = (image // patch) ** 2
    conv = channels * patch * patch * dim + dim
    positions = (patches + 1) * dim
    answer = conv + dim + positions
    mistakes = {
        "no_positions": conv + dim,
        "positions_no_cls": conv + dim + patches * dim,
        "no_channels": patch * patch * dim + dim + dim + positions,
    }
    require_apart(answer, mistakes)
    return {"answer": answer, "patches": patches, "conv": conv, "positions": positions,
            "conv_weights": channels * patch * patch * dim, **mistakes}


@drill
def sinusoidal_code(pos: int, j: int, d_model: int) -> dict:
    """Entry j of the sinusoidal code of position pos: sin(pos / 10000^(2i/d)) for j = 2i,
    cos of the same angle for j = 2i + 1."""
    if not 0 <= j < d_model:
        raise Redraw
    pair = j // 2
    angle = pos / 10000 ** (2 * pair / d_model)
    trig, other = (math.sin, math.cos) if j % 2 == 0 else (math.cos, math.sin)
    answer = trig(angle)
    mistakes = {
        "swapped": other(angle),
        "j_as_pair": trig(pos / 10000 ** (2 * j / d_model)),
        "degrees": trig(math.radians(angle)),
    }
    require_apart(answer, mistakes, abs_tol=PE_TOLERANCE)
    return {"answer": answer, "pair": pair, "two_i": 2 * pair, "angle": angle,
            "function": "sin" if j % 2 == 0 else "cos", **mistakes}
