"""Which predicted record is which gold record: names, keys, and each gold row's predicted statement.

Names match on the full name, on first and last name ("Anna Bo Hansen" = "Anna Hansen"), or on the surname
alone ("Hansen") when that surname is unique among the gold speakers of the article. Party must match exactly.
Matching is one-to-one, best name matches first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

from tracker.evaluate.tables import Key

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


def unique_surnames(gold_keys: list[Key]) -> dict[str, set[str]]:
    """Per article, the surnames that only one gold speaker has."""
    speakers = {(a, s) for a, s, _ in gold_keys if s}
    counts: dict[str, Counter] = defaultdict(Counter)
    for article, speaker in speakers:
        counts[article][_tokens(speaker)[-1]] += 1
    return {a: {name for name, n in c.items() if n == 1} for a, c in counts.items()}


def match_keys(gold_keys: list[Key], pred_keys: list[Key]) -> dict[Key, Key]:
    """One-to-one gold key -> predicted key: same article and party, and matching names."""
    unique = unique_surnames(gold_keys)
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
    unique = unique_surnames(gold_keys)
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


_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def match_rows(gold: pd.DataFrame, pred: pd.DataFrame, matched: dict[Key, Key]) -> list[int | None]:
    """For each gold row, the index (in `pred`) of its matched statement, or None.

    A gold row's statement is one of the predicted rows of its matched key: the one whose evidence shares the
    most words with the gold evidence (the first of them on a tie). A gold row whose key is unmatched has none.
    """
    by_key = defaultdict(list)
    for index, key in enumerate(zip(pred["article"], pred["speaker"], pred["party"])):
        by_key[key].append(index)
    evidence = [_words(text) for text in pred["evidence"]]
    rows = []
    for key, text in zip(zip(gold["article"], gold["speaker"], gold["party"]), gold["evidence"]):
        candidates = by_key.get(matched.get(key), [])
        words = _words(text)
        rows.append(max(candidates, key=lambda i: (len(words & evidence[i]), -i)) if candidates else None)
    return rows
