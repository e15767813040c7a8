"""Comparing a submission's result with the reference's, and saying exactly how they differ."""

from __future__ import annotations

from typing import Any

import numpy as np

from quizdl.grader.protocol import Arr, ModuleResult, Opaque, Py

FLOAT32_TOLERANCE = (1e-4, 1e-5)
FLOAT64_TOLERANCE = (1e-6, 1e-8)


def tolerances(expected: Any, rtol: float | None, atol: float | None) -> tuple[float, float]:
    """The contract's defaults: rtol 1e-6, atol 1e-8, or 1e-4 and 1e-5 when the reference gives float32."""
    low_precision = isinstance(expected, Arr) and expected.dtype in ("float32", "float16")
    default = FLOAT32_TOLERANCE if low_precision else FLOAT64_TOLERANCE
    return (default[0] if rtol is None else rtol, default[1] if atol is None else atol)


def difference(expected: Any, got: Any, *, rtol: float | None = None, atol: float | None = None,
               dtype: bool = True, where: str = "result", mode: bool = False) -> str | None:
    """None when `got` matches `expected`; otherwise one sentence on the first difference.

    `mode`: also compare nn.Module train/eval flags (for "not modified"; a returned layer's flag is free)."""
    if isinstance(expected, Arr):
        if not isinstance(got, Arr):
            return f"{where}: expected a {expected.framework} array, got {describe_result(got)}"
        return _arrays(expected, got, *tolerances(expected, rtol, atol), dtype, where)
    if isinstance(expected, Py):
        if not isinstance(got, Py):
            return f"{where}: expected a Python {expected.type}, got {describe_result(got)}"
        if dtype and got.type != expected.type:
            return f"{where}: expected a Python {expected.type}, got {got.type} {got.value!r}"
        if type(expected.value) is int and type(got.value) is int:  # counts and indices are exact
            return None if got.value == expected.value else f"{where}: expected {expected.value!r}, got {got.value!r}"
        if isinstance(expected.value, (int, float)) and isinstance(got.value, (int, float)):
            r, a = tolerances(expected, rtol, atol)
            if not np.isclose(got.value, expected.value, rtol=r, atol=a, equal_nan=False):
                return f"{where}: expected {expected.value!r}, got {got.value!r}"
            return None
        return None if got.value == expected.value else f"{where}: expected {expected.value!r}, got {got.value!r}"
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"{where}: expected a dict, got {describe_result(got)}"
        if set(got) != set(expected):
            missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
            return f"{where}: keys differ; missing {missing}, unexpected {extra}"
        for key in expected:
            if problem := difference(expected[key], got[key], rtol=rtol, atol=atol, dtype=dtype,
                                     where=f"{where}[{key!r}]", mode=mode):
                return problem
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected) or (dtype and type(got) is not type(expected)):
            return f"{where}: expected a {type(expected).__name__} of {len(expected)}, got {describe_result(got)}"
        for index, (e, g) in enumerate(zip(expected, got)):
            if problem := difference(e, g, rtol=rtol, atol=atol, dtype=dtype, where=f"{where}[{index}]", mode=mode):
                return problem
        return None
    if isinstance(expected, ModuleResult):
        if not isinstance(got, ModuleResult):
            return f"{where}: expected an nn.Module ({expected.cls}), got {describe_result(got)}"
        if dtype and got.cls != expected.cls:
            return f"{where}: expected an nn.{expected.cls}, got {got.cls}"
        if set(got.tensors) != set(expected.tensors):
            return (f"{where}: state_dict keys differ; missing {sorted(set(expected.tensors) - set(got.tensors))}, "
                    f"unexpected {sorted(set(got.tensors) - set(expected.tensors))}")
        if mode and got.training != expected.training:
            return f"{where}: expected {'train' if expected.training else 'eval'} mode, got " \
                   f"{'train' if got.training else 'eval'} mode"
        for name in expected.tensors:
            if problem := difference(expected.tensors[name], got.tensors[name], rtol=rtol, atol=atol, dtype=dtype,
                                     where=f"{where}.{name}"):
                return problem
        if expected.output is not None:
            return difference(expected.output, got.output, rtol=rtol, atol=atol, dtype=dtype, where=f"{where}'s output")
        return None
    if expected is None:
        return None if got is None else f"{where}: expected None, got {describe_result(got)}"
    return None if type(got) is type(expected) else f"{where}: expected {describe_result(expected)}, got {describe_result(got)}"


def _arrays(expected: Arr, got: Arr, rtol: float, atol: float, dtype: bool, where: str) -> str | None:
    if dtype and got.framework != expected.framework:
        return f"{where}: expected a {expected.framework} array, got a {got.framework} one"
    if got.data.shape != expected.data.shape:
        return f"{where}: expected shape {expected.data.shape}, got {got.data.shape}"
    if dtype and got.dtype != expected.dtype:
        return f"{where}: expected dtype {expected.dtype}, got {got.dtype}"
    want = expected.data.astype(np.float64) if expected.data.dtype != bool else expected.data
    have = got.data.astype(np.float64) if got.data.dtype != bool else got.data
    if _exact(expected.data) and _exact(got.data):  # integer and bool arrays (counts, indices, masks) are exact
        close = expected.data == got.data
    else:
        close = np.isclose(have, want, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    bad = np.argwhere(~close)
    first = tuple(int(i) for i in bad[0])
    wrong = ~close
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        error = np.abs(have.astype(np.float64) - want.astype(np.float64))
        relative = error / np.abs(want.astype(np.float64))
    parts = [f"{where}: {len(bad)} of {want.size} value(s) differ"]
    measurable = wrong & np.isfinite(error)
    if measurable.any():
        parts.append(f"largest absolute error {np.max(error[measurable]):.3g}")
        if (measurable & np.isfinite(relative)).any():
            parts.append(f"largest relative error {np.max(relative[measurable & np.isfinite(relative)]):.3g}")
    position = first if first else "()"
    parts.append(f"first at index {position}: expected {_scalar(want[first] if first else want)}, "
                 f"got {_scalar(have[first] if first else have)}")
    if nonfinite := int((~np.isfinite(have.astype(np.float64))).sum()):
        parts.append(f"{nonfinite} value(s) are nan or inf")
    return "; ".join(parts)


def _exact(data: np.ndarray) -> bool:
    return data.dtype == bool or np.issubdtype(data.dtype, np.integer)


def _scalar(value: Any) -> str:
    return f"{float(value):.6g}" if np.asarray(value).dtype != bool else str(bool(value))


def describe_result(value: Any) -> str:
    """What a result is, in words: 'a numpy array of shape (2, 3) (float32)', 'a list of 2', 'None'."""
    if isinstance(value, Arr):
        return f"a {value.framework} array of shape {value.data.shape} ({value.dtype})"
    if isinstance(value, Py):
        return f"{value.type} {value.value!r}"
    if isinstance(value, ModuleResult):
        return f"an nn.{value.cls}"
    if isinstance(value, Opaque):
        return f"a {value.type}"
    if value is None:
        return "None"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)}"
    return type(value).__name__
