"""The shared redraw rules of quizdl.drills.guards."""

import pytest

from quizdl.drills.guards import require_clear_rounding, require_distinct
from quizdl.drills.registry import Redraw


def test_a_mistake_within_three_tolerances_redraws():
    require_distinct(0.5, {"slip": 0.5016}, 0.0005)
    with pytest.raises(Redraw):
        require_distinct(0.5, {"slip": 0.5015}, 0.0005)
    with pytest.raises(Redraw):
        require_distinct(0.5, {"far": 9.0, "slip": 0.4990}, 0.0005)


def test_integer_answers_accept_mistakes_one_apart():
    require_distinct(7, {"off_by_one": 8}, 0.25)
    with pytest.raises(Redraw):
        require_distinct(7, {"same": 7}, 0.25)


def test_a_tiny_answer_redraws():
    with pytest.raises(Redraw):
        require_distinct(0.01, {}, 0.0005, tiny=0.02)
    with pytest.raises(Redraw):
        require_distinct(-0.01, {}, 0.0005, tiny=0.02)


def test_a_rounding_tie_redraws():
    require_clear_rounding(0.1234, 3)
    require_clear_rounding(0.288, 3)
    with pytest.raises(Redraw):
        require_clear_rounding(0.1235, 3)
    with pytest.raises(Redraw):
        require_clear_rounding(-2.125, 2)
