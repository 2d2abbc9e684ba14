"""Score predicted statements against a gold table (the metrics behind `tracker eval`).

Both tables have the columns in ``COLUMNS``; ``article`` is a file name such as ``d001.txt`` and
``speaker`` is empty for a party's own position. A record's key is (article, speaker, party).

Metrics:

- records precision / recall / F1 over deduplicated keys. Names match on the full name, on first
  and last name ("Anna Bo Hansen" = "Anna Hansen"), or on the surname alone ("Hansen") when that
  surname is unique among the gold speakers of the article. Party must match exactly (trimmed).
  Matching is one-to-one, best name matches first.
- party accuracy: of gold speakers found by name (party ignored), the share whose predicted
  party is right (every predicted row for that person carries the gold party).
- CAP topic accuracy: of gold rows whose key is matched, the share whose cap_topic is among the
  predicted cap_topics of the matched key.
- disagreement precision / recall / F1: pairs of keys of different parties in the same article
  on the same issue with different stances, gold pairs compared with predicted pairs through
  the key matching.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import PurePath

import pandas as pd

COLUMNS = ["article", "speaker", "party", "role", "issue", "cap_topic", "stance", "kind", "evidence"]

Key = tuple[str, str, str]  # (article, speaker, party); speaker "" for a party row


# ---------------------------------------------------------------- tables


def statements_frame(rows) -> pd.DataFrame:
    """A frame with exactly ``COLUMNS`` from dicts (missing fields become "")."""
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    return frame.astype(object).fillna("")


def _clean(value) -> str:
    """A trimmed string with single spaces; NaN and None become ""."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Cleaned copy: strings trimmed, article reduced to its file name, stance lower case."""
    n = len(frame)
    data = {col: [_clean(v) for v in frame[col]] if col in frame else [""] * n for col in COLUMNS}
    data["article"] = [PurePath(a).name for a in data["article"]]
    data["stance"] = [s.lower() for s in data["stance"]]
    return pd.DataFrame(data, columns=COLUMNS, dtype=object)


def _keys(frame: pd.DataFrame) -> list[Key]:
    """The deduplicated record keys of a normalised frame, in first-seen order."""
    keys = zip(frame["article"], frame["speaker"], frame["party"])
    return list(dict.fromkeys(keys))


# ---------------------------------------------------------------- name matching


def _tokens(name: str) -> list[str]:
    return name.casefold().replace(",", " ").split()


def name_match_level(gold: str, pred: str, unique_surnames: set[str]) -> int:
    """How well two names match: 3 same name, 2 same first and last name, 0 no match,
    1 when one name is a bare surname equal to the other's, and that surname is in ``unique_surnames``."""
    g, p = _tokens(gold), _tokens(pred)
    if not g or not p:
        return 0
    if g == p:
        return 3
    if len(g) > 1 and len(p) > 1 and g[0] == p[0] and g[-1] == p[-1]:
        return 2
    if min(len(g), len(p)) == 1 and g[-1] == p[-1] and g[-1] in unique_surnames:
        return 1
    return 0


def match_names(gold: list[str], pred: list[str], unique_surnames: set[str]) -> dict[int, int]:
    """One-to-one match of two name lists (index -> index), best match levels first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            level = name_match_level(g, p, unique_surnames)
            if level:
                pairs.append((-level, i, j))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def _unique_surnames(gold_keys: list[Key]) -> dict[str, set[str]]:
    """Per article, the surnames that only one gold speaker has."""
    speakers = {(a, s) for a, s, _ in gold_keys if s}
    counts: dict[str, Counter] = defaultdict(Counter)
    for article, speaker in speakers:
        counts[article][_tokens(speaker)[-1]] += 1
    return {a: {name for name, n in c.items() if n == 1} for a, c in counts.items()}


def match_keys(gold_keys: list[Key], pred_keys: list[Key]) -> dict[Key, Key]:
    """One-to-one gold key -> predicted key: same article and party, and matching names."""
    unique = _unique_surnames(gold_keys)
    pred_groups = defaultdict(list)
    for key in pred_keys:
        pred_groups[key[0], key[2]].append(key)
    gold_groups = defaultdict(list)
    for key in gold_keys:
        gold_groups[key[0], key[2]].append(key)
    matched: dict[Key, Key] = {}
    for (article, party), golds in gold_groups.items():
        preds = pred_groups.get((article, party), [])
        if (article, "", party) in golds and (article, "", party) in preds:
            matched[article, "", party] = (article, "", party)
        golds = [k for k in golds if k[1]]
        preds = [k for k in preds if k[1]]
        pairs = match_names([k[1] for k in golds], [k[1] for k in preds], unique.get(article, set()))
        matched.update({golds[i]: preds[j] for i, j in pairs.items()})
    return matched


def match_people(gold_keys: list[Key], pred_keys: list[Key]) -> dict[tuple[str, str], tuple[str, str]]:
    """One-to-one gold (article, speaker) -> predicted (article, speaker), party ignored."""
    unique = _unique_surnames(gold_keys)
    gold_people = defaultdict(list)
    for article, speaker in dict.fromkeys((a, s) for a, s, _ in gold_keys if s):
        gold_people[article].append(speaker)
    pred_people = defaultdict(list)
    for article, speaker in dict.fromkeys((a, s) for a, s, _ in pred_keys if s):
        pred_people[article].append(speaker)
    matched = {}
    for article, golds in gold_people.items():
        preds = pred_people.get(article, [])
        pairs = match_names(golds, preds, unique.get(article, set()))
        matched.update({(article, golds[i]): (article, preds[j]) for i, j in pairs.items()})
    return matched


# ---------------------------------------------------------------- metrics


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
    per_article: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    def to_dict(self) -> dict:
        """The numbers, without the per-article table."""
        return {k: v for k, v in self.__dict__.items() if k != "per_article"}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def disagreements(frame: pd.DataFrame) -> set[frozenset]:
    """Unordered key pairs: different parties, same article and issue, different stances."""
    pairs = set()
    rows = frame[(frame["issue"] != "") & (frame["stance"] != "")]
    for _, group in rows.groupby(["article", "issue"]):
        columns = [group[c] for c in ("article", "speaker", "party", "stance")]
        stances = set(zip(*columns))
        for one, two in combinations(sorted(stances), 2):
            if one[2] != two[2] and one[3] != two[3]:
                pairs.add(frozenset([one[:3], two[:3]]))
    return pairs


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


def per_article_table(gold_keys: list[Key], pred_keys: list[Key], matched: dict[Key, Key]) -> pd.DataFrame:
    """One row per article: counts, F1, and the missed and spurious keys."""
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
            "missed": [_key_text(k) for k in golds if k not in matched],
            "spurious": [_key_text(k) for k in preds if k not in hit_preds],
        })
    columns = ["article", "gold", "predicted", "matched", "f1", "missed", "spurious"]
    return pd.DataFrame(rows, columns=columns)


def score(gold: pd.DataFrame, pred: pd.DataFrame) -> Scores:
    """Compare a predicted statements table with the gold table."""
    gold, pred = _normalise(gold), _normalise(pred)
    gold_keys, pred_keys = _keys(gold), _keys(pred)
    matched = match_keys(gold_keys, pred_keys)
    precision = _ratio(len(matched), len(pred_keys))
    recall = _ratio(len(matched), len(gold_keys))
    party_found, party_correct = _party_accuracy(gold_keys, pred_keys)
    topic_rows, topic_correct = _topic_accuracy(gold, pred, matched)

    gold_pairs, pred_pairs = disagreements(gold), disagreements(pred)
    back = {p: g for g, p in matched.items()}
    found = sum(all(k in matched for k in pair) and frozenset(matched[k] for k in pair) in pred_pairs
                for pair in gold_pairs)
    right = sum(all(k in back for k in pair) and frozenset(back[k] for k in pair) in gold_pairs
                for pair in pred_pairs)
    d_precision, d_recall = _ratio(right, len(pred_pairs)), _ratio(found, len(gold_pairs))
    return Scores(
        gold_records=len(gold_keys), predicted_records=len(pred_keys), matched_records=len(matched),
        records_precision=precision, records_recall=recall, records_f1=_f1(precision, recall),
        party_found=party_found, party_correct=party_correct,
        party_accuracy=party_correct / party_found if party_found else None,
        topic_rows=topic_rows, topic_correct=topic_correct,
        cap_topic_accuracy=topic_correct / topic_rows if topic_rows else None,
        gold_disagreements=len(gold_pairs), predicted_disagreements=len(pred_pairs),
        disagreements_found=found, disagreements_correct=right,
        disagreement_precision=d_precision, disagreement_recall=d_recall,
        disagreement_f1=_f1(d_precision, d_recall),
        per_article=per_article_table(gold_keys, pred_keys, matched),
    )


# ---------------------------------------------------------------- printing


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
    ])


def format_per_article(scores: Scores) -> str:
    """The per-article table, worst F1 first, with missed and spurious keys."""
    lines = []
    for row in scores.per_article.sort_values(["f1", "article"]).itertuples():
        lines.append(f"{row.article}  gold {row.gold:2d}  pred {row.predicted:2d}  "
                     f"matched {row.matched:2d}  F1 {_pct(row.f1)}")
        if row.missed:
            lines.append("    missed:   " + "; ".join(row.missed))
        if row.spurious:
            lines.append("    spurious: " + "; ".join(row.spurious))
    return "\n".join(lines)
