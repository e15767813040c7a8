"""Judging answers: option letters, numbers with tolerances, and classic mistakes."""

import random

import pytest

from conftest import question_of
from quizdl.quiz.check import InvalidAnswer, check, parse_letters
from quizdl.quiz.instance import make_instance

TEXT = {"zh": "中", "en": "en"}


def choice(answer, shuffle=True):
    return question_of(dict(
        id="c", kind="choice", source="s", prompt=TEXT, explanation=TEXT,
        options={"a": "one", "b": "two", "c": "three", "d": "four"}, answer=answer, shuffle=shuffle,
    ))


def numeric(answer, **extra):
    return question_of(dict(id="n", kind="numeric", source="s", prompt=TEXT, explanation=TEXT, answer=answer, **extra))


def letter_of(instance, key):
    return "ABCD"[[k for k, _ in instance.options].index(key)]


def test_choice_accepts_the_shown_letter_of_the_right_option_whatever_the_shuffle():
    for seed in range(20):
        instance = make_instance(choice("c"), "en", random.Random(seed))
        right = letter_of(instance, "c")
        assert check(instance, right).correct
        assert check(instance, right.lower()).correct
        wrong = letter_of(instance, "a")
        assert not check(instance, wrong).correct


def test_shuffle_false_keeps_the_written_order():
    instance = make_instance(choice("a", shuffle=False), "en", random.Random(3))
    assert [k for k, _ in instance.options] == ["a", "b", "c", "d"]


def test_options_are_shuffled():
    orders = {tuple(k for k, _ in make_instance(choice("a"), "en", random.Random(s)).options) for s in range(20)}
    assert len(orders) > 5


def test_several_right_options_need_exactly_that_set():
    instance = make_instance(choice(["a", "c"], shuffle=False), "en", random.Random(0))
    assert check(instance, "AC").correct
    assert check(instance, "c, a").correct
    assert check(instance, "a c").correct
    assert not check(instance, "A").correct
    assert not check(instance, "ACD").correct
    assert instance.answer_text == "A. one, C. three"


@pytest.mark.parametrize("response", ["", "E", "1", "a?", "AZ"])
def test_letters_outside_the_options_ask_again(response):
    with pytest.raises(InvalidAnswer, match="A-D"):
        parse_letters(response, 4)


@pytest.mark.parametrize("response", ["0.25", "1/4", "2**-2", "2^-2", "25%", "sqrt(1/16)"])
def test_numeric_accepts_equivalent_forms(response):
    instance = make_instance(numeric("1/4"), "en", random.Random(0))
    assert check(instance, response).correct


def test_numeric_tolerance_edges():
    instance = make_instance(numeric(3.14159, tolerance={"abs": 0.005}), "en", random.Random(0))
    assert check(instance, "3.14").correct  # off by 0.00159
    assert check(instance, "3.1465").correct  # off by 0.00491
    assert not check(instance, "3.147").correct  # off by 0.00541
    relative = make_instance(numeric(1000, tolerance={"rel": 0.01}), "en", random.Random(0))
    assert check(relative, "990").correct and check(relative, "1010").correct
    assert not check(relative, "989").correct and not check(relative, "1011").correct


def test_default_tolerance_is_exact_up_to_rounding_noise():
    instance = make_instance(numeric("0.1 + 0.2"), "en", random.Random(0))
    assert check(instance, "0.3").correct
    assert not check(instance, "0.3001").correct


def test_unreadable_numbers_and_code_ask_again_without_judging():
    instance = make_instance(numeric(1), "en", random.Random(0))
    for response in ("__import__('os').system('true')", "one", ""):
        with pytest.raises(InvalidAnswer):
            check(instance, response)


def test_a_listed_mistake_is_named():
    question = numeric(16, mistakes=[{"answer": 17, "why": {"zh": "漏了减一", "en": "forgot the -1"}}])
    instance = make_instance(question, "en", random.Random(0))
    verdict = check(instance, "17")
    assert not verdict.correct and verdict.mistake == "forgot the -1"
    assert check(instance, "15").mistake is None
    assert make_instance(question, "zh", random.Random(0)).mistakes[0].why == "漏了减一"


@pytest.mark.parametrize("typed", ["Ａ。", "a，", "A　", "a。"])
def test_a_choice_typed_with_chinese_punctuation_is_read(typed):
    from quizdl.quiz.check import parse_letters

    assert parse_letters(typed, 4) == frozenset("A")
