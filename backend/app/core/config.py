"""Application settings, read from the environment (and `.env`); see `.env.example`."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

BACKEND_DIR = Path(__file__).resolve().parents[2]
REPO_DIR = BACKEND_DIR.parent

DEFAULT_SECRET = "dev-only-secret-change-me-0123456789abcdef0123456789abcdef"
SECRET_HINT = (
    'python3 -c "import secrets; print(secrets.token_urlsafe(48))"'  # what to run for a secret
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=(REPO_DIR / ".env"), extra="ignore")

    app_env: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite+aiosqlite:///{BACKEND_DIR / 'data' / 'zhaoshangtong.db'}"
    database_pool_size: int = 10
    # A request waits this long for a pooled connection, then gets 503 with Retry-After.
    database_pool_timeout_seconds: float = Field(default=10, gt=0, le=120)
    # Connecting to PostgreSQL gives up after this long (the database is away: 503 at once).
    database_connect_timeout_seconds: float = Field(default=5, gt=0, le=60)
    # The API's statements on PostgreSQL are cancelled after this long (0: never); the CLI,
    # migrations and bulk jobs are not bound.
    database_statement_timeout_ms: int = Field(default=30_000, ge=0)

    jwt_secret: str = DEFAULT_SECRET
    jwt_issuer: str = "zhaoshangtong"
    jwt_audience: str = "zhaoshangtong-api"
    access_token_minutes: int = Field(default=15, ge=1, le=15)
    partner_token_minutes: int = Field(default=15, ge=1, le=15)
    refresh_token_days: int = Field(default=7, ge=1, le=30)

    login_max_failures: int = 5
    login_lock_seconds: int = 60
    login_lock_max_seconds: int = 3600

    project_stale_days: int = Field(default=30, ge=1, le=365)

    # Service tickets: working days to resolve by urgency (一般 / 急办 / 特急).
    ticket_days_normal: int = Field(default=10, ge=1, le=60)
    ticket_days_urgent: int = Field(default=5, ge=1, le=60)
    ticket_days_critical: int = Field(default=2, ge=1, le=60)
    ticket_due_soon_days: int = Field(default=2, ge=0, le=10)
    # A decision coming due within this many working days reminds the units carrying it out.
    decision_due_soon_days: int = Field(default=5, ge=0, le=20)
    # Escalation (交办 → 督办): not accepted within N working days, overdue past a grace of N
    # working days, or returned more than N times; level 2 (通报) when a level-1 ticket is still
    # late N working days later.
    escalate_unaccepted_days: int = Field(default=2, ge=1, le=30)
    escalate_overdue_grace_days: int = Field(default=2, ge=0, le=30)
    escalate_max_returns: int = Field(default=2, ge=1, le=10)
    escalate_level2_days: int = Field(default=5, ge=1, le=60)
    # How often the in-process job runs; 0 leaves it to `python -m app.cli escalate` (cron).
    escalation_interval_seconds: int = Field(default=3600, ge=0)
    # Letters: number prefixes and the issuing office printed on them.
    letter_prefix_assignment: str = "湘招交"
    letter_prefix_supervision: str = "湘招督"
    letter_prefix_circular: str = "湘招通"
    letter_issuer: str = "湘潭市招商安商领导小组办公室"
    letter_contact: str | None = None
    # Attachments on tickets: where the bytes live, and what is accepted.
    attachments_dir: Path = BACKEND_DIR / "data" / "attachments"
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # Request bodies other than uploads (JSON, forms): refused past this size before parsing.
    json_max_bytes: int = Field(default=1024 * 1024, ge=1024)
    # 三级联审: the units (by code) whose staff nominate candidates — 发改委 and 商务局.
    review_nominating_units: list[str] = ["swj", "fgw"]
    # 月报/季报: due on the N-th working day after the period ends (the 5th of the next month),
    # and the units reminded N working days before that.
    report_deadline_working_days: int = Field(default=5, ge=1, le=30)
    report_due_soon_days: int = Field(default=2, ge=0, le=10)
    # 年度考核: once the results are publicised, units may object for N working days after
    # that day (公示期).
    assessment_objection_days: int = Field(default=5, ge=1, le=30)

    # Webhooks: how often the in-process worker looks for events and due deliveries (0 leaves it
    # to `python -m app.cli webhooks`), how long a receiver has to answer, the first retry's
    # delay (doubling up to the cap), and how long a delivery is retried and an endpoint may
    # keep failing before it is disabled.
    webhook_interval_seconds: float = Field(default=2, ge=0)
    webhook_timeout_seconds: float = Field(default=10, gt=0, le=60)
    webhook_retry_base_seconds: int = Field(default=30, ge=1)
    webhook_retry_max_seconds: int = Field(default=3600, ge=1)
    webhook_retry_hours: int = Field(default=24, ge=1, le=72)
    # Endpoints on loopback or private addresses; always allowed outside production.
    webhook_allow_private_urls: bool = False

    # Rate limits (token buckets, a minute's worth of requests at once at most): per person,
    # per partner client (unless the admin set the client's own), and sign-ins per source
    # address. Shared by every process through Redis when REDIS_URL is set.
    redis_url: str | None = None
    rate_limit_user_per_minute: int = Field(default=600, ge=1)
    rate_limit_partner_per_minute: int = Field(default=300, ge=1)
    rate_limit_login_per_minute: int = Field(default=30, ge=1)

    # Behind a reverse proxy: the addresses (or networks, comma-separated) whose
    # X-Forwarded-For / X-Forwarded-Proto are believed (`app.cli serve`); anyone else's are ignored.
    forwarded_allow_ips: str = "127.0.0.1,::1"

    cors_origins: list[str] = []
    spa_dist: Path = REPO_DIR / "frontend" / "dist"
    log_level: str = "INFO"
    # `json`: every log line one JSON object (time, level, logger, message, request_id, and
    # on each request's access line its method, route, status, duration and caller).
    log_format: Literal["text", "json"] = "text"
    # A bearer token Prometheus scrapes /metrics with (admins may read it with their own token);
    # unset, only admins can.
    metrics_token: SecretStr | None = None

    @field_validator(
        "database_url", "spa_dist", "attachments_dir", "redis_url", "metrics_token", mode="before"
    )
    @classmethod
    def _empty_means_default(cls, value: object, info: ValidationInfo) -> object:
        if value in ("", None):
            return cls.model_fields[info.field_name].default  # type: ignore[index]
        return value

    @model_validator(mode="after")
    def _check_secrets(self) -> "Settings":
        if len(self.jwt_secret.encode()) < 32:
            raise ValueError(
                "JWT_SECRET 至少需要 256 位（32 字节），请设置 JWT_SECRET 为更长的随机串"
                f"（可用 {SECRET_HINT} 生成）"
            )
        if self.app_env == "production" and self.jwt_secret == DEFAULT_SECRET:
            raise ValueError(
                "生产环境不允许使用默认 JWT_SECRET，请设置环境变量 JWT_SECRET"
                f"（至少 32 字节的随机串，可用 {SECRET_HINT} 生成）"
            )
        if self.metrics_token is not None and len(self.metrics_token.get_secret_value()) < 32:
            raise ValueError("METRICS_TOKEN 至少需要 32 个字符")
        return self

    def ticket_days(self, urgency: str) -> int:
        """Working days a ticket of this urgency (normal / urgent / critical) has."""
        return {
            "normal": self.ticket_days_normal,
            "urgent": self.ticket_days_urgent,
            "critical": self.ticket_days_critical,
        }[urgency]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        """The embedded database's file; None for PostgreSQL or an in-memory SQLite."""
        if not self.is_sqlite:
            return None
        database = make_url(self.database_url).database
        return Path(database) if database and database != ":memory:" else None


@lru_cache
def get_settings() -> Settings:
    return Settings()


def describe_invalid(exc: ValidationError) -> str:
    """A refused configuration as one line that says what to set."""
    parts = []
    for error in exc.errors():
        message = str(error["msg"]).removeprefix("Value error, ")
        names = [str(part).upper() for part in error["loc"]]
        parts.append(f"{'.'.join(names)}：{message}" if names else message)
    return "配置有误，无法启动：" + "；".join(parts)


def settings_or_exit() -> Settings:
    """`get_settings()`, or the process ends with one line naming what to set (no traceback):
    what the API processes and every management command start with."""
    try:
        return get_settings()
    except ValidationError as exc:
        raise SystemExit(describe_invalid(exc)) from None
