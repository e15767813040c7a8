"""Making the calls an exercise's checks declare, and writing down what happened.

The same `run_call` serves both sides: in the submission's process it calls the
learner's code, in the judge it calls the reference solution. What it returns
is JSON plus .npy files; it never decides whether anything is right.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import sys
import traceback
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any, Sequence, TextIO

import numpy as np

from quizdl.grader.spec import Call, Construct
from quizdl.grader.values import build, encode


def import_file(path: Path, name: str) -> ModuleType:
    """Execute a Python file as a fresh module (a learner's submission or a reference solution)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ALL_GENERATORS = ("torch", "numpy", "random")


def seed_everything(seed: int, seeded: Sequence[str] = ALL_GENERATORS) -> None:
    """Seed the global generators named in `seeded` with `seed`, the others with fresh entropy."""
    def pick(name: str) -> int:
        return seed if name in seeded else int.from_bytes(os.urandom(4), "little")

    random.seed(pick("random"))
    np.random.seed(pick("numpy"))
    if "torch" in sys.modules:  # the CPU generator directly: torch.manual_seed also walks CUDA, 1 ms a call
        sys.modules["torch"].random.default_generator.manual_seed(pick("torch"))


def run_call(module: ModuleType, call: Call, trial: int, folder: Path, name: str, state: Path | None,
             previous: Any = None) -> tuple[dict[str, Any], Any]:
    """Make one call (one trial of it) and describe the outcome as JSON; exceptions become data.

    Also returns the object the call constructed (or reused), for a `reuse` call after it."""
    seed = call.seed + trial
    seed_everything(seed, call.seeded)
    args = [build(v) for v in call.args]
    kwargs = {k: build(v) for k, v in call.kwargs.items()}
    source = getattr(module, "__file__", None)
    target = previous
    try:
        if call.function is not None:
            returned = _attribute(module, call.function)(*args, **kwargs)
        else:
            if not call.reuse:
                assert call.construct_ is not None
                seed_everything(seed, call.seeded)
                target = construct(module, call.construct_)
                if call.reference_state and state is not None:
                    if (problem := _load_state(target, state)) is not None:
                        return {"load_error": problem}, None
                if call.construct_.dtype is not None:
                    target = target.to(getattr(sys.modules["torch"], call.construct_.dtype))
            elif target is None:
                return {"error": {"types": ["RuntimeError"], "message": "nothing to call again: the object "
                                  "could not be built", "traceback": ""}}, None
            if call.mode is not None:
                target.train(call.mode == "train")
            seed_everything(seed, call.seeded)
            returned = target if call.method is None else getattr(target, call.method)(*args, **kwargs)
        if call.backward:
            (returned.sum() if returned.dim() else returned).backward()
    except BaseException as error:  # SystemExit and KeyboardInterrupt from learner code are results too
        return {"error": describe_error(error, source)}, target
    probe = build(call.probe) if call.probe is not None else None
    return {
        "returned": encode(returned, folder, f"{name}.ret", probe=probe),
        "same_object": next((i for i, a in enumerate(args) if a is returned), None),
        "aliases": aliases(returned, args + list(kwargs.values())),
        "args_after": [encode(a, folder, f"{name}.arg{i}") for i, a in enumerate(args)],
    }, target


def aliases(returned: Any, inputs: list[Any], where: str = "the result") -> list[str]:
    """Where the result holds an array that shares memory with an input array: a view the caller does not expect."""
    if isinstance(returned, (tuple, list)):
        return [a for i, item in enumerate(returned) for a in aliases(item, inputs, f"{where}[{i}]")]
    if isinstance(returned, dict):
        return [a for key, item in returned.items() for a in aliases(item, inputs, f"{where}[{key!r}]")]
    mine = _memory(returned)
    if mine is None:
        return []
    return [f"{where} shares memory with argument {i}" for i, given in enumerate(inputs)
            if (theirs := _memory(given)) is not None and np.may_share_memory(mine, theirs)]


def _memory(value: Any) -> np.ndarray | None:
    """A numpy view of an array's or a CPU tensor's memory, or None."""
    if isinstance(value, np.ndarray):
        return value
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor) and value.device.type == "cpu":
        try:
            return value.detach().numpy()
        except (TypeError, RuntimeError):  # bfloat16 and other types numpy lacks
            return None
    return None


def construct(module: ModuleType, spec: Construct) -> Any:
    """An instance of the class `spec` names, built from its arguments."""
    cls = _attribute(module, spec.class_)
    return cls(*[build(v) for v in spec.args], **{name: build(v) for name, v in spec.kwargs.items()})


def _attribute(module: ModuleType, name: str) -> Any:
    try:
        return getattr(module, name)
    except AttributeError:
        raise NameError(f"the file defines no {name!r}") from None


def _load_state(target: Any, state: Path) -> dict[str, Any] | None:
    """Load the reference's state_dict strictly; the keys that do not match, or None."""
    import torch

    with np.load(state, allow_pickle=False) as arrays:
        state_dict = {k: torch.from_numpy(arrays[k].copy()) for k in arrays.files}
    try:
        target.load_state_dict(state_dict, strict=True)
    except Exception as error:  # RuntimeError lists the keys; anything else is a broken module
        own = set(target.state_dict()) if hasattr(target, "state_dict") else set()
        return {"missing": sorted(own - set(state_dict)), "unexpected": sorted(set(state_dict) - own),
                "message": f"{type(error).__name__}: {str(error).strip()}"[:2000]}
    return None


def describe_error(error: BaseException, source: str | None) -> dict[str, Any]:
    """The exception's type names (most derived first), message, and the traceback kept to the learner's file."""
    frames = traceback.extract_tb(error.__traceback__)
    mine = [f for f in frames if source and f.filename == source]
    shown = traceback.format_list(mine)  # none of the learner's frames (a wrong signature): the message says it
    if isinstance(error, SyntaxError) and error.filename == source:
        shown = [f'  File "{error.filename}", line {error.lineno}\n    {(error.text or "").strip()}\n']
    return {
        "types": [cls.__name__ for cls in type(error).__mro__],
        "message": str(error)[:2000],
        "traceback": "".join(shown)[-4000:],
    }


def run_checks(submission: Path, plan: list[list[Call]], folder: Path, states: dict[tuple[int, int], Path],
               out: TextIO) -> None:
    """The submission process's whole job: import, then make every call, one JSON line per result."""
    def emit(line: dict[str, Any]) -> None:
        out.write(json.dumps(line) + "\n")
        out.flush()

    warnings.resetwarnings()  # the judge's filters (pytest's "error", say) are not the learner's
    try:
        module = import_file(submission, "submission")
    except BaseException as error:
        emit({"import_error": describe_error(error, str(submission))})
        return
    emit({"imported": True})
    for check, calls in enumerate(plan):
        built: dict[int, Any] = {}  # trial -> the object the last call built, for a reuse call
        for index, call in enumerate(calls):
            for trial in range(call.trials):
                result, built[trial] = run_call(module, call, trial, folder, f"k{check}c{index}t{trial}",
                                                states.get((check, index)), built.get(trial))
                emit({"check": check, "call": index, "trial": trial, **result})
