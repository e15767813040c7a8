"""Comparing a submission's result with the reference's, and saying exactly how they differ."""

from __future__ import annotations

from typing import Any

import numpy as np

from quizdl.detail import Detail, Joined
from quizdl.grader.protocol import Arr, ModuleResult, Opaque, Py

FLOAT32_TOLERANCE = (1e-4, 1e-5)
FLOAT64_TOLERANCE = (1e-6, 1e-8)


def tolerances(expected: Any, rtol: float | None, atol: float | None) -> tuple[float, float]:
    """The contract's defaults: rtol 1e-6, atol 1e-8, or 1e-4 and 1e-5 when the reference gives float32."""
    low_precision = isinstance(expected, Arr) and expected.dtype in ("float32", "float16")
    default = FLOAT32_TOLERANCE if low_precision else FLOAT64_TOLERANCE
    return (default[0] if rtol is None else rtol, default[1] if atol is None else atol)


def difference(expected: Any, got: Any, *, rtol: float | None = None, atol: float | None = None,
               dtype: bool = True, where: str | None = None, mode: bool = False) -> Detail | None:
    """None when `got` matches `expected`; otherwise one sentence on the first difference.

    `mode`: also compare nn.Module train/eval flags (for "not modified"; a returned layer's flag is free).
    The sentence is a Detail (its English text, worded in Chinese when shown); `where` names the value."""
    where = Detail("detail.result") if where is None else where
    if isinstance(expected, Arr):
        if not isinstance(got, Arr):
            return Detail("detail.want_array", where=where, framework=expected.framework, got=describe_result(got))
        return _arrays(expected, got, *tolerances(expected, rtol, atol), dtype, where)
    if isinstance(expected, Py):
        if not isinstance(got, Py):
            return Detail("detail.want_python", where=where, type=expected.type, got=describe_result(got))
        if dtype and got.type != expected.type:
            return Detail("detail.want_python_value", where=where, type=expected.type, got_type=got.type,
                          value=got.value)
        if type(expected.value) is int and type(got.value) is int:  # counts and indices are exact
            return None if got.value == expected.value else _want_value(where, expected.value, got.value)
        if isinstance(expected.value, (int, float)) and isinstance(got.value, (int, float)):
            r, a = tolerances(expected, rtol, atol)
            if not np.isclose(got.value, expected.value, rtol=r, atol=a, equal_nan=False):
                return _want_value(where, expected.value, got.value)
            return None
        return None if got.value == expected.value else _want_value(where, expected.value, got.value)
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return Detail("detail.want_dict", where=where, got=describe_result(got))
        if set(got) != set(expected):
            missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
            return Detail("detail.keys_differ", where=where, missing=missing, extra=extra)
        for key in expected:
            if problem := difference(expected[key], got[key], rtol=rtol, atol=atol, dtype=dtype,
                                     where=Detail("detail.item", where=where, key=key), mode=mode):
                return problem
        return None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected) or (dtype and type(got) is not type(expected)):
            return Detail("detail.want_sequence", where=where, type=type(expected).__name__, n=len(expected),
                          got=describe_result(got))
        for index, (e, g) in enumerate(zip(expected, got)):
            if problem := difference(e, g, rtol=rtol, atol=atol, dtype=dtype,
                                     where=Detail("detail.item", where=where, key=index), mode=mode):
                return problem
        return None
    if isinstance(expected, ModuleResult):
        if not isinstance(got, ModuleResult):
            return Detail("detail.want_module", where=where, cls=expected.cls, got=describe_result(got))
        if dtype and got.cls != expected.cls:
            return Detail("detail.want_module_class", where=where, cls=expected.cls, got=got.cls)
        if set(got.tensors) != set(expected.tensors):
            return Detail("detail.state_keys_differ", where=where,
                          missing=sorted(set(expected.tensors) - set(got.tensors)),
                          extra=sorted(set(got.tensors) - set(expected.tensors)))
        if mode and got.training != expected.training:
            return Detail("detail.want_mode", where=where, want="train" if expected.training else "eval",
                          got="train" if got.training else "eval")
        for name in expected.tensors:
            if problem := difference(expected.tensors[name], got.tensors[name], rtol=rtol, atol=atol, dtype=dtype,
                                     where=Detail("detail.attribute", where=where, name=name)):
                return problem
        if expected.output is not None:
            return difference(expected.output, got.output, rtol=rtol, atol=atol, dtype=dtype,
                              where=Detail("detail.output_of", where=where))
        return None
    if expected is None:
        return None if got is None else Detail("detail.want_none", where=where, got=describe_result(got))
    if type(got) is type(expected):
        return None
    return Detail("detail.want_result", where=where, want=describe_result(expected), got=describe_result(got))


def _arrays(expected: Arr, got: Arr, rtol: float, atol: float, dtype: bool, where: str) -> Detail | None:
    if dtype and got.framework != expected.framework:
        return Detail("detail.want_framework", where=where, want=expected.framework, got=got.framework)
    if got.data.shape != expected.data.shape:
        return Detail("detail.want_shape", where=where, want=expected.data.shape, got=got.data.shape)
    if dtype and got.dtype != expected.dtype:
        return Detail("detail.want_dtype", where=where, want=expected.dtype, got=got.dtype)
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
    parts = [Detail("detail.values_differ", where=where, bad=len(bad), total=want.size)]
    measurable = wrong & np.isfinite(error)
    if measurable.any():
        parts.append(Detail("detail.largest_absolute", error=np.max(error[measurable])))
        if (measurable & np.isfinite(relative)).any():
            parts.append(Detail("detail.largest_relative", error=np.max(relative[measurable & np.isfinite(relative)])))
    position = first if first else "()"
    parts.append(Detail("detail.first_at", index=position, want=_scalar(want[first] if first else want),
                        got=_scalar(have[first] if first else have)))
    if nonfinite := int((~np.isfinite(have.astype(np.float64))).sum()):
        parts.append(Detail("detail.nonfinite", n=nonfinite))
    return Detail("detail.plain", text=Joined(parts))


def _want_value(where: Any, want: Any, got: Any) -> Detail:
    return Detail("detail.want_value", where=where, want=want, got=got)


def _exact(data: np.ndarray) -> bool:
    return data.dtype == bool or np.issubdtype(data.dtype, np.integer)


def _scalar(value: Any) -> str:
    return f"{float(value):.6g}" if np.asarray(value).dtype != bool else str(bool(value))


def describe_result(value: Any) -> Detail:
    """What a result is, in words: 'a numpy array of shape (2, 3) (float32)', 'a list of 2', 'None'."""
    if isinstance(value, Arr):
        return Detail("detail.an_array", framework=value.framework, shape=value.data.shape, dtype=value.dtype)
    if isinstance(value, Py):
        return Detail("detail.python_value", type=value.type, value=value.value)
    if isinstance(value, ModuleResult):
        return Detail("detail.a_module", cls=value.cls)
    if isinstance(value, Opaque):
        return Detail("detail.an_object", type=value.type)
    if value is None:
        return Detail("detail.none")
    if isinstance(value, (tuple, list)):
        return Detail("detail.a_sequence", type=type(value).__name__, n=len(value))
    return Detail("detail.type_name", type=type(value).__name__)
