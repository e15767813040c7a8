"""LaTeX in bank texts, rendered as readable Unicode for the terminal.

pylatexenc parses the math and knows the symbols (Greek letters, operators),
but flattens groups: `\\frac{1}{1+e^{-x}}` comes out as `1/1+e^-x`, which reads
wrongly. This module walks pylatexenc's node tree itself so that fractions,
roots and scripts keep their grouping: `1/(1 + e⁻ˣ)`.
Only `$...$` and `$$...$$` spans are treated as LaTeX; the rest of a text is
shown as written.
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
_SYMBOL = re.compile(rf"[\d.]+|[∂√∇]?(\w|\(.*\))[{re.escape(_SCRIPTS)}′″]*")
"""A number, or one symbol with its scripts (σᵢ, b², ∂x, √d, √(σ²+ϵ)): safe as a bare denominator."""
_PRIMES = {"''": "″", "'": "′", "``": "‶"}
_PLAIN_ARGUMENT = {"text", "mathrm", "operatorname", "textbf", "mathbf", "boldsymbol", "mathit", "textit", "mbox", "rm"}
_OPERATORS = set(" +-−=/·×*,<>≤≥±≈")


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
    text = re.sub(r"[ \t]+", " ", _nodes(nodes))
    text = re.sub(rf"\b({'|'.join(_OPERATOR_NAMES)}) \(", r"\1(", text)
    text = re.sub(r"([⌊⌈(\[]) ", r"\1", text)
    return re.sub(r" ([⌋⌉)\]])", r"\1", text).strip()


def _nodes(nodes: list) -> str:
    """Render a node list; `^` and `_` apply to the next character or node."""
    out: list[str] = []
    pending: str | None = None
    fraction_at: int | None = None  # where the last \frac went, in case "(" follows it
    for node in nodes or []:
        if node is None:
            continue
        if node.isNodeType(_types().LatexCharsNode):
            if fraction_at is not None and node.chars.startswith("("):
                out[fraction_at] = f"({out[fraction_at]})"  # \frac{1}{T}(x) is (1/T)(x), not 1/T(x)
            fraction_at = None
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
            pending = None
        else:
            out.append(text)
        is_fraction = node.isNodeType(_types().LatexMacroNode) and node.macroname in _FRACTIONS
        fraction_at = len(out) - 1 if is_fraction else None
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
        return f"{_wrap(_node(args[0]))}/{_wrap(_node(args[1]), strict=True)}"
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
        return _node(args[-1])
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
    table = _SUPERSCRIPT if kind == "^" else _SUBSCRIPT
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    if kind == "_" and re.fullmatch(r"[\w\u2080-\u209c\u1d62-\u1d6a\u2c7c]+", text):
        return f"_{text}"
    return f"{kind}({text})" if len(text) > 1 else f"{kind}{text}"


def _wrap(text: str, strict: bool = False) -> str:
    """Parenthesise `text` unless it is one term, so a/b keeps its grouping.

    `strict` (a denominator): only a number or one symbol with its scripts stays bare, so that
    1/(2m) is not read as (1/2)m."""
    text = text.strip()
    if strict and not (_SYMBOL.fullmatch(text) and _is_atom(text)):
        return f"({text})"
    if _is_atom(text):
        return text
    return f"({text})"


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
