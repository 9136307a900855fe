"""The one error type ketaprep explains to a person instead of showing a traceback."""

from __future__ import annotations


class KetaprepError(Exception):
    """A problem we can describe in one plain sentence.

    ``exit_code`` is 1 for a problem with data or files, 2 for a problem with how
    the command was used (bad option, no terminal, unknown id).
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class UsageError(KetaprepError):
    """The command was asked for something it cannot do; exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)
