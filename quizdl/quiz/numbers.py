"""Reading a number the way a learner types it: `0.25`, `1/4`, `2^-2`, `sqrt(2)/2`, `25%`.

Expressions are evaluated by simpleeval with a short list of math functions:
no attribute access, no names but constants, bounded powers, never `eval`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from simpleeval import SimpleEval

_FUNCTIONS = {
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": math.log,
    "ln": math.log,
    "log2": math.log2,
    "log10": math.log10,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "tanh": math.tanh,
    "abs": abs,
    "floor": math.floor,
    "ceil": math.ceil,
    "min": min,
    "max": max,
}
_NAMES = {"pi": math.pi, "e": math.e, "π": math.pi}
_REPLACEMENTS = {"^": "**", "×": "*", "·": "*", "÷": "/", "−": "-", "√": "sqrt"}
_MAX_LENGTH = 200


_PLAIN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@lru_cache(maxsize=1)
def _evaluator() -> SimpleEval:
    """One evaluator for all calls: building one costs more than evaluating a short expression."""
    return SimpleEval(functions=_FUNCTIONS, names=_NAMES)


class NumberError(ValueError):
    """The text is not a number or an allowed expression."""


def parse_number(text: str | float | int) -> float:
    """The value of `text`, or NumberError with a message fit for the learner."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    raw = unicodedata.normalize("NFKC", str(text)).strip()  # full-width digits from a CJK IME
    if not raw:
        raise NumberError("type a number, e.g. 0.25, 1/4 or 2^-2")
    if len(raw) > _MAX_LENGTH:
        raise NumberError(f"that expression is longer than {_MAX_LENGTH} characters")
    expression = raw
    for old, new in _REPLACEMENTS.items():
        expression = expression.replace(old, new)
    scale = 1.0
    if expression.endswith("%"):
        expression, scale = expression[:-1], 0.01
    try:
        value = float(expression) if _PLAIN.fullmatch(expression) else _evaluator().eval(expression)
    except ZeroDivisionError:
        raise NumberError(f"{raw!r} divides by zero") from None
    except OverflowError:
        raise NumberError(f"{raw!r} is too large") from None
    except Exception as error:  # simpleeval raises many types for bad input; all mean "not allowed"
        raise NumberError(f"{raw!r} is not a number or an allowed expression ({_reason(error)})") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise NumberError(f"{raw!r} is not a number")
    try:
        value = float(value) * scale
    except OverflowError:  # an int beyond float's range, 2^2^2^2^2 or 10**300*10**300
        raise NumberError(f"{raw!r} is too large") from None
    if not math.isfinite(value):
        raise NumberError(f"{raw!r} is not finite")
    return value


def _reason(error: Exception) -> str:
    name = type(error).__name__
    if name == "FunctionNotDefined":
        return "allowed functions: " + ", ".join(sorted(_FUNCTIONS))
    if name == "NameNotDefined":
        return "the only names allowed are pi and e"
    if name == "NumberTooHigh":
        return "the number is too large"
    if isinstance(error, SyntaxError):
        return "syntax error"
    return "only numbers, + - * / ** ( ) and math functions are allowed"


def format_number(value: float) -> str:
    """A short, exact-looking rendering: integers without '.0', otherwise 6 significant digits."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"
