"""Every template question as a learner meets it, over many draws.

A listed classic mistake must differ from the answer in a good share of draws
(else it teaches nothing), and the tolerance, which accepts a correctly rounded
answer, must not accept a mistake that is genuinely different: a learner making
it would be told they are right. The prompt must say how to round, and rounding
as it says must pass.
"""

import random
import re

import pytest

from quizdl.bank.catalog import load_catalog
from quizdl.bank.schema import TemplateQuestion
from quizdl.drills import registry
from quizdl.quiz.instance import draw

TEMPLATES = [q for q in load_catalog().questions.values() if isinstance(q, TemplateQuestion)]
DRAWS = 300

# Mistakes that coincide with the answer for part of the draws by design: the share of draws in
# which they must differ, and the share of those in which rounding may hide them.
# - the subgradient step equals the proximal step unless the weight is clipped at 0 or flips sign;
# - forgetting the ReLU gate matters only when the unit is inactive;
# - Adam's "one buffer" is the right count for momentum SGD;
# - leaving p_i out of softmax's denominator gives p_i / (1 - p_i), which rounds to p_i for a tiny p_i;
# - the output size without "- 1" or without dilation equals the right one when floor hides the
#   difference (stride > 1) or dilation is 1, as in most real layers.
EXCEPTIONS = {
    ("output-size-drill", "no_minus_one"): (0.1, 0.02),
    ("output-size-drill", "no_dilation"): (0.1, 0.02),
    ("output-size-pool-drill", "no_minus_one"): (0.1, 0.02),
    ("l1-l2-soft-threshold-drill", "subgradient"): (0.1, 0.02),
    ("backprop-relu-step-drill", "no_gate"): (0.1, 0.02),
    ("gpu-memory-optimizer-state-drill", "one_buffer"): (0.1, 0.02),
    ("softmax-sigmoid-softmax-drill", "exclude_self"): (0.25, 0.3),
    ("softmax-sigmoid-shift-drill", "exclude_self"): (0.25, 0.3),
}
DEFAULT = (0.25, 0.05)


def test_the_banks_hold_templates():
    assert len(TEMPLATES) >= 15


@pytest.mark.parametrize("question", TEMPLATES, ids=lambda q: q.id)
def test_the_tolerance_rejects_the_listed_mistakes(question):
    rng = random.Random(question.id)
    drawn = 0
    different = {m.key: 0 for m in question.mistakes}
    slipped = {m.key: 0 for m in question.mistakes}
    for _ in range(DRAWS):
        params = {name: draw(spec, rng) for name, spec in question.params.items()}
        try:
            outputs = registry.run(question.generator, params)
        except registry.Redraw:
            continue
        drawn += 1
        answer = outputs["answer"]
        for mistake in question.mistakes:
            value = float(outputs[mistake.key])
            if abs(value - answer) > 1e-9 * max(1.0, abs(answer)):
                different[mistake.key] += 1
                slipped[mistake.key] += question.tolerance.accepts(value, answer)
    assert drawn >= DRAWS // 3, "too many redraws: widen the params"
    for key in different:
        must_differ, may_slip = EXCEPTIONS.get((question.id, key), DEFAULT)
        assert different[key] >= must_differ * drawn, f"mistake {key} almost never differs from the answer"
        assert slipped[key] <= may_slip * different[key], (
            f"the tolerance accepts mistake {key} in {slipped[key]}/{different[key]} draws")


@pytest.mark.parametrize("question", TEMPLATES, ids=lambda q: q.id)
def test_a_correctly_rounded_answer_is_accepted(question):
    """Every prompt says how to round (decimals, significant digits or an integer); so rounding must pass."""
    prompt = question.prompt.en
    decimals = [int(d) for d in re.findall(r"(\d) decimals?\b", prompt)]
    digits = [int(d) for d in re.findall(r"(\d) significant digits", prompt)]
    integer = "an integer" in prompt
    assert decimals or digits or integer or "exact value" in prompt, "the prompt does not say how to round"
    rng = random.Random(question.id + "rounding")
    for _ in range(200):
        params = {name: draw(spec, rng) for name, spec in question.params.items()}
        try:
            answer = registry.run(question.generator, params)["answer"]
        except registry.Redraw:
            continue
        for places in decimals:
            assert question.tolerance.accepts(round(answer, places), answer), (params, answer, places)
        for count in digits:
            assert question.tolerance.accepts(float(f"{answer:.{count - 1}e}"), answer), (params, answer, count)
        if integer:
            assert answer == round(answer) and question.tolerance.accepts(round(answer), answer)
