"""Training-at-scale generators against torch: bytes per parameter of real mixed-precision Adam state sharded
as ZeRO does, the repository's reference LoRALinear, torch.amp.GradScaler's own updates, data-parallel
gradient accumulation emulated with autograd, and torch.fake_quantize_per_tensor_affine."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import draws

torch = pytest.importorskip("torch")
nn = torch.nn


def _bytes(tensors) -> int:
    return sum(t.numel() * t.element_size() for t in tensors)


def _rank0_share(tensor, gpus: int) -> int:
    return _bytes([torch.tensor_split(tensor.flatten(), gpus)[0]])


def test_zero_memory_matches_real_mixed_precision_adam_state_sharded():
    numel = 2 ** 20  # divisible by every GPU count drawn
    master = nn.Parameter(torch.randn(numel))  # fp32 master weights
    master.grad = torch.randn(numel)
    optimizer = torch.optim.Adam([master])
    optimizer.step()
    state = [master.detach(), *(v for v in optimizer.state[master].values() if v.numel() == numel)]
    weights, grads = master.detach().half(), master.grad.half()
    make = lambda rng: {"params_b": rng.choice([1.3, 7.5, 13, 70]), "gpus": rng.choice([8, 16, 64, 256]),
                        "stage": rng.choice([1, 2, 3])}
    for params, out in draws("zero_memory_gb", make, count=30):
        gpus, stage = params["gpus"], params["stage"]
        per_gpu = (sum(_rank0_share(t, gpus) for t in state)
                   + (_rank0_share(grads, gpus) if stage >= 2 else _bytes([grads]))
                   + (_rank0_share(weights, gpus) if stage >= 3 else _bytes([weights])))
        assert per_gpu / numel * params["params_b"] == pytest.approx(out["answer"], rel=1e-9)


def _reference(name: str, attribute: str):
    path = Path(__file__).parents[1] / "solutions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, attribute)


def test_lora_params_match_the_reference_lora_layer():
    lora_linear = _reference("lora_linear", "LoRALinear")
    make = lambda rng: {"d_model": rng.choice([768, 1024, 4096]), "layers": rng.choice([12, 24, 32]),
                        "rank": rng.choice([4, 8, 16, 64]), "targets": rng.choice(["q,v", "q,k,v,o"])}
    for params, out in draws("lora_params", make, count=20):
        d = params["d_model"]
        blocks = nn.ModuleList()
        for _ in range(params["layers"]):
            block = nn.ModuleDict({name: nn.Linear(d, d, device="meta") for name in "qkvo"})
            for name in params["targets"].split(","):
                block[name] = lora_linear(block[name], params["rank"], alpha=16)
            blocks.append(block)
        for name in "qkvo":  # the layers left alone are frozen too
            for block in blocks:
                if not hasattr(block[name], "lora_A"):
                    block[name].requires_grad_(False)
        assert sum(p.numel() for p in blocks.parameters() if p.requires_grad) == out["answer"]


def _run_scaler(growth_interval: int, steps: list[bool]) -> float:
    parameter = nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=0.1)
    scaler = torch.amp.GradScaler("cpu", growth_interval=growth_interval)
    for finite in steps:
        scaler.scale(parameter.sum()).backward()
        if not finite:
            parameter.grad.fill_(float("inf"))
        scaler.step(optimizer)
        scaler.update()
        optimizer.zero_grad()
    return scaler.get_scale()


def test_grad_scaler_log2_matches_torch_grad_scaler():
    make = lambda rng: {"growth_interval": rng.choice([2, 3, 5]), "good_before": rng.randint(0, 14),
                        "overflows": rng.randint(1, 3), "good_after": rng.randint(0, 14)}
    for params, out in draws("grad_scaler_log2", make, count=40):
        steps = [True] * params["good_before"] + [False] * params["overflows"] + [True] * params["good_after"]
        assert _run_scaler(params["growth_interval"], steps) == 2.0 ** out["answer"]


def _accumulated_grad(gpus: int, micro: int, steps: int, reduction: str, factor: float, x, y, weight):
    """Each rank accumulates `steps` micro-batches of `loss * factor`; DDP's all-reduce then averages the ranks."""
    ranks = []
    for rank in range(gpus):
        w = weight.clone().requires_grad_(True)
        for step in range(steps):
            start = (rank * steps + step) * micro
            error = x[start:start + micro] @ w - y[start:start + micro]
            loss = (error ** 2).mean() if reduction == "mean" else (error ** 2).sum()
            (loss * factor).backward()
        ranks.append(w.grad)
    return torch.stack(ranks).mean(0)


def test_accumulation_factor_reproduces_the_global_batch_gradient():
    make = lambda rng: {"gpus": rng.choice([2, 4]), "micro": rng.choice([2, 3, 8]), "steps": rng.choice([2, 4]),
                        "reduction": rng.choice(["mean", "sum"])}
    torch.manual_seed(0)
    for params, out in draws("accumulation_factor", make, count=20):
        total = params["gpus"] * params["micro"] * params["steps"]
        x, y = torch.randn(total, 3, dtype=torch.float64), torch.randn(total, dtype=torch.float64)
        weight = torch.randn(3, dtype=torch.float64)
        w = weight.clone().requires_grad_(True)
        ((x @ w - y) ** 2).mean().backward()
        args = (params["gpus"], params["micro"], params["steps"], params["reduction"])
        assert torch.allclose(_accumulated_grad(*args, out["answer"], x, y, weight), w.grad, rtol=1e-10)
        assert not torch.allclose(_accumulated_grad(*args, out["also_gpus"], x, y, weight), w.grad, rtol=1e-3)


def test_int8_code_matches_torch_fake_quantize():
    make = lambda rng: {"level": rng.randint(-120, 120), "frac": rng.choice([0.6, 0.7, 0.8, 0.9]),
                        "absmax": rng.choice([1.5, 2.54, 3.0, 4.2, 6.35])}
    for params, out in draws("int8_absmax_code", make, count=60):
        x = torch.tensor([out["x"], params["absmax"]], dtype=torch.float32)
        scale = params["absmax"] / 127
        dequantised = torch.fake_quantize_per_tensor_affine(x, scale, 0, -128, 127)
        assert torch.round(dequantised / scale).tolist() == [out["answer"], 127]
        assert dequantised[0].item() == pytest.approx(out["dequantised"], rel=1e-5)
