"""Prometheus metrics of one app: requests, the database pool, the scheduled jobs, webhook
deliveries, failed sign-ins and rate-limit refusals, read at /metrics (app/meta/metrics.py).

Each app holds its own registry (`app.state.metrics`), so several apps in one process (the
tests build many) never share or clash over a metric. Labels are always from small fixed sets
— a route's template, never its path; a reason's code, never a user name.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.ext.asyncio import AsyncEngine

# No `_created` series beside each counter and histogram: Prometheus does not use them.
disable_created_metrics()

PREFIX = "zst"
# Seconds: from a cached read (a few ms) to a large export (tens of seconds).
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
JOB_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)


@dataclass
class JobRun:
    """One run of a job being timed; the job sets `outcome` to `skipped` when another process
    held the run."""

    outcome: str = "ok"


class Metrics:
    def __init__(self, engine: AsyncEngine | None = None) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            f"{PREFIX}_http_requests",
            "HTTP requests answered, by method, route template and status code.",
            ["method", "route", "status"],
            registry=r,
        )
        self.request_seconds = Histogram(
            f"{PREFIX}_http_request_duration_seconds",
            "Time to answer an HTTP request, by method, route template and status code.",
            ["method", "route", "status"],
            buckets=REQUEST_BUCKETS,
            registry=r,
        )
        self.job_runs = Counter(
            f"{PREFIX}_job_runs",
            "Runs of the scheduled jobs, by job and outcome (ok, error, skipped).",
            ["job", "outcome"],
            registry=r,
        )
        self.job_seconds = Histogram(
            f"{PREFIX}_job_duration_seconds",
            "Time a scheduled job's run took, by job and outcome.",
            ["job", "outcome"],
            buckets=JOB_BUCKETS,
            registry=r,
        )
        self.webhook_deliveries = Counter(
            f"{PREFIX}_webhook_deliveries",
            "Webhook delivery attempts by outcome: delivered; failed (to be retried); "
            "expired (failed, and retried for as long as allowed).",
            ["outcome"],
            registry=r,
        )
        self.login_failures = Counter(
            f"{PREFIX}_login_failures",
            "Refused token requests, by grant type and reason code.",
            ["grant_type", "reason"],
            registry=r,
        )
        self.rate_limited = Counter(
            f"{PREFIX}_rate_limit_rejections",
            "Requests refused with 429, by bucket kind (user, partner, login).",
            ["bucket"],
            registry=r,
        )
        if engine is not None:
            r.register(PoolCollector(engine))

    def request(self, method: str, route: str, status: int, seconds: float) -> None:
        labels = (method, route, str(status))
        self.requests.labels(*labels).inc()
        self.request_seconds.labels(*labels).observe(seconds)

    @contextmanager
    def job(self, name: str) -> Iterator[JobRun]:
        """Times the run in the block and counts its outcome: `error` when it raises."""
        run = JobRun()
        started = time.perf_counter()
        try:
            yield run
        except BaseException:
            run.outcome = "error"
            raise
        finally:
            self.job_runs.labels(name, run.outcome).inc()
            self.job_seconds.labels(name, run.outcome).observe(time.perf_counter() - started)


class PoolCollector(Collector):
    """The engine's connection pool, read when scraped: its size, the connections in use and
    idle, overflow ones, and the checkouts waiting for a connection. A pool without a fixed
    size (SQLite in memory, NullPool) reports what it has."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool: Any = self.engine.pool
        readings = {
            "size": ("Connections the pool keeps open.", "size"),
            "in_use": ("Connections checked out of the pool.", "checkedout"),
            "idle": ("Connections idle in the pool.", "checkedin"),
            "overflow": ("Connections opened beyond the pool size.", "overflow"),
        }
        for name, (doc, method) in readings.items():
            read = getattr(pool, method, None)
            if callable(read):
                value = read()
                if name == "overflow":
                    value = max(0, value)  # QueuePool counts up from -size
                yield GaugeMetricFamily(f"{PREFIX}_db_pool_{name}", doc, value=value)
        waiting = _waiting(pool)
        if waiting is not None:
            yield GaugeMetricFamily(
                f"{PREFIX}_db_pool_waiting",
                "Checkouts waiting for a connection (the pool is exhausted).",
                value=waiting,
            )


def _waiting(pool: Any) -> int | None:
    """Checkouts blocked on an exhausted queue pool. SQLAlchemy has no public count: the async
    pools keep their connections in an asyncio.Queue (made on first use), whose `_getters` are
    the waiting checkouts. None where the pool has no such queue."""
    queue = getattr(pool, "_pool", None)
    if queue is None or not hasattr(type(queue), "_queue"):
        return None
    inner = vars(queue).get("_queue")
    if inner is None:
        return 0  # no checkout yet
    getters = getattr(inner, "_getters", None)
    if getters is None:
        return None
    return sum(1 for waiter in getters if not waiter.done())
