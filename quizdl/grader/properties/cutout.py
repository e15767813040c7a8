"""Cutout: square holes clipped at the border, one mask for all channels, centres over the whole image.

The image given to a Cutout check must have no zero pixel, so that a zero in
the result means "in a hole". A hole around centre (y, x) covers rows
clip(y - L//2, 0, H) .. clip(y + L//2, 0, H) (end excluded) and the same for
columns: a square of side 2·(L//2), cut by the border, never wrapped.
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


def _span(index: Any) -> tuple[int, int] | None:
    """(start, end) of a contiguous run of indices, or None when it has gaps."""
    if len(index) == 0:
        return None
    start, end = int(index[0]), int(index[-1]) + 1
    return (start, end) if end - start == len(index) else None


def _clipped_spans(size: int, length: int) -> set[tuple[int, int]]:
    """Every (start, end) a hole can have along one axis: centre c, rows clip(c - L//2) to clip(c + L//2)."""
    half = length // 2
    return {(max(0, c - half), min(size, c + half)) for c in range(size)}


@prop
def cutout_same_mask(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """The zeroed pixels are the same on every channel, and every other pixel keeps the image's value."""
    np = numpy()
    image = nonzero_input(calls, "CHW")
    for trial, outcome in enumerate(outcomes[0]):
        holes = zeroed(outcome, image, trial)
        if not (holes == holes[:1]).all():
            channel = int(np.argwhere((holes != holes[:1]).any(axis=(1, 2)))[0][0])
            return False, Detail("prop.cutout_channel", trial=trial, channel=channel)
        out = data(outcome.returned)
        changed = ~holes & (out != image)
        if changed.any():
            index = tuple(int(i) for i in np.argwhere(changed)[0])
            return False, Detail("prop.cutout_outside", trial=trial, index=index, was=image[index], now=out[index])
    return True, f"{len(outcomes[0])} trials: one mask on every channel, other pixels unchanged"


@prop
def cutout_holes(outcomes: list[list[Any]], calls: list[Any], n_holes: int, length: int) -> Verdict:
    """Each channel's holes are squares of side 2·(length//2) around centres in the image, clipped, never wrapped."""
    np = numpy()
    image = nonzero_input(calls, "CHW")
    half = length // 2
    if half < 1:
        raise ValueError("cutout_holes needs length >= 2")
    lo, hi = _squares.offsets_of_hole(length)
    height, width = image.shape[1:]
    rows_allowed, columns_allowed = _clipped_spans(height, length), _clipped_spans(width, length)
    for trial, outcome in enumerate(outcomes[0]):
        for channel, holes in enumerate(zeroed(outcome, image, trial)):
            where = Detail("prop.trial_channel", trial=trial, channel=channel)
            if not holes.any():
                return False, Detail("prop.cutout_none", where=where)
            if holes.sum() > n_holes * (2 * half) ** 2:
                return False, Detail("prop.cutout_too_many", where=where, zeroed=int(holes.sum()), holes=n_holes,
                                     side=2 * half)
            if n_holes == 1:
                row_span = _span(np.nonzero(holes.any(axis=1))[0])
                column_span = _span(np.nonzero(holes.any(axis=0))[0])
                if row_span is None or column_span is None or holes.sum() != (
                        (row_span[1] - row_span[0]) * (column_span[1] - column_span[0])):
                    return False, Detail("prop.cutout_not_rectangle", where=where)
                if row_span not in rows_allowed or column_span not in columns_allowed:
                    return False, Detail("prop.cutout_square", where=where, rows=f"{row_span[0]}:{row_span[1]}",
                                         columns=f"{column_span[0]}:{column_span[1]}", side=2 * half, half=half)
            elif not _squares.union_of_squares(holes, lo, hi):
                return False, Detail("prop.cutout_union", where=where, side=2 * half)
    return True, f"{len(outcomes[0])} trials: {2 * half}×{2 * half} squares, clipped at the border, never wrapped"


@prop
def cutout_centres_uniform(outcomes: list[list[Any]], calls: list[Any], length: int, n_holes: int = 1) -> Verdict:
    """Centres are uniform over every pixel: holes touch each border as often as uniform centres make them."""
    image = nonzero_input(calls, "CHW")
    half = length // 2
    height, width = image.shape[1:]
    touches = {"top": 0, "bottom": 0, "left": 0, "right": 0}
    trials = len(outcomes[0])
    for trial, outcome in enumerate(outcomes[0]):
        holes = zeroed(outcome, image, trial)[0]
        touches["top"] += int(holes[0].any())
        touches["bottom"] += int(holes[-1].any())
        touches["left"] += int(holes[:, 0].any())
        touches["right"] += int(holes[:, -1].any())
    # one centre touches the top when y <= half, the bottom when y >= H - half; n centres: any of them
    single = {"top": (half + 1) / height, "bottom": half / height, "left": (half + 1) / width, "right": half / width}
    for side, count in touches.items():
        expected = 1 - (1 - min(single[side], 1.0)) ** n_holes
        what = Detail("prop.what_touching", side=Detail(f"prop.side_{side}"))
        ok, detail = _stats.binomial(count, trials, expected, what)
        if not ok:
            return False, Detail("prop.cutout_centres", detail=detail)
    counts = ", ".join(f"{side} {count}" for side, count in touches.items())
    return True, f"holes touch the borders as uniform centres do ({counts} of {trials} trials)"


@prop
def cutout_hole_area(outcomes: list[list[Any]], calls: list[Any], n_holes: int, length: int) -> Verdict:
    """The mean share of zeroed pixels matches n_holes independent uniform centres (overlaps and clipping included)."""
    np = numpy()
    image = nonzero_input(calls, "CHW")
    height, width = image.shape[1:]
    lo, hi = _squares.offsets_of_hole(length)
    pixels = height * width
    mean, covariance = _squares.kept_moments(height, width, lo, hi, lambda k: (1 - k / pixels) ** n_holes)
    expected, sd = _squares.linear_statistic(np.full((height, width), 1 / pixels), mean, covariance)
    trials = len(outcomes[0])
    kept = [1 - float(zeroed(o, image, t)[0].mean()) for t, o in enumerate(outcomes[0])]
    span = min(1.0, n_holes * (2 * (length // 2)) ** 2 / pixels)  # the kept share lies in [1 - span, 1]
    ok, detail = _stats.mean_within(float(np.mean(kept)), expected, sd, trials, span, Detail("prop.what_pixels_kept"))
    detail = Detail("prop.cutout_area", detail=detail, holes=n_holes, side=2 * (length // 2))
    return ok, detail if ok else Detail("prop.cutout_every_hole", detail=detail)
