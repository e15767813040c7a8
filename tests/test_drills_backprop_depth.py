"""The backprop-in-depth generators (quizdl.drills.backprop_depth) against torch autograd and modules.

The prompt's matrices are parsed back from the generator's own text, so a test
also fails when what the learner reads disagrees with what was computed.
"""

from __future__ import annotations

import ast
import math

import pytest

from conftest import draws

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional


def test_linear_weight_grad_matches_autograd():
    for p, out in draws("linear_weight_grad", lambda r: {"layout": r.randint(1, 10**6), "row": r.randint(1, 2)}):
        x = torch.tensor(ast.literal_eval(out["x_text"]), dtype=torch.float64)
        dy = torch.tensor(ast.literal_eval(out["dy_text"]), dtype=torch.float64)
        w = torch.randn(2, 2, dtype=torch.float64, requires_grad=True)
        (x @ w).backward(dy)
        assert w.grad.shape == w.shape
        assert out["answer"] == w.grad[p["row"] - 1, out["col"] - 1].item()
        assert out["swapped"] == w.grad[out["col"] - 1, p["row"] - 1].item()


def test_linear_weight_grad_in_nn_linear_layout_is_the_transpose():
    """nn.Linear stores W as (out, in) and computes x W^T: its grad is dY^T X, the transpose of X^T dY."""
    _, out = draws("linear_weight_grad", lambda r: {"layout": r.randint(1, 10**6), "row": 1}, count=1)[0]
    x = torch.tensor(ast.literal_eval(out["x_text"]), dtype=torch.float64)
    dy = torch.tensor(ast.literal_eval(out["dy_text"]), dtype=torch.float64)
    linear = nn.Linear(2, 2, bias=False).double()
    linear(x).backward(dy)
    assert out["answer"] == linear.weight.grad[1, 0].item()


def _pool_params(r):
    g = [-2, -1, 1, 2, 3, 4]
    return {"layout": r.randint(1, 10**6), "g1": r.choice(g), "g2": r.choice(g), "g3": r.choice(g), "g4": r.choice(g)}


def test_maxpool_grad_matches_autograd():
    for p, out in draws("maxpool_overlap_grad", _pool_params):
        grid = torch.tensor(ast.literal_eval(out["grid_text"]), dtype=torch.float64)[None, None]
        upstream = torch.tensor([[p["g1"], p["g2"]], [p["g3"], p["g4"]]], dtype=torch.float64)[None, None]
        x = grid.clone().requires_grad_()
        F.max_pool2d(x, kernel_size=3, stride=1).backward(upstream)
        where = tuple((grid == out["value"]).nonzero()[0].tolist())
        assert out["answer"] == x.grad[where].item()
        assert (x.grad != 0).sum().item() <= 4 - out["windows"] + 1  # only the argmaxes receive gradient
        avg = grid.clone().requires_grad_()
        F.avg_pool2d(avg, kernel_size=3, stride=1).backward(upstream)
        assert out["avg_pool"] == pytest.approx(avg.grad[where].item())


def _transpose_params(r):
    return {"size": r.randint(2, 20), "kernel": r.choice([2, 3, 4, 5]), "stride": r.choice([2, 3]),
            "padding": r.randint(0, 2), "output_padding": r.randint(1, 2), "dilation": r.choice([1, 1, 2])}


def test_conv_transpose_size_matches_module():
    for p, out in draws("conv_transpose_output_size", _transpose_params):
        layer = nn.ConvTranspose2d(1, 1, p["kernel"], stride=p["stride"], padding=p["padding"],
                                   output_padding=p["output_padding"], dilation=p["dilation"])
        assert out["answer"] == layer(torch.zeros(1, 1, p["size"], p["size"])).shape[-1]


def test_output_padding_selects_among_the_inputs_a_strided_conv_maps_to_one_size():
    """Conv2d(k, s, p) sends several input sizes to one output size; output_padding picks which one comes back."""
    for p, out in draws("conv_transpose_output_size", _transpose_params):
        if p["output_padding"] >= p["stride"]:
            continue  # allowed when output_padding < dilation, but then no input size maps back
        back = int(out["answer"])
        conv = nn.Conv2d(1, 1, p["kernel"], stride=p["stride"], padding=p["padding"], dilation=p["dilation"])
        assert conv(torch.zeros(1, 1, back, back)).shape[-1] == p["size"]


def _init_params(r):
    return {"c_in": r.choice([3, 16, 32, 64, 128, 256]), "c_out": r.choice([16, 32, 64, 128, 256]),
            "kernel": r.choice([1, 3, 5, 7]), "scheme": r.choice(["kaiming_normal_", "xavier_normal_"])}


def test_init_std_matches_torch_fans_gain_and_samples():
    init = nn.init
    for p, out in draws("init_std", _init_params, count=60):
        weight = torch.empty(p["c_out"], p["c_in"], p["kernel"], p["kernel"], dtype=torch.float64)
        fan_in, fan_out = init._calculate_fan_in_and_fan_out(weight)
        if p["scheme"] == "kaiming_normal_":
            expected = init.calculate_gain("relu") / math.sqrt(fan_in)
        else:
            expected = init.calculate_gain("linear") * math.sqrt(2.0 / (fan_in + fan_out))
        assert out["answer"] == pytest.approx(expected, rel=1e-12)
        torch.manual_seed(0)
        repeats = max(1, 200_000 // weight.numel())
        samples = torch.cat([getattr(init, p["scheme"])(weight).flatten().clone() for _ in range(repeats)])
        assert samples.std().item() == pytest.approx(expected, rel=0.03)


@pytest.mark.parametrize("name, make, keys, tolerance", [
    ("linear_weight_grad", lambda r: {"layout": r.randint(1, 10**6), "row": r.randint(1, 2)},
     ("swapped", "first_only", "batch_mean"), 0.25),
    ("maxpool_overlap_grad", _pool_params, ("one_window", "avg_pool"), 0.25),
    ("conv_transpose_output_size", _transpose_params,
     ("conv_formula", "no_output_padding", "plus_padding", "times_size"), 0.25),
    ("init_std", _init_params, ("variance", "no_kernel", "other_scheme"), 0.00005),
])
def test_no_listed_mistake_is_within_three_tolerances(name, make, keys, tolerance):
    for _, out in draws(name, make):
        for key in keys:
            assert abs(out[key] - out["answer"]) > 3 * tolerance, key
