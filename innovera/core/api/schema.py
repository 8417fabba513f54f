"""The OpenAPI description of the whole API, and what it says about errors for every operation.

The views describe what they answer when all goes well; `document_errors` (a drf-spectacular
postprocessing hook, SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]) adds the answers any
operation may give in the one error shape (`core.api.errors`), so no view repeats them and none
forgets one:

- a list (an array of rows in the view's description) is a cursor page of them;
- 400 where the operation reads parameters or a body, documented per field: each field of the
  body and each query parameter may carry a list of messages, beside `detail`;
- 401 everywhere (a wrong or expired token is refused whatever the operation), 403 on writes,
  404 where the path names an object, 413 where there is a body, 429 everywhere.
"""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.views import SpectacularJSONAPIView

from innovera.core.api.pagination import CURSOR, page_schema


class PublicSchemaView(SpectacularJSONAPIView):
    """The OpenAPI description of the whole API: public, it describes no data."""

    required_action = "api.describe"


def filter_parameters(filterset: type[django_filters.FilterSet]) -> list[OpenApiParameter]:
    """The query parameters of a list whose filters the page shares (django-filter): named,
    typed and, for a choice, its values, from the filter set itself."""
    parameters = []
    for name, declared in filterset.base_filters.items():
        kind, enum = OpenApiTypes.STR, None
        if isinstance(declared, django_filters.ModelChoiceFilter):  # a ChoiceFilter too
            kind = OpenApiTypes.STR if declared.extra.get("to_field_name") else OpenApiTypes.INT
        elif isinstance(declared, django_filters.ChoiceFilter):
            enum = [str(value) for value, _label in declared.extra["choices"]]
        elif isinstance(declared, django_filters.DateFilter):
            kind = OpenApiTypes.DATE
        parameters.append(
            OpenApiParameter(name, kind, enum=enum, description=str(declared.label or ""))
        )
    return parameters


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


def _as_page(operation: dict[str, Any]) -> None:
    """A list is described by its views as an array of its rows; every list answers a cursor
    page of them (core.api.pagination), and reads the `cursor` of its `next` link."""
    content = operation["responses"].get("200", {}).get("content", {}).get("application/json", {})
    if content.get("schema", {}).get("type") != "array":
        return
    content["schema"] = page_schema(content["schema"])
    parameters = operation.setdefault("parameters", [])
    if not any(p.get("name") == CURSOR for p in parameters):
        parameters.append(
            {
                "in": "query",
                "name": CURSOR,
                "schema": {"type": "string"},
                "description": "From the `next` link of the previous page.",
            }
        )


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
            if method == "get":
                _as_page(operation)
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
