"""One optimiser step (SGD, momentum, Nesterov, Adam, AdamW) and learning-rate schedules.

Every update follows PyTorch's torch.optim conventions, which the tests check
by stepping a real parameter; the schedules are checked against
torch.optim.lr_scheduler.
"""

from __future__ import annotations

import math

from quizdl.drills.registry import Redraw, drill

ADAM_EPS = 1e-8


@drill
def sgd_step(w: float, grad: float, lr: float, weight_decay: float = 0.0) -> dict:
    """torch.optim.SGD: g' = g + wd * w; w <- w - lr * g'.

    Mistakes: forgetting the weight-decay term, and stepping up the gradient.
    """
    effective = grad + weight_decay * w
    return {
        "answer": w - lr * effective,
        "effective_grad": effective,
        "decay_term": weight_decay * w,
        "no_decay": w - lr * grad,
        "wrong_sign": w + lr * effective,
    }


@drill
def momentum_step(w: float, buf: float, grad: float, lr: float, momentum: float) -> dict:
    """torch.optim.SGD(momentum=mu), dampening 0: v <- mu v + g; w <- w - lr v.

    Mistakes: plain SGD (no velocity), and the exponential-moving-average form
    v <- mu v + (1 - mu) g that some texts use.
    """
    new_buf = momentum * buf + grad
    return {
        "answer": w - lr * new_buf,
        "new_buf": new_buf,
        "plain_sgd": w - lr * grad,
        "ema_form": w - lr * (momentum * buf + (1 - momentum) * grad),
    }


@drill
def nesterov_step(w: float, buf: float, grad: float, lr: float, momentum: float) -> dict:
    """torch.optim.SGD(momentum=mu, nesterov=True): v <- mu v + g; w <- w - lr (g + mu v).

    Mistake: the classical momentum step w - lr v.
    """
    new_buf = momentum * buf + grad
    step = grad + momentum * new_buf
    return {
        "answer": w - lr * step,
        "new_buf": new_buf,
        "step_dir": step,
        "classical": w - lr * new_buf,
    }


@drill
def adam_step(w: float, m: float, v: float, grad: float, step: int, lr: float, beta1: float = 0.9, beta2: float = 0.999) -> dict:
    """torch.optim.Adam, update number `step` (m and v hold the moments after step - 1 updates).

    m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;  m_hat = m / (1 - b1^t);
    v_hat = v / (1 - b2^t);  w <- w - lr m_hat / (sqrt(v_hat) + eps).
    Mistakes: no bias correction, and bias-correcting m only.
    """
    if step < 1 or v < 0 or (step == 1 and (m != 0 or v != 0)):
        raise Redraw
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad**2
    c1 = 1 - beta1**step
    c2 = 1 - beta2**step
    m_hat = m_new / c1
    v_hat = v_new / c2
    return {
        "answer": w - lr * m_hat / (math.sqrt(v_hat) + ADAM_EPS),
        "m_new": m_new,
        "v_new": v_new,
        "c1": c1,
        "c2": c2,
        "m_hat": m_hat,
        "v_hat": v_hat,
        "update": lr * m_hat / (math.sqrt(v_hat) + ADAM_EPS),
        "no_bias_correction": w - lr * m_new / (math.sqrt(v_new) + ADAM_EPS),
        "only_m_corrected": w - lr * m_hat / (math.sqrt(v_new) + ADAM_EPS),
    }


@drill
def adamw_first_step(w: float, grad: float, lr: float, weight_decay: float) -> dict:
    """The first torch.optim.AdamW update: w <- w (1 - lr wd) - lr g / (|g| + eps).

    Mistakes: Adam with L2 (weight_decay folded into the gradient, then
    normalised away), and a decay that forgets to multiply by lr.
    """
    l2_grad = grad + weight_decay * w
    if grad == 0 or l2_grad == 0:
        raise Redraw
    adam_dir = grad / (abs(grad) + ADAM_EPS)
    return {
        "answer": w * (1 - lr * weight_decay) - lr * adam_dir,
        "decayed": w * (1 - lr * weight_decay),
        "adam_l2": w - lr * l2_grad / (abs(l2_grad) + ADAM_EPS),
        "l2_grad": l2_grad,
        "decay_without_lr": w * (1 - weight_decay) - lr * adam_dir,
    }


@drill
def linear_lr_scaling(batch: int, base_lr: float = 0.1, base_batch: int = 256) -> dict:
    """Goyal et al.'s linear scaling rule: lr = base_lr * batch / base_batch.

    Mistakes: the square-root rule and the inverted ratio.
    """
    if batch <= 0 or base_batch <= 0:
        raise Redraw
    return {
        "answer": base_lr * batch / base_batch,
        "ratio": batch / base_batch,
        "sqrt_rule": base_lr * math.sqrt(batch / base_batch),
        "inverted": base_lr * base_batch / batch,
    }


def _cosine(base_lr: float, t: float, total: float) -> float:
    return 0.5 * (1 + math.cos(math.pi * t / total)) * base_lr


@drill
def cosine_lr(base_lr: float, total: int, step: int) -> dict:
    """Cosine decay without warm-up: lr_t = 1/2 (1 + cos(pi t / T)) lr (eta_min = 0).

    Mistakes: dropping the 1/2 and using cos alone (which goes negative).
    """
    if not 0 <= step <= total or total <= 0:
        raise Redraw
    return {
        "answer": _cosine(base_lr, step, total),
        "fraction": step / total,
        "cos_value": math.cos(math.pi * step / total),
        "no_half": (1 + math.cos(math.pi * step / total)) * base_lr,
        "cos_only": math.cos(math.pi * step / total) * base_lr,
    }


@drill
def cosine_lr_warmup(base_lr: float, warmup: int, total: int, step: int) -> dict:
    """Linear warm-up then cosine decay.

    lr_t = lr * t / W for t <= W; lr_t = 1/2 (1 + cos(pi (t - W) / (T - W))) lr for W <= t <= T.
    Mistake: the cosine over all T steps, as if there were no warm-up.
    `formula` is the rule that applies at `step`, in LaTeX (the same in both languages).
    """
    if not 0 < warmup < total or not 0 <= step <= total:
        raise Redraw
    if step <= warmup:
        lr = base_lr * step / warmup
        formula = rf"\eta\,t/W = {base_lr} \times {step}/{warmup}"
    else:
        lr = _cosine(base_lr, step - warmup, total - warmup)
        formula = rf"\frac{{1 + \cos(\pi \cdot {step - warmup}/{total - warmup})}}{{2}} \times {base_lr}"
    return {
        "answer": lr,
        "formula": formula,
        "in_warmup": step <= warmup,
        "decay_steps": total - warmup,
        "since_warmup": step - warmup,
        "no_warmup": _cosine(base_lr, step, total),
    }
