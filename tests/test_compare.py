"""How the judge compares a submission's result with the reference's (quizdl/grader/compare.py)."""

import numpy as np
import pytest

from quizdl.grader.compare import difference
from quizdl.grader.protocol import Arr, Py


def arr(values, dtype="float64", framework="numpy"):
    data = np.asarray(values, dtype=dtype)
    return Arr(framework=framework, dtype=str(data.dtype), data=data)


def test_equal_floats_within_the_default_tolerance_pass():
    assert difference(arr([1.0, 2.0]), arr([1.0 + 1e-9, 2.0])) is None
    assert difference(arr([1.0], "float32"), arr([1.00005], "float32")) is None  # float32: rtol 1e-4


def test_a_float_off_by_more_than_the_tolerance_names_the_first_index():
    problem = difference(arr([[1.0, 2.0], [3.0, 4.0]]), arr([[1.0, 2.0], [3.0, 4.1]]))
    assert "1 of 4 value(s) differ" in problem and "index (1, 1)" in problem and "expected 4, got 4.1" in problem


@pytest.mark.parametrize("dtype", ["int64", "int32"])
def test_integer_arrays_are_exact(dtype):
    """rtol 1e-6 on 10,000,001 would accept 10,000,000: a count or an index off by one is wrong."""
    assert difference(arr([10_000_001], dtype), arr([10_000_001], dtype)) is None
    assert "expected 1e+07" in difference(arr([10_000_001], dtype), arr([10_000_000], dtype))


def test_python_ints_are_exact_and_floats_are_not():
    assert difference(Py("int", 10_000_001), Py("int", 10_000_000)) == "result: expected 10000001, got 10000000"
    assert difference(Py("int", 3), Py("int", 3)) is None
    assert difference(Py("float", 0.1 + 0.2), Py("float", 0.3)) is None


def test_bool_masks_are_exact_and_a_dtype_change_is_named():
    assert difference(arr([True, False], "bool"), arr([True, True], "bool")) is not None
    assert "dtype" in difference(arr([1, 0], "int64"), arr([1.0, 0.0]))
    assert "float64" in difference(arr([1.0], "float32"), arr([1.0]))


def test_a_list_is_not_a_tuple_and_shapes_must_match():
    assert "tuple" in difference((Py("int", 1),), [Py("int", 1)])
    assert "shape" in difference(arr([1.0, 2.0]), arr([[1.0, 2.0]]))


def test_nan_where_the_reference_has_a_number_fails():
    problem = difference(arr([1.0, 2.0]), arr([1.0, float("nan")]))
    assert "nan or inf" in problem
