"""The untrusted side of grading: make the calls a job lists and report what happened, as data.

It has two roles. Run as a script inside the sandbox (`python runner.py`), it
is a zygote: it imports numpy and torch once, then for each grade the judge
asks for it forks a child that confines itself, imports the learner's file
from the job's bytes, makes every call and writes the results as protocol
messages. Imported by the judge (`quizdl.grader.runner`), the same
`run_call` calls the reference on the same inputs, so both sides are judged
by one description of "what happened".

Inside the sandbox quizdl itself is out of sight (no judge, no references, no
progress): this file and `protocol.py` are all there is of it, so they import
nothing else of quizdl.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import resource
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
import warnings
from types import ModuleType
from typing import Any, Callable, Sequence

if __package__:
    from quizdl.grader import protocol
else:  # a script in the sandbox: protocol.py lies beside it
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import protocol  # type: ignore[no-redef]

import numpy as np

ALL_GENERATORS = ("torch", "numpy", "random")
_clock = time.perf_counter  # taken before any submission runs: patching time.perf_counter cannot fool it
SCRATCH_FOLDER = "quizdl-grade"
"""The folder, under the sandbox's /tmp, that a grade's child works in (made anew for each grade)."""


def _torch() -> Any:
    return sys.modules.get("torch")


# inputs ------------------------------------------------------------------------


def materialize(data: Any, arrays: Sequence[np.ndarray]) -> Any:
    """The Python object an encoded input stands for: a fresh copy on every call (see values.encode_input)."""
    kind = next(iter(data)) if isinstance(data, dict) and data else None
    if kind == "array":
        return np.array(arrays[data["array"]], copy=True)
    if kind == "tensor":
        import torch

        tensor = torch.from_numpy(np.array(arrays[data["tensor"]], copy=True))
        if "grad" in data:
            tensor.grad = torch.from_numpy(np.array(arrays[data["grad"]], copy=True))
        return tensor.requires_grad_(True) if data.get("requires_grad") else tensor
    if kind == "rng":
        return np.random.default_rng(data["rng"])
    if kind == "nn":
        import torch

        module = getattr(torch.nn, data["nn"])(*data["args"], **data["kwargs"])
        if data.get("dtype"):  # before loading, or load_state_dict casts the float64 state to float32
            module = module.to(getattr(torch, data["dtype"]))
        module.load_state_dict({k: torch.from_numpy(np.array(arrays[i], copy=True)) for k, i in data["state"].items()})
        for name, parameter in module.named_parameters():  # stale gradients, for code that must clear them
            if name in data.get("grads", {}):
                parameter.grad = torch.from_numpy(np.array(arrays[data["grads"][name]], copy=True))
        return module.train(data["train"])
    if kind == "tuple":
        return tuple(materialize(v, arrays) for v in data["tuple"])
    if kind == "iter":  # the items stay reachable, as `Iterated.items`, to be reported after the call
        return Iterated([materialize(v, arrays) for v in data["iter"]])
    if kind == "list":
        return [materialize(v, arrays) for v in data["list"]]
    if kind == "py":
        return data["py"]
    raise ValueError(f"not an input: {str(data)[:80]}")


class Iterated:
    """A one-shot iterator over `items`, like a generator of parameters."""

    def __init__(self, items: list[Any]) -> None:
        self.items, self._rest = items, iter(items)

    def __iter__(self) -> Iterated:
        return self

    def __next__(self) -> Any:
        return next(self._rest)


# calls -------------------------------------------------------------------------


def seed_everything(seed: int, seeded: Sequence[str] = ALL_GENERATORS) -> None:
    """Seed the global generators named in `seeded` with `seed`, the others with fresh entropy."""
    def pick(name: str) -> int:
        return seed if name in seeded else int.from_bytes(os.urandom(4), "little")

    random.seed(pick("random"))
    np.random.seed(pick("numpy"))
    if (torch := _torch()) is not None:  # the CPU generator directly: torch.manual_seed also walks CUDA
        torch.random.default_generator.manual_seed(pick("torch"))


def run_call(module: ModuleType, call: dict[str, Any], arrays: Sequence[np.ndarray], trial: int,
             previous: Any = None) -> tuple[dict[str, Any], list[np.ndarray], Any]:
    """Make one call (one trial of it): its message and arrays, and the object it built, for a `reuse` call.

    Exceptions, SystemExit and KeyboardInterrupt included, become data."""
    seed = call["seed"] + trial
    seeded = call["seeded"]
    seed_everything(seed, seeded)
    args = [materialize(v, arrays) for v in call["args"]]
    kwargs = {k: materialize(v, arrays) for k, v in call["kwargs"].items()}
    source = getattr(module, "__file__", None)
    target = previous
    try:
        if call["function"] is not None:
            function = _attribute(module, call["function"])
            started = _clock()
            returned = function(*args, **kwargs)
        else:
            if not call["reuse"]:
                seed_everything(seed, seeded)
                target = construct(module, call["construct"], arrays)
                if call["state"] is not None:
                    if (problem := _load_state(target, call["state"], arrays)) is not None:
                        return {"load_error": problem}, [], None
                if call["construct"]["dtype"] is not None:
                    target = target.to(getattr(_torch(), call["construct"]["dtype"]))
            elif target is None:
                raise RuntimeError("nothing to call again: the object could not be built")
            if call["mode"] is not None:
                target.train(call["mode"] == "train")
            seed_everything(seed, seeded)
            started = _clock()
            returned = target if call["method"] is None else getattr(target, call["method"])(*args, **kwargs)
        seconds = _clock() - started
        if call["backward"]:
            (returned.sum() if returned.dim() else returned).backward()
    except BaseException as error:
        return {"error": describe_error(error, source)}, [], target
    out: list[np.ndarray] = []
    try:  # the learner's code still runs here: a returned module's forward on the probe, its state_dict
        probe = materialize(call["probe"], arrays) if call["probe"] is not None else None
        message = {
            "returned": encode(returned, out, probe=probe),
            "same_object": next((i for i, a in enumerate(args) if a is returned), None),
            "aliases": aliases(returned, args + list(kwargs.values())),
            "args_after": [encode(a.items if isinstance(a, Iterated) else a, out) for a in args],
            "seconds": seconds,
        }
    except BaseException as error:
        problem = describe_error(error, source)
        problem["message"] += " (raised after the call returned, by what it returned: a module's forward on the probe input or its state_dict)"
        return {"error": problem}, [], target
    return message, out, target


def construct(module: ModuleType, spec: dict[str, Any], arrays: Sequence[np.ndarray]) -> Any:
    """An instance of the class `spec` names, built from its arguments."""
    cls = _attribute(module, spec["class"])
    return cls(*[materialize(v, arrays) for v in spec["args"]],
               **{name: materialize(v, arrays) for name, v in spec["kwargs"].items()})


def _attribute(module: ModuleType, name: str) -> Any:
    try:
        return getattr(module, name)
    except AttributeError:
        raise NameError(f"the file defines no {name!r}") from None


def _load_state(target: Any, state: dict[str, int], arrays: Sequence[np.ndarray]) -> dict[str, Any] | None:
    """Load the reference's state_dict strictly; the keys that do not match, or None."""
    import torch

    state_dict = {k: torch.from_numpy(np.array(arrays[i], copy=True)) for k, i in state.items()}
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
    try:
        message = str(error)[:2000]
    except BaseException:  # an exception whose __str__ raises
        message = "(the exception cannot be printed)"
    return {"types": [cls.__name__ for cls in type(error).__mro__], "message": message,
            "traceback": "".join(shown)[-4000:]}


# results -----------------------------------------------------------------------


def encode(obj: Any, arrays: list[np.ndarray], probe: Any = None) -> Any:
    """A JSON description of `obj` (see protocol.decode); its arrays are appended to `arrays`."""
    torch = _torch()  # a submission that never imported torch returns no tensors

    def keep(array: np.ndarray) -> int:
        arrays.append(array)
        return len(arrays) - 1

    if isinstance(obj, np.ndarray):
        return {"array": keep(obj), "framework": "numpy", "dtype": str(obj.dtype)}
    if torch is not None and isinstance(obj, torch.Tensor):
        data = obj.detach().cpu()
        out = {"array": keep(data.numpy()), "framework": "torch",
               "dtype": str(data.dtype).removeprefix("torch."), "requires_grad": bool(obj.requires_grad)}
        if obj.is_leaf and obj.grad is not None:  # a non-leaf's .grad is always None (and warns)
            out["grad"] = keep(obj.grad.detach().cpu().numpy())
        return out
    if torch is not None and isinstance(obj, torch.nn.Module):
        out = {"module": type(obj).__name__, "training": bool(obj.training),
               "parameters": sum(p.numel() for p in obj.parameters()),
               "tensors": {k: encode(v, arrays) for k, v in obj.state_dict(keep_vars=True).items()}}  # with .grad
        if probe is not None:
            with torch.no_grad():
                out["output"] = encode(obj(probe), arrays)
        return out
    if obj is None:
        return {"none": True}
    if isinstance(obj, (bool, int, float, str)) or isinstance(obj, np.generic):
        value = obj.item() if isinstance(obj, np.generic) else obj
        if isinstance(value, float) and not np.isfinite(value):
            value = repr(value)
        elif isinstance(value, complex):
            value = repr(value)
        return {"py": _python_type(obj), "value": value}
    if isinstance(obj, dict):
        return {"dict": {str(k): encode(v, arrays) for k, v in obj.items()}}
    if isinstance(obj, (tuple, list)):
        return {"list" if isinstance(obj, list) else "tuple": [encode(v, arrays) for v in obj]}
    return {"opaque": type(obj).__name__}


def _python_type(obj: Any) -> str:
    """The contract's notion of type: np.float64 is a float (it subclasses it); np.int64 is not an int."""
    if isinstance(obj, (bool, np.bool_)):
        return "bool" if isinstance(obj, bool) else "numpy.bool"
    if isinstance(obj, int):
        return "int"
    if isinstance(obj, float):
        return "float"
    if isinstance(obj, str):
        return "str"
    return f"numpy.{type(obj).__name__}"


def aliases(returned: Any, inputs: list[Any], where: str = "the result") -> list[str]:
    """Where the result holds an array that shares memory with an input: a view the caller does not expect."""
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
    torch = _torch()
    if torch is not None and isinstance(value, torch.Tensor) and value.device.type == "cpu":
        try:
            return value.detach().numpy()
        except (TypeError, RuntimeError):  # bfloat16 and other types numpy lacks
            return None
    return None


# the whole job -----------------------------------------------------------------


def import_file(path: str | os.PathLike[str], name: str) -> ModuleType:
    """Execute a Python file as a fresh module (a learner's submission or a reference solution)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_job(job: dict[str, Any], arrays: Sequence[np.ndarray], folder: str,
            emit: Callable[[dict[str, Any], list[np.ndarray]], None]) -> None:
    """Write the submission into `folder`, import it, and make every call of the plan; one message each."""
    path = os.path.join(folder, job["filename"])
    with open(path, "wb") as handle:
        handle.write(arrays[job["source"]].tobytes())
    warnings.resetwarnings()  # the learner gets Python's default warning filters
    try:
        module = import_file(path, "submission")
    except BaseException as error:
        emit({"import_error": describe_error(error, path)}, [])
        return
    emit({"imported": True}, [])
    for check, calls in enumerate(job["plan"]):
        built: dict[int, Any] = {}  # trial -> the object the previous call built, for a reuse call
        for index, call in enumerate(calls):
            for trial in range(call["trials"]):
                message, out, built[trial] = run_call(module, call, arrays, trial, built.get(trial))
                emit({"check": check, "call": index, "trial": trial, **message}, out)


# the zygote --------------------------------------------------------------------

_PR_SET_PDEATHSIG, _PR_SET_DUMPABLE = 1, 4


def _prctl(option: int, value: int) -> None:
    """Linux's prctl, where there is one (the reduced sandbox may run elsewhere)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _confine(limits: dict[str, Any]) -> None:
    """Limits for one grade's child: memory, CPU time, file size, processes; no core dumps, no ptrace of it."""
    mapped = _address_space()  # the child starts with the zygote's mappings (torch alone is ~600 MB)
    memory = mapped + limits["memory_mb"] * 2**20
    for name, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, int(limits["timeout"]) + 2),
                        (resource.RLIMIT_FSIZE, limits["file_mb"] * 2**20), (resource.RLIMIT_CORE, 0),
                        (resource.RLIMIT_NPROC, limits["processes"])):
        try:
            resource.setrlimit(name, (value, value))
        except (ValueError, OSError):  # a hard limit already lower
            pass
    _prctl(_PR_SET_DUMPABLE, 0)


def _address_space() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(request: dict[str, Any], fds: list[int]) -> None:  # pragma: no cover - seen through its results
    """One grade, in a fresh fork of the zygote: never returns."""
    code = 70
    try:
        job_fd, result_fd, out_fd, err_fd = fds
        os.setsid()
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        null = os.open(os.devnull, os.O_RDONLY)
        for fd, target in ((null, 0), (out_fd, 1), (err_fd, 2)):  # fd 0 was the control socket: gone now
            os.dup2(fd, target)
        for fd in (null, out_fd, err_fd):
            os.close(fd)
        sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
        sys.stderr = os.fdopen(2, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _confine(request["limits"])
        with os.fdopen(job_fd, "rb") as handle:
            job, arrays = protocol.read_message(handle, protocol.MAX_STREAM)
        results = os.fdopen(result_fd, "wb", closefd=False)
        folder = request["folder"]
        os.chdir(folder)

        def emit(message: dict[str, Any], out: list[np.ndarray]) -> None:
            protocol.write_message(results, message, out)

        run_job(job, arrays, folder, emit)
        code = 0
    except BaseException:
        code = 71
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        os._exit(code)


def _sweep(keep: set[int]) -> None:
    """Kill every process of the sandbox's PID namespace but `keep`: what a grade left behind (setsid, double fork)."""
    for _ in range(100):
        others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in keep]
        if not others:
            return
        for pid in others:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass
        time.sleep(0.01)


def serve(control: socket.socket, scratch: str, sweep: bool) -> None:
    """Fork one child per request until the judge hangs up; report when each started and how it ended."""
    def say(message: dict[str, Any]) -> None:
        control.send(json.dumps(message).encode())

    say({"ready": True, "pid": os.getpid()})
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(control, 65536, 4)
        except OSError:
            return
        if not data:
            return
        request = json.loads(data)
        request["folder"] = os.path.join(scratch, SCRATCH_FOLDER)
        shutil.rmtree(request["folder"], ignore_errors=True)
        os.mkdir(request["folder"], 0o700)
        pid = os.fork()
        if pid == 0:
            control.close()
            _child(request, fds)
        for fd in fds:
            os.close(fd)
        say({"started": request["grade"]})
        status = os.waitpid(pid, 0)[1]
        try:
            os.killpg(pid, signal.SIGKILL)  # its process group: what it started and did not wait for
        except OSError:
            pass
        if sweep:
            _sweep({1, os.getpid()})
        shutil.rmtree(request["folder"], ignore_errors=True)
        say({"ended": request["grade"],
             "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
             "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None})


def main() -> None:
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # the reduced sandbox: die with the judge
    _prctl(_PR_SET_DUMPABLE, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the judge's to handle
    warnings.simplefilter("ignore")
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:  # a numpy-only installation grades numpy exercises
        pass
    control = socket.socket(fileno=os.dup(0))
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # the children's stdin
    sweep = "--sweep" in sys.argv
    scratch = "/tmp" if sweep else tempfile.mkdtemp(prefix="quizdl-sandbox-")
    try:
        serve(control, scratch, sweep)
    finally:
        if not sweep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
