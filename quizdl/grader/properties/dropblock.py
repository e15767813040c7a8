"""DropBlock: masks made of whole blocks, shared by channels, rescaled, dropped at the contract's rate.

The input of a DropBlock check must have no zero element, so that a zero in
the result means "dropped". A seed at (h, w) drops rows h - lo .. h + hi and
the same columns (clipped), with lo = b - 1 - b // 2 and hi = b // 2: exactly
max-pooling with kernel b, stride 1, padding b // 2, cropped to
[:, :, :-1, :-1] when b is even.
"""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import (
    Verdict,
    _squares,
    _stats,
    data,
    nonzero_input,
    numpy,
    prop,
    zeroed,
)


def _shared(kept: Any) -> bool:
    return bool((kept == kept[:, :1]).all())


@prop
def dropblock_shared_mask(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Every channel of a sample is dropped at the same pixels."""
    np = numpy()
    x = nonzero_input(calls, "NCHW")
    for trial, outcome in enumerate(outcomes[0]):
        kept = ~zeroed(outcome, x, trial)
        if not _shared(kept):
            n, c = (int(i) for i in np.argwhere((kept != kept[:, :1]).any(axis=(2, 3)))[0])
            return False, Detail("prop.block_channel", trial=trial, c=c, n=n)
    return True, f"{len(outcomes[0])} trials: one mask per sample, shared by all its channels"


@prop
def dropblock_samples_differ(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """The samples of a batch get masks of their own (seeds drawn per n, not once for the batch)."""
    x = nonzero_input(calls, "NCHW")
    if x.shape[0] < 2:
        raise ValueError("dropblock_samples_differ needs a batch of 2 or more")
    for trial, outcome in enumerate(outcomes[0]):
        kept = ~zeroed(outcome, x, trial)[:, 0]
        if not (kept == kept[:1]).all():
            return True, f"samples of a batch get different masks (trial {trial})"
    return False, Detail("prop.block_same_mask", n=len(outcomes[0]))


@prop
def dropblock_blocks(outcomes: list[list[Any]], calls: list[Any], block_size: int) -> Verdict:
    """The dropped pixels of each channel are a union of block_size squares placed as max-pooling places them."""
    np = numpy()
    x = nonzero_input(calls, "NCHW")
    lo, hi = _squares.offsets_of_block(block_size)
    for trial, outcome in enumerate(outcomes[0]):
        dropped = zeroed(outcome, x, trial)
        whole = _squares.union_of_squares(dropped, lo, hi)
        if not whole.all():
            n, c = (int(i) for i in np.argwhere(~whole)[0])
            crop = Detail("prop.block_crop") if block_size % 2 == 0 else ""
            return False, Detail("prop.block_union", trial=trial, n=n, c=c, size=block_size, padding=block_size // 2,
                                 crop=crop)
    return True, f"{len(outcomes[0])} trials: the dropped pixels are whole {block_size}×{block_size} blocks"


@prop
def dropblock_rescale(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """out = x · mask · mask.numel() / mask.sum(), one scale for the whole batch."""
    np = numpy()
    x = nonzero_input(calls, "NCHW").astype(np.float64)
    for trial, outcome in enumerate(outcomes[0]):
        kept = ~zeroed(outcome, x, trial)
        if not kept.any():
            continue
        scale = kept.size / kept.sum()
        want = x * kept * scale
        got = data(outcome.returned).astype(np.float64)
        close = np.isclose(got, want, rtol=1e-4, atol=1e-6)
        if not close.all():
            index = tuple(int(i) for i in np.argwhere(~close)[0])
            return False, Detail("prop.block_scale", trial=trial, scale=scale, kept=kept.mean(), index=index,
                                 ratio=got[index] / x[index])
    return True, f"{len(outcomes[0])} trials: kept elements scaled by mask.numel() / mask.sum()"


@prop
def dropblock_rate(outcomes: list[list[Any]], calls: list[Any], drop_prob: float, block_size: int) -> Verdict:
    """The share of kept pixels, over the map and along each border, matches seeds drawn with gamma = p / b²."""
    np = numpy()
    x = nonzero_input(calls, "NCHW")
    height, width = x.shape[2:]
    gamma = drop_prob / block_size**2
    lo, hi = _squares.offsets_of_block(block_size)
    mean, covariance = _squares.kept_moments(height, width, lo, hi, lambda k: (1 - gamma) ** k)
    maps = np.concatenate([~zeroed(o, x, t)[:, 0] for t, o in enumerate(outcomes[0])])  # channel 0 of every sample
    units = len(maps)  # every sample of every trial is an independent draw of the (H, W) mask
    notes = []
    for region, weights in _squares.region_weights(height, width).items():
        expected, sd = _squares.linear_statistic(weights, mean, covariance)
        observed = float((maps * weights).sum() / units)
        what = Detail("prop.what_kept_over", region=region)
        ok, detail = _stats.mean_within(observed, expected, sd, units, 1.0, what)
        if not ok:
            return False, Detail("prop.block_gamma", detail=detail, gamma=gamma)
        notes.append(f"{observed:.3f} over {region}")
    return True, f"{units} masks with gamma = {gamma:.4g}: kept " + ", ".join(notes)
