"""Stochastic depth: in training each sample keeps its residual branch with probability p, or skips it.

The checks construct the wrapper around a torch.nn layer given as a
`{module: ...}` value; the judge builds the same layer from the same spec and
computes the branch f(x) itself, so each sample's output can be read as
"x + f(x)" (kept), "x" (skipped) or neither.
"""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, _stats, argument, data, numpy, prop


def _fates(outcomes: list[Any], calls: list[Any]) -> tuple[Any, Any, Any, list[Any], list[Any]]:
    """x, f(x), p and, per trial, an (N,) array of exact fates (1 kept, 0 skipped, -1 neither) and one of the
    coefficients c with out - x = c · f(x) in the least-squares sense (about 1 kept, about 0 skipped)."""
    import torch

    from quizdl.grader.spec import ModuleValue
    from quizdl.grader.values import build

    np = numpy()
    construct = calls[0].construct_
    if construct is None or not construct.args or not isinstance(construct.args[0], ModuleValue):
        raise ValueError("stochastic depth checks construct the wrapper around a {module: ...} value")
    branch = build(construct.args[0])
    x = argument(calls[0]).astype(np.float64)
    with torch.no_grad():
        f = branch(torch.from_numpy(argument(calls[0]))).double().numpy()
    axes = tuple(range(1, x.ndim))
    fates, coefficients = [], []
    for trial, outcome in enumerate(outcomes):
        out = data(outcome.returned).astype(np.float64)
        if out.shape != x.shape:
            raise ValueError(Detail("prop.trial_output_shape", trial=trial, got=out.shape, want=x.shape))
        is_kept = np.isclose(out, x + f, rtol=1e-4, atol=1e-5).all(axis=axes)
        is_skipped = np.isclose(out, x, rtol=1e-4, atol=1e-5).all(axis=axes)
        fates.append(np.where(is_kept, 1, np.where(is_skipped, 0, -1)))
        coefficients.append(((out - x) * f).sum(axis=axes) / np.maximum((f * f).sum(axis=axes), 1e-30))
    p = construct.args[1] if len(construct.args) > 1 else construct.kwargs.get("p")
    if not isinstance(p, (int, float)):
        raise TypeError("stochastic depth checks give p as the second constructor argument")
    return x, f, p, fates, coefficients


@prop
def residual_kept_or_skipped(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """In training each sample's output is x + f(x) (branch kept) or x (branch skipped), never anything else."""
    np = numpy()
    _, _, _, fates, coefficients = _fates(outcomes[0], calls)
    for trial, (fate, c) in enumerate(zip(fates, coefficients)):
        if (fate < 0).any():
            n = int(np.argwhere(fate < 0)[0][0])
            return False, Detail("prop.depth_neither", trial=trial, n=n, c=c[n])
    return True, f"{len(fates)} trials: every sample gives x + f(x) or x"


@prop
def residual_keep_rate(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Each sample keeps its branch with probability p (kept: out - x is mostly f(x), c > 0.5)."""
    np = numpy()
    _, _, p, _, coefficients = _fates(outcomes[0], calls)
    kept = np.concatenate(coefficients) > 0.5
    ok, detail = _stats.binomial(int(kept.sum()), kept.size, float(p), Detail("prop.what_keeping"))
    return ok, detail if ok else Detail("prop.keep_probability", detail=detail)


@prop
def residual_per_sample(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """The coin is tossed per sample: within a batch some samples keep the branch while others skip it."""
    _, _, _, _, coefficients = _fates(outcomes[0], calls)
    if any(len(set((c > 0.5).tolist())) > 1 for c in coefficients):
        return True, "samples of one batch keep or skip the branch independently"
    return False, Detail("prop.depth_together", n=len(coefficients))
