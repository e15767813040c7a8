"""LaTeX to Unicode keeps the grouping that pylatexenc alone flattens."""

import re

import pytest

from quizdl.ui.latex import render, render_math


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"\frac{1}{1+e^{-x}}", "1/(1+e⁻ˣ)"),
        (r"\sigma(x)(1-\sigma(x))", "σ(x)(1-σ(x))"),
        (r"\lfloor \frac{H + 2p - d(k-1) - 1}{s} \rfloor + 1", "⌊(H + 2p - d(k-1) - 1)/s⌋ + 1"),
        (r"W_{merged} = W \cdot \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}", "W_merged = W · γ/√(σ²+ϵ)"),
        (r"\frac{e^{z_i}}{\sum_j e^{z_j}}", "e^(zᵢ)/(∑ⱼ e^(zⱼ))"),
        (r"x^{T} W", "xᵀ W"),
        (r"k_0 + k(l-1)", "k₀ + k(l-1)"),
        (r"\theta_{t+1} = \theta_t - \eta \nabla L", "θₜ₊₁ = θₜ - η ∇L"),
        (r"\frac{a}{b}", "a/b"),
        (r"\sqrt{2}", "√2"),
        (r"\hat{y} \approx \mathbb{E}[x]", "ŷ ≈ 𝔼[x]"),
    ],
)
def test_math_keeps_its_grouping(latex, text):
    assert render_math(latex) == text


def test_only_dollar_spans_are_math():
    assert render(r"the $\alpha$ of `running_mean` and $$x^2$$") == "the α of `running_mean` and x²"
    assert render("no math_here ^ at all") == "no math_here ^ at all"
    assert render(r"costs \$5") == "costs $5"


def test_broken_latex_is_shown_as_written():
    assert render_math(r"\frac{a}{b") == r"\frac{a}{b"


def test_primes_in_math_are_primes_not_quotes():
    assert render_math("F''(x)") == "F″(x)"


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"\|W\| \|x\|", "‖W‖ ‖x‖"),
        (r"\dfrac{a}{b+c}", "a/(b+c)"),
        (r"\binom{n}{k}", "C(n, k)"),
        (r"\frac{1}{T}(x)", "(1/T)(x)"),
        (r"\log(x) + \log x", "log(x) + log x"),
        (r"\max_i x_i", "maxᵢ xᵢ"),
        (r"\frac{1}{2m}", "1/(2m)"),
        (r"\frac{\partial L}{\partial x}", "∂L/∂x"),
        (r"w^*", "w*"),
    ],
)
def test_macros_pylatexenc_flattens_or_drops(latex, text):
    assert render_math(latex) == text


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"\frac{1}{m}\sum x_i", "(1/m)·∑ xᵢ"),
        (r"\frac{a}{b}c", "(a/b)·c"),
        (r"\eta_t = \frac{1 + \cos(\pi t/T)}{2}\,\eta", "ηₜ = ((1 + cos(π t/T))/2)·η"),
        (r"\frac{\gamma}{\sigma} W", "(γ/σ)·W"),
        (r"\frac{\partial L}{\partial z} x_i", "(∂L/∂z)·xᵢ"),
        (r"\frac{\lambda}{2}||w||^2", "(λ/2)·||w||²"),
        (r"\frac{\partial L}{\partial x_L}\prod_i s_i", "(∂L/∂x_L)·∏ᵢ sᵢ"),
        (r"\tfrac12 (z - w)^2", "(1/2)(z - w)²"),
        (r"\frac{a}{b}^2", "(a/b)²"),
        (r"x / \frac{a}{b}", "x / (a/b)"),
        (r"|\frac{a}{b}|", "|a/b|"),
        (r"\frac{1}{C_{out}} + \frac{1}{k^2}", "1/Cₒᵤₜ + 1/k²"),
        (r"\frac{2TP}{2TP + FP + FN}", "(2TP)/(2TP + FP + FN)"),
        (r"\frac{L(L+1)}{2}", "(L(L+1))/2"),
        (r"\frac{k\pi}{m}", "(kπ)/m"),
        (r"\frac{\text{numel}}{\text{sum}}", "numel/sum"),
        (r"\frac{\text{feat\_size}^2}{(f - b + 1)^2}", "feat_size²/(f - b + 1)²"),
        (r"\frac{1}{T}(x)", "(1/T)(x)"),
    ],
)
def test_a_fraction_keeps_its_denominator_to_itself(latex, text):
    assert render_math(latex) == text


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"x_L + x_l + x_1 + x_i", "x_L + xₗ + x₁ + xᵢ"),
        (r"\frac{\partial L}{\partial x_L} = \frac{\partial L}{\partial x_l}", "∂L/∂x_L = ∂L/∂xₗ"),
        (r"W_{merged} + C_{out}", "W_merged + Cₒᵤₜ"),
        (r"g_t/\sqrt{\sum_\tau g_\tau^2}", "gₜ/√(∑_τ g_τ²)"),
    ],
)
def test_letters_without_a_unicode_subscript_keep_the_underscore(latex, text):
    assert render_math(latex) == text


def _bank_texts():
    """Every text the learner can see: all questions, both languages, templates drawn with a few seeds."""
    import random

    from quizdl.bank.catalog import load_catalog
    from quizdl.bank.question import CodeQuestion, TemplateQuestion
    from quizdl.quiz.instance import make_instance

    for question in load_catalog().questions.values():
        for lang in ("zh", "en"):
            if question.title:
                yield question.id, question.title.get(lang)
            if isinstance(question, CodeQuestion):
                for text in (question.prompt, question.explanation, *question.hints):
                    yield question.id, text.get(lang)
                continue
            for seed in range(5 if isinstance(question, TemplateQuestion) else 1):
                instance = make_instance(question, lang, random.Random(seed))
                for text in (instance.prompt, instance.explanation, instance.answer_text):
                    yield question.id, text
                for _, text in instance.options:
                    yield question.id, text
                for mistake in instance.mistakes:
                    yield question.id, mistake.why


_SCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱˣʸᵀᵃᵇᶜᵈᵉᵏˡᵐᵒᵖʳˢᵗᵘᵛʷᶻ′″*₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"
_BODY = re.compile(r"[\d.]+|[a-z]+_[a-z_]+|[a-z]{3,}|[A-Z]{2,3}(?![a-z])|[^\W\d_][\u0300-\u036f]*")
"""A number, a name (`running_mean`, `numel`, `TP`), or one letter with its accents."""
_FACTOR = re.compile(rf"[^\W_{_SCRIPTS}]|[∑∏∫√∂∇(\[⌊⌈]")
"""What reads as part of a denominator when it follows one: a letter, a digit, a big operator, a bracket."""


def _closing(text: str, start: int) -> int:
    """Just after the bracket or norm bars that open at `start`; -1 when they do not."""
    if text.startswith(("||", "‖", "|"), start):
        bar = "||" if text.startswith("||", start) else text[start]
        end = text.find(bar, start + len(bar))
        return -1 if end < 0 else end + len(bar)
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return -1


def _denominator_end(text: str, i: int) -> int:
    """Where the bare denominator starting at `i` ends: a group, number, name or symbol, with scripts."""
    i += text[i:i + 1] in "∂∇√"
    if text[i:i + 1] in ("(", "|", "‖"):
        i = _closing(text, i)
    elif body := _BODY.match(text, i):
        i = body.end()
    else:
        return -1
    while 0 <= i < len(text):
        if text[i] in _SCRIPTS:
            i += 1
        elif text[i] in "^_" and text[i + 1:i + 2] == "(":
            i = _closing(text, i + 1)
        elif script := re.compile(r"_\w+|\^\S").match(text, i):
            i = script.end()
        else:
            break
    return i


def _denominator_runs_on(text: str) -> str | None:
    """The first `a/b c` in `text` where c (a factor) would read as part of the denominator b."""
    for slash in re.finditer("/", text):
        start = slash.end() + (text[slash.end():slash.end() + 1] == " ")
        if text[start:start + 1] in ("∑", "∏"):
            continue  # eˣ/∑ eˣ: the sum runs to the end, as written
        if re.search(r"\bd[a-z]$", text[:slash.start()]) and re.match(r"d[a-z]\b", text[start:]):
            continue  # dz/dt
        end = _denominator_end(text, start)
        if end < 0:
            return text[max(0, slash.start() - 12):slash.end() + 12]  # not even a readable denominator
        after = text[end:].lstrip(" ")
        bars = text[:slash.start()].count("|") + text[:slash.start()].count("‖")
        if _FACTOR.match(after) or (after[:1] in ("|", "‖") and bars % 2 == 0):
            return text[max(0, slash.start() - 12):end + 6]
    return None


def test_no_fraction_in_the_banks_runs_into_what_follows():
    from quizdl.ui.latex import _MATH

    wrong = set()
    for question_id, text in _bank_texts():
        for span in _MATH.finditer(text):
            if where := _denominator_runs_on(render_math(span.group(1) or span.group(2))):
                wrong.add(f"{question_id}: …{where}…")
    assert not wrong, "\n".join(sorted(wrong))


@pytest.mark.parametrize(
    "text, runs_on",
    [
        ("1/m∑ xᵢ", True), ("a/bc", True), ("(1 + cos(π t/T))/2 η", True), ("γ/σx", True),
        ("1/(C(x)) ∑ⱼ f", True), ("∂L/(∂x_L)(1 + x)", True), ("λ/2||w||²", True),
        ("(1/m)·∑ xᵢ", False), ("1/Cₒᵤₜ + 1/k²", False), ("⌊(H + 2p - k)/s⌋ + 1", False),
        ("e^(zᵢ/T)/(∑ⱼ e^(zⱼ/T))", False), ("g/|g| = 1", False), ("numel/sum", False), ("dz/dt = 6", False),
    ],
)
def test_the_check_for_run_on_denominators(text, runs_on):
    assert (_denominator_runs_on(text) is not None) == runs_on
