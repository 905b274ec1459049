"""The public API at /api/v1. Each app contributes a router; auth is a token or a session."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from balai.accounts.api_auth import SessionAuth, TokenAuth
from balai.core.api_errors import install_error_handlers

api = NinjaAPI(
    title="Balai API",
    version="1",
    description="Layanan publik desa dan kabupaten. Error codes are stable English identifiers.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api-v1",
    # No online validator badge: it would load an image from swagger.io, which the CSP blocks.
    docs=Swagger(settings={"validatorUrl": None}),
)
install_error_handlers(api)


def _mount() -> None:
    from balai.cases.api import router as cases_router
    from balai.people.api import router as people_router
    from balai.queueing.api import router as queue_router
    from balai.regions.api import router as regions_router

    api.add_router("/regions", regions_router)
    api.add_router("/residents", people_router)
    api.add_router("/cases", cases_router)
    api.add_router("/queue", queue_router)
    api.add_router("/catalog", "balai.catalog.api.router")
    api.add_router("/documents", "balai.documents.api.router")
    api.add_router("/feedback", "balai.feedback.api.router")
    api.add_router("/insights", "balai.insights.api.router")
    api.add_router("/licensing", "balai.licensing.api.router")
    api.add_router("/payments", "balai.payments.api.router")
    api.add_router("/programs", "balai.programs.api.router")


_mount()
