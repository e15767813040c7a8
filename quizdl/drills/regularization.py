"""L1 and L2 regularisation as single optimisation steps.

- L1, proximal gradient (ISTA): z = w - lr * grad, then soft-thresholding
  w' = sign(z) * max(|z| - lr * lam, 0), the exact minimiser of
  (u - z)^2 / (2 lr) + lam |u|.
- L2 as PyTorch's SGD weight decay: w' = w - lr * (grad + wd * w) = w (1 - lr wd) - lr grad,
  i.e. the gradient of the penalty (wd / 2) ||w||^2.
"""

from __future__ import annotations

from quizdl.drills.registry import Redraw, drill


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _soft_threshold(value: float, threshold: float) -> float:
    return _sign(value) * max(abs(value) - threshold, 0.0)


@drill
def l1_prox_step(w: float, grad: float, lr: float, lam: float) -> dict:
    """One proximal-gradient step on loss + lam * |w|: gradient step on the loss, then soft-threshold by lr * lam."""
    if lr <= 0 or lam <= 0:
        raise Redraw
    z = w - lr * grad
    threshold = lr * lam
    answer = _soft_threshold(z, threshold)
    subgradient = w - lr * (grad + lam * _sign(w))
    return {
        "answer": answer,
        "z": z,
        "threshold": threshold,
        "abs_z": abs(z),
        "clipped": abs(z) <= threshold,
        # the plain subgradient step: overshoots through 0 instead of stopping there (listed only when it
        # differs from the proximal step: z clipped at 0, or z of the other sign than w)
        "subgradient": subgradient if abs(z) <= threshold or _sign(z) != _sign(w) else None,
        # thresholding by lam instead of lr * lam (the same when lr is 1, or when z is clipped either way)
        "threshold_lam": None if lr == 1 or abs(z) <= threshold else _soft_threshold(z, lam),
        # shrinking multiplicatively, as L2 would
        "l2_style": z * (1 - threshold),
    }


@drill
def l2_weight_decay_step(w: float, grad: float, lr: float, wd: float) -> dict:
    """torch.optim.SGD(lr=lr, weight_decay=wd), no momentum: w' = w - lr * (grad + wd * w)."""
    if lr <= 0 or wd <= 0:
        raise Redraw
    decay = lr * wd * w
    if abs(decay) < 2e-4:
        raise Redraw  # too small to tell from forgetting the decay at 4 decimals
    answer = w - lr * (grad + wd * w)
    return {
        "answer": answer,
        "shrink": 1 - lr * wd,
        "decay": decay,
        "grad_step": lr * grad,
        "no_decay": w - lr * grad,
        "decay_without_lr": w - lr * grad - wd * w,
        "double_decay": w - lr * (grad + 2 * wd * w),
        "ascent_decay": w - lr * (grad - wd * w),
    }
