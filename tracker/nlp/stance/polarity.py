"""One question, either phrasing: a statement's stance and the end of the issue it is read toward.

The contract with the issue stage (tracker_issues runs before tracker_stance):
- ``statement.stance`` is the stance toward ``statement.issue`` as its catalogue label phrases it (for =
  supports the label); ``extra["stance_toward"]`` records that issue, ``extra["stance_said"]`` the stance toward
  what the statement's own words say (before any turn).
- Before stance: an issue stage that puts a statement on an issue phrased from the other end of the question
  (the words say "prisstigninger på bus og tog", the issue is "Billigere kollektiv trafik") sets
  ``extra["issue_reversed"] = True`` and, when the words match an issue of their own, ``extra["issue_said"]`` =
  that slug (whose for/against phrases are then read; else the general cues alone). The stance stage reads the
  words as they are and turns the result around.
- After stance: a stage that moves a statement onto such an issue calls ``restate(statement, slug, reversed_)``.
"""

from __future__ import annotations

from tracker.nlp.stance.cues import AGAINST, FOR

OPPOSITE = {FOR: AGAINST, AGAINST: FOR}


def opposite(stance: str | None) -> str | None:
    """for <-> against; neutral (and None) stay."""
    return OPPOSITE.get(stance, stance)


def reading_issue(statement) -> str | None:
    """The issue whose phrases the statement's words are read against: its own (``issue_said``) when the
    issue stage says they name the other end of ``statement.issue``."""
    if statement.extra.get("issue_reversed"):
        return statement.extra.get("issue_said")
    return statement.issue


def record(statement, said: str) -> None:
    """Set the statement's stance from the stance toward what it says (turned around when reversed)."""
    statement.extra["stance_said"] = said
    statement.extra["stance_toward"] = statement.issue
    statement.stance = opposite(said) if statement.extra.get("issue_reversed") else said


def restate(statement, issue: str, reversed_: bool, label: str | None = None) -> None:
    """Move a statement whose stance is read onto ``issue``; ``reversed_``: the new issue is phrased from the
    other end of the statement's current one, so for and against swap (neutral stays)."""
    if reversed_:
        statement.stance = opposite(statement.stance)
        statement.extra["issue_reversed"] = not statement.extra.get("issue_reversed", False)
    statement.issue = issue
    if label is not None:
        statement.issue_label = label
    statement.extra["stance_toward"] = issue
