"""The published OpenAPI document: every error response is documented as problem+json."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.core.errors import PROBLEM_JSON, Problem

_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
IDEMPOTENCY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "重试安全：相同的键和请求体只执行一次，重试返回第一次的响应；合作系统必须提供",
}
_STANDARD = {
    "401": "未登录或令牌无效",
    "403": "没有权限",
    "404": "不存在或不在调用者的范围内",
    "422": "提交的数据不符合要求（errors 中列出字段）",
}


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(problem.pop("$defs", {}))
        schemas["Problem"] = problem
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)

        for path_item in spec.get("paths", {}).values():
            for operation in path_item.values():
                responses = operation.setdefault("responses", {})
                if operation.get("security") and operation is path_item.get("post"):
                    operation.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
                if operation.get("security"):
                    responses.setdefault("401", {})
                    responses.setdefault("403", {})
                for code, response in responses.items():
                    if code.isdigit() and int(code) >= 400:
                        response["description"] = _STANDARD.get(
                            code, response.get("description", "错误")
                        )
                        response["content"] = {PROBLEM_JSON: {"schema": _PROBLEM_REF}}
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
