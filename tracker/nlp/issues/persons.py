"""Issues asked about one person at a time (catalogue scope "person": "Hvem der skal være statsminister").

Backing one candidate and rejecting another are answers to two questions, so each person such a statement
is about makes an issue of its own ("statsminister-mette-frederiksen", "Statsministerkandidat: Mette
Frederiksen"). The person is the one named nearest to the issue's trigger in the statement, other than its
speaker; a statement that names none ("Det giver lidt sig selv, siger hun") is about the person its article's
other statements on the issue name most often. When no statement of the article names one, the issue stays
as it is.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from tracker.nlp.issues.catalogue import Issue
from tracker.nlp.issues.matcher import IssueMatcher
from tracker.nlp.model import SPEAKER, Mention
from tracker.nlp.positions import statement_range
from tracker.slugs import slugify

PERSON_SCOPE = "person"
TRAILING_NOTE = re.compile(r"\s*\([^()]*\)$")


def person_label(label: str, name: str) -> str:
    """"Statsministerkandidat (hvem ...)" and "Mette Frederiksen" -> "Statsministerkandidat: Mette Frederiksen"."""
    return f"{TRAILING_NOTE.sub('', label)}: {name}"


def person_slug(slug: str, name: str) -> str:
    """"statsminister" and "Mette Frederiksen" -> "statsminister-mette-frederiksen"."""
    return f"{slug}-{slugify(name)}"


def is_speaker(st, mention: Mention) -> bool:
    """True when the mention names the statement's own speaker."""
    if st.politician_key and mention.politician_key:
        return st.politician_key == mention.politician_key
    return bool(st.speaker) and (mention.name or mention.text) == st.speaker


def person_named(doc: Doc, st, issue: int, matcher: IssueMatcher, people: list[Mention]) -> str | None:
    """The name of the person nearest to one of the issue's triggers in the statement, its speaker left out."""
    first, last = statement_range(doc, st.start_char, st.end_char)
    triggers = [doc[m.tokens[0]].idx for m in matcher.matches_within(doc, first, last)
                if issue in matcher.owners[matcher.index.terms[m.key]]]
    named = [m for m in people if st.start_char <= m.start_char < st.end_char and not is_speaker(st, m)]
    if not triggers or not named:
        return None
    nearest = min(named, key=lambda m: (min(abs(m.start_char - t) for t in triggers), m.start_char))
    return nearest.name or nearest.text


def split_by_person(doc: Doc, statements: list, issues: dict[str, tuple[int, Issue]], matcher: IssueMatcher) -> None:
    """Put each statement on a person-scoped issue (``issues``: slug -> (index, Issue) of those issues) on the
    issue of the person it is about."""
    if not issues:
        return
    people = [m for m in doc._.mentions or [] if m.kind == SPEAKER]
    on_issue = [st for st in statements if st.issue in issues]
    named = {id(st): person_named(doc, st, issues[st.issue][0], matcher, people) for st in on_issue}
    usual: dict[str, Counter] = {}
    for st in on_issue:
        if named[id(st)]:
            usual.setdefault(st.issue, Counter())[named[id(st)]] += 1
    for st in on_issue:
        name = named[id(st)] or (usual[st.issue].most_common(1)[0][0] if st.issue in usual else None)
        if name:
            issue = issues[st.issue][1]
            st.issue, st.issue_label = person_slug(issue.slug, name), person_label(issue.label, name)
