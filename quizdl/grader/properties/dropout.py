"""Dropout: how many elements are zeroed, how survivors are scaled, which randomness is used."""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, argument, data, numpy, prop, within


@prop
def zeroed_fraction(outcomes: list[list[Any]], calls: list[Any], p: float) -> Verdict:
    """About a fraction p of the elements is zeroed, each independently (no mask shared by a row or column)."""
    np = numpy()
    x = argument(calls[0])
    for outcome in outcomes[0]:
        if data(outcome.returned).shape != x.shape:
            return False, Detail("prop.result_shape", got=data(outcome.returned).shape, want=x.shape)
    outs = np.stack([data(o.returned) for o in outcomes[0]])
    zero = (outs == 0) & (x != 0)
    ok, detail = within(float(zero.mean()), p, zero.size, Detail("prop.what_zeroed"))
    if not ok:
        return False, detail
    for axis in range(1, outs.ndim):
        # a slice of `length` independent elements is all dropped or all kept with probability
        # p**length + (1 - p)**length; look for such slices only where a correct mask makes them
        # (summed over all slices) rarer than one in a billion
        length, slices = outs.shape[axis], zero.size // max(outs.shape[axis], 1)
        if slices * (p**length + (1 - p) ** length) > 1e-9:
            continue
        constant = np.all(zero, axis=axis) | np.all(~zero, axis=axis)
        if constant.any():
            return False, Detail("prop.whole_slices", axis=axis - 1)
    return True, detail


@prop
def survivors_scaled(outcomes: list[list[Any]], calls: list[Any], p: float) -> Verdict:
    """Every element that is kept is scaled by 1 / (1 - p); every other one is exactly 0."""
    np = numpy()
    x = argument(calls[0]).astype(np.float64)
    for out in outcomes[0]:
        got = data(out.returned).astype(np.float64)
        if got.shape != x.shape:
            return False, Detail("prop.result_shape", got=got.shape, want=x.shape)
        kept = got != 0
        if not kept.any():
            if p ** x.size < 1e-9:  # a correct result is all zeros with probability p**size
                return False, Detail("prop.all_zeroed")
            continue
        want = x / (1 - p)
        bad = kept & ~np.isclose(got, want, rtol=1e-5, atol=0)
        if bad.any():
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            ratio = got[index] / x[index]
            return False, Detail("prop.kept_scale", scale=1 / (1 - p), index=index, ratio=ratio)
    return True, f"kept elements are x × {1 / (1 - p):.4g}"


@prop
def same_seed_same_result(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Calls 1 and 2 get equal generators and must agree; call 3 gets another one and must differ."""
    np = numpy()
    first, second, third = (data(o[0].returned) for o in outcomes[:3])
    if not np.array_equal(first, second):
        return False, Detail("prop.rng_alike_differ")
    if np.array_equal(first, third):
        return False, Detail("prop.rng_differ_same")
    return True, "the result follows the generator passed as rng"


@prop
def varies_between_calls(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Repeated calls give different results (no fixed seed inside)."""
    np = numpy()
    results = [data(o.returned) for o in outcomes[0]]
    if all(np.array_equal(results[0], r) for r in results[1:]):
        return False, Detail("prop.fixed_seed", n=len(results))
    return True, f"{len(results)} calls gave different results"


@prop
def same_dtype_and_shape(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """Every result has the input's kind (numpy or torch), dtype and shape (float32 stays float32, uint8 uint8)."""
    from quizdl.grader.spec import TensorValue

    x = argument(calls[0])
    framework = "torch" if isinstance(calls[0].args[0], TensorValue) else "numpy"
    for outcome in outcomes[0]:
        result = outcome.returned
        if getattr(result, "framework", framework) != framework:
            return False, Detail("prop.framework", want=framework, got=result.framework)
        if data(result).shape != x.shape:
            return False, Detail("prop.result_shape", got=data(result).shape, want=x.shape)
        if result.dtype != str(x.dtype):
            return False, Detail("prop.dtype", want=x.dtype, got=result.dtype)
    return True, f"{framework} {x.dtype} in, {x.dtype} out, shape {x.shape}"
