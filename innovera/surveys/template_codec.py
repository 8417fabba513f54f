"""Templates as JSON: the office's copies are stored this way, the built-ins live in code."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from innovera.surveys.instrument import (
    Factor,
    Option,
    Question,
    QuestionType,
    Scale,
    ScalePoint,
    Template,
)


def template_to_dict(template: Template) -> dict[str, Any]:
    # Through JSON so that the result is exactly what the database will hand back.
    data: dict[str, Any] = json.loads(json.dumps(dataclasses.asdict(template)))
    return data


def _scale(data: dict[str, Any] | None) -> Scale | None:
    if data is None:
        return None
    return Scale(
        key=data["key"],
        points=tuple(ScalePoint(**point) for point in data["points"]),
        allows_dont_know=data["allows_dont_know"],
    )


def template_from_dict(data: dict[str, Any]) -> Template:
    questions = tuple(
        Question(
            number=q["number"],
            code=q["code"],
            type=QuestionType(q["type"]),
            text_sv=q["text_sv"],
            text_en=q["text_en"],
            scale=_scale(q.get("scale")),
            options=tuple(Option(**option) for option in q.get("options", ())),
            factors=tuple(Factor(**factor) for factor in q.get("factors", ())),
            importance_scale=_scale(q.get("importance_scale")),
            current_scale=_scale(q.get("current_scale")),
        )
        for q in data["questions"]
    )
    return Template(
        key=data["key"], title_sv=data["title_sv"], title_en=data["title_en"], questions=questions
    )
