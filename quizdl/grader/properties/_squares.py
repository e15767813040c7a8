"""Masks made of squares around random points (Cutout holes, DropBlock blocks): shape tests and exact moments.

Along one axis a point at s covers the pixels s - lo .. s + hi (inclusive),
clipped to the image; in 2-D it covers the product of its row and column
spans. DropBlock's max-pooling (kernel b, padding b // 2, the last row and
column cropped when b is even) gives lo = b - 1 - b // 2, hi = b // 2 around a
seed; Cutout's rows y - L // 2 .. y + L // 2 (end excluded) give lo = L // 2,
hi = L // 2 - 1 around a centre. Points lie inside the image only.

Everything here is exact: the covariance of two pixels' "kept" indicators
follows from how many points cover one, the other, or both, so a statistic's
standard deviation is computed, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quizdl.grader.properties import numpy


def offsets_of_block(block_size: int) -> tuple[int, int]:
    """(lo, hi) of DropBlock's max-pool construction."""
    return block_size - 1 - block_size // 2, block_size // 2


def offsets_of_hole(length: int) -> tuple[int, int]:
    """(lo, hi) of a Cutout hole: rows y - length // 2 .. y + length // 2 - 1."""
    return length // 2, length // 2 - 1


def cover(size: int, lo: int, hi: int) -> Any:
    """A[i, s] = 1 when a point at s covers pixel i (s - lo <= i <= s + hi), as an int matrix."""
    np = numpy()
    i, s = np.arange(size)[:, None], np.arange(size)[None, :]
    return ((i >= s - lo) & (i <= s + hi)).astype(np.int64)


def dilate(points: Any, lo: int, hi: int) -> Any:
    """The pixels covered by a point map (..., H, W) of 0/1."""
    np = numpy()
    rows, columns = cover(points.shape[-2], lo, hi), cover(points.shape[-1], lo, hi)
    return np.einsum("is,...st,jt->...ij", rows, points.astype(np.int64), columns) > 0


def erode(covered: Any, lo: int, hi: int) -> Any:
    """The points whose whole (clipped) square lies inside `covered`."""
    np = numpy()
    rows, columns = cover(covered.shape[-2], lo, hi), cover(covered.shape[-1], lo, hi)
    return np.einsum("is,...ij,jt->...st", rows, (~covered).astype(np.int64), columns) == 0


def union_of_squares(covered: Any, lo: int, hi: int) -> Any:
    """Per map (..., H, W): True when `covered` is exactly a union of squares around points in the image."""
    return (dilate(erode(covered, lo, hi), lo, hi) == covered).all(axis=(-1, -2))


def kept_moments(height: int, width: int, lo: int, hi: int, none_in: Callable[[Any], Any]) -> tuple[Any, Any]:
    """Mean (H·W,) and covariance (H·W, H·W) of the 0/1 "not covered" map of one draw.

    `none_in(k)` is the probability that no point falls in a given set of k
    positions: (1 - gamma)**k for DropBlock's Bernoulli seeds, (1 - k/(H·W))**n
    for n uniform Cutout centres. A pixel is kept when no point falls in its
    footprint F; two are both kept when none falls in F ∪ F'.
    """
    np = numpy()
    rows, columns = cover(height, lo, hi), cover(width, lo, hi)
    size = np.outer(rows.sum(1), columns.sum(1)).ravel()  # |F(p)|
    shared = np.kron(rows @ rows.T, columns @ columns.T)  # |F(p) ∩ F(p')|, row-major like ravel
    mean = none_in(size.astype(np.float64))
    union = size[:, None] + size[None, :] - shared
    covariance = none_in(union.astype(np.float64)) - np.outer(mean, mean)
    return mean, covariance


def linear_statistic(weights: Any, mean: Any, covariance: Any) -> tuple[float, float]:
    """Expectation and standard deviation, for one draw, of sum(weights * kept)."""
    np = numpy()
    w = np.asarray(weights, dtype=np.float64).ravel()
    return float(w @ mean), float(np.sqrt(max(w @ covariance @ w, 0.0)))


def region_weights(height: int, width: int) -> dict[str, Any]:
    """Averaging weights over the whole map and over each border line."""
    np = numpy()
    regions = {}
    for name, index in (("the whole map", (slice(None), slice(None))), ("the top row", (0, slice(None))),
                        ("the bottom row", (-1, slice(None))), ("the left column", (slice(None), 0)),
                        ("the right column", (slice(None), -1))):
        w = np.zeros((height, width))
        w[index] = 1.0
        regions[name] = w / w.sum()
    return regions
