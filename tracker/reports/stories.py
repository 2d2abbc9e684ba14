"""Stories (near-duplicate copies of one article, tracker.stories): the sources of a story, and where
else an article ran ("also in: ...")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db.models import Article
from tracker.reports.scope import Scope, file_name, iso, within_dates


def source_name(outlet, source: str, url) -> str:
    """An article as a source of its story: its outlet, else its URL or file name."""
    if isinstance(outlet, str) and outlet:
        return outlet
    return url if isinstance(url, str) and url else file_name(source)


def also_in(session: Session, article_ids: Iterable[int]) -> dict[int, str]:
    """For each article, the other sources of its story ('Outlet B, Outlet C'; '' when it has no copies)."""
    ids = sorted({int(id_) for id_ in article_ids if id_ is not None and not pd.isna(id_)})
    if not ids:
        return {}
    stories = dict(session.execute(select(Article.id, Article.story_id).where(Article.id.in_(ids))).all())
    wanted = {story for story in stories.values() if story is not None}
    sources = defaultdict(list)
    if wanted:
        rows = session.execute(select(Article.story_id, Article.id, Article.outlet, Article.source, Article.url)
                               .where(Article.story_id.in_(wanted)).order_by(Article.published, Article.id))
        for story, id_, outlet, source, url in rows:
            sources[story].append((id_, source_name(outlet, source, url)))
    return {id_: ", ".join(dict.fromkeys(name for other, name in sources.get(story, []) if other != id_))
            for id_, story in stories.items()}


def story_sources(session: Session, story_id: int) -> pd.DataFrame:
    """Every copy of a story: article id, date, outlet, title, source, url (the lead first)."""
    rows = session.execute(select(Article.id, Article.published, Article.outlet, Article.title, Article.source,
                                  Article.url, Article.id == Article.story_id)
                           .where(Article.story_id == story_id).order_by(Article.id)).all()
    frame = pd.DataFrame(rows, columns=["article", "date", "outlet", "title", "source", "url", "lead"])
    frame["date"] = frame["date"].map(iso)
    frame["lead"] = frame["lead"].astype(bool)
    return frame


def stories_frame(session: Session, scope: Scope = Scope(), min_sources: int = 2) -> pd.DataFrame:
    """Stories with at least `min_sources` copies (within the scope's dates): story, first date, title of its
    lead, number of sources and their names, most copies first."""
    counts = (within_dates(select(Article.story_id, func.count().label("n"), func.min(Article.published)
                                  .label("first")), scope).group_by(Article.story_id)
              .having(func.count() >= min_sources).subquery())
    query = (select(counts.c.story_id, counts.c.first, Article.title, Article.source, counts.c.n)
             .join(Article, Article.id == counts.c.story_id).order_by(counts.c.n.desc(), counts.c.story_id))
    frame = pd.DataFrame(session.execute(query).all(), columns=["story", "date", "title", "source", "sources"])
    frame["date"] = frame["date"].map(iso)
    names = also_in(session, frame["story"])
    frame["also_in"] = frame["story"].map(names).fillna("")
    return frame
