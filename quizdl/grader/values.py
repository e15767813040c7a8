"""Values that cross between the judge and the submission's process.

Inputs are built from their YAML spec, identically in both processes, from
seeds. Results travel back as data only: arrays and tensors as `.npy` files
(read with `allow_pickle=False`), everything else as JSON, so nothing the
submission's process writes is ever unpickled or executed by the judge.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from quizdl.grader.spec import ArraySpec, ArrayValue, ModuleValue, RngValue, TensorValue, TupleValue

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+\.npy$")
MAX_ARRAY_BYTES = 256 * 2**20


def _torch():
    import torch

    return torch


# building inputs ---------------------------------------------------------


def make_array(spec: ArraySpec) -> np.ndarray:
    if spec.values is not None:
        return np.array(spec.values, dtype=spec.dtype)
    rng = np.random.default_rng(spec.seed)
    shape = tuple(spec.shape or ())
    if spec.dist == "uniform":
        data = rng.uniform(spec.low, spec.high, shape)
    elif spec.dist == "normal":
        data = rng.normal(0.0, spec.std, shape)
    elif spec.dist == "randint":
        data = rng.integers(int(spec.low), int(spec.high), shape, endpoint=False)
    elif spec.dist == "bernoulli":
        data = rng.random(shape) < spec.p
    elif spec.dist == "ones":
        data = np.ones(shape)
    elif spec.dist == "zeros":
        data = np.zeros(shape)
    else:
        data = np.arange(int(np.prod(shape))).reshape(shape)
    return data.astype(spec.dtype)


def build(value: Any) -> Any:
    """The Python object a value spec stands for (a fresh copy on every call)."""
    if isinstance(value, ArrayValue):
        return make_array(value.array)
    if isinstance(value, TensorValue):
        torch = _torch()
        tensor = torch.from_numpy(make_array(value.tensor).copy())
        return tensor.requires_grad_(True) if value.tensor.requires_grad else tensor
    if isinstance(value, RngValue):
        return np.random.default_rng(value.rng)
    if isinstance(value, ModuleValue):
        return _make_module(value)
    if isinstance(value, TupleValue):
        return tuple(build(v) for v in value.tuple_)
    if isinstance(value, list):
        return [build(v) for v in value]
    return value


def _make_module(value: ModuleValue) -> Any:
    """A torch.nn layer with random parameters and, for norm layers, random running statistics."""
    torch = _torch()
    spec = value.module
    cls = getattr(torch.nn, spec.class_, None)
    if not isinstance(cls, type) or not issubclass(cls, torch.nn.Module):
        raise ValueError(f"torch.nn has no layer {spec.class_!r}")
    generator = torch.Generator().manual_seed(spec.seed)
    module = cls(*spec.args, **spec.kwargs)
    with torch.no_grad():
        for name, tensor in list(module.named_parameters()) + list(module.named_buffers()):
            if not tensor.is_floating_point():
                continue
            noise = torch.randn(tensor.shape, generator=generator, dtype=tensor.dtype)
            tensor.copy_(noise.abs() + 0.5 if name.endswith("running_var") else noise)
    return module.train(spec.train)


def describe(value: Any) -> str:
    """How an input was made, for a failure message."""
    if isinstance(value, (ArrayValue, TensorValue)):
        spec = value.array if isinstance(value, ArrayValue) else value.tensor
        kind = "array" if isinstance(value, ArrayValue) else "tensor"
        if spec.values is not None:
            text = json.dumps(spec.values)
            return f"{spec.dtype} {kind} {text if len(text) <= 60 else text[:57] + '...'}"
        how = {
            "uniform": f"uniform in [{spec.low:g}, {spec.high:g}]",
            "normal": f"normal with std {spec.std:g}",
            "randint": f"integers in [{int(spec.low)}, {int(spec.high)})",
            "bernoulli": f"0/1 with P(1) = {spec.p:g}",
        }.get(spec.dist, spec.dist)
        grad = ", requires_grad" if spec.requires_grad else ""
        return f"{spec.dtype} {kind} of shape {tuple(spec.shape or ())}, {how}, seed {spec.seed}{grad}"
    if isinstance(value, RngValue):
        return f"np.random.default_rng({value.rng})"
    if isinstance(value, ModuleValue):
        spec = value.module
        arguments = [repr(a) for a in spec.args] + [f"{k}={v!r}" for k, v in spec.kwargs.items()]
        return f"nn.{spec.class_}({', '.join(arguments)}) in {'train' if spec.train else 'eval'} mode, random weights"
    if isinstance(value, TupleValue):
        return f"({', '.join(describe(v) for v in value.tuple_)})"
    return repr(value)


# results ----------------------------------------------------------------


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
    error: dict[str, Any] | None = None
    """types (most derived first), message and traceback of an exception the call raised"""
    load_error: dict[str, Any] | None = None
    """missing and unexpected keys when the reference state_dict did not load"""

    @classmethod
    def from_line(cls, line: dict[str, Any], folder: Path) -> Outcome:
        if "error" in line or "load_error" in line:
            return cls(error=line.get("error"), load_error=line.get("load_error"))
        return cls(
            decode(line["returned"], folder),
            [decode(a, folder) for a in line["args_after"]],
            line["same_object"] if isinstance(line["same_object"], int) else None,
            [str(a)[:200] for a in line.get("aliases", [])][:20],
        )


def encode(obj: Any, folder: Path, name: str, probe: Any = None) -> Any:
    """A JSON description of `obj`, with arrays written to `folder` as .npy files named after `name`."""
    torch = sys.modules.get("torch")  # a submission that never imported torch returns no tensors
    if isinstance(obj, np.ndarray):
        return {"array": _save(folder, name, obj), "framework": "numpy", "dtype": str(obj.dtype)}
    if torch is not None and isinstance(obj, torch.Tensor):
        data = obj.detach().cpu()
        out = {"array": _save(folder, name, data.numpy()), "framework": "torch",
               "dtype": str(data.dtype).removeprefix("torch."), "requires_grad": bool(obj.requires_grad)}
        if obj.is_leaf and obj.grad is not None:  # a non-leaf's .grad is always None (and warns)
            out["grad"] = _save(folder, name + ".grad", obj.grad.detach().cpu().numpy())
        return out
    if torch is not None and isinstance(obj, torch.nn.Module):
        out = {"module": type(obj).__name__, "training": bool(obj.training),
               "parameters": sum(p.numel() for p in obj.parameters()),
               "tensors": {k: encode(v, folder, f"{name}.{k}") for k, v in obj.state_dict().items()}}
        if probe is not None:
            with torch.no_grad():
                out["output"] = encode(obj(probe), folder, name + ".output")
        return out
    if obj is None:
        return {"none": True}
    if isinstance(obj, (bool, int, float, str)) or isinstance(obj, np.generic):
        type_name = _python_type(obj)
        value = obj.item() if isinstance(obj, np.generic) else obj
        if isinstance(value, float) and not np.isfinite(value):
            value = repr(value)
        return {"py": type_name, "value": value}
    if isinstance(obj, dict):
        return {"dict": {str(k): encode(v, folder, f"{name}.{k}") for k, v in obj.items()}}
    if isinstance(obj, (tuple, list)):
        return {"list" if isinstance(obj, list) else "tuple": [encode(v, folder, f"{name}.{i}") for i, v in enumerate(obj)]}
    return {"opaque": type(obj).__name__}


def decode(data: Any, folder: Path) -> Any:
    """The judge's view of an encoded value; raises ValueError for anything malformed."""
    if not isinstance(data, dict) or len(data) == 0:
        raise ValueError(f"malformed result {str(data)[:80]}")
    if "array" in data:
        grad = _load(folder, data["grad"]) if "grad" in data else None
        return Arr(str(data["framework"]), str(data["dtype"]), _load(folder, data["array"]), grad,
                   bool(data.get("requires_grad", False)))
    if "module" in data:
        return ModuleResult(str(data["module"]), bool(data["training"]), int(data["parameters"]),
                            {str(k): decode(v, folder) for k, v in data["tensors"].items()},
                            decode(data["output"], folder) if "output" in data else None)
    if "none" in data:
        return None
    if "py" in data:
        value = data["value"]
        if data["py"] == "float" and isinstance(value, str):
            value = float(value)
        return Py(str(data["py"]), value)
    if "dict" in data:
        return {str(k): decode(v, folder) for k, v in data["dict"].items()}
    if "tuple" in data:
        return tuple(decode(v, folder) for v in data["tuple"])
    if "list" in data:
        return [decode(v, folder) for v in data["list"]]
    if "opaque" in data:
        return Opaque(str(data["opaque"]))
    raise ValueError(f"malformed result {str(data)[:80]}")


def _python_type(obj: Any) -> str:
    """The contract's notion of type: np.float64 is a float (it subclasses it); np.int64 is not an int."""
    if isinstance(obj, bool) or isinstance(obj, np.bool_):
        return "bool" if isinstance(obj, bool) else "numpy.bool"
    if isinstance(obj, int):
        return "int"
    if isinstance(obj, float):
        return "float"
    if isinstance(obj, str):
        return "str"
    return f"numpy.{type(obj).__name__}"


def _save(folder: Path, name: str, array: np.ndarray) -> str:
    file_name = re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".npy"
    np.save(folder / file_name, np.ascontiguousarray(array), allow_pickle=False)
    return file_name


def _load(folder: Path, file_name: Any) -> np.ndarray:
    if not isinstance(file_name, str) or not _SAFE_NAME.match(file_name):
        raise ValueError(f"malformed array name {str(file_name)[:80]}")
    path = folder / file_name
    if path.stat().st_size > MAX_ARRAY_BYTES:
        raise ValueError(f"{file_name} is larger than {MAX_ARRAY_BYTES // 2**20} MiB")
    return np.load(path, allow_pickle=False)
