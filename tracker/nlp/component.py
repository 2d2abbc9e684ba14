"""What the tracker components share as spaCy components: their state (word lists, catalogues, the
registry, compiled once in ``initialize()``) saved by ``to_disk``/``to_bytes`` and read back by
``from_disk``/``from_bytes``, as spaCy's ``span_ruler`` and ``attribute_ruler`` keep their patterns; and a
clear error when a component is used before it has any state.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.util import ensure_path


class NotInitialized(RuntimeError):
    """A component was called before ``nlp.initialize()`` (or ``from_disk``) gave it its word lists."""


class StoredState:
    """Mix-in: ``state()`` gives the component's state as plain data (what ``initialize`` was given or read),
    ``load_state(data)`` compiles it; the rest is spaCy's serialisation protocol."""

    FILE = "state.json"
    initialized = False

    def state(self) -> dict:
        raise NotImplementedError

    def load_state(self, data: dict) -> None:
        raise NotImplementedError

    def check_initialized(self) -> None:
        if not self.initialized:
            raise NotInitialized(f"the {type(self).__name__} component has no word lists: call nlp.initialize() "
                                 "(or build the pipeline with tracker.nlp.build_pipeline())")

    def to_disk(self, path, *, exclude=()) -> None:
        self.check_initialized()
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(Path(path) / self.FILE, self.state())

    def from_disk(self, path, *, exclude=()):
        self.load_state(srsly.read_json(ensure_path(path) / self.FILE))
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        self.check_initialized()
        return srsly.msgpack_dumps(self.state())

    def from_bytes(self, data: bytes, *, exclude=()):
        self.load_state(srsly.msgpack_loads(data))
        return self
