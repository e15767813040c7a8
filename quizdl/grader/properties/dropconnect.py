"""DropConnect: weights (not activations) dropped, one mask per call, bias kept, inverted scaling.

The checks feed the layer X = [0; I; I]: row 0 is all zeros (its output is
the bias alone), rows 1..k are the identity and rows k+1..2k repeat it. So the
output reveals the effective weight matrix twice: (y[1:k+1] - b).T is
W * M / (1 - p) for the mask M of that call. Call 1 runs in eval mode and
gives b and W; call 2 runs in training mode over many trials; both load the
reference's state_dict so that they share W and b.
"""

from __future__ import annotations

from typing import Any

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict, _stats, argument, data, numpy, prop


def _layer(outcomes: list[list[Any]], calls: list[Any]) -> tuple[Any, Any, list[Any]]:
    """(W, b, [(effective weights of copy 1, of copy 2, output of row 0) per trial]) from the [0; I; I] input."""
    np = numpy()
    x = argument(calls[0]).astype(np.float64)
    k = x.shape[1]
    if x.shape[0] != 2 * k + 1 or x[0].any() or not np.array_equal(x[1:k + 1], np.eye(k)) \
            or not np.array_equal(x[k + 1:], np.eye(k)):
        raise ValueError("dropconnect checks need the input [0; I; I] of shape (2k + 1, k)")
    if calls[0].mode != "eval" or calls[1].mode != "train":
        raise ValueError("dropconnect checks need an eval call, then a training call")
    evaluated = data(outcomes[0][0].returned).astype(np.float64)
    bias = evaluated[0]
    weight = (evaluated[1:k + 1] - bias).T
    trials = []
    for trial, outcome in enumerate(outcomes[1]):
        y = data(outcome.returned).astype(np.float64)
        if y.shape != evaluated.shape:
            raise ValueError(f"trial {trial}: the output has shape {y.shape}, expected {evaluated.shape}")
        trials.append(((y[1:k + 1] - bias).T, (y[k + 1:] - bias).T, y[0]))
    return weight, bias, trials


@prop
def dropconnect_weights(outcomes: list[list[Any]], calls: list[Any], p: float) -> Verdict:
    """In training every weight is either dropped (0) or kept and scaled by 1 / (1 - p)."""
    np = numpy()
    weight, _, trials = _layer(outcomes, calls)
    scaled = weight / (1 - p)
    for trial, (effective, _, _) in enumerate(trials):
        ok = np.isclose(effective, 0, atol=1e-5) | np.isclose(effective, scaled, rtol=1e-4, atol=1e-5)
        if not ok.all():
            j, i = (int(v) for v in np.argwhere(~ok)[0])
            return False, Detail("prop.connect_scale", trial=trial, j=j, i=i, ratio=effective[j, i] / weight[j, i],
                                 scale=1 / (1 - p))
    return True, f"{len(trials)} trials: every weight × 0 or × {1 / (1 - p):.4g}"


@prop
def dropconnect_rate(outcomes: list[list[Any]], calls: list[Any], p: float) -> Verdict:
    """About a fraction p of the weights is dropped at each call."""
    np = numpy()
    weight, _, trials = _layer(outcomes, calls)
    usable = np.abs(weight) > 1e-4  # a weight near 0 looks dropped either way
    dropped = [np.isclose(effective, 0, atol=1e-6 + 1e-3 * np.abs(weight))[usable] for effective, _, _ in trials]
    flat = np.concatenate(dropped)
    return _stats.binomial(int(flat.sum()), flat.size, p, Detail("prop.what_weights_dropped"))


@prop
def dropconnect_batch_mask(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """One mask per call: two identical rows of a batch get identical outputs."""
    np = numpy()
    _, _, trials = _layer(outcomes, calls)
    for trial, (first, second, _) in enumerate(trials):
        if not np.allclose(first, second, rtol=1e-5, atol=1e-6):
            return False, Detail("prop.connect_rows", trial=trial)
    return True, f"{len(trials)} trials: one mask shared by the batch"


@prop
def dropconnect_bias_kept(outcomes: list[list[Any]], calls: list[Any]) -> Verdict:
    """A zero input row gives the bias itself in training: the bias is never dropped or scaled."""
    np = numpy()
    _, bias, trials = _layer(outcomes, calls)
    for trial, (_, _, zero_row) in enumerate(trials):
        if not np.allclose(zero_row, bias, rtol=1e-5, atol=1e-6):
            index = int(np.argwhere(~np.isclose(zero_row, bias, rtol=1e-5, atol=1e-6))[0][0])
            return False, Detail("prop.connect_bias", trial=trial, index=index, got=zero_row[index], bias=bias[index])
    return True, f"{len(trials)} trials: the bias is always added as it is"


@prop
def linear_init(outcomes: list[list[Any]], calls: list[Any], in_features: int, out_features: int,
                bias: bool = True) -> Verdict:
    """A freshly built layer has weight (out, in) and bias (out,) drawn from U(-1/sqrt(in), 1/sqrt(in)), like nn.Linear."""
    np = numpy()
    module = outcomes[0][0].returned
    tensors = getattr(module, "tensors", None)
    if tensors is None:
        return False, Detail("prop.want_module", got=type(module).__name__)
    bound = 1 / np.sqrt(in_features)
    expected = {"weight": (out_features, in_features)} | ({"bias": (out_features,)} if bias else {})
    if set(tensors) != set(expected):
        return False, Detail("prop.linear_keys", got=sorted(tensors), want=sorted(expected))
    for name, shape in expected.items():
        values = data(tensors[name])
        if values.shape != shape:
            return False, Detail("prop.tensor_shape", name=name, got=values.shape, want=shape)
        if not np.isfinite(values).all() or np.abs(values).max() > bound * (1 + 1e-6):
            return False, Detail("prop.linear_bound", name=name, largest=np.abs(values).max(), bound=bound)
        if np.all(values == values.flat[0]):
            return False, Detail("prop.linear_constant", name=name, value=values.flat[0])
    weight = data(tensors["weight"])
    # for n uniform draws, max < bound / 2 has probability 0.75**n (below 1e-9 from n = 73)
    if weight.size >= 73 and (weight.max() < bound / 2 or weight.min() > -bound / 2):
        return False, Detail("prop.linear_spread", low=weight.min(), high=weight.max(), bound=bound)
    return True, f"weight and bias within ±1/sqrt({in_features}) = ±{bound:.4g}, spread as nn.Linear's"
