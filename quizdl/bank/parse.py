"""Parsing and validating a bank file that the catalogue cache does not hold: safe YAML, the schema, and
problems placed at file:line:column.

The YAML is composed into a node tree once; the data is built from that tree,
and a validation error's location (a path such as questions/3/answer) is walked
back down the tree to the line and column the author has to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import yaml

from quizdl.bank.entry import Bank
from quizdl.bank.kinds import KINDS
from quizdl.bank.loader import LoadedFile, Problem
from quizdl.detail import Detail

try:  # libyaml is an order of magnitude faster; fall back to the pure-Python parser
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_EXPANDED_NODES = 2_000_000
"""YAML nodes once aliases are expanded: a 5 MiB bank written out has far fewer."""


def parse_and_validate(result: LoadedFile, text: str, only: set[str] | None) -> Any:
    """Fill `result` from the file's text (problems, positions and, when it is valid, the bank); give the file's
    data when it is valid, for the cache, else None."""
    path = result.path
    try:
        root = _compose(text)
        size, alias = _expanded_size(root)  # before anything walks the tree with aliases expanded
        if size > MAX_EXPANDED_NODES:
            mark = (alias or root).start_mark
            result.problems.append(Problem(path, mark.line + 1, mark.column + 1, "yaml",
                                           Detail("bank.alias_bomb", most=MAX_EXPANDED_NODES)))
            return None
        data = _construct(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message: Any = Detail("bank.yaml", problem=error.problem) if error.problem else Detail("bank.malformed")
        if "mapping values are not allowed" in message:
            message = Detail("bank.needs_quotes", message=message)
        if error.context and error.context_mark:
            started = error.context_mark
            message = Detail("bank.yaml_context", message=message, context=error.context, line=started.line + 1,
                             column=started.column + 1)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        result.problems.append(Problem(path, line, column, "yaml", message))
        return None
    except yaml.YAMLError as error:
        result.problems.append(Problem(path, 1, 1, "yaml", str(error)))
        return None
    if root is None:
        result.problems.append(Problem(path, 1, 1, "file", Detail("bank.empty")))
        return None
    result.problems += _duplicate_keys(path, root)
    result.positions = _question_positions(root)
    if only is not None and not only & set(result.positions) and not result.problems:
        return None
    result.problems += _validate(path, lambda: root, data)
    if result.problems:
        return None
    result.valid = Bank.of(data)
    return data


def _compose(text: str) -> yaml.Node:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _construct(root: yaml.Node | None) -> Any:
    if root is None:
        return None
    loader = _Loader("")
    try:
        return loader.construct_document(root)
    finally:
        loader.dispose()


def _validate(path: Path, tree: Callable[[], yaml.Node], data: Any) -> list[Problem]:
    """Validate against the schema: the problems found; the YAML tree is only needed (and built) to place them."""
    from pydantic import ValidationError

    from quizdl.bank.schema import BankFile

    try:
        BankFile.model_validate(data)
        return []
    except ValidationError as error:
        root = tree()
        ids = _question_ids(data)
        problems = []
        for detail in error.errors(include_url=False):
            loc = tuple(detail["loc"])
            if detail["type"] == "union_tag_invalid":  # point at the bad `kind:` rather than the question
                loc += (detail["ctx"]["discriminator"].strip("'"),)
            node = _locate(root, loc)
            mark = node.start_mark
            problems.append(Problem(path, mark.line + 1, mark.column + 1, _field_name(loc, ids), _message(detail)))
        return sorted(set(problems))


_UNION_TAGS = set(KINDS)


def _locate(root: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node:
    """The deepest node on `loc`'s path; for a field, its key, which is where the author looks."""
    node = root
    for depth, step in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if match is None:
                if step in _UNION_TAGS:  # pydantic adds the union member's tag to the path
                    continue
                break
            key, value = match
            node = key if depth == len(loc) - 1 else value
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node


def _field_name(loc: tuple[Any, ...], ids: list[Any]) -> str:
    parts: list[str] = []
    steps = list(loc)
    if len(steps) >= 2 and steps[0] == "questions" and isinstance(steps[1], int):
        index = steps[1]
        qid = ids[index] if index < len(ids) else None
        parts.append(str(qid) if isinstance(qid, str) else f"questions[{index}]")
        steps = steps[2:]
        if steps and steps[0] in _UNION_TAGS:
            steps = steps[1:]
    for step in steps:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
        else:
            parts.append(str(step))
    return ".".join(parts) or "bank"


def _message(detail: dict[str, Any]) -> str:
    """A validation error in our words: a Detail for the kinds of error a bank author meets (our validators raise
    Details too), pydantic's own English text for the rare others."""
    kind, ctx = detail["type"], detail.get("ctx", {})
    if kind == "missing":
        return Detail("bank.missing")
    if kind == "extra_forbidden":
        return Detail("bank.unknown_field")
    if kind == "union_tag_invalid":
        return Detail("bank.unknown_kind", tag=ctx.get("tag"), expected=ctx.get("expected_tags"))
    if kind == "union_tag_not_found":
        return Detail("bank.missing_kind", kinds=", ".join(KINDS))
    message = detail["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    said = _said(kind, ctx)
    return said if said is not None and said == message else message  # pydantic's words, should they change


_PYDANTIC_SAID = {
    "too_short", "too_long", "string_too_short", "string_too_long", "string_pattern_mismatch", "literal_error", "enum",
    "greater_than", "greater_than_equal", "less_than", "less_than_equal", "string_type", "int_type", "int_parsing",
    "int_from_float", "float_type", "float_parsing", "bool_type", "bool_parsing", "list_type", "dict_type", "model_type",
}
"""pydantic's errors the catalogue words (keys `bank.<type>`, their English pydantic's template word for word)."""


def _said(kind: str, ctx: dict[str, Any]) -> Detail | None:
    error = ctx.get("error")
    if kind == "value_error" and isinstance(error, ValueError) and error.args and isinstance(error.args[0], Detail):
        return error.args[0]
    from quizdl.quiz.numbers import NumberError

    if kind == "value_error" and isinstance(error, NumberError):
        return Detail(f"number.{error.key}", **error.fields)
    if kind not in _PYDANTIC_SAID:
        return None
    limit = ctx.get("min_length", ctx.get("max_length"))
    return Detail(f"bank.{kind}", **{"expected_plural": "" if limit == 1 else "s", **ctx})


def _question_ids(data: Any) -> list[Any]:
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list):
        return []
    return [q.get("id") if isinstance(q, dict) else None for q in questions]


def _question_positions(root: yaml.Node) -> dict[str, tuple[int, int]]:
    positions: dict[str, tuple[int, int]] = {}
    if not isinstance(root, yaml.MappingNode):
        return positions
    for key, value in root.value:
        if key.value == "questions" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    for k, v in item.value:
                        if k.value == "id" and isinstance(v, yaml.ScalarNode):
                            positions.setdefault(v.value, (v.start_mark.line + 1, v.start_mark.column + 1))
    return positions


def _expanded_size(root: yaml.Node | None) -> tuple[int, yaml.Node | None]:
    """How many nodes the tree holds once aliases are expanded, and the first alias met: computed once per
    distinct node, so a "billion laughs" file is measured in milliseconds instead of expanded."""
    sizes: dict[int, int] = {}
    first_alias = None
    stack: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            first_alias = first_alias or node
            continue
        children = ([part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode)
                    else node.value if isinstance(node, yaml.SequenceNode) else [])
        if children_done or not children:
            sizes[id(node)] = 1 + sum(min(sizes.get(id(c), 1), MAX_EXPANDED_NODES) for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return (sizes.get(id(root), 0) if root is not None else 0), first_alias


def _duplicate_keys(path: Path, root: yaml.Node) -> list[Problem]:
    """YAML silently keeps the last of two equal keys; an author means neither to vanish."""
    problems = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        line, column = key.start_mark.line + 1, key.start_mark.column + 1
                        problems.append(Problem(path, line, column, str(key.value), Detail("bank.key_twice")))
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems
