"""Re-parameterisation generators against real torch conv / BN modules in eval mode."""

import random

import pytest

from quizdl.drills import registry

torch = pytest.importorskip("torch")
nn = torch.nn

DRAWS = 100
EPS = 1e-5


def _bn(gamma, beta, mean, var):
    bn = nn.BatchNorm2d(1, eps=EPS).double().eval()
    with torch.no_grad():
        bn.weight.fill_(gamma)
        bn.bias.fill_(beta)
        bn.running_mean.fill_(mean)
        bn.running_var.fill_(var)
    return bn


def test_conv_bn_bias_is_the_output_of_conv_then_bn_at_zero_input():
    rng = random.Random(20)
    for _ in range(DRAWS):
        b, gamma, beta, mean = (rng.uniform(-2, 2) for _ in range(4))
        var = rng.choice([0.04, 0.25, 1.0, 2.25, 4.0, rng.uniform(0.01, 5)])
        conv = nn.Conv2d(1, 1, 1).double()
        with torch.no_grad():
            conv.bias.fill_(b)
        block = nn.Sequential(conv, _bn(gamma, beta, mean, var))
        with torch.no_grad():
            at_zero = block(torch.zeros(1, 1, 1, 1, dtype=torch.float64)).item()
            at_one = block(torch.ones(1, 1, 1, 1, dtype=torch.float64)).item()
        out = registry.run("reparam_conv_bn_bias", dict(bias=b, gamma=gamma, beta=beta, mean=mean, var=var))
        assert out["answer"] == pytest.approx(at_zero, rel=1e-10, abs=1e-12)
        assert out["scale"] * conv.weight.item() == pytest.approx(at_one - at_zero, rel=1e-10, abs=1e-12)


class _RepBlock(nn.Module):
    """One-channel RepVGG training-time block: BN(conv3x3) + BN(conv1x1) + BN(x)."""

    def __init__(self, k3, g3, s3, k1, g1, s1, gid, sid, rng):
        super().__init__()
        self.conv3 = nn.Conv2d(1, 1, 3, padding=1, bias=False).double()
        self.conv1 = nn.Conv2d(1, 1, 1, padding=0, bias=False).double()
        with torch.no_grad():
            self.conv3.weight.uniform_(-1, 1)
            self.conv3.weight[0, 0, 1, 1] = k3
            self.conv1.weight.fill_(k1)
        # sigma = sqrt(running_var + eps)
        self.bn3 = _bn(g3, rng.uniform(-1, 1), rng.uniform(-1, 1), s3**2 - EPS)
        self.bn1 = _bn(g1, rng.uniform(-1, 1), rng.uniform(-1, 1), s1**2 - EPS)
        self.bnid = _bn(gid, rng.uniform(-1, 1), rng.uniform(-1, 1), sid**2 - EPS)

    def forward(self, x):
        return self.bn3(self.conv3(x)) + self.bn1(self.conv1(x)) + self.bnid(x)


def _fused_kernel(block):
    """Read the equivalent 3x3 kernel off the (affine) block's response to an impulse."""
    impulse = torch.zeros(1, 1, 5, 5, dtype=torch.float64)
    impulse[0, 0, 2, 2] = 1
    with torch.no_grad():
        response = block(impulse) - block(torch.zeros_like(impulse))
    # cross-correlation: out[2 + i, 2 + j] = K[1 - i, 1 - j]
    return response[0, 0, 1:4, 1:4].flip(0, 1)


def test_repvgg_centre_weight_matches_the_eval_mode_block():
    rng = random.Random(21)
    for _ in range(DRAWS):
        params = dict(
            k3=rng.uniform(-1, 1), g3=rng.uniform(0.2, 2), s3=rng.uniform(0.1, 3),
            k1=rng.uniform(-1, 1), g1=rng.uniform(0.2, 2), s1=rng.uniform(0.1, 3),
            gid=rng.uniform(0.2, 2), sid=rng.uniform(0.1, 3),
        )
        block = _RepBlock(**params, rng=rng).eval()
        kernel = _fused_kernel(block)
        out = registry.run("repvgg_centre_weight", params)
        assert out["answer"] == pytest.approx(kernel[1, 1].item(), rel=1e-10, abs=1e-12)
        # off-centre the 1x1 and identity branches add nothing: the identity is not a kernel of ones
        scale3 = params["g3"] / params["s3"]
        assert kernel[0, 0].item() == pytest.approx(block.conv3.weight[0, 0, 0, 0].item() * scale3, rel=1e-10, abs=1e-12)
