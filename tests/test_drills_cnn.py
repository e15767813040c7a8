"""The conv/pool generators (quizdl.drills.conv) against torch itself.

Output sizes are read off real nn.Conv2d / nn.MaxPool2d / nn.AvgPool2d outputs,
parameter counts are sums of p.numel(), and the receptive field is measured by
back-propagating from one output pixel of an all-ones conv stack and counting
the input pixels that receive a non-zero gradient.
"""

from __future__ import annotations


import pytest

from conftest import draws
from quizdl.drills import registry
from quizdl.drills.registry import Redraw

torch = pytest.importorskip("torch")
nn = torch.nn


def test_conv_output_size_matches_conv2d():

    def params(rng):
        return {
            "size": rng.randint(1, 70),
            "kernel": rng.randint(1, 7),
            "stride": rng.randint(1, 4),
            "padding": rng.randint(0, 4),
            "dilation": rng.randint(1, 3),
        }

    for p, out in draws("conv_output_size", params):
        conv = nn.Conv2d(1, 1, p["kernel"], stride=p["stride"], padding=p["padding"], dilation=p["dilation"])
        with torch.no_grad():
            shape = conv(torch.zeros(1, 1, p["size"], p["size"])).shape
        assert out["answer"] == shape[-1], p
        nodil = nn.Conv2d(1, 1, p["kernel"], stride=p["stride"], padding=p["padding"])
        if p["dilation"] == 1:
            assert out["no_dilation"] is None, "forgetting a dilation of 1 is no mistake"
        elif p["size"] + 2 * p["padding"] >= p["kernel"]:
            with torch.no_grad():
                assert out["no_dilation"] == nodil(torch.zeros(1, 1, p["size"], p["size"])).shape[-1]


def test_conv_output_size_redraws_exactly_when_torch_refuses():
    for size in range(1, 12):
        for kernel in (1, 3, 5):
            for dilation in (1, 2):
                conv = nn.Conv2d(1, 1, kernel, dilation=dilation)
                try:
                    registry.run("conv_output_size", {"size": size, "kernel": kernel, "dilation": dilation})
                except Redraw:
                    with pytest.raises(RuntimeError):
                        conv(torch.zeros(1, 1, size, size))
                else:
                    conv(torch.zeros(1, 1, size, size))


@pytest.mark.parametrize("pool_class", ["MaxPool2d", "AvgPool2d"])
def test_pool_output_size_matches_torch_pooling(pool_class):

    def params(rng):
        return {
            "size": rng.randint(1, 40),
            "kernel": rng.randint(1, 5),
            "stride": rng.randint(1, 4),
            "padding": rng.randint(0, 2),
            "ceil_mode": rng.choice([True, False]),
        }

    seen_rule = False
    for p, out in draws("pool_output_size", params, count=600):
        pool = getattr(nn, pool_class)(p["kernel"], stride=p["stride"], padding=p["padding"], ceil_mode=p["ceil_mode"])
        shape = pool(torch.zeros(1, 1, p["size"], p["size"])).shape
        assert out["answer"] == shape[-1], p
        other = getattr(nn, pool_class)(p["kernel"], stride=p["stride"], padding=p["padding"], ceil_mode=not p["ceil_mode"])
        other_size = other(torch.zeros(1, 1, p["size"], p["size"])).shape[-1]
        if out["kept_dropped_window"] is None:
            assert out["other_mode"] == other_size, p
        else:  # the last window was dropped: the ceil result fell back to the floor one, so only keeping it is wrong
            assert p["ceil_mode"] and out["kept_dropped_window"] == out["answer"] + 1 and other_size == out["answer"], p
            seen_rule = True
    assert seen_rule, "the draws never exercised PyTorch's last-window rule"


def test_pool_output_size_redraws_what_torch_rejects():
    with pytest.raises(RuntimeError):
        nn.MaxPool2d(3, stride=2, padding=2)(torch.zeros(1, 1, 8, 8))
    with pytest.raises(Redraw):
        registry.run("pool_output_size", {"size": 8, "kernel": 3, "stride": 2, "padding": 2})


def test_pool_last_window_rule_example():
    # the example a question uses: k=2, s=2, p=1, ceil_mode on 5 -> 3, naive ceil says 4
    out = registry.run("pool_output_size", {"size": 5, "kernel": 2, "stride": 2, "padding": 1, "ceil_mode": True})
    assert out["answer"] == 3 and out["naive_ceil"] == 4
    assert nn.MaxPool2d(2, 2, padding=1, ceil_mode=True)(torch.zeros(1, 1, 5, 5)).shape[-1] == 3


def _measured_receptive_field(layers):
    """(extent of output pixel 0's gradient, distance between outputs 0 and 1) for an all-ones stack."""
    convs = []
    for kernel, stride, dilation in layers:
        conv = nn.Conv2d(1, 1, kernel, stride=stride, dilation=dilation, bias=False)
        nn.init.ones_(conv.weight)
        convs.append(conv)
    model = nn.Sequential(*convs).double()
    # a generous input (an upper bound, so that the last layer has at least two outputs per axis)
    stride_product = 1
    for _, stride, _ in layers:
        stride_product *= stride
    size = 1 + sum((k - 1) * d for k, _, d in layers) * stride_product + 3 * stride_product
    x = torch.zeros(1, 1, size, size, dtype=torch.float64, requires_grad=True)
    y = model(x)
    assert y.shape[2] >= 2

    def rows(index):
        grad, = torch.autograd.grad(y[0, 0, index, 0], x, retain_graph=True)
        hit = grad[0, 0].abs().sum(dim=1).nonzero().flatten()
        return int(hit.min()), int(hit.max())

    lo0, hi0 = rows(0)
    lo1, _ = rows(1)
    return hi0 - lo0 + 1, lo1 - lo0


@pytest.mark.parametrize("dilated", [False, True])
def test_receptive_field_matches_gradient_extent(dilated):

    def params(rng):
        p = {f"k{i}": rng.choice([1, 2, 3, 5, 7]) for i in (1, 2, 3)}
        p |= {f"s{i}": rng.randint(1, 3) for i in (1, 2, 3)}
        if dilated:
            p |= {f"d{i}": rng.choice([1, 2, 3]) for i in (1, 2, 3)}
        return p

    for p, out in draws("receptive_field", params, count=80):
        layers = [(p[f"k{i}"], p[f"s{i}"], p.get(f"d{i}", 1)) for i in (1, 2, 3)]
        extent, jump = _measured_receptive_field(layers)
        assert out["answer"] == extent, p
        assert out["j3"] == jump, p
        assert out["r2"] == _measured_receptive_field(layers[:2] + [(1, 1, 1)])[0], p
        assert out["no_stride"] != out["answer"]


def test_receptive_field_classic_stacks():
    def rf(layers):
        return _measured_receptive_field(layers)[0]

    assert rf([(3, 1, 1)] * 3) == 7  # three 3x3 convs
    assert rf([(7, 2, 1), (3, 2, 1)]) == 11  # ResNet stem: conv 7x7/2 then max pool 3x3/2
    assert rf([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == 15  # dilations 1, 2, 4
    assert registry.run("receptive_field", {"k1": 7, "s1": 2, "k2": 3, "s2": 2, "k3": 1, "s3": 1})["answer"] == 11


def test_conv_params_matches_module_numel():

    def params(rng):
        return {
            "c_in": rng.choice([1, 3, 4, 8, 16, 32, 48, 64]),
            "c_out": rng.choice([1, 4, 8, 16, 24, 32, 64]),
            "kernel": rng.choice([1, 3, 5, 7]),
            "bias": rng.choice([True, False]),
            "groups": rng.choice([1, 1, 2, 4, 8]),
        }

    for p, out in draws("conv_params", params):
        conv = nn.Conv2d(p["c_in"], p["c_out"], p["kernel"], bias=p["bias"], groups=p["groups"])
        assert out["answer"] == sum(t.numel() for t in conv.parameters()), p
        assert out["weights"] == conv.weight.numel()


def test_conv_params_redraws_what_torch_rejects():
    with pytest.raises(ValueError):
        nn.Conv2d(6, 8, 3, groups=4)
    with pytest.raises(Redraw):
        registry.run("conv_params", {"c_in": 6, "c_out": 8, "kernel": 3, "groups": 4})
