"""The optimiser and learning-rate-schedule generators against torch.optim."""

import math
import random
from fractions import Fraction

import pytest

from quizdl.drills import registry

torch = pytest.importorskip("torch")

DRAWS = 200


def _param(value):
    return torch.nn.Parameter(torch.tensor([float(value)], dtype=torch.float64))


def _step(optimizer_cls, w, grad, state=None, **kwargs):
    """One step of a real torch optimiser on a one-element parameter; returns the new value."""
    p = _param(w)
    opt = optimizer_cls([p], **kwargs)
    if state:
        opt.state[p].update(state)
    p.grad = torch.tensor([float(grad)], dtype=torch.float64)
    opt.step()
    return p.item()


def test_sgd_step_matches_torch_sgd_with_weight_decay():
    rng = random.Random(10)
    for _ in range(DRAWS):
        w, g = rng.uniform(-3, 3), rng.uniform(-3, 3)
        lr, wd = rng.choice([0.01, 0.1, 0.5]), rng.choice([0, 1e-4, 5e-4, 0.01, 0.1])
        out = registry.run("sgd_step", dict(w=w, grad=g, lr=lr, weight_decay=wd))
        assert out["answer"] == pytest.approx(_step(torch.optim.SGD, w, g, lr=lr, weight_decay=wd), rel=1e-12, abs=1e-14)
        assert out["no_decay"] == pytest.approx(_step(torch.optim.SGD, w, g, lr=lr), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_steps_match_torch_sgd_with_a_given_velocity(nesterov):
    rng = random.Random(11 + nesterov)
    name = "nesterov_step" if nesterov else "momentum_step"
    for _ in range(DRAWS):
        w, buf, g = rng.uniform(-3, 3), rng.uniform(-2, 2), rng.uniform(-3, 3)
        lr, mu = rng.choice([0.01, 0.1, 0.5]), rng.choice([0.5, 0.8, 0.9, 0.99])
        state = {"momentum_buffer": torch.tensor([buf], dtype=torch.float64)}
        expected = _step(torch.optim.SGD, w, g, state, lr=lr, momentum=mu, nesterov=nesterov)
        out = registry.run(name, dict(w=w, buf=buf, grad=g, lr=lr, momentum=mu))
        assert out["answer"] == pytest.approx(expected, rel=1e-12, abs=1e-14)
        if nesterov:
            classical = _step(torch.optim.SGD, w, g, state | {"momentum_buffer": torch.tensor([buf], dtype=torch.float64)}, lr=lr, momentum=mu)
            assert out["classical"] == pytest.approx(classical, rel=1e-12, abs=1e-14)


def test_momentum_buffer_starts_as_the_first_gradient_in_torch():
    """PyTorch starts the buffer at the first gradient, which is what v = mu * 0 + g gives."""
    p = _param(1.0)
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    p.grad = torch.tensor([2.0], dtype=torch.float64)
    opt.step()
    assert opt.state[p]["momentum_buffer"].item() == 2.0
    assert registry.run("momentum_step", dict(w=1.0, buf=0.0, grad=2.0, lr=0.1, momentum=0.9))["answer"] == pytest.approx(p.item())


def test_adam_step_matches_torch_adam_from_a_given_state():
    rng = random.Random(12)
    for _ in range(DRAWS):
        step = rng.randint(1, 20)
        w, g = rng.uniform(-2, 2), rng.uniform(-2, 2)
        m, v = (0.0, 0.0) if step == 1 else (rng.uniform(-1, 1), rng.uniform(0.001, 1))
        lr = rng.choice([1e-3, 1e-2, 0.1])
        beta1, beta2 = rng.choice([(0.9, 0.999), (0.9, 0.99), (0.8, 0.9)])
        state = {
            "step": torch.tensor(float(step - 1)),
            "exp_avg": torch.tensor([m], dtype=torch.float64),
            "exp_avg_sq": torch.tensor([v], dtype=torch.float64),
        }
        expected = _step(torch.optim.Adam, w, g, state, lr=lr, betas=(beta1, beta2))
        out = registry.run("adam_step", dict(w=w, m=m, v=v, grad=g, step=step, lr=lr, beta1=beta1, beta2=beta2))
        assert out["answer"] == pytest.approx(expected, rel=1e-10, abs=1e-12)


def test_adam_first_step_moves_by_about_lr_and_without_correction_by_much_more():
    p = _param(0.5)
    opt = torch.optim.Adam([p], lr=1e-3)
    p.grad = torch.tensor([-7.0], dtype=torch.float64)
    opt.step()
    out = registry.run("adam_step", dict(w=0.5, m=0, v=0, grad=-7.0, step=1, lr=1e-3))
    assert out["answer"] == pytest.approx(p.item(), rel=1e-12) == pytest.approx(0.501)
    assert out["no_bias_correction"] - 0.5 == pytest.approx(1e-3 * 0.1 / math.sqrt(0.001), rel=1e-6)


def test_adamw_first_step_matches_torch_adamw_and_the_mistake_matches_adam_with_l2():
    rng = random.Random(13)
    for _ in range(DRAWS):
        w, g = rng.uniform(-3, 3), rng.choice([-1, 1]) * rng.uniform(0.01, 2)
        lr, wd = rng.choice([1e-3, 1e-2, 0.1]), rng.choice([0.01, 0.05, 0.1, 0.5])
        if g + wd * w == 0:
            continue
        out = registry.run("adamw_first_step", dict(w=w, grad=g, lr=lr, weight_decay=wd))
        assert out["answer"] == pytest.approx(_step(torch.optim.AdamW, w, g, lr=lr, weight_decay=wd), rel=1e-10, abs=1e-12)
        assert out["adam_l2"] == pytest.approx(_step(torch.optim.Adam, w, g, lr=lr, weight_decay=wd), rel=1e-10, abs=1e-12)


def test_linear_scaling_keeps_lr_per_example_and_matches_k_small_steps_on_a_linear_loss():
    rng = random.Random(14)
    for _ in range(DRAWS):
        batch = rng.choice([32, 64, 128, 256, 512, 1024, 2048, 4096, 8192])
        out = registry.run("linear_lr_scaling", dict(batch=batch))
        assert Fraction(out["answer"]).limit_denominator(10**6) == Fraction(1, 10) * Fraction(batch, 256)
    # with a constant gradient (a linear loss), k SGD steps at lr equal one step at k * lr
    k = 4
    small = _param(1.0)
    opt = torch.optim.SGD([small], lr=0.1)
    for _ in range(k):
        opt.zero_grad()
        (3.0 * small).sum().backward()
        opt.step()
    big = _param(1.0)
    opt = torch.optim.SGD([big], lr=registry.run("linear_lr_scaling", dict(batch=256 * k))["answer"])
    (3.0 * big).sum().backward()
    opt.step()
    assert big.item() == pytest.approx(small.item())


def _scheduled_lrs(make_scheduler, base_lr, total):
    p = _param(0.0)
    opt = torch.optim.SGD([p], lr=base_lr)
    scheduler = make_scheduler(opt)
    lrs = [opt.param_groups[0]["lr"]]
    for _ in range(total):
        opt.step()
        scheduler.step()
        lrs.append(opt.param_groups[0]["lr"])
    return lrs


def test_cosine_lr_matches_cosine_annealing_lr():
    rng = random.Random(15)
    for _ in range(30):
        total, base_lr = rng.randint(5, 300), rng.choice([0.1, 0.4, 1.0, 3e-4])
        lrs = _scheduled_lrs(lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total), base_lr, total)
        for step, lr in enumerate(lrs):
            out = registry.run("cosine_lr", dict(base_lr=base_lr, total=total, step=step))
            assert out["answer"] == pytest.approx(lr, rel=1e-9, abs=1e-12)


def test_cosine_lr_with_warmup_matches_linear_then_cosine_annealing():
    from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

    rng = random.Random(16)
    for _ in range(30):
        total = rng.randint(10, 300)
        warmup = rng.randint(1, total - 1)
        base_lr = rng.choice([0.1, 0.4, 1.0, 3e-4])

        def make(opt):
            ramp = LinearLR(opt, start_factor=1e-12, end_factor=1.0, total_iters=warmup)
            decay = CosineAnnealingLR(opt, T_max=total - warmup)
            return SequentialLR(opt, [ramp, decay], milestones=[warmup])

        lrs = _scheduled_lrs(make, base_lr, total)
        for step, lr in enumerate(lrs):
            out = registry.run("cosine_lr_warmup", dict(base_lr=base_lr, warmup=warmup, total=total, step=step))
            assert out["answer"] == pytest.approx(lr, rel=1e-9, abs=1e-9)


def test_the_warmup_drill_draws_both_phases_and_explains_the_one_drawn():
    from quizdl.bank.catalog import load_catalog
    from quizdl.quiz.instance import make_instance

    question = load_catalog().questions["training-tricks-cosine-warmup-drill"]
    phases = set()
    for seed in range(60):
        instance = make_instance(question, "en", random.Random(seed))
        in_warmup = instance.values["in_warmup"]
        phases.add(in_warmup)
        assert ("t/W" in instance.values["formula"]) == in_warmup, instance.values
    assert phases == {True, False}
