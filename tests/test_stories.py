"""Stories: copies of one article (another headline, a cut paragraph, boilerplate, a typo) are one story,
counted once; distinct articles stay apart; the migration groups what an older database holds."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from alembic import command
from sqlalchemy import delete, func, insert, select

from tracker import reports
from tracker.app import Tracker
from tracker.db import make_engine
from tracker.db.migrate import alembic_config
from tracker.db.models import Article, Party, StoryBand
from tracker.ingest import ingest_articles
from tracker.sources import ArticleInput
from tracker.stories import (StoryConfig, band_keys, reelect, shingle_hashes, signature, signatures,
                             similarity)

STORY = """Strid om cykelstier i hovedstaden

Regeringen vil bruge flere penge på cykelstier i de store byer, og forslaget skal forhandles i næste uge.

Mette Testesen (V) siger, at der skal bygges flere cykelstier, fordi trafikken i byerne vokser hvert år.

- Vi har brug for sikre veje til skole og arbejde, og det koster penge, siger Jens Prøvesen (SF).

Ole Opdigtet (DF) mener, at der ikke skal bygges flere cykelstier, før vejene på landet er repareret.

Forhandlingerne begynder tirsdag, og partierne venter en aftale inden sommerferien, oplyser ministeriet.

Kommunerne har længe bedt om flere penge til anlæg, og de første projekter kan gå i gang til efteråret."""

OTHER = """Nye cykelstier deler byrådet

Et flertal i byrådet vil lægge en ny rute langs havnen, men pengene er endnu ikke fundet i budgettet.

Hanne Eksempel (S) siger, at der skal bygges flere cykelstier langs havnen allerede til næste år.

Karen Konstrueret (K) mener, at byen hellere må bruge pengene på busser og parkering i centrum.

Sagen kommer op på mødet i teknisk udvalg i april, hvor forvaltningen fremlægger tre modeller."""

@pytest.fixture(scope="module")
def nlp():
    from tracker.nlp.pipeline import build_pipeline

    return build_pipeline()


OUTLETS = ["Avis A", "Avis B", "Avis C", "Avis D", "Avis E"]


def copies_of(text: str) -> list[str]:
    """The text and four copies as other sites run it: another headline, the last paragraph cut,
    site boilerplate added, a typo made and one fixed."""
    paragraphs = text.split("\n\n")
    return [
        text,
        "\n\n".join(["Millioner til cykelstier splitter partierne", *paragraphs[1:]]),
        "\n\n".join(paragraphs[:-1]),
        text + "\n\nLæs også: Sådan kommer du sikkert på arbejde. Abonnér på vores nyhedsbrev.",
        text.replace("vokser", "voksr").replace("forhandles", "forhandlet"),
    ]


def articles(texts: list[str], day: date = date(2024, 3, 5)) -> list[ArticleInput]:
    return [ArticleInput(text, f"kopi{n}.txt", published=day, date_precision="day", outlet=OUTLETS[n % 5],
                         url=f"https://avis{n}.example/cykelstier") for n, text in enumerate(texts)]


def test_shingles_are_runs_of_lowercased_words():
    hashes = shingle_hashes("Flere Cykelstier, nu! Tak", 3)
    assert len(hashes) == 2 and set(hashes) == set(shingle_hashes("flere cykelstier nu tak", 3))
    assert set(shingle_hashes("nu tak flere cykelstier", 3)).isdisjoint(hashes)
    assert len(shingle_hashes("To ord", 3)) == 1  # a shorter text: its words, as one run
    assert signature("!!!", StoryConfig()) is None


def test_batch_signatures_are_datasketchs_minhash():
    from datasketch import MinHash

    config = StoryConfig()
    texts = [*copies_of(STORY), OTHER, "Kort tekst", "!!!"]
    for text, values in zip(texts, signatures(texts, config)):
        hashes = shingle_hashes(text, config.shingle_words)
        if not len(hashes):
            assert values is None
            continue
        minhash = MinHash(num_perm=config.permutations, seed=config.seed, scheme="affine32", hashfunc=int)
        minhash.update_batch(hashes.tolist())
        assert values.dtype == np.uint32 and np.array_equal(values, minhash.hashvalues)


def test_copies_are_similar_and_distinct_texts_are_not():
    config = StoryConfig()
    original, *copies = (signature(text, config) for text in copies_of(STORY))
    assert all(similarity(original, copy) >= config.threshold for copy in copies)
    assert similarity(original, signature(OTHER, config)) < 0.2
    assert len(band_keys(original, config)) == config.bands[0]


def test_five_copies_are_one_story_counted_once_with_five_sources(database, nlp):
    tracker = Tracker(database)
    summary = ingest_articles(tracker, articles(copies_of(STORY)), nlp=nlp)
    assert summary.ingested == 5
    with tracker.session() as session:
        stories = set(session.scalars(select(Article.story_id)))
        assert len(stories) == 1
        story = stories.pop()
        sources = reports.story_sources(session, story)
        assert list(sources["outlet"]) == OUTLETS and sources["lead"].sum() == 1
        venstre = session.scalar(select(Party.id).where(Party.key == "V"))
        positions, quotes = reports.positions_frame(session, venstre)
        every, _ = reports.positions_frame(session, venstre, reports.Scope(count_copies=True))
        compared = reports.compare_table(session)
        all_copies = reports.compare_table(session, reports.Scope(count_copies=True))
    assert positions["statements"].sum() == 1 and every["statements"].sum() == 5
    assert all_copies["statements"].sum() == 5 * compared["statements"].sum() > 0
    venstre_row = compared[compared["party"] == "Venstre"].iloc[0]
    assert venstre_row["statements"] == 1
    assert venstre_row["also_in"] == "Avis B, Avis C, Avis D, Avis E"
    assert quotes.iloc[0]["also_in"] == "Avis B, Avis C, Avis D, Avis E"
    tracker.close()


def test_two_distinct_articles_on_the_same_day_and_issue_stay_two_stories(database, nlp):
    tracker = Tracker(database)
    ingest_articles(tracker, articles([STORY, OTHER]), nlp=nlp)
    with tracker.session() as session:
        rows = session.execute(select(Article.id, Article.story_id).order_by(Article.id)).all()
        compared = reports.compare_table(session)
    assert [story for _, story in rows] == [id_ for id_, _ in rows]
    assert set(compared["also_in"]) == {""}
    tracker.close()


def test_copies_in_one_batch_and_across_runs_join_the_first_story(tmp_path, nlp):
    tracker = Tracker(str(tmp_path / "t.db"))
    first, *rest = articles(copies_of(STORY))
    ingest_articles(tracker, [first], nlp=nlp)
    other = ArticleInput(OTHER, "andet.txt", published=date(2024, 3, 5))
    ingest_articles(tracker, [rest[0], other, *rest[1:]], batch_size=2, nlp=nlp)
    with tracker.session() as session:
        stories = dict(session.execute(select(Article.source, Article.story_id)).all())
        lead = session.scalar(select(Article.id).where(Article.source == "kopi0.txt"))
        other_id = session.scalar(select(Article.id).where(Article.source == "andet.txt"))
    assert {stories[f"kopi{n}.txt"] for n in range(5)} == {lead} and stories["andet.txt"] == other_id
    tracker.close()


def test_commands_count_each_story_once_unless_count_copies(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate(copies_of(STORY)):
        (folder / f"kopi{n}.txt").write_text(f"date 2024-03-05 {text}", encoding="utf-8")
    assert run("ingest", str(folder)).exit_code == 0
    once = pd.read_csv(io.StringIO(run("positions", "V", "--csv").output))
    every = pd.read_csv(io.StringIO(run("positions", "V", "--csv", "--count-copies").output))
    assert once["statements"].sum() == 1 and every["statements"].sum() == 5
    matrix = json.loads(run("compare", "--json").output)
    assert sum(row["statements"] for row in matrix) * 5 == sum(
        row["statements"] for row in json.loads(run("compare", "--json", "--count-copies").output))
    exported = pd.read_csv(io.StringIO(run("export", "articles").output))
    assert exported["story"].nunique() == 1
    statements = pd.read_csv(io.StringIO(run("export", "statements").output))
    assert statements["story"].nunique() == 1 and statements["counted"].sum() * 5 == len(statements)
    stories = json.loads(run("stories", "--json").output)
    assert len(stories) == 1 and stories[0]["sources"] == 5


def test_deleting_a_lead_makes_the_next_copy_the_lead(tmp_path, nlp):
    tracker = Tracker(str(tmp_path / "t.db"))
    ingest_articles(tracker, articles(copies_of(STORY)[:3]), nlp=nlp)
    with tracker.session() as session, session.begin():
        lead = session.scalar(select(func.min(Article.id)))
        session.execute(delete(Article).where(Article.id == lead))
        reelect(session, [lead])
    with tracker.session() as session:
        stories = set(session.scalars(select(Article.story_id)))
        assert stories == {lead + 1}
        assert session.scalar(select(func.count()).select_from(StoryBand).where(StoryBand.article_id == lead)) == 0
    tracker.close()


def test_the_migration_groups_the_articles_an_older_database_holds(tmp_path):
    engine = make_engine(str(tmp_path / "old.db"))
    command.upgrade(alembic_config(engine), "0003")
    texts = [*copies_of(STORY), OTHER]
    with engine.begin() as connection:
        connection.execute(insert(Article.__table__), [dict(
            content_hash=f"{n:064x}", source=f"old{n}.txt", text=text, ingested_at=datetime(2024, 1, 1),
            pipeline_version="old") for n, text in enumerate(texts)])
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as connection:
        rows = connection.execute(select(Article.id, Article.story_id, Article.signature).order_by(Article.id)).all()
    first = rows[0][0]
    assert [story for _, story, _ in rows] == [first] * 5 + [rows[5][0]]
    assert all(np.frombuffer(stored, dtype=np.uint32).size == StoryConfig().permutations for *_, stored in rows)
    engine.dispose()


@pytest.mark.parametrize("threshold", [0.95])
def test_a_stricter_threshold_kept_in_the_database_splits_the_copies(tmp_path, nlp, threshold):
    from dataclasses import replace

    from tracker.stories import regroup, stored_config

    tracker = Tracker(str(tmp_path / "t.db"))
    ingest_articles(tracker, articles(copies_of(STORY)), nlp=nlp)
    with tracker.session() as session, session.begin():
        stories = regroup(session, replace(stored_config(session), threshold=threshold))
    with tracker.session() as session:
        assert stored_config(session).threshold == threshold
    assert stories == 5
    tracker.close()
