"""The bank file format: what a YAML bank may contain, as typed models.

`quizdl schema` prints the JSON Schema of `BankFile` so editors can complete and
check bank files. Unknown keys are rejected (`extra="forbid"`): a typo such as
`explaination` must be an error, never a silently missing explanation.

These models only check a file. The questions quizdl asks are built from the data they accepted
(quizdl.bank.question), without pydantic.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import Field, ValidationInfo, field_validator, model_validator

from quizdl.bank import question
from quizdl.bank.base import Model
from quizdl.detail import Detail
from quizdl.grader.spec import Check

FORMAT_VERSION = 1
EXPLAIN_MIN_POINTS, EXPLAIN_MAX_POINTS = 3, 6

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$",
        description="lower-case words joined by '-' or '.', e.g. conv-output-size-basic",
    ),
]
NonEmpty = Annotated[str, Field(min_length=1)]


class Text(Model):
    """The same text in Chinese and English; both are required."""

    zh: NonEmpty
    en: NonEmpty


OptionText = Union[NonEmpty, Text]
"""An option is one string when it needs no translation (a formula, a number)."""


class Difficulty(str, Enum):
    easy = "easy"
    medium = "medium"
    hard = "hard"


class Tolerance(Model):
    """An answer x is accepted when |x - a| <= abs or |x - a| <= rel * |a|."""

    abs_: float = Field(0.0, alias="abs", ge=0)
    rel: float = Field(1e-9, ge=0)


class QuestionCore(Model):
    """What every kind has: the explain kind has a model answer in place of an explanation."""

    id: Id
    topic: Id | None = Field(None, description="defaults to the bank file's topic")
    title: Text | None = Field(None, description="a short name for lists; defaults to the prompt")
    tags: list[NonEmpty] = []
    difficulty: Difficulty = Difficulty.medium
    prompt: Text
    source: NonEmpty | None = Field(None, description="where the question comes from, e.g. the note file and its "
                                                      "section heading (optional; every bundled question has one)")


class QuestionBase(QuestionCore):
    explanation: Text = Field(description="why the answer is right, with the formula and the usual trap")


class ChoiceQuestion(QuestionBase):
    """Pick the right option(s); options are shown shuffled unless `shuffle: false`."""

    kind: Literal["choice"]
    options: dict[Annotated[str, Field(pattern=r"^[a-z0-9_]+$")], OptionText] = Field(
        min_length=2, max_length=8
    )
    answer: str | list[str] = Field(description="the key, or list of keys, of the right options")
    shuffle: bool = True

    @field_validator("answer")
    @classmethod
    def _answer_in_options(cls, answer: str | list[str], info: ValidationInfo) -> str | list[str]:
        options = info.data.get("options")
        keys = [answer] if isinstance(answer, str) else answer
        if not keys:
            raise ValueError(Detail("bank.no_right_option"))
        if len(set(keys)) != len(keys):
            raise ValueError(Detail("bank.option_twice"))
        if options is not None:
            unknown = [k for k in keys if k not in options]
            if unknown:
                raise ValueError(Detail("bank.answer_not_option", answer=", ".join(map(repr, unknown)),
                                        options=", ".join(options)))
        return answer


class Mistake(Model):
    """A classic wrong answer and what it reveals, shown when the learner gives it."""

    answer: float | str = Field(description="the wrong value, a number or an expression such as 1/3")
    why: Text

    @field_validator("answer")
    @classmethod
    def _parses(cls, answer: float | str) -> float | str:
        question.number(answer)
        return answer


class NumericQuestion(QuestionBase):
    """Type a number; fractions and expressions such as `1/4` or `sqrt(2)/2` are accepted."""

    kind: Literal["numeric"]
    answer: float | str = Field(description="a number, or an expression such as 1/3 or sqrt(2)/2")
    tolerance: Tolerance = Tolerance()
    unit: str | None = None
    decimals: int | None = Field(None, ge=0, le=12, description="show the answer rounded to this many decimals")
    mistakes: list[Mistake] = []

    @field_validator("answer")
    @classmethod
    def _parses(cls, answer: float | str) -> float | str:
        question.number(answer)
        return answer

    @model_validator(mode="after")
    def _mistakes_are_wrong(self) -> NumericQuestion:
        tolerance = question.Tolerance(self.tolerance.abs_, self.tolerance.rel)
        expected = question.number(self.answer)
        for mistake in self.mistakes:
            if tolerance.accepts(question.number(mistake.answer), expected):
                raise ValueError(Detail("bank.mistake_accepted", mistake=mistake.answer))
        return self


class FlashcardQuestion(QuestionBase):
    """Free recall: the learner answers in their head, sees the answer and rates themselves."""

    kind: Literal["flashcard"]
    answer: Text


class ExplainQuestion(QuestionCore):
    """An open question answered in one's own words; the learner then ticks the key points they covered.

    The share of points covered gives the rating, so there must be enough points for a share to mean
    something and few enough to tick at a glance, with one key each (1 to 6)."""

    kind: Literal["explain"]
    points: list[Text] = Field(min_length=EXPLAIN_MIN_POINTS, max_length=EXPLAIN_MAX_POINTS,
                               description="the key points of a good answer, "
                                           f"{EXPLAIN_MIN_POINTS} to {EXPLAIN_MAX_POINTS}")
    answer: Text = Field(description="the model answer, in prose")


class Param(Model):
    """How one template parameter is drawn: exactly one of int, float or choice."""

    int_: tuple[int, int] | None = Field(None, alias="int", description="inclusive range [lo, hi]")
    float_: tuple[float, float] | None = Field(None, alias="float", description="range [lo, hi]")
    choice: list[Any] | None = Field(None, min_length=1, description="one of these values")
    step: float | None = Field(None, gt=0, description="grid of an int or float range")

    @model_validator(mode="after")
    def _exactly_one(self) -> Param:
        given = [name for name in ("int", "float", "choice") if self._spec(name) is not None]
        if len(given) != 1:
            raise ValueError(Detail("bank.one_range"))
        bounds = self.int_ or self.float_
        if bounds and bounds[0] > bounds[1]:
            raise ValueError(Detail("bank.empty_range", lo=bounds[0], hi=bounds[1]))
        if self.step is not None and self.choice is not None:
            raise ValueError(Detail("bank.step_choice"))
        return self

    def _spec(self, name: str) -> Any:
        return {"int": self.int_, "float": self.float_, "choice": self.choice}[name]


class TemplateMistake(Model):
    """A classic wrong answer computed by the generator under the name `key`."""

    key: NonEmpty
    why: Text


class TemplateQuestion(QuestionBase):
    """A numeric drill whose numbers change: parameters are drawn, a named generator computes the answer.

    The prompt and explanation name parameters and generator outputs as `{name}`
    or `{name:.3f}`; the YAML holds no code.
    """

    kind: Literal["template"]
    generator: NonEmpty = Field(description="a function registered in quizdl.drills")
    params: dict[Id | Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")], Param] = {}
    tolerance: Tolerance = Tolerance()
    unit: str | None = None
    decimals: int | None = Field(None, ge=0, le=12, description="show the answer rounded to this many decimals")
    mistakes: list[TemplateMistake] = []

    @field_validator("generator")
    @classmethod
    def _known_generator(cls, name: str) -> str:
        from quizdl.drills import registry

        registry.get(name)  # raises ValueError naming the known generators
        return name

    @model_validator(mode="after")
    def _params_match_generator(self) -> TemplateQuestion:
        from quizdl.drills import registry

        registry.check_params(self.generator, set(self.params))
        return self


class CodeQuestion(QuestionBase):
    """An implement-it exercise: the learner writes code, the grader runs `checks` against the reference.

    The question id is the exercise id (`quizdl grade ID FILE`).
    """

    kind: Literal["code"]
    framework: Literal["numpy", "torch"] = Field(description="what the reference and the checks need imported")
    contract: NonEmpty | Text = Field(description="the names to define and what they must do, point by point: zh and en "
                                                "(a plain string is English only)")
    file: str = Field(pattern=r"^[a-z_][a-z0-9_]*\.py$", description="the file name written to the workspace")
    stub: NonEmpty = Field(description="starter code: signatures and docstrings, bodies raising NotImplementedError")
    hints: list[Text] = Field(min_length=1, description="from a nudge to the key formula")
    solution: str = Field(pattern=r"^[a-z_][a-z0-9_/]*\.py$", description="the reference, relative to solutions/")
    checks: list[Check] = Field(min_length=1)
    forbid: list[Annotated[str, Field(pattern=r"^\.?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]] = Field(
        [], description="calls that would make the exercise trivial, as dotted names (torch.softmax, "
                        "torch.nn.functional.softmax); a leading dot forbids a method of any object (.softmax)")
    coverage: dict[str, list[str]] = Field(
        {}, description="each point of the contract, in a few words, and the names of the checks that test it")

    @field_validator("stub")
    @classmethod
    def _compiles(cls, stub: str) -> str:
        try:
            compile(stub, "<stub>", "exec")  # parsed, never run
        except SyntaxError as error:
            raise ValueError(Detail("bank.stub_syntax", line=error.lineno, error=error.msg)) from None
        return stub

    @field_validator("checks")
    @classmethod
    def _unique_names(cls, checks: list[Check]) -> list[Check]:
        names = [c.name for c in checks]
        if duplicated := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(Detail("bank.check_names_twice", names=", ".join(duplicated)))
        return checks

    @model_validator(mode="after")
    def _coverage_names_checks(self) -> CodeQuestion:
        names = {c.name for c in self.checks}
        if unknown := sorted({n for listed in self.coverage.values() for n in listed} - names):
            raise ValueError(Detail("bank.coverage_unknown", names=", ".join(unknown)))
        return self


Question = Annotated[
    Union[ChoiceQuestion, NumericQuestion, FlashcardQuestion, TemplateQuestion, CodeQuestion, ExplainQuestion],
    Field(discriminator="kind"),
]


class BankFile(Model):
    """One YAML bank: usually one topic, with its questions."""

    format_version: int = Field(description=f"the bank format; this quizdl reads {FORMAT_VERSION}")
    topic: Id = Field(description="the default topic of the questions in this file")
    title: Text | None = Field(None, description="the topic's display name")
    questions: list[Question] = []

    @field_validator("format_version")
    @classmethod
    def _supported(cls, version: int) -> int:
        if version > FORMAT_VERSION:
            raise ValueError(Detail("bank.newer_format", version=version, known=FORMAT_VERSION))
        if version < 1:
            raise ValueError(Detail("bank.format_at_least_1"))
        return version
