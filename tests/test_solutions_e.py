"""References of the second set (rms-norm, lora-linear, top-p-filter, focal-loss, clip-grad-norm) against
torch's builtins or an independent implementation written here, and the properties they need (after_call.py:
same_as_reference, returned_not_all_zeros)."""

import types

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from quizdl.grader.runner import import_file
from quizdl.paths import solutions_dir


def _ref(file: str) -> types.ModuleType:
    return import_file(solutions_dir() / file, f"ref_e_{file.removesuffix('.py')}")


# rms-norm ------------------------------------------------------------------------


rms = _ref("rms_norm.py")


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("shape, eps", [((2, 5, 8), 1e-6), ((8,), 1e-6), ((3, 2, 4, 8), 0.1), ((4, 8), 1e-3)])
def test_rms_norm_equals_torch(shape, eps, dtype):
    torch.manual_seed(0)
    weight = torch.randn(shape[-1], dtype=dtype)
    mine, theirs = rms.RMSNorm(shape[-1], eps=eps).to(dtype), nn.RMSNorm(shape[-1], eps=eps).to(dtype)
    with torch.no_grad():
        mine.weight.copy_(weight)
        theirs.weight.copy_(weight)
    x = (torch.randn(shape, dtype=dtype) * 3).requires_grad_()
    x2 = x.detach().clone().requires_grad_()
    y, want = mine(x), theirs(x2)
    tol = dict(rtol=1e-5, atol=1e-6) if dtype == torch.float32 else dict(rtol=1e-10, atol=1e-12)
    torch.testing.assert_close(y, want, **tol)
    g = torch.randn(shape, dtype=dtype)
    (y * g).sum().backward()
    (want * g).sum().backward()
    torch.testing.assert_close(x.grad, x2.grad, **tol)
    torch.testing.assert_close(mine.weight.grad, theirs.weight.grad, **tol)


def test_rms_norm_parameters_and_zero_row():
    layer = rms.RMSNorm(5)
    assert list(layer.state_dict()) == ["weight"] and torch.equal(layer.weight, torch.ones(5))
    assert torch.equal(layer(torch.zeros(2, 5)), torch.zeros(2, 5))


# lora-linear ---------------------------------------------------------------------


lora = _ref("lora_linear.py")


@pytest.mark.parametrize("bias", [True, False])
def test_lora_forward_and_merge_against_the_written_out_formula(bias):
    torch.manual_seed(0)
    base = nn.Linear(7, 5, bias=bias)
    layer = lora.LoRALinear(base, 3, 12.0)
    assert layer.base is base and not any(p.requires_grad for p in base.parameters())
    assert [n for n, p in layer.named_parameters() if p.requires_grad] == ["lora_A", "lora_B"]
    assert set(layer.state_dict()) == {"base.weight", "lora_A", "lora_B"} | ({"base.bias"} if bias else set())
    x = torch.randn(2, 4, 7)
    torch.testing.assert_close(layer(x), base(x), rtol=0, atol=0)  # lora_B starts at zero
    assert layer.lora_A.abs().sum() > 0
    with torch.no_grad():
        layer.lora_B.normal_()
    A, B, W = layer.lora_A.detach(), layer.lora_B.detach(), base.weight.detach()
    want = x @ (W + 4.0 * B @ A).T + (base.bias.detach() if bias else 0)  # alpha / r = 4
    torch.testing.assert_close(layer(x), want)
    before = {k: v.clone() for k, v in layer.state_dict().items()}
    merged = layer.merge()
    assert isinstance(merged, nn.Linear) and (merged.bias is None) == (not bias)
    torch.testing.assert_close(merged(x), layer(x))
    assert all(torch.equal(before[k], v) for k, v in layer.state_dict().items())
    own = {p.data_ptr() for p in merged.parameters()}
    assert not own & {p.data_ptr() for p in layer.parameters()}


def test_lora_rank_below_one_raises():
    for r in (0, -1):
        with pytest.raises(ValueError):
            lora.LoRALinear(nn.Linear(3, 2), r, 1.0)


def test_returned_not_all_zeros_property():
    from quizdl.grader.properties import PROPERTIES
    from quizdl.grader.protocol import Arr, Outcome
    import numpy as np

    check = PROPERTIES["returned_not_all_zeros"]
    assert check([[Outcome(Arr("torch", "float32", np.ones((2, 3))))]], [None], shape=[2, 3])[0]
    assert not check([[Outcome(Arr("torch", "float32", np.zeros((2, 3))))]], [None], shape=[2, 3])[0]
    assert not check([[Outcome(Arr("torch", "float32", np.ones((3, 2))))]], [None], shape=[2, 3])[0]


# top-p-filter --------------------------------------------------------------------


top_p = _ref("top_p_filter.py")


def _top_p_by_loop(logits: torch.Tensor, p: float) -> torch.Tensor:
    """An independent top-p: for each row, walk the tokens by decreasing probability in float64."""
    out = logits.clone()
    rows = out.reshape(-1, out.shape[-1])
    for row in rows:
        probs = torch.softmax(row.double(), -1).tolist()
        order = sorted(range(len(probs)), key=lambda i: (-probs[i], i))
        mass = 0.0
        for rank, i in enumerate(order):
            if rank and not (p == 1 or mass < p):
                row[i] = float("-inf")
            mass += probs[i]
    return out


@pytest.mark.parametrize("shape, p", [((4, 30), 0.9), ((3, 2, 12), 0.5), ((17,), 0.05), ((5, 8), 1.0)])
def test_top_p_equals_an_independent_loop(shape, p):
    torch.manual_seed(1)
    logits = torch.randn(shape, dtype=torch.float64) * 2
    assert torch.equal(top_p.top_p_filter(logits, p), _top_p_by_loop(logits, p))


def test_top_p_edge_cases():
    equal = torch.zeros(1, 4, dtype=torch.float64)
    assert torch.isinf(top_p.top_p_filter(equal, 0.5)).tolist() == [[False, False, True, True]]
    ties = torch.tensor([[1.0, 2.0, 2.0, 0.0]])
    assert torch.isfinite(top_p.top_p_filter(ties, 0.3)).tolist() == [[False, True, False, False]]
    tiny = torch.tensor([[20.0, -40.0, -40.0, 0.0]])
    assert torch.equal(top_p.top_p_filter(tiny, 1.0), tiny)
    for bad in (0.0, -0.1, 1.01):
        with pytest.raises(ValueError):
            top_p.top_p_filter(tiny, bad)


# focal-loss ----------------------------------------------------------------------


focal = _ref("focal_loss.py")


def _torchvision_focal(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    """torchvision.ops.sigmoid_focal_loss (v0.19), written out here: torchvision is not a dependency."""
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    return {"none": loss, "mean": loss.mean() if reduction == "mean" else None,
            "sum": loss.sum() if reduction == "sum" else None}[reduction]


def _focal_from_the_paper(x, t, alpha, gamma):
    """FL(p_t) = -alpha_t (1 - p_t)^gamma log(p_t), from the RetinaNet paper, in float64 with log-sigmoid."""
    x, t = x.double(), t.double()
    log_pt = torch.where(t > 0.5, F.logsigmoid(x), F.logsigmoid(-x))
    weight = (alpha * t + (1 - alpha) * (1 - t)) if alpha >= 0 else torch.ones_like(t)
    return -weight * (1 - log_pt.exp()) ** gamma * log_pt


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("alpha, gamma, reduction", [(0.25, 2.0, "none"), (0.6, 1.5, "mean"), (-1.0, 0.0, "sum"),
                                                     (0.5, 3.0, "none")])
def test_focal_loss_equals_torchvision_formula(alpha, gamma, reduction, dtype):
    torch.manual_seed(2)
    x = (torch.randn(5, 7, dtype=dtype) * 3).requires_grad_()
    x2 = x.detach().clone().requires_grad_()
    t = (torch.rand(5, 7) < 0.3).to(dtype)
    got, want = focal.sigmoid_focal_loss(x, t, alpha, gamma, reduction), _torchvision_focal(x2, t, alpha, gamma, reduction)
    torch.testing.assert_close(got, want)
    got.sum().backward()
    want.sum().backward()
    torch.testing.assert_close(x.grad, x2.grad)
    paper = _focal_from_the_paper(x.detach(), t, alpha, gamma)
    paper = {"none": paper, "mean": paper.mean(), "sum": paper.sum()}[reduction]
    torch.testing.assert_close(got.double(), paper, rtol=1e-4, atol=1e-5)


def test_focal_loss_large_logits_and_errors():
    x = torch.tensor([100.0, -100.0, 100.0, -100.0, 0.0], requires_grad=True)
    t = torch.tensor([1.0, 1.0, 0.0, 0.0, 1.0])
    for gamma in (0.0, 1.0, 2.0):
        loss = focal.sigmoid_focal_loss(x, t, gamma=gamma)
        (grad,) = torch.autograd.grad(loss.sum(), x)
        assert torch.isfinite(loss).all() and torch.isfinite(grad).all()
        torch.testing.assert_close(loss[:4], torch.tensor([0.0, 25.0, 75.0, 0.0]))
    with pytest.raises(ValueError):
        focal.sigmoid_focal_loss(x, t, reduction="batchmean")


# clip-grad-norm ------------------------------------------------------------------


clip = _ref("clip_grad_norm.py")


def _with_grads(seed, dtype, scale, none_at=None):
    torch.manual_seed(seed)
    tensors = []
    for index, shape in enumerate([(4, 3), (5,), (2, 2, 2)]):
        t = torch.randn(shape, dtype=dtype)
        if index != none_at:
            t.grad = torch.randn(shape, dtype=dtype) * scale
        tensors.append(t)
    return tensors


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("norm_type", [2.0, 1.0, 3.0, float("inf")])
@pytest.mark.parametrize("scale, none_at", [(3.0, None), (0.01, None), (2.0, 1)])
def test_clip_grad_norm_equals_torch(norm_type, dtype, scale, none_at):
    mine, theirs = _with_grads(0, dtype, scale, none_at), _with_grads(0, dtype, scale, none_at)
    total = clip.clip_grad_norm_((t for t in mine), 1.0, norm_type)
    want = torch.nn.utils.clip_grad_norm_((t for t in theirs), 1.0, norm_type)
    torch.testing.assert_close(total, want)
    for a, b in zip(mine, theirs):
        assert (a.grad is None) == (b.grad is None)
        if a.grad is not None:
            torch.testing.assert_close(a.grad, b.grad)
        torch.testing.assert_close(a, b)


def test_clip_grad_norm_single_tensor_tiny_and_empty():
    t, u = torch.randn(3, 4), None
    t.grad = torch.randn(3, 4) * 5
    u = t.detach().clone()
    u.grad = t.grad.clone()
    torch.testing.assert_close(clip.clip_grad_norm_(t, 1.5), torch.nn.utils.clip_grad_norm_(u, 1.5))
    torch.testing.assert_close(t.grad, u.grad)
    tiny = torch.tensor([1.0, 2.0], dtype=torch.float64)
    tiny.grad = torch.tensor([3e-6, 4e-6], dtype=torch.float64)
    clip.clip_grad_norm_([tiny], 1e-6)
    torch.testing.assert_close(tiny.grad, torch.tensor([3e-6, 4e-6], dtype=torch.float64) * (1e-6 / (5e-6 + 1e-6)))
    assert torch.equal(clip.clip_grad_norm_([torch.zeros(2)], 1.0), torch.tensor(0.0))


def test_same_as_reference_sees_the_gradients_in_a_generator(tmp_path):
    """The property compares the .grad of every tensor a generator yielded, which `compare` cannot."""
    from quizdl.grader import judge
    from quizdl.grader.properties import PROPERTIES
    from quizdl.grader.spec import Call

    call = Call.model_validate({"function": "clip_grad_norm_", "args": [
        {"iter": [{"tensor": {"shape": [4], "seed": 1}, "grad": {"shape": [4], "dist": "normal", "std": 3, "seed": 2}},
                  {"tensor": {"shape": [3], "seed": 3}, "grad": {"shape": [3], "dist": "normal", "std": 3, "seed": 4}}]},
        1.0]})
    per_tensor = tmp_path / "per_tensor.py"
    per_tensor.write_text(
        "import torch\n"
        "def clip_grad_norm_(parameters, max_norm, norm_type=2.0):\n"
        "    total = []\n"
        "    for p in parameters:\n"
        "        n = p.grad.norm(); total.append(n)\n"
        "        p.grad.mul_(min(1.0, max_norm / (n.item() + 1e-6)))\n"
        "    return torch.stack(total).norm()\n")
    wrong = import_file(per_tensor, "e_clip_per_tensor")
    check = PROPERTIES["same_as_reference"]
    assert check(judge.outcomes_here(clip, [call]), [call], solution="clip_grad_norm.py")[0]
    passed, detail = check(judge.outcomes_here(wrong, [call]), [call], solution="clip_grad_norm.py")
    assert not passed and ".grad" in detail
