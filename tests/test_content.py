"""The bundled banks as a whole: every topic of the notes covered, bilingual, self-consistent."""

import contextlib
import random
import re
from collections import Counter

import pytest

from conftest import question_of
from quizdl.bank.catalog import load_catalog
from quizdl.bank.lint import length_cue_warnings, stands_out_by_length
from quizdl.bank.question import ChoiceQuestion, CodeQuestion, ExplainQuestion, TemplateQuestion
from quizdl.export.anki import stable_seed
from quizdl.quiz.check import check
from quizdl.quiz.instance import make_instance
from quizdl.quiz.numbers import NumberError, parse_number

TOPICS = [
    "cnn-basics", "output-size", "receptive-field", "conv-bn-fusion", "conv-1x1", "attention", "densenet",
    "deep-supervision", "pspnet-aux-loss", "skip-connections", "l1-l2", "add-concat", "backprop", "dropout",
    "batchnorm", "gpu-memory", "label-smoothing", "normalization", "reparam", "resnet", "softmax-sigmoid",
    "distillation", "large-margin-softmax", "optimizers", "training-tricks", "metrics",
]
BEYOND_NOTES = ["transformers", "efficient-inference", "training-at-scale", "detection-metrics", "margin-losses",
                "backprop-depth"]
"""Topics the notes do not cover: their questions cite papers (with a section) or documentation URLs."""
TOPICS += BEYOND_NOTES
SEEDS = 60

CATALOG = load_catalog()
QUIZ = [q for q in CATALOG.questions.values() if not isinstance(q, CodeQuestion)]


def test_the_banks_load_without_problems():
    assert CATALOG.problems == []


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_has_at_least_8_questions_of_several_kinds(topic):
    questions = [q for q in QUIZ if q.topic == topic]
    assert len(questions) >= 8, f"{topic}: {len(questions)} questions"
    assert len({q.kind for q in questions}) >= 2, f"{topic}: only {questions[0].kind} questions"
    assert topic in CATALOG.titles, f"{topic} has no bilingual title"


def test_totals_and_mix_of_kinds():
    kinds = Counter(q.kind for q in QUIZ)
    assert len(QUIZ) >= 220
    assert kinds["choice"] >= 60
    assert kinds["numeric"] + kinds["template"] >= 40
    assert kinds["template"] >= 15


def test_explain_questions_cover_every_topic():
    """Open questions answered in one's own words: at least 40, and every topic has one to three."""
    per_topic = Counter(q.topic for q in QUIZ if isinstance(q, ExplainQuestion))
    assert sum(per_topic.values()) >= 40
    assert {topic: n for topic, n in per_topic.items() if not 1 <= n <= 3} == {}
    assert set(TOPICS) - set(per_topic) == set()


def test_no_topic_outside_the_list():
    assert set(CATALOG.topics()) <= set(TOPICS)


@pytest.mark.parametrize("question", QUIZ, ids=lambda q: q.id)
def test_texts_are_bilingual_and_sourced(question):
    texts = ((question.prompt, question.answer, *question.points) if isinstance(question, ExplainQuestion)
             else (question.prompt, question.explanation))
    for text in texts:
        assert text.zh.strip() and text.en.strip()
        assert text.zh != text.en
    assert question.source and _cites(question.source), question.source


def _cites(source: str) -> bool:
    """A note and its heading (note.txt#heading), a paper with its section (... §3.2) or a web page."""
    return source.split("#")[0].endswith(".txt") or "§" in source or source.startswith("https://")


@pytest.mark.parametrize("question", [q for q in QUIZ if q.kind in ("numeric", "template")], ids=lambda q: q.id)
def test_the_shown_answer_is_accepted_and_instances_render(question):
    """What the learner sees as the answer must be accepted when typed back, for every draw."""
    seeds = range(SEEDS) if isinstance(question, TemplateQuestion) else range(1)
    for seed in seeds:
        for lang in ("zh", "en"):
            instance = make_instance(question, lang, random.Random(seed))
            shown = instance.answer_text.split()[0]
            assert check(instance, shown).correct, f"seed {seed}: the shown answer {shown} is rejected"
            assert "{{" not in instance.prompt + instance.explanation


def test_templates_vary_their_numbers():
    for question in (q for q in QUIZ if isinstance(q, TemplateQuestion)):
        prompts = {make_instance(question, "en", random.Random(seed)).prompt for seed in range(SEEDS)}
        assert len(prompts) >= 3, f"{question.id} shows the same numbers every time"


_HINT = re.compile(r"`([^`]+)`|(?:e\.g\.|such as|for example|例如|比如|如)\s*([^\s`,;，；、）)]+)")


def input_hints(prompt: str) -> list[float]:
    """The numbers a prompt offers as examples of what to type: `code` spans and what follows "e.g."/"such as"/"如"."""
    values = []
    for match in _HINT.finditer(prompt):
        with contextlib.suppress(NumberError):
            values.append(parse_number(match.group(1) or match.group(2)))
    return values


def test_input_hints_are_found():
    assert input_hints("(a number, e.g. 1/1024 or a decimal)") == [1 / 1024]
    assert input_hints("（输入一个数，如 `1e-19`）") == [1e-19]
    assert input_hints("expressions such as `0.01*0.5^8` are accepted") == [0.01 * 0.5**8]


@pytest.mark.parametrize("question", [q for q in QUIZ if q.kind in ("numeric", "template")], ids=lambda q: q.id)
def test_no_input_hint_is_the_answer(question):
    """An example of how to type an answer ("e.g. 1/1024") must not be the answer itself, on any draw."""
    seeds = range(SEEDS) if isinstance(question, TemplateQuestion) else range(1)
    for seed in seeds:
        for lang in ("zh", "en"):
            instance = make_instance(question, lang, random.Random(seed))
            for hint in input_hints(instance.prompt):
                assert not question.tolerance.accepts(hint, instance.expected), (
                    f"seed {seed} ({lang}): the input hint {hint} is the answer")


SINGLE_ANSWER = [q for q in QUIZ if isinstance(q, ChoiceQuestion) and len(q.answer_keys) == 1]


def test_the_longest_option_gives_no_answer_away():
    """In no bank file is the right option the longest by a clear margin in more than 35% of its questions."""
    assert length_cue_warnings(CATALOG) == []


def test_a_right_option_that_stands_out_by_length_is_caught():
    def question(options):
        return question_of({
            "id": "long-right", "kind": "choice", "prompt": {"zh": "问", "en": "q"},
            "explanation": {"zh": "因", "en": "e"}, "options": options, "answer": "right"})

    options = {"right": {"zh": "一个很长很长很长很长很长的正确选项", "en": "a very long and very detailed right option"},
               "a": "short", "b": "short too"}
    assert stands_out_by_length(question(options))
    options["a"] = {"zh": "一个同样很长很长很长很长的错误选项", "en": "an equally long and detailed wrong option"}
    assert not stands_out_by_length(question(options))


def test_the_right_option_is_spread_over_the_letters():
    """The banks list the right option first; practice and the Anki export (seeded by the question id) shuffle."""
    for seeded in (lambda q: random.Random(stable_seed(q.id)), lambda q: random.Random()):
        letters = Counter(next(iter(make_instance(q, "en", seeded(q)).right_letters)) for q in SINGLE_ANSWER)
        assert max(letters.values()) <= 0.4 * len(SINGLE_ANSWER), letters


_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$", re.S)
_MATH_SLIPS = {
    "scientific notation (renders as 5e − 05)": re.compile(r"\de[-+]?\d"),
    "a negative number right after an operator": re.compile(r"(\\times|\\cdot|[+×·])\s*-\d"),
    "CJK outside \\text{}": re.compile(r"[\u4e00-\u9fff]"),
}


def _slips(text: str) -> list[str]:
    found = []
    if re.search(r"(?<![\d.])-0\.0+(?![0-9]*[1-9])\b", text):
        found.append("-0.000")
    for match in _MATH.finditer(text):
        body = re.sub(r"\\text\{[^}]*\}", "", match.group(1) or match.group(2))
        found += [f"{name} in ${body}$" for name, slip in _MATH_SLIPS.items() if slip.search(body)]
    if re.search(r"log_softmax\((?:[^(),]|\([^()]*\))*\)", text):  # a single argument: no dim
        found.append("F.log_softmax without dim")
    return found


def test_the_slip_detector_sees_each_slip():
    assert len(_slips(r"$0.6 \times -1.5 = 5e-05$, $w_{新}$, -0.000, `F.log_softmax(x)`")) == 5
    assert _slips(r"$0.6 \times (-1.5) = 5 \times 10^{-5}$, $w_{\text{新}}$, -0.001, `F.log_softmax(x, dim=-1)`") == []


@pytest.mark.parametrize("question", QUIZ, ids=lambda q: q.id)
def test_texts_render_cleanly(question):
    """Numbers filled into maths read as maths, and code runs as written, on every draw."""
    seeds = range(SEEDS) if isinstance(question, TemplateQuestion) else range(1)
    for seed in seeds:
        for lang in ("zh", "en"):
            instance = make_instance(question, lang, random.Random(seed))
            texts = [instance.prompt, instance.explanation, instance.answer_text]
            texts += [text for _, text in instance.options] + [m.why for m in instance.mistakes]
            for text in texts:
                assert not _slips(text), f"seed {seed} ({lang}): {_slips(text)}"
