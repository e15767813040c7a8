"""The template questions of the normalisation ... metrics banks: outputs never shadow parameters,
and the tolerance rarely lets a listed classic mistake pass as right.

A mistake may equal the answer for some draws (e.g. forgetting y_i when the component is not the
true class changes nothing); that is harmless. What must be rare is a mistake that is genuinely
different yet falls inside the tolerance, since a learner making it would be told they are right.
"""

import inspect
import random

import pytest

from quizdl.bank.catalog import load_catalog
from quizdl.bank.schema import TemplateQuestion
from quizdl.drills import registry
from quizdl.quiz.instance import draw

TOPICS = {
    "normalization", "reparam", "resnet", "softmax-sigmoid", "distillation",
    "large-margin-softmax", "optimizers", "training-tricks", "metrics",
}


def _templates():
    catalog = load_catalog([])
    return [q for q in catalog.questions.values() if isinstance(q, TemplateQuestion) and q.topic in TOPICS]


TEMPLATES = _templates()

# Leaving p_i out of softmax's denominator gives p_i / (1 - p_i), indistinguishable from p_i
# after rounding when the asked component is tiny; the mistake only shows for large components.
SLIP_ALLOWED = {
    ("softmax-sigmoid-softmax-drill", "exclude_self"): 0.3,
    ("softmax-sigmoid-shift-drill", "exclude_self"): 0.3,
}


def test_the_banks_hold_templates():
    assert len(TEMPLATES) >= 20


@pytest.mark.parametrize("question", TEMPLATES, ids=lambda q: q.id)
def test_outputs_do_not_shadow_params_and_the_tolerance_catches_mistakes(question):
    rng = random.Random(question.id)
    accepted = set(inspect.signature(registry.get(question.generator)).parameters)
    drawn = 0
    different = {m.key: 0 for m in question.mistakes}
    slipped = {m.key: 0 for m in question.mistakes}
    for _ in range(300):
        params = {name: draw(spec, rng) for name, spec in question.params.items()}
        try:
            outputs = registry.run(question.generator, params)
        except registry.Redraw:
            continue
        drawn += 1
        # a generator output named like a parameter would silently replace it in the texts
        assert not (set(outputs) & accepted), set(outputs) & accepted
        answer = outputs["answer"]
        for mistake in question.mistakes:
            value = float(outputs[mistake.key])
            if abs(value - answer) > 1e-9 * max(1.0, abs(answer)):
                different[mistake.key] += 1
                slipped[mistake.key] += question.tolerance.accepts(value, answer)
    assert drawn >= 100, "too many redraws: widen the params"
    for key in different:
        assert different[key] >= 0.25 * drawn, f"mistake {key} almost never differs from the answer"
        allowed = SLIP_ALLOWED.get((question.id, key), 0.05)
        assert slipped[key] <= allowed * different[key], f"the tolerance accepts mistake {key} in {slipped[key]}/{different[key]} draws"
