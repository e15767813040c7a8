"""The template questions of the skip-connections ... label-smoothing banks, checked as a learner meets them:
generator outputs never shadow parameters, every listed classic mistake differs from the answer in a
good share of draws, and the tolerance (which accepts a correctly rounded answer) does not accept a
mistake that is genuinely different."""

import inspect
import random
import re

import pytest

from quizdl.bank.catalog import load_catalog
from quizdl.bank.schema import TemplateQuestion
from quizdl.drills import registry
from quizdl.quiz.instance import draw

TOPICS = {"skip-connections", "l1-l2", "add-concat", "backprop", "dropout", "batchnorm", "gpu-memory", "label-smoothing"}

TEMPLATES = [
    q for q in load_catalog([]).questions.values()
    if isinstance(q, TemplateQuestion) and q.topic in TOPICS
]

# Mistakes that coincide with the answer by design for part of the draws: the subgradient step equals the
# proximal step unless the weight is clipped at 0 or changes sign; forgetting the ReLU gate matters only
# when the unit is inactive; Adam's "one buffer" is the right count for momentum SGD.
RARELY_DIFFERENT = {
    ("l1-l2-soft-threshold-drill", "subgradient"),
    ("backprop-relu-step-drill", "no_gate"),
    ("gpu-memory-optimizer-state-drill", "one_buffer"),
}


def test_the_banks_hold_templates():
    assert len(TEMPLATES) >= 20


@pytest.mark.parametrize("question", TEMPLATES, ids=lambda q: q.id)
def test_outputs_do_not_shadow_params_and_the_tolerance_rejects_mistakes(question):
    rng = random.Random(question.id)
    accepted = set(inspect.signature(registry.get(question.generator)).parameters)
    drawn = 0
    different = {m.key: 0 for m in question.mistakes}
    slipped = {m.key: 0 for m in question.mistakes}
    for _ in range(400):
        params = {name: draw(spec, rng) for name, spec in question.params.items()}
        try:
            outputs = registry.run(question.generator, params)
        except registry.Redraw:
            continue
        drawn += 1
        assert not (set(outputs) & accepted), set(outputs) & accepted
        answer = outputs["answer"]
        for mistake in question.mistakes:
            value = float(outputs[mistake.key])
            if abs(value - answer) > 1e-9 * max(1.0, abs(answer)):
                different[mistake.key] += 1
                slipped[mistake.key] += question.tolerance.accepts(value, answer)
    assert drawn >= 100, "too many redraws: widen the params"
    for key in different:
        if (question.id, key) in RARELY_DIFFERENT:
            assert different[key] >= 0.1 * drawn, f"mistake {key} almost never differs from the answer"
        else:
            assert different[key] >= 0.5 * drawn, f"mistake {key} often equals the answer"
        assert slipped[key] <= 0.02 * different[key], f"the tolerance accepts mistake {key} in {slipped[key]}/{different[key]} draws"


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
