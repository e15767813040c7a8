"""The architecture generators (quizdl.drills.architecture) against torch.

Fusion numbers are checked by running F.conv2d + F.batch_norm (eval mode) and
the fused F.conv2d on random inputs; channel counts by running a real dense
block and transition layer; parameter counts by sum(p.numel()) of real modules
(including the notes' CBAM ChannelAttentionModule, copied as printed).
"""

from __future__ import annotations


import random

import pytest

from conftest import draws
from quizdl.drills import registry
from quizdl.drills.registry import Redraw

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

DRAWS = 300


def _step(rng, lo, hi, step=0.1):
    return round(lo + step * rng.randint(0, round((hi - lo) / step)), 10)


def test_fused_weight_and_bias_reproduce_conv_then_eval_bn():
    rng = random.Random(11)
    for _ in range(DRAWS):
        p = {
            "w": _step(rng, -2, 2),
            "b": _step(rng, -1, 1),
            "gamma": _step(rng, 0.2, 2),
            "beta": _step(rng, -1, 1),
            "mean": _step(rng, -1, 1),
            "var": rng.choice([0.04, 0.09, 0.25, 0.5, 0.64, 1.0, 2.25, 4.0]),
            "eps": rng.choice([1e-5, 1e-3, 0.1]),
        }
        try:
            weight = registry.run("conv_bn_fused_weight", {k: p[k] for k in ("w", "gamma", "var", "eps")})
            bias = registry.run("conv_bn_fused_bias", {k: p[k] for k in ("b", "gamma", "beta", "mean", "var", "eps")})
        except Redraw:
            continue
        x = torch.randn(2, 1, 5, 5, dtype=torch.float64)
        t = lambda v: torch.tensor([v], dtype=torch.float64)
        reference = F.batch_norm(
            F.conv2d(x, t(p["w"]).view(1, 1, 1, 1), t(p["b"])),
            t(p["mean"]), t(p["var"]), t(p["gamma"]), t(p["beta"]), training=False, eps=p["eps"],
        )
        fused = F.conv2d(x, t(weight["answer"]).view(1, 1, 1, 1), t(bias["answer"]))
        torch.testing.assert_close(fused, reference, rtol=1e-12, atol=1e-12)


def test_fused_bias_without_conv_bias():
    # conv bias=False: B = 0, the merged bias is beta - mean * gamma / sqrt(var + eps)
    out = registry.run("conv_bn_fused_bias", {"b": 0, "gamma": 1.5, "beta": -0.1, "mean": 0.2, "var": 0.25, "eps": 0})
    assert out["answer"] == pytest.approx(-0.7)
    bn = nn.BatchNorm2d(1, eps=0).eval()
    bn.running_mean.fill_(0.2)
    bn.running_var.fill_(0.25)
    with torch.no_grad():
        bn.weight.fill_(1.5)
        bn.bias.fill_(-0.1)
        assert bn(torch.zeros(1, 1, 1, 1)).item() == pytest.approx(-0.7)


def test_fusion_mistakes_are_never_the_answer():
    for _, out in draws("conv_bn_fused_bias", lambda r: {
        "b": _step(r, -1, 1), "gamma": _step(r, 0.5, 2), "beta": _step(r, -1, 1),
        "mean": _step(r, -1, 1), "var": r.choice([0.04, 0.25, 0.64, 2.25, 4.0]),
    }):
        for key in ("no_mean", "no_beta", "var_not_std", "mean_unscaled", "beta_scaled"):
            assert abs(out[key] - out["answer"]) >= 0.02


class _DenseLayer(nn.Module):
    """BN-ReLU-1x1 conv (4k)-BN-ReLU-3x3 conv (k), output concatenated to the input (DenseNet-B)."""

    def __init__(self, c_in, growth):
        super().__init__()
        self.body = nn.Sequential(
            nn.BatchNorm2d(c_in), nn.ReLU(), nn.Conv2d(c_in, 4 * growth, 1, bias=False),
            nn.BatchNorm2d(4 * growth), nn.ReLU(), nn.Conv2d(4 * growth, growth, 3, padding=1, bias=False),
        )

    def forward(self, x):
        return torch.cat([x, self.body(x)], dim=1)


def _run_block(k0, growth, layers):
    """Input channels seen by each layer (via hooks) and the block's output channels."""
    seen = []
    block = nn.Sequential()
    c = k0
    for i in range(layers):
        layer = _DenseLayer(c, growth)
        layer.register_forward_pre_hook(lambda module, args: seen.append(args[0].shape[1]))
        block.append(layer)
        c = layer.body[-1].out_channels + c  # what the module will concatenate; checked by running below
    with torch.no_grad():
        out = block.eval()(torch.zeros(1, k0, 4, 4))
    return seen, out.shape[1]


def test_densenet_layer_input_channels_match_a_real_block():
    cache = {}
    for p, out in draws("densenet_layer_input_channels", lambda r: {
        "k0": r.choice([3, 16, 24, 64]), "growth": r.choice([4, 12, 32]), "layer": r.randint(1, 12),
    }, count=60):
        key = (p["k0"], p["growth"])
        if key not in cache:
            cache[key] = _run_block(p["k0"], p["growth"], 12)[0]
        assert out["answer"] == cache[key][p["layer"] - 1], p


def test_densenet_transition_channels_match_a_real_block_and_transition():
    for p, out in draws("densenet_transition_channels", lambda r: {
        "k0": r.choice([16, 24, 64, 128]), "growth": r.choice([4, 12, 32]),
        "layers": r.randint(1, 8), "theta": r.choice([0.5, 1.0, 0.25]),
    }, count=40):
        _, block_out = _run_block(p["k0"], p["growth"], p["layers"])
        transition = nn.Sequential(
            nn.BatchNorm2d(block_out), nn.ReLU(),
            nn.Conv2d(block_out, int(block_out * p["theta"]), 1, bias=False), nn.AvgPool2d(2, 2),
        )
        with torch.no_grad():
            channels = transition.eval()(torch.zeros(1, block_out, 4, 4)).shape[1]
        assert out["block_out"] == block_out, p
        assert out["answer"] == channels, p


def test_densenet121_numbers():
    # k0 = 64, k = 32, blocks (6, 12, 24, 16), theta = 0.5: transitions 256->128, 512->256, 1024->512, final 1024
    c = 64
    for layers in (6, 12, 24):
        out = registry.run("densenet_transition_channels", {"k0": c, "growth": 32, "layers": layers})
        c = int(out["answer"])
    assert c == 512
    assert registry.run("densenet_layer_input_channels", {"k0": c, "growth": 32, "layer": 17})["answer"] == 1024


def test_bottleneck_params_match_modules():
    for p, out in draws("bottleneck_params", lambda r: {
        "c_in": r.choice([32, 64, 192, 256, 512]), "c_mid": r.choice([16, 32, 64, 96, 128]),
        "c_out": r.choice([32, 64, 128, 256]), "kernel": r.choice([3, 5]),
    }, count=100):
        reduced = nn.Sequential(
            nn.Conv2d(p["c_in"], p["c_mid"], 1, bias=False),
            nn.Conv2d(p["c_mid"], p["c_out"], p["kernel"], bias=False),
        )
        direct = nn.Conv2d(p["c_in"], p["c_out"], p["kernel"], bias=False)
        assert out["answer"] == sum(t.numel() for t in reduced.parameters()), p
        assert out["direct"] == sum(t.numel() for t in direct.parameters()), p


def test_googlenet_5x5_branch_numbers():
    out = registry.run("bottleneck_params", {"c_in": 192, "c_mid": 16, "c_out": 32, "kernel": 5})
    assert (out["answer"], out["direct"]) == (15872, 153600)


def test_depthwise_separable_params_match_modules():
    for p, out in draws("depthwise_separable_params", lambda r: {
        "c_in": r.choice([8, 32, 64, 128]), "c_out": r.choice([16, 64, 128, 256]), "kernel": r.choice([3, 5]),
    }, count=60):
        separable = nn.Sequential(
            nn.Conv2d(p["c_in"], p["c_in"], p["kernel"], groups=p["c_in"], bias=False),
            nn.Conv2d(p["c_in"], p["c_out"], 1, bias=False),
        )
        standard = nn.Conv2d(p["c_in"], p["c_out"], p["kernel"], bias=False)
        assert out["answer"] == sum(t.numel() for t in separable.parameters()), p
        assert out["standard"] == sum(t.numel() for t in standard.parameters()), p


class ChannelAttentionModule(nn.Module):
    """As printed in the notes (004, CBAM section)."""

    def __init__(self, channel, reduction=16):
        super(ChannelAttentionModule, self).__init__()  # noqa: UP008 (as printed in the notes)
        mid_channel = channel // reduction
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.max_pool = nn.AdaptiveMaxPool2d(1)
        self.shared_MLP = nn.Sequential(
            nn.Linear(in_features=channel, out_features=mid_channel),
            nn.ReLU(inplace=True),
            nn.Linear(in_features=mid_channel, out_features=channel),
        )
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        avgout = self.shared_MLP(self.avg_pool(x).view(x.size(0), -1)).unsqueeze(2).unsqueeze(3)
        maxout = self.shared_MLP(self.max_pool(x).view(x.size(0), -1)).unsqueeze(2).unsqueeze(3)
        return self.sigmoid(avgout + maxout)


def test_cbam_channel_params_match_the_notes_module():
    for p, out in draws("cbam_channel_params", lambda r: {
        "channels": r.choice([32, 64, 128, 256, 512, 1024]), "reduction": r.choice([4, 8, 16, 32]),
    }, count=40):
        module = ChannelAttentionModule(p["channels"], p["reduction"])
        assert out["answer"] == sum(t.numel() for t in module.parameters()), p
        assert module(torch.randn(2, p["channels"], 3, 3)).shape == (2, p["channels"], 1, 1)
