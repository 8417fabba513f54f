"""The URL walk: every URL of every app, as every demo role, against the permission table.

Each app gives a sample for each of its URL names in `<app>/tests/url_samples.py`:

    def url_samples() -> dict[str, Sample]: ...

called once inside the test's database, after the demo city is loaded, so it may create what
its URLs need. `tests/test_url_walk.py` requests every URL as every role and compares the
answer with what the table says: allowed is "ok" (a page, a file, a redirect elsewhere, or a
refusal of the sent data), refused is "sign_in" for someone not signed in (302 to the sign-in
page, or 401 from the API) and "forbidden" (403) for the others, and an object the person may
not see is "not_found" (404). A URL without a sample fails the walk, so a new app must add its
own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from innovera.core.permissions import can, url_actions
from innovera.core.registry import innovera_apps

OK, SIGN_IN, FORBIDDEN, NOT_FOUND = "ok", "sign_in", "forbidden", "not_found"


@dataclass(frozen=True)
class Sample:
    """How to call one URL in the walk.

    `kwargs` (or a function returning them, called for every request: for a URL whose request
    uses its object up) fill in the URL; `obj` is what the action is asked about; when
    `hidden_unless` names an action the person may not take on `obj`, the object does not exist
    for them (404). `signed_in_only`: the view sends everyone not signed in to sign in first,
    whatever the object. `expect` overrides the table for the roles it names ("*" for all).
    """

    kwargs: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)
    method: str = "get"
    data: dict[str, Any] | None = None
    query: str = ""
    obj: Any = None
    hidden_unless: str | None = None
    signed_in_only: bool = False
    expect: dict[str, str] = field(default_factory=dict)

    def url(self, name: str) -> str:
        kwargs = self.kwargs() if callable(self.kwargs) else self.kwargs
        return reverse(name, kwargs=kwargs) + (f"?{self.query}" if self.query else "")


def collect_samples() -> dict[str, Sample]:
    """Every installed app's samples; two apps naming the same URL is a mistake."""
    samples: dict[str, Sample] = {}
    for config in innovera_apps():
        try:
            module = import_module(f"{config.name}.tests.url_samples")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.url_samples":
                raise
            continue
        found: dict[str, Sample] = module.url_samples()
        if overlap := samples.keys() & found.keys():
            raise ValueError(f"{config.label} gives samples for {sorted(overlap)} again")
        samples.update(found)
    return samples


def walked_names(exclude: Iterable[str]) -> list[str]:
    prefixes = tuple(exclude)
    return sorted(name for name in url_actions() if not name.startswith(prefixes))


def expected(name: str, sample: Sample, role: str, user: Any) -> str:
    if hasattr(sample.obj, "refresh_from_db"):
        # An earlier request may have changed it (published, cancelled): ask about it as it is.
        sample.obj.refresh_from_db()
    if role in sample.expect or "*" in sample.expect:
        return sample.expect.get(role, sample.expect.get("*", ""))
    signed_in = bool(user.is_authenticated)
    if sample.signed_in_only and not signed_in:
        return SIGN_IN
    if sample.hidden_unless and not can(user, sample.hidden_unless, sample.obj):
        return NOT_FOUND
    action = url_actions()[name]
    if not action:
        raise LookupError(f"{name} declares no action")
    if can(user, action, sample.obj):
        return OK
    return FORBIDDEN if signed_in else SIGN_IN


def outcome(response: HttpResponse) -> str:
    status = response.status_code
    if status == 401:
        return SIGN_IN
    if status == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL)):
        return SIGN_IN
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    if status in (405, 500) or status >= 500:
        return f"status {status}"
    return OK
