"""Tables that fit the terminal: narrow columns at their full width, the long one takes the slack.

`list`, `topics`, `stats` and `exercise list` print through `print_table`. Every column but the
growing one (titles) is as wide as its widest cell, so ids, numbers and short words are never
cut; the growing column gets what is left. When that is too little (a terminal under 60
columns), each row is printed as a small stacked card instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

STACK_BELOW = 60
"""Terminals narrower than this get the stacked layout."""
MIN_GROWING = 16
"""The growing column needs at least this many cells to be worth a table."""
_GAP = 3  # " │ " between two columns
_INDENT = 2  # a stacked card's lines under its first


@dataclass(frozen=True)
class Column:
    header: str
    justify: str = "left"
    grows: bool = False
    """Takes the width the others leave (one per table)."""
    wraps: bool = True
    """A growing column that does not wrap is cut with '…' (one line per row, for long lists)."""
    optional: bool = False
    """Left out (all optional columns together) when the growing column would be too narrow otherwise."""


def print_table(console: Console, columns: list[Column], rows: list[list[str | Text]]) -> None:
    cells = [[cell if isinstance(cell, Text) else Text(cell) for cell in row] for row in rows]
    if console.width >= STACK_BELOW and _room(columns, cells, console.width) < MIN_GROWING:
        kept = [i for i, c in enumerate(columns) if not c.optional]
        columns, cells = [columns[i] for i in kept], [[row[i] for i in kept] for row in cells]
    room = _room(columns, cells, console.width)
    if console.width < STACK_BELOW or room < MIN_GROWING:
        _print_stacked(console, columns, cells)
        return
    table = Table(show_edge=False, pad_edge=False)
    for column, width in zip(columns, _widths(columns, cells)):
        if column.grows:
            table.add_column(column.header, justify=column.justify,  # type: ignore[arg-type]
                             width=min(room, width), no_wrap=not column.wraps, overflow="ellipsis")
        else:
            table.add_column(column.header, justify=column.justify, width=width, no_wrap=True)  # type: ignore[arg-type]
    for row in cells:
        table.add_row(*row)
    console.print(table)


def _widths(columns: list[Column], cells: list[list[Text]]) -> list[int]:
    """Each column's widest cell or header, in terminal cells."""
    return [max([Text(c.header).cell_len] + [row[i].cell_len for row in cells]) for i, c in enumerate(columns)]


def _room(columns: list[Column], cells: list[list[Text]], width: int) -> int:
    """What the growing column would get: the width less every other column at its widest, less the gaps."""
    fixed = sum(w for c, w in zip(columns, _widths(columns, cells)) if not c.grows)
    return width - fixed - _GAP * (len(columns) - 1)


def _print_stacked(console: Console, columns: list[Column], rows: list[list[Text]]) -> None:
    """Each row as a card: its first cell in bold, the growing cell under it, then the rest as 'header value'
    pairs, a line holding as many whole pairs as fit."""
    growing = next((i for i, c in enumerate(columns) if c.grows), 0)
    width = console.width - _INDENT
    for row in rows:
        console.print(Text.assemble(row[0], style="bold"))
        if growing:
            title = row[growing].copy()
            if not columns[growing].wraps:
                title.truncate(width, overflow="ellipsis")
            console.print(Padding(title, (0, 0, 0, _INDENT)))
        pairs = [f"{c.header} {cell.plain}" for i, (c, cell) in enumerate(zip(columns, row))
                 if i not in (0, growing) and cell.plain]
        lines: list[str] = []
        for pair in pairs:
            if lines and cell_len(joined := f"{lines[-1]} · {pair}") <= width:
                lines[-1] = joined
            else:
                lines.append(pair)
        for line in lines:
            console.print(Padding(Text(line, style="dim"), (0, 0, 0, _INDENT)))
