"""Forms of the documents pages: upload, document details, family edits, filters, comparison."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from innovera.core.forms import FilterFormMixin
from innovera.core.validators import CleanTextMixin
from innovera.documents import readers
from innovera.documents.models import Document

YEAR_MIN, YEAR_MAX = 1900, 2100


def terms(value: str) -> list[str]:
    """Stems or exclusions as typed: separated by commas, semicolons or new lines."""
    return [term.strip() for term in re.split(r"[,;\n]", value) if term.strip()]


class DocumentForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.CharField(
        label=_("Category"),
        max_length=100,
        required=False,
        help_text=_(
            "For example Budget, Programme or Policy. Years of a category can be compared."
        ),
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )


class UploadForm(DocumentForm):
    file = forms.FileField(label=_("File"))
    appendix_of = forms.ModelChoiceField(
        label=_("Appendix of"),
        queryset=Document.objects.none(),
        required=False,
        help_text=_("An appendix is counted separately and shown in parentheses, as “2 (+6)”."),
    )

    field_order = ("file", "title", "appendix_of", "category", "year")

    def __init__(self, *args: Any, main_documents: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if main_documents is not None:
            self.fields["appendix_of"].queryset = main_documents  # type: ignore[attr-defined]
        self.fields["file"].help_text = _(
            "PDF, DOCX, ODT or plain text, at most %(limit)s. An appendix takes the category "
            "and year of its document."
        ) % {"limit": filesizeformat(readers.max_bytes())}
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.docx,.odt,.txt,application/pdf,text/plain,"
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            "application/vnd.oasis.opendocument.text"
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            readers.check_size(upload.size)
        except readers.DocumentReadError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class FamilyForm(CleanTextMixin, forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100)
    stems = forms.CharField(
        label=_("Stems"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "A word counts when it contains a stem, in lower case. Separate stems with commas."
        ),
    )
    exclusions = forms.CharField(
        label=_("Exclusions"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("A word that contains an exclusion does not count. Separate with commas."),
    )


class NewFamilyForm(FamilyForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("Lower-case letters a–z, digits and _; used in exports. Cannot be changed."),
    )

    field_order = ("code", "label", "stems", "exclusions")


class TableFilterForm(FilterFormMixin, CleanTextMixin, forms.Form):
    kategori = forms.ChoiceField(label=_("Category"), required=False)
    ar = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    per = forms.BooleanField(label=_("Per 10,000 words"), required=False)

    def __init__(self, *args: Any, categories: list[str], years: list[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].choices = [("", _("All")), *((c, c) for c in categories)]  # type: ignore[attr-defined]
        self.fields["ar"].choices = [("", _("All")), *((str(y), str(y)) for y in years)]  # type: ignore[attr-defined]


class CompareDocumentsForm(CleanTextMixin, forms.Form):
    fore = forms.TypedChoiceField(label=_("Before"), coerce=int)
    efter = forms.TypedChoiceField(label=_("After"), coerce=int)

    def __init__(self, *args: Any, documents: list[Document], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (str(document.pk), f"{document.title}{f' ({document.year})' if document.year else ''}")
            for document in documents
            if document.appendix_of_id is None
        ]
        self.fields["fore"].choices = choices  # type: ignore[attr-defined]
        self.fields["efter"].choices = choices  # type: ignore[attr-defined]
