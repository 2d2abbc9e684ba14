"""The last component (factory ``tracker_statements``): the statements ``tracker ingest`` stores.

One statement per (speaker or party, question, stance), a question being an issue and, on a catch-all, a
policy object (``StatementCandidate.question``): the one whose stance reading is firmest (the highest
stance score, the first of equals); statements without an issue are dropped when the same speaker has one
with an issue. Their stored ``confidence`` is ``model.combined_confidence`` of all the stages' scores. A statement that
reaches this stage without a stance is an error: the pipeline lacks its stance stage (``tracker_stance``
or a replacement that writes ``stance``), and the database would otherwise fill with a default.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tracker.nlp.model import StatementCandidate


class MissingStance(ValueError):
    """A statement without a stance reached the end of the pipeline."""


def final_statements(doc: Doc) -> list[StatementCandidate]:
    """The doc's statements, one per (speaker or party, question, stance), in text order."""
    return dedup(doc._.statements)


def dedup(candidates: list[StatementCandidate]) -> list[StatementCandidate]:
    with_issue = {_who(c) for c in candidates if c.issue}
    best: dict[tuple, StatementCandidate] = {}
    for candidate in candidates:
        if not candidate.issue and _who(candidate) in with_issue:
            continue
        key = (*_who(candidate), *candidate.question, candidate.stance)
        if key not in best or _firmness(candidate) > _firmness(best[key]):
            best[key] = candidate
    return sorted(best.values(), key=lambda c: c.start_char)


def _firmness(candidate: StatementCandidate) -> float:
    return candidate.scores.get("stance", candidate.confidence)


def _who(candidate: StatementCandidate) -> tuple[str | None, str]:
    return candidate.speaker, candidate.party


class FinalStatements:
    """Keeps the final statements in ``doc._.statements``."""

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.statements
        missing = next((s for s in statements if s.stance is None), None)
        if missing is not None:
            raise MissingStance(f"a statement has no stance ({missing.evidence[:60]!r}): the pipeline has no "
                                "stance stage (tracker_stance, or a component that writes the stance)")
        doc._.statements = dedup(statements)
        return doc


@Language.factory("tracker_statements", requires=["doc._.statements", "doc._.issues", "doc._.stances"],
                  assigns=["doc._.statements"])
def make_final_statements(nlp: Language, name: str) -> FinalStatements:
    return FinalStatements()
