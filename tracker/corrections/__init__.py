"""Corrections that last: a person rejects a statement, fixes a field, or adds a missed one.

The statements table always holds the effective values (materialised); the corrections table keeps the
history (what, old and new value, who, when, note) and an anchor (article, evidence span, the speaker and
party the pipeline gave) by which `reattach` puts each correction back on the new extraction after a
reprocess. Those that no longer fit are marked "unmatched" and listed, never dropped.

- values:   what a person types -> what is stored (party key, issue slug, stance, kind, speaker)
- actions:  reject, restore, fix, add, and the history
- reattach: after a reprocess
- gold:     the corrected articles in the gold format of `tracker eval`
"""

from tracker.corrections.actions import add_statement, fix, history, reject, restore
from tracker.corrections.reattach import reattach, write_and_reattach
from tracker.corrections.values import FIELDS, KINDS, CorrectionProblem

__all__ = ["FIELDS", "KINDS", "CorrectionProblem", "add_statement", "fix", "history", "reattach", "reject",
           "restore", "write_and_reattach"]
