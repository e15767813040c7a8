# Correct: backward on each micro-batch's summed loss (mean * size), then every .grad divided by N once.
import torch


def accumulated_sgd_step(model, loss_fn, inputs, targets, accum_steps, lr):
    if len(inputs) != len(targets):
        raise ValueError("inputs and targets differ in length")
    if not isinstance(accum_steps, int) or not 0 < accum_steps <= len(inputs):
        raise ValueError("accum_steps must be between 1 and the batch size")
    params = list(model.parameters())
    for p in params:
        if p.grad is not None:
            p.grad.zero_()
    total = 0.0
    for x, y in zip(torch.tensor_split(inputs, accum_steps), torch.tensor_split(targets, accum_steps)):
        summed = loss_fn(model(x), y) * x.shape[0]
        summed.backward()
        total = total + summed.detach()
    n = len(inputs)
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p.grad /= n
                p -= lr * p.grad
    return total / n
