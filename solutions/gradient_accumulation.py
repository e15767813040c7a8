"""One SGD step on a large batch, computed by accumulating gradients over micro-batches."""

import torch


def accumulated_sgd_step(model, loss_fn, inputs, targets, accum_steps, lr):
    """Clear .grad, accumulate the gradient of the large-batch mean loss over `accum_steps` micro-batches,
    then take one SGD step p <- p - lr * p.grad. Returns the large-batch loss (before the step), detached.

    The micro-batches are inputs.tensor_split(accum_steps) (consecutive, sizes differing by at most one);
    each micro-batch's mean loss is weighted by its share of the batch, size / N, so that the accumulated
    gradient is the gradient of the mean loss over all N samples even when the sizes differ.
    """
    n = len(inputs)
    if len(targets) != n:
        raise ValueError(f"{n} inputs but {len(targets)} targets")
    if not 1 <= accum_steps <= n:
        raise ValueError(f"accum_steps must lie in [1, {n}] for a batch of {n}, got {accum_steps}")
    for parameter in model.parameters():  # what an earlier backward left must not leak into this step
        parameter.grad = None
    total = None
    for x, y in zip(inputs.tensor_split(accum_steps), targets.tensor_split(accum_steps)):
        share = len(x) / n
        loss = loss_fn(model(x), y) * share
        loss.backward()  # adds to .grad: the weighted micro-batch gradients sum to the large-batch one
        total = loss.detach() if total is None else total + loss.detach()
    with torch.no_grad():
        for parameter in model.parameters():
            if parameter.grad is not None:
                parameter.add_(parameter.grad, alpha=-lr)
    return total
