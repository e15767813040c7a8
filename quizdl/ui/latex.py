"""LaTeX in bank texts, rendered as readable Unicode for the terminal.

pylatexenc parses the math and knows the symbols (Greek letters, operators),
but flattens groups: `\\frac{1}{1+e^{-x}}` comes out as `1/1+e^-x`, which reads
wrongly. This module walks pylatexenc's node tree itself so that fractions,
roots and scripts keep their grouping: `1/(1 + e⁻ˣ)`.
Only `$...$` and `$$...$$` spans are treated as LaTeX; the rest of a text is
shown as written.

Fractions (`\\frac`, `\\dfrac`, `\\tfrac`, `\\cfrac`) follow two rules, so that nothing
reads as part of a denominator it is not in:

1. `\\frac{a}{b}` is `a/b` only when a and b are single tokens: a number (`0.5`), one letter
   or Greek letter with its accents, primes and scripts (`x̂`, `σ′`, `xᵢ`, `x_L`, `e^(zᵢ)`), a
   name written with `\\text`/`\\mathrm`/... (`running_mean`), one of these after `∂`, `∇` or
   `√` (`∂L`, `√d`), or a group in brackets or norm bars, with scripts (`(f - b + 1)²`,
   `‖x‖₂`). Any other part is parenthesised: `(2TP)/(2TP + FP + FN)`, `1/(2m)`, `(kπ)/m`, `(L(L+1))/2`.
2. A fraction followed by a factor (a letter or digit, `∑`, `∏`, `√`, `∂`, `∇`, an opening
   bracket or norm bar, another fraction...) is itself parenthesised, and a `·` shows the
   product: `(1/m)·∑ xᵢ`, `(a/b)·c`, `((1 + cos(π t/T))/2)·η`. Before an opening `(` or `[`
   the parentheses alone show it: `(1/T)(x)`. A fraction followed by a script, or preceded by
   a `/`, is parenthesised too: `(a/b)²`, `x/(a/b)`. Before an operator, a closing bracket or
   the end, it stays bare: `1/Cₒᵤₜ + 1/k²`, `⌊(H + 2p - k)/s⌋`.

Subscripts use Unicode only when every character has a true subscript form (`x₁`, `xᵢ`,
`Cₒᵤₜ`); otherwise they stay as `_` and the text, never a mix of the two: `x_L`, `W_merged`.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$", re.S)
_SUPERSCRIPT = dict(zip("0123456789+-−=()nixyTabcdeklmoprstuvwz'′*", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱˣʸᵀᵃᵇᶜᵈᵉᵏˡᵐᵒᵖʳˢᵗᵘᵛʷᶻ′′*"))
_SUBSCRIPT = dict(zip("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_SPACED = {
    "cdot": "·", "times": "×", "pm": "±", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "approx": "≈",
    "neq": "≠", "ne": "≠", "to": "→", "rightarrow": "→", "Rightarrow": "⇒", "in": "∈", "sim": "~",
    "propto": "∝", "equiv": "≡", "ll": "≪", "gg": "≫", "odot": "⊙", "otimes": "⊗", "oplus": "⊕",
}
_FRACTIONS = ("frac", "dfrac", "tfrac", "cfrac")
_OPERATOR_NAMES = ("log", "ln", "exp", "sin", "cos", "tan", "tanh", "max", "min", "arg", "lim", "det", "sup", "inf")
_PREFIX = ("partial", "nabla")
_SCRIPTS = "".join(sorted(set(_SUPERSCRIPT.values()) | set(_SUBSCRIPT.values())))
_PRIMES = {"''": "″", "'": "′", "``": "‶"}
_PLAIN_ARGUMENT = {"text", "mathrm", "operatorname", "textbf", "mathbf", "boldsymbol", "mathit", "textit", "mbox", "rm"}
_OPERATORS = set(" +-−=/·×*,<>≤≥±≈")
_NAME, _NAME_END, _FRAC, _FRAC_END = "\ue000", "\ue001", "\ue002", "\ue003"
"""Private marks around a \\text name and around a fraction, until the fraction rules have run."""
_MARKS = _NAME + _NAME_END + _FRAC + _FRAC_END
_SCRIPT_CHARS = set(_SCRIPTS) | set("′″")
_BIG = "∑∏∫√∂∇"
_OPENING = "([{⌊⌈"


def render(text: str) -> str:
    """`text` with every $...$ span turned into Unicode."""
    if "$" not in text:
        return text
    return _MATH.sub(lambda m: render_math(m.group(1) or m.group(2)), text).replace("\\$", "$")


@lru_cache(maxsize=4096)
def render_math(latex: str) -> str:
    """One LaTeX math expression as Unicode; the source itself if it does not parse."""
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    try:
        nodes, _, _ = LatexWalker(latex, latex_context=_context(), tolerant_parsing=False).get_latex_nodes()
    except (LatexWalkerError, IndexError, ValueError):
        return latex
    text = _fractions(re.sub(r"[ \t]+", " ", _nodes(nodes)))
    text = text.replace(_NAME, "").replace(_NAME_END, "")
    text = re.sub(rf"\b({'|'.join(_OPERATOR_NAMES)}) \(", r"\1(", text)
    text = re.sub(r"([⌊⌈(\[]) ", r"\1", text)
    return re.sub(r" ([⌋⌉)\]])", r"\1", text).strip()


def _nodes(nodes: list) -> str:
    """Render a node list; `^` and `_` apply to the next character or node."""
    out: list[str] = []
    pending: str | None = None
    for node in nodes or []:
        if node is None:
            continue
        if node.isNodeType(_types().LatexCharsNode):
            for char in node.chars:
                if pending and not char.isspace():
                    _attach(out, _script(pending, char))
                    pending = None
                elif char in "^_":
                    pending = char
                elif not pending:
                    out.append(char)
            continue
        text = _node(node)
        if pending:
            _attach(out, _script(pending, text.strip()))
            if text[-1:].isspace():
                out.append(" ")  # \sum_\tau g: the space LaTeX eats after \tau keeps ∑_τ and g apart
            pending = None
        else:
            out.append(text)
    return "".join(out)


def _attach(out: list[str], script: str) -> None:
    """A sub- or superscript sits right after its base: no space in between."""
    if out:
        out[-1] = out[-1].rstrip()
    out.append(script)


def _node(node) -> str:
    types = _types()
    if node.isNodeType(types.LatexGroupNode):
        return _nodes(node.nodelist)
    if node.isNodeType(types.LatexMathNode) or node.isNodeType(types.LatexEnvironmentNode):
        return _nodes(node.nodelist).replace("&", " ")
    if node.isNodeType(types.LatexMacroNode):
        return _macro(node)
    if node.isNodeType(types.LatexCommentNode):
        return ""
    if node.isNodeType(types.LatexSpecialsNode) and node.specials_chars in _PRIMES:
        return _PRIMES[node.specials_chars]  # in math, '' is a double prime, not a closing quote
    return _fallback(node)


def _macro(node) -> str:
    name = node.macroname
    args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    if name in _FRACTIONS and len(args) == 2:
        numerator, denominator = (_operand(_node(arg)) for arg in args)
        return f"{_FRAC}{numerator}/{denominator}{_FRAC_END}"
    if name == "binom" and len(args) == 2:
        return f"C({_node(args[0]).strip()}, {_node(args[1]).strip()})"
    if name in _OPERATOR_NAMES:
        return f"{name} "
    if name == "|":
        return "‖"
    if name == "sqrt" and args:
        root = _node(args[-1])
        index = _node(args[0]) if len(args) == 2 else ""
        return f"{_script('^', index) if index else ''}√{_wrap(root)}"
    if name in _PLAIN_ARGUMENT and args:
        text = _node(args[-1])
        return f"{_NAME}{text}{_NAME_END}" if re.fullmatch(r"\w{2,}", text) else text
    if name in _SPACED:
        return f" {_SPACED[name]} "
    if name in _PREFIX:
        return _converter().node_to_text(node)  # ∂L, ∇L: no space after
    if name in ("left", "right", "big", "Big", "bigg", "Bigg", "displaystyle", "limits"):
        return ""
    if name == "\\":
        return "\n"
    return _fallback(node)


def _fallback(node) -> str:
    """pylatexenc's own text for symbols and accents, keeping the space LaTeX eats after a macro."""
    return _converter().node_to_text(node) + (getattr(node, "macro_post_space", "") and " ")


def _script(kind: str, text: str) -> str:
    text = _unmarked(text)
    table = _SUPERSCRIPT if kind == "^" else _SUBSCRIPT
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    if kind == "_" and re.fullmatch(r"[\w\u2080-\u209c\u1d62-\u1d6a\u2c7c]+", text):
        return f"_{text}"
    return f"{kind}({text})" if len(text) > 1 else f"{kind}{text}"


def _wrap(text: str) -> str:
    """Parenthesise `text` unless it is one term (the argument of a root)."""
    text = text.strip()
    if _is_atom(text) and not text.lstrip(_MARKS)[:1] in ("∑", "∏", "∫"):
        return text
    return f"({text})"


def _operand(text: str) -> str:
    """A numerator or denominator: bare when it is a single token, else in parentheses (rule 1)."""
    text = text.strip()
    return text if _is_token(text) else f"({text})"


def _is_token(text: str) -> bool:
    """A number, a letter or a \\text name with accents, primes and scripts, maybe after ∂ ∇ √, or a
    group in brackets or bars with scripts: `0.5`, `x̂ᵢ`, `e^(zᵢ)`, `x_L`, `∂L`, `√(σ²+ϵ)`, `(a+b)²`, `‖x‖`."""
    text = text.replace(_FRAC, "").replace(_FRAC_END, "")
    i = 1 if text[:1] in "∂∇√" else 0
    if text[i:] == "" and text in ("∂", "∇"):
        return True
    if match := re.match(r"[\d.]+|\ue000\w+\ue001|[^\W\d_][\u0300-\u036f]*", text[i:]):
        i += match.end()
    elif text[i:i + 1] == "(":
        i = _group_end(text, i)
    elif bar := re.match(r"(\|\||‖|\|)[^|‖]+\1", text[i:]):
        i += bar.end()  # a norm or an absolute value: ‖x‖, |g|
    else:
        return False
    while 0 < i < len(text):
        if text[i] in _SCRIPT_CHARS:
            i += 1
        elif text[i] in "^_" and text[i + 1:i + 2] == "(":
            i = _group_end(text, i + 1)
        elif text[i] in "^_" and (match := re.match(r"\w+" if text[i] == "_" else r"\S", text[i + 1:])):
            i += 1 + match.end()
        else:
            return False
    return i == len(text)


def _group_end(text: str, start: int) -> int:
    """Where the bracket opened at `start` closes, plus one; 0 when it never does."""
    depth = 0
    for i in range(start, len(text)):
        depth += 1 if text[i] == "(" else -1 if text[i] == ")" else 0
        if depth == 0:
            return i + 1
    return 0


def _fractions(text: str) -> str:
    """Rule 2 of the module docstring, innermost fraction first, seeing what follows each one."""
    while match := re.search(f"{_FRAC}([^{_FRAC}{_FRAC_END}]*){_FRAC_END}", text):
        before, fraction, after = text[:match.start()], match.group(1), text[match.end():]
        first = after.lstrip(" " + _MARKS)[:1]
        before_text = _unmarked(before)
        scripted = first != "" and first in _SCRIPT_CHARS | {"^", "_"}
        factor = not scripted and first != "" and (
            first.isalnum() or first in _BIG + _OPENING + _NAME
            or (first in "|‖" and (before_text.count("|") + before_text.count("‖")) % 2 == 0)  # an opening bar
        )
        if factor and first not in "([{":
            fraction, after = f"({fraction})·", after.lstrip(" ")
        elif factor:
            fraction, after = f"({fraction})", after.lstrip(" ")
        elif scripted or before_text.rstrip().endswith("/"):
            fraction = f"({fraction})"
        text = before + fraction + after
    return text


def _unmarked(text: str) -> str:
    return text.translate({ord(mark): None for mark in _MARKS})


def _is_atom(text: str) -> bool:
    if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        return True
    depth = 0
    for i, char in enumerate(text):
        depth += char in "([{⌊⌈" and 1 or 0
        depth -= char in ")]}⌋⌉" and 1 or 0
        if depth == 0 and char in _OPERATORS and i > 0:
            return False
    return True


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += 1 if char == "(" else -1 if char == ")" else 0
        if depth < 0:
            return False
    return depth == 0


@lru_cache(maxsize=1)
def _context():
    """pylatexenc's macros plus the ones it does not know take two arguments."""
    from pylatexenc import latexwalker, macrospec

    context = latexwalker.get_default_latex_context_db().filter_context()
    context.add_context_category(
        "quizdl", prepend=True,
        macros=[macrospec.MacroSpec(name, "{{") for name in ("dfrac", "tfrac", "cfrac", "binom")],
    )
    return context


@lru_cache(maxsize=1)
def _types():
    from pylatexenc import latexwalker

    return latexwalker


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
