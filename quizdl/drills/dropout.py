"""The dropout family: inverted and vanilla dropout, variance shift, DropBlock, stochastic depth.

Conventions, as in PyTorch: `p` is the drop probability (nn.Dropout(p)), `keep`
is the keep (retain) probability 1 - p. Every generator returns the answer and
the intermediate values its texts name, plus the classic wrong answers.
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill


def _distinct(answer: float, *mistakes: float, rel: float = 1e-3) -> None:
    """Redraw when the main classic mistake would coincide with the answer (the drill would teach nothing)."""
    for mistake in mistakes:
        if abs(mistake - answer) <= rel * max(abs(answer), 1e-12):
            raise Redraw


@drill
def inverted_dropout_kept_output(x: float, p: float) -> dict:
    """nn.Dropout(p) in training: a kept unit with input x outputs x / (1 - p)."""
    if not 0 < p < 1:
        raise Redraw
    keep = 1 - p
    answer = x / keep
    _distinct(answer, x * keep)
    return {
        "answer": answer,
        "keep": keep,
        "scale": 1 / keep,
        "expected": x,  # p * 0 + (1 - p) * x / (1 - p)
        "times_keep": x * keep,
        "over_p": x / p,
        "unscaled": x,
    }


@drill
def vanilla_dropout_test_output(x: float, keep: float) -> dict:
    """Vanilla (non-inverted) dropout with keep probability `keep`: at test time a unit outputs keep * x."""
    if not 0 < keep < 1 or keep == 0.5:
        raise Redraw  # with keep = 0.5 the (1 - keep) slip gives the right number
    return {
        "answer": keep * x,
        "drop": 1 - keep,
        "train_mean": keep * x,
        "drop_scaled": (1 - keep) * x,
        "unscaled": x,
        "inverted": x / keep,
    }


@drill
def dropout_variance_shift(mean: float, var: float, keep: float) -> dict:
    """Variance of inverted dropout's output y = m x / keep, m ~ Bernoulli(keep), x with mean c and variance v.

    E[y] = c, E[y^2] = (v + c^2) / keep, so Var_train = (v + c^2) / keep - c^2, while at
    test time dropout is the identity and Var_test = v (Li et al., CVPR 2019).
    """
    if not 0 < keep < 1 or var <= 0:
        raise Redraw
    second_moment = var + mean * mean
    answer = second_moment / keep - mean * mean
    return {
        "answer": answer,
        "second_moment": second_moment,
        "test_var": var,
        "ratio": var / answer,
        "var_over_keep": var / keep,
        "times_keep": var * keep,
    }


@drill
def dropblock_gamma(drop_prob: float, block_size: int, feat_size: int) -> dict:
    """DropBlock's seed rate: gamma = drop_prob / block_size^2 * feat_size^2 / (feat_size - block_size + 1)^2.

    Seeds are sampled only where a whole block fits, (feat_size - block_size + 1)^2
    positions, and each seed drops block_size^2 units; the formula makes the expected
    number of dropped units drop_prob * feat_size^2 (overlaps ignored).
    """
    if block_size > feat_size or not 0 < drop_prob < 1:
        raise Redraw
    valid = (feat_size - block_size + 1) ** 2
    answer = drop_prob / block_size**2 * feat_size**2 / valid
    if answer >= 1:
        raise Redraw
    notes_gamma = drop_prob / block_size**2
    _distinct(answer, notes_gamma)
    return {
        "answer": answer,
        "keep_prob": 1 - drop_prob,
        "valid": valid,
        "valid_side": feat_size - block_size + 1,
        "block_area": block_size**2,
        "feat_area": feat_size**2,
        "notes_gamma": notes_gamma,
        "keep_as_drop": (1 - drop_prob) / block_size**2 * feat_size**2 / valid,
    }


@drill
def stochastic_depth_survival(layer: int, num_blocks: int, p_last: float) -> dict:
    """Linear decay rule of Huang et al. (2016): p_l = 1 - l / L * (1 - p_L), from p_0 = 1 to p_L."""
    if not 1 <= layer <= num_blocks or not 0 < p_last < 1:
        raise Redraw
    answer = 1 - layer / num_blocks * (1 - p_last)
    death = layer / num_blocks * (1 - p_last)
    reversed_ = 1 - (num_blocks - layer) / num_blocks * (1 - p_last)
    _distinct(answer, death)
    return {
        "answer": answer,
        "death": death,
        "reversed": reversed_,
        "fraction": layer / num_blocks,
    }


@drill
def stochastic_depth_expected_depth(num_blocks: int, p_last: float) -> dict:
    """Expected number of residual blocks kept in one training pass: sum_{l=1}^{L} p_l = L - (1 - p_L)(L + 1) / 2."""
    if num_blocks < 1 or not 0 < p_last < 1:
        raise Redraw
    answer = sum(1 - block / num_blocks * (1 - p_last) for block in range(1, num_blocks + 1))
    return {
        "answer": answer,
        "closed_form": num_blocks - (1 - p_last) * (num_blocks + 1) / 2,
        "full_depth": num_blocks,
        "endpoint_mean": num_blocks * (1 + p_last) / 2,
        "all_p_last": num_blocks * p_last,
    }
