# Wrong: never clears .grad: the gradient an earlier backward left is added to this step's.
# fails: stale gradients from an earlier backward are cleared first (nn.Linear(4, 3), k = 2)
import torch


def _validate(inputs, targets, k):
    if len(targets) != len(inputs) or not 1 <= k <= len(inputs):
        raise ValueError("bad arguments")


def _sgd(model, lr):
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.add_(p.grad, alpha=-lr)


def accumulated_sgd_step(model, loss_fn, inputs, targets, accum_steps, lr):
    _validate(inputs, targets, accum_steps)
    total = 0.0
    for x, y in zip(inputs.tensor_split(accum_steps), targets.tensor_split(accum_steps)):
        loss = loss_fn(model(x), y) * len(x) / len(inputs)
        loss.backward()
        total = total + loss.detach()
    _sgd(model, lr)
    return total
