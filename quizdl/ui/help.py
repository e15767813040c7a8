"""Help pages, drawn in typer's layout (usage, description, panels of arguments, options and commands).

Why not typer's own renderer: `typer.rich_utils` imports rich.markdown and markdown-it at module level, about
as long as importing typer and rich together, for Markdown that quizdl's help never contains. This module
draws the same panels with rich's table and panel alone. The words of the page (`Usage`, panel titles,
`[default: …]`) come from the message catalogue, so a Chinese page has no English in it.

It reads typer's private `_extract_default_help_str` and `_get_default_string` to show defaults exactly
as typer would; typer is pinned below 0.29 in pyproject.toml, and tests/test_cli.py draws every page.
"""

from __future__ import annotations

import inspect
from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quizdl.ui.labels import say


def render(command: Any, ctx: Any, lang: str) -> str:
    """The help page of `command` (a typer command or group) as printed text, ANSI-styled on a terminal."""
    console = Console(highlight=False)
    with console.capture() as page:
        console.print(Padding(Text(command.get_usage(ctx), style="bold"), 1))
        if command.help:
            console.print(Padding(_description(command.help), (0, 1, 1, 1)))
        params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
        for kind, row in (("argument", _argument_row), ("option", _option_row)):
            if chosen := [p for p in params if p.param_type_name == kind]:
                rows = [row(p, ctx) + [_help(p, ctx, lang)] for p in chosen]
                if any(p.required for p in chosen):  # typer's red asterisk column
                    rows = [[Text("*" if p.required else "", style="red"), *r] for p, r in zip(chosen, rows)]
                console.print(_panel(say(f"typer.{kind}s", lang), rows))
        subcommands = [c for name in getattr(command, "list_commands", lambda _: [])(ctx)
                       if (c := command.get_command(ctx, name)) is not None and not c.hidden]
        if subcommands:
            console.print(_panel(say("typer.commands", lang), [[Text(c.name or "", style="bold cyan"),
                                                                _first_paragraph(c.help or "")]
                                                               for c in subcommands]))
    return page.get().rstrip("\n")


def _description(help_text: str) -> Group:
    """The first paragraph as written, later ones dimmed, single line breaks joined (as typer does)."""
    first, *rest = inspect.cleandoc(help_text).partition("\f")[0].split("\n\n")
    parts = [Text(first.replace("\n", " ").strip())]
    if rest:
        parts += [Text(""), Text("\n\n".join(rest), style="dim")]
    return Group(*parts)


def _first_paragraph(help_text: str) -> Text:
    return Text(inspect.cleandoc(help_text).split("\n\n")[0].replace("\n", " ").strip())


def _argument_row(param: Any, ctx: Any) -> list[Text]:
    """An argument: its name where options have their short form, and its type (PATH, TEXT)."""
    metavar = param.type.get_metavar(param=param, ctx=ctx) or f"<{param.type.name}>"
    return [Text(""), Text(param.metavar or param.name or "", style="bold green"), Text(metavar, style="bold yellow")]


def _option_row(param: Any, ctx: Any) -> list[Text]:
    """An option: long names (and a flag's negative form), short names, the value's metavar with a number
    range's bounds (`N [x>=1]`); a flag has no metavar."""
    name = Text(",".join(o for o in param.opts if o.startswith("--")), style="bold cyan")
    if param.secondary_opts:
        name.append("/" + ",".join(param.secondary_opts), style="bold magenta")
    metavar = param.make_metavar(ctx=ctx)
    types = Text("" if "bool" in metavar.lower() else metavar, style="bold yellow")
    if bounds := getattr(param.type, "_describe_range", lambda: "")():
        types.append(f" [{bounds}]")
    short = Text(",".join(o for o in param.opts if not o.startswith("--")), style="bold green")
    return [name, short, types]


def _help(param: Any, ctx: Any, lang: str) -> Text:
    """The parameter's help, then its default and whether it is required, in typer's words and styles."""
    text = Text(" ".join(line.strip() for line in (getattr(param, "help", None) or "").split("\n")).strip())
    default = param._extract_default_help_str(ctx=ctx)
    show_default_is_str = isinstance(param.show_default, str)
    if show_default_is_str or (default is not None and (param.show_default or ctx.show_default)):
        shown = param._get_default_string(ctx=ctx, show_default_is_str=show_default_is_str, default_value=default)
        if shown:
            text.append(" " + say("typer.default", lang).format(shown), style="dim")
    if param.required:
        text.append(" " + say("typer.required", lang), style="dim red")
    return text


def _panel(title: str, rows: list[list[Text]]) -> Panel:
    """Rows in columns without rules, in a dim rounded panel titled at its left."""
    table = Table(show_header=False, expand=True, box=None, pad_edge=False, padding=(0, 1))
    for _ in rows[0][:-1]:
        table.add_column(no_wrap=True)
    table.add_column(ratio=10)
    for row in rows:
        table.add_row(*row)
    return Panel(table, border_style="dim", title=title, title_align="left")
