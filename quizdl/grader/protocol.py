"""What crosses the trust boundary between the judge and the sandboxed runner, and its limits.

Both directions use one framing: a frame is a kind byte, a 4-byte big-endian
length and a payload. `A` frames carry one array as `.npy` bytes; a `J` frame
carries a JSON object and ends a message, whose `{"array": i}` entries point
at the message's arrays in order. The judge sends one message (the job: the
submission's source and every input); the runner sends one message per call.

The runner's side is untrusted: the `Reader` refuses frames and streams over
their caps, and `decode` turns a message into result objects with bounded
depth and size, accepting plain numeric arrays only (never pickles, objects
or structured dtypes). Anything else raises `Malformed`, which the judge turns
into a failed check.

This module is imported inside the sandbox as a top-level module: it may
import only the standard library and numpy.
"""

from __future__ import annotations

import io
import json
import math
import struct
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import numpy as np

MAX_JSON = 4 * 2**20
"""Bytes of one JSON frame."""
MAX_ARRAY = 256 * 2**20
"""Bytes of one array frame."""
MAX_STREAM = 1024 * 2**20
"""Bytes the runner may send back in one grade, all frames together."""
MAX_DEPTH = 24
"""Nesting of tuples, lists and dicts in one result."""
MAX_ITEMS = 10_000
"""Items of one tuple, list or dict, and characters of one string."""
NUMERIC_KINDS = "biufc"

_HEADER = struct.Struct(">cI")


class Malformed(ValueError):
    """The runner sent something outside the protocol."""


# framing -------------------------------------------------------------------


def write_message(stream: BinaryIO, data: dict[str, Any], arrays: list[np.ndarray]) -> None:
    for array in arrays:
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=False)
        _write_frame(stream, b"A", buffer.getvalue())
    _write_frame(stream, b"J", json.dumps(data).encode())
    stream.flush()


def _write_frame(stream: BinaryIO, kind: bytes, payload: bytes) -> None:
    stream.write(_HEADER.pack(kind, len(payload)))
    stream.write(payload)


class Reader:
    """Cuts a byte stream into messages, enforcing the caps as the bytes arrive."""

    def __init__(self, max_stream: int = MAX_STREAM) -> None:
        self.max_stream = max_stream
        self.received = 0
        self._buffer = bytearray()
        self._arrays: list[np.ndarray] = []
        self.messages: list[tuple[dict[str, Any], list[np.ndarray]]] = []

    def feed(self, chunk: bytes) -> None:
        self.received += len(chunk)
        if self.received > self.max_stream:
            raise Malformed(f"more than {self.max_stream // 2**20} MiB of results")
        self._buffer += chunk
        while len(self._buffer) >= _HEADER.size:
            kind, length = _HEADER.unpack_from(self._buffer)
            if kind not in (b"A", b"J") or length > (MAX_ARRAY if kind == b"A" else MAX_JSON):
                raise Malformed(f"a frame of kind {kind!r} and {length} bytes")
            if len(self._buffer) < _HEADER.size + length:
                return
            payload = bytes(self._buffer[_HEADER.size:_HEADER.size + length])
            del self._buffer[:_HEADER.size + length]
            if kind == b"A":
                self._arrays.append(_load_array(payload))
            else:
                self.messages.append((_load_json(payload), self._arrays))
                self._arrays = []

    @property
    def pending(self) -> bool:
        """Bytes or arrays of a message that never ended."""
        return bool(self._buffer or self._arrays)


def read_message(stream: BinaryIO, limit: int) -> tuple[dict[str, Any], list[np.ndarray]]:
    """The one message of a trusted stream (the job), read to its end."""
    reader = Reader(limit)
    while not reader.messages:
        chunk = stream.read(2**20)
        if not chunk:
            raise Malformed("the stream ended inside a message")
        reader.feed(chunk)
    return reader.messages[0]


def _load_array(payload: bytes) -> np.ndarray:
    try:
        array = np.load(io.BytesIO(payload), allow_pickle=False)
    except Exception as error:  # ValueError for pickles, anything for garbage
        raise Malformed(f"an unreadable array ({type(error).__name__})") from None
    if not isinstance(array, np.ndarray) or array.dtype.kind not in NUMERIC_KINDS or array.dtype.fields:
        raise Malformed("an array that is not plain numbers")
    return array


def _load_json(payload: bytes) -> dict[str, Any]:
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError) as error:  # RecursionError: nesting deeper than the parser's stack
        raise Malformed(f"unreadable JSON ({type(error).__name__})") from None
    if not isinstance(data, dict):
        raise Malformed("a message that is not a JSON object")
    return data


# results, as the judge sees them ------------------------------------------------


@dataclass
class Arr:
    """An array result: numpy or torch, with its dtype, shape and (torch) gradient."""

    framework: str
    dtype: str
    data: np.ndarray
    grad: np.ndarray | None = None
    requires_grad: bool = False


@dataclass
class Py:
    """A plain Python value and the name of its type (int, float, bool, str, ...)."""

    type: str
    value: Any


@dataclass
class ModuleResult:
    """A returned or modified nn.Module, seen from outside: its tensors, mode and, with a probe, its output."""

    cls: str
    training: bool
    parameters: int
    tensors: dict[str, Arr] = field(default_factory=dict)
    output: Any = None


@dataclass
class Opaque:
    type: str


@dataclass
class Outcome:
    """What one call did, as the judge reads it back."""

    returned: Any = None
    args_after: list[Any] = field(default_factory=list)
    same_object: int | None = None
    aliases: list[str] = field(default_factory=list)
    """where the result shares memory with an argument"""
    seconds: float = 0.0
    """how long the call took, as the runner's clock saw it"""
    error: dict[str, Any] | None = None
    """types (most derived first), message and traceback of an exception the call raised"""
    load_error: dict[str, Any] | None = None
    """missing and unexpected keys when the reference state_dict did not load"""

    @classmethod
    def from_message(cls, line: dict[str, Any], arrays: list[np.ndarray]) -> Outcome:
        """Raises Malformed for anything outside the protocol."""
        try:
            if "error" in line or "load_error" in line:
                return cls(error=_error(line.get("error")), load_error=_plain(line.get("load_error")))
            after = line["args_after"]
            if not isinstance(after, list) or len(after) > MAX_ITEMS:
                raise Malformed("args_after is not a list")
            same = line.get("same_object")
            return cls(
                decode(line["returned"], arrays),
                [decode(a, arrays) for a in after],
                same if isinstance(same, int) and not isinstance(same, bool) else None,
                [str(a)[:200] for a in _list(line.get("aliases", []))][:20],
                _scalar("float", line.get("seconds", 0.0)),
            )
        except Malformed:
            raise
        except (KeyError, TypeError, ValueError, IndexError, RecursionError, OverflowError) as error:
            raise Malformed(f"a malformed result ({type(error).__name__})") from None


_KINDS = {  # each kind of encoded value: the keys it may have
    "array": {"array", "framework", "dtype", "grad", "requires_grad"},
    "module": {"module", "training", "parameters", "tensors", "output"},
    "none": {"none"}, "py": {"py", "value"}, "dict": {"dict"}, "tuple": {"tuple"}, "list": {"list"},
    "opaque": {"opaque"},
}


def decode(data: Any, arrays: list[np.ndarray], depth: int = 0) -> Any:
    """The judge's view of an encoded value."""
    if depth > MAX_DEPTH:
        raise Malformed(f"a result nested deeper than {MAX_DEPTH}")
    if not isinstance(data, dict) or not (kinds := _KINDS.keys() & data.keys()) or len(kinds) > 1 \
            or not data.keys() <= _KINDS[next(iter(kinds))]:
        raise Malformed(f"malformed result {str(data)[:80]}")
    if "array" in data:
        grad = _array(data["grad"], arrays) if "grad" in data else None
        return Arr(_name(data["framework"]), _name(data["dtype"]), _array(data["array"], arrays), grad,
                   data.get("requires_grad") is True)
    if "module" in data:
        tensors = _dict(data["tensors"])
        return ModuleResult(_name(data["module"]), data["training"] is True, _count(data["parameters"]),
                            {_name(k): decode(v, arrays, depth + 1) for k, v in tensors.items()},
                            decode(data["output"], arrays, depth + 1) if "output" in data else None)
    if "none" in data:
        return None
    if "py" in data:
        return Py(_name(data["py"]), _scalar(data["py"], data["value"]))
    if "dict" in data:
        return {_name(k): decode(v, arrays, depth + 1) for k, v in _dict(data["dict"]).items()}
    if "tuple" in data:
        return tuple(decode(v, arrays, depth + 1) for v in _list(data["tuple"]))
    if "list" in data:
        return [decode(v, arrays, depth + 1) for v in _list(data["list"])]
    return Opaque(_name(data["opaque"]))


def _array(index: Any, arrays: list[np.ndarray]) -> np.ndarray:
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(arrays):
        raise Malformed(f"an array reference {str(index)[:20]} outside the message")
    return arrays[index]


def _scalar(type_name: str, value: Any) -> Any:
    """A JSON scalar as the value it stands for; a float beyond float's range is refused, not overflowed."""
    if type_name == "float":
        if isinstance(value, str) and value in ("nan", "inf", "-inf"):
            return float(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)  # OverflowError for an int beyond float: Malformed above
            return number
        raise Malformed("a float that is not a number")
    if isinstance(value, str) and len(value) > MAX_ITEMS:
        raise Malformed("a string too long")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**1023:
        value = math.inf if value > 0 else -math.inf  # compared as "too large", never converted to float
    if value is not None and not isinstance(value, (bool, int, float, str)):
        raise Malformed("a scalar that is not a scalar")
    return value


def _name(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 200:
        raise Malformed("a name that is not a short string")
    return value


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**62:
        raise Malformed("a count that is not a count")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise Malformed("a list too long, or not a list")
    return value


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or len(value) > MAX_ITEMS:
        raise Malformed("a dict too large, or not a dict")
    return value


def _error(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    value = _dict(value)
    types = [_name(t) for t in _list(value.get("types", []))] or ["Exception"]
    return {"types": types, "message": str(value.get("message", ""))[:2000],
            "traceback": str(value.get("traceback", ""))[-4000:]}


def _plain(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    value = _dict(value)
    return {"missing": [str(k)[:200] for k in _list(value.get("missing", []))][:50],
            "unexpected": [str(k)[:200] for k in _list(value.get("unexpected", []))][:50],
            "message": str(value.get("message", ""))[:2000]}
