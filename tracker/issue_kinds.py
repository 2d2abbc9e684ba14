"""The kinds of issue a statement can be on, and how a catch-all is named.

- ``catalogue``:  a row of the bundled catalogue (data/issues.csv) or of a file named in TRACKER_ISSUES;
- ``user``:       the user catalogue in the database (added by hand, or a discovered issue a user accepted,
                  renamed, merged or split: ``tracker issues add|accept|rename|merge|split``);
- ``discovered``: a policy object found in statements of several articles (tracker.discovery);
- ``other``:      no concrete issue: the statements of one CAP topic that fit none, shown as
                  "other statements on <topic>", never ranked as a disagreement and never given a stance.
"""

from __future__ import annotations

from tracker.cap import cap_topics

CATALOGUE, USER, DISCOVERED, OTHER = "catalogue", "user", "discovered", "other"
KINDS = (CATALOGUE, USER, DISCOVERED, OTHER)
CONCRETE = (CATALOGUE, USER, DISCOVERED)
NO_TOPIC_SLUG = "uden-emne"


def is_catch_all_slug(slug: str | None) -> bool:
    """The slugs the pipeline gives catch-alls: ``topic-<CAP name>`` and ``uden-emne`` (no topic at all)."""
    return not slug or slug == NO_TOPIC_SLUG or slug.startswith("topic-")


def catch_all_label(topic: str | None) -> str:
    """"other statements on Uddannelse" for the CAP topic "Education"."""
    if not topic:
        return "other statements (no topic)"
    row = cap_topics().get(topic) or {}
    return f"other statements on {row.get('label_da') or topic}"


def topic_label(topic: str | None) -> str:
    """The Danish name of a CAP topic ("Miljø og klima" for "Environment"); the name itself when unknown."""
    row = cap_topics().get(topic or "") or {}
    return row.get("label_da") or topic or ""


def catch_all_slug(topic: str | None) -> str:
    """The catch-all's slug for a CAP topic ("topic-law-and-crime"), as the pipeline names it."""
    return "topic-" + topic.lower().replace(" ", "-") if topic else NO_TOPIC_SLUG
