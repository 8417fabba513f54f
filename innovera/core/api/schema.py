"""The OpenAPI description of the whole API, and what it says about errors for every operation.

The views describe what they answer when all goes well; `document_errors` (a drf-spectacular
postprocessing hook, SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]) adds the answers any
operation may give in the one error shape (`core.api.errors`), so no view repeats them and none
forgets one:

- 400 where the operation reads parameters or a body, documented per field: each field of the
  body and each query parameter may carry a list of messages, beside `detail`;
- 401 everywhere (a wrong or expired token is refused whatever the operation), 403 on writes,
  404 where the path names an object, 413 where there is a body, 429 everywhere.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.views import SpectacularJSONAPIView


class PublicSchemaView(SpectacularJSONAPIView):
    """The OpenAPI description of the whole API: public, it describes no data."""

    required_action = "api.describe"


MESSAGES = {"type": "array", "items": {"type": "string"}}
# A list field's messages may be per item: {"0": ["..."]}.
ITEM_MESSAGES = {"type": "object", "additionalProperties": MESSAGES}
ERROR = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "`detail`: what went wrong with the request as a whole; any other key: "
    "a field of the request and its messages.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"oneOf": [MESSAGES, ITEM_MESSAGES]},
}
DESCRIPTIONS = {
    "400": "The request is not valid: `detail`, or a list of messages per field.",
    "401": "Not signed in, or the token is wrong or expired.",
    "403": "The caller may not do this.",
    "404": "Not found, or the caller may not see it.",
    "413": "The request is too large.",
    "429": "Too many requests; wait and try again.",
}
WRITES = {"post", "put", "patch", "delete"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(code: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": schema}}}


def _body_properties(operation: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = body.get("schema", {})
    if "$ref" in schema:
        schema = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    properties: dict[str, Any] = schema.get("properties", {})
    return properties


def _validation_error(operation: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        name: {"oneOf": [MESSAGES, ITEM_MESSAGES]} if prop.get("type") == "array" else MESSAGES
        for name, prop in _body_properties(operation, schemas).items()
    }
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query":
            fields[parameter["name"]] = MESSAGES
    return {**ERROR_SCHEMA, "properties": {"detail": {"type": "string"}, **fields}}


def document_errors(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR] = ERROR_SCHEMA
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            if method not in WRITES | {"get"}:
                continue
            responses = operation.setdefault("responses", {})
            reads_input = "requestBody" in operation or any(
                p.get("in") == "query" for p in operation.get("parameters", [])
            )
            if reads_input:
                responses["400"] = _answer("400", _validation_error(operation, schemas))
            # A code a view names itself gets the one shape too.
            codes = [c for c in responses if c.startswith("4") and c != "400"] + ["401", "429"]
            if method in WRITES:
                codes.append("403")
            if "{" in path:
                codes.append("404")
            if "requestBody" in operation:
                codes.append("413")
            for code in codes:
                responses[code] = _answer(code, _ref(ERROR))
    return result
