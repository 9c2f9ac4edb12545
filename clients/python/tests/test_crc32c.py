"""CRC-32C against published check values and an independent bit-at-a-time computation."""

import random

from backflush_hil.crc32c import CHECK_VALUE, TABLE, crc32c


def bitwise_crc32c(data: bytes) -> int:
    """The definition, one bit at a time (no table): reflected 0x82F63B78, init and xorout all ones."""
    c = 0xFFFFFFFF
    for byte in data:
        c ^= byte
        for _ in range(8):
            c = (c >> 1) ^ (0x82F63B78 if c & 1 else 0)
    return c ^ 0xFFFFFFFF


def test_check_value_of_123456789() -> None:
    assert crc32c(b"123456789") == 0xE3069283 == CHECK_VALUE


def test_rfc3720_iscsi_vectors() -> None:
    # RFC 3720, B.4: 32 bytes of zeros, of ones, incrementing and decrementing
    assert crc32c(bytes(32)) == 0x8A9136AA
    assert crc32c(b"\xff" * 32) == 0x62A8AB43
    assert crc32c(bytes(range(32))) == 0x46DD794E
    assert crc32c(bytes(range(31, -1, -1))) == 0x113FDB5C


def test_empty_input_and_table() -> None:
    assert crc32c(b"") == 0
    assert len(TABLE) == 256
    assert TABLE[0] == 0 and TABLE[1] == 0xF26B8303 and TABLE[128] == 0x82F63B78


def test_matches_the_bitwise_definition_and_continues_across_chunks() -> None:
    rng = random.Random(20240611)
    for n in (1, 2, 7, 62, 255, 1000):
        data = bytes(rng.randrange(256) for _ in range(n))
        assert crc32c(data) == bitwise_crc32c(data)
        cut = rng.randrange(n + 1)
        assert crc32c(data[cut:], crc32c(data[:cut])) == crc32c(data)
        assert crc32c(bytearray(data)) == crc32c(memoryview(data)) == crc32c(data)


def test_detects_every_single_bit_flip_in_a_frame() -> None:
    data = bytearray(b"BF\x01\x04\x18\x00" + bytes(range(24)))
    good = crc32c(data)
    for i in range(len(data) * 8):
        data[i // 8] ^= 1 << (i % 8)
        assert crc32c(data) != good
        data[i // 8] ^= 1 << (i % 8)
