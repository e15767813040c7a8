"""Detail: the English text for programs and tests, the learner's language on a screen, values left as they are."""

import pickle

from quizdl.detail import Detail, Joined, shown


def test_a_detail_is_its_english_text_and_speaks_chinese_when_shown():
    where = Detail("detail.result")
    detail = Detail("detail.want_shape", where=where, want=(2, 3), got=(3, 2))
    assert detail == "result: expected shape (2, 3), got (3, 2)"
    assert shown(detail, "zh") == "结果：形状应为 (2, 3)，得到的是 (3, 2)"
    assert shown("a plain value", "zh") == "a plain value"


def test_joined_parts_take_each_languages_separator_and_values_keep_their_format():
    parts = Joined([Detail("detail.largest_absolute", error=0.123456), Detail("detail.nonfinite", n=2)])
    detail = Detail("detail.plain", text=parts)
    assert detail == "largest absolute error 0.123; 2 value(s) are nan or inf"
    assert shown(detail, "zh") == "最大绝对误差 0.123；有 2 个值是 nan 或 inf"


def test_a_sandbox_message_is_a_value_never_a_template():
    detail = Detail("detail.raised", call="f()", error=Detail("detail.error", head="ValueError: {boom} {0}", trace=""))
    assert detail == "f() raised ValueError: {boom} {0}"
    assert "{boom} {0}" in shown(detail, "zh")


def test_a_detail_survives_pickling_and_mapping_its_text_fields():
    detail = Detail("detail.raised", call="f()", error=Detail("detail.error", head="E", trace="\n  /tmp/x/sub.py"))
    again = pickle.loads(pickle.dumps(detail))
    assert again == detail and shown(again, "zh") == shown(detail, "zh")
    mapped = detail.mapped(lambda text: text.replace("/tmp/x/sub.py", "mine.py"))
    assert mapped.endswith("mine.py") and shown(mapped, "zh").endswith("mine.py")


def test_a_repeated_traceback_is_cut_in_both_languages():
    from quizdl.grader.judge import CheckResult, _traceback_once

    error = Detail("detail.error", head="ZeroDivisionError: division by zero", trace="\nTraceback ...\n  line 3")
    first, second = _traceback_once([CheckResult("a", False, Detail("detail.raised", call="f(1)", error=error)),
                                     CheckResult("b", False, Detail("detail.raised", call="f(2)", error=error))])
    assert first.detail.endswith("line 3")
    assert second.detail == "f(2) raised ZeroDivisionError: division by zero (traceback as above)"
    assert shown(second.detail, "zh") == "f(2) 抛出了 ZeroDivisionError: division by zero（回溯信息同上）"
