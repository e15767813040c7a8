"""The redraw rule of the transformer, inference and training-at-scale drills, checked against the
tolerances their bank questions actually use: no draw lets a listed mistake come within three tolerances
of the answer, and no answer is lost in its own tolerance."""

from __future__ import annotations

import random

import pytest

from quizdl.bank.catalog import load_catalog
from quizdl.bank.question import TemplateQuestion
from quizdl.drills import registry
from quizdl.drills.guards import MARGIN, require_apart
from quizdl.quiz.instance import generator_draws

TOPICS = {"transformers", "efficient-inference", "training-at-scale"}
TEMPLATES = [q for q in load_catalog().questions.values() if isinstance(q, TemplateQuestion) and q.topic in TOPICS]
DRAWS = 200


def test_each_new_topic_has_at_least_four_drills():
    for topic in TOPICS:
        assert len([q for q in TEMPLATES if q.topic == topic]) >= 4, topic


def test_require_apart_redraws_near_mistakes_and_tiny_answers():
    require_apart(1.0, {"far": 1.1}, abs_tol=0.006)
    with pytest.raises(registry.Redraw):
        require_apart(1.0, {"near": 1.0 + 2.9 * 0.006}, abs_tol=0.006)
    with pytest.raises(registry.Redraw):
        require_apart(0.015, {"far": 1.0}, abs_tol=0.006)
    with pytest.raises(registry.Redraw):
        require_apart(100.0, {"near": 100.2}, rel_tol=0.001)
    with pytest.raises(registry.Redraw):
        require_apart(7, {"equal": 7})


@pytest.mark.parametrize("question", TEMPLATES, ids=lambda q: q.id)
def test_no_draw_puts_a_mistake_within_three_tolerances(question):
    tolerance = question.tolerance
    drawn = 0
    for params, outputs in generator_draws(question, random.Random(question.id), DRAWS):
        drawn += 1
        answer = outputs["answer"]
        bound = MARGIN * max(tolerance.abs_, tolerance.rel * abs(answer))
        assert abs(answer) > MARGIN * tolerance.abs_, (params, answer)
        for mistake in question.mistakes:
            assert abs(float(outputs[mistake.key]) - answer) > bound, (mistake.key, params, answer)
    assert drawn >= DRAWS // 3
