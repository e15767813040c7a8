"""Spatial dropout: whole channels of (N, C, H, W) maps dropped, independently per sample and channel.

The input of these checks must have no zero element, so that a zero in the
result means "dropped".
"""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, _stats, argument, data, numpy, prop


def _dropped_maps(outcomes: list[Any], calls: list[Any]) -> Any:
    """(trials, N, C, H, W) booleans: which elements were zeroed."""
    np = numpy()
    x = argument(calls[0])
    if x.ndim != 4 or (x == 0).any():
        raise ValueError("spatial dropout checks need an (N, C, H, W) input without zeros")
    maps = []
    for trial, outcome in enumerate(outcomes):
        out = data(outcome.returned)
        if out.shape != x.shape:
            raise ValueError(Detail("prop.trial_shape", trial=trial, got=out.shape, want=x.shape))
        maps.append(out == 0)
    return np.stack(maps)


@prop
def whole_channels_dropped(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Every (sample, channel) map is either zeroed entirely or not at all."""
    np = numpy()
    zero = _dropped_maps(outcomes[0], calls)
    partial = zero.any(axis=(3, 4)) & ~zero.all(axis=(3, 4))
    if partial.any():
        trial, n, c = (int(i) for i in np.argwhere(partial)[0])
        count, size = int(zero[trial, n, c].sum()), zero[trial, n, c].size
        return False, Detail("prop.channel_partly", trial=trial, c=c, n=n, count=count, size=size)
    return True, f"{len(zero)} trials: every channel dropped whole or kept whole"


@prop
def channel_drop_rate(outcomes: list[list[Any]], calls: list[Any], p: float) -> Verdict:
    """About a fraction p of the (sample, channel) maps is dropped."""
    zero = _dropped_maps(outcomes[0], calls)
    dropped = zero.all(axis=(3, 4))
    return _stats.binomial(int(dropped.sum()), dropped.size, p, Detail("prop.what_channels_dropped"))


@prop
def channel_masks_independent(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Samples do not share one channel mask, and a sample's channels do not share one coin."""
    zero = _dropped_maps(outcomes[0], calls)
    dropped = zero.all(axis=(3, 4))  # (trials, N, C)
    if dropped.shape[1] < 2 or dropped.shape[2] < 2:
        raise ValueError("channel_masks_independent needs N >= 2 and C >= 2")
    if (dropped == dropped[:, :1]).all():
        return False, Detail("prop.same_channels", n=len(dropped))
    if (dropped == dropped[:, :, :1]).all():
        return False, Detail("prop.all_channels", n=len(dropped))
    return True, "each sample and each channel gets its own coin"
