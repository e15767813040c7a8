# Wrong: no validation: k = 0 fails inside tensor_split with a RuntimeError, k > N makes empty micro-batches, mismatched targets a RuntimeError.
# fails: accum_steps 0 raises ValueError
# fails: accum_steps 5 for a batch of 4 raises ValueError
# fails: 4 inputs and 6 targets raise ValueError
import torch


def accumulated_sgd_step(model, loss_fn, inputs, targets, accum_steps, lr):
    model.zero_grad()
    total = 0.0
    for x, y in zip(inputs.tensor_split(accum_steps), targets.tensor_split(accum_steps)):
        loss = loss_fn(model(x), y) * len(x) / len(inputs)
        loss.backward()
        total = total + loss.detach()
    with torch.no_grad():
        for p in model.parameters():
            p.add_(p.grad, alpha=-lr)
    return total
