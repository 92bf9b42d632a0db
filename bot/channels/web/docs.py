"""API documentation pages served from the package: /docs (Swagger UI) and /redoc.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, which fails on an
offline or locked-down network. Here the pages, scripts, styles and favicon
come from ``bot/static/docs`` (vendored, with their licences: see the README
there), are read once at start-up, and reference no other host. The pages'
Content-Security-Policy (set in edge.py) allows scripts from this server only.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from bot.channels.web.errors import ApiError

DOCS_DIR = Path(__file__).resolve().parents[2] / "static" / "docs"  # bot/static/docs
ASSET_PREFIX = "/static/docs/"
PAGES = frozenset({"/docs", "/redoc"})
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png",
          ".txt": "text/plain; charset=utf-8", ".md": "text/plain; charset=utf-8"}
_ASSET_CACHE = "public, max-age=3600"


def install_docs(app: FastAPI) -> None:
    """Add /docs, /redoc and /static/docs/<file> to an app made with docs_url=None, redoc_url=None."""
    assets = {p.name: (p.read_bytes(), _TYPES[p.suffix]) for p in DOCS_DIR.iterdir() if p.suffix in _TYPES}
    swagger_page = (DOCS_DIR / "docs.html").read_bytes()
    redoc_page = (DOCS_DIR / "redoc.html").read_bytes()

    async def swagger(request: Request) -> Response:
        return HTMLResponse(swagger_page)

    async def redoc(request: Request) -> Response:
        return HTMLResponse(redoc_page)

    async def asset(request: Request) -> Response:
        found = assets.get(request.path_params["name"])
        if found is None:
            raise ApiError(404, "not_found", "There is no such file.")
        body, media_type = found
        return Response(body, media_type=media_type, headers={"Cache-Control": _ASSET_CACHE})

    app.router.routes.extend([
        Route("/docs", swagger, methods=["GET"], include_in_schema=False),
        Route("/redoc", redoc, methods=["GET"], include_in_schema=False),
        Route(ASSET_PREFIX + "{name}", asset, methods=["GET"], include_in_schema=False),
    ])
