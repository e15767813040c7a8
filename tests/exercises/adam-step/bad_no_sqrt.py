# divides by v_hat instead of its square root
# fails: first step (t=1) from zero moments - a step of about lr
# fails: step t=10 with non-zero moments, shape (4, 3), lr=0.1
# fails: t=2 - the returned m and v are the raw moments, not the corrected ones
# fails: late step t=10000 - the bias correction has faded
# fails: lr=0.01, beta1=0.5, beta2=0.9 at t=3
# fails: eps=0.1 goes outside the square root, after the bias correction (lr=0.1)


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError("t is 1-based")
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    param = param - lr * m_hat / (v_hat + eps)
    return param, m, v
