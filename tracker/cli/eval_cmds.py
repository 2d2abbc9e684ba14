"""`tracker eval GOLD.csv ARTICLES...`: ingest into a temporary database, export, score against gold."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click
import pandas as pd

from tracker.app import Tracker
from tracker.cli.errors import UsageProblem
from tracker.cli.ingest_cmds import iter_text_articles
from tracker.cli.options import raw_option
from tracker.cli.output import write_csv
from tracker.evaluate import format_per_article, format_scores, gold_columns, score
from tracker.ingest import ingest_articles
from tracker.reports import statements_frame


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("articles", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Emit the scores as JSON.")
@click.option("--per-article", is_flag=True, help="Show each article's records: matched, missed, spurious.")
@click.option("--dump", type=click.Path(dir_okay=False), help="Also write the predicted statements CSV here.")
@click.option("--groups", type=click.Path(exists=True, dir_okay=False),
              help="Also score issue linking against this CSV (article,speaker,party,issue,stance,group_id).")
@raw_option
@click.option("--no-bundled-issues", is_flag=True,
              help="Without the bundled issue catalogue (data/issues.csv): issues come from TRACKER_ISSUES files "
                   "and discovery alone (as TRACKER_BUNDLED_ISSUES=0 does for every command).")
def evaluate(gold: str, articles: tuple[str, ...], as_json: bool, per_article: bool, dump: str | None,
             groups: str | None, no_bundled_issues: bool) -> None:
    """Score the extraction against a gold CSV (columns article,speaker,party,...,evidence).

    Records (who, with which party) do not check stance; disagreement and pair agreement do; issue
    linking (--groups) checks that statements on one policy question share one issue across articles.
    A statement on a catch-all issue ("other statements on <topic>") counts as on no issue.
    """
    gold_frame = _read_gold(gold)
    group_frame = _read_csv(groups, {"article", "speaker", "party", "issue", "stance", "group_id"}) if groups else None
    with tempfile.TemporaryDirectory() as folder:
        tracker = Tracker(str(Path(folder) / "eval.db"), bundled_issues=False if no_bundled_issues else None)
        ingest_articles(tracker, iter_text_articles(articles))
        with tracker.session() as session:
            predicted = gold_columns(statements_frame(session))
        tracker.close()
    if dump:
        write_csv(predicted, dump)
    gold_frame = gold_frame[gold_frame["article"].isin({Path(a).name for a in _files(articles)})]
    scores = score(gold_frame, predicted, group_frame)
    if as_json:
        click.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=2, default=str))
        return
    click.echo(format_scores(scores))
    if per_article:
        click.echo(format_per_article(scores))


def _files(paths: tuple[str, ...]):
    for name in paths:
        path = Path(name)
        yield from (sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])


def _read_gold(path: str) -> pd.DataFrame:
    return _read_csv(path, {"article", "speaker", "party"})


def _read_csv(path: str, needed: set[str]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise UsageProblem(f"{path}: not a readable CSV ({error})") from None
    missing = needed - set(frame.columns)
    if missing:
        raise UsageProblem(f"{path}: missing columns {', '.join(sorted(missing))}")
    return frame


def register(cli: click.Group) -> None:
    cli.add_command(evaluate)
