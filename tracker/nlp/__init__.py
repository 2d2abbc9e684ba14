"""The language pipeline: spaCy components that turn an article into statements (see ``pipeline``).

    from tracker.nlp import build_pipeline
    nlp = build_pipeline()
    nlp(text)._.statements

Rooms: ``pipeline`` (build, extract), ``model`` (the records on the Doc), ``lemmatizer``, ``sentences``,
``mentions/``, ``attribution/``, ``topics``, ``issues/``, ``stance/``, ``dedup`` (the final statements),
``classify`` (a trained textcat in place of a stage); shared rules: ``roles``, ``words``, ``positions``,
``ranges``, ``lexicon/``, ``component`` (initialize / to_disk).
"""

API = {"build_pipeline", "initialize_pipeline", "extract", "extract_many", "make_doc", "STAGES"}


def __getattr__(name: str):
    """``tracker.nlp.build_pipeline`` etc., imported on first use (the components import spaCy's models)."""
    if name in API:
        from tracker.nlp import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'tracker.nlp' has no attribute {name!r}")
