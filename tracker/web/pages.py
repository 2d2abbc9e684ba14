"""The pages (GET): compare (the party x issue heatmap), one issue, one statement in its article, articles,
search, parties, politicians, issues and the corrections."""

from __future__ import annotations

from contextlib import contextmanager

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from sqlalchemy import select

from tracker import reports
from tracker.corrections.values import catalogue
from tracker.db.models import Article, Issue
from tracker.issue_kinds import OTHER
from tracker.registry_listing import parties_frame, politicians_frame
from tracker.reports.records import issue_statements, segments
from tracker.search import search_articles, search_statements, stems
from tracker.search.stemming import marks

blueprint = Blueprint("pages", __name__)
MATRIX_INFO = ("issue", "label", "kind", "statements", "parties", "spread", "disagree")


def tracker():
    return current_app.config["TRACKER"]


@contextmanager
def reading():
    with tracker().session() as session:
        yield session


def page_scope(session) -> reports.Scope:
    """The Scope of the page's filters (?outlet=...)."""
    outlet = request.args.get("outlet") or None
    known = {name.casefold(): name for name in session.scalars(select(Article.outlet).distinct()) if name}
    return reports.Scope(outlet=known.get(outlet.casefold(), outlet) if outlet else None)


def outlets(session) -> list[str]:
    return sorted(name for name in session.scalars(select(Article.outlet).distinct()) if name)


def choices(session) -> dict:
    """The values the correction forms offer: parties and issues (the catalogue's too)."""
    parties = sorted(reports.party_names(session).values(), key=lambda kv: kv[1])
    labels = dict(zip(reports.issue_names(session)["issue"], reports.issue_names(session)["label"]))
    labels.update({issue.slug: issue.label for issue in catalogue() if issue.slug not in labels})
    return {"party_choices": parties, "issue_choices": sorted(labels.items(), key=lambda kv: kv[1].casefold())}


@blueprint.get("/")
def home():
    return redirect(url_for("pages.compare"))


@blueprint.get("/compare")
def compare():
    with reading() as session:
        scope = page_scope(session)
        matrix = reports.matrix_frame(session, scope)
        names = {key: name for key, name in reports.party_names(session).values()}
        found = outlets(session)
    parties = [c for c in matrix.columns if c not in MATRIX_INFO]
    return render_template("compare.html", rows=matrix.to_dict("records"), parties=parties, names=names,
                           outlets=found, outlet=scope.outlet)


@blueprint.get("/compare/<slug>")
def issue(slug: str):
    with reading() as session:
        row = session.scalar(select(Issue).where(Issue.slug == slug))
        if row is None:
            known = {item.slug: item.label for item in catalogue()}
            if slug not in known:
                abort(404)
            return render_template("issue.html", label=known[slug], slug=slug, parties=[], statements=[],
                                   empty=True)
        scope = page_scope(session)
        frame = reports.compare_frame(session, row.id, scope)
        keys = {name: key for key, name in reports.party_names(session).values()}
        statements = issue_statements(session, row.id, scope)
    if row.kind == OTHER:  # a catch-all is no question: no one is for or against it (reports.scope)
        statements = statements.assign(stance="")
    sides = {side: ", ".join(frame.loc[frame["leaning"] == side, "party"]) for side in ("for", "against")}
    return render_template("issue.html", label=row.label, slug=row.slug, kind=row.kind,
                           parties=frame.to_dict("records"), keys=keys, sides=sides,
                           statements=statements.to_dict("records"), empty=frame.empty)


@blueprint.get("/statement/<int:statement_id>")
def statement(statement_id: int):
    found = tracker().statement(statement_id)
    if found is None:
        abort(404)
    record, history = found
    article, _ = tracker().article(record["article_id"])
    pieces = segments(article.text, [(record["start_char"], record["end_char"], statement_id)])
    with reading() as session:
        offered = choices(session)
    return render_template("statement.html", s=record, history=history.to_dict("records"), article=article,
                           pieces=pieces, **offered)


@blueprint.get("/article/<int:article_id>")
def article(article_id: int):
    found = tracker().article(article_id)
    if found is None:
        abort(404)
    row, statements = found
    shown = statements[~statements["rejected"]]
    pieces = segments(row.text, list(zip(shown["start_char"], shown["end_char"], shown["id"])))
    with reading() as session:
        offered = choices(session)
    return render_template("article.html", article=row, pieces=pieces, statements=statements.to_dict("records"),
                           **offered)


@blueprint.get("/articles")
def articles():
    with reading() as session:
        scope = page_scope(session)
        frame = reports.articles_frame(session, scope)
        found = outlets(session)
    frame["title"] = [reports.scope.article_name(t, s) for t, s in zip(frame["title"], frame["source"])]
    return render_template("articles.html", articles=frame.to_dict("records"), outlets=found, outlet=scope.outlet)


@blueprint.get("/search")
def search():
    text = request.args.get("q", "").strip()
    statements, pages = [], []
    if text:
        with reading() as session:
            scope = page_scope(session)
            statements = search_statements(session, text, scope).to_dict("records")
            pages = search_articles(session, text, scope).to_dict("records")
    wanted = set(stems(text))
    for row in statements:
        row["pieces"] = segments(row["evidence"], [(s, e, 0) for s, e in marks(row["evidence"], wanted)])
    return render_template("search.html", text=text, statements=statements, pages=pages)


@blueprint.get("/parties")
def parties():
    with reading() as session:
        frame = parties_frame(session)
        keys = {name: key for key, name in reports.party_names(session).values()}
    return render_template("parties.html", parties=frame.to_dict("records"), keys=keys)


@blueprint.get("/politicians")
def politicians():
    with reading() as session:
        frame = politicians_frame(session, heard=request.args.get("all") is None)
    return render_template("politicians.html", people=frame.to_dict("records"))


@blueprint.get("/issues")
def issues():
    with reading() as session:
        frame = reports.issues_frame(session, page_scope(session))
    return render_template("issues.html", issues=frame.to_dict("records"))


@blueprint.get("/corrections")
def corrections():
    return render_template("corrections.html", corrections=tracker().corrections().to_dict("records"))
