"""`quizdl lint`: everything the schema checks, plus what only shows when a question is used.

The schema validates each file; this adds the checks across files (duplicate
ids, done by the catalog) and renders every template question for many seeds
in both languages, so a placeholder naming nothing or a generator that fails
for some draw is found by the author, not by a learner mid-session.
"""

from __future__ import annotations

import random
from pathlib import Path

from quizdl.bank.catalog import load_catalog
from quizdl.bank.loader import Problem
from quizdl.bank.schema import TemplateQuestion
from quizdl.quiz.instance import make_instance

TEMPLATE_SEEDS = 25


def lint_catalog(paths: list[Path]) -> tuple[list[Problem], int]:
    """Every problem in the bundled banks and `paths`, and how many questions were checked."""
    catalog = load_catalog(paths)
    problems = list(catalog.problems)
    for qid, question in catalog.questions.items():
        if isinstance(question, TemplateQuestion):
            if message := _template_problem(question):
                path, line, column = catalog.where[qid]
                problems.append(Problem(path, line, column, qid, message))
    return sorted(set(problems)), len(catalog.questions)


def _template_problem(question: TemplateQuestion) -> str | None:
    for seed in range(TEMPLATE_SEEDS):
        for lang in ("zh", "en"):
            try:
                make_instance(question, lang, random.Random(seed))
            except Exception as error:  # a generator bug is reported like any other bank problem
                return f"rendering with seed {seed} ({lang}) fails: {type(error).__name__}: {error}"
    return None
