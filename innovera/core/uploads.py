"""Uploaded files checked before they are stored: size, type by name, and the first bytes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Documents and images people attach to ideas; anything else is refused before it is stored.
ATTACHMENT_TYPES = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "txt": (),
}


def check_attachment(upload: Any, types: dict[str, tuple[bytes, ...]] | None = None) -> None:
    """Refuse a file that is too large, of a type not allowed, or whose first bytes do not
    match its name. Ideas and good examples check their attachments and images with this."""
    allowed = ATTACHMENT_TYPES if types is None else types
    suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise forms.ValidationError(_("The attachment is larger than 10 MB."))
    if suffix not in allowed:
        raise forms.ValidationError(
            _("Attach PDF, Word, Excel, PowerPoint, PNG, JPEG or text files only.")
            if types is None
            else _("Attach PNG or JPEG images only.")
        )
    head = upload.read(8)
    upload.seek(0)
    signatures = allowed[suffix]
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise forms.ValidationError(
            _("The file's content does not match its name (.%(s)s).") % {"s": suffix}
        )


IMAGE_TYPES = {key: ATTACHMENT_TYPES[key] for key in ("png", "jpg", "jpeg")}


def stored_file(upload: Any) -> dict[str, Any]:
    """An attachment row's file columns from an upload (`file`, `original_name`,
    `content_type`, `size`): the name cut to the column, an unnamed type as plain bytes."""
    return {
        "file": upload,
        "original_name": upload.name[:255],
        "content_type": upload_type(upload),
        "size": upload.size,
    }


def upload_type(upload: Any) -> str:
    """The type the browser gave the upload, or plain bytes when it gave none."""
    return getattr(upload, "content_type", "") or "application/octet-stream"
