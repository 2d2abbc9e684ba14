"""`tracker stories`: near-duplicate copies of one article grouped into stories (tracker.stories)."""

from __future__ import annotations

from dataclasses import replace

import click

from tracker import reports
from tracker.cli.context import AppContext, pass_app
from tracker.cli.options import date_options, format_options
from tracker.cli.output import emit
from tracker.cli.query_cmds import find_outlet
from tracker.stories import regroup, stored_config


@click.command("stories")
@click.option("--story", "story_id", type=int, metavar="ID", help="Every source (copy) of this story.")
@click.option("--min-sources", default=2, show_default=True, help="List stories with at least this many copies.")
@click.option("--regroup", "again", is_flag=True, help="Group every stored article again (e.g. with --threshold).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True),
              help="With --regroup: the similarity (0-1) from which two articles are copies; the database keeps it.")
@date_options
@format_options
@pass_app
def stories(app: AppContext, story_id, min_sources: int, again: bool, threshold, since, until, outlet,
            fmt: str) -> None:
    """Stories that ran in several places (wire copies): the first copy's statements count, once.

    Two articles are copies of one story when the estimated share of their three-word runs they have in
    common (Jaccard similarity of word shingles, by MinHash) is at least the threshold (data/stories.toml).
    """
    if threshold is not None and not again:
        raise click.UsageError("--threshold needs --regroup (the stored stories are grouped with one threshold).")
    tracker = app.tracker
    if again:
        with tracker.session() as session, session.begin():
            config = stored_config(session)
            config = replace(config, threshold=threshold) if threshold is not None else config
            count = regroup(session, config)
        click.echo(f"Grouped the articles into {count} stories (threshold {config.threshold}).", err=True)
        return
    with tracker.session() as session:
        if story_id is not None:
            emit(reports.story_sources(session, story_id), fmt, title=f"Story {story_id}")
            return
        scope = reports.Scope(since=since, until=until, outlet=find_outlet(session, outlet))
        frame = reports.stories_frame(session, scope, min_sources)
    emit(frame if fmt != "table" else frame.drop(columns="source"), fmt, title="Stories with copies")


def register(cli: click.Group) -> None:
    cli.add_command(stories)
