import math

import pytest

from quizdl.quiz.numbers import NumberError, format_number, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("0.25", 0.25),
        ("1/4", 0.25),
        ("2**-2", 0.25),
        ("2^-2", 0.25),
        ("sqrt(2)/2", math.sqrt(2) / 2),
        ("1e-4", 1e-4),
        ("25%", 0.25),
        ("  -3 ", -3.0),
        ("２／８", 0.25),  # full-width, as a CJK input method types it
        ("pi/4", math.pi / 4),
        ("exp(0)", 1.0),
        ("3 × 4", 12.0),
        ("−1", -1.0),
        ("ln(e)", 1.0),
        (7, 7.0),
    ],
)
def test_reads_numbers_and_expressions(text, value):
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("__import__('os')", "allowed functions"),
        ("open('/etc/passwd')", "allowed functions"),
        ("(1).__class__", "not a number or an allowed expression"),
        ("x + 1", "names allowed"),
        ("9**9**9", "too large"),
        ("1/0", "divides by zero"),
        ("", "type a number"),
        ("abc", "names allowed"),
        ("1 +", "syntax"),
        ("'a' * 3", "not a number"),
        ("1e400", "not finite"),
        ("1 < 2", "not a number"),
        ("9" * 300, "longer than"),
        ("2^2^2^2^2", "too large"),
        ("10**300*10**300", "too large"),
        ("abs(-10**400)", "too large"),
        ("exp(1000)", "too large"),
    ],
)
def test_rejects_anything_but_arithmetic(text, reason):
    with pytest.raises(NumberError, match=reason):
        parse_number(text)


def test_format_number_is_short_and_exact_for_integers():
    assert format_number(16.0) == "16"
    assert format_number(0.1 + 0.2) == "0.3"
    assert format_number(1 / 3) == "0.333333"


@pytest.mark.parametrize("typed", ["128。", "128，", "１２８　", " 128、", "128．"])
def test_what_a_chinese_input_method_adds_is_ignored(typed):
    assert parse_number(typed) == 128


def test_every_number_error_is_worded_in_chinese_without_english():
    import re

    from quizdl.quiz.numbers import MESSAGES
    from quizdl.ui.labels import say

    identifiers = {"sqrt", "exp", "log", "ln", "log2", "log10", "sin", "cos", "tan", "tanh", "abs", "floor", "ceil",
                   "min", "max", "pi", "e"}
    for key in MESSAGES:
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", say(f"number.{key}", "zh", raw="")))
        assert words <= identifiers, words
