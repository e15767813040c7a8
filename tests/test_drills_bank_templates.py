"""The template questions of the CNN/architecture banks, rendered as a learner sees them, against torch.

For each template question in the banks below, many seeds are drawn through
quizdl's own instance code (so the YAML parameter ranges are exercised too),
and the expected answer is recomputed independently with torch modules.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from quizdl.bank.loader import load_file
from quizdl.bank.question import TemplateQuestion, build
from quizdl.quiz.instance import make_instance

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

CONTENT = Path(__file__).resolve().parent.parent / "content"
BANKS = [
    "cnn-basics", "output-size", "receptive-field", "conv-bn-fusion", "conv-1x1",
    "attention", "densenet", "deep-supervision", "pspnet-aux-loss",
]
SEEDS = 40


def _numel(module) -> int:
    return sum(p.numel() for p in module.parameters())


def _receptive_field(v) -> int:
    layers = [(v[f"k{i}"], v[f"s{i}"], v.get(f"d{i}", 1)) for i in (1, 2, 3)]
    convs = []
    for kernel, stride, dilation in layers:
        conv = nn.Conv2d(1, 1, kernel, stride=stride, dilation=dilation, bias=False)
        nn.init.ones_(conv.weight)
        convs.append(conv)
    size = 1 + sum((k - 1) * d for k, _, d in layers) * 27 + 27
    x = torch.zeros(1, 1, size, size, dtype=torch.float64, requires_grad=True)
    y = nn.Sequential(*convs).double()(x)
    grad, = torch.autograd.grad(y[0, 0, 0, 0], x)
    rows = grad[0, 0].abs().sum(dim=1).nonzero().flatten()
    return int(rows.max() - rows.min() + 1)


def _fused(v, target):
    """Run a 1x1 conv (weight w, bias b) and an eval-mode BN on inputs 0 and 1: the fused conv is y = W'x + B'."""
    t = lambda value: torch.tensor([float(value)], dtype=torch.float64)

    def conv_bn(x):
        out = F.conv2d(torch.full((1, 1, 1, 1), x, dtype=torch.float64), t(v.get("w", 1.0)).view(1, 1, 1, 1), t(v.get("b", 0.0)))
        out = F.batch_norm(out, t(v.get("mean", 0.0)), t(v["var"]), t(v["gamma"]), t(v.get("beta", 0.0)), training=False, eps=1e-5)
        return float(out)

    if target == "bias":
        return conv_bn(0.0)
    # W' = y(1) - y(0); the weight generator has no conv bias, mean or beta, which cancel here anyway
    return conv_bn(1.0) - conv_bn(0.0)


def _dense_input(v) -> int:
    seen = []
    c = v["k0"]
    layers = []
    for _ in range(v["layer"]):
        conv = nn.Conv2d(c, v["growth"], 3, padding=1, bias=False)
        layers.append(conv)
        c += v["growth"]
    x = torch.zeros(1, v["k0"], 2, 2)
    with torch.no_grad():
        for conv in layers:
            seen.append(x.shape[1])
            x = torch.cat([x, conv(x)], dim=1)
    return seen[-1]


def _transition(v) -> int:
    x = torch.zeros(1, v["k0"], 2, 2)
    with torch.no_grad():
        for _ in range(v["layers"]):
            x = torch.cat([x, nn.Conv2d(x.shape[1], v["growth"], 1, bias=False)(x)], dim=1)
        m = x.shape[1]
        return nn.Conv2d(m, int(m * v["theta"]), 1, bias=False)(x).shape[1]


def _cbam(v) -> int:
    hidden = v["channels"] // v["reduction"]
    return _numel(nn.Sequential(nn.Linear(v["channels"], hidden), nn.ReLU(), nn.Linear(hidden, v["channels"])))


def _grouped_macs_m(v) -> float:
    """Millions of multiply-accumulates, from torch's FLOP counter (2 FLOPs per MAC)."""
    from torch.utils.flop_counter import FlopCounterMode

    conv = nn.Conv2d(v["c_in"], v["c_out"], v["kernel"], stride=v["stride"], padding=v["kernel"] // 2,
                     groups=v["groups"], bias=False)
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        conv(torch.zeros(1, v["c_in"], v["size"], v["size"]))
    return counter.get_total_flops() / 2 / 1e6


ORACLES = {
    "conv_output_size": lambda v: nn.Conv2d(1, 1, v["kernel"], v["stride"], v["padding"], v["dilation"])(
        torch.zeros(1, 1, v["size"], v["size"])).shape[-1],
    "pool_output_size": lambda v: nn.MaxPool2d(v["kernel"], v["stride"], v["padding"], ceil_mode=v["ceil_mode"])(
        torch.zeros(1, 1, v["size"], v["size"])).shape[-1],
    "receptive_field": _receptive_field,
    "conv_params": lambda v: _numel(nn.Conv2d(v["c_in"], v["c_out"], v["kernel"], bias=v["bias"])),
    "conv_bn_fused_weight": lambda v: _fused(v, "weight"),
    "conv_bn_fused_bias": lambda v: _fused(v, "bias"),
    "densenet_layer_input_channels": _dense_input,
    "densenet_transition_channels": _transition,
    "bottleneck_params": lambda v: _numel(nn.Sequential(
        nn.Conv2d(v["c_in"], v["c_mid"], 1, bias=False), nn.Conv2d(v["c_mid"], v["c_out"], v["kernel"], bias=False))),
    "depthwise_separable_params": lambda v: _numel(nn.Sequential(
        nn.Conv2d(v["c_in"], v["c_in"], v["kernel"], groups=v["c_in"], bias=False),
        nn.Conv2d(v["c_in"], v["c_out"], 1, bias=False))),
    "cbam_channel_params": _cbam,
    "grouped_conv_macs": _grouped_macs_m,
}


def _template_questions():
    found = []
    for name in BANKS:
        bank = load_file(CONTENT / f"{name}.yaml").valid
        assert bank is not None, name
        found += [q for q in (build(data, bank.topic) for data in bank.data().values()) if isinstance(q, TemplateQuestion)]
    return found


TEMPLATES = _template_questions()


def test_the_banks_have_templates_for_every_generator():
    assert {q.generator for q in TEMPLATES} == set(ORACLES)


@pytest.mark.parametrize("question", TEMPLATES, ids=[q.id for q in TEMPLATES])
def test_template_answers_match_torch(question):
    for seed in range(SEEDS):
        instance = make_instance(question, "en", random.Random(seed))
        expected = ORACLES[question.generator](instance.values)
        assert question.tolerance.accepts(instance.expected, expected) or instance.expected == pytest.approx(expected), (
            seed, instance.values)
        assert instance.expected == pytest.approx(expected, rel=1e-9, abs=1e-9), (seed, instance.values)
        for mistake in instance.mistakes:
            if mistake.value != instance.expected:
                assert not question.tolerance.accepts(mistake.value, instance.expected), (seed, mistake)
                assert not question.tolerance.accepts(round(mistake.value, 2), instance.expected), (seed, mistake)
