"""The numpy reference solutions against torch's builtins, autograd, or an independent brute force.

Each reference is checked against something that shares no code with it: torch's own layers,
optimizers and schedulers stepping real parameters, autograd for hand-written gradients, and
definitions computed the slow way (receptive fields from the gradient of one output pixel,
average precision threshold by threshold).
"""

import itertools
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from quizdl.grader.runner import import_file
from quizdl.paths import solutions_dir


def _load(file: str, name: str):
    return getattr(import_file(solutions_dir() / file, f"ref_numpy_{file[:-3]}"), name)


softmax_jacobian = _load("softmax_jacobian.py", "softmax_jacobian")
conv_output_size = _load("conv_output_size.py", "conv_output_size")
_norms = import_file(solutions_dir() / "norms.py", "ref_numpy_norms")
classification_metrics = _load("classification_metrics.py", "classification_metrics")
mlp_loss_and_grads = _load("mlp_backprop.py", "mlp_loss_and_grads")
_sigmoid = import_file(solutions_dir() / "sigmoid.py", "ref_numpy_sigmoid")
soft_threshold = _load("l1_soft_threshold.py", "soft_threshold")
average_precision = _load("average_precision.py", "average_precision")
receptive_field = _load("receptive_field.py", "receptive_field")
bn_update = _load("bn_running_stats.py", "bn_update")
adam_step = _load("adam_step.py", "adam_step")
sgd_momentum_step = _load("sgd_momentum.py", "sgd_momentum_step")
cosine_lr = _load("cosine_warmup_lr.py", "cosine_lr")


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


# softmax-jacobian ------------------------------------------------------------


@pytest.mark.parametrize("x", [
    np.array([1.0, 2.0, 3.0]),
    np.array([0.5, -1.5]),
    np.random.default_rng(1).normal(0, 3, 8),
    np.random.default_rng(2).uniform(-5, 5, 20),
    np.array([10000.0, 10001.0, 9999.5, 10000.5]),
    np.array([-10000.0, -10001.0, -9999.5]),
    np.array([5.0, 1.0, 10000.0, 6.0]),
])
def test_softmax_jacobian_matches_autograd(x):
    expected = torch.func.jacrev(lambda v: torch.softmax(v, 0))(t64(x)).numpy()
    np.testing.assert_allclose(softmax_jacobian(x), expected, rtol=1e-10, atol=1e-15)
    also = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, 0), t64(x)).numpy()
    np.testing.assert_allclose(softmax_jacobian(x), also, rtol=1e-10, atol=1e-15)


def test_softmax_jacobian_leaves_x_alone():
    x = np.array([3.0, -1.0, 2.0])
    softmax_jacobian(x)
    np.testing.assert_array_equal(x, [3.0, -1.0, 2.0])


# conv-output-size ------------------------------------------------------------


def test_conv_output_size_matches_conv2d_everywhere():
    """Every small configuration: torch's output height when it runs, a ValueError when torch refuses."""
    checked = 0
    for size, k, s, p, d in itertools.product(range(1, 11), range(1, 6), range(1, 4), range(0, 3), range(1, 4)):
        conv = torch.nn.Conv2d(1, 1, (k, 1), stride=(s, 1), padding=(p, 0), dilation=(d, 1), bias=False)
        try:
            with torch.no_grad():
                height = conv(torch.zeros(1, 1, size, 1)).shape[2]
        except RuntimeError:
            with pytest.raises(ValueError):
                conv_output_size(size, k, s, p, d)
            continue
        got = conv_output_size(size, k, s, p, d)
        assert type(got) is int and got == height, (size, k, s, p, d)
        checked += 1
    assert checked > 1000


@pytest.mark.parametrize("size, k, s, p", [(224, 7, 2, 3), (112, 3, 2, 1), (7, 2, 2, 0), (33, 3, 3, 1)])
def test_conv_output_size_matches_pooling(size, k, s, p):
    pooled = F.max_pool2d(torch.zeros(1, 1, size, size), k, s, p)
    assert conv_output_size(size, k, s, p) == pooled.shape[2]


@pytest.mark.parametrize("args", [(32, 0), (32, 3, 0), (32, 3, 1, 1, 0), (32, 3, 1, -1), (0, 1, 1, 1)])
def test_conv_output_size_rejects_bad_arguments(args):
    with pytest.raises(ValueError):
        conv_output_size(*args)


# norms -----------------------------------------------------------------------


def _affine(c, seed):
    rng = np.random.default_rng(seed)
    return rng.uniform(0.5, 1.5, (1, c, 1, 1)), rng.normal(size=(1, c, 1, 1))


@pytest.mark.parametrize("shape", [(4, 3, 2, 2), (2, 5, 3, 4), (3, 6, 5, 1)])
@pytest.mark.parametrize("eps", [1e-5, 0.5])
def test_norms_match_torch(shape, eps):
    x = np.random.default_rng(0).uniform(-2, 6, shape)
    n, c, h, w = shape
    gamma, beta = _affine(c, 1)
    weight, bias = t64(gamma.reshape(c)), t64(beta.reshape(c))
    tx = t64(x)

    bn = F.batch_norm(tx, None, None, weight, bias, training=True, eps=eps).numpy()
    np.testing.assert_allclose(_norms.batch_norm(x, gamma, beta, eps), bn, rtol=1e-10, atol=1e-12)

    ln = F.layer_norm(tx, (c, h, w), eps=eps).numpy() * gamma + beta  # per-channel affine, as the contract says
    np.testing.assert_allclose(_norms.layer_norm(x, gamma, beta, eps), ln, rtol=1e-10, atol=1e-12)

    inn = F.instance_norm(tx, weight=weight, bias=bias, eps=eps).numpy()
    np.testing.assert_allclose(_norms.instance_norm(x, gamma, beta, eps), inn, rtol=1e-10, atol=1e-12)

    for groups in (g for g in range(1, c + 1) if c % g == 0):
        gn = F.group_norm(tx, groups, weight, bias, eps).numpy()
        np.testing.assert_allclose(_norms.group_norm(x, gamma, beta, groups, eps), gn, rtol=1e-10, atol=1e-12)


def test_group_norm_extremes_are_layer_and_instance_norm():
    x = np.random.default_rng(3).normal(size=(2, 4, 3, 3))
    gamma, beta = _affine(4, 4)
    np.testing.assert_allclose(_norms.group_norm(x, gamma, beta, 1), _norms.layer_norm(x, gamma, beta), rtol=1e-12)
    np.testing.assert_allclose(_norms.group_norm(x, gamma, beta, 4), _norms.instance_norm(x, gamma, beta), rtol=1e-12)


@pytest.mark.parametrize("groups", [0, 3, -2, 8])
def test_group_norm_rejects_non_divisors(groups):
    gamma, beta = _affine(4, 5)
    with pytest.raises(ValueError):
        _norms.group_norm(np.zeros((2, 4, 2, 2)), gamma, beta, groups)


def test_norms_leave_x_alone():
    x = np.random.default_rng(6).normal(size=(3, 4, 2, 2))
    before = x.copy()
    gamma, beta = _affine(4, 7)
    for function in (_norms.batch_norm, _norms.layer_norm, _norms.instance_norm):
        function(x, gamma, beta)
    _norms.group_norm(x, gamma, beta, 2)
    np.testing.assert_array_equal(x, before)


# classification-metrics ------------------------------------------------------


def _metrics_by_counting(y_true, y_pred):
    pairs = list(zip(map(int, y_true), map(int, y_pred)))
    tp, fp = pairs.count((1, 1)), pairs.count((0, 1))
    tn, fn = pairs.count((0, 0)), pairs.count((1, 0))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"accuracy": (tp + tn) / len(pairs), "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0, "specificity": tn / (tn + fp) if tn + fp else 0.0}


def test_classification_metrics_worked_example():
    got = classification_metrics([1, 0, 1, 1, 0, 0, 1, 0, 1, 1], [1, 0, 0, 1, 1, 0, 1, 0, 0, 1])
    assert got == pytest.approx({"accuracy": 0.7, "precision": 0.8, "recall": 4 / 6,
                                 "f1": 2 * 0.8 * (4 / 6) / (0.8 + 4 / 6), "specificity": 0.75})
    assert all(type(v) is float for v in got.values())


@pytest.mark.parametrize("seed", range(20))
def test_classification_metrics_match_counting(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 30))
    y_true, y_pred = rng.random(n) < rng.random(), rng.random(n) < rng.random()
    for a, b in ((y_true, y_pred), (y_true.astype(int).tolist(), tuple(y_pred.astype(int)))):
        got = classification_metrics(a, b)
        assert got == pytest.approx(_metrics_by_counting(y_true, y_pred))
        assert all(type(v) is float for v in got.values())


@pytest.mark.parametrize("y_true, y_pred", [([1, 0], [1]), ([], []), ([2, 0], [1, 0]), ([1, 0], [1, -1])])
def test_classification_metrics_rejects_bad_input(y_true, y_pred):
    with pytest.raises(ValueError):
        classification_metrics(y_true, y_pred)


# mlp-backprop ----------------------------------------------------------------


def _mlp_autograd(x, y, W1, b1, W2, b2):
    params = [t64(p).requires_grad_(True) for p in (W1, b1, W2, b2)]
    tW1, tb1, tW2, tb2 = params
    out = torch.relu(t64(x) @ tW1 + tb1) @ tW2 + tb2
    loss = 0.5 * ((out - t64(y)) ** 2).sum() / x.shape[0]
    loss.backward()
    return loss.item(), {k: p.grad.numpy() for k, p in zip(("W1", "b1", "W2", "b2"), params)}


@pytest.mark.parametrize("n, d, h, o", [(4, 3, 5, 2), (16, 10, 32, 3), (1, 4, 6, 2), (8, 3, 4, 1)])
def test_mlp_gradients_match_autograd(n, d, h, o):
    rng = np.random.default_rng(n * 1000 + h)
    arrays = (rng.normal(size=(n, d)), rng.normal(size=(n, o)), rng.normal(size=(d, h)), rng.normal(size=h),
              rng.normal(size=(h, o)), rng.normal(size=o))
    copies = [a.copy() for a in arrays]
    loss, grads = mlp_loss_and_grads(*arrays)
    want_loss, want = _mlp_autograd(*arrays)
    assert type(loss) is float and loss == pytest.approx(want_loss, rel=1e-12)
    for key in want:
        np.testing.assert_allclose(grads[key], want[key], rtol=1e-10, atol=1e-12)
    for a, b in zip(arrays, copies):
        np.testing.assert_array_equal(a, b)


def test_mlp_relu_derivative_at_zero_is_zero_like_torch():
    x = np.array([[1.0, 1.0], [2.0, -1.0], [0.0, 3.0]])
    W1, b1 = np.array([[1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]]), np.array([0.0, 0.0, -2.0])
    assert (x @ W1 + b1 == 0).sum() == 5
    W2, b2, y = np.array([[1.0, -1.0], [2.0, 0.5], [-1.0, 1.0]]), np.array([0.5, -0.5]), np.array([[1.0, 0], [0, 1], [2, -1]])
    _, grads = mlp_loss_and_grads(x, y, W1, b1, W2, b2)
    _, want = _mlp_autograd(x, y, W1, b1, W2, b2)
    for key in want:
        np.testing.assert_allclose(grads[key], want[key], rtol=1e-12, atol=1e-15)
    assert grads["b1"][1] == 0 and (grads["W1"][:, 1] == 0).all()


# sigmoid ---------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sigmoid_and_grad_match_torch(dtype):
    x = np.r_[np.random.default_rng(0).normal(0, 5, 200), -1000, -800, -50, -20, 0, 20, 50, 800, 1000].astype(dtype)
    tx = torch.from_numpy(x.copy()).requires_grad_(True)
    s = torch.sigmoid(tx)
    s.sum().backward()
    rtol, atol = (1e-12, 1e-300) if dtype == np.float64 else (1e-6, 1e-30)
    got = _sigmoid.sigmoid(x)
    assert got.dtype == dtype and np.isfinite(got).all()
    np.testing.assert_allclose(got, s.detach().numpy(), rtol=rtol, atol=atol)
    grad = _sigmoid.sigmoid_grad(x)
    assert grad.dtype == dtype and np.isfinite(grad).all()
    np.testing.assert_allclose(grad, tx.grad.numpy(), rtol=1e-5 if dtype == np.float32 else 1e-9, atol=1e-12)
    assert _sigmoid.sigmoid_grad(np.array([0.0]))[0] == 0.25


# l1-soft-threshold -----------------------------------------------------------


@pytest.mark.parametrize("lam", [0.0, 0.3, 1.0, 5.0])
def test_soft_threshold_is_torch_softshrink(lam):
    w = np.r_[np.random.default_rng(1).normal(0, 2, 100), -1.0, 1.0, 0.0]
    np.testing.assert_allclose(soft_threshold(w, lam), F.softshrink(t64(w), lam).numpy(), rtol=0, atol=0)


def test_soft_threshold_is_the_l1_proximal_operator():
    """Brute force: minimise 0.5 (z - w)^2 + lam |z| over a fine grid of z, for each w."""
    z = np.linspace(-4, 4, 80001)
    lam = 0.7
    for w in np.linspace(-3, 3, 25):
        best = z[np.argmin(0.5 * (z - w) ** 2 + lam * np.abs(z))]
        assert soft_threshold(np.array([w]), lam)[0] == pytest.approx(best, abs=1e-4)


def test_soft_threshold_keeps_float32_and_rejects_negative_lam():
    w = np.random.default_rng(2).normal(size=(3, 4)).astype(np.float32)
    assert soft_threshold(w, 0.25).dtype == np.float32
    with pytest.raises(ValueError):
        soft_threshold(w, -0.1)


# average-precision -----------------------------------------------------------


def _ap_by_definition(y, s):
    """sum_n (R_n - R_{n-1}) P_n, with a mask per distinct threshold; no sorting tricks."""
    y, s = np.asarray(y).astype(int), np.asarray(s, dtype=float)
    ap, previous = 0.0, 0.0
    for t in sorted(set(s.tolist()), reverse=True):
        chosen = s >= t
        tp = int((chosen & (y == 1)).sum())
        recall = tp / int((y == 1).sum())
        ap += (recall - previous) * tp / int(chosen.sum())
        previous = recall
    return ap


def test_average_precision_sklearn_documentation_example():
    assert average_precision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.8333333333333333, rel=1e-12)


@pytest.mark.parametrize("seed", range(30))
def test_average_precision_matches_the_definition(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    y = (rng.random(n) < 0.4).astype(int)
    y[rng.integers(n)] = 1
    s = rng.integers(0, 6, n) if seed % 2 else rng.normal(size=n)  # many ties, then none
    got = average_precision(y, s)
    assert type(got) is float and got == pytest.approx(_ap_by_definition(y, s), rel=1e-12)
    perm = rng.permutation(n)  # tied samples in another order: the same AP
    assert average_precision(y[perm], s[perm]) == pytest.approx(got, rel=1e-12)


def test_average_precision_edges():
    assert average_precision([0, 1, 0, 1, 1], [0.1, 0.8, 0.3, 0.9, 0.7]) == 1.0
    assert average_precision([1, 0, 0, 1], [0.5] * 4) == pytest.approx(0.5)
    for y, s in (([0, 0], [0.1, 0.2]), ([], []), ([1, 0, 1], [0.5, 0.4]), ([1, 2], [0.3, 0.2])):
        with pytest.raises(ValueError):
            average_precision(y, s)


# receptive-field -------------------------------------------------------------


def _receptive_field_by_gradient(layers):
    """Stack all-ones Conv1d layers without padding; the input support of output pixels 0 and 1."""
    length = 1
    for k, s, d in reversed(layers):  # an input just long enough for two output pixels, plus slack
        length = (length + 1) * s + d * (k - 1) + 1
    x = torch.zeros(1, 1, length + 8, dtype=torch.float64, requires_grad=True)
    out = x
    for k, s, d in layers:
        conv = torch.nn.Conv1d(1, 1, k, stride=s, dilation=d, bias=False).double()
        torch.nn.init.ones_(conv.weight)
        out = conv(out)
    support = []
    for pixel in (0, 1):
        (grad,) = torch.autograd.grad(out[0, 0, pixel], x, retain_graph=True)
        support.append(np.flatnonzero(grad[0, 0].numpy()))
    return int(support[0][-1] - support[0][0] + 1), int(support[1][0] - support[0][0])


@pytest.mark.parametrize("layers", [
    [(3, 1, 1)],
    [(3, 1, 1)] * 3,
    [(7, 2, 1), (3, 2, 1)],
    [(3, 1, 1), (2, 2, 1), (3, 1, 1), (2, 2, 1)],
    [(3, 1, 1), (3, 1, 2), (3, 1, 4)],
    [(3, 2, 1), (3, 1, 2)],
    [(3, 1, 1), (2, 2, 1)],
    [(7, 2, 1), (3, 2, 1), (3, 1, 1), (3, 2, 1), (3, 1, 2), (1, 1, 1), (5, 2, 1), (3, 1, 3)],
])
def test_receptive_field_matches_gradient_support(layers):
    got = receptive_field(layers)
    assert all(type(v) is int for v in got)
    assert tuple(got) == _receptive_field_by_gradient(layers)


def test_receptive_field_edges():
    assert tuple(receptive_field([])) == (1, 1)
    for bad in ([(0, 1, 1)], [(3, 0, 1)], [(3, 1, 0)]):
        with pytest.raises(ValueError):
            receptive_field(bad)


# bn-running-stats ------------------------------------------------------------


@pytest.mark.parametrize("shape, momentum", [((4, 3, 2, 2), 0.1), ((8, 5, 4, 4), 0.3), ((2, 3, 1, 1), 0.5),
                                             ((3, 4, 5, 2), 1.0), ((3, 4, 2, 2), 0.0), ((6, 1, 3, 7), 0.05)])
def test_bn_update_matches_batchnorm2d_in_train_mode(shape, momentum):
    rng = np.random.default_rng(sum(shape))
    c = shape[1]
    mean, var, x = rng.normal(size=c), rng.uniform(0.5, 2.0, c), rng.normal(0, 2, shape)
    copies = mean.copy(), var.copy(), x.copy()
    bn = torch.nn.BatchNorm2d(c, momentum=momentum).double().train()
    with torch.no_grad():
        bn.running_mean.copy_(t64(mean))
        bn.running_var.copy_(t64(var))
        bn(t64(x))
    new_mean, new_var = bn_update(mean, var, x, momentum)
    np.testing.assert_allclose(new_mean, bn.running_mean.numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(new_var, bn.running_var.numpy(), rtol=1e-12, atol=1e-14)
    for a, b in zip((mean, var, x), copies):
        np.testing.assert_array_equal(a, b)


def test_bn_update_refuses_one_value_per_channel_like_torch():
    x = np.random.default_rng(0).normal(size=(1, 3, 1, 1))
    with pytest.raises(ValueError):
        torch.nn.BatchNorm2d(3).double().train()(t64(x))
    with pytest.raises(ValueError):
        bn_update(np.zeros(3), np.ones(3), x)


# adam-step -------------------------------------------------------------------


@pytest.mark.parametrize("hyper", [{}, {"lr": 0.01, "beta1": 0.5, "beta2": 0.9}, {"lr": 0.1, "eps": 0.1}])
def test_adam_step_follows_torch_adam(hyper):
    rng = np.random.default_rng(len(hyper))
    param = rng.normal(size=(4, 3))
    p = t64(param).requires_grad_(True)
    options = {k: v for k, v in hyper.items() if k in ("lr", "eps")}
    options["betas"] = (hyper.get("beta1", 0.9), hyper.get("beta2", 0.999))
    optimizer = torch.optim.Adam([p], **options)
    m, v = np.zeros_like(param), np.zeros_like(param)
    for t in range(1, 31):
        grad = rng.normal(0, 10 ** rng.uniform(-3, 1), param.shape)
        inputs = (param, grad, m, v)
        copies = [a.copy() for a in inputs]
        param, m, v = adam_step(param, grad, m, v, t, **hyper)
        for a, b in zip(inputs, copies):
            np.testing.assert_array_equal(a, b)
        p.grad = t64(grad)
        optimizer.step()
        state = optimizer.state[p]
        np.testing.assert_allclose(param, p.detach().numpy(), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(m, state["exp_avg"].numpy(), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(v, state["exp_avg_sq"].numpy(), rtol=1e-12, atol=1e-15)


def test_adam_step_counts_from_one():
    with pytest.raises(ValueError):
        adam_step(np.zeros(3), np.ones(3), np.zeros(3), np.zeros(3), 0)


# sgd-momentum ----------------------------------------------------------------


@pytest.mark.parametrize("momentum, weight_decay, nesterov", [
    (0.9, 0.0, False), (0.9, 0.01, False), (0.5, 0.1, True), (0.9, 0.0, True), (0.0, 0.0, False), (0.0, 0.05, False),
])
def test_sgd_momentum_step_follows_torch_sgd(momentum, weight_decay, nesterov):
    rng = np.random.default_rng(int(momentum * 10 + weight_decay * 100))
    param = rng.normal(size=(2, 3, 2))
    p = t64(param).requires_grad_(True)
    lr = 0.05
    optimizer = torch.optim.SGD([p], lr=lr, momentum=momentum, weight_decay=weight_decay, nesterov=nesterov)
    buf = None
    for _ in range(10):
        grad = rng.normal(size=param.shape)
        g = grad + weight_decay * param
        inputs = [a for a in (param, grad, buf) if a is not None]
        copies = [a.copy() for a in inputs]
        param, buf = sgd_momentum_step(param, grad, buf, lr, momentum, weight_decay, nesterov)
        for a, b in zip(inputs, copies):
            np.testing.assert_array_equal(a, b)
        p.grad = t64(grad)
        optimizer.step()
        np.testing.assert_allclose(param, p.detach().numpy(), rtol=1e-12, atol=1e-14)
        if momentum:
            np.testing.assert_allclose(buf, optimizer.state[p]["momentum_buffer"].numpy(), rtol=1e-12, atol=1e-14)
        else:
            np.testing.assert_allclose(buf, g, rtol=1e-12)  # the contract's choice; torch keeps no buffer


@pytest.mark.parametrize("lr, momentum, weight_decay, nesterov", [
    (-0.1, 0.9, 0.0, False), (0.1, -0.5, 0.0, False), (0.1, 0.9, -0.01, False), (0.1, 0.0, 0.0, True),
])
def test_sgd_momentum_step_rejects_what_torch_rejects(lr, momentum, weight_decay, nesterov):
    with pytest.raises(ValueError):
        torch.optim.SGD([torch.zeros(3, requires_grad=True)], lr=lr, momentum=momentum,
                        weight_decay=weight_decay, nesterov=nesterov)
    with pytest.raises(ValueError):
        sgd_momentum_step(np.zeros(3), np.ones(3), None, lr, momentum, weight_decay, nesterov)


def test_sgd_momentum_step_leaves_inputs_alone():
    rng = np.random.default_rng(3)
    arrays = [rng.normal(size=5) for _ in range(3)]
    copies = [a.copy() for a in arrays]
    sgd_momentum_step(*arrays, 0.1, 0.9, 0.01, True)
    for a, b in zip(arrays, copies):
        np.testing.assert_array_equal(a, b)


# cosine-warmup-lr ------------------------------------------------------------


@pytest.mark.parametrize("total, warmup, base, minimum", [(100, 0, 0.1, 0.0), (100, 10, 0.1, 0.001), (50, 7, 1.0, 0.2)])
def test_cosine_lr_matches_torch_cosine_annealing_after_a_linear_warmup(total, warmup, base, minimum):
    p = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=base)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total - warmup, eta_min=minimum)
    decay = [optimizer.param_groups[0]["lr"]]
    for _ in range(total - warmup):
        optimizer.step()
        scheduler.step()
        decay.append(optimizer.param_groups[0]["lr"])
    expected = list(np.linspace(0.0, base, warmup + 1)[:-1]) + decay
    got = [cosine_lr(step, total, base, warmup, minimum) for step in range(total + 1)]
    assert all(type(v) is float for v in got)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)
    assert got[-1] == pytest.approx(minimum, abs=1e-15)


def test_cosine_lr_is_the_notes_formula_without_warmup():
    for t in range(0, 101):
        assert cosine_lr(t, 100, 0.1) == pytest.approx(0.5 * (1 + math.cos(t * math.pi / 100)) * 0.1, rel=1e-12, abs=1e-18)


@pytest.mark.parametrize("args", [(-1, 100, 0.1, 0), (101, 100, 0.1, 0), (5, 10, 0.1, 10), (5, 10, 0.1, -1)])
def test_cosine_lr_rejects_out_of_range(args):
    with pytest.raises(ValueError):
        cosine_lr(*args)
