"""The command line's own words (help pages, typer's error panel) in the learner's language.

English help is what cli.py writes in docstrings and `help=`; for Chinese, every command
and option of the click tree typer builds is given its text from the message catalogue
(quizdl.ui.labels HELP), before the command line is parsed. A command or option with no
Chinese help keeps its English text, and tests/test_zh_screens.py fails on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import re
from functools import lru_cache

import typer

from quizdl.ui.labels import MESSAGES, say

_TYPER_TEXTS = {  # typer.rich_utils constant -> catalogue key: the words of typer's error panel
    "ERRORS_PANEL_TITLE": "typer.error", "RICH_HELP": "typer.try_help",
}


def requested_language(args: list[str], environ: dict[str, str]) -> str:
    """zh or en, as the command will choose it: `--lang` on the command line, else the environment.

    Read before parsing, so help and parse errors speak it too; an invalid value reads as en
    (the command then says what is wrong with it)."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return "zh" if args[index + 1] == "zh" else "en"
        if arg.startswith("--lang="):
            return "zh" if arg == "--lang=zh" else "en"
    chosen = environ.get("QUIZDL_LANG") or locale_language(environ)
    return "zh" if chosen == "zh" else "en"


def locale_language(environ: dict[str, str]) -> str:
    """zh or en from the locale, in the order POSIX reads it: LANGUAGE (a list), LC_ALL, LC_MESSAGES, LANG."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(variable, "").split(":")[0]:
            return "zh" if value.startswith("zh") else "en"
    return "en"


def commands(root: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every command of the tree with its path ('' for the root, 'exercise list')."""
    yield path, root
    for name, command in getattr(root, "commands", {}).items():
        yield from commands(command, f"{path} {name}".strip())


def localize(root: Any, lang: str) -> None:
    """Give the whole tree the texts of `lang`, and help pages drawn by quizdl.ui.help."""
    context = _context_class(lang)
    for path, command in commands(root):
        command.context_class = context
        if lang == "en":
            continue
        command.help = _text(f"help.{path or 'quizdl'}", lang, command.help)
        command.short_help = None
        if command.options_metavar:
            command.options_metavar = say("typer.options_metavar", lang)
        if getattr(command, "subcommand_metavar", None):
            command.subcommand_metavar = say("typer.command_metavar", lang)
        help_option = command.get_help_option(typer.Context(command, **{**root.context_settings, **command.context_settings}))
        for param in [*command.params, *([help_option] if help_option else [])]:
            name = max(param.opts, key=len) if param.param_type_name == "option" else param.name
            param.help = _text(f"option.{path}.{name}", lang) or _text(f"option.{name}", lang) or param.help


def _text(key: str, lang: str, fallback: str | None = None) -> str | None:
    return say(key, lang) if key in MESSAGES else fallback


def _context_class(lang: str) -> type:
    """A typer Context that speaks `lang`: help pages drawn by quizdl.ui.help, and usage lines (in error
    messages too) that start with the word for 'Usage'."""
    prefix = say("typer.usage", lang)

    class Formatter(typer.Context.formatter_class):  # type: ignore[misc, name-defined]
        def write_usage(self, prog: str, args: str = "", prefix_: str | None = None) -> None:
            super().write_usage(prog, args, prefix_ or prefix)

    def get_help(self: typer.Context) -> str:
        from quizdl.ui.help import render

        return render(self.command, self, lang)

    return type("LocalizedContext", (typer.Context,), {"formatter_class": Formatter, "get_help": get_help})


@contextmanager
def parse_errors_in(lang: str) -> Iterator[None]:
    """Word typer's own usage errors raised inside (unknown option, missing argument, a bad number) in `lang`.

    Their English is matched against the catalogue's `parse.*` texts; a message none matches stays as typer
    wrote it."""
    from typer._click.exceptions import UsageError

    try:
        yield
    except UsageError as error:
        if lang != "en":
            text = _translate(error.format_message(), lang)
            error.format_message = lambda: text  # type: ignore[method-assign]
            import typer.rich_utils as rich_utils  # what prints the error: imported only for one

            for constant, key in _TYPER_TEXTS.items():
                setattr(rich_utils, constant, say(key, lang))
        raise


def _translate(message: str, lang: str) -> str:
    for key, pattern in _parse_patterns():
        if match := pattern.fullmatch(message):
            fields = {name: _translate(value, lang) for name, value in match.groupdict().items()}
            return say(key, lang, **fields)
    return message


@lru_cache(maxsize=1)
def _parse_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each `parse.*` English text as a regular expression, its {fields} as named groups."""
    patterns = []
    for key, (english, _) in MESSAGES.items():
        if key.startswith("parse."):
            regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(english))
            patterns.append((key, re.compile(regex, re.S)))
    return patterns
