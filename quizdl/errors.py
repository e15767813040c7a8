"""The one family of errors a user may see.

The core raises these with text that is ready to print; the CLI catches them in
one place, prints the message and exits with `exit_code`. Anything else that
escapes is a bug in quizdl, not bad input.
"""


class QuizdlError(Exception):
    """A problem the user can fix; the message says how."""

    exit_code = 1


class UsageError(QuizdlError):
    """The command line names something that does not exist (exit code 2)."""

    exit_code = 2


class BankError(QuizdlError):
    """A bank file or folder cannot be used."""
