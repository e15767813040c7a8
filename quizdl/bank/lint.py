"""`quizdl lint`: everything the schema checks, plus what only shows when a question is used.

The schema validates each file; this adds the checks across files (duplicate
ids, done by the catalog) and renders every template question for many seeds
in both languages, so a placeholder naming nothing or a generator that fails
for some draw is found by the author, not by a learner mid-session.
"""

from __future__ import annotations

import random
from pathlib import Path

from quizdl.bank.catalog import Catalog, load_catalog
from quizdl.bank.loader import Problem
from quizdl.bank.question import ChoiceQuestion, TemplateQuestion
from quizdl.detail import Detail
from quizdl.errors import QuizdlError
from quizdl.quiz.instance import _option_text, make_instance

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


def _template_problem(question: TemplateQuestion) -> Detail | None:
    for seed in range(TEMPLATE_SEEDS):
        for lang in ("zh", "en"):
            try:
                make_instance(question, lang, random.Random(seed))
            except Exception as error:  # a generator bug is reported like any other bank problem
                said = Detail(error.key, **error.fields) if isinstance(error, QuizdlError) and error.key else str(error)
                return Detail("bank.template_fails", seed=seed, lang=lang,
                              error=Detail("detail.exception", type=type(error).__name__, message=said))
    return None


LENGTH_MARGIN = 1.2
"""The right option gives itself away when it is this many times as long as the longest wrong one."""
LENGTH_CUE_SHARE = 0.35
"""A file may have the right option stand out by length in at most this share of its single-answer questions."""


def lint_warnings(paths: list[Path]) -> list[Problem]:
    """What does not break a bank but helps a student guess: files where the longest option is too often right."""
    return length_cue_warnings(load_catalog(paths))


def stands_out_by_length(question: ChoiceQuestion) -> bool:
    """Whether the single right option is longer than every wrong one by a clear margin, in either language.

    Length is the width the learner sees: LaTeX rendered as in the terminal, a CJK character two cells.
    """
    from rich.cells import cell_len

    from quizdl.ui.latex import render

    (right,) = question.answer_keys
    for lang in ("zh", "en"):
        lengths = {key: cell_len(render(_option_text(option, lang))) for key, option in question.options.items()}
        longest_wrong = max(length for key, length in lengths.items() if key != right)
        if lengths[right] > LENGTH_MARGIN * longest_wrong:
            return True
    return False


def length_cue_warnings(catalog: Catalog) -> list[Problem]:
    by_file: dict[Path, list[ChoiceQuestion]] = {}
    for qid, question in catalog.questions.items():
        if isinstance(question, ChoiceQuestion) and len(question.answer_keys) == 1:
            by_file.setdefault(catalog.where[qid][0], []).append(question)
    warnings = []
    for path, questions in sorted(by_file.items()):
        cued = [q for q in questions if stands_out_by_length(q)]
        if len(cued) > LENGTH_CUE_SHARE * len(questions):
            _, line, column = catalog.where[cued[0].id]
            warnings.append(Problem(
                path, line, column, "options",
                Detail("bank.length_cue", margin=LENGTH_MARGIN - 1, cued=len(cued), total=len(questions),
                       ids=", ".join(q.id for q in cued), share=LENGTH_CUE_SHARE)))
    return warnings
