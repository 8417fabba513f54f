"""The test provider's controls: the tests set the scenario, users and redirect addresses."""

from __future__ import annotations

import json

from django.contrib.auth.models import Group, User
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import get_application_model

from tests.oidc_provider.validators import SCENARIO


def _body(request: HttpRequest) -> dict:
    return json.loads(request.body or b"{}")


@csrf_exempt
def scenario(request: HttpRequest) -> JsonResponse:
    SCENARIO.clear()
    SCENARIO.update(_body(request))
    return JsonResponse(SCENARIO)


@csrf_exempt
def users(request: HttpRequest) -> JsonResponse:
    data = _body(request)
    user, _created = User.objects.get_or_create(username=data["username"])
    user.email = data.get("email", "")
    user.first_name = data.get("first_name", "")
    user.last_name = data.get("last_name", "")
    user.set_password(data["password"])
    user.save()
    user.groups.clear()
    if data.get("unit"):
        user.groups.add(Group.objects.get_or_create(name=f"unit:{data['unit']}")[0])
    return JsonResponse({"sub": str(user.pk)})


@csrf_exempt
def redirects(request: HttpRequest) -> JsonResponse:
    data = _body(request)
    application = get_application_model().objects.get(client_id=data["client_id"])
    uris = set(application.redirect_uris.split()) | {data["redirect_uri"]}
    logout_uris = set(application.post_logout_redirect_uris.split())
    if data.get("post_logout_redirect_uri"):
        logout_uris.add(data["post_logout_redirect_uri"])
    application.redirect_uris = " ".join(sorted(uris))
    application.post_logout_redirect_uris = " ".join(sorted(logout_uris))
    application.save()
    return JsonResponse({"redirect_uris": application.redirect_uris})
