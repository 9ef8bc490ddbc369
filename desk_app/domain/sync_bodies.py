"""The bodies of the sync protocol: gzip-compressed strict JSON within size limits, and the
``ProtocolError`` (with its error code and HTTP status) for a body that breaks them.

Used by ``sync_protocol`` (which re-exports all of it) on both sides of the wire.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Mapping
from typing import Any

import orjson

from desk_app.domain.errors import InvalidInput

MAX_COMPRESSED_BYTES = 8 * 1024 * 1024
MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024

# Error codes of a whole request, and their HTTP statuses.
ERR_MALFORMED = "malformed"
ERR_TOO_LARGE = "too_large"
ERR_UPDATE_REQUIRED = "update_required"
ERR_UNSUPPORTED_PROTOCOL = "unsupported_protocol"
ERR_UNAUTHORIZED = "unauthorized"
ERR_REVOKED = "revoked"
ERR_FORBIDDEN = "forbidden"
ERR_NOT_FOUND = "not_found"
ERR_CONFLICT = "conflict"
ERR_BAD_CODE = "bad_code"
ERR_INTERNAL = "internal"
ERROR_STATUS: Mapping[str, int] = {
    ERR_MALFORMED: 400,
    ERR_TOO_LARGE: 413,
    ERR_UPDATE_REQUIRED: 426,
    ERR_UNSUPPORTED_PROTOCOL: 400,
    ERR_UNAUTHORIZED: 401,
    ERR_REVOKED: 403,
    ERR_FORBIDDEN: 403,
    ERR_NOT_FOUND: 404,
    ERR_CONFLICT: 409,
    ERR_BAD_CODE: 400,
    ERR_INTERNAL: 500,
}


class ProtocolError(InvalidInput):
    """A sync body that breaks the protocol; ``code`` is its ``ERR_*`` error code."""

    def __init__(self, message: str, english: str, code: str = ERR_MALFORMED, *, field: str | None = None) -> None:
        super().__init__(message, english, field=field)
        self.code = code

    @property
    def status(self) -> int:
        """The HTTP status the centre answers with."""
        return ERROR_STATUS[self.code]


# --- compression and JSON -------------------------------------------------------------------------


def compact_json(data: Any) -> str:
    """``data`` as compact JSON text (no NaN or Infinity)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def pack(data: Any, level: int = 6) -> bytes:
    """``data`` as gzip-compressed compact UTF-8 JSON."""
    return gzip.compress(compact_json(data).encode(), compresslevel=level, mtime=0)


def pack_text(text: str, level: int = 6) -> bytes:
    """Already serialised JSON text, gzip-compressed (the centre's fast path for pulled pages)."""
    return gzip.compress(text.encode(), compresslevel=level, mtime=0)


def inflate(body: bytes, max_compressed: int = MAX_COMPRESSED_BYTES, max_size: int = MAX_DECOMPRESSED_BYTES) -> bytes:
    """The bytes inside one gzip member, within the limits; ProtocolError when over, truncated or trailing."""
    if len(body) > max_compressed:
        raise ProtocolError(
            f"Gói dữ liệu quá lớn ({len(body)} byte nén, tối đa {max_compressed})",
            f"The body is too large ({len(body)} compressed bytes, at most {max_compressed})",
            ERR_TOO_LARGE,
        )
    inflater, data = _inflate_up_to(body, max_size + 1)
    if len(data) > max_size or inflater.unconsumed_tail:
        raise ProtocolError(
            f"Gói dữ liệu giải nén vượt quá {max_size} byte",
            f"The body inflates beyond {max_size} bytes",
            ERR_TOO_LARGE,
        )
    if not inflater.eof:
        raise ProtocolError(
            "Gói dữ liệu bị cắt cụt (đường truyền bị ngắt?)",
            "The body is truncated (was the connection cut?)",
            ERR_MALFORMED,
        )
    if inflater.unused_data:
        raise ProtocolError("Có dữ liệu thừa sau gói gzip", "There are bytes after the gzip body", ERR_MALFORMED)
    return data


def inflate_start(body: bytes, size: int) -> bytes:
    """The first ``size`` bytes inside a gzip body (or all, when fewer), without inflating the rest;
    ProtocolError when it is not gzip or is corrupt that far."""
    return _inflate_up_to(body[:MAX_COMPRESSED_BYTES], size)[1]


def _inflate_up_to(body: bytes, size: int) -> tuple[Any, bytes]:
    """A gzip inflater and at most ``size`` bytes it gave (the checks every inflation starts with)."""
    if body[:2] != b"\x1f\x8b":
        raise ProtocolError("Gói dữ liệu không phải dạng gzip", "The body is not gzip-compressed", ERR_MALFORMED)
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        return inflater, inflater.decompress(body, size)
    except zlib.error as exc:
        raise ProtocolError(
            f"Gói dữ liệu gzip bị hỏng ({exc})", f"The gzip body is corrupt ({exc})", ERR_MALFORMED
        ) from None


def unpack(body: bytes, max_compressed: int = MAX_COMPRESSED_BYTES, max_size: int = MAX_DECOMPRESSED_BYTES) -> Any:
    """The JSON value inside a gzip body, every limit checked; ProtocolError otherwise."""
    return parse_json(inflate(body, max_compressed, max_size))


def parse_json(data: bytes | str) -> Any:
    """Strict JSON from UTF-8 bytes (no NaN or Infinity); ProtocolError naming the place.

    orjson parses it when it surely gives what ``json`` gives (three times faster: a first sync
    parses 100,000 events): it turns an integer beyond 64 bits into a float, so a text with a run of
    19 digits, or one orjson refuses for any reason (a lone surrogate, a number too big for a float,
    deep nesting…), is parsed by ``json``, which also names the fault."""
    raw = data.encode() if isinstance(data, str) else data
    if _DIGIT_RUN not in raw.translate(_DIGITS_ONLY):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return _parse_exactly(data)


_DIGITS_ONLY = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))  # a digit → "0", all else → " "
_DIGIT_RUN = b"0" * 19  # the shortest integer orjson may not keep: -9223372036854775809 has 19 digits


def _parse_exactly(data: bytes | str) -> Any:
    """``parse_json`` by the standard ``json`` module."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise ProtocolError("Gói dữ liệu không phải UTF-8", "The body is not UTF-8", ERR_MALFORMED) from None
    try:
        return _decode(text)
    except json.JSONDecodeError as exc:
        raise ProtocolError(
            f"Gói dữ liệu không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg})",
            f"The body is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            ERR_MALFORMED,
        ) from None
    except RecursionError:
        raise ProtocolError("JSON lồng nhau quá sâu", "The JSON is nested too deeply", ERR_MALFORMED) from None


def _reject_constant(name: str) -> Any:
    raise ProtocolError(
        f"Dữ liệu đồng bộ không hợp lệ: trường «JSON» chứa giá trị {name} không hợp lệ",
        f"Malformed sync data: field 'JSON' contains the invalid value {name}",
        ERR_MALFORMED,
        field="JSON",
    )


_decode = json.JSONDecoder(parse_constant=_reject_constant).decode  # built once: a page parses 5,000 lines
