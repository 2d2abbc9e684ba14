"""The local web app (`tracker serve`): browse, compare, search and correct, on the same database.

Flask (routing, a test client, a development server fit for one newsroom machine) with Jinja2 templates
(autoescaping every value: article text is untrusted input). Pages read through tracker.reports and
tracker.search, writes go through the corrections API of tracker.app.Tracker; no SQL of its own.
Assets (one style sheet, no script) are in the package: it works with no network.

- security: CSRF tokens on every POST, an access token for any host but localhost, strict headers
- pages:    the GET routes; actions: the POST routes (corrections)
"""

from __future__ import annotations

from flask import Flask

from tracker.app import Tracker
from tracker.texts import Texts


def create_app(tracker: Tracker, lang: str = "da", token: str | None = None) -> Flask:
    """The app over one database; `token`: an access token every request must bring (else none needed)."""
    from tracker.web import actions, filters, pages, security

    app = Flask(__name__)
    app.config.update(TRACKER=tracker, TEXTS=Texts(lang), ACCESS_TOKEN=token)
    security.install(app)
    filters.install(app)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(actions.blueprint)
    return app
