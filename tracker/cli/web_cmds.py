"""`tracker serve`: the local web app on the same database."""

from __future__ import annotations

import click

from tracker.cli.context import AppContext, pass_app
from tracker.texts import LANGUAGES


@click.command("serve")
@click.option("--port", default=8765, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any but localhost needs an access token.")
@click.option("--token", envvar="TRACKER_WEB_TOKEN", help="Access token (default for a non-local --host: a new "
              "one, printed in the link to open). Also $TRACKER_WEB_TOKEN.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="da", show_default=True, help="Language of the pages.")
@pass_app
def serve(app: AppContext, port: int, host: str, token: str | None, lang: str) -> None:
    """Serve the web app: compare the parties, read each statement in its article, search, correct."""
    from tracker.web import create_app
    from tracker.web.security import needs_token, new_token

    if needs_token(host) and not token:
        token = new_token()
    web = create_app(app.tracker, lang=lang, token=token)
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"Serving {app.tracker.url.split('@')[-1]} on {link} (Ctrl+C stops).")
    web.run(host=host, port=port, debug=False, use_reloader=False)


def register(cli: click.Group) -> None:
    cli.add_command(serve)
