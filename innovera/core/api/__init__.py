"""The API of every app, composed: one root, one error shape, one page style, one description.

- `urls`: the root, mounted at /api/ by the project's URLconf. It serves the OpenAPI document
  (/api/openapi.json) and core's search (/api/v1/search/), and includes each installed app's
  URLconf named by its `AppConfig.api_urls` under /api/v1/, in the namespace `api:<label>`
  (`api:ideas:idea_detail`, `api:spreading:example_list`).
- `errors`: the exception handler (REST_FRAMEWORK["EXCEPTION_HANDLER"]) and the shape.
- `pagination`: the cursor pages every list answers with.
- `schema`: the public description and what it documents for every operation.
- `views`: what every app's API views share (the caller, the signed-in person).
"""
