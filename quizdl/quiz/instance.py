"""One concrete showing of a question: its text in one language, options in shown order, drawn numbers.

A template question gets fresh parameters each time it is shown, so the learner
practises the method rather than the memory of one answer. Template texts name
values as `{{name}}` or `{{name:.3f}}`; single braces are left alone because
they belong to LaTeX (`\\frac{a}{b}`).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from quizdl.bank.question import (
    ChoiceQuestion,
    CodeQuestion,
    ExplainQuestion,
    FlashcardQuestion,
    NumericQuestion,
    Param,
    Question,
    TemplateQuestion,
)
from quizdl.errors import BankError
from quizdl.quiz.numbers import format_number

LETTERS = "ABCDEFGH"
_MAX_DRAWS = 200
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::([^{}]*))?\}\}")


@dataclass(frozen=True)
class Mistake:
    value: float
    why: str


@dataclass(frozen=True)
class Instance:
    """What the learner sees and what counts as right, for one showing of `question`."""

    question: Question
    lang: str
    prompt: str
    explanation: str
    answer_text: str
    options: list[tuple[str, str]] = field(default_factory=list)
    """(option key, text) in the order shown; the letter is the position."""
    right_letters: frozenset[str] = frozenset()
    expected: float | None = None
    mistakes: list[Mistake] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    """Template parameters and generator outputs, for `show` and tests."""
    points: list[str] = field(default_factory=list)
    """The key points of an explain question, in order: the checklist the learner ticks."""


def make_instance(question: Question, lang: str, rng: random.Random) -> Instance:
    if isinstance(question, ChoiceQuestion):
        return _choice(question, lang, rng)
    if isinstance(question, NumericQuestion):
        return Instance(
            question,
            lang,
            question.prompt.get(lang),
            question.explanation.get(lang),
            _with_unit(question.value, question.unit, _decimals(question)),
            expected=question.value,
            mistakes=[Mistake(m.value, m.why.get(lang)) for m in question.mistakes],
        )
    if isinstance(question, FlashcardQuestion):
        return Instance(question, lang, question.prompt.get(lang), question.explanation.get(lang), question.answer.get(lang))
    if isinstance(question, TemplateQuestion):
        return _template(question, lang, rng)
    if isinstance(question, ExplainQuestion):
        points = [point.get(lang) for point in question.points]
        checklist = "\n".join(f"{number}. {point}" for number, point in enumerate(points, 1))
        return Instance(question, lang, question.prompt.get(lang), question.answer.get(lang), checklist,
                        points=points)
    if isinstance(question, CodeQuestion):
        from quizdl.paths import solutions_dir

        solution = solutions_dir() / question.solution
        code = solution.read_text(encoding="utf-8") if solution.is_file() else f"(missing: {solution})"
        return Instance(question, lang, question.prompt.get(lang), question.explanation.get(lang), code)
    raise TypeError(f"no instance for {type(question).__name__}")


def _choice(question: ChoiceQuestion, lang: str, rng: random.Random) -> Instance:
    keys = list(question.options)
    if question.shuffle:
        rng.shuffle(keys)
    options = [(key, _option_text(question.options[key], lang)) for key in keys]
    right = question.answer_keys
    letters = frozenset(LETTERS[i] for i, key in enumerate(keys) if key in right)
    answer_text = ", ".join(f"{LETTERS[i]}. {text}" for i, (key, text) in enumerate(options) if key in right)
    return Instance(
        question,
        lang,
        question.prompt.get(lang),
        question.explanation.get(lang),
        answer_text,
        options=options,
        right_letters=letters,
    )


def _option_text(option: Any, lang: str) -> str:
    return option if isinstance(option, str) else option.get(lang)


def _template(question: TemplateQuestion, lang: str, rng: random.Random) -> Instance:

    params, outputs = draw_values(question, rng)
    if clash := sorted(set(params) & set(outputs)):
        raise BankError(key="bank.returns_parameter", id=question.id, generator=question.generator,
                        names=", ".join(clash))
    values = {**params, **outputs}
    expected = outputs["answer"]
    mistakes = [
        Mistake(value, fill(mistake.why.get(lang), values))
        for mistake, value in zip(question.mistakes, _mistake_values(question, outputs))
        if value is not None
    ]
    return Instance(
        question,
        lang,
        fill(question.prompt.get(lang), values),
        fill(question.explanation.get(lang), values),
        _with_unit(expected, question.unit, _decimals(question)),
        expected=expected,
        mistakes=mistakes,
        values=values,
    )


def generator_draws(question: TemplateQuestion, rng: random.Random,
                    attempts: int) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """The parameters and outputs of each of `attempts` draws that the generator accepts (it raises `Redraw`
    for the others), before any check of the listed mistakes."""
    from quizdl.drills import registry

    for _ in range(attempts):
        params = {name: draw(spec, rng) for name, spec in question.params.items()}
        try:
            outputs = registry.run(question.generator, params)
        except registry.Redraw:
            continue
        yield params, outputs


def draw_values(question: TemplateQuestion, rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parameters and generator outputs of one draw that makes a question.

    A draw is redrawn when the generator raises `Redraw`, and when the tolerance would accept a listed
    mistake, typed as computed or rounded as the answer is shown: there the classic slip gives the right
    number, so the learner making it would be told they are right, and the draw teaches nothing.
    A generator returns None for a mistake that does not apply to a draw (forgetting the dilation when
    it is 1); that mistake is simply not listed for it.
    """
    for params, outputs in generator_draws(question, rng, _MAX_DRAWS):
        if not any(value is not None and mistake_accepted(question, value, outputs["answer"])
                   for value in _mistake_values(question, outputs)):
            return params, outputs
    raise BankError(key="bank.draws_rejected", id=question.id, generator=question.generator, draws=_MAX_DRAWS)


def mistake_accepted(question: TemplateQuestion, value: float, answer: float) -> bool:
    """Whether a learner who makes the mistake worth `value`, and rounds as the answer is shown, is accepted."""
    decimals = _decimals(question)
    typed = [value] if decimals is None else [value, round(value, decimals)]
    return any(question.tolerance.accepts(v, answer) for v in typed)


def _mistake_values(question: TemplateQuestion, outputs: dict[str, Any]) -> list[float | None]:
    """The value of each listed mistake in this draw, in order; None where it does not apply."""
    values = []
    for mistake in question.mistakes:
        if mistake.key not in outputs:
            raise BankError(key="bank.mistake_key", id=question.id, key_=mistake.key, generator=question.generator)
        value = outputs[mistake.key]
        values.append(None if value is None else float(value))
    return values


def draw(spec: Param, rng: random.Random) -> Any:
    """One value for a template parameter, drawn as its spec says."""
    if spec.choice is not None:
        return rng.choice(spec.choice)
    if spec.int_ is not None:
        lo, hi = spec.int_
        return rng.randrange(lo, hi + 1, int(spec.step or 1))
    lo, hi = spec.float_  # type: ignore[misc]
    if spec.step:
        return round(lo + spec.step * rng.randint(0, int((hi - lo) / spec.step + 1e-9)), 10)
    return round(rng.uniform(lo, hi), 2)


def fill(text: str, values: dict[str, Any]) -> str:
    """Replace each {{name}} or {{name:spec}} in `text`; BankError for an unknown name or bad spec."""

    def replace(match: re.Match[str]) -> str:
        name, spec = match.group(1), match.group(2)
        if name not in values:
            raise BankError(key="bank.placeholder_unknown", name=name, names=", ".join(values))
        value = values[name]
        if value is None:
            raise BankError(key="bank.placeholder_none", name=name)
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not spec:
            shown = format_number(value) if number else str(value)
        else:
            try:
                shown = format(value, spec)
            except (ValueError, TypeError) as error:
                raise BankError(key="bank.placeholder_spec", name=name, spec=spec, error=str(error)) from None
        return _tidy_number(shown, text[:match.start()]) if number else shown

    return _PLACEHOLDER.sub(replace, text)


_SCIENTIFIC = re.compile(r"(-?)(\d+(?:\.\d+)?)e([+-]\d+)")
_OPERATOR_BEFORE = re.compile(r"(\\times|\\cdot|[+\-×·−])\s*$")


def _tidy_number(shown: str, before: str) -> str:
    """A formatted number as it should read where it stands: never "-0.000"; inside $...$ maths,
    scientific notation as a power of ten (`5e-05` would render as "5e − 05") and a negative number
    after an operator in parentheses (`0.6 × (-1.5)`, not `0.6 × -1.5` or `1 + -0.2`)."""
    if _negative_zero(shown):
        shown = shown[1:]
    if _unescaped_dollars(before) % 2 == 0:
        return shown
    if scientific := _SCIENTIFIC.fullmatch(shown):
        sign, mantissa, exponent = scientific.groups()
        power = f"10^{{{int(exponent)}}}"
        shown = f"{sign}{power}" if mantissa == "1" else f"{sign}{mantissa} \\times {power}"
    if shown.startswith("-") and _OPERATOR_BEFORE.search(before):
        shown = f"({shown})"
    return shown


def _negative_zero(shown: str) -> bool:
    return bool(re.fullmatch(r"-0(\.0*)?", shown))


def _unescaped_dollars(text: str) -> int:
    return len(re.findall(r"(?<!\\)\$", text))


def _decimals(question: NumericQuestion | TemplateQuestion) -> int | None:
    """How many decimals to show: as the bank says, else as fine as the absolute tolerance asks
    (abs 0.005 -> 2), so that the answer shown is one the learner could have typed."""
    if question.decimals is not None:
        return question.decimals
    tolerance = question.tolerance.abs_
    return max(0, math.ceil(-math.log10(2 * tolerance) - 1e-9)) if 0 < tolerance < 0.5 else None


def _with_unit(value: float, unit: str | None, decimals: int | None) -> str:
    number = f"{value:.{decimals}f}" if decimals is not None else format_number(value)
    if _negative_zero(number):
        number = number[1:]
    return f"{number} {unit}" if unit else number
