"""Errors with stable codes, so scripts can tell failures apart (as spaCy does)."""

from __future__ import annotations


class ConsilienceError(Exception):
    """Base error. ``code`` is stable across releases; the message may change."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputReadError(ConsilienceError):
    """An input file could not be read as any supported format."""

    code = "E001"


class StoreError(ConsilienceError):
    code = "E010"


class SchemaTooNewError(StoreError):
    """The database was written by a newer consilience."""

    code = "E011"


class NotFoundError(ConsilienceError):
    code = "E020"


class ModelMissingError(ConsilienceError):
    """A learned model has not been built yet (see `consilience train`)."""

    code = "E030"
