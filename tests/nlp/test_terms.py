"""The terms classifier: hashed featuriser, loader, calibration, and the --min-confidence setting."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from acqspec.config import check_settings, load_config
from acqspec.errors import AcqspecError
from acqspec.nlp.terms import (
    TermCategory,
    default_terms_path,
    featurise,
    load_terms_model,
    read_terms_model,
)

SHIPPED = default_terms_path()
needs_model = pytest.mark.skipif(not (SHIPPED / "model.json").is_file(), reason="no shipped terms model")


def test_featurise_is_deterministic_unit_length_and_seeded() -> None:
    text = "The subscription renews automatically for successive one-year terms."
    a, b = featurise(text, bits=18, seed=7), featurise(text, bits=18, seed=7)
    assert np.array_equal(a.indices, b.indices) and np.array_equal(a.values, b.values)
    assert list(a.indices) == sorted(set(a.indices.tolist()))
    assert abs(float((a.values ** 2).sum()) - 1.0) < 1e-4
    assert all(0 <= i < 2 ** 18 for i in a.indices.tolist())
    other = featurise(text, bits=18, seed=8)
    assert not np.array_equal(a.indices, other.indices)  # the seed decides the buckets
    assert {gram for gram, _, _ in a.words} >= {"renews", "renews automatically"}
    assert featurise("", bits=10, seed=1).indices.size == 0


def test_case_and_spacing_do_not_change_features() -> None:
    a = featurise("Provider  MAY assign\nthis Agreement", bits=16, seed=3)
    b = featurise("provider may assign this agreement", bits=16, seed=3)
    assert np.array_equal(a.indices, b.indices) and np.allclose(a.values, b.values)


@needs_model
def test_shipped_model_is_small_and_holds_no_vocabulary() -> None:
    assert sum(f.stat().st_size for f in SHIPPED.iterdir()) < 5 * 1024 * 1024
    meta = json.loads((SHIPPED / "model.json").read_text(encoding="utf-8"))
    assert set(meta) >= {"bits", "seed", "platt", "threshold", "categories"}
    assert "vocabulary" not in meta and "vocabulary_" not in json.dumps(meta)


@needs_model
def test_probabilities_are_calibrated_in_range_and_thresholds_are_monotone() -> None:
    model = load_terms_model()
    texts = ["This subscription renews automatically for successive one-year terms.",
             "The Contractor shall deliver monthly status reports to the COR.",
             "Licensee shall indemnify and hold Provider harmless from all claims.", "Definitions", ""]
    for text in texts:
        for rule_match in (False, True):
            p = model.score(text, rule_match).probability
            assert 0.0 <= p <= 1.0
            # a rule match never lowers the probability (the rules' precision is its floor)
            assert model.score(text, True).probability >= model.score(text, False).probability
    assert model.calibrated(-50) < model.calibrated(0) < model.calibrated(50)
    probabilities = [model.score(t).probability for t in texts]
    flagged = [sum(p >= t for p in probabilities) for t in (0.1, 0.3, 0.5, 0.7, 0.9)]
    assert flagged == sorted(flagged, reverse=True)


@needs_model
def test_a_reported_score_names_category_clause_and_evidence() -> None:
    model = load_terms_model()
    score = model.score("Usage above the plan is billed at the overage rates in effect at the time.", False, 0.0)
    assert score.category is not None and score.category.clause_id.startswith(("CT-", "DR-", "PU-", "TE-"))
    assert score.evidence and all(gram in "usage above the plan is billed at the overage rates in effect at the time"
                                  for gram in score.evidence)
    below = model.score("The Contractor shall deliver monthly status reports.", False, 0.99)
    assert below.category is None and below.evidence == ()


@needs_model
def test_loader_names_the_file_of_a_broken_model(tmp_path: Path) -> None:
    broken = tmp_path / "terms"
    shutil.copytree(SHIPPED, broken)
    np.save(broken / "weights.npy", np.zeros(7, dtype=np.float16))
    with pytest.raises(AcqspecError, match="weights.npy"):
        read_terms_model(broken)
    (broken / "model.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(AcqspecError, match="model.json"):
        read_terms_model(broken)
    with pytest.raises(AcqspecError, match="no model.json"):
        load_terms_model(str(tmp_path / "absent"))


def test_min_confidence_comes_from_the_config_and_the_flag_wins(tmp_path: Path) -> None:
    path = tmp_path / ".acqspec.toml"
    path.write_text("[thresholds]\nmin-confidence = 0.8\n", encoding="utf-8")
    config = load_config(path)
    assert check_settings(config).min_confidence == 0.8
    assert check_settings(config, min_confidence=0.3).min_confidence == 0.3
    path.write_text("[thresholds]\nmin-confidence = 1.5\n", encoding="utf-8")
    with pytest.raises(AcqspecError):
        load_config(path)


@needs_model
def test_min_confidence_flag_trades_recall_for_precision(runner, tmp_path: Path) -> None:
    from acqspec.cli import cli

    doc = tmp_path / "terms.txt"
    doc.write_text("Usage above the plan is billed at the overage rates in effect at the time.\n", encoding="utf-8")
    low = runner.invoke(cli, ["check", str(doc), "--no-config", "--select", "AQ302", "--format", "json"])
    assert low.exit_code == 1, low.output
    finding = json.loads(low.stdout)["findings"][0]
    assert 0 <= finding["confidence"] <= 1 and "probability" in finding["message"]
    high = runner.invoke(cli, ["check", str(doc), "--no-config", "--select", "AQ302", "--min-confidence", "0.99"])
    assert high.exit_code == 0, high.output
    bad = runner.invoke(cli, ["check", str(doc), "--no-config", "--min-confidence", "2"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_own_training_sentences_load_with_known_categories(tmp_path: Path) -> None:
    from acqspec.terms_training import CATEGORIES, load_own

    rows = load_own()
    assert {r["label"] for r in rows} == {0, 1}
    assert {r["category"] for r in rows if r["label"]} <= {c["id"] for c in CATEGORIES}
    bad = tmp_path / "terms.jsonl"
    bad.write_text('{"text": "x", "label": 1, "category": "nonsense"}\n', encoding="utf-8")
    with pytest.raises(AcqspecError, match=r"terms.jsonl:1: unknown category"):
        load_own(bad)


def test_claudette_rows_map_unfair_tags_and_fold_whole_documents(tmp_path: Path) -> None:
    from acqspec.terms_training import _doc_folds, load_claudette

    data = tmp_path / "sentences.jsonl"
    lines = [{"doc": "Alpha", "text": "We may end your account at any time.", "tags": ["ter2"]},
             {"doc": "Alpha", "text": "Our liability is capped.", "tags": ["ltd2"]},
             {"doc": "Beta", "text": "These terms follow the law of Ruritania.", "tags": ["law1"]},
             {"doc": "Beta", "text": "Disputes go to arbitration.", "tags": ["a3", "j3"]}]
    data.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    rows = load_claudette(data)
    # only potentially/clearly unfair tags in a mapped category count; liability caps have no GSA type
    assert [(r["label"], r["category"]) for r in rows] == [
        (1, "unilateral-termination"), (0, "none"), (0, "none"), (1, "governing-law")]
    folds = _doc_folds([r["doc"] for r in rows])
    assert folds[0] == folds[1] and folds[2] == folds[3] and folds[0] != folds[2]
    data.write_text('{"doc": "Alpha", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(AcqspecError, match=r"sentences.jsonl:1: bad training row"):
        load_claudette(data)


def test_a_category_is_named_only_when_the_text_has_its_cue_words() -> None:
    termination = TermCategory(id="unilateral-termination", title="t", clause_id="CT-06", rule="AQ302",
                               source="s", cues=("terminat", "suspen"))
    assert termination.cued("Provider may suspend the Service at any time.")
    assert termination.cued("This Agreement terminates on notice.")
    assert not termination.cued("Your fine-tuned models are for your use alone and are never shared.")
    assert TermCategory(id="c", title="t", clause_id="CT-05", rule="AQ302", source="s").cued("anything")


def test_every_shipped_category_but_the_contracting_parties_has_cue_words() -> None:
    from acqspec.terms_training import CATEGORIES

    assert {c["id"] for c in CATEGORIES if not c["cues"]} == {"contracting-parties"}
    model = load_terms_model()
    if model is None:
        pytest.skip("no shipped terms model (nlp_models/terms)")
    assert {c.id: c.cues for c in model.categories} == {c["id"]: tuple(c["cues"]) for c in CATEGORIES}


def _two_head_model(eula: float, tos: float | None):
    """A tiny model whose heads give fixed logits: zero weights, the logit in the intercept."""
    from acqspec.nlp.terms import TermsModel

    meta = {"bits": 8, "category_bits": 6, "seed": 1, "intercept": eula, "rule_weight": 0.0, "platt": [1.0, 0.0],
            "threshold": 0.6, "rule_precision": 0.7, "combination": "max_rule",
            "category_intercepts": [0.0],
            "categories": [{"id": "unilateral-termination", "title": "t", "clause_id": "CT-06", "rule": "AQ302",
                            "source": "s", "cues": []}]}
    tos_weights = None
    if tos is not None:
        meta["terms_of_service"] = {"intercept": tos, "platt": [1.0, 0.0]}
        tos_weights = np.zeros(1 << 6, dtype=np.float16)
        tos_weights[featurise("suspend", bits=8, seed=1).words[0][1] & 63] = 4.0
    return TermsModel(meta, np.zeros(1 << 8), np.zeros((1, 1 << 6)), tos_weights)


def test_the_larger_head_decides_and_names_itself() -> None:
    model = _two_head_model(eula=0.0, tos=-1.0)
    text = "We may suspend your account."
    both = model.score(text, False, 0.0)
    assert both.head == "terms-of-service" and both.probability > 0.5  # tos: sigmoid(-1 + 4·w) > eula 0.5
    assert "suspend" in both.evidence  # evidence from the head that decided
    eula_only = model.score(text, False, 0.0, terms_of_service=False)
    assert eula_only.head == "eula" and eula_only.probability == pytest.approx(0.5)
    # a rule match floors the EULA head at the rules' precision; the larger still wins
    assert model.score("Nothing here.", True, 0.0).probability == pytest.approx(0.7)
    assert _two_head_model(eula=0.0, tos=None).score(text).head == "eula"


@needs_model
def test_a_model_declaring_a_terms_of_service_head_needs_its_weights(tmp_path: Path) -> None:
    meta = json.loads((SHIPPED / "model.json").read_text(encoding="utf-8"))
    if "terms_of_service" not in meta:
        pytest.skip("the shipped model has no terms-of-service head")
    broken = tmp_path / "terms"
    shutil.copytree(SHIPPED, broken)
    (broken / "terms_of_service.npy").unlink()
    with pytest.raises(AcqspecError, match="terms_of_service.npy"):
        read_terms_model(broken)
    np.save(broken / "terms_of_service.npy", np.zeros(5, dtype=np.float16))
    with pytest.raises(AcqspecError, match="terms_of_service.npy.*shape"):
        read_terms_model(broken)


def test_written_terms_of_service_sentences_are_well_formed() -> None:
    """bench/eval_terms_written.py's data: unique ids and texts, labels 0/1, categories of the model."""
    from acqspec.resources import models_dir
    from acqspec.terms_training import CATEGORIES

    rows = [json.loads(line) for line in
            (models_dir() / "data" / "terms_of_service.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({r["id"] for r in rows}) == len(rows) == len({r["text"] for r in rows})
    assert {r["label"] for r in rows} == {0, 1}
    assert all((r["category"] == "none") == (r["label"] == 0) for r in rows)
    assert {r["category"] for r in rows if r["label"]} <= {c["id"] for c in CATEGORIES}
