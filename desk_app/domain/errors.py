"""The desk's exception tree. Every message is one a clerk can act on.

Each error carries its Vietnamese message (the default language of the desk) and an English
translation; the user interface shows the one matching its language. Low-level errors (SQLite,
HTTP, file system) are translated into one of these at the boundary where they happen.

    DeskError
     ├── InvalidInput            a field the clerk typed or scanned is not acceptable
     │    ├── CardUnreadable     the ID card QR text is malformed
     │    ├── UnknownCardLayout  the QR is of a layout we do not know: never guessed, type instead
     │    └── InvalidIdNumber    the 12-digit number disagrees with itself or the card
     ├── UnknownProcedure        a procedure code that is not in the catalogue
     ├── TransitionRefused       the action is not allowed in the dossier's current status
     ├── CodeSpaceExhausted      this desk has issued every dossier number of its slice today
     └── CalendarError           a due date that cannot be computed (no working day ahead…)
"""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    """Base of every error the desk shows to a person."""

    def __init__(self, message: str, english: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.english = english or message
        self.field = field

    def text(self, language: str = "vi") -> str:
        """The message in the given language ("vi" or "en")."""
        return self.english if language == "en" else self.message

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled whole (both languages, the field, a subclass's own attributes): an error raised in
        a worker process reaches the desk as it was raised."""
        return _restore, (type(self), self.args, dict(self.__dict__))


def _restore(kind: type[DeskError], args: tuple[Any, ...], attributes: dict[str, Any]) -> DeskError:
    error = Exception.__new__(kind, *args)
    error.args = args
    error.__dict__.update(attributes)
    return error


class InvalidInput(DeskError):
    """A value typed or scanned by the clerk is not acceptable; nothing was written."""


class CardUnreadable(InvalidInput):
    """The citizen ID card QR text is malformed."""


class UnknownCardLayout(InvalidInput):
    """The QR text is of a layout we do not recognise; the clerk types the details instead."""


class InvalidIdNumber(InvalidInput):
    """A 12-digit personal ID number that is malformed or disagrees with the birth date/gender."""


class UnknownProcedure(DeskError):
    """A procedure code that the catalogue does not hold."""


class TransitionRefused(DeskError):
    """An action that the dossier's current status does not allow."""


class CodeSpaceExhausted(DeskError):
    """The desk has used every dossier number of its daily slice."""


class CalendarError(DeskError):
    """A due date that cannot be computed from the working calendar."""
