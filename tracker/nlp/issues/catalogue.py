"""The issue catalogue: ``data/issues.csv`` (``slug,label,cap_topic,triggers,for_phrases,against_phrases``, and
optionally ``reverse_triggers,scope``), extended by users' own CSVs in the same format (``load_catalogue(paths)``
or the environment variable ``TRACKER_ISSUES``, several files separated by ``os.pathsep``; a user row with an
existing slug replaces the bundled one), and the catch-all issue of each CAP topic.

- ``reverse_triggers`` name the same question from its other end ("skattestigninger" for "Lavere skatter"):
  a statement found by them alone is read the other way round (tracker.nlp.issues.tagger, stance).
- ``scope``: "" for a question; "frame" for an occasion on which many questions are decided ("Udlændinge-
  politikken"): it is the issue only of a statement that names no other, never an article's main issue, and in an
  article about one prominent question the occasion of that question (the statement goes to it);
  "yearly" a frame that comes back each year (the finanslov): one issue per year ("finanslov-2024");
  "person" a question asked about one person at a time: one issue per person (tracker.nlp.issues.persons)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from tracker.cap import CapTopic, load_cap_topics
from tracker.datafiles import read_csv, split_list
from tracker.paths import data_file

log = logging.getLogger(__name__)

ENV_VAR = "TRACKER_ISSUES"
FRAME_SCOPES = ("frame", "yearly")


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
    reverse_triggers: tuple[str, ...] = ()
    scope: str = ""  # "", "frame", "yearly" or "person"

    @property
    def frame(self) -> bool:
        return self.scope in FRAME_SCOPES

    def to_dict(self) -> dict:
        return {"slug": self.slug, "label": self.label, "cap_topic": self.cap_topic, "triggers": list(self.triggers),
                "for_phrases": list(self.for_phrases), "against_phrases": list(self.against_phrases),
                "reverse_triggers": list(self.reverse_triggers), "scope": self.scope}

    @classmethod
    def from_dict(cls, data: "dict | Issue") -> "Issue":
        """An issue from ``to_dict``'s form (an Issue is taken as it is)."""
        if isinstance(data, Issue):
            return data
        return cls(data["slug"], data["label"], data["cap_topic"], tuple(data.get("triggers", ())),
                   tuple(data.get("for_phrases", ())), tuple(data.get("against_phrases", ())),
                   reverse_triggers=tuple(data.get("reverse_triggers", ())), scope=data.get("scope", ""))


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
                            against_phrases=tuple(split_list(row.get("against_phrases"))),
                            reverse_triggers=tuple(split_list(row.get("reverse_triggers"))),
                            scope=(row.get("scope") or "").strip().lower()))
    return issues


def load_catalogue(paths: Iterable[str | Path] | None = None) -> list[Issue]:
    """Issues from ``paths`` (default: bundled + TRACKER_ISSUES); later files override earlier slugs."""
    by_slug: dict[str, Issue] = {}
    for path in (catalogue_paths() if paths is None else [Path(p) for p in paths]):
        for issue in read_issues(Path(path)):
            by_slug[issue.slug] = issue
    return list(by_slug.values())


def topic_fallbacks(topics: Iterable[CapTopic] | None = None) -> dict[str, Issue]:
    """CAP topic name -> catch-all issue ("topic-environment", "Miljø og klima (øvrigt)")."""
    topics = load_cap_topics() if topics is None else topics
    return {t.name: Issue(t.slug, f"{t.label_da} (øvrigt)", t.name, fallback=True) for t in topics}
