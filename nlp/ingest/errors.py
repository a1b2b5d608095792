"""The one error type of reading; its ``type`` goes into the error record."""
from __future__ import annotations


class IngestError(Exception):
    def __init__(self, type_: str, message: str):
        super().__init__(message)
        self.type = type_
        self.message = message
