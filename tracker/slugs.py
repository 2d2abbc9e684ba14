"""ASCII slugs of Danish text, for issues made from a phrase or a name."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """An ASCII slug: "CO2-afgift på landbruget" -> "co2-afgift-paa-landbruget" (at most 60 characters)."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:60].rstrip("-") or "issue"
