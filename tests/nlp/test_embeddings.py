"""The sentence-embedding layer, on a tiny fixture model (the shipped one only where it exists)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from acqspec.errors import AcqspecError
from acqspec.nlp.embeddings import default_embeddings_path, load_embedder, similarities

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "nlp" / "tiny-embeddings"


def test_vectors_are_unit_length_and_deterministic() -> None:
    embedder = load_embedder(str(TINY))
    vectors = embedder.encode(["report the incident", "notify malfunction", "return the badge"])
    assert vectors.shape == (3, embedder.dimensions) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(vectors, embedder.encode(["report the incident", "notify malfunction", "return the badge"]))


def test_meaning_not_words_decides_similarity() -> None:
    scores = similarities(load_embedder(str(TINY)), "report the incident", ["notify malfunction", "return the badge"])
    assert scores[0] > 0.9 > 0.3 > scores[1]


def test_text_with_no_known_token_gives_a_zero_vector_not_nan() -> None:
    vectors = load_embedder(str(TINY)).encode(["", "zzz qqq"])
    assert not np.isnan(vectors).any() and not vectors.any()


def test_a_folder_without_a_model_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(AcqspecError) as info:
        load_embedder(str(tmp_path))
    assert str(tmp_path) in str(info.value) and "\n" not in str(info.value)


@pytest.mark.skipif(not (default_embeddings_path() / "model.safetensors").is_file(), reason="no shipped model")
def test_shipped_model_loads_offline_and_ranks_a_paraphrase_above_a_near_miss() -> None:
    scores = similarities(load_embedder(), "The Contractor shall report AI incidents to the COR within 72 hours.",
                          ["Acme will notify the contracting officer's representative of any malfunction of the "
                           "model within three days.", "The Contractor shall return all identification badges."])
    assert scores[0] > scores[1]


@pytest.mark.parametrize("folder", [TINY, default_embeddings_path()], ids=["tiny", "shipped"])
def test_vectors_equal_model2vec_s(folder: Path) -> None:
    """acqspec reads the model2vec files itself; the vectors are model2vec's own."""
    model2vec = pytest.importorskip("model2vec")
    if not (folder / "model.safetensors").is_file():
        pytest.skip("no shipped model")
    texts = ["The Contractor shall report incidents within 72 hours.", "", "zzz qqq", "café — “quoted” 10%",
             "word " * 2000, "Government data\nshall not train\tmodels"]
    theirs = model2vec.StaticModel.from_pretrained(str(folder), force_download=False)
    expected = np.asarray(theirs.encode(texts, show_progress_bar=False, use_multiprocessing=False), dtype=np.float32)
    norms = np.linalg.norm(expected, axis=1, keepdims=True)
    expected = np.divide(expected, norms, out=np.zeros_like(expected), where=norms > 0)
    assert np.array_equal(load_embedder(str(folder)).encode(texts), expected)
