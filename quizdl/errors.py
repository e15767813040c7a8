"""The one family of errors a user may see.

The core raises these with text that is ready to print; the CLI catches them in
one place, prints the message and exits with `exit_code`. Anything else that
escapes is a bug in quizdl, not bad input.
"""


class QuizdlError(Exception):
    """A problem the user can fix; the message says how.

    Raised with a message catalogue key and its fields (`UsageError(key="error.no_file", path=p)`),
    the error speaks the learner's language: `text(lang)`; str() is the English text."""

    exit_code = 1

    def __init__(self, message: str = "", *, key: str | None = None, **fields: object) -> None:
        self.key, self.fields = key, fields
        super().__init__(message or self.text("en"))

    def text(self, lang: str) -> str:
        if self.key is None:
            return str(self)
        from quizdl.ui.labels import say

        return say(self.key, lang, **self.fields)


class UsageError(QuizdlError):
    """The command line names something that does not exist (exit code 2)."""

    exit_code = 2


class BankError(QuizdlError):
    """A bank file or folder cannot be used."""
