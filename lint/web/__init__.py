"""``draftlint serve``: a local web page and a small JSON API over the same linter (Starlette
and uvicorn, the ``web`` extra). app.py has the routes; static/ the page, served by the
package itself (no CDN: it works without internet)."""
