"""Reading a number the way a learner types it: `0.25`, `1/4`, `2^-2`, `sqrt(2)/2`, `25%`.

Expressions are evaluated by simpleeval with a short list of math functions:
no attribute access, no names but constants, bounded powers, never `eval`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    """One evaluator for all calls: building one costs more than evaluating a short expression. Imported here:
    the message catalogue imports this module for its texts, on every start."""
    from simpleeval import SimpleEval

    return SimpleEval(functions=_FUNCTIONS, names=_NAMES)


class NumberError(ValueError):
    """The text is not a number or an allowed expression: `key` says why (the UI words it in the learner's
    language), the English message is the default wording."""

    def __init__(self, key: str, raw: str = "") -> None:
        self.key, self.raw = key, raw
        self.fields = {"raw": raw, "length": _MAX_LENGTH, "functions": ", ".join(sorted(_FUNCTIONS))}
        """What MESSAGES[key] is filled with (the catalogue's `number.<key>` takes the same)."""
        super().__init__(MESSAGES[key].format(**self.fields))


MESSAGES = {
    "empty": "type a number, e.g. 0.25, 1/4 or 2^-2",
    "too_long": "that expression is longer than {length} characters",
    "divides_by_zero": "{raw!r} divides by zero",
    "too_large": "{raw!r} is too large",
    "functions": "{raw!r} is not a number or an allowed expression (allowed functions: {functions})",
    "names": "{raw!r} is not a number or an allowed expression (the only names allowed are pi and e)",
    "syntax": "{raw!r} is not a number or an allowed expression (syntax error)",
    "not_allowed": "{raw!r} is not a number or an allowed expression (only numbers, + - * / ** ( ) and math "
                   "functions are allowed)",
    "not_number": "{raw!r} is not a number",
    "not_finite": "{raw!r} is not finite",
}
_IME_TAIL = "。，、．　 "
"""What a Chinese input method leaves after a number: full stop, commas, a full-width space."""


def parse_number(text: str | float | int) -> float:
    """The value of `text`, or NumberError with a message fit for the learner."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    raw = unicodedata.normalize("NFKC", str(text).strip().rstrip(_IME_TAIL)).strip()  # full-width digits too
    if not raw:
        raise NumberError("empty")
    if len(raw) > _MAX_LENGTH:
        raise NumberError("too_long")
    expression = raw
    for old, new in _REPLACEMENTS.items():
        expression = expression.replace(old, new)
    scale = 1.0
    if expression.endswith("%"):
        expression, scale = expression[:-1], 0.01
    try:
        value = float(expression) if _PLAIN.fullmatch(expression) else _evaluator().eval(expression)
    except ZeroDivisionError:
        raise NumberError("divides_by_zero", raw) from None
    except OverflowError:
        raise NumberError("too_large", raw) from None
    except Exception as error:  # simpleeval raises many types for bad input; all mean "not allowed"
        raise NumberError(_reason(error), raw) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise NumberError("not_number", raw)
    try:
        value = float(value) * scale
    except OverflowError:  # an int beyond float's range, 2^2^2^2^2 or 10**300*10**300
        raise NumberError("too_large", raw) from None
    if not math.isfinite(value):
        raise NumberError("not_finite", raw)
    return value


def _reason(error: Exception) -> str:
    name = type(error).__name__
    if name == "FunctionNotDefined":
        return "functions"
    if name == "NameNotDefined":
        return "names"
    if name == "NumberTooHigh":
        return "too_large"
    if isinstance(error, SyntaxError):
        return "syntax"
    return "not_allowed"


def format_number(value: float) -> str:
    """A short, exact-looking rendering: integers without '.0', otherwise 6 significant digits."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"
