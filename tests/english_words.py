"""The detector behind every Chinese-screen test: English words that are not identifiers.

A zh screen may show identifiers: anything in `backticks`, the learner's input quoted “back”, ids and paths (a token with a digit,
'-', '_', '/', '.', '=' or ':' inside), options (--lang), placeholders, ALLCAPS abbreviations and
metavars (BN, FSRS, ID, FILE), names with inner capitals (ReLU, BatchNorm, PyTorch), single
letters (variables, option letters), and the words `allowed` names (the Chinese bank text's own
English terms, units, function names). Any other run of Latin letters is English a learner reading
Chinese should not have to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CODE = re.compile(r"`[^`\n]*`|“[^”\n]*”|<[^>\s]+>")
"""Code, what the learner typed (quoted back “so”), and typer's value types (<int>)."""
_TOKEN = re.compile(r"[A-Za-z0-9_\-/.=:<>'\[\]$%+*@#~]+")
_EDGES = "'.:[]<>%+*"
_IDENTIFIER = re.compile(r"[0-9_/=$#@~]|\w[-.:]\w|^-")
BASE = {
    "ms", "s", "min", "max", "MiB", "GB", "MB", "sqrt", "exp", "log", "ln", "sin", "cos", "tan", "tanh", "abs",
    "floor", "ceil", "pi", "e", "nan", "inf", "numpy", "torch", "python", "quizdl", "zh", "en", "Anki", "JSON",
    "Schema", "Markdown", "choice", "numeric", "flashcard", "template", "code", "explain", "Ctrl",
}
"""Words every zh screen may show: units, maths functions, frameworks, names, and the values of --kind."""


def english_words(screen: str, allowed: Iterable[str] = ()) -> list[str]:
    """The English words of `screen` that are neither identifiers nor `allowed`, in order."""
    known = BASE | set(allowed)
    text = _CODE.sub(" ", ANSI.sub("", screen))
    found = []
    for match in _TOKEN.finditer(text):
        token = match.group().strip(_EDGES)
        if not re.search("[A-Za-z]{2}", token) or _IDENTIFIER.search(token):
            continue
        cut = text.startswith("…", match.end())  # a title cut to fit: the word's start is shown
        for word in re.findall(r"[A-Za-z]+", token):
            if len(word) > 1 and not _identifier_like(word) and not _known(word, known, cut):
                found.append(word)
    return found


def _known(word: str, known: set[str], cut: bool) -> bool:
    if word in known or word.lower() in known:
        return True
    return cut and any(w.lower().startswith(word.lower()) for w in known)


def _identifier_like(word: str) -> bool:
    return word.isupper() or any(c.isupper() for c in word[1:])


def zh_words(*paths: Path) -> set[str]:
    """The Latin words of every Chinese text (a `zh:` value) in these bank files: their own English terms."""
    words: set[str] = set()

    def walk(node: object, chinese: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, chinese or key == "zh")
        elif isinstance(node, list):
            for value in node:
                walk(value, chinese)
        elif isinstance(node, str) and chinese:
            words.update(re.findall(r"[A-Za-z]+", node))

    for path in paths:
        for file in sorted(path.rglob("*.yaml")) if path.is_dir() else [path]:
            walk(yaml.safe_load(file.read_text(encoding="utf-8")), False)
    return words
