"""The bundled banks as a whole: every topic of the notes covered, bilingual, self-consistent."""

import random
import re
from collections import Counter

import pytest

from quizdl.bank.catalog import load_catalog
from quizdl.bank.schema import CodeQuestion, ExplainQuestion, TemplateQuestion
from quizdl.quiz.check import check
from quizdl.quiz.instance import make_instance

TOPICS = [
    "cnn-basics", "output-size", "receptive-field", "conv-bn-fusion", "conv-1x1", "attention", "densenet",
    "deep-supervision", "pspnet-aux-loss", "skip-connections", "l1-l2", "add-concat", "backprop", "dropout",
    "batchnorm", "gpu-memory", "label-smoothing", "normalization", "reparam", "resnet", "softmax-sigmoid",
    "distillation", "large-margin-softmax", "optimizers", "training-tricks", "metrics",
    "transformers", "efficient-inference", "training-at-scale",
]
NEW_TOPICS = {"transformers", "efficient-inference", "training-at-scale"}
"""Topics beyond the notes: their sources are papers (arXiv id and section) and PyTorch's documentation."""
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
    assert question.source, "no source"
    if question.topic in NEW_TOPICS:
        assert re.match(r"(arXiv:\d{4}\.\d{4,5} §\d|https://(docs\.)?pytorch\.org/)", question.source), question.source
    else:
        assert question.source.split("#")[0].endswith(".txt"), question.source


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
