"""Judging a typed answer against an instance."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from quizdl.bank.question import ChoiceQuestion, NumericQuestion, TemplateQuestion
from quizdl.quiz.instance import LETTERS, Instance
from quizdl.quiz.numbers import NumberError, parse_number


class InvalidAnswer(ValueError):
    """The response cannot be read as an answer; the learner should type it again (no rating).

    `key` says why (a NumberError key, or "letters"), for the UI to word it in the learner's language."""

    def __init__(self, message: str, key: str, raw: str = "") -> None:
        super().__init__(message)
        self.key, self.raw = key, raw


@dataclass(frozen=True)
class Verdict:
    correct: bool
    mistake: str | None = None
    """Why the answer is a known classic mistake, when it is one."""


def check(instance: Instance, response: str) -> Verdict:
    question = instance.question
    if isinstance(question, ChoiceQuestion):
        return Verdict(parse_letters(response, len(instance.options)) == instance.right_letters)
    if isinstance(question, (NumericQuestion, TemplateQuestion)):
        try:
            given = parse_number(response)
        except NumberError as error:
            raise InvalidAnswer(str(error), error.key, error.raw) from None
        assert instance.expected is not None
        if question.tolerance.accepts(given, instance.expected):
            return Verdict(True)
        for mistake in instance.mistakes:
            if question.tolerance.accepts(given, mistake.value):
                return Verdict(False, mistake.why)
        return Verdict(False)
    raise TypeError(f"{type(question).__name__} is rated by the learner, not checked")


def parse_letters(response: str, count: int) -> frozenset[str]:
    """'b', 'B', 'a,c', 'a c' or 'ac' -> the set of letters; InvalidAnswer if any is not an option."""
    letters = unicodedata.normalize("NFKC", re.sub(r"[\s,;，、。；　]+", "", response)).upper()  # IME punctuation
    valid = LETTERS[:count]
    if not letters or any(letter not in valid for letter in letters):
        raise InvalidAnswer(f"answer with option letters {valid[0]}-{valid[-1]} (several like AC when more than one "
                            "is right)", "letters")
    return frozenset(letters)
