"""LaTeX to Unicode keeps the grouping that pylatexenc alone flattens."""

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
