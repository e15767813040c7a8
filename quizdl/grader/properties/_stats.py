"""An exact binomial test: a count is wrong only when a correct submission would produce it less than once in 1e10 tries.

The normal bound of `within` (6 sd) is loose for small counts: a share that
should be 0.25 but is 0 out of 100 is six sd away only from about 110 trials
on, yet a correct submission gives 0 out of 100 with probability 3e-13. The
exact tails use every trial's worth of evidence at the same false-failure rate.
"""

from __future__ import annotations

import math

from quizdl.detail import Detail
from quizdl.grader.properties import Verdict

TAIL = 1e-10
"""Each tail's probability below which a count fails (two tails: 2e-10 per test)."""


def _log_pmf(k: int, n: int, p: float) -> float:
    if p <= 0.0:
        return 0.0 if k == 0 else -math.inf
    if p >= 1.0:
        return 0.0 if k == n else -math.inf
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
            + k * math.log(p) + (n - k) * math.log1p(-p))


def _pmf(n: int, p: float) -> list[float]:
    logs = [_log_pmf(k, n, p) for k in range(n + 1)]
    top = max(logs)
    weights = [math.exp(v - top) if v > -math.inf else 0.0 for v in logs]
    total = sum(weights)
    return [w / total for w in weights]


def tails(count: int, n: int, p: float) -> tuple[float, float]:
    """(P(X <= count), P(X >= count)) for X ~ Binomial(n, p)."""
    pmf = _pmf(n, p)
    return sum(pmf[:count + 1]), sum(pmf[count:])


def accepted(n: int, p: float) -> tuple[int, int]:
    """The counts a Binomial(n, p) count may take and pass: both tails at it at least TAIL (lowest, highest)."""
    pmf = _pmf(n, p)
    below, above = [], []  # P(X <= k) and P(X >= k) for every k, each summed from its small end
    running = 0.0
    for value in pmf:
        running += value
        below.append(running)
    running = 0.0
    for value in reversed(pmf):
        running += value
        above.append(running)
    above.reverse()
    inside = [k for k in range(n + 1) if below[k] >= TAIL and above[k] >= TAIL]
    return inside[0], inside[-1]


def binomial(count: int, n: int, p: float, what: str) -> Verdict:
    """Pass unless `count` successes in `n` trials are too few or too many for probability `p` (exact tails)."""
    lowest, highest = accepted(n, p)
    ok = lowest <= count <= highest
    return ok, Detail("prop.binomial", what=what, share=count / n, count=count, n=n, p=p, lowest=lowest / n,
                      highest=highest / n, tail=TAIL)


def bernstein_bound(sd: float, n: int, span: float, risk: float = 1e-9) -> float:
    """t with P(|mean of n draws - expectation| >= t) <= risk, for draws of standard deviation sd within a range span.

    Bernstein's inequality, 2·exp(-n t² / (2 sd² + 2 span t / 3)) = risk,
    solved for t: a guarantee, not a normal approximation, so it holds for
    few and skewed draws too; for many draws it approaches sqrt(2 ln(2/risk))
    ≈ 6.5 sd of the mean.
    """
    log_term = math.log(2 / risk)
    linear = 2 * span * log_term / 3
    return (linear + math.sqrt(linear**2 + 8 * n * sd**2 * log_term)) / (2 * n)


def mean_within(observed: float, expected: float, sd: float, n: int, span: float, what: str) -> Verdict:
    """Pass unless the mean of n independent draws is further from its expectation than the Bernstein bound allows."""
    bound = bernstein_bound(sd, n, span)
    ok = abs(observed - expected) <= bound + 1e-12
    return ok, Detail("prop.bernstein", what=what, observed=observed, expected=expected, bound=bound, n=n)
