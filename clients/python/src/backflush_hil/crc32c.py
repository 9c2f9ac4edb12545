"""CRC-32C (Castagnoli), the checksum of the binary frames.

Reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF; the check value of the
nine bytes ``b"123456789"`` is 0xE3069283. A 256-entry table computed once at import, one table
look-up per byte.
"""

from __future__ import annotations

from typing import Tuple, Union

POLYNOMIAL = 0x82F63B78
"""The Castagnoli polynomial 0x1EDC6F41, bit-reflected."""

CHECK_VALUE = 0xE3069283
"""CRC-32C of ``b"123456789"``."""

_MASK = 0xFFFFFFFF


def _table() -> Tuple[int, ...]:
    rows = []
    for byte in range(256):
        c = byte
        for _ in range(8):
            c = (c >> 1) ^ POLYNOMIAL if c & 1 else c >> 1
        rows.append(c)
    return tuple(rows)


TABLE: Tuple[int, ...] = _table()

Bytes = Union[bytes, bytearray, memoryview]


def crc32c(data: Bytes, crc: int = 0) -> int:
    """The CRC-32C of ``data``; pass a previous result as ``crc`` to continue over more bytes."""
    c = (crc & _MASK) ^ _MASK
    table = TABLE
    for b in bytes(data) if isinstance(data, memoryview) else data:
        c = table[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ _MASK
