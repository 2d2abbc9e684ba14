"""Template helpers: texts, stance and party colours, numbers."""

from __future__ import annotations

import math

from flask import Flask, current_app

from tracker.reports.colours import ink, net_colour, party_colour


def install(app: Flask) -> None:
    app.jinja_env.filters.update(net=_net, cell=_cell, party_colour=party_colour)
    app.jinja_env.globals.update(is_number=_is_number)
    app.context_processor(lambda: {"t": current_app.config["TEXTS"]})


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value))


def _net(value) -> str:
    return f"{value:+.2f}".replace("-", "−") if _is_number(value) else ""


def _cell(value) -> str:
    """The style of a heatmap cell (a colour computed here, never from the data's text)."""
    return f"background:{net_colour(value)};color:{ink(value)}" if _is_number(value) else ""
