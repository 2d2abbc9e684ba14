"""`tracker eval`'s text output: the headline metrics and the per-article table."""

from __future__ import annotations

from tracker.evaluate.metrics import Scores


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:5.1f}%"


def format_scores(scores: Scores) -> str:
    """The headline metrics as a few aligned lines."""
    s = scores
    return "\n".join([
        f"records       P {_pct(s.records_precision)}  R {_pct(s.records_recall)}  F1 {_pct(s.records_f1)}"
        f"   (gold {s.gold_records}, predicted {s.predicted_records}, matched {s.matched_records})",
        f"party         accuracy {_pct(s.party_accuracy)}"
        f"   ({s.party_correct} of {s.party_found} speakers found)",
        f"CAP topic     accuracy {_pct(s.cap_topic_accuracy)}"
        f"   ({s.topic_correct} of {s.topic_rows} matched gold rows)",
        f"disagreement  P {_pct(s.disagreement_precision)}  R {_pct(s.disagreement_recall)}"
        f"  F1 {_pct(s.disagreement_f1)}   (gold {s.gold_disagreements}, predicted"
        f" {s.predicted_disagreements}, found {s.disagreements_found}, right {s.disagreements_correct})",
        f"pair agreement {_pct(s.pair_agreement)}"
        f"   ({s.pairs_reproduced} of {s.gold_pairs} gold cross-party pairs on one issue reproduced)",
        *_linking_lines(s),
        "(records check who and with which party only; disagreement and pair agreement check stance and issue)",
        f"({s.catch_all_statements} predicted statements on a catch-all issue, \"other statements on <topic>\","
        " count as on no issue: never a link, a disagreement or a pair on one issue)",
    ])


def _linking_lines(s: Scores) -> list[str]:
    if s.gold_links is None:
        return []
    return [f"issue linking P {_pct(s.link_precision)}  R {_pct(s.link_recall)}  F1 {_pct(s.link_f1)}"
            f"   (gold links {s.gold_links}, predicted {s.predicted_links}, right {s.right_links};"
            " pairs of rows from different articles)"]


def format_per_article(scores: Scores) -> str:
    """The per-article table, worst F1 first, with missed and spurious keys."""
    lines = []
    for row in scores.per_article.sort_values(["f1", "article"]).itertuples():
        lines.append(f"{row.article}  gold {row.gold:2d}  pred {row.predicted:2d}  "
                     f"matched {row.matched:2d}  F1 {_pct(row.f1)}  "
                     f"pairs {row.pairs_reproduced}/{row.pairs}  disagreements {row.disagreements_found}/"
                     f"{row.disagreements}")
        if row.missed:
            lines.append("    missed:   " + "; ".join(row.missed))
        if row.spurious:
            lines.append("    spurious: " + "; ".join(row.spurious))
    return "\n".join(lines)
