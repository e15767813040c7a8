"""Cutout: square holes clipped at the border, one mask for all channels, centres over the whole image."""

from __future__ import annotations

from typing import Any

from quizdl.grader.properties import Verdict, argument, data, numpy, prop, within


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
def cutout_holes(outcomes: list[list[Any]], calls: list[Any], n_holes: int, length: int) -> Verdict:
    """The same 0/1 mask on every channel; each hole a square clipped at the border, never wrapped; other pixels kept."""
    np = numpy()
    image = argument(calls[0])
    for trial, outcome in enumerate(outcomes[0]):
        out = data(outcome.returned)
        if out.shape != image.shape:
            return False, f"the output has shape {out.shape}, the image {image.shape}"
        if outcome.returned.dtype != str(calls[0].args[0].tensor.dtype) and outcome.returned.framework == "torch":
            return False, f"a {calls[0].args[0].tensor.dtype} image came back as {outcome.returned.dtype}"
        kept = out != 0
        if not (kept == kept[:1]).all():
            return False, f"trial {trial}: the channels have different masks; one mask must cover every channel"
        if not np.array_equal(out[kept], image[kept]):
            return False, f"trial {trial}: pixels outside the holes were changed"
        holes = ~kept[0]
        if n_holes == 1 and holes.any():
            rows, columns = np.nonzero(holes.any(axis=1))[0], np.nonzero(holes.any(axis=0))[0]
            row_span, column_span = _span(rows), _span(columns)
            height, width = holes.shape
            square = row_span and column_span and holes[row_span[0]:row_span[1], column_span[0]:column_span[1]].all()
            if not square or holes.sum() != (row_span[1] - row_span[0]) * (column_span[1] - column_span[0]):
                return False, f"trial {trial}: the hole is not one rectangle (wrapped around the border?)"
            if row_span not in _clipped_spans(height, length) or column_span not in _clipped_spans(width, length):
                return False, (f"trial {trial}: a hole spanning rows {row_span[0]}:{row_span[1]} and columns "
                               f"{column_span[0]}:{column_span[1]} is not a {length // 2 * 2}-pixel square around "
                               "a centre, clipped at the border")
        if holes.sum() > n_holes * (length // 2 * 2) ** 2:
            return False, f"trial {trial}: {int(holes.sum())} pixels zeroed, more than {n_holes} hole(s) can cover"
    return True, f"{len(outcomes[0])} trials: one mask for all channels, clipped squares, other pixels unchanged"


@prop
def cutout_centres_uniform(outcomes: list[list[Any]], calls: list[Any], length: int) -> Verdict:
    """Hole centres are drawn over every pixel, so holes touch each border as often as uniform centres would."""
    np = numpy()
    half = length // 2
    touches = {"top": 0, "bottom": 0}
    trials = 0
    for outcome in outcomes[0]:
        holes = data(outcome.returned)[0] == 0
        height = holes.shape[0]
        rows = np.nonzero(holes.any(axis=1))[0]
        trials += 1
        if len(rows):
            touches["top"] += int(rows[0] == 0)
            touches["bottom"] += int(rows[-1] == height - 1)
    expected = {"top": (half + 1) / height, "bottom": half / height}
    for side, count in touches.items():
        ok, detail = within(count / trials, expected[side], trials, f"share of holes touching the {side} border")
        if not ok:
            return False, detail + " (are centres drawn over the interior only?)"
    return True, f"holes touch the top border in {touches['top']} and the bottom in {touches['bottom']} of {trials} trials"
