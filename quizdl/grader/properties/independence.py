"""Masks drawn coin by coin, and a module called again: what a reference cannot compare.

- Independent coins: a mask with one coin per cell (a channel of a sample, a
  weight, a sample) drops a *random number* of cells; a submission that drops
  exactly round(p * m) of them (randperm, topk) has the right rate, but a
  count that never varies. A whole row or column of a weight mask sharing one
  coin (dropping units, not weights) is caught the same way.
- Calls on one object: `calls_agree` compares two calls of a check made on the
  same object (eval before and after training), so a layer that masks its own
  weights in place, or keeps state from a call, is found.
"""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, _stats, argument, data, numpy, prop

TAIL = 1e-10
"""A correct submission fails a test below with probability at most this."""


def _all_counts_equal_probability(m: int, p: float, units: int) -> float:
    """P(units independent Binomial(m, p) counts are all equal)."""
    pmf = _stats._pmf(m, p)
    return sum(q ** units for q in pmf if q > 0)


def _counts_vary(counts: Any, m: int, p: float, what: str) -> Verdict:
    """Fail when every count is the same and independent coins would make that rarer than TAIL."""
    np = numpy()
    counts = np.asarray(counts).ravel()
    chance = _all_counts_equal_probability(m, p, counts.size)
    if chance > TAIL:
        raise ValueError(f"counts_vary needs more units: all {counts.size} counts equal has probability {chance:.2g}")
    if (counts == counts[0]).all():
        return False, Detail("prop.counts_equal", size=counts.size, what=what, count=int(counts[0]), m=m, chance=chance)
    return True, f"the number dropped varies from {int(counts.min())} to {int(counts.max())} of {m} over {counts.size} {what}"


@prop
def channel_coins_independent(outcomes: list[list[Any]], calls: list[Any], p: float) -> Verdict:
    """Spatial dropout: the number of channels a sample loses varies (one coin per (n, c), not a fixed count)."""
    np = numpy()
    x = argument(calls[0])
    if x.ndim != 4 or (x == 0).any():
        raise ValueError("channel_coins_independent needs an (N, C, H, W) input without zeros")
    dropped = []
    for trial, outcome in enumerate(outcomes[0]):
        out = data(outcome.returned)
        if out.shape != x.shape:
            raise ValueError(Detail("prop.trial_shape", trial=trial, got=out.shape, want=x.shape))
        dropped.append((out == 0).all(axis=(2, 3)))  # (N, C)
    counts = np.stack(dropped).sum(axis=2)  # (trials, N)
    return _counts_vary(counts, x.shape[1], p, Detail("prop.what_samples"))


@prop
def dropconnect_mask_per_weight(outcomes: list[list[Any]], calls: list[Any], p: float) -> Verdict:
    """DropConnect: one coin per weight; no row (output unit) or column (input) shares a coin, and the count varies."""
    np = numpy()
    from quizdl.grader.properties.dropconnect import _layer

    weight, _, trials = _layer(outcomes, calls)
    usable = np.abs(weight) > 1e-4  # a weight near 0 looks dropped either way: left out
    kept = np.stack([~np.isclose(effective, 0, atol=1e-6 + 1e-3 * np.abs(weight)) for effective, _, _ in trials])
    seen_kept, seen_dropped = kept & usable, ~kept & usable

    def whole(axis: int) -> bool:  # every line along `axis` (its usable weights) kept whole or dropped whole
        return bool((~(seen_kept.any(axis=axis) & seen_dropped.any(axis=axis))).all())

    if whole(2):
        return False, Detail("prop.rows_whole", n=len(kept))
    if whole(1):
        return False, Detail("prop.columns_whole", n=len(kept))
    counts = seen_dropped.sum(axis=(1, 2))
    return _counts_vary(counts, int(usable.sum()), p, Detail("prop.what_calls"))


@prop
def residual_coins_independent(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Stochastic depth: the number of samples keeping the branch varies (one coin per sample, not a fixed count)."""
    np = numpy()
    from quizdl.grader.properties.stochastic_depth import _fates

    x, _, p, _, coefficients = _fates(outcomes[0], calls)
    kept = np.stack([c > 0.5 for c in coefficients])  # (trials, N)
    return _counts_vary(kept.sum(axis=1), x.shape[0], 1 - float(p), Detail("prop.what_batches"))


@prop
def calls_agree(outcomes: list[list[Any]], calls: list[Any], first: int = 0, second: int = 2,
                what: str = "the two calls") -> Verdict:
    """Call `second` (on the same object) returns what call `first` returned: values, shape and dtype."""
    np = numpy()
    a, b = outcomes[first][0].returned, outcomes[second][0].returned
    x, y = data(a), data(b)
    if x.shape != y.shape or getattr(a, "dtype", None) != getattr(b, "dtype", None):
        return False, Detail("prop.calls_kind_differ", what=what, shape=x.shape, dtype=getattr(a, "dtype", "?"),
                             other_shape=y.shape, other_dtype=getattr(b, "dtype", "?"))
    low = str(getattr(a, "dtype", "")) in ("float32", "float16")
    rtol, atol = (1e-5, 1e-6) if low else (1e-10, 1e-12)
    close = np.isclose(x.astype(np.float64), y.astype(np.float64), rtol=rtol, atol=atol)
    if not close.all():
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        return False, Detail("prop.calls_differ", what=what, first=first + 1, got=float(x[index]), index=index,
                             second=second + 1, other=float(y[index]))
    return True, f"{what} agree"

