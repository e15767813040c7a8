"""Grading a file against an exercise: the verdict, decided outside the submission's reach.

1. Draw this grade's inputs (a fresh seed), build them here and write the job:
   the submission's bytes and every input, as data.
2. Send the job to the sandbox's warm worker (see `sandbox`), which runs the
   calls in a child that sees nothing of quizdl; meanwhile compute the
   reference's results here, on the same inputs.
3. Read the results back through `protocol` (capped, never unpickled) and
   judge each check. Anything malformed fails a check; it never raises.
Whatever the submission does (hang, crash, exit, fork, patch numpy, forge
results, print "passed"), `grade` returns a Report; only a bad path, or a
sandbox that cannot start, is an error.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizdl.bank.question import CodeQuestion
from quizdl.errors import UsageError
from quizdl.grader import sandbox
from quizdl.grader.spec import Call, Check, Compare, reseeded

for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # two grades share two cores; set before numpy/torch load

import numpy as np  # noqa: E402  (after the thread settings)

from quizdl.grader import protocol, runner  # noqa: E402
from quizdl.grader.compare import difference  # noqa: E402
from quizdl.detail import Detail, Joined, shown  # noqa: E402
from quizdl.grader.forbid import forbidden_uses  # noqa: E402
from quizdl.grader.protocol import Arr, Outcome  # noqa: E402
from quizdl.grader.values import describe, encode_input  # noqa: E402
from quizdl.ui.labels import say  # noqa: E402

IMPORT_CHECK = say("grade.import_check", "en")
FORBID_CHECK = say("grade.forbid_check", "en")
"""The checks every exercise has; their names come from the catalogue, which words them in Chinese too."""
SEED_RANGE = 2**30
"""Grade seeds lie in [0, SEED_RANGE): added to the YAML's small seeds, they stay valid numpy seeds."""
MAX_SOURCE = 2**20
"""Bytes of a submission."""


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
    isolation: str = "full"
    stdout: str = ""
    stderr: str = ""
    ended: str = ""
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    def to_json(self) -> str:
        """The contract's JSON (exercise, passed, every check's name, passed and detail), the seed and isolation."""
        return json.dumps(
            {"exercise": self.exercise, "passed": self.passed, "seed": self.seed, "isolation": self.isolation,
             "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in self.checks]},
            ensure_ascii=False,
        )


@dataclass
class _Job:
    """One grade's calls as protocol data, and the arrays they point at."""

    plan: list[list[dict[str, Any]]]
    arrays: list[np.ndarray] = field(default_factory=list)


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
    source = _read_submission(submission)
    seed = new_seed() if seed is None else seed
    question = dataclasses.replace(question, checks=reseeded(question.checks, seed))
    sandbox.worker()  # a cold worker imports torch while the reference runs below
    if question.framework == "torch":
        import torch

        torch.set_num_threads(1)
    reference = runner.import_file(solution_path(question), f"quizdl_reference_{question.id.replace('-', '_')}")
    job = _job(question, reference)
    filename = _safe_name(submission.name)
    message = {"filename": filename, "source": len(job.arrays), "plan": job.plan}
    arrays = job.arrays + [np.frombuffer(source, dtype=np.uint8)]
    run, isolation, expected = sandbox.run(_message_bytes(message, arrays), limits,
                                           meanwhile=lambda: _reference_results(reference, question.checks, job))
    results = _read_results(run)
    checks = _judge(question, results, expected, run.ended, limits, job)
    if question.forbid:
        checks.append(_forbid_check(source, question.forbid))
    checks = _in_learner_terms(checks, filename, str(submission))
    return Report(question.id, checks, seed, isolation.level, _in_learner_terms(run.ended.stdout, filename,
                  str(submission)), _in_learner_terms(run.ended.stderr, filename, str(submission)), run.ended.how,
                  time.perf_counter() - started)


def _read_submission(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            source = handle.read(MAX_SOURCE + 1)
    except IsADirectoryError:
        raise UsageError(key="error.is_folder", path=path) from None
    except OSError as error:
        raise UsageError(key="error.cannot_read", path=path, reason=error.strerror or error) from None
    if len(source) > MAX_SOURCE:
        raise UsageError(key="error.too_large", path=path, mib=MAX_SOURCE // 2**20)
    return source


def _safe_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_]", "_", name.removesuffix(".py"))[:60] or "submission"
    return f"{stem}.py"


def _in_learner_terms(value: Any, filename: str, shown: str) -> Any:
    """Tracebacks name the copy in the sandbox's scratch folder; show the learner's own path instead."""
    pattern = re.compile(r"/[^\s\"']*/" + re.escape(runner.SCRATCH_FOLDER) + "/" + re.escape(filename))
    def change(text: str) -> str:
        return pattern.sub(shown, text)

    if isinstance(value, str):
        return change(value)
    return [CheckResult(c.name, c.passed, c.detail.mapped(change) if isinstance(c.detail, Detail) else change(c.detail))
            for c in value]


def _message_bytes(message: dict[str, Any], arrays: list[np.ndarray]) -> bytes:
    import io

    buffer = io.BytesIO()
    protocol.write_message(buffer, message, arrays)
    return buffer.getvalue()


def _forbid_check(source: bytes, forbid: list[str]) -> CheckResult:
    uses = forbidden_uses(source.decode("utf-8", errors="replace"), forbid)
    if not uses:
        return CheckResult(FORBID_CHECK, True, "ok")
    listed = Joined([Detail("detail.forbid_use", name=u.name, line=u.line) if u.written == u.name else
                     Detail("detail.forbid_use_as", name=u.name, line=u.line, written=u.written) for u in uses[:5]])
    return CheckResult(FORBID_CHECK, False, Detail("detail.forbid", uses=listed))


def _job(question: CodeQuestion, reference: Any) -> _Job:
    """Every call as data, with its inputs built once; a call that loads the reference's weights gets them."""
    job = _Job([])
    for check in question.checks:
        calls = []
        for call in check.all_calls:
            state = _reference_state(reference, call, job) if call.reference_state else None
            calls.append(_call_data(call, job.arrays, state))
        job.plan.append(calls)
    return job


def _call_data(call: Call, arrays: list[np.ndarray], state: dict[str, int] | None) -> dict[str, Any]:
    made = call.construct_
    return {
        "function": call.function, "method": call.method, "mode": call.mode, "backward": call.backward,
        "seed": call.seed, "seeded": list(call.seeded), "trials": call.trials, "reuse": call.reuse, "state": state,
        "construct": None if made is None else {
            "class": made.class_, "dtype": made.dtype, "args": [encode_input(v, arrays) for v in made.args],
            "kwargs": {k: encode_input(v, arrays) for k, v in made.kwargs.items()}},
        "args": [encode_input(v, arrays) for v in call.args],
        "kwargs": {k: encode_input(v, arrays) for k, v in call.kwargs.items()},
        "probe": None if call.probe is None else encode_input(call.probe, arrays),
    }


def _reference_state(reference: Any, call: Call, job: _Job) -> dict[str, int]:
    """The reference module's state_dict, with random norm statistics, as arrays of the job."""
    assert call.construct_ is not None
    runner.seed_everything(call.seed)
    spec = _call_data(call, job.arrays, None)["construct"]
    module = runner.construct(reference, spec, job.arrays)
    _randomise_norms(module, call.seed)
    state = {}
    for name, tensor in module.state_dict().items():
        job.arrays.append(tensor.detach().cpu().numpy().copy())
        state[name] = len(job.arrays) - 1
    return state


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


def _reference_results(reference: Any, checks: list[Check], job: _Job) -> dict[tuple[int, int], Outcome]:
    """What the reference returns for every call of the checks that compare, through the same runner code."""
    expected = {}
    for k, check in enumerate(checks):
        if check.compare is None:
            continue
        built = None
        for c, call in enumerate(job.plan[k]):
            with warnings.catch_warnings():  # a reference's harmless numpy warning must not become an error
                warnings.simplefilter("ignore")
                message, arrays, built = runner.run_call(reference, call, job.arrays, 0, built)
            if "error" in message or "load_error" in message:
                raise RuntimeError(f"the reference fails check {check.name!r}: {message}")
            expected[(k, c)] = Outcome.from_message(message, arrays)
    return expected


def outcomes_here(module: Any, calls: list[Call], reference: Any = None) -> list[list[Outcome]]:
    """What the sandbox would report for `calls` on `module`, computed in this process (for tests and
    benchmarks of trusted code); `reference` provides the weights of `reference_state` calls."""
    job = _Job([])
    plan = [_call_data(call, job.arrays, _reference_state(reference, call, job) if call.reference_state else None)
            for call in calls]
    outcomes, built = [], None
    for call in plan:
        trials = []
        for trial in range(call["trials"]):
            message, arrays, built = runner.run_call(module, call, job.arrays, trial, built)
            trials.append(Outcome.from_message(message, arrays))
        outcomes.append(trials)
    return outcomes


def _read_results(run: sandbox.Run) -> _Run:
    results = _Run(malformed=run.malformed and Detail("detail.sent", what=run.malformed))
    for line, arrays in run.messages:
        try:
            if "import_error" in line:
                results.import_error = protocol.Outcome.from_message({"error": line["import_error"]}, []).error
            elif "imported" in line:
                results.imported = True
            else:
                key = (line.get("check"), line.get("call"))
                if not all(isinstance(i, int) and not isinstance(i, bool) for i in key):
                    raise protocol.Malformed("a result for no call")
                results.outcomes.setdefault(key, []).append(Outcome.from_message(line, arrays))  # type: ignore[arg-type]
        except protocol.Malformed as error:
            results.malformed = Detail("detail.not_a_result", error=str(error))
            break  # judge what came before
    return results


def _judge(question: CodeQuestion, run: _Run, expected: dict[tuple[int, int], Outcome], ended: sandbox.Ended,
           limits: sandbox.Limits, job: _Job) -> list[CheckResult]:
    if not run.imported:
        if run.import_error:
            reason = _error_text(run.import_error)
        else:
            reason = Detail("detail.while_importing", reason=_ended_early(ended, limits))
        return [CheckResult(IMPORT_CHECK, False, reason)] + [
            CheckResult(c.name, False, Detail("detail.not_run_import")) for c in question.checks]
    results = [CheckResult(IMPORT_CHECK, True, "ok")]
    stopped = False
    for k, check in enumerate(question.checks):
        calls = check.all_calls
        outcomes = [run.outcomes.get((k, c), []) for c in range(len(calls))]
        if stopped:
            results.append(CheckResult(check.name, False, Detail("detail.not_run_ended")))
            continue
        if any(len(o) < call.trials for o, call in zip(outcomes, calls)):
            stopped = True
            reason = run.malformed or _ended_early(ended, limits)
            results.append(CheckResult(check.name, False, Detail("detail.did_not_finish", reason=reason,
                                                                 call=_call_text(calls[0]))))
            continue
        try:
            passed, detail = _check(check, outcomes, [expected.get((k, c)) for c in range(len(calls))], job.plan[k],
                                    job.arrays)
        except Exception as error:  # a result of a kind no check expects (a huge int, a ragged dict...)
            passed, detail = False, Detail("detail.uncheckable", error=f"{type(error).__name__}: {str(error)[:200]}")
        results.append(CheckResult(check.name, passed, detail))
    return _traceback_once(results)


def _traceback_once(results: list[CheckResult]) -> list[CheckResult]:
    """A stub fails every check with the same traceback; print it the first time only."""
    seen: set[str] = set()
    shortened = []
    for result in results:
        head, _, trace = result.detail.partition("\n")
        if trace and trace in seen:
            result = CheckResult(result.name, result.passed, _without_trace(result.detail))
        seen.add(trace)
        shortened.append(result)
    return shortened


def _without_trace(detail: Any) -> Any:
    """`detail` up to its first line break, then "(traceback as above)": the traceback ends a detail (an error's
    text is the last field of its sentence), so the sentence keeps its words in every language."""
    if isinstance(detail, Detail) and detail.key != "detail.error":
        last = next((name for name in reversed(list(detail.fields)) if isinstance(detail.fields[name], (str, Joined))),
                    None)
        if last is not None and "\n" in str(shown(detail.fields[last], "en")):
            return Detail(detail.key, **{**detail.fields, last: _without_trace(detail.fields[last])})
    elif isinstance(detail, Joined) and "\n" in str(shown(detail[-1], "en")):
        return Joined([*detail[:-1], _without_trace(detail[-1])], detail.sep)
    head = str(detail.fields["head"]) if isinstance(detail, Detail) and detail.key == "detail.error" else str(detail)
    return Detail("detail.error", head=head.partition("\n")[0], trace=Detail("detail.traceback_above"))


def _check(check: Check, outcomes: list[list[Outcome]], expected: list[Outcome | None], plan: list[dict[str, Any]],
           arrays: list[np.ndarray]) -> tuple[bool, str]:
    call = check.all_calls[0]
    first = outcomes[0][0]
    if check.raises:
        if first.error is None:
            return False, Detail("detail.returned_not_raised", call=_call_text(call), raises=check.raises)
        if check.raises not in first.error["types"]:
            return False, Detail("detail.should_raise", call=_call_text(call), raises=check.raises,
                                 error=_error_text(first.error))
        return True, f"raises {first.error['types'][0]}: {first.error['message']}"
    for trials in outcomes:
        for outcome in trials:
            if outcome.load_error:
                return False, _load_error_text(outcome.load_error)
            if outcome.error:
                return False, Detail("detail.raised", call=_call_text(call), error=_error_text(outcome.error))
    notes = []
    if check.compare:
        for number, (want, trials) in enumerate(zip(expected, outcomes)):
            if want is not None and (problem := _compared(check.compare, want, trials[0])):
                made = check.all_calls[number]
                nth = Detail("detail.nth_call", n=number + 1, total=len(expected)) if made.reuse else ""
                return False, Detail("detail.with_input", problem=problem, nth=nth, call=_call_text(made))
        notes.append("matches the reference")
    for made, data, trials in zip(check.all_calls, plan, outcomes):  # every call of the check, first trial
        got = trials[0]
        for index in check.unchanged:
            if index >= len(got.args_after):
                continue  # a call of the check with fewer arguments (a reuse call with none)
            original = _original(data, index, arrays)
            if problem := difference(original, got.args_after[index], rtol=0, atol=0,
                                     where=Detail("detail.argument", index=index), mode=True):
                return False, Detail("detail.in_place", problem=problem, call=_call_text(made))
        if check.new_object:
            if got.same_object is not None:
                return False, Detail("detail.same_object", index=got.same_object, call=_call_text(made))
            if got.aliases:
                return False, Detail("detail.view", alias=got.aliases[0], call=_call_text(made))
    notes += [f"argument {index} unchanged" for index in check.unchanged]
    notes += ["a new object"] if check.new_object else []
    if check.max_seconds is not None:
        slowest = max(o.seconds for trials in outcomes for o in trials)
        if not slowest <= check.max_seconds:
            return False, Detail("detail.too_slow", seconds=slowest, limit=check.max_seconds, call=_call_text(call))
        notes.append(f"{slowest:.2f} s")
    if check.property_:
        from quizdl.grader.properties import PROPERTIES

        try:
            passed, detail = PROPERTIES[check.property_](outcomes, check.all_calls, **check.with_)
        except Exception as error:  # a result of an unexpected kind: the submission's fault, never a crash
            said = error.args[0] if len(error.args) == 1 and isinstance(error.args[0], Detail) else str(error)
            return False, Detail("detail.property_uncheckable", property=check.property_,
                                 error=Detail("detail.exception", type=type(error).__name__, message=said))
        if not passed:
            return False, Detail("detail.with_input", problem=detail, nth="", call=_call_text(call))
        notes.append(detail)
    return True, "; ".join(notes) or "ok"


def _compared(options: Compare, expected: Outcome, got: Outcome) -> str | None:
    """The first difference between a call's result (and the gradients asked for) and the reference's."""
    problem = difference(expected.returned, got.returned, rtol=options.rtol, atol=options.atol, dtype=options.dtype)
    for index in options.grads:
        if problem:
            break
        problem = difference(_grad(expected.args_after[index]), _grad(got.args_after[index]), rtol=options.rtol,
                             atol=options.atol, where=Detail("detail.gradient_of", index=index))
    return problem


def _grad(value: Any) -> Any:
    """The gradient an array argument received, as an array result (None when it got none)."""
    if isinstance(value, Arr) and value.grad is not None:
        return Arr(value.framework, value.dtype, value.grad)
    return None


def _original(call: dict[str, Any], index: int, arrays: list[np.ndarray]) -> Any:
    """Argument `index` as it was sent, seen as a result: what "unchanged" compares with."""
    out: list[np.ndarray] = []
    value = runner.materialize(call["args"][index], arrays)
    value = value.items if isinstance(value, runner.Iterated) else value  # as the runner reports it after the call
    return protocol.decode(runner.encode(value, out), out)


def _call_text(call: Call) -> Detail:
    """The call as it was made, its inputs described (how they were drawn, not their values)."""
    arguments = Joined([describe(v) for v in call.args] +
                       [Detail("detail.kwarg", name=k, value=describe(v)) for k, v in call.kwargs.items()],
                       "detail.comma")
    if call.function:
        text = Detail("detail.call", function=call.function, arguments=arguments)
    else:
        construct = call.construct_
        if construct is None:  # a reuse call
            text = Detail("detail.same_again")
        else:
            made = Joined([describe(v) for v in construct.args] +
                          [Detail("detail.kwarg", name=k, value=describe(v)) for k, v in construct.kwargs.items()],
                          "detail.code_comma")
            text = (Detail("detail.construct_to", cls=construct.class_, arguments=made, dtype=construct.dtype)
                    if construct.dtype else Detail("detail.construct", cls=construct.class_, arguments=made))
        if call.mode:
            text = Detail("detail.in_mode", text=text, mode=call.mode)
        if call.method and arguments:
            text = Detail("detail.called_on", text=text, arguments=arguments)
        elif call.method:
            text = Detail("detail.method", text=text, method=call.method)
    if call.trials > 1:
        text = Detail("detail.trials", text=text, trials=call.trials, first=call.seed, last=call.seed + call.trials - 1)
    return text


def _error_text(error: dict[str, Any]) -> Detail:
    """An exception the submission raised: its type and message, then its traceback (the sandbox's text, as is)."""
    trace = str(error.get("traceback", "")).rstrip()
    types = error.get("types") or ["Exception"]
    message = str(error.get("message", ""))
    return Detail("detail.error", head=f"{types[0]}{': ' + message if message else ''}",
                  trace=f"\n{trace}" if trace else "")


def _load_error_text(problem: dict[str, Any]) -> Detail:
    parts: list[Any] = [Detail("detail.load_error")]
    if problem.get("missing"):
        parts.append(Detail("detail.load_missing", keys=", ".join(problem["missing"][:12])))
    if problem.get("unexpected"):
        parts.append(Detail("detail.load_unexpected", keys=", ".join(problem["unexpected"][:12])))
    if not problem.get("missing") and not problem.get("unexpected"):
        parts.append(str(problem.get("message", ""))[:600])
    return Detail("detail.plain", text=Joined(parts))


def _ended_early(ended: sandbox.Ended, limits: sandbox.Limits) -> Detail:
    if ended.crashed:
        return Detail("detail.could_not_run", crashed=ended.crashed)
    if ended.timed_out:
        return Detail("detail.timed_out_after", timeout=limits.timeout)
    if ended.signal is not None:
        return Detail("detail.killed_limit", how=ended.how, memory=limits.memory_mb)
    if ended.exit_code == 0:
        return Detail("detail.exit_zero")
    if ended.exit_code in (70, 71):  # the runner itself failed in the submission's process
        return Detail("detail.runner_failed")
    return Detail("detail.process", how=ended.how)
