"""The judge reads whatever the sandbox sends with caps: anything outside the protocol is `Malformed`."""

from __future__ import annotations

import io
import json
import struct

import numpy as np
import pytest

from quizdl.grader import protocol
from quizdl.grader.protocol import Arr, Malformed, Outcome, Py, Reader


def frame(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">cI", kind, len(payload)) + payload


def npy(array: np.ndarray, allow_pickle: bool = False) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def result(returned) -> dict:
    return {"check": 0, "call": 0, "trial": 0, "returned": returned, "args_after": []}


def test_a_message_round_trips():
    stream = io.BytesIO()
    protocol.write_message(stream, result({"array": 0, "framework": "numpy", "dtype": "float64"}),
                           [np.arange(6.0).reshape(2, 3)])
    protocol.write_message(stream, result({"py": "float", "value": "nan"}), [])
    reader = Reader()
    for i in range(0, len(stream.getvalue()), 7):  # any chunking
        reader.feed(stream.getvalue()[i:i + 7])
    (first, arrays), (second, none) = reader.messages
    assert Outcome.from_message(first, arrays).returned.data.shape == (2, 3)
    assert np.isnan(Outcome.from_message(second, none).returned.value) and not reader.pending


def test_zero_dimensional_arrays_keep_their_shape():
    stream = io.BytesIO()
    protocol.write_message(stream, {}, [np.float64(3.0) * np.ones(())])
    reader = Reader()
    reader.feed(stream.getvalue())
    assert reader.messages[0][1][0].shape == ()


@pytest.mark.parametrize("data", [
    frame(b"X", b"{}"),                                        # an unknown kind
    struct.pack(">cI", b"A", protocol.MAX_ARRAY + 1),          # an array frame over its cap
    struct.pack(">cI", b"J", protocol.MAX_JSON + 1),           # a JSON frame over its cap
    frame(b"A", b"not an npy file"),
    frame(b"A", npy(np.array([{"a": 1}], dtype=object), allow_pickle=True)),  # a pickle
    frame(b"A", npy(np.zeros(3, dtype=[("a", "f8"), ("b", "i4")]))),        # structured
    frame(b"A", npy(np.array(["text"]))),                                    # strings
    frame(b"J", b"[1, 2]"),                                    # not an object
    frame(b"J", b"{not json"),
    frame(b"J", b"[" * 100_000 + b"]" * 100_000),              # nesting past the parser's stack
    frame(b"J", b'{"a": ' + b"9" * 5000 + b"}"),               # an int past Python's digit limit
], ids=["kind", "array cap", "json cap", "garbage npy", "pickle", "structured", "strings", "list", "bad json",
        "deep json", "huge int"])
def test_what_breaks_the_protocol_is_refused(data):
    with pytest.raises(Malformed):
        Reader().feed(data)


def test_the_stream_cap_bounds_everything_together():
    reader = Reader(max_stream=10_000)
    chunk = frame(b"A", npy(np.zeros(500)))
    with pytest.raises(Malformed, match="MiB of results"):
        for _ in range(10):
            reader.feed(chunk)


@pytest.mark.parametrize("returned", [
    {"py": "float", "value": 10**400},                         # an int too large for float
    {"py": "float", "value": "1e400x"},
    {"array": 5, "framework": "numpy", "dtype": "float64"},    # an array the message does not have
    {"array": True, "framework": "numpy", "dtype": "float64"},
    {"array": 0, "framework": ["numpy"], "dtype": "float64"},
    {"module": "M", "training": True, "parameters": -1, "tensors": {}},
    {"dict": {"a": {"dict": {}}}, "extra": 1, "list": 5},
    {"tuple": "not a list"},
    {"list": [{"none": True}] * (protocol.MAX_ITEMS + 1)},
    {},
    [],
    "text",
])
def test_malformed_results_are_refused(returned):
    with pytest.raises(Malformed):
        Outcome.from_message(result(returned), [])


def test_deep_nesting_is_refused_before_the_stack_runs_out():
    nested = {"none": True}
    for _ in range(protocol.MAX_DEPTH + 2):
        nested = {"tuple": [nested]}
    with pytest.raises(Malformed, match="deeper"):
        Outcome.from_message(result(nested), [])


def test_one_array_referenced_many_times_is_loaded_once():
    """A forged result that names one big array many times costs its bytes once: references, not copies."""
    big = np.zeros(2**20)
    outcome = Outcome.from_message(result({"list": [{"array": 0, "framework": "numpy", "dtype": "float64"}] * 1000}),
                                   [big])
    assert all(item.data is big for item in outcome.returned)


def test_an_error_result_is_kept_to_plain_text():
    outcome = Outcome.from_message({"error": {"types": ["ValueError", "Exception"], "message": "x" * 10_000,
                                              "traceback": 5}}, [])
    assert outcome.error["types"][0] == "ValueError" and len(outcome.error["message"]) == 2000


def test_huge_python_ints_compare_as_too_large_not_as_a_crash():
    outcome = Outcome.from_message(result({"py": "int", "value": 10**400}), [])
    assert isinstance(outcome.returned, Py) and outcome.returned.value == float("inf")
    assert not isinstance(outcome.returned, Arr)
    json.dumps(outcome.returned.value)
