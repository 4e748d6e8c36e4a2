"""Sign-in, token refresh and rotation, partner client credentials, logout and passwords."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col

from app.auth.events import AuthRecorded, ClientAuthRecorded
from app.auth.schemas import TokenResponse
from app.core import events
from app.core.config import Settings
from app.core.db import upsert
from app.core.errors import AppError, Unauthorized
from app.core.permissions import PARTNER_SCOPES
from app.core.principal import Principal
from app.core.security import (
    create_token,
    hash_opaque_token,
    hash_password,
    new_opaque_token,
    opaque_token_matches,
    verify_password,
)
from app.core.time import utcnow
from app.models import ApiClient, LoginThrottle, RefreshToken, User
from app.models.enums import AuditOutcome


def _invalid_grant(detail: str = "刷新令牌无效或已过期，请重新登录") -> Unauthorized:
    return Unauthorized(detail, code="invalid_grant", commit=True, extra={"error": "invalid_grant"})


async def _issue_person_tokens(
    session: AsyncSession, settings: Settings, user: User, family_id: uuid.UUID | None = None
) -> TokenResponse:
    access, expires_in = create_token(
        settings, subject=str(user.id), token_type="access", version=user.token_version
    )
    refresh = new_opaque_token()
    session.add(
        RefreshToken(
            token_hash=hash_opaque_token(refresh),
            family_id=family_id or uuid.uuid4(),
            user_id=user.id,
            token_version=user.token_version,
            expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        )
    )
    return TokenResponse(access_token=access, expires_in=expires_in, refresh_token=refresh)


async def password_grant(
    session: AsyncSession, settings: Settings, username: str, password: str, ip: str | None
) -> TokenResponse:
    username = username.strip().lower()
    now = utcnow()
    throttle = await session.get(LoginThrottle, username)
    if throttle and throttle.locked_until and throttle.locked_until > now:
        minutes = max(1, int((throttle.locked_until - now).total_seconds() + 59) // 60)
        await events.emit(
            session,
            AuthRecorded(
                actor=None,
                verb="login",
                object_id=None,
                ip=ip,
                after={"username": username, "reason": "locked"},
                outcome=AuditOutcome.denied,
            ),
        )
        raise Unauthorized(
            f"登录失败次数过多，账户已临时锁定，请 {minutes} 分钟后再试",
            code="account_locked",
            commit=True,
            extra={"error": "invalid_grant"},
        )

    user = (
        await session.execute(select(User).where(col(User.username) == username))
    ).scalar_one_or_none()
    valid = await verify_password(password, user.password_hash if user else None)
    if not valid or user is None or not user.is_active:
        failures, locked_until = await _count_failure(session, settings, username)
        await events.emit(
            session,
            AuthRecorded(
                actor=Principal(user=user) if user else None,
                verb="login",
                object_id=user.id if user else None,
                ip=ip,
                after={
                    "username": username,
                    "failures": failures,
                    "locked_until": locked_until.isoformat() if locked_until else None,
                },
                outcome=AuditOutcome.failure,
            ),
        )
        raise Unauthorized(
            "用户名或密码错误",
            code="invalid_credentials",
            commit=True,
            extra={"error": "invalid_grant"},
        )

    # Plain statements, not the ORM's versioned UPDATE/DELETE: sign-ins of one account at the
    # same moment (phone and desktop, a threaded client) must all succeed, and neither field is
    # part of what an ETag guards.
    if throttle is not None:
        await session.execute(delete(LoginThrottle).where(col(LoginThrottle.username) == username))
    await session.execute(update(User).where(col(User.id) == user.id).values(last_login_at=now))
    set_committed_value(user, "last_login_at", now)
    await events.emit(
        session, AuthRecorded(actor=Principal(user=user), verb="login", object_id=user.id, ip=ip)
    )
    return await _issue_person_tokens(session, settings, user)


async def _count_failure(
    session: AsyncSession, settings: Settings, username: str
) -> tuple[int, datetime | None]:
    """Counts a failed sign-in in one upsert (concurrent failures each count, none is lost) and
    locks the name once failures reach the limit: (failures, locked until or None)."""
    stmt = upsert(session, LoginThrottle).values(username=username, failures=1)
    failures = (
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["username"],
                set_={"failures": col(LoginThrottle.failures) + 1, "updated_at": utcnow()},
            ).returning(col(LoginThrottle.failures))
        )
    ).scalar_one()
    over = failures - settings.login_max_failures
    if over < 0:
        return failures, None
    seconds = min(settings.login_lock_seconds * 2**over, settings.login_lock_max_seconds)
    locked_until = utcnow() + timedelta(seconds=seconds)
    await session.execute(
        update(LoginThrottle)
        .where(col(LoginThrottle.username) == username)
        .values(locked_until=locked_until)
    )
    return failures, locked_until


async def refresh_grant(
    session: AsyncSession, settings: Settings, token: str, ip: str | None
) -> TokenResponse:
    row = (
        await session.execute(
            select(RefreshToken).where(col(RefreshToken.token_hash) == hash_opaque_token(token))
        )
    ).scalar_one_or_none()
    if row is None:
        raise _invalid_grant()
    now = utcnow()
    if row.used_at is not None or row.revoked_at is not None:
        # A used token presented again means it was stolen, or the family was ended: end it all.
        await _revoke_family(session, row.family_id)
        await events.emit(
            session,
            AuthRecorded(
                actor=None,
                verb="refresh_replay",
                object_id=row.user_id,
                ip=ip,
                after={"family_id": str(row.family_id)},
                outcome=AuditOutcome.denied,
            ),
        )
        raise _invalid_grant()
    if row.expires_at <= now:
        raise _invalid_grant()
    user = await session.get(User, row.user_id)
    if user is None or not user.is_active or user.token_version != row.token_version:
        raise _invalid_grant()
    # Only one of two concurrent refreshes with the same token can mark it used.
    claimed = await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.id) == row.id, col(RefreshToken.used_at).is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        await _revoke_family(session, row.family_id)
        raise _invalid_grant()
    return await _issue_person_tokens(session, settings, user, family_id=row.family_id)


async def client_credentials_grant(
    session: AsyncSession,
    settings: Settings,
    client_id: str,
    client_secret: str,
    scope: str | None,
    ip: str | None,
) -> tuple[TokenResponse, ApiClient]:
    """The token, and the client it was issued to."""
    client = (
        await session.execute(select(ApiClient).where(col(ApiClient.client_id) == client_id))
    ).scalar_one_or_none()
    secret_ok = client is not None and opaque_token_matches(client_secret, client.secret_hash)
    if client is None or not secret_ok or not client.is_active:
        await events.emit(
            session,
            ClientAuthRecorded(
                actor=None,
                verb="client_token",
                object_id=client.id if client else None,
                ip=ip,
                after={"client_id": client_id},
                outcome=AuditOutcome.failure,
            ),
        )
        raise Unauthorized(
            "客户端编号或密钥错误，或客户端已停用",
            code="invalid_client",
            commit=True,
            extra={"error": "invalid_client"},
        )
    granted = [s for s in client.scopes if s in PARTNER_SCOPES]
    if scope:
        requested = scope.split()
        unknown = [s for s in requested if s not in granted]
        if unknown:
            raise AppError(
                f"请求的权限范围未授予该客户端：{' '.join(unknown)}",
                code="invalid_scope",
                status=400,
                extra={"error": "invalid_scope"},
            )
        granted = requested
    token, expires_in = create_token(
        settings,
        subject=str(client.id),
        token_type="partner",
        version=client.version,
        scopes=granted,
    )
    issued = TokenResponse(access_token=token, expires_in=expires_in, scope=" ".join(granted))
    return issued, client


async def _revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


async def _revoke_all(session: AsyncSession, user_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


async def end_all_sessions(session: AsyncSession, user: User) -> None:
    """Ends every access and refresh token the user holds."""
    user.token_version += 1
    await _revoke_all(session, user.id)


async def logout(session: AsyncSession, principal: Principal, refresh_token: str) -> None:
    assert principal.user is not None
    row = (
        await session.execute(
            select(RefreshToken).where(
                col(RefreshToken.token_hash) == hash_opaque_token(refresh_token)
            )
        )
    ).scalar_one_or_none()
    if row is not None and row.user_id == principal.user.id:
        await _revoke_family(session, row.family_id)
    await events.emit(
        session, AuthRecorded(actor=principal, verb="logout", object_id=principal.user.id)
    )


async def logout_all(session: AsyncSession, principal: Principal) -> None:
    assert principal.user is not None
    await end_all_sessions(session, principal.user)
    await events.emit(
        session, AuthRecorded(actor=principal, verb="logout_all", object_id=principal.user.id)
    )


async def change_password(
    session: AsyncSession, principal: Principal, current_password: str, new_password: str
) -> None:
    user = principal.user
    assert user is not None
    if not await verify_password(current_password, user.password_hash):
        raise AppError(
            "当前密码不正确",
            code="wrong_password",
            status=422,
            errors=[
                {
                    "loc": ["body", "current_password"],
                    "msg": "当前密码不正确",
                    "type": "wrong_password",
                }
            ],
        )
    if new_password == current_password:
        raise AppError(
            "新密码不能与当前密码相同",
            code="password_unchanged",
            status=422,
            errors=[
                {
                    "loc": ["body", "new_password"],
                    "msg": "新密码不能与当前密码相同",
                    "type": "password_unchanged",
                }
            ],
        )
    user.password_hash = await hash_password(new_password)
    await end_all_sessions(session, user)
    await events.emit(
        session, AuthRecorded(actor=principal, verb="password_change", object_id=user.id)
    )
