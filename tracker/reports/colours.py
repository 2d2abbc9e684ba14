"""Colours for people: the parties' usual colours (data/party_colours.csv) and the net-position scale, one
source for the HTML report and the web app."""

from __future__ import annotations

import csv
from functools import lru_cache

from tracker.paths import data_file

FOR_RGB = (26, 133, 120)  # teal: +1, for
AGAINST_RGB = (200, 95, 20)  # orange: -1, against (not red/blue, which are the blocs' colours)
NEUTRAL_RGB = (150, 150, 150)
OTHER_PARTY = "#888888"


@lru_cache(maxsize=1)
def party_colours() -> dict[str, str]:
    """party key -> '#RRGGBB'."""
    with data_file("party_colours.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["key"]: row["colour"] for row in rows}


def party_colour(key: str | None) -> str:
    return party_colours().get(key or "", OTHER_PARTY)


def net_colour(net: float) -> str:
    """Background for a net position: white at 0, teal towards +1, orange towards -1."""
    end = FOR_RGB if net >= 0 else AGAINST_RGB
    share = min(abs(net), 1.0)
    red, green, blue = (round(255 + (c - 255) * share) for c in end)
    return f"rgb({red},{green},{blue})"


def ink(net: float) -> str:
    """Text colour readable on net_colour(net)."""
    return "#fff" if abs(net) > 0.6 else "#111"
