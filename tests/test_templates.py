"""Every template question as a learner meets it, over many draws.

No listed classic mistake may be accepted on any draw, typed as computed or rounded as the answer is
shown: a learner making it would be told they are right, and the draw would teach nothing (the draw
loop redraws such draws; a generator returns None for a mistake that does not apply to a draw). Each
listed mistake must apply to a good share of the draws, and the redraws must leave enough draws. The
prompt must say how to round, and rounding as it says must pass.
"""

import random
import re

import pytest

from quizdl.bank.catalog import load_catalog
from quizdl.bank.question import TemplateQuestion
from quizdl.errors import BankError
from quizdl.quiz.check import check
from quizdl.quiz.instance import draw_values, fill, generator_draws, make_instance, mistake_accepted

TEMPLATES = [q for q in load_catalog().questions.values() if isinstance(q, TemplateQuestion)]
DRAWS = 200
MUST_APPLY = 0.1
"""A mistake listed in fewer draws than this share (e.g. forgetting the dilation, listed when it is not 1)."""


def test_the_banks_hold_templates():
    assert len(TEMPLATES) >= 15


@pytest.mark.parametrize("question", TEMPLATES, ids=lambda q: q.id)
def test_no_draw_accepts_a_listed_mistake(question):
    rng = random.Random(question.id)
    applies = {m.key: 0 for m in question.mistakes}
    for _ in range(DRAWS):
        instance = make_instance(question, "en", rng)
        for mistake in instance.mistakes:
            for typed in (repr(mistake.value), f"{mistake.value:.{_shown_decimals(instance)}f}"):
                assert not check(instance, typed).correct, (
                    f"{instance.values}: the mistake {typed!r} ({mistake.why}) is accepted")
        for key in applies:
            applies[key] += instance.values[key] is not None
    for key, count in applies.items():
        assert count >= MUST_APPLY * DRAWS, f"mistake {key} applies to only {count}/{DRAWS} draws"


def _shown_decimals(instance) -> int:
    """Decimals of the answer as shown (a learner rounds their own result the same way)."""
    number = instance.answer_text.split()[0]
    return len(number.split(".")[1]) if "." in number and "e" not in number else 6


@pytest.mark.parametrize("question", TEMPLATES, ids=lambda q: q.id)
def test_redraws_leave_enough_draws(question):
    """A draw is usable when the generator accepts it and no listed mistake coincides with the answer."""
    usable = 0
    for _, outputs in generator_draws(question, random.Random(question.id + "usable"), DRAWS):
        values = [outputs[m.key] for m in question.mistakes]
        usable += not any(v is not None and mistake_accepted(question, float(v), outputs["answer"]) for v in values)
    assert usable >= DRAWS // 4, f"only {usable}/{DRAWS} draws make a question: widen the params"


def test_a_coinciding_mistake_is_redrawn():
    """The draw loop itself: a generator whose mistake equals the answer on some draws never shows those."""
    question = next(q for q in TEMPLATES if q.generator == "conv_output_size")
    coinciding = [outputs["no_minus_one"] == outputs["answer"]
                  for _, outputs in generator_draws(question, random.Random(1), DRAWS)]
    assert any(coinciding), "the test needs draws where the notes' formula happens to be right"
    rng = random.Random(1)
    for _ in range(DRAWS):
        _, outputs = draw_values(question, rng)
        assert outputs["no_minus_one"] != outputs["answer"]


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
        answer = draw_values(question, rng)[1]["answer"]
        for places in decimals:
            assert question.tolerance.accepts(round(answer, places), answer), (params, answer, places)
        for count in digits:
            assert question.tolerance.accepts(float(f"{answer:.{count - 1}e}"), answer), (params, answer, count)
        if integer:
            assert answer == round(answer) and question.tolerance.accepts(round(answer), answer)


def test_filled_numbers_read_as_maths():
    text = r"$0.6 \times {{x}} = {{y}}$, $1 + {{w:.4f}}$, $u = {{u}}$, $v = {{v}}$; typed: {{u}}, {{z:.3f}}"
    values = {"x": -1.5, "y": -0.9, "w": -0.088, "u": 5e-05, "v": 1e-09, "z": -0.0001}
    assert fill(text, values) == (r"$0.6 \times (-1.5) = -0.9$, $1 + (-0.0880)$, $u = 5 \times 10^{-5}$, "
                                  r"$v = 10^{-9}$; typed: 5e-05, 0.000")


def test_a_placeholder_without_a_value_in_this_draw_is_an_error():
    """A mistake that does not apply is None; a text showing it would print "None" to the learner."""
    with pytest.raises(BankError, match="no value in this draw"):
        fill("rounding up gives {{naive}}", {"naive": None})
