"""Forms of the survey: one per page, built from the template's questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from innovera.core.validators import CleanTextMixin
from innovera.surveys.instrument import (
    MAX_TEXT_ANSWER,
    Question,
    QuestionType,
    Scale,
    Template,
    factor_code,
)
from innovera.surveys.models import OrgType, Round
from innovera.surveys.template_editing import TemplateEditError, apply_edits

QUESTIONS_PER_PAGE = 6


@dataclass(frozen=True)
class FactorFields:
    text: str
    importance: str
    current: str


def survey_pages(template: Template) -> list[list[Question]]:
    """Pages of at most six questions, in order; the factor grid gets a page of its own."""
    pages: list[list[Question]] = [[]]
    for question in template.questions:
        if question.type is QuestionType.FACTOR_GRID:
            pages.extend([[question], []])
        else:
            if len(pages[-1]) == QUESTIONS_PER_PAGE:
                pages.append([])
            pages[-1].append(question)
    return [page for page in pages if page]


def _scale_choices(scale: Scale, lang: str) -> list[tuple[str, str]]:
    choices = []
    for point in scale.points:
        label = scale.label(point.value, lang)
        choices.append(
            (str(point.value), f"{point.value} – {label}" if label else str(point.value))
        )
    if scale.allows_dont_know:
        choices.append(("dk", str(_("Don't know"))))
    return choices


def _scale_field(label: str, scale: Scale, lang: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=_scale_choices(scale, lang), widget=forms.RadioSelect, required=False
    )


IMPORTANCE_LEGEND = _("(a) Importance in general")
CURRENT_LEGEND = _("(b) In place in your organisation today")


def _point_heads(scale: Scale, lang: str) -> list[str]:
    """A grid column head per answer: the point and, where the scale names it, its label."""
    return [label for _value, label in _scale_choices(scale, lang)]


class SurveyPageForm(CleanTextMixin, forms.Form):
    """Every answer is optional, as in the report's questionnaire: skipping is allowed."""

    def __init__(
        self, *args: Any, questions: list[Question], org: str, lang: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.factor_rows: list[FactorFields] = []
        # The factor grid's column heads on wide screens: each scale's name and its points.
        self.grid_scales: list[tuple[str, list[str]]] = []
        for question in questions:
            self._add(question, org, lang)

    def _add(self, question: Question, org: str, lang: str) -> None:
        label = f"{question.number}. {question.text(lang)}"
        if question.type is QuestionType.YES_NO:
            self.fields[question.code] = forms.ChoiceField(
                label=label,
                choices=[("ja", _("Yes")), ("nej", _("No"))],
                widget=forms.RadioSelect,
                required=False,
            )
        elif question.type is QuestionType.SCALE and question.scale:
            self.fields[question.code] = _scale_field(label, question.scale, lang)
        elif question.type is QuestionType.MULTI:
            self.fields[question.code] = forms.MultipleChoiceField(
                label=label,
                choices=[(option.key, option.label(lang)) for option in question.options],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        elif question.type is QuestionType.TEXT:
            self.fields[question.code] = forms.CharField(
                label=label,
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=MAX_TEXT_ANSWER,
            )
        elif question.importance_scale and question.current_scale:
            self.grid_scales = [
                (str(IMPORTANCE_LEGEND), _point_heads(question.importance_scale, lang)),
                (str(CURRENT_LEGEND), _point_heads(question.current_scale, lang)),
            ]
            for factor in question.factors:
                row = FactorFields(
                    text=factor.text(org, lang),
                    importance=factor_code(factor.key, "importance"),
                    current=factor_code(factor.key, "current"),
                )
                self.fields[row.importance] = _scale_field(
                    str(IMPORTANCE_LEGEND), question.importance_scale, lang
                )
                self.fields[row.current] = _scale_field(
                    str(CURRENT_LEGEND), question.current_scale, lang
                )
                self.factor_rows.append(row)

    def answers(self) -> dict[str, object]:
        """The cleaned answers as stored: booleans, 1-4, "dk", option lists and text."""
        stored: dict[str, object] = {}
        for code, value in self.cleaned_data.items():
            field = self.fields[code]
            if isinstance(field, forms.MultipleChoiceField):
                stored[code] = sorted(value) or None
            elif isinstance(field, forms.ChoiceField):
                stored[code] = _choice_answer(value)
            else:
                stored[code] = value.strip() or None
        return stored


def _choice_answer(value: str) -> object:
    if value in ("ja", "nej"):
        return value == "ja"
    if value.isdigit():
        return int(value)
    return value or None


def initial_from_answers(answers: dict[str, object]) -> dict[str, object]:
    initial: dict[str, object] = {}
    for code, value in answers.items():
        if isinstance(value, bool):
            initial[code] = "ja" if value else "nej"
        elif isinstance(value, int):
            initial[code] = str(value)
        else:
            initial[code] = value
    return initial


MAX_IMPORT_BYTES = 50 * 1024 * 1024


class RoundCreateForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ("name", "title", "template", "mode", "opens_on", "closes_on")
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "name": _(
                "The round's short name in its web address and in file names: the letters "
                "a–z, digits and hyphens, for example stockholm-2026."
            )
        }
        error_messages = {
            "name": {"unique": _("There is already a round with this short name; choose another.")}
        }

    def __init__(self, *args: Any, templates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"] = forms.ChoiceField(label=_("Template"), choices=templates)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The round cannot close before it opens."))
        return cleaned


class InviteForm(CleanTextMixin, forms.Form):
    org_types = forms.MultipleChoiceField(
        label=_("Invite the heads of"),
        choices=OrgType.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class ImportUploadForm(CleanTextMixin, forms.Form):
    file = forms.FileField(
        label=_("File with responses"),
        help_text=_("CSV (UTF-8) or XLSX in the import format of the survey, at most 50 MB."),
    )
    replace = forms.BooleanField(
        label=_("Replace the round's earlier imported responses"), required=False
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        if suffix not in {"csv", "xlsx"}:
            raise forms.ValidationError(_("The file must be a .csv or an .xlsx file."))
        head = upload.read(65536)
        upload.seek(0)
        if suffix == "xlsx" and not head.startswith(b"PK\x03\x04"):
            raise forms.ValidationError(_("The file is not an Excel workbook (.xlsx)."))
        if suffix == "csv":
            try:
                head.decode("utf-8")
            except UnicodeDecodeError as exc:
                # A cut in the middle of a character at the end of the sample is fine.
                if exc.start < len(head) - 4:
                    raise forms.ValidationError(_("The CSV file is not UTF-8 text.")) from None
        return upload


class TemplateCopyForm(CleanTextMixin, forms.Form):
    source = forms.ChoiceField(label=_("Copy the template"))
    key = forms.SlugField(
        label=_("Name of the copy"),
        max_length=60,
        help_text=_("Lower-case letters, digits and hyphens, e.g. stockholm-2026."),
    )

    def __init__(self, *args: Any, templates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = cast(forms.ChoiceField, self.fields["source"])
        source.choices = templates


@dataclass(frozen=True)
class EditSection:
    legend: str
    field_names: list[str]


def _text_field(label: str, value: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        initial=value,
        required=required,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TemplateEditForm(CleanTextMixin, forms.Form):
    """One field per editable text; names are the edit keys of template_editing.apply_edits."""

    def __init__(self, *args: Any, definition: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.sections: list[EditSection] = []
        for question in definition["questions"]:
            names: list[str] = []
            for lang, label in (("sv", _("Text in Swedish")), ("en", _("Text in English"))):
                name = f"q__{question['code']}__text_{lang}"
                self.fields[name] = _text_field(str(label), question[f"text_{lang}"])
                names.append(name)
            for option in question.get("options", []):
                for lang in ("sv", "en"):
                    name = f"opt__{question['code']}__{option['key']}__label_{lang}"
                    self.fields[name] = forms.CharField(
                        label=f"{option['key']} ({lang})",
                        initial=option[f"label_{lang}"],
                        max_length=1000,
                    )
                    names.append(name)
            if question["type"] == "multi":
                names += self._new_row(f"newopt__{question['code']}", "label", _("New option"))
            for factor in question.get("factors", []):
                for lang in ("sv", "en"):
                    name = f"factor__{factor['key']}__text_{lang}"
                    self.fields[name] = _text_field(
                        f"{factor['key']} ({lang})", factor[f"text_{lang}"]
                    )
                    names.append(name)
            if question["type"] == "factor_grid":
                names += self._new_row("newfactor", "text", _("New factor"))
            legend = f"{question['number']}. {question['code']}"
            self.sections.append(EditSection(legend, names))

    def _new_row(self, prefix: str, text_field: str, title: Any) -> list[str]:
        self.fields[f"{prefix}__key"] = forms.CharField(
            label=f"{title}: {_('code')}",
            required=False,
            max_length=60,
            help_text=_("Lower-case letters, digits and _; it can never be changed afterwards."),
        )
        self.fields[f"{prefix}__{text_field}_sv"] = forms.CharField(
            label=f"{title}: {_('text in Swedish')}", required=False, max_length=1000
        )
        self.fields[f"{prefix}__{text_field}_en"] = forms.CharField(
            label=f"{title}: {_('text in English')}", required=False, max_length=1000
        )
        return [f"{prefix}__key", f"{prefix}__{text_field}_sv", f"{prefix}__{text_field}_en"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        try:
            apply_edits(self.definition, {k: v for k, v in cleaned.items() if v is not None})
        except TemplateEditError as exc:
            field = str(exc)
            message = (
                _(
                    "Use lower-case letters, digits and _, starting with a letter, and a code not already used."
                )
                if field.endswith("__key")
                else _("Fill in the text.")
            )
            self.add_error(field if field in self.fields else None, message)
        return cleaned

    def edits(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value is not None}


@dataclass(frozen=True)
class ReviewAnswer:
    """One answer as the respondent reads it back before sending in; ``parts`` holds a
    factor's two ratings, ``answer`` is empty for a question left unanswered."""

    question: str
    answer: str = ""
    parts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ReviewPage:
    number: int
    heading: str
    answers: list[ReviewAnswer]


def _shown(field: forms.Field, value: object) -> str:
    if value in (None, "", [], ()):
        return ""
    if isinstance(field, forms.ChoiceField):
        choices = cast(list[tuple[object, object]], list(field.choices))  # type: ignore[arg-type]
        labels = {str(key): str(label) for key, label in choices}
        values = value if isinstance(value, list | tuple) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return str(value)


def review_pages(
    pages: list[list[Question]], saved: dict[str, object], *, org: str, lang: str
) -> list[ReviewPage]:
    """Every page's questions with the saved answers in words ("3", "Vet ej", "Ja", the
    options ticked, the text written), as the pages showed them, for the review page."""
    initial = initial_from_answers(saved)
    result = []
    for number, questions in enumerate(pages, start=1):
        form = SurveyPageForm(questions=questions, org=org, lang=lang)
        answers: list[ReviewAnswer] = []
        heading = ""
        if form.factor_rows:
            heading = f"{questions[0].number}. {questions[0].text(lang)}"
            for row in form.factor_rows:
                parts = tuple(
                    (str(form.fields[code].label), _shown(form.fields[code], initial.get(code)))
                    for code in (row.importance, row.current)
                )
                answers.append(ReviewAnswer(row.text, parts=parts))
        else:
            for code, field in form.fields.items():
                answers.append(ReviewAnswer(str(field.label), _shown(field, initial.get(code))))
        result.append(ReviewPage(number, heading, answers))
    return result
