"""Schemathesis hooks for the fuzz runs, loaded by the CLI through SCHEMATHESIS_HOOKS."""

import os
import uuid
from typing import Any

import schemathesis


@schemathesis.hook
def before_call(ctx: Any, case: Any, kwargs: dict[str, Any]) -> None:
    # Partner systems must send an Idempotency-Key with every POST (otherwise 428); a fresh one
    # per request keeps a generated key from replaying another request's stored response.
    if os.environ.get("FUZZ_FRESH_IDEMPOTENCY_KEY") == "1" and case.method.upper() == "POST":
        case.headers["Idempotency-Key"] = str(uuid.uuid4())
