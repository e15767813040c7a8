"""The references of ema-weights, gradient-accumulation and arcface-logits against an independent computation
written here (the EMA's closed form over several steps, one autograd step on the whole batch, ArcFace through
acos), and the grader features they need: module inputs with constant state entries (`fill`) and stale
gradients (`grad`), and module results whose parameters carry their .grad into `same_as_reference`."""

import copy
import math
import types

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from quizdl.grader.runner import import_file
from quizdl.paths import solutions_dir


def _ref(file: str) -> types.ModuleType:
    return import_file(solutions_dir() / file, f"ref_g_{file.removesuffix('.py')}")


def _randomised(module: nn.Module, seed: int) -> nn.Module:
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for tensor in list(module.parameters()) + list(module.buffers()):
            if tensor.is_floating_point():
                tensor.copy_(torch.randn(tensor.shape, generator=generator, dtype=tensor.dtype).abs() + 0.1)
    return module


# ema-weights ---------------------------------------------------------------

ema = _ref("ema_weights.py")


def _net(dtype=torch.float32) -> nn.Module:
    return nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.Flatten(), nn.LazyLinear(4)).to(dtype)


def _built(seed: int, dtype=torch.float32) -> nn.Module:
    torch.manual_seed(seed)
    net = _net(dtype)
    net(torch.randn(2, 2, 5, 5, dtype=dtype))  # materialise the lazy layer
    net[1].num_batches_tracked.fill_(seed)
    return _randomised(net, seed)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("decay", [0.0, 0.5, 0.9, 0.999, 1.0])
def test_ema_steps_follow_the_closed_form(dtype, decay):
    """k updates towards a fixed model: shadow = decay^k * start + (1 - decay^k) * model, counters copied."""
    shadow, model = _built(1, dtype), _built(2, dtype)
    start = copy.deepcopy(shadow.state_dict())
    before = copy.deepcopy(model.state_dict())
    for _ in range(3):
        assert ema.ema_update(shadow, model, decay) is None
    weight = decay ** 3
    for name, value in shadow.state_dict().items():
        if value.is_floating_point():
            want = weight * start[name] + (1 - weight) * before[name]
            torch.testing.assert_close(value, want, rtol=1e-5 if dtype == torch.float32 else 1e-12, atol=1e-6)
            assert value.dtype == dtype
        else:
            assert torch.equal(value, before[name])
    for name, value in model.state_dict().items():
        assert torch.equal(value, before[name]), f"the model's {name} changed"
    for parameter in shadow.parameters():  # updated without autograd: still leaves, no graph, no gradient
        assert parameter.is_leaf and parameter.requires_grad and parameter.grad_fn is None and parameter.grad is None


def test_ema_equals_torch_swa_utils_on_the_parameters():
    from torch.optim.swa_utils import get_ema_multi_avg_fn

    shadow, model = _built(3), _built(4)
    theirs = [p.detach().clone() for p in shadow.parameters()]
    get_ema_multi_avg_fn(0.9)(theirs, [p.detach() for p in model.parameters()], torch.tensor(1))
    ema.ema_update(shadow, model, 0.9)
    for mine, want in zip(shadow.parameters(), theirs):
        torch.testing.assert_close(mine.detach(), want)


@pytest.mark.parametrize("other, decay", [
    (nn.Linear(4, 3, bias=False), 0.9), (nn.Linear(3, 4), 0.9), (nn.Linear(4, 3), 1.5), (nn.Linear(4, 3), -0.1)])
def test_ema_errors(other, decay):
    shadow = nn.Linear(4, 3)
    before = copy.deepcopy(shadow.state_dict())
    with pytest.raises(ValueError):
        ema.ema_update(shadow, other, decay)
    assert all(torch.equal(v, before[k]) for k, v in shadow.state_dict().items())


# gradient-accumulation -----------------------------------------------------

accumulation = _ref("gradient_accumulation.py")


def _large_batch_step(model: nn.Module, loss_fn, inputs, targets, lr: float):
    """One SGD step on the whole batch with autograd: what the accumulation must equal."""
    loss = loss_fn(model(inputs), targets)
    grads = torch.autograd.grad(loss, list(model.parameters()))
    with torch.no_grad():
        for parameter, grad in zip(model.parameters(), grads):
            parameter -= lr * grad
    return loss.detach(), grads


@pytest.mark.parametrize("n, k", [(8, 1), (8, 2), (8, 8), (10, 4), (7, 3), (5, 5)])
@pytest.mark.parametrize("task", ["mse", "cross-entropy"])
def test_accumulation_equals_the_large_batch_step(n, k, task):
    torch.manual_seed(n * 10 + k)
    model = nn.Sequential(nn.Linear(5, 7), nn.Tanh(), nn.Linear(7, 3)).double()
    model[0].weight.grad = torch.randn_like(model[0].weight)  # stale: must not leak into the step
    expected = copy.deepcopy(model)
    inputs = torch.randn(n, 5, dtype=torch.float64)
    if task == "mse":
        loss_fn, targets = nn.MSELoss(), torch.randn(n, 3, dtype=torch.float64)
    else:
        loss_fn, targets = nn.CrossEntropyLoss(), torch.randint(0, 3, (n,))
    loss = accumulation.accumulated_sgd_step(model, loss_fn, inputs, targets, k, 0.3)
    want_loss, grads = _large_batch_step(expected, loss_fn, inputs, targets, 0.3)
    assert loss.dim() == 0 and not loss.requires_grad and loss.dtype == torch.float64
    torch.testing.assert_close(loss, want_loss, rtol=1e-12, atol=1e-12)
    for mine, want, grad in zip(model.parameters(), expected.parameters(), grads):
        torch.testing.assert_close(mine.detach(), want.detach(), rtol=1e-12, atol=1e-12)
        torch.testing.assert_close(mine.grad, grad, rtol=1e-12, atol=1e-12)


def test_accumulation_with_batchnorm_sees_each_micro_batch():
    """In train mode BatchNorm normalises each micro-batch alone: k forward passes, k statistics updates."""
    torch.manual_seed(0)
    model, inputs, targets = nn.BatchNorm1d(4), torch.randn(8, 4), torch.randn(8, 4)
    whole = copy.deepcopy(model)
    accumulation.accumulated_sgd_step(model, nn.MSELoss(), inputs, targets, 2, 0.5)
    assert int(model.num_batches_tracked) == 2
    by_hand = copy.deepcopy(whole)
    grads = [torch.zeros_like(p) for p in by_hand.parameters()]
    for x, y in zip(inputs.split(4), targets.split(4)):
        parts = torch.autograd.grad(F.mse_loss(by_hand(x), y) / 2, list(by_hand.parameters()))
        grads = [g + p for g, p in zip(grads, parts)]
    torch.testing.assert_close(model.weight.grad, grads[0])
    torch.testing.assert_close(model.running_mean, by_hand.running_mean)
    _large_batch_step(whole, nn.MSELoss(), inputs, targets, 0.5)
    assert not torch.allclose(model.weight, whole.weight)


@pytest.mark.parametrize("n_targets, k", [(4, 0), (4, 5), (6, 2)])
def test_accumulation_errors(n_targets, k):
    with pytest.raises(ValueError):
        accumulation.accumulated_sgd_step(nn.Linear(3, 2), nn.MSELoss(), torch.randn(4, 3), torch.randn(n_targets, 2),
                                          k, 0.1)


# arcface-logits ------------------------------------------------------------

arcface = _ref("arcface_logits.py")


def _arcface_through_acos(features, weight, labels, s, m, easy_margin):
    """Element by element in Python floats: theta from acos, the margin on the angle, the fallbacks by case."""
    def unit(rows):
        return [[v / max(math.sqrt(sum(u * u for u in row)), 1e-12) for v in row] for row in rows]

    f, w = unit(features.tolist()), unit(weight.tolist())
    out = np.zeros((len(f), len(w)))
    for i, row in enumerate(f):
        for j, centre in enumerate(w):
            cos = min(1.0, max(-1.0, sum(a * b for a, b in zip(row, centre))))
            value = cos
            if j == int(labels[i]):
                theta = math.acos(cos)
                if easy_margin:
                    value = math.cos(theta + m) if cos > 0 else cos
                else:
                    value = math.cos(theta + m) if theta + m < math.pi else cos - m * math.sin(m)
            out[i, j] = s * value
    return out


@pytest.mark.parametrize("easy_margin", [False, True])
@pytest.mark.parametrize("d, m, s", [(2, 0.5, 64.0), (2, 1.2, 10.0), (8, 0.5, 30.0), (3, 0.2, 1.0)])
def test_arcface_equals_the_angle_formula(d, m, s, easy_margin):
    generator = torch.Generator().manual_seed(d * 100 + int(m * 10))
    features = torch.randn(64, d, generator=generator, dtype=torch.float64)
    weight = torch.randn(6, d, generator=generator, dtype=torch.float64) * 3
    labels = torch.randint(0, 6, (64,), generator=generator)
    got = arcface.arcface_logits(features, weight, labels, s=s, m=m, easy_margin=easy_margin)
    assert got.shape == (64, 6) and got.dtype == torch.float64
    np.testing.assert_allclose(got.numpy(), _arcface_through_acos(features, weight, labels, s, m, easy_margin),
                               rtol=1e-9, atol=1e-9)
    other = torch.ones(64, 6, dtype=torch.bool)
    other[torch.arange(64), labels] = False
    np.testing.assert_allclose(got[other].numpy() / s, (F.normalize(features) @ F.normalize(weight).T)[other].numpy())


def test_arcface_gradients_are_the_formula_s():
    generator = torch.Generator().manual_seed(7)
    features = torch.randn(5, 4, generator=generator, dtype=torch.float64, requires_grad=True)
    weight = torch.randn(3, 4, generator=generator, dtype=torch.float64, requires_grad=True)
    labels = torch.tensor([0, 2, 1, 1, 0])
    assert torch.autograd.gradcheck(lambda f, w: arcface.arcface_logits(f, w, labels, s=8.0, m=0.4), (features, weight))


def test_arcface_is_finite_at_the_edges_and_leaves_its_inputs():
    weight = torch.tensor([[-2.0, -0.5, -1.0, 1.0], [1.25, 1.0, 2.0, 2.0], [-1.5, -1.75, -1.75, 1.0]])
    features = torch.cat([weight[:1] * 3, -weight[1:2] * 2, torch.zeros(1, 4)])
    kept = (features.clone(), weight.clone())
    got = arcface.arcface_logits(features, weight, torch.tensor([0, 1, 2]), s=2.0, m=0.5)
    assert torch.isfinite(got).all()
    torch.testing.assert_close(got[0, 0], torch.tensor(2 * math.cos(0.5)))
    torch.testing.assert_close(got[1, 1], torch.tensor(2 * (-1 - 0.5 * math.sin(0.5))))
    torch.testing.assert_close(got[2], torch.tensor([0.0, 0.0, 2 * math.cos(0.5 + math.pi / 2)]))
    assert torch.equal(features, kept[0]) and torch.equal(weight, kept[1])


@pytest.mark.parametrize("f_shape, w_shape, labels", [
    ((3, 4), (5, 3), [0, 1, 2]), ((3, 4), (5, 4), [0, 5, 1]), ((3, 4), (5, 4), [0, -1, 1]), ((3, 4), (5, 4), [0, 1]),
    ((4,), (5, 4), [0])])
def test_arcface_errors(f_shape, w_shape, labels):
    with pytest.raises(ValueError):
        arcface.arcface_logits(torch.randn(f_shape), torch.randn(w_shape), torch.tensor(labels))


# the grader's module inputs and results ------------------------------------


def test_module_inputs_fill_state_entries_and_hold_stale_gradients():
    """`fill` sets a state entry (an integer counter) on both sides of the sandbox; `grad` gives every parameter
    a seeded random .grad; the description says so."""
    from quizdl.grader import runner
    from quizdl.grader.spec import ModuleValue
    from quizdl.grader.values import build, describe, encode_input

    value = ModuleValue.model_validate(
        {"module": {"class": "BatchNorm1d", "args": [3], "seed": 4, "fill": {"num_batches_tracked": 7}, "grad": True}})
    built = build(value)
    arrays: list[np.ndarray] = []
    rebuilt = runner.materialize(encode_input(value, arrays), arrays)
    for module in (built, rebuilt):
        assert int(module.num_batches_tracked) == 7
        assert module.weight.grad is not None and module.bias.grad is not None
    torch.testing.assert_close(rebuilt.weight.grad, built.weight.grad)
    assert not torch.equal(built.weight.grad, built.bias.grad)
    assert "num_batches_tracked = 7" in describe(value) and "stale" in describe(value)
    plain = runner.materialize(encode_input(ModuleValue.model_validate({"module": {"class": "Linear", "args": [2, 2]}}),
                                            arrays), arrays)
    assert plain.weight.grad is None
    with pytest.raises(ValueError, match="no state_dict entry"):
        build(ModuleValue.model_validate({"module": {"class": "Linear", "args": [2, 2], "fill": {"counter": 1}}}))


def test_same_as_reference_compares_the_gradients_a_module_argument_is_left_with(tmp_path):
    """Right weights after the step but a wrong .grad left behind (an unscaled accumulation, stepped with the
    right gradient) fails; the reference passes."""
    from quizdl.grader import judge
    from quizdl.grader.properties import PROPERTIES
    from quizdl.grader.spec import Call

    call = Call.model_validate({"function": "accumulated_sgd_step", "args": [
        {"module": {"class": "Linear", "args": [3, 2], "seed": 1, "grad": True}}, {"module": {"class": "MSELoss"}},
        {"tensor": {"shape": [4, 3], "dtype": "float32", "dist": "normal", "seed": 2}},
        {"tensor": {"shape": [4, 2], "dtype": "float32", "dist": "normal", "seed": 3}}, 2, 0.5]})
    doubled = tmp_path / "doubled.py"
    doubled.write_text(
        "import torch\n"
        "def accumulated_sgd_step(model, loss_fn, inputs, targets, accum_steps, lr):\n"
        "    model.zero_grad()\n"
        "    total = 0.0\n"
        "    for x, y in zip(inputs.tensor_split(accum_steps), targets.tensor_split(accum_steps)):\n"
        "        loss = loss_fn(model(x), y)\n"
        "        loss.backward()\n"
        "        total = total + loss.detach() / accum_steps\n"
        "    with torch.no_grad():\n"
        "        for p in model.parameters():\n"
        "            p -= lr * p.grad / accum_steps\n"
        "    return total\n")
    check = PROPERTIES["same_as_reference"]
    assert check(judge.outcomes_here(accumulation, [call]), [call], solution="gradient_accumulation.py")[0]
    passed, detail = check(judge.outcomes_here(import_file(doubled, "g_doubled"), [call]), [call],
                           solution="gradient_accumulation.py")
    assert not passed and ".grad" in detail and "argument 0" in detail
