"""Tokens and enrolment codes: random, shown once, stored only as SHA-256 hashes.

A desk token is 32 random bytes (URL-safe base64), sent as ``Authorization: Bearer``; the centre keeps
its SHA-256, so a copy of the database does not let anyone sync as a desk. An enrolment code is short
enough to type from a phone call or a letter: 12 characters of Crockford's base32 (60 bits) in groups
of four, case and the look-alikes O/0 and I/L/1 forgiven; it works once, for 24 hours. A plain hash is
enough for both because they are long random secrets, not passwords (no dictionary to try).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_token() -> str:
    """A fresh desk token: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """The SHA-256 (hex) under which a token or a normalised code is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_enrol_code() -> str:
    """A fresh one-time enrolment code such as ``7KQ3-M9XD-2F8W``."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text: str) -> str:
    """The code as typed, without spaces or dashes, upper case, look-alike letters read as digits."""
    return "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison of two secrets."""
    return hmac.compare_digest(given.encode(), expected.encode())
