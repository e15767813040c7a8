"""Backprop, add/concat and GPU-memory generators against torch: autograd and torch.optim.SGD for the
chain-rule drills, nn.Conv2d and FlopCounterMode for add versus concat, real optimizer state and
tensor sizes for memory."""

from __future__ import annotations


import pytest

from conftest import draws
from quizdl.drills import registry

torch = pytest.importorskip("torch")
F = torch.nn.functional



def _halves(rng, lo, hi):
    return rng.randrange(int(lo * 2), int(hi * 2) + 1) / 2


def test_plain_chain_update_matches_autograd_and_sgd():
    make = lambda rng: {
        "a": rng.choice([0.1, 0.2, 0.25, 0.5, 0.8]),
        "n": rng.randint(2, 12),
        "g": rng.choice([1, 0.5, 2]),
        "lr": rng.choice([0.1, 0.01, 1e-3]),
    }
    for params, out in draws("plain_chain_update", make):
        a, n, g, lr = params["a"], params["n"], params["g"], params["lr"]
        w = torch.nn.Parameter(torch.tensor(1.0, dtype=torch.float64))
        h = w * 1.0  # the first layer's output for input 1
        for _ in range(n):
            h = a * h  # a plain layer whose local derivative is a
        (g * h).backward()
        before = w.item()
        torch.optim.SGD([w], lr=lr).step()
        assert before - w.item() == pytest.approx(out["answer"], rel=1e-9)
        # the same chain with identity shortcuts: h <- h + a h
        v = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        r = v
        for _ in range(n):
            r = r + a * r
        (g * r).backward()
        assert lr * v.grad.item() == pytest.approx(out["residual_update"], rel=1e-12)


def _net_draw(rng):
    return {
        "x": _halves(rng, -2, 2),
        "w1": _halves(rng, -1.5, 1.5),
        "w2": _halves(rng, -1.5, 1.5),
        "t": rng.randint(-2, 2),
    }


def test_linear_chain_grad_matches_autograd():
    for params, out in draws("backprop_linear_chain_grad", _net_draw):
        w1 = torch.tensor(params["w1"], dtype=torch.float64, requires_grad=True)
        w2 = torch.tensor(params["w2"], dtype=torch.float64, requires_grad=True)
        y = w2 * (w1 * params["x"])
        (0.5 * (y - params["t"]) ** 2).backward()
        assert w1.grad.item() == pytest.approx(out["answer"], abs=1e-12)
        assert w2.grad.item() == pytest.approx(out["grad_w2"], abs=1e-12)


def test_relu_step_matches_autograd_and_sgd():
    make = lambda rng: {**_net_draw(rng), "lr": rng.choice([0.1, 0.05, 0.5])}
    for params, out in draws("backprop_relu_step", make):
        w1 = torch.nn.Parameter(torch.tensor(params["w1"], dtype=torch.float64))
        w2 = torch.tensor(params["w2"], dtype=torch.float64)
        y = w2 * torch.relu(w1 * params["x"])
        (0.5 * (y - params["t"]) ** 2).backward()
        torch.optim.SGD([w1], lr=params["lr"]).step()
        assert w1.item() == pytest.approx(out["answer"], abs=1e-12)


def test_add_then_conv_equals_concat_then_conv_with_tied_kernels():
    torch.manual_seed(0)
    x, y = torch.randn(2, 3, 5, 5, dtype=torch.float64), torch.randn(2, 3, 5, 5, dtype=torch.float64)
    k = torch.randn(4, 3, 3, 3, dtype=torch.float64)
    added = F.conv2d(x + y, k, padding=1)
    concatenated = F.conv2d(torch.cat([x, y], 1), torch.cat([k, k], 1), padding=1)
    assert torch.allclose(added, concatenated)


def test_concat_conv_params_match_nn_conv2d():
    make = lambda rng: {"c": rng.choice([16, 32, 64, 128, 256]), "k": rng.choice([1, 3, 5]), "c_out": rng.choice([16, 64, 128, 256])}
    for params, out in draws("concat_conv_params", make, count=60):
        count = lambda conv: sum(p.numel() for p in conv.parameters())
        after_concat = torch.nn.Conv2d(2 * params["c"], params["c_out"], params["k"])
        after_add = torch.nn.Conv2d(params["c"], params["c_out"], params["k"])
        assert count(after_concat) == out["answer"]
        assert count(after_add) == out["add_params"]


def test_concat_conv_macs_match_the_flop_counter():
    from torch.utils.flop_counter import FlopCounterMode

    make = lambda rng: {"c": rng.choice([4, 8, 16]), "k": rng.choice([1, 3, 5]), "c_out": rng.choice([4, 8, 32]), "size": rng.choice([7, 14, 28])}
    for params, out in draws("concat_conv_macs", make, count=30):
        conv = torch.nn.Conv2d(2 * params["c"], params["c_out"], params["k"], padding=params["k"] // 2, bias=False)
        with FlopCounterMode(display=False) as counter:
            conv(torch.randn(1, 2 * params["c"], params["size"], params["size"]))
        assert counter.get_total_flops() / 2 / 1e6 == pytest.approx(out["answer"], rel=1e-12)  # 1 MAC = 2 FLOPs


@pytest.mark.parametrize("optimizer", ["SGD", "SGD(momentum=0.9)", "Adam", "AdamW"])
def test_optimizer_state_matches_real_optimizer_state(optimizer):
    for params_m in (0.001, 0.0125, 0.04):
        count = round(params_m * 1e6)
        p = torch.nn.Parameter(torch.zeros(count))
        make = {
            "SGD": lambda: torch.optim.SGD([p], lr=0.1),
            "SGD(momentum=0.9)": lambda: torch.optim.SGD([p], lr=0.1, momentum=0.9),
            "Adam": lambda: torch.optim.Adam([p]),
            "AdamW": lambda: torch.optim.AdamW([p]),
        }[optimizer]
        opt = make()
        p.sum().backward()
        opt.step()
        state = [t for key, t in opt.state[p].items() if key != "step" and torch.is_tensor(t)]
        out = registry.run("optimizer_state_mb", {"params_m": params_m, "optimizer": optimizer})
        assert sum(t.nbytes for t in state) / 1e6 == pytest.approx(out["answer"], rel=1e-12, abs=1e-12)


def test_adam_training_state_matches_weights_grads_and_state():
    for params_b in (1e-6, 2.5e-6, 1e-5):
        count = round(params_b * 1e9)
        model = torch.nn.Linear(count - 1, 1)  # count - 1 weights + 1 bias = count parameters
        opt = torch.optim.Adam(model.parameters())
        model(torch.randn(2, count - 1)).sum().backward()
        opt.step()
        params = list(model.parameters())
        assert sum(p.numel() for p in params) == count
        total = sum(p.nbytes + p.grad.nbytes for p in params)
        total += sum(t.nbytes for p in params for key, t in opt.state[p].items() if key != "step")
        out = registry.run("adam_training_state_gb", {"params_b": params_b})
        assert total / 1e9 == pytest.approx(out["answer"], rel=1e-12)


def test_activation_tensor_size_matches_torch():
    make = lambda rng: {
        "n": rng.choice([8, 16, 32, 64]),
        "c": rng.choice([64, 128, 256]),
        "h": rng.choice([28, 56, 112]),
        "w": rng.choice([28, 56, 112]),
        "dtype": rng.choice(["float32", "float16", "bfloat16"]),
    }
    for params, out in draws("activation_tensor_mb", make, count=40):
        dtype = getattr(torch, params["dtype"])
        t = torch.empty(0, dtype=dtype)
        numel = params["n"] * params["c"] * params["h"] * params["w"]
        assert numel * t.element_size() / 1e6 == pytest.approx(out["answer"], rel=1e-12)
    small = torch.empty(2, 3, 4, 5, dtype=torch.float16)
    assert small.nbytes / 1e6 == registry.run("activation_tensor_mb", {"n": 2, "c": 3, "h": 4, "w": 5, "dtype": "float16"})["answer"]
