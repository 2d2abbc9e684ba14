"""The bundled catalogues, word lists, registry and sample articles (read through tracker.paths)."""
