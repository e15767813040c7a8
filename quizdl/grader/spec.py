"""How an implement-it exercise is declared in YAML: inputs, calls and what is expected of them.

An exercise is data: a function-style exercise needs only YAML checks and a
reference function in `solutions/`. Each check makes one or more calls into the
submission (and the same calls into the reference), then expects any of:
- `compare`: the result equals the reference's, within tolerances;
- `raises`: the call raises this exception type;
- `property`: a named check from `quizdl.grader.properties` holds;
- `unchanged`: these arguments are not modified by the call;
- `new_object`: the result is not one of the arguments.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, Union

from pydantic import Field, TypeAdapter, model_validator
from typing_extensions import TypeAliasType

from quizdl.bank.base import Model

DType = Literal["float64", "float32", "float16", "int64", "int32", "uint8", "bool"]


class ArraySpec(Model):
    """A numpy array (or torch tensor) made from a seed, or written out as `values`."""

    shape: list[int] | None = None
    values: Any = Field(None, description="explicit nested list, instead of shape + dist")
    dtype: DType = "float64"
    dist: Literal["uniform", "normal", "randint", "bernoulli", "ones", "zeros", "arange"] = "uniform"
    low: float = -1.0
    high: float = 1.0
    std: float = Field(1.0, gt=0)
    p: float = Field(0.5, ge=0, le=1)
    seed: int = 0
    requires_grad: bool = False

    @model_validator(mode="after")
    def _shape_or_values(self) -> ArraySpec:
        if (self.shape is None) == (self.values is None):
            raise ValueError("give either shape (with dist) or values")
        if self.requires_grad and not self.dtype.startswith("float"):
            raise ValueError("only floating tensors can require grad")
        return self


class ArrayValue(Model):
    array: ArraySpec


class TensorValue(Model):
    tensor: ArraySpec
    grad: ArraySpec | None = Field(None, description="a gradient already in .grad (for code that reads .grad)")


class RngValue(Model):
    """`np.random.default_rng(seed)`, for functions that take a generator."""

    rng: int


class ModuleSpec(Model):
    """A torch.nn layer given as an argument (e.g. the conv and BN to fuse), with random weights and statistics."""

    class_: str = Field(alias="class", pattern=r"^[A-Z][A-Za-z0-9]*$", description="a class of torch.nn")
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    train: bool = False
    seed: int = 0
    dtype: Literal["float64"] | None = Field(None, description="convert the layer with .to(dtype): float64 inputs")
    fill: dict[str, float] = Field({}, description="state_dict entries set to a constant after the random draw "
                                                  "(an integer buffer such as num_batches_tracked: 7)")
    grad: bool = Field(False, description="every parameter holds a random .grad, left over from an earlier backward")


class ModuleValue(Model):
    module: ModuleSpec


class TupleValue(Model):
    tuple_: list[Value] = Field(alias="tuple")


class IterValue(Model):
    """A one-shot iterator (a generator) over the values: what `model.parameters()` gives."""

    iter_: list[Value] = Field(alias="iter")


Value = TypeAliasType(  # recursive: a list or tuple may hold arrays, generators, modules, more lists
    "Value",
    Union[ArrayValue, TensorValue, RngValue, ModuleValue, TupleValue, IterValue, None, bool, int, float, str,
          list["Value"]],
)


class Construct(Model):
    class_: str = Field(alias="class", description="a class the submission defines")
    args: list[Value] = []
    kwargs: dict[str, Value] = {}
    dtype: Literal["float64"] | None = Field(None, description="convert the built nn.Module with .to(dtype)")


class Call(Model):
    """One call into the submission: a function, or a method of an object it constructs."""

    function: str | None = None
    construct_: Construct | None = Field(None, alias="construct", description="a class of the submission to build")
    method: str | None = Field("__call__", description="with construct: the method to call; null: return the object")
    args: list[Value] = []
    kwargs: dict[str, Value] = {}
    mode: Literal["train", "eval"] | None = Field(None, description="nn.Module.train() or .eval() before the call")
    reference_state: bool = Field(False, description="load the reference module's state_dict (strict) first")
    backward: bool = Field(False, description="backpropagate from the (summed) result to every tensor argument")
    probe: Value = Field(None, description="an input to run a returned nn.Module on")
    reuse: bool = Field(False, description="call the object that the previous call of this check built again "
                                           "(a second call, or eval after train), instead of a function or a new one")
    seed: int = Field(0, description="torch, numpy and random are seeded with this before the call")
    seeded: list[Literal["torch", "numpy", "random"]] = Field(
        ["torch", "numpy", "random"], description="the global generators seeded with `seed`; the others get fresh "
                                                  "entropy, which tells a draw from torch's generator from numpy's")
    trials: int = Field(1, ge=1, le=2000, description="repeat the call with seeds seed, seed+1, ...")

    @model_validator(mode="after")
    def _one_target(self) -> Call:
        if self.reuse:
            if self.function is not None or self.construct_ is not None:
                raise ValueError("a reuse call calls the previous call's object: give no function or construct")
        elif (self.function is None) == (self.construct_ is None):
            raise ValueError("give either function or construct (or reuse)")
        if self.reference_state and self.construct_ is None:
            raise ValueError("reference_state needs construct")
        return self


class Compare(Model):
    rtol: float | None = Field(None, ge=0, description="default 1e-6 (float32 results: 1e-4)")
    atol: float | None = Field(None, ge=0, description="default 1e-8 (float32 results: 1e-5)")
    dtype: bool = Field(True, description="the result's dtype and kind (numpy/torch/Python type) must match too")
    grads: list[int] = Field([], description="also compare the gradients of these arguments (needs backward)")


class Check(Model):
    name: str = Field(min_length=1)
    zh: str | None = Field(None, min_length=1, description="the name in Chinese, for `grade --lang zh` (else `name`)")
    call: Call | None = None
    calls: list[Call] | None = Field(None, min_length=2, description="several calls, for a property")
    compare: Compare | None = None
    raises: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    property_: str | None = Field(None, alias="property", description="a name in quizdl.grader.properties")
    with_: dict[str, Any] = Field({}, alias="with", description="parameters of the property")
    unchanged: list[int] = Field([], description="indices of arguments that must not be modified")
    new_object: bool = Field(False, description="the result must not be one of the arguments")
    max_seconds: float | None = Field(None, gt=0, description="each call must return within this many seconds "
                                                              "(a speed point of the contract)")

    @model_validator(mode="after")
    def _well_formed(self) -> Check:
        if (self.call is None) == (self.calls is None):
            raise ValueError("give either call or calls")
        if not (self.compare or self.raises or self.property_ or self.unchanged or self.new_object or self.max_seconds):
            raise ValueError("say what is expected: compare, raises, property, unchanged, new_object or max_seconds")
        if self.calls and self.raises:
            raise ValueError("raises takes one call")
        if self.all_calls[0].reuse:
            raise ValueError("the first call of a check has nothing to reuse")
        if self.compare and any(c.trials > 1 for c in self.all_calls):
            raise ValueError("compare looks at one trial: trials are for properties")
        if self.property_:
            from quizdl.grader.properties import PROPERTIES

            if self.property_ not in PROPERTIES:
                raise ValueError(f"unknown property {self.property_!r}; known: {', '.join(sorted(PROPERTIES))}")
        return self

    @property
    def all_calls(self) -> list[Call]:
        return self.calls if self.calls else [self.call]  # type: ignore[list-item]


_SEEDED = {ArraySpec: "seed", ModuleSpec: "seed", Call: "seed", RngValue: "rng"}


def reseeded(value: Any, offset: int) -> Any:
    """`value` (checks, calls, input specs) with every seed moved by `offset`.

    The YAML's seeds only say which inputs are alike (equal seeds, equal
    draws; seed + 1 for the next trial): adding one offset to all of them keeps
    those relations, while a new offset for each grade makes inputs that no
    submission can know in advance. Explicit `values:` (the fixed edge cases)
    are untouched.
    """
    if isinstance(value, list):
        return [reseeded(v, offset) for v in value]
    if isinstance(value, dict):
        return {k: reseeded(v, offset) for k, v in value.items()}
    if not isinstance(value, Model):
        return value
    update = {name: reseeded(getattr(value, name), offset) for name in type(value).model_fields}
    if (seed_field := _SEEDED.get(type(value))) is not None:
        update[seed_field] = getattr(value, seed_field) + offset
    return value.model_copy(update=update)


@cache
def _checks_adapter() -> TypeAdapter[list[Check]]:
    return TypeAdapter(list[Check])


def checks_of(data: list[Any]) -> list[Check]:
    """The checks of a code question, from its bank's validated data (quizdl.bank.question.build)."""
    return _checks_adapter().validate_python(data)
