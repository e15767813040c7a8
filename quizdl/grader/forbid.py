"""Spotting forbidden builtins (torch.softmax in a softmax exercise) in a learner's file, statically.

The file is parsed, never imported or run: the grader must not execute a
submission outside the sandbox, and a static scan can name the line to change.

The scan resolves what the file itself says (imports and their `as` names,
`name = <dotted expression>` aliases, getattr with constant strings,
importlib.import_module/__import__ with constant strings) but does not model
Python's scopes: an alias made anywhere counts everywhere, and a name bound
twice keeps its last resolvable meaning in source order. That errs towards
flagging, which suits a check whose message says what to replace.

A forbid entry is a dotted name ("torch.nn.functional.softmax") that also
covers anything under it (forbidding "scipy.special" flags
"scipy.special.softmax"), or ".name", a method of any object: `<expr>.name`
where <expr> is not something the scan resolved to a module or function.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass

REEXPORTS = [
    (re.compile(r"^torch\.nn\.modules(\.\w+)?\."), "torch.nn."),  # torch.nn.modules.activation.Softmax
    (re.compile(r"^torch\._C\._VariableFunctions\."), "torch."),
    (re.compile(r"^scipy\.special\._\w+\."), "scipy.special."),  # scipy.special._logsumexp.softmax
    (re.compile(r"^numpy\._?core(\.\w+)?\."), "numpy."),
    (re.compile(r"^builtins\."), ""),
]
"""Where a few well-known names are defined -> the public name exercises list, so both spellings match."""

CLASSES = {"torch.Tensor", "numpy.ndarray"}
"""Classes whose unbound methods (torch.Tensor.softmax(x, -1)) are a method use (.softmax)."""

WRITTEN_MAX = 60


@dataclass(frozen=True)
class Use:
    name: str  # the forbidden entry as listed, e.g. "torch.nn.functional.softmax" or ".softmax"
    line: int
    written: str  # how the file spells it, e.g. "F.softmax"


def forbidden_uses(source: str, forbid: list[str]) -> list[Use]:
    """Every use of a forbidden name in `source`, in line order; [] when the source does not parse.

    Syntax errors are the import check's to report. Hostile input (null bytes,
    nesting deep enough to exhaust the recursion limit, gigabytes of garbage)
    counts as not parsing, so grading never crashes on a submission.
    """
    try:
        tree = ast.parse(source)
        found = _Scan(tree, forbid).uses(tree)
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError):
        return []
    return [use for _, _, use in sorted(found, key=lambda item: item[:2])]


def _canonical(name: str) -> str:
    for pattern, public in REEXPORTS:
        name = pattern.sub(public, name, count=1)
    return name


def _under(name: str, entry: str) -> bool:
    return name == entry or name.startswith(entry + ".")


def _constant(node: ast.AST) -> str | None:
    """A string spelled out with constants: "soft" "max" parses as one constant, "soft" + "max" does not."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _constant(node.left), _constant(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _written(node: ast.AST) -> str:
    try:
        text = " ".join(ast.unparse(node).split())
    except RecursionError:  # a chain too deep to print still deserves its report
        return "..."
    return text if len(text) <= WRITTEN_MAX else "..." + text[3 - WRITTEN_MAX:]


class _Scan:
    def __init__(self, tree: ast.Module, forbid: list[str]) -> None:
        self.dotted = [(entry, _canonical(entry)) for entry in forbid if not entry.startswith(".")]
        self.methods = {entry[1:] for entry in forbid if entry.startswith(".")}
        nodes = list(ast.walk(tree))
        # Names the file binds itself shadow builtins: a learner's own `getattr` is not the builtin.
        self.own = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        self.own |= {n.name for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        self.own |= {n.arg for n in nodes if isinstance(n, ast.arg)}
        self.aliases: dict[str, str] = {}  # name in the file -> dotted name it stands for
        binders = (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign, ast.NamedExpr)
        statements = [n for n in nodes if isinstance(n, binders)]
        for node in sorted(statements, key=lambda n: (n.lineno, n.col_offset)):
            self._bind(node)

    def _bind(self, node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.partition(".")[0]  # `import torch.nn` binds `torch`
                self.aliases[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom):
            if node.module and not node.level:  # relative imports are the learner's own modules
                for alias in node.names:
                    if alias.name != "*":
                        self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                self._assign(target, node.value)
        elif node.value is not None:  # AnnAssign, NamedExpr
            self._assign(node.target, node.value)

    def _assign(self, target: ast.AST, value: ast.AST) -> None:
        if isinstance(target, ast.Name):
            if (name := self.resolve(value)) is not None:
                self.aliases[target.id] = name
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)):
            if len(target.elts) == len(value.elts):  # f, g = torch.exp, torch.softmax
                for t, v in zip(target.elts, value.elts):
                    self._assign(t, v)

    def resolve(self, node: ast.AST) -> str | None:
        """The dotted name `node` stands for, or None when it is a value the scan cannot name."""
        attributes = []
        while (member := self._member(node)) is not None:  # a loop, not recursion: chains can be long
            node, attribute = member
            attributes.append(attribute)
        root = self._root(node)
        return None if root is None else ".".join([root, *reversed(attributes)])

    def _member(self, node: ast.AST) -> tuple[ast.AST, str] | None:
        """(base, name) for `base.name` and for getattr(base, "name"), which mean the same."""
        if isinstance(node, ast.Attribute):
            return node.value, node.attr
        if isinstance(node, ast.Call) and len(node.args) in (2, 3) and self._is(node.func, "getattr"):
            if (name := _constant(node.args[1])) is not None:
                return node.args[0], name
        return None

    def _root(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            return node.id if node.id not in self.own and hasattr(builtins, node.id) else None
        if isinstance(node, ast.Call) and node.args and (module := _constant(node.args[0])):
            if module.startswith("."):  # relative to a package the scan cannot know
                return None
            if self._is(node.func, "importlib.import_module"):
                return module
            if self._is(node.func, "__import__"):  # returns the top package unless given a fromlist
                fromlist = len(node.args) > 3 or any(k.arg == "fromlist" for k in node.keywords)
                return module if fromlist else module.partition(".")[0]
        return None

    def _is(self, node: ast.AST, name: str) -> bool:
        resolved = self.resolve(node)
        return resolved is not None and _canonical(resolved) == name

    def _match(self, name: str) -> str | None:
        """The first forbid entry that `name` falls under, as spelled or by its public name."""
        public = _canonical(name)
        for entry, canonical in self.dotted:
            if _under(name, entry) or _under(public, canonical):
                return entry
        owner, _, attribute = public.rpartition(".")
        return "." + attribute if owner in CLASSES and attribute in self.methods else None

    def uses(self, tree: ast.Module) -> list[tuple[int, int, Use]]:
        found = []

        def flag(entry: str | None, node: ast.AST, written: str) -> None:
            if entry is not None:
                found.append((node.lineno, node.col_offset, Use(entry, node.lineno, written)))

        stack: list[ast.AST] = [tree]
        while stack:  # iterative, like ast.walk, so deep trees cannot exhaust the recursion limit here
            node = stack.pop()
            if isinstance(node, ast.Import):
                for alias in node.names:
                    flag(self._match(alias.name), node, ast.unparse(ast.Import([alias])))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    written = ast.unparse(ast.ImportFrom(node.module, [alias], 0))
                    if alias.name != "*":
                        flag(self._match(f"{node.module}.{alias.name}"), node, written)
                    elif (entry := self._match(node.module)) is not None:  # from scipy.special import *
                        flag(entry, node, written)
                    else:  # from torch.nn.functional import * brings torch.nn.functional.softmax
                        for entry, canonical in self.dotted:
                            if node.module in (entry.rpartition(".")[0], canonical.rpartition(".")[0]):
                                flag(entry, node, written)
            elif isinstance(node, ast.expr) and not isinstance(getattr(node, "ctx", None), (ast.Store, ast.Del)):
                name = self.resolve(node)
                if name is not None:  # the whole chain is named: its parts need no separate report
                    flag(self._match(name), node, _written(node))
                    continue
                member = self._member(node)
                if member is not None and member[1] in self.methods:
                    flag("." + member[1], node, _written(node))
            stack.extend(ast.iter_child_nodes(node))
        return found
