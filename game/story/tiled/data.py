"""A tile layer's data decoded into gids: CSV, base64 (raw, zlib, gzip or zstd) or XML tiles.

Decompression never produces more than the layer needs, so a damaged or hostile file cannot
make it use more memory than its declared size allows.
"""

from __future__ import annotations

import base64
import binascii
import io
import sys
import zlib
from array import array

import zstandard  # Tiled's zstd layers: pytmx reads none, and zlib cannot

ENCODINGS = ("csv", "base64")
COMPRESSIONS = ("zlib", "gzip", "zstd")


class DataError(Exception):
    """The data cannot be decoded: ``code`` is the diagnostic that names why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def unsupported(encoding: str | None, compression: str | None) -> str | None:
    """Why the layer format cannot be read (a message saying what to do), or None if it can."""
    fix = "in Tiled, choose another Tile Layer Format (Map > Map Properties) and save again"
    if encoding not in (None, *ENCODINGS):
        return f"layer data encoded as '{encoding}' is not supported: {fix}"
    if compression and encoding != "base64":
        return f"layer data compressed as '{compression}' without base64 is not supported: {fix}"
    if compression and compression not in COMPRESSIONS:
        return f"'{compression}'-compressed layers are not supported: {fix}"
    return None


def decode(text: str, gids: array | None, encoding: str | None, compression: str | None,
           count: int) -> array:
    """``count`` raw gids, or DataError (LT523 for a format, LT524 for damaged data)."""
    why = unsupported(encoding, compression)
    if why:
        raise DataError("LT523", why)
    if encoding is None:
        found = gids if gids is not None else array("I")
        return _sized(found, count)
    if encoding == "csv":
        return _sized(_csv(text, count), count)
    try:
        raw = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise DataError("LT524", "the layer data is not valid base64") from None
    if compression:
        raw = _inflate(raw, compression, count * 4)
    if len(raw) % 4:
        raise DataError("LT524", f"the layer data has {len(raw)} bytes, not a whole number of tiles")
    out = array("I")
    out.frombytes(raw)
    if sys.byteorder != "little":  # pragma: no cover - Tiled writes little-endian
        out.byteswap()
    return _sized(out, count)


def _csv(text: str, count: int) -> array:
    items = text.split(",")
    if items and not items[-1].strip():
        items.pop()  # Tiled ends each row with a comma, and may end the last one so
    if len(items) <= count:
        try:
            return array("I", map(int, items))  # the quick way, for data that is whole
        except (ValueError, OverflowError):
            pass  # say exactly what is wrong, below
    items = text.replace("\n", ",").replace("\r", ",").split(",")
    out = array("I")
    for item in items:
        item = item.strip()
        if not item:
            continue
        if len(out) > count:
            break
        try:
            value = int(item)
        except ValueError:
            raise DataError("LT524", f"the layer data has '{item[:20]}' where a tile number "
                                     "belongs") from None
        if not 0 <= value <= 0xFFFFFFFF:
            raise DataError("LT524", f"the tile number {item[:20]} is out of range")
        out.append(value)
    return out


def _inflate(raw: bytes, compression: str, limit: int) -> bytes:
    try:
        if compression == "zstd":
            reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(raw))
            return reader.read(limit + 4)
        inflater = zlib.decompressobj(47)  # zlib or gzip, told apart by the header
        return inflater.decompress(raw, limit + 4)
    except (zlib.error, zstandard.ZstdError):
        raise DataError("LT524", f"the {compression}-compressed layer data is damaged: it does "
                                 "not decompress") from None


def _sized(gids: array, count: int) -> array:
    if len(gids) != count:
        more = "more" if len(gids) > count else "fewer"
        raise DataError("LT524", f"the layer data holds {more} tiles than its size "
                                 f"({len(gids)}{'+' if len(gids) > count else ''} for {count})")
    return gids
