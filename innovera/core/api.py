"""What every app's API shares: the action check, the error shape, the page shape and the
public description. The root (`innovera/api.py`) includes each installed app's `api.urls`."""

from __future__ import annotations

from drf_spectacular.views import SpectacularJSONAPIView


class PublicSchemaView(SpectacularJSONAPIView):
    """The OpenAPI description of the whole API: public, it describes no data."""

    required_action = "api.describe"
