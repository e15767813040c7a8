"""The softmax / sigmoid / distillation / L-Softmax generators against torch."""

import contextlib
import math
import random

import pytest

from quizdl.drills import registry
from quizdl.drills.softmax import kd_soft_grad_values

torch = pytest.importorskip("torch")
F = torch.nn.functional

DRAWS = 300


def _t(values):
    return torch.tensor(values, dtype=torch.float64)


def test_softmax_component_matches_torch_softmax_even_for_huge_logits():
    rng = random.Random(1)
    for _ in range(DRAWS):
        xs = [rng.randint(-4, 5) + rng.choice([0, 0.5]) for _ in range(3)]
        index = rng.randint(1, 3)
        offset = rng.choice([0, 0, 100, 1000, -1000, 10000])
        out = registry.run("softmax_component", dict(x1=xs[0], x2=xs[1], x3=xs[2], index=index, offset=offset))
        shown = _t([out["v1"], out["v2"], out["v3"]])
        expected = torch.softmax(shown, dim=0)
        assert out["answer"] == pytest.approx(expected[index - 1].item(), rel=1e-12, abs=1e-15)
        assert [out["p1"], out["p2"], out["p3"]] == pytest.approx(expected.tolist(), abs=1e-12)
        assert out["sigmoid_instead"] == pytest.approx(torch.sigmoid(_t(xs[index - 1])).item())
        # the shift the explanation shows: subtracting the max leaves a 0 and no positive exponent
        shifted = [out["s1"], out["s2"], out["s3"]]
        assert max(shifted) == 0 and torch.softmax(_t(shifted), 0).tolist() == pytest.approx(expected.tolist())


def test_naive_softmax_overflows_where_the_shifted_one_does_not():
    big = _t([5.0, 1.0, 10000.0, 6.0])
    naive = torch.exp(big) / torch.exp(big).sum()
    assert torch.isnan(naive[2])
    assert torch.softmax(big, 0).tolist() == pytest.approx([0, 0, 1, 0])


def test_temperature_softmax_matches_torch():
    rng = random.Random(2)
    for _ in range(DRAWS):
        zs = [rng.uniform(-5, 8) for _ in range(3)]
        temperature = rng.choice([0.5, 1, 2, 3, 4, 5, 10, 20])
        index = rng.randint(1, 3)
        try:
            out = registry.run("temperature_softmax", dict(z1=zs[0], z2=zs[1], z3=zs[2], temperature=temperature, index=index))
        except registry.Redraw:
            continue
        assert out["answer"] == pytest.approx(torch.softmax(_t(zs) / temperature, 0)[index - 1].item(), rel=1e-12)
        assert out["at_t1"] == pytest.approx(torch.softmax(_t(zs), 0)[index - 1].item(), rel=1e-12)
        assert out["multiplied"] == pytest.approx(torch.softmax(_t(zs) * temperature, 0)[index - 1].item(), rel=1e-9, abs=1e-300)


def test_sigmoid_derivative_matches_autograd_and_is_at_most_a_quarter():
    rng = random.Random(3)
    for _ in range(DRAWS):
        x = rng.uniform(-10, 10)
        xt = _t(x).requires_grad_()
        torch.sigmoid(xt).backward()
        out = registry.run("sigmoid_derivative", dict(x=x))
        assert out["answer"] == pytest.approx(xt.grad.item(), rel=1e-12)
        assert 0 < out["answer"] <= 0.25
        assert out["sigmoid_value"] == pytest.approx(torch.sigmoid(_t(x)).item())
    assert registry.run("sigmoid_derivative", dict(x=0))["answer"] == 0.25


def test_softmax_cross_entropy_gradient_matches_autograd():
    rng = random.Random(4)
    for _ in range(DRAWS):
        zs = [rng.uniform(-4, 4) for _ in range(3)]
        label, index = rng.randint(1, 3), rng.randint(1, 3)
        z = _t(zs).requires_grad_()
        F.cross_entropy(z[None], torch.tensor([label - 1])).backward()
        out = registry.run("softmax_ce_grad", dict(z1=zs[0], z2=zs[1], z3=zs[2], label=label, index=index))
        assert out["answer"] == pytest.approx(z.grad[index - 1].item(), rel=1e-12, abs=1e-15)


def _kd_torch(teacher, student, temperature):
    s = _t(student).requires_grad_()
    loss = F.kl_div(
        F.log_softmax(s / temperature, dim=0), F.softmax(_t(teacher) / temperature, dim=0), reduction="sum"
    ) * temperature**2
    loss.backward()
    return loss.item(), s.grad


def test_kd_soft_loss_and_gradient_match_kl_div():
    rng = random.Random(5)
    for _ in range(DRAWS):
        teacher = [rng.uniform(-3, 9) for _ in range(3)]
        student = [rng.uniform(-3, 9) for _ in range(3)]
        temperature = rng.choice([1, 2, 3, 4, 5, 8, 10, 20])
        index = rng.randint(1, 3)
        loss, grad = _kd_torch(teacher, student, temperature)
        names = dict(t1=teacher[0], t2=teacher[1], t3=teacher[2], s1=student[0], s2=student[1], s3=student[2])
        with contextlib.suppress(registry.Redraw):
            out = registry.run("kd_soft_loss", dict(names, temperature=temperature))
            assert out["answer"] == pytest.approx(loss, rel=1e-9, abs=1e-12)
            assert out["no_t2"] == pytest.approx(loss / temperature**2, rel=1e-9, abs=1e-12)
            assert out["at_t1"] == pytest.approx(_kd_torch(teacher, student, 1)[0], rel=1e-9, abs=1e-12)
        out = kd_soft_grad_values(teacher, student, temperature, index)
        assert out["answer"] == pytest.approx(grad[index - 1].item(), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("name, mistakes", [
    ("temperature_softmax", ("at_t1", "multiplied")),
    ("kd_soft_loss", ("no_t2", "at_t1")),
    ("kd_soft_grad", ("no_t2", "no_temperature")),
])
def test_distillation_drills_redraw_tiny_answers_and_close_mistakes(name, mistakes):
    """3 decimals, tolerance 0.0006: an answer below 0.02, or a mistake within 3x the tolerance, is redrawn."""
    rng = random.Random(name)
    redrawn = kept = 0
    for _ in range(DRAWS):
        values = dict(t1=rng.randint(-2, 8), t2=rng.randint(-2, 8), t3=rng.randint(-2, 8),
                      s1=rng.randint(-2, 8), s2=rng.randint(-2, 8), s3=rng.randint(-2, 8),
                      temperature=rng.choice([1, 2, 4, 8]), index=rng.randint(1, 3))
        if name == "temperature_softmax":
            values = dict(z1=values["t1"], z2=values["t2"], z3=values["t3"],
                          temperature=values["temperature"], index=values["index"])
        elif name == "kd_soft_loss":
            del values["index"]
        try:
            out = registry.run(name, values)
        except registry.Redraw:
            redrawn += 1
            continue
        kept += 1
        assert abs(out["answer"]) >= 0.02
        assert all(abs(out[key] - out["answer"]) > 0.0018 for key in mistakes), values
    assert redrawn and kept


def test_soft_gradients_shrink_as_one_over_t_squared_without_the_factor():
    """Hinton et al.: for large T the unscaled soft-target gradient is about (z_i - v_i) / (N T^2)."""
    teacher, student = [1.0, -0.5, -0.5], [0.2, 0.3, -0.5]  # zero-mean logits, N = 3 classes
    for temperature in (20, 50, 100):
        out = kd_soft_grad_values(teacher, student, temperature, 1)
        approx = (student[0] - teacher[0]) / (3 * temperature**2)
        assert out["no_t2"] == pytest.approx(approx, rel=0.05)


def _lsoftmax_reference(w_norm, x_norm, theta_deg, m):
    """Liu et al.'s implementation: cos(m theta) from cos(theta) by the multiple-angle expansion."""
    cos_t = torch.cos(torch.deg2rad(_t(theta_deg)))
    sin2 = 1 - cos_t**2
    cos_mt = sum((-1) ** n * math.comb(m, 2 * n) * cos_t ** (m - 2 * n) * sin2**n for n in range(m // 2 + 1))
    k = torch.floor(torch.acos(cos_t.clamp(-1, 1)) * m / math.pi).clamp(max=m - 1)
    psi = (-1) ** k * cos_mt - 2 * k
    return (w_norm * x_norm * psi).item()


def test_lsoftmax_target_logit_matches_the_reference_and_is_monotone():
    rng = random.Random(6)
    for _ in range(DRAWS):
        m = rng.randint(1, 4)
        theta = rng.choice([rng.uniform(0, 180), rng.randrange(0, 181, 5)])
        w_norm, x_norm = rng.uniform(0.5, 3), rng.uniform(0.5, 10)
        out = registry.run("lsoftmax_target_logit", dict(w_norm=w_norm, x_norm=x_norm, theta=theta, margin=m))
        assert out["answer"] == pytest.approx(_lsoftmax_reference(w_norm, x_norm, theta, m), rel=1e-9, abs=1e-9)
        # psi never exceeds cos: the target class must win by a margin
        assert out["psi"] <= out["cos_theta"] + 1e-12
    for m in (1, 2, 3, 4):
        psis = [registry.run("lsoftmax_target_logit", dict(w_norm=1, x_norm=1, theta=t / 10, margin=m))["psi"] for t in range(1801)]
        assert all(b <= a + 1e-12 for a, b in zip(psis, psis[1:])), f"psi not monotone for m={m}"
        assert psis[-1] == pytest.approx(-(2 * m - 1))
    assert registry.run("lsoftmax_target_logit", dict(w_norm=2, x_norm=3, theta=60, margin=1))["answer"] == pytest.approx(3)
