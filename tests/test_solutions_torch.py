"""The torch references against torch's builtins and independent formulas, and the properties they need.

Exercises: densenet, cbam, conv-bn-fusion, label-smoothing, kd-loss, repvgg-fusion, non-local,
preact-block, pspnet-aux-loss, cgnl. Properties: dropout_on_new_features (dense.py) and
equals_conv_then_bn (fusion.py).
"""

import copy
import types

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from quizdl.grader.judge import outcomes_here
from quizdl.grader.runner import import_file
from quizdl.grader.properties import PROPERTIES
from quizdl.grader.spec import Call
from quizdl.grader.protocol import Outcome
from quizdl.paths import solutions_dir


def _ref(file: str) -> types.ModuleType:
    return import_file(solutions_dir() / file, f"ref_torch_{file.removesuffix('.py')}")


densenet = _ref("densenet.py")
cbam = _ref("cbam.py")
fusion = _ref("conv_bn_fusion.py")
smoothing = _ref("label_smoothing.py")
kd = _ref("kd_loss.py")
repvgg = _ref("repvgg_fusion.py")
non_local = _ref("non_local.py")
preact = _ref("preact_block.py")
pspnet = _ref("pspnet_aux_loss.py")
cgnl = _ref("cgnl.py")


def _randomise(module: nn.Module, seed: int = 0) -> nn.Module:
    """Random affine parameters and running statistics for every norm layer, so eval mode means something."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for layer in module.modules():
            if isinstance(layer, (nn.BatchNorm2d, nn.GroupNorm)):
                layer.weight.copy_(1 + 0.3 * torch.randn(layer.weight.shape, generator=generator))
                layer.bias.copy_(0.3 * torch.randn(layer.bias.shape, generator=generator))
            if isinstance(layer, nn.BatchNorm2d):
                layer.running_mean.copy_(0.3 * torch.randn(layer.running_mean.shape, generator=generator))
                layer.running_var.copy_(0.5 + torch.rand(layer.running_var.shape, generator=generator))
    return module


# densenet ----------------------------------------------------------------


@pytest.mark.parametrize("config, count", [
    ({}, 7_978_856),  # DenseNet-121
    ({"block_config": (6, 12, 32, 32)}, 14_149_480),  # DenseNet-169, torchvision's count
    ({"block_config": (6, 12, 48, 32)}, 20_013_928),  # DenseNet-201
    ({"growth_rate": 48, "block_config": (6, 12, 36, 24), "num_init_features": 96}, 28_681_000),  # DenseNet-161
])
def test_densenet_parameter_counts_match_torchvision(config, count):
    with torch.device("meta"):
        model = densenet.DenseNet(**config)
    assert sum(p.numel() for p in model.parameters()) == count


def test_densenet_global_pooling_equals_avg_pool_7_at_224():
    torch.manual_seed(0)
    model = densenet.DenseNet(4, (1, 1, 1, 1), 8, 2).eval()
    x = torch.randn(1, 3, 224, 224)
    features = model.features(x)
    assert features.shape[-2:] == (7, 7)
    by_seven = model.classifier(F.avg_pool2d(features, 7, stride=1).flatten(1))
    torch.testing.assert_close(model(x), by_seven)


def test_dense_layer_concatenates_input_first_and_grows_by_k():
    torch.manual_seed(1)
    layer = _randomise(densenet._DenseLayer(6, 4, 2, 0)).eval()
    x = torch.randn(2, 6, 5, 5)
    out = layer(x)
    assert out.shape == (2, 10, 5, 5)
    torch.testing.assert_close(out[:, :6], x)
    new = layer.conv2(F.relu(layer.norm2(layer.conv1(F.relu(layer.norm1(x))))))
    torch.testing.assert_close(out[:, 6:], new)


def test_dense_block_channels_and_names():
    block = densenet._DenseBlock(3, 5, 2, 4, 0)
    assert [name for name, _ in block.named_children()] == ["denselayer1", "denselayer2", "denselayer3"]
    assert [layer.norm1.num_features for layer in block.children()] == [5, 9, 13]


# dropout_on_new_features -------------------------------------------------------


class _DroppingLayer(densenet._DenseLayer):
    """The reference dense layer with its dropout swapped for a variant (a mistake, or a correct rewrite)."""

    variant = "reference"

    def forward(self, x):
        new = nn.Sequential.forward(self, x)
        p = self.drop_rate
        if self.variant == "dropout2d":
            new = F.dropout2d(new, p, self.training)
        elif self.variant == "unscaled":
            new = new * (torch.rand_like(new) >= p)
        elif self.variant == "half":
            new = F.dropout(new, 0.5, self.training) if p > 0 else new
        elif self.variant == "mask":
            new = new * (torch.rand_like(new) >= p) / (1 - p) if self.training and p > 0 else new
        elif self.variant != "none" and p > 0:
            new = F.dropout(new, p, self.training)
        out = torch.cat([x, new], 1)
        if self.variant == "after_cat":
            out = F.dropout(out, p, self.training)
        return out


# the grader core reads .grad of non-leaf results (a UserWarning, an error under pytest); not what is tested here
NON_LEAF_GRAD = "ignore:The .grad attribute of a Tensor that is not a leaf Tensor:UserWarning"


def _outcomes(namespace: types.ModuleType, calls: list[Call], reference=None) -> list[list[Outcome]]:
    """What the submission's process would report for these calls (`reference`: whose weights to load)."""
    outcomes = outcomes_here(namespace, calls, reference)
    for trials in outcomes:
        assert all(o.error is None and o.load_error is None for o in trials), trials
    return outcomes


def _dense_calls(p: float) -> list[Call]:
    x = {"tensor": {"shape": [2, 16, 6, 6], "dtype": "float32", "dist": "normal", "seed": 4}}
    return [Call.model_validate({"construct": {"class": "Layer", "args": [16, 8, 2, p]}, "mode": "train",
                                 "reference_state": True, "args": [x], "seed": 100, "trials": 6}),
            Call.model_validate({"construct": {"class": "Layer", "args": [16, 8, 2, 0]}, "mode": "train",
                                 "reference_state": True, "args": [x], "seed": 100})]


@pytest.mark.filterwarnings(NON_LEAF_GRAD)
@pytest.mark.parametrize("variant, passes, message", [
    ("reference", True, "fraction of new features zeroed"),
    ("mask", True, "fraction of new features zeroed"),
    ("none", False, "not scaled"),
    ("dropout2d", False, "Dropout2d"),
    ("after_cat", False, "the first 16 output channels"),
    ("unscaled", False, "not scaled"),
    ("half", False, "expected 0 or"),
])
def test_dropout_on_new_features(variant, passes, message, tmp_path):
    namespace = types.ModuleType("submission")
    namespace.Layer = type("Layer", (_DroppingLayer,), {"variant": variant})
    reference = types.ModuleType("reference")
    reference.Layer = densenet._DenseLayer
    calls = _dense_calls(0.3)
    ok, detail = PROPERTIES["dropout_on_new_features"](_outcomes(namespace, calls, reference), calls,
                                                       p=0.3, keep_channels=16)
    assert ok is passes, detail
    assert message in detail


# cbam ------------------------------------------------------------------------------


def test_cbam_matches_the_paper_formula():
    torch.manual_seed(2)
    block = cbam.CBAM(16, 4, 3)
    x = torch.randn(2, 16, 5, 6)
    mlp = block.channel_attention.shared_MLP
    mc = torch.sigmoid(mlp(x.mean((2, 3))) + mlp(x.amax((2, 3))))[:, :, None, None]
    refined = x * mc
    descriptor = torch.stack([refined.mean(1), refined.amax(1)], 1)
    conv = block.spatial_attention.conv2d
    ms = torch.sigmoid(F.conv2d(descriptor, conv.weight, conv.bias, padding=1))
    torch.testing.assert_close(block(x), refined * ms)
    assert block.channel_attention(x).shape == (2, 16, 1, 1)
    assert block.spatial_attention(x).shape == (2, 1, 5, 6)


# conv-bn-fusion -------------------------------------------------------------------

CONVS = [
    dict(in_channels=4, out_channels=6, kernel_size=3, padding=1),
    dict(in_channels=3, out_channels=5, kernel_size=3, padding=1, bias=False),
    dict(in_channels=3, out_channels=4, kernel_size=3, stride=2, padding=2, dilation=2),
    dict(in_channels=4, out_channels=6, kernel_size=3, padding=1, groups=2),
    dict(in_channels=3, out_channels=4, kernel_size=(3, 5), padding=(1, 2), padding_mode="circular"),
    dict(in_channels=3, out_channels=4, kernel_size=3, padding=1, padding_mode="reflect"),
]


def _conv_bn(kwargs, eps=1e-5, seed=0):
    torch.manual_seed(seed)
    conv = nn.Conv2d(**kwargs)
    bn = _randomise(nn.BatchNorm2d(kwargs["out_channels"], eps=eps), seed)
    return conv, bn


@pytest.mark.parametrize("kwargs", CONVS)
@pytest.mark.parametrize("eps", [1e-5, 0.5])
def test_fusion_equals_bn_of_conv_in_eval_and_torch_helper(kwargs, eps):
    conv, bn = _conv_bn(kwargs, eps)
    x = torch.randn(2, kwargs["in_channels"], 9, 8)
    fused = fusion.fuse_conv_bn(conv, bn.train())  # bn in train mode: still the running statistics
    assert isinstance(fused, nn.Conv2d) and fused is not conv and fused.bias is not None
    with torch.no_grad():
        expected = copy.deepcopy(bn).eval()(conv(x))
        torch.testing.assert_close(fused(x), expected, rtol=1e-4, atol=1e-5)
        helper = torch.nn.utils.fusion.fuse_conv_bn_eval(copy.deepcopy(conv).eval(), copy.deepcopy(bn).eval())
        torch.testing.assert_close(fused.weight, helper.weight)
        torch.testing.assert_close(fused.bias, helper.bias)


def test_fusion_leaves_conv_and_bn_alone():
    conv, bn = _conv_bn(CONVS[1])
    before = [copy.deepcopy(m.state_dict()) for m in (conv, bn)]
    conv.train(), bn.train()
    fusion.fuse_conv_bn(conv, bn)
    assert conv.training and bn.training and conv.bias is None
    for module, state in zip((conv, bn), before):
        for key, value in module.state_dict().items():
            torch.testing.assert_close(value, state[key], rtol=0, atol=0)


# equals_conv_then_bn -------------------------------------------------------------


def _fusion_call(bn_train=False, conv_kwargs=None):
    conv = {"module": {"class": "Conv2d", "args": [4, 6, 3], "kwargs": conv_kwargs or {"padding": 1}, "seed": 1}}
    bn = {"module": {"class": "BatchNorm2d", "args": [6], "train": bn_train, "seed": 2}}
    probe = {"tensor": {"shape": [2, 4, 7, 8], "dtype": "float32", "dist": "normal", "seed": 3}}
    return Call.model_validate({"function": "fuse", "args": [conv, bn], "probe": probe})


def _helper_on_copies(conv, bn):
    return torch.nn.utils.fusion.fuse_conv_bn_eval(copy.deepcopy(conv).eval(), copy.deepcopy(bn).eval())


def _dense_equivalent(conv, bn):
    """Right outputs, but a groups=1 conv: the weight shape differs when conv.groups > 1."""
    fused = fusion.fuse_conv_bn(conv, bn)
    dense = nn.Conv2d(conv.in_channels, conv.out_channels, 3, padding=1)
    with torch.no_grad():
        dense.weight.zero_()
        per = conv.in_channels // conv.groups
        outs = conv.out_channels // conv.groups
        for group in range(conv.groups):
            rows, cols = slice(group * outs, (group + 1) * outs), slice(group * per, (group + 1) * per)
            dense.weight[rows, cols] = fused.weight[rows]
        dense.bias.copy_(fused.bias)
    return dense


def _without_bias(conv, bn):
    fused = fusion.fuse_conv_bn(conv, bn)
    plain = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, padding=conv.padding, bias=False)
    plain.weight = fused.weight
    return plain


def _batch_stats(conv, bn):
    fused = fusion.fuse_conv_bn(conv, bn)
    with torch.no_grad():
        fused.bias.add_(0.1)
    return fused


@pytest.mark.filterwarnings(NON_LEAF_GRAD)
@pytest.mark.parametrize("make, call, passes, message", [
    (fusion.fuse_conv_bn, _fusion_call(), True, "equals bn(conv(x))"),
    (fusion.fuse_conv_bn, _fusion_call(bn_train=True), True, "equals bn(conv(x))"),
    (_helper_on_copies, _fusion_call(bn_train=True), True, "equals bn(conv(x))"),  # an eval-mode result is fine
    (lambda conv, bn: nn.Sequential(conv, bn.eval()), _fusion_call(), False, "expected an nn.Conv2d"),
    (_without_bias, _fusion_call(), False, "has no bias"),
    (_dense_equivalent, _fusion_call(conv_kwargs={"padding": 1, "groups": 2}), False, "weight has shape"),
    (_batch_stats, _fusion_call(), False, "expected bn(conv(x))"),
])
def test_equals_conv_then_bn(make, call, passes, message, tmp_path):
    namespace = types.ModuleType("submission")
    namespace.fuse = make
    ok, detail = PROPERTIES["equals_conv_then_bn"](_outcomes(namespace, [call]), [call])
    assert ok is passes, detail
    assert message in detail


# label smoothing and distillation ---------------------------------------------------


@pytest.mark.parametrize("epsilon", [0.0, 0.1, 0.35, 1.0])
@pytest.mark.parametrize("n, k", [(1, 2), (8, 5), (16, 10)])
def test_label_smoothing_matches_torch(epsilon, n, k):
    generator = torch.Generator().manual_seed(n * k)
    logits = (3 * torch.randn(n, k, generator=generator, dtype=torch.float64)).requires_grad_()
    target = torch.randint(0, k, (n,), generator=generator)
    ours = smoothing.label_smoothing_cross_entropy(logits, target, epsilon)
    theirs = F.cross_entropy(logits, target, label_smoothing=epsilon)
    torch.testing.assert_close(ours, theirs, rtol=1e-12, atol=1e-12)
    (grad_ours,) = torch.autograd.grad(ours, logits)
    (grad_theirs,) = torch.autograd.grad(theirs, logits)
    torch.testing.assert_close(grad_ours, grad_theirs, rtol=1e-12, atol=1e-12)
    q = (1 - epsilon) * F.one_hot(target, k).double() + epsilon / k  # the gradient is (p - q) / N
    torch.testing.assert_close(grad_ours, (torch.softmax(logits, 1) - q).detach() / n, rtol=1e-12, atol=1e-12)


def test_label_smoothing_is_stable_for_huge_logits():
    logits = torch.tensor([[1e4, -1e4, 0.0], [-5e3, 2e3, 1e4]], dtype=torch.float64)
    target = torch.tensor([1, 0])
    ours = smoothing.label_smoothing_cross_entropy(logits, target, 0.1)
    assert torch.isfinite(ours)
    torch.testing.assert_close(ours, F.cross_entropy(logits, target, label_smoothing=0.1))


@pytest.mark.parametrize("T, alpha", [(1.0, 0.5), (4.0, 0.7), (2.5, 1.0), (5.0, 0.0)])
def test_distillation_matches_kl_div_batchmean(T, alpha):
    generator = torch.Generator().manual_seed(int(10 * T))
    student = (2 * torch.randn(6, 5, generator=generator, dtype=torch.float64)).requires_grad_()
    teacher = (2 * torch.randn(6, 5, generator=generator, dtype=torch.float64)).requires_grad_()
    target = torch.randint(0, 5, (6,), generator=generator)
    ours = kd.distillation_loss(student, teacher, target, T, alpha)
    soft = F.kl_div(F.log_softmax(student / T, 1), F.softmax(teacher / T, 1), reduction="batchmean")
    theirs = alpha * T ** 2 * soft + (1 - alpha) * F.cross_entropy(student, target)
    torch.testing.assert_close(ours, theirs, rtol=1e-12, atol=1e-12)
    ours.backward()
    assert teacher.grad is None and student.grad is not None


def test_distillation_is_stable_for_huge_logits():
    student = torch.tensor([[1000.0, -1000.0, 0.0]], dtype=torch.float64)
    teacher = torch.tensor([[-1000.0, 1000.0, 0.0]], dtype=torch.float64)
    loss = kd.distillation_loss(student, teacher, torch.tensor([0]), 1.0, 0.5)
    assert torch.isfinite(loss)
    expected = torch.tensor(0.5 * 2000.0 + 0.5 * 0.0, dtype=torch.float64)  # KL = 2000, CE = 0
    torch.testing.assert_close(loss, expected, rtol=1e-9, atol=1e-9)


# repvgg ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [(4, 4, 1, 1), (4, 6, 1, 1), (4, 4, 2, 1), (4, 4, 1, 2), (6, 6, 1, 3)])
def test_repvgg_fused_conv_equals_the_block_in_eval(args):
    torch.manual_seed(3)
    block = _randomise(repvgg.RepVGGBlock(*args)).eval()
    x = torch.randn(2, args[0], 7, 6)
    kernel, bias = block.get_equivalent_kernel_bias()
    fused = F.relu(F.conv2d(x, kernel, bias, stride=args[2], padding=1, groups=args[3]))
    torch.testing.assert_close(fused, block(x), rtol=1e-4, atol=1e-5)
    block.train()  # the fused conv does not depend on the block's mode
    kernel_train, bias_train = block.get_equivalent_kernel_bias()
    torch.testing.assert_close(kernel_train, kernel, rtol=0, atol=0)
    torch.testing.assert_close(bias_train, bias, rtol=0, atol=0)


def test_repvgg_identity_of_ones_is_not_the_identity():
    """The notes' all-ones identity kernel sums a 3x3 neighbourhood over all channels; the right one copies x."""
    x = torch.randn(1, 3, 5, 5)
    right = torch.zeros(3, 3, 3, 3)
    right[range(3), range(3), 1, 1] = 1
    torch.testing.assert_close(F.conv2d(x, right, padding=1), x)
    assert not torch.allclose(F.conv2d(x, torch.ones(3, 3, 3, 3), padding=1), x)


# non-local -------------------------------------------------------------------------


def test_non_local_matches_einsum_and_sdpa():
    torch.manual_seed(4)
    block = non_local.NonLocalBlock(8, 4)
    x = torch.randn(2, 8, 5, 7)
    t, p, g = (conv(x).flatten(2) for conv in (block.theta, block.phi, block.g))  # (N, C', HW)
    attention = torch.einsum("nci,ncj->nij", t, p).softmax(-1)
    y = torch.einsum("nij,ncj->nci", attention, g).reshape(2, 4, 5, 7)
    torch.testing.assert_close(block(x), block.W(y) + x)
    sdpa = F.scaled_dot_product_attention(t.transpose(1, 2), p.transpose(1, 2), g.transpose(1, 2), scale=1.0)
    torch.testing.assert_close(block(x), block.W(sdpa.transpose(1, 2).reshape(2, 4, 5, 7)) + x)
    assert non_local.NonLocalBlock(6).theta.out_channels == 3


# preact-block -------------------------------------------------------------------------


def test_preact_identity_path_is_clean():
    """With the residual branch silenced, an identity block returns x exactly (no ReLU after the sum)."""
    block = _randomise(preact.PreActBlock(4, 4)).eval()
    with torch.no_grad():
        block.conv2.weight.zero_()
    x = torch.randn(2, 4, 5, 5)
    torch.testing.assert_close(block(x), x, rtol=0, atol=0)


def test_preact_projection_uses_the_shared_preactivation():
    torch.manual_seed(5)
    block = _randomise(preact.PreActBlock(4, 8, 2)).eval()
    x = torch.randn(2, 4, 7, 7)
    a = F.relu(block.bn1(x))
    expected = block.conv2(F.relu(block.bn2(block.conv1(a)))) + F.conv2d(a, block.shortcut[0].weight, stride=2)
    torch.testing.assert_close(block(x), expected)
    assert set(block.state_dict()) >= {"shortcut.0.weight"}
    assert not any(k.startswith("shortcut") for k in preact.PreActBlock(4, 4).state_dict())


# pspnet aux loss ------------------------------------------------------------------------


def test_pspnet_loss_matches_cross_entropy_and_reaches_both_branches():
    generator = torch.Generator().manual_seed(6)
    main = torch.randn(2, 3, 6, 6, generator=generator, dtype=torch.float64, requires_grad=True)
    aux = torch.randn(2, 3, 3, 3, generator=generator, dtype=torch.float64, requires_grad=True)
    target = torch.randint(0, 3, (2, 6, 6), generator=generator)
    target[0, :2] = 255
    loss = pspnet.pspnet_loss(main, aux, target)
    up = F.interpolate(aux, size=(6, 6), mode="bilinear", align_corners=True)
    labelled = target != 255
    manual_main = F.cross_entropy(main.permute(0, 2, 3, 1)[labelled], target[labelled])
    expected = manual_main + 0.4 * F.cross_entropy(up, target, ignore_index=255)
    torch.testing.assert_close(loss, expected, rtol=1e-12, atol=1e-12)
    loss.backward()
    assert main.grad.abs().sum() > 0 and aux.grad.abs().sum() > 0
    assert torch.all(main.grad[0, :, :2] == 0)  # ignored pixels get no gradient
    torch.testing.assert_close(pspnet.pspnet_loss(main, None, target), manual_main, rtol=1e-12, atol=1e-12)


# cgnl -----------------------------------------------------------------------------------


def test_cgnl_kernel_equals_the_uncompact_generalised_non_local():
    """sum_j (t_i p_j) g_j with the full (CHW x CHW) matrix equals t_i * (p . g)."""
    block = cgnl.SpatialCGNL(8, 4, use_scale=True)
    t, p, g = (torch.randn(2, 4, 3, 5, dtype=torch.float64) for _ in range(3))
    flat = [v.reshape(2, -1) for v in (t, p, g)]
    matrix = flat[0][:, :, None] * flat[1][:, None, :] / (4 * 3 * 5) ** 0.5  # (N, CHW, CHW)
    expected = (matrix @ flat[2][:, :, None]).reshape(2, 4, 3, 5)
    torch.testing.assert_close(block.kernel(t, p, g), expected, rtol=1e-12, atol=1e-12)


def test_cgnl_groups_have_their_own_scalars_and_scale_only_acts_through_gn_eps():
    torch.manual_seed(7)
    block = _randomise(cgnl.SpatialCGNL(8, 4, False, 2))
    x = torch.randn(2, 8, 4, 4)
    t, p, g = block.t(x), block.p(x), block.g(x)
    att = (p * g).reshape(2, 2, -1).sum(-1)  # (N, groups)
    y = (att[:, :, None, None, None] * t.reshape(2, 2, 2, 4, 4)).reshape(2, 4, 4, 4)
    torch.testing.assert_close(block(x), block.gn(block.z(y)) + x)
    scaled = cgnl.SpatialCGNL(8, 4, True, 2)
    scaled.load_state_dict(block.state_dict())
    for module in (block, scaled):
        module.gn.eps = 1e-12
    torch.testing.assert_close(scaled(x), block(x), rtol=1e-4, atol=1e-4)
