"""Every property of the grader's library, on its own: synthetic outcomes in, verdict out.

No subprocess and no exercise: each test builds the judge's view of results
(`Outcome` holding `Arr` or `ModuleResult`) and the calls they came from,
then checks that a correct result passes and that each kind of wrong result
fails with a detail that says what is wrong. The exact helpers behind the
statistical properties (`_squares`, `_stats`) are checked against brute-force
enumeration, so their bounds are what they claim.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from quizdl.grader.properties import PROPERTIES, _squares, _stats
from quizdl.grader.spec import Call
from quizdl.grader.protocol import Arr, ModuleResult, Outcome, Py
from quizdl.grader.values import build

# building blocks -----------------------------------------------------------


def call(**spec) -> Call:
    return Call.model_validate(spec)


def tensor_call(shape, *, seed=0, low=0.5, high=1.5, dtype="float32", cls="M", args=(), trials=1, call_seed=0,
                mode=None, **extra) -> Call:
    """A construct call on a tensor input built like the exercises build theirs."""
    return call(construct={"class": cls, "args": list(args)}, mode=mode, seed=call_seed, trials=trials,
                args=[{"tensor": {"shape": list(shape), "dtype": dtype, "low": low, "high": high, "seed": seed,
                                  **extra}}])


def array_call(shape, *, seed=0, low=0.5, high=1.5, dtype="float64", trials=1, call_seed=0) -> Call:
    return call(function="f", seed=call_seed, trials=trials,
                args=[{"array": {"shape": list(shape), "dtype": dtype, "low": low, "high": high, "seed": seed}}])


def input_of(c: Call) -> np.ndarray:
    value = build(c.args[0])
    return value.numpy() if isinstance(value, torch.Tensor) else value


def out(a, framework: str | None = None) -> Outcome:
    """An outcome returning array `a` (a torch tensor, or numpy with framework "numpy" unless told)."""
    if isinstance(a, torch.Tensor):
        return Outcome(returned=Arr("torch", str(a.dtype).removeprefix("torch."), a.detach().numpy().copy()))
    a = np.asarray(a)
    return Outcome(returned=Arr(framework or "numpy", str(a.dtype), a.copy()))


def check(name: str, outcomes, calls, **params):
    return PROPERTIES[name](outcomes, calls, **params)


def passes(name, outcomes, calls, **params) -> str:
    ok, detail = check(name, outcomes, calls, **params)
    assert ok, detail
    return detail


def fails(name, outcomes, calls, *words, **params) -> str:
    ok, detail = check(name, outcomes, calls, **params)
    assert not ok, f"{name} passed: {detail}"
    for word in words:
        assert word in detail, f"{word!r} not in {detail!r}"
    return detail


TESTED: set[str] = set()


TESTED_WITH_MODULES = {"dropout_on_new_features", "equals_conv_then_bn"}
"""Properties judged on real module outputs, tested in tests/test_solutions_torch.py."""
TESTED_WITH_MODULES |= {"same_as_reference", "returned_not_all_zeros"}  # in tests/test_solutions_e.py


def covers(*names):
    """Mark a test as testing these properties (for the completeness test at the end)."""
    TESTED.update(names)
    return lambda f: f


# dropout.py ---------------------------------------------------------------


def inverted_dropout(x, p, rng, keep_shape=None):
    keep = rng.random(keep_shape or x.shape) >= p
    return (x * keep / (1 - p)).astype(x.dtype)


@covers("zeroed_fraction")
def test_zeroed_fraction():
    c = array_call([400, 500], seed=1)
    x = input_of(c)
    detail = passes("zeroed_fraction", [[out(inverted_dropout(x, 0.3, np.random.default_rng(1)))]], [c], p=0.3)
    assert "fraction zeroed" in detail
    fails("zeroed_fraction", [[out(inverted_dropout(x, 0.5, np.random.default_rng(1)))]], [c], "fraction zeroed",
          "0.3000", p=0.3)
    # a whole row shares one draw: caught by the slices even when the fraction is close
    rows = inverted_dropout(x, 0.3, np.random.default_rng(2), keep_shape=(400, 1))
    fails("zeroed_fraction", [[out(rows)]], [c], p=0.3)
    fails("zeroed_fraction", [[out(x[:10])]], [c], "shape", p=0.3)


@covers("zeroed_fraction")
def test_zeroed_fraction_never_blames_short_slices():
    """A correct mask on a small tensor has all-dropped or all-kept slices by chance: those are not looked at."""
    c = array_call([4, 5, 6], seed=3, trials=3)
    x = input_of(c)
    rng = np.random.default_rng(0)
    outcomes = [[out(inverted_dropout(x, 0.4, rng)) for _ in range(3)]]
    passes("zeroed_fraction", outcomes, [c], p=0.4)


@covers("survivors_scaled")
def test_survivors_scaled():
    c = array_call([50, 60], seed=2, trials=2)
    x = input_of(c)
    rng = np.random.default_rng(0)
    good = [out(inverted_dropout(x, 0.25, rng)) for _ in range(2)]
    passes("survivors_scaled", [good], [c], p=0.25)
    vanilla = [out(x * (rng.random(x.shape) >= 0.25)) for _ in range(2)]
    fails("survivors_scaled", [vanilla], [c], "x × 1", "1.333", p=0.25)
    fails("survivors_scaled", [[out(np.zeros_like(x))] * 2], [c], "every element was zeroed", p=0.25)
    fails("survivors_scaled", [[out(x.T)] * 2], [c], "shape", p=0.25)


@covers("survivors_scaled")
def test_survivors_scaled_allows_all_zero_when_likely():
    """Two elements at p = 0.5 are all dropped a quarter of the time: that must not fail."""
    c = array_call([2], seed=4)
    passes("survivors_scaled", [[out(np.zeros(2))]], [c], p=0.5)


@covers("same_seed_same_result")
def test_same_seed_same_result():
    c = array_call([20, 30])
    x = input_of(c)
    a, b = inverted_dropout(x, 0.5, np.random.default_rng(7)), inverted_dropout(x, 0.5, np.random.default_rng(8))
    passes("same_seed_same_result", [[out(a)], [out(a)], [out(b)]], [c, c, c])
    fails("same_seed_same_result", [[out(a)], [out(b)], [out(b)]], [c, c, c], "different results")
    fails("same_seed_same_result", [[out(a)], [out(a)], [out(a)]], [c, c, c], "same result")


@covers("varies_between_calls")
def test_varies_between_calls():
    c = array_call([20, 30], trials=3)
    x = input_of(c)
    rng = np.random.default_rng(0)
    passes("varies_between_calls", [[out(inverted_dropout(x, 0.5, rng)) for _ in range(3)]], [c])
    same = inverted_dropout(x, 0.5, np.random.default_rng(0))
    fails("varies_between_calls", [[out(same)] * 3], [c], "3 calls gave the same result", "fixed seed")


@covers("same_dtype_and_shape")
def test_same_dtype_and_shape_numpy():
    c = array_call([4, 5, 6], dtype="float32")
    x = input_of(c)
    passes("same_dtype_and_shape", [[out(x * 2)]], [c])
    fails("same_dtype_and_shape", [[out(x.astype(np.float64))]], [c], "float32 input came back as float64")
    fails("same_dtype_and_shape", [[out(x[0])]], [c], "shape")
    fails("same_dtype_and_shape", [[out(torch.from_numpy(x))]], [c], "numpy input came back as a torch array")


@covers("same_dtype_and_shape")
def test_same_dtype_and_shape_torch_uint8():
    c = tensor_call([3, 8, 8], dtype="uint8", dist="randint", low=1, high=256)
    img = build(c.args[0])
    passes("same_dtype_and_shape", [[out(img * 1)]], [c])
    fails("same_dtype_and_shape", [[out(img * torch.ones(8, 8))]], [c], "uint8 input came back as float32")
    fails("same_dtype_and_shape", [[out(img.numpy())]], [c], "torch input came back as a numpy array")


# modules.py ---------------------------------------------------------------


@covers("parameter_count")
def test_parameter_count():
    module = Outcome(returned=ModuleResult("DenseNet", True, 7_978_856))
    c = call(construct={"class": "DenseNet"}, method=None)
    assert "7,978,856 parameters" in passes("parameter_count", [[module]], [c], count=7_978_856)
    fails("parameter_count", [[Outcome(returned=ModuleResult("DenseNet", True, 7_978_857))]], [c],
          "7,978,857 parameters; expected 7,978,856", count=7_978_856)
    fails("parameter_count", [[out(np.zeros(3))]], [c], "expected an nn.Module, got Arr", count=10)


def grad_outcome(grad):
    arg = Arr("torch", "float32", np.ones(3, np.float32), None if grad is None else np.asarray(grad, np.float32), True)
    return Outcome(returned=Arr("torch", "float32", np.zeros((), np.float32)), args_after=[Arr("torch", "float32",
                   np.ones(3, np.float32)), arg])


@covers("no_gradient")
def test_no_gradient():
    c = call(function="loss", backward=True)
    passes("no_gradient", [[grad_outcome(None)]], [c], arg=1)
    passes("no_gradient", [[grad_outcome([0, 0, 0])]], [c], arg=1)
    fails("no_gradient", [[grad_outcome([0, -0.5, 0.25])]], [c], "argument 1 received a gradient", "0.5", "detach",
          arg=1)


def test_no_gradient_on_a_number_argument():
    outcome = Outcome(returned=Arr("torch", "float32", np.zeros((), np.float32)), args_after=[Py("float", 2.0)])
    ok, _ = check("no_gradient", [[outcome]], [call(function="loss")], arg=0)
    assert not ok


# seeding.py ---------------------------------------------------------------


@covers("reproducible_under_seed")
def test_reproducible_under_seed():
    same = [call(function="f", seed=5), call(function="f", seed=5)]
    a, b, c = (np.random.default_rng(s).random(6) for s in (5, 6, 7))
    passes("reproducible_under_seed", [[out(a)], [out(a)], [out(b), out(c)]], same + [call(function="f", seed=6,
                                                                                               trials=2)])
    fails("reproducible_under_seed", [[out(a)], [out(b)], [out(c)]], same + [call(function="f", seed=6)],
          "same global seed gave different results")
    fails("reproducible_under_seed", [[out(a)], [out(a)], [out(a), out(a)]], same + [call(function="f", seed=6,
                                                                                              trials=2)],
          "3 different global seeds gave the same result")
    # a third call starting at the first call's seed: that trial is skipped, the others must differ
    starts_alike = same + [call(function="f", seed=5, trials=3)]
    passes("reproducible_under_seed", [[out(a)], [out(a)], [out(a), out(b), out(c)]], starts_alike)
    fails("reproducible_under_seed", [[out(a)], [out(a)], [out(a), out(a), out(a)]], starts_alike, "same result")
    with pytest.raises(ValueError):
        check("reproducible_under_seed", [[out(a)], [out(a)], [out(b)]], same + [call(function="f", seed=5)])
    with pytest.raises(ValueError):
        check("reproducible_under_seed", [[out(a)], [out(a)]], same)


# exact helpers ------------------------------------------------------------


def brute_kept(height, width, lo, hi, points):
    """Kept map (not covered by any point's square) of a set of points, by loops over pixels."""
    kept = np.ones((height, width), bool)
    for (y, x) in points:
        for i in range(max(0, y - lo), min(height, y + hi + 1)):
            for j in range(max(0, x - lo), min(width, x + hi + 1)):
                kept[i, j] = False
    return kept


@pytest.mark.parametrize("block", [1, 2, 3, 4, 5])
def test_squares_dilate_is_the_max_pool_construction(block):
    rng = np.random.default_rng(block)
    seeds = rng.random((6, 9, 11)) < 0.08
    pooled = F.max_pool2d(torch.from_numpy(seeds[:, None].astype(np.float32)), block, 1, block // 2)
    if block % 2 == 0:
        pooled = pooled[:, :, :-1, :-1]
    lo, hi = _squares.offsets_of_block(block)
    assert np.array_equal(_squares.dilate(seeds, lo, hi), pooled[:, 0].numpy() > 0)
    assert _squares.union_of_squares(pooled[:, 0].numpy() > 0, lo, hi).all()


@pytest.mark.parametrize("length", [2, 5, 6, 7])
def test_squares_hole_offsets_are_the_clipped_slices(length):
    height, width, half = 7, 9, length // 2
    lo, hi = _squares.offsets_of_hole(length)
    for y, x in itertools.product(range(height), range(width)):
        hole = np.zeros((height, width), bool)
        hole[max(0, y - half):min(height, y + half), max(0, x - half):min(width, x + half)] = True
        point = np.zeros((height, width), bool)
        point[y, x] = True
        assert np.array_equal(_squares.dilate(point, lo, hi), hole)
        assert _squares.union_of_squares(hole, lo, hi)


def test_squares_reject_what_no_squares_make():
    lo, hi = _squares.offsets_of_block(3)
    single = np.zeros((8, 8), bool)
    single[4, 4] = True
    assert not _squares.union_of_squares(single, lo, hi)
    wrapped = np.zeros((8, 8), bool)
    wrapped[np.ix_([0, 1, 7], [3, 4, 5])] = True  # a block split over the top and bottom borders
    assert not _squares.union_of_squares(wrapped, lo, hi)


def test_kept_moments_match_enumeration_for_bernoulli_seeds():
    """Every subset of seeds of a 3 x 4 map, weighted by its probability: the exact mean and covariance."""
    height, width, gamma = 3, 4, 0.2
    for block in (2, 3):
        lo, hi = _squares.offsets_of_block(block)
        mean, covariance = _squares.kept_moments(height, width, lo, hi, lambda k: (1 - gamma) ** k)
        positions = list(itertools.product(range(height), range(width)))
        first, second = np.zeros(height * width), np.zeros((height * width, height * width))
        for chosen in itertools.product([False, True], repeat=len(positions)):
            weight = np.prod([gamma if c else 1 - gamma for c in chosen])
            kept = brute_kept(height, width, lo, hi, [p for p, c in zip(positions, chosen) if c]).ravel()
            first += weight * kept
            second += weight * np.outer(kept, kept)
        assert np.allclose(mean, first)
        assert np.allclose(covariance, second - np.outer(first, first))


def test_kept_moments_match_enumeration_for_uniform_centres():
    """Every ordered pair of hole centres on a 4 x 5 image: the exact mean and covariance for n = 2 holes."""
    height, width, length, holes = 4, 5, 4, 2
    lo, hi = _squares.offsets_of_hole(length)
    pixels = height * width
    mean, covariance = _squares.kept_moments(height, width, lo, hi, lambda k: (1 - k / pixels) ** holes)
    positions = list(itertools.product(range(height), range(width)))
    first, second = np.zeros(pixels), np.zeros((pixels, pixels))
    for chosen in itertools.product(positions, repeat=holes):
        kept = brute_kept(height, width, lo, hi, chosen).ravel() / pixels**holes
        first += kept
        second += np.outer(kept, kept) * pixels**holes
    assert np.allclose(mean, first)
    assert np.allclose(covariance, second - np.outer(first, first))


def test_binomial_tails_are_exact():
    n, p = 30, 0.3
    pmf = [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]
    for k in (0, 4, 9, 17, 30):
        low, high = _stats.tails(k, n, p)
        assert low == pytest.approx(sum(pmf[:k + 1]), rel=1e-9)
        assert high == pytest.approx(sum(pmf[k:]), rel=1e-9)


@pytest.mark.parametrize("n, p", [(100, 0.25), (960, 0.3), (800, 0.7), (5120, 0.4), (40, 0.5), (10, 0.0), (10, 1.0)])
def test_binomial_test_rejects_a_correct_count_less_than_once_in_a_billion(n, p):
    pmf = [math.exp(_stats._log_pmf(k, n, p)) for k in range(n + 1)]
    lowest, highest = _stats.accepted(n, p)
    assert sum(pmf[:lowest]) + sum(pmf[highest + 1:]) <= 2 * _stats.TAIL  # the false-failure probability
    assert _stats.binomial(round(n * p), n, p, "x")[0]
    assert not _stats.binomial(lowest - 1, n, p, "x")[0] if lowest else True
    assert not _stats.binomial(highest + 1, n, p, "x")[0] if highest < n else True


def test_bernstein_bound_holds_for_extreme_draws():
    """Two-point draws (the worst case for a given sd): the exact tail beyond the bound stays below 1e-9."""
    n, q = 60, 0.05  # X = 1 with probability q, else 0
    sd = math.sqrt(q * (1 - q))
    bound = _stats.bernstein_bound(sd, n, 1.0)
    tail = sum(math.comb(n, k) * q**k * (1 - q) ** (n - k) for k in range(n + 1) if abs(k / n - q) >= bound)
    assert tail <= 1e-9
    assert bound < 0.5  # and still useful
    # many draws: the bound approaches sqrt(2 ln(2 / 1e-9)) ≈ 6.5 sd of the mean
    assert _stats.bernstein_bound(1.0, 10**8, 1.0) * 10**4 == pytest.approx(math.sqrt(2 * math.log(2e9)), rel=1e-2)


# cutout.py ----------------------------------------------------------------


def cutout(image, centres, length):
    """The contract's Cutout with the given centres, written independently of the properties."""
    image = np.asarray(image)
    _, height, width = image.shape
    mask = np.ones((height, width), image.dtype)
    half = length // 2
    for y, x in centres:
        mask[max(0, y - half):min(height, y + half), max(0, x - half):min(width, x + half)] = 0
    return image * mask


def random_centres(rng, height, width, n):
    return [(int(rng.integers(height)), int(rng.integers(width))) for _ in range(n)]


@covers("cutout_same_mask")
def test_cutout_same_mask():
    c = tensor_call([3, 10, 10], seed=3, trials=2)
    img = input_of(c)
    rng = np.random.default_rng(0)
    good = [out(cutout(img, random_centres(rng, 10, 10, 2), 6), "torch") for _ in range(2)]
    passes("cutout_same_mask", [good], [c])
    per_channel = np.stack([cutout(img[i:i + 1], random_centres(rng, 10, 10, 2), 6)[0] for i in range(3)])
    fails("cutout_same_mask", [[out(per_channel, "torch")] * 2], [c], "channel 1 has other holes than channel 0")
    scaled = cutout(img, [(5, 5)], 6) * 1.5
    fails("cutout_same_mask", [[out(scaled, "torch")] * 2], [c], "outside the holes changed")
    with pytest.raises(ValueError, match="no zero element"):
        check("cutout_same_mask", [[out(img)]], [call(function="f", args=[{"tensor": {"values": [[[1.0, 0.0]]]}}])])


@covers("cutout_holes")
@pytest.mark.parametrize("length", [2, 5, 6, 7, 12])
def test_cutout_holes_accepts_every_centre(length):
    c = tensor_call([2, 7, 9], seed=1)
    img = input_of(c)
    outcomes = [out(cutout(img, [(y, x)], length), "torch") for y in range(7) for x in range(9)]
    passes("cutout_holes", [outcomes], [c], n_holes=1, length=length)
    pairs = [out(cutout(img, [(y, x), (6 - x % 7, 8 - y)], length), "torch") for y in range(7) for x in range(9)]
    passes("cutout_holes", [pairs], [c], n_holes=2, length=length)


@covers("cutout_holes")
def test_cutout_holes_rejects_wrong_holes():
    c = tensor_call([2, 10, 12], seed=2)
    img = input_of(c)
    mask = np.ones((10, 12), np.float32)
    mask[:3, 4:10] = 0
    mask[-3:, 4:10] = 0  # a 6 x 6 hole at y = 0 wrapped to the bottom rows
    fails("cutout_holes", [[out(img * mask, "torch")]], [c], "not one rectangle", n_holes=1, length=6)
    fails("cutout_holes", [[out(img * mask, "torch")]], [c], "not a union of 6×6 squares", n_holes=2, length=6)
    seven = np.ones((10, 12), np.float32)
    seven[2:9, 3:10] = 0  # length 7 cut as 7 pixels, not 6
    fails("cutout_holes", [[out(img * seven, "torch")]], [c], "49 pixels zeroed", n_holes=1, length=7)
    small = np.ones((10, 12), np.float32)
    small[0:1, 3:9] = 0  # a clipped hole no centre in the image makes (centre at y = -2)
    fails("cutout_holes", [[out(img * small, "torch")]], [c], "is not a 6-pixel square", n_holes=1, length=6)
    fails("cutout_holes", [[out(img, "torch")]], [c], "no pixel was zeroed", n_holes=1, length=6)
    with pytest.raises(ValueError, match="length >= 2"):
        check("cutout_holes", [[out(img, "torch")]], [c], n_holes=1, length=1)
    with pytest.raises(ValueError, match="shape"):
        check("cutout_holes", [[out(img[0], "torch")]], [c], n_holes=1, length=6)


def every_centre_once(img, height, width, length, keep=lambda y, x: True):
    return [out(cutout(img, [(y, x)], length), "torch") for y in range(height) for x in range(width) if keep(y, x)]


@covers("cutout_centres_uniform")
def test_cutout_centres_uniform():
    c = tensor_call([1, 10, 16], seed=4)
    img = input_of(c)
    passes("cutout_centres_uniform", [every_centre_once(img, 10, 16, 8)], [c], length=8)
    rng = np.random.default_rng(3)
    drawn = [out(cutout(img, random_centres(rng, 10, 16, 1), 8), "torch") for _ in range(100)]
    passes("cutout_centres_uniform", [drawn], [c], length=8)
    interior = every_centre_once(img, 10, 16, 8, keep=lambda y, x: 4 <= y < 6 and 4 <= x < 12) * 10
    fails("cutout_centres_uniform", [interior], [c], "touching the", "not only the interior", length=8)
    narrow = every_centre_once(img, 10, 16, 8, keep=lambda y, x: x < 10)
    fails("cutout_centres_uniform", [narrow], [c], "touching the right border", length=8)


@covers("cutout_hole_area")
def test_cutout_hole_area():
    c = tensor_call([1, 16, 16], seed=5)
    img = input_of(c)
    rng = np.random.default_rng(4)
    good = [out(cutout(img, random_centres(rng, 16, 16, 3), 6), "torch") for _ in range(60)]
    assert "Bernstein" in passes("cutout_hole_area", [good], [c], n_holes=3, length=6)
    one_centre = []
    for _ in range(60):
        centre = random_centres(rng, 16, 16, 1)
        one_centre.append(out(cutout(img, centre * 3, 6), "torch"))
    fails("cutout_hole_area", [one_centre], [c], "mean share of pixels kept", "each at its own centre", n_holes=3,
          length=6)


# dropblock.py -------------------------------------------------------------


def dropblock(x, seeds, block, scale="batch"):
    """The contract's output for a given seed map (N, H, W), by max-pooling."""
    pooled = F.max_pool2d(torch.as_tensor(seeds, dtype=torch.float32)[:, None], block, 1, block // 2)
    if block % 2 == 0:
        pooled = pooled[:, :, :-1, :-1]
    mask = 1 - pooled[:, 0].numpy()
    if scale == "batch":
        return x * mask[:, None] * (mask.size / mask.sum()) if mask.sum() else x * 0
    return x * mask[:, None]


def seed_maps(rng, shape, gamma):
    return rng.random(shape) < gamma


@covers("dropblock_shared_mask")
def test_dropblock_shared_mask():
    c = tensor_call([4, 3, 12, 12], seed=3, trials=3)
    x = input_of(c)
    rng = np.random.default_rng(0)
    good = [out(dropblock(x, seed_maps(rng, (4, 12, 12), 0.03), 3), "torch") for _ in range(3)]
    passes("dropblock_shared_mask", [good], [c])
    per_channel = np.concatenate([dropblock(x[:, i:i + 1], seed_maps(rng, (4, 12, 12), 0.03), 3) for i in range(3)],
                                 axis=1)
    fails("dropblock_shared_mask", [[out(per_channel, "torch")]], [c], "channel 1 of sample 0", "(N, H, W)")
    with pytest.raises(ValueError, match="no zero"):
        check("dropblock_shared_mask", [[out(x)]], [call(function="f", args=[{"tensor": {"values": [[[[0.0]]]]}}])])


@covers("dropblock_samples_differ")
def test_dropblock_samples_differ():
    c = tensor_call([4, 1, 12, 12], seed=4, trials=2)
    x = input_of(c)
    rng = np.random.default_rng(1)
    passes("dropblock_samples_differ", [[out(dropblock(x, seed_maps(rng, (4, 12, 12), 0.03), 3))] * 2], [c])
    shared = np.repeat(seed_maps(rng, (1, 12, 12), 0.05), 4, axis=0)
    fails("dropblock_samples_differ", [[out(dropblock(x, shared, 3))] * 2], [c], "every sample of the batch got the "
          "same mask")
    with pytest.raises(ValueError, match="batch of 2"):
        check("dropblock_samples_differ", [[out(x[:1])]], [tensor_call([1, 1, 12, 12])])


@covers("dropblock_blocks")
@pytest.mark.parametrize("block", [1, 2, 3, 4, 5])
def test_dropblock_blocks(block):
    c = tensor_call([16, 2, 8, 8], seed=6, trials=5)
    x = input_of(c)
    rng = np.random.default_rng(block)
    good = [out(dropblock(x, seed_maps(rng, (16, 8, 8), 0.5 / block**2), block)) for _ in range(5)]
    passes("dropblock_blocks", [good], [c], block_size=block)
    if block % 2 == 0:  # the first row and column cropped instead of the last: blocks shifted by one
        shifted = []
        for _ in range(5):
            seeds = torch.from_numpy(seed_maps(rng, (16, 1, 8, 8), 0.5 / block**2).astype(np.float32))
            mask = 1 - F.max_pool2d(seeds, block, 1, block // 2)[:, :, 1:, 1:].numpy()
            shifted.append(out(x * mask * (mask.size / mask.sum())))
        fails("dropblock_blocks", [shifted], [c], "not a union", "[:, :, :-1, :-1]", block_size=block)
    if block > 1:  # pixels dropped one by one, as dropout would
        pixels = x * (rng.random((16, 1, 8, 8)) >= 0.2)
        fails("dropblock_blocks", [[out(pixels)] * 5], [c], f"{block}×{block} squares", block_size=block)


@covers("dropblock_rescale")
def test_dropblock_rescale():
    c = tensor_call([4, 3, 12, 12], seed=7, trials=3)
    x = input_of(c)
    rng = np.random.default_rng(2)
    maps = [seed_maps(rng, (4, 12, 12), 0.03) for _ in range(3)]
    passes("dropblock_rescale", [[out(dropblock(x, m, 3)) for m in maps]], [c])
    passes("dropblock_rescale", [[out(x * 0)] * 3], [c])  # all dropped: nothing to scale
    fails("dropblock_rescale", [[out(dropblock(x, m, 3, scale=None)) for m in maps]], [c], "x × 1",
          "mask.numel() / mask.sum()")
    per_sample = []
    for m in maps:
        kept = dropblock(x, m, 3, scale=None) != 0
        share = kept.mean(axis=(1, 2, 3), keepdims=True)
        per_sample.append(out(x * kept / share))
    fails("dropblock_rescale", [per_sample], [c], "kept element", "one scale for the whole batch")


@covers("dropblock_rate")
def test_dropblock_rate():
    c = tensor_call([32, 1, 16, 16], seed=8, trials=25)
    x = input_of(c)
    rng = np.random.default_rng(3)
    good = [out(dropblock(x, seed_maps(rng, (32, 16, 16), 0.3 / 9), 3)) for _ in range(25)]
    detail = passes("dropblock_rate", [good], [c], drop_prob=0.3, block_size=3)
    assert "800 masks" in detail
    factor = 16**2 / 14**2  # the paper's feat_size**2 / (feat_size - block_size + 1)**2
    paper = [out(dropblock(x, seed_maps(rng, (32, 16, 16), 0.3 / 9 * factor), 3)) for _ in range(25)]
    fails("dropblock_rate", [paper], [c], "share kept over", "gamma = drop_prob / block_size² = 0.03333",
          drop_prob=0.3, block_size=3)
    interior = np.zeros((16, 16), bool)
    interior[1:-1, 1:-1] = True  # seeds only where the whole block fits
    inside = [out(dropblock(x, seed_maps(rng, (32, 16, 16), 0.3 / 9) & interior, 3)) for _ in range(25)]
    fails("dropblock_rate", [inside], [c], "share kept over", drop_prob=0.3, block_size=3)


# spatial_dropout.py -------------------------------------------------------


def spatial(x, p, rng, noise_shape=None):
    n, ch = x.shape[:2]
    keep = rng.random(noise_shape or (n, ch, 1, 1)) >= p
    return (x * keep / (1 - p)).astype(x.dtype)


@covers("whole_channels_dropped")
def test_whole_channels_dropped():
    c = tensor_call([8, 16, 4, 4], seed=1, trials=2)
    x = input_of(c)
    rng = np.random.default_rng(0)
    passes("whole_channels_dropped", [[out(spatial(x, 0.4, rng)) for _ in range(2)]], [c])
    fails("whole_channels_dropped", [[out(spatial(x, 0.4, rng, x.shape))] * 2], [c], "of its 16 elements zeroed",
          "(N, C, 1, 1)")
    with pytest.raises(ValueError, match="without zeros"):
        check("whole_channels_dropped", [[out(x)]], [call(function="f", args=[{"tensor": {"values": [[[[0.0]]]]}}])])


@covers("channel_drop_rate")
def test_channel_drop_rate():
    c = tensor_call([16, 32, 2, 2], seed=2, trials=10)
    x = input_of(c)
    rng = np.random.default_rng(1)
    passes("channel_drop_rate", [[out(spatial(x, 0.4, rng)) for _ in range(10)]], [c], p=0.4)
    fails("channel_drop_rate", [[out(spatial(x, 0.6, rng)) for _ in range(10)]], [c], "fraction of channels dropped",
          "expected 0.4000", p=0.4)


@covers("channel_masks_independent")
def test_channel_masks_independent():
    c = tensor_call([4, 8, 3, 3], seed=3, trials=5)
    x = input_of(c)
    rng = np.random.default_rng(2)
    passes("channel_masks_independent", [[out(spatial(x, 0.5, rng)) for _ in range(5)]], [c])
    fails("channel_masks_independent", [[out(spatial(x, 0.5, rng, (1, 8, 1, 1))) for _ in range(5)]], [c],
          "every sample dropped the same channels", "not (1, C, 1, 1)")
    fails("channel_masks_independent", [[out(spatial(x, 0.5, rng, (4, 1, 1, 1))) for _ in range(5)]], [c],
          "all its channels or none", "not (N, 1, 1, 1)")
    with pytest.raises(ValueError, match="N >= 2"):
        check("channel_masks_independent", [[out(x[:1])]], [tensor_call([1, 8, 3, 3])])


# dropconnect.py -----------------------------------------------------------

K, OUT = 6, 8
PROBE = np.vstack([np.zeros((1, K)), np.eye(K), np.eye(K)]).astype(np.float32)


def probe_calls(trials):
    spec = {"tensor": {"values": PROBE.tolist(), "dtype": "float32"}}
    construct = {"class": "DropConnectLinear", "args": [K, OUT, 0.3]}
    return [call(construct=construct, mode="eval", reference_state=True, args=[spec], seed=70),
            call(construct=construct, mode="train", reference_state=True, args=[spec], seed=70, trials=trials)]


def linear(x, weight, bias):
    return x @ weight.T + bias


def dropconnect_outcomes(rng, trials, p=0.3, mask_p=None, scale=None, per_row=False, drop_bias=False):
    weight = rng.uniform(-0.4, 0.4, (OUT, K))
    bias = rng.uniform(-0.4, 0.4, OUT)
    evaluated = [out(linear(PROBE, weight, bias).astype(np.float32), "torch")]
    mask_p = p if mask_p is None else mask_p
    scale = 1 / (1 - p) if scale is None else scale
    trained = []
    for _ in range(trials):
        if per_row:
            rows = [linear(row[None], weight * (rng.random((OUT, K)) >= mask_p) * scale, bias)[0] for row in PROBE]
            y = np.stack(rows)
        else:
            b = bias * (rng.random(OUT) >= p) * scale if drop_bias else bias
            y = linear(PROBE, weight * (rng.random((OUT, K)) >= mask_p) * scale, b)
        trained.append(out(y.astype(np.float32), "torch"))
    return [evaluated, trained]


@covers("dropconnect_weights")
def test_dropconnect_weights():
    calls = probe_calls(10)
    rng = np.random.default_rng(0)
    passes("dropconnect_weights", dropconnect_outcomes(rng, 10), calls, p=0.3)
    fails("dropconnect_weights", dropconnect_outcomes(rng, 10, scale=1.0), calls, "acts as W × 1;", "1.429", p=0.3)
    fails("dropconnect_weights", dropconnect_outcomes(rng, 10, scale=0.3 / 0.7), calls, "W × 0.4286", p=0.3)
    with pytest.raises(ValueError, match="input"):
        bad = [call(construct={"class": "DropConnectLinear", "args": [K, OUT, 0.3]}, mode="eval",
                    args=[{"tensor": {"shape": [13, K]}}]), calls[1]]
        check("dropconnect_weights", dropconnect_outcomes(rng, 10), bad, p=0.3)


@covers("dropconnect_rate")
def test_dropconnect_rate():
    calls = probe_calls(20)
    rng = np.random.default_rng(1)
    passes("dropconnect_rate", dropconnect_outcomes(rng, 20), calls, p=0.3)
    fails("dropconnect_rate", dropconnect_outcomes(rng, 20, mask_p=0.7), calls, "fraction of weights dropped",
          "expected 0.3000", p=0.3)


@covers("dropconnect_batch_mask")
def test_dropconnect_batch_mask():
    calls = probe_calls(5)
    rng = np.random.default_rng(2)
    passes("dropconnect_batch_mask", dropconnect_outcomes(rng, 5), calls)
    fails("dropconnect_batch_mask", dropconnect_outcomes(rng, 5, per_row=True), calls, "two identical rows",
          "one weight mask per forward call")


@covers("dropconnect_bias_kept")
def test_dropconnect_bias_kept():
    calls = probe_calls(5)
    rng = np.random.default_rng(3)
    passes("dropconnect_bias_kept", dropconnect_outcomes(rng, 5), calls)
    fails("dropconnect_bias_kept", dropconnect_outcomes(rng, 5, drop_bias=True), calls, "all-zero input row",
          "never be dropped")


def module_result(tensors):
    return Outcome(returned=ModuleResult("DropConnectLinear", True, sum(t.size for t in tensors.values()),
                                         {k: Arr("torch", "float32", v.astype(np.float32)) for k, v in tensors.items()}))


@covers("linear_init")
def test_linear_init():
    c = call(construct={"class": "DropConnectLinear", "args": [20, 30, 0.5]}, method=None)
    torch.manual_seed(0)
    reference = torch.nn.Linear(20, 30)
    state = {k: v.detach().numpy() for k, v in reference.state_dict().items()}
    passes("linear_init", [[module_result(state)]], [c], in_features=20, out_features=30)
    no_bias = torch.nn.Linear(20, 30, bias=False).state_dict()
    passes("linear_init", [[module_result({"weight": no_bias["weight"].numpy()})]], [c], in_features=20,
           out_features=30, bias=False)
    randn = dict(state, weight=np.random.default_rng(0).normal(size=(30, 20)))
    fails("linear_init", [[module_result(randn)]], [c], "weight has values up to", "±0.2236", in_features=20,
          out_features=30)
    fails("linear_init", [[module_result(dict(state, bias=np.zeros(30)))]], [c], "every value of bias is 0",
          in_features=20, out_features=30)
    narrow = dict(state, weight=state["weight"] / 4)
    fails("linear_init", [[module_result(narrow)]], [c], "not spread", in_features=20, out_features=30)
    fails("linear_init", [[module_result({"linear.weight": state["weight"], "linear.bias": state["bias"]})]], [c],
          "nn.Linear's are ['bias', 'weight']", in_features=20, out_features=30)
    fails("linear_init", [[module_result(dict(state, weight=state["weight"].T))]], [c], "shape (20, 30)",
          in_features=20, out_features=30)
    fails("linear_init", [[out(np.zeros(3))]], [c], "expected an nn.Module", in_features=20, out_features=30)


# stochastic_depth.py ------------------------------------------------------

BRANCH = {"module": {"class": "Conv2d", "args": [3, 3, 3], "kwargs": {"padding": 1}, "seed": 1}}


def depth_call(p, shape=(16, 3, 5, 5), trials=10):
    return call(construct={"class": "StochasticDepth", "args": [BRANCH, p]}, mode="train", trials=trials,
                args=[{"tensor": {"shape": list(shape), "dtype": "float32", "dist": "normal", "seed": 1}}])


def depth_outcomes(c, p, rng, trials, gate=None, scale=1.0, keep_identity=True):
    x = build(c.args[0])
    with torch.no_grad():
        f = build(c.construct_.args[0])(x)
    results = []
    for _ in range(trials):
        b = gate(rng) if gate else (rng.random(x.shape[0]) < p)
        b = torch.from_numpy(np.asarray(b, np.float32).reshape(-1, 1, 1, 1) * np.ones((x.shape[0], 1, 1, 1), np.float32))
        y = x + b * scale * f if keep_identity else b * (x + f)
        results.append(out(y))
    return [results]


@covers("residual_kept_or_skipped")
def test_residual_kept_or_skipped():
    c = depth_call(0.7)
    rng = np.random.default_rng(0)
    passes("residual_kept_or_skipped", depth_outcomes(c, 0.7, rng, 10), [c])
    fails("residual_kept_or_skipped", depth_outcomes(c, 0.7, rng, 10, scale=1 / 0.7), [c], "neither x + f(x)",
          "c = 1.429", "no 1/p")
    fails("residual_kept_or_skipped", depth_outcomes(c, 0.7, rng, 10, keep_identity=False), [c], "neither x + f(x)",
          "identity path")
    with pytest.raises(ValueError, match="module"):
        check("residual_kept_or_skipped", [[out(np.zeros(3))]], [call(construct={"class": "S", "args": [0.5]})])


@covers("residual_keep_rate")
def test_residual_keep_rate():
    c = depth_call(0.7, shape=(32, 3, 4, 4), trials=25)
    rng = np.random.default_rng(1)
    passes("residual_keep_rate", depth_outcomes(c, 0.7, rng, 25), [c])
    fails("residual_keep_rate", depth_outcomes(c, 0.3, rng, 25), [c], "share of samples keeping the branch",
          "survival probability")
    # the rate is read from out - x ≈ c · f(x), so an inverted (x + f / p) submission still gets a rate
    passes("residual_keep_rate", depth_outcomes(c, 0.7, rng, 25, scale=1 / 0.7), [c])


@covers("residual_per_sample")
def test_residual_per_sample():
    c = depth_call(0.5, shape=(8, 3, 4, 4), trials=5)
    rng = np.random.default_rng(2)
    passes("residual_per_sample", depth_outcomes(c, 0.5, rng, 5), [c])
    fails("residual_per_sample", depth_outcomes(c, 0.5, rng, 5, gate=lambda r: [r.random() < 0.5] * 8), [c],
          "kept or skipped the branch together", "torch.rand(N) < p")


# independence.py ---------------------------------------------------------


def channel_outcomes(c, rng, trials, p=0.5, fixed=False):
    x = torch.from_numpy(np.asarray(input_of(c)))
    n, ch = x.shape[:2]
    results = []
    for _ in range(trials):
        if fixed:
            keep = np.ones((n, ch), bool)
            for i in range(n):
                keep[i, rng.permutation(ch)[:round(p * ch)]] = False
        else:
            keep = rng.random((n, ch)) >= p
        results.append(out(x * torch.from_numpy(keep.astype(np.float32)).view(n, ch, 1, 1) / (1 - p)))
    return [results]




@covers("channel_coins_independent")
def test_channel_coins_independent():
    c = tensor_call((8, 16, 2, 2), trials=5)
    rng = np.random.default_rng(0)
    passes("channel_coins_independent", channel_outcomes(c, rng, 5), [c], p=0.5)
    fails("channel_coins_independent", channel_outcomes(c, rng, 5, fixed=True), [c], "exactly 8 of 16",
          "a coin per cell", p=0.5)
    small = tensor_call((1, 4, 2, 2), trials=2)
    with pytest.raises(ValueError, match="more units"):
        check("channel_coins_independent", channel_outcomes(small, rng, 2), [small], p=0.5)


@covers("dropconnect_mask_per_weight")
def test_dropconnect_mask_per_weight():
    calls = probe_calls(20)
    rng = np.random.default_rng(3)
    passes("dropconnect_mask_per_weight", dropconnect_outcomes(rng, 20), calls, p=0.3)
    weight = rng.uniform(0.1, 0.4, (OUT, K)) * rng.choice([-1, 1], (OUT, K))
    bias = rng.uniform(-0.4, 0.4, OUT)
    evaluated = [out(linear(PROBE, weight, bias).astype(np.float32), "torch")]

    def trained(mask_of):
        return [evaluated, [out(linear(PROBE, weight * mask_of() / 0.7, bias).astype(np.float32), "torch")
                            for _ in range(20)]]

    fails("dropconnect_mask_per_weight", trained(lambda: (rng.random((OUT, 1)) >= 0.3) * np.ones((1, K))), calls,
          "every row", p=0.3)
    fails("dropconnect_mask_per_weight", trained(lambda: (rng.random((1, K)) >= 0.3) * np.ones((OUT, 1))), calls,
          "every column", p=0.3)

    def fixed():
        mask = np.ones(OUT * K)
        mask[rng.permutation(OUT * K)[:round(0.3 * OUT * K)]] = 0
        return mask.reshape(OUT, K)

    fails("dropconnect_mask_per_weight", trained(fixed), calls, "exactly 14 of 48", p=0.3)


@covers("residual_coins_independent")
def test_residual_coins_independent():
    c = depth_call(0.5, shape=(16, 3, 2, 2), trials=20)
    rng = np.random.default_rng(4)
    passes("residual_coins_independent", depth_outcomes(c, 0.5, rng, 20), [c])

    def exactly_half(r):
        gate = np.zeros(16)
        gate[r.permutation(16)[:8]] = 1
        return gate

    fails("residual_coins_independent", depth_outcomes(c, 0.5, rng, 20, gate=exactly_half), [c], "exactly 8 of 16")


@covers("calls_agree")
def test_calls_agree():
    a = out(torch.tensor([1.0, 2.0, 3.0]))
    same = out(torch.tensor([1.0, 2.0, 3.0]))
    other = out(torch.tensor([1.0, 2.5, 3.0]))
    calls = [call(function="f"), call(function="f"), call(function="f")]
    passes("calls_agree", [[a], [other], [same]], calls)
    fails("calls_agree", [[a], [same], [other]], calls, "call 3 2.5", "in place")
    fails("calls_agree", [[a], [same], [out(torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64))]], calls,
          "shape or dtype")


# across_calls.py ------------------------------------------------------------


@covers("differs_under_same_seed")
def test_differs_under_same_seed():
    same = [call(function="f", seed=3), call(function="f", seed=3)]
    a, b = (np.random.default_rng(s).random(6) for s in (1, 2))
    passes("differs_under_same_seed", [[out(a)], [out(b)]], same)
    fails("differs_under_same_seed", [[out(a)], [out(a)]], same, "numpy's global generator")
    with pytest.raises(ValueError):
        check("differs_under_same_seed", [[out(a)], [out(b)]], [call(function="f", seed=3), call(function="f", seed=4)])


@covers("second_call_differs")
def test_second_call_differs():
    first = tensor_call((1, 1, 4, 4), trials=2)
    again = call(reuse=True, seed=9, trials=2, args=first.args)
    a, b, c = (torch.rand(1, 1, 4, 4, generator=torch.Generator().manual_seed(s)) for s in (1, 2, 3))
    passes("second_call_differs", [[out(a), out(b)], [out(a), out(c)]], [first, again])
    fails("second_call_differs", [[out(a), out(b)], [out(a), out(b)]], [first, again], "once in __init__")
    with pytest.raises(ValueError):
        check("second_call_differs", [[out(a), out(b)], [out(a)]], [first, call(reuse=True, seed=9, args=first.args)])


@covers("call_returns_input")
def test_call_returns_input():
    train = tensor_call((2, 3, 4, 4), seed=1, mode="train")
    evaluate = tensor_call((2, 3, 4, 4), seed=2, dtype="float64", mode="eval")
    x = torch.from_numpy(input_of(evaluate))
    passes("call_returns_input", [[out(x * 2)], [out(x)]], [train, evaluate], call=1)
    fails("call_returns_input", [[out(x)], [out(x * 2)]], [train, evaluate], "unchanged", call=1)
    fails("call_returns_input", [[out(x)], [out(x.float())]], [train, evaluate], "float32", call=1)
    fails("call_returns_input", [[out(x)], [Outcome(returned=Py("float", 1.0))]], [train, evaluate], call=1)


# completeness ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_every_property_has_a_test(name):
    assert name in TESTED or name in TESTED_WITH_MODULES, f"{name} ({PROPERTIES[name].__module__}) has no test"
