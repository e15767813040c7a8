# Wrong: returns the last micro-batch's loss, not the large-batch loss.
# fails: nn.Linear(6, 3) with cross-entropy, 8 samples, k = 4: the step, .grad and loss of the full batch
# fails: float64 nn.Linear(5, 2) with MSE, 10 samples, k = 4: micro-batches of 3, 3, 2, 2 weighted by size
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
    for x, y in zip(inputs.tensor_split(accum_steps), targets.tensor_split(accum_steps)):
        loss = loss_fn(model(x), y)
        (loss * len(x) / len(inputs)).backward()
    _sgd(model, lr)
    return loss.detach()
