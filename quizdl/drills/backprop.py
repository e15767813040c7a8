"""Backpropagation by hand: the chain rule through tiny scalar networks, one gradient-descent step,
and why an identity shortcut keeps the gradient alive.
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill


@drill
def plain_chain_update(a: float, n: int, g: float, lr: float) -> dict:
    """The gradient-descent update of a first-layer weight behind n plain layers whose local
    derivative is a each: lr * g * a^n (the chain rule multiplies the n factors).

    With identity shortcuts each factor becomes (1 + a), so the update is lr * g * (1 + a)^n.
    """
    if n < 1 or lr <= 0 or a == 0 or g == 0:
        raise Redraw
    gradient = g * a**n
    return {
        "answer": lr * gradient,
        "gradient": gradient,
        "chain": a**n,
        "no_lr": gradient,
        "residual_update": lr * g * (1 + a) ** n,
        "linear": lr * g * a * n,
    }


@drill
def backprop_linear_chain_grad(x: float, w1: float, w2: float, t: float) -> dict:
    """h = w1 x, y = w2 h, L = (y - t)^2 / 2: dL/dw1 = (y - t) * w2 * x."""
    if abs(w2) in (0, 1):
        raise Redraw  # w2 = 0 kills the gradient; w2 = +-1 hides the "forgot w2" slip
    h = w1 * x
    y = w2 * h
    dy = y - t
    answer = dy * w2 * x
    if answer == 0:
        raise Redraw
    return {
        "answer": answer,
        "h": h,
        "y": y,
        "dy": dy,
        "dh": dy * w2,
        "no_w2": dy * x,
        "grad_w2": dy * h,
        "flipped": -answer,
    }


@drill
def backprop_relu_step(x: float, w1: float, w2: float, t: float, lr: float) -> dict:
    """h = relu(w1 x), y = w2 h, L = (y - t)^2 / 2; one SGD step on w1: w1 - lr * (y - t) * w2 * 1[w1 x > 0] * x."""
    if x == 0 or w1 == 0 or w2 == 0:
        raise Redraw
    pre = w1 * x
    active = pre > 0
    h = pre if active else 0.0
    y = w2 * h
    dy = y - t
    if dy == 0:
        raise Redraw  # a perfect prediction teaches nothing
    gate = 1.0 if active else 0.0
    grad = dy * w2 * gate * x
    answer = w1 - lr * grad
    ungated = w1 - lr * dy * w2 * x
    # an active unit's gate is 1 (forgetting it changes nothing); an inactive one gets no step at all
    return {
        "answer": answer,
        "pre": pre,
        "h": h,
        "y": y,
        "dy": dy,
        "gate": gate,
        "grad": grad,
        "ascent": w1 + lr * grad if active else None,
        "no_lr": w1 - grad if active else None,
        "no_gate": None if active else ungated,
    }
