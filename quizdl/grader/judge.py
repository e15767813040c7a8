"""Grading a file against an exercise: the verdict, decided outside the submission's process.

1. Import the reference and prepare what the submission needs (reference
   state_dicts as .npz) in a fresh temporary folder.
2. Fork the submission's process (see `sandbox`); it makes every call the
   checks declare and writes its results as data.
3. Meanwhile, compute the reference's results here. Doing it after the fork
   keeps expected values out of the submission's memory.
4. Read the results back (never unpickled) and judge each check.
Whatever the submission does (hang, crash, exit, patch numpy, print
"passed"), `grade` returns a Report; only a bad exercise id or path is an error.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizdl.bank.schema import CodeQuestion
from quizdl.errors import UsageError
from quizdl.grader import sandbox
from quizdl.grader.spec import Call, Check, Compare, reseeded

for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # two grades share two cores; set before numpy/torch load

import numpy as np  # noqa: E402  (after the thread settings)

from quizdl.grader import harness  # noqa: E402
from quizdl.grader.compare import difference  # noqa: E402
from quizdl.grader.values import Outcome, build, decode, describe, encode  # noqa: E402

IMPORT_CHECK = "the file imports"
SEED_RANGE = 2**30
"""Grade seeds lie in [0, SEED_RANGE): added to the YAML's small seeds, they stay valid numpy seeds."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Report:
    exercise: str
    checks: list[CheckResult]
    seed: int
    stdout: str = ""
    stderr: str = ""
    ended: str = ""
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    def to_json(self) -> str:
        """The contract's JSON: exercise, passed, and every check's name, passed and detail; and the seed."""
        return json.dumps(
            {"exercise": self.exercise, "passed": self.passed, "seed": self.seed,
             "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in self.checks]},
            ensure_ascii=False,
        )


@dataclass
class _Run:
    """What came back from the submission's process."""

    imported: bool = False
    import_error: dict[str, Any] | None = None
    outcomes: dict[tuple[int, int], list[Outcome]] = field(default_factory=dict)
    malformed: str | None = None


def solution_path(question: CodeQuestion) -> Path:
    from quizdl.paths import solutions_dir

    return solutions_dir() / question.solution


def new_seed() -> int:
    """A grade's seed, from the OS: the inputs of a grade are known to no one before it starts."""
    return secrets.randbelow(SEED_RANGE)


def grade(question: CodeQuestion, submission: Path, limits: sandbox.Limits = sandbox.Limits(),
          seed: int | None = None) -> Report:
    """Run every check of `question` on `submission`; never raises for anything the submission does.

    The inputs are drawn afresh from `seed` (a new one from the OS when None)."""
    started = time.perf_counter()
    seed = new_seed() if seed is None else seed
    question = question.model_copy(update={"checks": reseeded(question.checks, seed)})
    submission = submission.resolve()
    if not submission.is_file():
        raise UsageError(f"no such file: {submission}")
    if question.framework == "torch":
        import torch

        torch.set_num_threads(1)
    reference = harness.import_file(solution_path(question), f"quizdl_reference_{question.id.replace('-', '_')}")
    plan = [check.all_calls for check in question.checks]
    with tempfile.TemporaryDirectory(prefix="quizdl-grade-") as temporary:
        folder = Path(temporary)
        for name in ("out", "ref", "work"):
            (folder / name).mkdir()
        states = _reference_states(reference, question.checks, folder)

        def job() -> None:
            with open(folder / "results.jsonl", "w", encoding="utf-8") as out:
                harness.run_checks(submission, plan, folder / "out", states, out)

        child = sandbox.start(job, folder, limits)
        expected = _reference_results(reference, question.checks, folder / "ref", states)
        ended = child.wait()
        run = _read_results(folder / "results.jsonl", folder / "out")
        checks = _judge(question, run, expected, ended, limits)
    return Report(question.id, checks, seed, ended.stdout, ended.stderr, ended.how, time.perf_counter() - started)


def _reference_states(reference: Any, checks: list[Check], folder: Path) -> dict[tuple[int, int], Path]:
    """For calls that load the reference's weights: build the reference module and save its state_dict."""
    states = {}
    for k, check in enumerate(checks):
        for c, call in enumerate(check.all_calls):
            if call.reference_state and call.construct_ is not None:
                harness.seed_everything(call.seed)
                module = harness.construct(reference, call.construct_)
                _randomise_norms(module, call.seed)
                path = folder / f"state_k{k}c{c}.npz"
                np.savez(path, **{name: t.detach().cpu().numpy() for name, t in module.state_dict().items()})
                states[(k, c)] = path
    return states


def _randomise_norms(module: Any, seed: int) -> None:
    """Non-trivial affine weights and running statistics, so that eval mode really tests them."""
    import torch

    norms = (torch.nn.modules.batchnorm._BatchNorm, torch.nn.GroupNorm, torch.nn.LayerNorm)
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for layer in module.modules():
            if not isinstance(layer, norms):
                continue
            for name, tensor in list(layer.named_parameters(recurse=False)) + list(layer.named_buffers(recurse=False)):
                if not tensor.is_floating_point():
                    continue
                noise = torch.randn(tensor.shape, generator=generator, dtype=tensor.dtype)
                if name == "weight":
                    tensor.copy_(1 + 0.2 * noise)
                elif name == "running_var":
                    tensor.copy_(0.5 + noise.abs())
                else:
                    tensor.copy_(0.2 * noise)


def _reference_results(reference: Any, checks: list[Check], folder: Path,
                       states: dict[tuple[int, int], Path]) -> dict[tuple[int, int], Outcome]:
    expected = {}
    for k, check in enumerate(checks):
        if check.compare is None:
            continue
        built = None
        for c, call in enumerate(check.all_calls):
            with warnings.catch_warnings():  # a reference's harmless numpy warning must not become an error
                warnings.simplefilter("ignore")
                line, built = harness.run_call(reference, call, 0, folder, f"k{k}c{c}", states.get((k, c)), built)
            if "error" in line or "load_error" in line:
                raise RuntimeError(f"the reference fails check {check.name!r}: {line}")
            expected[(k, c)] = Outcome.from_line(line, folder)
    return expected


def _read_results(path: Path, folder: Path) -> _Run:
    run = _Run()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return run
    for text in lines:
        try:
            line = json.loads(text)
            if "import_error" in line:
                run.import_error = line["import_error"]
            elif "imported" in line:
                run.imported = True
            else:
                key = (int(line["check"]), int(line["call"]))
                run.outcomes.setdefault(key, []).append(Outcome.from_line(line, folder))
        except (ValueError, KeyError, TypeError, OSError) as error:
            run.malformed = run.malformed or f"unreadable result ({type(error).__name__}: {error})"
            break  # the process wrote something it should not have; judge what came before
    return run


def _judge(question: CodeQuestion, run: _Run, expected: dict[tuple[int, int], Outcome], ended: sandbox.Ended,
           limits: sandbox.Limits) -> list[CheckResult]:
    if not run.imported:
        if run.import_error:
            reason = _error_text(run.import_error)
        else:
            reason = _ended_early(ended, limits) + " while importing the file"
        return [CheckResult(IMPORT_CHECK, False, reason)] + [
            CheckResult(c.name, False, "not run: the file does not import") for c in question.checks]
    results = [CheckResult(IMPORT_CHECK, True, "ok")]
    stopped = False
    for k, check in enumerate(question.checks):
        calls = check.all_calls
        outcomes = [run.outcomes.get((k, c), []) for c in range(len(calls))]
        if stopped:
            results.append(CheckResult(check.name, False, "not run: the process had ended"))
            continue
        if any(len(o) < call.trials for o, call in zip(outcomes, calls)):
            stopped = True
            reason = run.malformed or _ended_early(ended, limits)
            results.append(CheckResult(check.name, False, f"did not finish: {reason} during {_call_text(calls[0])}"))
            continue
        passed, detail = _check(check, outcomes, [expected.get((k, c)) for c in range(len(calls))])
        results.append(CheckResult(check.name, passed, detail))
    return _traceback_once(results)


def _traceback_once(results: list[CheckResult]) -> list[CheckResult]:
    """A stub fails every check with the same traceback; print it the first time only."""
    seen: set[str] = set()
    shortened = []
    for result in results:
        head, _, trace = result.detail.partition("\n")
        if trace and trace in seen:
            result = CheckResult(result.name, result.passed, f"{head} (traceback as above)")
        seen.add(trace)
        shortened.append(result)
    return shortened


def _check(check: Check, outcomes: list[list[Outcome]], expected: list[Outcome | None]) -> tuple[bool, str]:
    call = check.all_calls[0]
    first = outcomes[0][0]
    if check.raises:
        if first.error is None:
            return False, f"{_call_text(call)} returned instead of raising {check.raises}"
        if check.raises not in first.error["types"]:
            return False, f"{_call_text(call)} should raise {check.raises}; {_error_text(first.error)}"
        return True, f"raises {first.error['types'][0]}: {first.error['message']}"
    for trials in outcomes:
        for outcome in trials:
            if outcome.load_error:
                return False, _load_error_text(outcome.load_error)
            if outcome.error:
                return False, f"{_call_text(call)} raised {_error_text(outcome.error)}"
    notes = []
    if check.compare:
        for number, (want, trials) in enumerate(zip(expected, outcomes)):
            if want is not None and (problem := _compared(check.compare, want, trials[0])):
                made = check.all_calls[number]
                nth = f" (call {number + 1} of {len(expected)}, on the same object)" if made.reuse else ""
                return False, f"{problem}{nth}. Input: {_call_text(made)}"
        notes.append("matches the reference")
    for index in check.unchanged:
        original = _original(call, index)
        if problem := difference(original, first.args_after[index], rtol=0, atol=0, where=f"argument {index}",
                                 mode=True):
            return False, f"the call modified its input in place: {problem}. Input: {_call_text(call)}"
        notes.append(f"argument {index} unchanged")
    if check.new_object:
        if first.same_object is not None:
            return False, f"returned its argument {first.same_object} itself; return a new object"
        if first.aliases:
            return False, f"{first.aliases[0]} (a view: changing one changes the other); return a new array"
        notes.append("a new object")
    if check.property_:
        from quizdl.grader.properties import PROPERTIES

        try:
            passed, detail = PROPERTIES[check.property_](outcomes, check.all_calls, **check.with_)
        except Exception as error:  # a result of an unexpected kind: the submission's fault, never a crash
            return False, f"{check.property_}: the results cannot be checked ({type(error).__name__}: {error})"
        if not passed:
            return False, f"{detail}. Input: {_call_text(call)}"
        notes.append(detail)
    return True, "; ".join(notes) or "ok"


def _compared(options: Compare, expected: Outcome, got: Outcome) -> str | None:
    """The first difference between a call's result (and the gradients asked for) and the reference's."""
    problem = difference(expected.returned, got.returned, rtol=options.rtol, atol=options.atol, dtype=options.dtype)
    for index in options.grads:
        if problem:
            break
        problem = difference(_grad(expected.args_after[index]), _grad(got.args_after[index]), rtol=options.rtol,
                             atol=options.atol, where=f"the gradient of argument {index}")
    return problem


def _grad(value: Any) -> Any:
    """The gradient an array argument received, as an array result (None when it got none)."""
    from quizdl.grader.values import Arr

    if isinstance(value, Arr) and value.grad is not None:
        return Arr(value.framework, value.dtype, value.grad)
    return None


def _original(call: Call, index: int) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        return decode(encode(build(call.args[index]), Path(folder), "original"), Path(folder))


def _call_text(call: Call) -> str:
    arguments = [describe(v) for v in call.args] + [f"{k}={describe(v)}" for k, v in call.kwargs.items()]
    if call.function:
        text = f"{call.function}({', '.join(arguments)})"
    else:
        construct = call.construct_
        if construct is None:  # a reuse call
            text = "the same object again"
        else:
            made = [describe(v) for v in construct.args] + [f"{k}={describe(v)}" for k, v in construct.kwargs.items()]
            text = f"{construct.class_}({', '.join(made)})" + (f".to({construct.dtype})" if construct.dtype else "")
        if call.mode:
            text += f" in {call.mode} mode"
        if call.method and arguments:
            text += f", called on {', '.join(arguments)}"
        elif call.method:
            text += f", {call.method}()"
    if call.trials > 1:
        text += f" (×{call.trials} trials, seeds {call.seed}..{call.seed + call.trials - 1})"
    return text


def _error_text(error: dict[str, Any]) -> str:
    trace = str(error.get("traceback", "")).rstrip()
    types = error.get("types") or ["Exception"]
    message = str(error.get("message", ""))
    return f"{types[0]}{': ' + message if message else ''}" + (f"\n{trace}" if trace else "")


def _load_error_text(problem: dict[str, Any]) -> str:
    parts = ["the reference state_dict does not load with strict=True"]
    if problem.get("missing"):
        parts.append(f"missing keys (yours, not in the reference): {', '.join(problem['missing'][:12])}")
    if problem.get("unexpected"):
        parts.append(f"unexpected keys (the reference's, not in yours): {', '.join(problem['unexpected'][:12])}")
    if not problem.get("missing") and not problem.get("unexpected"):
        parts.append(str(problem.get("message", ""))[:600])
    return "; ".join(parts)


def _ended_early(ended: sandbox.Ended, limits: sandbox.Limits) -> str:
    if ended.timed_out:
        return f"timed out after {limits.timeout:g} s (an endless loop?)"
    if ended.signal is not None:
        return f"the process {ended.how} (memory limit {limits.memory_mb} MiB, or a crash)"
    if ended.exit_code == 0:
        return "the process exited with status 0 before the checks were done (sys.exit or os._exit in your code?)"
    return f"the process {ended.how}"
