"""Questions as the rest of quizdl uses them: plain Python objects, built from a bank's validated data.

Why not the pydantic models of quizdl.bank.schema: those say what a bank file may contain and check it, once,
when the file changes (the catalogue cache then holds the file's validated data). Building a question from
that data needs no checking, and importing pydantic with the schema costs more than everything else a
practice session does before its first prompt. So the schema validates, and `build` makes these objects from
data the schema accepted. tests/test_bank.py builds every bundled question both ways and compares them field
by field, so the two cannot drift apart.

The small values are NamedTuples and the questions dataclasses with an __init__ only: making the classes is
part of every start, and dataclass's generated __eq__, __repr__ and frozen __setattr__ doubled that time.
A question is never changed once built; `dataclasses.replace` makes a variant (the grader's reseeded checks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Union


class Text(NamedTuple):
    """The same text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Tolerance(NamedTuple):
    """An answer x is accepted when |x - a| <= abs or |x - a| <= rel * |a|."""

    abs_: float = 0.0
    rel: float = 1e-9

    def accepts(self, given: float, expected: float) -> bool:
        error = abs(given - expected)
        return error <= self.abs_ or error <= self.rel * abs(expected)


class Mistake(NamedTuple):
    """A classic wrong answer (a number or an expression such as 1/3) and what it reveals."""

    answer: float | str
    why: Text

    @property
    def value(self) -> float:
        return number(self.answer)


class Param(NamedTuple):
    """How one template parameter is drawn: from an int or float range (on a grid of `step`), or a choice."""

    int_: tuple[int, int] | None = None
    float_: tuple[float, float] | None = None
    choice: list[Any] | None = None
    step: float | None = None


class TemplateMistake(NamedTuple):
    """A classic wrong answer that the generator computes under the name `key`."""

    key: str
    why: Text


@dataclass(kw_only=True, eq=False, repr=False)
class QuestionCore:
    """What every kind has."""

    id: str
    kind: str
    topic: str | None = None
    title: Text | None = None
    tags: list[str] = field(default_factory=list)
    difficulty: str = "medium"
    prompt: Text
    source: str | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class ChoiceQuestion(QuestionCore):
    explanation: Text
    options: dict[str, str | Text]
    answer: str | list[str]
    shuffle: bool = True

    @property
    def answer_keys(self) -> list[str]:
        return [self.answer] if isinstance(self.answer, str) else list(self.answer)


@dataclass(kw_only=True, eq=False, repr=False)
class NumericQuestion(QuestionCore):
    explanation: Text
    answer: float | str
    tolerance: Tolerance = Tolerance()
    unit: str | None = None
    decimals: int | None = None
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def value(self) -> float:
        return number(self.answer)


@dataclass(kw_only=True, eq=False, repr=False)
class FlashcardQuestion(QuestionCore):
    explanation: Text
    answer: Text


@dataclass(kw_only=True, eq=False, repr=False)
class ExplainQuestion(QuestionCore):
    points: list[Text]
    answer: Text
    """The model answer, in prose."""


@dataclass(kw_only=True, eq=False, repr=False)
class TemplateQuestion(QuestionCore):
    explanation: Text
    generator: str
    params: dict[str, Param] = field(default_factory=dict)
    tolerance: Tolerance = Tolerance()
    unit: str | None = None
    decimals: int | None = None
    mistakes: list[TemplateMistake] = field(default_factory=list)


@dataclass(kw_only=True, eq=False, repr=False)
class CodeQuestion(QuestionCore):
    """An implement-it exercise; `checks` are the grader's pydantic specs (quizdl.grader.spec), built only for
    code questions, whose grading imports pydantic anyway."""

    explanation: Text
    framework: str
    contract: str | Text
    file: str
    stub: str
    hints: list[Text]
    solution: str
    checks: list[Any]
    forbid: list[str] = field(default_factory=list)
    coverage: dict[str, list[str]] = field(default_factory=dict)

    def contract_in(self, lang: str) -> str:
        """The contract in `lang`, or the one text an English-only contract has."""
        return self.contract if isinstance(self.contract, str) else self.contract.get(lang)

    def defined_names(self) -> set[str]:
        """The top-level names the checks call: what the stub and the reference must define."""
        return {c.function or c.construct_.class_
                for check in self.checks for c in check.all_calls if not c.reuse}


Question = Union[ChoiceQuestion, NumericQuestion, FlashcardQuestion, TemplateQuestion, CodeQuestion, ExplainQuestion]


def number(answer: float | str) -> float:
    """A numeric answer's value: an expression such as 1/3 is evaluated (quizdl.quiz.numbers, no eval)."""
    if isinstance(answer, str):
        from quizdl.quiz.numbers import parse_number

        return parse_number(answer)
    return float(answer)


def build(data: Mapping[str, Any], topic: str) -> Question:
    """The question of one question's validated data; `topic` is its file's, for a question that names none."""
    kind = data["kind"]
    core = dict(id=data["id"], kind=kind, topic=data.get("topic") or topic, title=_text_or_none(data.get("title")),
                tags=list(data.get("tags", [])), difficulty=data.get("difficulty", "medium"),
                prompt=_text(data["prompt"]), source=data.get("source"))
    if kind == "explain":
        return ExplainQuestion(**core, points=[_text(p) for p in data["points"]], answer=_text(data["answer"]))
    core["explanation"] = _text(data["explanation"])
    if kind == "choice":
        return ChoiceQuestion(**core, options={k: _option(v) for k, v in data["options"].items()},
                              answer=data["answer"], shuffle=data.get("shuffle", True))
    if kind == "flashcard":
        return FlashcardQuestion(**core, answer=_text(data["answer"]))
    numbers = dict(tolerance=_tolerance(data.get("tolerance")), unit=data.get("unit"),
                   decimals=None if data.get("decimals") is None else int(data["decimals"]))
    if kind == "numeric":
        return NumericQuestion(**core, **numbers, answer=_float_or_text(data["answer"]),
                               mistakes=[Mistake(_float_or_text(m["answer"]), _text(m["why"]))
                                         for m in data.get("mistakes", [])])
    if kind == "template":
        return TemplateQuestion(**core, **numbers, generator=data["generator"],
                                params={name: _param(spec) for name, spec in data.get("params", {}).items()},
                                mistakes=[TemplateMistake(m["key"], _text(m["why"])) for m in data.get("mistakes", [])])
    if kind == "code":
        from quizdl.grader.spec import checks_of

        return CodeQuestion(**core, framework=data["framework"], contract=_option(data["contract"]), file=data["file"],
                            stub=data["stub"], hints=[_text(h) for h in data["hints"]], solution=data["solution"],
                            checks=checks_of(data["checks"]), forbid=list(data.get("forbid", [])),
                            coverage={k: list(v) for k, v in data.get("coverage", {}).items()})
    raise ValueError(f"unknown kind {kind!r}")


def _text(value: Mapping[str, str]) -> Text:
    return Text(value["zh"], value["en"])


def _text_or_none(value: Mapping[str, str] | None) -> Text | None:
    return None if value is None else _text(value)


def _option(value: str | Mapping[str, str]) -> str | Text:
    """An option (or a contract): one string when it needs no translation, else a Text."""
    return value if isinstance(value, str) else _text(value)


def _float_or_text(value: float | str) -> float | str:
    """A number as the schema's `float | str` gives it: an int written in YAML becomes a float."""
    return value if isinstance(value, str) else float(value)


def _tolerance(value: Mapping[str, float] | None) -> Tolerance:
    value = value or {}
    return Tolerance(float(value.get("abs", value.get("abs_", 0.0))), float(value.get("rel", 1e-9)))


def _param(spec: Mapping[str, Any]) -> Param:
    ints, floats = spec.get("int", spec.get("int_")), spec.get("float", spec.get("float_"))
    return Param(int_=None if ints is None else (int(ints[0]), int(ints[1])),
                 float_=None if floats is None else (float(floats[0]), float(floats[1])),
                 choice=spec.get("choice"), step=None if spec.get("step") is None else float(spec["step"]))
