"""The inputs of a check: built from their YAML spec and seeds, described for messages, sent to the sandbox.

The judge builds every input here, once per grade, and sends it as data (see
`protocol`); the sandbox rebuilds the objects from that data alone, so the
reference and the submission see the same numbers.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from quizdl.grader.spec import ArraySpec, ArrayValue, IterValue, ModuleValue, RngValue, TensorValue, TupleValue



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
        if value.grad is not None:
            tensor.grad = torch.from_numpy(make_array(value.grad).copy())
        return tensor.requires_grad_(True) if value.tensor.requires_grad else tensor
    if isinstance(value, RngValue):
        return np.random.default_rng(value.rng)
    if isinstance(value, ModuleValue):
        return _make_module(value)
    if isinstance(value, TupleValue):
        return tuple(build(v) for v in value.tuple_)
    if isinstance(value, IterValue):
        return iter([build(v) for v in value.iter_])
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
    if spec.dtype:
        module = module.to(getattr(torch, spec.dtype))
    with torch.no_grad():
        for name, tensor in list(module.named_parameters()) + list(module.named_buffers()):
            if not tensor.is_floating_point():
                continue
            noise = torch.randn(tensor.shape, generator=generator, dtype=tensor.dtype)
            tensor.copy_(noise.abs() + 0.5 if name.endswith("running_var") else noise)
        state = module.state_dict()
        for name, constant in spec.fill.items():
            if name not in state:
                raise ValueError(f"nn.{spec.class_} has no state_dict entry {name!r} to fill")
            state[name].fill_(constant)
    if spec.grad:
        for parameter in module.parameters():
            parameter.grad = torch.randn(parameter.shape, generator=generator, dtype=parameter.dtype)
    return module.train(spec.train)


def describe(value: Any) -> Any:
    """How an input was made, for a failure message: a Detail (see quizdl/detail.py)."""
    from quizdl.detail import Detail, Joined

    if isinstance(value, (ArrayValue, TensorValue)):
        spec = value.array if isinstance(value, ArrayValue) else value.tensor
        kind = Detail("detail.array" if isinstance(value, ArrayValue) else "detail.tensor")
        if spec.values is not None:
            text = json.dumps(spec.values)
            return Detail("detail.values", dtype=spec.dtype, kind=kind,
                          values=text if len(text) <= 60 else text[:57] + "...")
        how = {
            "uniform": lambda: Detail("detail.uniform", low=spec.low, high=spec.high),
            "normal": lambda: Detail("detail.normal", std=spec.std),
            "randint": lambda: Detail("detail.randint", low=int(spec.low), high=int(spec.high)),
            "bernoulli": lambda: Detail("detail.bernoulli", p=spec.p),
        }.get(spec.dist, lambda: spec.dist)()
        grad: Any = Detail("detail.requires_grad") if spec.requires_grad else ""
        if isinstance(value, TensorValue) and value.grad is not None:
            grad = Detail("detail.with_grad", grad=grad, array=describe(ArrayValue(array=value.grad)))
        return Detail("detail.drawn", dtype=spec.dtype, kind=kind, shape=tuple(spec.shape or ()), how=how,
                      seed=spec.seed, grad=grad)
    if isinstance(value, RngValue):
        return f"np.random.default_rng({value.rng})"
    if isinstance(value, ModuleValue):
        spec = value.module
        arguments = ", ".join([repr(a) for a in spec.args] + [f"{k}={v!r}" for k, v in spec.kwargs.items()])
        dtype = Detail("detail.module_dtype", dtype=spec.dtype) if spec.dtype else ""
        filled = "".join(f", {name} = {constant:g}" for name, constant in spec.fill.items())
        grad = Detail("detail.module_grad") if spec.grad else ""
        return Detail("detail.module", cls=spec.class_, arguments=arguments, dtype=dtype,
                      mode="train" if spec.train else "eval", filled=filled, grad=grad)
    if isinstance(value, TupleValue):
        return Detail("detail.tuple", items=Joined([describe(v) for v in value.tuple_], "detail.code_comma"))
    if isinstance(value, IterValue):
        return Detail("detail.iter", items=Joined([describe(v) for v in value.iter_], "detail.code_comma"))
    if isinstance(value, list):
        return Detail("detail.list", items=Joined([describe(v) for v in value], "detail.code_comma"))
    return repr(value)


# what the sandbox is sent ------------------------------------------------------


def encode_input(value: Any, arrays: list[np.ndarray]) -> Any:
    """An input spec as protocol data (what runner.materialize rebuilds); its arrays are appended to `arrays`."""
    def keep(array: np.ndarray) -> int:
        arrays.append(array)
        return len(arrays) - 1

    if isinstance(value, ArrayValue):
        return {"array": keep(make_array(value.array))}
    if isinstance(value, TensorValue):
        grad = {} if value.grad is None else {"grad": keep(make_array(value.grad))}
        return {"tensor": keep(make_array(value.tensor)), "requires_grad": value.tensor.requires_grad, **grad}
    if isinstance(value, RngValue):
        return {"rng": value.rng}
    if isinstance(value, ModuleValue):
        module = _make_module(value)
        return {"nn": value.module.class_, "args": value.module.args, "kwargs": value.module.kwargs,
                "train": value.module.train, "dtype": value.module.dtype,
                "state": {k: keep(v.detach().numpy()) for k, v in module.state_dict().items()},
                "grads": {k: keep(p.grad.numpy()) for k, p in module.named_parameters() if p.grad is not None}}
    if isinstance(value, TupleValue):
        return {"tuple": [encode_input(v, arrays) for v in value.tuple_]}
    if isinstance(value, IterValue):
        return {"iter": [encode_input(v, arrays) for v in value.iter_]}
    if isinstance(value, list):
        return {"list": [encode_input(v, arrays) for v in value]}
    return {"py": value}
