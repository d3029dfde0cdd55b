"""Batches that keep going: an unreadable file is an AQ400 finding and the others are still checked (exit 2);
skipped files are listed with the reason; --exclude, the config's exclude and .gitignore files leave files out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acqspec.cli import cli

SOW = ("# 1 Reporting\n\nThe Contractor shall report incidents in a timely manner.\n\n"
       "The Contractor shall deliver monthly reports within [TBD] days.\n")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a-sow.md").write_text(SOW)
    (folder / "b-broken.docx").write_bytes(b"not a zip package at all")
    (folder / "c-legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0 an OLE file")
    (folder / "d-notes.txt").write_text(SOW)
    (folder / "picture.png").write_bytes(b"\x89PNG")  # not a document: passed over without a word
    return folder


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_an_unreadable_file_is_a_finding_and_the_rest_are_still_checked(runner, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = runner.invoke(cli, ["check", str(folder), "--no-config"])
    assert result.exit_code == 2
    out = result.stdout
    assert f"{folder / 'b-broken.docx'}: AQ400 error cannot be read: " in out
    assert f"{folder / 'a-sow.md'}:5: AQ403 error" in out and f"{folder / 'd-notes.txt'}:" in out
    assert f"{folder / 'c-legacy.doc'}: skipped: unsupported file type .doc" in out
    assert "picture.png" not in out
    assert _lines(out)[-1].startswith("2 documents checked, ")
    assert _lines(out)[-1].endswith("; 1 file could not be read, 1 file skipped")
    assert "AQ400 1" in _lines(out)[-2]
    (error,) = _lines(result.stderr)
    assert error.startswith(f"acqspec: error: {folder / 'b-broken.docx'}: ") and "Traceback" not in result.stderr


def test_the_json_report_lists_unreadable_and_skipped_files(runner, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = runner.invoke(cli, ["check", str(folder), "--no-config", "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 2
    assert data["paths"] == [str(folder / "a-sow.md"), str(folder / "d-notes.txt")]
    assert [u["path"] for u in data["unreadable"]] == [str(folder / "b-broken.docx")]
    assert data["unreadable"][0]["reason"]
    assert data["skipped"] == [{"path": str(folder / "c-legacy.doc"),
                                "reason": data["skipped"][0]["reason"]}]
    assert ".doc" in data["skipped"][0]["reason"]
    unreadable = [f for f in data["findings"] if f["code"] == "AQ400"]
    assert len(unreadable) == 1 and unreadable[0]["severity"] == "error"
    assert unreadable[0]["location"]["block"] is None


def test_unreadable_files_are_reported_whatever_the_rule_selection(runner, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = runner.invoke(cli, ["check", str(folder), "--no-config", "--select", "AQ3", "--ignore", "AQ4",
                                 "--format", "json"])
    assert result.exit_code == 2
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["AQ400"]


def test_workers_report_the_same_batch(runner, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    one = runner.invoke(cli, ["check", str(folder), "--no-config"])
    two = runner.invoke(cli, ["check", str(folder), "--no-config", "-j", "2"])
    assert one.exit_code == two.exit_code == 2 and one.stdout == two.stdout and one.stderr == two.stderr


def test_a_batch_report_is_written_and_valid_sarif(runner, tmp_path: Path) -> None:
    import jsonschema

    folder = _folder(tmp_path)
    target = tmp_path / "acqspec.sarif"
    result = runner.invoke(cli, ["check", str(folder), "--no-config", "--format", "sarif", "-o", str(target)])
    assert result.exit_code == 2 and target.is_file()
    log = json.loads(target.read_text())
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert not list(validator.iter_errors(log))
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "note"]
    assert any(r["ruleId"] == "AQ400" for r in log["runs"][0]["results"])


def test_nothing_readable_is_a_one_line_refusal_without_output(runner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    target = tmp_path / "report.json"
    result = runner.invoke(cli, ["check", str(broken), "--no-config", "--format", "json", "-o", str(target)])
    assert result.exit_code == 2 and not target.exists() and result.stdout == ""
    assert len(_lines(result.stderr)) == 1 and _lines(result.stderr)[0].startswith("acqspec: error: ")
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"x")
    only = runner.invoke(cli, ["check", str(legacy), "--no-config"])
    assert only.exit_code == 2 and _lines(only.stderr) == [
        f"acqspec: error: {legacy}: " + _lines(only.stderr)[0].split(f"{legacy}: ", 1)[1]]
    assert ".doc" in only.stderr


# --- leaving files out --------------------------------------------------------------------------


def _checked(runner, *args: str) -> list[str]:
    result = runner.invoke(cli, ["check", *args, "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output + result.stderr
    return [Path(p).name for p in json.loads(result.stdout)["paths"]]


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name in ("sow.md", "drafts/draft.md", "archive/old.md", "archive/keep.md", "sub/deep/notes.md",
                 "sub/deep/scratch.md", ".hidden/secret.md"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SOW)
    return root


def test_exclude_patterns_leave_files_and_folders_out(runner, tmp_path: Path, monkeypatch) -> None:
    root = _tree(tmp_path)
    monkeypatch.chdir(root)
    assert _checked(runner, ".", "--no-config") == ["keep.md", "old.md", "draft.md", "sow.md", "notes.md",
                                                    "scratch.md"]
    assert _checked(runner, ".", "--no-config", "--exclude", "drafts/", "--exclude", "scratch.md") == [
        "keep.md", "old.md", "sow.md", "notes.md"]
    assert _checked(runner, ".", "--no-config", "--exclude", "archive/*", "--exclude", "!archive/keep.md") == [
        "keep.md", "draft.md", "sow.md", "notes.md", "scratch.md"]


def test_config_exclude_is_relative_to_the_config_file(runner, tmp_path: Path, monkeypatch) -> None:
    root = _tree(tmp_path)
    (root / ".acqspec.toml").write_text('exclude = ["/sub/", "archive/old.md"]\n')
    monkeypatch.chdir(tmp_path)  # not the config's folder
    assert _checked(runner, "repo") == ["keep.md", "draft.md", "sow.md"]
    assert _checked(runner, "repo", "--exclude", "repo/drafts/") == ["keep.md", "sow.md"]  # added to the config's


def test_gitignore_files_are_respected_in_folders(runner, tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("# drafts stay local\ndrafts/\narchive/*\n!archive/keep.md\n")
    (root / "sub" / ".gitignore").write_text("deep/scratch.md\n")
    assert _checked(runner, str(root), "--no-config") == ["keep.md", "sow.md", "notes.md"]
    # a .gitignore above the checked folder counts too, up to the repository root
    assert _checked(runner, str(root / "sub"), "--no-config") == ["notes.md"]
    # a file named on the command line is checked even when ignored
    assert _checked(runner, str(root / "drafts" / "draft.md"), "--no-config") == ["draft.md"]
    assert _checked(runner, str(root), "--no-config", "--no-respect-gitignore") == [
        "keep.md", "old.md", "draft.md", "sow.md", "notes.md", "scratch.md"]


def test_git_info_exclude_counts_and_an_empty_result_is_an_error(runner, tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / ".git" / "info").mkdir(parents=True)
    (root / ".git" / "info" / "exclude").write_text("sub/\n")
    assert _checked(runner, str(root), "--no-config", "--exclude", "archive/", "--exclude", "drafts/") == [
        "sow.md"]
    nothing = runner.invoke(cli, ["check", str(root / "sub"), "--no-config", "--exclude", "*.md"])
    assert nothing.exit_code == 2 and "no .docx, .pdf, .txt or .md files to check" in nothing.stderr


@pytest.mark.parametrize("pattern", ["\\", "!"])
def test_a_bad_exclude_pattern_is_a_one_line_error(runner, tmp_path: Path, pattern: str) -> None:
    root = _tree(tmp_path)
    result = runner.invoke(cli, ["check", str(root), "--no-config", "--exclude", pattern])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert _lines(result.stderr) == [(f"acqspec: error: --exclude / exclude: {pattern!r} is not a valid "
                                      ".gitignore-style pattern")]


def test_a_bad_gitignore_line_is_passed_over_as_git_does(runner, tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("!\ndrafts/\n")
    assert "draft.md" not in _checked(runner, str(root), "--no-config")
