"""Sentence embeddings: a small static model shipped in ``nlp_models/embeddings``.

The model is a model2vec distillation of all-MiniLM-L6-v2 (see the model card
``nlp_models/embeddings/MODEL_CARD.md`` and ``acqspec model build-embeddings``):
one vector per token, averaged, so encoding is a table lookup — no torch and
no network at run time.  It answers "do these two sentences mean about the
same thing", which word overlap cannot when other people word a duty their
own way; the checker uses it beside concepts, numbers and modality, never
alone.

Loaded lazily, once per process.  Without the model (a checkout before the
build command ran) :func:`load_embedder` returns None and callers fall back to
wording alone, so results never depend on a download.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

EMBEDDINGS_NAME = "embeddings"


def default_embeddings_path() -> Path:
    """Where the shipped embedding model lives."""
    from acqspec.resources import models_dir

    return models_dir() / EMBEDDINGS_NAME


class Embedder:
    """Unit-length float32 vectors for sentences (cosine similarity is a dot product)."""

    def __init__(self, model) -> None:
        self._model = model

    @property
    def dimensions(self) -> int:
        return int(self._model.dim)

    def encode(self, texts: Sequence[str]):
        """A ``len(texts) × dimensions`` float32 array of unit vectors (zero vectors for empty texts)."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = np.asarray(self._model.encode(list(texts), show_progress_bar=False, use_multiprocessing=False),
                             dtype=np.float32)  # float16 on disk: NaN-free only after the cast
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


@lru_cache(maxsize=4)
def load_embedder(path: str | None = None) -> Embedder | None:
    """The embedding model at ``path`` (default: shipped), or None when there is none."""
    model_dir = Path(path) if path else default_embeddings_path()
    if not (model_dir / "model.safetensors").is_file():
        if path:
            from acqspec.errors import AcqspecError

            raise AcqspecError("not an embedding model (no model.safetensors)", path=model_dir)
        return None
    # A local folder never needs the hub; make sure nothing in the stack tries it.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    return Embedder(StaticModel.from_pretrained(str(model_dir), force_download=False))


def similarities(embedder: Embedder, query: str, texts: Sequence[str]):
    """Cosine similarity of ``query`` to each of ``texts`` (float32 array)."""
    vectors = embedder.encode([query, *texts])
    return vectors[1:] @ vectors[0]
