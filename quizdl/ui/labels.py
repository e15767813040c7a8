"""Every string quizdl shows a user, in each language it speaks: one catalogue, read with `say`.

Each section maps a key to its (English, Chinese) text; `str.format` fields are filled by `say`.
To add strings for a new screen or command, write a section dict below and list it in
`_SECTIONS`: a key defined twice, or a text missing in one language, fails at import.
Command help in Chinese lives in the HELP section (keys `help.<command path>` and
`option.<option>`, or `option.<command path>.<option>` when a command words it differently);
English help stays in cli.py's docstrings and `help=`.
"""

from __future__ import annotations

from quizdl.quiz.numbers import MESSAGES as _NUMBER_MESSAGES

LANGUAGES = ("en", "zh")

PRACTICE = {
    "correct": ('Correct',
           '正确'),
    "wrong": ('Not quite',
           '不对'),
    "answer": ('Answer',
           '答案'),
    "why": ('Why',
           '解析'),
    "source": ('from the notes',
           '出自笔记'),
    "values": ('values',
           '参数'),
    "kind_choice": ('multiple choice',
           '选择题'),
    "kind_numeric": ('numeric',
           '数值题'),
    "kind_flashcard": ('flashcard',
           '闪卡'),
    "kind_template": ('drill',
           '计算练习'),
    "kind_code": ('implement it',
           '编程题'),
    "difficulty_easy": ('easy',
           '简单'),
    "difficulty_medium": ('medium',
           '中等'),
    "difficulty_hard": ('hard',
           '困难'),
    "number_hint": ('a number; 1/4, 2^-2, sqrt(2)/2, 1e-4 and 25% work',
           '输入数字；可写 1/4、2^-2、sqrt(2)/2、1e-4、25%'),
    "choose_all": ('choose all that apply, e.g. AC',
           '多选，例如 AC'),
    "recall": ('Recall the answer, then press Enter to see it.',
           '先在心里回答，然后按回车查看答案。'),
    "answer_keys": ('? show answer · s skip · u undo · q quit',
           '? 看答案 · s 跳过 · u 撤销 · q 退出'),
    "after": ('Enter next · u undo · x suspend · q quit',
           '回车 下一题 · u 撤销 · x 暂停此题 · q 退出'),
    "after_wrong": ('Enter next · r I was right · u undo · x suspend · q quit',
           '回车 下一题 · r 我其实答对了 · u 撤销 · x 暂停此题 · q 退出'),
    "rate": ('Rate 1 again · 2 hard · 3 good · 4 easy (Enter = good) · u undo · x suspend · q quit',
           '评分 1 忘了 · 2 困难 · 3 良好 · 4 简单（回车 = 良好）· u 撤销 · x 暂停此题 · q 退出'),
    "undone": ('Undone: the question comes again.',
           '已撤销：这道题会再出现。'),
    "nothing_to_undo": ('Nothing to undo yet.',
           '还没有可撤销的作答。'),
    "overridden": ('Counted as right.',
           '已记为正确。'),
    "suspended": ('Suspended; `quizdl unsuspend {id}` brings it back.',
           '已暂停；`quizdl unsuspend {id}` 可恢复。'),
    "again_later": ('It comes back later in this session.',
           '本次练习稍后会再出现。'),
    "summary": ('Session summary',
           '本次练习小结'),
    "topic": ('Topic',
           '主题'),
    "answered": ('Answered',
           '作答'),
    "right": ('Right',
           '正确'),
    "next_due": ('Next review',
           '下次复习'),
    "none_answered": ('No question answered.',
           '没有作答任何题目。'),
    "empty": ('Nothing to practise now',
           '现在没有需要练习的题目'),
    "colon": (': ',
           '：'),
    "skipped": ('skipped a question that cannot be drawn',
           '跳过了一道无法生成的题目'),
    "empty_no_questions": ('no question matches --topic and --kind (`quizdl topics` lists them).',
           '没有符合 --topic 和 --kind 的题目（`quizdl topics` 列出全部主题）。'),
    "empty_all_suspended": ('every matching question is suspended (`quizdl unsuspend ID`).',
           '符合条件的题目都已暂停（`quizdl unsuspend ID` 恢复）。'),
    "empty_only_exercises": ('only exercises match, and --exercises is 0.',
           '符合条件的只有编程题，而 --exercises 为 0。'),
    "empty_new_limit": ("today's new questions are used up: `--new 10` allows more, `--cram` asks anything.",
           '今天的新题额度已用完：`--new 10` 可以再多学几道，`--cram` 不看计划随便练。'),
    "empty_not_due": ('nothing is due until {date}; `--cram` practises anyway.',
           '{date} 之前没有到期的题目；想练可以加 `--cram`。'),
    "new": ('new',
           '新题'),
    "review": ('review',
           '复习'),
    "repeat": ('again',
           '重做'),
    "mistake": ('Classic mistake',
           '典型错误'),
    "starter": ('Starter file written: {path}',
           '已写入起始文件：{path}'),
    "kept": ('Your file from before: {path}',
           '保留你之前的文件：{path}'),
    "code_keys": ('Enter grade · e edit in $EDITOR · h hint · v give up and see the solution · s skip · q quit',
           '回车 评测 · e 用 $EDITOR 编辑 · h 提示 · v 放弃并看答案 · s 跳过 · q 退出'),
    "passed_keys": ('Enter next · v see the reference · u undo · x suspend · q quit',
           '回车 下一题 · v 看参考实现 · u 撤销 · x 暂停此题 · q 退出'),
    "no_editor": ('Set $EDITOR (or $VISUAL), or edit {path} in another window.',
           '请设置 $EDITOR（或 $VISUAL），或在另一个窗口编辑 {path}。'),
    "grading": ('grading…',
           '评测中…'),
    "grade_cancelled": ('Grading cancelled; Ctrl-C again quits the session.',
           '已取消评测；再按一次 Ctrl-C 退出本次练习。'),
    "passed": ('Passed: rated {rating}.',
           '通过：评为 {rating}。'),
    "solution": ('Reference solution',
           '参考实现'),
    "contract": ("contract", "接口约定"),
    "invalid_letters": ("answer with option letters A-{last} (several like AC when more than one is right)",
                        "请用选项字母 A-{last} 作答（多选如 AC）"),
    "number_examples": ("", "。可以输入 0.25、1/4、2^-2、sqrt(2)/2 这样的数"),
    "rating_1": ("Again", "忘了"), "rating_2": ("Hard", "困难"), "rating_3": ("Good", "良好"), "rating_4": ("Easy", "简单"),
}

_ZH_NUMBERS = {  # quiz.numbers.MESSAGES, as a Chinese learner reads them
    "empty": "请输入一个数字",
    "too_long": "表达式太长了",
    "divides_by_zero": "“{raw}”除以了 0",
    "too_large": "“{raw}”太大了",
    "functions": "“{raw}”用了不支持的函数（可用 sqrt、exp、log、ln、log2、log10、sin、cos、tan、tanh、abs、floor、ceil、min、max）",
    "names": "“{raw}”不是数字（能用的常数只有 pi 和 e）",
    "syntax": "“{raw}”写法有误",
    "not_allowed": "“{raw}”不是数字或允许的算式（只能用数字、+ - * / ** ( ) 和数学函数）",
    "not_number": "“{raw}”不是数字",
    "not_finite": "“{raw}”不是有限的数",
}
NUMBERS = {f"number.{key}": (_NUMBER_MESSAGES[key], _ZH_NUMBERS[key]) for key in _NUMBER_MESSAGES}

TABLES = {  # column headers and counts of list, topics, stats, exercise list
    "kind.choice": ("choice", "选择题"), "kind.numeric": ("numeric", "数值题"), "kind.flashcard": ("flashcard", "闪卡"),
    "kind.template": ("template", "计算练习"), "kind.code": ("code", "编程题"),
    "col.id": ("id", "编号"), "col.kind": ("kind", "题型"), "col.topic": ("topic", "主题"),
    "col.difficulty": ("difficulty", "难度"), "col.title": ("title", "标题"), "col.framework": ("framework", "框架"),
    "col.total": ("total", "合计"), "col.seen": ("seen", "已学"), "col.due": ("due", "到期"),
    "col.suspended": ("suspended", "已暂停"), "col.reviews": ("reviews", "复习次数"), "col.accuracy": ("accuracy", "正确率"),
    "col.check": ("check", "检查项"), "col.detail": ("detail", "详情"),
    "list.count": ("{n} question(s)", "共 {n} 题"),
    "exercise.footer": ("quizdl exercise start ID writes the starter file; quizdl grade ID FILE checks it.",
                        "`quizdl exercise start ID` 写入起始文件；`quizdl grade ID FILE` 评测它。"),
    "exercise.wrote": ("wrote {path}\nwhen ready: quizdl grade {id} {path}",
                       "已写入 {path}\n写好后运行：`quizdl grade {id} {path}`"),
    "stats.weekdays": ("Mo Tu We Th Fr Sa Su", "一 二 三 四 五 六 日"),
    "stats.legend": ("reviews per day: ", "每天复习次数："), "stats.blank": ("blank", "空白"),
    "stats.count": ("{n}", "{n} 次"), "stats.separator": (", ", "，"),
    "stats.streak": ("streak: {n} day(s)", "连续练习 {n} 天"),
    "stats.all_reviews": ("· {n} reviews in all", "· 共复习 {n} 次"),
}

GRADE = {  # `quizdl grade`, hints and the reference
    "grade.title": ("{exercise}: {seconds:.2f} s", "{exercise}：用时 {seconds:.2f} s"),
    "grade.import_check": ("the file imports", "文件可以导入"),
    "grade.forbid_check": ("written by hand, without the builtins it replaces", "手写实现，不调用它替代的内置函数"),
    "grade.passed": ("ok", "通过"),
    "grade.output": ("your program's output", "你的程序的输出"),
    "grade.reduced": ("Graded with reduced isolation (no sandbox namespaces here): `quizdl doctor` says why.",
                      "隔离程度降低（此处没有沙箱命名空间）：`quizdl doctor` 会说明原因。"),
    "grade.all_pass": ("All {n} checks pass.", "全部 {n} 项检查通过。"),
    "grade.some_fail": ("{failed} of {total} checks fail.", "{total} 项检查中有 {failed} 项未通过。"),
    "grade.seed": ("Inputs drawn with seed {seed}: add --seed {seed} to draw them again.",
                   "输入由种子 {seed} 生成：加上 `--seed {seed}` 可重现同样的输入。"),
    "hint.label": ("hint {n}/{total}: ", "提示 {n}/{total}："),
    "hint.last": ("That was the last hint; `quizdl solution {id}` shows the reference.",
                  "这是最后一条提示；`quizdl solution {id}` 显示参考实现。"),
    "cli.suspended": ("suspended {id}", "已暂停 {id}"),
    "cli.already_suspended": ("{id} was already suspended", "{id} 早已暂停"),
    "cli.unsuspended": ("unsuspended {id}", "已恢复 {id}"),
    "cli.not_suspended": ("{id} was not suspended", "{id} 没有被暂停"),
    "lint.problems": ("{n} problem(s) in {checked} question(s)", "{checked} 道题中有 {n} 个问题"),
    "lint.ok": ("ok: {checked} questions", "没有问题：共 {checked} 道题"),
    "export.wrote": ("wrote {n} notes to {path}", "已把 {n} 张笔记写入 {path}"),
    "hint.reset": ("hints of {id} hidden again", "{id} 的提示已重新隐藏"),
}

ERRORS = {  # what our own code says about bad input; printed after "error: "
    "error.prefix": ("error: ", "错误："),
    "warning.prefix": ("warning: ", "警告："),
    "error.unknown_id": ("unknown question id {qid!r}; `quizdl list` shows the ids",
                         "没有编号为 “{qid}” 的题目；`quizdl list` 列出全部编号"),
    "error.unknown_id_close": ("unknown question id {qid!r}; did you mean {close}?",
                               "没有编号为 “{qid}” 的题目；你是不是想输入 {close}？"),
    "error.unknown_topic": ("unknown topic {topic!r}; topics: {known}", "没有主题 “{topic}”；可用的主题：{known}"),
    "error.unknown_topic_close": ("unknown topic {topic!r}; did you mean {close}?",
                                  "没有主题 “{topic}”；你是不是想输入 {close}？"),
    "error.unknown_kind": ("unknown kind {kind!r}; kinds: {kinds}", "没有题型 “{kind}”；可用的题型：{kinds}"),
    "error.not_exercise": ("{id} is a {kind} question, not an exercise; `quizdl exercise list`",
                           "{id} 是 `{kind}` 题，不是编程题；`quizdl exercise list` 列出编程题"),
    "error.apkg": ("{path}: an Anki deck file ends in .apkg", "{path}：Anki 牌组文件应以 .apkg 结尾"),
    "error.no_folder": ("no such folder: {path}", "找不到文件夹：{path}"),
    "error.is_folder": ("{path} is a folder, not a Python file", "{path} 是文件夹，不是 Python 文件"),
    "error.no_file": ("no such file: {path}", "找不到文件：{path}"),
    "error.lang": ("--lang must be zh or en, not {lang!r}", "`--lang` 只能是 zh 或 en，不能是 “{lang}”"),
    "warning.no_bank_dir": ("no bank folder {path} (from --bank or $QUIZDL_BANKS)",
                            "找不到题库文件夹 {path}（来自 `--bank` 或 $QUIZDL_BANKS）"),
    "warning.skipped": ("skipped {n} problem(s) in {files}; `quizdl lint` lists them",
                        "跳过了 {files} 中的 {n} 个问题；`quizdl lint` 列出详情"),
}

HELP = {  # command help in Chinese; English is cli.py's own (see the module docstring)
    "help.quizdl": ("", "深度学习面试练习：间隔重复的问答题，以及自动评测的编程题。"),
    "help.practice": ("", "练习：先复习到期的题，再学新题；每次作答都立即保存。"),
    "help.lint": ("", "检查自带题库和给出的文件；每个问题以 file:line:column 列出。"),
    "help.doctor": ("", "这台机器能做什么：评测隔离、torch 和 numpy、数据文件夹、题库。"),
    "help.schema": ("", "打印题库文件的 JSON Schema，供编辑器使用。"),
    "help.list": ("", "列出题目：编号、题型、主题、难度、标题。"),
    "help.show": ("", "显示一道题及其答案和解析。"),
    "help.topics": ("", "列出各主题及其中每种题型的题数。"),
    "help.stats": ("", "各主题的进度、近期复习热力图和连续练习天数。"),
    "help.suspend": ("", "不再出这道题（保留进度）。"),
    "help.unsuspend": ("", "恢复一道已暂停的题。"),
    "help.exercise": ("", "编程题：列出、开始。"),
    "help.exercise list": ("", "列出编程题。"),
    "help.exercise start": ("", "把编程题的起始文件写入工作目录。"),
    "help.grade": ("", "用编程题 ID 评测 FILE：全部检查通过退出码为 0，否则为 1，用法错误为 2。"),
    "help.hint": ("", "显示编程题的下一条提示（从方向提示到关键公式）。"),
    "help.solution": ("", "显示编程题的参考实现。"),
    "help.export": ("", "把题库导出到其他工具。"),
    "help.export anki": ("", "生成 Anki 牌组：每题一张笔记，按主题分子牌组并加标签；重新导出会更新笔记。"),
    "option.--version": ("", "打印版本号并退出。"),
    "option.--help": ("", "显示本帮助并退出。"),
    "option.--bank": ("", "额外的自建题库文件夹（可重复；也可用 $QUIZDL_BANKS）。"),
    "option.--data-dir": ("", "进度保存的位置（默认 $QUIZDL_HOME 或用户数据目录）。"),
    "option.--lang": ("", "zh 或 en（默认 $QUIZDL_LANG，否则按 $LANG）。"),
    "option.--topic": ("", "只练这个主题（可重复）。"),
    "option.--kind": ("", "只要这种题型：choice、numeric、flashcard、template、code。"),
    "option.--count": ("", "最多这么多道题。"),
    "option.--new": ("", "每天新题（从没见过的题）的上限。"),
    "option.--exercises": ("", "最多这么多道编程题。"),
    "option.--cram": ("", "不看复习计划：所选范围内任意出题。"),
    "option.--seed": ("", "固定出题顺序、选项和数值。"),
    "option.show.--seed": ("", "模板题抽取哪组数值。"),
    "option.grade.--seed": ("", "重新生成之前某次评测的输入。"),
    "option.--workspace": ("", "编程题文件写到哪里。"),
    "option.--json": ("", "输出 JSON 数组而不是表格。"),
    "option.grade.--json": ("", "只打印 JSON 评测结果。"),
    "option.--timeout": ("", "墙钟时间上限（秒）。"),
    "option.--memory": ("", "内存上限（MiB）。"),
    "option.--dir": ("", "工作目录。"),
    "option.--force": ("", "覆盖已有文件。"),
    "option.--reset": ("", "重新隐藏提示。"),
    "option.lint.paths": ("", "另外要检查的题库文件或文件夹。"),
    "typer.usage": ("Usage: ", "用法："),
    "typer.options_metavar": ("[OPTIONS]", "[选项]"),
    "typer.command_metavar": ("COMMAND [ARGS]...", "命令 [参数]..."),
    "typer.options": ("Options", "选项"),
    "typer.arguments": ("Arguments", "参数"),
    "typer.commands": ("Commands", "命令"),
    "typer.default": ("[default: {}]", "[默认：{}]"),
    "typer.required": ("[required]", "[必填]"),
    "typer.error": ("Error", "错误"),
    "typer.try_help": ("Try [blue]'{command_path} {help_option}'[/] for help.",
                       "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"),
}

_SECTIONS = (PRACTICE, NUMBERS, TABLES, GRADE, ERRORS, HELP)


def _merge(*sections: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """One dict of every key; a key in two sections is a mistake that would hide one of them."""
    merged: dict[str, tuple[str, str]] = {}
    for section in sections:
        if clash := set(merged) & set(section):
            raise ValueError(f"message keys defined twice: {', '.join(sorted(clash))}")
        merged.update(section)
    return merged


MESSAGES = _merge(*_SECTIONS)
"""key -> (English, Chinese). An empty English text means English lives elsewhere (cli.py's help)."""


def say(key: str, lang: str, /, **fields: object) -> str:
    """The text of `key` in `lang` (zh or en), its `{fields}` filled in."""
    text = MESSAGES[key][LANGUAGES.index(lang)]
    return text.format(**fields) if fields else text


LABELS = {lang: {key: texts[index] for key, texts in MESSAGES.items()} for index, lang in enumerate(LANGUAGES)}
"""The catalogue as one dict per language, for screens that fill their own fields (`LABELS[lang][key]`)."""
