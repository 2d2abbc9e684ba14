"""The metrics behind `tracker eval`: records, party, CAP topic, disagreements, pair agreement, issue linking.

- records precision / recall / F1 over deduplicated keys (who, with which party: stance is not checked here).
- party accuracy: of gold speakers found by name (party ignored), the share whose predicted party is right
  (every predicted row for that person carries the gold party).
- CAP topic accuracy: of gold rows whose key is matched, the share whose cap_topic is among the predicted
  cap_topics of the matched key.
- disagreement precision / recall / F1 and pair agreement: see tracker.evaluate.pairs.
- issue linking (with a groups file): see tracker.evaluate.linking.
A predicted statement on a catch-all issue ("other statements on <topic>") counts as on no issue (tables).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from tracker.evaluate.linking import group_ids, issue_linking
from tracker.evaluate.matching import match_keys, match_people, match_rows
from tracker.evaluate.pairs import PairAgreement, disagreements, pair_agreement
from tracker.evaluate.tables import Key, keys, normalise


@dataclass
class Scores:
    """All metrics; rates are fractions (P/R/F1 are 0.0 and accuracies None when nothing to count)."""

    gold_records: int
    predicted_records: int
    matched_records: int
    records_precision: float
    records_recall: float
    records_f1: float
    party_found: int
    party_correct: int
    party_accuracy: float | None
    topic_rows: int
    topic_correct: int
    cap_topic_accuracy: float | None
    gold_disagreements: int
    predicted_disagreements: int
    disagreements_found: int
    disagreements_correct: int
    disagreement_precision: float
    disagreement_recall: float
    disagreement_f1: float
    gold_pairs: int = 0
    pairs_reproduced: int = 0
    pair_agreement: float | None = None
    gold_links: int | None = None  # issue linking: only with a groups file
    predicted_links: int | None = None
    right_links: int | None = None
    link_precision: float | None = None
    link_recall: float | None = None
    link_f1: float | None = None
    catch_all_statements: int = 0  # predicted statements on a catch-all issue: on no issue here
    per_article: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    def to_dict(self) -> dict:
        """The numbers, without the per-article table."""
        return {k: v for k, v in self.__dict__.items() if k != "per_article"}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _party_accuracy(gold_keys: list[Key], pred_keys: list[Key]) -> tuple[int, int]:
    """(found, correct) over gold speakers found by name; correct = all predicted parties right."""
    people = match_people(gold_keys, pred_keys)
    pred_parties = defaultdict(set)
    for article, speaker, party in pred_keys:
        pred_parties[article, speaker].add(party)
    found = correct = 0
    for article, speaker, party in gold_keys:
        person = people.get((article, speaker))
        if speaker and person:
            found += 1
            correct += pred_parties[person] == {party}
    return found, correct


def _topic_accuracy(gold: pd.DataFrame, pred: pd.DataFrame, matched: dict[Key, Key]) -> tuple[int, int]:
    """(rows, correct) over gold rows whose key is matched."""
    pred_topics = defaultdict(set)
    for a, s, p, topic in zip(pred["article"], pred["speaker"], pred["party"], pred["cap_topic"]):
        pred_topics[a, s, p].add(topic.casefold())
    rows = correct = 0
    for a, s, p, topic in zip(gold["article"], gold["speaker"], gold["party"], gold["cap_topic"]):
        if (a, s, p) in matched:
            rows += 1
            correct += topic.casefold() in pred_topics[matched[a, s, p]]
    return rows, correct


def _key_text(key: Key) -> str:
    article, speaker, party = key
    return f"{speaker} ({party})" if speaker else f"[{party}]"


def per_article_table(gold_keys: list[Key], pred_keys: list[Key], matched: dict[Key, Key],
                      pairs: PairAgreement, disagreeing: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """One row per article: record counts and F1, the missed and spurious keys, and the stance-aware counts:
    gold cross-party pairs and how many the prediction reproduces, gold disagreements and how many it finds."""
    hit_preds = set(matched.values())
    rows = []
    for article in sorted({k[0] for k in gold_keys} | {k[0] for k in pred_keys}):
        golds = [k for k in gold_keys if k[0] == article]
        preds = [k for k in pred_keys if k[0] == article]
        hits = sum(k in matched for k in golds)
        rows.append({
            "article": article,
            "gold": len(golds),
            "predicted": len(preds),
            "matched": hits,
            "f1": _f1(_ratio(hits, len(preds)), _ratio(hits, len(golds))),
            "pairs": pairs.per_article.get(article, (0, 0))[0],
            "pairs_reproduced": pairs.per_article.get(article, (0, 0))[1],
            "disagreements": disagreeing.get(article, (0, 0))[0],
            "disagreements_found": disagreeing.get(article, (0, 0))[1],
            "missed": [_key_text(k) for k in golds if k not in matched],
            "spurious": [_key_text(k) for k in preds if k not in hit_preds],
        })
    columns = ["article", "gold", "predicted", "matched", "f1", "pairs", "pairs_reproduced", "disagreements",
               "disagreements_found", "missed", "spurious"]
    return pd.DataFrame(rows, columns=columns)


def score(gold: pd.DataFrame, pred: pd.DataFrame, groups: pd.DataFrame | None = None) -> Scores:
    """Compare a predicted statements table with the gold table; `groups` (issue_groups.csv) adds issue linking."""
    catch_alls = int((pred["issue_kind"] == "other").sum()) if "issue_kind" in pred else 0
    gold, pred = normalise(gold), normalise(pred)
    gold_keys, pred_keys = keys(gold), keys(pred)
    matched = match_keys(gold_keys, pred_keys)
    precision = _ratio(len(matched), len(pred_keys))
    recall = _ratio(len(matched), len(gold_keys))
    party_found, party_correct = _party_accuracy(gold_keys, pred_keys)
    topic_rows, topic_correct = _topic_accuracy(gold, pred, matched)
    statement_of = match_rows(gold, pred, matched)
    pairs = pair_agreement(gold, pred, statement_of)

    gold_pairs, pred_pairs = disagreements(gold), disagreements(pred)
    back = {p: g for g, p in matched.items()}
    found_pairs = [pair for pair in gold_pairs
                   if all(k in matched for k in pair) and frozenset(matched[k] for k in pair) in pred_pairs]
    right = sum(all(k in back for k in pair) and frozenset(back[k] for k in pair) in gold_pairs
                for pair in pred_pairs)
    d_precision, d_recall = _ratio(right, len(pred_pairs)), _ratio(len(found_pairs), len(gold_pairs))
    scores = Scores(
        gold_records=len(gold_keys), predicted_records=len(pred_keys), matched_records=len(matched),
        records_precision=precision, records_recall=recall, records_f1=_f1(precision, recall),
        party_found=party_found, party_correct=party_correct,
        party_accuracy=party_correct / party_found if party_found else None,
        topic_rows=topic_rows, topic_correct=topic_correct,
        cap_topic_accuracy=topic_correct / topic_rows if topic_rows else None,
        gold_disagreements=len(gold_pairs), predicted_disagreements=len(pred_pairs),
        disagreements_found=len(found_pairs), disagreements_correct=right,
        disagreement_precision=d_precision, disagreement_recall=d_recall,
        disagreement_f1=_f1(d_precision, d_recall),
        gold_pairs=pairs.gold_pairs, pairs_reproduced=pairs.reproduced, pair_agreement=pairs.rate,
        per_article=per_article_table(gold_keys, pred_keys, matched, pairs, _by_article(gold_pairs, found_pairs)),
        catch_all_statements=catch_alls,
    )
    if groups is not None:
        linking = issue_linking(gold, pred, statement_of, group_ids(gold, normalise_groups(groups)))
        scores.gold_links, scores.predicted_links, scores.right_links = (
            linking.gold_links, linking.predicted_links, linking.right_links)
        scores.link_precision, scores.link_recall, scores.link_f1 = linking.precision, linking.recall, linking.f1
    return scores


def _by_article(gold_pairs: set[frozenset], found: list[frozenset]) -> dict[str, tuple[int, int]]:
    """article -> (gold disagreements, found)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair in gold_pairs:
        counts[next(iter(pair))[0]][0] += 1
    for pair in found:
        counts[next(iter(pair))[0]][1] += 1
    return {article: (n, hits) for article, (n, hits) in counts.items()}


def normalise_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """The groups table with articles reduced to file names and stances in lower case, like the gold."""
    groups = groups.astype(object).fillna("").copy()
    groups["article"] = [PurePath(str(a)).name for a in groups["article"]]
    groups["stance"] = [str(s).strip().lower() for s in groups["stance"]]
    return groups
