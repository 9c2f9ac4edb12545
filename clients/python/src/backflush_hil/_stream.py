"""The byte buffer both push decoders share: bytes fed in, a read position, a count of errors."""

from __future__ import annotations

from typing import Union

from .messages import DecodeError, ErrorCode

Chunk = Union[bytes, bytearray, memoryview]


class StreamBuffer:
    """Bytes received and not yet decoded (``_buf[_pos:]``), compacted as they are consumed."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._pos = 0
        self._offset = 0  # stream offset of _buf[0]
        self.errors = 0
        """Decode errors so far."""

    def feed(self, data: Chunk) -> None:
        if self._pos and self._pos >= len(self._buf) // 2:
            shift = self._pos
            del self._buf[:shift]
            self._offset += shift
            self._pos = 0
            self._compacted(shift)
        self._buf += data

    def _compacted(self, shift: int) -> None:
        """Told when the first ``shift`` bytes were dropped (indices kept by a subclass move down)."""

    @property
    def buffered(self) -> int:
        """Bytes received but not yet decoded."""
        return len(self._buf) - self._pos

    def _error(self, code: ErrorCode, at: int, detail: str) -> DecodeError:
        self.errors += 1
        return DecodeError(code, at, detail)
