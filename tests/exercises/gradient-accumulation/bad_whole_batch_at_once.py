# Wrong: one forward on the whole batch, which is what accumulation must avoid; BatchNorm shows it (one set of statistics, one update).
# fails: nn.BatchNorm1d(4) in train mode, 8 samples, k = 2: each micro-batch uses its own statistics
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
    model.zero_grad()
    loss = loss_fn(model(inputs), targets)
    loss.backward()
    _sgd(model, lr)
    return loss.detach()
