"""Every token and password operation lives here.

JWTs go through python-jose with the algorithm pinned to HS256; each token kind carries its own
`typ`, so a partner token never passes where a person's is required and the reverse.
Refresh tokens and client secrets are opaque random strings stored only as hashes.
"""

import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any, Literal

import anyio
from jose import JWTError, jwk, jwt
from jose.backends.base import Key
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.core.config import Settings
from app.core.time import utcnow

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("exp", "iat", "iss", "aud", "sub", "jti", "typ")
TokenType = Literal["access", "partner"]

# Argon2id at OWASP's recommended floor (19 MiB, 2 passes, 1 lane): about 50 ms on our 2-core
# machines, so sign-in stays quick while an offline guess stays expensive.
_hasher = PasswordHash((Argon2Hasher(time_cost=2, memory_cost=19456, parallelism=1),))
# Verified against when the username is unknown, so both answers take the same time.
_DUMMY_HASH = _hasher.hash("dummy-password-for-timing")


@dataclass(frozen=True)
class TokenClaims:
    sub: str
    typ: TokenType
    jti: str
    version: int
    scopes: tuple[str, ...]
    exp: int = 0


class InvalidToken(Exception):
    pass


def create_token(
    settings: Settings,
    *,
    subject: str,
    token_type: TokenType,
    version: int,
    scopes: list[str] | None = None,
) -> tuple[str, int]:
    minutes = (
        settings.access_token_minutes if token_type == "access" else settings.partner_token_minutes
    )
    now = utcnow()
    claims: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": subject,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=minutes)).timestamp()),
        "jti": uuid.uuid4().hex,
        "typ": token_type,
        "ver": version,
    }
    if scopes is not None:
        claims["scope"] = " ".join(scopes)
    return jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM), minutes * 60


@lru_cache(maxsize=8)
def _verification_key(secret: str) -> Key:
    """The HMAC key, built once: given a plain string, python-jose first tries to parse it as a
    JSON key set (raising and catching an exception) and then builds a key, on every check."""
    return jwk.construct(secret, ALGORITHM)


def decode_token(settings: Settings, token: str, expected: TokenType) -> TokenClaims:
    """Verified claims. A bearer token comes with every request, so its signature and claims
    are checked once and remembered; its expiry is checked every time. Whether the user or
    client is still active and the token's version current is read from the database by the
    caller on every request."""
    claims = _verify(
        settings.jwt_secret, settings.jwt_issuer, settings.jwt_audience, token, expected
    )
    if claims.exp <= int(time.time()):
        raise InvalidToken("expired")
    return claims


@lru_cache(maxsize=4096)
def _verify(
    secret: str, issuer: str, audience: str, token: str, expected: TokenType
) -> TokenClaims:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != ALGORITHM:
            raise InvalidToken("algorithm")
        claims = jwt.decode(
            token,
            _verification_key(secret),
            algorithms=[ALGORITHM],
            audience=audience,
            issuer=issuer,
            options={"require_" + c: True for c in ("exp", "iat", "iss", "aud", "sub", "jti")},
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    if any(c not in claims for c in REQUIRED_CLAIMS) or claims["typ"] != expected:
        raise InvalidToken("claims")
    version = claims.get("ver")
    if not isinstance(version, int):
        raise InvalidToken("version")
    return TokenClaims(
        sub=str(claims["sub"]),
        typ=expected,
        jti=str(claims["jti"]),
        version=version,
        scopes=tuple(str(claims.get("scope", "")).split()),
        exp=int(claims["exp"]),
    )


def peek_token_type(token: str) -> str | None:
    """The unverified `typ` claim, only to choose which verification to run."""
    try:
        return jwt.get_unverified_claims(token).get("typ")
    except JWTError:
        return None


async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(_hasher.hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    """Argon2 verify off the event loop; with no hash, burns the same time and fails."""
    if password_hash is None:
        await anyio.to_thread.run_sync(_hasher.verify, password, _DUMMY_HASH)
        return False
    try:
        return await anyio.to_thread.run_sync(_hasher.verify, password, password_hash)
    except Exception:
        return False


def new_opaque_token() -> str:
    return secrets.token_urlsafe(32)


def hash_opaque_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def opaque_token_matches(token: str, token_hash: str) -> bool:
    return hmac.compare_digest(hash_opaque_token(token), token_hash)
