"""The learned pair judge inside coverage, with a stand-in embedder and judge (no shipped model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from acqspec.check.baseline import RequiredObligation
from acqspec.check.coverage import match_baseline
from acqspec.check.judge import FEATURES, LABELS
from acqspec.check.registry import WEAKENING_RULES
from acqspec.models import Statement
from acqspec.nlp.pairjudge import PairJudge, load_pair_judge
from acqspec.training import fit_softmax

OBLIGATION = RequiredObligation(
    id="TE-01.1", text="The Government evaluates the system with its own test data.", party="contractor",
    modality="obligation", clause_id="TE-01", topic="testing-evaluation",
    concepts={"test_data": ("government test data", "held-out data")})


def _statement(text: str, block: int, **reading) -> Statement:
    fields = {"modality": "obligation", "strength": "strong", "party": "contractor", "modal": "shall"} | reading
    return Statement(block=block, start=0, end=len(text), text=text, section_path=(), source=f"p:{block}",
                     topic="other", topic_score=0.5, **fields)


class _Embedder:
    """Two texts are close exactly when both mention "evaluat" (the stand-in for meaning)."""

    def encode(self, texts):
        rows = [[1.0, 0.0] if "evaluat" in t.lower() else [0.0, 1.0] for t in texts]
        return np.asarray(rows, dtype=np.float32)


class _Judge:
    """Says what ``answer`` says, whatever the features; records how often it was asked."""

    features = FEATURES

    def __init__(self, answer: str) -> None:
        self.answer, self.asked = answer, 0

    def probabilities(self, rows):
        self.asked += len(rows)
        out = np.full((len(rows), len(LABELS)), 0.02)
        out[:, LABELS.index(self.answer)] = 0.94
        return out


PARAPHRASE = _statement("Components must evaluate each AI system on data they assemble themselves.", 0)


def _match(statements, judge, requirements=(OBLIGATION,)):
    from acqspec.check.baseline import Baseline

    baseline = Baseline("clauses", "clauses TE-01", tuple(requirements), {"TE-01": "Testing"})
    return match_baseline(baseline, statements, [s.text for s in statements], frozenset(s.block for s in statements),
                          WEAKENING_RULES, (), _Embedder(), judge)


def test_the_judge_finds_what_the_concepts_miss_and_says_so() -> None:
    [match] = _match([PARAPHRASE], _Judge("satisfies"))
    assert match.status == "satisfied" and match.statement is PARAPHRASE
    assert match.judged.startswith("judged by meaning: P(satisfies) 0.94")


def test_unrelated_contradicting_or_unexplained_weakening_is_not_a_match() -> None:
    for answer in ("unrelated", "contradicts", "weakens"):  # "weakens" with no weakening rule to say how
        [match] = _match([PARAPHRASE], _Judge(answer))
        assert match.status == "missing", answer


def test_a_weakening_the_rules_can_name_is_reported_weakened() -> None:
    hedged = _statement("To the extent practicable, components should evaluate each AI system on their own data.",
                        0, strength="weak", modal="should", hedges=("to the extent practicable",))
    [match] = _match([hedged], _Judge("weakens"))
    assert match.status == "weakened" and {s.code for s in match.shortfalls} >= {"AQ201", "AQ202"}


def test_the_judge_is_not_asked_when_concepts_match_nor_about_distant_sentences() -> None:
    judge = _Judge("satisfies")
    literal = _statement("The Contractor shall evaluate the system on Government test data.", 0)
    [match] = _match([literal], judge)
    assert match.status == "satisfied" and match.judged is None and judge.asked == 0
    far = _statement("The Contractor shall deliver a monthly status report.", 0)
    assert _match([far], judge)[0].status == "missing" and judge.asked == 0


def test_a_sentence_the_concepts_gave_to_another_obligation_stays_there() -> None:
    other = RequiredObligation(id="TE-02.1", text="The contractor must evaluate with red-team exercises.",
                               party="contractor", modality="obligation", clause_id="TE-02",
                               concepts={"red_team": ("evaluate",)})
    matches = _match([PARAPHRASE], _Judge("satisfies"), (OBLIGATION, other))
    assert [m.status for m in matches] == ["missing", "satisfied"]


def test_the_shipped_judge_reads_and_softmax_fits(tmp_path: Path) -> None:
    rows = [[0.0, 1.0], [0.1, 0.9], [1.0, 0.0], [0.9, 0.2]]
    params = fit_softmax(rows, [0, 0, 1, 1], 2, iterations=500)
    data = {"features": ["a", "b"], "labels": ["yes", "no"],
            **{k: np.asarray(v).tolist() for k, v in params.items()}}
    file = tmp_path / "judge.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    judge = load_pair_judge(str(file))
    p = judge.probabilities([[0.0, 1.0], [1.0, 0.0]])
    assert np.allclose(p.sum(axis=1), 1.0) and p[0, 0] > 0.8 and p[1, 1] > 0.8
    with pytest.raises(ValueError):
        PairJudge({**data, "weights": [[1.0]]})
