"""The published OpenAPI document: every status an operation can answer is documented, as
problem+json for errors, so a client (or a fuzzer) never meets an undocumented one.

Statuses that come from the shared machinery rather than from a route are added here from what
the operation declares: a body can be malformed (400) or too large (413), a path can name nothing
(404), a POST goes through the Idempotency-Key middleware (409, 422, 428 for partner systems) and
a route that parses If-Match answers 428 without it and 412 when it is stale.
"""

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.core.errors import PROBLEM_JSON, Problem

_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}

# Tags are ASCII ids, so generated clients get installable module names; the Chinese name is
# what people read (the description in Swagger UI, x-displayName in ReDoc).
OPENAPI_TAGS: list[dict[str, Any]] = [
    {"name": name, "description": label, "x-displayName": label.split("：")[0]}
    for name, label in (
        ("auth", "认证：登录、换发和作废令牌，当前用户"),
        ("projects", "项目：招商项目台账、阶段流转、审核、评价、跟进和 Excel 导入导出"),
        ("assignments", "领导联系与服务专班：牵头领导和服务专班成员"),
        ("tickets", "服务事项：服务申请和统筹交办、办理、督办、交办函和附件"),
        ("meetings", "会议与议定事项：调度会议、纪要、议定事项及其进展和交办"),
        ("reviews", "三级联审：年度重大项目清单的提名、联审和确定"),
        ("stats", "统计：签约、落地、到位资金、阶段漏斗和部门办理情况，每个数字附口径和列表查询"),
        ("reports", "月报季报：报表期、各县市区和园区的报表（预填指标、更正、报送、退回、通过）"),
        ("bulletins", "半年度通报：考核指标和权重，各单位排名、表扬和通报批评，Word 和 Excel"),
        ("assessment", "年度考核：考核方案（指标、权重、等次、修订）和各县市区、园区年度目标"),
        ("notifications", "通知：站内通知和已读状态"),
        ("units", "单位：县市区、园区和市直部门"),
        ("users", "用户：账号、角色和密码重置"),
        ("api-clients", "接口客户端：合作系统的接入凭据"),
        ("changes", "变更流：按顺序读取可见对象的新建、修改和删除，不漏不重"),
        ("webhooks", "推送订阅：合作系统接收事件的地址、签名密钥和每次推送的记录"),
        ("audit", "审计日志：每一次修改的记录"),
        ("dictionaries", "字典：产业链、项目来源、事项类别等可维护的代码表"),
        ("calendar", "工作日历：节假日和调休，办理时限计算"),
        ("meta", "元数据：枚举代码的中文名称"),
        ("health", "运行状态：进程存活和数据库可用"),
    )
]

IDEMPOTENCY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": (
        "重试安全：相同的键和请求体只执行一次，重试返回第一次的响应"
        "（相同的键、不同的请求体返回 422，第一次仍在处理中返回 409）。"
        "合作系统（client_credentials 令牌）必须提供，缺少时返回 428"
    ),
}
_STANDARD = {
    "400": "请求体无法解析（如不是有效的 UTF-8 或 multipart 格式错误），或分页游标无效",
    "401": "未登录或令牌无效",
    "403": "没有权限",
    "404": "不存在或不在调用者的范围内",
    "409": "与记录的当前状态冲突",
    "412": "If-Match 与记录的当前版本不符：记录已被他人修改，请重新读取",
    "413": "请求体超过大小上限",
    "422": "提交的数据不符合要求（errors 中列出字段）",
    "429": "请求过于频繁：按 Retry-After 等待后重试（RateLimit、RateLimit-Policy 头说明额度）",
}
_PRECONDITION_REQUIRED = {
    "If-Match": "缺少 If-Match 请求头（请先读取记录的 ETag）",
    "Idempotency-Key": "合作系统的 POST 请求缺少 Idempotency-Key 请求头",
}


# What FastAPI writes when a route gives no description of its own.
_DEFAULT_DESCRIPTIONS = {"Additional Response", "Validation Error"} | {s.phrase for s in HTTPStatus}


def _description(code: str, response: dict[str, Any]) -> str:
    given = response.get("description")
    if given and given not in _DEFAULT_DESCRIPTIONS:
        return str(given)
    return _STANDARD.get(code, "错误")


def _document_statuses(method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    parameters = operation.setdefault("parameters", [])
    preconditions = []
    if operation.get("security"):
        responses.setdefault("401", {})
        responses.setdefault("403", {})
        responses.setdefault("429", {})
        if method == "post":
            parameters.append(IDEMPOTENCY_PARAMETER)
            preconditions.append("Idempotency-Key")
            responses.setdefault("409", {})
    for parameter in parameters:
        if parameter["in"] == "path":
            # Any path value can fail to name a row, or fail to match the route at all.
            responses.setdefault("404", {})
        if parameter["name"] == "cursor":
            # A cursor that was not handed out by this list (edited, forged, another sort).
            responses.setdefault("400", {})
        if parameter["name"] == "If-Match":
            # Optional in code only so that a missing header answers 428, not 422.
            parameter["required"] = True
            parameter["schema"] = {"type": "string", "title": "If-Match"}
            preconditions.append("If-Match")
            responses.setdefault("412", {})
    if "requestBody" in operation:
        responses.setdefault("400", {})
        responses.setdefault("413", {})
    if parameters or "requestBody" in operation:
        responses.setdefault("422", {})
    if "Idempotency-Key" in preconditions:
        responses["409"]["description"] = (
            "与记录的当前状态冲突，或相同 Idempotency-Key 的请求仍在处理中"
        )
    for media, content in responses.get("200", {}).get("content", {}).items():
        # Downloads (Word, Excel, attachments) are bytes: say so, or clients type them as Any.
        if not media.endswith("json") and not content.get("schema"):
            content["schema"] = {"type": "string", "format": "binary"}
    if preconditions:
        responses.setdefault("428", {})
        missing = "；".join(_PRECONDITION_REQUIRED[p] for p in preconditions)
        responses["428"]["description"] = missing
    if not parameters:
        del operation["parameters"]
    for code, response in responses.items():
        if code.isdigit() and int(code) >= 400:
            response["description"] = _description(code, response)
            response["content"] = {PROBLEM_JSON: {"schema": _PROBLEM_REF}}
    operation["responses"] = dict(sorted(responses.items()))


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
            for method, operation in path_item.items():
                _document_statuses(method, operation)
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
