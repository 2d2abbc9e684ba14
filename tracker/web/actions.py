"""The writes (POST, each with the CSRF token): reject, restore, correct a statement; add a missed one."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for

from tracker.corrections import FIELDS, CorrectionProblem

blueprint = Blueprint("actions", __name__)


def tracker():
    return current_app.config["TRACKER"]


def _done(key: str, target: str):
    flash(current_app.config["TEXTS"][key])
    return redirect(target)


def _who() -> tuple[str, str | None]:
    return (request.form.get("by") or "").strip() or "web", (request.form.get("note") or "").strip() or None


def _or_bad_request(work):
    try:
        return work()
    except CorrectionProblem as problem:
        abort(400, str(problem))


@blueprint.post("/statement/<int:statement_id>/reject")
def reject(statement_id: int):
    author, note = _who()
    _or_bad_request(lambda: tracker().reject(statement_id, author, note))
    return _done("done_reject", request.form.get("next") or url_for("pages.statement", statement_id=statement_id))


@blueprint.post("/statement/<int:statement_id>/restore")
def restore(statement_id: int):
    author, note = _who()
    _or_bad_request(lambda: tracker().restore(statement_id, author, note))
    return _done("done_restore", url_for("pages.statement", statement_id=statement_id))


@blueprint.post("/statement/<int:statement_id>/correct")
def correct(statement_id: int):
    found = tracker().statement(statement_id)
    if found is None:
        abort(404)
    record, _ = found
    current = {"speaker": record["speaker"] or "", "party": record["party_key"], "issue": record["issue"],
               "stance": record["stance"], "kind": record["kind"]}
    changes = {field: request.form[field].strip() for field in FIELDS
               if field in request.form and request.form[field].strip() != current[field]}
    if not changes:
        return redirect(url_for("pages.statement", statement_id=statement_id))
    author, note = _who()
    _or_bad_request(lambda: tracker().correct(statement_id, changes, author, note))
    return _done("done_correct", url_for("pages.statement", statement_id=statement_id))


@blueprint.post("/article/<int:article_id>/add")
def add(article_id: int):
    form = request.form
    author, note = _who()
    new = _or_bad_request(lambda: tracker().add_statement(
        article_id, form.get("evidence", ""), form.get("party", ""), form.get("issue", ""), form.get("stance", ""),
        form.get("speaker") or None, form.get("kind") or None, author, note))
    return _done("done_add", url_for("pages.statement", statement_id=new))
