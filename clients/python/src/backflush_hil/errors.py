"""The exceptions of the client; all derive from :class:`HilError`."""

from __future__ import annotations

from typing import Optional

from .messages import DecodeError, Error, ErrorCode


class HilError(Exception):
    """Anything that went wrong talking to the plant server."""


class ServerError(HilError):
    """The server answered with an error frame; :attr:`code` is its error code."""

    def __init__(self, error: Error) -> None:
        self.error = error
        self.code: int = error.code
        self.count: int = error.count
        self.message: str = error.message
        name = self.error_code.name if self.error_code is not None else "unknown code"
        super().__init__(f"server error {error.code} ({name}): {error.message}")

    @property
    def error_code(self) -> Optional[ErrorCode]:
        """The code as an :class:`ErrorCode`, or None for a code this client does not know."""
        return self.error.error_code


class ProtocolError(HilError):
    """The server sent something this client cannot decode or did not expect."""

    def __init__(self, message: str, decode_error: Optional[DecodeError] = None) -> None:
        super().__init__(message)
        self.decode_error = decode_error


class ConnectionClosed(HilError, ConnectionError):
    """The server closed the connection (or it broke)."""


class HilTimeout(HilError, TimeoutError):
    """The server did not answer in time."""


class UsageError(HilError):
    """The client's API was used out of order (e.g. a lockstep frame left unanswered)."""
