"""PNG bytes from raw pixels, for save thumbnails.

pygame-ce (2.5) can write a PNG into a Python file object, but never releases that object
afterwards: every ``pygame.image.save(surface, io.BytesIO())`` keeps its buffer alive for the
rest of the process (about 50 KB a thumbnail, one thumbnail a choice). Writing the few chunks
of a PNG with ``zlib`` is short and keeps nothing.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def encode_rgb(width: int, height: int, pixels: bytes, *, level: int = 6) -> bytes:
    """A PNG of ``width`` × ``height`` 8-bit RGB pixels, given row by row (``tobytes("RGB")``)."""
    stride = width * 3
    if width <= 0 or height <= 0 or len(pixels) != stride * height:
        raise ValueError(f"{len(pixels)} bytes are not {width}×{height} RGB pixels")
    rows = b"".join(b"\x00" + pixels[y * stride:(y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, level)) \
        + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + \
        struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
