"""The last step for every article read: a warning on an implausible date, the default date for an undated one."""

from __future__ import annotations

from tracker.dates import implausible
from tracker.readers.options import MAX_ARTICLE_CHARS, ReadOptions
from tracker.sources import ArticleError, ArticleInput

NO_DATE = ("no date line", "no date")  # the warnings a default date makes unnecessary


def refuse_too_long(text: str) -> None:
    """An article longer than MAX_ARTICLE_CHARS is refused: the pipeline would need minutes and the
    database a gigabyte for what is no news article (a dump or a book: split it into articles)."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(f"an article of {len(text):,} characters; one article may have at most "
                           f"{MAX_ARTICLE_CHARS:,} (split it into articles)")


def finish(article: ArticleInput, options: ReadOptions) -> ArticleInput:
    """Warn about a date before 1800 or in the future; then give an undated article the default date."""
    if article.published is not None and (problem := implausible(article.published)):
        article.warnings.append(f"implausible date {article.published.isoformat()} ({problem})")
    return with_default_date(article, options)


def with_default_date(article: ArticleInput, options: ReadOptions) -> ArticleInput:
    """Give an undated article the default date, if any (a missing date then needs no warning)."""
    if article.published is None and options.default_date is not None:
        article.published, article.date_precision = options.default_date, options.default_precision
        kept = [w for w in article.warnings if not w.endswith(NO_DATE)]
        article.metadata["warnings"] = [w + " (using the default date)" if "date" in w else w for w in kept]
    return article
