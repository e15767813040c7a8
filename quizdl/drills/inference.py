"""Inference arithmetic: KV-cache and attention-matrix memory, attention versus MLP FLOPs, and what
temperature and top-p do to a next-token distribution.

GB means 10^9 bytes, as the prompts say. FLOPs count a multiply-add as 2, as torch's FlopCounterMode does.
"""

from __future__ import annotations

import math

from quizdl.drills.guards import require_apart
from quizdl.drills.registry import Redraw, drill

GB_TOLERANCE = 0.006
"""Memory drills ask for GB with 2 decimals."""
RATIO_TOLERANCE = 0.006
"""The FLOP-ratio drill asks for 2 decimals."""
PROB_TOLERANCE = 0.0006
"""The temperature drill asks for 3 decimals."""
BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float8_e4m3fn": 1}


@drill
def kv_cache_gb(layers: int, heads: int, kv_heads: int, d_head: int, seq: int, batch: int, dtype: str) -> dict:
    """2 (K and V) x layers x kv_heads x d_head x seq x batch x bytes: the cache keeps only the KV heads."""
    if dtype not in BYTES or kv_heads > heads or heads % kv_heads:
        raise Redraw
    size = BYTES[dtype]
    per_token = 2 * layers * kv_heads * d_head * size
    answer = per_token * seq * batch / 1e9
    mistakes = {
        "no_two": answer / 2,
        "query_heads": answer * heads / kv_heads,
        "fp32": answer * 4 / size,
    }
    require_apart(answer, mistakes, abs_tol=GB_TOLERANCE)
    return {"answer": answer, "bytes": size, "per_token": per_token, "per_token_kb": per_token / 1e3,
            "group": heads // kv_heads, **mistakes}


@drill
def attention_matrix_gb(batch: int, heads: int, seq: int, dtype: str) -> dict:
    """Bytes of one layer's attention probabilities softmax(QK^T / sqrt(d)) when materialised:
    batch x heads x seq x seq elements, the tensor FlashAttention never writes to HBM."""
    if dtype not in BYTES:
        raise Redraw
    size = BYTES[dtype]
    answer = batch * heads * seq * seq * size / 1e9
    mistakes = {
        "one_head": answer / heads,
        "linear_in_seq": answer / seq,
        "fp32": answer * 4 / size,
    }
    require_apart(answer, mistakes, abs_tol=GB_TOLERANCE)
    return {"answer": answer, "bytes": size, "elements": batch * heads * seq * seq, **mistakes}


@drill
def attention_mlp_flop_ratio(seq: int, d_model: int, ffn_mult: int = 4) -> dict:
    """One layer's forward over `seq` tokens: attention = 4 projections (8 n d^2) + QK^T and AV (4 n^2 d);
    MLP = 2 matrices of d x f (4 n d f). The ratio attention / MLP."""
    d_ff = ffn_mult * d_model
    projections = 8 * seq * d_model ** 2
    scores = 4 * seq ** 2 * d_model
    mlp = 4 * seq * d_model * d_ff
    answer = (projections + scores) / mlp
    mistakes = {
        "no_scores": projections / mlp,
        "no_projections": scores / mlp,
        "scores_once": (projections + scores / 2) / mlp,
    }
    require_apart(answer, mistakes, abs_tol=RATIO_TOLERANCE)
    return {"answer": answer, "d_ff": d_ff, "projections_g": projections / 1e9, "scores_g": scores / 1e9,
            "mlp_g": mlp / 1e9, "equal_at": d_ff - 2 * d_model, **mistakes}


def _softmax(logits: list[float], temperature: float) -> list[float]:
    top = max(logits)
    weights = [math.exp((z - top) / temperature) for z in logits]
    total = sum(weights)
    return [w / total for w in weights]


def _nucleus(probs: list[float], top_p: float) -> int:
    """How many tokens top-p keeps: the fewest highest-probability tokens whose mass reaches top_p."""
    mass = 0.0
    for count, p in enumerate(sorted(probs, reverse=True), start=1):
        mass += p
        if mass >= top_p:
            return count
    return len(probs)


def _short_of(probs: list[float], top_p: float) -> int:
    """The slip of stopping before the mass reaches top_p (at least one token)."""
    mass, count = 0.0, 0
    for p in sorted(probs, reverse=True):
        if mass + p > top_p:
            break
        mass += p
        count += 1
    return max(count, 1)


@drill
def nucleus_size(logits: list, temperature: float, top_p: float) -> dict:
    """Tokens kept by top-p sampling at a temperature: softmax(z / T), sorted, the smallest prefix with mass >= p."""
    if temperature <= 0 or not 0 < top_p < 1:
        raise Redraw
    probs = _softmax(logits, temperature)
    ranked = sorted(probs, reverse=True)
    if any(abs(sum(ranked[:k]) - top_p) < 0.01 for k in range(1, len(ranked) + 1)):
        raise Redraw  # a cumulative mass this close to p makes the count hinge on rounding
    answer = _nucleus(probs, top_p)
    mistakes = {
        "no_temperature": _nucleus(_softmax(logits, 1.0), top_p),
        "times_temperature": _nucleus(_softmax(logits, 1 / temperature), top_p),
        "short_of_p": _short_of(probs, top_p),
    }
    require_apart(answer, mistakes)
    shown = ", ".join(f"{p:.3f}" for p in ranked)
    return {"answer": answer, "probs": shown, "cumulative": ", ".join(
        f"{sum(ranked[:k]):.3f}" for k in range(1, len(ranked) + 1)), **mistakes}


@drill
def temperature_top_prob(logits: list, temperature: float) -> dict:
    """Probability of the most likely token after dividing the logits by T."""
    if temperature <= 0:
        raise Redraw
    answer = max(_softmax(logits, temperature))
    mistakes = {
        "no_temperature": max(_softmax(logits, 1.0)),
        "times_temperature": max(_softmax(logits, 1 / temperature)),
    }
    require_apart(answer, mistakes, abs_tol=PROB_TOLERANCE)
    top = max(logits)
    return {"answer": answer, "scaled": ", ".join(f"{z / temperature:.3g}" for z in logits),
            "gaps": ", ".join(f"{(z - top) / temperature:.3g}" for z in logits), **mistakes}
