"""Issue of each statement (spaCy component "tracker_issues").

The issue catalogue is ``data/issues.csv`` with the columns
``slug,label,cap_topic,triggers,for_phrases,against_phrases``: one concrete policy question per row,
the Danish label phrased so that a stance reads against it ("Grænsekontrol ved de danske grænser"),
``;``-separated trigger words/phrases that point to the issue and optional phrases that mean *for*
or *against* it (used by the stance component). Patterns are those of ``tracker.nlp.lexicon``.

Users extend the catalogue with their own CSV in the same format: pass it to ``load_catalogue()`` or
name it in the environment variable ``TRACKER_ISSUES`` (several files separated by ``os.pathsep``).
A user row with an existing slug replaces the bundled one.

How an issue is chosen, so that statements on the same question land on the same issue:
1. the triggers in the statement's own evidence, then (if none) in its paragraph;
2. ties and near-ties go to the issue the whole article (headline/lead counted twice) stresses most;
3. the article's main issue (the one its headline/lead stresses most, else the article's clearly
   dominant one) keeps a statement whose text points elsewhere only weakly: another issue must beat the
   main issue's own score there by ``STRONGER`` (two trigger words, or one multi-word trigger), so that
   one incidental noun ("forskning", "sygehus") does not split a debate over several issues;
4. with no trigger nearby, the article's dominant issue within the statement's CAP topic (any topic
   when the statement has none);
5. else a catch-all issue per CAP topic, slug ``topic-<name>`` and label e.g. "Miljø og klima (øvrigt)".
A catalogue issue chosen from triggers also sets the statement's ``cap_topic`` to the issue's topic.
When the evidence lists several proposals with their own issues ("..., en milliard til ældreplejen og
et hævet kørselsfradrag"), the statement is copied once per further issue (``extra["listed_with"]``).
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from tracker.nlp import model  # noqa: F401  (registers the Doc extensions)
from tracker.nlp.lexicon import (Match, TermIndex, doc_forms, lead_range, lead_span, longest_first, paragraph_range,
                                 read_csv, split_list, statement_range, statement_span)
from tracker.nlp.topics import load_cap_topics
from tracker.paths import data_file

log = logging.getLogger(__name__)

ENV_VAR = "TRACKER_ISSUES"
# How much the article's own emphasis counts next to the triggers of the statement's text
# (a share between 0 and 1 of the article's strongest issue, times this weight).
CONTEXT_WEIGHT = 1.0
# How much more trigger weight a statement's own text needs for another issue than the article's main one.
STRONGER = 2.0
# ... unless that other issue is itself prominent in the article (this share of the main issue's score).
INCIDENTAL = 0.5
LIST_CONJUNCTIONS = {"og", "samt", "eller"}
LIST_SEPARATORS = LIST_CONJUNCTIONS | {",", ";", ".", ":"}


@dataclass(frozen=True)
class Issue:
    """One entry of the issue catalogue."""

    slug: str
    label: str
    cap_topic: str
    triggers: tuple[str, ...] = ()
    for_phrases: tuple[str, ...] = ()
    against_phrases: tuple[str, ...] = ()
    fallback: bool = field(default=False, compare=False)


def catalogue_paths(extra: Iterable[str | Path] = ()) -> list[Path]:
    """The bundled catalogue, then the files in TRACKER_ISSUES, then ``extra``."""
    paths = [data_file("issues.csv")]
    env = os.environ.get(ENV_VAR, "")
    paths += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    paths += [Path(p) for p in extra]
    return paths


def read_issues(path: Path) -> list[Issue]:
    """The issues of one catalogue CSV (rows without a slug are skipped; an unknown CAP topic is
    logged and kept as written)."""
    known = {t.name for t in load_cap_topics()}
    issues = []
    for row in read_csv(path):
        slug = (row.get("slug") or "").strip()
        if not slug:
            continue
        if (row.get("cap_topic") or "").strip() not in known:
            log.warning("%s: issue %r has no CAP major topic name (%r)", path, slug, row.get("cap_topic"))
        issues.append(Issue(slug=slug, label=(row.get("label") or slug).strip(),
                            cap_topic=(row.get("cap_topic") or "").strip(),
                            triggers=tuple(split_list(row.get("triggers"))),
                            for_phrases=tuple(split_list(row.get("for_phrases"))),
                            against_phrases=tuple(split_list(row.get("against_phrases")))))
    return issues


def load_catalogue(paths: Iterable[str | Path] | None = None) -> list[Issue]:
    """Issues from ``paths`` (default: bundled + TRACKER_ISSUES); later files override earlier slugs."""
    by_slug: dict[str, Issue] = {}
    for path in (catalogue_paths() if paths is None else [Path(p) for p in paths]):
        for issue in read_issues(Path(path)):
            by_slug[issue.slug] = issue
    return list(by_slug.values())


def topic_fallbacks() -> dict[str, Issue]:
    """CAP topic name -> catch-all issue ("topic-environment", "Miljø og klima (øvrigt)")."""
    return {t.name: Issue(t.slug, f"{t.label_da} (øvrigt)", t.name, fallback=True) for t in load_cap_topics()}


class IssueMatcher:
    """Scores the catalogue's issues on a stretch of text by their triggers."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        terms = sorted({t for issue in issues for t in issue.triggers})
        self.index = TermIndex(terms)
        self.owners: dict[str, list[int]] = defaultdict(list)
        for i, issue in enumerate(issues):
            for t in issue.triggers:
                self.owners[t].append(i)
        self._scored: tuple[Doc | None, dict] = (None, {})  # the last doc's scores per token range

    def find(self, tokens: Span | Doc) -> list[Match]:
        """The triggers in ``tokens`` (offsets in its doc), from one search of the whole doc."""
        return self.index.matches_within(*_bounds(tokens))

    def occurrences(self, tokens: Span | Doc) -> dict[int, int]:
        """Issue index -> how many times its triggers occur in ``tokens`` (a measure of prominence)."""
        counts: dict[int, int] = defaultdict(int)
        for m in longest_first(self.find(tokens)):
            for i in self.owners[self.index.terms[m.key]]:
                counts[i] += 1
        return dict(counts)

    def scores(self, tokens: Span | Doc) -> dict[int, float]:
        """Issue index -> score. Each distinct trigger found counts its number of words (plus a little
        for its length); a trigger is ignored where a more specific one covers the same words
        ("ydelseskommission*" beats "ydelse*" on "ydelseskommissionen")."""
        return self.scores_at(*_bounds(tokens))

    def scores_at(self, doc: Doc, start: int, end: int) -> dict[int, float]:
        """``scores(doc[start:end])``, remembered for the last doc (statements share paragraphs)."""
        if self._scored[0] is not doc:
            self._scored = (doc, {})
        memo = self._scored[1]
        if (start, end) not in memo:
            totals: dict[int, float] = defaultdict(float)
            for term in self.found_triggers_at(doc, start, end):
                weight = len(term.split()) + 0.01 * len(term)
                for i in self.owners[term]:
                    totals[i] += weight
            memo[start, end] = dict(totals)
        return dict(memo[start, end])

    def found_triggers(self, tokens: Span | Doc) -> set[str]:
        """The triggers found in ``tokens``, without those that a more specific trigger overrides:
        one on the same words with a longer pattern, or a longer trigger that contains it as a word."""
        return self.found_triggers_at(*_bounds(tokens))

    def found_triggers_at(self, doc: Doc, start: int, end: int) -> set[str]:
        """``found_triggers(doc[start:end])``."""
        matches = self.index.matches_within(doc, start, end)
        terms = self.index.terms
        if len(matches) < 2:
            return {terms[m.key] for m in matches}
        covered = [set(m.tokens) for m in matches]
        holding: dict[int, list[int]] = defaultdict(list)  # token -> the matches that cover it
        for k, m in enumerate(matches):
            for token in m.tokens:
                holding[token].append(k)

        def overridden(k: int) -> bool:
            m = matches[k]
            for j in holding[m.tokens[0]]:  # a match covering all of m's tokens covers its first
                o = matches[j]
                if j == k or not covered[k] <= covered[j]:
                    continue
                if o.tokens == m.tokens and len(terms[o.key]) > len(terms[m.key]):
                    return True
                if len(o.tokens) > len(m.tokens) and terms[m.key] in terms[o.key].split():
                    return True
            return False

        return {terms[m.key] for k, m in enumerate(matches) if not overridden(k)}


def _bounds(tokens: Span | Doc) -> tuple[Doc, int, int]:
    """(doc, start, end) of a span or a whole doc."""
    if isinstance(tokens, Span):
        return tokens.doc, tokens.start, tokens.end
    return tokens, 0, len(tokens)


def list_items(span: Span) -> list[tuple[str, int, int]]:
    """(separator before it, start, end token of the part) for the parts of a sentence between list
    separators ("og", "samt", "eller", "," and sentence ends); the first part has separator ""."""
    lower = doc_forms(span.doc).lower(span.start, span.end)
    items, start, before = [], span.start, ""
    for i, word in enumerate(lower, span.start):
        if word in LIST_SEPARATORS:
            if i > start:
                items.append((before, start, i))
            start, before = i + 1, word
    if start < span.end:
        items.append((before, start, span.end))
    return items


def best_issue(local: dict[int, float], context: dict[int, float]) -> int | None:
    """The issue with the best local score plus its share of the article's emphasis."""
    if not local:
        return None
    top = max(context.values(), default=0.0) or 1.0
    return max(local, key=lambda i: (local[i] + CONTEXT_WEIGHT * context.get(i, 0.0) / top, context.get(i, 0.0), -i))


class IssueTagger:
    """Sets ``issue`` and ``issue_label`` (and aligns ``cap_topic``) on every statement of the doc."""

    def __init__(self, issues: list[Issue] | None = None):
        self.issues = issues if issues is not None else load_catalogue()
        self.matcher = IssueMatcher(self.issues)
        self.fallbacks = topic_fallbacks()

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.statements or []
        if not statements:
            return doc
        context = self.article_scores(doc)
        weight = self.prominence(doc)
        main = self.main_issue(doc, weight)
        result = []
        for st in statements:
            issue, from_text = self.issue_for(doc, st.start_char, st.end_char, st.cap_topic, context,
                                              (main, weight))
            if issue is not None:
                self.assign(st, issue, from_text)
            result.append(st)
            for other in self.listed_issues(doc, st, issue, context):
                copy = replace(st, extra={**st.extra, "listed_with": issue.slug})
                self.assign(copy, other, True)
                result.append(copy)
        doc._.statements = result
        return doc

    @staticmethod
    def assign(st, issue: Issue, from_text: bool) -> None:
        st.issue, st.issue_label = issue.slug, issue.label
        if from_text and issue.cap_topic:
            st.cap_topic = issue.cap_topic

    def listed_issues(self, doc: Doc, st, chosen: Issue | None, context: dict[int, float]) -> list[Issue]:
        """Further issues when the evidence lists several proposals ("udflytte 10.000 statslige
        arbejdspladser, en milliard kroner til ældreplejen og et hævet kørselsfradrag"): list items with
        triggers of their own issue give one more statement each. A list needs a joining "og"/"samt"/
        "eller" between those items (commas alone may just separate clauses)."""
        span = statement_span(doc, st.start_char, st.end_char)
        items = list_items(span)
        found, places = [], []
        for place, (_, start, end) in enumerate(items):
            choice = best_issue(self.matcher.scores_at(doc, start, end), context)
            if choice is not None and self.issues[choice] not in found:
                found.append(self.issues[choice])
                places.append(place)
        if len(found) < 2 or chosen not in found:
            return []
        separators = {items[place][0] for place in range(places[0] + 1, places[-1] + 1)}
        if not separators & LIST_CONJUNCTIONS:
            return []
        return [issue for issue in found if issue != chosen]

    def article_scores(self, doc: Doc) -> dict[int, float]:
        """Issue scores of the whole article, with the headline/lead counted twice."""
        total = defaultdict(float, self.matcher.scores_at(doc, 0, len(doc)))
        for i, score in self.matcher.scores_at(doc, *lead_range(doc)).items():
            total[i] += score
        return dict(total)

    def prominence(self, doc: Doc) -> dict[int, float]:
        """Issue -> trigger occurrences in the article, those in the headline/lead counted twice."""
        total = defaultdict(float, self.matcher.occurrences(doc))
        for i, count in self.matcher.occurrences(lead_span(doc)).items():
            total[i] += count
        return dict(total)

    def main_issue(self, doc: Doc, weight: dict[int, float]) -> int | None:
        """The issue the article is about: of the lead's issues the most prominent in the article, else
        the article's issue when it occurs at least twice as often as the next one."""
        lead = self.matcher.scores_at(doc, *lead_range(doc))
        if lead:
            return max(lead, key=lambda i: (weight.get(i, 0.0), lead[i], -i))
        ranked = sorted(weight.values(), reverse=True)
        if ranked and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1]):
            return max(weight, key=lambda i: (weight[i], -i))
        return None

    def issue_for(self, doc: Doc, start: int, end: int, cap_topic: str | None,
                  context: dict[int, float], main: tuple[int | None, dict] = (None, {})
                  ) -> tuple[Issue | None, bool]:
        """(issue, chosen from nearby triggers?) for the statement at start..end; ``main`` is the
        article's main issue and the issues' prominence."""
        main, weight = main
        for level, (first, last) in enumerate((statement_range(doc, start, end), paragraph_range(doc, start))):
            local = self.matcher.scores_at(doc, first, last)
            choice = best_issue(local, context)
            if choice is not None:
                if level == 0 and main is not None and local[choice] < local.get(main, 0.0) + STRONGER \
                        and weight.get(choice, 0.0) < INCIDENTAL * weight.get(main, 0.0):
                    choice = main
                return self.issues[choice], True
        in_topic = {i: s for i, s in context.items()
                    if cap_topic is None or self.issues[i].cap_topic == cap_topic}
        if in_topic:
            return self.issues[max(in_topic, key=lambda i: (in_topic[i], -i))], False
        return self.fallbacks.get(cap_topic or ""), False


@Language.factory("tracker_issues")
def make_issue_tagger(nlp: Language, name: str) -> IssueTagger:
    return IssueTagger()
