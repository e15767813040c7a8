"""Our own messages about a learner's file or an author's bank, in words any learner reads.

A `Detail` is a catalogue key and its fields, and a str: its English text, so `--json`, logs, sorting and tests
read the message exactly as before, while a screen words it in the learner's language with `shown(value, lang)`
(quizdl/ui/labels.py: `detail.*` and `prop.*` for the grader's checks, `bank.*` for `quizdl lint`).
Only our own sentences are keys: what comes from outside (a sandboxed submission's numbers, shapes, exception
messages and tracebacks; a parser's message; a bank's values) is a field, filled in as a value and never read
as a template.
"""

from __future__ import annotations

from typing import Any, Callable

from quizdl.ui.labels import say


class Detail(str):
    """The English text of catalogue key `key` with `fields`; a field may itself be a Detail or Joined."""

    key: str
    fields: dict[str, Any]

    def __new__(cls, key: str, /, **fields: Any) -> Detail:
        self = super().__new__(cls, say(key, "en", **{name: shown(value, "en") for name, value in fields.items()}))
        self.key, self.fields = key, fields
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (self.key, self.fields)

    def mapped(self, change: Callable[[str], str]) -> Detail:
        """The same sentence with `change` applied to every plain-text field (a path shown the learner's way)."""
        return Detail(self.key, **{name: _mapped(value, change) for name, value in self.fields.items()})


class Joined(tuple):
    """Details joined by a separator that each language writes its own way (`sep`: a catalogue key)."""

    def __new__(cls, parts: Any, sep: str = "detail.sep") -> Joined:
        self = super().__new__(cls, parts)
        self.sep = sep
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return Joined, (tuple(self), self.sep)


def shown(value: Any, lang: str) -> Any:
    """`value` worded in `lang` when it is the judge's (a Detail, Joined); any other value as it is."""
    if isinstance(value, Detail):
        return say(value.key, lang, **{name: shown(field, lang) for name, field in value.fields.items()})
    if isinstance(value, Joined):
        return say(value.sep, lang).join(str(shown(part, lang)) for part in value)
    return value


def _mapped(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, Detail):
        return value.mapped(change)
    if isinstance(value, Joined):
        return Joined([_mapped(part, change) for part in value], value.sep)
    return change(value) if isinstance(value, str) else value


def _rebuilt(key: str, fields: dict[str, Any]) -> Detail:
    return Detail(key, **fields)
