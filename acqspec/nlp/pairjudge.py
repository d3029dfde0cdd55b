"""Load the shipped pair judge (``nlp_models/judge/judge.json``): a multinomial logistic regression.

What it judges and on which features is :mod:`acqspec.check.judge`; it is built by
``acqspec model build-judge`` (:func:`acqspec.training.build_judge`).  This module only
reads the numbers and applies them with numpy, lazily, once per process.  Without the
file (a checkout before the build) :func:`load_pair_judge` returns None and coverage
matches on concepts and wording alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

JUDGE_NAME = "judge"
JUDGE_FILE = "judge.json"


def default_judge_path() -> Path:
    from acqspec.resources import models_dir

    return models_dir() / JUDGE_NAME / JUDGE_FILE


class PairJudge:
    """Standardise the feature rows, one affine map, softmax over the labels."""

    def __init__(self, data: dict) -> None:
        import numpy as np

        self.features: tuple[str, ...] = tuple(data["features"])
        self.labels: tuple[str, ...] = tuple(data["labels"])
        self._mean = np.asarray(data["mean"], dtype=np.float64)
        self._scale = np.asarray(data["scale"], dtype=np.float64)
        self._weights = np.asarray(data["weights"], dtype=np.float64)
        self._bias = np.asarray(data["bias"], dtype=np.float64)
        if self._weights.shape != (len(self.features), len(self.labels)):
            raise ValueError(f"weights of shape {self._weights.shape} for {len(self.features)} features and "
                             f"{len(self.labels)} labels")

    def probabilities(self, rows: Sequence[Sequence[float]]):
        """One row of label probabilities per feature row."""
        import numpy as np

        scores = ((np.asarray(rows, dtype=np.float64) - self._mean) / self._scale) @ self._weights + self._bias
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


@lru_cache(maxsize=4)
def load_pair_judge(path: str | None = None) -> PairJudge | None:
    """The judge at ``path`` (default: shipped), or None when there is none."""
    file = Path(path) if path else default_judge_path()
    if not file.is_file():
        if path:
            from acqspec.errors import AcqspecError

            raise AcqspecError("no such pair judge", path=file)
        return None
    return PairJudge(json.loads(file.read_text(encoding="utf-8")))
