"""The references of iou-nms, roc-auc, conv2d, batchnorm-backward, cross-entropy-backward and maxpool2d-backward
against torch's builtins, sklearn, or an independent implementation written here."""

import types

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from quizdl.grader.runner import import_file
from quizdl.paths import solutions_dir


def _ref(file: str) -> types.ModuleType:
    return import_file(solutions_dir() / file, f"ref_f_{file.removesuffix('.py')}")


# iou-nms -----------------------------------------------------------------

iou_nms = _ref("iou_nms.py")


def _random_boxes(rng: np.random.Generator, n: int, *, empty: float = 0.0) -> np.ndarray:
    corner = rng.uniform(0, 20, (n, 2)).round(1)
    size = rng.uniform(0, 8, (n, 2)).round(1) * (rng.random((n, 1)) >= empty)
    return np.concatenate([corner, corner + size], axis=1)


def _iou_by_hand(a, b) -> float:
    """IoU of two boxes with Python floats, the intersection as the overlap of the two intervals."""
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _nms_by_definition(boxes, scores, threshold) -> list[int]:
    """A box survives when no surviving box of higher priority (score, then lower index) overlaps it more."""
    n = len(boxes)
    priority = sorted(range(n), key=lambda i: (-scores[i], i))
    kept: list[int] = []
    for i in priority:
        if all(_iou_by_hand(boxes[k], boxes[i]) <= threshold for k in kept):
            kept.append(i)
    return kept


@pytest.mark.parametrize("seed", range(6))
def test_box_iou_equals_the_pairwise_formula(seed):
    rng = np.random.default_rng(seed)
    b1, b2 = _random_boxes(rng, 7, empty=0.2), _random_boxes(rng, 9, empty=0.2)
    got = iou_nms.box_iou(torch.from_numpy(b1), torch.from_numpy(b2))
    want = np.array([[_iou_by_hand(a, b) for b in b2] for a in b1])
    assert got.dtype == torch.float64 and got.shape == (7, 9)
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-12, atol=1e-12)
    assert not torch.isnan(iou_nms.box_iou(torch.zeros(2, 4), torch.zeros(3, 4))).any()
    assert iou_nms.box_iou(torch.zeros(0, 4), torch.from_numpy(b2)).shape == (0, 9)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, 0.7])
def test_nms_equals_the_definition(seed, threshold):
    rng = np.random.default_rng(seed)
    boxes = _random_boxes(rng, 30)
    scores = rng.integers(0, 6, 30).astype(np.float64)  # many equal scores
    got = iou_nms.nms(torch.from_numpy(boxes), torch.from_numpy(scores), threshold)
    assert got.dtype == torch.int64
    assert got.tolist() == _nms_by_definition(boxes.tolist(), scores.tolist(), threshold)


def test_nms_edge_cases():
    assert iou_nms.nms(torch.zeros(0, 4), torch.zeros(0), 0.5).dtype == torch.int64
    assert iou_nms.nms(torch.zeros(0, 4), torch.zeros(0), 0.5).shape == (0,)
    halves = torch.tensor([[0.0, 0, 2, 1], [0, 0, 1, 1]])
    assert iou_nms.nms(halves, torch.tensor([0.9, 0.8]), 0.5).tolist() == [0, 1]  # IoU exactly 0.5 is kept
    assert iou_nms.nms(halves, torch.tensor([0.9, 0.8]), 0.49).tolist() == [0]


# roc-auc -----------------------------------------------------------------

roc = _ref("roc_auc.py")


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("levels", [None, 3, 50])
def test_roc_auc_equals_sklearn(seed, levels):
    from sklearn.metrics import roc_auc_score  # a test-only dependency

    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 400))
    y = rng.random(n) < rng.uniform(0.1, 0.9)
    y[:2] = [True, False]
    score = rng.normal(size=n) if levels is None else rng.integers(0, levels, n).astype(float)
    got = roc.roc_auc(y.astype(int), score)
    assert type(got) is float
    assert got == pytest.approx(roc_auc_score(y, score), rel=1e-12, abs=1e-12)
    assert roc.roc_auc(tuple(bool(v) for v in y), list(score)) == pytest.approx(got, abs=1e-12)


def test_roc_auc_is_the_pair_probability_and_fast():
    import time

    rng = np.random.default_rng(0)
    y, s = rng.integers(0, 2, 60), rng.integers(0, 4, 60)
    pairs = [(1.0 if p > q else 0.5 if p == q else 0.0) for p in s[y == 1] for q in s[y == 0]]
    assert roc.roc_auc(y, s) == pytest.approx(np.mean(pairs), abs=1e-12)
    y, s = rng.integers(0, 2, 200_000), rng.normal(size=200_000)
    started = time.perf_counter()
    roc.roc_auc(y, s)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("y, s", [([0, 0], [1, 2]), ([1, 1, 1], [1, 2, 3]), ([], []), ([0, 1], [1]),
                                  ([0, 1, 2], [1, 2, 3]), ([0, 1, -1], [1, 2, 3])])
def test_roc_auc_errors(y, s):
    with pytest.raises(ValueError):
        roc.roc_auc(y, s)


# conv2d ------------------------------------------------------------------

conv = _ref("conv2d.py")


@pytest.mark.parametrize("seed", range(12))
def test_conv2d_equals_torch(seed):
    rng = np.random.default_rng(seed)
    groups = int(rng.choice([1, 1, 2, 3]))
    c, o = groups * int(rng.integers(1, 4)), groups * int(rng.integers(1, 4))
    kh, kw = (int(v) for v in rng.integers(1, 5, 2))
    stride = tuple(int(v) for v in rng.integers(1, 4, 2))
    padding = tuple(int(v) for v in rng.integers(0, 3, 2))
    dilation = tuple(int(v) for v in rng.integers(1, 3, 2))
    h, w = (int(v) for v in rng.integers(dilation[0] * (kh - 1) + 1, 14, 2))
    x = rng.normal(size=(int(rng.integers(1, 4)), c, h, w))
    weight = rng.normal(size=(o, c // groups, kh, kw))
    bias = rng.normal(size=o) if seed % 2 else None
    kwargs = dict(stride=stride, padding=padding, dilation=dilation, groups=groups)
    if seed % 3 == 0:  # ints instead of pairs
        kwargs.update(stride=stride[0], padding=padding[0], dilation=dilation[0])
        h = w = max(h, w)
        x = rng.normal(size=(2, c, h, w))
    want = F.conv2d(torch.from_numpy(x), torch.from_numpy(weight), None if bias is None else torch.from_numpy(bias),
                    **kwargs).numpy()
    got = conv.conv2d(x, weight, bias, **kwargs)
    assert isinstance(got, np.ndarray) and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("shapes, kwargs", [
    (((1, 5, 6, 6), (4, 2, 3, 3)), {"groups": 2}),
    (((1, 4, 6, 6), (5, 2, 3, 3)), {"groups": 2}),
    (((1, 4, 6, 6), (2, 3, 3, 3)), {}),
    (((1, 1, 2, 5), (1, 1, 3, 3)), {}),
    (((1, 1, 6, 6), (1, 1, 3, 3)), {"dilation": 3}),
])
def test_conv2d_errors(shapes, kwargs):
    x, weight = (np.zeros(s) for s in shapes)
    with pytest.raises(ValueError):
        conv.conv2d(x, weight, **kwargs)


def test_conv2d_resnet_layer_is_fast():
    import time

    rng = np.random.default_rng(0)
    x, weight = rng.normal(size=(2, 64, 56, 56)), rng.normal(size=(64, 64, 3, 3))
    started = time.perf_counter()
    conv.conv2d(x, weight, padding=1)
    assert time.perf_counter() - started < 3.0


# batchnorm-backward ------------------------------------------------------

bn_backward = _ref("batchnorm_backward.py")


@pytest.mark.parametrize("shape", [(8, 5), (2, 3), (4, 3, 5, 6), (1, 2, 3, 4)])
@pytest.mark.parametrize("eps, offset", [(1e-5, 0.0), (0.5, 0.0), (1e-5, 1e6)])
def test_batchnorm_backward_equals_autograd(shape, eps, offset):
    rng = np.random.default_rng(sum(shape))
    x = offset + rng.normal(size=shape)
    gamma, beta = rng.normal(size=shape[1]), rng.normal(size=shape[1])
    dout = rng.normal(size=shape)
    xt, gt, bt = (torch.tensor(a, requires_grad=True) for a in (x, gamma, beta))
    out = F.batch_norm(xt, None, None, gt, bt, training=True, eps=eps)
    (out * torch.from_numpy(dout)).sum().backward()
    got = bn_backward.batchnorm_backward(x, gamma, beta, dout, eps=eps)
    assert isinstance(got, tuple) and len(got) == 3
    for mine, tensor in zip(got, (xt, gt, bt)):
        assert mine.shape == tensor.shape
        np.testing.assert_allclose(mine, tensor.grad.numpy(), rtol=1e-7, atol=1e-9)


# cross-entropy-backward --------------------------------------------------

ce = _ref("cross_entropy_backward.py")


@pytest.mark.parametrize("n, k, scale", [(6, 5, 3.0), (1, 4, 1.0), (7, 2, 2.0), (8, 6, 1e4), (16, 10, 50.0)])
def test_cross_entropy_equals_torch_and_autograd(n, k, scale):
    rng = np.random.default_rng(n * k)
    logits = rng.uniform(-scale, scale, (n, k))
    labels = rng.integers(0, k, n)
    z = torch.tensor(logits, requires_grad=True)
    loss = F.cross_entropy(z, torch.from_numpy(labels))
    loss.backward()
    got_loss, got_grad = ce.cross_entropy_with_grad(logits, labels)
    assert type(got_loss) is float and np.isfinite(got_loss)
    assert got_loss == pytest.approx(loss.item(), rel=1e-10, abs=1e-12)
    np.testing.assert_allclose(got_grad, z.grad.numpy(), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("logits, labels", [(np.zeros((3, 4)), np.array([0, 4, 1])),
                                            (np.zeros((3, 4)), np.array([0, -1, 1])),
                                            (np.zeros((0, 4)), np.zeros(0, dtype=np.int64))])
def test_cross_entropy_errors(logits, labels):
    with pytest.raises(ValueError):
        ce.cross_entropy_with_grad(logits, labels)


# maxpool2d-backward ------------------------------------------------------

maxpool = _ref("maxpool2d_backward.py")


@pytest.mark.parametrize("seed", range(40))
def test_maxpool2d_backward_equals_autograd(seed):
    """Random kernels, strides, paddings, ints or pairs, with many ties (integer values) every other time."""
    rng = np.random.default_rng(seed)
    kernel = tuple(int(v) for v in rng.integers(1, 4, 2))
    stride = None if seed % 4 == 0 else tuple(int(v) for v in rng.integers(1, 4, 2))
    padding = (int(rng.integers(0, kernel[0] // 2 + 1)), int(rng.integers(0, kernel[1] // 2 + 1)))
    if seed % 3 == 0:
        kernel, padding = kernel[0], padding[0]
        stride = stride if stride is None else stride[0]
    h, w = (int(v) for v in rng.integers(3, 9, 2))
    x = rng.integers(0, 3, (2, 2, h, w)).astype(float) if seed % 2 else rng.normal(size=(2, 2, h, w))
    if seed % 5 == 0:
        x = -10 - x  # all negative: the padding must not win
    xt = torch.tensor(x, requires_grad=True)
    out = F.max_pool2d(xt, kernel, stride, padding)
    dout = rng.normal(size=out.shape)
    (out * torch.from_numpy(dout)).sum().backward()
    got = maxpool.maxpool2d_backward(x, dout, kernel, stride, padding)
    assert got.shape == x.shape
    np.testing.assert_allclose(got, xt.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_maxpool2d_backward_ties_go_to_the_first_maximum():
    x = np.zeros((1, 1, 2, 2))
    got = maxpool.maxpool2d_backward(x, np.ones((1, 1, 1, 1)), 2)
    assert got.tolist() == [[[[1.0, 0.0], [0.0, 0.0]]]]


@pytest.mark.parametrize("x_shape, dout_shape, args", [
    ((1, 2, 6, 6), (1, 2, 1, 1), (2,)),
    ((1, 1, 6, 6), (1, 1, 8, 8), (3, 1, 2)),
    ((1, 1, 3, 3), (1, 1, 0, 0), (4, 1)),
])
def test_maxpool2d_backward_errors(x_shape, dout_shape, args):
    with pytest.raises(ValueError):
        maxpool.maxpool2d_backward(np.zeros(x_shape), np.zeros(dout_shape), *args)
