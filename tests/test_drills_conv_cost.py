"""The grouped-conv MAC generator (quizdl.drills.conv_cost) against torch's own FLOP counter."""

from __future__ import annotations

import pytest

from conftest import draws

torch = pytest.importorskip("torch")
flop_counter = pytest.importorskip("torch.utils.flop_counter")


def _params(r):
    return {"c_in": r.choice([32, 64, 128, 256]), "c_out": r.choice([64, 128, 256]), "kernel": r.choice([1, 3, 5]),
            "groups": r.choice([2, 4, 8, 32, 64, 128]), "size": r.choice([7, 14, 28, 56]), "stride": r.choice([1, 2])}


def test_macs_match_the_flop_counter_and_the_output_shape():
    for p, out in draws("grouped_conv_macs", _params, count=60):
        conv = torch.nn.Conv2d(p["c_in"], p["c_out"], p["kernel"], stride=p["stride"], padding=p["kernel"] // 2,
                               groups=p["groups"], bias=False)
        counter = flop_counter.FlopCounterMode(display=False)
        with counter, torch.no_grad():
            y = conv(torch.zeros(1, p["c_in"], p["size"], p["size"]))
        assert y.shape[-1] == out["out"]
        assert out["answer"] * 1e6 == pytest.approx(counter.get_total_flops() / 2, rel=1e-12)  # 1 MAC = 2 FLOPs
        assert out["ignore_groups"] == pytest.approx(out["answer"] * p["groups"])


def test_no_listed_mistake_is_within_three_tolerances():
    for _, out in draws("grouped_conv_macs", _params):
        for key in ("ignore_groups", "groups_twice"):
            assert abs(out[key] - out["answer"]) > 3 * 0.005, key
