"""The table of named generators, filled by the `@drill` decorator in this package's modules."""

from __future__ import annotations
from quizdl.detail import Detail, Joined

import importlib
import inspect
import pkgutil
from typing import Any, Callable

Generator = Callable[..., "float | dict[str, Any]"]
_GENERATORS: dict[str, Generator] = {}
_TWICE: dict[str, str] = {}
"""Names registered by two functions: a bank naming one gets an error, not whichever came last."""
_loaded = False


class Redraw(Exception):
    """Raised by a generator when the drawn parameters make no valid question (e.g. output size < 1)."""


def drill(function: Generator) -> Generator:
    """Register `function` under its own name."""
    name = function.__name__
    if name in _GENERATORS:
        _TWICE[name] = f"{_GENERATORS[name].__module__} and {function.__module__}"
    _GENERATORS[name] = function
    return function


def _load_all() -> None:
    global _loaded
    if not _loaded:
        package = importlib.import_module("quizdl.drills")
        for module in pkgutil.iter_modules(package.__path__):
            if module.name != "registry":
                importlib.import_module(f"quizdl.drills.{module.name}")
        _loaded = True


def names() -> list[str]:
    _load_all()
    return sorted(_GENERATORS)


def get(name: str) -> Generator:
    """The generator called `name`; ValueError listing the known ones otherwise."""
    _load_all()
    if name in _TWICE:
        raise ValueError(Detail("bank.generator_twice", name=name, where=_TWICE[name]))
    try:
        return _GENERATORS[name]
    except KeyError:
        raise ValueError(Detail("bank.unknown_generator", name=name, known=", ".join(names()))) from None


def check_params(name: str, given: set[str]) -> None:
    """ValueError unless `given` supplies every required argument of the generator and nothing else."""
    signature = inspect.signature(get(name))
    accepted = set(signature.parameters)
    required = {p.name for p in signature.parameters.values() if p.default is inspect.Parameter.empty}
    problems = []
    if missing := sorted(required - given):
        problems.append(Detail("bank.params_lack", names=", ".join(missing)))
    if unknown := sorted(given - accepted):
        problems.append(Detail("bank.takes_no", name=name, unknown=", ".join(unknown),
                               takes=", ".join(signature.parameters)))
    if problems:
        raise ValueError(Detail("detail.plain", text=Joined(problems)))


def run(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """Call the generator; always return a dict with at least 'answer' as a float."""
    result = get(name)(**params)
    outputs = dict(result) if isinstance(result, dict) else {"answer": result}
    outputs["answer"] = float(outputs["answer"])
    return outputs
