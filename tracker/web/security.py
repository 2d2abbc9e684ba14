"""Safe by default: a CSRF token on every POST, an access token when the app listens beyond localhost, and
headers that forbid scripts, frames and sniffing (the pages need no script at all)."""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, current_app, redirect, request

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_COOKIE = "tracker_token"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def needs_token(host: str) -> bool:
    return host not in LOCAL_HOSTS


def new_token() -> str:
    return secrets.token_urlsafe(24)


def install(app: Flask) -> None:
    app.config["CSRF_TOKEN"] = secrets.token_urlsafe(32)
    app.secret_key = secrets.token_bytes(32)  # signs the flash messages' cookie; new each start
    app.before_request(_check)
    app.after_request(_headers)
    app.context_processor(lambda: {"csrf_token": app.config["CSRF_TOKEN"]})


def _same(given: str | None, wanted: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), wanted.encode())


def _check():
    token = current_app.config.get("ACCESS_TOKEN")
    if token:
        if _same(request.args.get("token"), token):  # the link printed at start: keep it in a cookie
            response = redirect(request.path)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict")
            return response
        if not _same(request.cookies.get(TOKEN_COOKIE), token):
            abort(403, current_app.config["TEXTS"]["forbidden"])
    if request.method == "POST" and not _same(request.form.get("csrf_token"), current_app.config["CSRF_TOKEN"]):
        abort(400, current_app.config["TEXTS"]["bad_csrf"])
    return None


def _headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
