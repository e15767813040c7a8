# Correct: torch.optim.SGD does the clearing and the step; micro-batches cut with explicit index slices.
import torch


def accumulated_sgd_step(model, loss_fn, inputs, targets, accum_steps, lr):
    n = inputs.shape[0]
    if targets.shape[0] != n or accum_steps < 1 or accum_steps > n:
        raise ValueError("bad batch or accum_steps")
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    optimizer.zero_grad()
    base, extra = divmod(n, accum_steps)
    start, losses = 0, []
    for j in range(accum_steps):
        stop = start + base + (1 if j < extra else 0)
        x, y = inputs[start:stop], targets[start:stop]
        loss = loss_fn(model(x), y)
        (loss * (stop - start) / n).backward()
        losses.append(loss.item() * (stop - start) / n)
        start = stop
    optimizer.step()
    return torch.tensor(sum(losses), dtype=loss.dtype)
