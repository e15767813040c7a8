"""How many elements one mean of BatchNorm, LayerNorm, InstanceNorm or GroupNorm averages over.

For an (N, C, H, W) input: BN averages over (N, H, W) per channel, LN over
(C, H, W) per sample, IN over (H, W) per sample and channel, GN over
(C/G, H, W) per sample and group. The tests count, with F.batch_norm,
F.layer_norm, F.instance_norm and F.group_norm, how many outputs one
perturbed input element moves.
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill

NORMS = ("BatchNorm2d", "LayerNorm", "InstanceNorm2d")


def _counts(n: int, c: int, h: int, w: int) -> dict:
    if min(n, c, h, w) < 1:
        raise Redraw
    return {
        "bn": n * h * w,
        "ln": c * h * w,
        "in_norm": h * w,
        "bn_means": c,
        "ln_means": n,
        "in_means": n * c,
        "hw": h * w,
        "everything": n * c * h * w,
    }


@drill
def norm_reduce_size(norm: str, n: int, c: int, h: int, w: int | None = None) -> dict:
    """Elements per mean for `norm` in BatchNorm2d, LayerNorm (over C, H, W), InstanceNorm2d.

    `w` defaults to `h` (a square feature map).

    `norm` may carry its arguments, as the prompt shows it ("LayerNorm([C, H, W])").
    The other norms' counts are returned as mistakes (as_bn, as_ln, as_in; None for
    `norm` itself), as is the whole tensor (everything).
    """
    counts = _counts(n, c, h, h if w is None else w)
    key = {"BatchNorm2d": "bn", "LayerNorm": "ln", "InstanceNorm2d": "in_norm"}.get(norm.split("(")[0])
    if key is None:
        raise ValueError(f"norm must be one of {', '.join(NORMS)}, not {norm!r}")
    others = {f"as_{name.replace('_norm', '')}": None if name == key else counts[name]
              for name in ("bn", "ln", "in_norm")}
    return {"answer": counts[key], "means": counts[key.replace("in_norm", "in") + "_means"], **counts, **others}


@drill
def groupnorm_reduce_size(n: int, c: int, h: int, groups: int, w: int | None = None) -> dict:
    """Elements per mean for GroupNorm(G): (C / G) * H * W; N * G means in all (`w` defaults to `h`).

    Mistakes: G * H * W (groups and channels-per-group swapped), N (C/G) H W
    (averaging over the batch too), and the LayerNorm / InstanceNorm counts.
    """
    if groups < 1 or c % groups:
        raise Redraw
    w = h if w is None else w
    counts = _counts(n, c, h, w)
    per_group = c // groups
    return {
        "answer": per_group * h * w,
        "per_group": per_group,
        "means": n * groups,
        "swapped": groups * h * w,
        "with_batch": n * per_group * h * w,
        **counts,
    }
