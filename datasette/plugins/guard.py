"""The site under hostile requests: bounds in SQLite on every connection, only reading
methods, security headers on every response, plain error pages logged in one line, and no
path of the server's disk in public JSON. The bounds themselves are in
cybergov.publication.bounds and .headers; this module only hooks them into Datasette.
"""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

from cybergov.paths import DATABASE
from cybergov.publication.bounds import bound
from cybergov.publication.headers import security_headers
from datasette.plugins import pm
from datasette.utils.asgi import Base400, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

from datasette import hookimpl

# Datasette's own handler prints a traceback with every local variable for each error, a
# 404 included (0.3 s and 14-52 KB of log each), and fails itself on some (a 500 for a
# path with ".."). The handler below answers every error, so Datasette's is taken out.
if pm.has_plugin("datasette.handle_exception"):
    pm.unregister(name="datasette.handle_exception")

# The site only reads: anything else is refused before Datasette sees it.
METHODS = (b"GET", b"HEAD")
MESSAGE_CHARS = 300


@hookimpl
def prepare_connection(conn, database):
    if database == DATABASE:
        bound(conn)


async def _databases(datasette):
    """/-/databases without the absolute path of each file."""
    return Response.json([{"name": db.name, "route": db.route, "size": db.size, "is_mutable": db.is_mutable,
                           "is_memory": db.is_memory} for db in datasette.databases.values() if db.name != "_internal"])


@hookimpl
def register_routes():
    return [(r"^/-/databases(\.json)?$", _databases)]


@hookimpl(trylast=True)  # the outermost wrapper: its headers go on cached pages too
def asgi_wrapper(datasette):
    extra = security_headers()
    names = {k for k, _ in extra}

    def wrap(app):
        async def guarded(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            if scope["method"].encode() not in METHODS:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"allow", b", ".join(METHODS)), (b"content-type", b"text/plain; charset=utf-8"),
                                        *extra]})
                await send({"type": "http.response.body", "body": b"This site only reads: use GET.\n"})
                return

            async def with_headers(message):
                if message["type"] == "http.response.start":
                    own = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                    message = {**message, "headers": [*own, *extra]}
                await send(message)

            await app(scope, receive, with_headers)

        return guarded

    return wrap


def _status(exception) -> tuple[int, str | None, str]:
    if isinstance(exception, Base400):
        return exception.status, None, str(exception.args[0] if exception.args else "")
    if isinstance(exception, DatasetteError):
        # Datasette raises its own errors at 500 by default for what the request asked
        # (a sort on a column that does not exist, SQL that SQLite refuses while paging).
        message = Markup(exception.message) if exception.message_is_html else exception.message
        return (400 if exception.status == 500 else exception.status), exception.title, message
    return 500, "Server error", "Something went wrong on the server. The error has been logged."


def _log(request, exception) -> None:
    """One line on stderr: the request, the error and where it was raised."""
    frames = traceback.extract_tb(exception.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    text = " ".join(str(exception).split())[:MESSAGE_CHARS]
    print(f"ERROR 500 {request.method} {request.path[:MESSAGE_CHARS]}: {type(exception).__name__}: {text}{where}",
          file=sys.stderr, flush=True)


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    """Every error, as a plain page: the client learns nothing of the server's insides."""
    status, title, message = _status(exception)
    if status >= 500:
        _log(request, exception)
    if not isinstance(message, Markup):
        message = message[:MESSAGE_CHARS]
    info = {"ok": False, "status": status, "title": title, "error": message}

    async def inner():
        if request.path.endswith(".json"):
            return Response.json(info, status=status)
        try:
            html = await datasette.render_template(["error.html"], info, request=request)
        except Exception as exc:  # noqa: BLE001 (the error page itself failed: say no more than this)
            _log(request, exc)
            html = "<!DOCTYPE html><title>Error</title><p>Something went wrong on the server.</p>"
        return Response.html(html, status=status)

    return inner
