"""The bundled samples: the checker finds exactly what samples/expected.yaml plants,
except the gaps recorded in samples/expected-gaps.json (bench/eval_samples.py --record)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_samples", ROOT / "bench" / "eval_samples.py")
eval_samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_samples)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def result() -> dict:
    return eval_samples.evaluate()


def test_samples_match_the_planting_except_recorded_gaps(result: dict) -> None:
    recorded = json.loads(eval_samples.GAPS.read_text(encoding="utf-8"))
    assert eval_samples.gaps(result) == recorded, "run python bench/eval_samples.py --details, then --record"


def test_most_planted_problems_are_found(result: dict) -> None:
    found = sum(row["found"] for row in result["families"].values())
    planted = sum(row["planted"] for row in result["families"].values())
    assert planted >= 40 and found / planted >= 0.8


def test_generated_sow_is_clean_against_its_own_profile(runner) -> None:
    """The generator's output must satisfy every obligation the checker looks for."""
    from acqspec.cli import cli

    sow = ROOT / "samples" / "sows" / "cbp-face-capture-generated.docx"
    profile = ROOT / "samples" / "profiles" / "cbp-face-capture.yaml"
    out = runner.invoke(cli, ["check", str(sow), "--profile", str(profile), "--select", "AQ1", "--select", "AQ2",
                              "--select", "AQ3", "--format", "json", "--no-config"])
    data = json.loads(out.stdout)
    assert data["findings"] == [] and out.exit_code == 0
    assert {c["status"] for c in data["coverage"]} == {"satisfied"} and len(data["coverage"]) > 100


@pytest.mark.parametrize("profile", ["uscis-genai-case-assistant", "fema-damage-assessment", "mgmt-document-routing"])
def test_every_sample_profile_generates_a_sow_its_checker_accepts(runner, tmp_path: Path, profile: str) -> None:
    from acqspec.cli import cli

    sow = tmp_path / "sow.docx"
    path = ROOT / "samples" / "profiles" / f"{profile}.yaml"
    assert runner.invoke(cli, ["generate", str(path), "-o", str(sow)]).exit_code == 0
    out = runner.invoke(cli, ["check", str(sow), "--profile", str(path), "--select", "AQ1", "--select", "AQ2",
                              "--format", "json", "--no-config"])
    data = json.loads(out.stdout)
    assert [f["code"] + " " + (f["obligation_id"] or "") for f in data["findings"]] == []
