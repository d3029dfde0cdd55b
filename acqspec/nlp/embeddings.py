"""Sentence embeddings: a small static model shipped in ``nlp_models/embeddings``.

The model is a model2vec distillation of all-MiniLM-L6-v2 (see the model card
``nlp_models/embeddings/MODEL_CARD.md`` and ``acqspec model build-embeddings``):
one vector per token, averaged, so encoding is a table lookup — no torch and
no network at run time.  The file format is model2vec's; reading it needs only
Hugging Face's ``tokenizers`` and ``safetensors`` (:class:`StaticModel`
computes what ``model2vec.StaticModel.encode`` does, a test holds them equal),
which load in a third of the time model2vec and its hub client take.  It answers "do these two sentences mean about the
same thing", which word overlap cannot when other people word a duty their
own way; the checker uses it beside concepts, numbers and modality, never
alone.

Loaded lazily, once per process.  Without the model (a checkout before the
build command ran) :func:`load_embedder` returns None and callers fall back to
wording alone, so results never depend on a download.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

EMBEDDINGS_NAME = "embeddings"


def default_embeddings_path() -> Path:
    """Where the shipped embedding model lives."""
    from acqspec.resources import models_dir

    return models_dir() / EMBEDDINGS_NAME


class StaticModel:
    """model2vec's ``StaticModel.from_pretrained(folder).encode`` for a plain static model (one
    ``embeddings`` matrix, no token mapping or weights): truncate, tokenize without special tokens,
    drop unknown tokens, average the token vectors, normalise when the config says so."""

    def __init__(self, folder: Path) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        tensors = load_file(str(folder / "model.safetensors"))
        if set(tensors) != {"embeddings"}:
            from acqspec.errors import AcqspecError

            raise AcqspecError(f"unsupported embedding model: tensors {sorted(tensors)}, expected only "
                               "'embeddings'", path=folder / "model.safetensors")
        self.embedding = tensors["embeddings"]
        self.dim = int(self.embedding.shape[1])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        unk = getattr(self.tokenizer.model, "unk_token", None)
        self.unk_token_id = self.tokenizer.token_to_id(unk) if unk is not None else None
        vocabulary = sorted(self.tokenizer.get_vocab().items(), key=lambda item: item[1])
        self.median_token_length = int(np.median([len(token) for token, _ in vocabulary]))
        self.max_length = config.get("max_length", 512)
        self.normalize = bool(config.get("normalize", False))
        if self.max_length is None:
            self.tokenizer.no_truncation()
        else:
            self.tokenizer.enable_truncation(self.max_length)

    def encode(self, sentences: Sequence[str]):
        import numpy as np

        if self.max_length is not None:
            cut = self.max_length * self.median_token_length
            sentences = [sentence[:cut] for sentence in sentences]
        ids = [encoding.ids for encoding in self.tokenizer.encode_batch_fast(list(sentences), add_special_tokens=False)]
        if self.unk_token_id is not None:
            ids = [[i for i in id_list if i != self.unk_token_id] for id_list in ids]
        out = np.zeros((len(ids), self.dim), dtype=self.embedding.dtype)
        by_length: dict[int, list[int]] = {}
        for n, id_list in enumerate(ids):
            if id_list:
                by_length.setdefault(len(id_list), []).append(n)
        for indices in by_length.values():
            out[indices] = self.embedding[np.array([ids[n] for n in indices], dtype=np.int64)].mean(axis=1)
        if self.normalize:
            out32 = out.astype(np.float32)
            return (out32 / (np.linalg.norm(out32, axis=1, keepdims=True) + 1e-32)).astype(out.dtype)
        return out


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
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)  # float16 on disk: NaN-free only after the cast
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
    return Embedder(StaticModel(model_dir))


def similarities(embedder: Embedder, query: str, texts: Sequence[str]):
    """Cosine similarity of ``query`` to each of ``texts`` (float32 array)."""
    vectors = embedder.encode([query, *texts])
    return vectors[1:] @ vectors[0]
