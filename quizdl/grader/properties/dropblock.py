"""DropBlock: masks made of whole blocks, shared by channels, rescaled, dropped at the contract's rate."""

from __future__ import annotations

from typing import Any

from quizdl.grader.properties import Verdict, argument, data, numpy, prop, within


def _dropblock_masks(outcomes: list[Any], x: Any) -> tuple[list[Any], str | None]:
    """The (N, H, W) keep masks of each trial, or a message when the channels disagree."""
    masks = []
    for trial, outcome in enumerate(outcomes):
        kept = data(outcome.returned) != 0
        if not (kept == kept[:, :1]).all():
            return [], f"trial {trial}: the channels of a sample have different masks; one mask covers all channels"
        masks.append(kept[:, 0])
    return masks, None


def _windows(values: Any, before: int, after: int, fill: Any) -> Any:
    """Sliding block views over the last two axes: pixel i sees rows i - before .. i + after (padded with fill)."""
    np = numpy()
    pad = [(0, 0)] * (values.ndim - 2) + [(before, after), (before, after)]
    padded = np.pad(values, pad, constant_values=fill)
    size = before + after + 1
    return np.lib.stride_tricks.sliding_window_view(padded, (size, size), axis=(-2, -1))


def _window_dilate(seeds: Any, block: int) -> Any:
    """The pixels a seed map drops: max-pooling with kernel block, padding block//2, cropped when block is even."""
    return _windows(seeds, block // 2, block - 1 - block // 2, False).any(axis=(-1, -2))


def _window_erode(dropped: Any, block: int) -> Any:
    """The seeds whose whole footprint is dropped; dilating them back gives `dropped` iff it is made of whole blocks."""
    return _windows(dropped, block - 1 - block // 2, block // 2, True).all(axis=(-1, -2))


@prop
def dropblock_mask(outcomes: list[list[Any]], calls: list[Any], block_size: int) -> Verdict:
    """One mask per sample shared by channels, made of whole block_size squares, and out = x·mask·numel/sum."""
    np = numpy()
    x = argument(calls[0]).astype(np.float64)
    masks, problem = _dropblock_masks(outcomes[0], x)
    if problem:
        return False, problem
    for trial, (outcome, kept) in enumerate(zip(outcomes[0], masks)):
        dropped = ~kept
        if not np.array_equal(_window_dilate(_window_erode(dropped, block_size), block_size), dropped):
            return False, f"trial {trial}: the dropped pixels are not a union of {block_size}×{block_size} blocks"
        if kept.any():
            scale = kept.size / kept.sum()
            want = x * kept[:, None] * scale
            got = data(outcome.returned).astype(np.float64)
            if not np.allclose(got, want, rtol=1e-4, atol=1e-6):
                index = tuple(int(i) for i in np.argwhere(~np.isclose(got, want, rtol=1e-4, atol=1e-6))[0])
                return False, (f"trial {trial}: expected x · mask · mask.numel() / mask.sum() (scale {scale:.4g}); "
                               f"at index {index} got {got[index]:.6g}, expected {want[index]:.6g}")
    return True, f"{len(masks)} trials: whole blocks, shared by channels, rescaled by numel / sum"


@prop
def dropblock_rate(outcomes: list[list[Any]], calls: list[Any], drop_prob: float, block_size: int) -> Verdict:
    """The share of kept pixels matches seeds drawn with gamma = drop_prob / block_size²."""
    np = numpy()
    x = argument(calls[0])
    masks, problem = _dropblock_masks(outcomes[0], x)
    if problem:
        return False, problem
    height, width = x.shape[-2:]
    gamma = drop_prob / block_size**2
    cover = _windows(np.ones((height, width)), block_size // 2, block_size - 1 - block_size // 2, 0).sum(axis=(-1, -2))
    expected = float(np.mean((1 - gamma) ** cover))
    observed = float(np.mean(masks))
    n = sum(m.size for m in masks) / block_size**2  # neighbouring pixels share seeds: count blocks, not pixels
    ok, detail = within(observed, expected, n, "share of pixels kept")
    return ok, detail + ("" if ok else f" (gamma should be drop_prob / block_size² = {gamma:.4g})")
